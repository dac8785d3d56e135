//! German analysis for news text: normalisation, tokenization, folding, stemming.
//!
//! Four tantivy analyzers, registered by [`register`]:
//!
//! | name | used for | emits |
//! |---|---|---|
//! | [`TEXT`] `pressespiegel_de` | indexing title/body/quote text | words, hyphen parts, compound parts (as marked terms, [`COMPOUND_PART_MARKER`]); lowercased, German-folded, stemmed; plus the name-variant keys of name-like words (marked, [`VARIANT_KEY_MARKER`]) |
//! | [`QUERY`] `pressespiegel_de_query` | query terms for the [`TEXT`] field | whole words only; lowercased, folded, stemmed |
//! | [`EXACT`] `pressespiegel_exact` | not indexed (no field uses it since schema 5); [`analyze_exact`] | words and hyphen parts; lowercased only |
//! | [`VARIANT`] `pressespiegel_variant` | not indexed since schema 7 (the keys are marked [`TEXT`] terms); [`analyze_with_variants`] | transliteration keys of capitalised words ([`name_key`]) |
//!
//! The steps (each in its own module):
//!
//! 1. **Character filter** ([`normalize`]): NFC, remove soft hyphens and zero-width
//!    characters. tantivy has no character filters, so apply it to the text *before* it is
//!    stored and indexed; all offsets are byte offsets into the normalised text.
//! 2. **Tokenizer** (`tokenizer.rs`): words by Unicode alphanumerics; dates and numbers
//!    (`24.11.2025`, `3,5`, `1.500`) whole; hyphenated words (`US-Präsident`) whole *and* as
//!    parts at the same position, each part with its own offsets; `Öl- und Gaspreise` → `Öl`;
//!    all quotation marks („…“ ‚…‘ »…« "…") are punctuation; an apostrophe between letters
//!    joins (`geht’s` → `geht's` whole + `geht` part; `’`, `'`, `´`, `‘`, `` ` `` are written
//!    `'` in terms); URLs (plus their host as a part) and e-mail addresses whole.
//! 3. **Lowercase** (full Unicode).
//! 4. **German folding** (`german.rs`, Lucene's `GermanNormalizationFilter` rules): ß→ss,
//!    ä/ö/ü→a/o/u, ae/oe→a/o, ue→u except after a vowel or q; other Latin diacritics removed.
//! 5. **Stemming** (`stem.rs`): rust-stemmers German, *after* folding, with a per-thread
//!    cache, a small override table (Bürger ≠ Burg), and *-er* surnames kept apart from
//!    common nouns (Strasser ≠ Straße).
//! 6. **Compound parts** (`compound.rs`, [`TEXT`] only): the parts the decompounder finds,
//!    at the word's position with their own offsets. tantivy indexes them as *marked* terms
//!    ([`COMPOUND_PART_MARKER`] + stem), so one field tells a whole word (`krieg`) from the same
//!    stem inside a compound (`\u{1}krieg` in *Angriffskrieg*): a query word searches both and
//!    weighs the whole word higher; phrases and prefixes match whole words (and hyphen parts)
//!    only — a compound part is not a word of a phrase (a deliberate precision choice).
//!    [`analyze`] shows compound parts unmarked as [`TokenKind::Part`].
//! 7. **Name variants** (`variant.rs`, shown by [`analyze_with_variants`] as
//!    [`TokenKind::Variant`]): a transliteration key per capitalised name-like word, so that
//!    *Selenskyj*, *Selenski* and *Zelensky* meet; indexed in the [`TEXT`] field as marked
//!    terms ([`VARIANT_KEY_MARKER`]) and searched with a lower weight.
//!
//! Positions are +1 per word; all tokens of a word share its position (so the phrase
//! "für Öl-Importe" matches, "Öl Importe" as a two-word phrase does not match `Öl-Importe`:
//! the parts are alternatives at one position, not consecutive words). Tokens longer than
//! 64 characters are dropped (their position stays unused). **No stop words are removed** by
//! any analyzer ("Die Linke" stays findable); [`is_stop_word`] and the
//! [`QueryToken::stop`] flag let query code decide.
//!
//! ```
//! use pressespiegel::analysis::{analyze, analyze_query, normalize, TokenKind};
//!
//! let text = normalize("Der US-Präsident erhebt Zölle.");
//! let tokens = analyze(&text);
//! let terms: Vec<(&str, usize, TokenKind)> =
//!     tokens.iter().map(|t| (t.text.as_str(), t.position, t.kind)).collect();
//! assert_eq!(
//!     terms,
//!     [
//!         ("der", 0, TokenKind::Word),
//!         ("us-prasident", 1, TokenKind::Word),
//!         ("us", 1, TokenKind::Part),
//!         ("prasident", 1, TokenKind::Part),
//!         ("erhebt", 2, TokenKind::Word),
//!         ("zoll", 3, TokenKind::Word),
//!     ]
//! );
//! assert_eq!(&text[tokens[3].byte_start..tokens[3].byte_end], "Präsident");
//! // The query side meets the index side:
//! assert_eq!(analyze_query("Zoll")[0].term, "zoll");
//! ```

