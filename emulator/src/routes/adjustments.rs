//! What changes a cart's prices besides its items: tax items on items
//! (`/items/:itemId/taxes[/:taxId]`, bulk `/taxes`) and custom discounts on the cart
//! (`/custom-discounts[/:discountId]`) or on an item (`/items/:itemId/custom-discounts[/:id]`).
//!
//! Each change moves the cart's `updated_at`. Tax and discount answers show the tax item or
//! discount itself; the cart's new totals are in its items and the cart.

use axum::body::Bytes;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{post, put};
use axum::Router;
use serde::Serialize;
use serde_json::{Map, Value};

use super::bulk;
use super::{
    clearing, data_object, data_response, edit_cart_answer, json_response, optional_string,
    parse_json, CartId, CartPath,
};
use crate::auth::ValidTokens;
use crate::clock;
use crate::error::{ApiError, ErrorObject};
use crate::money::Rate;
use crate::render::items::{DiscountView, TaxView};
use crate::state::{lock, SharedState};
use crate::store::items::{DiscountFields, TaxFields, MAX_DISCOUNT};
use crate::store::{Cart, StoreError};

pub fn routes() -> Router<SharedState> {
    Router::new()
        .route("/v2/carts/{id}/items/{item}/taxes", post(add_tax))
        .route(
            "/v2/carts/{id}/items/{item}/taxes/{tax}",
            put(update_tax).delete(remove_tax),
        )
        .route(
            "/v2/carts/{id}/taxes",
            // Removes every tax item of every item.
            post(add_taxes).merge(clearing(Cart::clear_taxes)),
        )
        .route(
            "/v2/carts/{id}/custom-discounts",
            // Removing removes the cart's own custom discounts.
            post(add_cart_discounts).merge(clearing(Cart::clear_custom_discounts)),
        )
        .route(
            "/v2/carts/{id}/custom-discounts/{discount}",
            put(update_cart_discount).delete(remove_cart_discount),
        )
        .route(
            "/v2/carts/{id}/items/{item}/custom-discounts",
            post(add_item_discount),
        )
        .route(
            "/v2/carts/{id}/items/{item}/custom-discounts/{discount}",
            put(update_item_discount).delete(remove_item_discount),
        )
}

/// Checks `data.type`, when `required` or present: 422 unless it is `expected`.
fn check_type(data: &Map<String, Value>, expected: &str, required: bool) -> Result<(), ApiError> {
    match optional_string(data, "type")? {
        Some(kind) if kind == expected => Ok(()),
        None if !required => Ok(()),
        _ => Err(ApiError::validation(format!(
            "The data.type field must be {expected}."
        ))),
    }
}

/// A text field: required ones must be present (they may be empty).
fn text(
    data: &Map<String, Value>,
    field: &str,
    required: bool,
) -> Result<Option<String>, ApiError> {
    match optional_string(data, field)? {
        Some(text) => Ok(Some(text.to_owned())),
        None if required => Err(ApiError::validation(format!(
            "The data.{field} field is required."
        ))),
        None => Ok(None),
    }
}

/// The fields of a tax item; `rate` is required when adding.
fn tax_fields(data: &Map<String, Value>, adding: bool) -> Result<TaxFields, ApiError> {
    check_type(data, "tax_item", adding)?;
    let rate = match data.get("rate") {
        None | Some(Value::Null) if !adding => None,
        None | Some(Value::Null) => {
            return Err(ApiError::validation("The data.rate field is required."))
        }
        Some(value) => Some(value.as_f64().and_then(Rate::from_decimal).ok_or_else(|| {
            ApiError::validation(
                "The data.rate field must be a decimal between 0 and 1 with at most six decimals.",
            )
        })?),
    };
    Ok(TaxFields {
        name: text(data, "name", false)?,
        jurisdiction: text(data, "jurisdiction", false)?,
        code: text(data, "code", false)?,
        rate,
    })
}

/// `data.relationships.item.data.id`, the item a bulk element is for.
fn related_item(data: &Map<String, Value>) -> Option<&str> {
    data.get("relationships")?
        .get("item")?
        .get("data")?
        .get("id")?
        .as_str()
}

/// The fields of a custom discount; all are required when adding. `amount` is negative cents.
fn discount_fields(data: &Map<String, Value>, adding: bool) -> Result<DiscountFields, ApiError> {
    check_type(data, "custom_discount", adding)?;
    let amount = match data.get("amount") {
        None | Some(Value::Null) if !adding => None,
        None | Some(Value::Null) => {
            return Err(ApiError::validation("The data.amount field is required."))
        }
        Some(value) => Some(
            value
                .as_i64()
                .filter(|amount| (-MAX_DISCOUNT..0).contains(amount))
                .ok_or_else(|| {
                    ApiError::validation(format!(
                        "The data.amount field must be a whole number of cents between -{MAX_DISCOUNT} and -1."
                    ))
                })?,
        ),
    };
    Ok(DiscountFields {
        amount,
        description: text(data, "description", adding)?,
        discount_code: text(data, "discount_code", adding)?,
        discount_engine: text(data, "discount_engine", adding)?,
        external_id: text(data, "external_id", adding)?,
    })
}

