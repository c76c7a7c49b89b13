//! Cart items, promotions, item taxes and custom discounts, and the totals they make.

use serde_json::{json, Value};

use crate::harness::{send, Emulator, Reply};

/// Block plane, $89.00.
pub const PLANE: &str = "e1a6f0c2-5b3d-4c8e-9a71-2f4d6b8c0a01";
/// Campaign binder, $12.00, SKU `BINDER-3IN`.
pub const BINDER: &str = "e1a6f0c2-5b3d-4c8e-9a71-2f4d6b8c0a05";

/// Sends `body` to `method path` with a fresh implicit token.
pub async fn call(emulator: &Emulator, method: &str, path: &str, body: Option<Value>) -> Reply {
    let token = emulator.implicit().await;
    let method = reqwest::Method::from_bytes(method.as_bytes()).unwrap();
    let mut builder = emulator.request(method, path).bearer_auth(token);
    if let Some(body) = body {
        builder = builder.json(&body);
    }
    send(builder).await
}

/// Adds `quantity` of a product to a cart; returns the items document.
pub async fn add_product(emulator: &Emulator, cart: &str, product: &str, quantity: u64) -> Value {
    let body = json!({"data": {"type": "cart_item", "id": product, "quantity": quantity}});
    let reply = call(
        emulator,
        "POST",
        &format!("/v2/carts/{cart}/items"),
        Some(body),
    )
    .await;
    reply.expect(201).clone()
}

/// POSTs `body` to `path` `room` times (201 each), then once more: 422 `title`.
async fn add_until_refused(emulator: &Emulator, path: &str, body: Value, room: usize, title: &str) {
    for _ in 0..room {
        call(emulator, "POST", path, Some(body.clone()))
            .await
            .expect(201);
    }
    let refused = call(emulator, "POST", path, Some(body)).await;
    refused.assert_error(422, title);
}

/// DELETEs `path`: 204; then again: 404 `title`, as it is gone.
async fn delete_twice(emulator: &Emulator, path: &str, title: &str) {
    let reply = call(emulator, "DELETE", path, None).await;
    assert_eq!(reply.status, 204);
    let reply = call(emulator, "DELETE", path, None).await;
    reply.assert_error(404, title);
}

fn total(document: &Value, field: &str) -> i64 {
    document["meta"]["display_price"][field]["amount"]
        .as_i64()
        .unwrap()
}

fn item_with_sku<'a>(document: &'a Value, sku: &str) -> &'a Value {
    document["data"]
        .as_array()
        .unwrap()
        .iter()
        .find(|item| item["sku"] == sku)
        .unwrap_or_else(|| panic!("no {sku} in {document}"))
}

#[tokio::test]
async fn adding_products_creates_the_cart_and_merges_quantities() {
    let emulator = Emulator::empty().await;
    let first = add_product(&emulator, "fresh", BINDER, 2).await;
    let binder = &first["data"][0];
    assert_eq!(binder["type"], "cart_item");
    assert_eq!(binder["product_id"], BINDER);
    assert_eq!(binder["name"], "Campaign binder");
    assert_eq!(binder["quantity"], 2);
    assert_eq!(
        binder["unit_price"],
        json!({"amount": 1200, "currency": "USD", "includes_tax": false})
    );
    assert_eq!(binder["value"]["amount"], 2400);
    let display = &binder["meta"]["display_price"];
    assert_eq!(
        display["with_tax"]["unit"],
        json!({"amount": 1200, "currency": "USD", "formatted": "$12.00"})
    );
    assert_eq!(display["with_tax"]["value"]["formatted"], "$24.00");
    assert_eq!(total(&first, "with_tax"), 2400);

    // The same product by SKU adds to the same line.
    let by_sku = json!({"data": {"type": "cart_item", "sku": "BINDER-3IN", "quantity": 3}});
    let reply = call(&emulator, "POST", "/v2/carts/fresh/items", Some(by_sku)).await;
    let document = reply.expect(201);
    assert_eq!(document["data"].as_array().unwrap().len(), 1);
    assert_eq!(document["data"][0]["quantity"], 5);
    assert_eq!(document["data"][0]["id"], binder["id"]);
    assert_eq!(total(document, "with_tax"), 6000);

    let listed = call(&emulator, "GET", "/v2/carts/fresh/items", None).await;
    assert_eq!(listed.expect(200)["data"], document["data"]);
    let cart = call(&emulator, "GET", "/v2/carts/fresh", None).await;
    let cart = &cart.expect(200)["data"];
    assert_eq!(cart["name"], "Cart", "created as by reading it");
    assert_eq!(
        cart["meta"]["display_price"]["with_tax"],
        json!({"amount": 6000, "currency": "USD", "formatted": "$60.00"})
    );
    assert_eq!(
        cart["relationships"]["items"]["data"],
        json!([{"type": "cart_item", "id": binder["id"]}])
    );
}

