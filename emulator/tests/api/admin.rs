//! The admin API: health, journal, reset, faults.

use std::time::{Duration, Instant};

use epcc_emulator::faults::FaultSpec;
use epcc_emulator::AppConfig;
use serde_json::{json, Value};

use crate::harness::{config, send, Emulator};

#[tokio::test]
async fn health() {
    let emulator = Emulator::start().await;
    let reply = send(emulator.get("/__emulator/health")).await;
    assert_eq!(reply.expect(200), &json!({"ok": true}));
}

#[tokio::test]
async fn the_journal_records_requests_verbatim() {
    let emulator = Emulator::start().await;
    let token = emulator.implicit().await;
    send(emulator.get("/__emulator/health")).await;
    send(
        emulator
            .get("/v2/carts?page%5Blimit%5D=1&page[offset]=0&filter=")
            .bearer_auth(&token)
            .header("X-Moltin-Customer-Token", "not-a-jwt")
            .header("X-Custom", "a")
            .header("x-custom", "b"),
    )
    .await;
    send(
        emulator
            .request(reqwest::Method::OPTIONS, "/v2/carts")
            .header("Origin", "http://localhost:3000")
            .header("Access-Control-Request-Method", "GET"),
    )
    .await;
    send(
        emulator
            .put("/v2/carts/x")
            .bearer_auth(&token)
            .body("{\"data\":{\"name\":\"é\"}}"),
    )
    .await;

    let journal = emulator.journal().await;
    assert_eq!(
        journal.len(),
        4,
        "admin requests are not journaled: {journal:#?}"
    );
    let seqs: Vec<u64> = journal
        .iter()
        .map(|entry| entry["seq"].as_u64().unwrap())
        .collect();
    assert_eq!(seqs, [1, 2, 3, 4]);

    let token_request = &journal[0];
    assert_eq!(token_request["method"], "POST");
    assert_eq!(token_request["path"], "/oauth/access_token");
    assert_eq!(token_request["query"], "");
    assert_eq!(token_request["status"], 200);
    assert_eq!(
        token_request["body"],
        "grant_type=implicit&client_id=test-client"
    );

    let list = &journal[1];
    assert_eq!(list["path"], "/v2/carts");
    assert_eq!(list["query"], "page%5Blimit%5D=1&page[offset]=0&filter=");
    assert_eq!(list["headers"]["authorization"], format!("Bearer {token}"));
    assert_eq!(list["headers"]["x-moltin-customer-token"], "not-a-jwt");
    assert_eq!(list["headers"]["x-custom"], "a, b");
    assert_eq!(list["body"], Value::Null);
    assert_eq!(
        list["status"], 401,
        "the status answered: an invalid customer token"
    );

    assert_eq!(journal[2]["method"], "OPTIONS");
    assert_eq!(journal[2]["status"], 204);
    assert_eq!(journal[3]["body"], "{\"data\":{\"name\":\"é\"}}");
    assert_eq!(journal[3]["status"], 404);

    assert_eq!(
        send(emulator.delete("/__emulator/requests")).await.status,
        204
    );
    assert!(emulator.journal().await.is_empty());
    send(emulator.get("/nowhere"))
        .await
        .assert_error(404, "Not Found");
    let journal = emulator.journal().await;
    assert_eq!(journal[0]["seq"], 5, "numbers keep counting after a clear");
    assert_eq!(journal[0]["status"], 404);
}

#[tokio::test]
async fn reset_restores_the_demo_data_and_forgets_tokens() {
    let emulator = Emulator::start().await;
    let admin = emulator.admin().await;
    emulator
        .create_cart(&admin, json!({"name": "temporary"}))
        .await;
    let total = |token: String| {
        let request = emulator.get("/v2/carts").bearer_auth(token);
        async move { send(request).await.json["meta"]["results"]["total"].clone() }
    };
    assert_eq!(total(admin.clone()).await, 7);

    assert_eq!(send(emulator.post("/__emulator/reset")).await.status, 204);
    send(emulator.get("/v2/carts").bearer_auth(&admin))
        .await
        .assert_error(401, "Unable to validate access token");
    assert!(
        emulator.journal().await.len() == 1,
        "only the request after the reset"
    );
    assert_eq!(
        total(emulator.admin().await).await,
        6,
        "the demo carts again"
    );

    let reply = send(
        emulator
            .post("/__emulator/reset")
            .json(&json!({"empty": true})),
    )
    .await;
    assert_eq!(reply.status, 204);
    assert_eq!(total(emulator.admin().await).await, 0);

    let bad = send(
        emulator
            .post("/__emulator/reset")
            .json(&json!({"empty": "yes"})),
    )
    .await;
    bad.assert_error(400, "Bad Request");
}

#[tokio::test]
async fn a_status_fault_answers_in_place_of_the_store() {
    let emulator = Emulator::empty().await;
    let admin = emulator.admin().await;
    let id = emulator
        .fault(
            json!({"method": "POST", "path": "/v2/carts", "status": 429, "retry_after": 1,
                      "times": 1}),
        )
        .await;
    assert_eq!(id, 1);
    let faulted = send(
        emulator
            .post("/v2/carts")
            .bearer_auth(&admin)
            .json(&json!({"data": {"name": "x"}})),
    )
    .await;
    faulted.assert_error(429, "Too Many Requests");
    assert_eq!(faulted.header("retry-after"), Some("1"));
    assert_eq!(faulted.header("access-control-allow-origin"), Some("*"));
    let listed = send(emulator.get("/v2/carts").bearer_auth(&admin)).await;
    assert_eq!(
        listed.json["meta"]["results"]["total"], 0,
        "the store was not touched"
    );

    emulator.create_cart(&admin, json!({"name": "x"})).await;
    let statuses: Vec<Value> = emulator
        .journal()
        .await
        .iter()
        .map(|entry| entry["status"].clone())
        .collect();
    assert_eq!(statuses, [json!(200), json!(429), json!(200), json!(201)]);
}

