//! Client access tokens (`/oauth/access_token`), customer tokens (HS256 JWTs) and the extractors
//! that read them from requests.
//!
//! Client tokens are random opaque strings remembered until they expire or are revoked (by
//! `POST /__emulator/tokens/expire` or a reset). Customer tokens are JWTs signed with the
//! emulator's secret: `sub` is the customer id, `jti` the token id, `exp` the issue time plus
//! 24 hours. A customer token is accepted only if its signature, algorithm (HS256 only, so
//! `alg: none` is refused), expiry and id check out, it was issued since the last reset, and its
//! customer exists.

use std::collections::{HashMap, HashSet};

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{HeaderMap, StatusCode};
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::clock::{self, Timestamp, DAY};
use crate::error::ApiError;
use crate::state::{lock, SharedState};

/// Header carrying a customer token.
pub const CUSTOMER_TOKEN_HEADER: &str = "x-moltin-customer-token";
/// Header carrying an account management token.
pub const ACCOUNT_TOKEN_HEADER: &str = "ep-account-management-authentication-token";

/// How long a customer token lives.
pub const CUSTOMER_TOKEN_LIFETIME: Timestamp = DAY;

/// The two OAuth grants the API offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Grant {
    /// For browsers: carts, customer tokens, a customer's own carts.
    Implicit,
    /// For servers: everything, including listing all carts and creating customers.
    ClientCredentials,
}

impl Grant {
    /// The grant's name on the wire (`identifier` in the token response).
    pub fn identifier(self) -> &'static str {
        match self {
            Grant::Implicit => "implicit",
            Grant::ClientCredentials => "client_credentials",
        }
    }
}

/// A client access token just issued.
#[derive(Debug, Clone)]
pub struct IssuedClientToken {
    pub access_token: String,
    pub grant: Grant,
    /// Absolute expiry, seconds since the epoch.
    pub expires: Timestamp,
    /// Lifetime in seconds.
    pub expires_in: u64,
}

/// The client access tokens issued and still valid.
#[derive(Debug)]
pub struct ClientTokens {
    ttl: u64,
    live: HashMap<String, (Grant, Timestamp)>,
    /// Size of `live` at which expired tokens are swept out.
    sweep_at: usize,
}

impl ClientTokens {
    const MIN_SWEEP_AT: usize = 1024;

    /// No tokens; new ones live `ttl` seconds.
    pub fn new(ttl: u64) -> Self {
        Self {
            ttl,
            live: HashMap::new(),
            sweep_at: Self::MIN_SWEEP_AT,
        }
    }

    /// Issues a new token.
    pub fn issue(&mut self, grant: Grant, now: Timestamp) -> IssuedClientToken {
        if self.live.len() >= self.sweep_at {
            self.live.retain(|_, &mut (_, expires)| expires > now);
            self.sweep_at = (self.live.len() * 2).max(Self::MIN_SWEEP_AT);
        }
        // 40 hex characters, like the real service's tokens.
        let mut access_token = Uuid::new_v4().simple().to_string();
        access_token.push_str(&Uuid::new_v4().simple().to_string()[..8]);
        let expires = now.saturating_add(Timestamp::try_from(self.ttl).unwrap_or(Timestamp::MAX));
        self.live.insert(access_token.clone(), (grant, expires));
        IssuedClientToken {
            access_token,
            grant,
            expires,
            expires_in: self.ttl,
        }
    }

    /// The grant of a token if it is known and not expired at `now`.
    pub fn validate(&self, token: &str, now: Timestamp) -> Option<Grant> {
        match self.live.get(token) {
            Some(&(grant, expires)) if now < expires => Some(grant),
            _ => None,
        }
    }

    /// Invalidates every token issued so far.
    pub fn revoke_all(&mut self) {
        self.live.clear();
    }
}

/// A customer token just issued.
#[derive(Debug, Clone)]
pub struct IssuedCustomerToken {
    /// The token id (`jti`).
    pub id: String,
    pub customer_id: String,
    /// The JWT.
    pub token: String,
    /// Absolute expiry, seconds since the epoch.
    pub expires: Timestamp,
}

