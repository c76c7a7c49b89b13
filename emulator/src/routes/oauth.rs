//! `POST /oauth/access_token`: client access tokens for the implicit and client_credentials
//! grants.

use std::collections::HashMap;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::post;
use axum::{Json, Router};
use serde::Serialize;

use crate::auth::Grant;
use crate::clock::{self, Timestamp};
use crate::error::ApiError;
use crate::state::{lock, SharedState};

pub fn routes() -> Router<SharedState> {
    Router::new().route("/oauth/access_token", post(access_token))
}

/// Issues a token from a form body: `grant_type=implicit&client_id=...` or
/// `grant_type=client_credentials&client_id=...&client_secret=...`.
///
/// Missing or unsupported parameters are 400; an unknown client id or a wrong secret is 401
/// "Unauthorized". The answer is a flat object (no `data` envelope) whose `expires` is an
/// absolute time in epoch seconds.
async fn access_token(
    State(state): State<SharedState>,
    body: Bytes,
) -> Result<Json<TokenResponse>, ApiError> {
    let form: HashMap<String, String> = form_urlencoded::parse(&body).into_owned().collect();
    let field = |name: &str| form.get(name).map(String::as_str).filter(|v| !v.is_empty());
    let grant = match field("grant_type") {
        None => return Err(ApiError::bad_request("grant_type is required")),
        Some("implicit") => Grant::Implicit,
        Some("client_credentials") => Grant::ClientCredentials,
        Some(other) => {
            return Err(ApiError::bad_request(format!(
                "unsupported grant_type '{other}': use implicit or client_credentials"
            )))
        }
    };
    let client_id =
        field("client_id").ok_or_else(|| ApiError::bad_request("client_id is required"))?;
    let unauthorized = |detail: &str| ApiError::status(StatusCode::UNAUTHORIZED).detail(detail);
    if client_id != state.config.client_id {
        return Err(unauthorized("unknown client_id"));
    }
    if grant == Grant::ClientCredentials {
        let secret = field("client_secret").ok_or_else(|| {
            ApiError::bad_request("client_secret is required for the client_credentials grant")
        })?;
        if secret != state.config.client_secret {
            return Err(unauthorized("wrong client_secret"));
        }
    }
    let token = lock(&state.client_tokens).issue(grant, clock::now());
    Ok(Json(TokenResponse {
        expires: token.expires,
        identifier: token.grant.identifier(),
        expires_in: token.expires_in,
        access_token: token.access_token,
        token_type: "Bearer",
    }))
}

/// The token answer, a flat object in the documented field order.
#[derive(Debug, Serialize)]
struct TokenResponse {
    expires: Timestamp,
    identifier: &'static str,
    expires_in: u64,
    access_token: String,
    token_type: &'static str,
}