#[tokio::test]
async fn faults_match_by_prefix_and_any_method() {
    let emulator = Emulator::start().await;
    let admin = emulator.admin().await;
    emulator
        .fault(json!({"path": "/v2/carts/*", "status": 503, "times": 2}))
        .await;
    send(emulator.get("/v2/carts").bearer_auth(&admin))
        .await
        .expect(200);
    send(emulator.get("/v2/carts/a").bearer_auth(&admin))
        .await
        .assert_error(503, "Service Unavailable");
    let preflight = send(emulator.request(reqwest::Method::OPTIONS, "/v2/carts/a")).await;
    assert_eq!(
        preflight.status, 204,
        "preflights are left alone unless OPTIONS is named"
    );
    send(emulator.delete("/v2/carts/b").bearer_auth(&admin))
        .await
        .assert_error(503, "Service Unavailable");
    send(emulator.get("/v2/carts/a").bearer_auth(&admin))
        .await
        .expect(200);
}

#[tokio::test]
async fn a_delay_fault_slows_the_request_then_handles_it() {
    let emulator = Emulator::start().await;
    let admin = emulator.admin().await;
    emulator
        .fault(json!({"path": "/v2/carts", "delay_ms": 300}))
        .await;
    let started = Instant::now();
    let reply = send(emulator.get("/v2/carts").bearer_auth(&admin)).await;
    assert!(started.elapsed() >= Duration::from_millis(300));
    assert_eq!(reply.json["meta"]["results"]["total"], 6);
    let started = Instant::now();
    send(emulator.get("/v2/carts").bearer_auth(&admin))
        .await
        .expect(200);
    assert!(started.elapsed() < Duration::from_millis(300), "only once");
}

#[tokio::test]
async fn a_drop_fault_closes_the_connection_without_an_answer() {
    let emulator = Emulator::start().await;
    let admin = emulator.admin().await;
    emulator
        .fault(json!({"path": "/v2/carts", "drop": true}))
        .await;
    let error = emulator
        .get("/v2/carts")
        .bearer_auth(&admin)
        .send()
        .await
        .expect_err("no response");
    assert!(!error.is_timeout(), "{error}");
    send(emulator.get("/v2/carts").bearer_auth(&admin))
        .await
        .expect(200);
    let journal = emulator.journal().await;
    assert_eq!(
        journal[1]["status"], 0,
        "dropped requests are journaled with status 0"
    );
    assert_eq!(journal[2]["status"], 200);
}

#[tokio::test]
async fn a_body_fault_sends_raw_text() {
    let emulator = Emulator::start().await;
    let admin = emulator.admin().await;
    emulator
        .fault(json!({"path": "/v2/carts", "body": "{\"data\": ["}))
        .await;
    emulator
        .fault(json!({"path": "/v2/carts", "status": 502, "body": "<html>Bad gateway</html>"}))
        .await;
    let truncated = send(emulator.get("/v2/carts").bearer_auth(&admin)).await;
    assert_eq!(truncated.status, 200);
    assert_eq!(truncated.text, "{\"data\": [");
    let html = send(emulator.get("/v2/carts").bearer_auth(&admin)).await;
    assert_eq!(html.status, 502);
    assert_eq!(html.text, "<html>Bad gateway</html>");
}

#[tokio::test]
async fn fault_probabilities_repeat_with_the_seed() {
    async fn pattern(seed: u64) -> Vec<u16> {
        let emulator = Emulator::with(AppConfig {
            seed: Some(seed),
            ..config()
        })
        .await;
        emulator
            .fault(json!({"path": "/__nothing", "status": 500, "times": 0, "probability": 0.5}))
            .await;
        let mut statuses = Vec::new();
        for _ in 0..24 {
            statuses.push(send(emulator.get("/__nothing")).await.status);
        }
        statuses
    }
    let first = pattern(42).await;
    assert_eq!(first, pattern(42).await);
    let faulted = first.iter().filter(|&&status| status == 500).count();
    assert!((3..=21).contains(&faulted), "{first:?}");
    assert!(first.iter().all(|&status| status == 500 || status == 404));
}

#[tokio::test]
async fn faults_can_be_given_at_start_and_removed() {
    let emulator = Emulator::with(AppConfig {
        faults: vec![
            FaultSpec::from_json(r#"{"path":"/oauth/*","status":500,"times":0}"#).unwrap(),
        ],
        ..config()
    })
    .await;
    let reply = emulator
        .oauth("grant_type=implicit&client_id=test-client")
        .await;
    reply.assert_error(500, "Internal Server Error");
    let second = emulator.fault(json!({"path": "/x", "status": 418})).await;
    assert_eq!(second, 2);
    assert_eq!(
        send(emulator.delete("/__emulator/faults/2")).await.status,
        204
    );
    send(emulator.delete("/__emulator/faults/2"))
        .await
        .assert_error(404, "Not Found");
    assert_eq!(
        send(emulator.delete("/__emulator/faults")).await.status,
        204
    );
    emulator.implicit().await;

    for bad in [
        json!({"status": 42}),
        json!({"probability": 2}),
        json!({"path": 1}),
    ] {
        let reply = send(emulator.post("/__emulator/faults").json(&bad)).await;
        reply.assert_error(400, "Bad Request");
    }
}
