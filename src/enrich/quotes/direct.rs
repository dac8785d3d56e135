//! Direct speech: pairs quotation marks of every German convention („…“ "…" »…« «…» ‚…‘ ›…‹
//! “…”) into quoted regions, with nesting and quotes running over several paragraphs, and
//! attributes them through a frame after the quote (`„…“, sagte X`), before it (`X sagte: „…“`),
//! or a clause-final cue verb right after a fragment (`X hatte den Bericht als „falsch“
//! bezeichnet`).

use super::text::{Tok, TokKind};
use super::{speaker, Ctx, Found, QuoteKind};

/// A pair of quotation marks: token indices of the opening and closing mark.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Marked {
    pub open: usize,
    pub close: usize,
    /// 0 for a top-level quote, 1 for a quote inside another, …
    pub depth: usize,
}

/// Longest quote we accept, in bytes (an unclosed mark must not swallow the article).
const MAX_QUOTE_BYTES: usize = 6000;

#[derive(Clone, Copy)]
struct Open {
    tok: usize,
    mark: char,
}

/// Closing marks accepted for an opening mark.
fn closes(open: char, c: char) -> bool {
    match open {
        '„' => matches!(c, '“' | '”' | '"'),
        '"' => matches!(c, '"' | '“' | '”'),
        '“' => matches!(c, '”' | '"'),
        '»' => c == '«',
        '«' => c == '»',
        '‚' => matches!(c, '‘' | '’'),
        '›' => c == '‹',
        '‹' => c == '›',
        _ => false,
    }
}

/// Finds all paired quotation marks, sorted by opening position.
pub(crate) fn find(text: &str, toks: &[Tok]) -> Vec<Marked> {
    let mut stack: Vec<Open> = Vec::new();
    let mut out = Vec::new();
    for (i, t) in toks.iter().enumerate() {
        let TokKind::Quote(c) = t.kind else {
            continue;
        };
        // drop opens that are too far away
        while let Some(o) = stack.first() {
            if t.start - toks[o.tok].start > MAX_QUOTE_BYTES {
                stack.remove(0);
            } else {
                break;
            }
        }
        let space_before = t.ws_before || i == 0;
        let space_after = toks.get(i + 1).is_none_or(|n| n.ws_before);
        let next_is_punct = toks
            .get(i + 1)
            .is_some_and(|n| matches!(n.kind, TokKind::Punct(_)));

        // closing an open quote?
        if let Some(pos) = stack.iter().rposition(|o| closes(o.mark, c)) {
            // a straight or ambiguous mark that looks like an opener ("… Wort "Neu" …")
            // closes only if it is not clearly opening a nested quote
            let looks_opening = space_before && !space_after && !next_is_punct;
            let symmetric = matches!(c, '"') && stack[pos].mark != '"';
            if !(looks_opening && (symmetric || pos + 1 < stack.len() && c == '"')) {
                let o = stack[pos];
                stack.truncate(pos);
                out.push(Marked {
                    open: o.tok,
                    close: i,
                    depth: stack.len(),
                });
                continue;
            }
        }
        // continuation of a multi-paragraph quote: „Absatz 1 … ¶ „Absatz 2 …“
        if t.nl_before {
            if let Some(top) = stack.last() {
                if top.mark == c {
                    continue;
                }
            }
        }
        let opens = match c {
            '„' | '‚' | '»' | '«' | '›' | '‹' => true,
            '"' | '“' => !space_after,
            _ => false,
        };
        if opens {
            // an opening „ while an outer „ is open at the same level on the same line means the
            // outer one was never closed
            if let Some(top) = stack.last() {
                if top.mark == c && matches!(c, '„' | '»' | '«') {
                    stack.pop();
                }
            }
            stack.push(Open { tok: i, mark: c });
        }
    }
    let _ = text;
    out.sort_by_key(|m| (m.open, m.close));
    out
}

/// Fewer words than this make a capitalised quote `partial` (a scare quote, a title, a name).
const PARTIAL_WORDS: usize = 4;

