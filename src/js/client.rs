//! One gateway's state and the path every call takes: token, attempt, retry, result.
//!
//! Every SDK method builds its [`ApiRequest`] synchronously and hands it to [`Client::call`]:
//! one future for all calls, so a new call costs its request builder and nothing more.

use alloc::borrow::ToOwned;
use alloc::rc::Rc;
use alloc::string::String;
use core::cell::Cell;

use super::sys::{json, Array, Function, Object, Promise};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::args::{self, property, set_property};
use super::error::to_js;
use super::storage::Storage;
use super::task;
use super::transport::{self, Fetch, RawResponse, Scope};
use super::update;
use crate::auth::{self, Credentials};
use crate::config::Config;
use crate::error::{ApiProblem, Error, ErrorKind};
use crate::request::{ApiRequest, Auth};
use crate::retry::{self, Decision, Outcome};
use crate::text::{self, concat};
use crate::validate;

#[wasm_bindgen(module = "/src/js/glue.js")]
extern "C" {
    /// Resolves with a `release` function once the Web Lock `name` is held (at once where there
    /// are no Web Locks).
    #[wasm_bindgen(js_name = acquireLock)]
    fn acquire_lock(name: &str) -> Promise;
}

/// After waiting for another tab's token request, how often and how long to look for the token
/// it stored before asking for one (only when it has not arrived yet).
const STORAGE_SETTLE_POLL_MS: u64 = 20;
const STORAGE_SETTLE_POLLS: u32 = 15;

/// A held Web Lock, released when dropped, whichever way the work under it ends.
struct Held(Function);

/// Ends the shared token request when dropped: the token job's last act, whichever way it ends.
struct EndsSharedRequest<'a>(&'a Cell<Option<Promise>>);

impl Drop for EndsSharedRequest<'_> {
    fn drop(&mut self) {
        self.0.set(None);
    }
}

impl Drop for Held {
    fn drop(&mut self) {
        let _ = self.0.call0(&JsValue::UNDEFINED);
    }
}

/// Per-call options, the optional last argument of every call: `{ signal, timeout }`.
#[derive(Default)]
pub struct CallOptions {
    pub signal: Option<super::sys::AbortSignal>,
    pub timeout_ms: Option<u32>,
}

impl CallOptions {
    pub fn from_js(value: Option<&JsValue>) -> Result<Self, Error> {
        let Some(value) = value.filter(|v| !args::is_missing(v)) else {
            return Ok(CallOptions::default());
        };
        let options = args::object("options", value)?;
        let signal = property(options, "signal");
        let signal = if args::is_missing(&signal) {
            None
        } else {
            Some(
                signal
                    .dyn_into::<super::sys::AbortSignal>()
                    .map_err(|v| args::wrong_type("options.signal", "an AbortSignal", &v))?,
            )
        };
        let timeout = property(options, "timeout");
        let timeout_ms = if args::is_missing(&timeout) {
            None
        } else {
            Some(timeout_ms("options.timeout", &timeout)?)
        };
        Ok(CallOptions { signal, timeout_ms })
    }
}

/// A timeout in milliseconds: a positive whole number.
pub fn timeout_ms(what: &str, value: &JsValue) -> Result<u32, Error> {
    validate::whole_number(args::number(what, value)?, 1, u32::MAX)
        .ok_or_else(|| Error::invalid(&[what, " must be a positive whole number of milliseconds"]))
}

pub struct Client {
    pub config: Config,
    storage: Storage,
    fetch: Fetch,
    /// The token request under way, shared by every call that needs a token meanwhile.
    token_in_flight: Cell<Option<Promise>>,
    /// The current cart (`EPCC.cartId`); `None` with `disableCart`.
    cart_id: Cell<Option<String>>,
    /// The last credentials text read from storage and what it parsed to, so a call whose token
    /// has not changed skips the parse.
    parsed: Cell<Option<(String, Credentials)>>,
}

/// What a promise made by [`Client::spawn`] does. One future type serves every job, so the
/// module carries one copy of the promise plumbing.
enum Job {
    /// An SDK call: its request (or why none could be built) and its options.
    Call(Result<ApiRequest, Error>, Result<CallOptions, Error>),
    /// `Authenticate()`.
    Authenticate,
    /// The token request that concurrent calls share.
    Token,
}

