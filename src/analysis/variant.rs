//! Name variants: a transliteration key for proper names, so that one spelling finds the
//! others (*Selenskyj* / *Selenski* / *Zelensky* / *Zelenskyy*, *Chodorkowski* /
//! *Khodorkovsky*, *Xi Jin-ping* / *Xi Jinping*).
//!
//! [`name_key`] maps a word to a skeleton in which the usual German, English and scholarly
//! transcriptions of Cyrillic (and other) names coincide. The [`VARIANT`](super::VARIANT)
//! analyzer emits that key for every capitalised word that is plausibly a name: not a stop
//! word, not a known German common word form (the Snowball vocabulary shipped in
//! `data/decompound`), not a word that stems like one (*Abgeordneten*) and not a compound of
//! known parts (*Bundesregierung*) — unless it is a word of a gazetteer actor's name or alias
//! (see `is_plausible_name`). German capitalises every noun, and without these rules *Ziege*
//! would find *Siege* and *Ratten* *Raten*. Words the vocabulary does not know (most names,
//! but also rare nouns) still get keys, so the keys are separate, marked, lower-weighted terms
//! (`\u{2}` + key, [`VARIANT_KEY_MARKER`](super::VARIANT_KEY_MARKER)) that no word can
//! match. Query words are keyed whatever their case (users type `selenski`), by the same rule.
//!
//! The rules, applied left to right on the lowercased, German-folded word (ä→a, ß→ss, …;
//! `č`/`ć` count as `tsch`, `š` as `sch`, `ž` as `zh`, `ł` as `l`):
//!
//! | spellings | key |
//! |---|---|
//! | `tsch`, `tch`, `ch`, `kh` | one sound class (Tschaikowski = Tchaikovsky, Chodorkowski = Khodorkovsky) |
//! | `sch`, `sh`, `zh` | one sound class (Mischustin = Mishustin, Schukow = Zhukov) |
//! | `w`, `v`; word-final `off`/`eff` | `v` (Lawrow = Lavrov, Romanoff = Romanow) |
//! | word-final `ew`/`ev`, `ow`/`ov` | one ending (Gorbatschow = Gorbachev, Medwedew = Medvedev) |
//! | `dsch`, `dzh` | as `j` (Ahmadinedschad = Ahmadinejad) |
//! | `j`, `y`, `i`, `ie` (so `ij`, `yj`, `yy`, `ii`) | `i` (Selenskyj = Selensky = Selenski, Kiew = Kyiv) |
//! | `z`, `ts`, `tz`, `s` | `s` (Zelensky = Selenski, Kuznetsov = Kusnezow) |
//! | `ck`, `c`, `q`, `k` | `k`; `x` → `ks`; `ph` → `f`; `th` → `t` |
//! | doubled letters | single (Zelenskyy, Mohammed = Mohamed) |
//! | hyphens and apostrophes inside the word | removed (Jin-ping = Jinping) |
//! | trailing genitive `-s` (not after `s`, 4+ letters remain) | removed (Putins = Putin; Mais ≠ Mai) |
//!
//! Words with digits get no key. [`name_key`] itself conflates some ordinary words (z/s:
//! *Zoll* and *Soll*; doubled letters: *Ratten* and *Raten*); the analyzers do not key such
//! common words, and the low weight of the variant keys keeps any remaining match of an
//! unknown word below every direct match.
//!
//! ```
//! use pressespiegel::analysis::name_key;
//!
//! let key = name_key("Selenskyj").unwrap();
//! for other in ["Selenski", "Zelensky", "Zelenskyy", "Selenskyjs"] {
//!     assert_eq!(name_key(other).unwrap(), key, "{other}");
//! }
//! assert_eq!(name_key("Chodorkowski"), name_key("Khodorkovsky"));
//! assert_eq!(name_key("Jin-ping"), name_key("Jinping"));
//! assert_ne!(name_key("Wien"), name_key("Bien"));
//! assert_eq!(name_key("G7"), None);
//! ```

use std::sync::Arc;

use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

