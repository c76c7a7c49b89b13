//! Cart items: `/v2/carts/:id/items` (read, add, bulk update, empty), one item
//! (`/items/:itemId`: update, remove) and promotion codes (`/discounts/:code`).
//!
//! Adding accepts one element (`data` an object) or several (`data` an array, with
//! `options.add_all_or_nothing`): a product by `id` or `sku` (`cart_item`), a `custom_item`, a
//! `promotion_item` (a code), or the items of another cart (`cart_items` with `cart_id`, merging
//! a guest cart). Like reading, adding to an unknown cart creates it. Every change answers with
//! the cart's items and totals and moves the cart's `updated_at`.

use axum::body::Bytes;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{delete, get, put};
use axum::Router;
use serde_json::{Map, Value};

use super::bulk::{self, all_or_nothing};
use super::{
    checked_length, clearing, json_response, optional_string, parse_json, CartId, CartPath,
};
use crate::auth::ValidTokens;
use crate::catalog::Catalog;
use crate::clock::{self, Timestamp};
use crate::error::ApiError;
use crate::money::MAX_UNIT_PRICE;
use crate::render::items::PricedItems;
use crate::state::{lock, SharedState};
use crate::store::items::{NewCustomItem, MAX_QUANTITY};
use crate::store::{Cart, CartItem, Store, StoreError};

pub fn routes() -> Router<SharedState> {
    Router::new()
        .route(
            "/v2/carts/{id}/items",
            // Removing empties the cart: items, promotions, the cart's custom discounts.
            get(read)
                .post(add)
                .put(update_many)
                .merge(clearing(Cart::clear_items)),
        )
        .route(
            "/v2/carts/{id}/items/{item}",
            put(update_one).delete(remove_one),
        )
        .route("/v2/carts/{id}/discounts/{code}", delete(remove_promotion))
}

/// The cart's items and totals.
pub(crate) fn items_response(
    status: StatusCode,
    cart: &Cart,
    base_url: &str,
    errors: &[ApiError],
) -> Response {
    let priced = PricedItems::new(cart);
    json_response(status, &priced.document(base_url, errors))
}

/// Applies `edit` to a cart: 200 with its items; 404 for an unknown cart, or the edit's error.
fn edit_items(
    state: &SharedState,
    cart_id: &str,
    edit: impl FnOnce(&mut Cart, Timestamp) -> Result<(), StoreError>,
) -> Result<Response, ApiError> {
    let mut store = lock(&state.store);
    store.edit_cart(cart_id, clock::now(), |cart, _, now| edit(cart, now))?;
    let cart = store.cart(cart_id).expect("edited above");
    Ok(items_response(StatusCode::OK, cart, &state.base_url, &[]))
}

/// The cart's items; an unknown cart is created empty, as by reading the cart.
async fn read(State(state): State<SharedState>, _: ValidTokens, CartId(id): CartId) -> Response {
    let mut store = lock(&state.store);
    let cart = store.get_or_create_cart(&id, clock::now());
    items_response(StatusCode::OK, cart, &state.base_url, &[])
}

/// One element of an add request.
#[derive(Debug, Clone)]
enum Addition {
    Product {
        id: Option<String>,
        sku: Option<String>,
        quantity: u64,
    },
    Custom(NewCustomItem),
    Promotion(String),
    /// The id of the cart whose items to add.
    Merge(String),
    /// The items of that cart, read by [`prepare`].
    MergeItems(Vec<CartItem>),
}

/// `options.<name>`: a boolean, `false` when absent.
pub(crate) fn option_flag(body: &Value, name: &str) -> Result<bool, ApiError> {
    match body.get("options").filter(|o| !o.is_null()) {
        None => Ok(false),
        Some(Value::Object(options)) => match options.get(name) {
            None | Some(Value::Null) => Ok(false),
            Some(Value::Bool(flag)) => Ok(*flag),
            Some(_) => Err(ApiError::validation(format!(
                "The options.{name} field must be a boolean."
            ))),
        },
        Some(_) => Err(ApiError::validation("The options field must be an object.")),
    }
}

/// The elements of a request's `data`, and whether it was an array (a bulk request).
pub(crate) type Elements<'a> = (Vec<&'a Map<String, Value>>, bool);

/// `data`: an object (one element) or a non-empty array of objects (bulk). 422 otherwise.
pub(crate) fn elements(body: &Value) -> Result<Elements<'_>, ApiError> {
    match body.get("data") {
        Some(Value::Object(data)) => Ok((vec![data], false)),
        Some(Value::Array(list)) if !list.is_empty() => {
            let objects = list
                .iter()
                .map(|element| {
                    element.as_object().ok_or_else(|| {
                        ApiError::validation("Each element of data must be an object.")
                    })
                })
                .collect::<Result<_, _>>()?;
            Ok((objects, true))
        }
        Some(Value::Array(_)) => Err(ApiError::validation(
            "The data field must hold at least one element.",
        )),
        _ => Err(ApiError::validation(
            "The data field is required and must be an object or an array.",
        )),
    }
}

