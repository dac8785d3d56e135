//! Closed word classes that must never become compound parts: verbal particles and prefixes
//! (which form derivations such as *Abkommen* or *Verbrechen*, not compounds), function words,
//! and derivational suffixes (which are not heads: *Halt-ung*, *Wissen-schaft*).

/// Linking elements (*Fugenelemente*) that may end a modifier, longest first.
/// The part range excludes them: *Friedens|abkommen* → `frieden`.
pub(crate) const LINKING: &[&str] = &["ens", "es", "en", "er", "s", "n", "e"];

/// Two-letter words that may stand as a modifier (parts are otherwise at least 3 letters).
pub(crate) const SHORT_MODIFIERS: &[&str] = &["öl", "ei", "uv", "eu"];

/// Three-letter nouns and adjectives that count as known words whatever their frequency in the
/// vocabulary (which, for strings this short, is full of names, abbreviations and fragments, so
/// other 3-letter strings need several occurrences). Hand-assembled from general German
/// knowledge (CC0), not from any evaluation data.
pub(crate) const SHORT_WORDS: &[&str] = &[
    "aal", "akt", "alt", "amt", "app", "arm", "art", "ast", "axt", "bad", "bär", "bau", "box",
    "bus", "dom", "eid", "eis", "erz", "fan", "fax", "fee", "gas", "hai", "heu", "hof", "huf",
    "hut", "jet", "job", "kai", "klo", "kuh", "lok", "mai", "mus", "mut", "neu", "ohr", "öhr",
    "ort", "ost", "pol", "pop", "rad", "rat", "reh", "roh", "rot", "rum", "see", "sex", "ski",
    "tag", "tal", "tat", "tau", "tee", "tod", "ton", "tor", "tot", "tür", "uhr", "wal", "web",
    "wut", "zar", "zeh", "zoo", "zug",
];

/// Greek and Latin confixes that form compounds with a word (*Öko|steuer*, *Exo|planet*,
/// *Psycho|drama*): a modifier without being a word of their own, but only before a known head.
/// General German word formation (CC0), not taken from any evaluation data.
pub(crate) const CONFIXES: &[&str] = &[
    "öko", "bio", "geo", "exo", "proto", "psycho", "astro", "pseudo", "mikro", "makro", "mega",
    "multi", "hydro", "thermo", "elektro", "agro", "cyber", "techno", "nano", "ultra", "hyper",
    "super", "retro",
];

/// Particles, prefixes and function words that are never a modifier.
const BLOCKED_MODIFIERS: &[&str] = &[
    // verbal particles and inseparable prefixes
    "ab",
    "an",
    "auf",
    "aus",
    "bei",
    "be",
    "dar",
    "durch",
    "ein",
    "ent",
    "emp",
    "er",
    "fort",
    "ge",
    "gegen",
    "her",
    "herab",
    "heran",
    "herauf",
    "heraus",
    "herbei",
    "herein",
    "herum",
    "herunter",
    "hervor",
    "hin",
    "hinab",
    "hinauf",
    "hinaus",
    "hinein",
    "hinter",
    "hinweg",
    "los",
    "miss",
    "mit",
    "nach",
    "nieder",
    "ob",
    "über",
    "um",
    "un",
    "unter",
    "ur",
    "ver",
    "vor",
    "voran",
    "voraus",
    "vorbei",
    "vorher",
    "weg",
    "weiter",
    "wider",
    "wieder",
    "zer",
    "zu",
    "zurück",
    "zusammen",
    "zwischen",
    "empor",
    "entgegen",
    "entlang",
    "gegenüber",
    "statt",
    "inne",
    "fehl",
    "miß",
    "abs",
    "rück",
    "vorder",
    "pro",
    "inter",
    "kon",
    "kom",
    "uni",
    "viel",
    "tri",
    "ko",
    // function words (articles, pronouns, prepositions, conjunctions, adverbs)
    "der",
    "die",
    "das",
    "den",
    "dem",
    "des",
    "eine",
    "einer",
    "eines",
    "einem",
    "einen",
    "und",
    "oder",
    "aber",
    "als",
    "wie",
    "ins",
    "im",
    "am",
    "zum",
    "zur",
    "vom",
    "beim",
    "ich",
    "du",
    "sie",
    "es",
    "wir",
    "ihr",
    "ihre",
    "sein",
    "seine",
    "mein",
    "dein",
    "unser",
    "euer",
    "nicht",
    "noch",
    "schon",
    "auch",
    "nur",
    "sehr",
    "so",
    "alle",
    "aller",
    "jede",
    "jeder",
    "mehr",
    "irgend",
    "nichts",
    "etwas",
    "dies",
    "diese",
    "dieser",
    "jene",
    "welch",
    "solch",
    "sich",
    "man",
    "wer",
    "was",
    "wo",
    "da",
    "dort",
    "hier",
    "dann",
    "denn",
    "doch",
    "weil",
    "dass",
    "daß",
    "wenn",
    "bis",
    "seit",
    "ohne",
    "für",
    "von",
    "trotz",
    "wegen",
    "während",
    "in",
    "ander",
    "andere",
    "anders",
    "sofern",
    "insofern",
    "inso",
    "ins",
    "inzwischen",
    "sonder",
    "außer",
    "innerhalb",
    "außerhalb",
    "oberhalb",
    "unterhalb",
    "allerdings",
    "ebenso",
    "eben",
    "jedoch",
    "zwar",
    "bereits",
    "etwa",
    "wohl",
    "ja",
    "nein",
    "gar",
    "kaum",
    "fast",
    "allem",
];