use super::cache::{insert_local, SharedMemo};
use super::chain::{lower_into, MAX_TOKEN_CHARS};
use super::decompound::is_common_word;
use super::tokenizer::{Chunk, Scanner, Shape};
use super::{german, is_stop_word};
use crate::enrich::entities::Gazetteer;

/// Sound class of `tsch`/`tch`/`ch`/`kh` in keys.
const CH: char = 'C';
/// Sound class of `sch`/`sh`/`zh` in keys.
const SH: char = 'S';

/// The transliteration key of a word (any case), or `None` if it has no letters or contains
/// a digit or other non-letter (hyphens and apostrophes inside the word are dropped).
pub fn name_key(word: &str) -> Option<String> {
    let mut lower = String::new();
    lower_into(word, &mut lower);
    let mut key = String::new();
    key_into(&lower, &mut KeyBuffers::default(), &mut key).then_some(key)
}

/// Reusable buffers for [`key_into`].
#[derive(Default, Clone)]
pub(crate) struct KeyBuffers {
    pre: String,
    folded: String,
    chars: Vec<char>,
    mapped: Vec<char>,
}

/// Write the key of an already lowercased word into `out` (cleared first). Returns `false`
/// when the word has no key.
fn key_into(lower: &str, buffers: &mut KeyBuffers, out: &mut String) -> bool {
    out.clear();
    let KeyBuffers {
        pre,
        folded: scratch,
        chars,
        mapped,
    } = buffers;
    scratch.clear();
    pre.clear();
    chars.clear();
    mapped.clear();
    // Letters with a caron or acute that stand for a transliterated sibilant.
    let lower: &str = if lower.is_ascii() {
        lower
    } else {
        for c in lower.chars() {
            match c {
                'č' | 'ć' => pre.push_str("tsch"),
                'š' | 'ś' => pre.push_str("sch"),
                'ž' | 'ź' | 'ż' => pre.push_str("zh"),
                'ł' => pre.push('l'),
                _ => pre.push(c),
            }
        }
        pre.as_str()
    };
    german::fold_into(lower, scratch);
    for c in scratch.chars() {
        if super::tokenizer::is_hyphen(c) || super::tokenizer::is_apostrophe(c) || c == '\'' {
            continue;
        }
        if !c.is_alphabetic() {
            return false;
        }
        chars.push(c);
    }
    // Genitive -s (Putins, Selenskyjs); not after s (Strauss), and only when 4 letters
    // remain (Mais ≠ Mai, Kurs ≠ Kur).
    if chars.len() >= 5 && chars[chars.len() - 1] == 's' && chars[chars.len() - 2] != 's' {
        chars.pop();
    }
    let n = chars.len();
    if n == 0 {
        return false;
    }
    let at = |i: usize| chars.get(i).copied().unwrap_or('\0');
    let starts = |i: usize, s: &str| s.chars().enumerate().all(|(k, c)| at(i + k) == c);
    let mut i = 0;
    while i < n {
        let (class, len): (&[char], usize) = if starts(i, "dsch") || starts(i, "dzh") {
            // English j (Ahmadinejad = Ahmadinedschad, Dschihad = Jihad).
            (&['i'], if at(i + 1) == 's' { 4 } else { 3 })
        } else if starts(i, "tsch") {
            (&[CH], 4)
        } else if starts(i, "sch") {
            (&[SH], 3)
        } else if starts(i, "tch") {
            (&[CH], 3)
        } else if starts(i, "ch") || starts(i, "kh") {
            (&[CH], 2)
        } else if starts(i, "sh") || starts(i, "zh") {
            (&[SH], 2)
        } else if starts(i, "ck") {
            (&['k'], 2)
        } else if starts(i, "ph") {
            (&['f'], 2)
        } else if starts(i, "th") {
            (&['t'], 2)
        } else if starts(i, "ie") {
            // German long i: Kiew = Kyjiw = Kyiv, Dmitrij = Dmitriy.
            (&['i'], 2)
        } else if starts(i, "ts") || starts(i, "tz") {
            (&['s'], 2)
        } else if i + 3 == n && (starts(i, "off") || starts(i, "eff")) {
            // Romanoff, Medvedeff: the French-style -ff for -w/-v.
            mapped.push(at(i));
            (&['v'], 3)
        } else {
            match at(i) {
                'w' | 'v' => (&['v'], 1),
                'z' | 's' => (&['s'], 1),
                'j' | 'y' | 'i' => (&['i'], 1),
                'c' | 'q' | 'k' => (&['k'], 1),
                'x' => (&['k', 's'], 1),
                _ => {
                    mapped.push(at(i));
                    i += 1;
                    continue;
                }
            }
        };
        mapped.extend_from_slice(class);
        i += len;
    }
    // Russian -ев/-ёв: Medwedew = Medvedev, Gorbatschow = Gorbachev.
    let m = mapped.len();
    if m >= 4 && mapped[m - 1] == 'v' && mapped[m - 2] == 'e' {
        mapped[m - 2] = 'o';
    }
    let mut prev = None;
    for &c in mapped.iter() {
        if Some(c) != prev {
            out.push(c);
        }
        prev = Some(c);
    }
    true
}

