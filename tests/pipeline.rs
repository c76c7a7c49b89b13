//! Authentication, retries, cancellation and error objects, in real browsers against the emulator.
#![cfg(target_arch = "wasm32")]

mod common;

use common::*;
use js_sys::{Array, Promise};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;

#[cfg(not(feature = "node-tests"))]
wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
async fn twenty_concurrent_first_calls_share_one_token_request() {
    let admin = admin();
    clear_journal().await;
    let calls = Array::new();
    for _ in 0..20 {
        calls.push(&admin.carts().get_carts_list(None, None));
    }
    let results = JsFuture::from(Promise::all(&calls))
        .await
        .expect("all 20 succeed");
    assert_eq!(results.dyn_into::<Array>().unwrap().length(), 20);
    let requests = journal().await;
    assert_eq!(count(&requests, "POST", "/oauth/access_token"), 1);
    assert_eq!(count(&requests, "GET", "/v2/carts"), 20);
}

/// Two storages that behave like one localStorage seen from two browser tabs in different
/// processes: a write shows at once in the tab that made it, and `lag_ms` later in the other.
fn tab_storages(lag_ms: u32) -> (JsValue, JsValue) {
    let make = js_sys::Function::new_with_args(
        "lag",
        "const views = [new Map(), new Map()];
         const tab = (mine, other) => ({
           get: key => mine.get(key),
           set: (key, value) => { mine.set(key, value); setTimeout(() => other.set(key, value), lag); },
           delete: key => { mine.delete(key); setTimeout(() => other.delete(key), lag); },
         });
         return [tab(views[0], views[1]), tab(views[1], views[0])];",
    );
    let pair: Array = make
        .call1(&JsValue::UNDEFINED, &JsValue::from(lag_ms))
        .unwrap()
        .unchecked_into();
    (pair.get(0), pair.get(1))
}

/// Tabs opened together take turns for the token (Web Locks): the second uses the token the first
/// stored, even when that write reaches its storage after the lock does. Browsers only: Node has
/// no tabs and no Web Locks.
#[wasm_bindgen_test]
async fn tabs_opened_together_make_one_token_request_even_when_storage_lags() {
    if in_node() {
        return;
    }
    let (first, second) = tab_storages(80);
    let (one, two) = (gateway_on(&first, "{}"), gateway_on(&second, "{}"));
    clear_journal().await;
    let calls = Array::of2(&one.carts().get(None), &two.carts().get(None));
    JsFuture::from(Promise::all(&calls))
        .await
        .expect("both tabs open their cart");
    let requests = journal().await;
    assert_eq!(count(&requests, "POST", "/oauth/access_token"), 1);
    let bearer: Vec<_> = requests
        .iter()
        .filter(|e| e.method == "GET")
        .map(|e| e.header("authorization"))
        .collect();
    assert_eq!(bearer.len(), 2);
    assert_eq!(bearer[0], bearer[1], "both tabs use the one token");
}

