//! Races: many clients changing the same things at once lose nothing and double nothing.

#[allow(dead_code)]
#[path = "api/harness.rs"]
mod harness;

use futures_util::future::join_all;
use harness::{send, Emulator};
use serde_json::json;

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_hundred_identical_associations_make_one() {
    let emulator = Emulator::empty().await;
    let admin = emulator.admin().await;
    let customer = emulator
        .register(&admin, "Race", "race@example.com", "pw")
        .await;
    emulator
        .create_cart(&admin, json!({"id": "raced", "name": "r"}))
        .await;
    let replies = join_all((0..100).map(|_| emulator.associate(&admin, "raced", &customer))).await;
    let created = replies.iter().filter(|r| r.status == 200).count();
    let existing = replies.iter().filter(|r| r.status == 204).count();
    assert_eq!(
        (created, existing),
        (1, 99),
        "{:?}",
        replies.iter().map(|r| r.status).collect::<Vec<_>>()
    );
    let cart = send(emulator.get("/v2/carts/raced").bearer_auth(&admin)).await;
    let customers = &cart.expect(200)["data"]["relationships"]["customers"]["data"];
    assert_eq!(customers, &json!([{"type": "customer", "id": customer}]));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_associations_of_different_customers_all_land() {
    const N: usize = 50;
    let emulator = Emulator::empty().await;
    let admin = emulator.admin().await;
    let customers = join_all((0..N).map(|i| {
        let (emulator, admin) = (&emulator, &admin);
        async move {
            let email = format!("c{i}@example.com");
            emulator.register(admin, "C", &email, "pw").await
        }
    }))
    .await;
    emulator
        .create_cart(&admin, json!({"id": "shared", "name": "s"}))
        .await;
    let replies = join_all(
        customers
            .iter()
            .map(|c| emulator.associate(&admin, "shared", c)),
    )
    .await;
    assert!(replies.iter().all(|r| r.status == 200));
    let cart = send(emulator.get("/v2/carts/shared").bearer_auth(&admin)).await;
    let mut present: Vec<String> = cart.expect(200)["data"]["relationships"]["customers"]["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap().to_owned())
        .collect();
    present.sort();
    let mut expected = customers.clone();
    expected.sort();
    assert_eq!(present, expected, "every association is kept");
    // And each customer's own listing shows the cart.
    for i in 0..5 {
        let email = format!("c{i}@example.com");
        let (token, _) = emulator.login((&email, "pw")).await;
        let implicit = emulator.implicit().await;
        let listed = emulator
            .list_ids(
                emulator
                    .get("/v2/carts")
                    .bearer_auth(implicit)
                    .header("X-Moltin-Customer-Token", token),
            )
            .await;
        assert_eq!(listed, ["shared"], "{email}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_cart_creations_and_updates_are_all_kept() {
    const N: usize = 200;
    let emulator = Emulator::empty().await;
    let admin = emulator.admin().await;
    let created = join_all((0..N).map(|i| {
        let (emulator, admin) = (&emulator, &admin);
        async move {
            emulator
                .create_cart(
                    admin,
                    json!({"id": format!("cart-{i}"), "name": format!("n{i}")}),
                )
                .await
        }
    }))
    .await;
    let ids: std::collections::HashSet<_> = created.iter().map(|c| c["id"].clone()).collect();
    assert_eq!(ids.len(), N, "every creation made its own cart");
    // Everyone renames a different cart at once.
    let renamed = join_all((0..N).map(|i| {
        send(
            emulator
                .put(&format!("/v2/carts/cart-{i}"))
                .bearer_auth(&admin)
                .json(&json!({"data": {"name": format!("renamed-{i}")}})),
        )
    }))
    .await;
    assert!(renamed.iter().all(|r| r.status == 200));
    let mut names = Vec::new();
    for offset in (0..N).step_by(100) {
        let page = send(
            emulator
                .get(&format!("/v2/carts?page[limit]=100&page[offset]={offset}"))
                .bearer_auth(&admin),
        )
        .await;
        let page = page.expect(200);
        assert_eq!(page["meta"]["results"]["total"], N);
        for cart in page["data"].as_array().unwrap() {
            names.push(cart["name"].as_str().unwrap().to_owned());
        }
    }
    names.sort();
    let mut expected: Vec<String> = (0..N).map(|i| format!("renamed-{i}")).collect();
    expected.sort();
    assert_eq!(
        names, expected,
        "every cart listed once, with its last name"
    );
}

/// Block plane in every store's catalog.
const PLANE: &str = "e1a6f0c2-5b3d-4c8e-9a71-2f4d6b8c0a01";

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn devices_adding_the_same_product_at_once_sum_their_quantities() {
    const DEVICES: u64 = 40;
    let emulator = Emulator::empty().await;
    let token = emulator.implicit().await;
    let replies = join_all((1..=DEVICES).map(|quantity| {
        send(
            emulator
                .post("/v2/carts/shared/items")
                .bearer_auth(&token)
                .json(&json!({"data": {"type": "cart_item", "id": PLANE, "quantity": quantity}})),
        )
    }))
    .await;
    assert!(
        replies.iter().all(|r| r.status == 201),
        "every add succeeds"
    );
    let items = send(emulator.get("/v2/carts/shared/items").bearer_auth(&token)).await;
    let items = items.expect(200);
    let lines = items["data"].as_array().unwrap();
    assert_eq!(lines.len(), 1, "one line for one product");
    assert_eq!(lines[0]["quantity"], DEVICES * (DEVICES + 1) / 2);
    assert_eq!(
        items["meta"]["display_price"]["with_tax"]["amount"],
        8900 * DEVICES * (DEVICES + 1) / 2
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn one_cart_checked_out_at_once_many_times_makes_one_order() {
    const ATTEMPTS: usize = 20;
    let emulator = Emulator::empty().await;
    let token = emulator.implicit().await;
    send(
        emulator
            .post("/v2/carts/raced/items")
            .bearer_auth(&token)
            .json(&json!({"data": {"type": "cart_item", "id": PLANE, "quantity": 1}})),
    )
    .await
    .expect(201);
    let address = json!({"first_name": "A", "last_name": "B", "line_1": "1 Road",
                         "postcode": "1000", "country": "US"});
    let body = json!({"data": {"customer": {"name": "Guest", "email": "g@example.com"},
                               "billing_address": address, "shipping_address": address}});
    let replies = join_all((0..ATTEMPTS).map(|_| {
        send(
            emulator
                .post("/v2/carts/raced/checkout")
                .bearer_auth(&token)
                .json(&body),
        )
    }))
    .await;
    let orders: Vec<_> = replies.iter().filter(|r| r.status == 201).collect();
    assert_eq!(orders.len(), 1, "exactly one order");
    let order_id = &orders[0].json["data"]["id"];
    for reply in replies.iter().filter(|r| r.status != 201) {
        reply.assert_error(409, "Cart already checked out");
        assert_eq!(&reply.error()["meta"]["order_id"], order_id);
    }
}
