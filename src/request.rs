//! Requests as data: every endpoint builds an [`ApiRequest`]; one place in the bindings sends it.

use alloc::borrow::ToOwned;
use alloc::string::String;
use alloc::vec::Vec;

use crate::config::{Config, DEFAULT_APPLICATION, SDK_LANGUAGE, SDK_VERSION};
use crate::error::Result;
use crate::validate;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    Get,
    Post,
    Put,
    Delete,
}

impl Method {
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Delete => "DELETE",
        }
    }

    /// Whether sending the request twice has the effect of sending it once.
    pub fn is_idempotent(self) -> bool {
        !matches!(self, Method::Post)
    }
}

/// How the request is authorised.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Auth {
    /// The gateway's Bearer token (fetched and refreshed as needed).
    Bearer,
    /// No token: the token request itself.
    None,
}

/// One API call, transport-agnostic.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ApiRequest {
    pub method: Method,
    /// From the host on, e.g. `/v2/carts/abc/relationships/customers`.
    pub path: String,
    /// Without `?`; empty for none.
    pub query: String,
    pub body: Option<String>,
    pub content_type: &'static str,
    pub auth: Auth,
    /// Sent as `X-MOLTIN-CUSTOMER-TOKEN`.
    pub customer_token: Option<String>,
    /// Sent last, after the config's headers (e.g. `EP-Account-Management-Authentication-Token`).
    pub extra_headers: Vec<(String, String)>,
}

pub const JSON: &str = "application/json";
pub const FORM: &str = "application/x-www-form-urlencoded";

impl ApiRequest {
    /// A JSON request under `/v2`, authorised with the gateway's Bearer token.
    pub fn v2(method: Method, path: &str) -> Self {
        let mut full = String::with_capacity("/v2/".len() + path.len());
        full.push_str("/v2/");
        full.push_str(path);
        ApiRequest {
            method,
            path: full,
            query: String::new(),
            body: None,
            content_type: JSON,
            auth: Auth::Bearer,
            customer_token: None,
            extra_headers: Vec::new(),
        }
    }

    /// Whether the request may be sent again after a network error or a 502/503/504: idempotent
    /// methods, and the token request, which changes nothing on the server.
    pub fn is_idempotent(&self) -> bool {
        self.method.is_idempotent() || self.auth == Auth::None
    }

    pub fn body(mut self, body: String) -> Self {
        self.body = Some(body);
        self
    }

    /// Sends `token` as `X-MOLTIN-CUSTOMER-TOKEN`; refuses one no header could carry.
    pub fn customer_token(mut self, token: Option<String>) -> Result<Self> {
        if let Some(token) = &token {
            validate::token("customer token", token)?;
        }
        self.customer_token = token;
        Ok(self)
    }

    /// Sends an Account Management token as `EP-Account-Management-Authentication-Token` (the
    /// official SDK spells it in capitals for associations, in title case for checkout, and
    /// sends it empty when no token is given; this SDK leaves it out then). Refuses one no
    /// header could carry.
    pub fn account_token(mut self, token: Option<String>) -> Result<Self> {
        if let Some(token) = token {
            validate::token("account token", &token)?;
            self.extra_headers.push((
                "EP-Account-Management-Authentication-Token".to_owned(),
                token,
            ));
        }
        Ok(self)
    }

    /// Sends `headers` after the config's (a call's `additionalHeaders`); refuses names or
    /// values no header could carry.
    #[inline(never)]
    pub fn extra_headers(mut self, mut headers: Vec<(String, String)>) -> Result<Self> {
        validate::headers(&headers)?;
        self.extra_headers.append(&mut headers);
        Ok(self)
    }

    pub fn query(mut self, query: String) -> Self {
        self.query = query;
        self
    }

    pub fn url(&self, config: &Config) -> String {
        let mut url = config.base_url(self.path.len() + 1 + self.query.len());
        url.push_str(&self.path);
        if !self.query.is_empty() {
            url.push('?');
            url.push_str(&self.query);
        }
        url
    }

