//! The list builders (`Limit`, `Offset`, `Sort`, `Filter`, `With`) and the query string they make.
//!
//! The string is the official SDK's, byte for byte, for every value it handles correctly:
//! `include`, `sort`, `page[limit]`, `page[offset]`, `filter`, in that order, brackets and filter
//! syntax unencoded. Characters that would break the query (`&`, `#`, `%`, `+`, spaces, non-ASCII)
//! are percent-encoded, where the official SDK sends them raw.

use alloc::borrow::ToOwned;
use alloc::string::String;

use crate::error::{Error, Result};
use crate::request::percent_encode_into;
use crate::text;
use crate::validate;

/// Largest page the API serves.
pub const MAX_LIMIT: u32 = 100;
/// Largest offset the API accepts.
pub const MAX_OFFSET: u32 = 10_000;

/// Writes a filter in the official SDK's syntax, condition by condition:
/// `{ eq: { name: 'x' }, in: { id: ['a', 'b'] }, like: { meta: { a: 1 } } }` becomes
/// `eq(name,x):in(id,a,b):like(meta.a,1)`. The caller walks the JS object in key order.
#[derive(Default)]
pub struct FilterWriter {
    text: String,
}

impl FilterWriter {
    /// Checks an operator (`eq`, `in`, `like`, ...): a word, with at least one field.
    pub fn operator(op: &str, fields: usize) -> Result<()> {
        let word = !op.is_empty()
            && text::all_bytes(op.as_bytes(), |b| b.is_ascii_alphanumeric() || b == b'_');
        if !word || fields == 0 {
            return Err(Error::invalid(&[
                "Filter operator '",
                op,
                "' must be a word such as eq, like or in, with at least one field: { eq: { name: 'x' } }",
            ]));
        }
        Ok(())
    }

    /// Opens the condition `op(`.
    pub fn open(&mut self, op: &str) {
        if !self.text.is_empty() {
            self.text.push(':');
        }
        self.text.push_str(op);
        self.text.push('(');
    }

    /// Adds `field,value`, or `,value` for the further items of a list (`field` empty).
    pub fn value(&mut self, field: &str, value: &str) {
        self.text.push_str(field);
        self.text.push(',');
        self.text.push_str(value);
    }

    /// Adds `field.attribute,value`, for nested objects; `first` is false after the first one.
    pub fn attribute(&mut self, field: &str, attribute: &str, value: &str, first: bool) {
        if !first {
            self.text.push(',');
        }
        self.text.push_str(field);
        self.text.push('.');
        self.value(attribute, value);
    }

    /// Adds the bare field of a list (`in(id` before its values).
    pub fn field(&mut self, field: &str) {
        self.text.push_str(field);
    }

    pub fn close(&mut self) {
        self.text.push(')');
    }

    /// The filter text, or `None` for an empty filter (which sends nothing).
    pub fn finish(self) -> Option<String> {
        (!self.text.is_empty()).then_some(self.text)
    }
}

/// The builder state of a list call; cleared after every call.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ListQuery {
    pub include: Option<String>,
    pub sort: Option<String>,
    pub limit: Option<u32>,
    pub offset: Option<u32>,
    /// Already in filter syntax ([`FilterWriter`]).
    pub filter: Option<String>,
}

impl ListQuery {
    pub fn set_limit(&mut self, limit: f64) -> Result<()> {
        self.limit = Some(whole_number("Limit", limit, 1, MAX_LIMIT, "1 to 100")?);
        Ok(())
    }

    pub fn set_offset(&mut self, offset: f64) -> Result<()> {
        let offset = whole_number("Offset", offset, 0, MAX_OFFSET, "0 to 10000")?;
        // Like the official SDK, an offset of 0 (the default) adds nothing to the query.
        self.offset = (offset > 0).then_some(offset);
        Ok(())
    }

    pub fn set_sort(&mut self, sort: &str) -> Result<()> {
        self.sort = Some(non_empty("Sort", sort)?);
        Ok(())
    }

    /// `With('items')`: lower-cased, as the official SDK does.
    pub fn set_include(&mut self, include: &str) -> Result<()> {
        let mut include = non_empty("With", include)?;
        include.make_ascii_lowercase();
        self.include = Some(include);
        Ok(())
    }

    /// The query string without `?`, empty when no builder was used; with `all` false, only
    /// `include` (what `Get` sends).
    pub fn to_query_string(&self, all: bool) -> String {
        let mut out = String::new();
        if let Some(include) = &self.include {
            pair(&mut out, "include", include);
        }
        if !all {
            return out;
        }
        if let Some(sort) = &self.sort {
            pair(&mut out, "sort", sort);
        }
        if let Some(limit) = self.limit {
            pair(&mut out, "page[limit]", &text::decimal(limit.into()));
        }
        if let Some(offset) = self.offset {
            pair(&mut out, "page[offset]", &text::decimal(offset.into()));
        }
        if let Some(filter) = &self.filter {
            pair(&mut out, "filter", filter);
        }
        out
    }
}

