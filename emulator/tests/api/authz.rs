//! The authorization matrix: every API endpoint against every kind of credential a client can
//! present, each cell on a fresh store. Beyond the status of each cell, a customer must never
//! see another customer's carts in a listing nor change another customer's associations, and a
//! refused request must leave the store as it was.
//!
//! Reading or renaming a cart by its id is allowed to any valid client token (api.md, section
//! 3: the cart id itself is the capability), so those cells are 200 for every valid token.

use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use reqwest::{Method, RequestBuilder};
use serde_json::{json, Value};

use crate::harness::{send, Emulator, JWT_SECRET, LESLIE, RON};

/// Leslie's newest cart in the demo data.
const LESLIE_CART: &str = "leslie-gifts";

#[derive(Debug, Clone, Copy)]
enum Credential {
    None,
    MalformedBearer,
    ExpiredBearer,
    Implicit,
    ImplicitCustomerA,
    ImplicitWrongKeyToken,
    ImplicitAlgNoneToken,
    ImplicitExpiredCustomerToken,
    ClientCredentials,
    ClientCredentialsCustomerA,
}

const ENDPOINTS: [&str; 20] = [
    "POST /v2/customers",
    "POST /v2/customers/tokens",
    "GET /v2/carts",
    "POST /v2/carts",
    "GET /v2/carts/:id",
    "PUT /v2/carts/:id",
    "DELETE /v2/carts/:id",
    "POST /v2/carts/:id/relationships/customers",
    "DELETE /v2/carts/:id/relationships/customers",
    "POST /v2/carts/:id/relationships/accounts",
    "DELETE /v2/carts/:id/relationships/accounts",
    "GET /catalog/products",
    "GET /v2/carts/:id/items",
    "POST /v2/carts/:id/items",
    "PUT /v2/carts/:id/items/:item",
    "DELETE /v2/carts/:id/items",
    "POST /v2/carts/:id/items/:item/taxes",
    "POST /v2/carts/:id/checkout",
    "GET /v2/orders/:order",
    "GET /v2/orders/:order/items",
];

/// The expected status of each cell; `:id` is customer B's cart (holding one item, `:item`),
/// the association and checkout bodies name customer B, and `:order` is an order B placed.
/// Customer A is Ron, customer B is Leslie.
///
/// Like a cart, its items are open to any valid token that names the cart; the catalog to any
/// valid token. Checking out as B and reading B's order need B's token or a client_credentials
/// token without a customer token: A's token is refused (403 at checkout; 404 for the order,
/// which A cannot tell from a missing one).
const MATRIX: [(Credential, [u16; 20]); 10] = [
    (Credential::None, [401; 20]),
    (Credential::MalformedBearer, [401; 20]),
    (Credential::ExpiredBearer, [401; 20]),
    (
        Credential::Implicit,
        [
            403, 200, 403, 201, 200, 200, 400, 403, 403, 403, 403, 200, 200, 201, 200, 204, 201,
            403, 403, 403,
        ],
    ),
    (
        Credential::ImplicitCustomerA,
        [
            403, 200, 200, 201, 200, 200, 400, 403, 403, 403, 403, 200, 200, 201, 200, 204, 201,
            403, 404, 404,
        ],
    ),
    (
        Credential::ImplicitWrongKeyToken,
        [
            403, 200, 401, 401, 401, 401, 401, 401, 401, 403, 403, 200, 401, 401, 401, 401, 401,
            401, 401, 401,
        ],
    ),
    (
        Credential::ImplicitAlgNoneToken,
        [
            403, 200, 401, 401, 401, 401, 401, 401, 401, 403, 403, 200, 401, 401, 401, 401, 401,
            401, 401, 401,
        ],
    ),
    (
        Credential::ImplicitExpiredCustomerToken,
        [
            403, 200, 401, 401, 401, 401, 401, 401, 401, 403, 403, 200, 401, 401, 401, 401, 401,
            401, 401, 401,
        ],
    ),
    (
        Credential::ClientCredentials,
        [
            201, 200, 200, 201, 200, 200, 400, 204, 204, 200, 204, 200, 200, 201, 200, 204, 201,
            201, 200, 200,
        ],
    ),
    (
        Credential::ClientCredentialsCustomerA,
        [
            201, 200, 200, 201, 200, 200, 400, 403, 403, 200, 204, 200, 200, 201, 200, 204, 201,
            403, 404, 404,
        ],
    ),
];

#[derive(serde::Serialize, serde::Deserialize, Clone)]
struct Claims {
    sub: String,
    jti: String,
    iat: i64,
    exp: i64,
}

