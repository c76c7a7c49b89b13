//! CORS, the body size limit, the rate limit, and robustness against garbage.

use epcc_emulator::AppConfig;
use serde_json::json;

use crate::harness::{config, send, Emulator};

const SDK_HEADERS: [&str; 9] = [
    "Authorization",
    "Content-Type",
    "X-Moltin-Sdk-Language",
    "X-Moltin-Sdk-Version",
    "X-Moltin-Application",
    "X-Moltin-Currency",
    "X-Moltin-Language",
    "X-Moltin-Customer-Token",
    "EP-Account-Management-Authentication-Token",
];

#[tokio::test]
async fn preflights_allow_every_sdk_header_on_any_path() {
    let emulator = Emulator::start().await;
    let requested = format!("{}, x-something-else", SDK_HEADERS.join(",").to_lowercase());
    for path in [
        "/v2/carts",
        "/v2/carts/abc/relationships/customers",
        "/oauth/access_token",
        "/__emulator/requests",
        "/not/a/route",
    ] {
        let reply = send(
            emulator
                .request(reqwest::Method::OPTIONS, path)
                .header("Origin", "http://localhost:5173")
                .header("Access-Control-Request-Method", "DELETE")
                .header("Access-Control-Request-Headers", &requested),
        )
        .await;
        assert!(reply.status == 204, "{path}: {}", reply.status);
        assert_eq!(reply.header("access-control-allow-origin"), Some("*"));
        assert_eq!(
            reply.header("access-control-allow-methods"),
            Some("GET, POST, PUT, DELETE, OPTIONS")
        );
        let allowed: Vec<String> = reply
            .header("access-control-allow-headers")
            .unwrap()
            .split(',')
            .map(|name| name.trim().to_lowercase())
            .collect();
        for header in SDK_HEADERS
            .iter()
            .map(|h| h.to_lowercase())
            .chain(["x-something-else".into()])
        {
            assert!(allowed.contains(&header), "{header} not in {allowed:?}");
        }
        assert_eq!(reply.header("access-control-max-age"), Some("86400"));
    }
    // Without Access-Control-Request-Headers the SDK headers are still listed.
    let bare = send(emulator.request(reqwest::Method::OPTIONS, "/v2/carts")).await;
    let allowed = bare
        .header("access-control-allow-headers")
        .unwrap()
        .to_lowercase();
    assert!(SDK_HEADERS
        .iter()
        .all(|h| allowed.contains(&h.to_lowercase())));
}

#[tokio::test]
async fn every_response_allows_any_origin_and_exposes_retry_after() {
    let emulator = Emulator::start().await;
    let token = emulator.implicit().await;
    let replies = [
        send(emulator.get("/v2/carts/abc").bearer_auth(&token)).await,
        send(emulator.get("/v2/carts")).await,
        send(emulator.get("/nope")).await,
        send(emulator.request(reqwest::Method::PATCH, "/v2/carts")).await,
        send(emulator.get("/__emulator/health")).await,
        send(emulator.get("/__emulator/requests")).await,
    ];
    for reply in replies {
        assert_eq!(
            reply.header("access-control-allow-origin"),
            Some("*"),
            "{reply:?}"
        );
        assert_eq!(
            reply.header("access-control-expose-headers"),
            Some("Retry-After")
        );
    }
}

#[tokio::test]
async fn unknown_routes_and_methods_use_the_error_format() {
    let emulator = Emulator::start().await;
    send(emulator.get("/v3/whatever"))
        .await
        .assert_error(404, "Not Found");
    send(emulator.get("/__emulator/nothing"))
        .await
        .assert_error(404, "Not Found");
    let wrong_method = send(emulator.request(reqwest::Method::PATCH, "/v2/carts")).await;
    wrong_method.assert_error(405, "Method Not Allowed");
    send(emulator.get("/oauth/access_token"))
        .await
        .assert_error(405, "Method Not Allowed");
}

#[tokio::test]
async fn bodies_over_one_mebibyte_are_413() {
    let emulator = Emulator::start().await;
    let token = emulator.implicit().await;
    let name = "x".repeat(1024 * 1024);
    let reply = send(
        emulator
            .post("/v2/carts")
            .bearer_auth(&token)
            .json(&json!({"data": {"name": name}})),
    )
    .await;
    reply.assert_error(413, "Payload Too Large");
    assert_eq!(reply.header("access-control-allow-origin"), Some("*"));
    let journal = emulator.journal().await;
    assert_eq!(journal.last().unwrap()["status"], 413);

    let big_admin = send(
        emulator
            .post("/__emulator/faults")
            .body(" ".repeat(1024 * 1024 + 1)),
    )
    .await;
    big_admin.assert_error(413, "Payload Too Large");

    let just_under = "x".repeat(1024 * 1024 - 100);
    let reply = send(
        emulator
            .put("/v2/carts/big")
            .bearer_auth(&token)
            .body(just_under),
    )
    .await;
    reply.assert_error(400, "Bad Request");
}

#[tokio::test]
async fn the_rate_limit_answers_429_with_retry_after() {
    let emulator = Emulator::with(AppConfig {
        rate_limit: Some(3),
        ..config()
    })
    .await;
    let token = emulator.implicit().await; // 1
    send(emulator.get("/v2/carts/a").bearer_auth(&token))
        .await
        .expect(200); // 2
    send(emulator.get("/v2/carts/a").bearer_auth(&token))
        .await
        .expect(200); // 3
    let limited = send(emulator.get("/v2/carts/a").bearer_auth(&token)).await;
    limited.assert_error(429, "Too Many Requests");
    let retry_after: u64 = limited.header("retry-after").unwrap().parse().unwrap();
    assert!(retry_after >= 1);
    assert_eq!(
        limited.header("access-control-expose-headers"),
        Some("Retry-After")
    );
    send(emulator.get("/__emulator/health")).await.expect(200);

    tokio::time::sleep(std::time::Duration::from_secs(retry_after)).await;
    send(emulator.get("/v2/carts/a").bearer_auth(&token))
        .await
        .expect(200);
}

#[tokio::test]
async fn garbage_never_causes_a_server_error() {
    let emulator = Emulator::start().await;
    let token = emulator.implicit().await;
    let deep = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
    let bodies: [Vec<u8>; 7] = [
        vec![0xff, 0xfe, 0x00],
        b"null".to_vec(),
        b"[]".to_vec(),
        b"{\"data\": 1e999999}".to_vec(),
        deep.into_bytes(),
        b"{\"data\": {\"name\": \"\\ud800\"}}".to_vec(),
        Vec::new(),
    ];
    let paths = [
        "/v2/carts",
        "/v2/carts/abc",
        "/v2/carts/abc/relationships/customers",
        "/v2/carts/abc/relationships/accounts",
        "/v2/customers",
        "/v2/customers/tokens",
        "/oauth/access_token",
        "/__emulator/faults",
        "/__emulator/reset",
    ];
    for path in paths {
        for method in [
            reqwest::Method::POST,
            reqwest::Method::PUT,
            reqwest::Method::DELETE,
        ] {
            for body in &bodies {
                let reply = send(
                    emulator
                        .request(method.clone(), path)
                        .bearer_auth(&token)
                        .header("x-moltin-customer-token", "x.y.z")
                        .body(body.clone()),
                )
                .await;
                assert!(reply.status < 500, "{method} {path}: {}", reply.text);
                assert!(
                    reply.json.is_object() || reply.text.is_empty(),
                    "{}",
                    reply.text
                );
            }
        }
    }
}