impl Client {
    pub fn new(config: Config, storage: Storage, fetch: Fetch) -> Rc<Self> {
        let cart_id = if config.disable_cart {
            None
        } else {
            let key = config.cart_key();
            Some(storage.get(&key).unwrap_or_else(|| {
                let id = new_cart_id();
                storage.set(&key, &id);
                id
            }))
        };
        Rc::new(Client {
            config,
            storage,
            fetch,
            token_in_flight: Cell::new(None),
            cart_id: Cell::new(cart_id),
            parsed: Cell::new(None),
        })
    }

    /// The current cart id. Storage is read each time, so a switch made by another tab sharing
    /// localStorage applies here at once.
    pub fn cart_id(&self) -> Option<String> {
        if self.config.disable_cart {
            return None;
        }
        let stored = self.storage.get(&self.config.cart_key());
        let stored = stored.filter(|id| validate::id("cart id", id).is_ok());
        if let Some(id) = &stored {
            self.cart_id.set(Some(id.clone()));
        }
        stored.or_else(|| update(&self.cart_id, |id| id.clone()))
    }

    /// Makes `cart_id` the current cart (the one `EPCC.Carts` works on) and keeps it in storage
    /// under the cart key, so reloads and other tabs keep it too.
    pub fn set_cart_id(&self, cart_id: &str) -> Result<(), Error> {
        if self.config.disable_cart {
            return Err(Error::invalid_input(
                "this gateway was created with disableCart, so it has no current cart to switch",
            ));
        }
        validate::id("cart id", cart_id)?;
        self.storage.set(&self.config.cart_key(), cart_id);
        self.cart_id.set(Some(cart_id.to_owned()));
        Ok(())
    }

    /// Runs `request` as a JS promise. An `Err` request rejects without sending anything.
    pub fn call(
        self: &Rc<Self>,
        request: Result<ApiRequest, Error>,
        options: Option<&JsValue>,
    ) -> Promise {
        self.spawn(Job::Call(request, CallOptions::from_js(options)))
    }

    /// `Authenticate()`: a new token now (shared with any token request under way).
    pub fn authenticate(self: &Rc<Self>) -> Promise {
        self.spawn(Job::Authenticate)
    }

    fn spawn(self: &Rc<Self>, job: Job) -> Promise {
        task::spawn(Rc::clone(self).run(job))
    }

