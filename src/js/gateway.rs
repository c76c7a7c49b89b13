//! `gateway(config)`: the client object storefronts hold, named as in the official SDK.

use alloc::rc::Rc;
use alloc::string::String;
use core::sync::atomic::{AtomicBool, Ordering};

use super::sys::{Function, Promise};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::args::{self, property};
use super::cart::CartEndpoint;
use super::client::{self, Client};
use super::customers::CustomersEndpoint;
use super::orders::OrdersEndpoint;
use super::storage::{LocalStorageFactory, Storage};
use super::transport::Fetch;
use crate::config::{Config, Protocol};
use crate::error::{Error, Result};
use crate::retry::RetryPolicy;
use crate::validate;

/// Creates a client. Throws an `EpccError` (kind `invalid_input`) for a bad config.
///
/// ```js
/// import { gateway } from 'epcc-carts'
/// const EPCC = gateway({ client_id: 'YOUR_CLIENT_ID' })
/// const { data } = await EPCC.Carts.GetCartsList(customerToken)
/// ```
#[wasm_bindgen]
pub fn gateway(
    #[wasm_bindgen(unchecked_param_type = "GatewayConfig")] config: JsValue,
) -> core::result::Result<Gateway, JsValue> {
    let (config, storage, fetch) = from_js(&config)?;
    Ok(Gateway {
        client: Client::new(config, storage, fetch),
    })
}

/// A configured client: `EPCC` in the official SDK's examples.
#[wasm_bindgen]
pub struct Gateway {
    client: Rc<Client>,
}

#[wasm_bindgen]
impl Gateway {
    /// The shopper's current cart id: 32 hex characters made once and kept in storage
    /// (`epcart`), or `undefined` with `disableCart`.
    #[wasm_bindgen(getter = cartId)]
    pub fn cart_id(&self) -> Option<String> {
        self.client.cart_id()
    }

    /// Switches the current cart, e.g. to one of the customer's carts from `GetCartsList`. The id
    /// is kept in storage (`epcart`), so a reload, and every tab sharing localStorage, keeps it.
    /// Throws `EpccError` (`invalid_input`) for an id outside `A-Z a-z 0-9 _ -`.
    ///
    /// ```js
    /// const { data } = await EPCC.Carts.GetCartsList(customerToken)
    /// EPCC.cartId = data[0].id
    /// ```
    #[wasm_bindgen(setter = cartId)]
    pub fn set_cart_id(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] cart_id: JsValue,
    ) -> core::result::Result<(), JsValue> {
        let cart_id = args::string("cart id", &cart_id)?;
        Ok(self.client.set_cart_id(&cart_id)?)
    }

    /// The cart endpoint for the current cart, as the seed examples write it:
    /// `await EPCC.Carts.AddCustomerAssociation(customerId, customerToken)`.
    #[wasm_bindgen(getter = Carts)]
    pub fn carts(&self) -> CartEndpoint {
        CartEndpoint::new(
            Rc::clone(&self.client),
            self.client.cart_id().ok_or_else(no_cart),
        )
    }

    /// The cart endpoint for `cartId`, or for the current cart when it is left out.
    #[wasm_bindgen(js_name = Cart)]
    pub fn cart(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "string")] cart_id: Option<JsValue>,
    ) -> CartEndpoint {
        let id = match cart_id {
            Some(id) => args::string("cart id", &id),
            None => self.client.cart_id().ok_or_else(no_cart),
        };
        CartEndpoint::new(Rc::clone(&self.client), id)
    }

    /// Customer tokens: `EPCC.Customers.Token(email, password)`.
    #[wasm_bindgen(getter = Customers)]
    pub fn customers(&self) -> CustomersEndpoint {
        CustomersEndpoint::new(self.endpoint_without_cart())
    }

    /// Orders: `EPCC.Orders.Get(orderId, customerToken)`.
    #[wasm_bindgen(getter = Orders)]
    pub fn orders(&self) -> OrdersEndpoint {
        OrdersEndpoint::new(self.endpoint_without_cart())
    }

    /// Fetches a new access token now and keeps it in storage. Calls need not do this first:
    /// they fetch one when needed, and concurrent calls share a single token request.
    #[wasm_bindgen(js_name = Authenticate, unchecked_return_type = "Promise<AccessTokenResponse>")]
    pub fn authenticate(&self) -> Promise {
        self.client.authenticate()
    }
}

impl Gateway {
    /// The call table's endpoint for calls that are not about a cart.
    fn endpoint_without_cart(&self) -> CartEndpoint {
        CartEndpoint::new(Rc::clone(&self.client), Err(no_cart()))
    }
}

fn no_cart() -> Error {
    Error::invalid_input(
        "this gateway was created with disableCart, so it has no current cart: use EPCC.Cart('cart-id')",
    )
}

