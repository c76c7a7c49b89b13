//! Checked conversions from the JS values callers pass to core types. Wrong types become
//! invalid-input errors, never panics or silent coercions.

use js_sys::{Array, Function, Object, Reflect, JSON};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::error::{Error, Result};
use crate::query::{Filter, FilterValue};

/// What `typeof` would say, for messages.
pub fn type_name(value: &JsValue) -> &'static str {
    if value.is_null() {
        "null"
    } else if value.is_undefined() {
        "undefined"
    } else if value.is_string() {
        "a string"
    } else if value.as_f64().is_some() {
        "a number"
    } else if value.as_bool().is_some() {
        "a boolean"
    } else if Array::is_array(value) {
        "an array"
    } else if value.is_function() {
        "a function"
    } else {
        "an object"
    }
}

fn wrong_type(what: &str, expected: &str, value: &JsValue) -> Error {
    Error::invalid_input(format!(
        "{what} must be {expected}, got {}",
        type_name(value)
    ))
}

pub fn is_missing(value: &JsValue) -> bool {
    value.is_undefined() || value.is_null()
}

/// A string argument that must be present.
pub fn string(what: &str, value: &JsValue) -> Result<String> {
    value
        .as_string()
        .ok_or_else(|| wrong_type(what, "a string", value))
}

/// A string argument that may be left out (`undefined` or `null`).
pub fn optional_string(what: &str, value: &JsValue) -> Result<Option<String>> {
    if is_missing(value) {
        Ok(None)
    } else {
        string(what, value).map(Some)
    }
}

/// A number argument.
pub fn number(what: &str, value: &JsValue) -> Result<f64> {
    value
        .as_f64()
        .ok_or_else(|| wrong_type(what, "a number", value))
}

/// A property of an object, `undefined` when absent or when reading it throws.
pub fn property(target: &JsValue, key: &str) -> JsValue {
    Reflect::get(target, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

/// A method of an object, if that property is a function.
pub fn method(target: &JsValue, key: &str) -> Option<Function> {
    property(target, key).dyn_into::<Function>().ok()
}

/// Sets a property on an object the SDK made (so it cannot throw).
pub fn set_property(target: &JsValue, key: &str, value: &JsValue) {
    let _ = Reflect::set(target, &JsValue::from_str(key), value);
}

/// A plain object (not null, not an array, not a function).
pub fn object<'a>(what: &str, value: &'a JsValue) -> Result<&'a Object> {
    if value.is_object() && !Array::is_array(value) && !value.is_function() {
        Ok(value.unchecked_ref())
    } else {
        Err(wrong_type(what, "an object", value))
    }
}

/// The own enumerable string-keyed entries of an object, in JS order.
pub fn entries(value: &Object) -> Vec<(String, JsValue)> {
    Object::entries(value)
        .iter()
        .filter_map(|entry| {
            let pair: Array = entry.unchecked_into();
            Some((pair.get(0).as_string()?, pair.get(1)))
        })
        .collect()
}

/// An object argument as JSON text, for request bodies (`CreateCart(data)`).
pub fn json_object(what: &str, value: &JsValue) -> Result<String> {
    object(what, value)?;
    JSON::stringify(value)
        .ok()
        .and_then(|s| s.as_string())
        .ok_or_else(|| {
            Error::invalid_input(format!(
                "{what} cannot be turned into JSON (a cycle, or a BigInt?)"
            ))
        })
}

/// An object of string values, such as `headers: { 'X-Shop': 'blue' }`.
pub fn string_map(what: &str, value: &JsValue) -> Result<Vec<(String, String)>> {
    let object = object(what, value)?;
    entries(object)
        .into_iter()
        .map(|(key, value)| {
            let value = value
                .as_string()
                .ok_or_else(|| wrong_type(&format!("{what}['{key}']"), "a string", &value))?;
            Ok((key, value))
        })
        .collect()
}

/// `Filter({ eq: { name: 'x' }, in: { id: ['a', 'b'] } })`.
pub fn filter(value: &JsValue) -> Result<Filter> {
    let ops = object("Filter's argument", value)?;
    entries(ops)
        .into_iter()
        .map(|(op, fields)| {
            let fields = object(&format!("Filter's '{op}'"), &fields)?;
            let fields = entries(fields)
                .into_iter()
                .map(|(field, value)| Ok((field.clone(), filter_value(&op, &field, &value)?)))
                .collect::<Result<Vec<_>>>()?;
            Ok((op, fields))
        })
        .collect()
}

fn filter_value(op: &str, field: &str, value: &JsValue) -> Result<FilterValue> {
    let what = || format!("Filter value {op}.{field}");
    if let Some(scalar) = scalar(value) {
        return Ok(FilterValue::Scalar(scalar));
    }
    if Array::is_array(value) {
        let items: Array = value.clone().unchecked_into();
        return items
            .iter()
            .map(|item| {
                scalar(&item)
                    .ok_or_else(|| wrong_type(&what(), "strings, numbers or booleans", &item))
            })
            .collect::<Result<Vec<_>>>()
            .map(FilterValue::List);
    }
    if let Ok(nested) = object(&what(), value) {
        return entries(nested)
            .into_iter()
            .map(|(attr, v)| {
                scalar(&v)
                    .map(|s| (attr, s))
                    .ok_or_else(|| wrong_type(&what(), "strings, numbers or booleans", &v))
            })
            .collect::<Result<Vec<_>>>()
            .map(FilterValue::Nested);
    }
    Err(wrong_type(
        &what(),
        "a string, number, boolean, array or object",
        value,
    ))
}

/// A string, finite number or boolean as the text JS would print.
fn scalar(value: &JsValue) -> Option<String> {
    if let Some(s) = value.as_string() {
        return Some(s);
    }
    if let Some(b) = value.as_bool() {
        return Some(if b { "true" } else { "false" }.to_owned());
    }
    let n = value.as_f64().filter(|n| n.is_finite())?;
    js_sys::Number::from(n)
        .to_string_with_radix(10)
        .ok()
        .map(String::from)
}