    /// Every job, as a loop around one `.await`: each [`Step`] either moves on at once or names
    /// the promise to wait for and what to do with its result. A call sends its request until
    /// it succeeds or the retry policy gives up; the token job first takes a lock shared by
    /// every tab of the origin (Web Locks, where the environment has them), so that tabs opened
    /// together make one token request: a tab that waited while another stored a new token uses
    /// that one. One suspension point for all of it keeps the state machine (the largest
    /// function of the module) small.
    async fn run(self: Rc<Self>, job: Job) -> Result<JsValue, JsValue> {
        let config = &self.config;
        let (request, scope, mut step) = match job {
            Job::Call(request, options) => {
                let request = request?;
                let options = options?;
                let timeout = options.timeout_ms.or(config.timeout_ms);
                let scope = Scope::open(options.signal.as_ref(), timeout)?;
                let step = match request.auth {
                    Auth::Bearer => Step::Token,
                    Auth::None => Step::Send,
                };
                (request, scope, step)
            }
            Job::Authenticate => {
                let scope = Scope::open(None, config.timeout_ms)?;
                let result = task::wait(scope.race(self.shared_token_request())).await;
                if scope.cancelled() {
                    return Err(scope.cancel_error().into());
                }
                return result;
            }
            // Its own scope: one caller's abort does not cancel the token the others wait for.
            Job::Token => (
                auth::token_request(config),
                Scope::open(None, config.timeout_ms)?,
                Step::Lock,
            ),
        };
        let token_job = matches!(step, Step::Lock);
        // The token job ends the shared request on every way out.
        let _shared = token_job.then(|| EndsSharedRequest(&self.token_in_flight));
        let key = config.credentials_key();
        let url = JsValue::from_str(&request.url(config));
        let mut attempt = Attempt {
            number: 1,
            reauthenticated: false,
            token: None,
            refused: None,
        };
        // The token job's lock, released when the job ends, whichever way; and the stored
        // credentials text from before it was taken.
        let mut held = None;
        let mut before = None;
        loop {
            let (promise, then) = match step {
                Step::Lock => {
                    before = self.storage.get(&key);
                    let name = concat(&["epcc-carts:", &key]);
                    (acquire_lock(&name), Then::Locked)
                }
                Step::Check => {
                    let now = self.storage.get(&key);
                    if now != before {
                        if let Some(stored) = self.stored_credentials() {
                            if stored.usable_for(&config.client_id, now_secs()) {
                                return json::parse(&now.unwrap_or_default());
                            }
                        }
                    }
                    step = Step::Send;
                    continue;
                }
                Step::Token => match self.stored_token(attempt.refused.as_deref()) {
                    Some(token) => {
                        attempt.token = Some(token);
                        step = Step::Send;
                        continue;
                    }
                    None => (self.shared_token_request(), Then::Token),
                },
                Step::Send => {
                    let headers = Object::new();
                    request.write_headers(config, attempt.token.as_deref(), &mut |name, value| {
                        set_property(&headers, name, &JsValue::from_str(value))
                    });
                    let method = request.method.as_str();
                    let body = request.body.as_deref();
                    match transport::start(&self.fetch, &scope, method, &url, &headers, body) {
                        Ok(promise) => (promise, Then::Response),
                        Err(cause) => {
                            step =
                                self.retry(&request, &mut attempt, Failed::Network(cause), &scope)?;
                            continue;
                        }
                    }
                }
                Step::Wait(promise, then) => (promise, then),
            };
            // A lock is waited for to the end: one granted after its waiter gave up would never
            // be released.
            let cancellable = !matches!(then, Then::Locked);
            let value = match cancellable {
                true => task::wait(scope.race(promise)).await,
                false => task::wait(promise).await,
            };
            if cancellable && scope.cancelled() {
                return Err(scope.cancel_error().into());
            }
            let failed = match (then, value) {
                (Then::Locked, Ok(release)) => {
                    let waited = property(&release, "waited").is_truthy();
                    held = Some(Held(release.unchecked_into()));
                    step = self.settle_poll(waited, 0, &key, &before, &scope);
                    continue;
                }
                (Then::Poll(polls), _) => {
                    step = self.settle_poll(true, polls, &key, &before, &scope);
                    continue;
                }
                (Then::Token, Ok(response)) => {
                    let token = property(&response, "access_token").as_string();
                    attempt.token = Some(token.ok_or_else(no_access_token)?);
                    step = Step::Send;
                    continue;
                }
                (Then::Locked | Then::Token, Err(reason)) => return Err(reason),
                (Then::Response, Ok(response)) => match transport::head(response) {
                    Ok((status, retry_after, text)) => {
                        step = Step::Wait(text, Then::Body(status, retry_after));
                        continue;
                    }
                    Err(cause) => Failed::Network(cause),
                },
                (Then::Body(status, retry_after), Ok(body)) => {
                    let response = RawResponse {
                        status,
                        retry_after,
                        body: body
                            .dyn_into()
                            .unwrap_or_else(|_| JsValue::from_str("").unchecked_into()),
                    };
                    if (200..300).contains(&status) {
                        let json = parse_success(response)?;
                        if token_job {
                            self.keep_token(&json)?;
                        }
                        drop(held);
                        return Ok(json);
                    }
                    Failed::Status(response)
                }
                (Then::Response | Then::Body(..), Err(cause)) => Failed::Network(cause),
                (Then::Pause, Ok(_)) => {
                    step = Step::Send;
                    continue;
                }
                (Then::Pause, Err(_)) => return Err(scope.cancel_error().into()),
            };
            step = self.retry(&request, &mut attempt, failed, &scope)?;
        }
    }

