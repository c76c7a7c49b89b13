//! The JavaScript face: the official SDK's names over the core. No logic lives here, only
//! conversions between JS values and core types, storage, and `fetch`.

mod args;
mod cart;
mod client;
mod customers;
mod error;
mod gateway;
mod items;
mod orders;
mod storage;
mod sys;
mod task;
mod transport;
mod types;

pub use cart::CartEndpoint;
pub use customers::CustomersEndpoint;
pub use error::is_epcc_error;
pub use gateway::{gateway, Gateway};
pub use orders::OrdersEndpoint;
pub use storage::{LocalStorageFactory, MemoryStorageFactory};
/// What every call returns: a JavaScript `Promise`.
pub use sys::Promise;

/// Runs `f` on the value in `cell`. Cells rather than `RefCell`s: nothing here can be borrowed
/// twice, so there is no borrow flag to check and no panic to carry.
fn update<T: Default, R>(cell: &core::cell::Cell<T>, f: impl FnOnce(&mut T) -> R) -> R {
    let mut value = cell.take();
    let result = f(&mut value);
    cell.set(value);
    result
}
