//! The seed pages' flows and every cart call, in real browsers against the emulator.
#![cfg(target_arch = "wasm32")]

mod common;

use common::*;
use js_sys::Array;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

#[cfg(not(feature = "node-tests"))]
wasm_bindgen_test_configure!(run_in_browser);

/// Seed page 000, "With customer token", then seed page 004, "Get a customer's carts".
#[wasm_bindgen_test]
async fn customer_token_flow_associates_and_lists() {
    let epcc = shopper();
    let (customer_id, token) = signed_in_customer(&epcc).await;
    open_cart(&epcc).await;
    let cart_id = epcc.cart_id().unwrap();
    assert_eq!(cart_id.len(), 32);

    let first = ok(epcc
        .carts()
        .add_customer_association(s(&customer_id), Some(s(&token)), None))
    .await;
    let data: Array = get(&first, "data").dyn_into().unwrap();
    assert_eq!(data.length(), 1);
    assert_eq!(
        get(&data.get(0), "type").as_string().as_deref(),
        Some("customer")
    );
    assert_eq!(
        get(&data.get(0), "id").as_string(),
        Some(customer_id.clone())
    );

    let again = ok(epcc
        .carts()
        .add_customer_association(s(&customer_id), Some(s(&token)), None))
    .await;
    assert!(
        get(&again, "data").is_undefined(),
        "204 resolves an empty object"
    );
    assert_eq!(stringify(&again), "{}");

    let list = ok(epcc.carts().get_carts_list(Some(s(&token)), None)).await;
    assert_eq!(ids(&list), std::slice::from_ref(&cart_id));
    let cart = get(&list, "data").dyn_into::<Array>().unwrap().get(0);
    let customers = get(&get(&get(&cart, "relationships"), "customers"), "data");
    assert_eq!(
        get(&customers.dyn_into::<Array>().unwrap().get(0), "id").as_string(),
        Some(customer_id)
    );
    let meta = get(&list, "meta");
    assert_eq!(get(&get(&meta, "results"), "total").as_f64(), Some(1.0));
    assert!(get(&get(&list, "links"), "first")
        .as_string()
        .unwrap()
        .contains("/v2/carts?"));
}

/// Seed page 000, "Without customer token", then seed page 004, "Get all carts".
#[wasm_bindgen_test]
async fn client_credentials_flow_associates_any_customer_and_lists_all() {
    let shop = shopper();
    let (customer_id, _) = signed_in_customer(&shop).await;
    let admin = admin();
    let cart_id = admin.cart_id().unwrap();

    clear_journal().await;
    open_cart(&admin).await;
    let created = ok(admin
        .carts()
        .add_customer_association(s(&customer_id), None, None))
    .await;
    assert!(get(&created, "data").is_object());
    let requests = journal().await;
    let association = requests
        .iter()
        .find(|e| e.method == "POST" && e.path.ends_with("/relationships/customers"))
        .unwrap();
    assert_eq!(association.header("x-moltin-customer-token"), None);
    let token_request = requests
        .iter()
        .find(|e| e.path == "/oauth/access_token")
        .unwrap();
    assert!(token_request
        .body
        .as_deref()
        .unwrap()
        .starts_with("grant_type=client_credentials&client_id="));

    let all = ok(admin.carts().limit(s_num(100.0)).unwrap().all(None, None)).await;
    assert!(ids(&all).contains(&cart_id));
    let all_plain = ok(admin.carts().all(None, None)).await;
    assert!(
        get(&get(&get(&all_plain, "meta"), "results"), "total")
            .as_f64()
            .unwrap()
            >= 1.0
    );
}

fn s_num(n: f64) -> JsValue {
    JsValue::from_f64(n)
}