#[derive(Debug, Serialize, Deserialize)]
struct CustomerClaims {
    sub: String,
    jti: String,
    iat: Timestamp,
    exp: Timestamp,
}

/// Signs and checks customer tokens.
pub struct CustomerTokens {
    encoding: EncodingKey,
    decoding: DecodingKey,
    validation: Validation,
    /// Ids of the tokens issued since the last reset.
    issued: HashSet<String>,
}

impl CustomerTokens {
    /// Tokens signed with this HS256 secret.
    pub fn new(secret: &[u8]) -> Self {
        let mut validation = Validation::new(Algorithm::HS256);
        validation.leeway = 0;
        validation.set_required_spec_claims(&["exp", "sub"]);
        Self {
            encoding: EncodingKey::from_secret(secret),
            decoding: DecodingKey::from_secret(secret),
            validation,
            issued: HashSet::new(),
        }
    }

    /// Issues a token for a customer.
    pub fn issue(&mut self, customer_id: &str, now: Timestamp) -> IssuedCustomerToken {
        let claims = CustomerClaims {
            sub: customer_id.to_owned(),
            jti: Uuid::new_v4().to_string(),
            iat: now,
            exp: now + CUSTOMER_TOKEN_LIFETIME,
        };
        let token = jsonwebtoken::encode(&Header::new(Algorithm::HS256), &claims, &self.encoding)
            .expect("HS256 signing of plain claims cannot fail");
        self.issued.insert(claims.jti.clone());
        IssuedCustomerToken {
            id: claims.jti,
            customer_id: claims.sub,
            token,
            expires: claims.exp,
        }
    }

    /// The customer id of a valid token (checked against the system clock).
    pub fn verify(&self, token: &str) -> Option<String> {
        let data =
            jsonwebtoken::decode::<CustomerClaims>(token, &self.decoding, &self.validation).ok()?;
        self.issued
            .contains(&data.claims.jti)
            .then_some(data.claims.sub)
    }

    /// Invalidates every token issued so far.
    pub fn revoke_all(&mut self) {
        self.issued.clear();
    }
}

/// The grant of the request's client access token. Rejects with 401 "Unable to validate access
/// token" when the `Authorization: Bearer` header is missing, unknown, expired or revoked.
#[derive(Debug, Clone, Copy)]
pub struct ClientAuth(pub Grant);

impl FromRequestParts<SharedState> for ClientAuth {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &SharedState,
    ) -> Result<Self, Self::Rejection> {
        let token = bearer_token(&parts.headers).ok_or_else(ApiError::invalid_access_token)?;
        lock(&state.client_tokens)
            .validate(token, clock::now())
            .map(ClientAuth)
            .ok_or_else(ApiError::invalid_access_token)
    }
}

fn bearer_token(headers: &HeaderMap) -> Option<&str> {
    let value = headers
        .get(axum::http::header::AUTHORIZATION)?
        .to_str()
        .ok()?;
    let (scheme, token) = value.trim().split_once(' ')?;
    let token = token.trim();
    (scheme.eq_ignore_ascii_case("bearer") && !token.is_empty()).then_some(token)
}

/// The customer named by the `X-Moltin-Customer-Token` header, or `None` without the header.
///
/// **Decision:** a token that is present but malformed, wrongly signed, not HS256 (including
/// `alg: none`), expired, issued before the last reset, or whose customer no longer exists is
/// rejected with `401 {"errors":[{"status":401,"title":"Invalid customer token",...}]}`. The
/// title differs from the client token's "Unable to validate access token", so a client can tell
/// that refreshing its access token will not help.
#[derive(Debug, Clone)]
pub struct CustomerAuth(pub Option<String>);

impl FromRequestParts<SharedState> for CustomerAuth {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &SharedState,
    ) -> Result<Self, Self::Rejection> {
        let Some(token) = header_text(&parts.headers, CUSTOMER_TOKEN_HEADER)? else {
            return Ok(CustomerAuth(None));
        };
        let invalid = || {
            ApiError::new(StatusCode::UNAUTHORIZED, "Invalid customer token").detail(
                "the X-Moltin-Customer-Token is malformed, wrongly signed, expired or revoked",
            )
        };
        let customer_id = lock(&state.customer_tokens)
            .verify(token)
            .ok_or_else(invalid)?;
        if lock(&state.store).customer(&customer_id).is_none() {
            return Err(invalid());
        }
        Ok(CustomerAuth(Some(customer_id)))
    }
}

