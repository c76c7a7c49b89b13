//! Checkout and reading orders.

use serde_json::{json, Value};

use crate::harness::{send, Emulator, LESLIE, RON};
use crate::items::{add_product, call, BINDER, PLANE};

pub fn address() -> Value {
    json!({"first_name": "Ron", "last_name": "Swanson", "line_1": "1 Main St",
           "city": "Pawnee", "postcode": "47998", "county": "Wamapoke", "country": "US"})
}

/// A checkout body for a registered customer.
pub fn as_customer(id: &str) -> Value {
    json!({"data": {"customer": {"id": id}, "billing_address": address(),
                    "shipping_address": address()}})
}

fn as_guest() -> Value {
    json!({"data": {"customer": {"name": "Guest", "email": "guest@example.com"},
                    "billing_address": address(), "shipping_address": address()}})
}

#[tokio::test]
async fn a_customer_checks_out_and_reads_the_order() {
    let emulator = Emulator::start().await;
    let (token, ron) = emulator.login(RON).await;
    add_product(&emulator, "ron-grill", PLANE, 2).await;
    let items = add_product(&emulator, "ron-grill", BINDER, 1).await;
    let cart = call(&emulator, "GET", "/v2/carts/ron-grill", None).await;
    let cart_prices = cart.expect(200)["data"]["meta"]["display_price"].clone();

    let implicit = emulator.implicit().await;
    let reply = send(
        emulator
            .post("/v2/carts/ron-grill/checkout")
            .bearer_auth(&implicit)
            .header("X-Moltin-Customer-Token", &token)
            .json(&as_customer(&ron)),
    )
    .await;
    let order = reply.expect(201)["data"].clone();
    assert_eq!(order["type"], "order");
    assert_eq!(order["status"], "incomplete");
    assert_eq!(order["payment"], "unpaid");
    assert_eq!(order["shipping"], "unfulfilled");
    assert_eq!(
        order["customer"],
        json!({"name": "Ron Swanson", "email": RON.0})
    );
    assert_eq!(
        order["relationships"]["customer"]["data"]["id"],
        ron.as_str()
    );
    assert_eq!(
        order["billing_address"]["line_2"], "",
        "absent fields are empty"
    );
    assert_eq!(order["shipping_address"]["city"], "Pawnee");
    for field in [
        "with_tax",
        "without_tax",
        "tax",
        "discount",
        "without_discount",
    ] {
        assert_eq!(
            order["meta"]["display_price"][field], cart_prices[field],
            "{field}"
        );
    }
    assert_eq!(
        order["meta"]["display_price"]["balance_owing"]["amount"],
        2 * 8900 + 1200
    );
    assert_eq!(
        order["relationships"]["items"]["data"]
            .as_array()
            .unwrap()
            .len(),
        2
    );
    let id = order["id"].as_str().unwrap();

    let read = send(
        emulator
            .get(&format!("/v2/orders/{id}"))
            .bearer_auth(&implicit)
            .header("X-Moltin-Customer-Token", &token),
    )
    .await;
    assert_eq!(read.expect(200)["data"], order);
    let admin = emulator.admin().await;
    let lines = send(
        emulator
            .get(&format!("/v2/orders/{id}/items"))
            .bearer_auth(&admin),
    )
    .await;
    let lines = lines.expect(200)["data"].as_array().unwrap().clone();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["type"], "order_item");
    assert_eq!(lines[0]["quantity"], 2);
    assert_eq!(
        lines[0]["relationships"]["cart_item"]["data"]["id"],
        items["data"][0]["id"]
    );

    // Another customer's token finds nothing; an implicit token alone may not look.
    let (other, _) = emulator.login(LESLIE).await;
    for path in [format!("/v2/orders/{id}"), format!("/v2/orders/{id}/items")] {
        let reply = send(
            emulator
                .get(&path)
                .bearer_auth(&implicit)
                .header("X-Moltin-Customer-Token", &other),
        )
        .await;
        reply.assert_error(404, "Order not found");
        let reply = send(emulator.get(&path).bearer_auth(&implicit)).await;
        reply.assert_error(403, "Forbidden");
    }
    send(emulator.get("/v2/orders/nope").bearer_auth(&admin))
        .await
        .assert_error(404, "Order not found");
}

