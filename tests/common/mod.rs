//! Helpers for the wasm-bindgen tests: the emulator's address, raw admin calls, its request
//! journal, and a gateway with test-friendly retry timings.
#![allow(dead_code)]

use epcc_carts::js::{gateway, Gateway, MemoryStorageFactory};
use js_sys::{Array, Function, Object, Promise, Reflect, JSON};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// Set by scripts/test.sh when it starts the emulator on a free port.
pub const EMULATOR_URL: &str = match option_env!("EPCC_EMULATOR_URL") {
    Some(url) => url,
    None => "http://127.0.0.1:4010",
};
pub const CLIENT_ID: &str = match option_env!("EPCC_CLIENT_ID") {
    Some(id) => id,
    None => "test-client-id",
};
pub const CLIENT_SECRET: &str = match option_env!("EPCC_CLIENT_SECRET") {
    Some(secret) => secret,
    None => "test-client-secret",
};

pub fn host() -> &'static str {
    EMULATOR_URL.trim_start_matches("http://")
}

pub fn get(target: &JsValue, key: &str) -> JsValue {
    Reflect::get(target, &JsValue::from_str(key)).unwrap()
}

pub fn set(target: &JsValue, key: &str, value: impl Into<JsValue>) {
    Reflect::set(target, &JsValue::from_str(key), &value.into()).unwrap();
}

pub fn json(text: &str) -> JsValue {
    JSON::parse(text).unwrap()
}

pub fn stringify(value: &JsValue) -> String {
    JSON::stringify(value).unwrap().as_string().unwrap()
}

/// A config for the emulator: memory storage, fast retries. `extra` is merged in.
pub fn config(extra: &str) -> JsValue {
    let config = json(extra);
    let defaults = [
        ("client_id", JsValue::from_str(CLIENT_ID)),
        ("host", JsValue::from_str(host())),
        ("protocol", JsValue::from_str("http")),
        ("retryDelay", JsValue::from(20)),
        ("retryJitter", JsValue::from(0)),
    ];
    for (key, value) in defaults {
        if get(&config, key).is_undefined() {
            set(&config, key, value);
        }
    }
    if get(&config, "storage").is_undefined() {
        set(&config, "storage", MemoryStorageFactory::new());
    }
    config
}

/// A gateway on `storage` (a `{ get, set, delete }` object), like a page of a shop that shares it.
pub fn gateway_on(storage: &JsValue, extra: &str) -> Gateway {
    let cfg = config(extra);
    set(&cfg, "storage", storage.clone());
    gateway(cfg).unwrap()
}

/// What `storage` holds under `key`, read through its own `get`.
pub fn stored(storage: &JsValue, key: &str) -> Option<String> {
    let get_fn: Function = get(storage, "get").dyn_into().unwrap();
    get_fn.call1(storage, &s(key)).unwrap().as_string()
}

pub fn shopper() -> Gateway {
    gateway(config("{}")).unwrap()
}

