//! The list builders (`Limit`, `Offset`, `Sort`, `Filter`, `With`) and the query string they make.
//!
//! The string is the official SDK's, byte for byte, for every value it handles correctly:
//! `include`, `sort`, `page[limit]`, `page[offset]`, `filter`, in that order, brackets and filter
//! syntax unencoded. Characters that would break the query (`&`, `#`, `%`, `+`, spaces, non-ASCII)
//! are percent-encoded, where the official SDK sends them raw.

use crate::error::{Error, Result};
use crate::request::percent_encode_into;
use crate::validate;

/// Largest page the API serves.
pub const MAX_LIMIT: u32 = 100;
/// Largest offset the API accepts.
pub const MAX_OFFSET: u32 = 10_000;

/// One value in a filter: `eq: { name: 'x' }`, `in: { id: ['a', 'b'] }`, or
/// `eq: { meta: { a: 1 } }` (`eq(meta.a,1)`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FilterValue {
    Scalar(String),
    List(Vec<String>),
    Nested(Vec<(String, String)>),
}

/// `{ op: { field: value } }`, in the order JavaScript enumerates the keys.
pub type Filter = Vec<(String, Vec<(String, FilterValue)>)>;

/// The builder state of a list call; cleared after every call.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ListQuery {
    pub include: Option<String>,
    pub sort: Option<String>,
    pub limit: Option<u32>,
    pub offset: Option<u32>,
    pub filter: Option<Filter>,
}

impl ListQuery {
    pub fn set_limit(&mut self, limit: f64) -> Result<()> {
        self.limit = Some(whole_number("Limit", limit, 1, MAX_LIMIT)?);
        Ok(())
    }

    pub fn set_offset(&mut self, offset: f64) -> Result<()> {
        let offset = whole_number("Offset", offset, 0, MAX_OFFSET)?;
        // Like the official SDK, an offset of 0 (the default) adds nothing to the query.
        self.offset = (offset > 0).then_some(offset);
        Ok(())
    }

    pub fn set_sort(&mut self, sort: &str) -> Result<()> {
        self.sort = non_empty("Sort", sort)?;
        Ok(())
    }

    /// `With('items')`: lower-cased, as the official SDK does.
    pub fn set_include(&mut self, include: &str) -> Result<()> {
        self.include = non_empty("With", include)?.map(|s| s.to_ascii_lowercase());
        Ok(())
    }

    pub fn set_filter(&mut self, filter: Filter) -> Result<()> {
        for (op, fields) in &filter {
            let valid_op =
                !op.is_empty() && op.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_');
            if !valid_op {
                return Err(Error::invalid_input(format!(
                    "Filter operator '{op}' is not a word such as eq, like or in"
                )));
            }
            if fields.is_empty() {
                return Err(Error::invalid_input(format!(
                    "Filter operator '{op}' needs at least one field, e.g. {{ {op}: {{ name: 'x' }} }}"
                )));
            }
        }
        self.filter = (!filter.is_empty()).then_some(filter);
        Ok(())
    }

    /// The query string without `?`, empty when no builder was used.
    pub fn to_query_string(&self) -> String {
        let mut parts: Vec<String> = Vec::new();
        if let Some(include) = &self.include {
            parts.push(pair("include", include));
        }
        if let Some(sort) = &self.sort {
            parts.push(pair("sort", sort));
        }
        if let Some(limit) = self.limit {
            parts.push(pair("page[limit]", &limit.to_string()));
        }
        if let Some(offset) = self.offset {
            parts.push(pair("page[offset]", &offset.to_string()));
        }
        if let Some(filter) = &self.filter {
            parts.push(pair("filter", &format_filter(filter)));
        }
        parts.join("&")
    }
}

fn pair(key: &str, value: &str) -> String {
    let mut out = String::from(key);
    out.push('=');
    encode_into(&mut out, value);
    out
}

/// `eq(name,x):in(id,a,b)`, the official SDK's syntax.
pub fn format_filter(filter: &Filter) -> String {
    let mut out = String::new();
    for (op, fields) in filter {
        for (field, value) in fields {
            if !out.is_empty() {
                out.push(':');
            }
            out.push_str(op);
            out.push('(');
            match value {
                FilterValue::Scalar(v) => {
                    out.push_str(field);
                    out.push(',');
                    out.push_str(v);
                }
                FilterValue::List(vs) => {
                    out.push_str(field);
                    for v in vs {
                        out.push(',');
                        out.push_str(v);
                    }
                }
                FilterValue::Nested(attrs) => {
                    for (i, (attr, v)) in attrs.iter().enumerate() {
                        if i > 0 {
                            out.push(',');
                        }
                        out.push_str(field);
                        out.push('.');
                        out.push_str(attr);
                        out.push(',');
                        out.push_str(v);
                    }
                }
            }
            out.push(')');
        }
    }
    out
}