#[tokio::test]
async fn custom_items_promotions_and_bulk_adds() {
    let emulator = Emulator::empty().await;
    let body = json!({
        "data": [
            {"type": "cart_item", "id": PLANE, "quantity": 1},
            {"type": "custom_item", "name": "Engraving", "sku": "ENGRAVE", "quantity": 1,
             "description": "Your name", "price": {"amount": 1500, "includes_tax": false}},
            {"type": "promotion_item", "code": "save10"}
        ],
        "options": {"add_all_or_nothing": true}
    });
    let reply = call(&emulator, "POST", "/v2/carts/bulk/items", Some(body)).await;
    let document = reply.expect(201);
    let engraving = item_with_sku(document, "ENGRAVE");
    assert_eq!(engraving["type"], "custom_item");
    assert_eq!(engraving["description"], "Your name");
    let plane = item_with_sku(document, "BLOCK-PLANE");
    assert_eq!(plane["discounts"][0]["code"], "SAVE10");
    assert_eq!(plane["discounts"][0]["amount"]["amount"], -890);
    // 8900 − 890 (promotion, products only) + 1500.
    assert_eq!(total(document, "with_tax"), 9510);
    assert_eq!(total(document, "discount"), -890);
    assert_eq!(total(document, "without_discount"), 10400);
    assert_eq!(
        document["meta"]["display_price"]["discounts"]["SAVE10"]["formatted"],
        "-$8.90"
    );
    let cart = call(&emulator, "GET", "/v2/carts/bulk", None).await;
    let promotions = &cart.expect(200)["data"]["relationships"]["promotions"]["data"];
    assert_eq!(promotions[0]["type"], "promotion");

    // All or nothing: one unknown product refuses the whole request.
    let refused = json!({
        "data": [{"type": "cart_item", "id": BINDER, "quantity": 1},
                 {"type": "cart_item", "sku": "NOPE", "quantity": 1}],
        "options": {"add_all_or_nothing": true}
    });
    let reply = call(
        &emulator,
        "POST",
        "/v2/carts/bulk/items",
        Some(refused.clone()),
    )
    .await;
    reply.assert_error(422, "Add all or nothing.");
    let unchanged = call(&emulator, "GET", "/v2/carts/bulk/items", None).await;
    assert_eq!(unchanged.expect(200)["data"].as_array().unwrap().len(), 2);

    // Without it, what can be added is, and the rest is listed under `errors`.
    let mut partial = refused;
    partial["options"]["add_all_or_nothing"] = json!(false);
    let reply = call(&emulator, "POST", "/v2/carts/bulk/items", Some(partial)).await;
    let document = reply.expect(201);
    assert_eq!(document["data"].as_array().unwrap().len(), 3);
    assert_eq!(document["errors"][0]["status"], 404);
    assert_eq!(document["errors"][0]["title"], "Product not found");

    // Removing the promotion by its code.
    let reply = call(&emulator, "DELETE", "/v2/carts/bulk/discounts/SAVE10", None).await;
    assert_eq!(reply.status, 204, "{}", reply.text);
    let after = call(&emulator, "GET", "/v2/carts/bulk/items", None).await;
    assert_eq!(total(after.expect(200), "discount"), 0);
    let again = call(&emulator, "DELETE", "/v2/carts/bulk/discounts/SAVE10", None).await;
    assert_eq!(again.status, 204, "removing it again changes nothing");
}

