//! The cue lexicon: reporting verbs, separable verbs with their particle, source frames
//! (`laut`, `nach Angaben`, `zufolge`, `demnach`) and Konjunktiv forms.
//!
//! The word list is data (`data/quotes/cues.tsv`, mined from the training split of the German
//! Wikinews quotation data) compiled into the library.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

const LEXICON: &str = include_str!("../../../data/quotes/cues.tsv");

/// What the lexicon knows about one lower-cased word form.
#[derive(Debug, Default, Clone)]
pub(crate) struct Entry {
    /// A reporting verb form that marks speech on its own.
    pub verb: bool,
    /// Particles this (separable) verb form needs at the clause end to be a cue.
    pub particles: Vec<&'static str>,
    /// `laut`, `gemäß`.
    pub prep: bool,
    /// A noun that makes `nach … NOUN` a source frame.
    pub nach_noun: bool,
    /// `zufolge`.
    pub post: bool,
    /// `demnach`, `wonach`.
    pub adv: bool,
    /// `heißt`/`hieß` (with `es`).
    pub imp: bool,
    /// A Konjunktiv form.
    pub konj: bool,
    /// A verb form that tells a speech act as an event (`forderte`, `kritisierte`).
    pub reported: bool,
}

impl Entry {
    /// A verb form that can be a cue (alone or with a particle).
    pub fn any_verb(&self) -> bool {
        self.verb || !self.particles.is_empty() || self.imp
    }
}

/// FNV-1a: the keys are short, fixed, trusted words; SipHash would dominate the lookup cost.
#[derive(Default)]
struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for &b in bytes {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

type Map = HashMap<&'static [u8], Entry, BuildHasherDefault<Fnv>>;

/// The lexicon plus a cheap pre-filter: which (first byte, byte length) pairs occur at all.
struct Lexicon {
    map: Map,
    /// `shape[first byte] & (1 << len)`: some form starts with that byte and has that length.
    shape: [u32; 256],
}

/// Longest word form in the lexicon (longer words are rejected without hashing).
const MAX_FORM: usize = 24;

fn lexicon() -> &'static Lexicon {
    static LEX: OnceLock<Lexicon> = OnceLock::new();
    LEX.get_or_init(|| {
        let mut map = Map::default();
        let mut shape = [0u32; 256];
        for line in LEXICON.lines() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let mut cols = line.split('\t');
            let (Some(class), Some(arg), Some(forms)) = (cols.next(), cols.next(), cols.next())
            else {
                continue;
            };
            for form in forms.split_whitespace() {
                if form.len() <= MAX_FORM {
                    shape[usize::from(form.as_bytes()[0])] |= 1 << form.len();
                }
                let e = map.entry(form.as_bytes()).or_default();
                match class {
                    "verb" => e.verb = true,
                    "sep" => e.particles.push(arg),
                    "prep" => e.prep = true,
                    "nach" => e.nach_noun = true,
                    "post" => e.post = true,
                    "adv" => e.adv = true,
                    "imp" => e.imp = true,
                    "konj" => e.konj = true,
                    "reported" => e.reported = true,
                    _ => {}
                }
            }
        }
        Lexicon { map, shape }
    })
}

/// Looks up a word (any case).
pub(crate) fn lookup(word: &str) -> Option<&'static Entry> {
    if word.len() > MAX_FORM {
        return None;
    }
    let lex = lexicon();
    let mut buf = [0u8; 4 * MAX_FORM];
    let mut len = 0;
    let first = word.as_bytes().first()?.to_ascii_lowercase();
    if first.is_ascii() && lex.shape[usize::from(first)] & (1 << word.len()) == 0 {
        // no form of this first letter and length (lower-casing ASCII keeps the length; a
        // non-ASCII letter later in the word may change it, so only ASCII words are rejected)
        if word.is_ascii() {
            return None;
        }
    }
    if word.is_ascii() {
        for (d, s) in buf.iter_mut().zip(word.bytes()) {
            *d = s.to_ascii_lowercase();
        }
        return lex.map.get(&buf[..word.len()]);
    }
    for c in word.chars() {
        for l in c.to_lowercase() {
            let n = l.len_utf8();
            if len + n > buf.len() {
                return None;
            }
            l.encode_utf8(&mut buf[len..len + n]);
            len += n;
        }
    }
    lex.map.get(&buf[..len])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lexicon_classes() {
        assert!(lookup("sagte").is_some_and(|e| e.verb));
        assert!(lookup("Teilte").is_some_and(|e| e.particles.contains(&"mit")));
        assert!(lookup("Laut").is_some_and(|e| e.prep));
        assert!(lookup("Angaben").is_some_and(|e| e.nach_noun));
        assert!(lookup("zufolge").is_some_and(|e| e.post));
        assert!(lookup("sei").is_some_and(|e| e.konj));
        assert!(lookup("Haus").is_none());
        let longest = LEXICON
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| l.split('\t').nth(2))
            .flat_map(|f| f.split_whitespace())
            .map(str::len)
            .max();
        assert!(longest.is_some_and(|l| l <= MAX_FORM));
    }
}