/// Percent-encodes what would change the meaning of a query; leaves the characters the API's
/// syntax uses (`( ) , : * [ ] . _ - ~ = ! $ ' @ / ?`) as the official SDK sends them.
fn encode_into(out: &mut String, value: &str) {
    percent_encode_into(out, value, b"()[],:*._-~=!$'@/?;");
}

fn whole_number(what: &str, value: f64, min: u32, max: u32) -> Result<u32> {
    validate::whole_number(value, min, max).ok_or_else(|| {
        Error::invalid_input(format!("{what} takes a whole number from {min} to {max}"))
    })
}

fn non_empty(what: &str, value: &str) -> Result<Option<String>> {
    if value.is_empty() {
        return Err(Error::invalid_input(format!(
            "{what} takes a non-empty string"
        )));
    }
    Ok(Some(value.to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scalar(field: &str, value: &str) -> (String, FilterValue) {
        (field.into(), FilterValue::Scalar(value.into()))
    }

    #[test]
    fn empty_builders_make_no_query() {
        assert_eq!(ListQuery::default().to_query_string(), "");
    }

    #[test]
    fn order_and_syntax_match_the_official_sdk() {
        let mut q = ListQuery::default();
        q.set_filter(vec![("eq".into(), vec![scalar("name", "Bob")])])
            .unwrap();
        q.set_offset(10.0).unwrap();
        q.set_limit(5.0).unwrap();
        q.set_sort("-updated_at").unwrap();
        q.set_include("Items").unwrap();
        assert_eq!(
            q.to_query_string(),
            "include=items&sort=-updated_at&page[limit]=5&page[offset]=10&filter=eq(name,Bob)"
        );
    }

    #[test]
    fn filters_join_with_colons_and_lists_with_commas() {
        let filter = vec![
            ("eq".into(), vec![scalar("name", "a"), scalar("id", "b")]),
            (
                "in".into(),
                vec![("id".into(), FilterValue::List(vec!["x".into(), "y".into()]))],
            ),
            (
                "ilike".into(),
                vec![(
                    "meta".into(),
                    FilterValue::Nested(vec![("a".into(), "1".into()), ("b".into(), "2".into())]),
                )],
            ),
        ];
        assert_eq!(
            format_filter(&filter),
            "eq(name,a):eq(id,b):in(id,x,y):ilike(meta.a,1,meta.b,2)"
        );
    }

    #[test]
    fn values_that_would_break_the_query_are_encoded() {
        let mut q = ListQuery::default();
        q.set_filter(vec![(
            "ilike".into(),
            vec![scalar("name", "*R&D #1 50%+*")],
        )])
        .unwrap();
        assert_eq!(
            q.to_query_string(),
            "filter=ilike(name,*R%26D%20%231%2050%25%2B*)"
        );
        q.set_filter(vec![("eq".into(), vec![scalar("name", "caf\u{e9}")])])
            .unwrap();
        assert_eq!(q.to_query_string(), "filter=eq(name,caf%C3%A9)");
    }

    #[test]
    fn zero_offset_is_the_default_and_sends_nothing() {
        let mut q = ListQuery::default();
        q.set_offset(0.0).unwrap();
        assert_eq!(q.to_query_string(), "");
    }

    #[test]
    fn out_of_range_builders_are_rejected() {
        let mut q = ListQuery::default();
        for bad in [0.0, 101.0, 2.5, -1.0, f64::NAN, f64::INFINITY] {
            assert!(q.set_limit(bad).is_err(), "{bad}");
        }
        for bad in [-1.0, 10_001.0, 0.5, f64::NAN] {
            assert!(q.set_offset(bad).is_err(), "{bad}");
        }
        assert!(q.set_sort("").is_err());
        assert!(q.set_include("").is_err());
        assert!(q
            .set_filter(vec![("e q".into(), vec![scalar("a", "b")])])
            .is_err());
        assert!(q.set_filter(vec![("eq".into(), vec![])]).is_err());
        assert_eq!(q, ListQuery::default(), "rejected values leave no trace");
    }
}
