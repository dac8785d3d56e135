//! New German compounds from word parts found in the base corpus.
//!
//! Learning: every capitalised word of the base corpus that splits into a known noun (the
//! *modifier*, possibly with a linking element `s`, `es`, `n`, `en`, `er`, `e`, `ens`) and a known
//! noun (the *head*) — `Friedens|abkommen`, `Bundestags|wahl` — teaches a modifier form and a head;
//! hyphenated words teach hyphen modifiers (`Irak-|Krieg`). Nouns ending in `-ung`, `-heit`, `-keit`,
//! `-schaft`, `-ion`, `-tät`, `-tum` add their `s`-linked form (`Regierung` → `Regierungs`).
//!
//! Synthesis: at a *site* — a compound or a bare head noun in a sentence — the modifier is replaced
//! (or one is prepended) with a modifier drawn from a Zipf distribution over the learned modifiers,
//! sometimes two (`Bundes` + `regierungs` + `sprecher`). The head and its inflection stay, so
//! gender, case and number still agree with the sentence. Frequent parts recur and rare ones
//! surface slowly, which gives the sub-linear but unbounded vocabulary growth (Heaps' law) of
//! real news.

use std::collections::{BTreeMap, HashMap, HashSet};

use rand::distr::weighted::WeightedIndex;
use rand::distr::Distribution;
use rand::Rng;

/// Linking elements (Fugenelemente) tried when a modifier is not a noun by itself.
const LINKERS: &[&str] = &["s", "es", "n", "en", "er", "e", "ens"];
/// Suffixes whose nouns take the linking `s` as modifiers.
const S_LINKED: &[&str] = &["ung", "heit", "keit", "schaft", "ion", "tät", "tum"];
/// Zipf exponent of the modifier distribution.
const ZIPF_EXPONENT: f64 = 1.0;

/// Where a word in a sentence can take a new modifier (byte offsets into the sentence).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Site {
    /// Start of the word.
    pub start: u32,
    /// Start of the head (== `start` for a bare head noun).
    pub head: u32,
    /// End of the word.
    pub end: u32,
}

/// Modifiers and heads learned from a base corpus.
#[derive(Debug, Clone)]
pub(crate) struct Lexicon {
    /// Known compounds (whole word → byte offset of the head). Only looked up, never iterated.
    compounds: HashMap<String, usize>,
    /// Nouns that are heads of some compound (a bare occurrence can take a modifier).
    heads: HashSet<String>,
    /// Modifier forms, most frequent first (`Friedens`, `Irak-`).
    modifiers: Vec<String>,
    /// Zipf weights over `modifiers`; `None` when there are none.
    weights: Option<WeightedIndex<f64>>,
}

impl Lexicon {
    /// Learn compounds, heads and modifiers from the words of `texts`.
    pub fn learn<'a>(texts: impl IntoIterator<Item = &'a str>) -> Lexicon {
        // Hash maps are only looked up or summed into ordered maps: no order leaks out.
        let mut counts: HashMap<&str, u32> = HashMap::new();
        for text in texts {
            for w in words(text) {
                *counts.entry(w).or_default() += 1;
            }
        }
        let nouns: HashSet<&str> = counts
            .keys()
            .copied()
            .filter(|w| {
                w.chars().count() >= 3
                    && w.chars().next().is_some_and(char::is_uppercase)
                    && w.chars().all(char::is_alphabetic)
                    && !counts.contains_key(w.to_lowercase().as_str())
            })
            .collect();
        // Nouns with a lower-case first letter: how they appear as the head inside a compound.
        let inner: HashSet<String> = nouns.iter().map(|n| lower_first(n)).collect();

        let mut compounds = HashMap::new();
        let mut heads: BTreeMap<String, u32> = BTreeMap::new();
        let mut modifiers: BTreeMap<String, u32> = BTreeMap::new();
        for (&word, &n) in &counts {
            let Some(split) = split_compound(word, &nouns, &inner) else {
                continue;
            };
            compounds.insert(word.to_string(), split);
            *modifiers.entry(word[..split].to_string()).or_default() += n;
            *heads.entry(capitalize(&word[split..])).or_default() += n;
        }
        for (&noun, &n) in &counts {
            if nouns.contains(noun) && S_LINKED.iter().any(|s| noun.ends_with(s)) {
                *modifiers.entry(format!("{noun}s")).or_default() += n;
            }
        }
        let mut ranked: Vec<(String, u32)> = modifiers.into_iter().collect();
        ranked.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        let modifiers: Vec<String> = ranked.into_iter().map(|(m, _)| m).collect();
        let weights = WeightedIndex::new(
            (0..modifiers.len()).map(|rank| 1.0 / ((rank + 1) as f64).powf(ZIPF_EXPONENT)),
        )
        .ok();
        Lexicon {
            compounds,
            heads: heads
                .into_keys()
                .filter(|h| nouns.contains(h.as_str()))
                .collect(),
            modifiers,
            weights,
        }
    }

    /// Number of learned modifier forms.
    pub fn modifier_count(&self) -> usize {
        self.modifiers.len()
    }

    /// Number of learned head nouns.
    pub fn head_count(&self) -> usize {
        self.heads.len()
    }

    /// The sites of `sentence`: known compounds and bare head nouns.
    pub fn sites(&self, sentence: &str) -> Vec<Site> {
        let mut out = Vec::new();
        let base = sentence.as_ptr() as usize;
        for w in words(sentence) {
            let start = w.as_ptr() as usize - base;
            let end = start + w.len();
            let head = if let Some(&split) = self.compounds.get(w) {
                start + split
            } else if self.heads.contains(w) {
                start
            } else {
                continue;
            };
            if let (Ok(start), Ok(head), Ok(end)) =
                (start.try_into(), head.try_into(), end.try_into())
            {
                out.push(Site { start, head, end });
            }
        }
        out
    }

    /// Append a new compound for `site` of `sentence` to `out`: one or two sampled modifiers and the
    /// site's head (with its inflection). Returns `false` (appending nothing) without modifiers.
    pub fn synthesize<R: Rng>(
        &self,
        sentence: &str,
        site: Site,
        second_modifier: bool,
        rng: &mut R,
        out: &mut String,
    ) -> bool {
        let (Some(weights), Some(head)) = (
            &self.weights,
            sentence.get(site.head as usize..site.end as usize),
        ) else {
            return false;
        };
        let first = &self.modifiers[weights.sample(rng)];
        out.push_str(first);
        let mut after_hyphen = first.ends_with('-');
        if second_modifier {
            let second = &self.modifiers[weights.sample(rng)];
            if after_hyphen || second.ends_with('-') {
                push_cased(out, second, true);
            } else {
                push_cased(out, second, false);
            }
            after_hyphen = second.ends_with('-');
        }
        push_cased(out, head, after_hyphen);
        true
    }
}