/// Suffixes, endings and function words that are never a head.
const BLOCKED_HEADS: &[&str] = &[
    // derivational suffixes (with frequent inflected forms)
    "ung",
    "ungen",
    "heit",
    "heiten",
    "keit",
    "keiten",
    "schaft",
    "schaften",
    "lich",
    "liche",
    "lichen",
    "licher",
    "liches",
    "lichem",
    "lichkeit",
    "ig",
    "ige",
    "igen",
    "iger",
    "iges",
    "igem",
    "isch",
    "ische",
    "ischen",
    "ischer",
    "isches",
    "in",
    "innen",
    "chen",
    "lein",
    "nis",
    "nisse",
    "nissen",
    "tum",
    "tums",
    "tät",
    "ion",
    "ionen",
    "ismus",
    "ist",
    "isten",
    "ier",
    "ieren",
    "ierung",
    "ei",
    "er",
    "ern",
    "erin",
    "bar",
    "bare",
    "baren",
    "barer",
    "bares",
    "barkeit",
    "sam",
    "same",
    "samen",
    "samer",
    "samkeit",
    "los",
    "lose",
    "losen",
    "loser",
    "loses",
    "losigkeit",
    "hafte",
    "haften",
    "hafter",
    "haftes",
    "haftigkeit",
    "weise",
    "weisen",
    "ling",
    "linge",
    "lingen",
    "lings",
    "ler",
    "lers",
    "nern",
    "ner",
    "ners",
    "erei",
    "ereien",
    "end",
    "ender",
    "endes",
    "ens",
    "tion",
    "tionen",
    "ation",
    "ationen",
    "mäßig",
    "artig",
    "ität",
    "itäten",
    "ieß",
    "ismen",
    "ant",
    "anten",
    "ent",
    "enten",
    // function words and endings that look like words
    "der",
    "die",
    "das",
    "den",
    "dem",
    "des",
    "ein",
    "eine",
    "einer",
    "eines",
    "einem",
    "einen",
    "und",
    "oder",
    "aber",
    "als",
    "wie",
    "sie",
    "ihr",
    "ihre",
    "ihren",
    "ihrer",
    "sich",
    "man",
    "wer",
    "was",
    "wen",
    "wem",
    "nen",
    "ten",
    "ter",
    "tern",
    "sten",
    "ste",
    "sten",
    "ner",
    "lung",
    "rung",
    "tung",
    "nung",
    "gung",
    "hung",
    "dung",
    "sung",
    "zung",
    "bung",
    "fung",
    "kung",
    "mung",
    "pung",
    "wung",
    "chung",
    "schung",
    // the same with the plural -en (Regie|rungen, Forde|rungen)
    "lungen",
    "rungen",
    "tungen",
    "nungen",
    "gungen",
    "hungen",
    "dungen",
    "sungen",
    "zungen",
    "bungen",
    "fungen",
    "kungen",
    "mungen",
    "pungen",
    "wungen",
    "chungen",
    "schungen",
    "ren",
    "ben",
    "gen",
    "ken",
    "len",
    "men",
    "sen",
    "zen",
    "tet",
    "tes",
    "ges",
    "ger",
    "gern",
    "ber",
    "bern",
    "rer",
    "ser",
    "ler",
    "mer",
    "zer",
    "nis",
    "ihm",
    "ums",
    "bis",
    "ans",
    "aufs",
    "fürs",
    "vors",
    "übers",
    "durchs",
    "ihn",
    "uns",
    "euch",
    "mir",
    "dir",
    "mich",
    "dich",
    "ins",
    "nun",
];

