//! Client tokens: `POST /oauth/access_token` and Bearer validation.

use std::time::Duration;

use epcc_emulator::AppConfig;
use serde_json::Value;

use crate::harness::{config, send, Emulator, CLIENT_ID, CLIENT_SECRET};

fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64
}

#[tokio::test]
async fn implicit_token_is_a_flat_object_with_absolute_expiry() {
    let emulator = Emulator::start().await;
    let reply = emulator
        .oauth(&format!("grant_type=implicit&client_id={CLIENT_ID}"))
        .await;
    let body = reply.expect(200).as_object().unwrap();
    let mut keys: Vec<&str> = body.keys().map(String::as_str).collect();
    keys.sort_unstable();
    assert_eq!(
        keys,
        [
            "access_token",
            "expires",
            "expires_in",
            "identifier",
            "token_type"
        ]
    );
    assert_eq!(body["identifier"], "implicit");
    assert_eq!(body["token_type"], "Bearer");
    assert_eq!(body["expires_in"], 3600);
    let expires = body["expires"].as_i64().unwrap();
    assert!(
        (expires - (now() + 3600)).abs() <= 2,
        "expires is epoch seconds"
    );
    assert!(!body["access_token"].as_str().unwrap().is_empty());
}

#[tokio::test]
async fn client_credentials_token_needs_the_secret() {
    let emulator = Emulator::start().await;
    let reply = emulator
        .oauth(&format!(
            "grant_type=client_credentials&client_id={CLIENT_ID}&client_secret={CLIENT_SECRET}"
        ))
        .await;
    assert_eq!(reply.expect(200)["identifier"], "client_credentials");

    let wrong = emulator
        .oauth(&format!(
            "grant_type=client_credentials&client_id={CLIENT_ID}&client_secret=nope"
        ))
        .await;
    wrong.assert_error(401, "Unauthorized");
    assert!(wrong.error()["detail"].is_string());

    let missing = emulator
        .oauth(&format!(
            "grant_type=client_credentials&client_id={CLIENT_ID}"
        ))
        .await;
    missing.assert_error(400, "Bad Request");
}

#[tokio::test]
async fn bad_token_requests_are_400_or_401() {
    let emulator = Emulator::start().await;
    emulator
        .oauth("grant_type=implicit&client_id=someone-else")
        .await
        .assert_error(401, "Unauthorized");
    for form in [
        format!("client_id={CLIENT_ID}"),
        format!("grant_type=password&client_id={CLIENT_ID}"),
        "grant_type=implicit".to_owned(),
        "grant_type=implicit&client_id=".to_owned(),
        String::new(),
    ] {
        emulator.oauth(&form).await.assert_error(400, "Bad Request");
    }
}

#[tokio::test]
async fn v2_calls_need_a_valid_bearer_token() {
    let emulator = Emulator::start().await;
    let token = emulator.implicit().await;
    let ok = send(emulator.get("/v2/carts/abc").bearer_auth(&token)).await;
    assert_eq!(ok.status, 200);

    let requests = [
        emulator.get("/v2/carts/abc"),
        emulator.get("/v2/carts/abc").bearer_auth("not-a-token"),
        emulator
            .get("/v2/carts/abc")
            .basic_auth(CLIENT_ID, Some(CLIENT_SECRET)),
        emulator
            .get("/v2/carts")
            .header("authorization", format!("Token {token}")),
        emulator.post("/v2/carts").bearer_auth(""),
        emulator.post("/v2/customers/tokens"),
    ];
    for request in requests {
        let reply = send(request).await;
        reply.assert_error(401, "Unable to validate access token");
    }
}

#[tokio::test]
async fn tokens_expire_after_their_ttl() {
    let emulator = Emulator::with(AppConfig {
        token_ttl: 1,
        ..config()
    })
    .await;
    let token = emulator.implicit().await;
    assert_eq!(
        send(emulator.get("/v2/carts/a").bearer_auth(&token))
            .await
            .status,
        200
    );
    tokio::time::sleep(Duration::from_millis(1100)).await;
    send(emulator.get("/v2/carts/a").bearer_auth(&token))
        .await
        .assert_error(401, "Unable to validate access token");
}

#[tokio::test]
async fn the_expire_endpoint_invalidates_every_token_issued_so_far() {
    let emulator = Emulator::start().await;
    let implicit = emulator.implicit().await;
    let admin = emulator.admin().await;
    let reply = send(emulator.post("/__emulator/tokens/expire")).await;
    assert_eq!(reply.status, 204);
    for token in [&implicit, &admin] {
        send(emulator.get("/v2/carts/a").bearer_auth(token))
            .await
            .assert_error(401, "Unable to validate access token");
    }
    let fresh = emulator.implicit().await;
    let reply = send(emulator.get("/v2/carts/a").bearer_auth(fresh)).await;
    assert_eq!(reply.json["data"]["id"], Value::from("a"));
}