/// Direct quotes with speaker and cue: pairs marks, merges interrupted quotes and attributes.
pub(crate) fn attribute(ctx: &Ctx) -> Vec<Found> {
    let marks = find(ctx.text, ctx.toks);
    let n = ctx.toks.len();
    let mut consumed = vec![false; marks.len()];
    let mut out: Vec<Found> = Vec::new();
    for mi in 0..marks.len() {
        if consumed[mi] {
            continue;
        }
        let m = marks[mi];
        let (a, b) = (m.open, m.close);
        let words = (a + 1..b)
            .filter(|&i| matches!(ctx.toks[i].kind, TokKind::Word | TokKind::Number))
            .count();
        if source_name(ctx, a, b, words) {
            continue;
        }
        let mut spans = vec![(a, b + 1)];
        let mut speaker = None;
        let mut cue = None;
        let s_open = ctx.sent_of[a];
        let s_close = ctx.sent_of[b];
        let (sent_lo, _) = ctx.sents[s_open];
        let (_, sent_hi) = ctx.sents[s_close];
        let last_inner = if b > a + 1 {
            ctx.toks[b - 1].kind
        } else {
            TokKind::Punct(' ')
        };

        // 1. frame after the quote: „…“, sagte X / „…?“ fragte X / „…“, so X
        let k = if ctx.punct(b + 1, ',') {
            Some(b + 2)
        } else if matches!(last_inner, TokKind::Punct(',' | '?' | '!'))
            && ctx
                .toks
                .get(b + 1)
                .is_some_and(|t| t.is_word() && !t.nl_before)
        {
            Some(b + 1)
        } else {
            None
        };
        let mut frame = None;
        if let Some(k) = k.filter(|&k| k < n && !ctx.toks[k].nl_before) {
            let mut hi = clause_end(ctx, k, sent_hi.max(k + 1));
            // a speaker named in quotation marks: „…“, schreibt die „Computerwoche“.
            if hi > k && ctx.is_quote(hi) && speaker::is_determiner(ctx.word(hi - 1)) {
                if let Some(close) = speaker::quoted_name_end(ctx.text, ctx.toks, hi, n) {
                    hi = clause_end(ctx, close + 1, sent_hi.max(close + 2));
                }
            }
            let mut v = k;
            while v < hi && super::FILLERS.iter().any(|f| ctx.is(v, f)) {
                v += 1;
            }
            if ctx.is(v, "so") && !ctx.is(v + 1, "dass") {
                if let Some(np) = speaker::np_after(ctx.text, ctx.toks, v + 1, hi) {
                    speaker = Some(vec![np]);
                    cue = Some(vec![(v, v + 1)]);
                }
            } else if ctx.is(v, "wie") {
                // „…“, wie X sagte
                if let Some(np) = speaker::np_after(ctx.text, ctx.toks, v + 1, hi) {
                    if let Some(c) = ctx.verb_cue(np.1, hi) {
                        speaker = Some(vec![np]);
                        cue = Some(c);
                    }
                }
            } else if let Some(c) = ctx.verb_cue(v, hi) {
                let after_cue = c.first().map(|x| x.1).unwrap_or(v + 1);
                speaker = ctx
                    .subject(v, after_cue.min(hi), hi)
                    .filter(|s| s.0 >= k)
                    .or_else(|| {
                        let mut j = after_cue;
                        while j < hi && super::FILLERS.iter().any(|f| ctx.is(j, f)) {
                            j += 1;
                        }
                        speaker::np_after(ctx.text, ctx.toks, j, hi)
                    })
                    .map(|s| vec![s]);
                // a medium named in quotation marks right after the cue: „…“, schrieb „Die Zeit“
                if speaker.is_none() {
                    let mut j = after_cue;
                    while j < n && super::FILLERS.iter().any(|f| ctx.is(j, f)) {
                        j += 1;
                    }
                    if j < n && ctx.is_quote(j) && !ctx.toks[j].nl_before {
                        if let Some(close) = speaker::quoted_name_end(ctx.text, ctx.toks, j, n)
                            .filter(|&close| {
                                ctx.toks.get(j + 1).is_some_and(|t| {
                                    t.is_word()
                                        && ctx
                                            .word(j + 1)
                                            .chars()
                                            .next()
                                            .is_some_and(char::is_uppercase)
                                }) && !matches!(
                                    ctx.toks[close - 1].kind,
                                    TokKind::Punct('.' | '!' | '?' | ',')
                                )
                            })
                        {
                            speaker = Some(vec![(j, close + 1)]);
                            hi = hi.max(close + 1);
                        }
                    }
                }
                cue = Some(c);
            }
            // an apposition after the speaker: „…“, sagte der Vorsitzende, Elmar Gesse.
            if let Some(sp) = speaker.as_mut().and_then(|v| v.first_mut()) {
                if sp.1 == hi && ctx.punct(hi, ',') && !ctx.is_quote(hi + 1) {
                    let hi2 = clause_end(ctx, hi + 1, sent_hi.max(hi + 1));
                    if let Some(np) = speaker::np_after(ctx.text, ctx.toks, sp.0, hi2) {
                        if np.1 > hi {
                            *sp = np;
                            hi = np.1;
                        }
                    }
                }
            }
            if cue.is_some() {
                frame = Some(vec![(b + 1, hi)]);
                // interrupted quote: „A“, sagte er, „B“
                if ctx.punct(hi, ',') {
                    if let Some(nj) = marks
                        .iter()
                        .enumerate()
                        .skip(mi + 1)
                        .find(|(_, x)| x.depth == 0 && x.open == hi + 1)
                        .map(|(j, _)| j)
                    {
                        consumed[nj] = true;
                        spans.push((marks[nj].open, marks[nj].close + 1));
                    }
                }
            }
        }

        // 2. frame before the quote: X sagte: „…“ / X sprach von einer „…“
        if cue.is_none() && a > sent_lo {
            let colon = ctx.punct(a - 1, ':');
            let lo = sent_lo;
            let hi = if colon { a - 1 } else { a };
            let mut v = hi;
            while v > lo {
                v -= 1;
                if ctx.is_quote(v) {
                    // do not look through another quote
                    break;
                }
                if let Some(c) = ctx.verb_cue(v, hi) {
                    let clause_lo = clause_start(ctx, v, lo);
                    let sp = ctx
                        .subject(v, clause_lo, hi)
                        .filter(|s| !relative_pronoun(ctx, s.0) || s.1 > s.0 + 1)
                        .or_else(|| relative_antecedent(ctx, clause_lo, lo));
                    let fa = sp.map_or(clause_lo, |s| s.0.min(clause_lo));
                    frame = Some(vec![(fa, a)]);
                    speaker = sp.map(|s| vec![s]);
                    let mut c = c;
                    // "lobte er mit den Worten: „…“": the words phrase belongs to the cue
                    if let Some(w) = words_phrase(ctx, hi).filter(|w| w.0 > v) {
                        c.push(w);
                        // "Der Spiegel zitiert den Prediger mit den Worten: „…“": the words are
                        // the quoted person's, the medium only reports them
                        if ctx.word(v).to_lowercase().starts_with("zitiert") {
                            let mut j = v + 1;
                            if sp.is_some_and(|s| s.0 == j) {
                                j = sp.map_or(j, |s| s.1);
                            }
                            while j < w.0 && super::FILLERS.iter().any(|f| ctx.is(j, f)) {
                                j += 1;
                            }
                            if let Some(np) = speaker::np_after(ctx.text, ctx.toks, j, w.0)
                                .filter(|np| np.0 == j && np.1 == w.0)
                            {
                                speaker = Some(vec![np]);
                            }
                        }
                    }
                    cue = Some(c);
                    break;
                }
            }
            if cue.is_none() && colon {
                // headline style "Trump: „…“"
                if let Some(np) = speaker::np_before(ctx.text, ctx.toks, a - 1, lo) {
                    if np.0 == lo {
                        frame = Some(vec![(lo, a)]);
                        speaker = Some(vec![np]);
                    }
                }
            }
        }

        // 2a. a colon frame whose verb is no cue or whose subject the cue rule missed:
        // "Dabei griff sie … an: „…“", "Erkki Tuomioja, Präsident des Rats: „…“",
        // "Der Leiter der Studie sieht …: „…“"
        if speaker.is_none() && a > sent_lo && ctx.punct(a - 1, ':') {
            if let Some(np) = colon_speaker(ctx, sent_lo, a - 1) {
                speaker = Some(vec![np]);
                if frame.is_none() {
                    frame = Some(vec![(sent_lo, a)]);
                }
            }
        }

        // 2b. a fragment right before the clause-final cue verb:
        // "Die Regierung hatte den Bericht als „falsch“ bezeichnet."
        // (not a quoted name as the subject: "wie „heise online“ berichtet")
        let subject_name = a > 0
            && ["wie", "der", "die", "das", "den", "dem", "des"]
                .iter()
                .any(|w| ctx.is(a - 1, w));
        if cue.is_none() && !subject_name && b + 1 < n && !ctx.toks[b + 1].nl_before {
            if let Some(c) = ctx
                .verb_cue(b + 1, b + 2)
                .filter(|c| c.len() == 1 && ctx.lex(b + 1).is_some_and(|e| e.verb))
            {
                let mut lo = a;
                while lo > sent_lo
                    && !matches!(
                        ctx.toks[lo - 1].kind,
                        TokKind::Punct(',' | ':' | ';') | TokKind::Quote(_)
                    )
                {
                    lo -= 1;
                }
                if lo < a {
                    // (not in the passive: "der … als „Sonnenwind“ bezeichnet wird")
                    let passive = ["wird", "werden", "wurde", "wurden"]
                        .iter()
                        .any(|w| ctx.is(b + 2, w));
                    if !passive {
                        speaker = speaker
                            .or_else(|| relative_antecedent(ctx, lo, sent_lo).map(|np| vec![np]));
                    }
                    speaker = speaker.or_else(|| {
                        speaker::np_after(ctx.text, ctx.toks, lo, a)
                            .filter(|np| {
                                np.0 == lo
                                    && !super::PREPOSITIONS
                                        .iter()
                                        .any(|p| ctx.word(lo).eq_ignore_ascii_case(p))
                                    && ctx.toks.get(np.1).is_some_and(|t| {
                                        t.is_word()
                                            && ctx
                                                .word(np.1)
                                                .chars()
                                                .next()
                                                .is_some_and(char::is_lowercase)
                                    })
                            })
                            .map(|np| vec![np])
                    });
                    frame = Some(vec![(lo, a), (b + 1, b + 2)]);
                    cue = Some(c);
                }
            }
        }

        // 3. a stand-alone quote continues the previous speaker
        let starts_sentence = a == sent_lo;
        if speaker.is_none() && cue.is_none() && starts_sentence && words >= PARTIAL_WORDS {
            if let Some(prev) = out.iter().rev().find(|f| f.speaker.is_some()) {
                if s_open.saturating_sub(prev.last_sent) <= 1 {
                    speaker = prev.speaker.clone();
                }
            }
        }

        // a name or title: capitalised first word, no sentence punctuation before the closing
        // mark, inside a sentence
        let first_cap = ctx.toks.get(a + 1).is_some_and(|t| {
            t.kind == TokKind::Number
                || (t.is_word()
                    && ctx
                        .word(a + 1)
                        .chars()
                        .next()
                        .is_some_and(char::is_uppercase))
        });
        let end_punct = matches!(last_inner, TokKind::Punct('.' | '!' | '?' | ',' | '…'));
        let opens_sentence =
            a == sent_lo || ctx.punct(a.wrapping_sub(1), ':') || ctx.toks[a].nl_before;
        let name_like = first_cap && !end_punct && !opens_sentence;
        let predicative = a > 0
            && ["als", "ein", "eine", "einen", "einem", "einer", "eines"]
                .iter()
                .any(|w| ctx.is(a - 1, w));
        // the fragment is the object of a speech verb, so it is someone's words even when it
        // looks like a name: "warfen der Regierung „Wortbruch“ vor", "sprachen von
        // „Panikverkäufen“", "skandierten Parolen wie „Stoppt den Überwachungswahn“"
        let mut speech_object = false;
        if spans.len() == 1 {
            if let Some((c, sp)) = speech_object_frame(ctx, a, b, sent_lo) {
                speech_object = true;
                // the slogan noun itself is no speaker ("skandierten Sprüche wie „…“")
                speaker = speaker.filter(|s: &Vec<(usize, usize)>| {
                    s.first()
                        .is_some_and(|&(s0, _)| !SLOGAN_NOUNS.contains(&ctx.word(s0)))
                });
                if cue.is_none() || c.len() == 2 {
                    cue = Some(c);
                    frame = None;
                    speaker = speaker.or(sp.map(|s| vec![s]));
                }
            }
        }
        let last = spans.last().map(|s| s.1 - 1).unwrap_or(b);
        out.push(Found {
            name_like,
            predicative: predicative || speech_object,
            kind: QuoteKind::Direct,
            spans,
            // one word, or a short capitalised phrase: a scare quote, a title, a name; a short
            // lower-case phrase („völlig unrealistisch“) is someone's words
            partial: words < 2
                || (words < PARTIAL_WORDS && first_cap)
                || (first_cap && title_words(ctx, a, b)),

            speaker,
            cue,
            frame,
            last_sent: ctx.sent_of[last.min(n - 1)],
        });
    }
    out
}