use std::borrow::Cow;

use serde::{Deserialize, Serialize};
use tantivy::tokenizer::{TextAnalyzer, TokenStream, Tokenizer, TokenizerManager};

mod cache;
mod chain;
mod compound;
pub mod decompound;
mod german;
mod normalize;
mod stem;
mod stopwords;
mod tokenizer;
mod variant;

use chain::{Mode, NewsAnalyzer};

pub(crate) use german::fold_into as fold_lowercase_into;
pub use normalize::normalize;
pub(crate) use stem::{LONGEST_STEM_ENDING, STEM_ENDINGS};
pub use stopwords::is_stop_word;
pub use variant::name_key;
pub(crate) use variant::query_keys as variant_query_keys;

/// Version of the analysis chain, stamped into every index: it changes whenever the emitted
/// terms could change (tokenizer rules, folding, overrides, compound splitting, or the
/// rust-stemmers version, which is pinned in `Cargo.toml`). An index built with another
/// version must be rebuilt.
pub const ANALYZER_VERSION: &str = "pressespiegel-de/6 rust-stemmers/1.2.0 decompound/4 variant/3";

/// Tokenizer name of the indexing analyzer (words and parts, folded and stemmed; compound
/// parts as marked terms, see [`COMPOUND_PART_MARKER`]).
pub const TEXT: &str = "pressespiegel_de";

/// The first character of every compound-part term the [`TEXT`] analyzer gives tantivy: the
/// part `krieg` of *Angriffskrieg* is indexed as `"\u{1}krieg"`, the word *Krieg* as `krieg`.
/// No other term starts with it (words start with a letter or digit, URLs with a letter), so
/// a query can ask for the whole word, the compound part, or both, and weigh them apart.
/// Hyphen and apostrophe parts (`US-Präsident` → `us`, `prasident`) are real words and are
/// not marked. [`analyze`] reports compound parts unmarked as [`TokenKind::Part`] (snippets
/// highlight `krieg` inside *Angriffskrieg*).
///
/// ```
/// use pressespiegel::analysis::{register, COMPOUND_PART_MARKER, TEXT};
/// use tantivy::tokenizer::TokenizerManager;
///
/// let manager = TokenizerManager::default();
/// register(&manager);
/// let mut analyzer = manager.get(TEXT).unwrap();
/// let mut stream = analyzer.token_stream("Angriffskrieg");
/// let mut terms = Vec::new();
/// while let Some(t) = stream.next() {
///     terms.push(t.text.clone());
/// }
/// assert_eq!(terms[0], "angriffskrieg");
/// assert!(terms.contains(&format!("{COMPOUND_PART_MARKER}krieg")));
/// ```
pub const COMPOUND_PART_MARKER: char = '\u{1}';

