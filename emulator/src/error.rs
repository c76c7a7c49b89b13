//! The one error convention of the API: `{"errors":[{"status":N,"title":"...","detail":"..."}]}`.
//!
//! Handlers return [`ApiError`]; [`normalize_errors`] rewrites any other error response (an
//! unknown route, a wrong method, a rejected extractor) into the same shape, so a client never
//! sees an error in another format.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use http_body_util::BodyExt;
use serde::Serialize;

use crate::store::{items, StoreError};

/// An error answer of the API.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    pub status: StatusCode,
    pub title: String,
    pub detail: Option<String>,
    /// Seconds for a `Retry-After` header, on 429s.
    pub retry_after: Option<u64>,
    /// `meta` of the error object: a name and a value, such as the order a cart became.
    pub meta: Option<(&'static str, String)>,
}

impl ApiError {
    /// An error with a status and a title.
    pub fn new(status: StatusCode, title: impl Into<String>) -> Self {
        Self {
            status,
            title: title.into(),
            detail: None,
            retry_after: None,
            meta: None,
        }
    }

    /// Adds a detail line.
    pub fn detail(mut self, detail: impl Into<String>) -> Self {
        self.detail = Some(detail.into());
        self
    }

    /// Replaces the title.
    pub fn titled(mut self, title: impl Into<String>) -> Self {
        self.title = title.into();
        self
    }

    /// An error whose title is the status' standard reason phrase.
    pub fn status(status: StatusCode) -> Self {
        Self::new(status, status.canonical_reason().unwrap_or("Error"))
    }

    /// 400 "Bad Request".
    pub fn bad_request(detail: impl Into<String>) -> Self {
        Self::status(StatusCode::BAD_REQUEST).detail(detail)
    }

    /// 400 for a cart id with characters other than letters, digits, `_` and `-`.
    pub fn unsafe_cart_id() -> Self {
        Self::bad_request("cart id must contain only letters, digits, '_' and '-'")
    }

    /// 401 for a missing, unknown, expired or revoked client access token.
    pub fn invalid_access_token() -> Self {
        Self::new(StatusCode::UNAUTHORIZED, "Unable to validate access token")
    }

    /// 403 "Forbidden".
    pub fn forbidden(detail: impl Into<String>) -> Self {
        Self::status(StatusCode::FORBIDDEN).detail(detail)
    }

    /// 422 "Failed Validation".
    pub fn validation(detail: impl Into<String>) -> Self {
        Self::new(StatusCode::UNPROCESSABLE_ENTITY, "Failed Validation").detail(detail)
    }

    /// 429 "Too Many Requests", with the seconds to wait.
    pub fn too_many_requests(retry_after: u64) -> Self {
        Self {
            retry_after: Some(retry_after),
            ..Self::status(StatusCode::TOO_MANY_REQUESTS)
        }
    }

    /// Adds `meta: {name: value}` to the error object.
    pub fn meta(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.meta = Some((name, value.into()));
        self
    }

    /// The JSON body of the error.
    pub fn body(&self) -> ErrorDocument<'_> {
        ErrorDocument {
            errors: [self.object()],
        }
    }

    /// The error object alone, as a body's `errors` lists it.
    pub fn object(&self) -> ErrorObject<'_> {
        ErrorObject {
            status: self.status.as_u16(),
            title: &self.title,
            detail: self.detail.as_deref(),
            meta: self
                .meta
                .as_ref()
                .map(|(name, value)| ErrorMeta(name, value)),
        }
    }
}

/// `{"errors":[...]}`, the body of every error.
#[derive(Debug, Serialize)]
pub struct ErrorDocument<'a> {
    errors: [ErrorObject<'a>; 1],
}

/// One error: `{"status": N, "title": "...", "detail": "...", "meta": {...}}`.
#[derive(Debug, Serialize)]
pub struct ErrorObject<'a> {
    status: u16,
    title: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    detail: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    meta: Option<ErrorMeta<'a>>,
}

/// `{"name": "value"}`.
#[derive(Debug)]
struct ErrorMeta<'a>(&'a str, &'a str);

impl Serialize for ErrorMeta<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(Some(1))?;
        map.serialize_entry(self.0, self.1)?;
        map.end()
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut response = (self.status, axum::Json(self.body())).into_response();
        if let Some(seconds) = self.retry_after {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(seconds));
        }
        response
    }
}

