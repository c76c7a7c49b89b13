//! Cart associations: `POST` / `DELETE /v2/carts/:id/relationships/customers` and
//! `.../relationships/accounts`.
//!
//! A shopper calls them with an implicit token plus their own customer (or account) token; an
//! admin with a client_credentials token and no customer token, for any customer. The body is
//! `{"data":[{"type":"customer","id":"..."}]}`, an array of exactly one element.

use axum::body::Bytes;
use axum::extract::{FromRequestParts, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::Router;
use serde_json::Value;

use super::{data_response, CartId};
use crate::auth::{AccountAuth, ClientAuth, CustomerAuth, Grant};
use crate::clock;
use crate::error::ApiError;
use crate::render::Identifiers;
use crate::state::{lock, SharedState};
use crate::store::{Link, Party};

pub fn routes() -> Router<SharedState> {
    Router::new()
        .route(
            "/v2/carts/{id}/relationships/customers",
            post(add::<CustomerAuth>).delete(remove::<CustomerAuth>),
        )
        .route(
            "/v2/carts/{id}/relationships/accounts",
            post(add::<AccountAuth>).delete(remove::<AccountAuth>),
        )
}

/// The party token a route reads: a customer token (verified; the value is its customer's id)
/// or an Account Management token (opaque: accounts are not managed by the emulator).
trait PartyToken: FromRequestParts<SharedState, Rejection = ApiError> {
    const PARTY: Party;
    fn value(&self) -> Option<&str>;
}

impl PartyToken for CustomerAuth {
    const PARTY: Party = Party::Customer;
    fn value(&self) -> Option<&str> {
        self.0.as_deref()
    }
}

impl PartyToken for AccountAuth {
    const PARTY: Party = Party::Account;
    fn value(&self) -> Option<&str> {
        self.0.as_deref()
    }
}

impl Party {
    fn kind(self) -> &'static str {
        match self {
            Party::Customer => "customer",
            Party::Account => "account",
        }
    }

    fn forbidden(self) -> ApiError {
        let title = match self {
            Party::Customer => {
                "Customer does not have the required permissions to fulfill this request"
            }
            Party::Account => {
                "Account does not have the required permissions to fulfill this request"
            }
        };
        ApiError::new(StatusCode::FORBIDDEN, title)
    }
}

/// 200 with the new association, 204 if it existed; 403 when a customer token does not belong
/// to the customer in the body. With an implicit token, an account token's presence is what
/// counts, and any account id is accepted.
async fn add<T: PartyToken>(
    State(state): State<SharedState>,
    ClientAuth(grant): ClientAuth,
    token: T,
    CartId(cart_id): CartId,
    body: Bytes,
) -> Result<Response, ApiError> {
    let target = party_in_body(&body, T::PARTY)?;
    authorize(grant, &token, &target)?;
    let link = lock(&state.store).associate(T::PARTY, &cart_id, &target, clock::now())?;
    Ok(link_response(link, T::PARTY, target))
}

/// 204, whether or not the association existed.
async fn remove<T: PartyToken>(
    State(state): State<SharedState>,
    ClientAuth(grant): ClientAuth,
    token: T,
    CartId(cart_id): CartId,
    body: Bytes,
) -> Result<StatusCode, ApiError> {
    let target = party_in_body(&body, T::PARTY)?;
    authorize(grant, &token, &target)?;
    lock(&state.store).dissociate(T::PARTY, &cart_id, &target, clock::now())?;
    Ok(StatusCode::NO_CONTENT)
}

/// The id named by a body `{"data":[{"type": kind, "id": ...}]}`.
///
/// 403 "Invalid json payload" when the body is not JSON or `data` is not a one-element array
/// (the API's status for these), 403 "Cannot associate more than one ..." for several elements,
/// 400 for a wrong or missing `type`, 422 for a missing `id`.
fn party_in_body(body: &[u8], party: Party) -> Result<String, ApiError> {
    let invalid = |detail: &str| ApiError::forbidden(detail).titled("Invalid json payload");
    let body: Value =
        serde_json::from_slice(body).map_err(|_| invalid("the request body is not valid JSON"))?;
    let data = body
        .get("data")
        .and_then(Value::as_array)
        .ok_or_else(|| invalid("data must be an array"))?;
    let item = match data.as_slice() {
        [item] => item,
        [] => return Err(invalid("data must hold one element")),
        _ => {
            return Err(ApiError::new(
                StatusCode::FORBIDDEN,
                format!("Cannot associate more than one {}", party.kind()),
            ))
        }
    };
    if item.get("type").and_then(Value::as_str) != Some(party.kind()) {
        return Err(ApiError::new(
            StatusCode::BAD_REQUEST,
            format!(
                "The type does not exist or is not listed as {}",
                party.kind()
            ),
        ));
    }
    match item.get("id").and_then(Value::as_str) {
        Some(id) if !id.is_empty() => Ok(id.to_owned()),
        _ => Err(ApiError::validation("The data[0].id field is required.")),
    }
}

/// Who may change a cart's associations: a client_credentials token without a party token may
/// do anything; otherwise a party token is needed, and a customer token must belong to the
/// customer in the body (`target`).
fn authorize<T: PartyToken>(grant: Grant, token: &T, target: &str) -> Result<(), ApiError> {
    match token.value() {
        Some(owner) if T::PARTY == Party::Customer && owner != target => Err(T::PARTY.forbidden()),
        Some(_) => Ok(()),
        None if grant == Grant::ClientCredentials => Ok(()),
        None => Err(T::PARTY.forbidden()),
    }
}

fn link_response(link: Link, party: Party, id: String) -> Response {
    match link {
        Link::Added => data_response(StatusCode::OK, Identifiers(party.kind(), &[id])),
        Link::Existing => StatusCode::NO_CONTENT.into_response(),
    }
}
