//! Entity extraction never panics and yields valid offsets on arbitrary input.
use std::sync::OnceLock;

use pressespiegel::enrich::entities::{EntityExtractor, Gazetteer};
use proptest::prelude::*;

fn extractor() -> &'static EntityExtractor {
    static X: OnceLock<EntityExtractor> = OnceLock::new();
    X.get_or_init(|| EntityExtractor::new(Gazetteer::builtin()).expect("builtin gazetteer builds"))
}

fn check(text: &str) {
    let e = extractor().extract(text);
    for m in &e.mentions {
        assert!(m.start < m.end && m.end <= text.len(), "{m:?}");
        assert!(
            text.is_char_boundary(m.start) && text.is_char_boundary(m.end),
            "{m:?}"
        );
    }
    for w in e.mentions.windows(2) {
        assert!(w[0].start <= w[1].start);
    }
    let total: usize = e.actors.iter().map(|a| a.count).sum::<usize>()
        + e.countries.iter().map(|c| c.count).sum::<usize>()
        + e.organisations.iter().map(|o| o.count).sum::<usize>();
    assert_eq!(total, e.mentions.len());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(256)))]

    #[test]
    fn arbitrary_unicode_never_panics(text in "\\PC{0,300}") {
        check(&text);
    }

    #[test]
    fn name_soup_never_panics(parts in proptest::collection::vec(prop_oneof![
        Just("Putin"), Just("Putins"), Just("Xi Jinping"), Just("Xi"), Just("Kongo"), Just("Korea"),
        Just("Washington"), Just("Präsident"), Just("Handelsminister"), Just(", "), Just(" "),
        Just("Yun Sun"), Just("Direktorin"), Just("ein"), Just("ehemaliger"), Just("-"), Just("."),
        Just("é"), Just("🇨🇳"), Just("Deutsche Bank"), Just("chinesisch"), Just("W."), Just("Clinton"),
    ], 0..40)) {
        check(&parts.concat());
    }
}
