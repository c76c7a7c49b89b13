//! Calls as data. Most SDK calls are an address, at most one body and at most one token, each
//! taken from the call's arguments in order: a [`Route`] says which, and [`request`] builds the
//! request from it. One interpreter for all of them, so a call costs its row, not its own code.

use alloc::string::String;
use alloc::vec::Vec;

use crate::error::Result;
use crate::json;
use crate::query::ListQuery;
use crate::request::{ApiRequest, Method};
use crate::text::concat;
use crate::validate;

/// The arguments of a call as the core needs them. The bindings read JS values; argument `i` is
/// the `i`th the caller passed (missing ones are `undefined`). `what` names the argument in
/// messages.
pub trait Args {
    /// A string.
    fn text(&self, i: usize, what: &str) -> Result<String>;
    /// A string that may be left out.
    fn optional_text(&self, i: usize, what: &str) -> Result<Option<String>>;
    /// An object as JSON text; with `kind`, with its `type` set to that.
    fn object_json(&self, i: usize, what: &str, kind: Option<&str>) -> Result<String>;
    /// An array as JSON text.
    fn array_json(&self, i: usize, what: &str) -> Result<String>;
    /// The API's `options` object as JSON text, if given.
    fn options_json(&self, i: usize) -> Result<Option<String>>;
    /// An object of these string fields, in order, as JSON text (the bindings have the JS
    /// engine escape them).
    fn text_object(&self, fields: &[(&str, String)]) -> String;
    /// An object of header names and string values that may be left out (empty then).
    fn headers(&self, i: usize, what: &str) -> Result<Vec<(String, String)>>;
}

