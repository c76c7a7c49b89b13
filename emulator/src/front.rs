//! What happens to every request before it reaches a route, and to its response after:
//!
//! 1. requests to `/__emulator` only get CORS headers (they are never journaled, faulted or
//!    rate limited);
//! 2. the body is read, up to 1 MiB (413 beyond);
//! 3. the request is journaled;
//! 4. a matching fault rule may delay it, answer in its place, drop the connection, or cut the
//!    answer's body short;
//! 5. `OPTIONS` is answered as a CORS preflight;
//! 6. the rate limit may answer 429;
//! 7. the router handles it;
//! 8. the response gets its CORS headers and its status goes into the journal.

use std::panic::AssertUnwindSafe;
use std::time::{Duration, Instant};

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::request::Parts;
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use futures_util::FutureExt;
use http_body_util::{BodyExt, LengthLimitError, Limited};

use crate::cors;
use crate::error::ApiError;
use crate::faults::FaultOutcome;
use crate::server::ConnectionCloser;
use crate::state::{lock, SharedState};

/// Largest request body accepted.
pub const BODY_LIMIT: usize = 1024 * 1024;

/// Path prefix of the admin API.
pub const ADMIN_PREFIX: &str = "/__emulator";

/// The middleware; see the module docs.
pub async fn intercept(State(state): State<SharedState>, request: Request, next: Next) -> Response {
    if is_admin_path(request.uri().path()) {
        let response = if request.method() == Method::OPTIONS {
            cors::preflight(request.headers())
        } else {
            next.run(request).await
        };
        return cors::decorate(response);
    }

    let started = Instant::now();
    let (parts, body) = request.into_parts();
    let body = read_body(body).await;
    let seq = lock(&state.journal).start(&parts, body.as_deref().ok());
    let (method, path) = (parts.method.clone(), parts.uri.path().to_owned());
    let closer = parts.extensions.get::<ConnectionCloser>().cloned();
    let finish = |status: u16, outcome: &str| {
        lock(&state.journal).finish(seq, status);
        log(&state, &method, &path, outcome, started);
    };

    let handled = match body {
        // A panicking handler still gets its journal entry and log line, with a 500.
        Ok(bytes) => AssertUnwindSafe(handle(&state, parts, bytes, next))
            .catch_unwind()
            .await
            .unwrap_or_else(|_| Some(internal_error())),
        Err(response) => Some(response),
    };
    let response = match (handled, closer) {
        (Some(response), _) => response,
        (None, Some(closer)) => {
            finish(0, "dropped");
            return closer.close().await;
        }
        // Only when the router is used without `serve`, which provides the closer.
        (None, None) => ApiError::status(StatusCode::SERVICE_UNAVAILABLE)
            .detail("a fault rule asked to drop the connection, which only `serve` can do")
            .into_response(),
    };
    let response = cors::decorate(response);
    finish(response.status().as_u16(), response.status().as_str());
    response
}

/// The answer when the emulator itself fails: a bug, not bad input, answered in the API's
/// format instead of hanging up.
pub fn internal_error() -> Response {
    ApiError::status(StatusCode::INTERNAL_SERVER_ERROR)
        .detail("the emulator failed while handling this request")
        .into_response()
}

/// Steps 4 to 7; `None` when a fault drops the connection.
async fn handle(state: &SharedState, parts: Parts, body: Bytes, next: Next) -> Option<Response> {
    let fault = lock(&state.faults).take(&parts.method, parts.uri.path());
    let (outcome, cut_after) = match fault {
        Some(fault) => {
            if let Some(delay) = fault.delay {
                tokio::time::sleep(delay).await;
            }
            (fault.outcome, fault.cut_after)
        }
        None => (FaultOutcome::Proceed, None),
    };
    let response = match outcome {
        FaultOutcome::Proceed => respond(state, parts, body, next).await,
        FaultOutcome::Drop => return None,
        FaultOutcome::Respond {
            status,
            body,
            retry_after,
        } => fault_response(status, body, retry_after),
    };
    Some(match cut_after {
        Some(bytes) => cut_short(response, bytes).await,
        None => response,
    })
}

/// Steps 5 to 7.
async fn respond(state: &SharedState, parts: Parts, body: Bytes, next: Next) -> Response {
    if parts.method == Method::OPTIONS {
        return cors::preflight(&parts.headers);
    }
    if let Some(limiter) = &state.rate_limiter {
        if let Err(retry_after) = lock(limiter).acquire(Instant::now()) {
            return ApiError::too_many_requests(retry_after).into_response();
        }
    }
    next.run(Request::from_parts(parts, Body::from(body))).await
}

