//! `EPCC.Carts` / `EPCC.Cart(id)`, continued: items, promotions, taxes, custom discounts,
//! merging a guest cart and checkout, with the official SDK's names and argument order.

use alloc::string::String;

use super::sys::{Array, Object, Promise};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::args::{self, set_property};
use super::cart::{opt, Args, Call, CartEndpoint, NONE};
use crate::endpoints::items::{self as endpoint, Field, Value};
use crate::endpoints::route::Args as _;
use crate::error::Result;
use crate::request::{ApiRequest, Method};

/// The calls that build their body from several arguments. Each names its arguments in order.
#[derive(Clone, Copy)]
pub(super) enum Composite {
    /// product, quantity?, data?, isSku?, token?, additionalHeaders?
    AddProduct,
    /// item id, quantity, data?, additionalHeaders?
    UpdateItem,
    /// item id, quantity
    UpdateItemQuantity,
    /// items
    UpdateItems,
    /// customer (id or object), billing address, shipping address?, additionalHeaders?
    Checkout,
    /// contact (id or object), billing address, shipping address?, token?, additionalHeaders?
    AccountCheckout,
}

/// A [`Composite`] call. Each builds its body and says where it goes and which of its
/// arguments are the customer token and the additional headers; the rest is shared.
pub(super) fn composite(cart_id: &str, call: Composite, a: &Args) -> Result<ApiRequest> {
    use Composite::*;
    let mut method = Method::Post;
    let mut item = None;
    let mut rest = "/items";
    // The arguments that are the customer token and `additionalHeaders`, where the call has them.
    let mut token = None;
    let mut extra_headers = None;
    let mut account_token = None;
    let body = match call {
        AddProduct => {
            let is_sku = flag("isSku", &a[3])?;
            let product = args::string(if is_sku { "sku" } else { "product id" }, &a[0])?;
            let fields = endpoint::product_fields(&product, quantity(&a[1], 1, 1)?, is_sku)?;
            token = Some(4);
            extra_headers = Some(5);
            // The caller's data is spread over the SDK's fields, as the official SDK does.
            spread(&fields, &args::optional_object("data", &a[2])?)?
        }
        UpdateItem | UpdateItemQuantity => {
            method = Method::Put;
            rest = "";
            let id = args::string("item id", &a[0])?;
            let fields = endpoint::item_fields(&id, quantity(&a[1], 0, REQUIRED)?)?;
            let data = match call {
                UpdateItem => {
                    extra_headers = Some(3);
                    args::optional_object("data", &a[2])?
                }
                _ => NONE,
            };
            let body = spread(&fields, &data)?;
            item = Some(id);
            body
        }
        UpdateItems => {
            method = Method::Put;
            update_items(&a[0])?
        }
        Checkout | AccountCheckout => {
            rest = "/checkout";
            let account = matches!(call, AccountCheckout);
            let party_name = if account { "contact" } else { "customer" };
            let party = match super::sys::string(&a[0]) {
                Some(id) => endpoint::party_by_id(party_name, &id)?,
                None => args::json_object(party_name, &a[0])?,
            };
            let billing = args::json_object("billing address", &a[1])?;
            // The shipping address defaults to the billing address, as in the official SDK.
            let shipping = args::optional_json("shipping address", &a[2])?;
            if account {
                account_token = args::optional_string("account token", Some(&a[3]))?;
            }
            extra_headers = Some(if account { 4 } else { 3 });
            let shipping = shipping.as_deref().unwrap_or(&billing);
            endpoint::checkout_data(party_name, &party, &billing, shipping)
        }
    };
    let mut request = endpoint::cart_call(method, cart_id, item.as_deref(), rest, &body)?
        .account_token(account_token)?;
    if let Some(i) = token {
        let token = args::optional_string("customer token", Some(&a[i]))?;
        request = request.customer_token(token)?;
    }
    match extra_headers {
        Some(i) => request.extra_headers(args::CallArgs(a).headers(i, "additionalHeaders")?),
        None => Ok(request),
    }
}

/// A quantity argument: a whole number from `min`; `default` when left out, unless `default`
/// is [`REQUIRED`].
fn quantity(value: &JsValue, min: u32, default: u32) -> Result<u32> {
    if args::is_missing(value) && default != REQUIRED {
        return Ok(default);
    }
    endpoint::quantity(args::number("quantity", value)?, min)
}

/// The `default` of a [`quantity`] that may not be left out (no quantity is this large).
const REQUIRED: u32 = u32::MAX;

