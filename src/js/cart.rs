//! `EPCC.Carts` / `EPCC.Cart(id)`: the Carts API with the official SDK's names and argument order.

use std::cell::RefCell;
use std::rc::Rc;

use js_sys::Promise;
use wasm_bindgen::prelude::*;

use super::args;
use super::client::Client;
use crate::endpoints::carts::{self, Relation};
use crate::error::{Error, Result};
use crate::query::ListQuery;
use crate::request::{ApiRequest, Method};

/// One cart's endpoint. The list builders (`Limit`, `Offset`, `Sort`, `Filter`, `With`) change
/// this endpoint and return it for chaining; they are cleared by the call that uses them.
#[wasm_bindgen]
pub struct CartEndpoint {
    client: Rc<Client>,
    cart_id: Result<String>,
    query: Rc<RefCell<ListQuery>>,
}

impl CartEndpoint {
    pub(crate) fn new(client: Rc<Client>, cart_id: Result<String>) -> Self {
        CartEndpoint {
            client,
            cart_id,
            query: Rc::default(),
        }
    }

    /// The same endpoint (shared builder state), for chaining.
    fn this(&self) -> CartEndpoint {
        CartEndpoint {
            client: Rc::clone(&self.client),
            cart_id: self.cart_id.clone(),
            query: Rc::clone(&self.query),
        }
    }

    fn build(
        &self,
        edit: impl FnOnce(&mut ListQuery) -> Result<()>,
    ) -> core::result::Result<CartEndpoint, JsValue> {
        let mut query = self.query.borrow().clone();
        edit(&mut query)?;
        *self.query.borrow_mut() = query;
        Ok(self.this())
    }

    fn call(&self, request: Result<ApiRequest>, options: Option<JsValue>) -> Promise {
        self.client
            .call(request, &options.unwrap_or(JsValue::UNDEFINED))
    }

    fn association(
        &self,
        method: Method,
        relation: Relation,
        id: &JsValue,
        token: Option<JsValue>,
        options: Option<JsValue>,
    ) -> Promise {
        let request = (|| {
            let cart_id = self.cart_id.clone()?;
            let id = args::string(relation.id_name(), id)?;
            let token = optional(relation.token_name(), token)?;
            carts::association(method, relation, &cart_id, &id, token.as_deref())
        })();
        self.call(request, options)
    }
}

fn optional(what: &str, value: Option<JsValue>) -> Result<Option<String>> {
    value.map_or(Ok(None), |v| args::optional_string(what, &v))
}

#[wasm_bindgen]
impl CartEndpoint {
    /// The cart id this endpoint works on.
    #[wasm_bindgen(getter = cartId)]
    pub fn cart_id(&self) -> Option<String> {
        self.cart_id.clone().ok()
    }