/// The first character of every name-variant term the [`TEXT`] analyzer gives tantivy: after
/// the tokens of a capitalised word that is plausibly a name comes its transliteration key
/// ([`name_key`]) as `"\u{2}" + key`, at the word's position, so *Selenskyj* and *Zelensky*
/// share the term `"\u{2}selenski"` in the same field, and a multi-word name is a phrase of
/// keys. No other term starts with it. [`analyze_with_variants`] reports the keys unmarked as
/// [`TokenKind::Variant`].
///
/// ```
/// use pressespiegel::analysis::{name_key, register, TEXT, VARIANT_KEY_MARKER};
/// use tantivy::tokenizer::TokenizerManager;
///
/// let manager = TokenizerManager::default();
/// register(&manager);
/// let mut analyzer = manager.get(TEXT).unwrap();
/// let mut stream = analyzer.token_stream("gegen Zelensky");
/// let mut terms = Vec::new();
/// while let Some(t) = stream.next() {
///     terms.push((t.text.clone(), t.position));
/// }
/// let key = format!("{VARIANT_KEY_MARKER}{}", name_key("Selenskyj").unwrap());
/// assert_eq!(terms, [("geg".into(), 0), ("zelensky".into(), 1), (key, 1)]);
/// ```
pub const VARIANT_KEY_MARKER: char = '\u{2}';
/// Tokenizer name of the query analyzer (whole words only, folded and stemmed).
pub const QUERY: &str = "pressespiegel_de_query";
/// Tokenizer name of the exact analyzer (lowercased, unstemmed, unfolded; words and hyphen
/// parts). No index field uses it since schema version 5 (the whole-word boost, prefixes and
/// spelling suggestions use the unmarked [`TEXT`] terms); kept for [`analyze_exact`].
pub const EXACT: &str = "pressespiegel_exact";

/// Tokenizer name of the name-variant analyzer: the transliteration key ([`name_key`]) of every
/// capitalised word that is plausibly a name (not a stop word, not a known German common word
/// unless it is part of a gazetteer actor name), and of such capitalised hyphen chunks. No
/// index field uses it since schema version 7: the [`TEXT`] analyzer emits the same keys as
/// marked terms ([`VARIANT_KEY_MARKER`]); [`analyze_with_variants`] shows them.
pub const VARIANT: &str = "pressespiegel_variant";

/// What an emitted token stands for.
///
/// ```
/// use pressespiegel::analysis::TokenKind;
///
/// assert_eq!(serde_json::to_string(&TokenKind::Part).unwrap(), "\"part\"");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TokenKind {
    /// A word's indexed form (for a hyphenated word: the whole word).
    Word,
    /// A piece of a hyphenated, apostrophe-joined or compound word, at the word's position
    /// with its own offsets.
    Part,
    /// The transliteration key of a capitalised word ([`name_key`]), indexed as a marked term
    /// ([`VARIANT_KEY_MARKER`]) of the text fields.
    Variant,
}

/// One token as an analyzer emits it. Offsets are UTF-8 byte offsets into the analysed text
/// (on char boundaries, `byte_start < byte_end`).
///
/// ```
/// use pressespiegel::analysis::{analyze, AnalyzedToken, TokenKind};
///
/// let tokens = analyze("Sanktionen");
/// assert_eq!(
///     tokens,
///     [AnalyzedToken {
///         text: "sanktion".into(),
///         position: 0,
///         byte_start: 0,
///         byte_end: 10,
///         kind: TokenKind::Word,
///     }]
/// );
/// ```
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
///
/// ```
/// use pressespiegel::analysis::analyze_query;
///
/// let q = analyze_query("die Zölle");
/// assert_eq!((q[0].term.as_str(), q[0].stop), ("die", true));
/// assert_eq!((q[1].term.as_str(), q[1].position, q[1].stop), ("zoll", 1, false));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueryToken {
    /// The term as indexed in the [`TEXT`] field.
    pub term: String,
    /// Position relative to the first token of the analysed string.
    pub position: usize,
    /// Whether the surface word (lowercased) is a German stop word ([`is_stop_word`]).
    pub stop: bool,
}

