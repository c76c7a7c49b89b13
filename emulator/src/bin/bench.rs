//! `epcc-emulator-bench`: how listing latency grows with the size of the store.
//!
//! Run with `cargo run --release -p epcc-emulator --bin epcc-emulator-bench`.
//!
//! Fills three stores in-process (through the store API, no HTTP) with 1k, 100k and 1M carts
//! spread over 10k customers, and times listing pages of 25 carts: all carts and one customer's
//! carts, on the first page and at a deep offset. Each call is timed twice over: the store query
//! alone, and the query plus the JSON rendering of the page (what a listing request costs without
//! the network). One customer (the "tracked" one) gets every 20th cart so that their listing has
//! full pages and a deep offset at every size.
//!
//! The sizes are measured in alternating batches rather than one after the other, so that other
//! load on the machine affects every size alike and the ratios stay meaningful.
//!
//! An unfiltered page should cost O(log n + page size), so the 1M figures should stay within 2x
//! of the 1k ones; the last table says whether they do.

use std::time::{Duration, Instant};

use epcc_emulator::clock;
use epcc_emulator::listing::{ListQuery, MAX_OFFSET};
use epcc_emulator::render::CartList;
use epcc_emulator::store::{NewCart, NewCustomer, Party, Scope, Store};

const SIZES: [usize; 3] = [1_000, 100_000, 1_000_000];
const CUSTOMERS: usize = 10_000;
const PAGE: usize = 25;
/// Calls per size and scenario: `ROUNDS` batches of `BATCH` calls, after one warm-up batch.
const ROUNDS: usize = 40;
const BATCH: usize = 100;
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

/// A filled store and the customer whose carts are listed.
struct Fixture {
    size: usize,
    store: Store,
    tracked: String,
}

/// One listing call, ready to run.
struct Call<'a> {
    store: &'a Store,
    scope: Scope<'a>,
    query: ListQuery,
}

impl Call<'_> {
    fn query_only(&self) -> usize {
        let page = self
            .store
            .list_carts(self.scope, self.query.offset, self.query.limit);
        assert_eq!(page.carts.len(), PAGE);
        page.carts.len()
    }

    fn listing(&self) -> usize {
        let page = self
            .store
            .list_carts(self.scope, self.query.offset, self.query.limit);
        let body = serde_json::to_vec(&CartList::new(&page, &self.query, BASE_URL)).unwrap();
        body.len()
    }
}

/// Sorted samples of one size and scenario.
#[derive(Default)]
struct Samples {
    query: Vec<Duration>,
    listing: Vec<Duration>,
}

impl Samples {
    fn median(samples: &[Duration]) -> Duration {
        samples[samples.len() / 2]
    }

    fn p99(samples: &[Duration]) -> Duration {
        samples[samples.len() * 99 / 100]
    }
}

