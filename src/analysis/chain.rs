//! The three analysis chains as one tantivy [`Tokenizer`]: scan words, lowercase, then
//! (depending on the mode) fold, stem and add compound parts.
//!
//! Per word the chain emits, all at the word's position (+1 per word):
//!
//! 1. the whole word ([`TokenKind::Word`]);
//! 2. TEXT and EXACT: if the word has hyphen/apostrophe/ampersand chunks, each chunk as a
//!    [`TokenKind::Part`] with its own offsets (single-letter chunks next to an apostrophe or
//!    `&` are skipped: `geht’s` → `geht’s`, `geht`; `O'Brien` → `o'brien`, `brien`);
//! 3. TEXT only: the compound parts [`compound::split`] finds in the word (single-chunk
//!    words) or in each chunk, as [`TokenKind::Part`] with their own offsets; the analyzer
//!    tantivy indexes with ([`NewsAnalyzer::indexing`]) writes their terms with the
//!    [`super::COMPOUND_PART_MARKER`] in front;
//! 4. the indexing TEXT analyzer only, for a plain word: its name-variant keys
//!    ([`WordKeys`]) as [`TokenKind::Variant`] terms [`super::VARIANT_KEY_MARKER`] + key, with
//!    the (chunk's) offsets;
//! 5. TEXT and EXACT, for a URL: its host (`www.tagesschau.de`) as a [`TokenKind::Part`]
//!    (kept even when the URL itself is too long to index).
//!
//! Terms: lowercase (full Unicode, per character) with every apostrophe variant written `'`;
//! TEXT and QUERY then fold and stem ([`stem`]); URLs and e-mail addresses are only
//! lowercased. Tokens longer than [`MAX_TOKEN_CHARS`] characters are dropped (the position is
//! still used, like tantivy's `RemoveLongFilter`); a term already emitted at the same
//! position is not repeated. Tokens come out in non-decreasing start offset.
//!
//! Speed: TEXT keeps a per-thread cache from a word (or chunk) surface to its tokens (term and
//! stemmed compound parts, before the per-word deduplication), so a repeated word costs one
//! hash lookup; the cache is invisible in the output.

use std::collections::HashSet;
use std::ops::Range;

use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

use super::cache::{insert_local, SharedMemo};
use super::tokenizer::{is_apostrophe, Chunk, Joiner, Scanner, Shape, Word};
use super::variant::WordKeys;
use super::{compound, stem, TokenKind};

/// Tokens longer than this many characters are dropped.
pub(crate) const MAX_TOKEN_CHARS: usize = 64;

/// Which chain.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mode {
    /// Indexing: words, parts, compound parts; folded and stemmed.
    Text,
    /// Query: whole words only; folded and stemmed.
    Query,
    /// Exact: words and chunk parts; lowercased only.
    Exact,
}

/// The compound splitter signature (see [`compound::split`]).
pub(crate) type SplitFn = fn(&str) -> Vec<Range<usize>>;

/// A tantivy tokenizer running one of the pressespiegel chains.
#[derive(Clone)]
pub(crate) struct NewsAnalyzer {
    mode: Mode,
    split: SplitFn,
    buffers: WordBuffers,
}

impl NewsAnalyzer {
    pub(crate) fn new(mode: Mode) -> Self {
        let mut analyzer = NewsAnalyzer::with_splitter(mode, compound::split);
        // The real splitter and stemmer are pure: a word's tokens can be cached.
        analyzer.buffers.word_cache = true;
        analyzer
    }

    /// The TEXT chain as tantivy indexes it: compound parts are written as marked terms
    /// ([`super::COMPOUND_PART_MARKER`] + stem), so a whole word and a compound part with the
    /// same stem are different terms, and after each word's own tokens come its name-variant
    /// keys as marked terms ([`super::VARIANT_KEY_MARKER`] + key, [`TokenKind::Variant`]).
    pub(crate) fn indexing() -> Self {
        let mut analyzer = NewsAnalyzer::new(Mode::Text);
        analyzer.buffers.mark_compound_parts = true;
        analyzer.buffers.variant_keys = Some(Box::default());
        analyzer
    }

    pub(crate) fn with_splitter(mode: Mode, split: SplitFn) -> Self {
        NewsAnalyzer {
            mode,
            split,
            buffers: WordBuffers::default(),
        }
    }
}

impl Tokenizer for NewsAnalyzer {
    type TokenStream<'a> = NewsTokenStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> NewsTokenStream<'a> {
        self.buffers.clear();
        NewsTokenStream {
            text,
            scanner: Scanner::new(text),
            mode: self.mode,
            split: self.split,
            buffers: &mut self.buffers,
            cursor: 0,
            next_position: 0,
            token: Token::default(),
            kind: TokenKind::Word,
        }
    }
}

/// The token stream of [`NewsAnalyzer`]. Besides the tantivy token it knows the
/// [`TokenKind`] of the current token.
pub(crate) struct NewsTokenStream<'a> {
    text: &'a str,
    scanner: Scanner<'a>,
    mode: Mode,
    split: SplitFn,
    buffers: &'a mut WordBuffers,
    cursor: usize,
    next_position: usize,
    token: Token,
    kind: TokenKind,
}