/// Append `part` with its first letter upper-cased (`upper`) or lower-cased.
fn push_cased(out: &mut String, part: &str, upper: bool) {
    let mut chars = part.chars();
    if let Some(c) = chars.next() {
        if upper {
            out.extend(c.to_uppercase());
        } else {
            out.extend(c.to_lowercase());
        }
        out.push_str(chars.as_str());
    }
}

fn capitalize(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    push_cased(&mut out, s, true);
    out
}

fn lower_first(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    push_cased(&mut out, s, false);
    out
}

/// Byte offset where the head of compound `word` begins, if it is one.
fn split_compound(word: &str, nouns: &HashSet<&str>, inner: &HashSet<String>) -> Option<usize> {
    if let Some(h) = word.rfind('-') {
        let (left, right) = (&word[..h], &word[h + 1..]);
        let ok = left.chars().filter(|c| c.is_alphanumeric()).count() >= 2
            && right.chars().count() >= 3
            && right.chars().next().is_some_and(char::is_uppercase)
            && nouns.contains(right);
        return ok.then_some(h + 1);
    }
    if word.chars().count() < 7 || !word.chars().next().is_some_and(char::is_uppercase) {
        return None;
    }
    for (split, _) in word.char_indices().skip(3) {
        let (prefix, rest) = word.split_at(split);
        if rest.chars().count() < 4 || !rest.chars().next().is_some_and(char::is_lowercase) {
            continue;
        }
        if !inner.contains(rest) {
            continue;
        }
        let modifier_ok = nouns.contains(prefix)
            || LINKERS.iter().any(|l| {
                prefix
                    .strip_suffix(l)
                    .is_some_and(|stem| stem.chars().count() >= 3 && nouns.contains(stem))
            });
        if modifier_ok {
            return Some(split);
        }
    }
    None
}

/// Words: maximal runs of alphanumerics and inner hyphens.
pub(crate) fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '-'))
        .map(|w| w.trim_matches('-'))
        .filter(|w| !w.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;
    use rand_chacha::ChaCha8Rng;

    const TEXT: &str = "Der Frieden ist nah. Das Abkommen steht. Das Friedensabkommen wurde \
        unterzeichnet. Die Regierung tagte. Der Irak-Krieg endete. Der Krieg ist vorbei. \
        Die Wahl kommt. Der Bundestag wählt. Die Bundestagswahl folgt. Neue Abkommens-Texte.";

    #[test]
    fn learns_modifiers_with_linking_elements_and_heads() {
        let lex = Lexicon::learn([TEXT]);
        assert!(lex.modifiers.iter().any(|m| m == "Friedens"));
        assert!(lex.modifiers.iter().any(|m| m == "Bundestags"));
        assert!(lex.modifiers.iter().any(|m| m == "Irak-"));
        assert!(lex.modifiers.iter().any(|m| m == "Regierungs"));
        assert!(lex.heads.contains("Abkommen") && lex.heads.contains("Wahl"));
        assert!(!lex.heads.contains("Der"));
    }

    #[test]
    fn sites_cover_compounds_and_bare_heads() {
        let lex = Lexicon::learn([TEXT]);
        let s = "Das Friedensabkommen und die Wahl.";
        let sites = lex.sites(s);
        let heads: Vec<&str> = sites
            .iter()
            .map(|x| &s[x.head as usize..x.end as usize])
            .collect();
        assert_eq!(heads, vec!["abkommen", "Wahl"]);
    }

    #[test]
    fn synthesized_compounds_keep_the_head_and_casing() {
        let lex = Lexicon::learn([TEXT]);
        let s = "Die Wahl.";
        let site = lex.sites(s)[0];
        let mut rng = ChaCha8Rng::seed_from_u64(7);
        for second in [false, true] {
            for _ in 0..20 {
                let mut out = String::new();
                assert!(lex.synthesize(s, site, second, &mut rng, &mut out));
                assert!(out.ends_with("wahl") || out.ends_with("-Wahl"), "{out}");
                assert!(out.chars().next().is_some_and(char::is_uppercase), "{out}");
                assert!(out.len() > "Wahl".len());
            }
        }
    }
}