    /// After the token job took the lock (`polls` 0) or looked again: when it waited for
    /// another tab and the stored credentials have not changed yet, another look in a moment
    /// (that tab's storage writes can reach this one after the lock does), at most
    /// [`STORAGE_SETTLE_POLLS`] times; otherwise on to [`Step::Check`].
    fn settle_poll(
        &self,
        waited: bool,
        polls: u32,
        key: &str,
        before: &Option<String>,
        scope: &Scope,
    ) -> Step {
        if waited && polls < STORAGE_SETTLE_POLLS && self.storage.get(key) == *before {
            Step::Wait(scope.pause(STORAGE_SETTLE_POLL_MS), Then::Poll(polls + 1))
        } else {
            Step::Check
        }
    }

    /// Keeps the token of a token response in storage, in the official SDK's format.
    fn keep_token(&self, json: &JsValue) -> Result<(), JsValue> {
        let access_token = property(json, "access_token");
        if access_token.as_string().is_none_or(|t| t.is_empty()) {
            return Err(no_access_token().into());
        }
        let record = Object::new();
        set_property(&record, "client_id", &self.config.client_id.as_str().into());
        for key in [
            "access_token",
            "expires",
            "expires_in",
            "identifier",
            "token_type",
        ] {
            set_property(&record, key, &property(json, key));
        }
        if let Some(text) = args::stringify(&record) {
            self.storage.set(&self.config.credentials_key(), &text);
        }
        Ok(())
    }

    /// What follows a failed attempt: a pause before the next one, a new token, or (`Err`) the
    /// error the call ends with.
    fn retry(
        &self,
        request: &ApiRequest,
        attempt: &mut Attempt,
        failed: Failed,
        scope: &Scope,
    ) -> Result<Step, JsValue> {
        let outcome = match &failed {
            Failed::Status(response) => Outcome::Status {
                status: response.status,
                retry_after_ms: response.retry_after.as_deref().and_then(|value| {
                    retry::parse_retry_after(value, super::sys::now(), super::sys::parse_date)
                }),
            },
            Failed::Network(_) => Outcome::NetworkError,
        };
        let decision = self.config.retry.decide(
            request.is_idempotent(),
            attempt.number,
            outcome,
            // The token request itself is never answered with a new token.
            attempt.reauthenticated || request.auth == Auth::None,
            super::sys::random(),
        );
        attempt.number += 1;
        match decision {
            Decision::GiveUp => Err(failed.into_js()),
            Decision::Retry { delay_ms } => Ok(Step::Wait(scope.pause(delay_ms), Then::Pause)),
            Decision::Reauthenticate => {
                attempt.reauthenticated = true;
                attempt.refused = attempt.token.take();
                Ok(Step::Token)
            }
        }
    }

    /// The stored access token, if it is still usable and is not `refused` (a token the API
    /// just rejected, which is dropped from storage and never returned again).
    fn stored_token(&self, refused: Option<&str>) -> Option<String> {
        let stored = self.stored_credentials()?;
        if refused == Some(stored.access_token.as_str()) {
            self.storage.delete(&self.config.credentials_key());
            return None;
        }
        stored
            .usable_for(&self.config.client_id, now_secs())
            .then_some(stored.access_token)
    }

    /// The token request under way, or a new one that later callers will join.
    fn shared_token_request(self: &Rc<Self>) -> Promise {
        if let Some(promise) = update(&self.token_in_flight, |in_flight| in_flight.clone()) {
            return promise;
        }
        let promise = self.spawn(Job::Token);
        self.token_in_flight.set(Some(promise.clone()));
        promise
    }

    /// The credentials in storage, if they parse. The text is parsed once for as long as it
    /// stays the same.
    fn stored_credentials(&self) -> Option<Credentials> {
        let text = self.storage.get(&self.config.credentials_key())?;
        let cached = update(&self.parsed, |parsed| match parsed {
            Some((seen, credentials)) if *seen == text => Some(credentials.clone()),
            _ => None,
        });
        if cached.is_some() {
            return cached;
        }
        let json = json::parse(&text).ok()?;
        let number = |key| property(&json, key).as_f64();
        let string = |key| property(&json, key).as_string();
        let credentials = Credentials {
            client_id: string("client_id")?,
            access_token: string("access_token")?,
            expires: number("expires")?,
            expires_in: number("expires_in").unwrap_or(0.0),
        };
        self.parsed.set(Some((text, credentials.clone())));
        Some(credentials)
    }
}