impl NewsTokenStream<'_> {
    /// Kind of the current token.
    pub(crate) fn kind(&self) -> TokenKind {
        self.kind
    }

    fn fill(&mut self, word: Word) {
        let b = &mut *self.buffers;
        b.clear();
        let text = self.text;
        match word.shape {
            Shape::Email => {
                b.emit(
                    text,
                    word.start,
                    word.end,
                    TokenKind::Word,
                    Mode::Exact,
                    None,
                );
            }
            Shape::Url => {
                b.emit(
                    text,
                    word.start,
                    word.end,
                    TokenKind::Word,
                    Mode::Exact,
                    None,
                );
                let (host_start, host_end) = url_host(text, word.start, word.end);
                if self.mode != Mode::Query && (host_start, host_end) != (word.start, word.end) {
                    b.emit(
                        text,
                        host_start,
                        host_end,
                        TokenKind::Part,
                        Mode::Exact,
                        None,
                    );
                }
            }
            Shape::Plain => {
                let chunks = self.scanner.chunks();
                let text_split = (self.mode == Mode::Text).then_some(self.split);
                // The common case, a word of one chunk: one cache lookup yields its tokens
                // and its variant key.
                if chunks.len() <= 1 && b.emit_whole_word(text, word.start, word.end, text_split) {
                    return;
                }
                if chunks.len() <= 1 {
                    b.emit(
                        text,
                        word.start,
                        word.end,
                        TokenKind::Word,
                        self.mode,
                        text_split,
                    );
                } else {
                    b.emit(text, word.start, word.end, TokenKind::Word, self.mode, None);
                    if self.mode != Mode::Query {
                        for chunk in chunks.iter().filter(|c| is_emitted_chunk(text, c)) {
                            b.emit(
                                text,
                                chunk.start,
                                chunk.end,
                                TokenKind::Part,
                                self.mode,
                                text_split,
                            );
                        }
                    }
                }
                if let Some(mut keys) = b.variant_keys.take() {
                    keys.fill(text, word.start, word.end, chunks);
                    for (key, start, end) in keys.iter() {
                        b.scratch.clear();
                        b.scratch.push(super::VARIANT_KEY_MARKER);
                        b.scratch.push_str(key);
                        b.push_scratch(start, end, TokenKind::Variant);
                    }
                    b.variant_keys = Some(keys);
                }
            }
        }
    }
}

/// Byte range of the host of the URL at `text[start..end]` (`www.tagesschau.de` in
/// `https://www.tagesschau.de/ausland`): without scheme, path, query, fragment and port.
fn url_host(text: &str, start: usize, end: usize) -> (usize, usize) {
    let url = &text[start..end];
    let host_start = url.find("://").map_or(0, |i| i + 3);
    let host_len = url[host_start..]
        .find(['/', '?', '#', ':'])
        .unwrap_or(url.len() - host_start);
    (start + host_start, start + host_start + host_len)
}

/// Single-letter chunks next to an apostrophe or `&` (`geht’s` → `s`) are noise.
fn is_emitted_chunk(text: &str, chunk: &Chunk) -> bool {
    let non_hyphen = |j: Option<Joiner>| j.is_some_and(|j| j != Joiner::Hyphen);
    if !(non_hyphen(chunk.before) || non_hyphen(chunk.after)) {
        return true;
    }
    text[chunk.start..chunk.end].chars().nth(1).is_some()
}

impl TokenStream for NewsTokenStream<'_> {
    fn advance(&mut self) -> bool {
        loop {
            if let Some(p) = self.buffers.pending.get(self.cursor) {
                self.cursor += 1;
                let term = &self.buffers.terms[p.term.clone()];
                // Compound parts carry the marker inside the buffers in every chain (a part
                // and a whole word or hyphen part with the same text are two tokens, as in
                // the index); only the indexing chain emits it.
                let term = match self.buffers.mark_compound_parts {
                    true => term,
                    false => term
                        .strip_prefix(super::COMPOUND_PART_MARKER)
                        .unwrap_or(term),
                };
                self.token.text.clear();
                self.token.text.push_str(term);
                self.token.offset_from = p.start;
                self.token.offset_to = p.end;
                self.token.position = self.next_position - 1;
                self.token.position_length = 1;
                self.kind = p.kind;
                return true;
            }
            let Some(word) = self.scanner.next_word() else {
                return false;
            };
            self.next_position += 1;
            self.cursor = 0;
            self.fill(word);
        }
    }

    fn token(&self) -> &Token {
        &self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.token
    }
}

#[derive(Clone)]
struct Pending {
    term: Range<usize>,
    start: usize,
    end: usize,
    kind: TokenKind,
}

/// Reusable per-word buffers: the tokens of the current word and scratch strings.
#[derive(Clone, Default)]
struct WordBuffers {
    /// All terms of the current word, concatenated.
    terms: String,
    pending: Vec<Pending>,
    lower: String,
    scratch: String,
    /// Dedup set, only used for words with very many parts.
    seen: HashSet<String>,
    /// The tokens of one `emit` call before deduplication (terms in `raw_terms`).
    raw: Vec<Pending>,
    raw_terms: String,
    /// Whether `raw[0]` is the word's own token (else all of `raw` are compound parts).
    raw_own: bool,
    /// Whether TEXT words with compound splitting use the per-thread [`WORD_CACHE`].
    word_cache: bool,
    /// Whether compound parts are emitted as marked terms (what tantivy indexes). The
    /// buffers hold them marked either way, so deduplication treats a compound part and a
    /// word with the same text as two tokens in every chain.
    mark_compound_parts: bool,
    /// When set, each plain word's name-variant keys follow its tokens as marked terms.
    variant_keys: Option<Box<WordKeys>>,
    /// Computes the variant key stored with a word in the [`WORD_ENTRIES`] cache (whether or
    /// not this analyzer emits keys: the cache is shared by every TEXT analyzer of a thread).
    key_calc: WordKeys,
}

/// One cached token of a word: term, byte offsets relative to the word start, and whether it
/// is the word's own token (else a compound part).
type CachedToken = (Box<str>, usize, usize, bool);

/// The cached tokens of one surface (shared between the per-thread and the process-wide cache).
type CachedTokens = std::sync::Arc<[CachedToken]>;

/// Maximal number of surfaces in [`WORD_CACHE`] per thread (cleared when full).
const WORD_CACHE_CAPACITY: usize = 50_000;