pub fn admin() -> Gateway {
    let mut extra = String::from(r#"{"client_secret":""#);
    extra.push_str(CLIENT_SECRET);
    extra.push_str(r#""}"#);
    gateway(config(&extra)).unwrap()
}

/// Awaits an SDK promise.
pub async fn settle(promise: impl Into<JsValue>) -> Result<JsValue, JsValue> {
    JsFuture::from(Promise::unchecked_from_js(promise.into())).await
}

pub async fn ok(promise: impl Into<JsValue>) -> JsValue {
    match settle(promise).await {
        Ok(value) => value,
        Err(err) => panic!("expected success, got {}", describe(&err)),
    }
}

pub async fn err(promise: impl Into<JsValue>) -> JsValue {
    match settle(promise).await {
        Ok(value) => panic!("expected an error, got {}", stringify(&value)),
        Err(err) => err,
    }
}

pub fn describe(err: &JsValue) -> String {
    let message = get(err, "message").as_string().unwrap_or_default();
    let kind = get(err, "kind").as_string().unwrap_or_default();
    let mut out = kind;
    out.push_str(": ");
    out.push_str(&message);
    out
}

/// `err.kind`, after checking that `err` is an `EpccError`.
pub fn kind(err: &JsValue) -> String {
    assert!(
        err.is_instance_of::<js_sys::Error>(),
        "not an Error: {err:?}"
    );
    assert_eq!(get(err, "name").as_string().as_deref(), Some("EpccError"));
    assert!(epcc_carts::js::is_epcc_error(err));
    get(err, "kind").as_string().unwrap()
}

/// A raw `fetch` to the emulator, outside the SDK.
pub async fn raw(
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: Option<&str>,
) -> (u16, JsValue) {
    let fetch: Function = get(&js_sys::global(), "fetch").dyn_into().unwrap();
    let init = Object::new();
    set(&init, "method", method);
    let h = Object::new();
    for (name, value) in headers {
        set(&h, name, *value);
    }
    set(&init, "headers", h);
    if let Some(body) = body {
        set(&init, "body", body);
    }
    let mut url = String::from(EMULATOR_URL);
    url.push_str(path);
    let response = JsFuture::from(
        fetch
            .call2(&JsValue::UNDEFINED, &url.into(), &init)
            .unwrap()
            .dyn_into::<Promise>()
            .unwrap(),
    )
    .await
    .unwrap();
    let status = get(&response, "status").as_f64().unwrap() as u16;
    let text: Function = get(&response, "text").dyn_into().unwrap();
    let text = JsFuture::from(
        text.call0(&response)
            .unwrap()
            .dyn_into::<Promise>()
            .unwrap(),
    )
    .await
    .unwrap()
    .as_string()
    .unwrap();
    let body = if text.is_empty() {
        JsValue::NULL
    } else {
        json(&text)
    };
    (status, body)
}

pub async fn clear_journal() {
    raw("DELETE", "/__emulator/requests", &[], None).await;
}

pub async fn clear_faults() {
    raw("DELETE", "/__emulator/faults", &[], None).await;
}

pub async fn fault(spec: &str) {
    let (status, _) = raw(
        "POST",
        "/__emulator/faults",
        &[("Content-Type", "application/json")],
        Some(spec),
    )
    .await;
    assert_eq!(status, 201, "fault {spec} not accepted");
}

/// One journaled request.
pub struct Entry {
    pub method: String,
    pub path: String,
    pub query: String,
    pub headers: JsValue,
    pub body: Option<String>,
    pub status: u16,
}

impl Entry {
    pub fn header(&self, name: &str) -> Option<String> {
        get(&self.headers, name).as_string()
    }

    pub fn json_body(&self) -> JsValue {
        json(self.body.as_deref().expect("a body"))
    }
}

/// Every request the emulator received since the last clear, CORS preflights included.
async fn all_requests() -> Vec<Entry> {
    let (_, body) = raw("GET", "/__emulator/requests", &[], None).await;
    let requests: Array = get(&body, "requests").dyn_into().unwrap();
    requests
        .iter()
        .map(|r| Entry {
            method: get(&r, "method").as_string().unwrap(),
            path: get(&r, "path").as_string().unwrap(),
            query: get(&r, "query").as_string().unwrap_or_default(),
            headers: get(&r, "headers"),
            body: get(&r, "body").as_string(),
            status: get(&r, "status").as_f64().unwrap_or(0.0) as u16,
        })
        .collect()
}

/// The requests the emulator received since the last clear, preflights left out.
pub async fn journal() -> Vec<Entry> {
    let mut entries = all_requests().await;
    entries.retain(|e| e.method != "OPTIONS");
    entries
}

pub fn count(entries: &[Entry], method: &str, path: &str) -> usize {
    entries
        .iter()
        .filter(|e| e.method == method && e.path == path)
        .count()
}

/// A unique suffix for names and emails, so tests never share data.
pub fn unique(prefix: &str) -> String {
    let mut out = String::from(prefix);
    out.push('-');
    out.push_str(&(js_sys::Math::random() * 1e12).floor().to_string());
    out
}

/// Creates a customer through the API with a client_credentials token; returns its id.
pub async fn create_customer(email: &str, password: &str) -> String {
    let mut form = String::from("grant_type=client_credentials&client_id=");
    form.push_str(CLIENT_ID);
    form.push_str("&client_secret=");
    form.push_str(CLIENT_SECRET);
    let (status, token) = raw(
        "POST",
        "/oauth/access_token",
        &[("Content-Type", "application/x-www-form-urlencoded")],
        Some(&form),
    )
    .await;
    assert_eq!(status, 200);
    let mut bearer = String::from("Bearer ");
    bearer.push_str(&get(&token, "access_token").as_string().unwrap());
    let body = Object::new();
    let data = Object::new();
    set(&data, "type", "customer");
    set(&data, "name", email);
    set(&data, "email", email);
    set(&data, "password", password);
    set(&body, "data", data);
    let (status, customer) = raw(
        "POST",
        "/v2/customers",
        &[
            ("Content-Type", "application/json"),
            ("Authorization", &bearer),
        ],
        Some(&stringify(&body)),
    )
    .await;
    assert_eq!(status, 201, "customer create: {}", stringify(&customer));
    get(&get(&customer, "data"), "id").as_string().unwrap()
}

/// A new customer signed in through the SDK: (customer id, customer token).
pub async fn signed_in_customer(shop: &Gateway) -> (String, String) {
    let email = unique("shopper") + "@example.com";
    let id = create_customer(&email, "s3cret-pass").await;
    let token = ok(shop
        .customers()
        .token(email.into(), "s3cret-pass".into(), None))
    .await;
    let data = get(&token, "data");
    assert_eq!(
        get(&data, "customer_id").as_string().as_deref(),
        Some(id.as_str())
    );
    (id, get(&data, "token").as_string().unwrap())
}

pub fn ids(list: &JsValue) -> Vec<String> {
    let data: Array = get(list, "data").dyn_into().unwrap();
    data.iter()
        .map(|c| get(&c, "id").as_string().unwrap())
        .collect()
}

pub fn s(value: &str) -> JsValue {
    JsValue::from_str(value)
}

/// What a storefront does first: `GET` its current cart, which the API creates on first use.
pub async fn open_cart(epcc: &Gateway) {
    ok(epcc.carts().get(None)).await;
}

/// Resolves after `ms` milliseconds.
pub async fn wait_ms(ms: u32) {
    let promise = Promise::new(&mut |resolve, _| {
        let set_timeout: Function = get(&js_sys::global(), "setTimeout").dyn_into().unwrap();
        set_timeout
            .call2(&JsValue::UNDEFINED, &resolve, &JsValue::from(ms))
            .unwrap();
    });
    JsFuture::from(promise).await.unwrap();
}

pub fn now_ms() -> f64 {
    js_sys::Date::now()
}

/// Whether the tests run in Node rather than a browser page.
pub fn in_node() -> bool {
    let process = get(&js_sys::global(), "process");
    !process.is_undefined() && get(&js_sys::global(), "document").is_undefined()
}

thread_local! {
    static REJECTIONS: Array = install_rejection_listener();
}

/// Records every unhandled promise rejection of this page (`unhandledrejection` event) or Node
/// process (`process.on('unhandledRejection')`) from the first call on.
fn install_rejection_listener() -> Array {
    let seen = Array::new();
    let sink = seen.clone();
    let listener = Closure::<dyn FnMut(JsValue)>::new(move |event: JsValue| {
        // Browsers pass an event holding the reason; Node passes the reason itself.
        let is_event = event.is_object() && !get(&event, "promise").is_undefined();
        sink.push(&if is_event {
            get(&event, "reason")
        } else {
            event
        });
    });
    let global = js_sys::global();
    if in_node() {
        let process = get(&global, "process");
        let on: Function = get(&process, "on").dyn_into().unwrap();
        on.call2(&process, &s("unhandledRejection"), listener.as_ref())
            .unwrap();
    } else {
        let add: Function = get(&global, "addEventListener").dyn_into().unwrap();
        add.call2(&global, &s("unhandledrejection"), listener.as_ref())
            .unwrap();
    }
    // The listener lives as long as the page.
    listener.forget();
    seen
}

/// Unhandled promise rejections seen so far (installs the listener on first use).
pub fn unhandled_rejections() -> u32 {
    REJECTIONS.with(Array::length)
}

/// Every `console.log/info/warn/error/debug` line while it is alive, as text; the console is
/// restored when it is dropped.
pub struct ConsoleCapture {
    lines: Array,
    originals: Vec<(&'static str, JsValue)>,
}

const CONSOLE_METHODS: [&str; 5] = ["log", "info", "warn", "error", "debug"];

impl ConsoleCapture {
    pub fn start() -> Self {
        let console = get(&js_sys::global(), "console");
        let lines = Array::new();
        let wrap = Function::new_with_args(
            "original, sink, method",
            "return function (...args) {
                const text = args.map(a => {
                    if (typeof a === 'string') return a;
                    if (a instanceof Error) return String(a.stack || a) + ' ' + String(a.cause || '');
                    try { return JSON.stringify(a); } catch (e) { return String(a); }
                }).join(' ');
                sink.push(method + ': ' + text);
                return original.apply(this, args);
            }",
        );
        let mut originals = Vec::new();
        for method in CONSOLE_METHODS {
            let original = get(&console, method);
            let wrapper = wrap
                .call3(&JsValue::UNDEFINED, &original, &lines, &s(method))
                .unwrap();
            set(&console, method, wrapper);
            originals.push((method, original));
        }
        ConsoleCapture { lines, originals }
    }

    pub fn lines(&self) -> Vec<String> {
        self.lines.iter().filter_map(|l| l.as_string()).collect()
    }
}

impl Drop for ConsoleCapture {
    fn drop(&mut self) {
        let console = get(&js_sys::global(), "console");
        for (method, original) in &self.originals {
            set(&console, method, original.clone());
        }
    }
}

/// Every journaled request since the last clear, preflights included: (method, path, query).
pub async fn journal_targets() -> Vec<(String, String, String)> {
    let entries = all_requests().await;
    entries
        .into_iter()
        .map(|e| (e.method, e.path, e.query))
        .collect()
}

/// A new signed-in customer whose current cart is open and associated with them:
/// (customer id, customer token).
pub async fn customer_with_current_cart(epcc: &Gateway) -> (String, String) {
    let (customer_id, token) = signed_in_customer(epcc).await;
    open_cart(epcc).await;
    ok(epcc
        .carts()
        .add_customer_association(s(&customer_id), Some(s(&token)), None))
    .await;
    (customer_id, token)
}

/// A `custom_fetch` that passes every call on to the global `fetch` and keeps its arguments:
/// `url, init` pairs in the array, in call order. Keep the closure alive while it is in use.
pub fn recording_fetch() -> (Array, Closure<dyn FnMut(JsValue, JsValue) -> JsValue>) {
    let seen = Array::new();
    let seen_in = seen.clone();
    let global_fetch: Function = get(&js_sys::global(), "fetch").dyn_into().unwrap();
    let recorder = Closure::<dyn FnMut(JsValue, JsValue) -> JsValue>::new(
        move |url: JsValue, init: JsValue| {
            seen_in.push(&url);
            seen_in.push(&init);
            global_fetch
                .call2(&JsValue::UNDEFINED, &url, &init)
                .unwrap()
        },
    );
    (seen, recorder)
}