/// One part of a path; the parts are joined with `/` after `/v2/`.
#[derive(Clone, Copy, Debug)]
pub enum Part {
    /// Written as it is.
    Text(&'static str),
    /// The endpoint's cart id.
    Cart,
    /// The next argument, an id (named so in messages).
    Id(&'static str),
}

/// Which of the list builders' settings a call sends as its query.
#[derive(Clone, Copy, Debug)]
pub enum Query {
    None,
    /// All of them (`All`, `Items`).
    List,
    /// Only `include` (`Get`).
    Include,
}

/// What a call sends as its body, `{"data": ...}`, from its next argument(s).
#[derive(Clone, Copy, Debug)]
pub enum Body {
    None,
    /// The caller's object (named `what` in messages).
    Object(&'static str),
    /// The caller's object with `type` set to `kind`.
    Typed {
        what: &'static str,
        kind: &'static str,
    },
    /// The caller's array, with the API's `options` object beside it when given (two
    /// arguments).
    Bulk(&'static str),
    /// An object of these fields, in order, each a string (in an array of one when `list`:
    /// a relationship).
    Fields {
        fields: &'static [(&'static str, Field)],
        list: bool,
    },
}

/// The value of a field of [`Body::Fields`].
#[derive(Clone, Copy, Debug)]
pub enum Field {
    /// Written as it is.
    Text(&'static str),
    /// The next argument, a string (named `what` in messages) that must not be empty, or with
    /// `Check::Blank` not only spaces either, or with `Check::Id` be an id.
    Arg(&'static str, Check),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Check {
    Empty,
    Blank,
    Id,
}

/// The token a call takes as its next argument, if any.
#[derive(Clone, Copy, Debug)]
pub enum Token {
    None,
    /// A customer token, sent as `X-MOLTIN-CUSTOMER-TOKEN`.
    Customer,
    /// An Account Management token, sent as `EP-Account-Management-Authentication-Token`.
    Account,
}

/// What a call sends. Its arguments are read in this order: the ids of the path, the body, the
/// token.
#[derive(Clone, Copy, Debug)]
pub struct Route {
    pub method: Method,
    pub path: &'static [Part],
    pub query: Query,
    pub body: Body,
    pub token: Token,
    /// What an optional argument after the token is, if the call has one.
    pub last: Last,
}

/// The optional argument some calls take after the token.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Last {
    None,
    /// An object of headers to send too (`headers` of `Customers.TokenViaPassword`).
    Headers,
    /// The API's `options` object beside `data`, `{}` when left out (`Merge`).
    Options,
}

/// The request of a [`Route`] call. `cart_id` is the endpoint's cart id (or why it has none),
/// read only by routes that go to the cart; `take_query` takes the builders' settings, and is
/// called (clearing them) only by routes that send them.
pub fn request(
    route: &Route,
    cart_id: &Result<String>,
    take_query: impl FnOnce() -> ListQuery,
    args: &impl Args,
) -> Result<ApiRequest> {
    let query = match route.query {
        Query::None => String::new(),
        Query::List => take_query().to_query_string(true),
        Query::Include => take_query().to_query_string(false),
    };
    let mut next = 0;
    // In room for most paths: grown from its first part, it would be copied at each step.
    let mut path = String::with_capacity(128);
    for part in route.path {
        if !path.is_empty() {
            path.push('/');
        }
        let (what, id) = match *part {
            Part::Text(text) => {
                path.push_str(text);
                continue;
            }
            Part::Cart => ("cart id", cart_id.clone()?),
            Part::Id(what) => {
                next += 1;
                (what, args.text(next - 1, what)?)
            }
        };
        validate::id(what, &id)?;
        path.push_str(&id);
    }
    let request = ApiRequest::v2(route.method, &path).query(query);
    let (data, options) = match route.body {
        Body::None => (None, None),
        Body::Object(what) => {
            next += 1;
            (Some(args.object_json(next - 1, what, None)?), None)
        }
        Body::Typed { what, kind } => {
            next += 1;
            (Some(args.object_json(next - 1, what, Some(kind))?), None)
        }
        Body::Bulk(what) => {
            next += 2;
            let items = args.array_json(next - 2, what)?;
            (Some(items), args.options_json(next - 1)?)
        }
        Body::Fields { fields, list } => {
            let mut values = Vec::new();
            for &(key, field) in fields {
                let value = match field {
                    Field::Text(text) => String::from(text),
                    Field::Arg(what, check) => {
                        next += 1;
                        let arg = args.text(next - 1, what)?;
                        checked(what, check, &arg)?;
                        arg
                    }
                };
                values.push((key, value));
            }
            let object = args.text_object(&values);
            (
                Some(if list {
                    concat(&["[", &object, "]"])
                } else {
                    object
                }),
                None,
            )
        }
    };
    let mut request = match route.token {
        Token::None => request,
        Token::Customer => {
            let token = args.optional_text(next, "customer token")?;
            next += 1;
            request.customer_token(token)?
        }
        Token::Account => {
            let token = args.optional_text(next, "account token")?;
            next += 1;
            request.account_token(token)?
        }
    };
    let mut options = options;
    match route.last {
        Last::None => {}
        Last::Headers => request = request.extra_headers(args.headers(next, "headers")?)?,
        Last::Options => {
            options = Some(
                args.options_json(next)?
                    .unwrap_or_else(|| String::from("{}")),
            )
        }
    }
    if let Some(data) = data {
        request.body = Some(json::envelope(&data, options.as_deref()));
    }
    Ok(request)
}

/// Checks a field's argument.
fn checked(what: &str, check: Check, value: &str) -> Result<()> {
    if check == Check::Id {
        return validate::id(what, value);
    }
    validate::not_empty(what, value, check == Check::Blank)
}

/// Arguments for the native tests of routes: strings, or JSON texts for objects and arrays.
#[cfg(test)]
pub mod test_args {
    use super::*;
    use crate::error::Error;

    pub struct Values<'a>(pub Vec<Option<&'a str>>);

    /// The request of `route` for the cart `c1` with these arguments, no builder settings.
    pub fn send(route: &Route, args: &[Option<&str>]) -> Result<ApiRequest> {
        request(
            route,
            &Ok("c1".into()),
            ListQuery::default,
            &Values(args.to_vec()),
        )
    }

    impl Values<'_> {
        fn get(&self, i: usize) -> Option<&str> {
            self.0.get(i).copied().flatten()
        }
    }

    impl Args for Values<'_> {
        fn text(&self, i: usize, what: &str) -> Result<String> {
            self.get(i)
                .map(String::from)
                .ok_or_else(|| Error::invalid(&[what, " must be a string"]))
        }

        fn optional_text(&self, i: usize, _: &str) -> Result<Option<String>> {
            Ok(self.get(i).map(String::from))
        }

        fn object_json(&self, i: usize, what: &str, kind: Option<&str>) -> Result<String> {
            let mut value: serde_json::Value = self
                .get(i)
                .and_then(|text| serde_json::from_str(text).ok())
                .filter(serde_json::Value::is_object)
                .ok_or_else(|| Error::invalid(&[what, " must be an object"]))?;
            if let Some(kind) = kind {
                value["type"] = kind.into();
            }
            Ok(value.to_string())
        }

        fn array_json(&self, i: usize, what: &str) -> Result<String> {
            let items = self
                .get(i)
                .filter(|text| text.starts_with('['))
                .ok_or_else(|| Error::invalid(&[what, " must be an array"]))?;
            Ok(items.into())
        }

        fn options_json(&self, i: usize) -> Result<Option<String>> {
            Ok(self.get(i).map(String::from))
        }

        fn text_object(&self, fields: &[(&str, String)]) -> String {
            let fields: Vec<String> = fields
                .iter()
                .map(|(key, value)| {
                    let value = serde_json::to_string(value).unwrap();
                    concat(&["\"", key, "\":", &value])
                })
                .collect();
            concat(&["{", &fields.join(","), "}"])
        }

        fn headers(&self, i: usize, what: &str) -> Result<Vec<(String, String)>> {
            let Some(text) = self.get(i) else {
                return Ok(Vec::new());
            };
            let map: serde_json::Map<String, serde_json::Value> = serde_json::from_str(text)
                .map_err(|_| Error::invalid(&[what, " must be an object"]))?;
            Ok(map
                .into_iter()
                .map(|(k, v)| (k, v.as_str().unwrap_or_default().into()))
                .collect())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::test_args::Values;
    use super::*;
    use crate::error::ErrorKind;

    const ROUTE: Route = Route {
        method: Method::Put,
        path: &[
            Part::Text("carts"),
            Part::Cart,
            Part::Text("items"),
            Part::Id("item id"),
        ],
        query: Query::None,
        body: Body::Typed {
            what: "item",
            kind: "thing",
        },
        token: Token::Customer,
        last: Last::None,
    };

    #[test]
    fn ids_then_body_then_token() {
        let args = Values(vec![Some("i-1"), Some(r#"{"a":1}"#), Some("ct")]);
        let req = request(&ROUTE, &Ok("c-1".into()), ListQuery::default, &args).unwrap();
        assert_eq!(req.method, Method::Put);
        assert_eq!(req.path, "/v2/carts/c-1/items/i-1");
        assert_eq!(
            req.body.as_deref(),
            Some(r#"{"data":{"a":1,"type":"thing"}}"#)
        );
        assert_eq!(req.customer_token.as_deref(), Some("ct"));
    }

    #[test]
    fn unsafe_ids_and_tokens_send_nothing() {
        let ok = Ok("c-1".into());
        for (cart, item, token) in [
            (&Ok("a/b".into()), "i", "t"),
            (&ok, "..", "t"),
            (&ok, "", "t"),
            (&ok, "i", "bad token"),
        ] {
            let args = Values(vec![Some(item), Some("{}"), Some(token)]);
            let err = request(&ROUTE, cart, ListQuery::default, &args).unwrap_err();
            assert_eq!(err.kind, ErrorKind::InvalidInput, "{item} {token}");
        }
        let no_cart = Err(crate::error::Error::invalid_input("no cart"));
        let args = Values(vec![Some("i"), Some("{}")]);
        let err = request(&ROUTE, &no_cart, ListQuery::default, &args).unwrap_err();
        assert_eq!(err.message, "no cart");
    }

    #[test]
    fn builders_are_taken_only_by_routes_that_send_them() {
        let list = Route {
            method: Method::Get,
            path: &[Part::Text("carts")],
            query: Query::None,
            body: Body::None,
            token: Token::None,
            last: Last::None,
        };
        let mut q = ListQuery::default();
        q.set_limit(5.0).unwrap();
        q.set_include("items").unwrap();
        let taken = || -> ListQuery { panic!("not taken") };
        let req = request(&list, &Ok("c".into()), taken, &Values(vec![])).unwrap();
        assert_eq!((req.path.as_str(), req.query.as_str()), ("/v2/carts", ""));
        let all = Route {
            query: Query::List,
            ..list
        };
        let req = request(&all, &Ok("c".into()), || q.clone(), &Values(vec![])).unwrap();
        assert_eq!(req.query, "include=items&page[limit]=5");
        let get = Route {
            query: Query::Include,
            ..list
        };
        let req = request(&get, &Ok("c".into()), || q.clone(), &Values(vec![])).unwrap();
        assert_eq!(req.query, "include=items");
    }

    #[test]
    fn bulk_bodies_carry_their_options() {
        let bulk = Route {
            method: Method::Post,
            path: &[Part::Text("carts"), Part::Cart, Part::Text("taxes")],
            query: Query::None,
            body: Body::Bulk("taxes"),
            token: Token::None,
            last: Last::None,
        };
        let args = Values(vec![Some("[1]"), Some(r#"{"add_all_or_nothing":true}"#)]);
        let req = request(&bulk, &Ok("c1".into()), ListQuery::default, &args).unwrap();
        assert_eq!(req.path, "/v2/carts/c1/taxes");
        assert_eq!(
            req.body.as_deref(),
            Some(r#"{"data":[1],"options":{"add_all_or_nothing":true}}"#)
        );
        let args = Values(vec![Some("[1]")]);
        let req = request(&bulk, &Ok("c1".into()), ListQuery::default, &args).unwrap();
        assert_eq!(req.body.as_deref(), Some(r#"{"data":[1]}"#));
    }
}
