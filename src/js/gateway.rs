//! `gateway(config)`: the client object storefronts hold, named as in the official SDK.

use alloc::rc::Rc;
use alloc::string::String;
use core::sync::atomic::{AtomicBool, Ordering};

use super::sys::{Array, Function, Promise};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::args::{self, property};
use super::cart::{no_cart, CartEndpoint};
use super::client::{self, Client};
use super::customers::CustomersEndpoint;
use super::orders::OrdersEndpoint;
use super::storage::{LocalStorageFactory, Storage};
use super::transport::Fetch;
use crate::config::Config;
use crate::error::{Error, Result};
use crate::text::concat;
use crate::validate;

/// Creates a client. Throws an `EpccError` (kind `invalid_input`) for a bad config.
///
/// ```js
/// import { gateway } from 'epcc-carts'
/// const EPCC = gateway({ client_id: 'YOUR_CLIENT_ID' })
/// const { data } = await EPCC.Carts.GetCartsList(customerToken)
/// ```
pub fn gateway(config: JsValue) -> core::result::Result<Gateway, JsValue> {
    let (config, storage, fetch) = from_js(&config)?;
    Ok(Gateway {
        client: Client::new(config, storage, fetch),
    })
}

/// `gateway(config)` for the package's entries: the new `Gateway`, or the `EpccError` for a bad
/// config, which the entries' `gateway` throws. A plain return value needs none of the glue a
/// `Result` export has (see pkg-template/calls.js).
#[wasm_bindgen(js_name = __gateway, skip_typescript)]
pub fn gateway_or_error(config: JsValue) -> JsValue {
    gateway(config).map_or_else(|err| err, JsValue::from)
}

/// A configured client: `EPCC` in the official SDK's examples.
#[wasm_bindgen]
pub struct Gateway {
    client: Rc<Client>,
}

#[wasm_bindgen]
impl Gateway {
    /// The shopper's current cart id: `cartId` in JavaScript (declared in types.rs with its
    /// setter, which the package's entries install over [`Gateway::set_cart_id_or_error`]).
    #[wasm_bindgen(getter = cartId, skip_typescript)]
    pub fn js_cart_id(&self) -> JsValue {
        self.client.cart().map_or(JsValue::UNDEFINED, |(id, _)| id)
    }

    /// [`Gateway::set_cart_id`] for the `cartId` setter the entries install: `undefined`, or the
    /// `EpccError` the setter throws.
    #[wasm_bindgen(js_name = __setCartId, skip_typescript)]
    pub fn set_cart_id_or_error(&self, cart_id: JsValue) -> JsValue {
        self.set_cart_id(cart_id)
            .map_or_else(|err| err, |()| JsValue::UNDEFINED)
    }

    /// Runs row `index` of class `group`'s table in the call table (`CALLS` in cart.rs) with
    /// the arguments a JS method of `endpoint` received, and the endpoint's `cartId` and
    /// `query`: every call of `EPCC.Cart(id)`, `EPCC.Customers` and `EPCC.Orders` comes here
    /// (see pkg-template/calls.js).
    #[wasm_bindgen(js_name = __call, skip_typescript)]
    pub fn call_by_index(
        &self,
        group: u32,
        index: u32,
        args: &Array,
        endpoint: &JsValue,
        cart_id: &JsValue,
        query: &JsValue,
    ) -> Promise {
        CartEndpoint::run_js(&self.client, group, index, args, endpoint, cart_id, query)
    }

    /// Checks a value for builder `index` of `CartEndpoint` (`Limit`, `Offset`, …): `undefined`,
    /// or the `EpccError` the builder method throws.
    #[wasm_bindgen(js_name = __build, skip_typescript)]
    pub fn check_builder(&self, index: u32, value: JsValue) -> JsValue {
        super::cart::check_builder(index, &value)
    }

    /// Fetches a new access token now and keeps it in storage. Calls need not do this first:
    /// they fetch one when needed, and concurrent calls share a single token request.
    #[wasm_bindgen(js_name = Authenticate, unchecked_return_type = "Promise<AccessTokenResponse>")]
    pub fn authenticate(&self) -> Promise {
        self.client.authenticate()
    }
}

impl Gateway {
    /// The cart endpoint for the current cart, as the seed examples write it:
    /// `await EPCC.Carts.AddCustomerAssociation(customerId, customerToken)`.
    pub fn carts(&self) -> CartEndpoint {
        self.cart(None)
    }

    /// The cart endpoint for `cartId`, or for the current cart when it is left out.
    pub fn cart(&self, cart_id: Option<JsValue>) -> CartEndpoint {
        let id = match cart_id {
            Some(id) => args::string("cart id", &id),
            None => self.client.cart_id().ok_or_else(no_cart),
        };
        CartEndpoint::new(Rc::clone(&self.client), id)
    }

    /// The shopper's current cart id (`cartId` in JavaScript).
    pub fn cart_id(&self) -> Option<String> {
        self.client.cart_id()
    }

