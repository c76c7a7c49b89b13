//! `EPCC.Orders`: the order a checkout made.

use alloc::rc::Rc;

use super::sys::Promise;
use wasm_bindgen::prelude::*;

use super::args;
use super::cart::customer_token;
use super::client::Client;
use crate::endpoints::items;
use crate::error::Result;
use crate::request::ApiRequest;

/// The Orders endpoint: `EPCC.Orders`.
#[wasm_bindgen]
pub struct OrdersEndpoint {
    client: Rc<Client>,
}

impl OrdersEndpoint {
    pub(crate) fn new(client: Rc<Client>) -> Self {
        OrdersEndpoint { client }
    }

    #[inline(never)]
    fn send(
        &self,
        items: bool,
        id: &JsValue,
        token: Option<JsValue>,
        options: Option<JsValue>,
    ) -> Promise {
        let request = (|| -> Result<ApiRequest> {
            let id = args::string("order id", id)?;
            items::order(&id, items)?.customer_token(customer_token(token.as_ref())?.as_deref())
        })();
        self.client.call(request, options.as_ref())
    }
}

#[wasm_bindgen]
impl OrdersEndpoint {
    /// An order, with the customer's token when it is a customer's order.
    ///
    /// ```js
    /// const { data: order } = await EPCC.Orders.Get(orderId, customerToken)
    /// ```
    #[wasm_bindgen(js_name = Get, unchecked_return_type = "Promise<OrderResponse>")]
    pub fn get(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] order_id: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "string")] token: Option<JsValue>,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] options: Option<JsValue>,
    ) -> Promise {
        self.send(false, &order_id, token, options)
    }

    /// An order's items. Unlike the official SDK this takes the customer's token too, which a
    /// customer's order needs with an implicit gateway.
    #[wasm_bindgen(js_name = Items, unchecked_return_type = "Promise<OrderItemsResponse>")]
    pub fn items(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] order_id: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "string")] token: Option<JsValue>,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] options: Option<JsValue>,
    ) -> Promise {
        self.send(true, &order_id, token, options)
    }
}