    /// Associates this cart with a customer. With a customer token (implicit gateway) the token
    /// must be that customer's; without one the gateway needs client_credentials.
    /// Resolves `{ data: [{ type: 'customer', id }] }` when the association is new, and `{}`
    /// (HTTP 204) when the customer was already associated.
    ///
    /// ```js
    /// const res = await EPCC.Carts.AddCustomerAssociation(customerId, customerToken)
    /// const isNew = res.data !== undefined
    /// ```
    #[wasm_bindgen(js_name = AddCustomerAssociation, unchecked_return_type = "Promise<AssociationResponse>")]
    pub fn add_customer_association(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] customer_id: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "string")] token: Option<JsValue>,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] options: Option<JsValue>,
    ) -> Promise {
        self.association(
            Method::Post,
            Relation::Customer,
            &customer_id,
            token,
            options,
        )
    }

    /// Removes the association with a customer (HTTP `DELETE`); resolves `{}`, also when there
    /// was none. The official SDK lacks this call.
    #[wasm_bindgen(js_name = RemoveCustomerAssociation, unchecked_return_type = "Promise<EmptyResponse>")]
    pub fn remove_customer_association(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] customer_id: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "string")] token: Option<JsValue>,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] options: Option<JsValue>,
    ) -> Promise {
        self.association(
            Method::Delete,
            Relation::Customer,
            &customer_id,
            token,
            options,
        )
    }

    /// Associates this cart with an account, with an Account Management token.
    #[wasm_bindgen(js_name = AddAccountAssociation, unchecked_return_type = "Promise<AssociationResponse>")]
    pub fn add_account_association(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] account_id: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "string")] token: Option<JsValue>,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] options: Option<JsValue>,
    ) -> Promise {
        self.association(Method::Post, Relation::Account, &account_id, token, options)
    }

    /// Removes the association with an account.
    #[wasm_bindgen(js_name = RemoveAccountAssociation, unchecked_return_type = "Promise<EmptyResponse>")]
    pub fn remove_account_association(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] account_id: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "string")] token: Option<JsValue>,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] options: Option<JsValue>,
    ) -> Promise {
        self.association(
            Method::Delete,
            Relation::Account,
            &account_id,
            token,
            options,
        )
    }

    /// A customer's carts, newest updated first: `GET /v2/carts` with the customer token. With no
    /// token a client_credentials gateway gets every cart of the store. Builders are not applied.
    ///
    /// ```js
    /// const { data, links, meta } = await EPCC.Carts.GetCartsList(customerToken)
    /// ```
    #[wasm_bindgen(js_name = GetCartsList, unchecked_return_type = "Promise<CartsListResponse>")]
    pub fn get_carts_list(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "string")] token: Option<JsValue>,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] options: Option<JsValue>,
    ) -> Promise {
        let request = optional("customer token", token).and_then(|t| carts::list(t.as_deref()));
        self.call(request, options)
    }

    /// Lists carts with the builders' query (`Limit`, `Offset`, `Sort`, `Filter`, `With`).
    /// Without a customer token this needs a client_credentials gateway.
    ///
    /// ```js
    /// const page = await Admin.Carts.Limit(10).Offset(20).Filter({ ilike: { name: '*gift*' } }).All()
    /// ```
    #[wasm_bindgen(js_name = All, unchecked_return_type = "Promise<CartsListResponse>")]
    pub fn all(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "string")] token: Option<JsValue>,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] options: Option<JsValue>,
    ) -> Promise {
        let query = self.query.take();
        let request =
            optional("customer token", token).and_then(|t| carts::list_with(&query, t.as_deref()));
        self.call(request, options)
    }

    /// This cart (`include` from `With`). The API creates an empty cart for an unknown id.
    #[wasm_bindgen(js_name = Get, unchecked_return_type = "Promise<CartResponse>")]
    pub fn get(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] options: Option<JsValue>,
    ) -> Promise {
        let query = self.query.take();
        let request = self.cart_id.clone().and_then(|id| carts::get(&id, &query));
        self.call(request, options)
    }

    /// Creates a cart: `CreateCart({ name: 'Gifts', description: '...' }, customerToken?)`.
    /// With a customer token the new cart is associated with that customer at once.
    #[wasm_bindgen(js_name = CreateCart, unchecked_return_type = "Promise<CartResponse>")]
    pub fn create_cart(
        &self,
        #[wasm_bindgen(unchecked_param_type = "CartInput")] data: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "string")] token: Option<JsValue>,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] options: Option<JsValue>,
    ) -> Promise {
        let request = (|| {
            let data = args::json_object("cart data", &data)?;
            carts::create(&data, optional("customer token", token)?.as_deref())
        })();
        self.call(request, options)
    }

    /// Updates this cart's name or description.
    #[wasm_bindgen(js_name = UpdateCart, unchecked_return_type = "Promise<CartResponse>")]
    pub fn update_cart(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Partial<CartInput>")] data: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "string")] token: Option<JsValue>,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] options: Option<JsValue>,
    ) -> Promise {
        let request = (|| {
            let cart_id = self.cart_id.clone()?;
            let data = args::json_object("cart data", &data)?;
            carts::update(
                &cart_id,
                &data,
                optional("customer token", token)?.as_deref(),
            )
        })();
        self.call(request, options)
    }

    /// Deletes this cart; a cart associated with a customer cannot be deleted (API error 400).
    #[wasm_bindgen(js_name = Delete, unchecked_return_type = "Promise<EmptyResponse>")]
    pub fn delete(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] options: Option<JsValue>,
    ) -> Promise {
        let request = self.cart_id.clone().and_then(|id| carts::delete(&id));
        self.call(request, options)
    }

    /// Page size for `All` (1 to 100). Throws `EpccError` for anything else.
    #[wasm_bindgen(js_name = Limit)]
    pub fn limit(
        &self,
        #[wasm_bindgen(unchecked_param_type = "number")] value: JsValue,
    ) -> core::result::Result<CartEndpoint, JsValue> {
        self.build(|q| q.set_limit(args::number("Limit", &value)?))
    }

    /// Offset for `All` (0 to 10000).
    #[wasm_bindgen(js_name = Offset)]
    pub fn offset(
        &self,
        #[wasm_bindgen(unchecked_param_type = "number")] value: JsValue,
    ) -> core::result::Result<CartEndpoint, JsValue> {
        self.build(|q| q.set_offset(args::number("Offset", &value)?))
    }

    /// Sort order for `All`, passed to the API as `sort=`.
    #[wasm_bindgen(js_name = Sort)]
    pub fn sort(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] value: JsValue,
    ) -> core::result::Result<CartEndpoint, JsValue> {
        self.build(|q| q.set_sort(&args::string("Sort", &value)?))
    }

    /// Filter for `All`: `Filter({ eq: { name: 'Gifts' } })` sends `filter=eq(name,Gifts)`.
    #[wasm_bindgen(js_name = Filter)]
    pub fn filter(
        &self,
        #[wasm_bindgen(unchecked_param_type = "CartsFilter")] value: JsValue,
    ) -> core::result::Result<CartEndpoint, JsValue> {
        self.build(|q| q.set_filter(args::filter(&value)?))
    }

    /// Related resources to include: `With('items')`.
    #[wasm_bindgen(js_name = With)]
    pub fn with(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string | string[]")] value: JsValue,
    ) -> core::result::Result<CartEndpoint, JsValue> {
        let include = if js_sys::Array::is_array(&value) {
            let parts: core::result::Result<Vec<String>, Error> = js_sys::Array::from(&value)
                .iter()
                .map(|v| args::string("With's items", &v))
                .collect();
            parts.map(|p| p.join(","))
        } else {
            args::string("With", &value)
        };
        self.build(|q| q.set_include(&include?))
    }
}
