//! Cart create, read, update, delete.

use epcc_emulator::AppConfig;
use serde_json::{json, Value};

use crate::harness::{config, send, Emulator, RON};

const UNSAFE_ID: &str = "cart id must contain only letters, digits, '_' and '-'";

fn parse_time(text: &Value) -> i64 {
    // "2022-12-03T15:51:44Z": checked for shape, converted through the date command's rules.
    let text = text.as_str().unwrap();
    assert_eq!(text.len(), 20, "{text}");
    assert!(text.ends_with('Z') && text.as_bytes()[10] == b'T', "{text}");
    let number = |range: std::ops::Range<usize>| text[range].parse::<i64>().unwrap();
    let (year, month, day) = (number(0..4), number(5..7), number(8..10));
    let (hour, minute, second) = (number(11..13), number(14..16), number(17..19));
    // Days from civil (Howard Hinnant's algorithm).
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    days * 86_400 + hour * 3600 + minute * 60 + second
}

#[tokio::test]
async fn created_carts_have_the_documented_shape() {
    let emulator = Emulator::with(AppConfig {
        public_url: Some("https://shop.example/".to_owned()),
        ..config()
    })
    .await;
    let token = emulator.implicit().await;
    let cart = emulator
        .create_cart(
            &token,
            json!({"name": "Bob's cart", "description": "for the BBQ"}),
        )
        .await;
    let id = cart["id"].as_str().unwrap();
    assert_eq!(id.len(), 36, "a generated UUID");
    assert_eq!(cart["type"], "cart");
    assert_eq!(cart["name"], "Bob's cart");
    assert_eq!(cart["description"], "for the BBQ");
    assert_eq!(
        cart["discount_settings"],
        json!({"custom_discounts_enabled": false, "use_rule_promotions": false})
    );
    assert_eq!(
        cart["links"]["self"],
        format!("https://shop.example/v2/carts/{id}")
    );
    let zero = json!({"amount": 0, "currency": "", "formatted": "0"});
    for price in [
        "with_tax",
        "without_tax",
        "tax",
        "discount",
        "without_discount",
    ] {
        assert_eq!(cart["meta"]["display_price"][price], zero);
    }
    let timestamps = &cart["meta"]["timestamps"];
    let updated = parse_time(&timestamps["updated_at"]);
    assert_eq!(parse_time(&timestamps["created_at"]), updated);
    assert_eq!(parse_time(&timestamps["expires_at"]), updated + 7 * 86_400);
    assert_eq!(
        cart["relationships"],
        json!({"items": {"data": null}, "customers": {}, "accounts": {}})
    );

    let read = send(emulator.get(&format!("/v2/carts/{id}")).bearer_auth(&token)).await;
    assert_eq!(read.expect(200)["data"], cart);
}

#[tokio::test]
async fn custom_ids_must_be_safe_and_unique() {
    let emulator = Emulator::empty().await;
    let token = emulator.implicit().await;
    let cart = emulator
        .create_cart(&token, json!({"name": "Mine", "id": "my_cart-01"}))
        .await;
    assert_eq!(cart["id"], "my_cart-01");

    let duplicate = send(emulator.post("/v2/carts").bearer_auth(&token).json(&json!({
        "data": {"name": "Again", "id": "my_cart-01"}
    })))
    .await;
    assert_eq!(duplicate.status, 409, "{}", duplicate.text);

    for bad in ["has space", "dot.ted", "slash/ed", "ünïcode", ""] {
        let reply = send(emulator.post("/v2/carts").bearer_auth(&token).json(&json!({
            "data": {"name": "x", "id": bad}
        })))
        .await;
        reply.assert_error(400, "Bad Request");
        assert_eq!(reply.error()["detail"], UNSAFE_ID);
    }
}

#[tokio::test]
async fn names_are_required_and_at_most_255_characters() {
    let emulator = Emulator::empty().await;
    let token = emulator.implicit().await;
    let long = "é".repeat(255);
    assert_eq!(
        emulator.create_cart(&token, json!({"name": long})).await["name"],
        long
    );
    for data in [
        json!({}),
        json!({"name": ""}),
        json!({"name": null}),
        json!({"name": 5}),
        json!({"name": "x".repeat(256)}),
        json!({"name": "x", "description": []}),
        json!({"name": "x", "discount_settings": {"use_rule_promotions": "yes"}}),
    ] {
        let reply = send(
            emulator
                .post("/v2/carts")
                .bearer_auth(&token)
                .json(&json!({ "data": data })),
        )
        .await;
        reply.assert_error(422, "Failed Validation");
    }
    let reply = send(
        emulator
            .post("/v2/carts")
            .bearer_auth(&token)
            .body("not json"),
    )
    .await;
    reply.assert_error(400, "Bad Request");
}

#[tokio::test]
async fn reading_an_unknown_cart_creates_an_empty_one() {
    let emulator = Emulator::empty().await;
    let token = emulator.implicit().await;
    let first = send(emulator.get("/v2/carts/brand-new_1").bearer_auth(&token)).await;
    let cart = first.expect(200)["data"].clone();
    assert_eq!(cart["id"], "brand-new_1");
    assert_eq!(cart["name"], "Cart");
    assert_eq!(cart["relationships"]["items"]["data"], Value::Null);
    let again = send(emulator.get("/v2/carts/brand-new_1").bearer_auth(&token)).await;
    assert_eq!(
        again.expect(200)["data"],
        cart,
        "the same cart, not a new one"
    );
}