/// Adds a tax item to an item: 201 with the tax item; 404 for an unknown cart or item; 422 for
/// invalid fields or a sixth tax item.
async fn add_tax(
    State(state): State<SharedState>,
    _: ValidTokens,
    path: CartPath,
    body: Bytes,
) -> Result<Response, ApiError> {
    let body = parse_json(&body)?;
    let fields = tax_fields(data_object(&body)?, true)?;
    let item_id = path.id(0);
    let mut store = lock(&state.store);
    let tax_id = store.edit_cart(&path.cart, clock::now(), |cart, _, now| {
        cart.add_tax(item_id, fields, now)
    })?;
    tax_response(
        StatusCode::CREATED,
        store.cart(&path.cart),
        item_id,
        &tax_id,
    )
}

fn tax_response(
    status: StatusCode,
    cart: Option<&Cart>,
    item_id: &str,
    tax_id: &str,
) -> Result<Response, ApiError> {
    let item = cart.ok_or(StoreError::CartNotFound)?.item(item_id)?;
    let tax = item
        .taxes
        .iter()
        .find(|tax| tax.id == tax_id)
        .ok_or(StoreError::TaxNotFound)?;
    Ok(data_response(status, TaxView::new(tax, item)))
}

/// Changes the fields present in the body: 200 with the tax item; 404 when unknown.
async fn update_tax(
    State(state): State<SharedState>,
    _: ValidTokens,
    path: CartPath,
    body: Bytes,
) -> Result<Response, ApiError> {
    let body = parse_json(&body)?;
    let fields = tax_fields(data_object(&body)?, false)?;
    let (item_id, tax_id) = (path.id(0), path.id(1));
    let mut store = lock(&state.store);
    store.edit_cart(&path.cart, clock::now(), |cart, _, now| {
        cart.update_tax(item_id, tax_id, fields, now)
    })?;
    tax_response(StatusCode::OK, store.cart(&path.cart), item_id, tax_id)
}

/// Removes a tax item: 204; 404 when unknown.
async fn remove_tax(
    State(state): State<SharedState>,
    _: ValidTokens,
    path: CartPath,
) -> Result<StatusCode, ApiError> {
    edit_cart_answer(&state, &path.cart, |cart| {
        cart.remove_tax(path.id(0), path.id(1))
    })
}

/// `{"data": [...]}` plus the `errors` of the elements that failed.
#[derive(Serialize)]
struct BulkDocument<'a, T> {
    data: Vec<T>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    errors: Vec<ErrorObject<'a>>,
}

/// Adds tax items to several items: `data` is an array of tax items, each naming its item in
/// `relationships.item.data.id`. 201 with the tax items added and the `errors` of the others;
/// with `options.add_all_or_nothing` any failure is 422 "Add all or nothing." and nothing is
/// added.
async fn add_taxes(
    State(state): State<SharedState>,
    _: ValidTokens,
    CartId(id): CartId,
    body: Bytes,
) -> Result<Response, ApiError> {
    let request = bulk::add_request(&body, |data| {
        let item = related_item(data).ok_or_else(|| {
            ApiError::validation("The data.relationships.item.data.id field is required.")
        })?;
        Ok((item.to_owned(), tax_fields(data, true)?))
    })?;
    let mut store = lock(&state.store);
    store.cart(&id).ok_or(StoreError::CartNotFound)?;
    let (added, errors) = bulk::add(
        &mut store,
        &id,
        request.parsed,
        request.all_or_nothing,
        "add tax items to cart",
        bulk::as_parsed,
        |cart, _, now, (item, fields)| cart.add_tax(&item, fields, now).map(|tax| (item, tax)),
    )?;
    let cart = store.cart(&id).expect("checked above");
    let mut data = Vec::new();
    for (item_id, tax_id) in &added {
        let item = cart.item(item_id)?;
        if let Some(tax) = item.taxes.iter().find(|tax| &tax.id == tax_id) {
            data.push(TaxView::new(tax, item));
        }
    }
    let document = BulkDocument {
        data,
        errors: errors.iter().map(ApiError::object).collect(),
    };
    Ok(json_response(StatusCode::CREATED, &document))
}

/// The view of a custom discount of the cart (`item_id` `None`) or of an item.
fn discount_view<'a>(
    cart: &'a Cart,
    item_id: Option<&str>,
    discount_id: &str,
) -> Result<DiscountView<'a>, ApiError> {
    let item = item_id.map(|id| cart.item(id)).transpose()?;
    let discount = cart.custom_discount(item_id, discount_id)?;
    Ok(DiscountView::new(discount, item))
}

