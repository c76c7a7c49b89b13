//! The emulator's answers against the response schemas of Elastic Path's own OpenAPI documents
//! (`shared/reference/openapi`): a scenario drives every operation they describe that the
//! emulator serves (tokens, carts and their list, customer and account associations, cart items,
//! taxes, custom discounts, promotions, checkout and orders), successes and refusals, with the
//! implicit, client_credentials and customer tokens they are called with, and each JSON answer
//! is validated against the schema
//! that each document gives for its operation and status (`$ref`s resolved inside the
//! document; an error status the document leaves out is held to its general error schema).
//!
//! Every answer of these operations must conform to every document that describes it, except
//! where [`deviation`] names a documented decision (the two documents contradict each other
//! there, or `api.md`). The test prints
//! how many answers conform. Without the documents (they live outside the crate) it says so and
//! passes.

use std::collections::HashMap;
use std::path::PathBuf;

use serde_json::{json, Value};

use crate::harness::{send, Emulator, Reply, RON};
use crate::items::{BINDER, PLANE};
use crate::orders::{address, as_customer};

/// The documents: (name, path below `shared/reference/openapi`, its general error schema).
const DOCUMENTS: [(&str, &str, &str); 4] = [
    (
        "elasticpath-dev",
        "elasticpath-dev/cartsorders/OpenAPISpec.yaml",
        "Response.Error",
    ),
    (
        "composable-frontend",
        "composable-frontend/cart_checkout.yaml",
        "Response.ErrorResponse",
    ),
    (
        "elasticpath-dev authentication",
        "elasticpath-dev/authentication/OpenAPISpec.yaml",
        "ErrorResponse",
    ),
    (
        "composable-frontend authentication",
        "composable-frontend/authentication.yaml",
        "ErrorResponse",
    ),
];

/// Why an answer may not conform to a document at the place `error` names, if it may: each is a
/// documented decision of the emulator (see its README), where a document contradicts itself,
/// the other document or `api.md`. `error` is as [`Document::check`] writes it: "... at <instance
/// path>"; an answer is excused only when every error a document finds in it is.
fn deviation(
    document: &str,
    method: &str,
    template: &str,
    status: u16,
    error: &str,
) -> Option<&'static str> {
    let at = |end: &str| error.ends_with(end);
    match (document, method, template, status) {
        ("elasticpath-dev", _, _, 400..) => Some(
            "this document's Response.Error is `type: array`, against its own examples and \
             api.md section 6: every error body is {\"errors\":[...]}",
        ),
        ("elasticpath-dev", _, "/v2/carts/{cartID}" | "/v2/carts", 200..=201)
            if at("/relationships/items/data") || at("/relationships/customers/data") =>
        {
            Some(
                "this document's CartResponse has relationships.customers.data and items.data as \
                 one object each; the newer composable-frontend document (and the API) list them \
                 in arrays, items.data null when there are none",
            )
        }
        (_, "GET", "/v2/carts", 200) if at(" at /links/next") => Some(
            "api.md section 5: `next` is null on the last page; composable-frontend's \
             Response.PageLinks says so too, but both documents type it as a string",
        ),
        (_, "POST", "/oauth/access_token", 400..) if at("/status") => Some(
            "api.md section 6: an error's `status` is a number, as in every other error of the \
             API; the authentication documents type it as a string",
        ),
        _ => None,
    }
}

fn openapi_dir() -> Option<PathBuf> {
    let mut dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    loop {
        let candidate = dir.join("shared/reference/openapi");
        if candidate.is_dir() {
            return Some(candidate);
        }
        let sibling = dir.join("../shared/reference/openapi");
        if sibling.is_dir() {
            return Some(sibling);
        }
        if !dir.pop() {
            return None;
        }
    }
}

/// One document, and its compiled response schemas by JSON pointer.
struct Document {
    name: &'static str,
    root: Value,
    error_schema: &'static str,
    compiled: HashMap<String, jsonschema::Validator>,
}

fn escape(segment: &str) -> String {
    segment.replace('~', "~0").replace('/', "~1")
}

