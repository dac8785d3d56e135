//! The user-visible compound cases of issue 3 §1, and safety properties of `split_compound`.
use std::ops::Range;

use pressespiegel::analysis::decompound::{split_compound, Decompounder};
use proptest::prelude::*;

fn parts(word: &str) -> Vec<&str> {
    split_compound(word).into_iter().map(|r| &word[r]).collect()
}

#[test]
fn angriffskrieg_has_a_part_covering_exactly_krieg() {
    let word = "angriffskrieg";
    let ranges = split_compound(word);
    let krieg = word.find("krieg").unwrap();
    assert!(ranges.contains(&(krieg..word.len())), "{ranges:?}");
    assert!(parts(word).contains(&"angriff"), "{:?}", parts(word));
}

#[test]
fn oelimporte_splits_into_oel_and_importe() {
    assert_eq!(parts("ölimporte"), ["öl", "importe"]);
}

#[test]
fn hyphenated_compound_yields_its_segments() {
    assert_eq!(parts("öl-importe"), ["öl", "importe"]);
    let p = parts("ukraine-kriegs");
    assert_eq!(p[..2], ["ukraine", "kriegs"]);
}

#[test]
fn hyphenated_compound_with_digits_and_short_segments() {
    assert_eq!(parts("h200-ki-chips"), ["h200", "ki", "chips"]);
}

#[test]
fn friedensabkommen_yields_frieden_and_abkommen_but_abkommen_is_not_split() {
    assert_eq!(parts("friedensabkommen"), ["frieden", "abkommen"]);
}

#[test]
fn luftfahrtunternehmen_is_split_with_nested_parts_outermost_first() {
    assert_eq!(
        parts("luftfahrtunternehmen"),
        ["luftfahrt", "unternehmen", "luft", "fahrt"]
    );
}

#[test]
fn kirchturm_drops_the_e_of_kirche() {
    assert_eq!(parts("kirchturm"), ["kirch", "turm"]);
}

#[test]
fn linking_elements_are_outside_the_part_ranges() {
    assert_eq!(parts("friedensabkommen"), ["frieden", "abkommen"]);
    let p = parts("bundeskanzlerin");
    assert!(
        p == ["bund", "kanzlerin"] || p == ["bundes", "kanzlerin"],
        "{p:?}"
    );
}

#[test]
fn feminine_forms_of_agent_nouns_are_not_split() {
    // the break between the -er of the agent noun and the feminine -in/-innen is not a
    // compound boundary (Bürge|rinnen would index "rinnen"/"bürge")
    for word in [
        "bürgerinnen",
        "bürgerin",
        "lehrerinnen",
        "ministerinnen",
        "wählerinnen",
        "partnerinnen",
        "zuschauerinnen",
        "arbeiterinnen",
        "kolleginnen",
        "journalistinnen",
    ] {
        assert!(split_compound(word).is_empty(), "{word}: {:?}", parts(word));
    }
    // a feminine compound still yields its parts, and a real -rinne head stays possible
    let p = parts("bundeskanzlerin");
    assert!(p.contains(&"kanzlerin"), "{p:?}");
    let p = parts("dachrinnen");
    assert!(p.is_empty() || p == ["dach", "rinnen"], "{p:?}");
}

#[test]
fn suffix_derivations_are_not_split() {
    // -ung (with its plural), -heit, -keit, -schaft, -lich derivations
    for word in [
        "regierungen",
        "forderungen",
        "verhandlungen",
        "wohnungen",
        "leistungen",
        "gelegenheit",
        "besonderheit",
        "schwierigkeiten",
        "zuständigkeit",
        "nachhaltigkeit",
        "bereitschaft",
        "eigenschaft",
        "mitgliedschaft",
        "gesellschaftlich",
        "wissenschaftlich",
        "unterschiedlich",
        "ursprünglich",
    ] {
        assert!(split_compound(word).is_empty(), "{word}: {:?}", parts(word));
    }
}

#[test]
fn simplex_and_derived_words_are_not_split() {
    for word in [
        "haltung",
        "bürger",
        "insgesamt",
        "vermeiden",
        "verbrechen",
        "beziehung",
        "zeitung",
        "abkommen",
        "unternehmen",
        "wissenschaft",
    ] {
        assert!(split_compound(word).is_empty(), "{word}: {:?}", parts(word));
    }
}

