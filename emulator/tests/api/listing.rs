//! `GET /v2/carts`: who may list what, ordering, paging, filters.

use epcc_emulator::AppConfig;
use serde_json::json;

use crate::harness::{config, send, Emulator, LESLIE, RON};

const HOST: &str = "https://euwest.api.elasticpath.com";

async fn emulator_with_public_url() -> Emulator {
    Emulator::with(AppConfig {
        empty: true,
        public_url: Some(HOST.to_owned()),
        ..config()
    })
    .await
}

#[tokio::test]
async fn the_documented_example_three_carts_limit_one() {
    let emulator = emulator_with_public_url().await;
    let admin = emulator.admin().await;
    for name in ["one", "two", "three"] {
        emulator.create_cart(&admin, json!({ "name": name })).await;
    }
    let reply = send(emulator.get("/v2/carts?page[limit]=1").bearer_auth(&admin)).await;
    let body = reply.expect(200);
    let link = |offset: u32| format!("{HOST}/v2/carts?page[offset]={offset}&page[limit]=1&filter=");
    assert_eq!(
        body["links"],
        json!({"current": link(0), "first": link(0), "last": link(2), "prev": link(0), "next": link(1)})
    );
    assert_eq!(
        body["meta"],
        json!({"page": {"limit": 1, "offset": 0, "current": 1, "total": 3}, "results": {"total": 3}})
    );
    assert_eq!(body["data"].as_array().unwrap().len(), 1);
    assert_eq!(body["data"][0]["name"], "three", "newest first");

    let last = send(
        emulator
            .get("/v2/carts?page[limit]=1&page[offset]=2")
            .bearer_auth(&admin),
    )
    .await;
    let body = last.expect(200);
    assert_eq!(
        body["links"]["next"],
        json!(null),
        "no next on the last page"
    );
    assert_eq!(body["links"]["prev"], link(1));
    assert_eq!(body["meta"]["page"]["current"], 3);
    assert_eq!(body["data"][0]["name"], "one");
}

#[tokio::test]
async fn zero_results_still_have_pagination() {
    let emulator = emulator_with_public_url().await;
    let admin = emulator.admin().await;
    let reply = send(emulator.get("/v2/carts").bearer_auth(&admin)).await;
    let body = reply.expect(200);
    let link = format!("{HOST}/v2/carts?page[offset]=0&page[limit]=25&filter=");
    assert_eq!(
        body,
        &json!({
            "data": [],
            "links": {"current": link, "first": link, "last": link, "prev": link, "next": null},
            "meta": {"page": {"limit": 25, "offset": 0, "current": 1, "total": 1},
                     "results": {"total": 0}}
        })
    );
}

#[tokio::test]
async fn implicit_tokens_need_a_customer_token_to_list() {
    let emulator = Emulator::start().await;
    let implicit = emulator.implicit().await;
    let reply = send(emulator.get("/v2/carts").bearer_auth(implicit)).await;
    assert_eq!(reply.status, 403);
    assert_eq!(
        reply.json,
        json!({"errors": [{"status": 403, "title": "Forbidden",
            "detail": "a client_credentials token or a customer token is required to list carts"}]})
    );
}

#[tokio::test]
async fn customers_see_their_own_carts_newest_first() {
    let emulator = Emulator::start().await;
    let implicit = emulator.implicit().await;
    let admin = emulator.admin().await;
    let (ron_token, ron) = emulator.login(RON).await;
    let (leslie_token, _) = emulator.login(LESLIE).await;
    let list = |token: &str| {
        emulator
            .get("/v2/carts")
            .bearer_auth(&implicit)
            .header("x-moltin-customer-token", token)
    };
    // The demo data: Ron's grill cart was updated after his woodworking cart.
    assert_eq!(
        emulator.list_ids(list(&ron_token)).await,
        ["ron-grill", "ron-woodworking"]
    );
    assert_eq!(
        emulator.list_ids(list(&leslie_token)).await,
        ["leslie-gifts", "leslie-campaign", "leslie-waffles"]
    );

    // Changes within the same second are still listed in the order they happened.
    let mut created = Vec::new();
    for name in ["a", "b", "c"] {
        let cart = emulator.create_cart(&admin, json!({ "name": name })).await;
        let id = cart["id"].as_str().unwrap().to_owned();
        emulator.associate(&admin, &id, &ron).await.expect(200);
        created.push(id);
    }
    let ids = emulator.list_ids(list(&ron_token)).await;
    assert_eq!(
        ids[..3],
        [created[2].clone(), created[1].clone(), created[0].clone()]
    );
    emulator
        .associate(&admin, "ron-woodworking", &ron)
        .await
        .expect(204);
    assert_eq!(
        emulator.list_ids(list(&ron_token)).await,
        ids,
        "204 changes nothing"
    );

    let (_, leslie) = emulator.login(LESLIE).await;
    emulator
        .associate(&admin, &created[0], &leslie)
        .await
        .expect(200);
    let ids = emulator.list_ids(list(&ron_token)).await;
    assert_eq!(
        ids[0], created[0],
        "a new association moves the cart to the top"
    );
    assert_eq!(emulator.list_ids(list(&leslie_token)).await[0], created[0]);

    let all = emulator
        .list_ids(emulator.get("/v2/carts").bearer_auth(&admin))
        .await;
    assert_eq!(all.len(), 6 + 3, "client_credentials sees every cart");
    assert_eq!(all[0], created[0]);
}

