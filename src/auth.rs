//! Access tokens: the token request, what is kept in storage, and when to refresh.

use alloc::borrow::ToOwned;
use alloc::string::String;
use alloc::vec::Vec;

use crate::config::{Config, Grant};
use crate::request::{percent_encode_into, ApiRequest, Auth, Method, FORM};

/// What the SDK reads from the credentials key: the parts of the official SDK's record (which
/// also holds `identifier` and `token_type`) that say whether its token can be used. The record
/// is the official SDK's, so a storefront that switches keeps its token.
#[derive(Clone, Debug, PartialEq)]
pub struct Credentials {
    pub client_id: String,
    pub access_token: String,
    /// Absolute expiry, seconds since the Unix epoch.
    pub expires: f64,
    /// Lifetime in seconds as issued.
    pub expires_in: f64,
}

/// Refresh at most this many seconds before expiry...
const MAX_REFRESH_MARGIN_SECS: f64 = 60.0;

impl Credentials {
    /// Whether this token can be used for `client_id` at `now_secs`. A token is refreshed a little
    /// before it expires (a tenth of its lifetime, at most a minute) so that a call never leaves
    /// with a token that dies on the way.
    pub fn usable_for(&self, client_id: &str, now_secs: f64) -> bool {
        let margin = (self.expires_in / 10.0).clamp(0.0, MAX_REFRESH_MARGIN_SECS);
        !self.access_token.is_empty()
            && self.client_id == client_id
            && now_secs + margin < self.expires
    }
}

/// `POST /oauth/access_token` for the configured grant, form-encoded as the official SDK sends it.
pub fn token_request(config: &Config) -> ApiRequest {
    let mut body = String::new();
    match &config.grant {
        Grant::Implicit => {
            form_pair(&mut body, "grant_type", "implicit");
            form_pair(&mut body, "client_id", &config.client_id);
        }
        Grant::ClientCredentials { client_secret } => {
            form_pair(&mut body, "grant_type", "client_credentials");
            form_pair(&mut body, "client_id", &config.client_id);
            form_pair(&mut body, "client_secret", client_secret);
        }
    }
    ApiRequest {
        method: Method::Post,
        path: "/oauth/access_token".to_owned(),
        query: String::new(),
        body: Some(body),
        content_type: FORM,
        auth: Auth::None,
        customer_token: None,
        extra_headers: Vec::new(),
    }
}

fn form_pair(out: &mut String, key: &str, value: &str) {
    if !out.is_empty() {
        out.push('&');
    }
    encode_component(out, key);
    out.push('=');
    encode_component(out, value);
}

/// `encodeURIComponent`: keeps `A-Z a-z 0-9 - _ . ! ~ * ' ( )`.
fn encode_component(out: &mut String, value: &str) {
    percent_encode_into(out, value, b"-_.!~*'()");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn creds(expires: f64, expires_in: f64) -> Credentials {
        Credentials {
            client_id: "cid".into(),
            access_token: "tok".into(),
            expires,
            expires_in,
        }
    }

    #[test]
    fn implicit_and_client_credentials_bodies() {
        let mut config = Config::new("c i&d").unwrap();
        let req = token_request(&config);
        assert_eq!(req.path, "/oauth/access_token");
        assert_eq!(
            req.body.as_deref(),
            Some("grant_type=implicit&client_id=c%20i%26d")
        );
        assert_eq!(req.content_type, FORM);
        config.set_client_secret("s/+=").unwrap();
        assert_eq!(
            token_request(&config).body.as_deref(),
            Some("grant_type=client_credentials&client_id=c%20i%26d&client_secret=s%2F%2B%3D")
        );
    }

    #[test]
    fn token_request_headers_match_the_official_sdk() {
        let config = Config::new("cid").unwrap();
        let headers = token_request(&config).headers(&config, None);
        let names: Vec<_> = headers.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(
            names,
            [
                "Content-Type",
                "X-MOLTIN-SDK-LANGUAGE",
                "X-MOLTIN-SDK-VERSION"
            ]
        );
        assert_eq!(headers[0].1, FORM);
    }

    #[test]
    fn refreshes_shortly_before_expiry() {
        let c = creds(10_000.0, 3600.0);
        assert!(c.usable_for("cid", 9_939.0));
        assert!(
            !c.usable_for("cid", 9_940.0),
            "a minute early for hour-long tokens"
        );
        let short = creds(100.0, 10.0);
        assert!(short.usable_for("cid", 98.9));
        assert!(
            !short.usable_for("cid", 99.0),
            "a tenth of the lifetime for short tokens"
        );
    }

    #[test]
    fn other_clients_tokens_are_not_used() {
        let c = creds(10_000.0, 3600.0);
        assert!(!c.usable_for("other", 0.0));
        let empty = Credentials {
            access_token: String::new(),
            ..c
        };
        assert!(!empty.usable_for("cid", 0.0));
    }
}