#[test]
fn common_three_letter_nouns_are_heads() {
    assert_eq!(parts("bahnhof"), ["bahn", "hof"]);
    assert_eq!(parts("haustür"), ["haus", "tür"]);
}

#[test]
fn nouns_in_isch_and_ig_are_heads_but_adjective_suffixes_are_not() {
    assert_eq!(parts("goldfisch"), ["gold", "fisch"]);
    assert_eq!(parts("rindfleisch"), ["rind", "fleisch"]);
    for word in [
        "tatsächlich",
        "gleichzeitig",
        "hauptsächlich",
        "antimonarchistisch",
    ] {
        assert!(parts(word).is_empty(), "{word}: {:?}", parts(word));
    }
}

#[test]
fn short_and_non_alphabetic_words_are_not_split() {
    for word in ["", "öl", "haus", "h200", "covid19fall", "2024"] {
        assert!(split_compound(word).is_empty(), "{word}");
    }
}

#[test]
fn vocabulary_makes_new_parts_known() {
    let word = "wallboxladestation";
    let plain = Decompounder::new();
    let informed = Decompounder::new().with_vocabulary([("wallbox", 12u64), ("ladestation", 3)]);
    let got: Vec<&str> = informed.split(word).into_iter().map(|r| &word[r]).collect();
    assert_eq!(got[..2], ["wallbox", "ladestation"]);
    assert_ne!(plain.split(word), informed.split(word));
}

#[test]
fn threshold_trades_recall_for_precision() {
    let strict = Decompounder::new().with_threshold(10.0);
    assert!(strict.split("angriffskrieg").is_empty());
    let short = Decompounder::new().with_min_word_chars(20);
    assert!(short.split("angriffskrieg").is_empty());
}

fn check_ranges(word: &str, ranges: &[Range<usize>]) -> Result<(), TestCaseError> {
    for r in ranges {
        prop_assert!(r.start < r.end, "{r:?} in {word:?}");
        prop_assert!(r.end <= word.len(), "{r:?} in {word:?}");
        prop_assert!(word.is_char_boundary(r.start) && word.is_char_boundary(r.end));
        prop_assert!(r.len() < word.len(), "the whole word is never a part");
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(256)))]

    #[test]
    fn arbitrary_unicode_never_panics(word in "\\PC{0,40}") {
        check_ranges(&word, &split_compound(&word))?;
    }

    #[test]
    fn german_letter_soup_gives_valid_ranges(word in "[a-zäöüß-]{0,30}") {
        let ranges = split_compound(&word);
        check_ranges(&word, &ranges)?;
        // deterministic
        prop_assert_eq!(ranges, split_compound(&word));
    }
}

#[test]
fn embedded_statistics_match_a_fresh_build_of_the_vocabulary() {
    // If this fails, run `cargo run --example decompound_train -- --compile-only`.
    let read = |name: &str| {
        std::fs::read_to_string(format!(
            "{}/data/decompound/{name}",
            env!("CARGO_MANIFEST_DIR")
        ))
        .unwrap()
    };
    let (wikinews, snowball) = (read("wikinews-vocab.tsv"), read("snowball-german-voc.txt"));
    let fresh =
        pressespiegel::analysis::decompound::compile_vocabulary(&[&wikinews, &snowball]).unwrap();
    assert!(
        fresh == pressespiegel::analysis::decompound::builtin_data(),
        "data/decompound/lexicon.bin is stale"
    );
}

#[test]
fn confixes_are_modifiers_of_known_heads() {
    assert_eq!(parts("ökosteuer"), ["öko", "steuer"]);
    assert_eq!(parts("exoplanet"), ["exo", "planet"]);
    // a confix alone before an unknown rest is no split
    for word in ["biologie", "geografie", "psychologie", "mikrofon"] {
        assert!(split_compound(word).is_empty(), "{word}: {:?}", parts(word));
    }
}

#[test]
fn derived_adjective_heads_need_a_real_base() {
    // -ig/-isch nouns whose "base" is only a 3-letter fragment + e are heads
    // (essig is not ess(e)+ig), derivations of a real base stay blocked
    assert!(
        parts("apfelessig").contains(&"essig"),
        "{:?}",
        parts("apfelessig")
    );
    assert!(split_compound("tatsächlich").is_empty());
}