impl Document {
    /// The pointer of the schema of `method template` answering `status`, if the document has
    /// one (an error status it leaves out gets its general error schema).
    fn schema_pointer(&self, method: &str, template: &str, status: u16) -> Option<String> {
        let operation = self.root.pointer(&format!(
            "/paths/{}/{}",
            escape(template),
            method.to_lowercase()
        ))?;
        let responses = operation.get("responses")?;
        match responses.get(status.to_string()) {
            Some(response) => {
                // A response is written out, or refers to one of the document's shared ones.
                let (at, response) = match response.get("$ref").and_then(Value::as_str) {
                    Some(shared) => (
                        shared.to_owned(),
                        self.root.pointer(shared.strip_prefix('#')?)?,
                    ),
                    None => (
                        format!(
                            "#/paths/{}/{}/responses/{status}",
                            escape(template),
                            method.to_lowercase()
                        ),
                        response,
                    ),
                };
                response.pointer("/content/application~1json/schema")?;
                Some(format!("{at}/content/application~1json/schema"))
            }
            None if status >= 400 => Some(format!(
                "#/components/schemas/{}",
                escape(self.error_schema)
            )),
            None => None,
        }
    }

    /// The errors of `instance` against the schema at `pointer`.
    fn check(&mut self, pointer: &str, instance: &Value) -> Vec<String> {
        if !self.compiled.contains_key(pointer) {
            let mut root = self.root.clone();
            // A URI fragment: braces of path templates are percent-encoded.
            root["$ref"] = json!(pointer.replace('{', "%7B").replace('}', "%7D"));
            let validator = jsonschema::options()
                .with_draft(jsonschema::Draft::Draft202012)
                .should_validate_formats(false)
                .build(&root)
                .unwrap_or_else(|e| panic!("{}: {pointer}: {e}", self.name));
            self.compiled.insert(pointer.to_owned(), validator);
        }
        self.compiled[pointer]
            .iter_errors(instance)
            .map(|error| format!("{} at {}", error, error.instance_path()))
            .collect()
    }
}

/// An answer of the scenario: method, path template (as the documents write it), the reply.
struct Exchange {
    method: &'static str,
    template: &'static str,
    reply: Reply,
}

struct Scenario<'a> {
    emulator: &'a Emulator,
    token: String,
    exchanges: Vec<Exchange>,
}

impl Scenario<'_> {
    /// Sends `method path` with the scenario's implicit token (and `headers`), records the
    /// answer under `template`, and returns its JSON.
    /// Makes these calls in turn, with no extra headers: (method, template, path, body).
    async fn calls<const N: usize>(
        &mut self,
        list: [(&'static str, &'static str, &str, Option<Value>); N],
    ) {
        for (method, template, path, body) in list {
            self.call(method, template, path, body, &[]).await;
        }
    }

    async fn call(
        &mut self,
        method: &'static str,
        template: &'static str,
        path: &str,
        body: Option<Value>,
        headers: &[(&str, &str)],
    ) -> Value {
        let mut builder = self
            .emulator
            .request(
                reqwest::Method::from_bytes(method.as_bytes()).unwrap(),
                path,
            )
            .bearer_auth(&self.token);
        for (name, value) in headers {
            builder = builder.header(*name, *value);
        }
        if let Some(body) = body {
            builder = builder.json(&body);
        }
        let reply = send(builder).await;
        let json = reply.json.clone();
        self.exchanges.push(Exchange {
            method,
            template,
            reply,
        });
        json
    }
}

const ITEMS: &str = "/v2/carts/{cartID}/items";
const ITEM: &str = "/v2/carts/{cartID}/items/{cartitemID}";
const ITEM_TAXES: &str = "/v2/carts/{cartID}/items/{cartitemID}/taxes";
const ITEM_TAX: &str = "/v2/carts/{cartID}/items/{cartitemID}/taxes/{taxitemID}";
const TAXES: &str = "/v2/carts/{cartID}/taxes";
const CART_DISCOUNTS: &str = "/v2/carts/{cartID}/custom-discounts";
const CART_DISCOUNT: &str = "/v2/carts/{cartID}/custom-discounts/{customdiscountID}";
const ITEM_DISCOUNTS: &str = "/v2/carts/{cartID}/items/{cartitemID}/custom-discounts";
const ITEM_DISCOUNT: &str =
    "/v2/carts/{cartID}/items/{cartitemID}/custom-discounts/{customdiscountID}";
