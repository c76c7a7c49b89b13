//! One gateway's state and the path every call takes: token, attempt, retry, result.
//!
//! Every SDK method builds its [`ApiRequest`] synchronously and hands it to [`Client::call`]:
//! one job type ([`Run`], stepped by the promises it waits for) for all calls, so a new call
//! costs its request builder and nothing more.

use alloc::borrow::ToOwned;
use alloc::boxed::Box;
use alloc::rc::Rc;
use alloc::string::String;
use core::cell::Cell;

use super::sys::{self, json, Array, Function, Object, Promise};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::args::{self, property, set_property};
use super::error::to_js;
use super::storage::{Key, Storage};
use super::task;
use super::transport::{self, Fetch, RawResponse, Scope};
use super::update;
use crate::auth::{self, Credentials};
use crate::config::Config;
use crate::error::{ApiProblem, Error, ErrorKind};
use crate::request::{ApiRequest, Auth};
use crate::retry::{Decision, Outcome};
use crate::text::{self, concat};
use crate::validate;

#[wasm_bindgen(module = "/src/js/glue.js")]
extern "C" {
    /// Resolves with a `release` function once the Web Lock `name` is held (at once where there
    /// are no Web Locks, or when `storage` is one no other tab reads).
    #[wasm_bindgen(js_name = acquireLock)]
    fn acquire_lock(name: &str, storage: &JsValue) -> Promise;
}

/// After waiting for another tab's token request, how often and how long to look for the token
/// it stored before asking for one (only when it has not arrived yet).
const STORAGE_SETTLE_POLL_MS: u32 = 20;
const STORAGE_SETTLE_POLLS: u32 = 15;

/// A held Web Lock, released when dropped, whichever way the work under it ends.
struct Held(Function);

impl Drop for Held {
    fn drop(&mut self) {
        let none = JsValue::UNDEFINED;
        let _ = self.0.call2(&none, &none, &none);
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
    /// The current cart (`EPCC.cartId`; `None` with `disableCart`) as a JS string and as
    /// text: a call on `EPCC.Cart()` finds the same JS string (`===`) and copies nothing in.
    cart: Cell<Option<(JsValue, String)>>,
    /// The value last read under the cart key, so an unchanged one is not read again.
    cart_seen: Cell<JsValue>,
    /// The last credentials value read from storage and what it parsed to, so a call whose
    /// token has not changed skips copying and parsing it.
    parsed: Cell<Option<(JsValue, Credentials)>>,
}

/// What a promise made by [`Client::spawn`] does. One [`Run`] serves every job, so the module
/// carries one copy of the promise plumbing.
enum Job {
    /// An SDK call: its request and its options, or why there are none.
    Call(Result<(ApiRequest, CallOptions), Error>),
    /// The token request that concurrent calls share.
    Token,
}

impl Client {
    pub fn new(config: Config, storage: Storage, fetch: Fetch) -> Rc<Self> {
        let cart = if config.disable_cart {
            None
        } else {
            let id = storage.get(Key::Cart).unwrap_or_else(|| {
                let id = new_cart_id();
                storage.set(Key::Cart, &id);
                id
            });
            Some((JsValue::from_str(&id), id))
        };
        Rc::new(Client {
            config,
            storage,
            fetch,
            token_in_flight: Cell::new(None),
            cart: Cell::new(cart),
            cart_seen: Cell::new(JsValue::UNDEFINED),
            parsed: Cell::new(None),
        })
    }

    /// The current cart id, as a JS string and as text. Storage is read each time, so a
    /// switch made by another tab sharing localStorage applies here at once; a value that is
    /// not a cart id leaves it as it was.
    pub fn cart(&self) -> Option<(JsValue, String)> {
        if self.config.disable_cart {
            return None;
        }
        let stored = self.storage.read(Key::Cart);
        let seen = self.cart_seen.take();
        update(&self.cart, |current| {
            if stored != seen {
                if let Some(id) =
                    sys::string(&stored).filter(|id| validate::id("cart id", id).is_ok())
                {
                    *current = Some((stored.clone(), id));
                }
            }
            self.cart_seen.set(stored);
            current.clone()
        })
    }

    /// The current cart id.
    pub fn cart_id(&self) -> Option<String> {
        self.cart().map(|(_, id)| id)
    }

