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