/// Verb forms (lower case, prefixes of the inflected forms) and the preposition through which
/// they take what was said: `sprach von „…“`, `warnte vor „…“`, `riet zu „…“`.
const GOVERNED: &[(&str, &str)] = &[
    ("sprach", "von"),
    ("spricht", "von"),
    ("gesprochen", "von"),
    ("warn", "vor"),
    ("gewarnt", "vor"),
    ("riet", "zu"),
    ("rät", "zu"),
    ("geraten", "zu"),
];

/// Nouns for slogans and chants: `skandierten Parolen wie „…“`, `mit der Parole „…“`.
const SLOGAN_NOUNS: &[&str] = &[
    "Parole",
    "Parolen",
    "Sprüche",
    "Sprüchen",
    "Sprechchöre",
    "Sprechchören",
    "Rufe",
    "Rufen",
    "Slogan",
    "Slogans",
    "Losung",
    "Losungen",
];

/// A speech verb earlier in the clause whose object is the quoted fragment `a`..`b`: the
/// particle of a separable cue right after it (`warfen der Regierung „Wortbruch“ vor`), a
/// preposition the verb governs right before it, alone or with a determiner or adjective, at
/// the end of the clause (`sprachen von „Panikverkäufen“.`), or a slogan noun (`skandierten
/// Parolen wie „…“`). Returns the cue and the clause's subject, if found.
#[allow(clippy::type_complexity)]
fn speech_object_frame(
    ctx: &Ctx,
    a: usize,
    b: usize,
    sent_lo: usize,
) -> Option<(Vec<(usize, usize)>, Option<(usize, usize)>)> {
    let n = ctx.toks.len();
    let clause_lo = {
        let mut lo = a;
        while lo > sent_lo
            && !matches!(
                ctx.toks[lo - 1].kind,
                TokKind::Punct(',' | ':' | ';') | TokKind::Quote(_)
            )
        {
            lo -= 1;
        }
        lo
    };
    let ends_clause = |i: usize| {
        i >= n
            || ctx.toks[i].nl_before
            || matches!(
                ctx.toks[i].kind,
                TokKind::Punct('.' | ',' | ';' | '!' | '?' | ':')
            )
    };
    let subject = |v: usize| {
        ctx.subject(v, clause_lo, a)
            .filter(|s| s.1 <= a && !SLOGAN_NOUNS.contains(&ctx.word(s.0)))
    };
    // (i) the particle of a separable cue verb of the clause
    if b + 1 < n && !ctx.toks[b + 1].nl_before && ends_clause(b + 2) {
        let particle = ctx.word(b + 1);
        if let Some(v) = (clause_lo..a)
            .rev()
            .find(|&v| ctx.lex(v).is_some_and(|e| e.particles.contains(&particle)))
        {
            return Some((vec![(v, v + 1), (b + 1, b + 2)], subject(v)));
        }
    }
    let finite = |v: usize| {
        ctx.lex(v).is_some_and(|e| e.any_verb() || e.reported)
            && ctx.toks[v].is_word()
            && ctx.word(v).chars().next().is_some_and(char::is_lowercase)
    };
    // (ii) a governed preposition: "von „…“", "vor den „…“", "vor neuen „…“"
    let mut p = a.checked_sub(1)?;
    if p > clause_lo
        && (speaker::is_determiner(ctx.word(p)) || lower_start(ctx, p))
        && !GOVERNED.iter().any(|(_, prep)| ctx.is(p, prep))
    {
        p -= 1;
    }
    if ends_clause(b + 1) {
        for v in (clause_lo..p).rev() {
            let w = ctx.word(v).to_lowercase();
            if GOVERNED
                .iter()
                .any(|(verb, prep)| w.starts_with(verb) && ctx.is(p, prep))
                && finite(v)
                && (v + 1..p).all(|j| !ctx.is(j, "und") && !ctx.is(j, "oder") && !finite(j))
            {
                return Some((vec![(v, v + 1)], subject(v)));
            }
        }
    }
    // (iii) a slogan: "Parolen wie „…“", "mit der Parole „…“"
    let slogan = (a >= 2 && ctx.is(a - 1, "wie") && SLOGAN_NOUNS.contains(&ctx.word(a - 2)))
        || (a >= 1 && SLOGAN_NOUNS.contains(&ctx.word(a - 1)));
    if slogan {
        if let Some(v) = (clause_lo..a).rev().find(|&v| finite(v)) {
            let c = ctx.verb_cue(v, a).unwrap_or_else(|| vec![(v, v + 1)]);
            return Some((c, subject(v)));
        }
    }
    None
}

