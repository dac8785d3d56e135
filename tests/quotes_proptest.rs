//! Quote extraction never panics and returns well-formed spans on any input.

use pressespiegel::enrich::quotes::{extract_quotes, to_char_spans, Quote};
use pressespiegel::enrich::{Mention, MentionKind};
use proptest::prelude::*;

fn check(text: &str, quotes: &[Quote]) {
    let mut all: Vec<(usize, usize)> = Vec::new();
    for q in quotes {
        assert!(!q.spans.is_empty());
        all.extend(&q.spans);
        if let Some(s) = &q.speaker {
            all.extend(&s.spans);
        }
        if let Some(c) = &q.cue {
            all.extend(&c.spans);
        }
        if let Some(f) = &q.frame {
            all.extend(&f.spans);
        }
        if let Some(a) = &q.addressee {
            all.extend(&a.spans);
        }
    }
    for (s, e) in all {
        assert!(
            s < e && e <= text.len(),
            "span {s}..{e} in {} bytes",
            text.len()
        );
        assert!(text.is_char_boundary(s) && text.is_char_boundary(e));
    }
    no_overlaps(quotes);
    for q in quotes {
        let chars = to_char_spans(text, &q.spans);
        assert!(chars
            .iter()
            .all(|&(s, e)| s < e && e <= text.chars().count()));
    }
}

/// Any two quotes of an article are disjoint or one is nested inside the other (never the same
/// extent twice, never a partial overlap).
fn no_overlaps(quotes: &[Quote]) {
    let inside = |outer: &Quote, inner: &Quote| {
        inner
            .spans
            .iter()
            .all(|&(s, e)| outer.spans.iter().any(|&(t, u)| t <= s && e <= u))
    };
    for (i, a) in quotes.iter().enumerate() {
        for b in &quotes[i + 1..] {
            let overlap = a
                .spans
                .iter()
                .any(|&(s, e)| b.spans.iter().any(|&(t, u)| s < u && t < e));
            if !overlap {
                continue;
            }
            assert!(
                a.spans != b.spans && (inside(a, b) || inside(b, a)),
                "overlapping quotes {:?} {:?} and {:?} {:?}",
                a.kind,
                a.spans,
                b.kind,
                b.spans
            );
        }
    }
}

fn quoty() -> impl Strategy<Value = String> {
    let atoms = prop::sample::select(vec![
        "„",
        "“",
        "”",
        "\"",
        "»",
        "«",
        "‚",
        "‘",
        "’",
        "›",
        "‹",
        " ",
        ", ",
        ". ",
        "\n\n",
        "sagte",
        "er",
        "Trump",
        "laut",
        "nach",
        "Angaben",
        "zufolge",
        "dass",
        "sei",
        "teilte",
        "mit",
        "so",
        "wie",
        "hieß",
        "es",
        "in",
        "der",
        "Präsident",
        ":",
        "Wir",
        "werden",
        "China",
        "bereit",
        "gegenüber",
        "dem",
        "Sprecher",
        "forderte",
        "auf",
        "soll",
        "haben",
        "é",
        "😀",
        "-",
    ]);
    prop::collection::vec(atoms, 0..80).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(200)))]

    #[test]
    fn quotes_never_overlap_unless_nested(text in quoty()) {
        let q = extract_quotes(&text, &[]);
        no_overlaps(&q);
    }

    #[test]
    fn arbitrary_unicode_never_panics(text in "\\PC*") {
        let q = extract_quotes(&text, &[]);
        check(&text, &q);
    }

    #[test]
    fn quote_characters_never_panic(text in quoty(), a in 0usize..200, b in 0usize..200) {
        // mentions with arbitrary (even invalid) offsets must not break resolution
        let mentions = [Mention { start: a.min(b), end: a.max(b), kind: MentionKind::Actor, key: "X".into() }];
        let q = extract_quotes(&text, &mentions);
        check(&text, &q);
    }
}