const PROMOTION: &str = "/v2/carts/{cartID}/discounts/{promoCode}";
const CHECKOUT: &str = "/v2/carts/{cartID}/checkout";
const ORDER: &str = "/v2/orders/{orderID}";
const ORDER_ITEMS: &str = "/v2/orders/{orderID}/items";
const CART: &str = "/v2/carts/{cartID}";

async fn run_scenario(emulator: &Emulator) -> Vec<Exchange> {
    let mut s = Scenario {
        emulator,
        token: emulator.implicit().await,
        exchanges: Vec::new(),
    };
    let product =
        |id: &str, quantity: u64| json!({"type": "cart_item", "id": id, "quantity": quantity});
    let discount = json!({"type": "custom_discount", "external_id": "e", "discount_engine": "E",
                          "amount": -300, "description": "d", "discount_code": "CODE"});

    s.call("GET", ITEMS, "/v2/carts/s/items", None, &[]).await;
    let added = s
        .call(
            "POST",
            ITEMS,
            "/v2/carts/s/items",
            Some(json!({"data": product(PLANE, 2)})),
            &[],
        )
        .await;
    let item = added["data"][0]["id"].as_str().unwrap().to_owned();
    s.calls([
        ("POST", ITEMS, "/v2/carts/s/items", Some(json!({"data": {"type": "cart_item", "sku": "BINDER-3IN", "quantity": 1}}))),
        ("POST", ITEMS, "/v2/carts/s/items", Some(json!({"data": {"type": "custom_item", "name": "Gift wrap", "sku": "WRAP", "quantity": 1, "price": {"amount": 500}}}))),
        ("POST", ITEMS, "/v2/carts/s/items", Some(json!({"data": {"type": "promotion_item", "code": "SAVE10"}}))),
        ("POST", ITEMS, "/v2/carts/s/items", Some(json!({"data": [product(BINDER, 1), product("nope", 1)], "options": {"add_all_or_nothing": false}}))),
        ("POST", ITEMS, "/v2/carts/other/items", Some(json!({"data": product(BINDER, 1)}))),
        ("POST", ITEMS, "/v2/carts/s/items", Some(json!({"data": [{"type": "cart_items", "cart_id": "other"}], "options": {"add_all_or_nothing": false}}))),
        ("POST", ITEMS, "/v2/carts/s/items", Some(json!({"data": [product(BINDER, 1), product("nope", 1)], "options": {"add_all_or_nothing": true}}))),
        ("POST", ITEMS, "/v2/carts/s/items", Some(json!({"data": product("nope", 1)}))),
        ("POST", ITEMS, "/v2/carts/s/items", Some(json!({"data": {"type": "cart_item", "quantity": 1}}))),
        ("PUT", ITEM, &format!("/v2/carts/s/items/{item}"), Some(json!({"data": {"type": "cart_item", "id": item, "quantity": 3}}))),
        ("PUT", ITEM, "/v2/carts/s/items/nope", Some(json!({"data": {"quantity": 3}}))),
        ("PUT", ITEMS, "/v2/carts/s/items", Some(json!({"data": [{"id": item, "quantity": 2}]}))),
        ("PUT", ITEMS, "/v2/carts/missing/items", Some(json!({"data": [{"id": item, "quantity": 2}]}))),
    ])
    .await;

    let tax =
        json!({"type": "tax_item", "name": "VAT", "jurisdiction": "UK", "code": "V", "rate": 0.2});
    let created = s
        .call(
            "POST",
            ITEM_TAXES,
            &format!("/v2/carts/s/items/{item}/taxes"),
            Some(json!({"data": tax})),
            &[],
        )
        .await;
    let tax_id = created["data"]["id"].as_str().unwrap().to_owned();
    s.calls([
        (
            "POST",
            ITEM_TAXES,
            &format!("/v2/carts/s/items/{item}/taxes"),
            Some(json!({"data": {"type": "tax_item", "rate": 7}})),
        ),
        (
            "PUT",
            ITEM_TAX,
            &format!("/v2/carts/s/items/{item}/taxes/{tax_id}"),
            Some(json!({"data": {"type": "tax_item", "rate": 0.1}})),
        ),
    ])
    .await;
    let mut bulk_tax = tax.clone();
    bulk_tax["relationships"] = json!({"item": {"data": {"type": "cart_item", "id": item}}});
    s.calls([
        (
            "POST",
            TAXES,
            "/v2/carts/s/taxes",
            Some(json!({"data": [bulk_tax]})),
        ),
        (
            "DELETE",
            ITEM_TAX,
            &format!("/v2/carts/s/items/{item}/taxes/{tax_id}"),
            None,
        ),
        (
            "DELETE",
            ITEM_TAX,
            &format!("/v2/carts/s/items/{item}/taxes/{tax_id}"),
            None,
        ),
        ("DELETE", TAXES, "/v2/carts/s/taxes", None),
        (
            "POST",
            CART_DISCOUNTS,
            "/v2/carts/s/custom-discounts",
            Some(json!({"data": [discount.clone()]})),
        ),
        (
            "PUT",
            CART,
            "/v2/carts/s",
            Some(json!({"data": {"discount_settings": {"custom_discounts_enabled": true}}})),
        ),
    ])
    .await;
    let created = s
        .call(
            "POST",
            CART_DISCOUNTS,
            "/v2/carts/s/custom-discounts",
            Some(json!({"data": [discount.clone()]})),
            &[],
        )
        .await;
    let cart_discount = created["data"][0]["id"].as_str().unwrap().to_owned();
    s.calls([
        (
            "POST",
            CART_DISCOUNTS,
            "/v2/carts/s/custom-discounts",
            Some(json!({"data": discount.clone()})),
        ),
        (
            "PUT",
            CART_DISCOUNT,
            &format!("/v2/carts/s/custom-discounts/{cart_discount}"),
            Some(json!({"data": {"type": "custom_discount", "amount": -100}})),
        ),
    ])
    .await;
    let created = s
        .call(
            "POST",
            ITEM_DISCOUNTS,
            &format!("/v2/carts/s/items/{item}/custom-discounts"),
            Some(json!({"data": discount.clone()})),
            &[],
        )
        .await;
    let item_discount = created["data"]["id"].as_str().unwrap().to_owned();
    s.calls([
        (
            "POST",
            ITEM_DISCOUNTS,
            &format!("/v2/carts/s/items/{item}/custom-discounts"),
            Some(json!({"data": {"type": "custom_discount"}})),
        ),
        (
            "PUT",
            ITEM_DISCOUNT,
            &format!("/v2/carts/s/items/{item}/custom-discounts/{item_discount}"),
            Some(json!({"data": {"amount": -200}})),
        ),
        ("GET", ITEMS, "/v2/carts/s/items", None),
        (
            "DELETE",
            ITEM_DISCOUNT,
            &format!("/v2/carts/s/items/{item}/custom-discounts/{item_discount}"),
            None,
        ),
        (
            "DELETE",
            CART_DISCOUNT,
            &format!("/v2/carts/s/custom-discounts/{cart_discount}"),
            None,
        ),
        (
            "DELETE",
            CART_DISCOUNTS,
            "/v2/carts/s/custom-discounts",
            None,
        ),
        ("DELETE", PROMOTION, "/v2/carts/s/discounts/SAVE10", None),
        ("GET", CART, "/v2/carts/s?include=items", None),
    ])
    .await;

    let (customer_token, ron) = emulator.login(RON).await;
    let with_customer = [("X-Moltin-Customer-Token", customer_token.as_str())];
    s.call(
        "POST",
        CHECKOUT,
        "/v2/carts/s/checkout",
        Some(as_customer("nobody")),
        &[],
    )
    .await;
    let order = s
        .call(
            "POST",
            CHECKOUT,
            "/v2/carts/s/checkout",
            Some(as_customer(&ron)),
            &with_customer,
        )
        .await;
    let order_id = order["data"]["id"].as_str().unwrap().to_owned();
    s.call(
        "POST",
        CHECKOUT,
        "/v2/carts/s/checkout",
        Some(as_customer(&ron)),
        &with_customer,
    )
    .await;
    let guest = json!({"data": {"customer": {"name": "G", "email": "g@example.com"}, "billing_address": address(), "shipping_address": address()}});
    s.calls([
        (
            "POST",
            CHECKOUT,
            "/v2/carts/empty/checkout",
            Some(guest.clone()),
        ),
        (
            "POST",
            ITEMS,
            "/v2/carts/g/items",
            Some(json!({"data": product(BINDER, 1)})),
        ),
        ("POST", CHECKOUT, "/v2/carts/g/checkout", Some(guest)),
    ])
    .await;
    s.call(
        "GET",
        ORDER,
        &format!("/v2/orders/{order_id}"),
        None,
        &with_customer,
    )
    .await;
    s.call(
        "GET",
        ORDER_ITEMS,
        &format!("/v2/orders/{order_id}/items"),
        None,
        &with_customer,
    )
    .await;
    s.calls([
        ("GET", ORDER, &format!("/v2/orders/{order_id}"), None),
        ("GET", ORDER, "/v2/orders/nope", None),
    ])
    .await;

    let item = s.call("GET", ITEMS, "/v2/carts/s/items", None, &[]).await["data"][0]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    s.calls([
        ("DELETE", ITEM, &format!("/v2/carts/s/items/{item}"), None),
        ("DELETE", ITEM, "/v2/carts/s/items/nope", None),
        ("DELETE", ITEMS, "/v2/carts/s/items", None),
    ])
    .await;
    carts_and_tokens(&mut s).await;
    s.exchanges
}