/// `mit den Worten` (`mit folgenden Worten`, `mit diesen Worten`) ending right before token
/// `end` (the colon or the opening mark).
fn words_phrase(ctx: &Ctx, end: usize) -> Option<(usize, usize)> {
    if end < 3 || !(ctx.is(end - 1, "Worten") || ctx.is(end - 1, "Sätzen")) {
        return None;
    }
    let det = ["den", "folgenden", "diesen", "deutlichen", "klaren"]
        .iter()
        .any(|d| ctx.is(end - 2, d));
    (det && ctx.is(end - 3, "mit")).then_some((end - 3, end))
}

/// Whether token `i` opens a relative clause after a comma: `welche`, or `der`/`die`/`das`
/// not followed by a capitalised noun (`, der zunächst …`, not `, der Präsident …`).
fn relative_pronoun(ctx: &Ctx, i: usize) -> bool {
    if i == 0 || !ctx.punct(i - 1, ',') {
        return false;
    }
    if ["welcher", "welche", "welches"]
        .iter()
        .any(|w| ctx.is(i, w))
    {
        return true;
    }
    ["der", "die", "das"].iter().any(|w| ctx.is(i, w)) && lower_start(ctx, i + 1)
}

/// The speaker of a frame in a relative clause starting at `clause_lo` (`eine Botschaft,
/// welche die Techniker als „…“ bezeichnete`): the noun phrase the pronoun refers to, right
/// before the comma.
fn relative_antecedent(ctx: &Ctx, clause_lo: usize, sent_lo: usize) -> Option<(usize, usize)> {
    if !relative_pronoun(ctx, clause_lo) || clause_lo < sent_lo + 2 {
        return None;
    }
    speaker::np_before(ctx.text, ctx.toks, clause_lo - 1, sent_lo)
        .filter(|np| np.1 == clause_lo - 1 && !ctx.is_quote(np.1.saturating_sub(1)))
}

