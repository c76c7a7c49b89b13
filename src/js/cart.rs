//! `EPCC.Carts` / `EPCC.Cart(id)`: the Carts API with the official SDK's names and argument order.

use alloc::rc::Rc;
use alloc::string::String;

use core::cell::Cell;

use super::sys::{Array, Promise};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::args::{self, set_property};
use super::client::Client;
use super::items::Composite;
use crate::endpoints::carts;
use crate::endpoints::route::{self, Route};
use crate::error::{Error, Result};
use crate::query::ListQuery;
use crate::request::ApiRequest;
use crate::text::concat;

/// One cart's endpoint. The list builders (`Limit`, `Offset`, `Sort`, `Filter`, `With`) change
/// this endpoint and return it for chaining; they are cleared by the call that uses them.
///
/// In JavaScript, `EPCC.Cart(id)` is a plain object of glue.js's `CartEndpoint` class holding
/// its gateway, its cart id and the values its builders took; each of its calls makes one of
/// these for the time it takes to build the request ([`CartEndpoint::run_js`]). So an endpoint
/// costs JavaScript no more than an object: no module memory, nothing to free.
pub struct CartEndpoint {
    client: Rc<Client>,
    cart_id: Result<String>,
    query: Cell<ListQuery>,
}

/// The arguments of a call, in order, `undefined` where left out or where the call has fewer.
pub(super) type Args = [JsValue; 6];

/// A left-out argument.
pub(super) const NONE: JsValue = JsValue::UNDEFINED;

/// An optional argument as the value `undefined` when left out.
pub(super) fn opt(value: Option<JsValue>) -> JsValue {
    value.unwrap_or(NONE)
}