const TOKEN: &str = "/oauth/access_token";
const CARTS: &str = "/v2/carts";
const CUSTOMERS: &str = "/v2/carts/{cartID}/relationships/customers";
const ACCOUNTS: &str = "/v2/carts/{cartID}/relationships/accounts";

/// The operations the SDK started with: tokens, carts, the list, and the associations, with the
/// implicit, client_credentials and customer tokens they are called with.
async fn carts_and_tokens(s: &mut Scenario<'_>) {
    use crate::harness::{CLIENT_ID, CLIENT_SECRET};
    for form in [
        format!("grant_type=implicit&client_id={CLIENT_ID}"),
        format!(
            "grant_type=client_credentials&client_id={CLIENT_ID}&client_secret={CLIENT_SECRET}"
        ),
        format!("grant_type=client_credentials&client_id={CLIENT_ID}&client_secret=wrong"),
        "grant_type=implicit&client_id=nobody".to_owned(),
        "grant_type=password".to_owned(),
    ] {
        let reply = s.emulator.oauth(&form).await;
        s.exchanges.push(Exchange {
            method: "POST",
            template: TOKEN,
            reply,
        });
    }

    let implicit = s.token.clone();
    let admin = s.emulator.admin().await;
    let (customer_token, customer_id) = s.emulator.login(RON).await;
    let created = s
        .call(
            "POST",
            CARTS,
            "/v2/carts",
            Some(json!({"data": {"name": "Schema cart", "description": "checked"}})),
            &[],
        )
        .await;
    let id = created["data"]["id"].as_str().unwrap().to_owned();
    let cart = format!("/v2/carts/{id}");
    let customers = format!("{cart}/relationships/customers");
    let accounts = format!("{cart}/relationships/accounts");
    let ron = json!({"data": [{"type": "customer", "id": customer_id}]});
    let as_ron = [("x-moltin-customer-token", customer_token.as_str())];
    s.calls([
        (
            "POST",
            CARTS,
            "/v2/carts",
            Some(json!({"data": {"name": 5}})),
        ),
        (
            "PUT",
            CART,
            &cart,
            Some(json!({"data": {"name": "Renamed"}})),
        ),
        (
            "PUT",
            CART,
            "/v2/carts/missing",
            Some(json!({"data": {"name": "x"}})),
        ),
        ("GET", CART, &cart, None),
        ("GET", CART, "/v2/carts/missing", None),
        ("GET", CARTS, "/v2/carts", None),
    ])
    .await;
    for (method, template, path, body) in [
        ("POST", CUSTOMERS, customers.as_str(), Some(ron.clone())),
        ("POST", CUSTOMERS, customers.as_str(), Some(ron.clone())),
        (
            "POST",
            CUSTOMERS,
            customers.as_str(),
            Some(json!({"data": [{"type": "customer", "id": "someone-else"}]})),
        ),
        ("GET", CARTS, "/v2/carts", None),
        ("GET", CARTS, "/v2/carts?include=items&page[limit]=1", None),
        ("GET", CART, &cart, None),
        ("DELETE", CUSTOMERS, customers.as_str(), Some(ron.clone())),
    ] {
        s.call(method, template, path, body, &as_ron).await;
    }
    s.token = admin;
    let account = json!({"data": [{"type": "account", "id": "acc-1"}]});
    s.calls([
        ("GET", CARTS, "/v2/carts", None),
        ("GET", CARTS, "/v2/carts?page[limit]=1&page[offset]=1", None),
        ("POST", CUSTOMERS, &customers, Some(ron.clone())),
        ("POST", ACCOUNTS, &accounts, Some(account.clone())),
        (
            "POST",
            ACCOUNTS,
            &accounts,
            Some(json!({"data": [{"type": "customer", "id": "x"}]})),
        ),
        ("DELETE", ACCOUNTS, &accounts, Some(account)),
        ("DELETE", CART, &cart, None),
        ("DELETE", CUSTOMERS, &customers, Some(ron)),
        ("DELETE", CART, &cart, None),
        ("DELETE", CART, "/v2/carts/never-read", None),
    ])
    .await;
    s.token = "not-a-token".to_owned();
    s.call("GET", CARTS, "/v2/carts", None, &[]).await;
    s.token = implicit;
}

