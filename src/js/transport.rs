//! One [`ApiRequest`](crate::request::ApiRequest) attempt through `fetch` (the global one or the
//! config's `custom_fetch`): [`start`] calls it, [`answer`] reads what it resolved with, and the
//! call's cancellation [`Scope`] bounds every wait in between (the waits themselves are in
//! `client::Run`).

use super::sys::{Array, Function, JsString, Promise};
use wasm_bindgen::prelude::*;

use super::args::{method, property};
use crate::error::{Error, ErrorKind};
use crate::retry;

#[wasm_bindgen(module = "/src/js/glue.js")]
extern "C" {
    /// See `CallScope` in glue.js.
    type CallScope;

    #[wasm_bindgen(constructor)]
    fn new(user_signal: &JsValue, timeout_ms: u32) -> CallScope;
    #[wasm_bindgen(method, getter)]
    fn signal(this: &CallScope) -> super::sys::AbortSignal;
    #[wasm_bindgen(method, getter = timedOut)]
    fn timed_out(this: &CallScope) -> bool;
    #[wasm_bindgen(method)]
    fn wait(this: &CallScope, promise: &Promise) -> Promise;
    #[wasm_bindgen(method, js_name = sleep)]
    fn sleep_promise(this: &CallScope, ms: f64) -> Promise;
    #[wasm_bindgen(method)]
    fn close(this: &CallScope);

    /// Resolves after `ms` milliseconds.
    fn sleep(ms: f64) -> Promise;

    /// Calls `fetch` (in a microtask) with the request `head`, `body` and `signal` describe
    /// (see [`start`]) and, once it answers, reads the body and the status: a promise of
    /// `[response, text, status]`, which rejects with what `fetch` threw or rejected with.
    fn exchange(
        fetch: &Function,
        this: &JsValue,
        head: &str,
        body: &JsValue,
        signal: &JsValue,
    ) -> Promise;
}

/// The cancellation scope of one call. A call with neither a signal nor a timeout has nothing
/// to cancel it, and then costs nothing: no controller, timer or listener.
pub struct Scope(Option<CallScope>);

impl Scope {
    /// Opens a scope; fails at once when the caller's signal has already fired.
    pub fn open(
        signal: Option<&super::sys::AbortSignal>,
        timeout_ms: Option<u32>,
    ) -> Result<Self, Error> {
        if signal.is_some_and(|s| s.aborted()) {
            return Err(aborted());
        }
        if signal.is_none() && timeout_ms.is_none() {
            return Ok(Scope(None));
        }
        let user = signal.map_or(JsValue::UNDEFINED, |s| s.clone().into());
        Ok(Scope(Some(CallScope::new(&user, timeout_ms.unwrap_or(0)))))
    }

    /// Whether the call was cancelled (timeout or the caller's signal).
    pub fn cancelled(&self) -> bool {
        self.0.as_ref().is_some_and(|s| s.signal().aborted())
    }

    /// `promise`, or a promise that rejects as soon as the call is cancelled, whichever settles
    /// first. After waiting for it, [`Scope::cancelled`] tells which.
    pub fn race(&self, promise: Promise) -> Promise {
        match &self.0 {
            Some(scope) => scope.wait(&promise),
            None => promise,
        }
    }

    /// A promise that resolves after `ms` milliseconds; one the scope's timer or signal can end
    /// early when it has them.
    pub fn pause(&self, ms: u32) -> Promise {
        match &self.0 {
            Some(scope) => scope.sleep_promise(ms.into()),
            None => sleep(ms.into()),
        }
    }

    /// The error for a cancelled call: a timeout, or the caller's abort.
    pub fn cancel_error(&self) -> Error {
        if self.0.as_ref().is_some_and(CallScope::timed_out) {
            Error::new(ErrorKind::Timeout, "the call timed out")
        } else {
            aborted()
        }
    }
}

impl Drop for Scope {
    fn drop(&mut self) {
        if let Some(scope) = &self.0 {
            scope.close();
        }
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
        let global = super::sys::global();
        let function = method(&global, "fetch")?;
        Some(Fetch {
            function,
            this: global,
        })
    }
}

/// What came back from one attempt.
pub struct RawResponse {
    pub status: u16,
    /// The wait `Retry-After` asks for, in milliseconds (read for 429 answers only).
    pub retry_after: Option<u32>,
    /// The body as a JS string: it is parsed by the JS engine and never copied into the module.
    pub body: JsString,
}

impl RawResponse {
    /// Whether the body is empty or only whitespace (a 204).
    pub fn is_empty(&self) -> bool {
        self.body.trim().is_falsy()
    }
}

/// Starts one attempt: calls `fetch` and reads the body of what it resolves with. `head` is the
/// method, the address and each header's name and value, one per line (none of them can hold a
/// line break): one string for the module to hand over, which glue.js makes into the request.
/// Returns the promise of `[response, body text, status]` ([`answer`] reads it), which rejects
/// when `fetch` throws or rejects. Both steps are one promise, so the module waits once per
/// attempt.
pub fn start(fetch: &Fetch, scope: &Scope, head: &str, body: Option<&str>) -> Promise {
    let body = body.map_or(JsValue::UNDEFINED, JsValue::from_str);
    let signal = scope
        .0
        .as_ref()
        .map_or(JsValue::UNDEFINED, |scope| scope.signal().into());
    exchange(&fetch.function, &fetch.this, head, &body, &signal)
}

/// What an attempt came back with, from the `[response, body text, status]` [`start`]'s promise
/// resolved with: its status, the wait its `Retry-After` asks for (read for 429 answers only)
/// and the body. `Err` is why it cannot be read as a response.
pub fn answer(exchanged: &JsValue) -> Result<RawResponse, JsValue> {
    let exchanged: &Array = exchanged.unchecked_ref();
    let status = super::sys::number(&exchanged.get(2))
        .filter(|s| (100.0..=599.0).contains(s))
        .ok_or_else(|| JsValue::from_str("the response has no HTTP status"))?
        as u16;
    let retry_after = if status == 429 {
        let headers = property(&exchanged.get(0), "headers");
        method(&headers, "get")
            .and_then(|get| {
                get.call2(&headers, &"retry-after".into(), &JsValue::UNDEFINED)
                    .ok()
            })
            .as_ref()
            .and_then(super::sys::string)
            .and_then(|value| {
                retry::parse_retry_after(&value, super::sys::now(), super::sys::parse_date)
            })
    } else {
        None
    };
    Ok(RawResponse {
        status,
        retry_after,
        body: exchanged
            .get(1)
            .dyn_into()
            .unwrap_or_else(|_| JsValue::from_str("").unchecked_into()),
    })
}
