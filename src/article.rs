//! The article model: what ingest produces, what the index stores, what search returns.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use time::macros::format_description;
use time::{Date, PrimitiveDateTime, Time};

use crate::error::Error;

/// One news article.
///
/// `text` is the cleaned body; `title` the headline. Everything else is optional
/// metadata that ingest recognises in agency copy, web pages and JSON Lines.
/// The JSON shape (serde) is stable: it is what JSON Lines input and the Python
/// wrapper exchange.
///
/// ```
/// use pressespiegel::Article;
///
/// let a: Article = serde_json::from_str(
///     r#"{"id": "a1", "title": "Gipfel in Busan", "text": "Trump traf Xi.", "date": "2025-10-30"}"#,
/// ).unwrap();
/// assert_eq!(a.date.unwrap().to_string(), "2025-10-30");
/// assert!(a.tags.is_empty());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Article {
    /// Stable identifier; ingesting an article with the same id replaces the old one.
    pub id: String,
    /// Headline.
    pub title: String,
    /// Cleaned body text.
    pub text: String,
    /// Publication date, with time of day when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<ArticleDate>,
    /// Outlet that published it (`ntv.de`, `die-nachrichten.at`, …).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// News agency (`dpa-AFX`, `Reuters`, `AFP`, …).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub agency: Option<String>,
    /// Dateline place (`BUSAN`, `Peking`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
    /// Canonical URL.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Tags / keywords as given by the publisher.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
}

/// A publication date, optionally with a time of day (local time of the outlet, no zone).
///
/// Serialised as `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM:SS`; parsing also accepts
/// `YYYY-MM-DD HH:MM[:SS]`, a trailing `Z` and German `DD.MM.YYYY[, HH:MM [Uhr]]`.
///
/// ```
/// use pressespiegel::ArticleDate;
///
/// let d: ArticleDate = "24.11.2025, 20:21 Uhr".parse().unwrap();
/// assert_eq!(d.to_string(), "2025-11-24T20:21:00");
/// assert!("2025-13-01".parse::<ArticleDate>().is_err());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ArticleDate {
    /// Calendar day.
    pub date: Date,
    /// Time of day, when the source gives one.
    pub time: Option<Time>,
}

impl ArticleDate {
    /// A date without time of day.
    pub fn from_date(date: Date) -> Self {
        ArticleDate { date, time: None }
    }

    /// The moment used for indexing, sorting and range filters (midnight when no time is known).
    pub fn datetime(&self) -> PrimitiveDateTime {
        PrimitiveDateTime::new(self.date, self.time.unwrap_or(Time::MIDNIGHT))
    }

    /// Seconds since the Unix epoch, treating the local time as UTC.
    pub fn unix_seconds(&self) -> i64 {
        self.datetime().assume_utc().unix_timestamp()
    }

    /// Parse a plain day `YYYY-MM-DD` (as used by date-range filters).
    pub fn parse_day(s: &str) -> Result<Date, Error> {
        Date::parse(s.trim(), format_description!("[year]-[month]-[day]")).map_err(|_| {
            Error::InvalidDate {
                value: s.to_string(),
                expected: "YYYY-MM-DD",
            }
        })
    }
}

impl fmt::Display for ArticleDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let d = self.date;
        write!(
            f,
            "{:04}-{:02}-{:02}",
            d.year(),
            u8::from(d.month()),
            d.day()
        )?;
        if let Some(t) = self.time {
            write!(f, "T{:02}:{:02}:{:02}", t.hour(), t.minute(), t.second())?;
        }
        Ok(())
    }
}

impl FromStr for ArticleDate {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self, Error> {
        let invalid = || Error::InvalidDate {
            value: s.to_string(),
            expected: "YYYY-MM-DD, YYYY-MM-DDTHH:MM[:SS] or DD.MM.YYYY[, HH:MM Uhr]",
        };
        let t = s
            .trim()
            .trim_end_matches("Uhr")
            .trim()
            .trim_end_matches('Z');
        let (day, clock) = match t.find(['T', ' ', ',']) {
            Some(i) => (&t[..i], Some(t[i + 1..].trim_start_matches([',', ' ']))),
            None => (t, None),
        };
        let date = if day.contains('.') {
            Date::parse(day, format_description!("[day].[month].[year]"))
        } else {
            Date::parse(day, format_description!("[year]-[month]-[day]"))
        }
        .map_err(|_| invalid())?;
        let time = match clock.filter(|c| !c.is_empty()) {
            None => None,
            Some(c) => {
                // Drop fractional seconds and numeric zone offsets, keep HH:MM[:SS].
                let c = c.split(['.', '+']).next().unwrap_or(c);
                let c = if c.len() > 8 && c[8..].starts_with('-') {
                    &c[..8]
                } else {
                    c
                };
                let parsed = Time::parse(c, format_description!("[hour]:[minute]:[second]"))
                    .or_else(|_| Time::parse(c, format_description!("[hour]:[minute]")))
                    .map_err(|_| invalid())?;
                Some(parsed)
            }
        };
        Ok(ArticleDate { date, time })
    }
}

impl Serialize for ArticleDate {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for ArticleDate {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_formats_news_uses() {
        for (input, want) in [
            ("2025-10-30", "2025-10-30"),
            ("2025-10-30T08:15:00Z", "2025-10-30T08:15:00"),
            ("2025-10-30T08:15:00+01:00", "2025-10-30T08:15:00"),
            ("2025-10-30 08:15", "2025-10-30T08:15:00"),
            ("24.11.2025, 20:21 Uhr", "2025-11-24T20:21:00"),
            ("24.11.2025", "2025-11-24"),
        ] {
            assert_eq!(
                input.parse::<ArticleDate>().unwrap().to_string(),
                want,
                "{input}"
            );
        }
    }

    #[test]
    fn rejects_nonsense_with_the_value_in_the_message() {
        let err = "gestern".parse::<ArticleDate>().unwrap_err();
        assert!(err.to_string().contains("gestern"));
        assert!("2025-02-30".parse::<ArticleDate>().is_err());
    }

    #[test]
    fn json_roundtrip() {
        let a = Article {
            id: "x".into(),
            date: Some("2025-11-24T20:21:00".parse().unwrap()),
            ..Default::default()
        };
        let json = serde_json::to_string(&a).unwrap();
        assert_eq!(serde_json::from_str::<Article>(&json).unwrap(), a);
    }
}
