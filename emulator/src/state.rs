//! Everything one emulator instance holds, shared by all requests.

use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Instant;

use uuid::Uuid;

use crate::auth::{ClientTokens, CustomerTokens};
use crate::clock;
use crate::config::AppConfig;
use crate::faults::FaultTable;
use crate::journal::Journal;
use crate::ratelimit::RateLimiter;
use crate::seed;
use crate::store::Store;

/// The state of an emulator instance.
///
/// Each part has its own lock, held only for the few microseconds of one operation and never
/// across an `.await`.
pub struct AppState {
    pub config: AppConfig,
    /// Base URL of the `links` in responses, without a trailing slash.
    pub base_url: String,
    pub store: Mutex<Store>,
    pub client_tokens: Mutex<ClientTokens>,
    pub customer_tokens: Mutex<CustomerTokens>,
    pub journal: Mutex<Journal>,
    pub faults: Mutex<FaultTable>,
    /// `None` when no rate limit is configured.
    pub rate_limiter: Option<Mutex<RateLimiter>>,
}

/// The state as handlers receive it.
pub type SharedState = Arc<AppState>;

impl AppState {
    /// A fresh instance; `listening_url` is used for `links` unless the configuration names a
    /// public URL.
    pub fn new(config: AppConfig, listening_url: &str) -> Self {
        let base_url = config
            .public_url
            .as_deref()
            .unwrap_or(listening_url)
            .trim_end_matches('/')
            .to_owned();
        let jwt_secret = config
            .jwt_secret
            .clone()
            .unwrap_or_else(|| format!("{}{}", Uuid::new_v4().simple(), Uuid::new_v4().simple()));
        let seed = config
            .seed
            .unwrap_or_else(|| Uuid::new_v4().as_u64_pair().0);
        let mut faults = FaultTable::new(seed);
        for spec in &config.faults {
            faults.add(spec.clone());
        }
        Self {
            base_url,
            store: Mutex::new(seed::store(config.empty, clock::now())),
            client_tokens: Mutex::new(ClientTokens::new(config.token_ttl)),
            customer_tokens: Mutex::new(CustomerTokens::new(jwt_secret.as_bytes())),
            journal: Mutex::new(Journal::new(config.journal_limit)),
            faults: Mutex::new(faults),
            rate_limiter: config
                .rate_limit
                .map(|limit| Mutex::new(RateLimiter::new(limit, Instant::now()))),
            config,
        }
    }

    /// Starts over: a new store (the demo data unless `empty`), no valid token, an empty
    /// journal. Fault rules stay.
    pub fn reset(&self, empty: bool) {
        *lock(&self.store) = seed::store(empty, clock::now());
        lock(&self.client_tokens).revoke_all();
        lock(&self.customer_tokens).revoke_all();
        lock(&self.journal).clear();
    }
}

/// Locks a mutex. A panic while holding a lock would be a bug; the data is still usable for a
/// development tool, so a poisoned lock is simply taken over.
pub fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}