#[tokio::test]
async fn checkout_is_once_per_change_of_the_cart() {
    let emulator = Emulator::empty().await;
    let reply = call(&emulator, "POST", "/v2/carts/c/checkout", Some(as_guest())).await;
    reply.assert_error(404, "Cart not found");
    call(&emulator, "GET", "/v2/carts/c", None)
        .await
        .expect(200);
    let reply = call(&emulator, "POST", "/v2/carts/c/checkout", Some(as_guest())).await;
    reply.assert_error(400, "Cart is empty");

    add_product(&emulator, "c", BINDER, 1).await;
    let first = call(&emulator, "POST", "/v2/carts/c/checkout", Some(as_guest())).await;
    let first = first.expect(201)["data"]["id"].as_str().unwrap().to_owned();
    let again = call(&emulator, "POST", "/v2/carts/c/checkout", Some(as_guest())).await;
    again.assert_error(409, "Cart already checked out");
    assert_eq!(again.error()["meta"]["order_id"], first.as_str());

    // The cart keeps its items; once changed, it may be checked out again.
    add_product(&emulator, "c", BINDER, 1).await;
    let second = call(&emulator, "POST", "/v2/carts/c/checkout", Some(as_guest())).await;
    let second = &second.expect(201)["data"];
    assert_ne!(second["id"], first.as_str());
    assert_eq!(second["meta"]["display_price"]["with_tax"]["amount"], 2400);
    // A guest's order is readable with any token, like a cart by its id.
    let read = call(&emulator, "GET", &format!("/v2/orders/{first}"), None).await;
    assert_eq!(
        read.expect(200)["data"]["meta"]["display_price"]["with_tax"]["amount"],
        1200
    );
}

#[tokio::test]
async fn checkout_checks_the_buyer_and_the_addresses() {
    let emulator = Emulator::start().await;
    add_product(&emulator, "guest-cart", PLANE, 1).await;
    let (ron_token, ron) = emulator.login(RON).await;
    let (_, leslie) = emulator.login(LESLIE).await;
    let implicit = emulator.implicit().await;
    let checkout = |body: Value| {
        emulator
            .post("/v2/carts/guest-cart/checkout")
            .bearer_auth(&implicit)
            .json(&body)
    };
    send(checkout(as_customer(&ron))).await.assert_error(
        403,
        "Customer does not have the required permissions to fulfill this request",
    );
    send(checkout(as_customer(&leslie)).header("X-Moltin-Customer-Token", &ron_token))
        .await
        .assert_error(
            403,
            "Customer does not have the required permissions to fulfill this request",
        );
    let admin = emulator.admin().await;
    let reply = send(
        emulator
            .post("/v2/carts/guest-cart/checkout")
            .bearer_auth(&admin)
            .json(&as_customer("no-such-customer")),
    )
    .await;
    reply.assert_error(404, "Customer not found");

    let account = json!({"data": {"account": {"id": "acc-1", "member_id": "m-1"},
        "contact": {"name": "April", "email": "april@ludgate.com"},
        "billing_address": address(), "shipping_address": address()}});
    send(checkout(account.clone())).await.assert_error(
        403,
        "Account does not have the required permissions to fulfill this request",
    );
    let reply =
        send(checkout(account).header("EP-Account-Management-Authentication-Token", "opaque"))
            .await;
    let order = &reply.expect(201)["data"];
    assert_eq!(order["contact"]["email"], "april@ludgate.com");
    assert_eq!(order["relationships"]["account"]["data"]["id"], "acc-1");
    let id = order["id"].as_str().unwrap();
    send(
        emulator
            .get(&format!("/v2/orders/{id}"))
            .bearer_auth(&implicit),
    )
    .await
    .assert_error(
        403,
        "Account does not have the required permissions to fulfill this request",
    );

    let mut no_postcode = as_guest();
    no_postcode["data"]["billing_address"]["postcode"] = json!("");
    for body in [
        json!({"data": {"billing_address": address(), "shipping_address": address()}}),
        json!({"data": {"customer": {"name": "G"}, "billing_address": address(),
                        "shipping_address": address()}}),
        json!({"data": {"customer": {"name": "G", "email": "g@example.com"},
                        "billing_address": address()}}),
        json!({"data": {"customer": "x", "billing_address": address(),
                        "shipping_address": address()}}),
        no_postcode,
        json!({"data": []}),
    ] {
        send(checkout(body.clone()))
            .await
            .assert_error(422, "Failed Validation");
    }
}
