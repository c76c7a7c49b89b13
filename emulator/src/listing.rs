//! `GET /v2/carts` query handling: paging parameters, the filter language and the `links` /
//! `meta` blocks of a page. Plain functions over strings, so they are tested without a server.

use serde::Serialize;

use crate::store::Cart;

/// Largest `page[limit]` accepted.
pub const MAX_LIMIT: usize = 100;
/// Largest `page[offset]` accepted.
pub const MAX_OFFSET: usize = 10_000;

/// The parsed query of a listing request.
#[derive(Debug, Clone, PartialEq)]
pub struct ListQuery {
    pub offset: usize,
    pub limit: usize,
    pub filter: Filter,
}

impl ListQuery {
    /// Parses a raw query string. Parameters other than `page[limit]`, `page[offset]` and
    /// `filter` (such as `include` or `sort`, which the official SDK may send) are ignored;
    /// listings are always sorted by `updated_at`, newest first. A default limit of 0 reads as 1
    /// (a page holds at least one cart).
    pub fn parse(raw: Option<&str>, default_limit: usize) -> Result<Self, String> {
        let mut query = ListQuery {
            offset: 0,
            limit: default_limit.max(1),
            filter: Filter::default(),
        };
        for (key, value) in form_urlencoded::parse(raw.unwrap_or("").as_bytes()) {
            match key.as_ref() {
                "page[limit]" => query.limit = parse_bounded("page[limit]", &value, 1, MAX_LIMIT)?,
                "page[offset]" => {
                    query.offset = parse_bounded("page[offset]", &value, 0, MAX_OFFSET)?
                }
                "filter" => query.filter = Filter::parse(&value)?,
                _ => {}
            }
        }
        Ok(query)
    }
}

fn parse_bounded(name: &str, value: &str, min: usize, max: usize) -> Result<usize, String> {
    match value.trim().parse::<usize>() {
        Ok(number) if (min..=max).contains(&number) => Ok(number),
        _ => Err(format!(
            "{name} must be an integer between {min} and {max}, got '{value}'"
        )),
    }
}

/// A cart filter: conditions joined with `:`, all of which must hold.
///
/// Supported conditions are `eq(name,VALUE)` (exact, case-sensitive) and `ilike(name,PATTERN)`
/// (case-insensitive, `*` matches any run of characters). A value may be wrapped in double
/// quotes.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Filter {
    /// The filter as the client wrote it, repeated in the pagination links.
    pub source: String,
    conditions: Vec<Condition>,
}

#[derive(Debug, Clone, PartialEq)]
enum Condition {
    NameEquals(String),
    /// Pattern pieces between `*`s, lowercased; `anchored_*` say whether the pattern did not
    /// start / end with `*`.
    NameLike {
        pieces: Vec<String>,
        anchored_start: bool,
        anchored_end: bool,
    },
}

impl Filter {
    /// Parses a filter expression; an empty string means no filter.
    pub fn parse(source: &str) -> Result<Self, String> {
        let mut conditions = Vec::new();
        for part in split_conditions(source)? {
            conditions.push(Condition::parse(part)?);
        }
        Ok(Filter {
            source: source.to_owned(),
            conditions,
        })
    }

    /// Whether the filter has no condition (every cart matches).
    pub fn is_empty(&self) -> bool {
        self.conditions.is_empty()
    }

    /// Whether a cart satisfies every condition.
    pub fn matches(&self, cart: &Cart) -> bool {
        self.conditions
            .iter()
            .all(|condition| condition.matches(cart))
    }
}

