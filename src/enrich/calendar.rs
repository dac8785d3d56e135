//! German weekday and month names, shared by the enrichment rules: capitalised words that
//! start sentences and noun phrases ("Am Montag sagte …", "Im März …") but never name a
//! person, a speaker or an organisation.

/// Weekday and month names, capitalised as written.
pub(crate) const CALENDAR_WORDS: &[&str] = &[
    "Montag",
    "Dienstag",
    "Mittwoch",
    "Donnerstag",
    "Freitag",
    "Samstag",
    "Sonntag",
    "Januar",
    "Februar",
    "März",
    "April",
    "Mai",
    "Juni",
    "Juli",
    "August",
    "September",
    "Oktober",
    "November",
    "Dezember",
];

/// Whether `w` (as written) is a German weekday or month name.
pub(crate) fn is_calendar_word(w: &str) -> bool {
    CALENDAR_WORDS.contains(&w)
}

#[cfg(test)]
mod tests {
    #[test]
    fn weekdays_and_months() {
        assert!(super::is_calendar_word("Montag"));
        assert!(super::is_calendar_word("März"));
        assert!(!super::is_calendar_word("Merkel"));
    }
}
