//! The executor. Every call and the shared token request (`Authenticate()`) is a task: a job
//! that runs until it needs a promise to settle, then goes on with how it settled ([`Steps`]).
//! A task waits on at most one promise at a time (races between a promise, a timeout and an
//! abort are made in JS), so it needs no queue, no waker and no future: every wait of every
//! task reports to one function of the module ([`settled`], handed to glue.js once by
//! [`listen_with`]) with the settlement and the task it wakes as arguments, so no wait makes a
//! closure.

use alloc::boxed::Box;
use alloc::rc::Rc;
use core::cell::Cell;
#[cfg(feature = "std")]
use core::sync::atomic::{AtomicBool, Ordering};

use super::sys::Promise;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/src/js/glue.js")]
extern "C" {
    /// A promise with the functions that settle it.
    type Deferred;
    #[wasm_bindgen(constructor)]
    fn new() -> Deferred;
    #[wasm_bindgen(method, getter)]
    fn promise(this: &Deferred) -> Promise;
    /// Resolves the promise with `value` (`ok`) or rejects it with `value` as the reason.
    #[wasm_bindgen(method)]
    fn settle(this: &Deferred, ok: bool, value: &JsValue);

    /// Makes `callback` the function [`listen`] reports to (the package's entries call it
    /// themselves).
    #[cfg(feature = "std")]
    #[wasm_bindgen(js_name = onSettled)]
    fn on_settled(callback: &JsValue);
    /// Calls the `onSettled` callback with `(task, true, value)` or `(task, false, reason)` when
    /// `promise` settles.
    fn listen(promise: &Promise, task: u32);
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

struct Task {
    /// `None` once finished, and while stepping.
    job: Cell<Option<Box<Job>>>,
    /// The promise the task's caller holds.
    outcome: Deferred,
}

/// Runs `job` as a JS promise, stepping it for the first time now.
pub fn spawn(job: Box<Job>) -> Promise {
    let outcome = Deferred::new();
    let promise = outcome.promise();
    Rc::new(Task {
        job: Cell::new(Some(job)),
        outcome,
    })
    .step(None);
    promise
}

/// A promise that has already rejected with `reason`: a job that could not start.
pub fn rejected(reason: &JsValue) -> Promise {
    let outcome = Deferred::new();
    outcome.settle(false, reason);
    outcome.promise()
}

/// Whether glue.js has the function every wait reports to (the wasm-bindgen tests, below).
#[cfg(feature = "std")]
static LISTENING: AtomicBool = AtomicBool::new(false);

/// What every wait reports to: the task that waited (the count [`Task::listen`] gave up for it)
/// and how the promise settled. The package's entry modules hand this export (behind its glue)
/// to glue.js's `onSettled` when they load the module: an export rather than a closure keeps
/// wasm-bindgen's closure machinery out of the package.
#[wasm_bindgen(js_name = __settled, skip_typescript)]
pub fn settled(task: u32, ok: bool, value: JsValue) {
    // SAFETY: `task` is the pointer `Task::listen` made with `Rc::into_raw` for this wait, and
    // each wait reports once.
    let task = unsafe { Rc::from_raw(task as usize as *const Task) };
    task.step(Some(if ok { Ok(value) } else { Err(value) }));
}

impl Task {
    fn step(self: Rc<Self>, settled: Option<Result<JsValue, JsValue>>) {
        // Taken while stepping, so a settle during the step (there is none: promises settle in
        // later microtasks) could not step it twice.
        let Some(mut job) = self.job.take() else {
            return;
        };
        match job.step(settled) {
            Next::Wait(promise) => {
                self.job.set(Some(job));
                self.listen(&promise);
            }
            Next::Done(result) => {
                drop(job);
                let (ok, value) = match result {
                    Ok(value) => (true, value),
                    Err(reason) => (false, reason),
                };
                self.outcome.settle(ok, &value);
            }
        }
    }

    /// Steps this task again once `promise` settles; the wait holds the task until then.
    fn listen(self: Rc<Self>, promise: &Promise) {
        // The wasm-bindgen tests load the module without the package's entries: there the
        // function is a closure, made once and kept for the life of the module.
        #[cfg(feature = "std")]
        if !LISTENING.swap(true, Ordering::Relaxed) {
            let callback = Closure::<dyn Fn(u32, bool, JsValue)>::new(settled);
            on_settled(&callback.into_js_value());
        }
        listen(promise, Rc::into_raw(self) as usize as u32);
    }
}
