//! Load: hundreds of concurrent clients against the emulator binary, started as its own
//! process on loopback, for a bounded time. Every answer must be the expected one, and the
//! process's resident memory (VmRSS in /proc) must stay flat once warmed up: the journal is
//! capped (`--journal-limit`), and the workload reuses a fixed set of carts, customers and
//! tokens, so steady state should need no more memory.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use serde_json::{json, Value};

const CLIENTS: usize = 300;
const WARM_UP: Duration = Duration::from_secs(2);
const RUN: Duration = Duration::from_secs(5);
/// Upper bound on requests per client and phase, so a loop ends even if the clock misbehaves.
const MAX_REQUESTS_PER_CLIENT: u64 = 5_000;
const CUSTOMERS: usize = 20;

struct Process(Child);

impl Drop for Process {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn rss_kib(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    status
        .lines()
        .find_map(|line| line.strip_prefix("VmRSS:"))
        .and_then(|rest| rest.trim().trim_end_matches("kB").trim().parse().ok())
        .expect("VmRSS in /proc/PID/status")
}

fn start() -> (Process, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_epcc-emulator"))
        .args([
            "--listen",
            "127.0.0.1:0",
            "--client-id",
            "load",
            "--client-secret",
            "load-secret",
            "--empty",
            "--journal-limit",
            "1000",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("the emulator binary starts");
    let mut line = String::new();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    stdout.read_line(&mut line).unwrap();
    // Keep reading, so the emulator's later lines never meet a closed pipe.
    std::thread::spawn(move || std::io::copy(&mut stdout, &mut std::io::sink()));
    let url = line
        .trim()
        .strip_prefix("epcc-emulator listening on ")
        .expect("the first line names the URL")
        .to_owned();
    (Process(child), url)
}

struct Setup {
    base: String,
    admin: String,
    implicit: String,
    customer_tokens: Vec<String>,
    customer_ids: Vec<String>,
}

async fn token(http: &reqwest::Client, base: &str, form: &str) -> String {
    let reply: Value = http
        .post(format!("{base}/oauth/access_token"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(form.to_owned())
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    reply["access_token"].as_str().unwrap().to_owned()
}

async fn setup(base: &str) -> Setup {
    let http = reqwest::Client::new();
    let admin = token(
        &http,
        base,
        "grant_type=client_credentials&client_id=load&client_secret=load-secret",
    )
    .await;
    let implicit = token(&http, base, "grant_type=implicit&client_id=load").await;
    let mut customer_tokens = Vec::new();
    let mut customer_ids = Vec::new();
    for i in 0..CUSTOMERS {
        let email = format!("load{i}@example.com");
        let created: Value = http
            .post(format!("{base}/v2/customers"))
            .bearer_auth(&admin)
            .json(&json!({"data": {"type": "customer", "name": "L", "email": email, "password": "pw"}}))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        customer_ids.push(created["data"]["id"].as_str().unwrap().to_owned());
        let token: Value = http
            .post(format!("{base}/v2/customers/tokens"))
            .bearer_auth(&implicit)
            .json(
                &json!({"data": {"type": "token", "email": email, "password": "pw",
                                   "authentication_mechanism": "password"}}),
            )
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        customer_tokens.push(token["data"]["token"].as_str().unwrap().to_owned());
    }
    Setup {
        base: base.to_owned(),
        admin,
        implicit,
        customer_tokens,
        customer_ids,
    }
}

#[derive(Default)]
struct Tally {
    requests: AtomicU64,
    errors: AtomicU64,
}

/// One client: its own connection, a storefront's mix of calls on its own cart, until the
/// deadline or the request cap. Returns how many requests it sent.
async fn client(n: usize, setup: Arc<Setup>, tally: Arc<Tally>, until: Instant) -> u64 {
    let http = reqwest::Client::new();
    let cart = format!("{}/v2/carts/load-{n}", setup.base);
    let customer = n % CUSTOMERS;
    let association = json!({"data": [{"type": "customer", "id": setup.customer_ids[customer]}]});
    let mut sent = 0;
    while Instant::now() < until && sent < MAX_REQUESTS_PER_CLIENT {
        let (request, expected): (_, &[u16]) = match sent % 4 {
            0 => (http.get(&cart).bearer_auth(&setup.implicit), &[200]),
            1 => (
                http.put(&cart)
                    .bearer_auth(&setup.implicit)
                    .json(&json!({"data": {"name": format!("n{sent}")}})),
                &[200],
            ),
            2 => (
                http.post(format!("{cart}/relationships/customers"))
                    .bearer_auth(&setup.admin)
                    .json(&association),
                &[200, 204],
            ),
            _ => (
                http.get(format!("{}/v2/carts?page[limit]=5", setup.base))
                    .bearer_auth(&setup.implicit)
                    .header("X-Moltin-Customer-Token", &setup.customer_tokens[customer]),
                &[200],
            ),
        };
        let ok = match request.timeout(Duration::from_secs(10)).send().await {
            Ok(response) => {
                let status = response.status().as_u16();
                response.bytes().await.is_ok() && expected.contains(&status)
            }
            Err(_) => false,
        };
        sent += 1;
        tally.requests.fetch_add(1, Ordering::Relaxed);
        if !ok {
            tally.errors.fetch_add(1, Ordering::Relaxed);
        }
    }
    sent
}

/// Requests, errors, time taken, and the fewest requests any one client sent.
async fn phase(setup: &Arc<Setup>, length: Duration) -> (u64, u64, Duration, u64) {
    let tally = Arc::new(Tally::default());
    let started = Instant::now();
    let until = started + length;
    let tasks: Vec<_> = (0..CLIENTS)
        .map(|n| tokio::spawn(client(n, Arc::clone(setup), Arc::clone(&tally), until)))
        .collect();
    let mut fewest = u64::MAX;
    for task in tasks {
        fewest = fewest.min(task.await.unwrap());
    }
    (
        tally.requests.load(Ordering::Relaxed),
        tally.errors.load(Ordering::Relaxed),
        started.elapsed(),
        fewest,
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hundreds_of_clients_get_no_errors_and_memory_stays_flat() {
    let (process, base) = start();
    let pid = process.0.id();
    let setup = Arc::new(setup(&base).await);
    let at_start = rss_kib(pid);

    let (warm_requests, warm_errors, _, _) = phase(&setup, WARM_UP).await;
    let before = rss_kib(pid);
    let (requests, errors, took, fewest) = phase(&setup, RUN).await;
    let after = rss_kib(pid);

    println!(
        "load: {CLIENTS} clients for {:.1} s: {requests} requests ({:.0}/s), {errors} errors; \
         warm-up {warm_requests} requests, {warm_errors} errors; emulator RSS {at_start} KiB at \
         start, {before} KiB after warm-up, {after} KiB at the end",
        took.as_secs_f64(),
        requests as f64 / took.as_secs_f64(),
    );
    assert_eq!(warm_errors + errors, 0, "every answer as expected");
    assert!(fewest >= 1, "every client got through at least once");
    assert!(took < RUN + Duration::from_secs(15), "bounded: {took:?}");
    // Flat: allocator slack may add a little (the journal is already full after the warm-up).
    // The allowance is 4 MiB plus a tenth; at a few thousand requests it catches leaks of a
    // couple of KiB per request, e.g. a journal that is not capped or a connection that is
    // never freed.
    let allowed = 4 * 1024 + before / 10;
    assert!(
        after <= before + allowed,
        "RSS grew from {before} to {after} KiB over {requests} requests"
    );
}
