//! Fault injection: rules that make matching requests slow, fail, return a broken body, or lose
//! their connection, so clients can be tested against a misbehaving service.
//!
//! A rule is added with `POST /__emulator/faults` or the `--fault` flag, in this JSON form:
//!
//! ```json
//! {"method": "GET", "path": "/v2/carts*", "status": 429, "retry_after": 1, "times": 1,
//!  "delay_ms": 200, "drop": false, "body": "{\"data\":", "probability": 0.5, "seed": 7,
//!  "cut_after": 10}
//! ```
//!
//! Every field is optional. `path` matches the request path exactly, or as a prefix when it ends
//! with `*` (default `*`: every path); `method` defaults to any method, but a rule without a
//! method never matches a CORS preflight (`OPTIONS`), which a browser cannot retry. A rule fires
//! `times` times (default 1; 0 means without limit), each time with the given `probability`
//! (default 1), drawn from a generator seeded with `--seed`, so a run can be repeated; a rule
//! with its own `seed` draws from its own generator instead, so its rolls repeat whatever other
//! requests the instance has seen.
//!
//! What a firing rule does: wait `delay_ms`, then
//! - `drop: true`: close the connection without answering;
//! - else `status` and/or `body`: answer with that status (default 200 when only `body` is
//!   given), with `body` sent verbatim or else an error body in the API's format, and
//!   `Retry-After: retry_after` if given;
//! - else (only a delay): handle the request normally.
//!
//! With `cut_after: N`, the answer (the fault's, or the normal one) announces its full
//! `Content-Length` but only its first N body bytes are sent before the connection is closed:
//! a response lost half-way, after the store may have acted on the request.

use std::time::Duration;

use axum::http::{Method, StatusCode};
use serde::Deserialize;

/// A fault rule as clients write it.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FaultSpec {
    /// HTTP method to match (any case); any method but `OPTIONS` when absent.
    pub method: Option<String>,
    /// Exact path, or a prefix followed by `*`.
    pub path: Option<String>,
    /// Status to answer with.
    pub status: Option<u16>,
    /// Seconds for a `Retry-After` header.
    pub retry_after: Option<u64>,
    /// How many matching requests the rule applies to; 0 means every one. Default 1.
    pub times: Option<u64>,
    /// Delay before the fault, or before normal handling.
    pub delay_ms: Option<u64>,
    /// Close the connection without a response.
    #[serde(default)]
    pub drop: bool,
    /// Raw body to send instead of the error body.
    pub body: Option<String>,
    /// Chance, from 0 to 1, that a matching request triggers the rule. Default 1.
    pub probability: Option<f64>,
    /// Seed of this rule's own generator for `probability` (default: the instance's generator).
    pub seed: Option<u64>,
    /// Send only this many bytes of the answer's body, then close the connection.
    pub cut_after: Option<usize>,
}

impl FaultSpec {
    /// Parses and checks a rule from JSON text.
    pub fn from_json(text: &str) -> Result<Self, String> {
        let spec: FaultSpec =
            serde_json::from_str(text).map_err(|error| format!("invalid fault: {error}"))?;
        spec.validate()?;
        Ok(spec)
    }

    /// Checks the values of a rule.
    pub fn validate(&self) -> Result<(), String> {
        if let Some(status) = self.status {
            if StatusCode::from_u16(status).is_err() || status < 200 {
                return Err(format!("fault status {status} is not between 200 and 999"));
            }
        }
        if let Some(probability) = self.probability {
            if !(0.0..=1.0).contains(&probability) {
                return Err(format!(
                    "fault probability {probability} is not between 0 and 1"
                ));
            }
        }
        if let Some(method) = &self.method {
            if Method::from_bytes(method.to_ascii_uppercase().as_bytes()).is_err() {
                return Err(format!("fault method '{method}' is not an HTTP method"));
            }
        }
        if self.drop && (self.status.is_some() || self.body.is_some() || self.cut_after.is_some()) {
            return Err(
                "a fault that drops the connection cannot also set status, body or cut_after"
                    .into(),
            );
        }
        Ok(())
    }

