//! Bad input never crashes the emulator or earns a 5xx: request bodies and query strings from a
//! seeded generator (mutated valid bodies, invalid UTF-8, deep nesting, huge numbers, wrong
//! types, bodies over the size limit) on every route that reads them. A body that is certainly
//! invalid gets a 4xx in the API's error format; a random mutation may happen to stay valid,
//! but never gets a 5xx.
//!
//! The generator is seeded, so a failure repeats; the case count is fixed so the test runs in
//! seconds.

use crate::harness::{send, Emulator, Reply, RON};
use reqwest::Method;

/// SplitMix64: a tiny seedable generator, enough to drive the cases.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick(&mut self, items: &[&'static str]) -> &'static str {
        items[self.below(items.len())]
    }
}

/// Block plane, in every store's catalog.
const PLANE: &str = "e1a6f0c2-5b3d-4c8e-9a71-2f4d6b8c0a01";

/// The routes that read a body, each with a valid body to mutate.
fn body_routes() -> Vec<(Method, &'static str, String)> {
    let (email, password) = RON;
    vec![
        (
            Method::POST,
            "/oauth/access_token",
            "grant_type=implicit&client_id=test-client".into(),
        ),
        (
            Method::POST,
            "/v2/customers",
            r#"{"data":{"type":"customer","name":"N","email":"n@example.com","password":"p"}}"#.into(),
        ),
        (
            Method::POST,
            "/v2/customers/tokens",
            format!(
                r#"{{"data":{{"type":"token","email":"{email}","password":"{password}","authentication_mechanism":"password"}}}}"#
            ),
        ),
        (Method::POST, "/v2/carts", r#"{"data":{"name":"fuzz","description":"d","discount_settings":{"custom_discounts_enabled":true}}}"#.into()),
        (Method::PUT, "/v2/carts/guest-cart", r#"{"data":{"name":"fuzz"}}"#.into()),
        (
            Method::POST,
            "/v2/carts/guest-cart/relationships/customers",
            r#"{"data":[{"type":"customer","id":"5d6a5f4c-7e0b-4c84-9d9e-1f0b3a6c2e01"}]}"#.into(),
        ),
        (
            Method::DELETE,
            "/v2/carts/guest-cart/relationships/customers",
            r#"{"data":[{"type":"customer","id":"5d6a5f4c-7e0b-4c84-9d9e-1f0b3a6c2e01"}]}"#.into(),
        ),
        (
            Method::POST,
            "/v2/carts/guest-cart/relationships/accounts",
            r#"{"data":[{"type":"account","id":"acc-1"}]}"#.into(),
        ),
        (
            Method::DELETE,
            "/v2/carts/guest-cart/relationships/accounts",
            r#"{"data":[{"type":"account","id":"acc-1"}]}"#.into(),
        ),
        (
            Method::POST,
            "/v2/carts/guest-cart/items",
            format!(r#"{{"data":{{"type":"cart_item","id":"{PLANE}","quantity":1}}}}"#),
        ),
        (
            Method::POST,
            "/v2/carts/guest-cart/items",
            r#"{"data":[{"type":"custom_item","name":"N","sku":"S","quantity":2,"price":{"amount":100,"includes_tax":false}},{"type":"promotion_item","code":"SAVE10"},{"type":"cart_items","cart_id":"ron-grill"}],"options":{"add_all_or_nothing":true}}"#.into(),
        ),
        (
            Method::PUT,
            "/v2/carts/guest-cart/items",
            r#"{"data":[{"id":"x","quantity":2}],"options":{"update_all_or_nothing":false}}"#.into(),
        ),
        (
            Method::PUT,
            "/v2/carts/guest-cart/items/x",
            r#"{"data":{"type":"cart_item","id":"x","quantity":2}}"#.into(),
        ),
        (
            Method::POST,
            "/v2/carts/guest-cart/items/x/taxes",
            r#"{"data":{"type":"tax_item","name":"VAT","jurisdiction":"UK","code":"V","rate":0.2}}"#.into(),
        ),
        (
            Method::POST,
            "/v2/carts/guest-cart/taxes",
            r#"{"data":[{"type":"tax_item","rate":0.1,"relationships":{"item":{"data":{"type":"cart_item","id":"x"}}}}]}"#.into(),
        ),
        (
            Method::POST,
            "/v2/carts/guest-cart/custom-discounts",
            r#"{"data":[{"type":"custom_discount","amount":-100,"description":"d","discount_code":"C","discount_engine":"E","external_id":"x"}]}"#.into(),
        ),
        (
            Method::POST,
            "/v2/carts/guest-cart/checkout",
            r#"{"data":{"customer":{"name":"G","email":"g@example.com"},"billing_address":{"first_name":"A","last_name":"B","line_1":"L","postcode":"P","country":"US"},"shipping_address":{"first_name":"A","last_name":"B","line_1":"L","postcode":"P","country":"US"}}}"#.into(),
        ),
    ]
}

/// Pieces that break or bend JSON.
const PIECES: &[&str] = &[
    "{",
    "}",
    "[",
    "]",
    ",",
    ":",
    "\"",
    "\\",
    "null",
    "true",
    "1e999999",
    "-0",
    "123456789012345678901234567890123456789",
    "NaN",
    "\u{0}",
    "\u{feff}",
    "\u{1F600}",
    "%00",
    "\\ud800",
    "\"data\"",
    "\"name\"",
    "\"id\"",
    "\"type\"",
    "{\"data\":",
    " ",
    "\n",
    "'",
];

/// A valid body with a few random edits.
fn mutate(rng: &mut Rng, valid: &str) -> Vec<u8> {
    let mut bytes = valid.as_bytes().to_vec();
    for _ in 0..1 + rng.below(4) {
        let at = rng.below(bytes.len() + 1);
        match rng.below(4) {
            0 if !bytes.is_empty() => {
                let end = (at + 1 + rng.below(8)).min(bytes.len());
                let at = at.min(end);
                bytes.drain(at..end);
            }
            1 => {
                let piece = rng.pick(PIECES).as_bytes().to_vec();
                bytes.splice(at..at, piece);
            }
            2 => {
                let raw = [0xff, 0xfe, 0xc3, 0x80, 0xed, 0xa0][rng.below(6)];
                bytes.insert(at, raw);
            }
            _ => bytes.truncate(at),
        }
    }
    bytes
}

/// Bodies that no route may accept.
fn certainly_invalid(valid: &str) -> Vec<(String, Vec<u8>)> {
    let deep = |n: usize| format!("{}{}", "[".repeat(n), "]".repeat(n)).into_bytes();
    let deep_objects =
        |n: usize| format!(r#"{{"data":{}{}}}"#, r#"{"a":"#.repeat(n), "}".repeat(n)).into_bytes();
    let mut invalid_utf8 = valid.as_bytes().to_vec();
    invalid_utf8.splice(valid.len() / 2..valid.len() / 2, [0xc3, 0x28, 0xff]);
    vec![
        ("empty".into(), Vec::new()),
        ("not JSON".into(), b"hello".to_vec()),
        ("invalid UTF-8".into(), invalid_utf8),
        ("only invalid UTF-8".into(), vec![0xff, 0xfe, 0xfd]),
        ("nesting 10000".into(), deep(10_000)),
        ("nesting 200".into(), deep(200)),
        ("objects nested 5000".into(), deep_objects(5_000)),
        (
            "huge number".into(),
            br#"{"data":{"name":1e999999}}"#.to_vec(),
        ),
        (
            "long number".into(),
            format!(
                r#"{{"data":[{{"type":"customer","id":{}}}]}}"#,
                "9".repeat(5_000)
            )
            .into_bytes(),
        ),
        ("data a string".into(), br#"{"data":"x"}"#.to_vec()),
        ("data null".into(), br#"{"data":null}"#.to_vec()),
        (
            "name an object".into(),
            br#"{"data":{"name":{"a":1},"email":[1],"type":7}}"#.to_vec(),
        ),
        ("array of arrays".into(), br#"{"data":[[[]]]}"#.to_vec()),
        (
            "lone surrogate".into(),
            br#"{"data":{"name":"\ud800"}}"#.to_vec(),
        ),
        ("nul".into(), b"{\"data\":\x00}".to_vec()),
    ]
}

/// Checks one answer: never a 5xx; every 4xx in the error format.
#[track_caller]
fn check(reply: &Reply, what: &str, must_refuse: bool) {
    assert!(
        reply.status < 500,
        "{what}: {} {}",
        reply.status,
        reply.text
    );
    if must_refuse {
        assert!(
            (400..500).contains(&reply.status),
            "{what}: {} {}",
            reply.status,
            reply.text
        );
    }
    if reply.status >= 400 {
        let errors = reply.json["errors"].as_array();
        let first = errors.and_then(|e| e.first());
        assert!(
            first.is_some_and(|e| e["status"] == reply.status && e["title"].is_string()),
            "{what}: not the error format: {}",
            reply.text
        );
    }
}

#[tokio::test]
async fn bad_bodies_and_query_strings_get_4xx_never_5xx() {
    let emulator = Emulator::start().await;
    let admin = emulator.admin().await;
    let (customer_token, _) = emulator.login(RON).await;
    let mut rng = Rng(0x5eed_0001);
    let mut cases = 0;
    let mut refused = 0;

    for (method, path, valid) in body_routes() {
        // With the admin token, and with a customer token on the cart routes, so that the body is
        // what decides.
        let request = |body: Vec<u8>, with_customer: bool| {
            let mut builder = emulator
                .request(method.clone(), path)
                .bearer_auth(&admin)
                .header("Content-Type", "application/json")
                .body(body);
            if with_customer && path.starts_with("/v2/carts") {
                builder = builder.header("X-Moltin-Customer-Token", &customer_token);
            }
            builder
        };
        for (what, body) in certainly_invalid(&valid) {
            for with_customer in [false, true] {
                let reply = send(request(body.clone(), with_customer)).await;
                check(&reply, &format!("{method} {path}: {what}"), true);
                cases += 1;
                refused += 1;
            }
        }
        for _ in 0..60 {
            let body = mutate(&mut rng, &valid);
            let reply = send(request(body.clone(), rng.below(2) == 0)).await;
            let what = format!("{method} {path}: {:?}", String::from_utf8_lossy(&body));
            check(&reply, &what, false);
            cases += 1;
            refused += usize::from(reply.status >= 400);
        }
        // One byte over the limit.
        let reply = send(request(vec![b' '; 1024 * 1024 + 1], false)).await;
        check(&reply, &format!("{method} {path}: over the limit"), true);
        assert_eq!(reply.status, 413, "{method} {path}");
        cases += 1;
        refused += 1;
    }

    // Query strings of the listing, raw (reqwest leaves an already encoded query alone).
    const QUERY_PIECES: &[&str] = &[
        "page[limit]=",
        "page[offset]=",
        "filter=",
        "page%5Blimit%5D=",
        "sort=",
        "include=",
        "eq(name,",
        "ilike(name,",
        ")",
        ":",
        "*",
        "%",
        "%zz",
        "%ff",
        "%00",
        "%E2%82",
        "&",
        "=",
        "99999999999999999999999",
        "-1",
        "0",
        "1.5",
        "1e3",
        "\u{e9}",
        "\"",
        "'",
        "..",
        "/",
        "#",
        "+",
        "[",
        "]",
        "eq(name,x):eq(name,y)",
        "gt(name,1)",
        "eq(id,",
        "abc",
    ];
    // Random queries may be refused or served; the fixed ones must be refused.
    let random: Vec<_> = (0..150)
        .map(|_| {
            let pieces = 1 + rng.below(6);
            let query: String = (0..pieces).map(|_| rng.pick(QUERY_PIECES)).collect();
            (query, false)
        })
        .collect();
    let fixed = [
        "page[limit]=0",
        "page[limit]=101",
        "page[limit]=18446744073709551616",
        "page[offset]=10001",
        "page[offset]=-5",
        "page[limit]=abc",
        "filter=eq(name)",
        "filter=unknown(name,x)",
        "filter=eq(price,1)",
    ]
    .map(|query| (query.to_owned(), true));
    for (query, must_refuse) in random.into_iter().chain(fixed) {
        let Ok(url) = reqwest::Url::parse(&format!("{}/v2/carts?{query}", emulator.base)) else {
            continue;
        };
        let reply = send(emulator.http.get(url).bearer_auth(&admin)).await;
        check(&reply, &format!("GET /v2/carts?{query}"), must_refuse);
        cases += 1;
        refused += usize::from(reply.status >= 400);
    }

    // Still serving.
    send(emulator.get("/__emulator/health")).await.expect(200);
    let listed = send(emulator.get("/v2/carts").bearer_auth(&admin)).await;
    assert!(listed.expect(200)["data"].is_array());
    println!("emulator bad input: {cases} requests, {refused} refused with a 4xx, none with a 5xx");
}
