//! # epcc-carts
//!
//! An Elastic Path Commerce Cloud Carts API client for browsers and Node, compiled to
//! WebAssembly. The crate is a small core of plain Rust (configuration, authentication, request
//! building, the retry policy, errors), tested natively, and thin JavaScript bindings in [`js`]
//! that add storage, `fetch` and the official SDK's names.
//!
//! ```text
//! config ─┐
//! auth ───┼─> endpoints ─> request (ApiRequest) ─> js::transport (fetch) ─> retry / error
//! query ──┘
//! ```

#![cfg_attr(all(target_arch = "wasm32", not(feature = "std")), no_std)]

extern crate alloc;

pub mod auth;
pub mod config;
pub mod endpoints;
pub mod error;
pub mod json;
pub mod query;
pub mod request;
pub mod retry;
pub mod text;
pub mod validate;

#[cfg(target_arch = "wasm32")]
pub mod js;

/// A small allocator: the module runs on one thread, and a general-purpose allocator would be a
/// tenth of the binary.
#[cfg(all(target_arch = "wasm32", not(feature = "std")))]
#[global_allocator]
static ALLOCATOR: lol_alloc::AssumeSingleThreaded<lol_alloc::FreeListAllocator> =
    // SAFETY: WebAssembly without threads, which is how the package is built and loaded.
    unsafe { lol_alloc::AssumeSingleThreaded::new(lol_alloc::FreeListAllocator::new()) };

/// No input panics (every expected failure is an `Err` that becomes an `EpccError`), so a panic
/// is a bug: it traps without formatting anything, which keeps `core::fmt` out of the binary.
#[cfg(all(target_arch = "wasm32", not(feature = "std")))]
#[panic_handler]
fn panic(_: &core::panic::PanicInfo) -> ! {
    core::arch::wasm32::unreachable()
}

pub use error::{Error, ErrorKind};