/// A valid client token and, when the request sends one, a valid customer token: what most
/// routes require without needing either. Checked in that order, with the rejections of
/// [`ClientAuth`] and [`CustomerAuth`].
#[derive(Debug, Clone, Copy)]
pub struct ValidTokens;

impl FromRequestParts<SharedState> for ValidTokens {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &SharedState,
    ) -> Result<Self, Self::Rejection> {
        ClientAuth::from_request_parts(parts, state).await?;
        CustomerAuth::from_request_parts(parts, state).await?;
        Ok(ValidTokens)
    }
}

/// The `EP-Account-Management-Authentication-Token` header, if present. Accounts are not managed
/// by the emulator, so the token is opaque: its presence is what counts.
#[derive(Debug, Clone)]
pub struct AccountAuth(pub Option<String>);

impl FromRequestParts<SharedState> for AccountAuth {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        _state: &SharedState,
    ) -> Result<Self, Self::Rejection> {
        Ok(AccountAuth(
            header_text(&parts.headers, ACCOUNT_TOKEN_HEADER)?.map(str::to_owned),
        ))
    }
}

/// A header's trimmed text; `None` if absent or blank, 400 if not visible ASCII.
fn header_text<'a>(headers: &'a HeaderMap, name: &str) -> Result<Option<&'a str>, ApiError> {
    let Some(value) = headers.get(name) else {
        return Ok(None);
    };
    let text = value
        .to_str()
        .map_err(|_| ApiError::bad_request(format!("the {name} header is not valid text")))?
        .trim();
    Ok((!text.is_empty()).then_some(text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn client_tokens_expire_and_can_be_revoked() {
        let mut tokens = ClientTokens::new(60);
        let issued = tokens.issue(Grant::Implicit, 1_000);
        assert_eq!(issued.access_token.len(), 40);
        assert_eq!(issued.expires, 1_060);
        assert_eq!(
            tokens.validate(&issued.access_token, 1_059),
            Some(Grant::Implicit)
        );
        assert_eq!(tokens.validate(&issued.access_token, 1_060), None);
        assert_eq!(tokens.validate("made-up", 1_000), None);
        tokens.revoke_all();
        assert_eq!(tokens.validate(&issued.access_token, 1_000), None);
    }

    #[test]
    fn customer_tokens_round_trip_and_reject_tampering() {
        let mut tokens = CustomerTokens::new(b"secret");
        let issued = tokens.issue("customer-1", clock::now());
        assert_eq!(tokens.verify(&issued.token).as_deref(), Some("customer-1"));

        let other = CustomerTokens::new(b"another secret");
        assert_eq!(other.verify(&issued.token), None, "wrong key");

        let mut parts: Vec<&str> = issued.token.split('.').collect();
        // {"alg":"none","typ":"JWT"}, signature dropped.
        parts[0] = "eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0";
        let unsigned = format!("{}.{}.", parts[0], parts[1]);
        assert_eq!(tokens.verify(&unsigned), None, "alg none");

        let expired = tokens.issue("customer-1", clock::now() - 2 * CUSTOMER_TOKEN_LIFETIME);
        assert_eq!(tokens.verify(&expired.token), None, "expired");

        tokens.revoke_all();
        assert_eq!(tokens.verify(&issued.token), None, "revoked");
    }

    #[test]
    fn bearer_scheme_is_case_insensitive() {
        let mut headers = HeaderMap::new();
        headers.insert("authorization", "bearer abc".parse().unwrap());
        assert_eq!(bearer_token(&headers), Some("abc"));
        headers.insert("authorization", "Basic abc".parse().unwrap());
        assert_eq!(bearer_token(&headers), None);
        headers.insert("authorization", "Bearer ".parse().unwrap());
        assert_eq!(bearer_token(&headers), None);
    }
}