/// The lowercase words (and hyphen chunks) of the names, aliases and surnames of the built-in
/// gazetteer actors: these always get a key, even when they are also common words.
fn actor_words() -> &'static rustc_hash::FxHashSet<String> {
    static WORDS: std::sync::OnceLock<rustc_hash::FxHashSet<String>> = std::sync::OnceLock::new();
    WORDS.get_or_init(|| {
        let gazetteer = Gazetteer::builtin();
        let mut words = rustc_hash::FxHashSet::default();
        let mut lower = String::new();
        for actor in gazetteer.actor_list() {
            let names = std::iter::once(&actor.name)
                .chain(&actor.aliases)
                .chain(&actor.surnames);
            for name in names {
                for word in name.split(|c: char| c.is_whitespace() || c == '-') {
                    lower_into(
                        word.trim_matches(|c: char| !c.is_alphanumeric()),
                        &mut lower,
                    );
                    if !lower.is_empty() {
                        words.insert(lower.clone());
                    }
                }
            }
        }
        words
    })
}

/// Whether a lowercase word (or hyphen chunk) is plausibly a name and so gets a variant key:
/// every word of a gazetteer actor name or alias (also with a genitive `-s`), and every other
/// word that
///
/// - is not a known German common word form ([`is_common_word`]: `siege`, `raten`, `mai`),
/// - does not stem like one (an inflected form the vocabulary lacks: *Abgeordneten*,
///   *Belegschaften*), and
/// - does not split into known parts (a compound of common words: *Bundesregierung*,
///   *Autobahn*, *Asylfrage*) and is not a common stem + a noun suffix (*Belegschaft*);
///   only for words without hyphens.
///
/// German capitalises all nouns; without these rules *Ziege* would find *Siege*, *Ratten*
/// *Raten*, and every inflected or compound common noun would get a key. A
/// hyphenated word is judged by its whole form (and each chunk on its own).
pub(crate) fn is_plausible_name(lower: &str) -> bool {
    let words = actor_words();
    let known = |w: &str| words.contains(w);
    if known(lower) || lower.strip_suffix('s').is_some_and(known) {
        return true;
    }
    if is_common_word(lower) {
        return false;
    }
    let mut stem = String::new();
    super::stem::word_term_into(lower, true, &mut stem);
    if super::stem::is_common_stem(&stem) {
        return false;
    }
    let plain = lower.chars().all(char::is_alphabetic);
    !(plain && (is_derived_common(lower) || !super::compound::split(lower).is_empty()))
}

/// German noun suffixes that derive common nouns from common stems (*Beleg|schaft*,
/// *Halt|ung*, *Frei|heit*); names rarely end in them.
const NOUN_SUFFIXES: &[&str] = &["schaft", "ung", "heit", "keit", "tum", "nis"];

