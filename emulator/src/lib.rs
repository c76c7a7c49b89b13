//! A local, offline emulator of the Elastic Path Commerce Cloud APIs a storefront's carts need:
//! OAuth client tokens, customers and customer tokens, carts, customer and account associations,
//! cart listings, a shopper catalog, cart items with promotions, taxes and custom discounts,
//! checkout and orders. It implements the project's wire contract (`api.md`), plus an admin API
//! under `/__emulator` for tests (request journal, reset, fault injection, token expiry).
//!
//! Start it in-process with [`serve`]:
//!
//! ```no_run
//! # async fn example() -> std::io::Result<()> {
//! let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
//! epcc_emulator::serve(listener, epcc_emulator::AppConfig::default()).await
//! # }
//! ```
//!
//! Layout: [`store`] holds the data and its ordered indexes, [`listing`] the paging and filter
//! rules, [`render`] the JSON shapes, [`auth`] the tokens, [`routes`] one module per API area,
//! [`front`] the pipeline around every request (journal, faults, rate limit, CORS).

pub mod auth;
pub mod catalog;
pub mod clock;
pub mod config;
pub mod cors;
pub mod error;
pub mod faults;
pub mod front;
pub mod journal;
pub mod listing;
pub mod money;
pub mod pricing;
pub mod ratelimit;
pub mod render;
pub mod routes;
pub mod seed;
pub mod server;
pub mod state;
pub mod store;

pub use config::AppConfig;
pub use routes::router;
pub use server::{listening_url, serve, serve_state};
pub use state::{AppState, SharedState};
