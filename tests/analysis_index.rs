//! Round trip through a real tantivy index: documents analysed with TEXT are found with the
//! terms the query analyzer produces.

use pressespiegel::analysis::{analyze_query, register, register_for_queries, EXACT, TEXT};
use tantivy::collector::Count;
use tantivy::query::{PhraseQuery, QueryParser, TermQuery};
use tantivy::schema::{Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions};
use tantivy::tokenizer::TokenizerManager;
use tantivy::{doc, Index, Term};

fn text_options(tokenizer: &str) -> TextOptions {
    TextOptions::default().set_stored().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(tokenizer)
            .set_index_option(IndexRecordOption::WithFreqsAndPositions),
    )
}

fn index_with(texts: &[&str]) -> (Index, Field, Field) {
    let mut builder = Schema::builder();
    let body = builder.add_text_field("body", text_options(TEXT));
    let exact = builder.add_text_field("exact", text_options(EXACT));
    let index = Index::create_in_ram(builder.build());
    register(index.tokenizers());
    let mut writer = index
        .writer_with_num_threads(1, 20_000_000)
        .expect("writer");
    for text in texts {
        writer
            .add_document(doc!(body => *text, exact => *text))
            .expect("add");
    }
    writer.commit().expect("commit");
    (index, body, exact)
}

fn query_term(field: Field, word: &str) -> Term {
    let q = analyze_query(word);
    assert_eq!(q.len(), 1, "{word}");
    Term::from_field_text(field, &q[0].term)
}

fn hits(index: &Index, query: &dyn tantivy::query::Query) -> usize {
    let reader = index.reader().expect("reader");
    reader.searcher().search(query, &Count).expect("search")
}

#[test]
fn query_terms_find_the_indexed_document() {
    let (index, body, _) = index_with(&["Die Zölle für Öl-Importe steigen", "Ganz anderer Text"]);
    for word in ["Zoll", "Oel", "Importe", "Öl-Importe", "Zölle", "steigt"] {
        let query = TermQuery::new(query_term(body, word), IndexRecordOption::Basic);
        let expected = usize::from(word != "steigt");
        assert_eq!(hits(&index, &query), expected, "{word}");
    }
}

#[test]
fn parts_share_the_word_position_in_the_index() {
    let (index, body, exact) = index_with(&["Die Zölle für Öl-Importe steigen"]);
    // "für Öl" and "Importe steigen" are both phrases: the parts sit at the word's position.
    for (a, b) in [("für", "Öl"), ("Importe", "steigen"), ("für", "Importe")] {
        let phrase = PhraseQuery::new(vec![query_term(body, a), query_term(body, b)]);
        assert_eq!(hits(&index, &phrase), 1, "{a} {b}");
    }
    // The exact field has the unstemmed, unfolded forms.
    let zoelle = TermQuery::new(
        Term::from_field_text(exact, "zölle"),
        IndexRecordOption::Basic,
    );
    assert_eq!(hits(&index, &zoelle), 1);
    let zoll = TermQuery::new(
        Term::from_field_text(exact, "zoll"),
        IndexRecordOption::Basic,
    );
    assert_eq!(hits(&index, &zoll), 0);
}

#[test]
fn query_parser_with_query_manager_keeps_words_whole() {
    let (index, body, _) = index_with(&[
        "Die Zölle für Öl-Importe steigen",
        "Öl und Importe, aber getrennt",
    ]);
    let manager = TokenizerManager::default();
    register_for_queries(&manager);
    let parser = QueryParser::new(index.schema(), vec![body], manager);
    for (query, expected) in [
        ("Zoll", 1),
        ("Oel-Importe", 1),
        ("Importe", 2),
        ("\"für Oel-Importe\"", 1),
        ("\"Zoelle fuer\"", 1),
    ] {
        let parsed = parser.parse_query(query).expect("parse");
        assert_eq!(hits(&index, parsed.as_ref()), expected, "{query}");
    }
}
