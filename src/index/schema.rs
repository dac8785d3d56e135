//! The tantivy schema: which field holds what, and how it is analysed.

use tantivy::schema::{
    DateOptions, DateTimePrecision, Field, IndexRecordOption, NumericOptions, Schema,
    TextFieldIndexing, TextOptions, FAST, STORED, STRING,
};

use crate::analysis;

/// Version of the schema layout; bumped whenever fields change.
///
/// 4: the exact fields (`title_exact`, `text_exact`) are indexed with frequencies but without
/// positions (only term, prefix and fuzzy lookups use them, never phrases).
/// 5: no exact fields: `title`/`text`/`quote_text` index compound parts as marked terms
/// ([`analysis::COMPOUND_PART_MARKER`]), so whole words and compound parts are told apart in
/// one field (whole-word boost, prefixes and spelling suggestions use the unmarked terms).
/// 6: variant keys only for name-like words (no inflected forms or compounds of common
/// words, see `analysis::variant`).
/// 7: no variant fields (`title_variant`, `text_variant`): the name-variant keys are marked
/// terms of `title`/`text`/`quote_text` ([`analysis::VARIANT_KEY_MARKER`]).
/// 8: slimmer quotation documents: no `quote_json` (a second stored copy of the quote text that
/// nothing read), no `month` and no `organisation` values (time series and organisation
/// facets are article-only).
/// 9: quotation documents carry their article's actors and countries in their own indexed-only
/// fields (`quote_actor`, `quote_country`: quote search filters on them, nothing counts or
/// reads them), so the `actor`/`country` columns and stored values are the articles' only.
/// 10: one combined fast column `facet` per article holding all its facet values as
/// `dimension` + U+001F + value (`actor\u{1f}Angela Merkel`, `country\u{1f}DE`,
/// `organisation\u{1f}…`): facet counting reads one column per matching article instead of
/// three.
/// 11: fast columns only where something reads them: `actor`, `country` and `organisation`
/// are no longer fast (facet counts, co-occurrence and time series read the combined `facet`
/// column), nor `article_id` (a unique string per document: its column's dictionary was the
/// largest of all, and ids are looked up through the term index) or `quoted_actor` (quote
/// facets count `speaker_actor`). `source`, `agency`, `place`, `tags`, `quote_kind` and
/// `speaker_actor` stay fast, for counts through [`crate::index::NewsIndex::tantivy_index`]
/// (tantivy aggregations) and quote facets.
pub const SCHEMA_VERSION: u32 = 11;

/// Separates the dimension (`actor`, `country`, `organisation`) from the value in the
/// combined `facet` column (U+001F, the unit separator: never part of a name).
pub(crate) const FACET_SEPARATOR: char = '\u{1f}';

/// A value of the combined `facet` column: the dimension (`actor`, `country`,
/// `organisation`), [`FACET_SEPARATOR`], the value.
pub(crate) fn facet_value(dim: &str, value: &str) -> String {
    format!("{dim}{FACET_SEPARATOR}{value}")
}

/// The prefix all values of dimension `dim` share in the combined `facet` column.
pub(crate) fn facet_prefix(dim: &str) -> String {
    facet_value(dim, "")
}

/// Value of the `doc_type` field for article documents.
pub const DOC_ARTICLE: &str = "article";
/// Value of the `doc_type` field for quotation documents.
pub const DOC_QUOTE: &str = "quote";

/// Handles to every field of the schema.
///
/// Articles and their quotations live in one index (so a commit covers both); the
/// `doc_type` field tells them apart and `article_id` ties a quote to its article.
#[derive(Debug, Clone)]
pub struct Fields {
    /// `article` or `quote`.
    pub doc_type: Field,
    /// Article id (also on quote documents): the upsert / delete key.
    pub article_id: Field,
    /// Headline, German analyzer, stored.
    pub title: Field,
    /// Body text, German analyzer, stored.
    pub text: Field,
    /// Publication date (seconds), indexed, fast, stored.
    pub date: Field,
    /// Whether the stored date carried a time of day (1) or not (0).
    pub has_time: Field,
    /// Publication month as `yyyymm` (fast), for monthly time series (article documents only).
    pub month: Field,
    /// Outlet.
    pub source: Field,
    /// News agency.
    pub agency: Field,
    /// Dateline place.
    pub place: Field,
    /// URL (stored only).
    pub url: Field,
    /// Tags (multi-valued, exact strings).
    pub tags: Field,
    /// Article documents: canonical actor names (multi-valued; counted through `facet`).
    pub actor: Field,
    /// Article documents: ISO country codes (multi-valued; counted through `facet`).
    pub country: Field,
    /// Organisation names (multi-valued, counted through `facet`; article documents only).
    pub organisation: Field,
    /// Article documents: every actor, country and organisation value as
    /// `dimension` + U+001F + value, in one multi-valued fast column (not
    /// indexed, not stored): what facet counts read.
    pub facet: Field,
    /// Per-article entity details as JSON (mention counts, discovered flags), stored only.
    pub entities_json: Field,
    /// Quote documents: the article's canonical actor names (indexed only, for filters).
    pub quote_actor: Field,
    /// Quote documents: the article's ISO country codes (indexed only, for filters).
    pub quote_country: Field,
    /// Quote documents: the quote text, German analyzer, stored.
    pub quote_text: Field,
    /// Quote documents: speaker surface text, stored.
    pub speaker: Field,
    /// Quote documents: canonical speaker actor, filterable and countable.
    pub speaker_actor: Field,
    /// Quote documents: quote kind.
    pub quote_kind: Field,
    /// Quote documents: the article's headline, stored only (not indexed a second time).
    pub article_title: Field,
    /// Article documents: canonical actors quoted in the article.
    pub quoted_actor: Field,
}

