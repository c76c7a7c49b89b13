//! Bad arguments reject with `kind: 'invalid_input'`, send nothing, and never trap the module.
#![cfg(target_arch = "wasm32")]

mod common;

use common::*;
use epcc_carts::js::gateway;
use epcc_carts::js::Promise;
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::*;

#[cfg(not(feature = "node-tests"))]
wasm_bindgen_test_configure!(run_in_browser);

/// Values that are not a usable id, with what they are.
fn bad_ids() -> Vec<(&'static str, JsValue)> {
    vec![
        ("undefined", JsValue::UNDEFINED),
        ("null", JsValue::NULL),
        ("empty", s("")),
        ("number", JsValue::from(42)),
        ("object", json(r#"{"id":"x"}"#)),
        ("array", json(r#"["x"]"#)),
        ("slash", s("a/b")),
        ("dot-dot", s("..")),
        ("question mark", s("a?b")),
        ("hash", s("a#b")),
        ("percent", s("a%2Fb")),
        ("space", s("a b")),
        ("unicode", s("caf\u{e9}")),
        ("very long", s(&"x".repeat(10_000))),
    ]
}

async fn expect_invalid(what: &str, promise: Promise) {
    match settle(promise).await {
        Ok(value) => panic!("{what}: resolved {}", stringify(&value)),
        Err(e) => {
            assert_eq!(kind(&e), "invalid_input", "{what}: {}", describe(&e));
            assert!(!get(&e, "message").as_string().unwrap().is_empty());
        }
    }
}

#[wasm_bindgen_test]
async fn bad_ids_and_tokens_reject_and_send_nothing() {
    let epcc = shopper();
    ok(epcc.authenticate()).await;
    clear_journal().await;
    for (what, id) in bad_ids() {
        expect_invalid(
            what,
            epcc.carts()
                .add_customer_association(id.clone(), None, None),
        )
        .await;
        expect_invalid(
            what,
            epcc.carts()
                .remove_customer_association(id.clone(), None, None),
        )
        .await;
        expect_invalid(
            what,
            epcc.carts().add_account_association(id.clone(), None, None),
        )
        .await;
        if !id.is_undefined() && !id.is_null() {
            // A missing cart id means "the current cart"; anything else must be a valid id.
            expect_invalid(what, epcc.cart(Some(id.clone())).get(None)).await;
            expect_invalid(what, epcc.cart(Some(id.clone())).delete(None)).await;
            expect_invalid(
                what,
                epcc.cart(Some(id.clone()))
                    .update_cart(json(r#"{"name":"x"}"#), None, None),
            )
            .await;
            expect_invalid(
                what,
                epcc.cart(Some(id.clone()))
                    .add_customer_association(s("c1"), None, None),
            )
            .await;
        }
    }
    for (what, token) in [
        ("empty token", s("")),
        ("number token", JsValue::from(1)),
        ("object token", json("{}")),
        ("token with a space", s("a b")),
        ("token with a newline", s("a\nb")),
        ("unicode token", s("t\u{263a}")),
    ] {
        expect_invalid(
            what,
            epcc.carts()
                .add_customer_association(s("c1"), Some(token.clone()), None),
        )
        .await;
        expect_invalid(what, epcc.carts().get_carts_list(Some(token.clone()), None)).await;
        expect_invalid(what, epcc.carts().all(Some(token.clone()), None)).await;
        expect_invalid(
            what,
            epcc.carts()
                .create_cart(json(r#"{"name":"x"}"#), Some(token), None),
        )
        .await;
    }
    for (what, data) in [
        ("undefined", JsValue::UNDEFINED),
        ("null", JsValue::NULL),
        ("string", s("x")),
        ("array", json("[]")),
    ] {
        expect_invalid(what, epcc.carts().create_cart(data.clone(), None, None)).await;
        expect_invalid(what, epcc.carts().update_cart(data, None, None)).await;
    }
    for (what, options) in [
        ("string options", s("fast")),
        ("signal not a signal", json(r#"{"signal":"x"}"#)),
        ("negative timeout", json(r#"{"timeout":-1}"#)),
        ("fractional timeout", json(r#"{"timeout":1.5}"#)),
        ("string timeout", json(r#"{"timeout":"100"}"#)),
    ] {
        expect_invalid(what, epcc.carts().get(Some(options.clone()))).await;
        expect_invalid(what, epcc.carts().get_carts_list(None, Some(options))).await;
    }
    for (what, email, password) in [
        ("no email", JsValue::UNDEFINED, s("p")),
        ("empty email", s(""), s("p")),
        ("number password", s("a@b.c"), JsValue::from(5)),
        ("empty password", s("a@b.c"), s("")),
    ] {
        expect_invalid(what, epcc.customers().token(email, password, None)).await;
    }
    expect_invalid(
        "header with a newline",
        epcc.customers().token_via_password(
            s("a@b.c"),
            s("p"),
            Some(json(r#"{"X-A":"1\r\nX-B: 2"}"#)),
            None,
        ),
    )
    .await;
    assert!(journal().await.is_empty(), "nothing was sent");

    // After all that, the client still works.
    ok(epcc.carts().get(None)).await;
}

#[wasm_bindgen_test]
fn bad_builder_values_throw_at_once() {
    let epcc = shopper();
    let cart = epcc.carts();
    for value in [
        JsValue::from(0),
        JsValue::from(101),
        JsValue::from_f64(2.5),
        s("5"),
        JsValue::NULL,
        JsValue::from_f64(f64::NAN),
    ] {
        let e = cart.limit(value).err().expect("Limit rejects");
        assert_eq!(kind(&e), "invalid_input");
    }
    for value in [JsValue::from(-1), JsValue::from(10_001), s("0")] {
        assert_eq!(kind(&cart.offset(value).err().unwrap()), "invalid_input");
    }
    for value in [JsValue::NULL, s(""), JsValue::from(1)] {
        assert_eq!(
            kind(&cart.sort(value.clone()).err().unwrap()),
            "invalid_input"
        );
        assert_eq!(kind(&cart.with(value).err().unwrap()), "invalid_input");
    }
    for value in [
        JsValue::NULL,
        s("eq(name,x)"),
        json(r#"{"eq":"x"}"#),
        json(r#"{"eq":{}}"#),
        json(r#"{"e q":{"name":"x"}}"#),
        json(r#"{"eq":{"name":null}}"#),
        json(r#"{"eq":{"name":[{}]}}"#),
    ] {
        assert_eq!(kind(&cart.filter(value).err().unwrap()), "invalid_input");
    }
}

#[wasm_bindgen_test]
fn bad_configs_throw_clear_errors() {
    let cases: Vec<(&str, JsValue, &str)> = vec![
        ("undefined", JsValue::UNDEFINED, "config"),
        ("null", JsValue::NULL, "config"),
        ("string", s("client"), "config"),
        ("no client_id", json("{}"), "client_id"),
        ("empty client_id", json(r#"{"client_id":""}"#), "client_id"),
        ("number client_id", json(r#"{"client_id":5}"#), "client_id"),
        (
            "host with scheme",
            json(r#"{"client_id":"c","host":"https://x.com"}"#),
            "host",
        ),
        (
            "host with path",
            json(r#"{"client_id":"c","host":"x.com/v2"}"#),
            "host",
        ),
        (
            "bad protocol",
            json(r#"{"client_id":"c","protocol":"ftp"}"#),
            "protocol",
        ),
        (
            "empty secret",
            json(r#"{"client_id":"c","client_secret":""}"#),
            "client_secret",
        ),
        (
            "headers not an object",
            json(r#"{"client_id":"c","headers":"x"}"#),
            "headers",
        ),
        (
            "header value not a string",
            json(r#"{"client_id":"c","headers":{"X":1}}"#),
            "headers",
        ),
        (
            "header with newline",
            json(r#"{"client_id":"c","headers":{"X":"a\nb"}}"#),
            "header",
        ),
        (
            "storage without methods",
            json(r#"{"client_id":"c","storage":{}}"#),
            "storage",
        ),
        (
            "custom_fetch not a function",
            json(r#"{"client_id":"c","custom_fetch":"fetch"}"#),
            "custom_fetch",
        ),
        (
            "negative retryDelay",
            json(r#"{"client_id":"c","retryDelay":-1}"#),
            "retryDelay",
        ),
        (
            "string retryJitter",
            json(r#"{"client_id":"c","retryJitter":"5"}"#),
            "retryJitter",
        ),
        (
            "zero fetchMaxAttempts",
            json(r#"{"client_id":"c","fetchMaxAttempts":0}"#),
            "fetchMaxAttempts",
        ),
        (
            "string disableCart",
            json(r#"{"client_id":"c","disableCart":"yes"}"#),
            "disableCart",
        ),
        (
            "zero timeout",
            json(r#"{"client_id":"c","timeout":0}"#),
            "timeout",
        ),
        (
            "empty currency",
            json(r#"{"client_id":"c","currency":""}"#),
            "currency",
        ),
    ];
    for (what, config, mentions) in cases {
        let e = refused_config(what, config);
        let message = get(&e, "message").as_string().unwrap();
        assert!(
            message.contains(mentions),
            "{what}: '{message}' should mention {mentions}"
        );
    }
}

#[wasm_bindgen_test]
async fn disable_cart_leaves_no_current_cart() {
    let epcc = gateway(config(r#"{"disableCart":true}"#)).unwrap();
    assert_eq!(epcc.cart_id(), None);
    let e = err(epcc.carts().get(None)).await;
    assert_eq!(kind(&e), "invalid_input");
    assert!(get(&e, "message")
        .as_string()
        .unwrap()
        .contains("disableCart"));
    ok(epcc.cart(Some(s("explicit-cart"))).get(None)).await;
}

/// The values every argument and config key is tried with.
fn table() -> Vec<(&'static str, JsValue)> {
    let function = js_sys::Function::new_no_args("return 1");
    vec![
        ("undefined", JsValue::UNDEFINED),
        ("null", JsValue::NULL),
        ("empty", s("")),
        ("blank", s("   ")),
        ("number", JsValue::from(42)),
        ("NaN", JsValue::from_f64(f64::NAN)),
        ("boolean", JsValue::TRUE),
        ("object", json(r#"{"id":"x"}"#)),
        ("array", json(r#"["x"]"#)),
        ("function", function.into()),
        ("slash", s("a/b")),
        ("dot-dot", s("..")),
        ("question mark", s("a?b")),
        ("hash", s("a#b")),
        ("percent", s("a%2Fb")),
        ("space", s("a b")),
        ("newline", s("a\r\nX-Injected: 1")),
        ("unicode", s("caf\u{e9}")),
        ("emoji", s("\u{1F6D2}")),
        ("very long", s(&"x".repeat(100_000))),
    ]
}

/// The table without the values a slot legitimately accepts.
fn table_except(accepted: &[&str]) -> Vec<(&'static str, JsValue)> {
    table()
        .into_iter()
        .filter(|(name, _)| !accepted.contains(name))
        .collect()
}

/// Characters a header carries without harm, and which a token or a text value may contain.
const HEADER_SAFE: [&str; 6] = [
    "slash",
    "dot-dot",
    "question mark",
    "hash",
    "percent",
    "unicode",
];

fn report(what: &str, cases: usize) {
    let mut line = String::from("inputs.rs: ");
    line.push_str(&cases.to_string());
    line.push(' ');
    line.push_str(what);
    web_sys::console::log_1(&line.into());
}

/// Every public call, every argument, the whole table: `invalid_input`, nothing sent, and the
/// client still works afterwards.
#[wasm_bindgen_test]
async fn every_argument_against_the_bad_value_table() {
    let epcc = shopper();
    ok(epcc.authenticate()).await;
    clear_journal().await;
    let mut cases = 0;
    let mut tried = |what: String, promise: Promise| {
        cases += 1;
        async move { expect_invalid(&what, promise).await }
    };
    let name = |call: &str, arg: &str, value: &str| {
        let mut out = String::from(call);
        out.push('(');
        out.push_str(arg);
        out.push_str(" = ");
        out.push_str(value);
        out.push(')');
        out
    };
    let data = || json(r#"{"name":"x"}"#);

    // Ids go into the path: only letters, digits, '_' and '-'.
    for (what, id) in table() {
        let v = || id.clone();
        tried(
            name("AddCustomerAssociation", "customerId", what),
            epcc.carts().add_customer_association(v(), None, None),
        )
        .await;
        tried(
            name("RemoveCustomerAssociation", "customerId", what),
            epcc.carts().remove_customer_association(v(), None, None),
        )
        .await;
        tried(
            name("AddAccountAssociation", "accountId", what),
            epcc.carts().add_account_association(v(), None, None),
        )
        .await;
        tried(
            name("RemoveAccountAssociation", "accountId", what),
            epcc.carts().remove_account_association(v(), None, None),
        )
        .await;
        if id.is_undefined() || id.is_null() {
            continue; // Cart() without an id is the current cart.
        }
        let cart = || epcc.cart(Some(v()));
        tried(name("Cart(id).Get", "id", what), cart().get(None)).await;
        tried(name("Cart(id).Delete", "id", what), cart().delete(None)).await;
        tried(
            name("Cart(id).UpdateCart", "id", what),
            cart().update_cart(data(), None, None),
        )
        .await;
        tried(
            name("Cart(id).AddCustomerAssociation", "id", what),
            cart().add_customer_association(s("c1"), None, None),
        )
        .await;
        tried(
            name("Cart(id).RemoveCustomerAssociation", "id", what),
            cart().remove_customer_association(s("c1"), None, None),
        )
        .await;
        tried(
            name("Cart(id).AddAccountAssociation", "id", what),
            cart().add_account_association(s("a1"), None, None),
        )
        .await;
        tried(
            name("Cart(id).RemoveAccountAssociation", "id", what),
            cart().remove_account_association(s("a1"), None, None),
        )
        .await;
    }

    // Tokens go into a header: visible ASCII only; left out (undefined, null) means none.
    let mut token_accepts = vec!["undefined", "null"];
    token_accepts.extend(["slash", "dot-dot", "question mark", "hash", "percent"]);
    for (what, token) in table_except(&token_accepts) {
        let t = || Some(token.clone());
        let carts = epcc.carts();
        tried(
            name("AddCustomerAssociation", "token", what),
            carts.add_customer_association(s("c1"), t(), None),
        )
        .await;
        tried(
            name("RemoveCustomerAssociation", "token", what),
            carts.remove_customer_association(s("c1"), t(), None),
        )
        .await;
        tried(
            name("AddAccountAssociation", "token", what),
            carts.add_account_association(s("a1"), t(), None),
        )
        .await;
        tried(
            name("RemoveAccountAssociation", "token", what),
            carts.remove_account_association(s("a1"), t(), None),
        )
        .await;
        tried(
            name("GetCartsList", "token", what),
            carts.get_carts_list(t(), None),
        )
        .await;
        tried(name("All", "token", what), carts.all(t(), None)).await;
        tried(
            name("CreateCart", "token", what),
            carts.create_cart(data(), t(), None),
        )
        .await;
        tried(
            name("UpdateCart", "token", what),
            carts.update_cart(data(), t(), None),
        )
        .await;
    }

    // Cart data must be an object.
    for (what, value) in table_except(&["object"]) {
        tried(
            name("CreateCart", "data", what),
            epcc.carts().create_cart(value.clone(), None, None),
        )
        .await;
        tried(
            name("UpdateCart", "data", what),
            epcc.carts().update_cart(value, None, None),
        )
        .await;
    }

    // Email and password travel in a JSON body, so any non-empty text is fine.
    let mut text_accepts = HEADER_SAFE.to_vec();
    text_accepts.extend(["blank", "space", "newline", "emoji", "very long"]);
    for (what, value) in table_except(&text_accepts) {
        tried(
            name("Customers.Token", "email", what),
            epcc.customers().token(value.clone(), s("pw"), None),
        )
        .await;
        tried(
            name("Customers.Token", "password", what),
            epcc.customers().token(s("a@b.c"), value.clone(), None),
        )
        .await;
        tried(
            name("Customers.TokenViaPassword", "email", what),
            epcc.customers()
                .token_via_password(value.clone(), s("pw"), None, None),
        )
        .await;
        tried(
            name("Customers.TokenViaPassword", "password", what),
            epcc.customers()
                .token_via_password(s("a@b.c"), value, None, None),
        )
        .await;
    }
    // Extra headers: an object of header-safe names and values.
    for (what, headers) in [
        ("string", s("X-A: 1")),
        ("number", JsValue::from(1)),
        ("array", json(r#"[["X-A","1"]]"#)),
        ("value a number", json(r#"{"X-A":1}"#)),
        ("value an object", json(r#"{"X-A":{}}"#)),
        ("name with a space", json(r#"{"X A":"1"}"#)),
        ("empty name", json(r#"{"":"1"}"#)),
        ("name with unicode", json(r#"{"X-\u00e9":"1"}"#)),
        ("value with a newline", json(r#"{"X-A":"1\r\nX-B: 2"}"#)),
        ("value with an emoji", json(r#"{"X-A":"\ud83d\uded2"}"#)),
    ] {
        tried(
            name("Customers.TokenViaPassword", "headers", what),
            epcc.customers()
                .token_via_password(s("a@b.c"), s("pw"), Some(headers), None),
        )
        .await;
    }

    // The options of every call: an object with an AbortSignal and a positive whole timeout.
    let mut options = table_except(&["undefined", "null", "object"]);
    options.extend([
        ("signal a string", json(r#"{"signal":"x"}"#)),
        ("signal an object", json(r#"{"signal":{"aborted":false}}"#)),
        ("timeout 0", json(r#"{"timeout":0}"#)),
        ("timeout negative", json(r#"{"timeout":-1}"#)),
        ("timeout fractional", json(r#"{"timeout":1.5}"#)),
        ("timeout a string", json(r#"{"timeout":"100"}"#)),
        ("timeout huge", json(r#"{"timeout":1e20}"#)),
        ("timeout null-ish object", json(r#"{"timeout":{}}"#)),
    ]);
    for (what, o) in options {
        let o = || Some(o.clone());
        let carts = epcc.carts();
        tried(name("Get", "options", what), carts.get(o())).await;
        tried(name("Delete", "options", what), carts.delete(o())).await;
        tried(
            name("GetCartsList", "options", what),
            carts.get_carts_list(None, o()),
        )
        .await;
        tried(name("All", "options", what), carts.all(None, o())).await;
        tried(
            name("CreateCart", "options", what),
            carts.create_cart(data(), None, o()),
        )
        .await;
        tried(
            name("UpdateCart", "options", what),
            carts.update_cart(data(), None, o()),
        )
        .await;
        tried(
            name("AddCustomerAssociation", "options", what),
            carts.add_customer_association(s("c1"), None, o()),
        )
        .await;
        tried(
            name("RemoveCustomerAssociation", "options", what),
            carts.remove_customer_association(s("c1"), None, o()),
        )
        .await;
        tried(
            name("AddAccountAssociation", "options", what),
            carts.add_account_association(s("a1"), None, o()),
        )
        .await;
        tried(
            name("RemoveAccountAssociation", "options", what),
            carts.remove_account_association(s("a1"), None, o()),
        )
        .await;
        tried(
            name("Customers.Token", "options", what),
            epcc.customers().token(s("a@b.c"), s("pw"), o()),
        )
        .await;
        tried(
            name("Customers.TokenViaPassword", "options", what),
            epcc.customers()
                .token_via_password(s("a@b.c"), s("pw"), None, o()),
        )
        .await;
    }

    // Builders throw at once.
    let mut sync_cases = 0;
    let mut throws = |what: String, result: Result<&epcc_carts::js::CartEndpoint, JsValue>| {
        sync_cases += 1;
        match result {
            Ok(_) => panic!("{what}: accepted"),
            Err(e) => assert_eq!(kind(&e), "invalid_input", "{what}"),
        }
    };
    for (what, value) in table() {
        if what != "number" {
            throws(name("Limit", "n", what), epcc.carts().limit(value.clone()));
            throws(
                name("Offset", "n", what),
                epcc.carts().offset(value.clone()),
            );
        }
        if value.as_string().is_none_or(|v| v.is_empty()) {
            throws(name("Sort", "s", what), epcc.carts().sort(value.clone()));
            if what != "array" {
                // A list of strings is what With takes.
                throws(name("With", "i", what), epcc.carts().with(value.clone()));
            }
        }
        if !value.is_object() || value.is_array() || value.is_function() {
            throws(name("Filter", "f", what), epcc.carts().filter(value));
        }
    }
    for value in [-1.0, 1.5, 1e20, f64::INFINITY] {
        let v = JsValue::from_f64(value);
        throws(
            name("Limit", "n", &value.to_string()),
            epcc.carts().limit(v.clone()),
        );
        throws(
            name("Offset", "n", &value.to_string()),
            epcc.carts().offset(v),
        );
    }

    assert!(journal().await.is_empty(), "nothing was sent");
    ok(epcc.carts().get(None)).await;
    report("bad arguments tried (calls)", cases);
    report("bad arguments tried (builders)", sync_cases);
}

/// The error `gateway(config)` throws, which must be an invalid-input error; `what` names the case.
fn refused_config(what: &str, config: JsValue) -> JsValue {
    let e = gateway(config)
        .err()
        .unwrap_or_else(|| panic!("{what}: accepted"));
    assert_eq!(kind(&e), "invalid_input", "{what}");
    e
}

/// Every config key, the whole table: `gateway()` throws `invalid_input` naming the key.
/// The whole cart's calls, every argument, the whole table: `invalid_input`, nothing sent, no
/// trap, and the client still works afterwards.
#[wasm_bindgen_test]
async fn whole_cart_arguments_against_the_bad_value_table() {
    // Tests of this file run at once and share the journal: this gateway marks its requests.
    let marker = unique("whole-cart-inputs");
    let mut extra = String::from(r#"{"headers":{"X-Test-Run":""#);
    extra.push_str(&marker);
    extra.push_str(r#""}}"#);
    let epcc = gateway(config(&extra)).unwrap();
    ok(epcc.authenticate()).await;
    let c = || epcc.carts();
    let o = || epcc.orders();
    let obj = || json(r#"{"name":"x","rate":0.1}"#);
    let one = || JsValue::from(1);
    let mut cases = 0;
    let mut refused = Vec::new();
    let mut check = |what: String, promise: Promise| {
        cases += 1;
        refused.push((what, promise));
    };
    let name = |call: &str, what: &str| {
        let mut out = String::from(call);
        out.push_str(" = ");
        out.push_str(what);
        out
    };
    // Ids: item, tax, discount, order, product and merged cart ids.
    for (what, v) in table() {
        let v = || v.clone();
        check(name("RemoveItem(itemId)", what), c().remove_item(v(), None));
        check(
            name("UpdateItemQuantity(itemId)", what),
            c().update_item_quantity(v(), one(), None),
        );
        check(
            name("UpdateItem(itemId)", what),
            c().update_item(v(), one(), None, None, None),
        );
        check(
            name("AddItemTax(itemId)", what),
            c().add_item_tax(v(), obj(), None),
        );
        check(
            name("UpdateItemTax(itemId)", what),
            c().update_item_tax(v(), s("t1"), obj(), None),
        );
        check(
            name("UpdateItemTax(taxId)", what),
            c().update_item_tax(s("i1"), v(), obj(), None),
        );
        check(
            name("RemoveItemTax(itemId)", what),
            c().remove_item_tax(v(), s("t1"), None),
        );
        check(
            name("RemoveItemTax(taxId)", what),
            c().remove_item_tax(s("i1"), v(), None),
        );
        check(
            name("UpdateCartCustomDiscount(id)", what),
            c().update_cart_custom_discount(v(), obj(), None),
        );
        check(
            name("RemoveCartCustomDiscount(id)", what),
            c().remove_cart_custom_discount(v(), None),
        );
        check(
            name("AddItemCustomDiscount(itemId)", what),
            c().add_item_custom_discount(v(), obj(), None),
        );
        check(
            name("UpdateItemCustomDiscount(itemId)", what),
            c().update_item_custom_discount(v(), s("d1"), obj(), None),
        );
        check(
            name("UpdateItemCustomDiscount(id)", what),
            c().update_item_custom_discount(s("i1"), v(), obj(), None),
        );
        check(
            name("RemoveItemCustomDiscount(itemId)", what),
            c().remove_item_custom_discount(v(), s("d1"), None),
        );
        check(
            name("RemoveItemCustomDiscount(id)", what),
            c().remove_item_custom_discount(s("i1"), v(), None),
        );
        check(
            name("Merge(cartId)", what),
            c().merge(v(), None, None, None),
        );
        check(name("Orders.Get(id)", what), o().get(v(), None, None));
        check(name("Orders.Items(id)", what), o().items(v(), None, None));
        check(
            name("AddProduct(productId)", what),
            c().add_product(v(), None, None, None, None, None, None),
        );
        if what != "object" {
            // Objects: custom items, taxes, discounts, addresses, customers.
            check(
                name("AddCustomItem(item)", what),
                c().add_custom_item(v(), None),
            );
            check(
                name("AddItemTax(tax)", what),
                c().add_item_tax(s("i1"), v(), None),
            );
            check(
                name("AddCartCustomDiscount(discount)", what),
                c().add_cart_custom_discount(v(), None),
            );
            check(
                name("AddItemCustomDiscount(discount)", what),
                c().add_item_custom_discount(s("i1"), v(), None),
            );
            check(
                name("Checkout(billing)", what),
                c().checkout(s("cu-1"), v(), None, None, None),
            );
            check(
                name("Checkout(customer)", what),
                c().checkout(v(), obj(), None, None, None),
            );
            check(
                name("CheckoutWithAccountManagementToken(contact)", what),
                c().checkout_with_account_management_token(v(), obj(), None, None, None, None),
            );
            check(
                name("UpdateItems(items)", what),
                c().update_items(v(), None),
            );
        }
        if what != "array" {
            check(name("BulkAdd(items)", what), c().bulk_add(v(), None, None));
            check(
                name("BulkAddItemTax(taxes)", what),
                c().bulk_add_item_tax(v(), None, None),
            );
        }
        if what != "number" {
            check(
                name("UpdateItemQuantity(quantity)", what),
                c().update_item_quantity(s("i1"), v(), None),
            );
            if !v().is_undefined() && !v().is_null() {
                check(
                    name("AddProduct(quantity)", what),
                    c().add_product(s("p1"), Some(v()), None, None, None, None, None),
                );
            }
        }
        if v().as_string().is_none_or(|code| code.trim().is_empty()) {
            check(
                name("AddPromotion(code)", what),
                c().add_promotion(v(), None, None),
            );
        }
        if !v().is_undefined() && !v().is_null() {
            if what != "boolean" {
                check(
                    name("AddProduct(isSku)", what),
                    c().add_product(s("p1"), None, None, Some(v()), None, None, None),
                );
            }
            if what != "object" {
                check(
                    name("AddProduct(data)", what),
                    c().add_product(s("p1"), None, Some(v()), None, None, None, None),
                );
                check(
                    name("BulkAdd(options)", what),
                    c().bulk_add(json("[]"), Some(v()), None),
                );
                check(
                    name("Merge(options)", what),
                    c().merge(s("g1"), None, Some(v()), None),
                );
            }
        }
    }
    // Tokens go into a header.
    let mut token_accepts = vec!["undefined", "null"];
    token_accepts.extend(HEADER_SAFE.iter().filter(|v| **v != "unicode"));
    for (what, token) in table_except(&token_accepts) {
        let t = || Some(token.clone());
        check(
            name("AddProduct(token)", what),
            c().add_product(s("p1"), None, None, None, t(), None, None),
        );
        check(
            name("AddPromotion(token)", what),
            c().add_promotion(s("SAVE10"), t(), None),
        );
        check(
            name("Merge(token)", what),
            c().merge(s("g1"), t(), None, None),
        );
        check(name("Orders.Get(token)", what), o().get(s("o1"), t(), None));
        check(
            name("Orders.Items(token)", what),
            o().items(s("o1"), t(), None),
        );
        check(
            name("CheckoutWithAccountManagementToken(token)", what),
            c().checkout_with_account_management_token(s("cu-1"), obj(), None, t(), None, None),
        );
    }
    for (what, promise) in refused {
        expect_invalid(&what, promise).await;
    }
    let mut sent = journal().await;
    sent.retain(|e| e.header("x-test-run").as_deref() == Some(marker.as_str()));
    assert!(sent.is_empty(), "nothing was sent");
    report("bad whole-cart arguments refused", cases);

    // After all that, the client still works.
    ok(epcc.carts().items(None)).await;
}

#[wasm_bindgen_test]
fn every_config_key_against_the_bad_value_table() {
    let mut cases = 0;
    let numbers = ["number"];
    let absent = ["undefined", "null"];
    let mut text = HEADER_SAFE.to_vec();
    text.extend(["space", "blank"]);
    let keys: Vec<(&str, Vec<&str>)> = vec![
        // Form-encoded in the token request: any non-blank text.
        (
            "client_id",
            [&text[..], &["very long", "emoji", "newline"]].concat(),
        ),
        (
            "client_secret",
            [&absent[..], &text[..], &["very long", "emoji", "newline"]].concat(),
        ),
        ("protocol", absent.to_vec()),
        // Header values: text without line breaks or characters beyond Latin-1 (the refusals are
        // `header_config_values_that_no_header_can_carry_are_refused`).
        (
            "currency",
            [&absent[..], &text[..], &["very long"]].concat(),
        ),
        (
            "language",
            [&absent[..], &text[..], &["very long"]].concat(),
        ),
        (
            "application",
            [&absent[..], &text[..], &["very long"]].concat(),
        ),
        // A storage key prefix: any text.
        (
            "name",
            [&absent[..], &text[..], &["very long", "emoji", "newline"]].concat(),
        ),
        ("headers", [&absent[..], &["object"]].concat()),
        ("storage", absent.to_vec()),
        ("custom_fetch", [&absent[..], &["function"]].concat()),
        ("retryDelay", [&absent[..], &numbers[..]].concat()),
        ("retryJitter", [&absent[..], &numbers[..]].concat()),
        ("fetchMaxAttempts", [&absent[..], &numbers[..]].concat()),
        ("disableCart", [&absent[..], &["boolean"]].concat()),
        ("timeout", [&absent[..], &numbers[..]].concat()),
    ];
    for (key, accepted) in keys {
        for (what, value) in table_except(&accepted) {
            let config = json(r#"{"client_id":"c","host":"127.0.0.1:9"}"#);
            set(&config, key, value);
            let e = refused_config(&format!("config.{key} = {what}"), config);
            let message = get(&e, "message").as_string().unwrap();
            assert!(message.contains(key), "config.{key} = {what}: '{message}'");
            cases += 1;
        }
    }
    // The host: a name and an optional port, nothing that could change the URL.
    for (what, value) in table_except(&["undefined", "null", "dot-dot", "very long"]) {
        let config = json(r#"{"client_id":"c"}"#);
        set(&config, "host", value);
        refused_config(&format!("host = {what}"), config);
        cases += 1;
    }
    report("bad config values tried", cases);
}

/// `currency`, `language` and `application` are sent as headers: values no header can carry are
/// refused by `gateway()`, as they are in `headers`, instead of failing every later call in fetch.
#[wasm_bindgen_test]
async fn header_config_values_that_no_header_can_carry_are_refused() {
    for key in ["currency", "language", "application"] {
        for (what, value) in [
            ("newline", s("EUR\r\nX-Injected: 1")),
            ("emoji", s("\u{1F6D2}")),
        ] {
            let config = json(r#"{"client_id":"c"}"#);
            set(&config, key, value);
            refused_config(&format!("config.{key} = {what}"), config);
        }
    }
}
