//! `EPCC.Customers`: customer tokens for the carts flows.

use super::sys::Promise;
use wasm_bindgen::prelude::*;

use super::cart::{opt, Call, CartEndpoint, NONE};
use crate::endpoints::customers;

/// The Customers endpoint: `EPCC.Customers`. Its calls are rows of the same table as the cart
/// calls (see `CALLS` in cart.rs), run by a cart endpoint with no cart. In JavaScript it is a
/// plain object over the gateway (its class is in glue.js): the gateway's `__call` runs its
/// rows, so the module exports no class for it.
pub struct CustomersEndpoint(CartEndpoint);

impl CustomersEndpoint {
    pub(crate) fn new(calls: CartEndpoint) -> Self {
        CustomersEndpoint(calls)
    }
}

/// The calls for Rust callers. JavaScript reaches them through the gateway's `__call` and the
/// names in the call table.
impl CustomersEndpoint {
    /// Signs a customer in with email and password; the answer's `data.token` is the customer
    /// token the cart calls take.
    ///
    /// ```js
    /// const { data } = await EPCC.Customers.Token('ron@swanson.com', 'mysecretpassword')
    /// await EPCC.Carts.AddCustomerAssociation(data.customer_id, data.token)
    /// ```
    pub fn token(&self, email: JsValue, password: JsValue, options: Option<JsValue>) -> Promise {
        let args = [email, password, NONE, NONE, NONE, NONE];
        self.0.send(Call::Route(&customers::TOKEN), args, options)
    }

    /// `Token` with extra headers for this request (sent, unlike in the official SDK).
    pub fn token_via_password(
        &self,
        email: JsValue,
        password: JsValue,
        headers: Option<JsValue>,
        options: Option<JsValue>,
    ) -> Promise {
        let args = [email, password, opt(headers), NONE, NONE, NONE];
        self.0
            .send(Call::Route(&customers::TOKEN_VIA_PASSWORD), args, options)
    }
}
