//! Cross-origin access for browsers: preflight answers and the headers every response carries.
//!
//! Every `OPTIONS` request, on any path, is answered as a preflight.
//!
//! Any origin may call the emulator (`Access-Control-Allow-Origin: *`; the API uses bearer
//! tokens, not cookies). A preflight may ask for any request header: the ones the SDKs send are
//! always listed and whatever `Access-Control-Request-Headers` names is echoed back.
//! `Retry-After` is exposed so that browser code can honour it on a 429.

use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::Response;

/// Methods a browser may use.
pub const ALLOWED_METHODS: &str = "GET, POST, PUT, DELETE, OPTIONS";

/// Request headers the SDKs send, always allowed.
pub const ALLOWED_HEADERS: &str = "Authorization, Content-Type, Accept, X-Moltin-Sdk-Language, \
     X-Moltin-Sdk-Version, X-Moltin-Application, X-Moltin-Currency, X-Moltin-Language, \
     X-Moltin-Customer-Token, EP-Account-Management-Authentication-Token, EP-Channel, EP-Context-Tag";

/// How long a browser may cache a preflight answer, in seconds.
pub const MAX_AGE_SECONDS: u32 = 86_400;

/// The answer to a preflight: `204` with the allowed methods and headers.
pub fn preflight(request_headers: &HeaderMap) -> Response {
    let mut response = Response::new(axum::body::Body::empty());
    *response.status_mut() = StatusCode::NO_CONTENT;
    let allowed = match request_headers
        .get(header::ACCESS_CONTROL_REQUEST_HEADERS)
        .and_then(|value| value.to_str().ok())
        .map(str::trim)
    {
        Some(requested) if !requested.is_empty() => format!("{ALLOWED_HEADERS}, {requested}"),
        _ => ALLOWED_HEADERS.to_owned(),
    };
    let headers = response.headers_mut();
    headers.insert(
        header::ACCESS_CONTROL_ALLOW_METHODS,
        HeaderValue::from_static(ALLOWED_METHODS),
    );
    headers.insert(
        header::ACCESS_CONTROL_ALLOW_HEADERS,
        HeaderValue::from_str(&allowed)
            .unwrap_or_else(|_| HeaderValue::from_static(ALLOWED_HEADERS)),
    );
    headers.insert(
        header::ACCESS_CONTROL_MAX_AGE,
        HeaderValue::from(MAX_AGE_SECONDS),
    );
    response
}

/// Adds the headers every response carries.
pub fn decorate(mut response: Response) -> Response {
    let headers = response.headers_mut();
    headers.insert(
        header::ACCESS_CONTROL_ALLOW_ORIGIN,
        HeaderValue::from_static("*"),
    );
    headers.insert(
        header::ACCESS_CONTROL_EXPOSE_HEADERS,
        HeaderValue::from_static("Retry-After"),
    );
    response
}
