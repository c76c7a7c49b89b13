//! One module per API area: what each SDK call sends. Most calls are a [`route::Route`], data
//! that one interpreter turns into a request; the rest are functions.

pub mod carts;
pub mod customers;
pub mod items;
pub mod route;