/// Whether `part` (a modifier after linking-element removal) is a particle, prefix or function word.
pub(crate) fn is_blocked_modifier(part: &str) -> bool {
    BLOCKED_MODIFIERS.contains(&part)
}

/// Whether `part` is a suffix or function word that can't be the head of a compound.
pub(crate) fn is_blocked_head(part: &str) -> bool {
    BLOCKED_HEADS.contains(&part)
}

/// Heads that are also frequent suffixes: a head only after a linking element
/// (*Untersuchungs|haft*, but not *zweifel|haft*).
const LINKED_HEADS: &[&str] = &["haft"];

/// Whether `head` may only follow a modifier that ends in a linking element.
pub(crate) fn needs_linking(head: &str) -> bool {
    LINKED_HEADS.contains(&head)
}

/// Adverbs and adjectives that form particle verbs (*fest|nehmen*): with a participle head
/// (*fest|genommen*, *frei|gelassen*) they are never a modifier.
const VERB_PARTICLES: &[&str] = &[
    "fest", "frei", "hoch", "statt", "teil", "heim", "bekannt", "kennen", "fern", "voll", "weg",
    "los", "nieder", "offen", "klar", "fertig", "gut", "schwer", "bereit", "übrig", "zusammen",
    "zurück", "kaputt", "stand", "preis", "acht", "schief", "wahr", "fehl",
];

/// Whether the modifier/head pair is a particle verb form rather than a compound:
/// *ange|kündigt*, *vorge|stellt* (particle + ge-), *fest|genommen* (particle + ge-participle).
pub(crate) fn is_particle_verb(modifier: &str, head: &str) -> bool {
    let particle = |p: &str| is_blocked_modifier(p) || VERB_PARTICLES.contains(&p);
    if let Some(stem) = modifier.strip_suffix("ge") {
        if particle(stem) {
            return true;
        }
    }
    head.starts_with("ge") && particle(modifier)
}

/// Whether the break cuts the agent suffix *-er* plus the feminine *-in*/*-innen* apart
/// (*Bürge|rinnen*, *Lehre|rin*): the head is then *r* + the feminine suffix (which may be a word,
/// *rinnen*), and the word is the feminine form of an agent noun, not a compound.
pub(crate) fn splits_feminine_suffix(modifier: &str, head: &str) -> bool {
    modifier.ends_with('e') && matches!(head, "rin" | "rinnen")
}

/// Adjective and adverb endings: such heads are derivations, not compound heads
/// (*tat|sächlich*, *zwei|felhaft* are rejected for this reason too).
pub(crate) const ADJECTIVE_ENDINGS: &[&str] = &[
    "lich", "liche", "lichen", "licher", "liches", "lichem", "ig", "ige", "igen", "iger", "iges",
    "igem", "isch", "ische", "ischen", "ischer", "isches", "ischem",
];

/// Whether `head` ends like a derived adjective.
pub(crate) fn has_adjective_ending(head: &str) -> bool {
    ADJECTIVE_ENDINGS.iter().any(|e| head.ends_with(e))
        || (head != "haft"
            && ["haft", "hafte", "haften", "hafter", "haftes"]
                .iter()
                // -schaft is a noun suffix (Land|schaft): only the adjective -haft counts
                .any(|e| head.ends_with(e) && !head.ends_with(&format!("sc{e}"))))
}

/// Suffixes that never begin a head (*Halt|ung*, *Frei|heit*).
const SUFFIX_STARTS: &[&str] = &[
    "ung", "heit", "keit", "lich", "isch", "chen", "ig", "schaft", "tum", "nis", "ling", "sam",
    "bar", "erin", "nerin", "lerin",
];

/// Whether an unknown `head` begins with a derivational suffix.
pub(crate) fn starts_with_suffix(head: &str) -> bool {
    SUFFIX_STARTS.iter().any(|e| head.starts_with(e))
}

/// Inflection endings used to match a part with the word forms of its lexeme
/// (*importe* ~ *import*, *kirch* ~ *kirche*).
pub(crate) const INFLECTIONS: &[&str] =
    &["e", "en", "n", "s", "es", "er", "ern", "em", "nen", "ens"];
