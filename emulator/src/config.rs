//! Settings of one emulator instance; the command line maps onto these one to one.

use crate::faults::FaultSpec;

/// Client id accepted when none is configured.
pub const DEFAULT_CLIENT_ID: &str = "demo-client-id";
/// Client secret accepted when none is configured.
pub const DEFAULT_CLIENT_SECRET: &str = "demo-client-secret";
/// Lifetime of client access tokens, in seconds, when none is configured.
pub const DEFAULT_TOKEN_TTL: u64 = 3600;
/// Default `page[limit]` of listings when none is configured.
pub const DEFAULT_PAGE_LENGTH: u16 = 25;
/// How many requests the journal keeps when not configured.
pub const DEFAULT_JOURNAL_LIMIT: usize = 10_000;

/// Settings of an emulator instance.
#[derive(Debug, Clone)]
pub struct AppConfig {
    /// The store's client id.
    pub client_id: String,
    /// The secret for client_credentials tokens.
    pub client_secret: String,
    /// Base URL used in `links`; `None` for the listening address.
    pub public_url: Option<String>,
    /// Start (and reset) with an empty store instead of the demo data.
    pub empty: bool,
    /// Lifetime of client access tokens, in seconds.
    pub token_ttl: u64,
    /// Default `page[limit]` of listings.
    pub page_length: usize,
    /// Requests per second allowed before 429s; `None` for no limit.
    pub rate_limit: Option<u32>,
    /// HS256 secret for customer tokens; `None` for a random one.
    pub jwt_secret: Option<String>,
    /// Seed of the generator behind fault probabilities; `None` for a random one.
    pub seed: Option<u64>,
    /// Fault rules active from the start.
    pub faults: Vec<FaultSpec>,
    /// How many requests the journal keeps.
    pub journal_limit: usize,
    /// Print one line per request on standard error.
    pub verbose: bool,
}

impl Default for AppConfig {
    fn default() -> Self {
        Self {
            client_id: DEFAULT_CLIENT_ID.to_owned(),
            client_secret: DEFAULT_CLIENT_SECRET.to_owned(),
            public_url: None,
            empty: false,
            token_ttl: DEFAULT_TOKEN_TTL,
            page_length: usize::from(DEFAULT_PAGE_LENGTH),
            rate_limit: None,
            jwt_secret: None,
            seed: None,
            faults: Vec::new(),
            journal_limit: DEFAULT_JOURNAL_LIMIT,
            verbose: false,
        }
    }
}
