//! From a lowercase word to its indexed term: German folding, then rust-stemmers' German
//! (Snowball) stemmer, with a per-thread cache.
//!
//! **Order: fold first, then stem.** Folding first makes the transcriptions meet before the
//! stemmer sees them (`muenchen` and `münchen` both reach the stemmer as `munchen`; stemming
//! `muenchen` unfolded would give `muench`). The stemmer removes umlauts itself at its end,
//! so inflected umlaut forms still conflate: Zölle/Zoll → `zoll`, Häuser/Haus → `haus`,
//! Präsidenten/Präsident → `prasident`, Sanktionen/Sanktion → `sanktion`.
//!
//! This is rust-stemmers' German algorithm (the pre-3.0 Snowball `german`), never tantivy's
//! own `Stemmer` (frostem, a different Snowball version: mixing the two breaks matching).
//!
//! **Overrides.** Snowball conflates Bürger with Burg (both `burg`). A small override table,
//! checked on the lowercase *unfolded* word before anything else, maps the inflected forms of
//! `bürger`/`buerger` to `burger`, a term no regular word stems to, the forms of
//! `bürgerlich` to `burgerlich` (Snowball: `burg`) and the verb forms `bürge`/`bürgen` to
//! `burgt` (the stem of *bürgt*, *bürgte*). Compounds with the head *Bürger* (Bundesbürger,
//! Mitbürgern) get the folded modifier plus `burger`. Compounds that begin with Bürger
//! (Bürgermeister) already stem differently.
//!
//! **Surnames in -er.** Snowball strips *-er*, so the surname *Strasser* met *Straße* (`strass`)
//! and *Hofer* met *Hof*. A capitalised word whose *-er*/*-ers*/*-ern* Snowball removed keeps
//! it (term = stem + `er`) when it is not a common word form and the common words with its stem
//! never end in *-er* (and, where the bare stem is a common word, an *-er* plural would need an
//! umlaut the word lacks); see `name_er_term`. Decided on the word and its capital alone, the
//! same way in documents and queries; a lowercase query `strasser` is an ordinary word form.
//!
//! **Not stemmed:** words containing an ASCII digit (`24.11.2025`, `g7`, `1990er`) are folded
//! only.
//!
//! **Cache.** News vocabulary is Zipfian: a per-thread map from the lowercase word to its
//! term avoids most stemmer calls. It holds at most [`CACHE_CAPACITY`] entries and is cleared
//! when full. The cache is invisible in the output.

use std::cell::RefCell;

use rustc_hash::FxHashMap;

use rust_stemmers::{Algorithm, Stemmer};

use super::german::fold_into;

/// Maximal number of cached words per thread.
pub(crate) const CACHE_CAPACITY: usize = 50_000;

/// Lowercase unfolded word → term, sorted by word (binary search).
const OVERRIDES: &[(&str, &str)] = &[
    ("buerge", "burgt"),
    ("buergen", "burgt"),
    ("buerger", "burger"),
    ("buergerlich", "burgerlich"),
    ("buergerliche", "burgerlich"),
    ("buergerlichem", "burgerlich"),
    ("buergerlichen", "burgerlich"),
    ("buergerlicher", "burgerlich"),
    ("buergerliches", "burgerlich"),
    ("buergern", "burger"),
    ("buergers", "burger"),
    ("bürge", "burgt"),
    ("bürgen", "burgt"),
    ("bürger", "burger"),
    ("bürgerlich", "burgerlich"),
    ("bürgerliche", "burgerlich"),
    ("bürgerlichem", "burgerlich"),
    ("bürgerlichen", "burgerlich"),
    ("bürgerlicher", "burgerlich"),
    ("bürgerliches", "burgerlich"),
    ("bürgern", "burger"),
    ("bürgers", "burger"),
];

/// Endings of compounds whose head is *Bürger* (Bundesbürger, Mitbürgern): the modifier is
/// folded and stemmed as usual, then `burger` is appended instead of Snowball's `burg`.
const BUERGER_HEADS: &[&str] = &[
    "bürger", "bürgern", "bürgers", "buerger", "buergern", "buergers",
];

struct Cache {
    stemmer: Stemmer,
    terms: FxHashMap<Box<str>, Box<str>>,
    folded: String,
}

thread_local! {
    static CACHE: RefCell<Cache> = RefCell::new(Cache {
        stemmer: Stemmer::create(Algorithm::German),
        terms: FxHashMap::default(),
        folded: String::new(),
    });
}