/// Reads the official SDK's config keys; unknown keys are ignored, as there.
fn from_js(value: &JsValue) -> Result<(Config, Storage, Fetch)> {
    let object = args::object("gateway(config)", value).map_err(|_| {
        Error::invalid_input("gateway(config) needs a config object: gateway({ client_id: '...' })")
    })?;
    let get = |key: &str| {
        let v = property(object, key);
        (!args::is_missing(&v)).then_some(v)
    };
    let client_id = get("client_id").ok_or_else(|| {
        Error::invalid_input(
            "config.client_id is required: gateway({ client_id: 'your client id' })",
        )
    })?;
    let mut config = Config::new(&args::string("config.client_id", &client_id)?)?;
    if let Some(secret) = get("client_secret") {
        config.set_client_secret(&args::string("config.client_secret", &secret)?)?;
        warn_if_browser();
    }
    if let Some(host) = get("host") {
        config.set_host(&args::string("config.host", &host)?)?;
    }
    if let Some(protocol) = get("protocol") {
        config.protocol = Protocol::parse(&args::string("config.protocol", &protocol)?)?;
    }
    config.currency = header_text("config.currency", get("currency"))?;
    config.language = header_text("config.language", get("language"))?;
    config.application = header_text("config.application", get("application"))?;
    config.name = optional_text("config.name", get("name"))?;
    if let Some(headers) = get("headers") {
        for (name, value) in args::string_map("config.headers", &headers)? {
            config.add_header(&name, &value)?;
        }
    }
    let defaults = RetryPolicy::default();
    config.retry = RetryPolicy {
        delay_ms: whole(
            "config.retryDelay",
            get("retryDelay"),
            defaults.delay_ms,
            0,
            "0",
        )?,
        jitter_ms: whole(
            "config.retryJitter",
            get("retryJitter"),
            defaults.jitter_ms,
            0,
            "0",
        )?,
        max_attempts: whole(
            "config.fetchMaxAttempts",
            get("fetchMaxAttempts"),
            defaults.max_attempts,
            1,
            "1",
        )?,
    };
    if let Some(disable) = get("disableCart") {
        config.disable_cart = disable
            .as_bool()
            .ok_or_else(|| args::wrong_type("config.disableCart", "a boolean", &disable))?;
    }
    if let Some(timeout) = get("timeout") {
        config.timeout_ms = Some(client::timeout_ms("config.timeout", &timeout)?);
    }
    let storage = Storage::from_js(
        get("storage").unwrap_or_else(|| LocalStorageFactory::new().into()),
    )
    .ok_or_else(|| {
        Error::invalid_input(
            "config.storage must be an object with get(key), set(key, value) and delete(key) methods",
        )
    })?;
    let fetch = match get("custom_fetch") {
        Some(custom) => Fetch::custom(custom.dyn_into::<Function>().map_err(|v| {
            args::wrong_type("config.custom_fetch", "a function like fetch", &v)
        })?),
        None => Fetch::global().ok_or_else(|| {
            Error::invalid_input(
                "this environment has no global fetch (Node 18 or later has one); pass config.custom_fetch",
            )
        })?,
    };
    Ok((config, storage, fetch))
}

fn optional_text(what: &str, value: Option<JsValue>) -> Result<Option<String>> {
    match value {
        None => Ok(None),
        Some(v) => {
            let text = args::string(what, &v)?;
            if text.is_empty() {
                return Err(Error::invalid(&[what, " must not be empty"]));
            }
            Ok(Some(text))
        }
    }
}

/// Optional text that is sent as a header value.
fn header_text(what: &str, value: Option<JsValue>) -> Result<Option<String>> {
    let text = optional_text(what, value)?;
    if let Some(text) = &text {
        validate::header_value(what, text)?;
    }
    Ok(text)
}

/// A whole number of at least `min` (which the message prints as `min_text`), or `default`
/// when left out.
fn whole(
    what: &str,
    value: Option<JsValue>,
    default: u32,
    min: u32,
    min_text: &str,
) -> Result<u32> {
    let Some(value) = value else {
        return Ok(default);
    };
    validate::whole_number(args::number(what, &value)?, min, 3_600_000)
        .ok_or_else(|| Error::invalid(&[what, " must be a whole number of at least ", min_text]))
}

static WARNED_ABOUT_SECRET: AtomicBool = AtomicBool::new(false);

/// A client secret is a store-wide credential: in a page, any visitor can read it.
fn warn_if_browser() {
    let global = super::sys::global();
    let in_browser = !property(&global, "window").is_undefined()
        && !property(&global, "document").is_undefined();
    if in_browser && !WARNED_ABOUT_SECRET.swap(true, Ordering::Relaxed) {
        super::sys::warn(
            "epcc-carts: client_secret is set in a browser page, where every visitor can read it. \
             Use client_credentials only on a server; browsers should use an implicit token (client_id only).",
        );
    }
}
