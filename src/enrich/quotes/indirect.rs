//! Indirect speech per sentence: reporting verb with `dass`/`ob` or a Konjunktiv clause, a trailing
//! frame (`…, sagte er.` / `…, wie X mitteilte.`), source frames (`laut X`, `nach Angaben X`,
//! `X zufolge`, `demnach`, `wonach`), and Konjunktiv sentences continuing an attributed quote.

use super::text::TokKind;
use super::{direct, speaker, Ctx, Found, QuoteKind};

/// Words that start a clause after `sagte,` that is not the reported content.
const NOT_COMPLEMENT: &[&str] = &[
    "der", "die", "das", "dem", "den", "deren", "dessen", "welche", "welcher", "welches", "wie",
    "um", "weil", "als", "wenn", "nachdem", "bevor", "während", "da", "und", "aber", "sondern",
    "denn", "obwohl", "so", "was", "wo", "wobei", "womit", "wofür", "nicht", "sich", "ohne",
];

/// Maximum number of continuation sentences inheriting one speaker.
const MAX_CONTINUATION: usize = 4;

/// Finds indirect quotes, given the direct quotes already found.
pub(crate) fn find(ctx: &Ctx, directs: &[Found]) -> Vec<Found> {
    let n = ctx.toks.len();
    let mut in_direct = vec![false; n];
    for f in directs {
        for &(a, b) in &f.spans {
            for x in in_direct.iter_mut().take(b.min(n)).skip(a) {
                *x = true;
            }
        }
    }
    let mut out: Vec<Found> = Vec::new();
    // the last attributed quote: (sentence index, speaker spans), and the continuation chain length
    let mut last: Option<(usize, Vec<(usize, usize)>)> = None;
    let mut chain = 0usize;
    for (si, &(lo, hi)) in ctx.sents.iter().enumerate() {
        // direct quotes ending in the previous sentences update the last speaker
        for f in directs
            .iter()
            .filter(|f| f.last_sent + 1 == si || f.last_sent == si)
        {
            if let Some(sp) = &f.speaker {
                if f.last_sent < si && !f.partial {
                    last = Some((f.last_sent, sp.clone()));
                    chain = 0;
                }
            }
        }
        let words = (lo..hi).filter(|&i| ctx.toks[i].is_word()).count();
        let direct_words = (lo..hi)
            .filter(|&i| ctx.toks[i].is_word() && in_direct[i])
            .count();
        if words < 3 || direct_words * 2 > words {
            continue;
        }
        let mut end = hi;
        while end > lo
            && matches!(
                ctx.toks[end - 1].kind,
                TokKind::Punct('.' | '!' | '?' | ':' | ';')
            )
        {
            end -= 1;
        }
        let prev_taken = si == 0
            || out.last().is_some_and(|p| p.last_sent + 1 >= si)
            || directs.iter().any(|f| f.last_sent + 1 == si && !f.partial);
        let found = if prev_taken {
            None
        } else {
            anaphoric(ctx, si, lo, end)
        };
        if let Some(f) =
            found.or_else(|| sentence(ctx, si, lo, end, &|i| !in_direct[i], last.as_ref()))
        {
            // an unattributed frame (no speaker phrase found) still carries the report on;
            // an empty speaker marks it
            if f.speaker.is_some() || f.kind == QuoteKind::Indirect {
                last = Some((si, f.speaker.clone().unwrap_or_default()));
            }
            chain = 0;
            out.push(f);
            continue;
        }
        // continuation in Konjunktiv
        let konj = (lo..end)
            .any(|i| !in_direct[i] && ctx.toks[i].is_word() && ctx.lex(i).is_some_and(|e| e.konj));
        if konj {
            if let Some((ls, sp)) = &last {
                if *ls + 1 == si && chain < MAX_CONTINUATION {
                    let merge = out.last_mut().filter(|p| {
                        p.kind == QuoteKind::IndirectFreeIndirect && p.last_sent + 1 == si
                    });
                    if let Some(p) = merge {
                        if let Some(s) = p.spans.last_mut() {
                            s.1 = hi;
                        }
                        p.last_sent = si;
                    } else {
                        out.push(Found {
                            kind: QuoteKind::IndirectFreeIndirect,
                            spans: vec![(lo, hi)],
                            partial: false,
                            speaker: (!sp.is_empty()).then(|| sp.clone()),
                            cue: None,
                            frame: None,
                            last_sent: si,
                            name_like: false,
                            predicative: false,
                        });
                    }
                    let sp = sp.clone();
                    last = Some((si, sp));
                    chain += 1;
                    continue;
                }
            }
        }
        // hearsay without a frame: "Er soll den Wagen gefahren haben."
        if direct_words == 0 && hearsay(ctx, lo, end) {
            let speaker = last
                .as_ref()
                .filter(|(ls, sp)| ls + 2 >= si && !sp.is_empty())
                .map(|(_, sp)| sp.clone());
            out.push(Found {
                kind: QuoteKind::FreeIndirect,
                spans: vec![(lo, hi)],
                partial: false,
                speaker,
                cue: None,
                frame: None,
                last_sent: si,
                name_like: false,
                predicative: false,
            });
            continue;
        }
        // a speech act told as an event: "Die CDU forderte Aufklärung."
        if direct_words * 2 < words {
            if let Some(f) = reported(ctx, si, lo, end, hi) {
                out.push(f);
            }
        }
    }
    // indirect speech reported inside a direct quote („Xi betonte, dass …“, hieß es)
    for f in directs.iter().filter(|f| !f.partial) {
        for &(a, b) in &f.spans {
            if b < a + 4 {
                continue;
            }
            let (lo, mut end) = (a + 1, b - 1);
            while end > lo
                && matches!(
                    ctx.toks[end - 1].kind,
                    TokKind::Punct('.' | '!' | '?' | ',' | ':')
                )
            {
                end -= 1;
            }
            let si = ctx.sent_of[lo];
            let inner = |i: usize| lo <= i && i < end && !nested_mark(ctx, i);
            if let Some(q) = sentence(ctx, si, lo, end, &inner, None) {
                out.push(q);
            }
        }
    }
    out
}

