//! The HTTP surface: one module per API area, assembled into one router.

pub mod adjustments;
pub mod admin;
pub mod associations;
mod bulk;
pub mod carts;
pub mod catalog;
pub mod customers;
pub mod items;
pub mod oauth;
pub mod orders;

use axum::extract::{DefaultBodyLimit, FromRequestParts, Path, State};
use axum::http::request::Parts;
use axum::http::{header, HeaderValue, Method, StatusCode, Uri};
use axum::middleware::{from_fn_with_state, map_response};
use axum::response::{IntoResponse, Response};
use axum::routing::{delete, MethodRouter};
use axum::Router;
use serde::Serialize;
use serde_json::{Map, Value};

use crate::auth::ValidTokens;
use crate::clock;
use crate::error::{normalize_errors, ApiError};
use crate::front::{self, BODY_LIMIT};
use crate::render::Data;
use crate::state::{lock, SharedState};
use crate::store::{Cart, StoreError};

/// The whole application: API routes, admin routes, and the request pipeline around them
/// (journal, faults, rate limit, CORS, body limit, error format).
pub fn router(state: SharedState) -> Router {
    let routes = Router::new()
        .merge(oauth::routes())
        .merge(customers::routes())
        .merge(carts::routes())
        .merge(associations::routes())
        .merge(catalog::routes())
        .merge(items::routes())
        .merge(adjustments::routes())
        .merge(orders::routes())
        .nest("/__emulator", admin::routes())
        .fallback(unknown_route)
        .layer(map_response(normalize_errors))
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .with_state(state.clone());
    // `Router::layer` wraps each route after routing; wrapping the routes as one service makes
    // the pipeline see every request first, before any route or method matching.
    Router::new()
        .fallback_service(routes)
        .layer(from_fn_with_state(state, front::intercept))
}

async fn unknown_route(method: Method, uri: Uri) -> ApiError {
    ApiError::status(StatusCode::NOT_FOUND).detail(format!("no route for {method} {}", uri.path()))
}

/// A cart id taken from the path. Rejects ids with characters other than ASCII letters, digits,
/// `_` and `-` with 400 (**Decision** in the API reference), on every route that has one.
#[derive(Debug, Clone)]
pub struct CartId(pub String);

impl<S: Send + Sync> FromRequestParts<S> for CartId {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let Path(id) = Path::<String>::from_request_parts(parts, state)
            .await
            .map_err(|_| ApiError::unsafe_cart_id())?;
        if is_safe_id(&id) {
            Ok(CartId(id))
        } else {
            Err(ApiError::unsafe_cart_id())
        }
    }
}

/// The ids in a path below a cart: the cart id (checked like [`CartId`]) and the ids after it
/// (an item, a tax item, a discount, a promotion code), in order.
#[derive(Debug, Clone)]
pub struct CartPath {
    pub cart: String,
    pub rest: Vec<String>,
}

impl CartPath {
    /// The `n`-th id after the cart id (the route defines how many there are).
    pub fn id(&self, n: usize) -> &str {
        self.rest.get(n).map(String::as_str).unwrap_or_default()
    }
}

impl<S: Send + Sync> FromRequestParts<S> for CartPath {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let Path(params) = Path::<Vec<(String, String)>>::from_request_parts(parts, state)
            .await
            .map_err(|_| ApiError::unsafe_cart_id())?;
        let mut cart = None;
        let mut rest = Vec::new();
        for (name, value) in params {
            if name == "id" {
                cart = Some(value);
            } else {
                rest.push(value);
            }
        }
        match cart {
            Some(cart) if is_safe_id(&cart) => Ok(CartPath { cart, rest }),
            _ => Err(ApiError::unsafe_cart_id()),
        }
    }
}

/// Whether an id uses only the API's safe characters: ASCII letters, digits, `_` and `-`.
pub fn is_safe_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .bytes()
            .all(|byte| byte.is_ascii_alphanumeric() || byte == b'_' || byte == b'-')
}

