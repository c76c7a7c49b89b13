//! `EPCC.Customers`: customer tokens for the carts flows.

use alloc::rc::Rc;
use alloc::vec::Vec;

use super::sys::Promise;
use wasm_bindgen::prelude::*;

use super::args;
use super::client::Client;
use crate::endpoints::customers;

/// The Customers endpoint: `EPCC.Customers`.
#[wasm_bindgen]
pub struct CustomersEndpoint {
    client: Rc<Client>,
}

impl CustomersEndpoint {
    pub(crate) fn new(client: Rc<Client>) -> Self {
        CustomersEndpoint { client }
    }
}

#[wasm_bindgen]
impl CustomersEndpoint {
    /// Signs a customer in with email and password; the answer's `data.token` is the customer
    /// token the cart calls take.
    ///
    /// ```js
    /// const { data } = await EPCC.Customers.Token('ron@swanson.com', 'mysecretpassword')
    /// await EPCC.Carts.AddCustomerAssociation(data.customer_id, data.token)
    /// ```
    #[wasm_bindgen(js_name = Token, unchecked_return_type = "Promise<CustomerTokenResponse>")]
    pub fn token(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] email: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] password: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] options: Option<JsValue>,
    ) -> Promise {
        self.token_via_password(email, password, None, options)
    }

    /// `Token` with extra headers for this request (sent, unlike in the official SDK).
    #[wasm_bindgen(js_name = TokenViaPassword, unchecked_return_type = "Promise<CustomerTokenResponse>")]
    pub fn token_via_password(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] email: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] password: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "Record<string, string>")] headers: Option<
            JsValue,
        >,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] options: Option<JsValue>,
    ) -> Promise {
        let request = (|| {
            let email = args::string("email", &email)?;
            let password = args::string("password", &password)?;
            let headers = match headers {
                Some(headers) => args::string_map("headers", &headers)?,
                None => Vec::new(),
            };
            customers::token(&email, &password, headers)
        })();
        self.client.call(request, options.as_ref())
    }
}
