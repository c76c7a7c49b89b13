//! Where tokens and the cart id are kept: any `{ get, set, delete }` object, localStorage in
//! browsers, memory elsewhere. Nothing here touches a file system.

use alloc::string::String;

use super::sys::Function;
use wasm_bindgen::prelude::*;

use super::args::method;

/// The storage a gateway uses, as the official SDK's `storage` option describes it: an object
/// with `get`, `set` and `delete`. The built-in factories below are such objects too.
pub struct Storage {
    target: JsValue,
    get: Function,
    set: Function,
    delete: Function,
}

impl Storage {
    /// Wraps a `{ get, set, delete }` object; `None` when it is not one.
    pub fn from_js(value: JsValue) -> Option<Self> {
        if !value.is_object() {
            return None;
        }
        Some(Storage {
            get: method(&value, "get")?,
            set: method(&value, "set")?,
            delete: method(&value, "delete")?,
            target: value,
        })
    }

    /// The storage object itself.
    pub fn js(&self) -> &JsValue {
        &self.target
    }

    /// The value under `key`; a storage that throws or holds a non-string reads as empty.
    pub fn get(&self, key: &str) -> Option<String> {
        self.get
            .call2(&self.target, &JsValue::from_str(key), &JsValue::UNDEFINED)
            .ok()
            .as_ref()
            .and_then(super::sys::string)
    }

    /// Stores `value`; a storage that throws (a full quota, a private window) is not fatal.
    pub fn set(&self, key: &str, value: &str) {
        let _ = self.set.call2(
            &self.target,
            &JsValue::from_str(key),
            &JsValue::from_str(value),
        );
    }

    pub fn delete(&self, key: &str) {
        let _ = self
            .delete
            .call2(&self.target, &JsValue::from_str(key), &JsValue::UNDEFINED);
    }
}

#[wasm_bindgen(module = "/src/js/glue.js")]
extern "C" {
    /// Keeps values in memory, for one gateway's lifetime (a JavaScript class over a `Map`).
    pub type MemoryStorageFactory;
    #[wasm_bindgen(constructor)]
    pub fn new() -> MemoryStorageFactory;

    /// Keeps values in `localStorage` (shared by the tabs of an origin, kept across reloads);
    /// where there is none (Node, or a browser that refuses it) values live in memory instead.
    pub type LocalStorageFactory;
    #[wasm_bindgen(constructor)]
    pub fn new() -> LocalStorageFactory;
}