    /// Switches the current cart (`EPCC.cartId = id`), e.g. to one of the customer's carts from
    /// `GetCartsList`. The id is kept in storage (`epcart`), so a reload, and every tab sharing
    /// localStorage, keeps it. Fails with `invalid_input` for an id outside `A-Z a-z 0-9 _ -`.
    pub fn set_cart_id(&self, cart_id: JsValue) -> core::result::Result<(), JsValue> {
        let cart_id = args::string("cart id", &cart_id)?;
        Ok(self.client.set_cart_id(&cart_id)?)
    }

    /// Customer tokens: `EPCC.Customers.Token(email, password)`.
    pub fn customers(&self) -> CustomersEndpoint {
        CustomersEndpoint::new(self.endpoint_without_cart())
    }

    /// Orders: `EPCC.Orders.Get(orderId, customerToken)`.
    pub fn orders(&self) -> OrdersEndpoint {
        OrdersEndpoint::new(self.endpoint_without_cart())
    }

    /// The call table's endpoint for calls that are not about a cart.
    fn endpoint_without_cart(&self) -> CartEndpoint {
        CartEndpoint::new(Rc::clone(&self.client), Err(no_cart()))
    }
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
    for &(key, setting) in SETTINGS {
        if let Some(value) = get(key) {
            apply(&mut config, setting, &concat(&["config.", key]), &value)?;
        }
    }
    let storage = Storage::from_js(
        get("storage").unwrap_or_else(|| LocalStorageFactory::new().into()),
        &config,
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

/// The optional settings, read in this order.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Setting {
    Secret,
    Host,
    Protocol,
    /// Text sent as a header value.
    Currency,
    Language,
    Application,
    /// Text that names the storage keys.
    Name,
    Headers,
    /// Whole numbers, see [`crate::retry::RetryPolicy`].
    RetryDelay,
    RetryJitter,
    MaxAttempts,
    DisableCart,
    Timeout,
}

/// The config keys of the optional settings, as the official SDK names them.
const SETTINGS: &[(&str, Setting)] = {
    use Setting::*;
    &[
        ("client_secret", Secret),
        ("host", Host),
        ("protocol", Protocol),
        ("currency", Currency),
        ("language", Language),
        ("application", Application),
        ("name", Name),
        ("headers", Headers),
        ("retryDelay", RetryDelay),
        ("retryJitter", RetryJitter),
        ("fetchMaxAttempts", MaxAttempts),
        ("disableCart", DisableCart),
        ("timeout", Timeout),
    ]
};

/// Checks one setting given in the config (`what` is its name in messages) and applies it.
fn apply(config: &mut Config, setting: Setting, what: &str, value: &JsValue) -> Result<()> {
    use Setting::*;
    match setting {
        Secret => {
            config.set_client_secret(&args::string(what, value)?)?;
            warn_if_browser();
        }
        Host => config.set_host(&args::string(what, value)?)?,
        Protocol => config.protocol = crate::config::Protocol::parse(&args::string(what, value)?)?,
        Currency | Language | Application | Name => {
            let text = args::string(what, value)?;
            if text.is_empty() {
                return Err(Error::invalid(&[what, " must not be empty"]));
            }
            if setting != Name {
                validate::header_value(what, &text)?;
            }
            let field = match setting {
                Currency => &mut config.currency,
                Language => &mut config.language,
                Application => &mut config.application,
                _ => &mut config.name,
            };
            *field = Some(text);
        }
        Headers => {
            config.set_headers(args::string_map(what, value)?)?;
        }
        RetryDelay | RetryJitter | MaxAttempts => {
            let min = u32::from(setting == MaxAttempts);
            let n = validate::whole_number(args::number(what, value)?, min, 3_600_000).ok_or_else(
                || {
                    let min = if min == 1 { "1" } else { "0" };
                    Error::invalid(&[what, " must be a whole number of at least ", min])
                },
            )?;
            let retry = &mut config.retry;
            let field = match setting {
                RetryDelay => &mut retry.delay_ms,
                RetryJitter => &mut retry.jitter_ms,
                _ => &mut retry.max_attempts,
            };
            *field = n;
        }
        DisableCart => {
            config.disable_cart = args::boolean(what, value)?;
        }
        Timeout => config.timeout_ms = Some(client::timeout_ms(what, value)?),
    }
    Ok(())
}

static WARNED_ABOUT_SECRET: AtomicBool = AtomicBool::new(false);

/// A client secret is a store-wide credential: in a page, any visitor can read it.
fn warn_if_browser() {
    // A page has a `document`; Node, Deno and workers have none.
    let in_browser = !property(&super::sys::global(), "document").is_undefined();
    if in_browser && !WARNED_ABOUT_SECRET.swap(true, Ordering::Relaxed) {
        super::sys::warn(
            "epcc-carts: every visitor of a page can read its client_secret; use one only on a \
             server, and an implicit token (client_id only) in browsers.",
        );
    }
}