/// A boolean argument that may be left out (false).
fn flag(what: &str, value: &JsValue) -> Result<bool> {
    if args::is_missing(value) {
        return Ok(false);
    }
    args::boolean(what, value)
}

/// Sets the SDK's fields on `object`, in order.
fn set_fields(object: &Object, fields: &[Field]) {
    for &(key, value) in fields {
        let value = match value {
            Value::Text(text) => JsValue::from_str(text),
            Value::Number(n) => JsValue::from_f64(n.into()),
        };
        set_property(object, key, &value);
    }
}

/// JSON of `{...fields, ...data}`: the caller's object (when it is one) spread over the SDK's
/// fields. The caller's object is read, never changed (the official SDK assigns its fields
/// into it).
fn spread(fields: &[Field], data: &JsValue) -> Result<String> {
    let body = Object::new();
    set_fields(&body, fields);
    if data.is_object() {
        Object::assign(&body, data.unchecked_ref());
    }
    args::json_text(&body)
}

/// `UpdateItems(items)`: each `{ id, quantity, type, ...rest }` becomes
/// `{ type, ...rest, ...fields of its type }`, as the official SDK's `buildCartItemData`.
fn update_items(items: &JsValue) -> Result<String> {
    if !Array::is_array(items) {
        return Err(args::wrong_type("UpdateItems' argument", "an array", items));
    }
    let items: &Array = items.unchecked_ref();
    let out = Array::new();
    for i in 0..items.length() {
        let item = items.get(i);
        let object = args::object("each item of UpdateItems", &item)?;
        let kind = args::optional_string("an item's type", Some(&args::property(&item, "type")))?;
        let kind = kind.unwrap_or_else(|| String::from("cart_item"));
        let id = args::string("an item's id", &args::property(&item, "id"))?;
        let quantity_value = args::property(&item, "quantity");
        let quantity = if args::is_missing(&quantity_value) {
            None
        } else {
            Some(endpoint::quantity(
                args::number("an item's quantity", &quantity_value)?,
                0,
            )?)
        };
        // `type` first, then the item's own fields but its id and quantity, then the fields
        // of its type (which put those back where the type has them). An item's own `type`
        // is the kind, or missing, and then the fields of a `cart_item` set it again.
        let (fields, n) = endpoint::update_fields(&kind, &id, quantity)?;
        let entry = Object::new();
        let kind_value = JsValue::from_str(&kind);
        set_property(&entry, "type", &kind_value);
        Object::assign(&entry, object);
        entry.delete_field("id");
        entry.delete_field("quantity");
        set_fields(&entry, fields.get(..n).unwrap_or_default());
        out.push(&entry);
    }
    args::json_text(&out)
}

/// The calls of this module for Rust callers. JavaScript reaches them through
/// the gateway's `__call` and the names in [`super::cart::CALLS`].
impl CartEndpoint {
    /// This cart's items (`include`, `sort`, paging and `filter` from the builders).
    pub fn items(&self, options: Option<JsValue>) -> Promise {
        self.send(
            Call::Route(&endpoint::LIST_ITEMS),
            [NONE, NONE, NONE, NONE, NONE, NONE],
            options,
        )
    }

    /// Adds a product: `AddProduct(productId, quantity = 1, data?, isSku = false, token?, additionalHeaders?)`.
    /// A repeated add of the same product adds to its quantity. With `isSku`, `productId` is a SKU.
    ///
    /// ```js
    /// const { data: items, meta } = await EPCC.Carts.AddProduct(productId, 2)
    /// ```
    #[allow(clippy::too_many_arguments)]
    pub fn add_product(
        &self,
        product_id: JsValue,
        quantity: Option<JsValue>,
        data: Option<JsValue>,
        is_sku: Option<JsValue>,
        token: Option<JsValue>,
        additional_headers: Option<JsValue>,
        options: Option<JsValue>,
    ) -> Promise {
        let args = [
            product_id,
            opt(quantity),
            opt(data),
            opt(is_sku),
            opt(token),
            opt(additional_headers),
        ];
        self.send(Call::Composite(Composite::AddProduct), args, options)
    }

    /// Adds an item that is not in the catalog: `{ name, sku, quantity, price: { amount, includes_tax? }, description? }`.
    pub fn add_custom_item(&self, item: JsValue, options: Option<JsValue>) -> Promise {
        self.send(
            Call::Route(&endpoint::ADD_CUSTOM_ITEM),
            [item, NONE, NONE, NONE, NONE, NONE],
            options,
        )
    }

