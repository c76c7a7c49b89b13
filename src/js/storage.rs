//! Where tokens and the cart id are kept: any `{ get, set, delete }` object, localStorage in
//! browsers, memory elsewhere. Nothing here touches a file system.

use alloc::string::String;

use super::sys::{Function, Map};
use wasm_bindgen::prelude::*;

use super::args::{method, property};

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

    /// The value under `key`; a storage that throws or holds a non-string reads as empty.
    pub fn get(&self, key: &str) -> Option<String> {
        self.get
            .call1(&self.target, &JsValue::from_str(key))
            .ok()?
            .as_string()
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
        let _ = self.delete.call1(&self.target, &JsValue::from_str(key));
    }
}

#[wasm_bindgen]
extern "C" {
    /// `localStorage`, called structurally.
    type WebStorage;
    #[wasm_bindgen(method, catch, js_name = getItem)]
    fn get_item(this: &WebStorage, key: &JsValue) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(method, catch, js_name = setItem)]
    fn set_item(this: &WebStorage, key: &JsValue, value: &JsValue) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(method, catch, js_name = removeItem)]
    fn remove_item(this: &WebStorage, key: &JsValue) -> Result<JsValue, JsValue>;
}

/// What the two factories below keep values in: `localStorage`, or a `Map` where there is none
/// (and always for [`MemoryStorageFactory`]). One copy of the three operations serves both.
struct Store {
    local: Option<WebStorage>,
    memory: Map,
}

#[derive(Clone, Copy)]
enum Op {
    Get,
    Set,
    Delete,
}

impl Store {
    fn memory() -> Self {
        Store {
            local: None,
            memory: Map::new(),
        }
    }

    #[inline(never)]
    fn run(&self, op: Op, key: &JsValue, value: &JsValue) -> JsValue {
        let none = JsValue::UNDEFINED;
        match (&self.local, op) {
            // localStorage answers `null` for a missing key: `undefined`, as from memory.
            (Some(local), Op::Get) => {
                return local
                    .get_item(key)
                    .ok()
                    .filter(|v| !v.is_null())
                    .unwrap_or(none)
            }
            (Some(local), Op::Set) => {
                let _ = local.set_item(key, value);
            }
            (Some(local), Op::Delete) => {
                let _ = local.remove_item(key);
            }
            (None, Op::Get) => return self.memory.get(key),
            (None, Op::Set) => {
                self.memory.set(key, value);
            }
            (None, Op::Delete) => {
                self.memory.delete(key);
            }
        }
        none
    }
}

/// Keeps values in memory for the life of the page or process.
///
/// ```js
/// const EPCC = gateway({ client_id, storage: new MemoryStorageFactory() })
/// ```
#[wasm_bindgen]
pub struct MemoryStorageFactory {
    store: Store,
}

#[wasm_bindgen]
impl MemoryStorageFactory {
    #[wasm_bindgen(constructor)]
    pub fn new() -> MemoryStorageFactory {
        MemoryStorageFactory {
            store: Store::memory(),
        }
    }

    #[wasm_bindgen(unchecked_return_type = "string | undefined")]
    pub fn get(&self, #[wasm_bindgen(unchecked_param_type = "string")] key: JsValue) -> JsValue {
        self.store.run(Op::Get, &key, &JsValue::UNDEFINED)
    }

    pub fn set(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] key: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] value: JsValue,
    ) {
        self.store.run(Op::Set, &key, &value);
    }

    pub fn delete(&self, #[wasm_bindgen(unchecked_param_type = "string")] key: JsValue) {
        self.store.run(Op::Delete, &key, &JsValue::UNDEFINED);
    }
}

impl Default for MemoryStorageFactory {
    fn default() -> Self {
        MemoryStorageFactory::new()
    }
}

/// Keeps values in `localStorage` (shared by the tabs of an origin, kept across reloads). Where
/// there is none (Node, or a browser that refuses it) values live in memory instead.
#[wasm_bindgen]
pub struct LocalStorageFactory {
    store: Store,
}

#[wasm_bindgen]
impl LocalStorageFactory {
    #[wasm_bindgen(constructor)]
    pub fn new() -> LocalStorageFactory {
        // Reading `localStorage` throws in some private modes; `property` turns that into
        // `undefined`.
        let local = property(&super::sys::global(), "localStorage");
        LocalStorageFactory {
            store: Store {
                local: local.is_object().then(|| local.into()),
                memory: Map::new(),
            },
        }
    }

    #[wasm_bindgen(unchecked_return_type = "string | undefined")]
    pub fn get(&self, #[wasm_bindgen(unchecked_param_type = "string")] key: JsValue) -> JsValue {
        self.store.run(Op::Get, &key, &JsValue::UNDEFINED)
    }

    pub fn set(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] key: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] value: JsValue,
    ) {
        self.store.run(Op::Set, &key, &value);
    }

    pub fn delete(&self, #[wasm_bindgen(unchecked_param_type = "string")] key: JsValue) {
        self.store.run(Op::Delete, &key, &JsValue::UNDEFINED);
    }
}

impl Default for LocalStorageFactory {
    fn default() -> Self {
        LocalStorageFactory::new()
    }
}