/// The calls of the endpoints, for [`CartEndpoint::send`].
#[derive(Clone, Copy)]
pub(super) enum Call {
    /// An address, at most one body and at most one token: see [`Route`].
    Route(&'static Route),
    /// A body of the SDK's fields and the caller's values: see [`Composite`].
    Composite(Composite),
}

/// A call: what it does and how many arguments it takes before the per-call `options`. Its
/// name is the word at the same place in its class's names.
type Row = (Call, u8);

/// Every call of the endpoints, one table per class (group 0 `CartEndpoint`, 1
/// `CustomersEndpoint`, 2 `OrdersEndpoint`), with the names JavaScript gives them, in the same
/// order and separated by spaces (the names are one string, not a pointer per row). The
/// package's entry modules give each class's prototype one method per name (see
/// [`call_names`]), each passing its index and arguments to one export: `CartEndpoint`'s
/// `__call`, or for the two classes with no cart the gateway's `__call` with the group. So a
/// call costs its row and its request-building lines, not a binding of its own.
pub(super) const CALLS: [&[Row]; 3] = [CART_CALLS, CUSTOMER_CALLS, ORDER_CALLS];
const NAMES: [&str; 3] = [CART_NAMES, CUSTOMER_NAMES, ORDER_NAMES];

/// The number of space-separated words in `names`.
const fn words(names: &str) -> usize {
    let bytes = names.as_bytes();
    let (mut i, mut n) = (0, 1);
    while i < bytes.len() {
        if bytes[i] == b' ' {
            n += 1;
        }
        i += 1;
    }
    n
}

// Every table has a name for each row.
const _: () = assert!(words(CART_NAMES) == CART_CALLS.len());
const _: () = assert!(words(CUSTOMER_NAMES) == CUSTOMER_CALLS.len());
const _: () = assert!(words(ORDER_NAMES) == ORDER_CALLS.len());

/// The list builders' names, in the order of [`BUILDERS`].
const BUILDER_NAMES: &str = "Limit Offset Sort Filter With";
const _: () = assert!(words(BUILDER_NAMES) == BUILDERS.len());

const CUSTOMER_NAMES: &str = "Token TokenViaPassword";
const CUSTOMER_CALLS: &[Row] = {
    use crate::endpoints::customers::{TOKEN, TOKEN_VIA_PASSWORD};
    &[
        (Call::Route(&TOKEN), 2),
        (Call::Route(&TOKEN_VIA_PASSWORD), 3),
    ]
};

const ORDER_NAMES: &str = "Get Items";
const ORDER_CALLS: &[Row] = {
    use crate::endpoints::items::{ORDER, ORDER_ITEMS};
    &[(Call::Route(&ORDER), 2), (Call::Route(&ORDER_ITEMS), 2)]
};

/// `Delete`'s name, which the `size-probe` feature leaves out with its row (see [`CART_CALLS`]).
#[cfg(not(feature = "size-probe"))]
macro_rules! delete_name {
    () => {
        " Delete"
    };
}
#[cfg(feature = "size-probe")]
macro_rules! delete_name {
    () => {
        ""
    };
}

const CART_NAMES: &str = concat!(
    "AddCustomerAssociation RemoveCustomerAssociation AddAccountAssociation",
    " RemoveAccountAssociation GetCartsList All Get CreateCart UpdateCart",
    delete_name!(),
    " Items AddProduct AddCustomItem AddPromotion BulkAdd UpdateItem UpdateItemQuantity",
    " UpdateItems RemoveItem RemoveAllItems Merge AddItemTax BulkAddItemTax UpdateItemTax",
    " RemoveItemTax AddCartCustomDiscount BulkAddCartCustomDiscount UpdateCartCustomDiscount",
    " RemoveCartCustomDiscount AddItemCustomDiscount UpdateItemCustomDiscount",
    " RemoveItemCustomDiscount Checkout CheckoutWithAccountManagementToken",
);

/// The cart calls, in the order of [`CART_NAMES`].
const CART_CALLS: &[Row] = {
    use crate::endpoints::carts::*;
    use crate::endpoints::items::*;
    use Call::Route as R;
    use Composite::*;
    const fn c(call: Composite) -> Call {
        Call::Composite(call)
    }
    &[
        (R(&ADD_CUSTOMER_ASSOCIATION), 2),
        (R(&REMOVE_CUSTOMER_ASSOCIATION), 2),
        (R(&ADD_ACCOUNT_ASSOCIATION), 2),
        (R(&REMOVE_ACCOUNT_ASSOCIATION), 2),
        (R(&LIST), 1),
        (R(&ALL), 1),
        (R(&GET), 0),
        (R(&CREATE), 2),
        (R(&UPDATE), 2),
        // Left out, with its name, by the `size-probe` feature, which scripts/check-size.sh
        // builds to measure what one call adds to the package.
        #[cfg(not(feature = "size-probe"))]
        (R(&DELETE), 0),
        (R(&LIST_ITEMS), 0),
        (c(AddProduct), 6),
        (R(&ADD_CUSTOM_ITEM), 1),
        (R(&ADD_PROMOTION), 2),
        (R(&BULK_ADD), 2),
        (c(UpdateItem), 4),
        (c(UpdateItemQuantity), 2),
        (c(UpdateItems), 1),
        (R(&REMOVE_ITEM), 1),
        (R(&REMOVE_ALL_ITEMS), 0),
        (R(&MERGE), 3),
        (R(&ADD_ITEM_TAX), 2),
        (R(&BULK_ADD_ITEM_TAX), 2),
        (R(&UPDATE_ITEM_TAX), 3),
        (R(&REMOVE_ITEM_TAX), 2),
        (R(&ADD_CART_DISCOUNT), 1),
        (R(&BULK_ADD_CART_DISCOUNT), 2),
        (R(&UPDATE_CART_DISCOUNT), 2),
        (R(&REMOVE_CART_DISCOUNT), 1),
        (R(&ADD_ITEM_DISCOUNT), 2),
        (R(&UPDATE_ITEM_DISCOUNT), 3),
        (R(&REMOVE_ITEM_DISCOUNT), 2),
        (c(Checkout), 4),
        (c(AccountCheckout), 5),
    ]
};

/// The names of [`CALLS`]: each class's in order, separated by spaces, and the classes from
/// each other by `|`; then the names of `CartEndpoint`'s list builders ([`BUILDERS`]).
#[wasm_bindgen(js_name = __calls, skip_typescript)]
pub fn call_names() -> JsValue {
    let [cart, customers, orders] = NAMES;
    let names = [cart, "|", customers, "|", orders, "|", BUILDER_NAMES];
    JsValue::from_str(&concat(&names))
}

/// The list builders, for [`CartEndpoint::build`].
#[derive(Clone, Copy)]
enum Builder {
    Limit,
    Offset,
    Sort,
    Filter,
    With,
}

/// The builders in the order of [`BUILDER_NAMES`]. The entry modules give `CartEndpoint`'s
/// prototype one method per name, which has the gateway's `__build` check its value, keeps
/// it, and returns the endpoint itself for chaining, as the official SDK's builders do.
const BUILDERS: [Builder; 5] = [
    Builder::Limit,
    Builder::Offset,
    Builder::Sort,
    Builder::Filter,
    Builder::With,
];

impl CartEndpoint {
    pub(super) fn new(client: Rc<Client>, cart_id: Result<String>) -> Self {
        CartEndpoint {
            client,
            cart_id,
            query: Cell::default(),
        }
    }

