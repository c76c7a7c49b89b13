//! Applying the elements of a bulk request to one cart, for the routes that add cart items, tax
//! items and custom discounts and that update items: each element on its own (the failures
//! listed, the rest applied) or all of them in one edit (`options.*_all_or_nothing`).

use axum::http::StatusCode;
use serde_json::{Map, Value};

use super::items::{elements, option_flag};
use super::parse_json;

use crate::catalog::Catalog;
use crate::clock::{self, Timestamp};
use crate::error::ApiError;
use crate::store::{Cart, Store, StoreError};

/// The body of an add request: its elements, each parsed on its own (one that fails does not
/// fail the request), whether `data` was an array, and `options.add_all_or_nothing`.
pub(crate) struct AddRequest<P> {
    pub parsed: Vec<Result<P, ApiError>>,
    pub bulk: bool,
    pub all_or_nothing: bool,
}

/// Reads an add request: 400 unless JSON, 422 for a `data` that is neither an object nor a
/// non-empty array of objects, or for invalid `options`.
pub(crate) fn add_request<P>(
    body: &[u8],
    parse: impl Fn(&Map<String, Value>) -> Result<P, ApiError>,
) -> Result<AddRequest<P>, ApiError> {
    let body = parse_json(body)?;
    let (objects, bulk) = elements(&body)?;
    let all_or_nothing = option_flag(&body, "add_all_or_nothing")?;
    Ok(AddRequest {
        parsed: objects.into_iter().map(parse).collect(),
        bulk,
        all_or_nothing,
    })
}

/// Applies each element in an edit of its own and returns what the applied ones gave, with the
/// errors of the others. `prepare` reads what an element needs from the store just before its
/// edit. When no element could be applied, the first error is the answer.
pub(crate) fn apply_each<P, Q, T>(
    store: &mut Store,
    cart_id: &str,
    parsed: Vec<Result<P, ApiError>>,
    prepare: impl Fn(&Store, P) -> Result<Q, ApiError>,
    apply: impl Fn(&mut Cart, &Catalog, Timestamp, Q) -> Result<T, StoreError>,
) -> Result<(Vec<T>, Vec<ApiError>), ApiError> {
    let mut applied = Vec::new();
    let mut errors = Vec::new();
    for element in parsed {
        let result = element.and_then(|element| {
            let element = prepare(store, element)?;
            Ok(
                store.edit_cart(cart_id, clock::now(), |cart, catalog, now| {
                    apply(cart, catalog, now, element)
                })?,
            )
        });
        match result {
            Ok(value) => applied.push(value),
            Err(error) => errors.push(error),
        }
    }
    if applied.is_empty() {
        return Err(errors.swap_remove(0));
    }
    Ok((applied, errors))
}

/// Applies every element in one edit, or none: the first element that fails to parse or to
/// prepare is `refused`, a failed edit is `refused_edit`, and the cart stays as it was.
pub(crate) fn apply_all<P, Q, T>(
    store: &mut Store,
    cart_id: &str,
    parsed: Vec<Result<P, ApiError>>,
    prepare: impl Fn(&Store, P) -> Result<Q, ApiError>,
    apply: impl Fn(&mut Cart, &Catalog, Timestamp, Q) -> Result<T, StoreError>,
    refused: impl Fn(ApiError) -> ApiError,
    refused_edit: impl FnOnce(StoreError) -> ApiError,
) -> Result<Vec<T>, ApiError> {
    let prepared = parsed
        .into_iter()
        .map(|element| prepare(store, element?))
        .collect::<Result<Vec<_>, ApiError>>()
        .map_err(refused)?;
    store
        .edit_cart(cart_id, clock::now(), |cart, catalog, now| {
            prepared
                .into_iter()
                .map(|element| apply(cart, catalog, now, element))
                .collect::<Result<Vec<_>, StoreError>>()
        })
        .map_err(refused_edit)
}

/// Applies the elements of an add request: in one edit or none when `all_at_once`
/// (`options.add_all_or_nothing`), refused with 422 "Add all or nothing." that says it could not
/// bulk `what` ("add items to cart"); otherwise each on its own.
pub(crate) fn add<P, Q, T>(
    store: &mut Store,
    cart_id: &str,
    parsed: Vec<Result<P, ApiError>>,
    all_at_once: bool,
    what: &'static str,
    prepare: impl Fn(&Store, P) -> Result<Q, ApiError>,
    apply: impl Fn(&mut Cart, &Catalog, Timestamp, Q) -> Result<T, StoreError>,
) -> Result<(Vec<T>, Vec<ApiError>), ApiError> {
    if !all_at_once {
        return apply_each(store, cart_id, parsed, prepare, apply);
    }
    let refused = all_or_nothing("Add", what);
    let added = apply_all(store, cart_id, parsed, prepare, apply, refused, |error| {
        refused(error.into())
    })?;
    Ok((added, Vec::new()))
}

/// An element that needs nothing read before its edit.
pub(crate) fn as_parsed<P>(_: &Store, element: P) -> Result<P, ApiError> {
    Ok(element)
}

/// 422 `<Verb> all or nothing.`, the API's answer to a refused all-or-nothing bulk request,
/// with the first failure in the detail: `verb` is `Add` or `Update`, `what` ends the sentence
/// "Could not bulk …" (`add items to cart`).
pub(crate) fn all_or_nothing(
    verb: &'static str,
    what: &'static str,
) -> impl Fn(ApiError) -> ApiError + Copy {
    move |first| {
        ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            format!("{verb} all or nothing."),
        )
        .detail(format!(
            "{verb} all or nothing set to (true). Could not bulk {what}: {}",
            first.detail.as_deref().unwrap_or(&first.title)
        ))
    }
}