/// Register the pressespiegel analyzers ([`TEXT`], [`QUERY`], [`EXACT`], [`VARIANT`]) on a tokenizer
/// manager. Call it whenever an index is created *or opened* (tantivy does not persist
/// analyzers).
///
/// ```
/// use pressespiegel::analysis::{register, TEXT};
/// use tantivy::tokenizer::TokenizerManager;
///
/// let manager = TokenizerManager::default();
/// register(&manager);
/// let mut analyzer = manager.get(TEXT).unwrap();
/// let mut stream = analyzer.token_stream("Häuser");
/// assert_eq!(stream.next().unwrap().text, "haus");
/// ```
pub fn register(manager: &TokenizerManager) {
    manager.register(
        TEXT,
        TextAnalyzer::builder(NewsAnalyzer::indexing()).build(),
    );
    for (name, mode) in [(QUERY, Mode::Query), (EXACT, Mode::Exact)] {
        manager.register(name, TextAnalyzer::builder(NewsAnalyzer::new(mode)).build());
    }
    manager.register(
        VARIANT,
        TextAnalyzer::builder(variant::VariantTokenizer::new()).build(),
    );
}

/// Register the analyzers for *query parsing*: the [`QUERY`] chain under both the [`TEXT`]
/// and the [`QUERY`] name, and [`EXACT`] and [`VARIANT`] under their own names.
///
/// tantivy's `QueryParser` analyses a query word with the tokenizer named in the field's
/// schema ([`TEXT`]); several tokens at one position then become a phrase that needs *all*
/// of them. Give the parser a separate manager set up by this function
/// (`QueryParser::new(schema, fields, manager)`) so query words stay whole, exactly as
/// [`analyze_query`] analyses them. Never use this manager for indexing.
///
/// ```
/// use pressespiegel::analysis::{register_for_queries, TEXT};
/// use tantivy::tokenizer::TokenizerManager;
///
/// let manager = TokenizerManager::default();
/// register_for_queries(&manager);
/// let mut analyzer = manager.get(TEXT).unwrap();
/// let mut stream = analyzer.token_stream("US-Präsidenten");
/// assert_eq!(stream.next().unwrap().text, "us-prasident");
/// assert!(stream.next().is_none()); // no parts at query time
/// ```
pub fn register_for_queries(manager: &TokenizerManager) {
    for (name, mode) in [
        (TEXT, Mode::Query),
        (QUERY, Mode::Query),
        (EXACT, Mode::Exact),
    ] {
        manager.register(name, TextAnalyzer::builder(NewsAnalyzer::new(mode)).build());
    }
    manager.register(
        VARIANT,
        TextAnalyzer::builder(variant::VariantTokenizer::new()).build(),
    );
}

impl AnalyzedToken {
    fn from_token(t: &tantivy::tokenizer::Token, kind: TokenKind) -> Self {
        AnalyzedToken {
            text: t.text.clone(),
            position: t.position,
            byte_start: t.offset_from,
            byte_end: t.offset_to,
            kind,
        }
    }
}

fn collect(mode: Mode, text: &str) -> Vec<AnalyzedToken> {
    collect_with(NewsAnalyzer::new(mode), text)
}

fn collect_with(mut analyzer: NewsAnalyzer, text: &str) -> Vec<AnalyzedToken> {
    let mut stream = analyzer.token_stream(text);
    let mut out = Vec::new();
    while stream.advance() {
        out.push(AnalyzedToken::from_token(stream.token(), stream.kind()));
    }
    out
}

/// What the [`TEXT`] analyzer emits for `text` (which should already be [`normalize`]d),
/// with byte offsets into `text`.
///
/// This runs the same tokenizer code tantivy runs when indexing with [`TEXT`].
///
/// ```
/// use pressespiegel::analysis::analyze;
///
/// let terms: Vec<String> = analyze("„Geht’s?“, fragte er.").into_iter().map(|t| t.text).collect();
/// assert_eq!(terms, ["geht's", "geht", "fragt", "er"]);
/// ```
pub fn analyze(text: &str) -> Vec<AnalyzedToken> {
    collect(Mode::Text, text)
}

/// What tantivy indexes with the [`TEXT`] analyzer: [`analyze`] with every compound part
/// written as a marked term ([`COMPOUND_PART_MARKER`] + stem), and after each word's tokens its
/// variant keys ([`VARIANT_KEY_MARKER`] + key, [`TokenKind::Variant`]).
pub(crate) fn analyze_indexed(text: &str) -> Vec<AnalyzedToken> {
    collect_with(NewsAnalyzer::indexing(), text)
}