#[tokio::test]
async fn updates_change_fields_and_bump_the_cart_to_the_top() {
    let emulator = Emulator::empty().await;
    let admin = emulator.admin().await;
    let older = emulator.create_cart(&admin, json!({"name": "older"})).await;
    emulator.create_cart(&admin, json!({"name": "newer"})).await;
    let id = older["id"].as_str().unwrap();
    let reply = send(
        emulator
            .put(&format!("/v2/carts/{id}"))
            .bearer_auth(&admin)
            .json(&json!({
                "data": {"name": "renamed", "discount_settings": {"use_rule_promotions": true}}
            })),
    )
    .await;
    let cart = &reply.expect(200)["data"];
    assert_eq!(cart["name"], "renamed");
    assert_eq!(cart["description"], "", "fields not given are kept");
    assert_eq!(cart["discount_settings"]["use_rule_promotions"], true);
    let ids = emulator
        .list_ids(emulator.get("/v2/carts").bearer_auth(&admin))
        .await;
    assert_eq!(ids[0], id, "the update moved the cart to the top");

    let unknown = send(
        emulator
            .put("/v2/carts/nope")
            .bearer_auth(&admin)
            .json(&json!({
                "data": {"name": "x"}
            })),
    )
    .await;
    unknown.assert_error(404, "Cart not found");
    let invalid = send(
        emulator
            .put(&format!("/v2/carts/{id}"))
            .bearer_auth(&admin)
            .json(&json!({
                "data": {"name": ""}
            })),
    )
    .await;
    invalid.assert_error(422, "Failed Validation");
}

#[tokio::test]
async fn deleting_carts() {
    let emulator = Emulator::empty().await;
    let token = emulator.implicit().await;
    emulator
        .create_cart(&token, json!({"name": "bye", "id": "bye"}))
        .await;
    assert_eq!(
        send(emulator.delete("/v2/carts/bye").bearer_auth(&token))
            .await
            .status,
        204
    );
    send(emulator.delete("/v2/carts/bye").bearer_auth(&token))
        .await
        .assert_error(404, "Cart not found");
}

#[tokio::test]
async fn a_cart_associated_with_a_customer_cannot_be_deleted() {
    let emulator = Emulator::start().await;
    let admin = emulator.admin().await;
    let (_, ron) = emulator.login(RON).await;
    emulator
        .create_cart(&admin, json!({"name": "kept", "id": "kept"}))
        .await;
    emulator.associate(&admin, "kept", &ron).await.expect(200);
    let reply = send(emulator.delete("/v2/carts/kept").bearer_auth(&admin)).await;
    assert_eq!(
        reply.json,
        json!({"errors": [{"status": 400, "title": "Last cart",
            "detail": "This is the last cart associated with a customer and it cannot be deleted, try disassociating instead"}]})
    );
    assert_eq!(reply.status, 400);
}

#[tokio::test]
async fn unsafe_cart_ids_are_400_on_every_path() {
    let emulator = Emulator::start().await;
    let admin = emulator.admin().await;
    let body = json!({"data": [{"type": "customer", "id": "x"}]});
    let requests = [
        emulator.get("/v2/carts/bad.id"),
        emulator.get("/v2/carts/bad%20id"),
        emulator.get("/v2/carts/%C3%A9"),
        emulator.get("/v2/carts/%FF"),
        emulator
            .put("/v2/carts/bad$id")
            .json(&json!({"data": {"name": "x"}})),
        emulator.delete("/v2/carts/bad~id"),
        emulator
            .post("/v2/carts/bad.id/relationships/customers")
            .json(&body),
        emulator
            .delete("/v2/carts/bad.id/relationships/customers")
            .json(&body),
        emulator
            .post("/v2/carts/bad.id/relationships/accounts")
            .json(&body),
    ];
    for request in requests {
        let reply = send(request.bearer_auth(&admin)).await;
        assert_eq!(
            reply.json,
            json!({"errors": [{"status": 400, "title": "Bad Request", "detail": UNSAFE_ID}]}),
            "{}",
            reply.text
        );
    }
}

#[tokio::test]
async fn a_customer_token_on_create_associates_the_cart_at_once() {
    let emulator = Emulator::start().await;
    let implicit = emulator.implicit().await;
    let (token, ron) = emulator.login(RON).await;
    let reply = send(
        emulator
            .post("/v2/carts")
            .bearer_auth(&implicit)
            .header("x-moltin-customer-token", &token)
            .json(&json!({"data": {"name": "Ron's new cart"}})),
    )
    .await;
    let cart = &reply.expect(201)["data"];
    assert_eq!(
        cart["relationships"]["customers"],
        json!({"data": [{"type": "customer", "id": ron}]})
    );
    let ids = emulator
        .list_ids(
            emulator
                .get("/v2/carts")
                .bearer_auth(&implicit)
                .header("x-moltin-customer-token", &token),
        )
        .await;
    assert_eq!(ids[0], cart["id"].as_str().unwrap());
}