    /// Applies a promotion code: `AddPromotion('SAVE10', customerToken?)`.
    pub fn add_promotion(
        &self,
        code: JsValue,
        token: Option<JsValue>,
        options: Option<JsValue>,
    ) -> Promise {
        self.send(
            Call::Route(&endpoint::ADD_PROMOTION),
            [code, opt(token), NONE, NONE, NONE, NONE],
            options,
        )
    }

    /// Adds several items at once: `BulkAdd([{ type: 'cart_item', id, quantity }, ...], { add_all_or_nothing: true })`.
    pub fn bulk_add(
        &self,
        items: JsValue,
        bulk_options: Option<JsValue>,
        options: Option<JsValue>,
    ) -> Promise {
        self.send(
            Call::Route(&endpoint::BULK_ADD),
            [items, opt(bulk_options), NONE, NONE, NONE, NONE],
            options,
        )
    }

    /// Sets an item's quantity (0 removes it), with more fields in `data`.
    pub fn update_item(
        &self,
        item_id: JsValue,
        quantity: JsValue,
        data: Option<JsValue>,
        additional_headers: Option<JsValue>,
        options: Option<JsValue>,
    ) -> Promise {
        let args = [
            item_id,
            quantity,
            opt(data),
            opt(additional_headers),
            NONE,
            NONE,
        ];
        self.send(Call::Composite(Composite::UpdateItem), args, options)
    }

    /// Sets an item's quantity (0 removes it).
    pub fn update_item_quantity(
        &self,
        item_id: JsValue,
        quantity: JsValue,
        options: Option<JsValue>,
    ) -> Promise {
        self.send(
            Call::Composite(Composite::UpdateItemQuantity),
            [item_id, quantity, NONE, NONE, NONE, NONE],
            options,
        )
    }

    /// Updates several items: `UpdateItems([{ id, quantity }, ...])`.
    pub fn update_items(&self, items: JsValue, options: Option<JsValue>) -> Promise {
        self.send(
            Call::Composite(Composite::UpdateItems),
            [items, NONE, NONE, NONE, NONE, NONE],
            options,
        )
    }

    /// Removes one item; resolves with the items left.
    pub fn remove_item(&self, item_id: JsValue, options: Option<JsValue>) -> Promise {
        self.send(
            Call::Route(&endpoint::REMOVE_ITEM),
            [item_id, NONE, NONE, NONE, NONE, NONE],
            options,
        )
    }

    /// Empties the cart.
    pub fn remove_all_items(&self, options: Option<JsValue>) -> Promise {
        self.send(
            Call::Route(&endpoint::REMOVE_ALL_ITEMS),
            [NONE, NONE, NONE, NONE, NONE, NONE],
            options,
        )
    }

    /// Moves the items of another cart (a guest's) into this one: `Merge(guestCartId, customerToken?, { add_all_or_nothing })`.
    pub fn merge(
        &self,
        cart_id: JsValue,
        token: Option<JsValue>,
        merge_options: Option<JsValue>,
        options: Option<JsValue>,
    ) -> Promise {
        self.send(
            Call::Route(&endpoint::MERGE),
            [cart_id, opt(token), opt(merge_options), NONE, NONE, NONE],
            options,
        )
    }

    /// Adds a tax item to an item: `AddItemTax(itemId, { name, jurisdiction, code, rate })`.
    pub fn add_item_tax(
        &self,
        item_id: JsValue,
        tax: JsValue,
        options: Option<JsValue>,
    ) -> Promise {
        self.send(
            Call::Route(&endpoint::ADD_ITEM_TAX),
            [item_id, tax, NONE, NONE, NONE, NONE],
            options,
        )
    }

    /// Adds tax items to several items (each names its item in `relationships.item.data.id`).
    pub fn bulk_add_item_tax(
        &self,
        taxes: JsValue,
        bulk_options: Option<JsValue>,
        options: Option<JsValue>,
    ) -> Promise {
        self.send(
            Call::Route(&endpoint::BULK_ADD_ITEM_TAX),
            [taxes, opt(bulk_options), NONE, NONE, NONE, NONE],
            options,
        )
    }

    /// Changes a tax item.
    pub fn update_item_tax(
        &self,
        item_id: JsValue,
        tax_item_id: JsValue,
        tax: JsValue,
        options: Option<JsValue>,
    ) -> Promise {
        self.send(
            Call::Route(&endpoint::UPDATE_ITEM_TAX),
            [item_id, tax_item_id, tax, NONE, NONE, NONE],
            options,
        )
    }

