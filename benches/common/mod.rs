//! The query workload shared by `benches/query.rs` and `examples/harness_1m.rs`: the query
//! classes of issue 6 and a fixed list of requests per class, so both measure the same thing.
//!
//! Every request asks for 10 hits with the default 2 quote-aware snippet fragments per hit.
//! Terms, actors and speakers are chosen to occur in the bundled demo corpus that
//! `CorpusGenerator::demo` resamples.

#![allow(dead_code)] // each including target uses a different part

use std::path::{Path, PathBuf};

use pressespiegel::corpus::{read_jsonl, CorpusGenerator};
use pressespiegel::index::{NewsIndex, WriterOptions};
use pressespiegel::search::{SearchRequest, Sort};

/// A class of queries with its own cost profile.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum QueryClass {
    /// One word (stemmed).
    Term,
    /// Two words, both required.
    And,
    /// A quoted phrase.
    Phrase,
    /// A word that mostly occurs as part of compounds (`Krieg` in `Irakkrieg`).
    CompoundPart,
    /// A word, filtered by an actor, with the top-10 actor/country/organisation counts.
    Facet,
    /// A word, newest first.
    DateSorted,
    /// Quotations by one speaker (`search_quotes`).
    QuoteSpeaker,
}

impl QueryClass {
    /// Every class, in report order.
    pub const ALL: [QueryClass; 7] = [
        QueryClass::Term,
        QueryClass::And,
        QueryClass::Phrase,
        QueryClass::CompoundPart,
        QueryClass::Facet,
        QueryClass::DateSorted,
        QueryClass::QuoteSpeaker,
    ];

    /// Short name used in bench ids and reports.
    pub fn name(self) -> &'static str {
        match self {
            QueryClass::Term => "term",
            QueryClass::And => "and",
            QueryClass::Phrase => "phrase",
            QueryClass::CompoundPart => "compound_part",
            QueryClass::Facet => "facet_filter_counts",
            QueryClass::DateSorted => "date_sorted",
            QueryClass::QuoteSpeaker => "quote_speaker",
        }
    }

    /// The fixed request list of this class (10 hits, default snippets).
    pub fn requests(self) -> Vec<SearchRequest> {
        let words = |list: &[&str]| list.iter().map(|q| SearchRequest::new(*q)).collect();
        match self {
            QueryClass::Term => words(TERMS),
            QueryClass::And => words(AND),
            QueryClass::Phrase => words(PHRASES),
            QueryClass::CompoundPart => words(COMPOUND_PARTS),
            QueryClass::Facet => TERMS
                .iter()
                .zip(ACTORS.iter().cycle())
                .map(|(q, a)| SearchRequest::new(*q).actor(*a).facets(10))
                .collect(),
            QueryClass::DateSorted => TERMS
                .iter()
                .map(|q| SearchRequest::new(*q).sort(Sort::Date))
                .collect(),
            QueryClass::QuoteSpeaker => ACTORS
                .iter()
                .map(|a| SearchRequest::new("").speaker(*a))
                .collect(),
        }
    }
}

/// Single words.
pub const TERMS: &[&str] = &[
    "Regierung",
    "Präsident",
    "Wahl",
    "Polizei",
    "Parlament",
    "Minister",
    "Iran",
    "China",
    "Bundestag",
    "Terror",
    "Frieden",
    "Sanktionen",
];

/// Two required words.
pub const AND: &[&str] = &[
    "Regierung Präsident",
    "China Russland",
    "Wahl Parlament",
    "Polizei Terror",
    "Minister Iran",
    "Bundestag Regierung",
    "Frieden Irak",
    "Sanktionen Iran",
];

/// Phrases.
pub const PHRASES: &[&str] = &[
    "\"Vereinten Nationen\"",
    "\"Europäischen Union\"",
    "\"Weißen Haus\"",
    "\"Deutschen Bundestag\"",
    "\"Vereinigten Staaten\"",
    "\"sagte er\"",
];

/// Words that occur mostly inside compounds in the demo corpus.
pub const COMPOUND_PARTS: &[&str] = &["Krieg", "Abkommen", "Gipfel", "Krise", "Wahl", "Kanzler"];