/// `soll`/`sollen` with a perfect infinitive at the clause end (`soll … gefahren haben`,
/// `sollen … getötet worden sein`): the hearsay reading of the modal.
fn hearsay(ctx: &Ctx, lo: usize, end: usize) -> bool {
    let Some(m) = (lo..end).find(|&i| ctx.is(i, "soll") || ctx.is(i, "sollen")) else {
        return false;
    };
    // the clause of the modal ends at the next comma or the sentence end
    let mut j = m + 1;
    while j < end && !ctx.punct(j, ',') && !ctx.punct(j, ';') {
        j += 1;
    }
    j > m + 2 && (ctx.is(j - 1, "haben") || ctx.is(j - 1, "sein"))
}

/// A sentence whose main verb is a reporting verb without a complement clause
/// (`Die CDU forderte Aufklärung.`, `Müntefering sprach von einem Riesenerfolg.`): the whole
/// sentence `[lo, hi)` is the quote, the verb's subject the speaker.
fn reported(ctx: &Ctx, si: usize, lo: usize, end: usize, hi: usize) -> Option<Found> {
    for v in lo..end {
        let Some(e) = ctx.lex(v).filter(|e| e.reported && ctx.toks[v].is_word()) else {
            continue;
        };
        // a separable verb needs its particle ("kündigte … an")
        if !e.particles.is_empty() && !e.verb && ctx.verb_cue(v, end).is_none() {
            continue;
        }
        let clause_lo = direct::clause_start(ctx, v, lo);
        let Some(sp) = ctx.subject(v, clause_lo, end) else {
            continue;
        };
        return Some(Found {
            kind: QuoteKind::Reported,
            spans: vec![(lo, hi)],
            partial: false,
            speaker: Some(vec![sp]),
            cue: None,
            frame: None,
            last_sent: si,
            name_like: false,
            predicative: false,
        });
    }
    None
}

