//! `POST /v2/customers` (register a customer) and `POST /v2/customers/tokens` (log in).

use axum::body::Bytes;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::post;
use axum::Router;
use serde::Serialize;

use super::{
    checked_length, data_object, data_response, expect_type, optional_string, parse_json,
    required_string,
};
use crate::auth::{ClientAuth, Grant};
use crate::clock::{self, Timestamp};
use crate::error::ApiError;
use crate::render::CustomerView;
use crate::state::{lock, SharedState};
use crate::store::NewCustomer;

pub fn routes() -> Router<SharedState> {
    Router::new()
        .route("/v2/customers", post(create))
        .route("/v2/customers/tokens", post(token))
}

/// Registers a customer (client_credentials only): 201 with the customer, `password` shown as a
/// boolean; 422 for invalid fields; 409 "Duplicate email".
async fn create(
    State(state): State<SharedState>,
    ClientAuth(grant): ClientAuth,
    body: Bytes,
) -> Result<Response, ApiError> {
    if grant != Grant::ClientCredentials {
        return Err(ApiError::forbidden(
            "a client_credentials token is required to create customers",
        ));
    }
    let body = parse_json(&body)?;
    let data = data_object(&body)?;
    expect_type(data, "customer")?;
    let name = required_string(data, "name")?;
    let email = required_string(data, "email")?;
    let password = optional_string(data, "password")?;
    checked_length("name", name)?;
    checked_length("email", email)?;
    if !looks_like_email(email) {
        return Err(ApiError::validation(
            "The data.email field must be a valid email address.",
        ));
    }
    if password == Some("") {
        return Err(ApiError::validation(
            "The data.password field may not be empty.",
        ));
    }
    let new = NewCustomer {
        id: None,
        name: name.to_owned(),
        email: email.to_owned(),
        password: password.map(str::to_owned),
    };
    let mut store = lock(&state.store);
    let customer = store.create_customer(new, clock::now())?;
    Ok(data_response(
        StatusCode::CREATED,
        CustomerView::new(customer),
    ))
}

/// `local@domain.tld`, without spaces: what a form would accept.
fn looks_like_email(email: &str) -> bool {
    let Some((local, domain)) = email.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains('@')
        && !email.chars().any(char::is_whitespace)
}

/// Logs a customer in with email and password (implicit or client_credentials token): 200 with
/// an HS256 JWT, or 401 "Invalid credentials".
async fn token(
    State(state): State<SharedState>,
    ClientAuth(_): ClientAuth,
    body: Bytes,
) -> Result<Response, ApiError> {
    let body = parse_json(&body)?;
    let data = data_object(&body)?;
    expect_type(data, "token")?;
    let mechanism = optional_string(data, "authentication_mechanism")?.unwrap_or("password");
    if mechanism != "password" {
        return Err(ApiError::validation(format!(
            "The authentication_mechanism '{mechanism}' is not supported by the emulator; use password."
        )));
    }
    let email = required_string(data, "email")?;
    let password = required_string(data, "password")?;
    let customer_id = lock(&state.store)
        .authenticate(email, password)
        .map(|customer| customer.id.clone())
        .ok_or_else(|| ApiError::new(StatusCode::UNAUTHORIZED, "Invalid credentials"))?;
    let token = lock(&state.customer_tokens).issue(&customer_id, clock::now());
    Ok(data_response(
        StatusCode::OK,
        TokenView {
            kind: "token",
            id: token.id,
            customer_id: token.customer_id,
            token: token.token,
            expires: token.expires,
        },
    ))
}

/// A customer token as the API shows it.
#[derive(Debug, Serialize)]
struct TokenView {
    #[serde(rename = "type")]
    kind: &'static str,
    id: String,
    customer_id: String,
    token: String,
    expires: Timestamp,
}

#[cfg(test)]
mod tests {
    use super::looks_like_email;

    #[test]
    fn email_check_is_lenient_but_not_empty() {
        assert!(looks_like_email("ron@swanson.com"));
        for bad in [
            "ron",
            "@swanson.com",
            "ron@swanson",
            "ron@.com",
            "r on@s.com",
            "a@b@c.d",
        ] {
            assert!(!looks_like_email(bad), "{bad}");
        }
    }
}
