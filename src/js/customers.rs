//! `EPCC.Customers`: customer tokens for the carts flows.

use super::sys::Promise;
use wasm_bindgen::prelude::*;

use super::cart::{opt, Call, CartEndpoint, Group, NONE};
use super::sys::Array;
use crate::endpoints::customers;

/// The Customers endpoint: `EPCC.Customers`. Its calls run through the same table as the cart
/// calls (see `CALLS` in cart.rs): a cart endpoint with no cart.
#[wasm_bindgen]
pub struct CustomersEndpoint(CartEndpoint);

impl CustomersEndpoint {
    pub(crate) fn new(calls: CartEndpoint) -> Self {
        CustomersEndpoint(calls)
    }
}

#[wasm_bindgen]
impl CustomersEndpoint {
    /// Runs the call in row `index` of the call table (a `Customers` row) with the arguments a
    /// JS method received.
    #[wasm_bindgen(js_name = __call, skip_typescript)]
    pub fn call_by_index(&self, index: u32, args: &Array) -> Promise {
        self.0.run_row(Group::Customers, index, args)
    }
}

/// The calls for Rust callers. JavaScript reaches them through `__call` and the names in the
/// call table.
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