    /// The text of `id` when it is the JS string of the current cart as last read (no storage
    /// read: an endpoint made by `EPCC.Cart()` holds the string the current cart was read as).
    pub fn known_cart_id(&self, id: &JsValue) -> Option<String> {
        update(&self.cart, |current| {
            current
                .as_ref()
                .filter(|(js, _)| js == id)
                .map(|(_, text)| text.clone())
        })
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
        self.storage.set(Key::Cart, cart_id);
        self.cart
            .set(Some((JsValue::from_str(cart_id), cart_id.to_owned())));
        Ok(())
    }

    /// Runs `request` as a JS promise. An `Err` request rejects without sending anything.
    pub fn call(
        self: &Rc<Self>,
        request: Result<ApiRequest, Error>,
        options: Option<&JsValue>,
    ) -> Promise {
        let call = request.and_then(|request| Ok((request, CallOptions::from_js(options)?)));
        self.spawn(Job::Call(call))
    }

    /// `Authenticate()`: a new token now (shared with any token request under way): the token
    /// job's own promise, which settles with the token response.
    pub fn authenticate(self: &Rc<Self>) -> Promise {
        self.shared_token_request()
    }

    fn spawn(self: &Rc<Self>, job: Job) -> Promise {
        match Run::new(self, job) {
            Ok(run) => task::spawn(Box::new(run)),
            Err(reason) => task::rejected(&reason),
        }
    }

    /// Keeps the token of a token response in storage, in the official SDK's format.
    fn keep_token(&self, json: &JsValue) -> Result<(), JsValue> {
        let access_token = property(json, "access_token");
        // A non-empty string (an empty one is falsy).
        if !access_token.is_string() || access_token.is_falsy() {
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
            self.storage.set(Key::Credentials, &text);
        }
        Ok(())
    }

    /// Drops `refused` (a token the API just rejected) from storage if it is still the stored
    /// one, so it is never used again; a token another tab stored meanwhile stays.
    fn forget_token(&self, refused: Option<String>) {
        if refused.is_some() && self.usable_token() == refused {
            self.storage.delete(Key::Credentials);
        }
    }

    /// The value under the credentials key, as the storage returns it.
    fn stored_credentials(&self) -> JsValue {
        self.storage.read(Key::Credentials)
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

    /// The access token in storage, if the credentials there parse and their token can be used
    /// for this gateway's client now. The text is parsed once for as long as it stays the same.
    fn usable_token(&self) -> Option<String> {
        let stored = self.stored_credentials();
        update(&self.parsed, |parsed| {
            if !matches!(parsed, Some((seen, _)) if *seen == stored) {
                let json = json::parse_js(stored.dyn_ref()?).ok()?;
                let number = |key| sys::number(&property(&json, key));
                let string = |key| sys::string(&property(&json, key));
                let credentials = Credentials {
                    client_id: string("client_id")?,
                    access_token: string("access_token")?,
                    expires: number("expires")?,
                    expires_in: number("expires_in").unwrap_or(0.0),
                };
                *parsed = Some((stored, credentials));
            }
            let (_, credentials) = parsed.as_ref()?;
            credentials
                .usable_for(&self.config.client_id, now_secs())
                .then(|| credentials.access_token.clone())
        })
    }
}

/// One job between the promises it waits for. A call sends its request until it succeeds or
/// the retry policy gives up; the token job first takes a lock shared by every tab of the
/// origin (Web Locks, where the environment has them), so that tabs opened together make one
/// token request: a tab that waited while another stored a new token uses that one.
/// `Authenticate()` is the token job's promise itself. Each [`Step`] either moves on at once
/// or names the promise to wait for and what its settlement means ([`Then`]).
pub(super) struct Run {
    client: Rc<Client>,
    /// The shared token request: it takes the lock, stores the token and, when it ends, lets
    /// the next token request start.
    token_job: bool,
    request: ApiRequest,
    scope: Scope,
    url: String,
    attempt: Attempt,
    /// The token job's lock, released when the job ends, whichever way; and the stored
    /// credentials text from before it was taken.
    held: Option<Held>,
    before: JsValue,
    /// What comes next: a step to take, or the meaning of the promise waited for.
    state: State,
}

/// Where a [`Run`] is between steps.
enum State {
    /// About to take this step.
    Next(Step),
    /// Waiting for a promise: what it settles with means this.
    Waiting(Then),
}

impl Run {
    fn new(client: &Rc<Client>, job: Job) -> Result<Run, JsValue> {
        let config = &client.config;
        let (request, scope, step) = match job {
            Job::Call(call) => {
                let (request, options) = call?;
                let timeout = options.timeout_ms.or(config.timeout_ms);
                let scope = Scope::open(options.signal.as_ref(), timeout)?;
                let step = match request.auth {
                    Auth::Bearer => Step::Token,
                    Auth::None => Step::Send,
                };
                (request, scope, step)
            }
            // Its own scope: one caller's abort does not cancel the token the others wait for.
            Job::Token => (
                auth::token_request(config),
                Scope::open(None, config.timeout_ms)?,
                Step::Lock,
            ),
        };
        Ok(Run {
            client: Rc::clone(client),
            token_job: matches!(step, Step::Lock),
            url: request.url(config),
            request,
            scope,
            attempt: Attempt {
                number: 1,
                reauthenticated: false,
                token: None,
            },
            held: None,
            before: JsValue::UNDEFINED,
            state: State::Next(step),
        })
    }

