//! Customers and customer tokens.

use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use serde::{Deserialize, Serialize};
use serde_json::json;

use crate::harness::{send, Emulator, JWT_SECRET, RON};

#[derive(Debug, Serialize, Deserialize)]
struct Claims {
    sub: String,
    jti: String,
    iat: i64,
    exp: i64,
}

#[tokio::test]
async fn creating_a_customer_shows_the_password_as_a_boolean() {
    let emulator = Emulator::empty().await;
    let admin = emulator.admin().await;
    let reply = send(
        emulator
            .post("/v2/customers")
            .bearer_auth(&admin)
            .json(&json!({
                "data": {"type": "customer", "name": "Ron Swanson", "email": "ron@swanson.com",
                         "password": "secret"}
            })),
    )
    .await;
    let data = &reply.expect(201)["data"];
    assert_eq!(data["type"], "customer");
    assert_eq!(data["name"], "Ron Swanson");
    assert_eq!(data["email"], "ron@swanson.com");
    assert_eq!(data["password"], true);
    assert_eq!(data["id"].as_str().unwrap().len(), 36, "a UUID");
    let timestamps = &data["meta"]["timestamps"];
    assert!(timestamps["created_at"].as_str().unwrap().ends_with('Z'));
    assert_eq!(timestamps["created_at"], timestamps["updated_at"]);
    assert!(
        !reply.text.contains("secret"),
        "the password is never echoed"
    );

    let without_password = send(
        emulator
            .post("/v2/customers")
            .bearer_auth(&admin)
            .json(&json!({
                "data": {"type": "customer", "name": "April", "email": "april@ludgate.com"}
            })),
    )
    .await;
    assert_eq!(without_password.expect(201)["data"]["password"], false);
}

#[tokio::test]
async fn only_client_credentials_may_create_customers() {
    let emulator = Emulator::empty().await;
    let implicit = emulator.implicit().await;
    let reply = send(
        emulator
            .post("/v2/customers")
            .bearer_auth(implicit)
            .json(&json!({
                "data": {"type": "customer", "name": "A", "email": "a@b.co", "password": "x"}
            })),
    )
    .await;
    reply.assert_error(403, "Forbidden");
}

#[tokio::test]
async fn duplicate_emails_are_409_whatever_their_case() {
    let emulator = Emulator::start().await;
    let admin = emulator.admin().await;
    let reply = send(
        emulator
            .post("/v2/customers")
            .bearer_auth(admin)
            .json(&json!({
                "data": {"type": "customer", "name": "Ron again", "email": "RON@swanson.com",
                         "password": "x"}
            })),
    )
    .await;
    reply.assert_error(409, "Duplicate email");
    assert!(reply.error()["detail"].is_string());
}

#[tokio::test]
async fn invalid_customers_are_422_failed_validation() {
    let emulator = Emulator::empty().await;
    let admin = emulator.admin().await;
    let cases = [
        (
            json!({"data": {"type": "customer", "name": "Ron"}}),
            "The data.email field is required.",
        ),
        (
            json!({"data": {"type": "customer", "email": "ron@swanson.com"}}),
            "The data.name field is required.",
        ),
        (
            json!({"data": {"type": "customer", "name": "Ron", "email": "not-an-email"}}),
            "The data.email field must be a valid email address.",
        ),
        (
            json!({"data": {"type": "customer", "name": "Ron", "email": 7}}),
            "The data.email field must be a string.",
        ),
        (
            json!({"data": {"type": "token", "name": "Ron", "email": "ron@swanson.com"}}),
            "The data.type field must be customer.",
        ),
        (
            json!({"name": "Ron"}),
            "The data field is required and must be an object.",
        ),
    ];
    for (body, detail) in cases {
        let reply = send(
            emulator
                .post("/v2/customers")
                .bearer_auth(&admin)
                .json(&body),
        )
        .await;
        reply.assert_error(422, "Failed Validation");
        assert_eq!(reply.error()["detail"], detail);
    }
    let not_json = send(
        emulator
            .post("/v2/customers")
            .bearer_auth(&admin)
            .body("{oops"),
    )
    .await;
    not_json.assert_error(400, "Bad Request");
}