thread_local! {
    /// Surface → the tokens `WordBuffers::emit` computes for it in TEXT mode with the compound
    /// splitter (term, then the stemmed parts), before deduplication. News vocabulary is
    /// Zipfian: one lookup here replaces the stem-cache, split-cache and part-stem lookups.
    /// Invisible in the output.
    static WORD_CACHE: std::cell::RefCell<rustc_hash::FxHashMap<Box<str>, CachedTokens>> =
        std::cell::RefCell::new(rustc_hash::FxHashMap::default());
}

/// Behind the per-thread [`WORD_CACHE`]: the tokens of words any thread has analysed, so a
/// new writer thread does not stem and split the whole vocabulary again (about 10–15 MB when
/// full; see [`super::cache`]).
static SHARED_WORD_CACHE: SharedMemo<CachedTokens> = SharedMemo::new(100_000);

const LINEAR_DEDUP_LIMIT: usize = 32;

/// Longest surface (bytes) whose entry [`WORD_ENTRIES`] keeps; longer words are analysed
/// each time (offsets in an entry are `u16`).
const MAX_ENTRY_SURFACE: usize = 1024;

/// Maximal number of words in [`WORD_ENTRIES`] per thread, and of bytes of their entries
/// (the cache is cleared when either is reached).
const ENTRY_CACHE_WORDS: usize = 100_000;
const ENTRY_CACHE_BYTES: usize = 8 << 20;

/// A hasher for keys that are already hashes (the 64-bit FxHash of a surface).
#[derive(Default, Clone, Copy)]
struct PassHasher(u64);

impl std::hash::Hasher for PassHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        // Only `write_u64` is used; fold anything else in for completeness.
        for &b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(b);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

/// The per-thread cache of the TEXT chain for words of one chunk: surface → one *entry*
/// holding the surface, its variant key and its tokens (term, offsets relative to the word,
/// whether the word's own token or a compound part) in consecutive bytes of one arena. A
/// lookup compares the 64-bit hash in the table and reads one place in memory (the old
/// maps chased a pointer to the key, one to the token list, one per term and two more for
/// the variant key: cache misses that cost more than the hashing). The arena is a `String`
/// and every integer of an entry is written in ASCII bytes (7 bits each, see [`put_num`]), so
/// the surface, key and terms are read back as `&str` slices without UTF-8 validation.
/// Layout of an entry (`N` = a two-byte number below 2^14): `N` surface length, surface;
/// `1` if a key follows (else `0`), `N` key length, key; `N` token count, per token `N`
/// start, `N` end, `1` own (else `0`), `N` term length, term. Invisible in the output (pure
/// function of the surface; a hash collision is a miss: the surface is compared).
#[derive(Default)]
struct EntryCache {
    index: std::collections::HashMap<u64, u32, std::hash::BuildHasherDefault<PassHasher>>,
    arena: String,
}

impl EntryCache {
    fn get(&self, hash: u64, surface: &str) -> Option<&str> {
        let &offset = self.index.get(&hash)?;
        let entry = self.arena.get(offset as usize..)?;
        (entry_surface(entry)? == surface).then_some(entry)
    }

    fn insert(&mut self, hash: u64, entry: &str) {
        if self.index.len() >= ENTRY_CACHE_WORDS
            || self.arena.len() + entry.len() > ENTRY_CACHE_BYTES
        {
            self.index.clear();
            self.arena.clear();
        }
        let offset = self.arena.len() as u32;
        self.arena.push_str(entry);
        self.index.entry(hash).or_insert(offset);
    }
}

/// A thread's [`EntryCache`]; when the thread ends, the cache goes to [`ENTRY_POOL`] for the
/// next new thread.
#[derive(Default)]
struct ThreadEntries(EntryCache);

impl Drop for ThreadEntries {
    fn drop(&mut self) {
        let cache = std::mem::take(&mut self.0);
        if cache.index.is_empty() {
            return;
        }
        if let Ok(mut pool) = ENTRY_POOL.lock() {
            if pool.len() < ENTRY_POOL_MAX {
                pool.push(cache);
            }
        }
    }
}

/// Warm caches of ended threads. tantivy starts new indexing threads for every writer and
/// after every commit; each takes a cache an ended thread filled instead of starting empty
/// (and refilling from [`SHARED_WORD_ENTRIES`] word by word, under its lock).
static ENTRY_POOL: std::sync::Mutex<Vec<EntryCache>> = std::sync::Mutex::new(Vec::new());

/// Caches kept in [`ENTRY_POOL`] (each at most [`ENTRY_CACHE_BYTES`] plus its table).
const ENTRY_POOL_MAX: usize = 4;

fn pooled_entries() -> ThreadEntries {
    let cache = ENTRY_POOL
        .lock()
        .ok()
        .and_then(|mut pool| pool.pop())
        .unwrap_or_default();
    ThreadEntries(cache)
}

thread_local! {
    /// See [`EntryCache`] and [`ENTRY_POOL`].
    static WORD_ENTRIES: std::cell::RefCell<ThreadEntries> =
        std::cell::RefCell::new(pooled_entries());
}

/// Behind [`WORD_ENTRIES`]: the entries any thread has computed, so the new indexing threads
/// of every writer do not analyse the vocabulary again.
static SHARED_WORD_ENTRIES: SharedMemo<std::sync::Arc<str>> = SharedMemo::new(100_000);

fn surface_hash(surface: &str) -> u64 {
    use std::hash::Hasher;
    let mut h = rustc_hash::FxHasher::default();
    h.write(surface.as_bytes());
    h.finish()
}

/// Largest number an entry stores (two ASCII bytes of 7 bits).
const ENTRY_NUM_MAX: usize = (1 << 14) - 1;

/// Append `n` (at most [`ENTRY_NUM_MAX`]) as two ASCII bytes, high 7 bits first; `None` if it
/// does not fit.
fn put_num(out: &mut String, n: usize) -> Option<()> {
    if n > ENTRY_NUM_MAX {
        return None;
    }
    out.push(char::from((n >> 7) as u8));
    out.push(char::from((n & 0x7f) as u8));
    Some(())
}

