//! The addressee of a quotation: whom the speaker told it, where the frame names them —
//! `sagte er der „Bild“-Zeitung`, `sagte sie gegenüber Reportern`, `teilte … dem Parlament mit`,
//! `schrieb an …`, `in einem Interview mit der New York Times`, `forderte die SPD auf`.
//!
//! Only the clause of the cue verb is searched (up to the next comma, colon, quotation mark or
//! sentence end on either side), the speaker and the quote itself are never an addressee.

use super::text::TokKind;
use super::{speaker, Ctx, Found};

/// Nouns of a communication act that name its addressee with `mit` (`Interview mit X`).
const WITH_NOUNS: &[&str] = &[
    "interview",
    "gespräch",
    "gesprächen",
    "telefonat",
    "telefongespräch",
    "videokonferenz",
    "pressekonferenz",
];

/// Nouns of a message that name its addressee with `an` (`Brief an X`).
const TO_NOUNS: &[&str] = &[
    "brief",
    "schreiben",
    "appell",
    "botschaft",
    "mail",
    "e-mail",
    "nachricht",
    "anfrage",
    "offenen",
    "worte",
    "worten",
    "aufruf",
    "grußwort",
    "rundschreiben",
    "mitteilung",
];

/// Verb stems whose addressee is an `an` phrase (`schrieb an X`, `appellierte an X`).
const TO_VERBS: &[&str] = &[
    "schrieb",
    "schreib",
    "appellier",
    "wandte",
    "wendet",
    "richtet",
];

/// Verb stems whose addressee is the accusative object (`forderte die SPD auf`, `bat ihn`).
const ACC_VERBS: &[&str] = &[
    "aufgefordert",
    "aufforder",
    "forder",
    "rief",
    "ruf",
    "bat",
    "bitte",
    "bittet",
    "gebeten",
    "warnte",
    "warnt",
    "gewarnt",
    "drängte",
    "drängt",
    "gedrängt",
    "ermahnt",
    "mahnte",
    "fragte",
    "fragt",
    "gefragt",
    "beschuldigt",
];

/// Particles that make an `ACC_VERBS` stem ask somebody (`forderte … auf`, `rief … auf`).
const ACC_PARTICLES: &[&str] = &["auf"];

/// Dative pronouns that name an addressee on their own.
const DATIVE_PRONOUNS: &[&str] = &["ihm", "ihnen", "uns", "mir", "euch"];

/// Words that are never the word before an object of the cue verb.
const NOT_BEFORE_OBJECT: &[&str] = &[
    "und", "oder", "sowie", "als", "wie", "dass", "ob", "zu", "nicht", "auch", "es", "sich",
];