    fn matches(&self, method: &Method, path: &str) -> bool {
        let method_matches = match &self.method {
            Some(wanted) => wanted.eq_ignore_ascii_case(method.as_str()),
            None => method != Method::OPTIONS,
        };
        let pattern = self.path.as_deref().unwrap_or("*");
        let path_matches = match pattern.strip_suffix('*') {
            Some(prefix) => path.starts_with(prefix),
            None => path == pattern,
        };
        method_matches && path_matches
    }
}

/// What to do with a request that triggered a rule.
#[derive(Debug, Clone, PartialEq)]
pub struct FaultAction {
    pub delay: Option<Duration>,
    pub outcome: FaultOutcome,
    /// Body bytes to send before closing the connection; `None` to send the whole answer.
    pub cut_after: Option<usize>,
}

/// The part of a fault that follows the delay.
#[derive(Debug, Clone, PartialEq)]
pub enum FaultOutcome {
    /// Handle the request normally.
    Proceed,
    /// Close the connection without a response.
    Drop,
    /// Answer with this status and body (`None`: the API's error body for the status).
    Respond {
        status: StatusCode,
        body: Option<String>,
        retry_after: Option<u64>,
    },
}

#[derive(Debug)]
struct Rule {
    id: u64,
    spec: FaultSpec,
    /// Firings left; `None` for a rule without limit.
    remaining: Option<u64>,
    /// The rule's own generator, when it has a `seed`.
    rng: Option<SplitMix64>,
}

/// The active fault rules.
#[derive(Debug)]
pub struct FaultTable {
    rules: Vec<Rule>,
    next_id: u64,
    rng: SplitMix64,
}

impl FaultTable {
    /// No rules; probabilities are drawn from a generator seeded with `seed`.
    pub fn new(seed: u64) -> Self {
        Self {
            rules: Vec::new(),
            next_id: 1,
            rng: SplitMix64(seed),
        }
    }

    /// Adds a rule (already validated) and returns its id.
    pub fn add(&mut self, spec: FaultSpec) -> u64 {
        let id = self.next_id;
        self.next_id += 1;
        let remaining = match spec.times.unwrap_or(1) {
            0 => None,
            times => Some(times),
        };
        let rng = spec.seed.map(SplitMix64);
        self.rules.push(Rule {
            id,
            spec,
            remaining,
            rng,
        });
        id
    }

    /// Removes one rule; returns whether it existed.
    pub fn remove(&mut self, id: u64) -> bool {
        let before = self.rules.len();
        self.rules.retain(|rule| rule.id != id);
        self.rules.len() < before
    }

    /// Removes every rule.
    pub fn clear(&mut self) {
        self.rules.clear();
    }

    /// Number of active rules.
    pub fn len(&self) -> usize {
        self.rules.len()
    }

    /// Whether there is no active rule.
    pub fn is_empty(&self) -> bool {
        self.rules.is_empty()
    }

    /// The action of the first matching rule that fires for this request, if any. A firing
    /// uses up one of the rule's `times`; a rule whose probability roll fails is left as it is.
    pub fn take(&mut self, method: &Method, path: &str) -> Option<FaultAction> {
        let shared = &mut self.rng;
        let position = self.rules.iter_mut().position(|rule| {
            if !rule.spec.matches(method, path) {
                return false;
            }
            let rng = rule.rng.as_mut().unwrap_or(&mut *shared);
            rule.spec
                .probability
                .is_none_or(|probability| rng.next_f64() < probability)
        })?;
        let rule = &mut self.rules[position];
        let action = action_of(&rule.spec);
        if let Some(remaining) = &mut rule.remaining {
            *remaining -= 1;
            if *remaining == 0 {
                self.rules.remove(position);
            }
        }
        Some(action)
    }
}

fn action_of(spec: &FaultSpec) -> FaultAction {
    let outcome = if spec.drop {
        FaultOutcome::Drop
    } else if spec.status.is_some() || spec.body.is_some() {
        FaultOutcome::Respond {
            status: spec
                .status
                .and_then(|status| StatusCode::from_u16(status).ok())
                .unwrap_or(StatusCode::OK),
            body: spec.body.clone(),
            retry_after: spec.retry_after,
        }
    } else {
        FaultOutcome::Proceed
    };
    FaultAction {
        delay: spec.delay_ms.map(Duration::from_millis),
        outcome,
        cut_after: spec.cut_after,
    }
}