/// The claims of a token, read without checking it.
fn claims(token: &str) -> Claims {
    let mut validation = Validation::new(Algorithm::HS256);
    validation.insecure_disable_signature_validation();
    validation.validate_exp = false;
    jsonwebtoken::decode::<Claims>(token, &DecodingKey::from_secret(b"unused"), &validation)
        .unwrap()
        .claims
}

fn sign(claims: &Claims, secret: &[u8]) -> String {
    jsonwebtoken::encode(
        &Header::new(Algorithm::HS256),
        claims,
        &EncodingKey::from_secret(secret),
    )
    .unwrap()
}

/// Headers of one credential: (authorization, customer token).
async fn headers(emulator: &Emulator, credential: Credential) -> (Option<String>, Option<String>) {
    let (a_token, _) = emulator.login(RON).await;
    let bearer = |token: String| Some(format!("Bearer {token}"));
    match credential {
        Credential::None => (None, None),
        Credential::MalformedBearer => (Some("Bearer not-a-token%00".into()), None),
        Credential::ExpiredBearer => {
            let old = emulator.implicit().await;
            send(emulator.post("/__emulator/tokens/expire"))
                .await
                .expect(204);
            (bearer(old), None)
        }
        Credential::Implicit => (bearer(emulator.implicit().await), None),
        Credential::ImplicitCustomerA => (bearer(emulator.implicit().await), Some(a_token)),
        Credential::ImplicitWrongKeyToken => (
            bearer(emulator.implicit().await),
            Some(sign(&claims(&a_token), b"somebody else's key")),
        ),
        Credential::ImplicitAlgNoneToken => {
            // {"alg":"none","typ":"JWT"}, A's real claims, no signature.
            let payload = a_token.split('.').nth(1).unwrap();
            let forged = format!("eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.{payload}.");
            (bearer(emulator.implicit().await), Some(forged))
        }
        Credential::ImplicitExpiredCustomerToken => {
            let mut expired = claims(&a_token);
            expired.iat -= 3 * 86_400;
            expired.exp -= 2 * 86_400;
            (
                bearer(emulator.implicit().await),
                Some(sign(&expired, JWT_SECRET.as_bytes())),
            )
        }
        Credential::ClientCredentials => (bearer(emulator.admin().await), None),
        Credential::ClientCredentialsCustomerA => (bearer(emulator.admin().await), Some(a_token)),
    }
}

/// Block plane, in every store's catalog.
const PLANE: &str = "e1a6f0c2-5b3d-4c8e-9a71-2f4d6b8c0a01";

/// Puts one item in B's cart and has B check out another cart; returns (item id, order id).
async fn b_fixtures(emulator: &Emulator, b_id: &str) -> (String, String) {
    let (b_token, _) = emulator.login(LESLIE).await;
    let implicit = emulator.implicit().await;
    let add = |cart: &str| {
        emulator
            .post(&format!("/v2/carts/{cart}/items"))
            .bearer_auth(&implicit)
            .json(&json!({"data": {"type": "cart_item", "id": PLANE, "quantity": 1}}))
    };
    let items = send(add(LESLIE_CART)).await;
    let item = items.expect(201)["data"][0]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    send(add("leslie-waffles")).await.expect(201);
    let order = send(
        emulator
            .post("/v2/carts/leslie-waffles/checkout")
            .bearer_auth(&implicit)
            .header("X-Moltin-Customer-Token", b_token)
            .json(&checkout_body(b_id)),
    )
    .await;
    let order = order.expect(201)["data"]["id"].as_str().unwrap().to_owned();
    (item, order)
}

fn checkout_body(customer_id: &str) -> Value {
    let address = json!({"first_name": "Leslie", "last_name": "Knope", "line_1": "1 Main St",
                         "postcode": "47998", "country": "US"});
    json!({"data": {"customer": {"id": customer_id}, "billing_address": address,
                    "shipping_address": address}})
}