/// The addressee phrase of quote `f` as a token span `[a, b)`, if its frame names one.
pub(crate) fn find(ctx: &Ctx, f: &Found) -> Option<(usize, usize)> {
    let cue = f.cue.as_ref()?;
    let v = cue.first()?.0;
    let entry = ctx.lex(v)?;
    if !entry.any_verb() {
        return None;
    }
    let n = ctx.toks.len();
    let &(lo, hi) = ctx.sents.get(*ctx.sent_of.get(v)?)?;
    let boundary = |i: usize| {
        matches!(
            ctx.toks[i].kind,
            TokKind::Punct(',' | ':' | ';' | '.' | '!' | '?' | '(' | ')') | TokKind::Quote(_)
        )
    };
    let mut rl = v;
    while rl > lo && !boundary(rl - 1) {
        rl -= 1;
    }
    let last_cue = cue.iter().map(|c| c.1).max().unwrap_or(v + 1);
    let mut rr = v + 1;
    while rr < hi.min(n) && (rr < last_cue || !boundary(rr)) {
        rr += 1;
    }
    let speaker: Vec<(usize, usize)> = f.speaker.clone().unwrap_or_default();
    let blocked = |a: usize, b: usize| {
        speaker
            .iter()
            .chain(f.spans.iter())
            .any(|&(s, e)| a < e && s < b)
            || cue.iter().any(|&(s, e)| a < e && s < b)
    };
    let np = |i: usize| -> Option<(usize, usize)> {
        if i >= rr {
            return None;
        }
        // a name in quotation marks: der „Berliner Zeitung“
        if speaker::is_determiner(ctx.word(i)) && ctx.is_quote(i + 1) {
            let close = speaker::quoted_name_end(ctx.text, ctx.toks, i + 1, n)?;
            let mut end = close + 1;
            // „Bild“-Zeitung
            if ctx.punct(end, '-') && ctx.toks.get(end + 1).is_some_and(|t| t.is_word()) {
                end += 2;
            }
            return Some((i, end));
        }
        let p = speaker::np_after(ctx.text, ctx.toks, i, rr)?;
        (p.0 == i && p.1 > i).then_some(p)
    };
    let verb = ctx.word(v).to_lowercase();
    let particle = cue.get(1).map(|&(s, _)| ctx.word(s).to_lowercase());

    // 1. prepositional addressees: gegenüber X, Interview mit X, Brief an X, schrieb an X
    for j in rl..rr {
        if blocked(j, j + 1) || !ctx.toks[j].is_word() {
            continue;
        }
        let w = ctx.word(j).to_lowercase();
        let prev = if j > 0 {
            ctx.word(j - 1).to_lowercase()
        } else {
            String::new()
        };
        let hit = match w.as_str() {
            "gegenüber" => true,
            "mit" => WITH_NOUNS.iter().any(|x| prev.ends_with(x)),
            "an" => {
                (TO_NOUNS.iter().any(|x| prev.ends_with(x)) && j > rl)
                    || (j > v && TO_VERBS.iter().any(|x| verb.starts_with(x)))
            }
            _ => false,
        };
        if hit {
            if let Some(p) = np(j + 1).filter(|&(a, b)| !blocked(a, b)) {
                return Some(p);
            }
        }
    }

    // 2. the object of the cue verb: a dative phrase (`sagte er der Zeitung`, `teilte dem
    // Parlament mit`), the accusative of `auffordern`, `bitten`, `warnen`
    let acc = ACC_VERBS.iter().any(|x| verb.starts_with(x))
        && (!verb.starts_with("forder") && !verb.starts_with("ruf") && !verb.starts_with("rief")
            || particle
                .as_deref()
                .is_some_and(|p| ACC_PARTICLES.contains(&p)));
    let speaker_end = speaker.first().map(|s| s.1);
    for p in rl..rr {
        if blocked(p, p + 1) || !ctx.toks[p].is_word() {
            continue;
        }
        let w = ctx.word(p).to_lowercase();
        let dative = ["dem", "einem", "diesem"].contains(&w.as_str())
            || DATIVE_PRONOUNS.contains(&w.as_str());
        // `der`/`einer` are dative only where the subject is elsewhere
        let fem_dative = ["der", "einer"].contains(&w.as_str()) && speaker_end.is_some();
        let accusative = acc && ["die", "das", "den", "einen", "eine", "ihn"].contains(&w.as_str());
        if !(dative || fem_dative || accusative) {
            continue;
        }
        // right after the verb, the speaker, an auxiliary or an adverb — not inside a
        // prepositional phrase or after a noun (a genitive)
        let ok_prev = p > 0 && {
            let q = p - 1;
            let pw = ctx.word(q);
            let lower = pw.chars().next().is_some_and(char::is_lowercase);
            cue.iter().any(|&(s, e)| s <= q && q < e)
                || Some(p) == speaker_end
                || (ctx.toks[q].is_word()
                    && lower
                    && !super::PREPOSITIONS
                        .iter()
                        .chain(NOT_BEFORE_OBJECT)
                        .chain(EXTRA_PREPOSITIONS)
                        .any(|x| pw.eq_ignore_ascii_case(x))
                    && !speaker::is_determiner(pw)
                    && q >= rl)
        };
        // a fronted dative before the verb, the subject after it: "Der Zeitung sagte er: „…“",
        // "Dem Sender sagte die Ministerin, …"
        // (`der`/`einer` only with an adjective in -en: `Der englischsprachigen Zeitung`, not
        // `Der Spiegel zitiert X`)
        let fem_fronted = fem_dative && ctx.is_adjective_en(p + 1);
        let fronted = p == rl
            && p < v
            && (dative || fem_fronted)
            && speaker.first().is_some_and(|s| s.0 > v)
            && np(p).is_some_and(|(_, b)| b == v);
        if !(ok_prev || fronted) {
            continue;
        }
        if let Some(a) = np(p).filter(|&(a, b)| !blocked(a, b)) {
            // a pronoun after the subject pronoun is no object of speech (`sagte er ihm` is,
            // `sagte sie ihr` rarely): keep the pronoun rule to unambiguous forms
            return Some(a);
        }
    }
    None
}

/// Participles of speech acts directed at somebody; in the passive their subject is the
/// addressee (`Ihm wird vorgeworfen, …`, `Die Männer werden beschuldigt, …`).
const PASSIVE_PARTICIPLES: &[&str] = &[
    "vorgeworfen",
    "beschuldigt",
    "nachgesagt",
    "aufgefordert",
    "gebeten",
    "gewarnt",
    "gefragt",
    "verdächtigt",
    "angeklagt",
    "empfohlen",
    "geraten",
    "untersagt",
    "verboten",
    "zugesagt",
    "zugesichert",
    "versprochen",
];

/// Forms of `werden` that build the passive.
const PASSIVE_AUX: &[&str] = &[
    "wird", "werden", "wurde", "wurden", "worden", "würde", "würden",
];

