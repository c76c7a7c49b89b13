//! The JavaScript built-ins the bindings call, declared here instead of taken from js-sys and
//! web-sys. Those crates describe thousands of functions to wasm-bindgen, and the closure types
//! in those descriptions keep their call shims in the module's function table whether or not
//! anything calls them (about 1 KB gzip of dead code); these few declarations describe only
//! what the package uses. Names and signatures follow js-sys, so the code reads the same.

use alloc::string::String;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

#[wasm_bindgen]
extern "C" {
    /// A JavaScript array.
    #[wasm_bindgen(is_type_of = Array::is_array)]
    #[derive(Clone)]
    pub type Array;
    #[wasm_bindgen(constructor)]
    pub fn new() -> Array;
    #[wasm_bindgen(static_method_of = Array, js_name = isArray)]
    pub fn is_array(value: &JsValue) -> bool;
    #[wasm_bindgen(method, getter)]
    pub fn length(this: &Array) -> u32;
    #[wasm_bindgen(method, indexing_getter)]
    pub fn get(this: &Array, index: u32) -> JsValue;
    #[wasm_bindgen(method)]
    pub fn push(this: &Array, value: &JsValue) -> u32;

    /// A plain JavaScript object.
    #[derive(Clone)]
    pub type Object;
    #[wasm_bindgen(constructor)]
    pub fn new() -> Object;
    #[wasm_bindgen(static_method_of = Object)]
    pub fn assign(target: &Object, source: &Object) -> Object;
    #[wasm_bindgen(static_method_of = Object)]
    pub fn keys(object: &Object) -> Array;
    /// `object[key] = value`.
    #[wasm_bindgen(method, indexing_setter)]
    pub fn set_field(this: &Object, key: &str, value: &JsValue);
    /// `delete object[key]`.
    #[wasm_bindgen(method, indexing_deleter)]
    pub fn delete_field(this: &Object, key: &str);

    /// A function, called with an explicit `this`.
    #[wasm_bindgen(is_type_of = JsValue::is_function)]
    #[derive(Clone)]
    pub type Function;
    /// `function.call(context, arg1, arg2)`: the one way the module calls a function it was
    /// given (an import per arity would each cost their own glue); unused arguments are
    /// `undefined`.
    #[wasm_bindgen(method, catch, js_name = call)]
    pub fn call2(
        this: &Function,
        context: &JsValue,
        arg1: &JsValue,
        arg2: &JsValue,
    ) -> Result<JsValue, JsValue>;

    /// A promise.
    #[derive(Clone)]
    pub type Promise;

    /// A JavaScript string that stays on the JavaScript side (response bodies).
    #[wasm_bindgen(is_type_of = JsValue::is_string)]
    #[derive(Clone)]
    pub type JsString;
    #[wasm_bindgen(method)]
    pub fn trim(this: &JsString) -> JsString;

    /// A call's `AbortSignal`.
    #[derive(Clone)]
    pub type AbortSignal;
    #[wasm_bindgen(method, getter)]
    pub fn aborted(this: &AbortSignal) -> bool;
}

/// `Reflect.get`, which throws only for targets that are not objects (or for getters and proxies
/// that throw).
pub mod reflect {
    use super::*;

    #[wasm_bindgen]
    extern "C" {
        #[wasm_bindgen(js_namespace = Reflect, catch)]
        pub fn get(target: &JsValue, key: &JsValue) -> Result<JsValue, JsValue>;
    }
}

/// `JSON.parse` and `JSON.stringify`.
pub mod json {
    use super::*;

    #[wasm_bindgen]
    extern "C" {
        /// `JSON.parse` of a JS string, so a response body is never copied into the module.
        #[wasm_bindgen(js_namespace = JSON, js_name = parse, catch)]
        pub fn parse_js(text: &JsString) -> Result<JsValue, JsValue>;
        /// A string, or `undefined` for values JSON cannot hold; throws for cycles and BigInts.
        #[wasm_bindgen(js_namespace = JSON, catch)]
        pub fn stringify(value: &JsValue) -> Result<JsValue, JsValue>;
    }
}