#[tokio::test]
async fn invalid_additions_are_refused() {
    let emulator = Emulator::empty().await;
    let cases = [
        (
            json!({"data": {"type": "cart_item", "id": "no-such-product", "quantity": 1}}),
            404,
            "Product not found",
        ),
        (
            json!({"data": {"type": "promotion_item", "code": "NOPE"}}),
            404,
            "Promotion not found",
        ),
        (
            json!({"data": {"type": "cart_items", "cart_id": "no-such-cart"}}),
            404,
            "Cart not found",
        ),
        (
            json!({"data": {"type": "cart_item", "id": PLANE, "quantity": 0}}),
            422,
            "Failed Validation",
        ),
        (
            json!({"data": {"type": "cart_item", "id": PLANE, "quantity": 1.5}}),
            422,
            "Failed Validation",
        ),
        (
            json!({"data": {"type": "cart_item", "id": PLANE, "quantity": 1_000_001}}),
            422,
            "Failed Validation",
        ),
        (
            json!({"data": {"type": "cart_item", "quantity": 1}}),
            422,
            "Failed Validation",
        ),
        (
            json!({"data": {"type": "custom_item", "name": "x", "quantity": 1}}),
            422,
            "Failed Validation",
        ),
        (
            json!({"data": {"type": "custom_item", "name": "", "quantity": 1, "price": {"amount": 1}}}),
            422,
            "Failed Validation",
        ),
        (
            json!({"data": {"type": "custom_item", "name": "x", "quantity": 1, "price": {"amount": -1}}}),
            422,
            "Failed Validation",
        ),
        (
            json!({"data": {"type": "subscription_item", "id": PLANE, "quantity": 1}}),
            422,
            "Failed Validation",
        ),
        (json!({"data": []}), 422, "Failed Validation"),
        (json!({"data": "x"}), 422, "Failed Validation"),
        (
            json!({"data": [{"type": "cart_item", "id": PLANE, "quantity": 1}], "options": {"add_all_or_nothing": "yes"}}),
            422,
            "Failed Validation",
        ),
    ];
    for (body, status, title) in cases {
        let reply = call(&emulator, "POST", "/v2/carts/c/items", Some(body.clone())).await;
        assert_eq!(reply.status, status, "{body}: {}", reply.text);
        assert_eq!(reply.error()["title"], title, "{body}");
    }
    let reply = send(
        emulator
            .post("/v2/carts/c/items")
            .bearer_auth(emulator.implicit().await)
            .body("{"),
    )
    .await;
    reply.assert_error(400, "Bad Request");
    let reply = call(&emulator, "GET", "/v2/carts/a.b/items", None).await;
    reply.assert_error(400, "Bad Request");
    // Quantities merge up to the limit, not past it.
    add_product(&emulator, "c", PLANE, 1_000_000).await;
    let reply = call(
        &emulator,
        "POST",
        "/v2/carts/c/items",
        Some(json!({"data": {"type": "cart_item", "id": PLANE, "quantity": 1}})),
    )
    .await;
    reply.assert_error(422, "Failed Validation");
}

