//! The executor. Every call, `Authenticate()` and the shared token request is a task: a future
//! the module polls at once and again whenever the one promise it waits on settles. A task waits
//! on at most one promise at a time (each wait is a plain `.await`; races between a promise, a
//! timeout and an abort are made in JS), so it needs no queue and no wake-up list. Every wait of
//! every task reports to one callback, made once for the module: the promise's settlement and
//! the task it wakes travel as arguments, so a call makes no closure of its own.

use alloc::boxed::Box;
use alloc::rc::Rc;
use core::cell::Cell;
use core::future::Future;
use core::mem::ManuallyDrop;
use core::pin::Pin;
use core::sync::atomic::{AtomicBool, Ordering};
use core::task::{Context, Poll, RawWaker, RawWakerVTable, Waker};

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

    /// Makes `callback` the function [`listen`] reports to.
    #[wasm_bindgen(js_name = onSettled)]
    fn on_settled(callback: &JsValue);
    /// Calls the `onSettled` callback with `(task, true, value)` or `(task, false, reason)` when
    /// `promise` settles.
    fn listen(promise: &Promise, task: u32);
}

type Job = Pin<Box<dyn Future<Output = Result<JsValue, JsValue>>>>;

struct Task {
    /// `None` once finished, and while being polled.
    future: Cell<Option<Job>>,
    /// What the promise waited on settled with, until the waiting future takes it.
    settled: Cell<Option<Result<JsValue, JsValue>>>,
    /// The promise the task's caller holds.
    outcome: Deferred,
}

/// Runs `future` as a JS promise, polling it for the first time now.
pub fn spawn(future: impl Future<Output = Result<JsValue, JsValue>> + 'static) -> Promise {
    let outcome = Deferred::new();
    let promise = outcome.promise();
    Rc::new(Task {
        future: Cell::new(Some(Box::pin(future))),
        settled: Cell::new(None),
        outcome,
    })
    .poll();
    promise
}

/// Whether the module's settle callback has been made (once, on the first wait of all).
static LISTENING: AtomicBool = AtomicBool::new(false);

/// What every wait reports to: the task that waited (a strong count [`Task::listen`] took for
/// it) and how the promise settled.
fn settled(task: u32, ok: bool, value: JsValue) {
    // SAFETY: `task` points to a task whose strong count `Task::listen` raised for this wait,
    // and each wait reports once.
    let task = unsafe { Rc::from_raw(task as usize as *const Task) };
    task.settled
        .set(Some(if ok { Ok(value) } else { Err(value) }));
    task.poll();
}

/// Waits for `promise` to settle: its value, or what it rejected with. Only a task's future
/// may await this.
pub fn wait(promise: Promise) -> Wait {
    Wait(Some(promise))
}

pub struct Wait(Option<Promise>);

impl Future for Wait {
    type Output = Result<JsValue, JsValue>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context) -> Poll<Self::Output> {
        // The waker of a task (see `waker`) carries the task; any other waker polls in vain.
        let waker = cx.waker();
        if waker.vtable() != &VTABLE {
            return Poll::Pending;
        }
        // SAFETY: a waker with VTABLE holds a live `Rc<Task>` pointer (see `waker`).
        let task = unsafe { &*(waker.data() as *const Task) };
        match self.0.take() {
            Some(promise) => {
                task.listen(&promise);
                Poll::Pending
            }
            None => match task.settled.take() {
                Some(result) => Poll::Ready(result),
                None => Poll::Pending,
            },
        }
    }
}

impl Task {
    fn poll(self: &Rc<Self>) {
        // Taken while polling, so a settle during the poll (there is none: promises settle in
        // later microtasks) could not poll it twice.
        let Some(mut future) = self.future.take() else {
            return;
        };
        let waker = ManuallyDrop::new(unsafe { Waker::from_raw(raw(Rc::as_ptr(self))) });
        match future.as_mut().poll(&mut Context::from_waker(&waker)) {
            Poll::Pending => self.future.set(Some(future)),
            Poll::Ready(result) => {
                drop(future);
                let (ok, value) = match result {
                    Ok(value) => (true, value),
                    Err(reason) => (false, reason),
                };
                self.outcome.settle(ok, &value);
            }
        }
    }

    /// Polls this task again once `promise` settles.
    fn listen(&self, promise: &Promise) {
        if !LISTENING.swap(true, Ordering::Relaxed) {
            // Made once and kept for the life of the module.
            let callback = Closure::<dyn Fn(u32, bool, JsValue)>::new(settled);
            on_settled(&callback.into_js_value());
        }
        // SAFETY: `self` lives in an `Rc` (every task does); the wait owns one more count until
        // `settled` takes it back.
        unsafe { Rc::increment_strong_count(self) };
        listen(promise, self as *const Task as usize as u32);
    }
}

// A task's waker: the `Rc<Task>` pointer. Nothing clones or wakes it today (only `Wait` reads
// it), but a clone owns a count and a wake polls the task, as a waker must.
static VTABLE: RawWakerVTable = RawWakerVTable::new(clone, wake, wake_by_ref, drop_waker);

fn raw(task: *const Task) -> RawWaker {
    RawWaker::new(task.cast(), &VTABLE)
}

unsafe fn clone(data: *const ()) -> RawWaker {
    Rc::increment_strong_count(data as *const Task);
    raw(data.cast())
}

unsafe fn wake(data: *const ()) {
    let task = Rc::from_raw(data as *const Task);
    task.poll();
}

unsafe fn wake_by_ref(data: *const ()) {
    let task = ManuallyDrop::new(Rc::from_raw(data as *const Task));
    task.poll();
}

unsafe fn drop_waker(data: *const ()) {
    drop(Rc::from_raw(data as *const Task));
}
