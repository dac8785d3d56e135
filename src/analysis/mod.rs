//! German analysis: normalisation, tokenization, folding, stemming.
//!
//! PRELIMINARY VERSION (skeleton): simple tokenizer + lowercase + rust-stemmers.
//! The full analyzer replaces the internals; the public signatures below are the contract.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};
use tantivy::tokenizer::{
    LowerCaser, SimpleTokenizer, TextAnalyzer, Token, TokenStream, TokenizerManager,
};
use unicode_normalization::UnicodeNormalization;

/// Version of the analysis chain, stamped into every index.
pub const ANALYZER_VERSION: &str = "de-0-skeleton";
/// Tokenizer name of the indexing analyzer (words and parts, folded and stemmed).
pub const TEXT: &str = "pressespiegel_de";
/// Tokenizer name of the query analyzer (whole words only, folded and stemmed).
pub const QUERY: &str = "pressespiegel_de_query";
/// Tokenizer name of the exact analyzer (lowercased, unstemmed).
pub const EXACT: &str = "pressespiegel_exact";

/// What an emitted token stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TokenKind {
    /// A word's indexed form.
    Word,
    /// A piece of a hyphenated or compound word.
    Part,
    /// A spelling variant (transliteration) of a name.
    Variant,
}

/// One token as the indexing analyzer emits it. Offsets are byte offsets into the analysed text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnalyzedToken {
    /// The indexed term.
    pub text: String,
    /// Word position (+1 per word; parts share their word's position).
    pub position: usize,
    /// Byte offset of the first byte.
    pub byte_start: usize,
    /// Byte offset after the last byte.
    pub byte_end: usize,
    /// Word, part or variant.
    pub kind: TokenKind,
}

/// One term of a query after query-time analysis.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueryToken {
    /// The term as indexed in the [`TEXT`] field.
    pub term: String,
    /// Position relative to the first token of the analysed string.
    pub position: usize,
    /// Whether the surface word is a German stop word.
    pub stop: bool,
}

/// NFC-normalise and remove soft hyphens and zero-width characters.
///
/// Apply before a text is stored and indexed: all offsets point into the result.
pub fn normalize(text: &str) -> Cow<'_, str> {
    let clean = |c: char| {
        !matches!(
            c,
            '\u{00AD}' | '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}'
        )
    };
    if text.is_ascii() {
        return Cow::Borrowed(text);
    }
    Cow::Owned(text.chars().filter(|c| clean(*c)).nfc().collect())
}

fn base() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(LowerCaser)
        .build()
}

/// Register the pressespiegel analyzers on a tokenizer manager (always after opening an index).
pub fn register(manager: &TokenizerManager) {
    manager.register(TEXT, base());
    manager.register(QUERY, base());
    manager.register(EXACT, base());
}

fn stem(word: &str) -> String {
    rust_stemmers::Stemmer::create(rust_stemmers::Algorithm::German)
        .stem(word)
        .into_owned()
}

/// Run the indexing analyzer over `text` (which should already be [`normalize`]d).
pub fn analyze(text: &str) -> Vec<AnalyzedToken> {
    let mut a = base();
    let mut out = Vec::new();
    let mut stream = a.token_stream(text);
    while let Some(t) = stream.next() {
        let t: &Token = t;
        out.push(AnalyzedToken {
            text: stem(&t.text),
            position: t.position,
            byte_start: t.offset_from,
            byte_end: t.offset_to,
            kind: TokenKind::Word,
        });
    }
    out
}

/// Analyse a query string: whole words only, with stop-word flags.
pub fn analyze_query(text: &str) -> Vec<QueryToken> {
    analyze(&normalize(text))
        .into_iter()
        .map(|t| QueryToken {
            stop: false,
            term: t.text,
            position: t.position,
        })
        .collect()
}
