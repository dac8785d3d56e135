//! Quotation extraction on the seed articles (read from the shared folder, never committed).

mod common;

use pressespiegel::enrich::quotes::{extract_quotes, Quote, QuoteKind};
use pressespiegel::enrich::{Mention, MentionKind};

fn read(prefix: &str) -> Option<String> {
    let path = common::seed(prefix)?;
    Some(std::fs::read_to_string(path).expect("read seed"))
}

/// Actor mentions for every occurrence of `surface` (what the entity extractor would produce).
fn mentions(text: &str, actors: &[(&str, &str)]) -> Vec<Mention> {
    let mut out = Vec::new();
    for (surface, key) in actors {
        for (start, _) in text.match_indices(surface) {
            out.push(Mention {
                start,
                end: start + surface.len(),
                kind: MentionKind::Actor,
                key: key.to_string(),
            });
        }
    }
    out.sort_by_key(|m| (m.start, m.end));
    out
}

fn find<'a>(quotes: &'a [Quote], needle: &str) -> &'a Quote {
    quotes
        .iter()
        .find(|q| q.text.contains(needle))
        .unwrap_or_else(|| panic!("no quote containing {needle:?} in {quotes:#?}"))
}

fn speaker(q: &Quote) -> (&str, Option<&str>) {
    let s = q.speaker.as_ref().expect("speaker");
    (s.text.as_str(), s.actor.as_deref())
}

#[test]
fn seed_000_trump_quotes() {
    let Some(text) = read("000") else { return };
    let m = mentions(
        &text,
        &[
            ("Donald Trump", "Donald Trump"),
            ("Trump", "Donald Trump"),
            ("Xi Jinping", "Xi Jinping"),
        ],
    );
    let quotes = extract_quotes(&text, &m);
    let q = find(&quotes, "Wir haben lange darüber gesprochen");
    assert_eq!(q.kind, QuoteKind::Direct);
    assert!(!q.partial);
    assert_eq!(speaker(q), ("Trump", Some("Donald Trump")));
    assert_eq!(q.cue.as_ref().unwrap().text, "sagte");
    let (s, e) = q.spans[0];
    assert_eq!(&text[s..e], "\"Wir haben lange darüber gesprochen\"");

    let q = find(&quotes, "Wir werden beide zusammenarbeiten");
    assert_eq!(q.kind, QuoteKind::Direct);
    assert_eq!(speaker(q), ("er", Some("Donald Trump")));
    assert_eq!(q.cue.as_ref().unwrap().text, "erklärte");

    let q = find(&quotes, "Er wird uns helfen");
    assert_eq!(speaker(q).0, "Trump");
    let q = find(&quotes, "Wir haben nicht wirklich über Öl gesprochen");
    assert_eq!(speaker(q).0, "Trump");

    // "Laut Trump waren sich beide einig, dass …"
    let q = find(&quotes, "waren sich beide einig");
    assert_eq!(q.kind, QuoteKind::Indirect);
    assert_eq!(speaker(q), ("Trump", Some("Donald Trump")));
    assert_eq!(q.cue.as_ref().unwrap().text, "Laut");
}

#[test]
fn seed_001_xi_state_media_and_experts() {
    let Some(text) = read("001") else { return };
    let m = mentions(
        &text,
        &[
            ("Xi Jinping", "Xi Jinping"),
            ("Donald Trump", "Donald Trump"),
        ],
    );
    let quotes = extract_quotes(&text, &m);

    // the direct quote is attributed to the state media ("hieß es in chinesischen Staatsmedien")
    let q = find(&quotes, "Xi Jinping betonte, dass China alle Bemühungen");
    assert_eq!(q.kind, QuoteKind::Direct);
    assert_eq!(speaker(q).0, "chinesischen Staatsmedien");
    assert_eq!(q.cue.as_ref().unwrap().text, "hieß es");
    // … and inside it, Xi Jinping's indirect quote
    let inner = quotes
        .iter()
        .find(|x| x.kind == QuoteKind::Indirect && x.text.starts_with("dass China alle Bemühungen"))
        .expect("nested indirect quote of Xi");
    assert_eq!(speaker(inner), ("Xi Jinping", Some("Xi Jinping")));
    assert_eq!(inner.cue.as_ref().unwrap().text, "betonte");

    let q = find(&quotes, "China beobachtet den Ukraine-Friedensdeal");
    assert!(speaker(q).0.starts_with("Yun Sun"), "{:?}", q.speaker);

    let q = find(&quotes, "Es ist höchst ungewöhnlich für Xi");
    assert!(speaker(q).0.starts_with("Evan Medeiros"), "{:?}", q.speaker);
    // the following stand-alone quote continues Evan Medeiros
    let q = find(&quotes, "Die Taiwan-Politik steht");
    assert!(speaker(q).0.starts_with("Evan Medeiros"), "{:?}", q.speaker);

    // a scare quote in the headline is kept, flagged partial and unattributed
    let q = quotes
        .iter()
        .find(|q| q.text == "\"Rückkehr\"")
        .expect("scare quote");
    assert!(q.partial && !q.is_attributed());
}