/// `response` with its full `Content-Length` but only the first `bytes` of its body, after
/// which the body fails, which makes the server close the connection. The pause before failing
/// lets the head and the partial body reach the client first.
async fn cut_short(response: Response, bytes: usize) -> Response {
    let (mut parts, body) = response.into_parts();
    let whole = body
        .collect()
        .await
        .map(|c| c.to_bytes())
        .unwrap_or_default();
    let sent = whole.slice(..bytes.min(whole.len()));
    parts
        .headers
        .insert(header::CONTENT_LENGTH, HeaderValue::from(whole.len()));
    // States: the partial body to send, then the failure, then nothing.
    let chunks = futures_util::stream::unfold(Some(Some(sent)), |step| async move {
        match step? {
            Some(sent) => Some((Ok(sent), Some(None))),
            None => {
                tokio::time::sleep(CUT_PAUSE).await;
                let cut = std::io::Error::new(
                    std::io::ErrorKind::ConnectionAborted,
                    "a fault rule cut this answer short",
                );
                Some((Err(cut), None))
            }
        }
    });
    Response::from_parts(parts, Body::from_stream(chunks))
}

/// How long a cut answer waits between its partial body and closing the connection.
const CUT_PAUSE: Duration = Duration::from_millis(50);

fn is_admin_path(path: &str) -> bool {
    path.strip_prefix(ADMIN_PREFIX)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
}

/// Reads the whole body; 413 beyond [`BODY_LIMIT`].
async fn read_body(body: Body) -> Result<Bytes, Response> {
    match Limited::new(body, BODY_LIMIT).collect().await {
        Ok(collected) => Ok(collected.to_bytes()),
        Err(error) if error.is::<LengthLimitError>() => {
            Err(ApiError::status(StatusCode::PAYLOAD_TOO_LARGE)
                .detail("request bodies are limited to 1 MiB")
                .into_response())
        }
        Err(_) => Err(ApiError::bad_request("the request body could not be read").into_response()),
    }
}

/// The answer of a fault: the given body verbatim, or the API's error body for the status.
fn fault_response(status: StatusCode, body: Option<String>, retry_after: Option<u64>) -> Response {
    let mut response = match body {
        Some(raw) => {
            let mut response = (status, raw).into_response();
            response.headers_mut().insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/json"),
            );
            response
        }
        None if status.is_client_error() || status.is_server_error() => ApiError::status(status)
            .detail("injected by an emulator fault rule")
            .into_response(),
        None => status.into_response(),
    };
    if let Some(seconds) = retry_after {
        response
            .headers_mut()
            .insert(header::RETRY_AFTER, HeaderValue::from(seconds));
    }
    response
}

fn log(state: &SharedState, method: &Method, path: &str, outcome: &str, started: Instant) {
    if state.config.verbose {
        eprintln!(
            "{method} {path} -> {outcome} ({:.1} ms)",
            started.elapsed().as_secs_f64() * 1000.0
        );
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use axum::middleware::from_fn_with_state;
    use axum::routing::get;
    use axum::Router;
    use tower::ServiceExt;

    use super::*;
    use crate::config::AppConfig;
    use crate::state::AppState;

    #[tokio::test]
    async fn a_panicking_handler_answers_500_and_is_journaled() {
        let state = Arc::new(AppState::new(AppConfig::default(), "http://127.0.0.1:1"));
        let app = Router::new()
            .route(
                "/v2/boom",
                get(|| async { panic!("a bug in a handler") as &'static str }),
            )
            .layer(from_fn_with_state(Arc::clone(&state), intercept));
        let request = Request::get("/v2/boom").body(Body::empty()).unwrap();
        let response = app.oneshot(request).await.unwrap();
        assert_eq!(response.status(), StatusCode::INTERNAL_SERVER_ERROR);
        let journal = lock(&state.journal);
        let entry = journal.entries().last().expect("journaled");
        assert_eq!((entry.path.as_str(), entry.status), ("/v2/boom", Some(500)));
    }

    #[test]
    fn admin_paths_are_the_prefix_and_below() {
        assert!(is_admin_path("/__emulator"));
        assert!(is_admin_path("/__emulator/requests"));
        assert!(!is_admin_path("/__emulatorx"));
        assert!(!is_admin_path("/v2/carts"));
    }
}
