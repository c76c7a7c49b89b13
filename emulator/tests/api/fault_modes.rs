//! Every fault the SDK tests rely on, checked over real HTTP: each status with and without
//! `Retry-After`, delays, dropped connections, malformed and cut-short bodies, per-route rules,
//! rules given at start-up, and seeded probabilities.

use std::time::{Duration, Instant};

use epcc_emulator::faults::FaultSpec;
use epcc_emulator::AppConfig;
use serde_json::json;

use crate::harness::{config, send, Emulator};

#[tokio::test]
async fn every_status_fault_answers_in_the_error_format() {
    let emulator = Emulator::empty().await;
    let admin = emulator.admin().await;
    for (status, title) in [
        (429, "Too Many Requests"),
        (500, "Internal Server Error"),
        (502, "Bad Gateway"),
        (503, "Service Unavailable"),
        (504, "Gateway Timeout"),
    ] {
        for retry_after in [None, Some(2)] {
            let mut rule = json!({"method": "GET", "path": "/v2/carts/*", "status": status});
            if let Some(seconds) = retry_after {
                rule["retry_after"] = json!(seconds);
            }
            emulator.fault(rule).await;
            let reply = send(emulator.get("/v2/carts/c1").bearer_auth(&admin)).await;
            reply.assert_error(status, title);
            assert_eq!(
                reply.header("retry-after"),
                retry_after.map(|_| "2"),
                "{status}"
            );
            assert_eq!(reply.header("access-control-allow-origin"), Some("*"));
            // `times` defaults to 1: the next request is handled.
            send(emulator.get("/v2/carts/c1").bearer_auth(&admin))
                .await
                .expect(200);
        }
    }
}

#[tokio::test]
async fn a_cut_fault_sends_part_of_the_body_then_closes_the_connection() {
    let emulator = Emulator::empty().await;
    let admin = emulator.admin().await;
    emulator
        .fault(json!({"method": "POST", "path": "/v2/carts", "cut_after": 10}))
        .await;
    let response = emulator
        .post("/v2/carts")
        .bearer_auth(&admin)
        .json(&json!({"data": {"name": "cut"}}))
        .send()
        .await
        .expect("the head arrives");
    assert_eq!(response.status().as_u16(), 201);
    let announced = response.content_length().expect("a Content-Length");
    assert!(announced > 10, "the full length is announced: {announced}");
    let body = response.bytes().await;
    assert!(body.is_err(), "the body is cut short: {body:?}");

    // The store acted on the request: the answer was lost, not the cart.
    let listed = send(emulator.get("/v2/carts").bearer_auth(&admin)).await;
    assert_eq!(listed.expect(200)["meta"]["results"]["total"], 1);
    let journal = emulator.journal().await;
    let post = journal
        .iter()
        .find(|e| e["method"] == "POST" && e["path"] == "/v2/carts");
    assert_eq!(post.unwrap()["status"], 201);

    // A fault's own body can be cut as well.
    emulator
        .fault(json!({"path": "/v2/carts", "status": 200, "body": "{\"data\":[1,2,3]}", "cut_after": 4}))
        .await;
    let response = emulator
        .get("/v2/carts")
        .bearer_auth(&admin)
        .send()
        .await
        .unwrap();
    assert_eq!(response.content_length(), Some(16));
    assert!(response.bytes().await.is_err());
    send(emulator.get("/v2/carts").bearer_auth(&admin))
        .await
        .expect(200);
}

#[tokio::test]
async fn malformed_bodies_drops_and_delays_combine_with_routes() {
    let emulator = Emulator::empty().await;
    let admin = emulator.admin().await;
    emulator
        .fault(json!({"method": "PUT", "path": "/v2/carts/c1", "body": "{\"data\":{\"id\"", "times": 0}))
        .await;
    emulator
        .fault(json!({"method": "DELETE", "path": "/v2/carts/*", "delay_ms": 200, "drop": true}))
        .await;
    send(emulator.get("/v2/carts/c1").bearer_auth(&admin))
        .await
        .expect(200);
    for _ in 0..2 {
        let reply = send(
            emulator
                .put("/v2/carts/c1")
                .bearer_auth(&admin)
                .json(&json!({"data": {"name": "y"}})),
        )
        .await;
        assert_eq!(reply.status, 200);
        assert_eq!(reply.text, "{\"data\":{\"id\"", "times 0 keeps firing");
    }
    let put_elsewhere = send(
        emulator
            .put("/v2/carts/c2")
            .bearer_auth(&admin)
            .json(&json!({"data": {"name": "y"}})),
    )
    .await;
    assert_eq!(put_elsewhere.status, 404, "other paths are left alone");

    let started = Instant::now();
    let dropped = emulator
        .delete("/v2/carts/c1")
        .bearer_auth(&admin)
        .send()
        .await;
    assert!(dropped.is_err(), "no answer: {dropped:?}");
    assert!(started.elapsed() >= Duration::from_millis(190));
    let journal = emulator.journal().await;
    assert_eq!(
        journal.last().unwrap()["status"],
        0,
        "0 marks a dropped connection"
    );
    send(emulator.delete("/v2/carts/c1").bearer_auth(&admin))
        .await
        .expect(204);
}

#[tokio::test]
async fn a_rule_with_its_own_seed_repeats_its_pattern() {
    async fn pattern(noise: usize) -> Vec<u16> {
        let emulator = Emulator::with(AppConfig {
            seed: None,
            faults: vec![FaultSpec::from_json(
                r#"{"path":"/noise","status":500,"times":0,"probability":0.5}"#,
            )
            .unwrap()],
            ..config()
        })
        .await;
        emulator
            .fault(json!({"path": "/x", "status": 503, "times": 0, "probability": 0.3, "seed": 42}))
            .await;
        for _ in 0..noise {
            send(emulator.get("/noise")).await;
        }
        let mut statuses = Vec::new();
        for _ in 0..20 {
            statuses.push(send(emulator.get("/x")).await.status);
        }
        statuses
    }
    let first = pattern(0).await;
    assert_eq!(
        first,
        pattern(7).await,
        "random instance seed, other traffic"
    );
    let faulted = first.iter().filter(|&&s| s == 503).count();
    assert!((1..=12).contains(&faulted), "{first:?}");
    assert!(first.iter().all(|&s| s == 503 || s == 404), "{first:?}");
}
