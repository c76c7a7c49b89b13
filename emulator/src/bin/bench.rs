//! `epcc-emulator-bench`: how listing latency grows with the size of the store.
//!
//! Run with `cargo run --release -p epcc-emulator --bin epcc-emulator-bench`.
//!
//! Fills a store in-process (through the store API, no HTTP) with 1k, 100k and 1M carts spread
//! over 10k customers, and times listing pages of 25 carts, from the store query to the JSON
//! bytes of the response: all carts and one customer's carts, on the first page and at a deep
//! offset. One customer (the "tracked" one) gets every 20th cart so that their listing has full
//! pages and a deep offset at every size. An unfiltered page should cost O(log n + page size),
//! so the 1M figures should stay within 2x of the 1k ones; the last table says whether they do.

use std::time::{Duration, Instant};

use epcc_emulator::clock;
use epcc_emulator::listing::{ListQuery, MAX_OFFSET};
use epcc_emulator::render::CartList;
use epcc_emulator::store::{NewCart, NewCustomer, Scope, Store};

const SIZES: [usize; 3] = [1_000, 100_000, 1_000_000];
const CUSTOMERS: usize = 10_000;
const PAGE: usize = 25;
const WARMUP: usize = 300;
const SAMPLES: usize = 5_000;
const BASE_URL: &str = "http://127.0.0.1:4010";

/// One kind of listing call.
#[derive(Clone, Copy)]
struct Scenario {
    label: &'static str,
    customer: bool,
    deep: bool,
}

const SCENARIOS: [Scenario; 4] = [
    Scenario {
        label: "all carts, first page",
        customer: false,
        deep: false,
    },
    Scenario {
        label: "all carts, deep offset",
        customer: false,
        deep: true,
    },
    Scenario {
        label: "one customer, first page",
        customer: true,
        deep: false,
    },
    Scenario {
        label: "one customer, deep offset",
        customer: true,
        deep: true,
    },
];

/// Timings of one scenario at one size.
struct Measurement {
    offset: usize,
    median: Duration,
    p99: Duration,
}

fn main() {
    let started = Instant::now();
    let mut store = Store::new();
    let customers = register_customers(&mut store);
    let tracked = customers[0].clone();

    println!("Listing latency, page size {PAGE}, {SAMPLES} calls per cell (store query + JSON rendering)");
    println!();
    println!(
        "{:>9}  {:<26} {:>7} {:>11} {:>11}",
        "carts", "listing", "offset", "median", "p99"
    );
    let mut results: Vec<Vec<Measurement>> = Vec::new();
    let mut filled = 0;
    for size in SIZES {
        let fill_started = Instant::now();
        fill(&mut store, &customers, filled, size);
        filled = size;
        let fill_time = fill_started.elapsed();
        let mut row = Vec::new();
        for scenario in SCENARIOS {
            let measurement = measure(&store, scenario, &tracked);
            println!(
                "{:>9}  {:<26} {:>7} {:>11} {:>11}",
                size,
                scenario.label,
                measurement.offset,
                format_duration(measurement.median),
                format_duration(measurement.p99)
            );
            row.push(measurement);
        }
        println!(
            "{:>9}  (filled in {:.1} s; tracked customer has {} carts)",
            "",
            fill_time.as_secs_f64(),
            store.list_carts(Scope::Customer(&tracked), 0, 0).total
        );
        results.push(row);
    }

    println!();
    println!(
        "Ratio of the {} figure to the {} figure (median):",
        SIZES[2], SIZES[0]
    );
    let mut all_within = true;
    for (i, scenario) in SCENARIOS.iter().enumerate() {
        let ratio = results[2][i].median.as_secs_f64() / results[0][i].median.as_secs_f64();
        all_within &= ratio <= 2.0;
        println!(
            "  {:<26} {:>5.2}x {}",
            scenario.label,
            ratio,
            if ratio <= 2.0 { "ok" } else { "OVER 2x" }
        );
    }
    println!();
    println!(
        "{} (total run time {:.1} s)",
        if all_within {
            "All listings at 1M carts are within 2x of 1k carts."
        } else {
            "Some listings at 1M carts are slower than 2x of 1k carts."
        },
        started.elapsed().as_secs_f64()
    );
}

fn register_customers(store: &mut Store) -> Vec<String> {
    let now = clock::now();
    (0..CUSTOMERS)
        .map(|i| {
            let new = NewCustomer {
                id: None,
                name: format!("Customer {i}"),
                email: format!("customer{i}@bench.example"),
                password: Some("password".to_owned()),
            };
            store.create_customer(new, now).unwrap().id.clone()
        })
        .collect()
}

/// Adds carts number `from..to`, each associated with one customer.
fn fill(store: &mut Store, customers: &[String], from: usize, to: usize) {
    let now = clock::now();
    for i in from..to {
        let new = NewCart {
            name: format!("Cart {i}"),
            ..NewCart::default()
        };
        let id = store.create_cart(new, now).unwrap().id.clone();
        let owner = if i % 20 == 0 {
            &customers[0]
        } else {
            &customers[1 + i % (customers.len() - 1)]
        };
        store.associate_customer(&id, owner, now).unwrap();
    }
}

fn measure(store: &Store, scenario: Scenario, tracked: &str) -> Measurement {
    let scope = if scenario.customer {
        Scope::Customer(tracked)
    } else {
        Scope::All
    };
    let total = store.list_carts(scope, 0, 0).total;
    let offset = if scenario.deep {
        MAX_OFFSET.min(total.saturating_sub(PAGE))
    } else {
        0
    };
    let raw_query = format!("page[limit]={PAGE}&page[offset]={offset}");
    let query = ListQuery::parse(Some(&raw_query), PAGE).unwrap();
    let mut samples = Vec::with_capacity(SAMPLES);
    let mut bytes = 0;
    for i in 0..WARMUP + SAMPLES {
        let started = Instant::now();
        let page = store.list_carts(scope, query.offset, query.limit);
        let body = serde_json::to_vec(&CartList::new(&page, &query, BASE_URL)).unwrap();
        let elapsed = started.elapsed();
        assert_eq!(page.carts.len(), PAGE);
        bytes += body.len();
        if i >= WARMUP {
            samples.push(elapsed);
        }
    }
    std::hint::black_box(bytes);
    samples.sort_unstable();
    Measurement {
        offset,
        median: samples[samples.len() / 2],
        p99: samples[samples.len() * 99 / 100],
    }
}

fn format_duration(duration: Duration) -> String {
    format!("{:.1} µs", duration.as_secs_f64() * 1e6)
}