/// Whether the marks `a`..`b` enclose the name of a source inside a frame — `laut „Welt“`,
/// `laut der „Financial Times“`, `dem „Figaro“ zufolge`, `nach Angaben der „Times“`: a name that
/// the frame's speaker phrase holds, not someone's words. A short phrase without sentence
/// punctuation only (`laut „Wir sind das Volk“ rufen` would be the adverb `laut`, loud).
fn source_name(ctx: &Ctx, a: usize, b: usize, words: usize) -> bool {
    const MAX_WORDS: usize = 6;
    if words == 0 || words > MAX_WORDS {
        return false;
    }
    // sentence punctuation: before a space or the closing mark (not the dots of `news.bbc.co.uk`)
    let clause_punct = |i: usize| {
        let before_space = i + 1 >= b || ctx.toks[i + 1].ws_before;
        before_space
            && matches!(
                ctx.toks[i].kind,
                TokKind::Punct('.' | '!' | '?' | ',' | ':' | ';')
            )
    };
    if (a + 1..b).any(clause_punct) {
        return false;
    }
    let det = |i: usize| speaker::is_determiner(ctx.word(i));
    let source_prep = |i: usize| ctx.is(i, "laut") || ctx.is(i, "gemäß");
    let before = a > 0
        && (source_prep(a - 1)
            || (a > 1
                && det(a - 1)
                && (source_prep(a - 2)
                    || (ctx.lex(a - 2).is_some_and(|e| e.nach_noun)
                        && (a.saturating_sub(4)..a - 2).any(|i| ctx.is(i, "nach"))))));
    let after = b + 1 < ctx.toks.len() && ctx.is(b + 1, "zufolge");
    before || after
}

/// Lower-case words that occur in names and titles (`Rat für Demokratische Reform unter der
/// Konstitutionellen Monarchie`, `La Gazetta dello Sport`).
const TITLE_FUNCTION_WORDS: &[&str] = &[
    "der", "die", "das", "des", "dem", "den", "und", "für", "zur", "zum", "von", "vom", "im", "in",
    "am", "an", "auf", "unter", "gegen", "mit", "ohne", "über", "aus", "bei", "nach", "of", "the",
    "and", "for", "de", "la", "le", "del", "della", "dello", "di", "du", "e", "et", "y", "el",
    "los", "van", "zu",
];

