//! Checkout and orders: `POST /v2/carts/:id/checkout`, `GET /v2/orders/:id` and
//! `GET /v2/orders/:id/items`.
//!
//! Who may check out as whom: a guest (`customer: {name, email}`) with any token; a registered
//! customer (`customer: {id}`) with that customer's token, or with a client_credentials token
//! and no customer token; an account (`account`, `contact`) with an account token or a
//! client_credentials token. Who may read an order: anyone with a valid token for a guest's
//! order; the customer's token or a client_credentials token (and no customer token) for a
//! customer's (another customer's token gets 404, an implicit token alone 403); an account token
//! or a client_credentials token for an account's.

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{get, post, MethodRouter};
use axum::Router;
use serde_json::{Map, Value};

use super::{data_object, data_response, optional_string, parse_json, CartId};
use crate::auth::{AccountAuth, ClientAuth, CustomerAuth, Grant};
use crate::clock;
use crate::error::ApiError;
use crate::render::orders::PricedOrder;
use crate::state::{lock, SharedState};
use crate::store::{Address, Buyer, NewOrder, Order, StoreError};

pub fn routes() -> Router<SharedState> {
    Router::new()
        .route("/v2/carts/{id}/checkout", post(checkout))
        // An order: 200; 404 if unknown or another customer's; 403 without the right token.
        .route(
            "/v2/orders/{id}",
            reading(|priced| data_response(StatusCode::OK, priced.view())),
        )
        // The items of an order, as they were at checkout; access as for the order.
        .route(
            "/v2/orders/{id}/items",
            reading(|priced| data_response(StatusCode::OK, priced.items())),
        )
}

const CUSTOMER_FORBIDDEN: &str =
    "Customer does not have the required permissions to fulfill this request";
const ACCOUNT_FORBIDDEN: &str =
    "Account does not have the required permissions to fulfill this request";

/// An object field of `data` (`None` when absent); 422 if it is something else.
fn object<'a>(
    data: &'a Map<String, Value>,
    field: &str,
) -> Result<Option<&'a Map<String, Value>>, ApiError> {
    match data.get(field) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Object(object)) => Ok(Some(object)),
        Some(_) => Err(ApiError::validation(format!(
            "The data.{field} field must be an object."
        ))),
    }
}

/// A string field of a nested object, `""` when absent; 422 when `required` and empty.
fn field(
    object: &Map<String, Value>,
    parent: &str,
    name: &str,
    required: bool,
) -> Result<String, ApiError> {
    let value = match object.get(name) {
        None | Some(Value::Null) => "",
        Some(Value::String(text)) => text,
        Some(_) => {
            return Err(ApiError::validation(format!(
                "The data.{parent}.{name} field must be a string."
            )))
        }
    };
    if required && value.trim().is_empty() {
        return Err(ApiError::validation(format!(
            "The data.{parent}.{name} field is required."
        )));
    }
    Ok(value.to_owned())
}

/// A billing or shipping address: `first_name`, `last_name`, `line_1`, `postcode` and
/// `country` are required, the other fields default to empty.
fn address(data: &Map<String, Value>, name: &str) -> Result<Address, ApiError> {
    let object = object(data, name)?
        .ok_or_else(|| ApiError::validation(format!("The data.{name} field is required.")))?;
    let required = ["first_name", "last_name", "line_1", "postcode", "country"];
    let get = |field_name: &str| field(object, name, field_name, required.contains(&field_name));
    Ok(Address {
        first_name: get("first_name")?,
        last_name: get("last_name")?,
        phone_number: get("phone_number")?,
        company_name: get("company_name")?,
        line_1: get("line_1")?,
        line_2: get("line_2")?,
        city: get("city")?,
        postcode: get("postcode")?,
        county: get("county")?,
        region: get("region")?,
        country: get("country")?,
        instructions: get("instructions")?,
    })
}

