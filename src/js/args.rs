//! Checked conversions from the JS values callers pass to core types. Wrong types become
//! invalid-input errors, never panics or silent coercions.

use alloc::string::String;
use alloc::vec::Vec;

use super::sys::{
    boolean as boolean_of, json, number as number_of, reflect, string as text, Array, Function,
    Object,
};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::endpoints::route;
use crate::error::{Error, Result};
use crate::query::FilterWriter;
use crate::text::concat;

/// What `typeof` would say, for messages.
pub fn type_name(value: &JsValue) -> &'static str {
    if value.is_null() {
        "null"
    } else if value.is_undefined() {
        "undefined"
    } else if value.is_string() {
        "a string"
    } else if number_of(value).is_some() {
        "a number"
    } else if boolean_of(value).is_some() {
        "a boolean"
    } else if Array::is_array(value) {
        "an array"
    } else if value.is_function() {
        "a function"
    } else {
        "an object"
    }
}

/// `{what} must be {expected}, got {the type of value}`.
pub fn wrong_type(what: &str, expected: &str, value: &JsValue) -> Error {
    Error::invalid(&[what, " must be ", expected, ", got ", type_name(value)])
}

pub fn is_missing(value: &JsValue) -> bool {
    value.is_null_or_undefined()
}

/// A string argument that must be present.
pub fn string(what: &str, value: &JsValue) -> Result<String> {
    text(value).ok_or_else(|| wrong_type(what, "a string", value))
}

/// A string argument that may be left out (`undefined` or `null`).
pub fn optional_string(what: &str, value: Option<&JsValue>) -> Result<Option<String>> {
    match value {
        Some(v) if !is_missing(v) => string(what, v).map(Some),
        _ => Ok(None),
    }
}

/// A number argument.
pub fn number(what: &str, value: &JsValue) -> Result<f64> {
    number_of(value).ok_or_else(|| wrong_type(what, "a number", value))
}

/// A boolean argument.
pub fn boolean(what: &str, value: &JsValue) -> Result<bool> {
    boolean_of(value).ok_or_else(|| wrong_type(what, "a boolean", value))
}

/// A property of an object, `undefined` when absent or when reading it throws.
pub fn property(target: &JsValue, key: &str) -> JsValue {
    reflect::get(target, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

/// A method of an object, if that property is a function.
pub fn method(target: &JsValue, key: &str) -> Option<Function> {
    let value = property(target, key);
    value.is_function().then(|| value.unchecked_into())
}

/// Sets a property on an object the SDK made, which cannot throw, so the assignment needs no
/// exception handling around it.
pub fn set_property(target: &JsValue, key: &str, value: &JsValue) {
    target.unchecked_ref::<Object>().set_field(key, value);
}

/// A plain object (not null, not an array, not a function).
pub fn object<'a>(what: &str, value: &'a JsValue) -> Result<&'a Object> {
    // `typeof` is "object" for neither functions nor null.
    if value.is_object() && !Array::is_array(value) {
        Ok(value.unchecked_ref())
    } else {
        Err(wrong_type(what, "an object", value))
    }
}

/// The own enumerable string-keyed properties of an object, in JS order: `Entries::get(i)` for
/// `i` below `len()`. A loop over them, not a callback, so no closure is made per use.
pub struct Entries<'a> {
    object: &'a Object,
    keys: Array,
}

impl<'a> Entries<'a> {
    pub fn of(object: &'a Object) -> Self {
        Entries {
            object,
            keys: Object::keys(object),
        }
    }

    pub fn len(&self) -> u32 {
        self.keys.length()
    }

    /// The key and value of entry `i` (`undefined` where reading it throws).
    pub fn get(&self, i: u32) -> (String, JsValue) {
        let key = self.keys.get(i);
        let value = reflect::get(self.object, &key).unwrap_or(JsValue::UNDEFINED);
        (text(&key).unwrap_or_default(), value)
    }
}

/// JSON text of `value`, or `None` where `JSON.stringify` throws (a cycle, a BigInt).
pub fn stringify(value: &JsValue) -> Option<String> {
    json::stringify(value).ok().as_ref().and_then(text)
}

/// `value` as JSON text, or why it cannot be sent (`what` names it).
fn to_json(what: &str, value: &JsValue) -> Result<String> {
    stringify(value).ok_or_else(|| {
        Error::invalid(&[what, " cannot be turned into JSON (a cycle, or a BigInt?)"])
    })
}

/// An object argument as JSON text, for request bodies (`CreateCart(data)`).
pub fn json_object(what: &str, value: &JsValue) -> Result<String> {
    object(what, value)?;
    to_json(what, value)
}

/// An object argument that may be left out: the object, or `undefined`.
pub fn optional_object(what: &str, value: &JsValue) -> Result<JsValue> {
    if is_missing(value) {
        return Ok(JsValue::UNDEFINED);
    }
    object(what, value)?;
    Ok(value.clone())
}

/// An object argument that may be left out, as JSON text (`None` when left out).
pub fn optional_json(what: &str, value: &JsValue) -> Result<Option<String>> {
    if is_missing(value) {
        return Ok(None);
    }
    json_object(what, value).map(Some)
}