/// Splits `a(x,y):b(z)` at the colons outside parentheses and quotes.
fn split_conditions(source: &str) -> Result<Vec<&str>, String> {
    let mut parts = Vec::new();
    let mut depth = 0usize;
    let mut quoted = false;
    let mut start = 0;
    for (i, c) in source.char_indices() {
        match c {
            '"' => quoted = !quoted,
            '(' if !quoted => depth += 1,
            ')' if !quoted => depth = depth.saturating_sub(1),
            ':' if !quoted && depth == 0 => {
                parts.push(&source[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&source[start..]);
    let parts: Vec<&str> = parts.into_iter().map(str::trim).collect();
    if parts.len() == 1 && parts[0].is_empty() {
        return Ok(Vec::new());
    }
    if parts.iter().any(|part| part.is_empty()) {
        return Err(format!("filter '{source}' has an empty condition"));
    }
    Ok(parts)
}

impl Condition {
    fn parse(text: &str) -> Result<Self, String> {
        let unsupported = || {
            format!(
                "unsupported filter condition '{text}': use eq(name,VALUE) or ilike(name,*VALUE*)"
            )
        };
        let (operator, rest) = text.split_once('(').ok_or_else(unsupported)?;
        let arguments = rest.strip_suffix(')').ok_or_else(unsupported)?;
        let (field, value) = arguments.split_once(',').ok_or_else(unsupported)?;
        if field.trim() != "name" {
            return Err(format!(
                "unsupported filter field '{}': carts can be filtered by name only",
                field.trim()
            ));
        }
        let value = unquote(value.trim());
        match operator.trim() {
            "eq" => Ok(Condition::NameEquals(value.to_owned())),
            "ilike" => {
                let lowered = value.to_lowercase();
                Ok(Condition::NameLike {
                    anchored_start: !lowered.starts_with('*'),
                    anchored_end: !lowered.ends_with('*'),
                    pieces: lowered
                        .split('*')
                        .filter(|piece| !piece.is_empty())
                        .map(str::to_owned)
                        .collect(),
                })
            }
            _ => Err(unsupported()),
        }
    }

    fn matches(&self, cart: &Cart) -> bool {
        match self {
            Condition::NameEquals(value) => cart.name == *value,
            Condition::NameLike {
                pieces,
                anchored_start,
                anchored_end,
            } => glob_match(
                &cart.name.to_lowercase(),
                pieces,
                *anchored_start,
                *anchored_end,
            ),
        }
    }
}

fn unquote(value: &str) -> &str {
    value
        .strip_prefix('"')
        .and_then(|inner| inner.strip_suffix('"'))
        .unwrap_or(value)
}

/// Matches `text` against a `*` pattern given as its pieces between the stars.
fn glob_match(text: &str, pieces: &[String], anchored_start: bool, anchored_end: bool) -> bool {
    let mut rest = text;
    let mut pieces = pieces;
    if anchored_start {
        if let Some((first, tail)) = pieces.split_first() {
            match rest.strip_prefix(first.as_str()) {
                Some(after) => rest = after,
                None => return false,
            }
            pieces = tail;
        }
    }
    if anchored_end {
        match pieces.split_last() {
            Some((last, init)) => {
                match rest.strip_suffix(last.as_str()) {
                    Some(before) => rest = before,
                    None => return false,
                }
                pieces = init;
            }
            // No star after the last piece, and the start took it (or the pattern is empty).
            None => return rest.is_empty(),
        }
    }
    for piece in pieces {
        match rest.find(piece.as_str()) {
            Some(at) => rest = &rest[at + piece.len()..],
            None => return false,
        }
    }
    true
}

/// The `links` and `meta` blocks of a listing page, following the documented example:
/// `page.total` is the number of pages (at least 1), `prev` never goes below offset 0 and `next`
/// is `null` on the last page.
pub fn pagination(base_url: &str, query: &ListQuery, total: usize) -> (Links, Meta) {
    pagination_at(base_url, "/v2/carts", query, total)
}

/// [`pagination`] of the listing at `path` (such as `/catalog/products`).
pub fn pagination_at(base_url: &str, path: &str, query: &ListQuery, total: usize) -> (Links, Meta) {
    let limit = query.limit;
    let offset = query.offset;
    let pages = total.div_ceil(limit).max(1);
    let filter = encode_filter(&query.filter.source);
    let link = |offset: usize| {
        format!("{base_url}{path}?page[offset]={offset}&page[limit]={limit}&filter={filter}")
    };
    let links = Links {
        current: link(offset),
        first: link(0),
        last: link((pages - 1) * limit),
        prev: link(offset.saturating_sub(limit)),
        next: (offset + limit < total).then(|| link(offset + limit)),
    };
    let meta = Meta {
        page: PageMeta {
            limit,
            offset,
            current: offset / limit + 1,
            total: pages,
        },
        results: ResultsMeta { total },
    };
    (links, meta)
}

/// The `links` of a listing page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Links {
    pub current: String,
    pub first: String,
    pub last: String,
    pub prev: String,
    /// `None` (`null`) on the last page.
    pub next: Option<String>,
}

/// The `meta` of a listing page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Meta {
    pub page: PageMeta,
    pub results: ResultsMeta,
}

/// `meta.page`: the page size and position, and the number of pages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PageMeta {
    pub limit: usize,
    pub offset: usize,
    /// 1-based number of this page.
    pub current: usize,
    /// Number of pages, at least 1.
    pub total: usize,
}

/// `meta.results`: the number of carts in the whole listing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ResultsMeta {
    pub total: usize,
}