    /// Every call of the endpoint: builds its request from the JS arguments and hands it to the
    /// client. One function for all of them, so a call costs its own lines and not a copy of
    /// the rest.
    #[inline(never)]
    pub(super) fn send(&self, call: Call, args: Args, options: Option<JsValue>) -> Promise {
        let request = self.request(call, &args);
        self.client.call(request, options.as_ref())
    }

    fn request(&self, call: Call, args: &Args) -> Result<ApiRequest> {
        match call {
            Call::Route(route) => route::request(
                route,
                &self.cart_id,
                || self.query.take(),
                &args::CallArgs(args),
            ),
            Call::Composite(call) => {
                let id = self.cart_id.as_deref().map_err(Error::clone)?;
                super::items::composite(id, call, args)
            }
        }
    }

    /// Runs row `index` of the `group` class's table in [`CALLS`] for the JavaScript endpoint
    /// `js` (see [`CartEndpoint`]): with its cart id `id` (`undefined` when the gateway has no
    /// current cart) and the values its builders took, `query` (by builder index), which are
    /// applied again here (a value changed since its builder took it fails the call) and
    /// cleared when the call uses them. The method hands over both properties of `js` as it
    /// calls: read here, each would be a property name made from module text and a lookup.
    /// The calls of the classes without a cart ignore all three.
    pub(super) fn run_js(
        client: &Rc<Client>,
        group: u32,
        index: u32,
        args: &Array,
        js: &JsValue,
        id: &JsValue,
        query: &JsValue,
    ) -> Promise {
        let mut cart_id = Err(no_cart());
        let query = if group == 0 {
            if !id.is_undefined() {
                cart_id = client
                    .known_cart_id(id)
                    .map_or_else(|| args::string("cart id", id), Ok);
            }
            query
        } else {
            &NONE
        };
        let endpoint = CartEndpoint::new(Rc::clone(client), cart_id);
        // An endpoint whose builders took nothing has nothing to apply or clear.
        let took = Array::is_array(query);
        if took {
            let values: &Array = query.unchecked_ref();
            for (i, &builder) in BUILDERS.iter().enumerate() {
                let value = values.get(i as u32);
                if !value.is_undefined() {
                    if let Err(err) = endpoint.build(builder, &value) {
                        return client.call(Err(err), None);
                    }
                }
            }
        }
        endpoint.run_row(group, index, args, took.then_some(js))
    }

    /// Runs row `index` of the `group` class's table in [`CALLS`]; `js` is the JavaScript
    /// endpoint whose builders' values it clears when the call uses them.
    #[inline(never)]
    fn run_row(&self, group: u32, index: u32, args: &Array, js: Option<&JsValue>) -> Promise {
        let row = CALLS
            .get(group as usize)
            .and_then(|calls| calls.get(index as usize));
        let Some(&(call, arity)) = row else {
            return self
                .client
                .call(Err(Error::invalid_input("no such call")), None);
        };
        if let (Call::Route(route), Some(js)) = (call, js) {
            if !matches!(route.query, route::Query::None) {
                set_property(js, "query", &NONE);
            }
        }
        let arg = |i: u8| if i < arity { args.get(i.into()) } else { NONE };
        let options = args.get(arity.into());
        self.send(
            call,
            [arg(0), arg(1), arg(2), arg(3), arg(4), arg(5)],
            Some(options),
        )
    }