/// JSON of a body the SDK assembled; `JSON.stringify` throws only for a caller's value that
/// has a cycle or a BigInt.
pub fn json_text(value: &JsValue) -> Result<String> {
    to_json("the data", value)
}

/// A call's arguments, in order, as [`route::Args`] reads them.
pub struct CallArgs<'a>(pub &'a [JsValue]);

/// What a left-out argument reads as.
static MISSING: JsValue = JsValue::UNDEFINED;

impl CallArgs<'_> {
    fn get(&self, i: usize) -> &JsValue {
        self.0.get(i).unwrap_or(&MISSING)
    }
}

impl route::Args for CallArgs<'_> {
    fn text(&self, i: usize, what: &str) -> Result<String> {
        string(what, self.get(i))
    }

    fn optional_text(&self, i: usize, what: &str) -> Result<Option<String>> {
        optional_string(what, Some(self.get(i)))
    }

    /// With `kind`: `{...value, type: kind}`, the caller's object read, never changed.
    fn object_json(&self, i: usize, what: &str, kind: Option<&str>) -> Result<String> {
        let value = self.get(i);
        let Some(kind) = kind else {
            return json_object(what, value);
        };
        let body = Object::new();
        Object::assign(&body, object(what, value)?);
        set_property(&body, "type", &JsValue::from_str(kind));
        json_text(&body)
    }

    fn array_json(&self, i: usize, what: &str) -> Result<String> {
        let items = self.get(i);
        if !Array::is_array(items) {
            return Err(wrong_type(what, "an array", items));
        }
        to_json(what, items)
    }

    fn options_json(&self, i: usize) -> Result<Option<String>> {
        optional_json("options", self.get(i))
    }

    fn text_object(&self, fields: &[(&str, String)]) -> String {
        let object = Object::new();
        for (key, value) in fields {
            set_property(&object, key, &JsValue::from_str(value));
        }
        // An object of strings always stringifies.
        stringify(&object).unwrap_or_default()
    }

    fn headers(&self, i: usize, what: &str) -> Result<Vec<(String, String)>> {
        let value = self.get(i);
        if is_missing(value) {
            return Ok(Vec::new());
        }
        string_map(what, value)
    }
}

/// An object of string values, such as `headers: { 'X-Shop': 'blue' }`.
pub fn string_map(what: &str, value: &JsValue) -> Result<Vec<(String, String)>> {
    let entries = Entries::of(object(what, value)?);
    let mut out = Vec::new();
    for i in 0..entries.len() {
        let (key, value) = entries.get(i);
        let string = text(&value)
            .ok_or_else(|| wrong_type(&concat(&[what, "['", &key, "']"]), "a string", &value))?;
        out.push((key, string));
    }
    Ok(out)
}

/// `Filter({ eq: { name: 'x' }, in: { id: ['a', 'b'] } })` as filter text; `None` for `{}`.
pub fn filter(value: &JsValue) -> Result<Option<String>> {
    let mut writer = FilterWriter::default();
    let operators = Entries::of(object("Filter's argument", value)?);
    for i in 0..operators.len() {
        let (op, fields) = operators.get(i);
        let fields = match object("", &fields) {
            Ok(fields) => Entries::of(fields),
            Err(_) => {
                return Err(wrong_type(
                    &concat(&["Filter's '", &op, "'"]),
                    "an object",
                    &fields,
                ))
            }
        };
        FilterWriter::operator(&op, fields.len() as usize)?;
        for j in 0..fields.len() {
            let (field, value) = fields.get(j);
            // A single value is walked as a list of one: `eq(name,x)` has `in(id,a,b)`'s shape.
            let single = !value.is_object();
            let list = single || Array::is_array(&value);
            let items = if single {
                let one = Array::new();
                one.push(&value);
                one.into()
            } else {
                value
            };
            writer.open(&op);
            if list {
                writer.field(&field);
            }
            // An array or an object of attributes (`like(meta.a,1,meta.b,2)`): both are walked
            // by their keys.
            let items = Entries::of(items.unchecked_ref());
            for k in 0..items.len() {
                let (attribute, item) = items.get(k);
                let Some(text) = scalar(&item) else {
                    let what = concat(&["Filter value ", &op, ".", &field]);
                    let expected = if single {
                        "a string, number, boolean, array or object"
                    } else {
                        "strings, numbers or booleans"
                    };
                    return Err(wrong_type(&what, expected, &item));
                };
                match list {
                    true => writer.value("", &text),
                    false => writer.attribute(&field, &attribute, &text, k == 0),
                }
            }
            writer.close();
        }
    }
    Ok(writer.finish())
}

/// A string, finite number or boolean as the text JS would print.
fn scalar(value: &JsValue) -> Option<String> {
    let printable = value.is_string()
        || boolean_of(value).is_some()
        || number_of(value).is_some_and(f64::is_finite);
    if !printable {
        return None;
    }
    text(&super::sys::text_of(value))
}