/// A small, seedable pseudo-random generator (SplitMix64): enough for repeatable fault rolls.
#[derive(Debug, Clone)]
struct SplitMix64(u64);

impl SplitMix64 {
    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `[0, 1)`.
    fn next_f64(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(json: &str) -> FaultSpec {
        FaultSpec::from_json(json).unwrap()
    }

    #[test]
    fn rules_fire_the_given_number_of_times() {
        let mut table = FaultTable::new(1);
        table.add(spec(
            r#"{"path":"/v2/carts","status":429,"retry_after":2,"times":2}"#,
        ));
        let expected = FaultAction {
            delay: None,
            cut_after: None,
            outcome: FaultOutcome::Respond {
                status: StatusCode::TOO_MANY_REQUESTS,
                body: None,
                retry_after: Some(2),
            },
        };
        assert_eq!(table.take(&Method::GET, "/v2/carts/x"), None, "exact path");
        assert_eq!(
            table.take(&Method::GET, "/v2/carts"),
            Some(expected.clone())
        );
        assert_eq!(table.take(&Method::POST, "/v2/carts"), Some(expected));
        assert_eq!(table.take(&Method::GET, "/v2/carts"), None);
        assert!(table.is_empty());
    }

    #[test]
    fn prefixes_methods_and_preflights() {
        let mut table = FaultTable::new(1);
        table.add(spec(r#"{"path":"/v2/*","drop":true,"times":0}"#));
        assert_eq!(table.take(&Method::OPTIONS, "/v2/carts"), None);
        let dropped = table.take(&Method::DELETE, "/v2/carts/a").unwrap();
        assert_eq!(dropped.outcome, FaultOutcome::Drop);
        assert!(table.take(&Method::GET, "/oauth/access_token").is_none());
        assert_eq!(table.len(), 1, "times 0 never runs out");
        assert!(table.remove(1));
        assert!(!table.remove(1));
        assert!(table.is_empty());

        let mut table = FaultTable::new(1);
        table.add(spec(r#"{"method":"options","delay_ms":5}"#));
        let delayed = table.take(&Method::OPTIONS, "/anything").unwrap();
        assert_eq!(delayed.delay, Some(Duration::from_millis(5)));
        assert_eq!(delayed.outcome, FaultOutcome::Proceed);
    }

    #[test]
    fn probabilities_repeat_with_the_seed() {
        let rolls = |seed| {
            let mut table = FaultTable::new(seed);
            table.add(spec(r#"{"status":503,"times":0,"probability":0.5}"#));
            (0..64)
                .map(|_| table.take(&Method::GET, "/x").is_some())
                .collect::<Vec<_>>()
        };
        assert_eq!(rolls(7), rolls(7));
        assert_ne!(rolls(7), rolls(8));
        // A rule with its own seed repeats even when other rules have drawn meanwhile.
        let own = |noise: usize| {
            let mut table = FaultTable::new(1);
            table.add(spec(r#"{"path":"/noise","times":0,"probability":0.5}"#));
            table.add(spec(
                r#"{"path":"/x","status":503,"times":0,"probability":0.5,"seed":9}"#,
            ));
            for _ in 0..noise {
                table.take(&Method::GET, "/noise");
            }
            (0..32)
                .map(|_| table.take(&Method::GET, "/x").is_some())
                .collect::<Vec<_>>()
        };
        assert_eq!(own(0), own(5));
        let fired = rolls(7).iter().filter(|&&fired| fired).count();
        assert!((16..=48).contains(&fired), "{fired} of 64");
    }

    #[test]
    fn invalid_rules_are_refused() {
        for bad in [
            r#"{"status":99}"#,
            r#"{"status":1000}"#,
            r#"{"probability":1.5}"#,
            r#"{"drop":true,"status":500}"#,
            r#"{"drop":true,"cut_after":3}"#,
            r#"{"cut_after":-1}"#,
            r#"{"method":"GE T"}"#,
            r#"{"path":"/x","unknown":1}"#,
            "not json",
        ] {
            assert!(FaultSpec::from_json(bad).is_err(), "{bad}");
        }
        assert_eq!(
            spec(r#"{"body":"{\"data\":"}"#).body.as_deref(),
            Some("{\"data\":")
        );
    }
}