/// `Dies bestätigte Stoiber heute.` / `Das teilte die Polizei mit.`: the previous sentence is the
/// reported content; the quote spans it and the anaphoric `Dies`, the frame is the rest.
fn anaphoric(ctx: &Ctx, si: usize, lo: usize, end: usize) -> Option<Found> {
    if !(ctx.is(lo, "dies") || ctx.is(lo, "das")) || si == 0 {
        return None;
    }
    let v = lo + 1;
    let cue = ctx.verb_cue(v, end)?;
    // the frame must be a plain main clause: no complement clause after the verb
    if (v..end).any(|i| ctx.punct(i, ':') || ctx.is_quote(i) || ctx.is(i, "dass")) {
        return None;
    }
    let (plo, phi) = *ctx.sents.get(si - 1)?;
    let words = (plo..phi).filter(|&i| ctx.toks[i].is_word()).count();
    if words < 4 || (plo..phi).any(|i| ctx.is_quote(i)) {
        return None;
    }
    let after = cue.first().map_or(v + 1, |c| c.1);
    let mut j = after;
    while j < end && super::FILLERS.iter().any(|f| ctx.is(j, f)) {
        j += 1;
    }
    let sp = speaker::np_after(ctx.text, ctx.toks, j, end)?;
    Some(Found {
        kind: QuoteKind::Indirect,
        spans: vec![(plo, phi), (lo, lo + 1)],
        partial: false,
        speaker: Some(vec![sp]),
        cue: Some(cue),
        frame: Some(vec![(v, end)]),
        last_sent: si,
        name_like: false,
        predicative: false,
    })
}

/// A compound whose head is a source noun: `UNHCR-Angaben`, `Behördenangaben`,
/// `Expertenmeinung`.
fn source_compound(w: &str) -> bool {
    const HEADS: &[&str] = &[
        "angaben",
        "meinung",
        "informationen",
        "berichten",
        "schätzungen",
        "aussagen",
        "einschätzung",
        "erkenntnissen",
        "darstellung",
    ];
    w.chars().next().is_some_and(char::is_uppercase) && {
        let l = w.to_lowercase();
        HEADS
            .iter()
            .any(|h| l.len() > h.len() + 2 && l.ends_with(h))
    }
}

fn nested_mark(ctx: &Ctx, i: usize) -> bool {
    ctx.is_quote(i)
}

fn is_konj_at(ctx: &Ctx, i: usize) -> bool {
    ctx.toks[i].is_word() && ctx.lex(i).is_some_and(|e| e.konj)
}

/// The source between `wie` at `i - 1` and its cue verb at `v`: a noun phrase, possibly followed
/// by adverbials (`der Minister am Dienstag in Hannover`), or a lower-case or dotted name
/// (`t-online.de`).
fn wie_source(ctx: &Ctx, i: usize, v: usize) -> Option<(usize, usize)> {
    speaker::np_after(ctx.text, ctx.toks, i, v).or_else(|| {
        let w = ctx.word(i);
        (v == i + 1
            && ctx.toks[i].is_word()
            && !speaker::is_determiner(w)
            && !speaker::is_pronoun(w)
            && (w.contains(['.', '-']) || w.chars().next().is_some_and(char::is_uppercase)))
        .then_some((i, v))
    })
}

/// The token spans `[lo, end)` minus the frame `[fa, fb)`, trimming commas and dashes at the cut.
fn minus(ctx: &Ctx, lo: usize, end: usize, fa: usize, fb: usize) -> Vec<(usize, usize)> {
    let trim = |mut a: usize, mut b: usize| -> Option<(usize, usize)> {
        while a < b && matches!(ctx.toks[a].kind, TokKind::Punct(',' | '–' | '-' | ':')) {
            a += 1;
        }
        while b > a && matches!(ctx.toks[b - 1].kind, TokKind::Punct(',' | '–' | '-' | ':')) {
            b -= 1;
        }
        (b > a && (a..b).any(|i| ctx.toks[i].is_word())).then_some((a, b))
    };
    [trim(lo, fa.max(lo)), trim(fb.min(end), end)]
        .into_iter()
        .flatten()
        .collect()
}