    /// Takes steps until the job waits for a promise or ends; `settled` is how the promise it
    /// waited for settled (`None` the first time).
    fn resume(&mut self, settled: Option<Result<JsValue, JsValue>>) -> Result<Flow, JsValue> {
        let client = Rc::clone(&self.client);
        let mut step = match core::mem::replace(&mut self.state, State::Next(Step::Send)) {
            // Stepped again only once the promise settles, so `settled` is there.
            State::Waiting(then) => self.after(then, settled.unwrap_or(Ok(JsValue::UNDEFINED)))?,
            State::Next(step) => step,
        };
        loop {
            let (promise, then) = match step {
                Step::Finish(value) => return Ok(Flow::Done(value)),
                Step::Wait(promise, then) => (promise, then),
                Step::Lock => {
                    self.before = client.stored_credentials();
                    let name = concat(&["epcc-carts:", &client.config.credentials_key()]);
                    (acquire_lock(&name, client.storage.js()), Then::Locked)
                }
                Step::Check => {
                    step = Step::Send;
                    let now = client.stored_credentials();
                    if now != self.before && client.usable_token().is_some() {
                        step = Step::Finish(json::parse_js(now.unchecked_ref())?);
                    }
                    continue;
                }
                Step::Token => match client.usable_token() {
                    Some(token) => {
                        self.attempt.token = Some(token);
                        step = Step::Send;
                        continue;
                    }
                    None => (client.shared_token_request(), Then::Token),
                },
                Step::Send => {
                    // The method, the address and each header's name and value, a line each,
                    // in room for all of them (growing it would copy it several times).
                    let mut head = String::with_capacity(1024);
                    head.push_str(self.request.method.as_str());
                    head.push('\n');
                    head.push_str(&self.url);
                    let token = self.attempt.token.as_deref();
                    self.request
                        .write_headers(&client.config, token, |name: &str, value: &str| {
                            head.push('\n');
                            head.push_str(name);
                            head.push('\n');
                            head.push_str(value);
                        });
                    let body = self.request.body.as_deref();
                    let promise = transport::start(&client.fetch, &self.scope, &head, body);
                    (promise, Then::Response)
                }
            };
            // A lock is waited for to the end: one granted after its waiter gave up would never
            // be released.
            let promise = match then {
                Then::Locked => promise,
                _ => self.scope.race(promise),
            };
            self.state = State::Waiting(then);
            return Ok(Flow::Wait(promise));
        }
    }

    /// The step after the promise waited for (`then` says what it was) settled with `value`.
    fn after(&mut self, then: Then, value: Result<JsValue, JsValue>) -> Result<Step, JsValue> {
        if !matches!(then, Then::Locked) && self.scope.cancelled() {
            return Err(self.scope.cancel_error().into());
        }
        let failed = match (then, value) {
            (Then::Locked, Ok(release)) => {
                let waited = property(&release, "waited").is_truthy();
                self.held = Some(Held(release.unchecked_into()));
                return Ok(self.settle_poll(waited, 0));
            }
            (Then::Poll(polls), _) => return Ok(self.settle_poll(true, polls)),
            (Then::Token, Ok(response)) => {
                let token = sys::string(&property(&response, "access_token"));
                self.attempt.token = Some(token.ok_or_else(no_access_token)?);
                return Ok(Step::Send);
            }
            (Then::Locked | Then::Token, Err(reason)) => return Err(reason),
            (Then::Response, Ok(exchanged)) => match transport::answer(&exchanged) {
                Ok(response) if (200..300).contains(&response.status) => {
                    let json = parse_success(response)?;
                    if self.token_job {
                        self.client.keep_token(&json)?;
                    }
                    return Ok(Step::Finish(json));
                }
                Ok(response) => Failed::Status(response),
                Err(cause) => Failed::Network(cause),
            },
            (Then::Response, Err(cause)) => Failed::Network(cause),
            (Then::Pause, Ok(_)) => return Ok(Step::Send),
            (Then::Pause, Err(_)) => return Err(self.scope.cancel_error().into()),
        };
        self.retry(failed)
    }

