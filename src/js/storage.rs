//! Where tokens and the cart id are kept: any `{ get, set, delete }` object, localStorage in
//! browsers, memory elsewhere. Nothing here touches a file system.

use std::cell::RefCell;

use js_sys::Function;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::args::{method, property};
use crate::error::Error;

/// The storage a gateway uses, as the official SDK's `storage` option describes it.
pub enum Storage {
    /// The environment's own: localStorage or memory.
    Builtin(LocalStorageFactory),
    /// A caller's `{ get, set, delete }` object.
    Custom {
        target: JsValue,
        get: Function,
        set: Function,
        delete: Function,
    },
}

impl Storage {
    /// Wraps a user's `{ get, set, delete }` object.
    pub fn from_js(value: &JsValue) -> Result<Self, Error> {
        match (
            method(value, "get"),
            method(value, "set"),
            method(value, "delete"),
        ) {
            (Some(get), Some(set), Some(delete)) if value.is_object() => Ok(Storage::Custom {
                target: value.clone(),
                get,
                set,
                delete,
            }),
            _ => Err(Error::invalid_input(
                "config.storage must be an object with get(key), set(key, value) and delete(key) methods",
            )),
        }
    }

    /// localStorage where the environment has a usable one, memory otherwise.
    pub fn default_for_environment() -> Self {
        Storage::Builtin(LocalStorageFactory::new())
    }

    /// The value under `key`; a storage that throws or holds a non-string reads as empty.
    pub fn get(&self, key: &str) -> Option<String> {
        match self {
            Storage::Builtin(local) => local.get(key),
            Storage::Custom { target, get, .. } => get
                .call1(target, &JsValue::from_str(key))
                .ok()
                .and_then(|v| v.as_string()),
        }
    }

    /// Stores `value`; a storage that throws (a full quota, a private window) is not fatal.
    pub fn set(&self, key: &str, value: &str) {
        match self {
            Storage::Builtin(local) => local.set(key, value),
            Storage::Custom { target, set, .. } => {
                let _ = set.call2(target, &JsValue::from_str(key), &JsValue::from_str(value));
            }
        }
    }

    pub fn delete(&self, key: &str) {
        match self {
            Storage::Builtin(local) => local.delete(key),
            Storage::Custom { target, delete, .. } => {
                let _ = delete.call1(target, &JsValue::from_str(key));
            }
        }
    }
}

/// Keeps values in memory for the life of the page or process.
///
/// ```js
/// const EPCC = gateway({ client_id, storage: new MemoryStorageFactory() })
/// ```
#[wasm_bindgen]
#[derive(Default)]
pub struct MemoryStorageFactory {
    // A gateway keeps two or three keys: a list is smaller in wasm than a map, and as fast.
    values: RefCell<Vec<(String, String)>>,
}

#[wasm_bindgen]
impl MemoryStorageFactory {
    #[wasm_bindgen(constructor)]
    pub fn new() -> MemoryStorageFactory {
        MemoryStorageFactory::default()
    }

    pub fn get(&self, key: &str) -> Option<String> {
        let values = self.values.borrow();
        values
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.clone())
    }

    pub fn set(&self, key: &str, value: &str) {
        let mut values = self.values.borrow_mut();
        match values.iter_mut().find(|(k, _)| k == key) {
            Some((_, v)) => value.clone_into(v),
            None => values.push((key.to_owned(), value.to_owned())),
        }
    }

    pub fn delete(&self, key: &str) {
        self.values.borrow_mut().retain(|(k, _)| k != key);
    }
}

/// Keeps values in `localStorage` (shared by the tabs of an origin, kept across reloads). Where
/// there is none (Node, or a browser that refuses it) values live in memory instead.
#[wasm_bindgen]
pub struct LocalStorageFactory {
    local: Option<web_sys::Storage>,
    memory: MemoryStorageFactory,
}

#[wasm_bindgen]
impl LocalStorageFactory {
    #[wasm_bindgen(constructor)]
    pub fn new() -> LocalStorageFactory {
        LocalStorageFactory {
            local: local_storage(),
            memory: MemoryStorageFactory::new(),
        }
    }

    pub fn get(&self, key: &str) -> Option<String> {
        match &self.local {
            Some(local) => local.get_item(key).ok().flatten(),
            None => self.memory.get(key),
        }
    }

    pub fn set(&self, key: &str, value: &str) {
        match &self.local {
            Some(local) => {
                let _ = local.set_item(key, value);
            }
            None => self.memory.set(key, value),
        }
    }

    pub fn delete(&self, key: &str) {
        match &self.local {
            Some(local) => {
                let _ = local.remove_item(key);
            }
            None => self.memory.delete(key),
        }
    }
}

impl Default for LocalStorageFactory {
    fn default() -> Self {
        LocalStorageFactory::new()
    }
}

/// `globalThis.localStorage`, if reading it neither fails nor throws.
fn local_storage() -> Option<web_sys::Storage> {
    let value = property(&js_sys::global(), "localStorage");
    if value.is_undefined() || value.is_null() {
        return None;
    }
    value.dyn_into::<web_sys::Storage>().ok()
}
