//! Corpora for demos, tests and benchmarks: the bundled demo corpus and a deterministic generator
//! that scales it (or any base corpus) to a million articles.
//!
//! # The demo corpus
//!
//! [`demo_articles`] returns about 100 German Wikinews articles (politics and international news,
//! 2005–2021, with quotations of Merkel, Putin, Bush, Obama, …), bundled in the crate from
//! `data/demo/wikinews-de.jsonl`. License: CC BY 2.5, Wikinews contributors
//! ([`DEMO_ATTRIBUTION`]; every article is listed in `data/demo/ATTRIBUTION.md`;
//! `tools/pick_demo_corpus.py` reproduces the selection).
//!
//! # The generator
//!
//! [`CorpusGenerator`] learns from a base corpus — the demo corpus ([`CorpusGenerator::demo`]) or
//! any `Vec<Article>`, e.g. the larger files under `../shared/data` read with [`read_jsonl`] — and
//! streams as many articles as asked:
//!
//! - **Sentences** are resampled from the base articles. The splitter keeps a quotation together
//!   with its speaker and cue (`„…“, sagte Merkel.`), so quote extraction finds quotes, speakers
//!   and actors in generated text. An article starts with the lead sentence of a random base
//!   article (its title is made from that sentence), takes its length from a random base article,
//!   and then continues with the next sentence of the same base article (45 %), a sentence with a
//!   quotation (15 %) or any sentence; sentences are grouped into paragraphs of one to four.
//! - **Compounds**: compounds and their heads are learned from the base corpus
//!   (`Friedens|abkommen`, `Bundestags|wahl`, `Irak-|Krieg`); at 15 % of the places where a head
//!   occurs a Zipf-distributed modifier is put before it, sometimes two (`Regierungs` +
//!   `krisen` + `gipfel`). The vocabulary therefore keeps growing sub-linearly with the number of
//!   articles, as Heaps' law describes real news ([`vocabulary_growth`] measures it).
//! - **Actors**: in 35 % of the articles that mention an actor of a small built-in list (Merkel,
//!   Putin, Bush, Obama, Scholz, Macron, Xi, …) that actor is replaced by another one of the same
//!   gender (full name, genitive and surname), so facet values vary beyond the base corpus.
//! - **Metadata**: ids `gen-000001`, `gen-000002`, …; dates uniform over 2005-01-01..2025-12-31,
//!   60 % with a time of day; sources from a fixed list of `.example` outlets (the text is
//!   synthetic, so no real outlet is named); an agency (dpa, Reuters, AFP, …) on 70 % and a
//!   dateline place on most of those; a url under the source; no tags.
//!
//! # Determinism
//!
//! The same base corpus (same articles in the same order) and the same seed give byte-identical
//! articles, on every platform: article `i` is drawn from its own ChaCha8 stream (`rand_chacha`,
//! whose output is portable and stable across releases) seeded by the seed and `i`. Articles do not
//! depend on each other, so `articles(1_000)` is a prefix of `articles(1_000_000)` and ranges can be
//! generated in parallel with [`CorpusGenerator::article`]. Nothing is kept between articles:
//! generating a million articles needs only the memory of the base corpus.
//!
//! # How generated text differs from real news
//!
//! Use it to measure speed and scaling, never to judge relevance or extraction quality:
//!
//! - sentence order is partly random: there is no discourse coherence across sentences from
//!   different base articles, pronouns (`er`, `sie`, `die Partei`) may dangle or point to the
//!   wrong person, and a quotation may be attributed by a sentence far from its speaker's
//!   introduction;
//! - the text mentions years and dates of its base article, not of its generated date; the title
//!   is cut from the lead sentence rather than written as a headline;
//! - synthesized compounds are grammatical in form but may be semantically odd
//!   (`Erdbebenabkommen`); their frequency follows a Zipf law by construction, not by topic;
//! - actor swaps are mechanical: roles, offices and facts stay those of the original actor
//!   (`Bundeskanzler Macron`), and surnames shared by other people are swapped too;
//! - the topic mix and sentence lengths are those of the base corpus; the quotation density is
//!   raised on purpose by default (15 % of the sentences after the lead are drawn from quotation
//!   sentences; [`CorpusGenerator::with_quote_boost`]`(0.0)` keeps the base corpus's density);
//! - with the 100-article demo base every sentence recurs many times in a large corpus, and the
//!   demo articles were picked for politics and quotations, so ordinary words match far more
//!   articles than in real news — use a larger base (`../shared/data`) for realistic term
//!   statistics;
//! - a generated article mixes sentences of several base articles, so it covers more topics than
//!   a real one and common words still match more articles.
//!
//! Measured with `cargo run --release --example corpus_rates -- 2000` (2,000 generated articles;
//! quotations counted with the built-in extractor, attributed ones only; a word matches an
//! article if its indexed term occurs, compound parts included):
//!
//! | articles | bytes | quotations / article | `Regierung` | `Präsident` | `Wahl` |
//! |---|---|---|---|---|---|
//! | real: Wikinews (850) | 1,674 | 2.52 | 20.8 % | 18.4 % | 11.4 % |
//! | real: 10kGNAD (1,028) | 2,669 | 2.68 | 20.1 % | 17.0 % | 12.8 % |
//! | real: bundled demo (100) | 2,921 | 6.47 | 55.0 % | 46.0 % | 33.0 % |
//! | `demo(42)` (default boost) | 3,138 | 8.67 | 75.2 % | 61.7 % | 64.4 % |
//! | `new(wikinews + 10kGNAD, 42).with_quote_boost(0.0)` | 2,189 | 2.62 | 38.6 % | 24.7 % | 29.9 % |
//!
//! Generated text is derived from its base corpus: text generated from the demo corpus is
//! CC BY 2.5 and needs the same attribution.
//!
//! ```
//! use pressespiegel::corpus::{vocabulary_growth, CorpusGenerator};
//!
//! let generator = CorpusGenerator::demo(7)?;
//! let growth = vocabulary_growth(generator.articles(200), &[100, 200]);
//! assert!(growth[1].distinct_words > growth[0].distinct_words);
//! # Ok::<(), pressespiegel::Error>(())
//! ```