/// Reads the numbers and strings of an entry (`None` past its end or inside a character).
struct EntryReader<'a> {
    entry: &'a str,
    at: usize,
}

impl<'a> EntryReader<'a> {
    fn flag(&mut self) -> Option<bool> {
        let b = *self.entry.as_bytes().get(self.at)?;
        self.at += 1;
        Some(b != b'0')
    }
    fn num(&mut self) -> Option<usize> {
        let b = self.entry.as_bytes().get(self.at..self.at + 2)?;
        self.at += 2;
        Some(usize::from(b[0]) << 7 | usize::from(b[1]))
    }
    fn str(&mut self, n: usize) -> Option<&'a str> {
        let s = self.entry.get(self.at..self.at + n)?;
        self.at += n;
        Some(s)
    }
    /// A length, then that many bytes.
    fn counted(&mut self) -> Option<&'a str> {
        let n = self.num()?;
        self.str(n)
    }
}

fn entry_surface(entry: &str) -> Option<&str> {
    EntryReader { entry, at: 0 }.counted()
}

/// The entry of a word (see [`EntryCache`]) from its `raw` tokens (relative to `start`) and
/// key; `None` if it does not fit the layout.
fn encode_entry(
    surface: &str,
    key: Option<&str>,
    raw: &[Pending],
    raw_terms: &str,
    raw_own: bool,
    start: usize,
) -> Option<String> {
    let mut out = String::with_capacity(surface.len() + 7 + raw_terms.len() + 7 * raw.len());
    put_num(&mut out, surface.len())?;
    out.push_str(surface);
    match key {
        Some(k) => {
            out.push('1');
            put_num(&mut out, k.len())?;
            out.push_str(k);
        }
        None => out.push('0'),
    }
    put_num(&mut out, raw.len())?;
    for (i, p) in raw.iter().enumerate() {
        let term = raw_terms.get(p.term.clone())?;
        put_num(&mut out, p.start.checked_sub(start)?)?;
        put_num(&mut out, p.end.checked_sub(start)?)?;
        out.push(if i == 0 && raw_own { '1' } else { '0' });
        put_num(&mut out, term.len())?;
        out.push_str(term);
    }
    Some(out)
}

impl WordBuffers {
    fn clear(&mut self) {
        self.terms.clear();
        self.pending.clear();
        self.seen.clear();
    }

    /// Emit the token for `text[start..end]` and, if `split` is given, its compound parts.
    fn emit(
        &mut self,
        text: &str,
        start: usize,
        end: usize,
        kind: TokenKind,
        mode: Mode,
        split: Option<SplitFn>,
    ) {
        let surface = &text[start..end];
        let cacheable = self.word_cache && mode == Mode::Text && split.is_some();
        if cacheable {
            // Local hit: no reference count is touched (both indexing threads read the same
            // frequent words).
            let hit = WORD_CACHE.with(|cache| {
                let cache = cache.borrow();
                let Some(tokens) = cache.get(surface) else {
                    return false;
                };
                self.push_cached(tokens, start, kind);
                true
            });
            if hit {
                return;
            }
            if let Some(tokens) = SHARED_WORD_CACHE.get(surface) {
                self.push_cached(&tokens, start, kind);
                WORD_CACHE.with(|cache| {
                    insert_local(
                        &mut cache.borrow_mut(),
                        WORD_CACHE_CAPACITY,
                        surface,
                        tokens,
                    )
                });
                return;
            }
        }
        self.raw.clear();
        self.raw_terms.clear();
        self.compute(text, start, end, kind, mode, split);
        if cacheable {
            let tokens: CachedTokens = self
                .raw
                .iter()
                .enumerate()
                .map(|(i, p)| {
                    (
                        self.raw_terms[p.term.clone()].into(),
                        p.start - start,
                        p.end - start,
                        i == 0 && self.raw_own,
                    )
                })
                .collect();
            WORD_CACHE.with(|cache| {
                insert_local(
                    &mut cache.borrow_mut(),
                    WORD_CACHE_CAPACITY,
                    surface,
                    tokens.clone(),
                )
            });
            SHARED_WORD_CACHE.insert(surface, tokens);
        }
        for i in 0..self.raw.len() {
            let p = &self.raw[i];
            let (s, e, k) = (p.start, p.end, p.kind);
            let compound = !(i == 0 && self.raw_own);
            self.scratch.clear();
            if compound {
                self.scratch.push(super::COMPOUND_PART_MARKER);
            }
            self.scratch.push_str(&self.raw_terms[p.term.clone()]);
            self.push_scratch(s, e, k);
        }
    }

    /// Emit the tokens and (for the indexing analyzer) the variant key of the one-chunk word
    /// `text[start..end]` through the [`WORD_ENTRIES`] cache: what [`Self::emit`] and
    /// [`WordKeys::fill`] emit for it. Returns `false`, having emitted nothing, when the word
    /// does not go through the cache (not the cached TEXT chain, or a very long word).
    fn emit_whole_word(
        &mut self,
        text: &str,
        start: usize,
        end: usize,
        split: Option<SplitFn>,
    ) -> bool {
        let surface = &text[start..end];
        if !self.word_cache || split.is_none() || surface.len() > MAX_ENTRY_SURFACE {
            return false;
        }
        let hash = surface_hash(surface);
        let hit = WORD_ENTRIES.with(|cache| {
            let cache = cache.borrow();
            let Some(entry) = cache.0.get(hash, surface) else {
                return false;
            };
            self.push_entry(entry, start, end)
        });
        if hit {
            return true;
        }
        let entry = match SHARED_WORD_ENTRIES.get(surface) {
            Some(entry) => entry,
            None => {
                self.raw.clear();
                self.raw_terms.clear();
                self.compute(text, start, end, TokenKind::Word, Mode::Text, split);
                let key = self.key_calc.key_of(surface);
                let Some(entry) = encode_entry(
                    surface,
                    key,
                    &self.raw,
                    &self.raw_terms,
                    self.raw_own,
                    start,
                ) else {
                    return false;
                };
                let entry: std::sync::Arc<str> = entry.into();
                SHARED_WORD_ENTRIES.insert(surface, entry.clone());
                entry
            }
        };
        WORD_ENTRIES.with(|cache| cache.borrow_mut().0.insert(hash, &entry));
        self.push_entry(&entry, start, end)
    }

