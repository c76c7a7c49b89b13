//! The executor. Every call, `Authenticate()` and the shared token request is a task: a future
//! the module polls at once and again whenever the one promise it waits on settles. A task waits
//! on at most one promise at a time (each wait is a plain `.await`; races between a promise, a
//! timeout and an abort are made in JS), so it needs no queue, no wake-up list and one callback
//! for all of its waits, made on its first wait.

use alloc::boxed::Box;
use alloc::rc::Rc;
use core::cell::Cell;
use core::future::Future;
use core::mem::ManuallyDrop;
use core::pin::Pin;
use core::task::{Context, Poll, RawWaker, RawWakerVTable, Waker};

use js_sys::{Function, Promise};
use wasm_bindgen::prelude::*;

use super::update;

#[wasm_bindgen(module = "/src/js/glue.js")]
extern "C" {
    /// Calls `done(true, value)` or `done(false, reason)` when `promise` settles.
    fn settle(promise: &Promise, done: &Callback);
}

type Job = Pin<Box<dyn Future<Output = Result<JsValue, JsValue>>>>;
/// What a task's waits call back: `(true, value)` or `(false, reason)`.
type Callback = Closure<dyn FnMut(bool, JsValue)>;

struct Task {
    /// `None` once finished, and while being polled.
    future: Cell<Option<Job>>,
    /// What the promise waited on settled with, until the waiting future takes it.
    settled: Cell<Option<Result<JsValue, JsValue>>>,
    /// The callback of every wait; dropped when the task finishes.
    done: Cell<Option<Callback>>,
    resolve: Function,
    reject: Function,
}

/// Runs `future` as a JS promise, polling it for the first time now.
pub fn spawn(future: impl Future<Output = Result<JsValue, JsValue>> + 'static) -> Promise {
    let mut settle_with = None;
    let promise = Promise::new(&mut |resolve, reject| settle_with = Some((resolve, reject)));
    if let Some((resolve, reject)) = settle_with {
        let task = Rc::new(Task {
            future: Cell::new(Some(Box::pin(future))),
            settled: Cell::new(None),
            done: Cell::new(None),
            resolve,
            reject,
        });
        task.poll();
    }
    promise
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
                // The callback holds the task: dropping it ends the task (after the callback
                // returns, when it is the caller).
                drop(self.done.take());
                let (settle, value) = match result {
                    Ok(value) => (&self.resolve, value),
                    Err(reason) => (&self.reject, reason),
                };
                let _ = settle.call1(&JsValue::UNDEFINED, &value);
            }
        }
    }

    /// Polls this task again once `promise` settles.
    fn listen(&self, promise: &Promise) {
        update(&self.done, |done| {
            let callback = done.get_or_insert_with(|| {
                // SAFETY: `self` lives in an `Rc` (every task does); this is one more owner.
                let task = unsafe {
                    Rc::increment_strong_count(self);
                    Rc::from_raw(self)
                };
                Closure::new(move |ok: bool, value: JsValue| {
                    task.settled
                        .set(Some(if ok { Ok(value) } else { Err(value) }));
                    task.poll();
                })
            });
            settle(promise, callback);
        });
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
