//! The one error type of the SDK.
//!
//! Every failure, whether the API answered with an error, the network failed, the call timed out or
//! was aborted, or an argument was invalid, is an [`Error`] with an [`ErrorKind`]. The JS bindings
//! turn it into an `EpccError` object; nothing else throws.

use alloc::boxed::Box;
use alloc::string::String;

use crate::text;

/// What went wrong, as JavaScript code branches on it (`err.kind`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorKind {
    /// The API answered with a non-2xx status; `status` and `errors` say more.
    Api,
    /// The request could not be sent or its answer could not be read.
    Network,
    /// The call took longer than the configured timeout.
    Timeout,
    /// The caller's `AbortSignal` fired.
    Aborted,
    /// An argument or a config value was rejected before anything was sent.
    InvalidInput,
    /// The API answered 2xx with a body that is not JSON.
    Decode,
}

impl ErrorKind {
    /// The value of `err.kind` in JavaScript.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorKind::Api => "api",
            ErrorKind::Network => "network",
            ErrorKind::Timeout => "timeout",
            ErrorKind::Aborted => "aborted",
            ErrorKind::InvalidInput => "invalid_input",
            ErrorKind::Decode => "decode",
        }
    }
}

/// One entry of the API's `errors` array, as far as the SDK needs to read it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ApiProblem {
    pub title: Option<String>,
    pub detail: Option<String>,
}

/// An SDK failure: a kind, a message for people, and for API errors the HTTP status. Boxed, so
/// a `Result` carrying one is a word wide and `?` moves a pointer, not the whole error.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error(Box<Details>);

/// What an [`Error`] holds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Details {
    pub kind: ErrorKind,
    pub status: Option<u16>,
    pub message: String,
}

impl core::ops::Deref for Error {
    type Target = Details;
    fn deref(&self) -> &Details {
        &self.0
    }
}

impl core::ops::DerefMut for Error {
    fn deref_mut(&mut self) -> &mut Details {
        &mut self.0
    }
}

impl Error {
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        Error(Box::new(Details {
            kind,
            status: None,
            message: message.into(),
        }))
    }

    pub fn invalid_input(message: impl Into<String>) -> Self {
        Error::new(ErrorKind::InvalidInput, message)
    }

    /// An invalid-input error whose message is `parts` joined: `Error::invalid(&[what, " must ..."])`.
    pub fn invalid(parts: &[&str]) -> Self {
        Error::new(ErrorKind::InvalidInput, text::concat(parts))
    }

    /// The error for a non-2xx answer. This is the only place an HTTP status becomes an error;
    /// the message names the status and the API's first problem.
    pub fn from_status(status: u16, first_problem: Option<&ApiProblem>) -> Self {
        let mut message = String::from("EPCC API error ");
        text::push_u64(&mut message, u64::from(status));
        if let Some(problem) = first_problem {
            if let Some(title) = problem.title.as_deref().filter(|t| !t.is_empty()) {
                message.push_str(": ");
                message.push_str(title);
            }
            if let Some(detail) = problem.detail.as_deref().filter(|d| !d.is_empty()) {
                message.push_str(if problem.title.is_some() { " (" } else { ": " });
                message.push_str(detail);
                if problem.title.is_some() {
                    message.push(')');
                }
            }
        }
        Error(Box::new(Details {
            kind: ErrorKind::Api,
            status: Some(status),
            message,
        }))
    }
}

pub type Result<T, E = Error> = core::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn api_message_names_status_title_and_detail() {
        let problem = ApiProblem {
            title: Some("Last cart".into()),
            detail: Some("This is the last cart".into()),
        };
        let err = Error::from_status(400, Some(&problem));
        assert_eq!(err.kind, ErrorKind::Api);
        assert_eq!(err.status, Some(400));
        assert_eq!(
            err.message,
            "EPCC API error 400: Last cart (This is the last cart)"
        );
    }

    #[test]
    fn api_message_without_a_body() {
        assert_eq!(Error::from_status(502, None).message, "EPCC API error 502");
        let only_detail = ApiProblem {
            detail: Some("x".into()),
            ..ApiProblem::default()
        };
        assert_eq!(
            Error::from_status(500, Some(&only_detail)).message,
            "EPCC API error 500: x"
        );
    }

    #[test]
    fn kinds_have_stable_js_names() {
        let names: Vec<_> = [
            ErrorKind::Api,
            ErrorKind::Network,
            ErrorKind::Timeout,
            ErrorKind::Aborted,
            ErrorKind::InvalidInput,
            ErrorKind::Decode,
        ]
        .iter()
        .map(|k| k.as_str())
        .collect();
        assert_eq!(
            names,
            [
                "api",
                "network",
                "timeout",
                "aborted",
                "invalid_input",
                "decode"
            ]
        );
    }
}