/// Whether a lowercase alphabetic word is a common stem + a noun suffix ([`NOUN_SUFFIXES`],
/// also in the plural): *Belegschaft(en)*, *Zeugnisse*.
fn is_derived_common(lower: &str) -> bool {
    let singular = [
        lower.strip_suffix("en"),
        lower.strip_suffix("se"),
        Some(lower),
    ];
    let mut stem = String::new();
    for word in singular.into_iter().flatten() {
        for suffix in NOUN_SUFFIXES {
            let Some(base) = word.strip_suffix(suffix) else {
                continue;
            };
            if base.chars().count() < 3 {
                continue;
            }
            if is_common_word(base) {
                return true;
            }
            stem.clear();
            super::stem::term_into(base, &mut stem);
            if super::stem::is_common_stem(&stem) {
                return true;
            }
        }
    }
    false
}

/// Maximal number of lowercase words whose variant key is cached per thread.
const KEY_CACHE_CAPACITY: usize = 50_000;

thread_local! {
    /// Lowercase word → its index key, or `None` when the index gives it none (stop word,
    /// common word, no key). News vocabulary is Zipfian: most capitalised words repeat.
    static KEY_CACHE: std::cell::RefCell<rustc_hash::FxHashMap<Box<str>, Option<Arc<str>>>> =
        std::cell::RefCell::new(rustc_hash::FxHashMap::default());
}

/// Behind [`KEY_CACHE`]: the keys any thread has computed, so new writer threads start warm
/// (see [`super::cache`]).
static SHARED_KEYS: SharedMemo<Option<Arc<str>>> = SharedMemo::new(100_000);

/// Write the index key of the lowercase word `lower` into `key` (cleared first) and return
/// `true`, or return `false` when the index keys no such word: a stop word, a word that is
/// not plausibly a name ([`is_plausible_name`]) or one without a key. Cached per thread and
/// process-wide (invisible in the output).
fn cached_key(lower: &str, buffers: &mut KeyBuffers, key: &mut String) -> bool {
    key.clear();
    KEY_CACHE.with(|cache| {
        let mut cache = cache.borrow_mut();
        // A local hit copies the key without touching the reference count: the indexing
        // threads share these `Arc`s (through `SHARED_KEYS`), and an atomic increment on
        // every capitalised word would bounce their cache lines between the cores.
        if let Some(cached) = cache.get(lower) {
            return match cached {
                Some(k) => {
                    key.push_str(k);
                    true
                }
                None => false,
            };
        }
        let cached = SHARED_KEYS.get_or_insert_with(lower, || {
            let keyed =
                !is_stop_word(lower) && is_plausible_name(lower) && key_into(lower, buffers, key);
            keyed.then(|| key.as_str().into())
        });
        insert_local(&mut cache, KEY_CACHE_CAPACITY, lower, cached.clone());
        key.clear();
        match cached {
            Some(k) => {
                key.push_str(&k);
                true
            }
            None => false,
        }
    })
}

/// The variant keys of one query literal: one `(position, key)` per word, or empty when a
/// word has no key (then the literal gets no variant clause): a word with digits, or a common
/// word or stop word that the index never keys ([`is_plausible_name`]).
pub(crate) fn query_keys(text: &str) -> Vec<(usize, String)> {
    let mut scanner = Scanner::new(text);
    let mut out = Vec::new();
    let mut lower = String::new();
    let mut buffers = KeyBuffers::default();
    let mut key = String::new();
    let mut position = 0;
    while let Some(word) = scanner.next_word() {
        if word.shape != Shape::Plain {
            return Vec::new();
        }
        lower_into(&text[word.start..word.end], &mut lower);
        // The index has no keys for common words (see `is_plausible_name`): a literal with
        // one can never match a variant key.
        if !is_plausible_name(&lower) || !key_into(&lower, &mut buffers, &mut key) {
            return Vec::new();
        }
        out.push((position, key.clone()));
        position += 1;
    }
    out
}