fn main() {
    let started = Instant::now();
    let fixtures: Vec<Fixture> = SIZES
        .iter()
        .map(|&size| {
            let fill_started = Instant::now();
            let fixture = fixture(size);
            println!(
                "filled {size:>9} carts in {:>4.1} s (tracked customer: {} carts)",
                fill_started.elapsed().as_secs_f64(),
                fixture
                    .store
                    .list_carts(Scope::Customer(&fixture.tracked), 0, 0)
                    .total
            );
            fixture
        })
        .collect();

    // results[scenario][size]
    let mut results: Vec<Vec<(usize, Samples)>> = Vec::new();
    for scenario in SCENARIOS {
        let calls: Vec<Call<'_>> = fixtures.iter().map(|f| call(f, scenario)).collect();
        let mut samples: Vec<Samples> = calls.iter().map(|_| Samples::default()).collect();
        for round in 0..=ROUNDS {
            for (call, samples) in calls.iter().zip(&mut samples) {
                for _ in 0..BATCH {
                    let (query, listing) = (time(|| call.query_only()), time(|| call.listing()));
                    if round > 0 {
                        samples.query.push(query);
                        samples.listing.push(listing);
                    }
                }
            }
        }
        for samples in &mut samples {
            samples.query.sort_unstable();
            samples.listing.sort_unstable();
        }
        results.push(
            calls
                .iter()
                .map(|call| call.query.offset)
                .zip(samples)
                .collect(),
        );
    }

    println!();
    println!(
        "Page size {PAGE}, {} calls per cell. query: the store lookup alone; listing: lookup plus",
        ROUNDS * BATCH
    );
    println!("JSON rendering of the page.");
    println!();
    println!(
        "{:>9}  {:<26} {:>7} {:>13} {:>15} {:>13}",
        "carts", "scenario", "offset", "query median", "listing median", "listing p99"
    );
    for (size_index, fixture) in fixtures.iter().enumerate() {
        for (scenario, row) in SCENARIOS.iter().zip(&results) {
            let (offset, samples) = &row[size_index];
            println!(
                "{:>9}  {:<26} {:>7} {:>13} {:>15} {:>13}",
                fixture.size,
                scenario.label,
                offset,
                format_duration(Samples::median(&samples.query)),
                format_duration(Samples::median(&samples.listing)),
                format_duration(Samples::p99(&samples.listing)),
            );
        }
    }

    println!();
    println!(
        "Median at {} carts / median at {} carts:",
        SIZES[2], SIZES[0]
    );
    println!("  {:<26} {:>7} {:>9}", "scenario", "query", "listing");
    let mut all_within = true;
    for (scenario, row) in SCENARIOS.iter().zip(&results) {
        let (small, large) = (&row[0].1, &row[2].1);
        let ratio = |of: fn(&Samples) -> &[Duration]| {
            Samples::median(of(large)).as_secs_f64() / Samples::median(of(small)).as_secs_f64()
        };
        let listing = ratio(|s| &s.listing);
        all_within &= listing <= 2.0;
        println!(
            "  {:<26} {:>6.2}x {:>8.2}x {}",
            scenario.label,
            ratio(|s| &s.query),
            listing,
            if listing <= 2.0 { "ok" } else { "OVER 2x" }
        );
    }
    println!();
    println!(
        "{} (total run time {:.1} s)",
        if all_within {
            "Every listing at 1M carts is within 2x of the same listing at 1k carts."
        } else {
            "Some listings at 1M carts are more than 2x slower than at 1k carts."
        },
        started.elapsed().as_secs_f64()
    );
}

/// A store with `size` carts over [`CUSTOMERS`] customers, each cart associated with one.
fn fixture(size: usize) -> Fixture {
    let now = clock::now();
    let mut store = Store::new();
    let customers: Vec<String> = (0..CUSTOMERS)
        .map(|i| {
            let new = NewCustomer {
                id: None,
                name: format!("Customer {i}"),
                email: format!("customer{i}@bench.example"),
                password: Some("password".to_owned()),
            };
            store.create_customer(new, now).unwrap().id.clone()
        })
        .collect();
    for i in 0..size {
        let new = NewCart {
            name: format!("Cart {i}"),
            ..NewCart::default()
        };
        let id = store.create_cart(new, now).unwrap().id.clone();
        let owner = if i % 20 == 0 {
            &customers[0]
        } else {
            &customers[1 + i % (CUSTOMERS - 1)]
        };
        store.associate(Party::Customer, &id, owner, now).unwrap();
    }
    Fixture {
        size,
        store,
        tracked: customers[0].clone(),
    }
}

/// The call of `scenario` on a fixture; a deep offset is as deep as the API allows and the
/// listing has carts for (a full last page).
fn call(fixture: &Fixture, scenario: Scenario) -> Call<'_> {
    let scope = if scenario.customer {
        Scope::Customer(&fixture.tracked)
    } else {
        Scope::All
    };
    let total = fixture.store.list_carts(scope, 0, 0).total;
    let offset = if scenario.deep {
        MAX_OFFSET.min(total - PAGE)
    } else {
        0
    };
    let raw_query = format!("page[limit]={PAGE}&page[offset]={offset}");
    Call {
        store: &fixture.store,
        scope,
        query: ListQuery::parse(Some(&raw_query), PAGE).unwrap(),
    }
}

fn time(f: impl FnOnce() -> usize) -> Duration {
    let started = Instant::now();
    std::hint::black_box(f());
    started.elapsed()
}

fn format_duration(duration: Duration) -> String {
    format!("{:.1} µs", duration.as_secs_f64() * 1e6)
}