/// A positive whole quantity up to [`MAX_QUANTITY`] (0 too when `zero_ok`); 422 otherwise.
pub(crate) fn quantity(
    data: &Map<String, Value>,
    required: bool,
    zero_ok: bool,
) -> Result<Option<u64>, ApiError> {
    let min = u64::from(!zero_ok);
    match data.get("quantity") {
        None | Some(Value::Null) if !required => Ok(None),
        None | Some(Value::Null) => {
            Err(ApiError::validation("The data.quantity field is required."))
        }
        Some(value) => match value.as_u64() {
            Some(n) if (min..=MAX_QUANTITY).contains(&n) => Ok(Some(n)),
            _ => Err(ApiError::validation(format!(
                "The data.quantity field must be a whole number between {min} and {MAX_QUANTITY}."
            ))),
        },
    }
}

fn addition(data: &Map<String, Value>) -> Result<Addition, ApiError> {
    let kind = optional_string(data, "type")?.unwrap_or_default();
    match kind {
        "cart_item" => {
            let id = optional_string(data, "id")?.filter(|id| !id.is_empty());
            let sku = optional_string(data, "sku")?.filter(|sku| !sku.is_empty());
            if id.is_none() && sku.is_none() {
                return Err(ApiError::validation(
                    "The data.id or data.sku field is required.",
                ));
            }
            Ok(Addition::Product {
                id: id.map(str::to_owned),
                sku: sku.map(str::to_owned),
                quantity: quantity(data, true, false)?.unwrap_or(1),
            })
        }
        "custom_item" => {
            let name = optional_string(data, "name")?.unwrap_or_default();
            let price = data
                .get("price")
                .and_then(Value::as_object)
                .ok_or_else(|| ApiError::validation("The data.price field is required."))?;
            let unit_price = price
                .get("amount")
                .and_then(Value::as_i64)
                .filter(|amount| (0..=MAX_UNIT_PRICE).contains(amount))
                .ok_or_else(|| {
                    ApiError::validation(format!(
                        "The data.price.amount field must be a whole number of cents between 0 and {MAX_UNIT_PRICE}."
                    ))
                })?;
            let includes_tax = match price.get("includes_tax") {
                None | Some(Value::Null) => true,
                Some(Value::Bool(flag)) => *flag,
                Some(_) => {
                    return Err(ApiError::validation(
                        "The data.price.includes_tax field must be a boolean.",
                    ))
                }
            };
            Ok(Addition::Custom(NewCustomItem {
                name: checked_length("name", name)?.to_owned(),
                sku: optional_string(data, "sku")?.unwrap_or_default().to_owned(),
                description: optional_string(data, "description")?
                    .unwrap_or_default()
                    .to_owned(),
                quantity: quantity(data, true, false)?.unwrap_or(1),
                unit_price,
                includes_tax,
            }))
        }
        "promotion_item" => match optional_string(data, "code")? {
            Some(code) if !code.is_empty() => Ok(Addition::Promotion(code.to_owned())),
            _ => Err(ApiError::validation("The data.code field is required.")),
        },
        "cart_items" => match optional_string(data, "cart_id")? {
            Some(cart_id) if !cart_id.is_empty() => Ok(Addition::Merge(cart_id.to_owned())),
            _ => Err(ApiError::validation("The data.cart_id field is required.")),
        },
        "" => Err(ApiError::validation("The data.type field is required.")),
        _ => Err(ApiError::validation(
            "The data.type field must be cart_item, custom_item, promotion_item or cart_items.",
        )),
    }
}

/// Reads what an addition needs from other carts: a merge takes the other cart's items now.
fn prepare(store: &Store, cart_id: &str, addition: Addition) -> Result<Addition, StoreError> {
    match addition {
        Addition::Merge(source) if source == cart_id => Ok(Addition::MergeItems(Vec::new())),
        Addition::Merge(source) => Ok(Addition::MergeItems(
            store
                .cart(&source)
                .ok_or(StoreError::CartNotFound)?
                .items
                .clone(),
        )),
        other => Ok(other),
    }
}

/// Applies one (prepared) addition to a cart.
fn apply(
    cart: &mut Cart,
    catalog: &Catalog,
    now: Timestamp,
    addition: Addition,
) -> Result<(), StoreError> {
    match addition {
        Addition::Product { id, sku, quantity } => {
            let product = match (id, sku) {
                (Some(id), _) => catalog.product(&id),
                (None, Some(sku)) => catalog.product_by_sku(&sku),
                (None, None) => None,
            }
            .ok_or(StoreError::ProductNotFound)?;
            cart.add_product(product, quantity, now)?;
        }
        Addition::Custom(new) => {
            cart.add_custom(new, now)?;
        }
        Addition::Promotion(code) => {
            let promotion = catalog
                .promotion_by_code(&code)
                .ok_or(StoreError::PromotionNotFound)?;
            cart.apply_promotion(promotion);
        }
        Addition::Merge(_) => return Err(StoreError::CartNotFound),
        Addition::MergeItems(items) => cart.merge_items(&items, now)?,
    }
    Ok(())
}

