//! The request journal: every request the API received (not those to `/__emulator`), in arrival
//! order, with the status it was answered with. Tests read it to check what a client sent.

use std::collections::{BTreeMap, VecDeque};

use axum::http::request::Parts;
use serde::Serialize;

/// One journaled request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct JournalEntry {
    /// Arrival number, from 1; keeps counting across `DELETE /__emulator/requests`.
    pub seq: u64,
    pub method: String,
    /// The path exactly as received (not percent-decoded).
    pub path: String,
    /// The raw query string exactly as received, `""` if none.
    pub query: String,
    /// Header names lowercased; repeated headers joined with `", "`.
    pub headers: BTreeMap<String, String>,
    /// The body as text (invalid UTF-8 replaced), `null` if empty or over the size limit.
    pub body: Option<String>,
    /// The status answered; `0` when the connection was dropped on purpose, `null` while the
    /// request is still being handled.
    pub status: Option<u16>,
}

impl JournalEntry {
    fn new(seq: u64, parts: &Parts, body: Option<&[u8]>) -> Self {
        let mut headers = BTreeMap::<String, String>::new();
        for (name, value) in &parts.headers {
            let value = String::from_utf8_lossy(value.as_bytes());
            headers
                .entry(name.as_str().to_owned())
                .and_modify(|joined| {
                    joined.push_str(", ");
                    joined.push_str(&value);
                })
                .or_insert_with(|| value.into_owned());
        }
        JournalEntry {
            seq,
            method: parts.method.as_str().to_owned(),
            path: parts.uri.path().to_owned(),
            query: parts.uri.query().unwrap_or("").to_owned(),
            headers,
            body: body
                .filter(|bytes| !bytes.is_empty())
                .map(|bytes| String::from_utf8_lossy(bytes).into_owned()),
            status: None,
        }
    }
}

/// The journal, keeping the most recent `limit` entries.
#[derive(Debug)]
pub struct Journal {
    entries: VecDeque<JournalEntry>,
    next_seq: u64,
    limit: usize,
}

impl Journal {
    /// An empty journal that keeps at most `limit` entries (the oldest are dropped first).
    pub fn new(limit: usize) -> Self {
        Self {
            entries: VecDeque::new(),
            next_seq: 1,
            limit: limit.max(1),
        }
    }

    /// Records the arrival of a request; returns its number for [`Journal::finish`].
    pub fn start(&mut self, parts: &Parts, body: Option<&[u8]>) -> u64 {
        let seq = self.next_seq;
        self.next_seq += 1;
        if self.entries.len() >= self.limit {
            self.entries.pop_front();
        }
        self.entries.push_back(JournalEntry::new(seq, parts, body));
        seq
    }

    /// Records the status a request was answered with.
    pub fn finish(&mut self, seq: u64, status: u16) {
        // Entries are in `seq` order, so the position follows from the first one.
        let Some(first) = self.entries.front().map(|entry| entry.seq) else {
            return;
        };
        if let Some(entry) = seq
            .checked_sub(first)
            .and_then(|offset| self.entries.get_mut(offset as usize))
        {
            entry.status = Some(status);
        }
    }

    /// Every entry, oldest first.
    pub fn entries(&self) -> impl Iterator<Item = &JournalEntry> {
        self.entries.iter()
    }

    /// Forgets every entry.
    pub fn clear(&mut self) {
        self.entries.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::Request;

    fn parts(uri: &str) -> Parts {
        let (parts, ()) = Request::post(uri)
            .header("X-Moltin-Customer-Token", "abc")
            .header("accept", "a")
            .header("accept", "b")
            .body(())
            .unwrap()
            .into_parts();
        parts
    }

    #[test]
    fn records_requests_verbatim_in_arrival_order() {
        let mut journal = Journal::new(10);
        let first = journal.start(&parts("/v2/carts?page%5Blimit%5D=1&filter="), Some(b"{}"));
        let second = journal.start(&parts("/oauth/access_token"), None);
        journal.finish(second, 401);
        journal.finish(first, 200);
        let entries: Vec<_> = journal.entries().collect();
        assert_eq!(entries[0].seq, 1);
        assert_eq!(entries[0].query, "page%5Blimit%5D=1&filter=");
        assert_eq!(entries[0].headers["x-moltin-customer-token"], "abc");
        assert_eq!(entries[0].headers["accept"], "a, b");
        assert_eq!(entries[0].body.as_deref(), Some("{}"));
        assert_eq!(entries[0].status, Some(200));
        assert_eq!(entries[1].query, "");
        assert_eq!(entries[1].body, None);
        assert_eq!(entries[1].status, Some(401));
    }

    #[test]
    fn keeps_only_the_latest_entries() {
        let mut journal = Journal::new(2);
        for _ in 0..3 {
            let seq = journal.start(&parts("/x"), None);
            journal.finish(seq, 204);
        }
        let seqs: Vec<u64> = journal.entries().map(|entry| entry.seq).collect();
        assert_eq!(seqs, [2, 3]);
        journal.clear();
        assert_eq!(journal.entries().count(), 0);
        assert_eq!(journal.start(&parts("/x"), None), 4);
    }
}
