//! `EPCC.Orders`: the order a checkout made.

use super::sys::Promise;
use wasm_bindgen::prelude::*;

use super::cart::{opt, Call, CartEndpoint, Group, NONE};
use super::sys::Array;

/// The Orders endpoint: `EPCC.Orders`. Its calls run through the same table as the cart calls
/// (see `CALLS` in cart.rs): a cart endpoint with no cart.
#[wasm_bindgen]
pub struct OrdersEndpoint(CartEndpoint);

impl OrdersEndpoint {
    pub(crate) fn new(calls: CartEndpoint) -> Self {
        OrdersEndpoint(calls)
    }
}

#[wasm_bindgen]
impl OrdersEndpoint {
    /// Runs the call in row `index` of the call table (an `Orders` row) with the arguments a JS
    /// method received.
    #[wasm_bindgen(js_name = __call, skip_typescript)]
    pub fn call_by_index(&self, index: u32, args: &Array) -> Promise {
        self.0.run_row(Group::Orders, index, args)
    }
}

/// The calls for Rust callers. JavaScript reaches them through `__call` and the names in the
/// call table.
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