#[tokio::test]
async fn associating_an_older_cart_moves_it_to_the_top_of_the_shoppers_list() {
    let emulator = Emulator::empty().await;
    let admin = emulator.admin().await;
    let customer = emulator
        .register(&admin, "Ann", "ann@perkins.com", "nurse")
        .await;
    let (token, id) = emulator.login(("ann@perkins.com", "nurse")).await;
    assert_eq!(id, customer);
    let old = emulator.create_cart(&admin, json!({"name": "old"})).await;
    let new = emulator.create_cart(&admin, json!({"name": "new"})).await;
    let implicit = emulator.implicit().await;
    let associate = |cart: &str| {
        send(
            emulator
                .post(&format!("/v2/carts/{cart}/relationships/customers"))
                .bearer_auth(&implicit)
                .header("x-moltin-customer-token", &token)
                .json(&json!({"data": [{"type": "customer", "id": customer}]})),
        )
    };
    associate(new["id"].as_str().unwrap()).await.expect(200);
    associate(old["id"].as_str().unwrap()).await.expect(200);
    let ids = emulator
        .list_ids(
            emulator
                .get("/v2/carts")
                .bearer_auth(&implicit)
                .header("x-moltin-customer-token", &token),
        )
        .await;
    assert_eq!(
        ids,
        [old["id"].as_str().unwrap(), new["id"].as_str().unwrap()]
    );
}

#[tokio::test]
async fn filters_select_by_name() {
    let emulator = Emulator::empty().await;
    let admin = emulator.admin().await;
    for name in ["Summer BBQ", "summer camp", "Winter", "Summer BBQ"] {
        emulator.create_cart(&admin, json!({ "name": name })).await;
    }
    let count = |query: &str| {
        let request = emulator
            .get(&format!("/v2/carts?{query}"))
            .bearer_auth(&admin);
        async move {
            let reply = send(request).await;
            let body = reply.expect(200);
            assert_eq!(
                body["data"].as_array().unwrap().len() as u64,
                body["meta"]["results"]["total"].as_u64().unwrap().min(25)
            );
            body["meta"]["results"]["total"].as_u64().unwrap()
        }
    };
    assert_eq!(count("filter=eq(name,Summer BBQ)").await, 2);
    assert_eq!(count("filter=eq(name,summer bbq)").await, 0, "eq is exact");
    assert_eq!(count("filter=ilike(name,*summer*)").await, 3);
    assert_eq!(count("filter=ilike(name,winter)").await, 1);
    assert_eq!(
        count("filter=ilike(name,*summer*):ilike(name,*camp*)").await,
        1
    );
    assert_eq!(count("filter=").await, 4);

    let reply = send(
        emulator
            .get("/v2/carts?page[limit]=1&filter=ilike(name,*summer*)")
            .bearer_auth(&admin),
    )
    .await;
    let body = reply.expect(200);
    assert_eq!(body["meta"]["page"]["total"], 3);
    assert!(body["links"]["next"]
        .as_str()
        .unwrap()
        .ends_with("/v2/carts?page[offset]=1&page[limit]=1&filter=ilike(name,*summer*)"));

    for bad in ["filter=gt(name,1)", "filter=eq(email,x)", "filter=eq(name"] {
        let reply = send(
            emulator
                .get(&format!("/v2/carts?{bad}"))
                .bearer_auth(&admin),
        )
        .await;
        reply.assert_error(400, "Bad Request");
    }
}

#[tokio::test]
async fn out_of_range_paging_is_400() {
    let emulator = Emulator::start().await;
    let admin = emulator.admin().await;
    for query in [
        "page[limit]=0",
        "page[limit]=101",
        "page[limit]=ten",
        "page[offset]=-1",
        "page[offset]=10001",
        "page%5Boffset%5D=99999",
    ] {
        let reply = send(
            emulator
                .get(&format!("/v2/carts?{query}"))
                .bearer_auth(&admin),
        )
        .await;
        reply.assert_error(400, "Bad Request");
        assert!(reply.error()["detail"].as_str().unwrap().contains("page["));
    }
    for query in [
        "page[limit]=100",
        "page[offset]=10000",
        "page[limit]=1&page[offset]=0",
    ] {
        let reply = send(
            emulator
                .get(&format!("/v2/carts?{query}"))
                .bearer_auth(&admin),
        )
        .await;
        assert_eq!(reply.status, 200, "{query}: {}", reply.text);
    }
    let beyond = send(
        emulator
            .get("/v2/carts?page[offset]=10000")
            .bearer_auth(&admin),
    )
    .await;
    assert_eq!(beyond.json["data"], json!([]));
    assert_eq!(beyond.json["links"]["next"], json!(null));
}

#[tokio::test]
async fn the_page_length_setting_is_the_default_limit() {
    let emulator = Emulator::with(AppConfig {
        page_length: 2,
        ..config()
    })
    .await;
    let admin = emulator.admin().await;
    let reply = send(emulator.get("/v2/carts").bearer_auth(&admin)).await;
    let body = reply.expect(200);
    assert_eq!(body["data"].as_array().unwrap().len(), 2);
    assert_eq!(body["meta"]["page"]["limit"], 2);
    assert_eq!(body["meta"]["page"]["total"], 3);
}