#[test]
fn seed_002_kremlin_and_indirect() {
    let Some(text) = read("002") else { return };
    let m = mentions(
        &text,
        &[
            ("Xi Jinping", "Xi Jinping"),
            ("Wladimir Putin", "Wladimir Putin"),
            ("Xi", "Xi Jinping"),
        ],
    );
    let quotes = extract_quotes(&text, &m);
    // „Die Führer betonten insbesondere, …“, erklärte der Kreml.
    let q = find(&quotes, "Die Führer betonten insbesondere");
    assert_eq!(q.kind, QuoteKind::Direct);
    // an institution speaks for itself: never resolved to the nearest person (Xi, Putin)
    assert_eq!(speaker(q), ("der Kreml", None));
    // Xi erklärte, dass die Beziehungen …
    let q = quotes
        .iter()
        .find(|q| {
            q.kind == QuoteKind::Indirect && q.text.starts_with("dass die Beziehungen zu Russland")
        })
        .expect("indirect quote of Xi");
    assert_eq!(speaker(q), ("Xi", Some("Xi Jinping")));
    // Chinas Außenminister Wang Yi sagte, dass …
    let q = quotes
        .iter()
        .find(|q| {
            q.kind == QuoteKind::Indirect && q.text.contains("in Friedensgespräche einbezogen")
        })
        .expect("indirect quote of Wang Yi");
    assert_eq!(speaker(q).0, "Chinas Außenminister Wang Yi");
    // a quote broken by a stray paragraph break is still one quote
    let q = find(&quotes, "nicht voneinander getrennt");
    assert!(q.text.contains("werden können"), "{:?}", q.text);
}

#[test]
fn interrupted_quote_is_one_quote_with_two_spans() {
    let text = "„Wir werden“, sagte er, „zusammenarbeiten.“";
    let quotes = extract_quotes(text, &[]);
    assert_eq!(quotes.len(), 1, "{quotes:#?}");
    let q = &quotes[0];
    assert_eq!(q.spans.len(), 2);
    assert_eq!(&text[q.spans[0].0..q.spans[0].1], "„Wir werden“");
    assert_eq!(&text[q.spans[1].0..q.spans[1].1], "„zusammenarbeiten.“");
    assert_eq!(q.speaker.as_ref().unwrap().text, "er");
}

#[test]
fn every_convention_and_multi_paragraph() {
    for text in [
        "»Wir sind bereit für Gespräche«, sagte die Ministerin.",
        "«Wir sind bereit für Gespräche», sagte die Ministerin.",
        "\"Wir sind bereit für Gespräche\", sagte die Ministerin.",
        "„Wir sind bereit für Gespräche“, sagte die Ministerin.",
        "›Wir sind bereit für Gespräche‹, sagte die Ministerin.",
    ] {
        let q = extract_quotes(text, &[]);
        assert_eq!(q.len(), 1, "{text}");
        assert_eq!(
            q[0].speaker.as_ref().unwrap().text,
            "die Ministerin",
            "{text}"
        );
    }
    let text = "Die Ministerin sagte: „Wir sind bereit.\n\n„Und wir bleiben es.“";
    let q = extract_quotes(text, &[]);
    assert_eq!(q.len(), 1);
    assert!(q[0].text.ends_with("Und wir bleiben es.“"));
    assert_eq!(q[0].speaker.as_ref().unwrap().text, "Die Ministerin");
}

#[test]
fn indirect_frames() {
    let cases = [
        (
            "Xi betonte, dass China bereit sei.",
            "dass China bereit sei",
            "Xi",
            "betonte",
        ),
        (
            "Er sagte, China sei bereit.",
            "China sei bereit",
            "Er",
            "sagte",
        ),
        (
            "Nach Angaben der Polizei wurden drei Menschen verletzt.",
            "wurden drei Menschen verletzt",
            "Angaben der Polizei",
            "Nach",
        ),
        (
            "Dem Bericht zufolge wurden drei Menschen verletzt.",
            "wurden drei Menschen verletzt",
            "Dem Bericht",
            "zufolge",
        ),
        (
            "Die Firma teilte am Montag mit, sie plane keine Entlassungen.",
            "sie plane keine Entlassungen",
            "Die Firma",
            "teilte mit",
        ),
        (
            "Drei Menschen seien verletzt worden, sagte ein Sprecher.",
            "Drei Menschen seien verletzt worden",
            "ein Sprecher",
            "sagte",
        ),
    ];
    for (text, quote, spk, cue) in cases {
        let q = extract_quotes(text, &[]);
        assert_eq!(q.len(), 1, "{text}: {q:#?}");
        assert_eq!(q[0].kind, QuoteKind::Indirect, "{text}");
        assert_eq!(q[0].text, quote, "{text}");
        assert_eq!(q[0].speaker.as_ref().unwrap().text, spk, "{text}");
        assert_eq!(q[0].cue.as_ref().unwrap().text, cue, "{text}");
    }
    // a Konjunktiv sentence continues the attributed quote
    let text = "Der Minister sagte, das Land sei bereit. Man habe alles vorbereitet.";
    let q = extract_quotes(text, &[]);
    assert_eq!(q.len(), 2);
    assert_eq!(q[1].kind, QuoteKind::IndirectFreeIndirect);
    assert_eq!(q[1].text, "Man habe alles vorbereitet.");
    assert_eq!(q[1].speaker.as_ref().unwrap().text, "Der Minister");
}