/// Where [`Client::run`] is.
enum Step {
    /// The token job takes the lock.
    Lock,
    /// The token job uses the credentials another tab stored meanwhile, or sends its request.
    Check,
    /// Needs a token: the stored one, or the shared token request's.
    Token,
    /// Sends an attempt.
    Send,
    /// Waits for a promise, then goes on as [`Then`] says.
    Wait(Promise, Then),
}

/// What the promise [`Client::run`] waits for will settle with.
enum Then {
    /// The lock: the function that releases it.
    Locked,
    /// The end of a pause before looking at storage again (this many looks so far).
    Poll(u32),
    /// The token response.
    Token,
    /// `fetch`'s response.
    Response,
    /// The body of a response with this status and `Retry-After`.
    Body(u16, Option<String>),
    /// The end of the pause before the next attempt.
    Pause,
}

/// The state of one call's attempts.
struct Attempt {
    /// 1 for the first.
    number: u32,
    /// Whether a new token was fetched after the API refused one.
    reauthenticated: bool,
    token: Option<String>,
    /// The token the API refused.
    refused: Option<String>,
}

/// An attempt that did not succeed.
enum Failed {
    Status(RawResponse),
    Network(JsValue),
}

impl Failed {
    fn into_js(self) -> JsValue {
        match self {
            Failed::Status(response) => api_error(&response),
            Failed::Network(cause) => network_error(&cause),
        }
    }
}

/// A 2xx body as JS: the parsed document, or `{}` for an empty body (204).
fn parse_success(response: RawResponse) -> Result<JsValue, JsValue> {
    if response.is_empty() {
        return Ok(Object::new().into());
    }
    json::parse_js(&response.body).map_err(|cause| {
        let mut err = decode_error("the API answered with a body that is not JSON");
        err.status = Some(response.status);
        to_js(&err, None, Some(cause))
    })
}

/// The `EpccError` for a non-2xx answer, with the API's `errors` array.
fn api_error(response: &RawResponse) -> JsValue {
    let errors = json::parse_js(&response.body)
        .ok()
        .map(|body| property(&body, "errors"))
        .filter(Array::is_array)
        .map(|errors| errors.unchecked_into::<Array>());
    let first = errors
        .as_ref()
        .map(|e| e.get(0))
        .filter(|f| f.is_object())
        .map(|f| ApiProblem {
            status: property(&f, "status").as_f64().map(|s| s as u16),
            title: property(&f, "title").as_string(),
            detail: property(&f, "detail").as_string(),
        });
    to_js(
        &Error::from_status(response.status, first.as_ref()),
        errors,
        None,
    )
}

fn network_error(cause: &JsValue) -> JsValue {
    let mut message = String::from("the request did not reach the API or its answer was lost");
    if let Some(reason) = property(cause, "message")
        .as_string()
        .or_else(|| cause.as_string())
    {
        message.push_str(": ");
        message.push_str(&reason);
    }
    to_js(
        &Error::new(ErrorKind::Network, message),
        None,
        Some(cause.clone()),
    )
}

fn no_access_token() -> Error {
    decode_error("the token response has no access_token")
}

fn decode_error(message: &str) -> Error {
    Error::new(ErrorKind::Decode, message)
}

fn now_secs() -> f64 {
    super::sys::now() / 1000.0
}

#[wasm_bindgen]
extern "C" {
    /// `globalThis.crypto`, read structurally.
    type Crypto;
    #[wasm_bindgen(method, catch, js_name = getRandomValues)]
    fn get_random_values(this: &Crypto, bytes: &mut [u8]) -> Result<JsValue, JsValue>;
}

/// 32 random hex characters, like the official SDK's cart ids, from `crypto` where there is one.
fn new_cart_id() -> String {
    let mut bytes = [0u8; 16];
    let crypto = property(&super::sys::global(), "crypto");
    let filled = crypto.is_object() && Crypto::from(crypto).get_random_values(&mut bytes).is_ok();
    if !filled {
        for byte in &mut bytes {
            *byte = (super::sys::random() * 256.0) as u8;
        }
    }
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut id = String::with_capacity(32);
    for b in bytes {
        text::push_ascii(&mut id, HEX[usize::from(b >> 4)]);
        text::push_ascii(&mut id, HEX[usize::from(b & 0xf)]);
    }
    id
}