#[tokio::test]
async fn customer_tokens_are_hs256_jwts_for_the_customer() {
    let emulator = Emulator::start().await;
    let implicit = emulator.implicit().await;
    let reply = send(
        emulator
            .post("/v2/customers/tokens")
            .bearer_auth(implicit)
            .json(&json!({
                "data": {"type": "token", "email": "Ron@Swanson.com", "password": RON.1,
                         "authentication_mechanism": "password"}
            })),
    )
    .await;
    let data = &reply.expect(200)["data"];
    assert_eq!(data["type"], "token");
    let mut validation = Validation::new(Algorithm::HS256);
    validation.leeway = 0;
    let decoded = jsonwebtoken::decode::<Claims>(
        data["token"].as_str().unwrap(),
        &DecodingKey::from_secret(JWT_SECRET.as_bytes()),
        &validation,
    )
    .expect("signed with the configured secret");
    assert_eq!(decoded.header.alg, Algorithm::HS256);
    assert_eq!(data["customer_id"], decoded.claims.sub.as_str());
    assert_eq!(data["id"], decoded.claims.jti.as_str());
    assert_eq!(data["expires"], decoded.claims.exp);
    assert_eq!(decoded.claims.exp - decoded.claims.iat, 24 * 3600);

    // client_credentials may log customers in too.
    let admin = emulator.admin().await;
    let reply = send(
        emulator
            .post("/v2/customers/tokens")
            .bearer_auth(admin)
            .json(&json!({
                "data": {"type": "token", "email": RON.0, "password": RON.1}
            })),
    )
    .await;
    assert_eq!(
        reply.expect(200)["data"]["customer_id"],
        decoded.claims.sub.as_str()
    );
}

#[tokio::test]
async fn wrong_credentials_are_401_invalid_credentials() {
    let emulator = Emulator::start().await;
    let implicit = emulator.implicit().await;
    for (email, password) in [(RON.0, "wrong"), ("nobody@example.com", RON.1)] {
        let reply = send(
            emulator
                .post("/v2/customers/tokens")
                .bearer_auth(&implicit)
                .json(&json!({
                    "data": {"type": "token", "email": email, "password": password,
                             "authentication_mechanism": "password"}
                })),
        )
        .await;
        reply.assert_error(401, "Invalid credentials");
    }
}

#[tokio::test]
async fn forged_expired_or_stale_customer_tokens_are_rejected() {
    let emulator = Emulator::start().await;
    let implicit = emulator.implicit().await;
    let (token, customer_id) = emulator.login(RON).await;

    let list = |customer_token: String| {
        send(
            emulator
                .get("/v2/carts")
                .bearer_auth(&implicit)
                .header("X-MOLTIN-CUSTOMER-TOKEN", customer_token),
        )
    };
    assert_eq!(
        list(token.clone()).await.status,
        200,
        "header names are case-insensitive"
    );

    let parts: Vec<&str> = token.split('.').collect();
    let now = jsonwebtoken::get_current_timestamp() as i64;
    let claims = |exp: i64| Claims {
        sub: customer_id.clone(),
        jti: "made-up".to_owned(),
        iat: now,
        exp,
    };
    let forged = [
        // {"alg":"none","typ":"JWT"} with the real payload and no signature.
        format!("eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.{}.", parts[1]),
        // The real header and payload with another token's signature.
        format!("{}.{}.{}", parts[0], parts[1], "AAAA".repeat(11)),
        jsonwebtoken::encode(
            &Header::new(Algorithm::HS256),
            &claims(now + 600),
            &EncodingKey::from_secret(b"another secret"),
        )
        .unwrap(),
        // Right key, but a token the emulator never issued.
        jsonwebtoken::encode(
            &Header::new(Algorithm::HS256),
            &claims(now + 600),
            &EncodingKey::from_secret(JWT_SECRET.as_bytes()),
        )
        .unwrap(),
        "garbage".to_owned(),
    ];
    for bad in forged {
        let reply = list(bad.clone()).await;
        reply.assert_error(401, "Invalid customer token");
    }

    assert_eq!(send(emulator.post("/__emulator/reset")).await.status, 204);
    let implicit = emulator.implicit().await;
    let reply = send(
        emulator
            .get("/v2/carts")
            .bearer_auth(&implicit)
            .header("x-moltin-customer-token", &token),
    )
    .await;
    reply.assert_error(401, "Invalid customer token");
}