#[wasm_bindgen_test]
async fn association_sends_exactly_the_documented_request() {
    let epcc = shopper();
    let (customer_id, token) = signed_in_customer(&epcc).await;
    open_cart(&epcc).await;
    clear_journal().await;
    ok(epcc
        .carts()
        .add_customer_association(s(&customer_id), Some(s(&token)), None))
    .await;
    let requests = journal().await;
    assert_eq!(requests.len(), 1, "the token from sign-in is reused");
    let r = &requests[0];
    assert_eq!(r.method, "POST");
    let mut path = String::from("/v2/carts/");
    path.push_str(&epcc.cart_id().unwrap());
    path.push_str("/relationships/customers");
    assert_eq!(r.path, path);
    assert_eq!(r.query, "");
    let mut expected = String::from(r#"{"data":[{"type":"customer","id":""#);
    expected.push_str(&customer_id);
    expected.push_str(r#""}]}"#);
    assert_eq!(stringify(&r.json_body()), expected);
    assert_eq!(r.header("x-moltin-customer-token"), Some(token));
    assert!(r.header("authorization").unwrap().starts_with("Bearer "));
    assert_eq!(
        r.header("content-type").as_deref(),
        Some("application/json")
    );
    assert_eq!(
        r.header("x-moltin-sdk-language").as_deref(),
        Some("epcc-carts")
    );
    assert_eq!(
        r.header("x-moltin-application").as_deref(),
        Some("epcc sdk")
    );
    assert_eq!(r.status, 200);
}

#[wasm_bindgen_test]
async fn removing_an_association_hides_the_cart_from_the_customer() {
    let epcc = shopper();
    let (customer_id, token) = customer_with_current_cart(&epcc).await;
    let removed =
        ok(epcc
            .carts()
            .remove_customer_association(s(&customer_id), Some(s(&token)), None))
        .await;
    assert_eq!(stringify(&removed), "{}");
    let list = ok(epcc.carts().get_carts_list(Some(s(&token)), None)).await;
    assert!(ids(&list).is_empty());
    let requests = journal().await;
    let delete = requests
        .iter()
        .rev()
        .find(|e| e.method == "DELETE")
        .unwrap();
    assert!(delete.path.ends_with("/relationships/customers"));
    assert!(stringify(&delete.json_body()).contains(&customer_id));
}

#[wasm_bindgen_test]
async fn carts_list_is_the_customers_own_newest_updated_first() {
    let epcc = shopper();
    let (customer_id, token) = signed_in_customer(&epcc).await;
    open_cart(&epcc).await;
    let (_, other_token) = signed_in_customer(&epcc).await;
    let mut created = Vec::new();
    for name in ["first", "second", "third"] {
        let cart = ok(epcc.carts().create_cart(
            json(&(String::from(r#"{"name":""#) + name + r#""}"#)),
            Some(s(&token)),
            None,
        ))
        .await;
        created.push(get(&get(&cart, "data"), "id").as_string().unwrap());
    }
    ok(epcc
        .carts()
        .create_cart(json(r#"{"name":"not yours"}"#), Some(s(&other_token)), None))
    .await;

    let list = ok(epcc.carts().get_carts_list(Some(s(&token)), None)).await;
    assert_eq!(
        ids(&list),
        [created[2].clone(), created[1].clone(), created[0].clone()]
    );

    // Touching the oldest cart moves it to the top.
    let oldest = epcc.cart(Some(s(&created[0])));
    ok(oldest.update_cart(json(r#"{"name":"first, renamed"}"#), Some(s(&token)), None)).await;
    let list = ok(epcc.carts().get_carts_list(Some(s(&token)), None)).await;
    assert_eq!(
        ids(&list),
        [created[0].clone(), created[2].clone(), created[1].clone()]
    );

    // So does associating the current cart.
    ok(epcc
        .carts()
        .add_customer_association(s(&customer_id), Some(s(&token)), None))
    .await;
    let list = ok(epcc.carts().get_carts_list(Some(s(&token)), None)).await;
    assert_eq!(ids(&list)[0], epcc.cart_id().unwrap());
    assert_eq!(ids(&list).len(), 4);
}

/// Filter values are JS values: numbers and booleans are written as JavaScript prints them,
/// arrays as lists and nested objects as attribute pairs, in the order given.
#[wasm_bindgen_test]
async fn filter_values_are_written_as_javascript_prints_them() {
    let (seen, recorder) = recording_fetch();
    let mut extra = String::from(r#"{"client_secret":""#);
    extra.push_str(CLIENT_SECRET);
    extra.push_str(r#""}"#);
    let cfg = config(&extra);
    set(&cfg, "custom_fetch", recorder.as_ref().clone());
    let epcc = epcc_carts::js::gateway(cfg).unwrap();
    let filter = json(
        r#"{"gt":{"total":2.5},"eq":{"active":true,"count":1e21},"in":{"id":["a",7]},"like":{"meta":{"a":"x","b":-0}}}"#,
    );
    // The emulator filters carts by name only and refuses the rest: the request is what counts.
    let e = err(epcc.carts().filter(filter).unwrap().all(None, None)).await;
    assert_eq!(get(&e, "status").as_f64(), Some(400.0));
    let url = seen.get(seen.length() - 2).as_string().unwrap();
    let query = url.split_once('?').map(|(_, q)| q.to_string());
    assert_eq!(
        query.as_deref(),
        Some("filter=gt(total,2.5):eq(active,true):eq(count,1e%2B21):in(id,a,7):like(meta.a,x,meta.b,0)")
    );
}

#[wasm_bindgen_test]
async fn all_applies_each_builder_and_then_forgets_them() {
    let admin = admin();
    let name = unique("builder");
    for _ in 0..3 {
        let mut data = String::from(r#"{"name":""#);
        data.push_str(&name);
        data.push_str(r#""}"#);
        ok(admin.carts().create_cart(json(&data), None, None)).await;
    }
    clear_journal().await;
    let endpoint = admin.carts();
    let mut filter = String::from(r#"{"eq":{"name":""#);
    filter.push_str(&name);
    filter.push_str(r#""}}"#);
    let page = ok(endpoint
        .limit(s_num(2.0))
        .unwrap()
        .offset(s_num(1.0))
        .unwrap()
        .filter(json(&filter))
        .unwrap()
        .sort(s("-updated_at"))
        .unwrap()
        .with(s("Items"))
        .unwrap()
        .all(None, None))
    .await;
    assert_eq!(ids(&page).len(), 2, "3 matches, offset 1");
    let meta = get(&get(&page, "meta"), "page");
    assert_eq!(get(&meta, "limit").as_f64(), Some(2.0));
    assert_eq!(get(&meta, "offset").as_f64(), Some(1.0));
    assert_eq!(
        get(&get(&get(&page, "meta"), "results"), "total").as_f64(),
        Some(3.0)
    );

    ok(endpoint.all(None, None)).await;
    let requests = journal().await;
    let lists: Vec<_> = requests
        .iter()
        .filter(|e| e.method == "GET" && e.path == "/v2/carts")
        .collect();
    assert_eq!(lists.len(), 2);
    let mut expected =
        String::from("include=items&sort=-updated_at&page[limit]=2&page[offset]=1&filter=eq(name,");
    expected.push_str(&name);
    expected.push(')');
    assert_eq!(lists[0].query, expected);
    assert_eq!(
        lists[1].query, "",
        "builders are cleared by the call that used them"
    );
}

#[wasm_bindgen_test]
async fn get_create_update_delete() {
    let epcc = shopper();
    let cart = epcc.cart(Some(s(&unique("custom"))));
    let fetched = ok(cart.get(None)).await;
    assert_eq!(
        get(&get(&fetched, "data"), "name").as_string().as_deref(),
        Some("Cart")
    );

    let created = ok(epcc.carts().create_cart(
        json(r#"{"name":"Gifts","description":"for later"}"#),
        None,
        None,
    ))
    .await;
    let id = get(&get(&created, "data"), "id").as_string().unwrap();
    let updated =
        ok(epcc
            .cart(Some(s(&id)))
            .update_cart(json(r#"{"name":"Gifts 2"}"#), None, None))
        .await;
    assert_eq!(
        get(&get(&updated, "data"), "name").as_string().as_deref(),
        Some("Gifts 2")
    );
    let deleted = ok(epcc.cart(Some(s(&id))).delete(None)).await;
    assert_eq!(stringify(&deleted), "{}");
}

#[wasm_bindgen_test]
async fn an_associated_cart_cannot_be_deleted() {
    let epcc = shopper();
    customer_with_current_cart(&epcc).await;
    let e = err(epcc.carts().delete(None)).await;
    assert_eq!(kind(&e), "api");
    assert_eq!(get(&e, "status").as_f64(), Some(400.0));
    let first = get(&e, "errors").dyn_into::<Array>().unwrap().get(0);
    assert_eq!(
        get(&first, "title").as_string().as_deref(),
        Some("Last cart")
    );
}

#[wasm_bindgen_test]
async fn account_associations_send_the_account_token_header() {
    let admin = admin();
    clear_journal().await;
    let _ = settle(admin.carts().add_account_association(
        s("acc-1"),
        Some(s("account-token")),
        None,
    ))
    .await;
    let _ = settle(admin.carts().remove_account_association(
        s("acc-1"),
        Some(s("account-token")),
        None,
    ))
    .await;
    let requests = journal().await;
    let calls: Vec<_> = requests
        .iter()
        .filter(|e| e.path.ends_with("/relationships/accounts"))
        .collect();
    assert_eq!(calls.len(), 2);
    assert_eq!(
        (calls[0].method.as_str(), calls[1].method.as_str()),
        ("POST", "DELETE")
    );
    for call in calls {
        assert_eq!(
            call.header("ep-account-management-authentication-token")
                .as_deref(),
            Some("account-token")
        );
        assert_eq!(call.header("x-moltin-customer-token"), None);
        assert!(stringify(&call.json_body()).contains(r#""type":"account""#));
    }
}

#[wasm_bindgen_test]
async fn tokens_and_cart_ids_live_under_the_official_keys() {
    let storage: JsValue = epcc_carts::js::MemoryStorageFactory::new().into();
    let epcc = gateway_on(&storage, "{}");
    ok(epcc.authenticate()).await;
    assert_eq!(stored(&storage, "epcart"), epcc.cart_id());
    let credentials = json(&stored(&storage, "epCredentials").unwrap());
    assert_eq!(
        get(&credentials, "client_id").as_string().as_deref(),
        Some(CLIENT_ID)
    );
    assert!(get(&credentials, "access_token").as_string().is_some());
    assert!(get(&credentials, "expires").as_f64().unwrap() > js_sys::Date::now() / 1000.0);

    // A second gateway on the same storage keeps the cart and the token.
    let again = gateway_on(&storage, "{}");
    assert_eq!(again.cart_id(), epcc.cart_id());
    clear_journal().await;
    ok(again.carts().get(None)).await;
    assert_eq!(count(&journal().await, "POST", "/oauth/access_token"), 0);

    // A named gateway keeps its own.
    let named = gateway_on(&storage, r#"{"name":"b2b"}"#);
    ok(named.authenticate()).await;
    assert!(stored(&storage, "b2b_ep_credentials").is_some());
    assert_eq!(stored(&storage, "b2b_ep_cart"), named.cart_id());
    assert_ne!(named.cart_id(), epcc.cart_id());
}

/// A shopper signing in on a second device picks up a cart from `GetCartsList` and makes it
/// the current one; the choice survives a reload (a new gateway on the same storage).
#[wasm_bindgen_test]
async fn switching_the_current_cart_is_validated_and_persisted() {
    let storage: JsValue = epcc_carts::js::MemoryStorageFactory::new().into();
    let device_a = shopper();
    let (_, token) = customer_with_current_cart(&device_a).await;
    let cart_a = device_a.cart_id().unwrap();

    let device_b = gateway_on(&storage, "{}");
    let own = device_b.cart_id().unwrap();
    assert_ne!(own, cart_a);
    let list = ok(device_b.carts().get_carts_list(Some(s(&token)), None)).await;
    assert_eq!(
        ids(&list)[0],
        cart_a,
        "device A's cart is at the top on device B"
    );

    device_b.set_cart_id(s(&cart_a)).unwrap();
    assert_eq!(device_b.cart_id(), Some(cart_a.clone()));
    assert_eq!(device_b.carts().cart_id(), Some(cart_a.clone()));
    assert_eq!(stored(&storage, "epcart"), Some(cart_a.clone()));

    ok(device_b.carts().update_cart(
        json(r#"{"name":"changed on device B"}"#),
        Some(s(&token)),
        None,
    ))
    .await;
    let seen_on_a = ok(device_a.carts().get(None)).await;
    assert_eq!(
        get(&get(&seen_on_a, "data"), "name").as_string().as_deref(),
        Some("changed on device B")
    );

    // A reload: a new gateway on the same storage keeps the switched cart.
    let reloaded = gateway_on(&storage, "{}");
    assert_eq!(reloaded.cart_id(), Some(cart_a.clone()));

    // Invalid ids are rejected like every other id, and change nothing.
    for bad in [
        s(""),
        s("a/b"),
        s("../x"),
        s("caf\u{e9}"),
        JsValue::from(7),
        JsValue::NULL,
    ] {
        let e = device_b.set_cart_id(bad).expect_err("rejected");
        assert_eq!(kind(&e), "invalid_input");
    }
    assert_eq!(device_b.cart_id(), Some(cart_a));
}

/// Two gateways on one storage behave like two tabs on one localStorage: a switch or a new
/// token made by one is used by the other without asking the API again.
#[wasm_bindgen_test]
async fn gateways_sharing_storage_see_each_others_cart_and_token() {
    let storage: JsValue = epcc_carts::js::MemoryStorageFactory::new().into();
    let (one, two) = (gateway_on(&storage, "{}"), gateway_on(&storage, "{}"));
    assert_eq!(one.cart_id(), two.cart_id());
    one.set_cart_id(s("switched-in-tab-one")).unwrap();
    assert_eq!(two.cart_id().as_deref(), Some("switched-in-tab-one"));
    assert_eq!(
        two.carts().cart_id().as_deref(),
        Some("switched-in-tab-one")
    );

    ok(one.authenticate()).await;
    clear_journal().await;
    ok(two.carts().get(None)).await;
    let requests = journal().await;
    assert_eq!(
        count(&requests, "POST", "/oauth/access_token"),
        0,
        "tab two uses tab one's token"
    );
    assert_eq!(requests[0].path, "/v2/carts/switched-in-tab-one");
}