/// In a passive frame (`Ihm wird vorgeworfen`, `Klien wurde vorgeworfen`, `Die Männer werden
/// beschuldigt`) the phrase taken as the speaker is the addressee; returns its token span. An
/// agent with `von` (`wurde von der Polizei aufgefordert`) stays the speaker.
pub(crate) fn passive_subject(ctx: &Ctx, f: &Found) -> Option<(usize, usize)> {
    let cue = f.cue.as_ref()?;
    let p = cue
        .iter()
        .flat_map(|&(s, e)| s..e)
        .find(|&i| PASSIVE_PARTICIPLES.iter().any(|w| ctx.is(i, w)))?;
    let sp = *f.speaker.as_ref()?.first()?;
    if sp.0 > 0 && (ctx.is(sp.0 - 1, "von") || ctx.is(sp.0 - 1, "vom")) {
        return None;
    }
    let &(lo, _) = ctx.sents.get(*ctx.sent_of.get(p)?)?;
    let (from, to) = (sp.0.min(p), sp.1.max(p + 1));
    let from = from.max(lo);
    let aux = (from..to).any(|i| PASSIVE_AUX.iter().any(|w| ctx.is(i, w)))
        || PASSIVE_AUX.iter().any(|w| ctx.is(p + 1, w));
    let clause = (from..to).all(|i| !ctx.punct(i, ',') || (sp.0 <= i && i < sp.1));
    (aux && clause).then_some(sp)
}

/// Prepositions governing the dative or accusative that `PREPOSITIONS` does not list.
const EXTRA_PREPOSITIONS: &[&str] = &[
    "mit", "nach", "bei", "seit", "von", "zu", "aus", "außer", "gemäß", "laut", "wegen", "trotz",
    "ohne", "gegen", "bis", "durch", "per", "pro", "neben", "hinter", "zwischen", "beim", "vom",
    "zum", "zur", "ins", "ans", "aufs", "ums", "entgegen", "dank", "samt",
];

#[cfg(test)]
mod tests {
    use crate::enrich::quotes::extract_quotes;

    fn addressee(text: &str) -> Option<String> {
        extract_quotes(text, &[])
            .into_iter()
            .find(|q| q.cue.is_some())
            .and_then(|q| q.addressee)
            .map(|a| a.text)
    }

    #[test]
    fn dative_and_prepositional_addressees() {
        // a fronted dative with the subject after the verb
        for (text, to, by) in [
            (
                "Der englischsprachigen Zeitung sagte Filep Karma: „Ich bleibe hier.“",
                "Der englischsprachigen Zeitung",
                "Filep Karma",
            ),
            (
                "Dem Sender sagte die Ministerin: „Wir sind bereit.“",
                "Dem Sender",
                "die Ministerin",
            ),
        ] {
            let q = &extract_quotes(text, &[])[0];
            assert_eq!(q.addressee.as_ref().map(|a| a.text.as_str()), Some(to));
            assert_eq!(q.speaker.as_ref().map(|s| s.text.as_str()), Some(by));
        }
        // `der` + adjective in -e is the nominative subject
        let q = &extract_quotes(
            "Der österreichische Kanzler würdigte Ligeti als „großen Österreicher“.",
            &[],
        )[0];
        assert_eq!(
            q.speaker.as_ref().map(|s| s.text.as_str()),
            Some("Der österreichische Kanzler")
        );
        assert_eq!(
            addressee("„Wir sind bereit“, sagte er der „Bild“-Zeitung.").as_deref(),
            Some("der „Bild“-Zeitung")
        );
        assert_eq!(
            addressee("„Das ist ein großer Fehler“, sagte sie gegenüber Reportern.").as_deref(),
            Some("Reportern")
        );
        assert_eq!(
            addressee("Die Regierung teilte dem Parlament mit, sie sei zu Gesprächen bereit.")
                .as_deref(),
            Some("dem Parlament")
        );
        assert_eq!(
            addressee(
                "In einem Interview mit der New York Times erklärte der Direktor, Iran sei bereit."
            )
            .as_deref(),
            Some("der New York Times")
        );
        assert_eq!(
            addressee("Der Minister forderte die Opposition auf, den Plan zu unterstützen.")
                .as_deref(),
            Some("die Opposition")
        );
    }

    #[test]
    fn passive_subject_is_the_addressee() {
        let q = extract_quotes("Ihm wird vorgeworfen, die Kasse geplündert zu haben.", &[]);
        let q = q.first().expect("a quote");
        assert_eq!(q.speaker, None);
        assert_eq!(q.addressee.as_ref().map(|a| a.text.as_str()), Some("Ihm"));
    }

    #[test]
    fn no_addressee_where_the_frame_names_none() {
        assert_eq!(
            addressee("„Wir sind bereit“, sagte der Sprecher der Regierung."),
            None
        );
        assert_eq!(
            addressee("Er sagte am Montag in Berlin, China sei bereit."),
            None
        );
        assert_eq!(
            addressee("Laut der Polizei waren die Straßen gesperrt."),
            None
        );
        assert_eq!(
            addressee("Die CDU forderte den Rücktritt des Ministers, dieser sei untragbar."),
            None
        );
    }
}
