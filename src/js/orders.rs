//! `EPCC.Orders`: the order a checkout made.

use super::sys::Promise;
use wasm_bindgen::prelude::*;

use super::cart::{opt, Call, CartEndpoint, NONE};

/// The Orders endpoint: `EPCC.Orders`. Its calls are rows of the same table as the cart calls
/// (see `CALLS` in cart.rs), run by a cart endpoint with no cart. In JavaScript it is a plain
/// object over the gateway, as `EPCC.Customers` is (see `CustomersEndpoint`).
pub struct OrdersEndpoint(CartEndpoint);

impl OrdersEndpoint {
    pub(crate) fn new(calls: CartEndpoint) -> Self {
        OrdersEndpoint(calls)
    }
}

/// The calls for Rust callers. JavaScript reaches them through the gateway's `__call` and the
/// names in the call table.
impl OrdersEndpoint {
    /// An order, with the customer's token when it is a customer's order.
    ///
    /// ```js
    /// const { data: order } = await EPCC.Orders.Get(orderId, customerToken)
    /// ```
    pub fn get(
        &self,
        order_id: JsValue,
        token: Option<JsValue>,
        options: Option<JsValue>,
    ) -> Promise {
        let args = [order_id, opt(token), NONE, NONE, NONE, NONE];
        self.0
            .send(Call::Route(&crate::endpoints::items::ORDER), args, options)
    }

    /// An order's items. Unlike the official SDK this takes the customer's token too, which a
    /// customer's order needs with an implicit gateway.
    pub fn items(
        &self,
        order_id: JsValue,
        token: Option<JsValue>,
        options: Option<JsValue>,
    ) -> Promise {
        let args = [order_id, opt(token), NONE, NONE, NONE, NONE];
        self.0.send(
            Call::Route(&crate::endpoints::items::ORDER_ITEMS),
            args,
            options,
        )
    }
}