impl From<StoreError> for ApiError {
    fn from(error: StoreError) -> Self {
        match error {
            StoreError::CartNotFound => Self::new(StatusCode::NOT_FOUND, "Cart not found"),
            StoreError::CustomerNotFound => Self::new(StatusCode::NOT_FOUND, "Customer not found"),
            StoreError::CartExists => Self::new(StatusCode::CONFLICT, "Duplicate cart id")
                .detail("a cart with this id already exists"),
            StoreError::DuplicateEmail => Self::new(StatusCode::CONFLICT, "Duplicate email")
                .detail("a customer with this email address already exists"),
            StoreError::LastCart => Self::new(StatusCode::BAD_REQUEST, "Last cart").detail(
                "This is the last cart associated with a customer and it cannot be deleted, \
                 try disassociating instead",
            ),
            StoreError::ProductNotFound => Self::new(StatusCode::NOT_FOUND, "Product not found"),
            StoreError::PromotionNotFound => {
                Self::new(StatusCode::NOT_FOUND, "Promotion not found")
                    .detail("no promotion has this code")
            }
            StoreError::ItemNotFound => Self::new(StatusCode::NOT_FOUND, "Cart item not found"),
            StoreError::TaxNotFound => Self::new(StatusCode::NOT_FOUND, "Tax item not found"),
            StoreError::DiscountNotFound => {
                Self::new(StatusCode::NOT_FOUND, "Custom discount not found")
            }
            StoreError::OrderNotFound => Self::new(StatusCode::NOT_FOUND, "Order not found"),
            StoreError::QuantityTooLarge => Self::validation(format!(
                "The quantity of an item may not be greater than {}.",
                items::MAX_QUANTITY
            )),
            StoreError::TooManyItems => Self::validation(format!(
                "A cart may not hold more than {} items.",
                items::MAX_ITEMS
            )),
            StoreError::TaxLimit => Self::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "Tax item not added to cart item.",
            )
            .detail(format!(
                "Cannot exceed tax item limit of ({}) on cart item.",
                items::MAX_TAXES_PER_ITEM
            )),
            StoreError::CustomDiscountsDisabled => {
                Self::bad_request("Custom discounts not enabled for this cart")
            }
            StoreError::CartDiscountLimit => Self::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "Custom discount not added to cart",
            )
            .detail(format!(
                "Cannot exceed custom discount limit of ({}) at the cart level.",
                items::MAX_CUSTOM_DISCOUNTS
            )),
            StoreError::ItemDiscountLimit => {
                Self::new(StatusCode::UNPROCESSABLE_ENTITY, "Limit Reached")
                    .detail("Custom discount limit reached for this cart item")
            }
            StoreError::CartEmpty => Self::new(StatusCode::BAD_REQUEST, "Cart is empty")
                .detail("a cart needs at least one item to be checked out"),
            StoreError::AlreadyCheckedOut(order_id) => {
                Self::new(StatusCode::CONFLICT, "Cart already checked out")
                    .detail(format!(
                        "the cart has not changed since it was checked out as order {order_id}"
                    ))
                    .meta("order_id", order_id)
            }
        }
    }
}

/// Longest body of a foreign error response copied into the `detail` of its replacement.
const MAX_DETAIL_BYTES: usize = 1024;

/// Rewrites error responses that are not JSON (produced by the router itself: 404 for unknown
/// routes, 405 with its `Allow` header, extractor rejections) into the API's error format,
/// keeping their status and headers and using their text as `detail`.
pub async fn normalize_errors(response: Response) -> Response {
    let status = response.status();
    let is_json = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| value.starts_with("application/json"));
    if !(status.is_client_error() || status.is_server_error()) || is_json {
        return response;
    }
    let (parts, body) = response.into_parts();
    let text = match http_body_util::Limited::new(body, MAX_DETAIL_BYTES)
        .collect()
        .await
    {
        Ok(collected) => String::from_utf8_lossy(&collected.to_bytes())
            .trim()
            .to_owned(),
        Err(_) => String::new(),
    };
    let mut error = ApiError::status(status);
    if !text.is_empty() {
        error = error.detail(text);
    }
    let mut rewritten = error.into_response();
    for (name, value) in &parts.headers {
        if name != header::CONTENT_TYPE && name != header::CONTENT_LENGTH {
            rewritten.headers_mut().append(name, value.clone());
        }
    }
    rewritten
}