/// One sentence `[lo, end)` (final punctuation excluded): a framed indirect quote, if any.
fn sentence(
    ctx: &Ctx,
    si: usize,
    lo: usize,
    end: usize,
    free: &dyn Fn(usize) -> bool,
    last: Option<&(usize, Vec<(usize, usize)>)>,
) -> Option<Found> {
    let found = |spans: Vec<(usize, usize)>,
                 speaker: Option<(usize, usize)>,
                 cue: Vec<(usize, usize)>,
                 frame: (usize, usize)|
     -> Option<Found> {
        if spans.is_empty() {
            return None;
        }
        Some(Found {
            kind: QuoteKind::Indirect,
            spans,
            partial: false,
            speaker: speaker.map(|s| vec![s]),
            cue: Some(cue),
            frame: Some(vec![frame]),
            last_sent: si,
            name_like: false,
            predicative: false,
        })
    };

    // 1. reporting verb + complement clause
    for v in lo..end {
        if !free(v) || !ctx.toks[v].is_word() {
            continue;
        }
        let Some(cue) = ctx.verb_cue(v, end) else {
            continue;
        };
        // a: verb … , dass … / verb … , <Konjunktiv clause>
        let mut c = v + 1;
        while c < end && c - v <= 10 && !ctx.punct(c, ',') && !ctx.punct(c, ':') {
            if ctx.is_quote(c) || ctx.punct(c, '.') {
                break;
            }
            c += 1;
        }
        if c < end && (ctx.punct(c, ',') || ctx.punct(c, ':')) && c - v <= 10 {
            let comp = c + 1;
            let dass = ["dass", "ob", "daß"].iter().any(|w| ctx.is(comp, w));
            let konj_clause = || {
                let mut j = comp;
                while j < end && j - comp < 12 && !ctx.punct(j, ',') {
                    if is_konj_at(ctx, j) {
                        return true;
                    }
                    // infinitive complement: "erklärte, mehr mitwirken zu wollen"
                    if ctx.is(j, "zu")
                        && ctx.toks.get(j + 1).is_some_and(|t| t.is_word())
                        && ctx
                            .word(j + 1)
                            .chars()
                            .next()
                            .is_some_and(|c| c.is_lowercase())
                        && (j + 2 >= end || ctx.punct(j + 2, ','))
                        && ctx.lex(v).is_some_and(|e| e.verb)
                    {
                        return true;
                    }
                    j += 1;
                }
                false
            };
            let main_clause = || {
                c == v + 1
                    && ctx.toks.get(comp).is_some_and(|t| t.is_word())
                    && !NOT_COMPLEMENT.iter().any(|w| ctx.is(comp, w))
                    && ctx.lex(v).is_some_and(|e| e.verb)
            };
            if comp < end && (dass || konj_clause() || main_clause()) {
                let clause_lo = direct::clause_start(ctx, v, lo);
                if ctx.is(clause_lo, "wie") && clause_lo + 1 < v {
                    // "Wie der Minister am Dienstag erklärte, …", "Wie t-online.de berichtet, …"
                    let sp = wie_source(ctx, clause_lo + 1, v);
                    let mut cue = cue;
                    cue.insert(0, (clause_lo, clause_lo + 1));
                    return found(vec![(comp, end)], sp, cue, (clause_lo, comp));
                }
                let sp = ctx.subject(v, clause_lo, c);
                let fa = sp.map_or(clause_lo, |s| s.0.min(clause_lo));
                return found(vec![(comp, end)], sp, cue, (fa, comp));
            }
        }
        // b: trailing frame: "…, sagte er." with Konjunktiv (or dass) before
        if v > lo + 2 && ctx.punct(v - 1, ',') {
            let konj_before = (lo..v - 1).any(|i| free(i) && is_konj_at(ctx, i));
            // without Konjunktiv: a finite reporting verb right after the comma, its subject
            // after it and nothing but a few adverbials up to the sentence end
            // ("…, berichtete die Zeitung Sankei Shimbun.")
            let plain_frame = || {
                let e = ctx
                    .lex(v)
                    .is_some_and(|e| e.verb || !e.particles.is_empty());
                let mut j = cue.last().map_or(v + 1, |c| c.1.max(v + 1));
                while j < end && super::FILLERS.iter().any(|f| ctx.is(j, f)) {
                    j += 1;
                }
                e && speaker::np_after(ctx.text, ctx.toks, j, end)
                    .or_else(|| speaker::np_after(ctx.text, ctx.toks, v + 1, end))
                    .is_some_and(|np| end - np.1 <= 6 && !(np.1..end).any(|i| ctx.punct(i, ',')))
            };
            if konj_before || plain_frame() {
                let mut j = v + 1;
                while j < end && super::FILLERS.iter().any(|f| ctx.is(j, f)) {
                    j += 1;
                }
                let sp = if ctx.lex(v).is_some_and(|e| e.imp) {
                    ctx.subject(v, v, end)
                } else {
                    speaker::np_after(ctx.text, ctx.toks, j, end)
                };
                return found(vec![(lo, v - 1)], sp, cue, (v - 1, end));
            }
        }
    }

    // 2. ", so X" / ", wie X mitteilte" trailing frames
    for k in lo + 2..end {
        if !ctx.punct(k - 1, ',') || !free(k) {
            continue;
        }
        if ctx.is(k, "so") {
            if let Some(np) = speaker::np_after(ctx.text, ctx.toks, k + 1, end) {
                let frame_end = if ctx.punct(np.1, ',') { np.1 + 1 } else { np.1 };
                return found(
                    minus(ctx, lo, end, k - 1, frame_end),
                    Some(np),
                    vec![(k, k + 1)],
                    (k - 1, frame_end),
                );
            }
        }
        if ctx.is(k, "wie") {
            if let Some(np) = speaker::np_after(ctx.text, ctx.toks, k + 1, end) {
                if let Some(mut cue) = ctx.verb_cue(np.1, end) {
                    cue.insert(0, (k, k + 1));
                    let mut fe = cue.last().map(|c| c.1).unwrap_or(np.1);
                    if ctx.punct(fe, ',') {
                        fe += 1;
                    }
                    return found(minus(ctx, lo, end, k - 1, fe), Some(np), cue, (k - 1, fe));
                }
            }
        }
    }
    // "Wie X mitteilte, …" at the start
    if ctx.is(lo, "wie") {
        if let Some(np) = speaker::np_after(ctx.text, ctx.toks, lo + 1, end) {
            if let Some(mut cue) = ctx.verb_cue(np.1, end) {
                cue.insert(0, (lo, lo + 1));
                let mut fe = cue.last().map(|c| c.1).unwrap_or(np.1);
                if ctx.punct(fe, ',') {
                    fe += 1;
                }
                return found(minus(ctx, lo, end, lo, fe), Some(np), cue, (lo, fe));
            }
        }
    }

    // 3. source frames
    for p in lo..end {
        if !free(p) || !ctx.toks[p].is_word() {
            continue;
        }
        let e = ctx.lex(p);
        if e.is_some_and(|e| e.prep) {
            if let Some(np) = speaker::np_after(ctx.text, ctx.toks, p + 1, end) {
                let fe = if ctx.punct(np.1, ',') && p > lo && ctx.punct(p - 1, ',') {
                    np.1 + 1
                } else {
                    np.1
                };
                let fa = if p > lo && ctx.punct(p - 1, ',') {
                    p - 1
                } else {
                    p
                };
                return found(
                    minus(ctx, lo, end, fa, fe),
                    Some(np),
                    vec![(p, p + 1)],
                    (fa, fe),
                );
            }
        }
        // "laut „Welt“", "laut el-Baradei", "laut taz": a quoted or lower-case source name
        if ctx.is(p, "laut") && p + 1 < end {
            let name_end = if ctx.is_quote(p + 1) {
                speaker::quoted_name_end(ctx.text, ctx.toks, p + 1, end).map(|c| c + 1)
            } else if ctx.toks[p + 1].is_word()
                && !speaker::is_determiner(ctx.word(p + 1))
                && !speaker::is_pronoun(ctx.word(p + 1))
                && ctx.word(p + 1).contains(['-', '.'])
                && ctx
                    .word(p + 1)
                    .chars()
                    .next()
                    .is_some_and(char::is_lowercase)
            {
                Some(p + 2)
            } else {
                None
            };
            if let Some(ne) = name_end.filter(|&ne| ne < end) {
                let fa = if p > lo && ctx.punct(p - 1, ',') {
                    p - 1
                } else {
                    p
                };
                let fe = if ctx.punct(ne, ',') && fa < p {
                    ne + 1
                } else {
                    ne
                };
                return found(
                    minus(ctx, lo, end, fa, fe),
                    Some((p + 1, ne)),
                    vec![(p, p + 1)],
                    (fa, fe),
                );
            }
        }
        // postposition: "Seiner Meinung nach", "Dem Vernehmen nach", "ihrer Ansicht nach"
        if ctx.is(p, "nach")
            && p >= lo + 2
            && ctx.lex(p - 1).is_some_and(|e| e.nach_noun)
            && ctx.toks[p - 2].is_word()
            && speaker::is_determiner(ctx.word(p - 2))
            && p + 1 < end
        {
            let fa = p - 2;
            let fe = if ctx.punct(p + 1, ',') { p + 2 } else { p + 1 };
            return found(
                minus(ctx, lo, end, fa, fe),
                Some((p - 2, p)),
                vec![(p, p + 1)],
                (fa, fe),
            );
        }
        if ctx.is(p, "nach") {
            // nach (Adj/Det)* NOUN …
            let noun = (p + 1..(p + 4).min(end))
                .find(|&j| ctx.lex(j).is_some_and(|e| e.nach_noun) || source_compound(ctx.word(j)));
            if let Some(nn) = noun {
                let ok_between = (p + 1..nn).all(|j| {
                    let w = ctx.word(j);
                    speaker::is_determiner(w) || w.chars().next().is_some_and(|c| c.is_lowercase())
                });
                if ok_between {
                    let np_end = speaker::np_after(ctx.text, ctx.toks, nn, end)
                        .map(|x| x.1)
                        .unwrap_or(nn + 1)
                        .max(nn + 1);
                    let fa = if p > lo && ctx.punct(p - 1, ',') {
                        p - 1
                    } else {
                        p
                    };
                    let fe = if ctx.punct(np_end, ',') && fa < p {
                        np_end + 1
                    } else {
                        np_end
                    };
                    return found(
                        minus(ctx, lo, end, fa, fe),
                        Some((p + 1, np_end)),
                        vec![(p, p + 1)],
                        (fa, fe),
                    );
                }
            }
        }
        let Some(e) = e else {
            continue;
        };
        if e.post && p > lo {
            if let Some(mut np) = speaker::np_before(ctx.text, ctx.toks, p, lo) {
                // the dative phrase governed by `zufolge` starts at its own determiner: in
                // "hob Sarkozy dem „Figaro“ zufolge … hervor" the subject before it is no part
                // of the source (a dative determiner cannot open a genitive attribute)
                if let Some(d) = (np.0 + 1..np.1)
                    .rev()
                    .find(|&j| DATIVE_DETERMINERS.iter().any(|w| ctx.is(j, w)))
                {
                    np.0 = d;
                }
                let mut fe = p + 1;
                if ctx.punct(fe, ',') {
                    fe += 1;
                }
                return found(
                    minus(ctx, lo, end, np.0, fe),
                    Some(np),
                    vec![(p, p + 1)],
                    (np.0, fe),
                );
            }
        }
        if e.adv {
            // "ein Bericht, wonach …": the report named before the comma is the source
            let antecedent = (ctx.is(p, "wonach") && p > lo + 1 && ctx.punct(p - 1, ','))
                .then(|| speaker::np_before(ctx.text, ctx.toks, p - 1, lo))
                .flatten()
                .filter(|np| np.1 == p - 1);
            let sp = antecedent.or(Some((p, p + 1)));
            let spans = if ctx.is(p, "wonach") {
                minus(ctx, p + 1, end, p + 1, p + 1)
            } else {
                minus(ctx, lo, end, p, p + 1)
            };
            let _ = last;
            return found(spans, sp, vec![(p, p + 1)], (p, p + 1));
        }
    }
    None
}