/// Whether the words between the marks `a` and `b` read as a name or title: no punctuation
/// that ends a clause, and every lower-case word a function word (no verb), e.g. `„Public
/// Library of Science“`, `„Gesetz zur Änderung des Passgesetzes“`.
fn title_words(ctx: &Ctx, a: usize, b: usize) -> bool {
    (a + 1..b).all(|i| match ctx.toks[i].kind {
        TokKind::Word => {
            let w = ctx.word(i);
            w.chars().next().is_some_and(|c| !c.is_lowercase()) || TITLE_FUNCTION_WORDS.contains(&w)
        }
        TokKind::Number => true,
        TokKind::Punct(c) => matches!(c, '-' | '–' | '(' | ')' | '&' | '/' | '\'' | '.'),
        TokKind::Quote(_) => false,
    }) && !matches!(
        ctx.toks.get(b.wrapping_sub(1)).map(|t| t.kind),
        Some(TokKind::Punct('.'))
    )
}

/// Sentence adverbs that fill the first position of a verb-second clause (`Dabei griff sie …`).
const FRONT_ADVERBS: &[&str] = &[
    "dabei",
    "dazu",
    "daraufhin",
    "darauf",
    "danach",
    "dann",
    "später",
    "zuvor",
    "zudem",
    "außerdem",
    "anschließend",
    "dennoch",
    "trotzdem",
    "deshalb",
    "darin",
    "hier",
    "dort",
    "heute",
    "gestern",
    "nun",
    "jetzt",
    "schließlich",
    "allerdings",
    "auch",
    "ebenso",
    "ähnlich",
    "abschließend",
    "zunächst",
    "zuletzt",
    "damals",
    "erneut",
    "weiter",
    "darüber",
    "dagegen",
];

/// Accusative/dative determiners: a fronted phrase with these is an object, not the subject.
const OBJECT_DETERMINERS: &[&str] = &["den", "dem", "einen", "einem", "diesen", "diesem"];

fn lower_start(ctx: &Ctx, i: usize) -> bool {
    ctx.toks
        .get(i)
        .is_some_and(|t| t.is_word() && ctx.word(i).chars().next().is_some_and(char::is_lowercase))
}

/// The speaker of a frame `lo..colon` before a colon and a direct quote, when no cue verb
/// gave one: the whole frame as a noun phrase (`Erkki Tuomioja, Präsident des Rats:`, also after
/// `und`), `so X (weiter):`, the subject before the finite verb (`Der Leiter … sieht …:`), or
/// after it when an adverb or a prepositional phrase comes first (`Dabei griff sie … an:`,
/// `In seiner Mitteilung resümiert Hartmut Lierow:`).
fn colon_speaker(ctx: &Ctx, lo: usize, colon: usize) -> Option<(usize, usize)> {
    if colon <= lo || colon - lo > 40 {
        return None;
    }
    let prep = |i: usize| {
        super::PREPOSITIONS
            .iter()
            .any(|p| ctx.word(i).eq_ignore_ascii_case(p))
    };
    // the frame is one noun phrase (with apposition), possibly after `und` / a comma
    let mut starts = vec![lo];
    for i in lo..colon {
        if ctx.is(i, "und") || ctx.punct(i, ',') || ctx.punct(i, ';') {
            starts.push(i + 1);
        }
    }
    for &s in &starts {
        if s < colon && !prep(s) {
            if let Some(np) = speaker::np_after(ctx.text, ctx.toks, s, colon) {
                if np.1 == colon && np.0 == s && !ctx.lex(s).is_some_and(|e| e.verb) {
                    // for a later start, the part before must not hold a subject of its own verb
                    if s == lo || ctx.is(s - 1, "und") {
                        return Some(np);
                    }
                }
            }
        }
    }
    // ", so X (weiter):"
    if let Some(so) = (lo..colon).find(|&i| ctx.is(i, "so") && (i == lo || ctx.punct(i - 1, ','))) {
        if let Some(np) = speaker::np_after(ctx.text, ctx.toks, so + 1, colon) {
            return Some(np);
        }
    }
    let first = ctx.word(lo).to_lowercase();
    let fronted_adverb = FRONT_ADVERBS.contains(&first.as_str());
    // subject first: "Der Leiter der Studie, X, sieht …:"
    if !fronted_adverb && !prep(lo) && !OBJECT_DETERMINERS.contains(&first.as_str()) {
        if let Some(np) = speaker::np_after(ctx.text, ctx.toks, lo, colon) {
            let verb_at = if ctx.punct(np.1, ',') { np.1 + 1 } else { np.1 };
            if np.0 == lo && lower_start(ctx, verb_at) && !prep(verb_at) {
                return Some(np);
            }
        }
        return None;
    }
    // verb second after an adverb or a prepositional phrase: "Dabei griff sie …:"
    let v = if fronted_adverb {
        lo + 1
    } else if prep(lo) {
        speaker::np_after(ctx.text, ctx.toks, lo + 1, colon)?.1
    } else {
        return None;
    };
    if v >= colon || !lower_start(ctx, v) || prep(v) {
        return None;
    }
    let mut j = v + 1;
    while j < colon && super::FILLERS.iter().any(|f| ctx.is(j, f)) {
        j += 1;
    }
    if j >= colon || prep(j) || OBJECT_DETERMINERS.iter().any(|d| ctx.is(j, d)) {
        return None;
    }
    speaker::np_after(ctx.text, ctx.toks, j, colon).filter(|np| np.0 == j)
}