/// A JSON response, serialized at once (so it may borrow from data behind a lock).
pub(crate) fn json_response(status: StatusCode, body: &impl Serialize) -> Response {
    let bytes = serde_json::to_vec(body).expect("views serialize to JSON");
    (
        status,
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        )],
        bytes,
    )
        .into_response()
}

/// `{"data": data}`, the envelope of single resources, as a JSON response.
pub(crate) fn data_response(status: StatusCode, data: impl Serialize) -> Response {
    json_response(status, &Data { data })
}

/// Applies `edit` to a cart (moving its `updated_at`): 204; 404 for an unknown cart, or the
/// edit's error (then the cart is unchanged).
pub(crate) fn edit_cart_answer(
    state: &SharedState,
    cart_id: &str,
    edit: impl FnOnce(&mut Cart) -> Result<(), StoreError>,
) -> Result<StatusCode, ApiError> {
    lock(&state.store).edit_cart(cart_id, clock::now(), |cart, _, _| edit(cart))?;
    Ok(StatusCode::NO_CONTENT)
}

/// A DELETE route that empties part of a cart with `clear` (moving its `updated_at`): 204; 404
/// for an unknown cart.
pub(crate) fn clearing(clear: fn(&mut Cart)) -> MethodRouter<SharedState> {
    delete(
        move |State(state): State<SharedState>, _: ValidTokens, CartId(id): CartId| async move {
            edit_cart_answer(&state, &id, |cart| {
                clear(cart);
                Ok(())
            })
        },
    )
}

/// Parses a JSON request body; 400 if it is not JSON.
pub(crate) fn parse_json(body: &[u8]) -> Result<Value, ApiError> {
    serde_json::from_slice(body).map_err(|error| {
        ApiError::bad_request(format!("the request body is not valid JSON: {error}"))
    })
}

/// The `data` object of a request body; 422 if missing or not an object.
pub(crate) fn data_object(body: &Value) -> Result<&Map<String, Value>, ApiError> {
    body.get("data")
        .and_then(Value::as_object)
        .ok_or_else(|| ApiError::validation("The data field is required and must be an object."))
}

/// An optional string field of `data`; 422 if present with another type.
pub(crate) fn optional_string<'a>(
    data: &'a Map<String, Value>,
    field: &str,
) -> Result<Option<&'a str>, ApiError> {
    match data.get(field) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(text)) => Ok(Some(text)),
        Some(_) => Err(ApiError::validation(format!(
            "The data.{field} field must be a string."
        ))),
    }
}

/// A required, non-empty string field of `data`; 422 otherwise.
pub(crate) fn required_string<'a>(
    data: &'a Map<String, Value>,
    field: &str,
) -> Result<&'a str, ApiError> {
    match optional_string(data, field)? {
        Some(text) if !text.is_empty() => Ok(text),
        _ => Err(required(field)),
    }
}

fn required(field: &str) -> ApiError {
    ApiError::validation(format!("The data.{field} field is required."))
}

/// Longest name or email the API accepts, in characters.
const MAX_FIELD_LENGTH: usize = 255;

/// A text field of 1 to 255 characters, such as a name or an email; 422 otherwise.
pub(crate) fn checked_length<'a>(field: &str, value: &'a str) -> Result<&'a str, ApiError> {
    match value.chars().count() {
        0 => Err(required(field)),
        length if length > MAX_FIELD_LENGTH => Err(ApiError::validation(format!(
            "The data.{field} field may not be greater than {MAX_FIELD_LENGTH} characters."
        ))),
        _ => Ok(value),
    }
}

/// Checks `data.type`; 422 if it is missing or not `expected`.
pub(crate) fn expect_type(data: &Map<String, Value>, expected: &str) -> Result<(), ApiError> {
    if required_string(data, "type")? == expected {
        Ok(())
    } else {
        Err(ApiError::validation(format!(
            "The data.type field must be {expected}."
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn safe_ids_are_letters_digits_underscore_and_dash() {
        assert!(is_safe_id("abc-DEF_123"));
        for unsafe_id in ["", "a b", "a.b", "a/b", "é", "a%20"] {
            assert!(!is_safe_id(unsafe_id), "{unsafe_id:?}");
        }
    }
}