/// The variant keys of one scanned word: the key of the whole word (hyphens removed) and the
/// keys of its capitalised hyphen chunks, each once, with the (chunk's) byte offsets. Shared by
/// the [`VariantTokenizer`] and the indexing [`TEXT`](super::TEXT) analyzer, which writes them
/// as marked terms ([`super::VARIANT_KEY_MARKER`]).
#[derive(Default, Clone)]
pub(crate) struct WordKeys {
    lower: String,
    buffers: KeyBuffers,
    key: String,
    /// The keys of the current word, concatenated.
    keys: String,
    found: Vec<Pending>,
}

impl WordKeys {
    /// Compute the keys of the word `text[start..end]` whose hyphen chunks are `chunks`.
    pub(crate) fn fill(&mut self, text: &str, start: usize, end: usize, chunks: &[Chunk]) {
        self.found.clear();
        self.keys.clear();
        self.push(text, start, end);
        if chunks.len() > 1 {
            for c in chunks {
                self.push(text, c.start, c.end);
            }
        }
    }

    /// The keys found by the last [`Self::fill`]: (key, byte start, byte end).
    pub(crate) fn iter(&self) -> impl Iterator<Item = (&str, usize, usize)> {
        self.found
            .iter()
            .map(|p| (&self.keys[p.key.clone()], p.start, p.end))
    }

    /// The key [`Self::fill`] finds for a word of one chunk whose surface is `surface`, if
    /// any (what the word cache of the indexing chain stores with the word's tokens). Leaves
    /// the keys of the last `fill` as they were only if it returns `None`.
    pub(crate) fn key_of(&mut self, surface: &str) -> Option<&str> {
        self.clear();
        self.push(surface, 0, surface.len());
        self.get(0).map(|(key, _, _)| key)
    }

    fn get(&self, i: usize) -> Option<(&str, usize, usize)> {
        self.found
            .get(i)
            .map(|p| (&self.keys[p.key.clone()], p.start, p.end))
    }

    fn clear(&mut self) {
        self.found.clear();
        self.keys.clear();
    }

    fn push(&mut self, text: &str, start: usize, end: usize) {
        let surface = &text[start..end];
        // Most words are lowercase: decide on the first character before any work.
        if !surface.chars().next().is_some_and(char::is_uppercase) {
            return;
        }
        if surface.len() > MAX_TOKEN_CHARS && surface.chars().nth(MAX_TOKEN_CHARS).is_some() {
            return;
        }
        lower_into(surface, &mut self.lower);
        if !cached_key(&self.lower, &mut self.buffers, &mut self.key) {
            return;
        }
        let keys = &self.keys;
        if self.found.iter().any(|p| keys[p.key.clone()] == *self.key) {
            return;
        }
        let from = self.keys.len();
        self.keys.push_str(&self.key);
        self.found.push(Pending {
            key: from..self.keys.len(),
            start,
            end,
        });
    }
}

/// The variant tokens of `text` ([`TokenKind::Variant`](super::TokenKind::Variant)): for each
/// capitalised word that is plausibly a name ([`is_plausible_name`]), the key of the whole
/// word (hyphens removed) and the keys of its capitalised hyphen chunks ([`WordKeys`]), at the
/// word's position with its (chunk's) offsets. Positions count words exactly as the other
/// analyzers do.
#[derive(Default)]
pub(crate) struct VariantTokenizer {
    keys: WordKeys,
}

impl Clone for VariantTokenizer {
    fn clone(&self) -> Self {
        VariantTokenizer::new()
    }
}

impl VariantTokenizer {
    pub(crate) fn new() -> Self {
        VariantTokenizer::default()
    }
}

/// A variant key of a word: its range in the word's key buffer and its offsets.
#[derive(Clone)]
struct Pending {
    key: std::ops::Range<usize>,
    start: usize,
    end: usize,
}

/// Token stream of [`VariantTokenizer`].
pub(crate) struct VariantTokenStream<'a> {
    text: &'a str,
    scanner: Scanner<'a>,
    keys: &'a mut WordKeys,
    cursor: usize,
    next_position: usize,
    token: Token,
}