#[tokio::test]
async fn answers_conform_to_the_openapi_documents() {
    let Some(dir) = openapi_dir() else {
        println!("openapi conformance: the OpenAPI documents are not here; nothing checked");
        return;
    };
    let mut documents: Vec<Document> = DOCUMENTS
        .iter()
        .map(|&(name, path, error_schema)| {
            let text = std::fs::read_to_string(dir.join(path)).unwrap();
            let root: Value = serde_yaml::from_str(&text).unwrap();
            Document {
                name,
                root,
                error_schema,
                compiled: HashMap::new(),
            }
        })
        .collect();
    let emulator = Emulator::start().await;
    let exchanges = run_scenario(&emulator).await;

    let mut undocumented = 0;
    // Per document: answers checked, conforming, excused by a documented decision.
    let mut tally: HashMap<&str, (u32, u32, u32)> = HashMap::new();
    let mut failures = Vec::new();
    for exchange in &exchanges {
        let reply = &exchange.reply;
        assert!(
            reply.status < 500,
            "{} {}: {}",
            exchange.method,
            exchange.template,
            reply.text
        );
        let mut described = false;
        for document in &mut documents {
            let Some(pointer) =
                document.schema_pointer(exchange.method, exchange.template, reply.status)
            else {
                continue;
            };
            described = true;
            if reply.text.is_empty() {
                continue;
            }
            let counts = tally.entry(document.name).or_default();
            counts.0 += 1;
            let errors = document.check(&pointer, &reply.json);
            if errors.is_empty() {
                counts.1 += 1;
                continue;
            }
            if errors.iter().all(|error| {
                deviation(
                    document.name,
                    exchange.method,
                    exchange.template,
                    reply.status,
                    error,
                )
                .is_some()
            }) {
                counts.2 += 1;
            } else {
                failures.push(format!(
                    "{} {} {} against {}: {}\n  {}",
                    exchange.method,
                    exchange.template,
                    reply.status,
                    document.name,
                    errors.join("; "),
                    reply.text
                ));
            }
        }
        if !described {
            undocumented += 1;
        }
    }
    let per_document: Vec<String> = DOCUMENTS
        .iter()
        .map(|(name, ..)| {
            let (checked, conform, excused) = tally.get(name).copied().unwrap_or_default();
            format!("{name}: {conform} of {checked} conform, {excused} documented deviations")
        })
        .collect();
    println!(
        "openapi conformance: {} answers; {}; {} failures; {undocumented} answers (204s) have \
         no JSON schema in any document",
        exchanges.len(),
        per_document.join("; "),
        failures.len(),
    );
    assert!(
        failures.is_empty(),
        "{} answers do not conform:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