    /// What follows a failed attempt: a pause before the next one, a new token, or (`Err`) the
    /// error the call ends with.
    fn retry(&mut self, failed: Failed) -> Result<Step, JsValue> {
        let outcome = match &failed {
            Failed::Status(response) => Outcome::Status {
                status: response.status,
                retry_after_ms: response.retry_after,
            },
            Failed::Network(_) => Outcome::NetworkError,
        };
        let attempt = &mut self.attempt;
        let decision = self.client.config.retry.decide(
            self.request.is_idempotent(),
            attempt.number,
            outcome,
            // The token request itself is never answered with a new token.
            attempt.reauthenticated || self.request.auth == Auth::None,
            super::sys::random(),
        );
        attempt.number += 1;
        match decision {
            Decision::GiveUp => Err(failed.into_js()),
            Decision::Retry { delay_ms } => Ok(Step::Wait(self.scope.pause(delay_ms), Then::Pause)),
            Decision::Reauthenticate => {
                attempt.reauthenticated = true;
                self.client.forget_token(attempt.token.take());
                Ok(Step::Token)
            }
        }
    }

    /// After the token job took the lock (`polls` 0) or looked again: when it waited for
    /// another tab and the stored credentials have not changed yet, another look in a moment
    /// (that tab's storage writes can reach this one after the lock does), at most
    /// [`STORAGE_SETTLE_POLLS`] times; otherwise on to [`Step::Check`].
    fn settle_poll(&self, waited: bool, polls: u32) -> Step {
        let unchanged = || self.client.stored_credentials() == self.before;
        if waited && polls < STORAGE_SETTLE_POLLS && unchanged() {
            Step::Wait(
                self.scope.pause(STORAGE_SETTLE_POLL_MS),
                Then::Poll(polls + 1),
            )
        } else {
            Step::Check
        }
    }
}

impl task::Steps for Run {
    fn step(&mut self, settled: Option<Result<JsValue, JsValue>>) -> task::Next {
        match self.resume(settled) {
            Ok(Flow::Wait(promise)) => task::Next::Wait(promise),
            Ok(Flow::Done(value)) => task::Next::Done(Ok(value)),
            Err(reason) => task::Next::Done(Err(reason)),
        }
    }
}

impl Drop for Run {
    /// The token job's end, whichever way it ends, lets the next token request start.
    fn drop(&mut self) {
        if self.token_job {
            self.client.token_in_flight.set(None);
        }
    }
}

/// What [`Run::resume`] leaves the task with.
enum Flow {
    Wait(Promise),
    Done(JsValue),
}

/// Where a [`Run`] is.
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
    /// The job ends with this value.
    Finish(JsValue),
}

/// What the promise a [`Run`] waits for will settle with.
enum Then {
    /// The lock: the function that releases it.
    Locked,
    /// The end of a pause before looking at storage again (this many looks so far).
    Poll(u32),
    /// The token response.
    Token,
    /// `fetch`'s response and its body text (see [`transport::start`]).
    Response,
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

/// A 2xx body as JS: the parsed document, or `{}` for an empty body (204). A body of only
/// whitespace is `{}` too, but is looked for only when the body does not parse: a trim on
/// every body cost three imports.
fn parse_success(response: RawResponse) -> Result<JsValue, JsValue> {
    // Its length, through the getter `Array::length` imports (see `sys::string`).
    if response.body.unchecked_ref::<Array>().length() == 0 {
        return Ok(Object::new().into());
    }
    json::parse_js(&response.body).or_else(|cause| {
        if response.is_empty() {
            return Ok(Object::new().into());
        }
        let mut err = decode_error("the API answered with a body that is not JSON");
        err.status = Some(response.status);
        Err(to_js(&err, None, Some(cause)))
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
            title: sys::string(&property(&f, "title")),
            detail: sys::string(&property(&f, "detail")),
        });
    to_js(
        &Error::from_status(response.status, first.as_ref()),
        errors,
        None,
    )
}

fn network_error(cause: &JsValue) -> JsValue {
    let mut message = String::from("the request did not reach the API or its answer was lost");
    if let Some(reason) = sys::string(&property(cause, "message")).or_else(|| sys::string(cause)) {
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