/// Everything indexed for a text field's words: what [`analyze`] returns merged with the
/// name-variant keys of the [`VARIANT`] analyzer ([`TokenKind::Variant`]), ordered by
/// position, then start offset — the tokens `pressespiegel analyze` shows and snippets
/// highlight. Byte offsets into `text` (which should already be [`normalize`]d).
///
/// ```
/// use pressespiegel::analysis::{analyze_with_variants, name_key, TokenKind};
///
/// let tokens = analyze_with_variants("gegen Zelensky");
/// let view: Vec<(&str, usize, TokenKind)> =
///     tokens.iter().map(|t| (t.text.as_str(), t.position, t.kind)).collect();
/// let key = name_key("Selenskyj").unwrap();
/// assert_eq!(
///     view,
///     [
///         ("geg", 0, TokenKind::Word),
///         ("zelensky", 1, TokenKind::Word),
///         (key.as_str(), 1, TokenKind::Variant),
///     ]
/// );
/// ```
pub fn analyze_with_variants(text: &str) -> Vec<AnalyzedToken> {
    let main = collect(Mode::Text, text);
    let variants = analyze_variants(text);
    if variants.is_empty() {
        return main;
    }
    let mut out = Vec::with_capacity(main.len() + variants.len());
    let mut variants = variants.into_iter().peekable();
    let mut main = main.into_iter().peekable();
    loop {
        // By position, then start offset (a word's own tokens first on ties), so that
        // offsets never decrease.
        let take_main = match (main.peek(), variants.peek()) {
            (Some(m), Some(v)) => (m.position, m.byte_start) <= (v.position, v.byte_start),
            (Some(_), None) => true,
            (None, Some(_)) => false,
            (None, None) => break,
        };
        let next = if take_main {
            main.next()
        } else {
            variants.next()
        };
        out.extend(next);
    }
    out
}

/// Only the name-variant tokens of `text` ([`TokenKind::Variant`], what
/// [`analyze_with_variants`] adds to [`analyze`]), with byte offsets into `text`.
pub(crate) fn analyze_variants(text: &str) -> Vec<AnalyzedToken> {
    let mut variants = Vec::new();
    let mut tokenizer = variant::VariantTokenizer::new();
    let mut stream = tokenizer.token_stream(text);
    while stream.advance() {
        variants.push(AnalyzedToken::from_token(
            stream.token(),
            TokenKind::Variant,
        ));
    }
    variants
}

/// What the [`EXACT`] analyzer emits for `text` (lowercased, unfolded, unstemmed; words and
/// hyphen parts), with byte offsets into `text`.
///
/// ```
/// use pressespiegel::analysis::analyze_exact;
///
/// let terms: Vec<String> = analyze_exact("US-Präsidenten").into_iter().map(|t| t.text).collect();
/// assert_eq!(terms, ["us-präsidenten", "us", "präsidenten"]);
/// ```
pub fn analyze_exact(text: &str) -> Vec<AnalyzedToken> {
    collect(Mode::Exact, text)
}

/// Analyse a query string with the [`QUERY`] analyzer: [`normalize`], then whole words,
/// lowercased, folded and stemmed, each flagged whether it is a stop word. Stop words are
/// *not* removed.
///
/// ```
/// use pressespiegel::analysis::analyze_query;
///
/// let terms: Vec<String> = analyze_query("Oel-Importe").into_iter().map(|t| t.term).collect();
/// assert_eq!(terms, ["ol-import"]);
/// ```
pub fn analyze_query(text: &str) -> Vec<QueryToken> {
    let text = normalize(text);
    let mut lower = String::new();
    collect(Mode::Query, &text)
        .into_iter()
        .map(|t| {
            chain::lower_into(&text[t.byte_start..t.byte_end], &mut lower);
            QueryToken {
                stop: is_stop_word(&lower),
                term: t.text,
                position: t.position,
            }
        })
        .collect()
}

