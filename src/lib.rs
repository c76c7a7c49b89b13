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

pub mod auth;
pub mod config;
pub mod endpoints;
pub mod error;
pub mod json;
pub mod query;
pub mod request;
pub mod retry;
pub mod validate;

#[cfg(target_arch = "wasm32")]
pub mod js;

pub use error::{Error, ErrorKind};
