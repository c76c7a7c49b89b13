//! `epcc-emulator`: runs the emulator on a local port.
//!
//! The first line on standard output is always `epcc-emulator listening on http://HOST:PORT`,
//! so scripts can read the base URL with `sed -n 's/.*listening on //p'`.

use std::io::Write;
use std::net::SocketAddr;
use std::sync::Arc;

use clap::Parser;
use epcc_emulator::config::{
    AppConfig, DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET, DEFAULT_JOURNAL_LIMIT,
    DEFAULT_PAGE_LENGTH, DEFAULT_TOKEN_TTL,
};
use epcc_emulator::faults::FaultSpec;
use epcc_emulator::listing::MAX_LIMIT;
use epcc_emulator::seed::DEMO_CUSTOMERS;
use epcc_emulator::{listening_url, serve_state, AppState};
use tokio::net::TcpListener;

/// Local emulator of the Elastic Path Commerce Cloud carts, customers and OAuth APIs.
#[derive(Debug, Parser)]
#[command(version, about)]
struct Cli {
    /// Address to listen on; port 0 picks a free port.
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1:4010")]
    listen: SocketAddr,

    /// Client id accepted by /oauth/access_token.
    #[arg(long, value_name = "ID", default_value = DEFAULT_CLIENT_ID)]
    client_id: String,

    /// Client secret for client_credentials tokens.
    #[arg(long, value_name = "SECRET", default_value = DEFAULT_CLIENT_SECRET)]
    client_secret: String,

    /// Base URL used in response links (default: the listening URL).
    #[arg(long, value_name = "URL")]
    public_url: Option<String>,

    /// Start with an empty store instead of the demo customers and carts.
    #[arg(long)]
    empty: bool,

    /// Lifetime of client access tokens, in seconds.
    #[arg(long, value_name = "SECONDS", default_value_t = DEFAULT_TOKEN_TTL)]
    token_ttl: u64,

    /// Default page size of listings (1 to 100).
    #[arg(long, value_name = "N", default_value_t = DEFAULT_PAGE_LENGTH, value_parser = clap::value_parser!(u16).range(1..=MAX_LIMIT as i64))]
    page_length: u16,

    /// Requests per second allowed before answering 429 with Retry-After (default: no limit).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    rate_limit: Option<u32>,

    /// HS256 secret for customer tokens (default: random at start).
    #[arg(long, value_name = "SECRET")]
    jwt_secret: Option<String>,

    /// Seed of the generator behind fault probabilities, for repeatable runs (default: random).
    #[arg(long, value_name = "N")]
    seed: Option<u64>,

    /// A fault rule active from the start, as JSON (same form as POST /__emulator/faults);
    /// repeatable.
    #[arg(long = "fault", value_name = "JSON", value_parser = FaultSpec::from_json)]
    faults: Vec<FaultSpec>,

    /// Number of requests the journal keeps (the oldest are dropped first).
    #[arg(long, value_name = "N", default_value_t = DEFAULT_JOURNAL_LIMIT)]
    journal_limit: usize,

    /// Print one line per request on standard error.
    #[arg(long, short)]
    verbose: bool,
}

impl Cli {
    fn into_config(self) -> AppConfig {
        AppConfig {
            client_id: self.client_id,
            client_secret: self.client_secret,
            public_url: self.public_url,
            empty: self.empty,
            token_ttl: self.token_ttl,
            page_length: usize::from(self.page_length),
            rate_limit: self.rate_limit,
            jwt_secret: self.jwt_secret,
            seed: self.seed,
            faults: self.faults,
            journal_limit: self.journal_limit,
            verbose: self.verbose,
        }
    }
}

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let cli = Cli::parse();
    let listener = TcpListener::bind(cli.listen).await?;
    let url = listening_url(listener.local_addr()?);
    let config = cli.into_config();

    let mut out = std::io::stdout().lock();
    writeln!(out, "epcc-emulator listening on {url}")?;
    out.flush()?;
    writeln!(out, "client_id: {}", config.client_id)?;
    writeln!(out, "client_secret: {}", config.client_secret)?;
    if !config.empty {
        for customer in DEMO_CUSTOMERS {
            writeln!(out, "customer: {} / {}", customer.email, customer.password)?;
        }
    }
    out.flush()?;
    drop(out);

    let state = Arc::new(AppState::new(config, &url));
    tokio::select! {
        result = serve_state(listener, state) => result,
        _ = tokio::signal::ctrl_c() => Ok(()),
    }
}
