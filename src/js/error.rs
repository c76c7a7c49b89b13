//! Core [`Error`]s as `EpccError` objects, the only thing the package throws or rejects with.

use super::sys::Array;
use wasm_bindgen::prelude::*;

use crate::error::Error;

#[wasm_bindgen(module = "/src/js/glue.js")]
extern "C" {
    #[wasm_bindgen(js_name = EpccError)]
    type JsEpccError;

    #[wasm_bindgen(constructor, js_class = "EpccError")]
    fn new(
        message: &str,
        kind: &str,
        status: JsValue,
        errors: &JsValue,
        cause: JsValue,
    ) -> JsEpccError;

    #[wasm_bindgen(js_name = isEpccErrorValue)]
    fn is_epcc_error_value(value: &JsValue) -> bool;
}

/// Whether `value` is an error thrown by this package (`isEpccError` in JavaScript).
pub fn is_epcc_error(value: &JsValue) -> bool {
    is_epcc_error_value(value)
}

/// An `EpccError` for `err`, with the API's `errors` array (empty when there is none) and the
/// underlying JS error as `cause`.
pub fn to_js(err: &Error, errors: Option<Array>, cause: Option<JsValue>) -> JsValue {
    let status = err.status.map_or(JsValue::UNDEFINED, JsValue::from);
    let errors = errors.unwrap_or_else(Array::new);
    JsEpccError::new(
        &err.message,
        err.kind.as_str(),
        status,
        &errors,
        cause.unwrap_or(JsValue::UNDEFINED),
    )
    .into()
}

impl From<Error> for JsValue {
    fn from(err: Error) -> JsValue {
        to_js(&err, None, None)
    }
}
