//! Shared helpers for the `reliability_*` integration tests: a deterministic generated corpus,
//! a seeded random number generator, self-spawned child processes and index inspection.
#![allow(dead_code)]

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::process::{Command, Stdio};

use pressespiegel::index::{read_article, NewsIndex, DOC_ARTICLE};
use pressespiegel::Article;
use tantivy::collector::DocSetCollector;
use tantivy::query::TermQuery;
use tantivy::schema::IndexRecordOption;
use tantivy::{TantivyDocument, Term};

/// Environment variable that turns a test binary into a child process (its value names the role).
pub const CHILD_ENV: &str = "PRESSESPIEGEL_RELIABILITY_CHILD";

/// A small, fast, seeded random number generator (SplitMix64): the same seed gives the same
/// kill moments on every machine.
pub struct Rng(u64);

impl Rng {
    /// A generator from a seed.
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n > 0`).
    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n
    }
}

const WORDS: &[&str] = &[
    "Regierung",
    "Bundestag",
    "Kanzler",
    "Haushalt",
    "Wahl",
    "Gipfel",
    "Verhandlungen",
    "Sanktionen",
    "Energie",
    "Klimaschutz",
    "Wirtschaft",
    "Inflation",
    "Zölle",
    "Straße",
    "Bahn",
    "Streik",
    "Gericht",
    "Urteil",
    "Minister",
    "Opposition",
    "beschließt",
    "kritisiert",
    "fordert",
    "verschiebt",
    "neue",
    "höhere",
    "europäische",
    "gemeinsame",
];

/// A deterministic corpus of `records` small German articles.
///
/// Every 8th record (after the first few) repeats the id of an earlier record, so re-ingesting
/// exercises upserts: the later record replaces the earlier one. Each text carries the marker
/// `fassung{record}` naming the record it came from.
pub struct Corpus {
    /// The id of each record, in input order.
    pub ids: Vec<String>,
}

impl Corpus {
    /// The corpus with `records` records.
    pub fn new(records: usize) -> Self {
        let mut ids: Vec<String> = Vec::with_capacity(records);
        for i in 0..records {
            let id = if i % 8 == 7 {
                let j = (i.wrapping_mul(7919)) % (i - 1);
                ids[j].clone()
            } else {
                format!("art-{i:06}")
            };
            ids.push(id);
        }
        Corpus { ids }
    }

    /// The corpus with `records` records, all with distinct ids.
    pub fn unique(records: usize) -> Self {
        Corpus {
            ids: (0..records).map(|i| format!("art-{i:06}")).collect(),
        }
    }

    /// Number of records.
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    /// Whether there are no records.
    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    /// Record `i` as an article.
    pub fn article(&self, i: usize) -> Article {
        synthetic_article(i, self.ids[i].clone())
    }

    /// All records as the item type `NewsWriter::ingest` takes.
    pub fn records(&self) -> impl Iterator<Item = pressespiegel::Result<Article>> + '_ {
        (0..self.len()).map(|i| Ok(self.article(i)))
    }

    /// Unique ids among the first `n` records.
    pub fn unique_ids(&self, n: usize) -> BTreeSet<String> {
        self.ids[..n.min(self.len())].iter().cloned().collect()
    }

    /// For each id among the first `n` records, the last record that carries it.
    pub fn last_record(&self, n: usize) -> BTreeMap<String, usize> {
        let mut out = BTreeMap::new();
        for (i, id) in self.ids[..n.min(self.len())].iter().enumerate() {
            out.insert(id.clone(), i);
        }
        out
    }
}

/// The generated article number `i` with the given id (see [`Corpus`]).
pub fn synthetic_article(i: usize, id: String) -> Article {
    let mut rng = Rng::new(i as u64 ^ 0x5EED);
    let n = 12 + rng.below(20) as usize;
    let mut text = String::new();
    for k in 0..n {
        if k > 0 {
            text.push(' ');
        }
        text.push_str(WORDS[rng.below(WORDS.len() as u64) as usize]);
    }
    text.push_str(&format!(". fassung{i} "));
    // Every odd record mentions "Xylophon", every even one "Trompete": any two consecutive
    // records hold one of each, for consistency checks.
    if i % 2 == 1 {
        text.push_str("Das Xylophon klingt.");
    } else {
        text.push_str("Die Trompete klingt.");
    }
    Article {
        id,
        title: format!("{} {}", WORDS[i % WORDS.len()], i),
        text,
        ..Default::default()
    }
}

/// Every article stored in the latest commit of `index`, in no particular order (duplicates kept).
pub fn stored_articles(index: &NewsIndex) -> Vec<Article> {
    let searcher = index.searcher();
    let f = index.fields();
    let q = TermQuery::new(
        Term::from_field_text(f.doc_type, DOC_ARTICLE),
        IndexRecordOption::Basic,
    );
    let addrs = searcher.search(&q, &DocSetCollector).expect("collect docs");
    addrs
        .into_iter()
        .map(|addr| {
            let doc: TantivyDocument = searcher.doc(addr).expect("stored doc");
            read_article(f, &doc)
        })
        .collect()
}

/// Ids of `articles` with their multiplicity.
pub fn id_counts(articles: &[Article]) -> BTreeMap<String, usize> {
    let mut out = BTreeMap::new();
    for a in articles {
        *out.entry(a.id.clone()).or_insert(0) += 1;
    }
    out
}

/// A command that runs this test binary's `entry` test as a child process with role `role`.
///
/// The entry test must be `#[ignore]`d and return at once when [`CHILD_ENV`] is unset.
pub fn child_command(entry: &str, role: &str, dir: &Path) -> Command {
    let exe = std::env::current_exe().expect("current test binary");
    let mut cmd = Command::new(exe);
    cmd.args([
        entry,
        "--exact",
        "--ignored",
        "--nocapture",
        "--test-threads=1",
    ])
    .env(CHILD_ENV, role)
    .env("PRESSESPIEGEL_RELIABILITY_DIR", dir)
    .stdin(Stdio::null())
    .stdout(Stdio::piped())
    .stderr(Stdio::inherit());
    cmd
}

/// The marker a child printed on `line` (the text after `@@ `), if any. libtest may print
/// `test name ... ` before the first line of output, so the marker need not start the line.
pub fn marker(line: &str) -> Option<&str> {
    line.find("@@ ").map(|i| &line[i + 3..])
}

/// The role this process was started with, `None` in a normal test run.
pub fn child_role() -> Option<(String, std::path::PathBuf)> {
    let role = std::env::var(CHILD_ENV).ok()?;
    let dir = std::env::var_os("PRESSESPIEGEL_RELIABILITY_DIR")?;
    Some((role, dir.into()))
}

/// Peak resident set size of this process in KiB (`VmHWM` from `/proc/self/status`), if known.
pub fn peak_rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))?
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()
}
