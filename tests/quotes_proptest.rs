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
    }
    for (s, e) in all {
        assert!(
            s < e && e <= text.len(),
            "span {s}..{e} in {} bytes",
            text.len()
        );
        assert!(text.is_char_boundary(s) && text.is_char_boundary(e));
    }
    for q in quotes {
        let chars = to_char_spans(text, &q.spans);
        assert!(chars
            .iter()
            .all(|&(s, e)| s < e && e <= text.chars().count()));
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
        "é",
        "😀",
        "-",
    ]);
    prop::collection::vec(atoms, 0..80).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(200)))]

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
