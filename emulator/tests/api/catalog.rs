//! The shopper catalog every store sells.

use serde_json::json;

use crate::harness::{send, Emulator};

#[tokio::test]
async fn the_catalog_lists_six_products_in_dollars() {
    let emulator = Emulator::empty().await;
    let token = emulator.implicit().await;
    let reply = send(emulator.get("/catalog/products").bearer_auth(&token)).await;
    let body = reply.expect(200);
    let products = body["data"].as_array().unwrap();
    assert_eq!(products.len(), 6, "an empty store sells the catalog too");
    let binder = products
        .iter()
        .find(|p| p["attributes"]["sku"] == "BINDER-3IN")
        .unwrap();
    assert_eq!(binder["type"], "product");
    assert_eq!(binder["attributes"]["name"], "Campaign binder");
    assert_eq!(binder["attributes"]["slug"], "campaign-binder");
    let price = json!({"amount": 1200, "currency": "USD", "formatted": "$12.00"});
    assert_eq!(binder["meta"]["display_price"]["without_tax"], price);
    assert_eq!(binder["meta"]["display_price"]["with_tax"], price);
    assert_eq!(body["meta"]["results"]["total"], 6);

    let id = binder["id"].as_str().unwrap();
    let one = send(
        emulator
            .get(&format!("/catalog/products/{id}"))
            .bearer_auth(emulator.admin().await),
    )
    .await;
    assert_eq!(&one.expect(200)["data"], binder);
}

#[tokio::test]
async fn catalog_pages_unknown_products_and_tokens() {
    let emulator = Emulator::start().await;
    let token = emulator.implicit().await;
    let page = send(
        emulator
            .get("/catalog/products?page[limit]=4&page[offset]=4")
            .bearer_auth(&token),
    )
    .await;
    assert_eq!(page.expect(200)["data"].as_array().unwrap().len(), 2);
    for query in ["page[limit]=0", "filter=eq(name,x)"] {
        let reply = send(
            emulator
                .get(&format!("/catalog/products?{query}"))
                .bearer_auth(&token),
        )
        .await;
        reply.assert_error(400, "Bad Request");
    }
    send(emulator.get("/catalog/products/nope").bearer_auth(&token))
        .await
        .assert_error(404, "Product not found");
    send(emulator.get("/catalog/products"))
        .await
        .assert_error(401, "Unable to validate access token");
}
