//! Where tokens and the cart id are kept: any `{ get, set, delete }` object, localStorage in
//! browsers, memory elsewhere. Nothing here touches a file system.

use alloc::string::String;

use super::sys::Function;
use wasm_bindgen::prelude::*;

use super::args::method;
use crate::config::Config;

/// The two values a gateway keeps.
#[derive(Clone, Copy)]
pub enum Key {
    /// The credentials of the last token response (`epCredentials`, or `{name}_ep_credentials`).
    Credentials,
    /// The shopper's current cart id (`epcart`, or `{name}_ep_cart`).
    Cart,
}

/// The storage a gateway uses, as the official SDK's `storage` option describes it: an object
/// with `get`, `set` and `delete`. The built-in factories below are such objects too.
pub struct Storage {
    target: JsValue,
    get: Function,
    set: Function,
    delete: Function,
    /// The two keys as JS strings, made once: every call reads both.
    keys: [JsValue; 2],
}

impl Storage {
    /// Wraps a `{ get, set, delete }` object for the keys `config` names; `None` when it is not
    /// one.
    pub fn from_js(value: JsValue, config: &Config) -> Option<Self> {
        if !value.is_object() {
            return None;
        }
        Some(Storage {
            get: method(&value, "get")?,
            set: method(&value, "set")?,
            delete: method(&value, "delete")?,
            target: value,
            keys: [
                JsValue::from_str(&config.credentials_key()),
                JsValue::from_str(&config.cart_key()),
            ],
        })
    }

    /// The storage object itself.
    pub fn js(&self) -> &JsValue {
        &self.target
    }

    /// The key `key` is kept under.
    pub fn key(&self, key: Key) -> &JsValue {
        &self.keys[key as usize]
    }

    /// The value under `key` as the storage returns it (`undefined` from a storage that
    /// throws): the module compares it with the last one it read (`===`) and copies it in only
    /// when it changed.
    pub fn read(&self, key: Key) -> JsValue {
        self.get
            .call2(&self.target, self.key(key), &JsValue::UNDEFINED)
            .unwrap_or(JsValue::UNDEFINED)
    }

    /// The value under `key`; a storage that throws or holds a non-string reads as empty.
    pub fn get(&self, key: Key) -> Option<String> {
        super::sys::string(&self.read(key))
    }

    /// Stores `value`; a storage that throws (a full quota, a private window) is not fatal.
    pub fn set(&self, key: Key, value: &str) {
        let _ = self
            .set
            .call2(&self.target, self.key(key), &JsValue::from_str(value));
    }

    pub fn delete(&self, key: Key) {
        let _ = self
            .delete
            .call2(&self.target, self.key(key), &JsValue::UNDEFINED);
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