/// End of the clause starting at `k`: the next comma, colon, quote mark or sentence end.
fn clause_end(ctx: &Ctx, k: usize, sent_hi: usize) -> usize {
    let mut j = k;
    while j < sent_hi && j < ctx.toks.len() {
        match ctx.toks[j].kind {
            // the period of an initial or a title inside a name: Jürgen R. Thumann, Prof. Dr.
            TokKind::Punct('.')
                if j > k
                    && j + 1 < sent_hi
                    && !ctx.toks[j].ws_before
                    && ctx.toks[j - 1].is_word()
                    && (["Prof", "Dr", "St"].contains(&ctx.word(j - 1)) || {
                        let mut c = ctx.word(j - 1).chars();
                        c.next().is_some_and(char::is_uppercase) && c.next().is_none()
                    }) => {}
            TokKind::Punct(',' | ':' | ';' | '.' | '!' | '?' | '(' | ')') | TokKind::Quote(_) => {
                break
            }
            _ => {}
        }
        if j > k && ctx.toks[j].nl_before {
            break;
        }
        j += 1;
    }
    j
}

/// Start of the clause containing `v` (after the previous comma/colon/quote mark, or `lo`).
pub(crate) fn clause_start(ctx: &Ctx, v: usize, lo: usize) -> usize {
    let mut j = v;
    while j > lo {
        match ctx.toks[j - 1].kind {
            TokKind::Quote(_) => {
                // a short quoted name inside the clause: "Wie die Zeitung „The Guardian“ berichtete",
                // "Die Zeitung „Yemen Observer“ berichtet"
                let open = (j.saturating_sub(10).max(lo + 1)..j - 1).rev().find(|&o| {
                    ctx.is_quote(o)
                        && ctx.toks[o - 1].is_word()
                        && (speaker::is_determiner(ctx.word(o - 1))
                            || ctx
                                .word(o - 1)
                                .chars()
                                .next()
                                .is_some_and(char::is_uppercase))
                        && speaker::quoted_name_end(ctx.text, ctx.toks, o, j) == Some(j - 1)
                });
                match open {
                    Some(o) => {
                        j = o;
                        continue;
                    }
                    None => break,
                }
            }
            TokKind::Punct(':' | ';') => break,
            _ => {}
        }
        j -= 1;
    }
    j
}

#[cfg(test)]
mod tests {
    use super::super::text::tokenize;
    use super::*;

    fn quoted(text: &str) -> Vec<String> {
        let toks = tokenize(text);
        find(text, &toks)
            .iter()
            .map(|m| text[toks[m.open].start..toks[m.close].end].to_string())
            .collect()
    }

    #[test]
    fn conventions() {
        assert_eq!(quoted("Er sagte „Ja“ und „Nein“."), ["„Ja“", "„Nein“"]);
        assert_eq!(
            quoted("Er sagte \"Ja\" und \"Nein\"."),
            ["\"Ja\"", "\"Nein\""]
        );
        assert_eq!(quoted("Er sagte »Ja« und «Nein»."), ["»Ja«", "«Nein»"]);
        assert_eq!(quoted("Er sagte ›Ja‹."), ["›Ja‹"]);
        assert_eq!(quoted("Er sagte “Yes”."), ["“Yes”"]);
    }

    #[test]
    fn nested_and_multi_paragraph() {
        assert_eq!(
            quoted("„Er rief ‚Hilfe‘ und lief.“"),
            ["„Er rief ‚Hilfe‘ und lief.“", "‚Hilfe‘"]
        );
        let t = "„Erster Absatz.\n\n„Zweiter Absatz.“";
        assert_eq!(quoted(t), [t]);
        // apostrophes are not quotes
        assert!(quoted("Er geht’s an.").is_empty());
    }