    /// Emit the tokens and key of an [`EntryCache`] entry for the word at `start..end`.
    /// `false` (nothing emitted: the word's buffers are cleared) for a malformed entry.
    fn push_entry(&mut self, entry: &str, start: usize, end: usize) -> bool {
        if self.push_entry_tokens(entry, start, end).is_some() {
            return true;
        }
        self.clear();
        false
    }

    fn push_entry_tokens(&mut self, entry: &str, start: usize, end: usize) -> Option<()> {
        let mut r = EntryReader { entry, at: 0 };
        r.counted()?;
        let key = if r.flag()? { Some(r.counted()?) } else { None };
        let count = r.num()?;
        for _ in 0..count {
            let (s, e, own) = (r.num()?, r.num()?, r.flag()?);
            let term = r.counted()?;
            self.scratch.clear();
            if !own {
                self.scratch.push(super::COMPOUND_PART_MARKER);
            }
            self.scratch.push_str(term);
            let kind = if own {
                TokenKind::Word
            } else {
                TokenKind::Part
            };
            self.push_scratch(start + s, start + e, kind);
        }
        if let (Some(key), true) = (key, self.variant_keys.is_some()) {
            self.scratch.clear();
            self.scratch.push(super::VARIANT_KEY_MARKER);
            self.scratch.push_str(key);
            self.push_scratch(start, end, TokenKind::Variant);
        }
        Some(())
    }

    /// Emit cached tokens of a word starting at byte `start`.
    fn push_cached(&mut self, tokens: &[CachedToken], start: usize, kind: TokenKind) {
        for (term, s, e, own) in tokens {
            self.scratch.clear();
            if !*own {
                self.scratch.push(super::COMPOUND_PART_MARKER);
            }
            self.scratch.push_str(term);
            let k = if *own { kind } else { TokenKind::Part };
            self.push_scratch(start + s, start + e, k);
        }
    }

    /// The tokens of `text[start..end]` (see [`Self::emit`]) into `raw`, not deduplicated.
    fn compute(
        &mut self,
        text: &str,
        start: usize,
        end: usize,
        kind: TokenKind,
        mode: Mode,
        split: Option<SplitFn>,
    ) {
        let surface = &text[start..end];
        let keep = !too_long(surface);
        let split = split.filter(|_| {
            if surface.is_ascii() {
                surface.len() <= compound::MAX_SPLIT_CHARS
                    && surface.bytes().all(|b| b.is_ascii_alphabetic())
            } else {
                surface.chars().all(char::is_alphabetic)
                    && surface.chars().nth(compound::MAX_SPLIT_CHARS).is_none()
            }
        });
        if !keep && split.is_none() {
            return;
        }
        let same_layout = lower_into(surface, &mut self.lower);
        self.raw_own = keep;
        if keep {
            self.scratch.clear();
            match mode {
                Mode::Exact => self.scratch.push_str(&self.lower),
                Mode::Text | Mode::Query => stem::word_term_into(
                    &self.lower,
                    surface.starts_with(char::is_uppercase),
                    &mut self.scratch,
                ),
            }
            self.push_raw(start, end, kind);
        }
        let Some(split) = split else { return };
        let mut ranges = split(&self.lower);
        let lower = &self.lower;
        ranges.retain(|r| {
            r.start < r.end
                && r.end <= lower.len()
                && !(r.start == 0 && r.end == lower.len())
                && lower.is_char_boundary(r.start)
                && lower.is_char_boundary(r.end)
        });
        ranges.sort_by_key(|r| (r.start, r.end));
        ranges.dedup();
        for r in ranges {
            let (s, e) = if same_layout {
                (start + r.start, start + r.end)
            } else {
                let Some((s, e)) = lower_range_to_surface(surface, &r) else {
                    continue;
                };
                (start + s, start + e)
            };
            if s >= e || too_long(&text[s..e]) {
                continue;
            }
            self.scratch.clear();
            stem::term_into(&self.lower[r], &mut self.scratch);
            self.push_raw(s, e, TokenKind::Part);
        }
    }

    /// Record `scratch` as a token of the current `compute` call.
    fn push_raw(&mut self, start: usize, end: usize, kind: TokenKind) {
        let from = self.raw_terms.len();
        self.raw_terms.push_str(&self.scratch);
        self.raw.push(Pending {
            term: from..self.raw_terms.len(),
            start,
            end,
            kind,
        });
    }

    fn push_scratch(&mut self, start: usize, end: usize, kind: TokenKind) {
        if self.scratch.is_empty() || self.is_duplicate() {
            return;
        }
        let from = self.terms.len();
        self.terms.push_str(&self.scratch);
        self.pending.push(Pending {
            term: from..self.terms.len(),
            start,
            end,
            kind,
        });
    }

    /// Whether `scratch` was already emitted for this word; records it otherwise.
    fn is_duplicate(&mut self) -> bool {
        if self.pending.len() < LINEAR_DEDUP_LIMIT {
            return self
                .pending
                .iter()
                .any(|p| self.terms[p.term.clone()] == *self.scratch);
        }
        if self.seen.is_empty() {
            for p in &self.pending {
                self.seen.insert(self.terms[p.term.clone()].to_string());
            }
        }
        !self.seen.insert(self.scratch.clone())
    }
}

