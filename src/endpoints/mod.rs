//! One module per API area; each function builds the request for one SDK call.

pub mod carts;
pub mod customers;
pub mod items;
