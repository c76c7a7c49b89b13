//! Starts an emulator on a free loopback port inside the test's runtime and talks to it over
//! real HTTP.

use epcc_emulator::AppConfig;
use reqwest::header::HeaderMap;
use reqwest::{Method, RequestBuilder};
use serde_json::{json, Value};
use tokio::net::TcpListener;
use tokio::task::JoinHandle;

pub const CLIENT_ID: &str = "test-client";
pub const CLIENT_SECRET: &str = "test-secret";
pub const JWT_SECRET: &str = "test-jwt-secret";

pub const RON: (&str, &str) = ("ron@swanson.com", "mysecretpassword");
pub const LESLIE: (&str, &str) = ("leslie@knope.com", "pawnee2026");

/// The configuration most tests use: fixed credentials, demo data.
pub fn config() -> AppConfig {
    AppConfig {
        client_id: CLIENT_ID.to_owned(),
        client_secret: CLIENT_SECRET.to_owned(),
        jwt_secret: Some(JWT_SECRET.to_owned()),
        seed: Some(1),
        ..AppConfig::default()
    }
}

/// A running emulator; stopped when dropped.
pub struct Emulator {
    pub base: String,
    pub http: reqwest::Client,
    server: JoinHandle<std::io::Result<()>>,
}

impl Drop for Emulator {
    fn drop(&mut self) {
        self.server.abort();
    }
}

/// A response, read whole.
#[derive(Debug)]
pub struct Reply {
    pub status: u16,
    pub headers: HeaderMap,
    pub text: String,
    /// The body parsed as JSON; `Null` when empty or not JSON.
    pub json: Value,
}

impl Reply {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|value| value.to_str().ok())
    }

    /// The single error of an error body.
    pub fn error(&self) -> &Value {
        let errors = self.json["errors"]
            .as_array()
            .unwrap_or_else(|| panic!("not an error body ({}): {}", self.status, self.text));
        assert_eq!(errors.len(), 1, "{}", self.text);
        assert_eq!(errors[0]["status"], self.status, "{}", self.text);
        &errors[0]
    }

    /// Asserts the status and the error title.
    #[track_caller]
    pub fn assert_error(&self, status: u16, title: &str) {
        assert_eq!(self.status, status, "{}", self.text);
        assert_eq!(self.error()["title"], title, "{}", self.text);
    }

    /// Asserts the status and returns the JSON body.
    #[track_caller]
    pub fn expect(&self, status: u16) -> &Value {
        assert_eq!(self.status, status, "{}", self.text);
        &self.json
    }
}

/// Sends a request and reads its response.
pub async fn send(request: RequestBuilder) -> Reply {
    let response = request.send().await.expect("the emulator answers");
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    let text = response.text().await.expect("a readable body");
    let json = serde_json::from_str(&text).unwrap_or(Value::Null);
    Reply {
        status,
        headers,
        text,
        json,
    }
}

impl Emulator {
    /// An emulator with the demo data and the test credentials.
    pub async fn start() -> Self {
        Self::with(config()).await
    }

    /// An emulator with an empty store.
    pub async fn empty() -> Self {
        Self::with(AppConfig {
            empty: true,
            ..config()
        })
        .await
    }

    /// An emulator with the given configuration.
    pub async fn with(config: AppConfig) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = epcc_emulator::listening_url(listener.local_addr().unwrap());
        let server = tokio::spawn(epcc_emulator::serve(listener, config));
        Emulator {
            base,
            http: reqwest::Client::new(),
            server,
        }
    }

    pub fn request(&self, method: Method, path: &str) -> RequestBuilder {
        self.http.request(method, format!("{}{path}", self.base))
    }

    pub fn get(&self, path: &str) -> RequestBuilder {
        self.request(Method::GET, path)
    }

    pub fn post(&self, path: &str) -> RequestBuilder {
        self.request(Method::POST, path)
    }

    pub fn put(&self, path: &str) -> RequestBuilder {
        self.request(Method::PUT, path)
    }

    pub fn delete(&self, path: &str) -> RequestBuilder {
        self.request(Method::DELETE, path)
    }

    /// Requests a client token with a raw form body.
    pub async fn oauth(&self, form: &str) -> Reply {
        send(
            self.post("/oauth/access_token")
                .header("content-type", "application/x-www-form-urlencoded")
                .body(form.to_owned()),
        )
        .await
    }

    /// A fresh implicit token.
    pub async fn implicit(&self) -> String {
        let reply = self
            .oauth(&format!("grant_type=implicit&client_id={CLIENT_ID}"))
            .await;
        reply.expect(200)["access_token"]
            .as_str()
            .unwrap()
            .to_owned()
    }

    /// A fresh client_credentials token.
    pub async fn admin(&self) -> String {
        let reply = self
            .oauth(&format!(
                "grant_type=client_credentials&client_id={CLIENT_ID}&client_secret={CLIENT_SECRET}"
            ))
            .await;
        reply.expect(200)["access_token"]
            .as_str()
            .unwrap()
            .to_owned()
    }

    /// Logs a customer in; returns (customer token, customer id).
    pub async fn login(&self, (email, password): (&str, &str)) -> (String, String) {
        let token = self.implicit().await;
        let reply = send(
            self.post("/v2/customers/tokens")
                .bearer_auth(token)
                .json(&json!({
                    "data": {"type": "token", "email": email, "password": password,
                             "authentication_mechanism": "password"}
                })),
        )
        .await;
        let data = &reply.expect(200)["data"];
        (
            data["token"].as_str().unwrap().to_owned(),
            data["customer_id"].as_str().unwrap().to_owned(),
        )
    }

    /// Registers a customer with a password; returns its id.
    pub async fn register(&self, admin: &str, name: &str, email: &str, password: &str) -> String {
        let reply = send(self.post("/v2/customers").bearer_auth(admin).json(&json!({
            "data": {"type": "customer", "name": name, "email": email, "password": password}
        })))
        .await;
        reply.expect(201)["data"]["id"].as_str().unwrap().to_owned()
    }

    /// Creates a cart; returns the cart.
    pub async fn create_cart(&self, token: &str, body: Value) -> Value {
        let reply = send(
            self.post("/v2/carts")
                .bearer_auth(token)
                .json(&json!({ "data": body })),
        )
        .await;
        reply.expect(201)["data"].clone()
    }

    /// Associates a customer with a cart using a client_credentials token.
    pub async fn associate(&self, admin: &str, cart_id: &str, customer_id: &str) -> Reply {
        send(
            self.post(&format!("/v2/carts/{cart_id}/relationships/customers"))
                .bearer_auth(admin)
                .json(&json!({"data": [{"type": "customer", "id": customer_id}]})),
        )
        .await
    }

    /// The ids of a listing, in order.
    pub async fn list_ids(&self, request: RequestBuilder) -> Vec<String> {
        let reply = send(request).await;
        reply.expect(200)["data"]
            .as_array()
            .unwrap()
            .iter()
            .map(|cart| cart["id"].as_str().unwrap().to_owned())
            .collect()
    }

    /// The journal.
    pub async fn journal(&self) -> Vec<Value> {
        let reply = send(self.get("/__emulator/requests")).await;
        reply.expect(200)["requests"].as_array().unwrap().clone()
    }

    /// Adds a fault rule; returns its id.
    pub async fn fault(&self, rule: Value) -> u64 {
        let reply = send(self.post("/__emulator/faults").json(&rule)).await;
        reply.expect(201)["id"].as_u64().unwrap()
    }
}