/// The token lock is for a storage other tabs read: a gateway on the memory storage takes none
/// (a page's first lock request waits milliseconds for the lock manager), one on localStorage
/// takes it. Browsers only: Node has no Web Locks.
#[wasm_bindgen_test]
async fn only_a_storage_other_tabs_read_takes_the_token_lock() {
    if in_node() {
        return;
    }
    let spy = js_sys::Function::new_no_args(
        "const locks = navigator.locks;
         const request = locks.request.bind(locks);
         const names = [];
         locks.request = (name, ...rest) => { names.push(name); return request(name, ...rest); };
         return { names, restore: () => { delete locks.request; } };",
    )
    .call0(&JsValue::UNDEFINED)
    .unwrap();
    let names: Array = get(&spy, "names").unchecked_into();
    let memory = gateway_on(&epcc_carts::js::MemoryStorageFactory::new().into(), "{}");
    ok(memory.authenticate()).await;
    assert_eq!(names.length(), 0, "no lock for the memory storage");
    let local_storage: JsValue = epcc_carts::js::LocalStorageFactory::new().into();
    let local = gateway_on(&local_storage, r#"{"name":"lock-test"}"#);
    ok(local.authenticate()).await;
    assert_eq!(names.length(), 1, "the lock for localStorage");
    let restore: js_sys::Function = get(&spy, "restore").unchecked_into();
    restore.call0(&JsValue::UNDEFINED).unwrap();
    for key in ["lock-test_ep_credentials", "lock-test_ep_cart"] {
        let delete: js_sys::Function = get(&local_storage, "delete").unchecked_into();
        delete.call1(&local_storage, &key.into()).unwrap();
    }
}

#[wasm_bindgen_test]
async fn an_expired_token_is_replaced_once_and_the_call_succeeds() {
    let epcc = shopper();
    ok(epcc.authenticate()).await;
    raw("POST", "/__emulator/tokens/expire", &[], None).await;
    clear_journal().await;
    ok(epcc.carts().get(None)).await;
    let requests = journal().await;
    let methods: Vec<_> = requests
        .iter()
        .map(|e| (e.method.as_str(), e.status))
        .collect();
    assert_eq!(methods, [("GET", 401), ("POST", 200), ("GET", 200)]);
    assert_ne!(
        requests[0].header("authorization"),
        requests[2].header("authorization")
    );
}

#[wasm_bindgen_test]
async fn a_refused_token_is_not_retried_forever() {
    let epcc = shopper();
    ok(epcc.authenticate()).await;
    clear_faults().await;
    fault(r#"{"method":"GET","path":"/v2/carts/*","status":401,"times":5}"#).await;
    clear_journal().await;
    let e = err(epcc.carts().get(None)).await;
    clear_faults().await;
    assert_eq!(kind(&e), "api");
    assert_eq!(get(&e, "status").as_f64(), Some(401.0));
    let requests = journal().await;
    assert_eq!(
        count(&requests, "POST", "/oauth/access_token"),
        1,
        "one re-authentication"
    );
    assert_eq!(requests.iter().filter(|e| e.method == "GET").count(), 2);
}

#[wasm_bindgen_test]
async fn rate_limits_wait_for_retry_after() {
    let epcc = shopper();
    ok(epcc.authenticate()).await;
    clear_faults().await;
    fault(r#"{"method":"GET","path":"/v2/carts/*","status":429,"retry_after":1,"times":1}"#).await;
    clear_journal().await;
    let started = now_ms();
    ok(epcc.carts().get(None)).await;
    let waited = now_ms() - started;
    assert!(waited >= 950.0, "waited {waited} ms for Retry-After: 1");
    let requests = journal().await;
    let statuses: Vec<_> = requests.iter().map(|e| e.status).collect();
    assert_eq!(statuses, [429, 200]);
}

/// A `custom_fetch` that answers the first cart request with a 429 whose `Retry-After` is an HTTP
/// date `offset_ms` from now (as `toUTCString` writes it), and passes the others to `fetch`.
fn rate_limited_once_until(offset_ms: f64, calls: &Array) -> JsValue {
    js_sys::Function::new_with_args(
        "offset, calls",
        "let limited = false;
         return function (url, init) {
            calls.push(url);
            if (limited || !String(url).includes('/v2/carts/')) return fetch(url, init);
            limited = true;
            const at = new Date(Date.now() + offset).toUTCString();
            return Promise.resolve(new Response('{\"errors\":[]}', { status: 429, headers: { 'Retry-After': at } }));
        }",
    )
    .call2(&JsValue::UNDEFINED, &JsValue::from(offset_ms), calls)
    .unwrap()
}

/// `Retry-After` as an HTTP date: the wait is until that time (a date in the past: at once),
/// not the back-off, which is made too long here to pass for either.
#[wasm_bindgen_test]
async fn rate_limits_wait_until_a_retry_after_date() {
    for (offset_ms, least, most) in [(2000.0, 900.0, 2500.0), (-60_000.0, 0.0, 900.0)] {
        let calls = Array::new();
        let cfg = config(r#"{"retryDelay":3000,"retryJitter":0}"#);
        set(
            &cfg,
            "custom_fetch",
            rate_limited_once_until(offset_ms, &calls),
        );
        let epcc = epcc_carts::js::gateway(cfg).unwrap();
        ok(epcc.authenticate()).await;
        let started = now_ms();
        ok(epcc.carts().get(None)).await;
        let waited = now_ms() - started;
        assert!(
            (least..most).contains(&waited),
            "Retry-After {offset_ms} ms away: waited {waited} ms"
        );
        assert_eq!(calls.length(), 3, "token, the 429, then the retry");
    }
}

#[wasm_bindgen_test]
async fn rate_limits_without_retry_after_back_off_and_give_up_after_max_attempts() {
    let epcc = gateway_with(r#"{"retryDelay":30,"fetchMaxAttempts":3}"#);
    ok(epcc.authenticate()).await;
    clear_faults().await;
    fault(r#"{"method":"GET","path":"/v2/carts/*","status":429,"times":2}"#).await;
    clear_journal().await;
    let started = now_ms();
    ok(epcc.carts().get(None)).await;
    assert!(now_ms() - started >= 90.0, "30 ms then 60 ms of back-off");
    assert_eq!(journal().await.len(), 3);

    fault(r#"{"method":"GET","path":"/v2/carts/*","status":429,"times":3}"#).await;
    clear_journal().await;
    let e = err(epcc.carts().get(None)).await;
    clear_faults().await;
    assert_eq!(get(&e, "status").as_f64(), Some(429.0));
    assert_eq!(
        journal().await.len(),
        3,
        "fetchMaxAttempts bounds the attempts"
    );
}

fn gateway_with(extra: &str) -> epcc_carts::js::Gateway {
    epcc_carts::js::gateway(config(extra)).unwrap()
}

#[wasm_bindgen_test]
async fn server_errors_are_retried_for_get_but_never_for_post() {
    let epcc = shopper();
    let (customer_id, token) = signed_in_customer(&epcc).await;
    open_cart(&epcc).await;
    clear_faults().await;
    fault(r#"{"method":"GET","path":"/v2/carts","status":503,"times":1}"#).await;
    clear_journal().await;
    ok(epcc.carts().get_carts_list(Some(s(&token)), None)).await;
    assert_eq!(
        journal().await.iter().map(|e| e.status).collect::<Vec<_>>(),
        [503, 200]
    );

    fault(r#"{"method":"POST","path":"/v2/carts/*","status":503,"times":1}"#).await;
    clear_journal().await;
    let e = err(epcc
        .carts()
        .add_customer_association(s(&customer_id), Some(s(&token)), None))
    .await;
    clear_faults().await;
    assert_eq!(get(&e, "status").as_f64(), Some(503.0));
    assert_eq!(
        journal().await.len(),
        1,
        "a POST the server may have acted on is not repeated"
    );
}

#[wasm_bindgen_test]
async fn a_timeout_ends_the_call_promptly() {
    let epcc = shopper();
    ok(epcc.authenticate()).await;
    clear_faults().await;
    fault(r#"{"method":"GET","path":"/v2/carts/*","delay_ms":3000,"times":1}"#).await;
    let options = json(r#"{"timeout":200}"#);
    let started = now_ms();
    let e = err(epcc.carts().get(Some(options))).await;
    let took = now_ms() - started;
    clear_faults().await;
    assert_eq!(kind(&e), "timeout");
    assert!(took < 2000.0, "took {took} ms");

    // The gateway-wide timeout works the same way, and the client is fine afterwards.
    let quick = gateway_with(r#"{"timeout":200}"#);
    fault(r#"{"method":"GET","path":"/v2/carts/*","delay_ms":3000,"times":1}"#).await;
    assert_eq!(kind(&err(quick.carts().get(None)).await), "timeout");
    clear_faults().await;
    ok(quick.carts().get(None)).await;
}

#[wasm_bindgen_test]
async fn aborting_ends_the_call_and_a_pre_aborted_signal_sends_nothing() {
    let epcc = shopper();
    ok(epcc.authenticate()).await;
    clear_faults().await;
    fault(r#"{"method":"GET","path":"/v2/carts/*","delay_ms":3000,"times":1}"#).await;
    let controller = web_sys::AbortController::new().unwrap();
    let options = js_sys::Object::new();
    set(&options, "signal", controller.signal());
    let call = epcc.carts().get(Some(options.clone().into()));
    let started = now_ms();
    wait_ms(100).await;
    controller.abort();
    let e = err(call).await;
    clear_faults().await;
    assert_eq!(kind(&e), "aborted");
    assert!(now_ms() - started < 2000.0);

    clear_journal().await;
    let e = err(epcc.carts().get(Some(options.into()))).await;
    assert_eq!(kind(&e), "aborted");
    assert!(journal().await.is_empty());
}

#[wasm_bindgen_test]
async fn api_errors_carry_status_and_the_api_errors_array() {
    let epcc = shopper();
    let (_, token) = signed_in_customer(&epcc).await;
    // A customer token may only associate its own customer.
    let e = err(epcc
        .carts()
        .add_customer_association(s("someone-else"), Some(s(&token)), None))
    .await;
    assert_eq!(kind(&e), "api");
    assert_eq!(get(&e, "status").as_f64(), Some(403.0));
    let errors: Array = get(&e, "errors").dyn_into().unwrap();
    let first = errors.get(0);
    assert_eq!(get(&first, "status").as_f64(), Some(403.0));
    let title = get(&first, "title").as_string().unwrap();
    assert!(get(&e, "message").as_string().unwrap().contains(&title));
    assert!(e.is_instance_of::<js_sys::Error>());
    assert!(get(&e, "stack").as_string().is_some());

    // An implicit token may not list every cart.
    let e = err(epcc.carts().get_carts_list(None, None)).await;
    assert_eq!(get(&e, "status").as_f64(), Some(403.0));
}

#[wasm_bindgen_test]
async fn a_body_that_is_not_json_is_a_decode_error() {
    let epcc = shopper();
    ok(epcc.authenticate()).await;
    clear_faults().await;
    fault(r#"{"method":"GET","path":"/v2/carts/*","status":200,"body":"{\"data\":{\"id\"","times":1}"#).await;
    let e = err(epcc.carts().get(None)).await;
    clear_faults().await;
    assert_eq!(kind(&e), "decode");
    assert_eq!(get(&e, "status").as_f64(), Some(200.0));
    ok(epcc.carts().get(None)).await;
}

/// A `custom_fetch` whose first cart request resolves with `answer` (JS source); the token
/// request and later calls go to `fetch`.
fn answering_a_cart_request_with(answer: &str) -> JsValue {
    let mut body = String::from(
        "let answered = false;
         return function (url, init) {
            if (answered || !String(url).includes('/v2/carts/')) return fetch(url, init);
            answered = true;
            return Promise.resolve(",
    );
    body.push_str(answer);
    body.push_str(");\n}");
    js_sys::Function::new_no_args(&body)
        .call0(&JsValue::UNDEFINED)
        .unwrap()
}

/// A 2xx answer with no body, or one of only whitespace, resolves as `{}`; any other body that
/// is not JSON is a decode error with the status.
#[wasm_bindgen_test]
async fn an_empty_or_blank_success_body_resolves_an_empty_object() {
    for (body, parsed) in [("''", true), ("' \\n\\t '", true), ("' x '", false)] {
        let mut answer = String::from("{ status: 200, text: () => ");
        answer.push_str(body);
        answer.push_str(" }");
        let cfg = config("{}");
        set(&cfg, "custom_fetch", answering_a_cart_request_with(&answer));
        let epcc = epcc_carts::js::gateway(cfg).unwrap();
        let result = settle(epcc.carts().get(None)).await;
        if parsed {
            let value = result.expect(body);
            assert_eq!(stringify(&value), "{}", "{body}");
        } else {
            let e = result.expect_err(body);
            assert_eq!(kind(&e), "decode", "{body}");
            assert_eq!(get(&e, "status").as_f64(), Some(200.0));
        }
    }
}

#[wasm_bindgen_test]
async fn a_response_whose_status_cannot_be_read_is_a_network_error() {
    for (answer, reason) in [
        ("{ text: () => '{}' }", "the response has no HTTP status"),
        (
            "{ status: '200', text: () => '{}' }",
            "the response has no HTTP status",
        ),
        (
            "{ get status() { throw new Error('status unreadable'); }, text: () => '{}' }",
            "status unreadable",
        ),
        (
            "{ status: 200, text() { throw new Error('body unreadable'); } }",
            "body unreadable",
        ),
    ] {
        let cfg = config(r#"{"fetchMaxAttempts":1}"#);
        set(&cfg, "custom_fetch", answering_a_cart_request_with(answer));
        let epcc = epcc_carts::js::gateway(cfg).unwrap();
        let e = err(epcc.carts().get(None)).await;
        assert_eq!(kind(&e), "network", "{answer}");
        let message = get(&e, "message").as_string().unwrap();
        assert!(message.contains(reason), "{answer}: {message}");
        // The gateway goes on: its next call is answered by the API.
        ok(epcc.carts().get(None)).await;
    }
}

#[wasm_bindgen_test]
async fn an_unreachable_api_is_a_network_error_after_bounded_retries() {
    let cfg = config(r#"{"host":"127.0.0.1:9","fetchMaxAttempts":2,"retryDelay":1}"#);
    let epcc = epcc_carts::js::gateway(cfg).unwrap();
    let e = err(epcc.carts().get(None)).await;
    assert_eq!(kind(&e), "network");
    assert!(get(&e, "status").is_undefined());
    assert_eq!(get(&e, "errors").dyn_into::<Array>().unwrap().length(), 0);
    assert!(
        !get(&e, "cause").is_undefined(),
        "the fetch failure is kept as cause"
    );
}

/// The calls of one gateway send the same headers, but each gets an object of its own: a custom
/// fetch that changes the headers it was handed changes that request only.
#[wasm_bindgen_test]
async fn a_custom_fetch_that_changes_its_headers_changes_no_later_call() {
    let seen = Array::new();
    let fetch = js_sys::Function::new_with_args(
        "seen, url, init",
        // fetch reads the headers when it is called; they are changed after that.
        "seen.push(JSON.stringify(init.headers)); \
         const answer = fetch(url, init); \
         init.headers['X-Trace'] = String(seen.length); \
         init.headers['X-MOLTIN-CURRENCY'] = 'USD'; \
         delete init.headers.Authorization; \
         return answer;",
    )
    .bind1(&JsValue::NULL, &seen);
    let cfg = config(r#"{"currency":"EUR"}"#);
    set(&cfg, "custom_fetch", fetch);
    let epcc = epcc_carts::js::gateway(cfg).unwrap();
    ok(epcc.carts().get(None)).await;
    ok(epcc.carts().get(None)).await;
    assert_eq!(seen.length(), 3, "token request, then two calls");
    let (first, second) = (seen.get(1).as_string(), seen.get(2).as_string());
    assert_eq!(first, second);
    let first = json(&first.unwrap());
    assert_eq!(
        get(&first, "X-MOLTIN-CURRENCY").as_string().as_deref(),
        Some("EUR")
    );
    assert!(get(&first, "X-Trace").is_undefined());
    assert!(get(&first, "Authorization")
        .as_string()
        .unwrap()
        .starts_with("Bearer "));
}

#[wasm_bindgen_test]
async fn custom_fetch_receives_the_official_arguments() {
    let (seen, recorder) = recording_fetch();
    let cfg = config(
        r#"{"currency":"EUR","language":"fr","application":"my shop","headers":{"X-Shop":"blue"}}"#,
    );
    set(&cfg, "custom_fetch", recorder.as_ref().clone());
    let epcc = epcc_carts::js::gateway(cfg).unwrap();
    ok(epcc.carts().get(None)).await;
    assert_eq!(seen.length(), 4, "token request, then the call");
    let mut url = String::from(EMULATOR_URL);
    url.push_str("/v2/carts/");
    url.push_str(&epcc.cart_id().unwrap());
    assert_eq!(seen.get(2).as_string(), Some(url));
    let init = seen.get(3);
    assert_eq!(get(&init, "method").as_string().as_deref(), Some("GET"));
    let headers = get(&init, "headers");
    let names: Vec<String> = js_sys::Object::keys(&headers.clone().into())
        .iter()
        .map(|k| k.as_string().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "X-MOLTIN-SDK-LANGUAGE",
            "X-MOLTIN-SDK-VERSION",
            "Content-Type",
            "Authorization",
            "X-MOLTIN-APPLICATION",
            "X-MOLTIN-CURRENCY",
            "X-MOLTIN-LANGUAGE",
            "X-Shop"
        ]
    );
    assert_eq!(
        get(&headers, "X-MOLTIN-CURRENCY").as_string().as_deref(),
        Some("EUR")
    );
    assert_eq!(
        get(&headers, "X-MOLTIN-APPLICATION").as_string().as_deref(),
        Some("my shop")
    );
    assert!(get(&init, "body").is_undefined());
}