/// Adds one element or several: 201 with the items. A bulk request adds what it can and lists
/// the elements it could not add under `errors`; with `options.add_all_or_nothing` any failure
/// is 422 and nothing is added. When nothing at all could be added, the (first) error is the
/// answer.
async fn add(
    State(state): State<SharedState>,
    _: ValidTokens,
    CartId(id): CartId,
    body: Bytes,
) -> Result<Response, ApiError> {
    let request = bulk::add_request(&body, addition)?;
    let mut store = lock(&state.store);
    store.get_or_create_cart(&id, clock::now());
    let (_, errors) = bulk::add(
        &mut store,
        &id,
        request.parsed,
        request.all_or_nothing && request.bulk,
        "add items to cart",
        |store, addition| Ok(prepare(store, &id, addition)?),
        apply,
    )?;
    let cart = store.cart(&id).expect("created above");
    Ok(items_response(
        StatusCode::CREATED,
        cart,
        &state.base_url,
        &errors,
    ))
}

/// Updates one item (`quantity`; 0 removes the item): 200 with the items; 404 for an unknown
/// cart or item.
async fn update_one(
    State(state): State<SharedState>,
    _: ValidTokens,
    path: CartPath,
    body: Bytes,
) -> Result<Response, ApiError> {
    let body = parse_json(&body)?;
    let data = super::data_object(&body)?;
    let new_quantity = quantity(data, false, true)?;
    edit_items(&state, &path.cart, |cart, now| {
        let item_id = path.id(0);
        match new_quantity {
            Some(quantity) => cart.set_quantity(item_id, quantity, now),
            None => cart.item(item_id).map(|_| ()),
        }
    })
}

/// Updates several items at once: `data` is an array of `{id, quantity}`. 200 with the items;
/// elements that failed are listed under `errors`, unless `options.update_all_or_nothing` is
/// set, in which case any failure is 422 and nothing changes.
async fn update_many(
    State(state): State<SharedState>,
    _: ValidTokens,
    CartId(id): CartId,
    body: Bytes,
) -> Result<Response, ApiError> {
    let body = parse_json(&body)?;
    let list = match body.get("data") {
        Some(Value::Array(list)) if !list.is_empty() => list,
        _ => {
            return Err(ApiError::validation(
                "The data field is required and must be a non-empty array.",
            ))
        }
    };
    let all_or_nothing_set = option_flag(&body, "update_all_or_nothing")?;
    let updates: Vec<Result<(String, u64), ApiError>> = list
        .iter()
        .map(|element| {
            let data = element
                .as_object()
                .ok_or_else(|| ApiError::validation("Each element of data must be an object."))?;
            let item_id = super::required_string(data, "id")?.to_owned();
            let quantity = quantity(data, true, true)?.unwrap_or_default();
            Ok((item_id, quantity))
        })
        .collect();
    let set_quantity = |cart: &mut Cart, _: &Catalog, now, (item_id, quantity): (String, u64)| {
        cart.set_quantity(&item_id, quantity, now)
    };
    let mut store = lock(&state.store);
    let errors = if all_or_nothing_set {
        let refused = all_or_nothing("Update", "update cart items");
        bulk::apply_all(
            &mut store,
            &id,
            updates,
            bulk::as_parsed,
            set_quantity,
            refused,
            |error| match error {
                StoreError::CartNotFound => ApiError::from(error),
                other => refused(other.into()),
            },
        )?;
        Vec::new()
    } else {
        store.cart(&id).ok_or(StoreError::CartNotFound)?;
        bulk::apply_each(&mut store, &id, updates, bulk::as_parsed, set_quantity)?.1
    };
    let cart = store.cart(&id).expect("checked above");
    Ok(items_response(
        StatusCode::OK,
        cart,
        &state.base_url,
        &errors,
    ))
}

/// Removes one item: 200 with the remaining items; 404 for an unknown cart or item.
async fn remove_one(
    State(state): State<SharedState>,
    _: ValidTokens,
    path: CartPath,
) -> Result<Response, ApiError> {
    edit_items(&state, &path.cart, |cart, _| cart.remove_item(path.id(0)))
}

/// Removes a promotion applied with a code: 204, also when it was not applied (then nothing
/// changes); 404 for an unknown cart.
async fn remove_promotion(
    State(state): State<SharedState>,
    _: ValidTokens,
    path: CartPath,
) -> Result<StatusCode, ApiError> {
    let code = path.id(0);
    let mut store = lock(&state.store);
    let cart = store.cart(&path.cart).ok_or(StoreError::CartNotFound)?;
    if cart
        .promotions
        .iter()
        .any(|promotion| promotion.code.eq_ignore_ascii_case(code))
    {
        store.edit_cart(&path.cart, clock::now(), |cart, _, _| {
            cart.remove_promotion(code);
            Ok(())
        })?;
    }
    Ok(StatusCode::NO_CONTENT)
}