fn pair(out: &mut String, key: &str, value: &str) {
    if !out.is_empty() {
        out.push('&');
    }
    out.push_str(key);
    out.push('=');
    encode_into(out, value);
}

/// Percent-encodes what would change the meaning of a query; leaves the characters the API's
/// syntax uses (`( ) , : * [ ] . _ - ~ = ! $ ' @ / ?`) as the official SDK sends them.
fn encode_into(out: &mut String, value: &str) {
    percent_encode_into(out, value, b"()[],:*._-~=!$'@/?;");
}

/// `range` is how the message prints `min` to `max`.
fn whole_number(what: &str, value: f64, min: u32, max: u32, range: &str) -> Result<u32> {
    validate::whole_number(value, min, max)
        .ok_or_else(|| Error::invalid(&[what, " takes a whole number from ", range]))
}

fn non_empty(what: &str, value: &str) -> Result<String> {
    if value.is_empty() {
        return Err(Error::invalid(&[what, " takes a non-empty string"]));
    }
    Ok(value.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `{ op: { field: value } }` with scalar values, through the writer.
    fn scalars(conditions: &[(&str, &[(&str, &str)])]) -> Option<String> {
        let mut w = FilterWriter::default();
        for (op, fields) in conditions {
            FilterWriter::operator(op, fields.len()).unwrap();
            for (field, value) in *fields {
                w.open(op);
                w.value(field, value);
                w.close();
            }
        }
        w.finish()
    }

    #[test]
    fn empty_builders_make_no_query() {
        assert_eq!(ListQuery::default().to_query_string(true), "");
        assert_eq!(FilterWriter::default().finish(), None);
    }

    #[test]
    fn order_and_syntax_match_the_official_sdk() {
        let mut q = ListQuery {
            filter: scalars(&[("eq", &[("name", "Bob")])]),
            ..ListQuery::default()
        };
        q.set_offset(10.0).unwrap();
        q.set_limit(5.0).unwrap();
        q.set_sort("-updated_at").unwrap();
        q.set_include("Items").unwrap();
        assert_eq!(
            q.to_query_string(true),
            "include=items&sort=-updated_at&page[limit]=5&page[offset]=10&filter=eq(name,Bob)"
        );
    }

    #[test]
    fn filters_join_with_colons_and_lists_with_commas() {
        let mut w = FilterWriter::default();
        for (field, value) in [("name", "a"), ("id", "b")] {
            w.open("eq");
            w.value(field, value);
            w.close();
        }
        w.open("in");
        w.field("id");
        for v in ["x", "y"] {
            w.value("", v);
        }
        w.close();
        w.open("ilike");
        w.attribute("meta", "a", "1", true);
        w.attribute("meta", "b", "2", false);
        w.close();
        assert_eq!(
            w.finish().unwrap(),
            "eq(name,a):eq(id,b):in(id,x,y):ilike(meta.a,1,meta.b,2)"
        );
    }

    #[test]
    fn operators_are_words_with_fields() {
        assert!(FilterWriter::operator("eq", 1).is_ok());
        assert!(FilterWriter::operator("is_null", 1).is_ok());
        for bad in ["", "e q", "eq)", "eq:"] {
            let err = FilterWriter::operator(bad, 1).unwrap_err();
            assert!(err.message.contains("must be a word"), "{}", err.message);
        }
        let err = FilterWriter::operator("eq", 0).unwrap_err();
        assert_eq!(
            err.message,
            "Filter operator 'eq' must be a word such as eq, like or in, with at least one field: \
             { eq: { name: 'x' } }"
        );
    }

    #[test]
    fn values_that_would_break_the_query_are_encoded() {
        let mut q = ListQuery {
            filter: scalars(&[("ilike", &[("name", "*R&D #1 50%+*")])]),
            ..ListQuery::default()
        };
        assert_eq!(
            q.to_query_string(true),
            "filter=ilike(name,*R%26D%20%231%2050%25%2B*)"
        );
        q.filter = scalars(&[("eq", &[("name", "caf\u{e9}")])]);
        assert_eq!(q.to_query_string(true), "filter=eq(name,caf%C3%A9)");
    }

    #[test]
    fn zero_offset_is_the_default_and_sends_nothing() {
        let mut q = ListQuery::default();
        q.set_offset(0.0).unwrap();
        assert_eq!(q.to_query_string(true), "");
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
        assert_eq!(q, ListQuery::default(), "rejected values leave no trace");
        assert_eq!(
            q.set_limit(0.0).unwrap_err().message,
            "Limit takes a whole number from 1 to 100"
        );
    }
}
