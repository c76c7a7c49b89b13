//! The whole cart: every item, promotion, tax, discount, merge, checkout and order call, with
//! the exact request it sends (read from the emulator's journal) and what it resolves.
#![cfg(target_arch = "wasm32")]

mod common;

use common::*;
use epcc_carts::js::Promise;
use js_sys::Array;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

#[cfg(not(feature = "node-tests"))]
wasm_bindgen_test_configure!(run_in_browser);

/// Seeded in every emulator store (emulator/README.md, "Catalog and promotion").
const BLOCK_PLANE: &str = "e1a6f0c2-5b3d-4c8e-9a71-2f4d6b8c0a01";
const BINDER_SKU: &str = "BINDER-3IN";
const BINDER: &str = "e1a6f0c2-5b3d-4c8e-9a71-2f4d6b8c0a05";

/// The tests of this file run at once in a browser page and share the emulator's journal, so
/// each gateway marks its requests with a header of its own and reads back only those.
fn marked_shopper() -> (epcc_carts::js::Gateway, String) {
    let marker = unique("items");
    let mut extra = String::from(r#"{"headers":{"X-Test-Run":""#);
    extra.push_str(&marker);
    extra.push_str(r#""}}"#);
    (epcc_carts::js::gateway(config(&extra)).unwrap(), marker)
}

/// The API requests marked with `marker` so far, in order.
async fn marked(marker: &str) -> Vec<Entry> {
    let mut entries = journal().await;
    entries.retain(|e| e.header("x-test-run").as_deref() == Some(marker));
    entries
}

/// Runs `call` and returns the request it sent (the latest marked one: the journal keeps a
/// bounded number of entries, so counts before and after are not comparable), and what it
/// resolved.
async fn sent(marker: &str, call: Promise) -> (Entry, JsValue) {
    let value = ok(call).await;
    let mut requests = marked(marker).await;
    let request = requests.pop().expect("the call's request in the journal");
    (request, value)
}

/// A gateway with the client secret (client_credentials), marked as [`marked_shopper`]'s are.
fn marked_admin() -> (epcc_carts::js::Gateway, String) {
    let marker = unique("items-admin");
    let mut extra = String::from(r#"{"client_secret":""#);
    extra.push_str(CLIENT_SECRET);
    extra.push_str(r#"","headers":{"X-Test-Run":""#);
    extra.push_str(&marker);
    extra.push_str(r#""}}"#);
    (epcc_carts::js::gateway(config(&extra)).unwrap(), marker)
}

fn path_of(epcc: &epcc_carts::js::Gateway, rest: &str) -> String {
    let mut path = String::from("/v2/carts/");
    path.push_str(&epcc.cart_id().unwrap());
    path.push_str(rest);
    path
}

fn items_of(value: &JsValue) -> Array {
    get(value, "data").dyn_into().unwrap()
}

/// The item of `items` with product `id`.
fn item_with_product(value: &JsValue, product: &str) -> JsValue {
    items_of(value)
        .iter()
        .find(|i| get(i, "product_id").as_string().as_deref() == Some(product))
        .expect("the product's item")
}

/// `count` block planes by product id into `cart`.
async fn add_planes(cart: &epcc_carts::js::CartEndpoint, count: u32) {
    ok(cart.add_product(
        s(BLOCK_PLANE),
        Some(JsValue::from(count)),
        None,
        None,
        None,
        None,
        None,
    ))
    .await;
}

/// Two block planes by product id and a binder by SKU (quantity left to its default, 1) into the
/// gateway's current cart.
async fn add_two_planes_and_a_binder(epcc: &epcc_carts::js::Gateway) {
    add_planes(&epcc.carts(), 2).await;
    add_binder_by_sku(epcc).await;
}

/// A binder by its SKU (`isSku`), quantity left to its default; resolves with the cart's items.
async fn add_binder_by_sku(epcc: &epcc_carts::js::Gateway) -> JsValue {
    ok(epcc.carts().add_product(
        s(BINDER_SKU),
        None,
        None,
        Some(JsValue::TRUE),
        None,
        None,
        None,
    ))
    .await
}

/// `meta.display_price.with_tax.amount` of a cart or an order.
fn total_with_tax(value: &JsValue) -> Option<f64> {
    get(
        &get(&get(&get(value, "meta"), "display_price"), "with_tax"),
        "amount",
    )
    .as_f64()
}

#[wasm_bindgen_test]
async fn products_are_added_by_id_and_by_sku_with_the_official_bodies() {
    let (epcc, m) = marked_shopper();
    ok(epcc.authenticate()).await;

    let (r, value) = sent(
        &m,
        epcc.carts()
            .add_product(s(BLOCK_PLANE), None, None, None, None, None, None),
    )
    .await;
    assert_eq!(
        (r.method.as_str(), r.path.as_str()),
        ("POST", path_of(&epcc, "/items").as_str())
    );
    let mut expected = String::from(r#"{"data":{"type":"cart_item","id":""#);
    expected.push_str(BLOCK_PLANE);
    expected.push_str(r#"","quantity":1}}"#);
    assert_eq!(
        stringify(&r.json_body()),
        expected,
        "quantity defaults to 1"
    );
    assert_eq!(r.header("x-moltin-customer-token"), None);
    assert_eq!(
        get(&item_with_product(&value, BLOCK_PLANE), "quantity").as_f64(),
        Some(1.0)
    );

    // A repeated add merges quantities; `data` is spread over the SDK's fields.
    let data = json(r#"{"custom_inputs":{"engraving":"R.S."}}"#);
    let (r, value) = sent(
        &m,
        epcc.carts().add_product(
            s(BLOCK_PLANE),
            Some(JsValue::from(2)),
            Some(data.clone()),
            None,
            None,
            Some(json(r#"{"X-Trace":"t-1"}"#)),
            None,
        ),
    )
    .await;
    let body = r.json_body();
    assert_eq!(
        stringify(&get(&get(&body, "data"), "custom_inputs")),
        r#"{"engraving":"R.S."}"#
    );
    assert_eq!(get(&get(&body, "data"), "quantity").as_f64(), Some(2.0));
    assert_eq!(r.header("x-trace").as_deref(), Some("t-1"));
    assert_eq!(
        stringify(&data),
        r#"{"custom_inputs":{"engraving":"R.S."}}"#,
        "the caller's object is unchanged"
    );
    assert_eq!(
        get(&item_with_product(&value, BLOCK_PLANE), "quantity").as_f64(),
        Some(3.0)
    );

    let (_, token) = signed_in_customer(&epcc).await;
    let (r, value) = sent(
        &m,
        epcc.carts().add_product(
            s(BINDER_SKU),
            Some(JsValue::from(1)),
            None,
            Some(JsValue::TRUE),
            Some(s(&token)),
            None,
            None,
        ),
    )
    .await;
    assert_eq!(
        stringify(&r.json_body()),
        r#"{"data":{"type":"cart_item","sku":"BINDER-3IN","quantity":1}}"#
    );
    assert_eq!(
        r.header("x-moltin-customer-token").as_deref(),
        Some(token.as_str())
    );
    assert_eq!(items_of(&value).length(), 2);
    let meta = get(&get(&value, "meta"), "display_price");
    assert_eq!(
        get(&get(&meta, "with_tax"), "currency")
            .as_string()
            .as_deref(),
        Some("USD")
    );
}

#[wasm_bindgen_test]
async fn items_are_listed_updated_and_removed() {
    let (epcc, m) = marked_shopper();
    add_two_planes_and_a_binder(&epcc).await;

    let (r, value) = sent(
        &m,
        epcc.carts().limit(JsValue::from(5)).unwrap().items(None),
    )
    .await;
    assert_eq!(
        (r.method.as_str(), r.path.as_str(), r.query.as_str()),
        ("GET", path_of(&epcc, "/items").as_str(), "page[limit]=5")
    );
    assert_eq!(items_of(&value).length(), 2);
    let item_id = get(&item_with_product(&value, BLOCK_PLANE), "id")
        .as_string()
        .unwrap();

    let (r, value) = sent(
        &m,
        epcc.carts()
            .update_item_quantity(s(&item_id), JsValue::from(4), None),
    )
    .await;
    assert_eq!(
        (r.method.as_str(), r.path.as_str()),
        (
            "PUT",
            path_of(&epcc, &(String::from("/items/") + &item_id)).as_str()
        )
    );
    let mut expected = String::from(r#"{"data":{"type":"cart_item","id":""#);
    expected.push_str(&item_id);
    expected.push_str(r#"","quantity":4}}"#);
    assert_eq!(stringify(&r.json_body()), expected);
    assert_eq!(
        get(&item_with_product(&value, BLOCK_PLANE), "quantity").as_f64(),
        Some(4.0)
    );

    let (r, _) = sent(
        &m,
        epcc.carts().update_item(
            s(&item_id),
            JsValue::from(3),
            None,
            Some(json(r#"{"X-Trace":"u"}"#)),
            None,
        ),
    )
    .await;
    assert_eq!(
        get(&get(&r.json_body(), "data"), "quantity").as_f64(),
        Some(3.0)
    );
    assert_eq!(r.header("x-trace").as_deref(), Some("u"));

    let mut updates = String::from(r#"[{"id":""#);
    updates.push_str(&item_id);
    updates.push_str(r#"","quantity":6,"note":"x"}]"#);
    let (r, value) = sent(&m, epcc.carts().update_items(json(&updates), None)).await;
    assert_eq!(
        (r.method.as_str(), r.path.as_str()),
        ("PUT", path_of(&epcc, "/items").as_str())
    );
    let mut expected = String::from(r#"{"data":[{"type":"cart_item","note":"x","id":""#);
    expected.push_str(&item_id);
    expected.push_str(r#"","quantity":6}]}"#);
    assert_eq!(
        stringify(&r.json_body()),
        expected,
        "type, the rest, then id and quantity"
    );
    assert_eq!(
        get(&item_with_product(&value, BLOCK_PLANE), "quantity").as_f64(),
        Some(6.0)
    );

    let (r, value) = sent(&m, epcc.carts().remove_item(s(&item_id), None)).await;
    assert_eq!((r.method.as_str(), r.body.as_deref()), ("DELETE", None));
    assert_eq!(items_of(&value).length(), 1);

    let (r, value) = sent(&m, epcc.carts().remove_all_items(None)).await;
    assert_eq!(
        (r.method.as_str(), r.path.as_str()),
        ("DELETE", path_of(&epcc, "/items").as_str())
    );
    assert_eq!(stringify(&value), "{}");
}

#[wasm_bindgen_test]
async fn custom_items_promotions_and_bulk_adds() {
    let (epcc, m) = marked_shopper();
    let item = json(r#"{"name":"Gift wrap","sku":"WRAP-1","quantity":1,"price":{"amount":500}}"#);
    let (r, value) = sent(&m, epcc.carts().add_custom_item(item.clone(), None)).await;
    assert_eq!(
        stringify(&r.json_body()),
        r#"{"data":{"name":"Gift wrap","sku":"WRAP-1","quantity":1,"price":{"amount":500},"type":"custom_item"}}"#
    );
    assert!(
        get(&item, "type").is_undefined(),
        "the caller's object is unchanged"
    );
    assert_eq!(items_of(&value).length(), 1);

    ok(epcc
        .carts()
        .add_product(s(BLOCK_PLANE), None, None, None, None, None, None))
    .await;
    let (r, value) = sent(&m, epcc.carts().add_promotion(s("SAVE10"), None, None)).await;
    assert_eq!(
        stringify(&r.json_body()),
        r#"{"data":{"type":"promotion_item","code":"SAVE10"}}"#
    );
    let discount = get(&get(&get(&value, "meta"), "display_price"), "discount");
    assert!(
        get(&discount, "amount").as_f64().unwrap() < 0.0,
        "SAVE10 takes something off"
    );

    let mut items = String::from(r#"[{"type":"cart_item","id":""#);
    items.push_str(BLOCK_PLANE);
    items.push_str(r#"","quantity":1}]"#);
    let (r, _) = sent(&m, epcc.carts().bulk_add(json(&items), None, None)).await;
    let mut expected = String::from(r#"{"data":"#);
    expected.push_str(&items);
    expected.push('}');
    assert_eq!(
        stringify(&r.json_body()),
        expected,
        "wrapped once (the official SDK wraps twice)"
    );
    let (r, _) = sent(
        &m,
        epcc.carts().bulk_add(
            json(&items),
            Some(json(r#"{"add_all_or_nothing":true}"#)),
            None,
        ),
    )
    .await;
    let mut expected = String::from(r#"{"data":"#);
    expected.push_str(&items);
    expected.push_str(r#","options":{"add_all_or_nothing":true}}"#);
    assert_eq!(stringify(&r.json_body()), expected);
}

#[wasm_bindgen_test]
async fn taxes_and_custom_discounts() {
    let (epcc, m) = marked_shopper();
    // The current cart, made with custom discounts enabled (it has not been used yet).
    let mut cart = String::from(r#"{"id":""#);
    cart.push_str(&epcc.cart_id().unwrap());
    cart.push_str(r#"","name":"Discounts","discount_settings":{"custom_discounts_enabled":true}}"#);
    ok(epcc.carts().create_cart(json(&cart), None, None)).await;
    let list = ok(epcc
        .carts()
        .add_product(s(BLOCK_PLANE), None, None, None, None, None, None))
    .await;
    let item_id = get(&item_with_product(&list, BLOCK_PLANE), "id")
        .as_string()
        .unwrap();
    let item_path = path_of(&epcc, &(String::from("/items/") + &item_id));

    let (r, tax) = sent(
        &m,
        epcc.carts().add_item_tax(
            s(&item_id),
            json(r#"{"name":"VAT","jurisdiction":"UK","code":"VAT20","rate":0.2}"#),
            None,
        ),
    )
    .await;
    assert_eq!(
        (r.method.as_str(), r.path.clone()),
        ("POST", item_path.clone() + "/taxes")
    );
    assert_eq!(
        stringify(&r.json_body()),
        r#"{"data":{"name":"VAT","jurisdiction":"UK","code":"VAT20","rate":0.2,"type":"tax_item"}}"#
    );
    let tax_id = get(&get(&tax, "data"), "id").as_string().unwrap();
    let (r, _) = sent(
        &m,
        epcc.carts()
            .update_item_tax(s(&item_id), s(&tax_id), json(r#"{"rate":0.1}"#), None),
    )
    .await;
    assert_eq!(
        (r.method.as_str(), r.path.clone()),
        ("PUT", item_path.clone() + "/taxes/" + &tax_id)
    );
    let (r, _) = sent(
        &m,
        epcc.carts().remove_item_tax(s(&item_id), s(&tax_id), None),
    )
    .await;
    assert_eq!(
        (r.method.as_str(), r.path.clone()),
        ("DELETE", item_path.clone() + "/taxes/" + &tax_id)
    );

    let discount = r#"{"amount":-500,"description":"Loyalty","discount_code":"LOYAL","discount_engine":"Custom","external_id":"x-1"}"#;
    let (r, _) = sent(
        &m,
        epcc.carts().add_cart_custom_discount(json(discount), None),
    )
    .await;
    assert_eq!(
        (r.method.as_str(), r.path.as_str()),
        ("POST", path_of(&epcc, "/custom-discounts").as_str())
    );
    assert_eq!(
        get(&get(&r.json_body(), "data"), "type")
            .as_string()
            .as_deref(),
        Some("custom_discount")
    );
    let (r, added) = sent(
        &m,
        epcc.carts()
            .add_item_custom_discount(s(&item_id), json(discount), None),
    )
    .await;
    assert_eq!(
        r.path,
        item_path.clone() + "/custom-discounts",
        "one slash (the official SDK sends two)"
    );
    let discount_id = get(&get(&added, "data"), "id").as_string().unwrap();
    let (r, _) = sent(
        &m,
        epcc.carts().update_item_custom_discount(
            s(&item_id),
            s(&discount_id),
            json(r#"{"amount":-300}"#),
            None,
        ),
    )
    .await;
    assert_eq!(
        (r.method.as_str(), r.path.clone()),
        (
            "PUT",
            item_path.clone() + "/custom-discounts/" + &discount_id
        )
    );
    let (r, _) = sent(
        &m,
        epcc.carts()
            .remove_item_custom_discount(s(&item_id), s(&discount_id), None),
    )
    .await;
    assert_eq!(
        (r.method.as_str(), r.path.clone()),
        ("DELETE", item_path + "/custom-discounts/" + &discount_id)
    );
}

#[wasm_bindgen_test]
async fn a_guest_cart_is_merged_and_checked_out_to_an_order() {
    let (epcc, m) = marked_shopper();
    let (customer_id, token) = signed_in_customer(&epcc).await;
    let guest_id = unique("guest");
    add_planes(&epcc.cart(Some(s(&guest_id))), 2).await;

    let (r, merged) = sent(
        &m,
        epcc.carts()
            .merge(s(&guest_id), Some(s(&token)), None, None),
    )
    .await;
    assert_eq!(
        (r.method.as_str(), r.path.as_str()),
        ("POST", path_of(&epcc, "/items").as_str())
    );
    let mut expected = String::from(r#"{"data":{"type":"cart_items","cart_id":""#);
    expected.push_str(&guest_id);
    expected.push_str(r#""},"options":{}}"#);
    assert_eq!(stringify(&r.json_body()), expected);
    assert_eq!(
        r.header("x-moltin-customer-token").as_deref(),
        Some(token.as_str())
    );
    assert_eq!(
        get(&item_with_product(&merged, BLOCK_PLANE), "quantity").as_f64(),
        Some(2.0)
    );

    ok(epcc
        .carts()
        .add_customer_association(s(&customer_id), Some(s(&token)), None))
    .await;
    let cart = ok(epcc.carts().get(None)).await;
    let address = json(
        r#"{"first_name":"Ron","last_name":"Swanson","line_1":"1 Main St","postcode":"46001","country":"US"}"#,
    );
    let headers = object_with("X-Moltin-Customer-Token", &token);
    let (r, order) = sent(
        &m,
        epcc.carts()
            .checkout(s(&customer_id), address.clone(), None, Some(headers), None),
    )
    .await;
    assert_eq!(
        (r.method.as_str(), r.path.as_str()),
        ("POST", path_of(&epcc, "/checkout").as_str())
    );
    let data = get(&r.json_body(), "data");
    assert_eq!(
        stringify(&get(&data, "customer")),
        String::from(r#"{"id":""#) + &customer_id + r#""}"#
    );
    assert_eq!(
        stringify(&get(&data, "shipping_address")),
        stringify(&address),
        "shipping defaults to billing"
    );
    let order = get(&order, "data");
    assert_eq!(
        get(&order, "status").as_string().as_deref(),
        Some("incomplete")
    );
    assert_eq!(
        total_with_tax(&order),
        total_with_tax(&get(&cart, "data")),
        "the order's total is the cart's"
    );

    let order_id = get(&order, "id").as_string().unwrap();
    let (r, got) = sent(&m, epcc.orders().get(s(&order_id), Some(s(&token)), None)).await;
    assert_eq!(
        (r.method.as_str(), r.path.as_str()),
        ("GET", (String::from("/v2/orders/") + &order_id).as_str())
    );
    assert_eq!(
        get(&get(&got, "data"), "id").as_string(),
        Some(order_id.clone())
    );
    let (r, lines) = sent(&m, epcc.orders().items(s(&order_id), Some(s(&token)), None)).await;
    assert_eq!(r.path, String::from("/v2/orders/") + &order_id + "/items");
    assert_eq!(items_of(&lines).length(), 1);
    // Another customer's token never reads it.
    let (_, other) = signed_in_customer(&epcc).await;
    let e = err(epcc.orders().get(s(&order_id), Some(s(&other)), None)).await;
    assert_eq!(
        (kind(&e).as_str(), get(&e, "status").as_f64()),
        ("api", Some(404.0))
    );
}

/// The promise of a customer's cart across devices: a guest fills a cart on device A, signs in and
/// merges it into the customer's cart; device B, signed in as the same customer, finds that cart
/// at the top of `GetCartsList`, sees the merged items and removes one; device A sees the removal
/// and checks out, and the order (read back on device B) has the cart's total.
#[wasm_bindgen_test]
async fn two_devices_share_a_merged_cart_through_checkout() {
    let device_a = shopper();
    let guest_cart = device_a.cart_id().unwrap();
    add_two_planes_and_a_binder(&device_a).await;

    // Signing in on device A: a cart for the customer, associated, with the guest's items merged in.
    let (customer_id, token) = signed_in_customer(&device_a).await;
    let customer_cart = unique("customer-cart");
    device_a.set_cart_id(s(&customer_cart)).unwrap();
    open_cart(&device_a).await;
    ok(device_a
        .carts()
        .add_customer_association(s(&customer_id), Some(s(&token)), None))
    .await;
    let merged = ok(device_a
        .carts()
        .merge(s(&guest_cart), Some(s(&token)), None, None))
    .await;
    let quantity = |items: &JsValue, product: &str| {
        get(&item_with_product(items, product), "quantity").as_f64()
    };
    assert_eq!(quantity(&merged, BLOCK_PLANE), Some(2.0));
    assert_eq!(quantity(&merged, BINDER), Some(1.0));

    // Device B: its own storage, the same customer.
    let device_b = shopper();
    let list = ok(device_b.carts().get_carts_list(Some(s(&token)), None)).await;
    assert_eq!(
        ids(&list).first(),
        Some(&customer_cart),
        "the merged cart is the customer's newest"
    );
    device_b.set_cart_id(s(&customer_cart)).unwrap();
    let seen_on_b = ok(device_b.carts().items(None)).await;
    assert_eq!(items_of(&seen_on_b).length(), 2);
    let binder_item = get(&item_with_product(&seen_on_b, BINDER), "id")
        .as_string()
        .unwrap();
    let left = ok(device_b.carts().remove_item(s(&binder_item), None)).await;
    assert_eq!(items_of(&left).length(), 1);

    // Device A sees the removal, then checks out.
    let seen_on_a = ok(device_a.carts().items(None)).await;
    assert_eq!(items_of(&seen_on_a).length(), 1);
    assert_eq!(quantity(&seen_on_a, BLOCK_PLANE), Some(2.0));
    let cart = ok(device_a.carts().get(None)).await;
    let address = json(
        r#"{"first_name":"Leslie","last_name":"Knope","line_1":"1 Main St","postcode":"46001","country":"US"}"#,
    );
    let headers = object_with("X-Moltin-Customer-Token", &token);
    let order = ok(device_a
        .carts()
        .checkout(s(&customer_id), address, None, Some(headers), None))
    .await;
    let order = get(&order, "data");
    assert!(total_with_tax(&order).is_some_and(|t| t > 0.0));
    assert_eq!(
        total_with_tax(&order),
        total_with_tax(&get(&cart, "data")),
        "the order's total is the cart's"
    );

    // The order is the customer's on any device.
    let order_id = get(&order, "id").as_string().unwrap();
    let lines = ok(device_b.orders().items(s(&order_id), Some(s(&token)), None)).await;
    assert_eq!(items_of(&lines).length(), 1);
    assert_eq!(
        get(&items_of(&lines).get(0), "quantity").as_f64(),
        Some(2.0)
    );
}

fn object_with(key: &str, value: &str) -> JsValue {
    let object = js_sys::Object::new();
    set(&object, key, value);
    object.into()
}

#[wasm_bindgen_test]
async fn bad_item_arguments_reject_and_send_nothing() {
    let (epcc, m) = marked_shopper();
    ok(epcc.authenticate()).await;
    let c = || epcc.carts();
    let cases: Vec<(&str, Promise)> = vec![
        (
            "fractional quantity",
            c().add_product(
                s(BLOCK_PLANE),
                Some(JsValue::from(1.5)),
                None,
                None,
                None,
                None,
                None,
            ),
        ),
        (
            "zero quantity",
            c().add_product(
                s(BLOCK_PLANE),
                Some(JsValue::from(0)),
                None,
                None,
                None,
                None,
                None,
            ),
        ),
        (
            "quantity as text",
            c().add_product(s(BLOCK_PLANE), Some(s("2")), None, None, None, None, None),
        ),
        (
            "isSku not a boolean",
            c().add_product(s(BLOCK_PLANE), None, None, Some(s("yes")), None, None, None),
        ),
        (
            "data not an object",
            c().add_product(s(BLOCK_PLANE), None, Some(s("x")), None, None, None, None),
        ),
        (
            "unsafe product id",
            c().add_product(s("../x"), None, None, None, None, None, None),
        ),
        ("unsafe item id", c().remove_item(s("a/b"), None)),
        (
            "negative update",
            c().update_item_quantity(s("i1"), JsValue::from(-1), None),
        ),
        (
            "bulk not an array",
            c().bulk_add(json(r#"{"a":1}"#), None, None),
        ),
        ("update items not an array", c().update_items(s("x"), None)),
        (
            "custom item not an object",
            c().add_custom_item(JsValue::NULL, None),
        ),
        ("empty promotion", c().add_promotion(s(" "), None, None)),
        ("unsafe merge id", c().merge(s("a?b"), None, None, None)),
        (
            "tax not an object",
            c().add_item_tax(s("i1"), s("vat"), None),
        ),
        ("unsafe tax id", c().remove_item_tax(s("i1"), s(".."), None)),
        (
            "checkout without billing",
            c().checkout(s("cu-1"), JsValue::UNDEFINED, None, None, None),
        ),
        (
            "checkout with a bad header",
            c().checkout(
                s("cu-1"),
                json("{}"),
                None,
                Some(json(r#"{"X":"a\nb"}"#)),
                None,
            ),
        ),
        ("order id", epcc.orders().get(s("a/b"), None, None)),
    ];
    for (what, call) in cases {
        let e = err(call).await;
        assert_eq!(kind(&e), "invalid_input", "{what}: {}", describe(&e));
    }
    assert!(marked(&m).await.is_empty(), "nothing was sent");
}

/// The id of the item of `items` with product `product`.
fn item_id_of(items: &JsValue, product: &str) -> String {
    get(&item_with_product(items, product), "id")
        .as_string()
        .unwrap()
}

/// `{"data":<data>}` (with `,"options":<options>` when given), as JSON text.
fn enveloped(data: &str, options: Option<&str>) -> String {
    let mut out = String::from(r#"{"data":"#);
    out.push_str(data);
    if let Some(options) = options {
        out.push_str(r#","options":"#);
        out.push_str(options);
    }
    out.push('}');
    out
}

/// A bulk tax item for `item`, as the official SDK's callers write one.
fn tax_for(item: &str, name: &str, code: &str, rate: &str) -> String {
    let mut out = String::from(r#"{"type":"tax_item","name":""#);
    out.push_str(name);
    out.push_str(r#"","jurisdiction":"US","code":""#);
    out.push_str(code);
    out.push_str(r#"","rate":"#);
    out.push_str(rate);
    out.push_str(r#","relationships":{"item":{"data":{"type":"cart_item","id":""#);
    out.push_str(item);
    out.push_str(r#""}}}}"#);
    out
}

/// `data.relationships.item.data.id` of a tax item or custom discount.
fn related_item(value: &JsValue) -> Option<String> {
    let mut at = value.clone();
    for key in ["relationships", "item", "data", "id"] {
        if !at.is_object() {
            return None;
        }
        at = get(&at, key);
    }
    at.as_string()
}

/// `meta.display_price.tax.value.amount` of the item with product `product`.
fn item_tax(items: &JsValue, product: &str) -> Option<f64> {
    let price = get(
        &get(&item_with_product(items, product), "meta"),
        "display_price",
    );
    get(&get(&get(&price, "tax"), "value"), "amount").as_f64()
}

#[wasm_bindgen_test]
async fn bulk_item_taxes_are_posted_once_wrapped_and_land_on_their_items() {
    let (epcc, m) = marked_shopper();
    ok(epcc
        .carts()
        .add_product(s(BLOCK_PLANE), None, None, None, None, None, None))
    .await;
    let items = add_binder_by_sku(&epcc).await;
    let plane = item_id_of(&items, BLOCK_PLANE);
    let binder = item_id_of(&items, BINDER);

    let taxes = String::from("[")
        + &tax_for(&plane, "State tax", "IN-7", "0.07")
        + ","
        + &tax_for(&binder, "City tax", "PAW-1", "0.01")
        + "]";
    let argument = json(&taxes);
    let (r, added) = sent(
        &m,
        epcc.carts().bulk_add_item_tax(argument.clone(), None, None),
    )
    .await;
    assert_eq!(
        (r.method.as_str(), r.path.as_str()),
        ("POST", path_of(&epcc, "/taxes").as_str())
    );
    assert_eq!(
        stringify(&r.json_body()),
        enveloped(&taxes, None),
        "the array as given, wrapped once (the official SDK wraps it twice, which the API refuses)"
    );
    assert_eq!(
        r.header("content-type").as_deref(),
        Some("application/json")
    );
    assert_eq!(stringify(&argument), stringify(&json(&taxes)), "unchanged");
    let data = items_of(&added);
    assert_eq!(data.length(), 2, "{}", stringify(&added));
    let state = data.get(0);
    assert_eq!(get(&state, "type").as_string().as_deref(), Some("tax_item"));
    assert!(get(&state, "id")
        .as_string()
        .is_some_and(|id| !id.is_empty()));
    assert_eq!(
        (
            get(&state, "name").as_string().as_deref(),
            get(&state, "code").as_string().as_deref(),
            get(&state, "rate").as_f64(),
            related_item(&state),
        ),
        (
            Some("State tax"),
            Some("IN-7"),
            Some(0.07),
            Some(plane.clone())
        )
    );
    let city = data.get(1);
    assert_eq!(
        (get(&city, "rate").as_f64(), related_item(&city)),
        (Some(0.01), Some(binder.clone()))
    );
    assert!(get(&added, "errors").is_undefined(), "every tax was added");
    // The taxes are in the prices: 7 % of $89.00 and 1 % of $12.00.
    let items = ok(epcc.carts().items(None)).await;
    assert_eq!(item_tax(&items, BLOCK_PLANE), Some(623.0));
    assert_eq!(item_tax(&items, BINDER), Some(12.0));

    // With options, the body is the official SDK's: the array beside `options`.
    let one = String::from("[") + &tax_for(&binder, "County tax", "CO-2", "0.02") + "]";
    let (r, added) = sent(
        &m,
        epcc.carts().bulk_add_item_tax(
            json(&one),
            Some(json(r#"{"add_all_or_nothing":true}"#)),
            None,
        ),
    )
    .await;
    assert_eq!(
        stringify(&r.json_body()),
        enveloped(&one, Some(r#"{"add_all_or_nothing":true}"#))
    );
    assert_eq!(related_item(&items_of(&added).get(0)), Some(binder.clone()));

    // All or nothing: one tax for an item the cart does not have refuses them all.
    let mixed = String::from("[")
        + &tax_for(&plane, "More tax", "MT-1", "0.05")
        + ","
        + &tax_for("no-such-item", "Lost tax", "LT-1", "0.05")
        + "]";
    let e = err(epcc.carts().bulk_add_item_tax(
        json(&mixed),
        Some(json(r#"{"add_all_or_nothing":true}"#)),
        None,
    ))
    .await;
    assert_eq!(
        (kind(&e).as_str(), get(&e, "status").as_f64()),
        ("api", Some(422.0)),
        "{}",
        describe(&e)
    );
    let items = ok(epcc.carts().items(None)).await;
    assert_eq!(
        item_tax(&items, BLOCK_PLANE),
        Some(623.0),
        "nothing was added"
    );
}

#[wasm_bindgen_test]
async fn cart_custom_discounts_are_added_in_bulk_updated_and_removed() {
    let (epcc, m) = marked_shopper();
    let mut cart = String::from(r#"{"id":""#);
    cart.push_str(&epcc.cart_id().unwrap());
    cart.push_str(r#"","name":"Discounts","discount_settings":{"custom_discounts_enabled":true}}"#);
    ok(epcc.carts().create_cart(json(&cart), None, None)).await;
    ok(epcc
        .carts()
        .add_product(s(BLOCK_PLANE), None, None, None, None, None, None))
    .await;
    let cart_total = |cart: &JsValue| {
        let price = get(&get(&get(cart, "data"), "meta"), "display_price");
        get(&get(&price, "with_tax"), "amount").as_f64()
    };

    let discounts = concat!(
        r#"[{"type":"custom_discount","amount":-500,"description":"Loyalty","discount_code":"LOYAL","#,
        r#""discount_engine":"Custom","external_id":"x-1"},"#,
        r#"{"type":"custom_discount","amount":-250,"description":"Birthday","discount_code":"BDAY","#,
        r#""discount_engine":"Custom","external_id":"x-2"}]"#
    );
    let (r, added) = sent(
        &m,
        epcc.carts()
            .bulk_add_cart_custom_discount(json(discounts), None, None),
    )
    .await;
    assert_eq!(
        (r.method.as_str(), r.path.as_str()),
        ("POST", path_of(&epcc, "/custom-discounts").as_str())
    );
    assert_eq!(
        stringify(&r.json_body()),
        enveloped(discounts, None),
        "wrapped once (the official SDK wraps it twice without options)"
    );
    let data = items_of(&added);
    assert_eq!(data.length(), 2, "{}", stringify(&added));
    let loyalty = data.get(0);
    assert_eq!(
        get(&loyalty, "type").as_string().as_deref(),
        Some("custom_discount")
    );
    assert_eq!(
        stringify(&get(&loyalty, "amount")),
        r#"{"amount":-500,"currency":"USD","formatted":"-$5.00"}"#
    );
    assert_eq!(
        get(&loyalty, "discount_code").as_string().as_deref(),
        Some("LOYAL")
    );
    assert_eq!(
        related_item(&loyalty),
        None,
        "a discount of the cart itself"
    );
    assert_eq!(
        get(&data.get(1), "discount_code").as_string().as_deref(),
        Some("BDAY")
    );
    let loyalty_id = get(&loyalty, "id").as_string().unwrap();
    assert_eq!(
        cart_total(&ok(epcc.carts().get(None)).await),
        Some(8900.0 - 750.0)
    );

    let one = concat!(
        r#"[{"type":"custom_discount","amount":-100,"description":"Coupon","discount_code":"C1","#,
        r#""discount_engine":"Custom","external_id":"x-3"}]"#
    );
    let (r, added) = sent(
        &m,
        epcc.carts().bulk_add_cart_custom_discount(
            json(one),
            Some(json(r#"{"add_all_or_nothing":true}"#)),
            None,
        ),
    )
    .await;
    assert_eq!(
        stringify(&r.json_body()),
        enveloped(one, Some(r#"{"add_all_or_nothing":true}"#)),
        "with options, as the official SDK sends it"
    );
    assert_eq!(items_of(&added).length(), 1);

    let change = json(r#"{"amount":-300,"description":"Loyalty, reduced"}"#);
    let (r, updated) = sent(
        &m,
        epcc.carts()
            .update_cart_custom_discount(s(&loyalty_id), change.clone(), None),
    )
    .await;
    assert_eq!(
        (r.method.as_str(), r.path.clone()),
        ("PUT", path_of(&epcc, "/custom-discounts/") + &loyalty_id)
    );
    assert_eq!(
        stringify(&r.json_body()),
        r#"{"data":{"amount":-300,"description":"Loyalty, reduced","type":"custom_discount"}}"#
    );
    assert!(
        get(&change, "type").is_undefined(),
        "the caller's object is unchanged"
    );
    let updated = get(&updated, "data");
    assert_eq!(
        (
            get(&updated, "id").as_string(),
            get(&get(&updated, "amount"), "amount").as_f64(),
            get(&updated, "description").as_string().as_deref(),
            get(&updated, "discount_code").as_string().as_deref(),
        ),
        (
            Some(loyalty_id.clone()),
            Some(-300.0),
            Some("Loyalty, reduced"),
            Some("LOYAL")
        ),
        "the fields sent change, the others stay"
    );
    assert_eq!(
        cart_total(&ok(epcc.carts().get(None)).await),
        Some(8900.0 - 300.0 - 250.0 - 100.0)
    );

    let (r, removed) = sent(
        &m,
        epcc.carts()
            .remove_cart_custom_discount(s(&loyalty_id), None),
    )
    .await;
    assert_eq!(
        (r.method.as_str(), r.path.clone(), r.body.as_deref()),
        (
            "DELETE",
            path_of(&epcc, "/custom-discounts/") + &loyalty_id,
            None
        )
    );
    assert_eq!(stringify(&removed), "{}");
    assert_eq!(
        cart_total(&ok(epcc.carts().get(None)).await),
        Some(8900.0 - 250.0 - 100.0)
    );
    let e = err(epcc
        .carts()
        .remove_cart_custom_discount(s(&loyalty_id), None))
    .await;
    assert_eq!(
        (kind(&e).as_str(), get(&e, "status").as_f64()),
        ("api", Some(404.0)),
        "removed once only: {}",
        describe(&e)
    );
}

#[wasm_bindgen_test]
async fn an_account_member_checks_out_with_the_account_management_token() {
    let (epcc, m) = marked_shopper();
    add_planes(&epcc.carts(), 2).await;
    let contact = r#"{"name":"Ann Perkins","email":"ann@example.com"}"#;
    let billing = r#"{"first_name":"Ann","last_name":"Perkins","line_1":"1 Main St","postcode":"46001","country":"US"}"#;
    let shipping = r#"{"first_name":"Leslie","last_name":"Knope","line_1":"1 Park Lane","postcode":"46001","country":"US"}"#;
    let (r, order) = sent(
        &m,
        epcc.carts().checkout_with_account_management_token(
            json(contact),
            json(billing),
            Some(json(shipping)),
            Some(s("account-member-token-1")),
            Some(json(r#"{"X-Trace":"acct-1"}"#)),
            None,
        ),
    )
    .await;
    assert_eq!(
        (r.method.as_str(), r.path.as_str()),
        ("POST", path_of(&epcc, "/checkout").as_str())
    );
    let expected = String::from(r#"{"data":{"billing_address":"#)
        + billing
        + r#","shipping_address":"#
        + shipping
        + r#","contact":"#
        + contact
        + "}}";
    assert_eq!(stringify(&r.json_body()), expected);
    assert_eq!(
        r.header("ep-account-management-authentication-token")
            .as_deref(),
        Some("account-member-token-1")
    );
    assert_eq!(r.header("x-trace").as_deref(), Some("acct-1"));
    assert_eq!(r.header("x-moltin-customer-token"), None);
    let order = get(&order, "data");
    assert_eq!(
        (
            get(&order, "type").as_string().as_deref(),
            get(&order, "status").as_string().as_deref(),
        ),
        (Some("order"), Some("incomplete"))
    );
    assert_eq!(stringify(&get(&order, "contact")), contact);
    assert_eq!(
        get(&get(&order, "shipping_address"), "first_name")
            .as_string()
            .as_deref(),
        Some("Leslie")
    );
    assert_eq!(
        get(
            &get(&get(&get(&order, "meta"), "display_price"), "with_tax"),
            "amount"
        )
        .as_f64(),
        Some(17800.0)
    );

    // Without a token no empty header is sent (the official SDK sends one); an implicit token
    // alone may not check out for an account.
    let other = epcc.cart(Some(s(&unique("account-cart"))));
    ok(other.add_product(s(BLOCK_PLANE), None, None, None, None, None, None)).await;
    let e = err(other.checkout_with_account_management_token(
        json(contact),
        json(billing),
        None,
        None,
        None,
        None,
    ))
    .await;
    assert_eq!(
        (kind(&e).as_str(), get(&e, "status").as_f64()),
        ("api", Some(403.0)),
        "{}",
        describe(&e)
    );
    let r = marked(&m).await.pop().unwrap();
    assert_eq!(r.method, "POST");
    assert!(r.path.ends_with("/checkout"), "{}", r.path);
    assert_eq!(r.header("ep-account-management-authentication-token"), None);
    assert_eq!(
        stringify(&get(&get(&r.json_body(), "data"), "shipping_address")),
        billing,
        "shipping defaults to billing"
    );

    // With client_credentials no token is needed.
    let (admin, a) = marked_admin();
    ok(admin
        .carts()
        .add_product(s(BLOCK_PLANE), None, None, None, None, None, None))
    .await;
    let (r, order) = sent(
        &a,
        admin.carts().checkout_with_account_management_token(
            json(contact),
            json(billing),
            None,
            None,
            None,
            None,
        ),
    )
    .await;
    assert_eq!(r.header("ep-account-management-authentication-token"), None);
    assert_eq!(
        r.path,
        String::from("/v2/carts/") + &admin.cart_id().unwrap() + "/checkout"
    );
    assert_eq!(stringify(&get(&get(&order, "data"), "contact")), contact);
}

#[wasm_bindgen_test]
async fn bad_whole_cart_arguments_name_the_argument_and_send_nothing() {
    let (epcc, m) = marked_shopper();
    ok(epcc.authenticate()).await;
    let c = || epcc.carts();
    let contact = || json(r#"{"name":"Ann","email":"ann@example.com"}"#);
    let address = || json(r#"{"first_name":"Ann"}"#);
    let account =
        |contact: JsValue, billing: JsValue, token: Option<JsValue>, headers: Option<JsValue>| {
            epcc.carts().checkout_with_account_management_token(
                contact, billing, None, token, headers, None,
            )
        };
    let cases: Vec<(&str, Promise)> = vec![
        (
            "taxes must be an array, got an object",
            c().bulk_add_item_tax(json(r#"{"rate":0.1}"#), None, None),
        ),
        (
            "taxes must be an array, got undefined",
            c().bulk_add_item_tax(JsValue::UNDEFINED, None, None),
        ),
        (
            "options must be an object, got a string",
            c().bulk_add_item_tax(json("[]"), Some(s("all")), None),
        ),
        (
            "discounts must be an array, got a string",
            c().bulk_add_cart_custom_discount(s("LOYAL"), None, None),
        ),
        (
            "options must be an object, got an array",
            c().bulk_add_cart_custom_discount(json("[]"), Some(json("[]")), None),
        ),
        (
            "custom discount id may contain only",
            c().update_cart_custom_discount(s("a/b"), json("{}"), None),
        ),
        (
            "custom discount id must be a string, got a number",
            c().update_cart_custom_discount(JsValue::from(7), json("{}"), None),
        ),
        (
            "discount must be an object, got a string",
            c().update_cart_custom_discount(s("d-1"), s("-300"), None),
        ),
        (
            "custom discount id must not be empty",
            c().remove_cart_custom_discount(s(""), None),
        ),
        (
            "custom discount id may contain only",
            c().remove_cart_custom_discount(s(".."), None),
        ),
        (
            "account token must not be empty",
            account(contact(), address(), Some(s("")), None),
        ),
        (
            "account token must be a string, got a number",
            account(contact(), address(), Some(JsValue::from(1)), None),
        ),
        (
            "account token is not a valid token",
            account(contact(), address(), Some(s("two words")), None),
        ),
        (
            "billing address must be an object, got undefined",
            account(contact(), JsValue::UNDEFINED, Some(s("t")), None),
        ),
        (
            "contact must be an object, got a number",
            account(JsValue::from(3), address(), Some(s("t")), None),
        ),
        (
            "contact may contain only",
            account(s("a b"), address(), Some(s("t")), None),
        ),
        (
            "additionalHeaders['X-Trace'] must be a string",
            account(
                contact(),
                address(),
                Some(s("t")),
                Some(json(r#"{"X-Trace":1}"#)),
            ),
        ),
    ];
    for (expected, call) in cases {
        let e = err(call).await;
        assert_eq!(kind(&e), "invalid_input", "{expected}: {}", describe(&e));
        let message = get(&e, "message").as_string().unwrap_or_default();
        assert!(
            message.contains(expected),
            "expected {expected:?} in {message:?}"
        );
    }
    assert!(marked(&m).await.is_empty(), "nothing was sent");
}
