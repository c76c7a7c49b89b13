//! The gateway's settings, with the official SDK's keys and defaults.

use alloc::borrow::ToOwned;
use alloc::string::String;
use alloc::vec::Vec;

use crate::error::{Error, Result};
use crate::retry::RetryPolicy;
use crate::validate;

pub const DEFAULT_HOST: &str = "euwest.api.elasticpath.com";
pub const DEFAULT_APPLICATION: &str = "epcc sdk";
/// Sent as `X-MOLTIN-SDK-LANGUAGE`, so the API can tell this SDK from the official one.
pub const SDK_LANGUAGE: &str = "epcc-carts";
pub const SDK_VERSION: &str = env!("CARGO_PKG_VERSION");

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Protocol {
    Http,
    Https,
}

impl Protocol {
    pub fn parse(value: &str) -> Result<Self> {
        match value {
            "https" => Ok(Protocol::Https),
            "http" => Ok(Protocol::Http),
            _ => Err(Error::invalid_input(
                "config.protocol must be 'https' or 'http'",
            )),
        }
    }

    fn as_str(self) -> &'static str {
        match self {
            Protocol::Http => "http",
            Protocol::Https => "https",
        }
    }
}

/// How the gateway gets its access token.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Grant {
    /// Browser token: carts, but no store-wide listing.
    Implicit,
    /// Server token: everything, including all carts. Its secret must never reach a browser.
    ClientCredentials { client_secret: String },
}

/// Validated settings. Built by the bindings from the JS config object.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Config {
    pub client_id: String,
    pub grant: Grant,
    pub host: String,
    pub protocol: Protocol,
    pub currency: Option<String>,
    pub language: Option<String>,
    pub application: Option<String>,
    /// Extra headers sent on every API call, after the SDK's own.
    pub headers: Vec<(String, String)>,
    /// Namespaces the storage keys, as the official SDK's `name`.
    pub name: Option<String>,
    pub retry: RetryPolicy,
    pub disable_cart: bool,
    /// Milliseconds a whole call may take, retries included; `None` waits as long as fetch does.
    pub timeout_ms: Option<u32>,
}

impl Config {
    /// Settings with the official defaults for everything but the client id.
    pub fn new(client_id: &str) -> Result<Self> {
        if client_id.trim_ascii().is_empty() {
            return Err(Error::invalid_input(
                "config.client_id is required: gateway({ client_id: 'your client id' })",
            ));
        }
        Ok(Config {
            client_id: client_id.to_owned(),
            grant: Grant::Implicit,
            host: DEFAULT_HOST.to_owned(),
            protocol: Protocol::Https,
            currency: None,
            language: None,
            application: None,
            headers: Vec::new(),
            name: None,
            retry: RetryPolicy::default(),
            disable_cart: false,
            timeout_ms: None,
        })
    }

    /// Sets the API host: a name with an optional port, no scheme and no path.
    pub fn set_host(&mut self, host: &str) -> Result<()> {
        // A DNS name is at most 253 characters; a port or IPv6 brackets add a few.
        // (Byte checks rather than str patterns keep the string searcher out of the wasm.)
        let bytes = host.as_bytes();
        let valid = !bytes.is_empty()
            && bytes.len() <= 261
            && !matches!(bytes[0], b'.' | b'-' | b':')
            && !bytes.windows(2).any(|pair| pair == b"..")
            && crate::text::all_bytes(bytes, |b| {
                b.is_ascii_alphanumeric() || crate::text::is_one_of(b, b".-:[]")
            });
        if !valid {
            return Err(Error::invalid_input(
                "config.host must be a host name with an optional port, without scheme or path, e.g. 'useast.api.elasticpath.com' or '127.0.0.1:4010'",
            ));
        }
        self.host = host.to_owned();
        Ok(())
    }

    pub fn set_client_secret(&mut self, secret: &str) -> Result<()> {
        if secret.is_empty() {
            return Err(Error::invalid_input(
                "config.client_secret must not be empty; leave it out for an implicit token",
            ));
        }
        self.grant = Grant::ClientCredentials {
            client_secret: secret.to_owned(),
        };
        Ok(())
    }

    /// Sets the extra headers of every call; refuses names or values no header could carry.
    pub fn set_headers(&mut self, headers: Vec<(String, String)>) -> Result<()> {
        validate::headers(&headers)?;
        self.headers = headers;
        Ok(())
    }

    /// `https://host` with no trailing slash, with room for `more` bytes after it.
    pub fn base_url(&self, more: usize) -> String {
        let mut url = String::with_capacity("https://".len() + self.host.len() + more);
        url.push_str(self.protocol.as_str());
        url.push_str("://");
        url.push_str(&self.host);
        url
    }

    /// Where the access token is kept: `epCredentials`, or `{name}_ep_credentials`.
    pub fn credentials_key(&self) -> String {
        self.storage_key("epCredentials", "_ep_credentials")
    }

    /// Where the shopper's cart id is kept: `epcart`, or `{name}_ep_cart`.
    pub fn cart_key(&self) -> String {
        self.storage_key("epcart", "_ep_cart")
    }

    fn storage_key(&self, default: &str, suffix: &str) -> String {
        match &self.name {
            Some(name) => {
                let mut key = name.clone();
                key.push_str(suffix);
                key
            }
            None => default.to_owned(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_match_the_official_sdk() {
        let config = Config::new("cid").unwrap();
        assert_eq!(config.base_url(0), "https://euwest.api.elasticpath.com");
        assert_eq!(config.grant, Grant::Implicit);
        assert_eq!(config.retry, RetryPolicy::default());
        assert_eq!(config.credentials_key(), "epCredentials");
        assert_eq!(config.cart_key(), "epcart");
    }

    #[test]
    fn named_gateways_have_their_own_keys() {
        let mut config = Config::new("cid").unwrap();
        config.name = Some("b2b".into());
        assert_eq!(config.credentials_key(), "b2b_ep_credentials");
        assert_eq!(config.cart_key(), "b2b_ep_cart");
    }

    #[test]
    fn client_id_is_required() {
        for bad in ["", "   "] {
            let err = Config::new(bad).unwrap_err();
            assert!(err.message.contains("client_id"), "{}", err.message);
        }
    }

    #[test]
    fn host_takes_a_port_but_no_scheme_or_path() {
        let mut config = Config::new("cid").unwrap();
        config.set_host("127.0.0.1:4010").unwrap();
        config.protocol = Protocol::parse("http").unwrap();
        assert_eq!(config.base_url(0), "http://127.0.0.1:4010");
        let too_long = "a".repeat(262);
        for bad in [
            "https://x.com",
            "x.com/v2",
            "",
            "a b",
            "..",
            "a..b",
            ".x",
            "-x",
            &too_long,
        ] {
            assert!(config.set_host(bad).is_err(), "{bad}");
        }
        assert!(Protocol::parse("ftp").is_err());
    }

    #[test]
    fn a_secret_selects_client_credentials() {
        let mut config = Config::new("cid").unwrap();
        config.set_client_secret("s3").unwrap();
        assert_eq!(
            config.grant,
            Grant::ClientCredentials {
                client_secret: "s3".into()
            }
        );
        assert!(config.set_client_secret("").is_err());
    }
}