/// Endings the German stemmer removes (inflection and the derivational *-ung*, *-heit*, …),
/// for comparing a surface word with stems: a typo in an ending (*Bundesregierugn*) is
/// measured against a candidate stem plus each ending (`bundesregier` + `ung`; the spelling
/// suggestions do this).
pub(crate) const STEM_ENDINGS: [&str; 27] = [
    "e", "em", "en", "end", "ende", "enden", "er", "ern", "es", "s", "st", "est", "ung", "ungen",
    "heit", "heiten", "keit", "keiten", "lich", "liche", "lichen", "ig", "ige", "igen", "isch",
    "ische", "ischen",
];

/// Longest of [`STEM_ENDINGS`] in bytes.
pub(crate) const LONGEST_STEM_ENDING: usize = 6;

/// Append the term of `lower` (a lowercased word or word part) to `out`:
/// override, else fold and (unless it contains a digit) stem.
pub(crate) fn term_into(lower: &str, out: &mut String) {
    // Every override starts with "b": skip the search for all other words.
    if lower.starts_with('b') {
        if let Ok(i) = OVERRIDES.binary_search_by(|(word, _)| (*word).cmp(lower)) {
            out.push_str(OVERRIDES[i].1);
            return;
        }
    }
    if lower.bytes().any(|b| b.is_ascii_digit()) {
        fold_into(lower, out);
        return;
    }
    CACHE.with(|cache| {
        let mut cache = cache.borrow_mut();
        if let Some(term) = cache.terms.get(lower) {
            out.push_str(term);
            return;
        }
        let Cache {
            stemmer,
            terms,
            folded,
        } = &mut *cache;
        folded.clear();
        let head = BUERGER_HEADS
            .iter()
            .find_map(|h| lower.strip_suffix(h).filter(|m| m.chars().count() >= 2));
        if let Some(modifier) = head {
            fold_into(modifier, folded);
            folded.push_str("burger");
            out.push_str(folded);
            if terms.len() >= CACHE_CAPACITY {
                terms.clear();
            }
            terms.insert(lower.into(), folded.as_str().into());
            return;
        }
        fold_into(lower, folded);
        let stemmed = stemmer.stem(folded);
        out.push_str(&stemmed);
        if terms.len() >= CACHE_CAPACITY {
            terms.clear();
        }
        terms.insert(lower.into(), stemmed.as_ref().into());
    });
}

/// [`term_into`] for a whole word; `capitalised` tells whether its surface begins with an
/// uppercase letter. A capitalised word in *-er*/*-ers*/*-ern* may be a surname kept apart from
/// the common noun its stem belongs to ([`name_er_term`]).
pub(crate) fn word_term_into(lower: &str, capitalised: bool, out: &mut String) {
    let start = out.len();
    term_into(lower, out);
    if capitalised && (lower.ends_with("er") || lower.ends_with("ers") || lower.ends_with("ern")) {
        let mut folded = String::with_capacity(lower.len());
        fold_into(lower, &mut folded);
        if let Some(name) = name_er_term(lower, &folded, &out[start..]) {
            out.truncate(start);
            out.push_str(&name);
        }
    }
}

/// What the common word forms with one stem look like (see [`name_er_term`]).
#[derive(Default, Clone, Copy)]
struct Family {
    /// A common form folds to the bare stem (*hof*, *wald*, *schlank*).
    bare: bool,
    /// A common form folds to the stem + *-er*/*-ern*/*-ers* (*kinder*, *wälder*, *alter*).
    er: bool,
    /// A common form folds to the stem + *-e*/*-en*/*-es*/*-n* (*hofe*, *hofes*, *strassen*):
    /// an inflecting common word, not a bare name such as *frankfurt*.
    inflects: bool,
}

/// Whether `stem` is the stem of a known common word form
/// ([`super::decompound::common_words`]): *Abgeordneten* (`abgeordnet`), *Belegschaften*.
pub(crate) fn is_common_stem(stem: &str) -> bool {
    families().contains_key(stem)
}

/// Stem → [`Family`] of the common word forms ([`super::decompound::common_words`]), built once.
fn families() -> &'static FxHashMap<Box<str>, Family> {
    static FAMILIES: std::sync::OnceLock<FxHashMap<Box<str>, Family>> = std::sync::OnceLock::new();
    FAMILIES.get_or_init(|| {
        let stemmer = Stemmer::create(Algorithm::German);
        let mut map: FxHashMap<Box<str>, Family> = FxHashMap::default();
        let mut folded = String::new();
        for word in super::decompound::common_words() {
            folded.clear();
            fold_into(word, &mut folded);
            let stem = stemmer.stem(&folded);
            let family = map.entry(stem.as_ref().into()).or_default();
            match folded.strip_prefix(stem.as_ref()) {
                Some("") => family.bare = true,
                Some("er" | "ern" | "ers") => family.er = true,
                Some("e" | "en" | "es" | "n") => family.inflects = true,
                _ => {}
            }
        }
        map
    })
}