impl Tokenizer for VariantTokenizer {
    type TokenStream<'a> = VariantTokenStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> VariantTokenStream<'a> {
        self.keys.clear();
        VariantTokenStream {
            text,
            scanner: Scanner::new(text),
            keys: &mut self.keys,
            cursor: 0,
            next_position: 0,
            token: Token::default(),
        }
    }
}

impl TokenStream for VariantTokenStream<'_> {
    fn advance(&mut self) -> bool {
        loop {
            if let Some((key, start, end)) = self.keys.get(self.cursor) {
                self.cursor += 1;
                self.token.text.clear();
                self.token.text.push_str(key);
                self.token.offset_from = start;
                self.token.offset_to = end;
                self.token.position = self.next_position - 1;
                self.token.position_length = 1;
                return true;
            }
            let Some(word) = self.scanner.next_word() else {
                return false;
            };
            self.next_position += 1;
            self.cursor = 0;
            if word.shape == Shape::Plain {
                self.keys
                    .fill(self.text, word.start, word.end, self.scanner.chunks());
            } else {
                self.keys.clear();
            }
        }
    }

    fn token(&self) -> &Token {
        &self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.token
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cached_key_agrees_with_uncached_rules() {
        let words = [
            "selenskyj",
            "siege",
            "ziege",
            "der",
            "putins",
            "g7",
            "merz",
            "raten",
            "jin-ping",
        ];
        let mut buffers = KeyBuffers::default();
        let (mut cached, mut direct) = (String::new(), String::new());
        for round in 0..2 {
            for w in words {
                let got = cached_key(w, &mut buffers, &mut cached);
                let want = !is_stop_word(w)
                    && is_plausible_name(w)
                    && key_into(w, &mut buffers, &mut direct);
                assert_eq!(got, want, "{w} round {round}");
                if want {
                    assert_eq!(cached, direct, "{w} round {round}");
                }
            }
        }
        assert!(cached_key("selenskyj", &mut buffers, &mut cached));
        assert!(!cached_key("siege", &mut buffers, &mut cached));
    }

    /// Whether the index gives the capitalised word a key (what the VARIANT analyzer emits).
    fn indexed_key(word: &str) -> bool {
        let mut tokenizer = VariantTokenizer::new();
        let mut stream = tokenizer.token_stream(word);
        stream.advance()
    }

    #[test]
    fn only_name_like_words_get_keys() {
        // Names, also when the vocabulary does not know them, and their genitives.
        for name in [
            "Selenskyj",
            "Zelensky",
            "Selenskyjs",
            "Chodorkowski",
            "Lawrow",
        ] {
            assert!(indexed_key(name), "{name}");
        }
        // An inflected form of a common word the vocabulary lacks (stems like a known form).
        for word in ["Abgeordneten", "Belegschaft", "Belegschaften"] {
            assert!(!indexed_key(word), "{word}");
        }
        // Compounds of known parts.
        for word in ["Bundesregierung", "Autobahn", "Asylfrage", "Angriffskrieg"] {
            assert!(!indexed_key(word), "{word}");
        }
        // Gazetteer actor names keep their keys even when they are common words or split.
        for name in ["Merz", "Steinmeier", "Scholz"] {
            assert!(indexed_key(name), "{name}");
        }
        // The query side follows the same rule.
        assert!(query_keys("Abgeordneten").is_empty());
        assert_eq!(query_keys("Zelensky").len(), 1);
    }

    fn key(w: &str) -> String {
        name_key(w).unwrap_or_default()
    }

    fn same(group: &[&str]) {
        let k = key(group[0]);
        for w in group {
            assert_eq!(key(w), k, "{w} vs {}", group[0]);
        }
    }

    #[test]
    fn required_groups() {
        same(&[
            "Selenskyj",
            "Selenski",
            "Zelensky",
            "Zelenskyy",
            "Zelenskiy",
        ]);
        same(&["Wladimir", "Vladimir"]);
        same(&["Mischustin", "Mishustin"]);
        same(&["Lawrow", "Lavrov", "Lawrows"]);
        same(&["Nawalny", "Navalny", "Nawalnyj"]);
        same(&["Chodorkowski", "Khodorkovsky", "Chodorkowskij"]);
        same(&["Jin-ping", "Jinping"]);
        same(&["Tschaikowski", "Tchaikovsky", "Čajkovskij"]);
        same(&["Kuznetsov", "Kusnezow"]);
        same(&["Schoigu", "Shoigu"]);
        same(&["Romanoff", "Romanow", "Romanov"]);
        same(&["Mohammed", "Mohamed"]);
        same(&["Kiew", "Kiev", "Kyiv", "Kyjiw"]);
        same(&["Gorbatschow", "Gorbachev", "Gorbatschows"]);
        same(&["Medwedew", "Medvedev"]);
        same(&["Ahmadinedschad", "Ahmadinejad", "Ahmadinedschads"]);
        same(&["Janukowitsch", "Janukowytsch", "Yanukovych"]);
        same(&["Timoschenko", "Tymoshenko"]);
        same(&["Strauß", "Strauss"]);
    }

    #[test]
    fn distinct_words_stay_apart() {
        for (a, b) in [
            ("Wien", "Bien"),
            ("Putin", "Putsch"),
            ("Bürger", "Burg"),
            ("Lawrow", "Lauer"),
            ("Xi", "Li"),
            ("Wien", "Wein"),
            ("Mais", "Mai"),
            ("Kurs", "Kur"),
        ] {
            assert_ne!(key(a), key(b), "{a} / {b}");
        }
    }

    #[test]
    fn no_key_for_numbers() {
        assert_eq!(name_key("G7"), None);
        assert_eq!(name_key(""), None);
        assert_eq!(name_key("-"), None);
    }

    fn tokens(text: &str) -> Vec<(String, usize, &str)> {
        let mut t = VariantTokenizer::new();
        let mut s = t.token_stream(text);
        let mut out = Vec::new();
        while s.advance() {
            let tok = s.token();
            out.push((
                tok.text.clone(),
                tok.position,
                &text[tok.offset_from..tok.offset_to],
            ));
        }
        out
    }

    #[test]
    fn stream_keys_capitalised_words_only() {
        let got = tokens("Die Regierung von Xi Jin-ping und der Selenskyj-Besuch am 3. Mai");
        let view: Vec<_> = got.iter().map(|(k, p, s)| (k.clone(), *p, *s)).collect();
        // Common nouns (Regierung, Besuch, Mai) get no key.
        let expected: Vec<(String, usize, &str)> = [
            ("Xi", 3),
            ("Jin-ping", 4),
            ("Jin", 4),
            ("Selenskyj-Besuch", 7),
            ("Selenskyj", 7),
        ]
        .into_iter()
        .map(|(s, p)| (key(s), p, s))
        .collect();
        assert_eq!(view, expected);
        // Only the lowercase `ping` chunk and the stop words are left out.
        assert_eq!(key("Jin-ping"), key("Jinping"));
    }

    #[test]
    fn query_keys_ignore_case() {
        assert_eq!(
            query_keys("selenski"),
            vec![(0, key("Selenskyj"))],
            "lowercase query words are keyed"
        );
        assert!(query_keys("G7").is_empty());
    }

    #[test]
    fn common_nouns_get_no_key() {
        // name_key alone conflates them ...
        assert_eq!(key("Ziege"), key("Siege"));
        assert_eq!(key("Ratten"), key("Raten"));
        // ... but the known common word of each pair is not keyed, in documents or queries.
        for word in ["Siege", "Raten", "Regierung", "Mai"] {
            assert!(tokens(word).is_empty(), "{word}");
            assert!(query_keys(word).is_empty(), "{word}");
        }
        assert!(query_keys("Putins Krieg").is_empty());
        // Names keep their keys, also when a word of the name is a common word (Kohl).
        for word in ["Selenskyj", "Putins", "Lawrow", "Kohl", "Xi"] {
            assert_eq!(tokens(word).len(), 1, "{word}");
            assert_eq!(query_keys(word).len(), 1, "{word}");
        }
        assert_eq!(query_keys("Wladimir Putin").len(), 2);
    }
}