    /// Every builder: checks `value` and applies it. A rejected value leaves the query as it
    /// was.
    #[inline(never)]
    fn build(&self, builder: Builder, value: &JsValue) -> Result<()> {
        let mut query = self.query.take();
        let applied = apply(&mut query, builder, value);
        self.query.set(query);
        applied
    }
}

fn apply(query: &mut ListQuery, builder: Builder, value: &JsValue) -> Result<()> {
    match builder {
        Builder::Limit => query.set_limit(args::number("Limit", value)?),
        Builder::Offset => query.set_offset(args::number("Offset", value)?),
        Builder::Sort => query.set_sort(&args::string("Sort", value)?),
        Builder::Filter => {
            query.filter = args::filter(value)?;
            Ok(())
        }
        Builder::With => {
            let include = if Array::is_array(value) {
                // A list of strings, joined with commas as `String(list)` joins them.
                let items: &Array = value.unchecked_ref();
                for i in 0..items.length() {
                    let item = items.get(i);
                    if !item.is_string() {
                        return Err(args::wrong_type("With's items", "a string", &item));
                    }
                }
                super::sys::text_of(value)
            } else {
                value.clone()
            };
            query.set_include(&args::string("With", &include)?)
        }
    }
}

/// Checks `value` for builder `index` of [`BUILDERS`]: `undefined`, or the `EpccError` for a
/// value the builder does not take, which the installed builder method throws (a plain return
/// value needs none of the glue a `Result` export has). The JS endpoint keeps the value it took;
/// the call that uses it applies it again ([`CartEndpoint::run_js`]).
pub(super) fn check_builder(index: u32, value: &JsValue) -> JsValue {
    let checked = match BUILDERS.get(index as usize) {
        Some(&builder) => apply(&mut ListQuery::default(), builder, value),
        None => Err(Error::invalid_input("no such builder")),
    };
    checked.map_or_else(JsValue::from, |()| JsValue::UNDEFINED)
}

/// The calls for Rust callers. JavaScript reaches them through the gateway's `__call`
/// and the names in [`CALLS`].
impl CartEndpoint {
    /// The cart id this endpoint works on (`cartId` in JavaScript).
    pub fn cart_id(&self) -> Option<String> {
        self.cart_id.clone().ok()
    }

    /// Page size for `All` and `Items` (1 to 100).
    pub fn limit(&self, value: JsValue) -> core::result::Result<&Self, JsValue> {
        self.chain(Builder::Limit, value)
    }

    /// Offset for `All` and `Items` (0 to 10000).
    pub fn offset(&self, value: JsValue) -> core::result::Result<&Self, JsValue> {
        self.chain(Builder::Offset, value)
    }

    /// Sort order for `All` and `Items`, passed to the API as `sort=`.
    pub fn sort(&self, value: JsValue) -> core::result::Result<&Self, JsValue> {
        self.chain(Builder::Sort, value)
    }

    /// Filter for `All`: `Filter({ eq: { name: 'Gifts' } })` sends `filter=eq(name,Gifts)`.
    pub fn filter(&self, value: JsValue) -> core::result::Result<&Self, JsValue> {
        self.chain(Builder::Filter, value)
    }

    /// Related resources to include: `With('items')`.
    pub fn with(&self, value: JsValue) -> core::result::Result<&Self, JsValue> {
        self.chain(Builder::With, value)
    }

