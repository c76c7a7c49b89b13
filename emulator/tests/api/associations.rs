//! Customer-cart and account-cart associations.

use serde_json::{json, Value};

use crate::harness::{send, Emulator, Reply, LESLIE, RON};

const PERMISSIONS: &str = "Customer does not have the required permissions to fulfill this request";

fn customer_body(id: &str) -> Value {
    json!({"data": [{"type": "customer", "id": id}]})
}

/// POSTs an association as a shopper (implicit token + customer token).
async fn shopper_post(
    emulator: &Emulator,
    cart: &str,
    customer_token: &str,
    body: &Value,
) -> Reply {
    let implicit = emulator.implicit().await;
    send(
        emulator
            .post(&format!("/v2/carts/{cart}/relationships/customers"))
            .bearer_auth(implicit)
            .header("x-moltin-customer-token", customer_token)
            .json(body),
    )
    .await
}

#[tokio::test]
async fn a_new_association_is_200_and_a_repeated_one_204() {
    let emulator = Emulator::start().await;
    let (token, ron) = emulator.login(RON).await;
    let first = shopper_post(&emulator, "fresh-cart", &token, &customer_body(&ron)).await;
    // An unknown cart id is 404 (reading it would create it, associating does not).
    first.assert_error(404, "Cart not found");

    let implicit = emulator.implicit().await;
    send(emulator.get("/v2/carts/fresh-cart").bearer_auth(&implicit))
        .await
        .expect(200);
    let first = shopper_post(&emulator, "fresh-cart", &token, &customer_body(&ron)).await;
    assert_eq!(first.expect(200), &customer_body(&ron));
    let again = shopper_post(&emulator, "fresh-cart", &token, &customer_body(&ron)).await;
    assert_eq!(again.status, 204);
    assert_eq!(again.text, "");

    let cart = send(emulator.get("/v2/carts/fresh-cart").bearer_auth(&implicit)).await;
    assert_eq!(
        cart.json["data"]["relationships"]["customers"],
        json!({"data": [{"type": "customer", "id": ron}]})
    );
}

#[tokio::test]
async fn an_admin_may_associate_any_customer() {
    let emulator = Emulator::start().await;
    let admin = emulator.admin().await;
    let (_, leslie) = emulator.login(LESLIE).await;
    let reply = emulator.associate(&admin, "guest-cart", &leslie).await;
    assert_eq!(reply.expect(200), &customer_body(&leslie));
    assert_eq!(
        emulator
            .associate(&admin, "guest-cart", &leslie)
            .await
            .status,
        204
    );
}

#[tokio::test]
async fn shoppers_may_only_associate_themselves() {
    let emulator = Emulator::start().await;
    let (ron_token, _) = emulator.login(RON).await;
    let (_, leslie) = emulator.login(LESLIE).await;
    let reply = shopper_post(&emulator, "guest-cart", &ron_token, &customer_body(&leslie)).await;
    reply.assert_error(403, PERMISSIONS);

    // An implicit token without a customer token may not associate anyone.
    let implicit = emulator.implicit().await;
    let reply = send(
        emulator
            .post("/v2/carts/guest-cart/relationships/customers")
            .bearer_auth(implicit)
            .json(&customer_body(&leslie)),
    )
    .await;
    reply.assert_error(403, PERMISSIONS);
}

#[tokio::test]
async fn malformed_bodies_get_the_documented_errors() {
    let emulator = Emulator::start().await;
    let (token, ron) = emulator.login(RON).await;
    let cases = [
        (
            json!({"data": {"type": "customer", "id": ron}}),
            403,
            "Invalid json payload",
        ),
        (json!({"data": []}), 403, "Invalid json payload"),
        (json!({"nodata": true}), 403, "Invalid json payload"),
        (
            json!({"data": [{"type": "customer", "id": ron}, {"type": "customer", "id": ron}]}),
            403,
            "Cannot associate more than one customer",
        ),
        (
            json!({"data": [{"type": "account", "id": ron}]}),
            400,
            "The type does not exist or is not listed as customer",
        ),
        (
            json!({"data": [{"id": ron}]}),
            400,
            "The type does not exist or is not listed as customer",
        ),
        (
            json!({"data": [{"type": "customer"}]}),
            422,
            "Failed Validation",
        ),
    ];
    for (body, status, title) in cases {
        let reply = shopper_post(&emulator, "ron-grill", &token, &body).await;
        reply.assert_error(status, title);
    }
    let implicit = emulator.implicit().await;
    let not_json = send(
        emulator
            .post("/v2/carts/ron-grill/relationships/customers")
            .bearer_auth(implicit)
            .header("x-moltin-customer-token", &token)
            .header("content-type", "application/json")
            .body("{\"data\": ["),
    )
    .await;
    not_json.assert_error(403, "Invalid json payload");
}