fn too_long(surface: &str) -> bool {
    // A char is at least one byte: short byte lengths need no counting.
    surface.len() > MAX_TOKEN_CHARS && surface.chars().nth(MAX_TOKEN_CHARS).is_some()
}

/// Lowercase of one character as the chain writes it (apostrophes as `'`).
fn push_lower(c: char, out: &mut String) {
    if is_apostrophe(c) {
        out.push('\'');
    } else {
        out.extend(c.to_lowercase());
    }
}

/// Write the lowercase form of `surface` into `out` (replacing its content). Returns whether
/// every character kept its byte length as a single character, i.e. byte offsets into `out`
/// are byte offsets into `surface`.
pub(crate) fn lower_into(surface: &str, out: &mut String) -> bool {
    out.clear();
    if surface.is_ascii() {
        out.push_str(surface);
        out.make_ascii_lowercase();
        if surface.contains('`') {
            // ASCII apostrophe variant: still one byte.
            *out = out.replace('`', "'");
        }
        return true;
    }
    let mut same = true;
    for c in surface.chars() {
        if c.is_ascii() && c != '`' {
            // One byte in, one byte out (the ASCII apostrophe `'` stays as it is).
            out.push(c.to_ascii_lowercase());
            continue;
        }
        let before = out.len();
        push_lower(c, out);
        let written = &out[before..];
        if written.len() != c.len_utf8() || written.chars().nth(1).is_some() {
            same = false;
        }
    }
    same
}