    #[test]
    fn fragment_before_clause_final_cue() {
        let text = "Die Regierung hatte den Bericht als „völlig falsch“ bezeichnet.";
        let q = &crate::enrich::quotes::extract_quotes(text, &[])[0];
        assert_eq!(q.text, "„völlig falsch“");
        assert_eq!(q.cue.as_ref().map(|c| c.text.as_str()), Some("bezeichnet"));
        assert_eq!(
            q.speaker.as_ref().map(|s| s.text.as_str()),
            Some("Die Regierung")
        );
        // the object of a speech verb, even when it looks like a name
        for (text, cue, speaker) in [
            (
                "Die Opposition warf dem Minister wiederholt „Wortbruch“ vor.",
                "warf vor",
                Some("Die Opposition"),
            ),
            (
                "Die Händler sprachen am Abend von „Panikverkäufen“.",
                "sprachen",
                Some("Die Händler"),
            ),
            (
                "Der Verband warnte vor einer „Kostenexplosion“.",
                "warnte",
                Some("Der Verband"),
            ),
            (
                "Die Demonstranten zogen durch die Stadt und skandierten Parolen wie „Nie wieder“.",
                "skandierten",
                None,
            ),
        ] {
            let quotes = crate::enrich::quotes::extract_quotes(text, &[]);
            let q = quotes.iter().find(|q| q.kind == QuoteKind::Direct).unwrap();
            assert!(q.is_attributed(), "{text}: {q:?}");
            assert_eq!(q.cue.as_ref().map(|c| c.text.as_str()), Some(cue), "{text}");
            assert_eq!(
                q.speaker.as_ref().map(|s| s.text.as_str()),
                speaker,
                "{text}"
            );
        }
        // `mit den Worten` is part of the cue
        let text = "Der Minister lobte den Plan mit den Worten: „Das ist ein guter Tag.“";
        let q = &crate::enrich::quotes::extract_quotes(text, &[])[0];
        assert_eq!(
            q.cue.as_ref().map(|c| c.text.as_str()),
            Some("lobte mit den Worten")
        );
        assert_eq!(
            q.speaker.as_ref().map(|s| s.text.as_str()),
            Some("Der Minister")
        );
        // a medium quoting somebody: the words are the quoted person's
        let text = "Der Spiegel zitiert den Prediger mit den Worten: „Wir kommen wieder.“";
        let q = &crate::enrich::quotes::extract_quotes(text, &[])[0];
        assert_eq!(
            q.speaker.as_ref().map(|s| s.text.as_str()),
            Some("den Prediger")
        );
        assert_eq!(
            q.cue.as_ref().map(|c| c.text.as_str()),
            Some("zitiert mit den Worten")
        );
        assert!(q.addressee.is_none());
        // a relative clause frame speaks for its antecedent, not in the passive
        let text = "Die Gruppe hinterließ eine Botschaft, welche die Techniker als „einen Haufen Amateure“ bezeichnete.";
        let q = &crate::enrich::quotes::extract_quotes(text, &[])[0];
        assert_eq!(
            q.speaker.as_ref().map(|s| s.text.as_str()),
            Some("eine Botschaft")
        );
        let text = "Der Strom, der von der Sonne ausgeht und als „Sonnenwind“ bezeichnet wird, ist schwach.";
        let quotes = crate::enrich::quotes::extract_quotes(text, &[]);
        assert!(quotes.iter().all(|q| q.speaker.is_none()), "{quotes:?}");
        // names after a noun or governed by another verb stay unattributed
        for text in [
            "Das Landesamt warnt vor der Schlankheitspille „Reduce Weight“.",
            "Sie spricht von einer Wende und fordert eine Rücknahme von „Schäuble I“.",
            "Er rief die Muslime zum „Heiligen Krieg“ gegen den Westen auf.",
        ] {
            let quotes = crate::enrich::quotes::extract_quotes(text, &[]);
            assert!(
                quotes
                    .iter()
                    .filter(|q| q.kind == QuoteKind::Direct)
                    .all(|q| !q.is_attributed()),
                "{text}: {quotes:?}"
            );
        }
        // a quoted name as the subject is not the quoted words of anyone
        let text = "Wie die „Zeitung am Sonntag“ berichtet, kam er.";
        let q = &crate::enrich::quotes::extract_quotes(text, &[])[0];
        assert!(q.cue.is_none());
    }

    fn speaker_of(text: &str) -> Option<String> {
        crate::enrich::quotes::extract_quotes(text, &[])
            .into_iter()
            .find(|q| q.kind == QuoteKind::Direct && !q.partial)
            .and_then(|q| q.speaker.map(|s| s.text))
    }

    #[test]
    fn colon_frames_without_cue_verb() {
        // subject after the verb when an adverb or a prepositional phrase comes first
        assert_eq!(
            speaker_of("Dabei griff sie den Präsidenten direkt an: „Das ist nicht hinnehmbar.“")
                .as_deref(),
            Some("sie")
        );
        assert_eq!(
            speaker_of("In seiner Pressemitteilung resümiert Hartmut Lierow: „Die Jahre der Haft haben ihn zerrüttet.“")
                .as_deref(),
            Some("Hartmut Lierow")
        );
        // the frame is a name with an apposition
        assert_eq!(
            speaker_of("Erkki Tuomioja, Präsident des Rats: „Das Gesetz ist idiotisch.“")
                .as_deref(),
            Some("Erkki Tuomioja, Präsident des Rats")
        );
        // subject, apposition, then a verb that is no cue
        assert_eq!(
            speaker_of("Der Leiter der Studie, Paulo Pinheiro, sieht die Verantwortung beim Staat: „Es gilt, ein Signal zu setzen.“")
                .as_deref(),
            Some("Der Leiter der Studie, Paulo Pinheiro")
        );
        // a fronted predicative phrase is not the speaker
        assert_eq!(
            speaker_of("Als Beispiel nannte der Berliner das Spiel in Leipzig: „Da war alles abgesprochen.“")
                .as_deref(),
            Some("der Berliner")
        );
        // a fronted object is not the speaker
        assert_eq!(
            speaker_of("Den Vorschlag lehnte die Opposition ab: „Das kommt nicht in Frage.“")
                .as_deref(),
            Some("die Opposition")
        );
    }

    #[test]
    fn speaker_named_in_quotation_marks() {
        assert_eq!(
            speaker_of("„Macromedia will zu den großen Anbietern aufschließen“, schreibt die „Computerwoche“.").as_deref(),
            Some("die „Computerwoche“")
        );
        // without a determiner
        assert_eq!(
            speaker_of("„Er ging vor der Zeit“, schrieb „Die Zeit“ in einem Nachruf.").as_deref(),
            Some("„Die Zeit“")
        );
        // impersonal frame with a source after "vom"
        assert_eq!(
            speaker_of(
                "„Alles deutet auf einen Anschlag hin“, hieß es vom Abgeordneten Viktor Oserow."
            )
            .as_deref(),
            Some("Abgeordneten Viktor Oserow")
        );
        // an interrupted quote is not a name
        let q = &crate::enrich::quotes::extract_quotes(
            "„Wir werden“, sagte er, „zusammenarbeiten.“",
            &[],
        )[0];
        assert_eq!(q.spans.len(), 2);
    }
}