    fn chain(&self, builder: Builder, value: JsValue) -> core::result::Result<&Self, JsValue> {
        self.build(builder, &value)?;
        Ok(self)
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
    pub fn add_customer_association(
        &self,
        customer_id: JsValue,
        token: Option<JsValue>,
        options: Option<JsValue>,
    ) -> Promise {
        self.send(
            Call::Route(&carts::ADD_CUSTOMER_ASSOCIATION),
            [customer_id, opt(token), NONE, NONE, NONE, NONE],
            options,
        )
    }

    /// Removes the association with a customer (HTTP `DELETE`); resolves `{}`, also when there
    /// was none. The official SDK lacks this call.
    pub fn remove_customer_association(
        &self,
        customer_id: JsValue,
        token: Option<JsValue>,
        options: Option<JsValue>,
    ) -> Promise {
        self.send(
            Call::Route(&carts::REMOVE_CUSTOMER_ASSOCIATION),
            [customer_id, opt(token), NONE, NONE, NONE, NONE],
            options,
        )
    }

    /// Associates this cart with an account, with an Account Management token.
    pub fn add_account_association(
        &self,
        account_id: JsValue,
        token: Option<JsValue>,
        options: Option<JsValue>,
    ) -> Promise {
        self.send(
            Call::Route(&carts::ADD_ACCOUNT_ASSOCIATION),
            [account_id, opt(token), NONE, NONE, NONE, NONE],
            options,
        )
    }

    /// Removes the association with an account.
    pub fn remove_account_association(
        &self,
        account_id: JsValue,
        token: Option<JsValue>,
        options: Option<JsValue>,
    ) -> Promise {
        self.send(
            Call::Route(&carts::REMOVE_ACCOUNT_ASSOCIATION),
            [account_id, opt(token), NONE, NONE, NONE, NONE],
            options,
        )
    }

    /// A customer's carts, newest updated first: `GET /v2/carts` with the customer token. With no
    /// token a client_credentials gateway gets every cart of the store. Builders are not applied.
    ///
    /// ```js
    /// const { data, links, meta } = await EPCC.Carts.GetCartsList(customerToken)
    /// ```
    pub fn get_carts_list(&self, token: Option<JsValue>, options: Option<JsValue>) -> Promise {
        self.send(
            Call::Route(&carts::LIST),
            [opt(token), NONE, NONE, NONE, NONE, NONE],
            options,
        )
    }

    /// Lists carts with the builders' query (`Limit`, `Offset`, `Sort`, `Filter`, `With`).
    /// Without a customer token this needs a client_credentials gateway.
    ///
    /// ```js
    /// const page = await Admin.Carts.Limit(10).Offset(20).Filter({ ilike: { name: '*gift*' } }).All()
    /// ```
    pub fn all(&self, token: Option<JsValue>, options: Option<JsValue>) -> Promise {
        self.send(
            Call::Route(&carts::ALL),
            [opt(token), NONE, NONE, NONE, NONE, NONE],
            options,
        )
    }

    /// This cart (`include` from `With`). The API creates an empty cart for an unknown id.
    pub fn get(&self, options: Option<JsValue>) -> Promise {
        self.send(
            Call::Route(&carts::GET),
            [NONE, NONE, NONE, NONE, NONE, NONE],
            options,
        )
    }

    /// Creates a cart: `CreateCart({ name: 'Gifts', description: '...' }, customerToken?)`.
    /// With a customer token the new cart is associated with that customer at once.
    pub fn create_cart(
        &self,
        data: JsValue,
        token: Option<JsValue>,
        options: Option<JsValue>,
    ) -> Promise {
        self.send(
            Call::Route(&carts::CREATE),
            [data, opt(token), NONE, NONE, NONE, NONE],
            options,
        )
    }

    /// Updates this cart's name or description.
    pub fn update_cart(
        &self,
        data: JsValue,
        token: Option<JsValue>,
        options: Option<JsValue>,
    ) -> Promise {
        self.send(
            Call::Route(&carts::UPDATE),
            [data, opt(token), NONE, NONE, NONE, NONE],
            options,
        )
    }

    /// Deletes this cart; a cart associated with a customer cannot be deleted (API error 400).
    // Left out by the `size-probe` feature, which scripts/check-size.sh builds to measure what
    // one call adds to the package.
    #[cfg(not(feature = "size-probe"))]
    pub fn delete(&self, options: Option<JsValue>) -> Promise {
        self.send(
            Call::Route(&carts::DELETE),
            [NONE, NONE, NONE, NONE, NONE, NONE],
            options,
        )
    }
}

/// The error of a cart call on a gateway with no current cart.
pub(super) fn no_cart() -> Error {
    Error::invalid_input(
        "this gateway was created with disableCart, so it has no current cart: use EPCC.Cart('cart-id')",
    )
}
