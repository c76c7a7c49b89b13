//! Sends one [`ApiRequest`](crate::request::ApiRequest) attempt through `fetch` (the global one
//! or the config's `custom_fetch`), within the call's cancellation scope.

use js_sys::{Function, Object, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use super::args::{method, property, set_property as set};
use crate::error::{Error, ErrorKind};

#[wasm_bindgen(module = "/src/js/glue.js")]
extern "C" {
    /// See `CallScope` in glue.js.
    pub type CallScope;

    #[wasm_bindgen(constructor)]
    fn new(user_signal: &JsValue, timeout_ms: u32) -> CallScope;
    #[wasm_bindgen(method, getter)]
    fn signal(this: &CallScope) -> web_sys::AbortSignal;
    #[wasm_bindgen(method, getter = timedOut)]
    fn timed_out(this: &CallScope) -> bool;
    #[wasm_bindgen(method)]
    fn wait(this: &CallScope, promise: &Promise) -> Promise;
    #[wasm_bindgen(method, js_name = sleep)]
    fn sleep_promise(this: &CallScope, ms: f64) -> Promise;
    #[wasm_bindgen(method)]
    fn close(this: &CallScope);
}

/// Why a wait ended early.
pub enum Interrupted {
    /// The call was cancelled (timeout or the caller's signal): see [`Scope::cancel_error`].
    Cancelled,
    /// The awaited promise rejected; the value is its reason.
    Failed(JsValue),
}

/// The cancellation scope of one call: closed (timer cleared, listener removed) when dropped.
pub struct Scope(CallScope);

impl Scope {
    /// Opens a scope; fails at once when the caller's signal has already fired.
    pub fn open(
        signal: Option<&web_sys::AbortSignal>,
        timeout_ms: Option<u32>,
    ) -> Result<Self, Error> {
        if signal.is_some_and(|s| s.aborted()) {
            return Err(aborted());
        }
        let user = signal.map_or(JsValue::UNDEFINED, |s| s.clone().into());
        Ok(Scope(CallScope::new(&user, timeout_ms.unwrap_or(0))))
    }

    /// Awaits `promise` unless the call is cancelled first.
    pub async fn wait(&self, promise: &Promise) -> Result<JsValue, Interrupted> {
        let result = JsFuture::from(self.0.wait(promise)).await;
        if self.0.signal().aborted() {
            return Err(Interrupted::Cancelled);
        }
        result.map_err(Interrupted::Failed)
    }

    /// Waits `ms` milliseconds unless the call is cancelled first.
    pub async fn sleep(&self, ms: u64) -> Result<(), Error> {
        match JsFuture::from(self.0.sleep_promise(ms as f64)).await {
            Ok(_) if !self.0.signal().aborted() => Ok(()),
            _ => Err(self.cancel_error()),
        }
    }

    /// The error for a cancelled call: a timeout, or the caller's abort.
    pub fn cancel_error(&self) -> Error {
        if self.0.timed_out() {
            Error::new(ErrorKind::Timeout, "the call timed out")
        } else {
            aborted()
        }
    }

    fn signal(&self) -> web_sys::AbortSignal {
        self.0.signal()
    }
}

impl Drop for Scope {
    fn drop(&mut self) {
        self.0.close();
    }
}

fn aborted() -> Error {
    Error::new(ErrorKind::Aborted, "the call was aborted")
}

/// The `fetch` a gateway uses, and the `this` to call it with.
pub struct Fetch {
    function: Function,
    this: JsValue,
}

impl Fetch {
    /// The config's `custom_fetch`, called as the official SDK calls it (`this` undefined).
    pub fn custom(function: Function) -> Self {
        Fetch {
            function,
            this: JsValue::UNDEFINED,
        }
    }

    /// `globalThis.fetch`, if the environment has one.
    pub fn global() -> Option<Self> {
        let global = js_sys::global();
        let function = method(&global, "fetch")?;
        Some(Fetch {
            function,
            this: global.into(),
        })
    }
}

/// What came back from one attempt.
pub struct RawResponse {
    pub status: u16,
    pub retry_after: Option<String>,
    pub body: String,
}

/// How an attempt failed without a response.
pub enum SendError {
    /// Refused, reset, dropped: `fetch` or reading the body rejected with this.
    Network(JsValue),
    /// The call was cancelled.
    Cancelled,
}

impl From<Interrupted> for SendError {
    fn from(interrupted: Interrupted) -> Self {
        match interrupted {
            Interrupted::Cancelled => SendError::Cancelled,
            Interrupted::Failed(reason) => SendError::Network(reason),
        }
    }
}

/// Sends one attempt and reads the whole answer.
pub async fn send(
    fetch: &Fetch,
    scope: &Scope,
    method: &str,
    url: &str,
    headers: &[(String, String)],
    body: Option<&str>,
) -> Result<RawResponse, SendError> {
    let init = Object::new();
    let header_object = Object::new();
    for (name, value) in headers {
        set(&header_object, name, &JsValue::from_str(value));
    }
    set(&init, "method", &JsValue::from_str(method));
    set(&init, "headers", &header_object);
    if let Some(body) = body {
        set(&init, "body", &JsValue::from_str(body));
    }
    set(&init, "signal", &scope.signal());

    let started = fetch
        .function
        .call2(&fetch.this, &JsValue::from_str(url), &init)
        .map_err(SendError::Network)?;
    let response = scope.wait(&Promise::resolve(&started)).await?;
    if !response.is_object() {
        return Err(SendError::Network(JsValue::from_str(
            "fetch resolved with something that is not a Response",
        )));
    }
    let status = property(&response, "status")
        .as_f64()
        .filter(|s| (100.0..=599.0).contains(s))
        .ok_or_else(|| SendError::Network(JsValue::from_str("the response has no HTTP status")))?
        as u16;
    let retry_after = header(&response, "retry-after");
    let text = call_method(&response, "text").map_err(SendError::Network)?;
    let body = scope.wait(&Promise::resolve(&text)).await?;
    Ok(RawResponse {
        status,
        retry_after,
        body: body.as_string().unwrap_or_default(),
    })
}

/// `response.headers.get(name)`, or `None` where the response has no such header or no headers.
fn header(response: &JsValue, name: &str) -> Option<String> {
    let headers = property(response, "headers");
    let get = method(&headers, "get")?;
    get.call1(&headers, &JsValue::from_str(name))
        .ok()?
        .as_string()
}

fn call_method(target: &JsValue, name: &str) -> Result<JsValue, JsValue> {
    Reflect::get(target, &JsValue::from_str(name))?
        .dyn_into::<Function>()?
        .call0(target)
}
