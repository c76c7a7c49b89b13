//! Bad arguments reject with `kind: 'invalid_input'`, send nothing, and never trap the module.
#![cfg(target_arch = "wasm32")]

mod common;

use common::*;
use epcc_carts::js::gateway;
use js_sys::Promise;
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
        let e = gateway(config)
            .err()
            .unwrap_or_else(|| panic!("{what}: accepted"));
        assert_eq!(kind(&e), "invalid_input", "{what}");
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