/// The term of a surname in *-er* whose stem collides with common words of another family
/// (*Strasser*/*Strassers* → `strasser`, not `strass` = *Straße*; *Hofer* → `hofer`, not `hof`),
/// or `None` for the regular stem.
///
/// Snowball strips *-er* as an inflection ending, which is right for the *-er* plurals and
/// adjective forms (*Kinder* → `kind`, *alter* → `alt`), but Austrian and German surnames are
/// mostly a place word + *-er* (Strasser, Hofer, Gruber, Berger, Moser), and their stem is the
/// stem of a common noun. For a capitalised word (see [`word_term_into`]; documents and queries
/// alike) the *-er* is kept (the term is stem + `er`, for *-er*, the genitive *-ers* and the
/// dative plural *-ern* alike) when all hold:
///
/// 1. Snowball removed exactly *-er*, *-ers* or *-ern* from the folded word, the stem has 3+
///    letters and does not end like an adjective (*-isch*, *-lich*, *-ig*, *-al*, …:
///    *Internationaler*);
/// 2. the word is not a common word form ([`super::decompound::is_common_word`]);
/// 3. the stem is the stem of common word forms (a collision), and none of those ends in
///    *-er*/*-ern*/*-ers* (so the family does not inflect with *-er*: *Straße*, *Straßen*);
/// 4. the word has no umlaut where an *-er* plural would carry one (*Elternhäuser*, *Wälder*:
///    the stem's last vowel is *a*, *o*, *u* or *au* and the word has an umlaut);
/// 5. if a common form is the bare stem (*Hof*, *Berg*), it inflects (*Hofes*; a bare name such
///    as *Frankfurt* does not, so *Frankfurter* stays with it), and the *-er* form cannot be its
///    plural: the stem's last vowel is *a*, *o*, *u* or *au* (an *-er* plural would carry an
///    umlaut, which by 4 the word lacks). So *Hofer* keeps its *-er*; *Berger* and *Steiner*
///    (*Feld* → *Felder* is possible) stem as before, and so do names with an umlaut (*Müller*).
///
/// The same holds for agent nouns the vocabulary lacks (*Betreiber*, *Betreibern* → `betreiber`):
/// they no longer meet their verb (*betreiben* → `betreib`), but all their forms meet each other.
fn name_er_term(lower: &str, folded: &str, stem: &str) -> Option<String> {
    let rest = folded.strip_prefix(stem)?;
    if !matches!(rest, "er" | "ers" | "ern") || stem.chars().count() < 3 {
        return None;
    }
    // a capitalised adjective (sentence start, names such as Internationaler Währungsfonds)
    const ADJECTIVE_STEM_ENDINGS: &[&str] = &[
        "isch", "lich", "ig", "al", "iv", "ell", "ar", "bar", "sam", "los", "haft", "end",
    ];
    if ADJECTIVE_STEM_ENDINGS.iter().any(|e| stem.ends_with(e)) {
        return None;
    }
    if super::decompound::is_common_word(lower) {
        return None;
    }
    let family = families().get(stem)?;
    if family.er {
        return None;
    }
    let has_umlaut = lower.contains(['ä', 'ö', 'ü']) || folded.len() != lower.len();
    let vowels: Vec<char> = stem
        .chars()
        .filter(|c| matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y'))
        .collect();
    let umlautable = match vowels.as_slice() {
        [.., 'a', 'u'] => true,
        [.., 'e', 'u'] | [.., 'a', 'i'] | [.., 'e', 'i'] | [.., 'i', 'e'] => false,
        [.., last] => matches!(last, 'a' | 'o' | 'u'),
        [] => false,
    };
    if has_umlaut && umlautable {
        // may be an -er plural with umlaut (Elternhäuser, Wälder): keep the stem
        return None;
    }
    if family.bare {
        if !family.inflects {
            // a bare name (Frankfurt, Moskau): Frankfurter stays with Frankfurt
            return None;
        }
        if !umlautable {
            // Berg → Berger could be a plural like Feld → Felder
            return None;
        }
    }
    Some(format!("{stem}er"))
}

/// The term of `lower`; see [`term_into`].
#[cfg(test)]
fn term(lower: &str) -> String {
    let mut out = String::new();
    term_into(lower, &mut out);
    out
}

/// Number of words in this thread's cache (for tests).
#[cfg(test)]
fn cached_len() -> usize {
    CACHE.with(|c| c.borrow().terms.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stem_endings_are_removed_by_the_stemmer_and_the_longest_is_known() {
        assert_eq!(
            STEM_ENDINGS.iter().map(|e| e.len()).max(),
            Some(LONGEST_STEM_ENDING)
        );
        // Each ending is what the stemmer strips from some word ending in it.
        for (word, ending) in [
            ("Regierung", "ung"),
            ("Regierungen", "ungen"),
            ("Kindern", "ern"),
        ] {
            let mut stem = String::new();
            term_into(&word.to_lowercase(), &mut stem);
            assert!(STEM_ENDINGS.contains(&ending));
            assert_eq!(format!("{stem}{ending}"), word.to_lowercase(), "{word}");
        }
    }

    #[test]
    fn overrides_are_sorted_for_binary_search() {
        assert!(OVERRIDES.windows(2).all(|w| w[0].0 < w[1].0));
        assert!(OVERRIDES.iter().all(|(w, _)| w.starts_with('b')));
    }

    #[test]
    fn inflected_umlaut_forms_conflate() {
        for (a, b) in [
            ("zölle", "zoll"),
            ("sanktionen", "sanktion"),
            ("präsidenten", "präsident"),
            ("häuser", "haus"),
            ("öl", "oel"),
            ("münchen", "muenchen"),
            ("straße", "strasse"),
            ("fußball", "fussball"),
        ] {
            assert_eq!(term(a), term(b), "{a} / {b}");
        }
        assert_eq!(term("zölle"), "zoll");
    }

    #[test]
    fn buerger_is_not_burg() {
        assert_ne!(term("bürger"), term("burg"));
        assert_eq!(term("bürgern"), term("bürger"));
        assert_eq!(term("buerger"), term("bürger"));
        assert_eq!(term("burgen"), term("burg"));
        for (word, other) in [
            ("bürgen", "bürgt"),
            ("bürge", "bürgte"),
            ("bürgerlichen", "bürgerlich"),
            ("bundesbürger", "bundesbürgern"),
            ("mitbuerger", "mitbürger"),
        ] {
            assert_ne!(term(word), term("burg"), "{word}");
            assert_eq!(term(word), term(other), "{word} / {other}");
        }
        assert_eq!(term("bundesbürger"), "bundesburger");
        assert_ne!(term("bundesbürger"), term("bundesburg"));
    }

    fn word_term(lower: &str, capitalised: bool) -> String {
        let mut out = String::new();
        word_term_into(lower, capitalised, &mut out);
        out
    }

    #[test]
    fn er_surnames_do_not_meet_common_nouns() {
        let name = |w: &str| word_term(w, true);
        // the capitalised name keeps its -er, genitive included, in every spelling
        for w in ["strasser", "strassers", "straßer"] {
            assert_eq!(name(w), "strasser", "{w}");
        }
        assert_ne!(name("strasser"), name("straße"));
        assert_ne!(name("hofer"), name("hof"));
        assert_eq!(name("hofers"), name("hofer"));
        // lowercase, it is an ordinary word form
        assert_eq!(word_term("strasser", false), term("strasser"));
        // the common words themselves still conflate as before
        assert_eq!(name("straße"), name("strassen"));
        assert_eq!(name("straße"), name("strasse"));
        assert_eq!(name("höfe"), name("hof"));
        // agent nouns the vocabulary lacks keep all their forms together
        assert_eq!(name("betreiber"), name("betreibern"));
        assert_eq!(name("betreibers"), name("betreiber"));
        // -er plurals, demonyms of names and (capitalised) adjective forms still reach their stem
        for (a, b) in [
            ("kinder", "kind"),
            ("elternhäusern", "elternhaus"),
            ("wälder", "wald"),
            ("waelder", "wald"),
            ("häuser", "haus"),
            ("frankfurter", "frankfurt"),
            ("internationaler", "international"),
            ("britischer", "britisch"),
            ("alter", "alt"),
            ("großer", "groß"),
            ("neuer", "neu"),
        ] {
            assert_eq!(name(a), name(b), "{a} / {b}");
            assert_eq!(word_term(a, false), term(b), "{a} / {b}");
        }
    }

    #[test]
    fn digits_are_not_stemmed() {
        assert_eq!(term("1990er"), "1990er");
        assert_eq!(term("24.11.2025"), "24.11.2025");
    }

    #[test]
    fn cache_is_transparent_and_bounded() {
        let first = term("regierungen");
        assert_eq!(term("regierungen"), first);
        for i in 0..(CACHE_CAPACITY + 10) {
            // Distinct alphabetic words.
            let w: String = format!("{i:x}")
                .chars()
                .map(|c| (b'g' + c.to_digit(16).unwrap_or(0) as u8) as char)
                .collect();
            term(&w);
        }
        assert!(cached_len() <= CACHE_CAPACITY);
        assert_eq!(term("regierungen"), first);
    }
}
