//! The admin API under `/__emulator`, for tests and developers: journal, reset, faults, token
//! expiry, health. No authentication; these requests are not journaled, faulted or rate limited.
//! The contract is documented in the crate's README.

use axum::body::Bytes;
use axum::extract::Path;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{delete, get, post};
use axum::{Json, Router};
use serde::Serialize;
use serde_json::{json, Value};

use super::{json_response, parse_json};
use crate::error::ApiError;
use crate::faults::FaultSpec;
use crate::journal::JournalEntry;
use crate::state::{lock, SharedState};

pub fn routes() -> Router<SharedState> {
    Router::new()
        .route("/health", get(health))
        .route("/requests", get(requests).delete(clear_requests))
        .route("/reset", post(reset))
        .route("/faults", post(add_fault).delete(clear_faults))
        .route("/faults/{id}", delete(remove_fault))
        .route("/tokens/expire", post(expire_tokens))
}

/// `GET /__emulator/health` → `{"ok":true}`.
async fn health() -> Json<Value> {
    Json(json!({ "ok": true }))
}

/// `GET /__emulator/requests` → `{"requests":[...]}`, oldest first.
async fn requests(State(state): State<SharedState>) -> Response {
    #[derive(Serialize)]
    struct Requests<'a> {
        requests: Vec<&'a JournalEntry>,
    }
    let journal = lock(&state.journal);
    let requests = journal.entries().collect();
    json_response(StatusCode::OK, &Requests { requests })
}

/// `DELETE /__emulator/requests` → 204, journal emptied.
async fn clear_requests(State(state): State<SharedState>) -> StatusCode {
    lock(&state.journal).clear();
    StatusCode::NO_CONTENT
}

/// `POST /__emulator/reset` with an optional body `{"empty": bool}` → 204. Without `empty`, the
/// instance's `--empty` setting decides between the demo data and an empty store.
async fn reset(State(state): State<SharedState>, body: Bytes) -> Result<StatusCode, ApiError> {
    let empty = if body.iter().all(u8::is_ascii_whitespace) {
        None
    } else {
        match parse_json(&body)?.get("empty") {
            None | Some(Value::Null) => None,
            Some(Value::Bool(empty)) => Some(*empty),
            Some(_) => return Err(ApiError::bad_request("empty must be a boolean")),
        }
    };
    state.reset(empty.unwrap_or(state.config.empty));
    Ok(StatusCode::NO_CONTENT)
}

/// `POST /__emulator/faults` with a rule → 201 `{"id": N}`; 400 for an invalid rule.
async fn add_fault(
    State(state): State<SharedState>,
    body: Bytes,
) -> Result<(StatusCode, Json<Value>), ApiError> {
    let text = std::str::from_utf8(&body)
        .map_err(|_| ApiError::bad_request("the fault is not UTF-8 text"))?;
    let spec = FaultSpec::from_json(text).map_err(ApiError::bad_request)?;
    let id = lock(&state.faults).add(spec);
    Ok((StatusCode::CREATED, Json(json!({ "id": id }))))
}

/// `DELETE /__emulator/faults` → 204, every rule removed.
async fn clear_faults(State(state): State<SharedState>) -> StatusCode {
    lock(&state.faults).clear();
    StatusCode::NO_CONTENT
}

/// `DELETE /__emulator/faults/{id}` → 204, or 404 if there is no such rule (any more).
async fn remove_fault(
    State(state): State<SharedState>,
    Path(id): Path<u64>,
) -> Result<StatusCode, ApiError> {
    if lock(&state.faults).remove(id) {
        Ok(StatusCode::NO_CONTENT)
    } else {
        Err(ApiError::status(StatusCode::NOT_FOUND).detail(format!("no fault rule {id}")))
    }
}

/// `POST /__emulator/tokens/expire` → 204; every client access token issued so far stops
/// working.
async fn expire_tokens(State(state): State<SharedState>) -> StatusCode {
    lock(&state.client_tokens).revoke_all();
    StatusCode::NO_CONTENT
}
