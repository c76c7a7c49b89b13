//! Cart resources: `GET /v2/carts` (listing) and create, read, update, delete of one cart.

use axum::body::Bytes;
use axum::extract::{RawQuery, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::get;
use axum::Router;
use serde_json::{Map, Value};

use super::{
    checked_length, data_object, data_response, is_safe_id, json_response, optional_string,
    parse_json, required_string, CartId,
};
use crate::auth::{ClientAuth, CustomerAuth, Grant, ValidTokens};
use crate::clock;
use crate::error::ApiError;
use crate::listing::ListQuery;
use crate::render::items::PricedItems;
use crate::render::{CartDocument, CartList, CartView, Included};
use crate::state::{lock, SharedState};
use crate::store::{Cart, CartUpdate, DiscountSettings, NewCart, Party, Scope};

pub fn routes() -> Router<SharedState> {
    Router::new()
        .route("/v2/carts", get(list).post(create))
        .route("/v2/carts/{id}", get(read).put(update).delete(delete))
}

/// Lists carts, most recently updated first: the customer's own with a customer token, every
/// cart with a client_credentials token and no customer token, 403 otherwise.
async fn list(
    State(state): State<SharedState>,
    ClientAuth(grant): ClientAuth,
    CustomerAuth(customer): CustomerAuth,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    let scope = match (&customer, grant) {
        (Some(customer_id), _) => Scope::Customer(customer_id),
        (None, Grant::ClientCredentials) => Scope::All,
        (None, Grant::Implicit) => {
            return Err(ApiError::forbidden(
                "a client_credentials token or a customer token is required to list carts",
            ))
        }
    };
    let query = ListQuery::parse(raw.as_deref(), state.config.page_length)
        .map_err(ApiError::bad_request)?;
    let include_items = includes_items(raw.as_deref());
    let store = lock(&state.store);
    let page = if query.filter.is_empty() {
        store.list_carts(scope, query.offset, query.limit)
    } else {
        store.list_carts_matching(
            scope,
            |cart| query.filter.matches(cart),
            query.offset,
            query.limit,
        )
    };
    let list = CartList::new(&page, &query, &state.base_url);
    if !include_items {
        return Ok(json_response(StatusCode::OK, &list));
    }
    let priced: Vec<PricedItems<'_>> = page
        .carts
        .iter()
        .map(|cart| PricedItems::new(cart))
        .collect();
    let list = list.including(Included::items(&priced, &state.base_url));
    Ok(json_response(StatusCode::OK, &list))
}

/// Whether the query asks for `include=items` (a comma-separated list may name more).
fn includes_items(raw: Option<&str>) -> bool {
    form_urlencoded::parse(raw.unwrap_or("").as_bytes())
        .any(|(key, value)| key == "include" && value.split(',').any(|part| part.trim() == "items"))
}

/// Creates a cart: 201. With a customer token the cart is associated with that customer at once.
async fn create(
    State(state): State<SharedState>,
    ClientAuth(_): ClientAuth,
    CustomerAuth(customer): CustomerAuth,
    body: Bytes,
) -> Result<Response, ApiError> {
    let body = parse_json(&body)?;
    let data = data_object(&body)?;
    let id = match optional_string(data, "id")? {
        Some(id) if is_safe_id(id) => Some(id.to_owned()),
        Some(_) => return Err(ApiError::unsafe_cart_id()),
        None => None,
    };
    let name = checked_length("name", required_string(data, "name")?)?.to_owned();
    let new = NewCart {
        id,
        name,
        description: optional_string(data, "description")?
            .unwrap_or_default()
            .to_owned(),
        discount_settings: discount_settings(data)?.unwrap_or_default(),
    };
    let now = clock::now();
    let mut store = lock(&state.store);
    let id = store.create_cart(new, now)?.id.clone();
    if let Some(customer_id) = &customer {
        store.associate(Party::Customer, &id, customer_id, now)?;
    }
    let cart = store.cart(&id).expect("the cart was just created");
    Ok(cart_response(StatusCode::CREATED, cart, &state.base_url))
}

/// Reads a cart. Like the real service, an unknown id creates an empty cart named `Cart`.
/// `include=items` adds the cart's items under `included.items`.
async fn read(
    State(state): State<SharedState>,
    _: ValidTokens,
    CartId(id): CartId,
    RawQuery(raw): RawQuery,
) -> Response {
    let mut store = lock(&state.store);
    let cart = store.get_or_create_cart(&id, clock::now());
    if !includes_items(raw.as_deref()) {
        return cart_response(StatusCode::OK, cart, &state.base_url);
    }
    let priced = [PricedItems::new(cart)];
    let document = CartDocument {
        data: CartView::new(cart, &state.base_url),
        included: Some(Included::items(&priced, &state.base_url)),
    };
    json_response(StatusCode::OK, &document)
}

/// Updates the fields present in the body (`name`, `description`, `discount_settings`) and
/// bumps `updated_at`: 200, or 404 for an unknown cart.
async fn update(
    State(state): State<SharedState>,
    _: ValidTokens,
    CartId(id): CartId,
    body: Bytes,
) -> Result<Response, ApiError> {
    let body = parse_json(&body)?;
    let data = data_object(&body)?;
    let changes = CartUpdate {
        name: optional_string(data, "name")?
            .map(|name| checked_length("name", name).map(str::to_owned))
            .transpose()?,
        description: optional_string(data, "description")?.map(str::to_owned),
        discount_settings: discount_settings(data)?,
    };
    let mut store = lock(&state.store);
    let cart = store.update_cart(&id, changes, clock::now())?;
    Ok(cart_response(StatusCode::OK, cart, &state.base_url))
}

/// Deletes a cart: 204; 400 "Last cart" while a customer is associated; 404 if unknown.
async fn delete(
    State(state): State<SharedState>,
    _: ValidTokens,
    CartId(id): CartId,
) -> Result<StatusCode, ApiError> {
    lock(&state.store).delete_cart(&id)?;
    Ok(StatusCode::NO_CONTENT)
}

/// The optional `discount_settings` object; 422 if its flags are not booleans.
fn discount_settings(data: &Map<String, Value>) -> Result<Option<DiscountSettings>, ApiError> {
    let Some(settings) = data.get("discount_settings").filter(|v| !v.is_null()) else {
        return Ok(None);
    };
    let invalid = || {
        ApiError::validation("The data.discount_settings field must be an object of boolean flags.")
    };
    let settings = settings.as_object().ok_or_else(invalid)?;
    let flag = |name: &str| match settings.get(name) {
        None => Ok(false),
        Some(value) => value.as_bool().ok_or_else(invalid),
    };
    Ok(Some(DiscountSettings {
        custom_discounts_enabled: flag("custom_discounts_enabled")?,
        use_rule_promotions: flag("use_rule_promotions")?,
    }))
}

/// `{"data": cart}`.
fn cart_response(status: StatusCode, cart: &Cart, base_url: &str) -> Response {
    data_response(status, CartView::new(cart, base_url))
}