/// Checks out a cart: 201 with the new order. 400 "Cart is empty" for a cart without items;
/// 409 "Cart already checked out" (with `meta.order_id`) when the cart has not changed since it
/// became an order, which is also what the second of two simultaneous checkouts gets; 404 for
/// an unknown cart or customer; 403 when the credentials may not check out as that buyer; 422
/// for missing or invalid fields.
async fn checkout(
    State(state): State<SharedState>,
    ClientAuth(grant): ClientAuth,
    CustomerAuth(customer_token): CustomerAuth,
    AccountAuth(account_token): AccountAuth,
    CartId(cart_id): CartId,
    body: Bytes,
) -> Result<Response, ApiError> {
    let body = parse_json(&body)?;
    let data = data_object(&body)?;
    let customer = object(data, "customer")?;
    let account = object(data, "account")?;
    let contact = object(data, "contact")?;
    let billing_address = address(data, "billing_address")?;
    let shipping_address = address(data, "shipping_address")?;
    let forbidden = |title: &str| Err(ApiError::new(StatusCode::FORBIDDEN, title));

    let (buyer, name, email) = match (customer, account.or(contact)) {
        (Some(customer), _) => match optional_string(customer, "id")? {
            Some(id) if !id.is_empty() => {
                match (&customer_token, grant) {
                    (Some(owner), _) if owner != id => return forbidden(CUSTOMER_FORBIDDEN),
                    (Some(_), _) | (None, Grant::ClientCredentials) => {}
                    (None, Grant::Implicit) => return forbidden(CUSTOMER_FORBIDDEN),
                }
                let store = lock(&state.store);
                let registered = store.customer(id).ok_or(StoreError::CustomerNotFound)?;
                (
                    Buyer::Customer(id.to_owned()),
                    registered.name.clone(),
                    registered.email.clone(),
                )
            }
            _ => (
                Buyer::Guest,
                field(customer, "customer", "name", true)?,
                field(customer, "customer", "email", true)?,
            ),
        },
        (None, Some(_)) => {
            if account_token.is_none() && grant != Grant::ClientCredentials {
                return forbidden(ACCOUNT_FORBIDDEN);
            }
            let contact = contact
                .ok_or_else(|| ApiError::validation("The data.contact field is required."))?;
            let account = account.cloned().unwrap_or_default();
            let member_id = field(&account, "account", "member_id", false)?;
            (
                Buyer::Account {
                    id: field(&account, "account", "id", false)?,
                    member_id: (!member_id.is_empty()).then_some(member_id),
                },
                field(contact, "contact", "name", true)?,
                field(contact, "contact", "email", true)?,
            )
        }
        (None, None) => {
            return Err(ApiError::validation(
                "The data.customer field (or data.account and data.contact) is required.",
            ))
        }
    };
    let new = NewOrder {
        buyer,
        name,
        email,
        billing_address,
        shipping_address,
    };
    let mut store = lock(&state.store);
    let order = store.checkout(&cart_id, new, clock::now())?;
    let priced = PricedOrder::new(order);
    Ok(data_response(StatusCode::CREATED, priced.view()))
}

/// The order `id` if these credentials may read it; see the module docs.
fn readable<'a>(
    order: Option<&'a Order>,
    grant: Grant,
    customer_token: Option<&str>,
    account_token: Option<&str>,
) -> Result<&'a Order, ApiError> {
    let order = order.ok_or(StoreError::OrderNotFound)?;
    let admin = grant == Grant::ClientCredentials;
    match (&order.buyer, customer_token) {
        (Buyer::Guest, _) => Ok(order),
        (Buyer::Customer(owner), Some(token)) if owner == token => Ok(order),
        (_, Some(_)) => Err(StoreError::OrderNotFound.into()),
        (_, None) if admin => Ok(order),
        (Buyer::Account { .. }, None) if account_token.is_some() => Ok(order),
        (Buyer::Customer(_), None) => Err(ApiError::forbidden(
            "the order's customer token or a client_credentials token is required to read this order",
        )),
        (Buyer::Account { .. }, None) => Err(ApiError::new(StatusCode::FORBIDDEN, ACCOUNT_FORBIDDEN)),
    }
}

/// A GET route answering with what `render` makes of an order these credentials may read.
fn reading(render: fn(&PricedOrder<'_>) -> Response) -> MethodRouter<SharedState> {
    get(
        move |State(state): State<SharedState>,
              ClientAuth(grant): ClientAuth,
              CustomerAuth(customer_token): CustomerAuth,
              AccountAuth(account_token): AccountAuth,
              Path(id): Path<String>| async move {
            let store = lock(&state.store);
            let order = readable(
                store.order(&id),
                grant,
                customer_token.as_deref(),
                account_token.as_deref(),
            )?;
            let priced = PricedOrder::new(order);
            Ok::<_, ApiError>(render(&priced))
        },
    )
}