    /// Removes a tax item.
    pub fn remove_item_tax(
        &self,
        item_id: JsValue,
        tax_item_id: JsValue,
        options: Option<JsValue>,
    ) -> Promise {
        self.send(
            Call::Route(&endpoint::REMOVE_ITEM_TAX),
            [item_id, tax_item_id, NONE, NONE, NONE, NONE],
            options,
        )
    }

    /// Adds a custom discount to the cart (the cart needs `custom_discounts_enabled`).
    pub fn add_cart_custom_discount(&self, discount: JsValue, options: Option<JsValue>) -> Promise {
        self.send(
            Call::Route(&endpoint::ADD_CART_DISCOUNT),
            [discount, NONE, NONE, NONE, NONE, NONE],
            options,
        )
    }

    /// Adds several custom discounts to the cart.
    pub fn bulk_add_cart_custom_discount(
        &self,
        discounts: JsValue,
        bulk_options: Option<JsValue>,
        options: Option<JsValue>,
    ) -> Promise {
        self.send(
            Call::Route(&endpoint::BULK_ADD_CART_DISCOUNT),
            [discounts, opt(bulk_options), NONE, NONE, NONE, NONE],
            options,
        )
    }

    /// Changes one of the cart's custom discounts.
    pub fn update_cart_custom_discount(
        &self,
        discount_id: JsValue,
        discount: JsValue,
        options: Option<JsValue>,
    ) -> Promise {
        self.send(
            Call::Route(&endpoint::UPDATE_CART_DISCOUNT),
            [discount_id, discount, NONE, NONE, NONE, NONE],
            options,
        )
    }

    /// Removes one of the cart's custom discounts.
    pub fn remove_cart_custom_discount(
        &self,
        discount_id: JsValue,
        options: Option<JsValue>,
    ) -> Promise {
        self.send(
            Call::Route(&endpoint::REMOVE_CART_DISCOUNT),
            [discount_id, NONE, NONE, NONE, NONE, NONE],
            options,
        )
    }

    /// Adds a custom discount to an item.
    pub fn add_item_custom_discount(
        &self,
        item_id: JsValue,
        discount: JsValue,
        options: Option<JsValue>,
    ) -> Promise {
        self.send(
            Call::Route(&endpoint::ADD_ITEM_DISCOUNT),
            [item_id, discount, NONE, NONE, NONE, NONE],
            options,
        )
    }

    /// Changes a custom discount of an item.
    pub fn update_item_custom_discount(
        &self,
        item_id: JsValue,
        discount_id: JsValue,
        discount: JsValue,
        options: Option<JsValue>,
    ) -> Promise {
        self.send(
            Call::Route(&endpoint::UPDATE_ITEM_DISCOUNT),
            [item_id, discount_id, discount, NONE, NONE, NONE],
            options,
        )
    }

    /// Removes a custom discount of an item.
    pub fn remove_item_custom_discount(
        &self,
        item_id: JsValue,
        discount_id: JsValue,
        options: Option<JsValue>,
    ) -> Promise {
        self.send(
            Call::Route(&endpoint::REMOVE_ITEM_DISCOUNT),
            [item_id, discount_id, NONE, NONE, NONE, NONE],
            options,
        )
    }

    /// Turns this cart into an order: `Checkout(customerId or { email, name }, billingAddress, shippingAddress = billingAddress, additionalHeaders?)`.
    /// A customer id needs that customer's token in `additionalHeaders` with an implicit gateway:
    /// `{ 'X-Moltin-Customer-Token': token }`.
    ///
    /// ```js
    /// const { data: order } = await EPCC.Carts.Checkout(customerId, address, address, { 'X-Moltin-Customer-Token': token })
    /// ```
    pub fn checkout(
        &self,
        customer: JsValue,
        billing_address: JsValue,
        shipping_address: Option<JsValue>,
        additional_headers: Option<JsValue>,
        options: Option<JsValue>,
    ) -> Promise {
        let args = [
            customer,
            billing_address,
            opt(shipping_address),
            opt(additional_headers),
            NONE,
            NONE,
        ];
        self.send(Call::Composite(Composite::Checkout), args, options)
    }

    /// Checkout for an account member, with their Account Management token.
    pub fn checkout_with_account_management_token(
        &self,
        contact: JsValue,
        billing_address: JsValue,
        shipping_address: Option<JsValue>,
        token: Option<JsValue>,
        additional_headers: Option<JsValue>,
        options: Option<JsValue>,
    ) -> Promise {
        let args = [
            contact,
            billing_address,
            opt(shipping_address),
            opt(token),
            opt(additional_headers),
            NONE,
        ];
        self.send(Call::Composite(Composite::AccountCheckout), args, options)
    }
}