/// Adds custom discounts to the cart: `data` is one discount or an array of them; an element
/// with `relationships.item.data.id` goes to that item instead. 201 with the discount(s) added
/// (an object for an object, an array for an array, with the `errors` of the elements that
/// failed); 400 "Custom discounts not enabled for this cart" unless the cart's
/// `discount_settings.custom_discounts_enabled` is set; 422 for invalid fields or past the limit.
async fn add_cart_discounts(
    State(state): State<SharedState>,
    _: ValidTokens,
    CartId(id): CartId,
    body: Bytes,
) -> Result<Response, ApiError> {
    let request = bulk::add_request(&body, |data| {
        Ok((
            related_item(data).map(str::to_owned),
            discount_fields(data, true)?,
        ))
    })?;
    let mut store = lock(&state.store);
    store.cart(&id).ok_or(StoreError::CartNotFound)?;
    let (added, errors) = bulk::add(
        &mut store,
        &id,
        request.parsed,
        request.all_or_nothing && request.bulk,
        "add custom discounts to cart",
        bulk::as_parsed,
        |cart, _, _, (item, fields)| {
            cart.add_custom_discount(item.as_deref(), fields)
                .map(|discount| (item, discount))
        },
    )?;
    let cart = store.cart(&id).expect("checked above");
    let views = added
        .iter()
        .map(|(item, discount)| discount_view(cart, item.as_deref(), discount))
        .collect::<Result<Vec<_>, _>>()?;
    if !request.bulk {
        let view = views.into_iter().next().expect("one element was added");
        return Ok(data_response(StatusCode::CREATED, view));
    }
    let document = BulkDocument {
        data: views,
        errors: errors.iter().map(ApiError::object).collect(),
    };
    Ok(json_response(StatusCode::CREATED, &document))
}

/// Changes a custom discount of the cart (`item` `None`) or of an item: 200 with it.
fn update_discount(
    state: &SharedState,
    cart_id: &str,
    item: Option<&str>,
    discount_id: &str,
    body: &[u8],
) -> Result<Response, ApiError> {
    let body = parse_json(body)?;
    let fields = discount_fields(data_object(&body)?, false)?;
    let mut store = lock(&state.store);
    store.edit_cart(cart_id, clock::now(), |cart, _, _| {
        cart.update_custom_discount(item, discount_id, fields)
    })?;
    let cart = store.cart(cart_id).expect("edited above");
    Ok(data_response(
        StatusCode::OK,
        discount_view(cart, item, discount_id)?,
    ))
}

/// Removes a custom discount of the cart (`item` `None`) or of an item: 204.
fn remove_discount(
    state: &SharedState,
    cart_id: &str,
    item: Option<&str>,
    discount_id: &str,
) -> Result<StatusCode, ApiError> {
    edit_cart_answer(state, cart_id, |cart| {
        cart.remove_custom_discount(item, discount_id)
    })
}

async fn update_cart_discount(
    State(state): State<SharedState>,
    _: ValidTokens,
    path: CartPath,
    body: Bytes,
) -> Result<Response, ApiError> {
    update_discount(&state, &path.cart, None, path.id(0), &body)
}

async fn remove_cart_discount(
    State(state): State<SharedState>,
    _: ValidTokens,
    path: CartPath,
) -> Result<StatusCode, ApiError> {
    remove_discount(&state, &path.cart, None, path.id(0))
}

/// Adds a custom discount to an item: 201 with it; 400 unless the cart allows custom
/// discounts; 404 for an unknown cart or item; 422 for invalid fields or past the limit.
async fn add_item_discount(
    State(state): State<SharedState>,
    _: ValidTokens,
    path: CartPath,
    body: Bytes,
) -> Result<Response, ApiError> {
    let body = parse_json(&body)?;
    let fields = discount_fields(data_object(&body)?, true)?;
    let item = Some(path.id(0));
    let mut store = lock(&state.store);
    let discount_id = store.edit_cart(&path.cart, clock::now(), |cart, _, _| {
        cart.add_custom_discount(item, fields)
    })?;
    let cart = store.cart(&path.cart).expect("edited above");
    Ok(data_response(
        StatusCode::CREATED,
        discount_view(cart, item, &discount_id)?,
    ))
}

async fn update_item_discount(
    State(state): State<SharedState>,
    _: ValidTokens,
    path: CartPath,
    body: Bytes,
) -> Result<Response, ApiError> {
    update_discount(&state, &path.cart, Some(path.id(0)), path.id(1), &body)
}

async fn remove_item_discount(
    State(state): State<SharedState>,
    _: ValidTokens,
    path: CartPath,
) -> Result<StatusCode, ApiError> {
    remove_discount(&state, &path.cart, Some(path.id(0)), path.id(1))
}