mod compounds;
mod demo;
mod generator;
mod names;
mod sentences;

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

pub use demo::{demo_articles, read_jsonl, DEMO_ATTRIBUTION};
pub use generator::{CorpusGenerator, GeneratorStats};

use crate::article::Article;

/// The vocabulary size after a number of documents: one point of a Heaps' law curve.
///
/// ```
/// use pressespiegel::corpus::vocabulary_growth;
/// use pressespiegel::Article;
///
/// let docs = ["Die Wahl.", "Die Bundestagswahl und die Wahl."].map(|t| Article {
///     text: t.to_string(),
///     ..Default::default()
/// });
/// let points = vocabulary_growth(docs, &[1, 2]);
/// assert_eq!((points[1].tokens, points[1].distinct_words), (7, 4));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct VocabularyPoint {
    /// Documents read.
    pub documents: usize,
    /// Word tokens read (titles and texts).
    pub tokens: u64,
    /// Distinct lower-cased word forms among them.
    pub distinct_words: usize,
}

/// Count distinct lower-cased word forms (title and text; words are runs of letters, digits and
/// inner hyphens) and report them after each number of documents in `checkpoints`.
///
/// Checkpoints beyond the number of documents are left out; unsorted checkpoints are sorted.
pub fn vocabulary_growth(
    articles: impl IntoIterator<Item = Article>,
    checkpoints: &[usize],
) -> Vec<VocabularyPoint> {
    let mut checkpoints = checkpoints.to_vec();
    checkpoints.sort_unstable();
    checkpoints.dedup();
    let mut next = checkpoints.iter().copied().peekable();
    let mut seen: HashSet<String> = HashSet::new();
    let mut tokens = 0u64;
    let mut out = Vec::new();
    let mut documents = 0usize;
    while next.peek() == Some(&0) {
        next.next();
        out.push(VocabularyPoint {
            documents: 0,
            tokens: 0,
            distinct_words: 0,
        });
    }
    let mut lower;
    for article in articles {
        let Some(&want) = next.peek() else {
            break;
        };
        for text in [&article.title, &article.text] {
            for w in compounds::words(text) {
                tokens += 1;
                let word = if w.bytes().any(|b| b.is_ascii_uppercase() || b >= 0x80) {
                    lower = w.to_lowercase();
                    lower.as_str()
                } else {
                    w
                };
                if !seen.contains(word) {
                    seen.insert(word.to_string());
                }
            }
        }
        documents += 1;
        if documents == want {
            next.next();
            out.push(VocabularyPoint {
                documents,
                tokens,
                distinct_words: seen.len(),
            });
        }
    }
    out
}