#[wasm_bindgen]
extern "C" {
    /// `Math.random()`.
    #[wasm_bindgen(js_namespace = Math)]
    pub fn random() -> f64;
    /// `Date.now()`.
    #[wasm_bindgen(js_namespace = Date)]
    pub fn now() -> f64;
    /// `Date.parse(text)`: milliseconds since the epoch, NaN for no date.
    #[wasm_bindgen(js_namespace = Date, js_name = parse)]
    pub fn parse_date(text: &str) -> f64;
    /// `String(value)`: a number as JavaScript prints it, a list joined with commas.
    #[wasm_bindgen(js_name = String)]
    pub fn text_of(value: &JsValue) -> JsValue;
    /// `console.warn(message)`.
    #[wasm_bindgen(js_namespace = console)]
    pub fn warn(message: &str);
}

#[wasm_bindgen(module = "/src/js/glue.js")]
extern "C" {
    /// `globalThis`. js-sys's `global()` probes four names through lazily made statics, and an
    /// imported static is a lazily made one too (its panic messages stay in the module); every
    /// runtime the package supports has `globalThis`.
    #[wasm_bindgen(js_name = globalObject)]
    fn global_object() -> JsValue;

    /// Writes `text` as UTF-8 into `memory` at `[at, at + room)`; returns the bytes written.
    #[wasm_bindgen(js_name = encodeInto)]
    fn encode_into(text: &JsString, memory: &JsValue, at: *mut u8, room: u32) -> u32;

    /// `typeof value == 'number'`.
    #[wasm_bindgen(js_name = isNumber)]
    fn is_number(value: &JsValue) -> bool;
    /// `typeof value == 'boolean'`.
    #[wasm_bindgen(js_name = isBoolean)]
    fn is_boolean(value: &JsValue) -> bool;
    /// A value already known to be a number, as one.
    #[wasm_bindgen(js_name = numberValue)]
    fn number_value(value: &JsValue) -> f64;
}

/// A JavaScript number (NaN included) as an `f64`; `None` for any other value.
///
/// wasm-bindgen's `JsValue::as_f64` does the same through memory: its import writes a flag and
/// the number where the module reads them back, with a `DataView` of its own in the glue. Two
/// plain imports need neither.
pub fn number(value: &JsValue) -> Option<f64> {
    is_number(value).then(|| number_value(value))
}

/// A JavaScript boolean as a `bool`; `None` for any other value. (`JsValue::as_bool` has glue of
/// its own for the same.)
pub fn boolean(value: &JsValue) -> Option<bool> {
    is_boolean(value).then(|| value.is_truthy())
}

/// A JavaScript string as a Rust `String`; `None` for any other value. Lone surrogates become
/// U+FFFD, as in every UTF-8 encoding of a JS string.
///
/// wasm-bindgen's `JsValue::as_string` does the same with glue of its own (an encoder loop and
/// the module's `malloc` and `realloc` exports): this is one `TextEncoder.encodeInto` into room
/// the module reserved, three bytes for each UTF-16 unit, which is enough for any string.
pub fn string(value: &JsValue) -> Option<String> {
    let text: &JsString = value.dyn_ref()?;
    // Its length in UTF-16 code units: the getter `Array::length` imports reads `length` of
    // whatever it is given, and one import serves both.
    let room = text.unchecked_ref::<Array>().length() * 3;
    let mut bytes = alloc::vec::Vec::with_capacity(room as usize);
    let written = encode_into(text, &wasm_bindgen::memory(), bytes.as_mut_ptr(), room);
    // SAFETY: encodeInto wrote `written` (at most `room`) bytes of UTF-8 at the start of the
    // buffer, and nothing else touched the buffer, or allocated, in between.
    unsafe {
        bytes.set_len(written as usize);
        Some(String::from_utf8_unchecked(bytes))
    }
}

/// `globalThis`, where `fetch`, `crypto`, `localStorage` and `window` are looked up.
pub fn global() -> JsValue {
    global_object()
}