fn request(
    emulator: &Emulator,
    endpoint: &str,
    b_id: &str,
    (item, order): (&str, &str),
) -> RequestBuilder {
    let (method, path) = endpoint.split_once(' ').unwrap();
    let path = path
        .replace(":id", LESLIE_CART)
        .replace(":item", item)
        .replace(":order", order);
    let method = Method::from_bytes(method.as_bytes()).unwrap();
    let builder = emulator.request(method, &path);
    let body = match endpoint {
        "POST /v2/customers" => json!({"data": {"type": "customer", "name": "Mallory",
            "email": "mallory@example.com", "password": "pw"}}),
        "POST /v2/customers/tokens" => json!({"data": {"type": "token", "email": RON.0,
            "password": RON.1, "authentication_mechanism": "password"}}),
        "POST /v2/carts" | "PUT /v2/carts/:id" => json!({"data": {"name": "renamed"}}),
        "POST /v2/carts/:id/items" => {
            json!({"data": {"type": "cart_item", "id": PLANE, "quantity": 1}})
        }
        "PUT /v2/carts/:id/items/:item" => json!({"data": {"quantity": 2}}),
        "POST /v2/carts/:id/items/:item/taxes" => {
            json!({"data": {"type": "tax_item", "name": "VAT", "rate": 0.2}})
        }
        "POST /v2/carts/:id/checkout" => checkout_body(b_id),
        _ if endpoint.ends_with("/customers") => {
            json!({"data": [{"type": "customer", "id": b_id}]})
        }
        _ if endpoint.ends_with("/accounts") => {
            json!({"data": [{"type": "account", "id": "acc-1"}]})
        }
        _ => return builder,
    };
    builder.json(&body)
}

/// Customer B's carts as B sees them, each with its customers.
async fn carts_of(emulator: &Emulator, customer: (&str, &str)) -> Vec<(String, Value)> {
    let (token, _) = emulator.login(customer).await;
    let implicit = emulator.implicit().await;
    let reply = send(
        emulator
            .get("/v2/carts?page[limit]=100")
            .bearer_auth(implicit)
            .header("X-Moltin-Customer-Token", token),
    )
    .await;
    reply.expect(200)["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|cart| {
            (
                cart["id"].as_str().unwrap().to_owned(),
                cart["relationships"]["customers"].clone(),
            )
        })
        .collect()
}

#[tokio::test]
async fn every_endpoint_against_every_credential() {
    let mut cells = 0;
    let mut failures = Vec::new();
    for (credential, row) in MATRIX {
        for (endpoint, &expected) in ENDPOINTS.iter().zip(row.iter()) {
            let emulator = Emulator::start().await;
            let (_, b_id) = emulator.login(LESLIE).await;
            let (_, a_id) = emulator.login(RON).await;
            let b_before = carts_of(&emulator, LESLIE).await;
            let a_before: Vec<String> = carts_of(&emulator, RON)
                .await
                .into_iter()
                .map(|c| c.0)
                .collect();
            let (item, order) = b_fixtures(&emulator, &b_id).await;
            let (authorization, customer_token) = headers(&emulator, credential).await;
            let mut builder = request(&emulator, endpoint, &b_id, (&item, &order));
            if let Some(value) = authorization {
                builder = builder.header("Authorization", value);
            }
            if let Some(token) = customer_token {
                builder = builder.header("X-Moltin-Customer-Token", token);
            }
            let reply = send(builder).await;
            cells += 1;
            if reply.status != expected {
                failures.push(format!(
                    "{credential:?} × {endpoint}: {} (expected {expected}) {}",
                    reply.status, reply.text
                ));
                continue;
            }
            if reply.status >= 400 {
                // Every refusal is in the API's error format.
                reply.error();
            }

            // A customer's listing holds only that customer's carts.
            if endpoint == &"GET /v2/carts"
                && matches!(
                    credential,
                    Credential::ImplicitCustomerA | Credential::ClientCredentialsCustomerA
                )
            {
                let listed: Vec<&str> = reply.json["data"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|c| c["id"].as_str().unwrap())
                    .collect();
                assert_eq!(listed, a_before, "{credential:?}: A's listing is A's carts");
                for cart in reply.json["data"].as_array().unwrap() {
                    let owners = &cart["relationships"]["customers"]["data"];
                    assert!(owners
                        .as_array()
                        .unwrap()
                        .iter()
                        .any(|o| o["id"] == a_id.as_str()));
                    assert!(
                        !owners.to_string().contains(&b_id),
                        "B's cart in A's listing"
                    );
                }
            }

            // Only an admin may change B's associations; nobody else changes B's carts' owners.
            let admin = matches!(credential, Credential::ClientCredentials);
            if !admin {
                let b_after = carts_of(&emulator, LESLIE).await;
                assert_eq!(b_after.len(), b_before.len(), "{credential:?} × {endpoint}");
                let owners = |carts: &[(String, Value)]| {
                    let mut v: Vec<(String, String)> = carts
                        .iter()
                        .map(|(id, c)| (id.clone(), c.to_string()))
                        .collect();
                    v.sort();
                    v
                };
                assert_eq!(
                    owners(&b_after),
                    owners(&b_before),
                    "{credential:?} × {endpoint}"
                );
            }
        }
    }
    println!(
        "authorization matrix: {cells} cells ({} endpoints × {} credentials)",
        ENDPOINTS.len(),
        MATRIX.len()
    );
    assert!(
        failures.is_empty(),
        "{} cells differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