/// Percent-encodes the characters of a filter that would change the meaning of a query string;
/// the filter syntax itself (`(`, `)`, `,`, `:`, `*`) is left readable.
fn encode_filter(filter: &str) -> String {
    let mut encoded = String::with_capacity(filter.len());
    for byte in filter.bytes() {
        match byte {
            b'A'..=b'Z'
            | b'a'..=b'z'
            | b'0'..=b'9'
            | b'-'
            | b'_'
            | b'.'
            | b'~'
            | b'('
            | b')'
            | b','
            | b':'
            | b'*'
            | b'\''
            | b'!' => encoded.push(byte as char),
            _ => encoded.push_str(&format!("%{byte:02X}")),
        }
    }
    encoded
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{json, Value};

    /// The blocks as JSON, as clients see them.
    fn pagination(base_url: &str, query: &ListQuery, total: usize) -> (Value, Value) {
        let (links, meta) = super::pagination(base_url, query, total);
        (json!(links), json!(meta))
    }

    fn named(name: &str) -> Cart {
        Cart {
            id: "id".to_owned(),
            name: name.to_owned(),
            description: String::new(),
            discount_settings: Default::default(),
            created_at: 0,
            updated_at: 0,
            seq: 0,
            customers: Vec::new(),
            accounts: Vec::new(),
            items: Vec::new(),
            custom_discounts: Vec::new(),
            promotions: Vec::new(),
            checkout: None,
        }
    }

    fn query(raw: &str) -> ListQuery {
        ListQuery::parse(Some(raw), 25).unwrap()
    }

    #[test]
    fn reproduces_the_documented_example() {
        let (links, meta) = pagination("https://h", &query("page[limit]=1"), 3);
        let link =
            |offset| format!("https://h/v2/carts?page[offset]={offset}&page[limit]=1&filter=");
        assert_eq!(
            links,
            json!({"current": link(0), "first": link(0), "last": link(2), "prev": link(0), "next": link(1)})
        );
        assert_eq!(
            meta,
            json!({"page": {"limit": 1, "offset": 0, "current": 1, "total": 3}, "results": {"total": 3}})
        );
    }

    #[test]
    fn last_page_has_no_next_and_prev_steps_back() {
        let (links, meta) = pagination("h", &query("page[limit]=2&page[offset]=4"), 5);
        assert_eq!(links["next"], Value::Null);
        assert_eq!(
            links["prev"],
            "h/v2/carts?page[offset]=2&page[limit]=2&filter="
        );
        assert_eq!(
            links["last"],
            "h/v2/carts?page[offset]=4&page[limit]=2&filter="
        );
        assert_eq!(meta["page"]["current"], 3);
        assert_eq!(meta["page"]["total"], 3);
    }

    #[test]
    fn empty_listings_still_have_pagination() {
        let (links, meta) = pagination("h", &query(""), 0);
        assert_eq!(links["next"], Value::Null);
        assert_eq!(
            links["last"],
            "h/v2/carts?page[offset]=0&page[limit]=25&filter="
        );
        assert_eq!(
            meta,
            json!({"page": {"limit": 25, "offset": 0, "current": 1, "total": 1}, "results": {"total": 0}})
        );
    }

    #[test]
    fn paging_parameters_are_bounded() {
        assert_eq!(query("page%5Blimit%5D=100&page[offset]=10000").limit, 100);
        for bad in [
            "page[limit]=0",
            "page[limit]=101",
            "page[limit]=x",
            "page[offset]=-1",
            "page[offset]=10001",
        ] {
            assert!(ListQuery::parse(Some(bad), 25).is_err(), "{bad}");
        }
        assert_eq!(query("include=items&sort=name").limit, 25);
    }

    #[test]
    fn filters_combine_eq_and_ilike() {
        let filter = Filter::parse("ilike(name,*sho*):eq(name,\"My Shop\")").unwrap();
        assert!(filter.matches(&named("My Shop")));
        assert!(!filter.matches(&named("my shop")));
        let like = Filter::parse("ilike(name,*SHOP*)").unwrap();
        assert!(like.matches(&named("my shopping")));
        assert!(!like.matches(&named("market")));
        let prefix = Filter::parse("ilike(name,gift*)").unwrap();
        assert!(prefix.matches(&named("Gift list")));
        assert!(!prefix.matches(&named("my gift")));
        let inner = Filter::parse("ilike(name,a*c)").unwrap();
        assert!(inner.matches(&named("abc")));
        assert!(!inner.matches(&named("abcd")));
        assert!(Filter::parse("").unwrap().is_empty());
        assert!(Filter::parse("eq(name,a:b)")
            .unwrap()
            .matches(&named("a:b")));
        let suffix = Filter::parse("ilike(name,*gift)").unwrap();
        assert!(suffix.matches(&named("giftbox gift")));
        assert!(!suffix.matches(&named("gift box")));
        assert!(!Filter::parse("ilike(name,a*a)")
            .unwrap()
            .matches(&named("a")));
        assert!(Filter::parse("ilike(name,*)").unwrap().matches(&named("")));
        let exact = Filter::parse("ilike(name,abc)").unwrap();
        assert!(exact.matches(&named("ABC")));
        assert!(!exact.matches(&named("abcd")));
        assert!(!exact.matches(&named("xabc")));
    }

    #[test]
    fn unsupported_filters_are_rejected() {
        for bad in [
            "gt(name,1)",
            "eq(email,x)",
            "eq(name)",
            "name",
            "eq(name,x):",
        ] {
            assert!(Filter::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn links_repeat_the_filter_safely() {
        let (links, _) = pagination("h", &query("filter=eq(name,a%26b c)"), 1);
        assert_eq!(
            links["current"],
            "h/v2/carts?page[offset]=0&page[limit]=25&filter=eq(name,a%26b%20c)"
        );
    }
}