/// Map a byte range of the lowercase form back to `surface` (snapping outwards to whole
/// surface characters).
fn lower_range_to_surface(surface: &str, r: &Range<usize>) -> Option<(usize, usize)> {
    let mut lower_at = 0;
    let mut start = None;
    let mut buf = String::new();
    for (i, c) in surface.char_indices() {
        buf.clear();
        push_lower(c, &mut buf);
        let next = lower_at + buf.len();
        if start.is_none() && r.start < next {
            start = Some(i);
        }
        if r.end <= next {
            return start.map(|s| (s, i + c.len_utf8()));
        }
        lower_at = next;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(
        mode: Mode,
        split: SplitFn,
        text: &str,
    ) -> Vec<(String, usize, usize, usize, TokenKind)> {
        drain(&mut NewsAnalyzer::with_splitter(mode, split), text)
    }

    /// Every token of `text` as (term, position, byte start, byte end, kind).
    fn drain(a: &mut NewsAnalyzer, text: &str) -> Vec<(String, usize, usize, usize, TokenKind)> {
        let mut s = a.token_stream(text);
        let mut out = Vec::new();
        while s.advance() {
            let t = s.token();
            out.push((
                t.text.clone(),
                t.position,
                t.offset_from,
                t.offset_to,
                s.kind(),
            ));
        }
        out
    }

    #[test]
    fn word_cache_is_invisible() {
        let text = "Die Bundeskanzlerin und der BUNDESKANZLER: Bundes-Kanzlerin, Bundeskanzlerin. \
                    Straßenbahn-Haltestelle Straßenbahn Bürgermeisterwahl Mitbürgern Ölpreis Ölpreis";
        let uncached = run(Mode::Text, compound::split, text);
        assert!(uncached.iter().any(|t| t.4 == TokenKind::Part));
        let mut a = NewsAnalyzer::new(Mode::Text);
        for round in 0..2 {
            let cached = drain(&mut a, text);
            assert_eq!(cached, uncached, "round {round}");
        }
    }

    #[test]
    fn shared_word_cache_is_invisible_on_new_threads() {
        // Words no other test uses, so the first thread really fills the shared cache.
        let text = "Gurkenhobelfabrik und Gurkenhobelfabriken; Tomatenpressenwerk-Streik \
                    Tomatenpressenwerk Zwiebelschneidekurs";
        let uncached = run(Mode::Text, compound::split, text);
        let on_new_thread = || {
            std::thread::spawn(move || drain(&mut NewsAnalyzer::new(Mode::Text), text))
                .join()
                .expect("analysis thread")
        };
        // The first thread computes and shares; the second starts with an empty per-thread
        // cache and reads the shared one.
        let first = on_new_thread();
        // Words of one chunk are in the shared entries, the chunks of hyphenated words in the
        // shared token cache (unless other tests in this process have filled them).
        let full = SHARED_WORD_ENTRIES.is_full() || SHARED_WORD_CACHE.is_full();
        assert!(
            full || text.split(' ').all(|w| {
                let w = w.trim_matches(|c: char| !c.is_alphabetic());
                match w.split_once('-') {
                    Some((a, b)) => {
                        SHARED_WORD_CACHE.get(a).is_some() && SHARED_WORD_CACHE.get(b).is_some()
                    }
                    None => SHARED_WORD_ENTRIES.get(w).is_some(),
                }
            })
        );
        let second = on_new_thread();
        assert_eq!(first, uncached);
        assert_eq!(second, uncached);
    }

    /// The indexing chain without any word cache (every word analysed and keyed afresh).
    fn indexing_uncached() -> NewsAnalyzer {
        let mut a = NewsAnalyzer::with_splitter(Mode::Text, compound::split);
        a.buffers.mark_compound_parts = true;
        a.buffers.variant_keys = Some(Box::default());
        a
    }

    #[test]
    fn word_entries_are_invisible_in_the_indexed_terms() {
        let mut texts = vec![
            "Die Bundeskanzlerin traf Selenskyj und Zelensky in Kyjiw; Bundeskanzlerin Merkel \
             sagte: „Geht’s?“ US-Präsident Trump, O'Brien, Außenminister Lawrow, Öl- und \
             Gaspreise, Straßenbahnhaltestelle, 24.11.2025 3,5 Prozent https://www.tagesschau.de/x \
             BUNDES\u{1E9E}MINISTER Müller Mueller MÜLLER Ärzte"
                .to_string(),
            format!("{} Wort {}", "Ä".repeat(600), "x".repeat(1200)),
        ];
        // Generated news articles (deterministic): names, compounds and quotes of real texts.
        let generator = crate::corpus::CorpusGenerator::demo(7).expect("demo generator");
        texts.extend(generator.articles(40).flat_map(|a| [a.title, a.text]));
        let expected: Vec<_> = texts
            .iter()
            .map(|t| drain(&mut indexing_uncached(), t))
            .collect();
        assert!(expected.iter().flatten().any(|t| t.4 == TokenKind::Variant));
        assert!(expected
            .iter()
            .flatten()
            .any(|t| t.0.starts_with(crate::analysis::COMPOUND_PART_MARKER)));
        let mut a = NewsAnalyzer::indexing();
        for round in 0..2 {
            for (t, want) in texts.iter().zip(&expected) {
                assert_eq!(&drain(&mut a, t), want, "round {round}: {t}");
            }
        }
        // A new thread starts with an empty or pooled per-thread cache (and the shared entries);
        // the unmarked TEXT chain reads the same entries and ignores the keys.
        let texts2 = texts.clone();
        let on_new_thread = std::thread::spawn(move || {
            texts2
                .iter()
                .map(|t| {
                    (
                        drain(&mut NewsAnalyzer::indexing(), t),
                        drain(&mut NewsAnalyzer::new(Mode::Text), t),
                    )
                })
                .collect::<Vec<_>>()
        })
        .join()
        .expect("analysis thread");
        for ((t, want), (indexed, plain)) in texts.iter().zip(&expected).zip(on_new_thread) {
            assert_eq!(&indexed, want, "new thread: {t}");
            assert_eq!(plain, run(Mode::Text, compound::split, t), "unmarked: {t}");
        }
    }

    #[test]
    fn entry_cache_clears_when_full_and_rejects_collisions() {
        let mut cache = EntryCache::default();
        let entry =
            |surface: &str| encode_entry(surface, Some("key"), &[], "", false, 0).expect("encodes");
        cache.insert(1, &entry("Haus"));
        assert!(cache.get(1, "Haus").is_some());
        // Same hash, other surface: a miss, never the other word's entry.
        assert!(cache.get(1, "Maus").is_none());
        for i in 0..ENTRY_CACHE_WORDS as u64 {
            cache.insert(i + 10, &entry("w"));
        }
        assert!(cache.index.len() <= ENTRY_CACHE_WORDS);
        assert!(cache.get(1, "Haus").is_none(), "cleared when full");
    }

    #[test]
    fn entries_round_trip_and_malformed_entries_emit_nothing() {
        for n in [0, 1, 127, 128, 300, ENTRY_NUM_MAX] {
            let mut s = String::new();
            put_num(&mut s, n).expect("fits");
            assert!(s.is_ascii() && s.len() == 2, "{n}");
            assert_eq!(EntryReader { entry: &s, at: 0 }.num(), Some(n));
        }
        assert!(put_num(&mut String::new(), ENTRY_NUM_MAX + 1).is_none());
        // A word with a non-ASCII surface, key and terms.
        let raw = [
            Pending {
                term: 0..11,
                start: 10,
                end: 23,
                kind: TokenKind::Word,
            },
            Pending {
                term: 11..16,
                start: 16,
                end: 23,
                kind: TokenKind::Part,
            },
        ];
        let entry = encode_entry(
            "Grünflächen",
            Some("grünflaken"),
            &raw,
            "grunflachenflach",
            true,
            10,
        )
        .expect("encodes");
        assert_eq!(entry_surface(&entry), Some("Grünflächen"));
        let mut b = NewsAnalyzer::indexing().buffers;
        assert!(b.push_entry(&entry, 10, 23));
        let tokens: Vec<_> = b
            .pending
            .iter()
            .map(|p| (&b.terms[p.term.clone()], p.start, p.end, p.kind))
            .collect();
        let part = format!("{}flach", crate::analysis::COMPOUND_PART_MARKER);
        let key = format!("{}grünflaken", crate::analysis::VARIANT_KEY_MARKER);
        assert_eq!(
            tokens,
            [
                ("grunflachen", 10, 23, TokenKind::Word),
                (part.as_str(), 16, 23, TokenKind::Part),
                (key.as_str(), 10, 23, TokenKind::Variant),
            ]
        );
        // Cut anywhere (also inside a character): nothing is emitted.
        for cut in 0..entry.len() {
            let Some(short) = entry.get(..cut) else {
                continue;
            };
            b.clear();
            assert!(!b.push_entry(short, 10, 23), "cut at {cut}");
            assert!(b.pending.is_empty() && b.terms.is_empty(), "cut at {cut}");
        }
    }

    fn no_split(_: &str) -> Vec<Range<usize>> {
        Vec::new()
    }

    /// A fake splitter for the hook: splits after "bundes" and before "minister",
    /// and returns garbage ranges the chain must ignore.
    fn fake_split(word: &str) -> Vec<Range<usize>> {
        #[allow(clippy::reversed_empty_ranges)]
        let mut out = vec![0..word.len(), 3..2, 0..word.len() + 5];
        if let Some(rest) = word.strip_prefix("bundes") {
            out.push(6..6 + rest.len());
            out.push(0..6);
        }
        if let Some(i) = word.find("minister") {
            if i > 0 {
                out.push(0..i);
                out.push(i..word.len());
            }
        }
        if word.starts_with("ä") {
            out.push(1..2); // not a char boundary
        }
        out
    }

    #[test]
    fn positions_and_parts() {
        let t = run(Mode::Text, no_split, "Der US-Präsident kommt");
        let terms: Vec<_> = t.iter().map(|x| (x.0.as_str(), x.1, x.4)).collect();
        assert_eq!(
            terms,
            [
                ("der", 0, TokenKind::Word),
                ("us-prasident", 1, TokenKind::Word),
                ("us", 1, TokenKind::Part),
                ("prasident", 1, TokenKind::Part),
                ("kommt", 2, TokenKind::Word),
            ]
        );
        assert_eq!((t[2].2, t[2].3), (4, 6));
        assert_eq!((t[3].2, t[3].3), (7, 17));
    }

    #[test]
    fn query_mode_has_no_parts() {
        let t = run(Mode::Query, fake_split, "US-Präsident Bundeskanzlerin");
        let terms: Vec<_> = t.iter().map(|x| x.0.as_str()).collect();
        assert_eq!(terms, ["us-prasident", "bundeskanzlerin"]);
    }

    #[test]
    fn exact_mode_is_lowercase_only() {
        let t = run(Mode::Exact, fake_split, "Zölle US-Präsidenten geht’s");
        let terms: Vec<_> = t.iter().map(|x| x.0.as_str()).collect();
        assert_eq!(
            terms,
            [
                "zölle",
                "us-präsidenten",
                "us",
                "präsidenten",
                "geht's",
                "geht"
            ]
        );
    }

    #[test]
    fn compound_hook_parts_get_own_offsets_and_same_position() {
        let text = "Die Bundeskanzlerin und Ex-Außenminister";
        let t = run(Mode::Text, fake_split, text);
        let view: Vec<_> = t
            .iter()
            .map(|x| (x.0.as_str(), x.1, &text[x.2..x.3], x.4))
            .collect();
        assert_eq!(
            view,
            [
                ("die", 0, "Die", TokenKind::Word),
                ("bundeskanzlerin", 1, "Bundeskanzlerin", TokenKind::Word),
                ("bund", 1, "Bundes", TokenKind::Part),
                ("kanzlerin", 1, "kanzlerin", TokenKind::Part),
                ("und", 2, "und", TokenKind::Word),
                ("ex-aussenminist", 3, "Ex-Außenminister", TokenKind::Word),
                ("ex", 3, "Ex", TokenKind::Part),
                ("aussenminist", 3, "Außenminister", TokenKind::Part),
                ("auss", 3, "Außen", TokenKind::Part),
                ("minist", 3, "minister", TokenKind::Part),
            ]
        );
    }

    #[test]
    fn compound_offsets_map_through_length_changing_lowercase() {
        // U+1E9E (capital sharp s, 3 bytes) lowercases to ß (2 bytes).
        let text = "BUNDES\u{1E9E}MINISTER";
        let t = run(Mode::Text, fake_split, text);
        let parts: Vec<_> = t.iter().skip(1).map(|x| &text[x.2..x.3]).collect();
        assert_eq!(
            parts,
            ["BUNDES", "BUNDES\u{1E9E}", "\u{1E9E}MINISTER", "MINISTER"]
        );
    }

    #[test]
    fn invalid_hook_ranges_are_ignored() {
        let t = run(Mode::Text, fake_split, "Ämter");
        assert_eq!(t.len(), 1);
    }

    #[test]
    fn long_tokens_are_dropped_but_keep_their_position() {
        let long = "a".repeat(65);
        let t = run(Mode::Text, no_split, &format!("vor {long} nach"));
        let terms: Vec<_> = t.iter().map(|x| (x.0.as_str(), x.1)).collect();
        assert_eq!(terms, [("vor", 0), ("nach", 2)]);
        let ok = "ä".repeat(64);
        assert_eq!(run(Mode::Exact, no_split, &ok).len(), 1);
    }

    #[test]
    fn long_hyphenated_word_keeps_parts() {
        let text = format!("{}-Plan", "x".repeat(70));
        let t = run(Mode::Text, no_split, &text);
        let terms: Vec<_> = t.iter().map(|x| (x.0.as_str(), x.4)).collect();
        assert_eq!(terms, [("plan", TokenKind::Part)]);
    }

    #[test]
    fn duplicates_at_a_position_are_dropped() {
        let t = run(Mode::Text, no_split, "Öl-Oel");
        let terms: Vec<_> = t.iter().map(|x| x.0.as_str()).collect();
        assert_eq!(terms, ["ol-ol", "ol"]);
        // Beyond the linear-scan limit (the long whole word itself is dropped).
        let distinct: Vec<String> = (0..40).map(|i| format!("w{i}")).collect();
        let many = [distinct.clone(), distinct].concat().join("-");
        let t = run(Mode::Text, no_split, &many);
        assert_eq!(t.len(), 40);
        assert!(t.iter().all(|x| x.4 == TokenKind::Part));
    }

    #[test]
    fn urls_are_lowercased_not_stemmed_with_host_part() {
        let text = "https://www.Tagesschau.de/Wahlen";
        let t = run(Mode::Text, no_split, text);
        let view: Vec<_> = t
            .iter()
            .map(|x| (x.0.as_str(), &text[x.2..x.3], x.1, x.4))
            .collect();
        assert_eq!(
            view,
            [
                ("https://www.tagesschau.de/wahlen", text, 0, TokenKind::Word),
                ("www.tagesschau.de", "www.Tagesschau.de", 0, TokenKind::Part),
            ]
        );
        assert_eq!(run(Mode::Query, no_split, text).len(), 1);
        // A bare host is only the word.
        assert_eq!(run(Mode::Text, no_split, "www.ntv.de").len(), 1);
        // A URL too long to index still yields its host.
        let long = format!("https://www.tagesschau.de/{}", "a".repeat(80));
        let t = run(Mode::Text, no_split, &long);
        assert_eq!(t.len(), 1);
        assert_eq!(t[0].0, "www.tagesschau.de");
    }

    #[test]
    fn lower_layout() {
        let mut s = String::new();
        assert!(lower_into("Zölle", &mut s));
        assert_eq!(s, "zölle");
        assert!(!lower_into("geht’s", &mut s));
        assert_eq!(s, "geht's");
        assert!(lower_into("geht`s", &mut s));
        assert_eq!(s, "geht's");
    }
}