#[tokio::test]
async fn updating_and_removing_items() {
    let emulator = Emulator::empty().await;
    add_product(&emulator, "c", PLANE, 1).await;
    let document = add_product(&emulator, "c", BINDER, 1).await;
    let plane = item_with_sku(&document, "BLOCK-PLANE")["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let binder = item_with_sku(&document, "BINDER-3IN")["id"]
        .as_str()
        .unwrap()
        .to_owned();

    let body = json!({"data": {"type": "cart_item", "id": plane, "quantity": 3}});
    let reply = call(
        &emulator,
        "PUT",
        &format!("/v2/carts/c/items/{plane}"),
        Some(body),
    )
    .await;
    assert_eq!(
        item_with_sku(reply.expect(200), "BLOCK-PLANE")["quantity"],
        3
    );

    let bulk = json!({"data": [{"id": plane, "quantity": 2}, {"id": binder, "quantity": 4}]});
    let reply = call(&emulator, "PUT", "/v2/carts/c/items", Some(bulk)).await;
    let document = reply.expect(200);
    assert_eq!(total(document, "with_tax"), 2 * 8900 + 4 * 1200);

    let strict = json!({"data": [{"id": plane, "quantity": 5}, {"id": "nope", "quantity": 1}],
                        "options": {"update_all_or_nothing": true}});
    let reply = call(&emulator, "PUT", "/v2/carts/c/items", Some(strict)).await;
    reply.assert_error(422, "Update all or nothing.");

    for (method, path, status, title) in [
        ("PUT", "/v2/carts/c/items/nope", 404, "Cart item not found"),
        (
            "DELETE",
            "/v2/carts/c/items/nope",
            404,
            "Cart item not found",
        ),
        ("PUT", "/v2/carts/missing/items/x", 404, "Cart not found"),
        ("DELETE", "/v2/carts/missing/items", 404, "Cart not found"),
        ("PUT", "/v2/carts/missing/items", 404, "Cart not found"),
    ] {
        let body = (method == "PUT").then(|| json!({"data": [{"id": "x", "quantity": 1}]}));
        let body = match (path.ends_with("/items"), body) {
            (false, Some(_)) => Some(json!({"data": {"quantity": 1}})),
            (_, body) => body,
        };
        let reply = call(&emulator, method, path, body).await;
        assert_eq!(reply.status, status, "{method} {path}: {}", reply.text);
        assert_eq!(reply.error()["title"], title, "{method} {path}");
    }

    // Quantity 0 removes the item; DELETE removes one and answers the rest.
    let body = json!({"data": {"quantity": 0}});
    let reply = call(
        &emulator,
        "PUT",
        &format!("/v2/carts/c/items/{binder}"),
        Some(body),
    )
    .await;
    assert_eq!(reply.expect(200)["data"].as_array().unwrap().len(), 1);
    let reply = call(
        &emulator,
        "DELETE",
        &format!("/v2/carts/c/items/{plane}"),
        None,
    )
    .await;
    let document = reply.expect(200);
    assert_eq!(document["data"], json!([]));
    assert_eq!(
        document["meta"]["display_price"]["with_tax"],
        json!({"amount": 0, "currency": "", "formatted": "0"}),
        "an empty cart shows the zeros of a new cart"
    );

    add_product(&emulator, "c", PLANE, 1).await;
    let reply = call(&emulator, "DELETE", "/v2/carts/c/items", None).await;
    assert_eq!(reply.status, 204, "{}", reply.text);
    let cart = call(&emulator, "GET", "/v2/carts/c", None).await;
    assert_eq!(
        cart.expect(200)["data"]["relationships"]["items"],
        json!({"data": null})
    );
}

#[tokio::test]
async fn merging_a_guest_cart_sums_quantities_and_keeps_the_guest_cart() {
    let emulator = Emulator::start().await;
    add_product(&emulator, "guest-cart", PLANE, 2).await;
    add_product(&emulator, "guest-cart", BINDER, 1).await;
    add_product(&emulator, "ron-grill", PLANE, 1).await;
    let body = json!({"data": [{"type": "cart_items", "cart_id": "guest-cart"}],
                      "options": {"add_all_or_nothing": false}});
    let reply = call(&emulator, "POST", "/v2/carts/ron-grill/items", Some(body)).await;
    let document = reply.expect(201);
    assert_eq!(item_with_sku(document, "BLOCK-PLANE")["quantity"], 3);
    assert_eq!(item_with_sku(document, "BINDER-3IN")["quantity"], 1);
    let guest = call(&emulator, "GET", "/v2/carts/guest-cart/items", None).await;
    assert_eq!(guest.expect(200)["data"].as_array().unwrap().len(), 2);
}

#[tokio::test]
async fn item_changes_move_the_cart_up_the_listing_and_include_items() {
    let emulator = Emulator::start().await;
    let admin = emulator.admin().await;
    let before = emulator
        .list_ids(emulator.get("/v2/carts").bearer_auth(&admin))
        .await;
    assert_eq!(before.last().unwrap(), "ron-woodworking");
    let document = add_product(&emulator, "ron-woodworking", PLANE, 1).await;
    let after = emulator
        .list_ids(emulator.get("/v2/carts").bearer_auth(&admin))
        .await;
    assert_eq!(after[0], "ron-woodworking");

    let cart = send(
        emulator
            .get("/v2/carts/ron-woodworking?include=items")
            .bearer_auth(&admin),
    )
    .await;
    let cart = cart.expect(200);
    assert_eq!(cart["included"]["items"], document["data"]);
    assert_eq!(
        cart["data"]["meta"]["timestamps"]["updated_at"],
        document["meta"]["timestamps"]["updated_at"]
    );
    let plain = send(
        emulator
            .get("/v2/carts/ron-woodworking")
            .bearer_auth(&admin),
    )
    .await;
    assert!(plain.expect(200).get("included").is_none());
    let listing = send(
        emulator
            .get("/v2/carts?include=items&page[limit]=2")
            .bearer_auth(&admin),
    )
    .await;
    assert_eq!(listing.expect(200)["included"]["items"], document["data"]);
}

#[tokio::test]
async fn item_taxes_add_to_the_totals() {
    let emulator = Emulator::empty().await;
    let document = add_product(&emulator, "c", BINDER, 3).await;
    let item = document["data"][0]["id"].as_str().unwrap().to_owned();
    let tax = json!({"data": {"type": "tax_item", "name": "VAT", "jurisdiction": "UK",
                              "code": "VAT20", "rate": 0.2}});
    let path = format!("/v2/carts/c/items/{item}/taxes");
    let reply = call(&emulator, "POST", &path, Some(tax)).await;
    let created = &reply.expect(201)["data"];
    assert_eq!(created["type"], "tax_item");
    assert_eq!(created["rate"], 0.2);
    assert_eq!(
        created["relationships"]["item"]["data"]["id"],
        item.as_str()
    );
    let tax_id = created["id"].as_str().unwrap().to_owned();
    let items = call(&emulator, "GET", "/v2/carts/c/items", None).await;
    let items = items.expect(200);
    assert_eq!(total(items, "tax"), 720);
    assert_eq!(total(items, "with_tax"), 4320);
    assert_eq!(
        items["data"][0]["relationships"]["taxes"]["data"][0]["id"],
        tax_id.as_str()
    );

    let update = json!({"data": {"type": "tax_item", "rate": 0.0725}});
    let reply = call(&emulator, "PUT", &format!("{path}/{tax_id}"), Some(update)).await;
    assert_eq!(
        reply.expect(200)["data"]["name"],
        "VAT",
        "unchanged fields stay"
    );
    let cart = call(&emulator, "GET", "/v2/carts/c", None).await;
    // 3600 × 0.0725 = 261.
    assert_eq!(
        cart.expect(200)["data"]["meta"]["display_price"]["tax"]["amount"],
        261
    );

    let bulk = json!({"data": [
        {"type": "tax_item", "name": "State", "rate": 0.05,
         "relationships": {"item": {"data": {"type": "cart_item", "id": item}}}},
        {"type": "tax_item", "name": "Lost", "rate": 0.05,
         "relationships": {"item": {"data": {"type": "cart_item", "id": "nope"}}}}
    ]});
    let reply = call(&emulator, "POST", "/v2/carts/c/taxes", Some(bulk.clone())).await;
    let added = reply.expect(201);
    assert_eq!(added["data"].as_array().unwrap().len(), 1);
    assert_eq!(added["errors"][0]["title"], "Cart item not found");
    let mut strict = bulk;
    strict["options"] = json!({"add_all_or_nothing": true});
    let reply = call(&emulator, "POST", "/v2/carts/c/taxes", Some(strict)).await;
    reply.assert_error(422, "Add all or nothing.");

    for (body, status, title) in [
        (
            json!({"data": {"type": "tax_item", "rate": 1.5}}),
            422,
            "Failed Validation",
        ),
        (
            json!({"data": {"type": "tax_item"}}),
            422,
            "Failed Validation",
        ),
        (
            json!({"data": {"type": "tax", "rate": 0.1}}),
            422,
            "Failed Validation",
        ),
    ] {
        let reply = call(&emulator, "POST", &path, Some(body)).await;
        reply.assert_error(status, title);
    }
    let reply = call(
        &emulator,
        "POST",
        "/v2/carts/c/items/nope/taxes",
        Some(json!({"data": {"type": "tax_item", "rate": 0.1}})),
    )
    .await;
    reply.assert_error(404, "Cart item not found");
    let body = json!({"data": {"type": "tax_item", "rate": 0.01}});
    // Three more make five; the sixth is refused.
    add_until_refused(
        &emulator,
        &path,
        body,
        3,
        "Tax item not added to cart item.",
    )
    .await;

    delete_twice(&emulator, &format!("{path}/{tax_id}"), "Tax item not found").await;
    let reply = call(&emulator, "DELETE", "/v2/carts/c/taxes", None).await;
    assert_eq!(reply.status, 204);
    let items = call(&emulator, "GET", "/v2/carts/c/items", None).await;
    assert_eq!(total(items.expect(200), "tax"), 0);
}

#[tokio::test]
async fn custom_discounts_on_carts_and_items() {
    let emulator = Emulator::empty().await;
    let document = add_product(&emulator, "c", PLANE, 1).await;
    let item = document["data"][0]["id"].as_str().unwrap().to_owned();
    let discount = |amount: i64| {
        json!({"type": "custom_discount", "external_id": "ext-1", "discount_engine": "Engine",
               "amount": amount, "description": "Loyalty", "discount_code": "LOYAL"})
    };
    let reply = call(
        &emulator,
        "POST",
        "/v2/carts/c/custom-discounts",
        Some(json!({"data": discount(-500)})),
    )
    .await;
    reply.assert_error(400, "Bad Request");
    assert_eq!(
        reply.error()["detail"],
        "Custom discounts not enabled for this cart"
    );

    let enable = json!({"data": {"discount_settings": {"custom_discounts_enabled": true}}});
    call(&emulator, "PUT", "/v2/carts/c", Some(enable))
        .await
        .expect(200);

    let reply = call(
        &emulator,
        "POST",
        "/v2/carts/c/custom-discounts",
        Some(json!({"data": discount(-500)})),
    )
    .await;
    let created = &reply.expect(201)["data"];
    assert_eq!(created["type"], "custom_discount");
    assert_eq!(
        created["amount"],
        json!({"amount": -500, "currency": "USD", "formatted": "-$5.00"})
    );
    let cart_discount = created["id"].as_str().unwrap().to_owned();

    let mut on_item = discount(-1000);
    on_item["relationships"] = json!({"item": {"data": {"type": "cart_item", "id": item}}});
    let reply = call(
        &emulator,
        "POST",
        "/v2/carts/c/custom-discounts",
        Some(json!({"data": [on_item]})),
    )
    .await;
    let listed = reply.expect(201);
    assert_eq!(
        listed["data"][0]["relationships"]["item"]["data"]["id"],
        item.as_str()
    );

    let path = format!("/v2/carts/c/items/{item}/custom-discounts");
    let reply = call(
        &emulator,
        "POST",
        &path,
        Some(json!({"data": discount(-250)})),
    )
    .await;
    let item_discount = reply.expect(201)["data"]["id"].as_str().unwrap().to_owned();

    let items = call(&emulator, "GET", "/v2/carts/c/items", None).await;
    let items = items.expect(200);
    // 8900 − 1000 − 250 on the item, − 500 on the cart.
    assert_eq!(total(items, "with_tax"), 7150);
    assert_eq!(total(items, "discount"), -1750);
    assert_eq!(
        items["meta"]["display_price"]["discounts"]["LOYAL"]["amount"],
        -1750
    );
    let cart = call(&emulator, "GET", "/v2/carts/c", None).await;
    let cart = cart.expect(200);
    assert_eq!(
        cart["data"]["meta"]["display_price"]["with_tax"]["amount"],
        7150
    );
    assert_eq!(
        cart["data"]["relationships"]["custom_discounts"]["data"][0]["id"],
        cart_discount.as_str()
    );

    let update = json!({"data": {"type": "custom_discount", "amount": -100}});
    let reply = call(
        &emulator,
        "PUT",
        &format!("/v2/carts/c/custom-discounts/{cart_discount}"),
        Some(update.clone()),
    )
    .await;
    assert_eq!(reply.expect(200)["data"]["amount"]["amount"], -100);
    let reply = call(
        &emulator,
        "PUT",
        &format!("{path}/{item_discount}"),
        Some(update),
    )
    .await;
    assert_eq!(reply.expect(200)["data"]["description"], "Loyalty");

    for body in [
        json!({"data": discount(0)}),
        json!({"data": discount(500)}),
        json!({"data": {"type": "custom_discount", "amount": -1}}),
    ] {
        let reply = call(&emulator, "POST", &path, Some(body)).await;
        reply.assert_error(422, "Failed Validation");
    }
    let body = json!({"data": discount(-1)});
    add_until_refused(&emulator, &path, body, 3, "Limit Reached").await;

    let item_discount_path = format!("{path}/{item_discount}");
    delete_twice(&emulator, &item_discount_path, "Custom discount not found").await;
    let reply = call(
        &emulator,
        "DELETE",
        &format!("/v2/carts/c/custom-discounts/{cart_discount}"),
        None,
    )
    .await;
    assert_eq!(reply.status, 204);
    let reply = call(&emulator, "DELETE", "/v2/carts/c/custom-discounts", None).await;
    assert_eq!(reply.status, 204);
}