#[tokio::test]
async fn unknown_carts_and_customers_are_404() {
    let emulator = Emulator::start().await;
    let admin = emulator.admin().await;
    let (_, ron) = emulator.login(RON).await;
    emulator
        .associate(&admin, "no-such-cart", &ron)
        .await
        .assert_error(404, "Cart not found");
    emulator
        .associate(&admin, "guest-cart", "no-such-customer")
        .await
        .assert_error(404, "Customer not found");
}

#[tokio::test]
async fn a_cart_may_hold_several_customers_and_delete_removes_one() {
    let emulator = Emulator::start().await;
    let admin = emulator.admin().await;
    let (ron_token, ron) = emulator.login(RON).await;
    let (leslie_token, leslie) = emulator.login(LESLIE).await;
    emulator
        .associate(&admin, "guest-cart", &ron)
        .await
        .expect(200);
    emulator
        .associate(&admin, "guest-cart", &leslie)
        .await
        .expect(200);
    let implicit = emulator.implicit().await;
    let list = |token: &str| {
        emulator
            .get("/v2/carts")
            .bearer_auth(&implicit)
            .header("x-moltin-customer-token", token)
    };
    assert!(emulator
        .list_ids(list(&ron_token))
        .await
        .contains(&"guest-cart".to_owned()));
    assert!(emulator
        .list_ids(list(&leslie_token))
        .await
        .contains(&"guest-cart".to_owned()));

    for _ in 0..2 {
        // Removing is 204 whether or not the association existed.
        let reply = send(
            emulator
                .delete("/v2/carts/guest-cart/relationships/customers")
                .bearer_auth(&implicit)
                .header("x-moltin-customer-token", &ron_token)
                .json(&customer_body(&ron)),
        )
        .await;
        assert_eq!(reply.status, 204, "{}", reply.text);
    }
    assert!(!emulator
        .list_ids(list(&ron_token))
        .await
        .contains(&"guest-cart".to_owned()));
    assert_eq!(
        emulator.list_ids(list(&leslie_token)).await[0],
        "guest-cart"
    );

    let reply = send(
        emulator
            .delete("/v2/carts/guest-cart/relationships/customers")
            .bearer_auth(&admin)
            .json(&customer_body(&leslie)),
    )
    .await;
    assert_eq!(reply.status, 204);
    let deleted = send(emulator.delete("/v2/carts/guest-cart").bearer_auth(&admin)).await;
    assert_eq!(
        deleted.status, 204,
        "no customer left, so it can be deleted"
    );
}

#[tokio::test]
async fn account_associations_mirror_customer_ones() {
    let emulator = Emulator::start().await;
    let admin = emulator.admin().await;
    let implicit = emulator.implicit().await;
    let path = "/v2/carts/guest-cart/relationships/accounts";
    let body = json!({"data": [{"type": "account", "id": "acc-1"}]});

    let reply = send(emulator.post(path).bearer_auth(&admin).json(&body)).await;
    assert_eq!(reply.expect(200), &body);
    assert_eq!(
        send(emulator.post(path).bearer_auth(&admin).json(&body))
            .await
            .status,
        204
    );

    let shopper = send(
        emulator
            .post(path)
            .bearer_auth(&implicit)
            .header(
                "EP-Account-Management-Authentication-Token",
                "account-token",
            )
            .json(&json!({"data": [{"type": "account", "id": "acc-2"}]})),
    )
    .await;
    assert_eq!(shopper.status, 200, "{}", shopper.text);

    let anonymous = send(emulator.post(path).bearer_auth(&implicit).json(&body)).await;
    anonymous.assert_error(
        403,
        "Account does not have the required permissions to fulfill this request",
    );
    let wrong_type = send(
        emulator
            .post(path)
            .bearer_auth(&admin)
            .json(&customer_body("x")),
    )
    .await;
    wrong_type.assert_error(400, "The type does not exist or is not listed as account");
    let two = json!({"data": [{"type": "account", "id": "a"}, {"type": "account", "id": "b"}]});
    send(emulator.post(path).bearer_auth(&admin).json(&two))
        .await
        .assert_error(403, "Cannot associate more than one account");

    let cart = send(emulator.get("/v2/carts/guest-cart").bearer_auth(&admin)).await;
    assert_eq!(
        cart.json["data"]["relationships"]["accounts"],
        json!({"data": [{"type": "account", "id": "acc-1"}, {"type": "account", "id": "acc-2"}]})
    );
    let removed = send(emulator.delete(path).bearer_auth(&admin).json(&body)).await;
    assert_eq!(removed.status, 204);
    let cart = send(emulator.get("/v2/carts/guest-cart").bearer_auth(&admin)).await;
    assert_eq!(
        cart.json["data"]["relationships"]["accounts"],
        json!({"data": [{"type": "account", "id": "acc-2"}]})
    );
}
