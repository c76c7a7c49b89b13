//! The executor. Every call and the shared token request (`Authenticate()`) is a task: a job
//! that runs until it needs a promise to settle, then goes on with how it settled ([`Steps`]).
//! A task waits on at most one promise at a time (races between a promise, a timeout and an
//! abort are made in JS), so it needs no queue, no waker and no future. Its promise is the
//! chain of its waits: each wait is `promise.then(...)` with callbacks that report to one
//! function of the module ([`settled`], handed to glue.js once by the entries) with the
//! settlement and the task as arguments, and whatever that returns settles the wait's own
//! promise: the next wait's promise (which it follows), the task's value, or a rejected
//! promise for its error. So a wait makes no closure, and a task no promise of its own.

use alloc::boxed::Box;
#[cfg(feature = "std")]
use core::sync::atomic::{AtomicBool, Ordering};

use super::sys::Promise;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/src/js/glue.js")]
extern "C" {
    /// Makes `callback` the function [`listen`] reports to (the package's entries call it
    /// themselves).
    #[cfg(feature = "std")]
    #[wasm_bindgen(js_name = onSettled)]
    fn on_settled(callback: &JsValue);
    /// `promise.then(...)` with callbacks that call the `onSettled` callback with
    /// `(task, true, value)` or `(task, false, reason)` and settle as its result does.
    fn listen(promise: &Promise, task: u32) -> Promise;
}

#[wasm_bindgen]
extern "C" {
    /// `Promise.resolve(value)`.
    #[wasm_bindgen(js_namespace = Promise, js_name = resolve)]
    fn resolved(value: &JsValue) -> Promise;
    /// `Promise.reject(reason)`: also the promise of a job that could not start.
    #[wasm_bindgen(js_namespace = Promise, js_name = reject)]
    pub fn rejected(reason: &JsValue) -> Promise;
}

/// What a job does after a step.
pub enum Next {
    /// Waits for this promise, then steps again with how it settled.
    Wait(Promise),
    /// Ends: the task's promise resolves with the value, or rejects with the reason.
    Done(Result<JsValue, JsValue>),
}

/// A job a task runs: stepped first with `None`, then with how each promise it waited for
/// settled (its value, or what it rejected with).
pub trait Steps {
    fn step(&mut self, settled: Option<Result<JsValue, JsValue>>) -> Next;
}

/// The one kind of job: a call, or the shared token request ([`super::client`]). A concrete
/// type rather than `dyn Steps`, so stepping is a direct call.
type Job = super::client::Run;

/// Runs `job` as a JS promise, stepping it for the first time now.
pub fn spawn(job: Box<Job>) -> Promise {
    match step(job, None) {
        Next::Wait(rest) => rest,
        // A job that ended at once.
        Next::Done(Ok(value)) => resolved(&value),
        Next::Done(Err(reason)) => rejected(&reason),
    }
}

/// Whether glue.js has the function every wait reports to (the wasm-bindgen tests, below).
#[cfg(feature = "std")]
static LISTENING: AtomicBool = AtomicBool::new(false);

/// What every wait reports to: the task that waited (the pointer [`step`] gave up for it) and
/// how the promise settled. Returns what the wait's promise settles with (see the module
/// docs). The package's entry modules hand this export (behind its glue) to glue.js's
/// `onSettled` when they load the module: an export rather than a closure keeps
/// wasm-bindgen's closure machinery out of the package.
#[wasm_bindgen(js_name = __settled, skip_typescript)]
pub fn settled(task: u32, ok: bool, value: JsValue) -> JsValue {
    // SAFETY: `task` is the pointer `step` made with `Box::into_raw` for this wait, and each
    // wait reports once.
    let job = unsafe { Box::from_raw(task as usize as *mut Job) };
    match step(job, Some(if ok { Ok(value) } else { Err(value) })) {
        Next::Wait(rest) => rest.into(),
        Next::Done(Ok(value)) => value,
        Next::Done(Err(reason)) => rejected(&reason).into(),
    }
}

/// Steps `job`: when it waits, [`Next::Wait`] with the promise of the rest of the task (the
/// wait holds the job until then); when it ends, how.
fn step(mut job: Box<Job>, how: Option<Result<JsValue, JsValue>>) -> Next {
    match Steps::step(&mut *job, how) {
        Next::Wait(promise) => {
            // The wasm-bindgen tests load the module without the package's entries: there the
            // function is a closure, made once and kept for the life of the module.
            #[cfg(feature = "std")]
            if !LISTENING.swap(true, Ordering::Relaxed) {
                let callback = Closure::<dyn Fn(u32, bool, JsValue) -> JsValue>::new(settled);
                on_settled(&callback.into_js_value());
            }
            Next::Wait(listen(&promise, Box::into_raw(job) as usize as u32))
        }
        done => done,
    }
}