/// Options of a text field analysed with `tokenizer`.
///
/// Fields that phrase queries run on (`title`, `text`, `quote_text`; a multi-word name is also
/// a phrase of variant keys) need positions.
fn text_options(tokenizer: &str, record: IndexRecordOption, stored: bool) -> TextOptions {
    let indexing = TextFieldIndexing::default()
        .set_tokenizer(tokenizer)
        .set_index_option(record);
    let options = TextOptions::default().set_indexing_options(indexing);
    if stored {
        options.set_stored()
    } else {
        options
    }
}

const POSITIONS: IndexRecordOption = IndexRecordOption::WithFreqsAndPositions;

/// Build the schema and its field handles.
pub fn build() -> (Schema, Fields) {
    let mut b = Schema::builder();
    // Exact strings: counted (fast) or only filtered and stored.
    let keyword = STRING | STORED | FAST;
    let lookup = STRING | STORED;
    let fields = Fields {
        doc_type: b.add_text_field("doc_type", STRING | FAST),
        article_id: b.add_text_field("article_id", lookup.clone()),
        title: b.add_text_field("title", text_options(analysis::TEXT, POSITIONS, true)),
        text: b.add_text_field("text", text_options(analysis::TEXT, POSITIONS, true)),
        date: b.add_date_field(
            "date",
            DateOptions::from(tantivy::schema::INDEXED | STORED | FAST)
                .set_precision(DateTimePrecision::Seconds),
        ),
        has_time: b.add_u64_field("has_time", NumericOptions::default().set_stored()),
        month: b.add_u64_field("month", NumericOptions::default().set_fast()),
        source: b.add_text_field("source", keyword.clone()),
        agency: b.add_text_field("agency", keyword.clone()),
        place: b.add_text_field("place", keyword.clone()),
        url: b.add_text_field("url", STORED),
        tags: b.add_text_field("tags", keyword.clone()),
        actor: b.add_text_field("actor", lookup.clone()),
        country: b.add_text_field("country", lookup.clone()),
        organisation: b.add_text_field("organisation", lookup.clone()),
        facet: b.add_text_field("facet", FAST),
        entities_json: b.add_text_field("entities_json", STORED),
        quote_actor: b.add_text_field("quote_actor", STRING),
        quote_country: b.add_text_field("quote_country", STRING),
        quote_text: b.add_text_field("quote_text", text_options(analysis::TEXT, POSITIONS, true)),
        speaker: b.add_text_field("speaker", STORED),
        speaker_actor: b.add_text_field("speaker_actor", keyword.clone()),
        quote_kind: b.add_text_field("quote_kind", keyword.clone()),
        article_title: b.add_text_field("article_title", STORED),
        quoted_actor: b.add_text_field("quoted_actor", lookup),
    };
    (b.build(), fields)
}

impl Fields {
    /// Look the field handles up in an existing schema (when opening an index).
    pub fn from_schema(schema: &Schema) -> Option<Fields> {
        let f = |name: &str| schema.get_field(name).ok();
        Some(Fields {
            doc_type: f("doc_type")?,
            article_id: f("article_id")?,
            title: f("title")?,
            text: f("text")?,
            date: f("date")?,
            has_time: f("has_time")?,
            month: f("month")?,
            source: f("source")?,
            agency: f("agency")?,
            place: f("place")?,
            url: f("url")?,
            tags: f("tags")?,
            actor: f("actor")?,
            country: f("country")?,
            organisation: f("organisation")?,
            facet: f("facet")?,
            entities_json: f("entities_json")?,
            quote_actor: f("quote_actor")?,
            quote_country: f("quote_country")?,
            quote_text: f("quote_text")?,
            speaker: f("speaker")?,
            speaker_actor: f("speaker_actor")?,
            quote_kind: f("quote_kind")?,
            article_title: f("article_title")?,
            quoted_actor: f("quoted_actor")?,
        })
    }
}
