//! The shopper catalog: `GET /catalog/products` and `GET /catalog/products/{id}`, readable with
//! any valid client token.

use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::get;
use axum::Router;

use super::{data_response, json_response};
use crate::auth::ClientAuth;
use crate::error::ApiError;
use crate::listing::{pagination_at, ListQuery};
use crate::render::catalog::{ProductList, ProductView};
use crate::state::{lock, SharedState};
use crate::store::StoreError;

pub fn routes() -> Router<SharedState> {
    Router::new()
        .route("/catalog/products", get(list))
        .route("/catalog/products/{id}", get(read))
}

/// A page of products in catalog order, with the paging of cart listings (`page[limit]`,
/// `page[offset]`); 400 for out-of-range paging or any `filter`.
async fn list(
    State(state): State<SharedState>,
    ClientAuth(_): ClientAuth,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    let query = ListQuery::parse(raw.as_deref(), state.config.page_length)
        .map_err(ApiError::bad_request)?;
    if !query.filter.is_empty() {
        return Err(ApiError::bad_request(
            "the emulator's catalog does not support filters",
        ));
    }
    let store = lock(&state.store);
    let products = store.catalog().products();
    let (links, meta) = pagination_at(&state.base_url, "/catalog/products", &query, products.len());
    let list = ProductList {
        data: products
            .iter()
            .skip(query.offset)
            .take(query.limit)
            .map(ProductView::new)
            .collect(),
        links,
        meta,
    };
    Ok(json_response(StatusCode::OK, &list))
}

/// One product: 200, or 404 "Product not found".
async fn read(
    State(state): State<SharedState>,
    ClientAuth(_): ClientAuth,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let store = lock(&state.store);
    let product = store
        .catalog()
        .product(&id)
        .ok_or(StoreError::ProductNotFound)?;
    Ok(data_response(StatusCode::OK, ProductView::new(product)))
}