/// Lowercase and German-fold a word *without stemming* — the form to use for prefix and
/// wildcard queries against the [`TEXT`] field (like Lucene's `normalize()`): `Präsid` →
/// `prasid`, which is a prefix of the indexed `prasident`.
///
/// Note that a prefix longer than the stem (`Sanktionen*`) will not match the stemmed term
/// (`sanktion`); stemming is deliberately not applied to prefixes.
///
/// ```
/// use pressespiegel::analysis::fold_term;
///
/// assert_eq!(fold_term("Präsid"), "prasid");
/// assert_eq!(fold_term("Muench"), "munch");
/// ```
pub fn fold_term(word: &str) -> String {
    let word: Cow<'_, str> = normalize(word);
    let mut lower = String::new();
    chain::lower_into(&word, &mut lower);
    german::fold(&lower)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tantivy_tokens(name: &str, text: &str) -> Vec<(String, usize, usize, usize)> {
        let manager = TokenizerManager::default();
        register(&manager);
        let mut analyzer = manager.get(name).expect("registered");
        let mut stream = analyzer.token_stream(text);
        let mut out = Vec::new();
        while let Some(t) = stream.next() {
            out.push((t.text.clone(), t.position, t.offset_from, t.offset_to));
        }
        out
    }

    fn ours(tokens: Vec<AnalyzedToken>) -> Vec<(String, usize, usize, usize)> {
        tokens
            .into_iter()
            .map(|t| (t.text, t.position, t.byte_start, t.byte_end))
            .collect()
    }

    const SAMPLE: &str = "Der US-Präsident sagte am 24.11.2025: „Geht’s um 3,5 Prozent Öl- und \
                          Gaspreise?“ Mehr auf https://www.tagesschau.de/ausland. Die Zölle steigen.";

    #[test]
    fn analyze_is_what_tantivy_indexes() {
        let (variants, main): (Vec<_>, Vec<_>) = analyze_with_variants(SAMPLE)
            .into_iter()
            .partition(|t| t.kind == TokenKind::Variant);
        let indexed = tantivy_tokens(TEXT, SAMPLE);
        assert_eq!(ours(analyze_indexed(SAMPLE)), indexed);
        // Without the variant keys and unmarked, `analyze` is the same stream.
        let (keys, words): (Vec<_>, Vec<_>) = indexed
            .into_iter()
            .partition(|t| t.0.starts_with(VARIANT_KEY_MARKER));
        let unmarked: Vec<_> = words
            .into_iter()
            .map(|mut t| {
                t.0 = t.0.trim_start_matches(COMPOUND_PART_MARKER).to_string();
                t
            })
            .collect();
        assert_eq!(ours(main), unmarked);
        assert_eq!(ours(variants.clone()), tantivy_tokens(VARIANT, SAMPLE));
        let keys: Vec<_> = keys
            .into_iter()
            .map(|mut t| {
                t.0 = t.0.trim_start_matches(VARIANT_KEY_MARKER).to_string();
                t
            })
            .collect();
        assert!(!keys.is_empty());
        assert_eq!(ours(variants), keys);
        assert_eq!(ours(analyze_exact(SAMPLE)), tantivy_tokens(EXACT, SAMPLE));
        let query: Vec<_> = analyze_query(SAMPLE)
            .into_iter()
            .map(|t| (t.term, t.position))
            .collect();
        let via_tantivy: Vec<_> = tantivy_tokens(QUERY, SAMPLE)
            .into_iter()
            .map(|t| (t.0, t.1))
            .collect();
        assert_eq!(query, via_tantivy);
    }

    #[test]
    fn stop_flags() {
        let q = analyze_query("Die Linke und Über");
        let flags: Vec<_> = q.iter().map(|t| t.stop).collect();
        assert_eq!(flags, [true, false, true, true]);
        // Not removed:
        assert_eq!(q[0].term, "die");
    }

    #[test]
    fn analyzer_version_names_the_locked_stemmer() {
        let lock = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/Cargo.lock"))
            .expect("Cargo.lock");
        let mut lines = lock.lines();
        let version = loop {
            match lines.next() {
                Some("name = \"rust-stemmers\"") => {
                    break lines
                        .next()
                        .and_then(|l| l.strip_prefix("version = \""))
                        .and_then(|l| l.strip_suffix('"'))
                        .expect("version line");
                }
                Some(_) => {}
                None => panic!("rust-stemmers not in Cargo.lock"),
            }
        };
        assert!(
            ANALYZER_VERSION.contains(&format!("rust-stemmers/{version}")),
            "bump ANALYZER_VERSION: rust-stemmers is now {version}"
        );
    }
}