/// Canonical actor names (facet filter and quote speakers).
pub const ACTORS: &[&str] = &[
    "Angela Merkel",
    "Wladimir Putin",
    "George W. Bush",
    "Barack Obama",
    "Donald Trump",
    "Xi Jinping",
    "Emmanuel Macron",
    "Olaf Scholz",
];

/// Run one request of `class`; returns the number of hits on the page.
pub fn run(index: &NewsIndex, class: QueryClass, req: &SearchRequest) -> usize {
    match class {
        QueryClass::QuoteSpeaker => index.search_quotes(req).expect("quote search").hits.len(),
        _ => index.search(req).expect("search").hits.len(),
    }
}

/// Title + text bytes of an article (what throughput figures count).
pub fn article_bytes(a: &pressespiegel::Article) -> u64 {
    (a.title.len() + a.text.len()) as u64
}

/// The shared data folder (`$PRESSESPIEGEL_SHARED` or `../shared` beside the crate), if present.
fn shared_data() -> Option<PathBuf> {
    let dir = std::env::var_os("PRESSESPIEGEL_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared"));
    let data = dir.join("data");
    data.join("wikinews-quotes/train.jsonl")
        .is_file()
        .then_some(data)
}

/// The article generator every bench and the harness use, and a one-line description of it.
///
/// `PRESSESPIEGEL_BENCH_BASE=news` (the default when the shared data folder is present): seed 42
/// over the 1,878 real articles of the shared data (German Wikinews train + dev, 10kGNAD) with
/// the base corpus's own quotation density (`with_quote_boost(0.0)`) — term and quote
/// statistics close to real news. `PRESSESPIEGEL_BENCH_BASE=demo` (the fallback): seed 42 over
/// the bundled 100 demo articles with the default quotation boost (the corpus of the session-1
/// numbers; common words match a third of it, ~8 quotation documents per article).
pub fn generator() -> (CorpusGenerator, String) {
    let want = std::env::var("PRESSESPIEGEL_BENCH_BASE").unwrap_or_default();
    let shared = if want == "demo" { None } else { shared_data() };
    match shared {
        Some(data) => {
            let mut base = Vec::new();
            for file in [
                "wikinews-quotes/train.jsonl",
                "wikinews-quotes/dev.jsonl",
                "10kgnad/articles.jsonl",
            ] {
                base.extend(read_jsonl(data.join(file)).expect("read shared base corpus"));
            }
            let n = base.len();
            let g = CorpusGenerator::new(base, 42)
                .expect("news generator")
                .with_quote_boost(0.0);
            (
                g,
                format!("news base ({n} shared articles: Wikinews train+dev, 10kGNAD), seed 42, natural quote density"),
            )
        }
        None => {
            if want == "news" {
                panic!("PRESSESPIEGEL_BENCH_BASE=news but the shared data folder is missing");
            }
            (
                CorpusGenerator::demo(42).expect("demo generator"),
                "demo base (100 bundled articles), seed 42, quote boost 0.15".to_string(),
            )
        }
    }
}

/// Build an index of the first `n` articles of [`generator`] in `dir` and merge it into one
/// segment. Returns the index.
pub fn build_merged(dir: &Path, n: usize, threads: usize) -> NewsIndex {
    let (generator, _) = generator();
    let index = NewsIndex::create(dir).expect("create index");
    {
        let mut writer = index
            .writer_with_options(WriterOptions {
                threads,
                commit_every: 0,
                ..WriterOptions::default()
            })
            .expect("writer");
        writer
            .ingest(generator.articles(n).map(Ok), |_| {})
            .expect("ingest");
    }
    merge_all(&index);
    index
}

/// Merge every segment of `index` into one (search is fastest on one segment).
pub fn merge_all(index: &NewsIndex) {
    let tantivy = index.tantivy_index();
    let ids = tantivy.searchable_segment_ids().expect("segment ids");
    if ids.len() > 1 {
        let mut writer: tantivy::IndexWriter = tantivy
            .writer_with_num_threads(1, 64 << 20)
            .expect("merge writer");
        writer.merge(&ids).wait().expect("merge");
        writer.wait_merging_threads().expect("merge threads");
    }
    index.reload().expect("reload");
}
