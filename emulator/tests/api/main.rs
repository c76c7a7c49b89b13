//! End-to-end tests: each test starts its own emulator on a loopback port and drives it over
//! HTTP, checking the wire contract of `api.md` and the admin API.

mod admin;
mod associations;
mod authz;
mod bad_input;
mod carts;
mod catalog;
mod cors_and_limits;
mod customers;
mod fault_modes;
mod harness;
mod items;
mod listing;
mod oauth;
mod orders;
mod schemas;