    /// The headers, in the official SDK's order: SDK name and version, `Content-Type`,
    /// `Authorization`, application, currency, language, customer token, the config's headers,
    /// then the request's own. Each is handed to `add` as it is made, so the transport can put
    /// it straight into the object `fetch` takes.
    pub fn write_headers(
        &self,
        config: &Config,
        access_token: Option<&str>,
        mut add: impl FnMut(&str, &str),
    ) {
        if self.auth == Auth::None {
            add("Content-Type", self.content_type);
            add("X-MOLTIN-SDK-LANGUAGE", SDK_LANGUAGE);
            add("X-MOLTIN-SDK-VERSION", SDK_VERSION);
            return;
        }
        add("X-MOLTIN-SDK-LANGUAGE", SDK_LANGUAGE);
        add("X-MOLTIN-SDK-VERSION", SDK_VERSION);
        add("Content-Type", self.content_type);
        if let Some(token) = access_token {
            let mut bearer = String::with_capacity("Bearer ".len() + token.len());
            bearer.push_str("Bearer ");
            bearer.push_str(token);
            add("Authorization", &bearer);
        }
        add(
            "X-MOLTIN-APPLICATION",
            config.application.as_deref().unwrap_or(DEFAULT_APPLICATION),
        );
        if let Some(currency) = &config.currency {
            add("X-MOLTIN-CURRENCY", currency);
        }
        if let Some(language) = &config.language {
            add("X-MOLTIN-LANGUAGE", language);
        }
        if let Some(token) = &self.customer_token {
            add("X-MOLTIN-CUSTOMER-TOKEN", token);
        }
        for (name, value) in config.headers.iter().chain(&self.extra_headers) {
            add(name, value);
        }
    }

    /// [`ApiRequest::write_headers`] as a list.
    pub fn headers(&self, config: &Config, access_token: Option<&str>) -> Vec<(String, String)> {
        let mut headers = Vec::new();
        self.write_headers(config, access_token, |name: &str, value: &str| {
            headers.push((name.to_owned(), value.to_owned()))
        });
        headers
    }
}

/// Appends `value` percent-encoded, keeping ASCII letters, digits and the bytes in `keep`.
pub fn percent_encode_into(out: &mut String, value: &str, keep: &[u8]) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    for b in value.bytes() {
        if b.is_ascii_alphanumeric() || crate::text::is_one_of(b, keep) {
            crate::text::push_ascii(out, b);
        } else {
            out.push('%');
            crate::text::push_ascii(out, HEX[(b >> 4) as usize]);
            crate::text::push_ascii(out, HEX[(b & 0xf) as usize]);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(headers: &[(String, String)]) -> Vec<&str> {
        headers.iter().map(|(n, _)| n.as_str()).collect()
    }

    #[test]
    fn headers_follow_the_official_order() {
        let mut config = Config::new("cid").unwrap();
        config.currency = Some("USD".into());
        config.language = Some("en".into());
        config
            .set_headers(vec![("X-Shop".into(), "blue".into())])
            .unwrap();
        let mut req = ApiRequest::v2(Method::Post, "carts")
            .customer_token(Some("ct".to_owned()))
            .unwrap();
        req.extra_headers.push(("EP-X".into(), "1".into()));
        let headers = req.headers(&config, Some("tok"));
        assert_eq!(
            names(&headers),
            [
                "X-MOLTIN-SDK-LANGUAGE",
                "X-MOLTIN-SDK-VERSION",
                "Content-Type",
                "Authorization",
                "X-MOLTIN-APPLICATION",
                "X-MOLTIN-CURRENCY",
                "X-MOLTIN-LANGUAGE",
                "X-MOLTIN-CUSTOMER-TOKEN",
                "X-Shop",
                "EP-X"
            ]
        );
        assert_eq!(headers[0].1, "epcc-carts");
        assert_eq!(headers[3].1, "Bearer tok");
        assert_eq!(headers[4].1, "epcc sdk");
    }

    #[test]
    fn minimal_headers_without_options() {
        let config = Config::new("cid").unwrap();
        let headers = ApiRequest::v2(Method::Get, "carts").headers(&config, Some("t"));
        assert_eq!(
            names(&headers),
            [
                "X-MOLTIN-SDK-LANGUAGE",
                "X-MOLTIN-SDK-VERSION",
                "Content-Type",
                "Authorization",
                "X-MOLTIN-APPLICATION"
            ]
        );
    }

    #[test]
    fn urls_join_base_path_and_query() {
        let config = Config::new("cid").unwrap();
        let req = ApiRequest::v2(Method::Get, "carts").query("page[limit]=1".into());
        assert_eq!(
            req.url(&config),
            "https://euwest.api.elasticpath.com/v2/carts?page[limit]=1"
        );
        assert!(!Method::Post.is_idempotent());
        assert!(Method::Delete.is_idempotent());
    }
}