/// Determiners that mark a dative (and never a genitive) noun phrase.
const DATIVE_DETERMINERS: &[&str] = &["dem", "einem", "diesem", "jenem"];

#[cfg(test)]
mod tests {
    use crate::enrich::quotes::{extract_quotes, QuoteKind};

    /// (quote text, speaker text, cue text) of the first indirect quote.
    fn indirect(text: &str) -> Option<(String, String, String)> {
        let q = extract_quotes(text, &[])
            .into_iter()
            .find(|q| q.kind == QuoteKind::Indirect)?;
        Some((q.text, q.speaker?.text, q.cue?.text))
    }

    #[test]
    fn source_frames_with_postposition_and_odd_names() {
        let (q, s, c) =
            indirect("Seiner Meinung nach hätte die Aufsicht von einer Landung abraten müssen.")
                .unwrap();
        assert_eq!(
            (q.as_str(), s.as_str(), c.as_str()),
            (
                "hätte die Aufsicht von einer Landung abraten müssen",
                "Seiner Meinung",
                "nach"
            )
        );
        let (_, s, _) = indirect("Laut „Welt“ soll er sich in Landsberg befinden.").unwrap();
        assert_eq!(s, "„Welt“");
        let (_, s, _) = indirect("Anschließend sei laut el-Baradei die Arbeit erfolgt.").unwrap();
        assert_eq!(s, "el-Baradei");
        let (_, s, c) = indirect("Nach Auskunft der NASA würde der Großteil verglühen.").unwrap();
        assert_eq!((s.as_str(), c.as_str()), ("Auskunft der NASA", "Nach"));
        // "Wie X …, cue," with adverbials before the cue, and a lower-case source name
        let (_, s, c) = indirect(
            "Wie der Finanzminister Hartmut Möllring am Dienstag in Hannover erklärte, sieht die Regierung kein Hindernis.",
        )
        .unwrap();
        assert_eq!(
            (s.as_str(), c.as_str()),
            ("der Finanzminister Hartmut Möllring", "Wie erklärte")
        );
        let (_, s, _) =
            indirect("Wie t-online.de berichtet, ist der Trailer veröffentlicht worden.").unwrap();
        assert_eq!(s, "t-online.de");
        // "wie bereits berichtet" names no source
        let q = extract_quotes("Wie bereits berichtet, ist der Mann geflohen.", &[]);
        assert!(q.iter().all(|q| q.speaker.is_none()));
        // a quoted name inside the subject phrase
        let (_, s, _) = indirect(
            "Die Zeitung „Yemen Observer“ berichtet jedoch, dass zwei Verhandlungsrunden gescheitert seien.",
        )
        .unwrap();
        assert_eq!(s, "Die Zeitung „Yemen Observer“");
        // the subject of the clause's first verb speaks for the second
        let (_, s, c) = indirect(
            "Die Vereinten Nationen bestätigten den Zwischenfall, teilten jedoch mit, es sei unklar, wer schoss.",
        )
        .unwrap();
        assert_eq!(
            (s.as_str(), c.as_str()),
            ("Die Vereinten Nationen", "teilten mit")
        );
        // `X zufolge`: the source is the dative phrase only, and a newspaper name quoted inside
        // the frame is no quote of its own
        let text = "Zudem hob Sarkozy dem „Figaro“ zufolge in einem Interview mit der BBC die Wichtigkeit Englands besonders hervor.";
        let (_, s, c) = indirect(text).unwrap();
        assert_eq!((s.as_str(), c.as_str()), ("dem „Figaro“", "zufolge"));
        let quotes = extract_quotes(text, &[]);
        assert!(
            quotes.iter().all(|q| q.kind != QuoteKind::Direct),
            "{quotes:?}"
        );
        let (_, s, _) = indirect("Einem Bericht der Zeitung zufolge sei er geflohen.").unwrap();
        assert_eq!(s, "Einem Bericht der Zeitung");
        for text in [
            "Laut der „Financial Times“ soll er zurücktreten.",
            "Nach Angaben der „Times“ sei er geflohen.",
        ] {
            let quotes = extract_quotes(text, &[]);
            assert!(
                quotes.iter().all(|q| q.kind != QuoteKind::Direct),
                "{quotes:?}"
            );
            assert!(quotes[0].speaker.as_ref().unwrap().text.contains('„'));
        }
        // the adverb `laut` (loud) before a shouted sentence keeps the quote
        let quotes = extract_quotes("Die Menge rief laut: „Wir sind das Volk!“", &[]);
        assert!(quotes.iter().any(|q| q.kind == QuoteKind::Direct));
        // a fronted prepositional phrase is no speaker
        let (_, s, _) = indirect(
            "An die Regierung appellierte sie, den Helfern mehr Unterstützung zukommen zu lassen.",
        )
        .unwrap();
        assert_eq!(s, "sie");
        // after a relative clause, the phrase after the verb is the addressee, not the speaker
        let q = extract_quotes(
            "John Edwards, der selbst angetreten war, bekräftigte gegenüber mehreren Medien, dass er nicht zur Verfügung stehe.",
            &[],
        );
        let q = q.iter().find(|q| q.kind == QuoteKind::Indirect).unwrap();
        assert!(q
            .speaker
            .as_ref()
            .is_none_or(|s| !s.text.starts_with("gegenüber")));
        assert_eq!(
            q.addressee.as_ref().map(|a| a.text.as_str()),
            Some("mehreren Medien")
        );
        // a lower-case medium after a determiner
        let (_, s, _) = indirect("Die taz vermutet, dass der Zugriff schon üblich ist.").unwrap();
        assert_eq!(s, "Die taz");
        // "nach" as a plain preposition is no frame
        assert!(indirect("Nach dem Spiel fuhren die Fans nach Hause.").is_none());
    }
}
