//! The German query language: parsing a user's query string into a [`QueryAst`].
//!
//! Syntax (AND is the default between terms):
//!
//! | input | meaning |
//! |---|---|
//! | `Trump Xi` | both words (stemmed: `Sanktion` finds `Sanktionen`) |
//! | `"Xi Jinping"`, `„Xi Jinping“`, `»…«` | phrase |
//! | `China OR Russland` | either |
//! | `-Trump`, `NOT Trump` | exclude |
//! | `+Trump` | required (same as plain) |
//! | `title:Gipfel`, `text:Gipfel` | only in that field |
//! | `präsid*` | prefix |
//! | `( … )` | grouping |
//!
//! A query of only exclusions (`-Trump`) matches every article that does not match them.
//! Errors carry a code-point position into the query.

use crate::error::{Error, Result};

/// A field a query literal may be restricted to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldScope {
    /// Headline only.
    Title,
    /// Body only.
    Text,
}

/// The parsed form of a query string.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum QueryAst {
    /// A single word (analysed later), maybe a prefix.
    Term {
        /// Restriction to one field.
        field: Option<FieldScope>,
        /// The word as typed.
        text: String,
        /// `word*`.
        prefix: bool,
    },
    /// A phrase in quotes.
    Phrase {
        /// Restriction to one field.
        field: Option<FieldScope>,
        /// The words as typed.
        text: String,
    },
    /// All must match (negated children exclude).
    And(Vec<QueryAst>),
    /// Any may match.
    Or(Vec<QueryAst>),
    /// Exclusion.
    Not(Box<QueryAst>),
}

impl QueryAst {
    /// Whether the query matches everything (empty input).
    pub fn is_match_all(&self) -> bool {
        matches!(self, QueryAst::And(v) if v.is_empty())
    }

    /// Visit all non-negated literals (for highlighting).
    pub fn positive_literals(&self, out: &mut Vec<QueryAst>) {
        match self {
            QueryAst::Term { .. } | QueryAst::Phrase { .. } => out.push(self.clone()),
            QueryAst::And(v) | QueryAst::Or(v) => v.iter().for_each(|c| c.positive_literals(out)),
            QueryAst::Not(_) => {}
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Word(String, bool), // text, prefix
    Phrase(String),
    Field(FieldScope),
    Open,
    Close,
    Or,
    And,
    Not,
    Plus,
}

fn opening_quote(c: char) -> Option<char> {
    match c {
        '"' => Some('"'),
        '„' => Some('“'),
        '“' => Some('”'),
        '»' => Some('«'),
        '«' => Some('»'),
        '‚' => Some('‘'),
        _ => None,
    }
}

fn lex(input: &str) -> Result<Vec<(usize, Tok)>> {
    let chars: Vec<char> = input.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    let is_break =
        |c: char| c.is_whitespace() || c == '(' || c == ')' || opening_quote(c).is_some();
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        let start = i;
        if c == '(' {
            out.push((start, Tok::Open));
            i += 1;
        } else if c == ')' {
            out.push((start, Tok::Close));
            i += 1;
        } else if let Some(close) = opening_quote(c) {
            let mut j = i + 1;
            // Accept the matching close mark, or a straight quote / any closing mark as a fallback.
            while j < chars.len()
                && chars[j] != close
                && !(close != '"' && matches!(chars[j], '“' | '”' | '"' | '«' | '»' | '‘'))
            {
                j += 1;
            }
            if j >= chars.len() {
                return Err(Error::Query {
                    message: format!("unclosed phrase: add the closing quote mark {close}"),
                    position: start,
                });
            }
            let text: String = chars[i + 1..j].iter().collect();
            out.push((start, Tok::Phrase(text)));
            i = j + 1;
        } else if (c == '-' || c == '+') && i + 1 < chars.len() && !chars[i + 1].is_whitespace() {
            out.push((start, if c == '-' { Tok::Not } else { Tok::Plus }));
            i += 1;
        } else {
            let mut j = i;
            while j < chars.len() && !is_break(chars[j]) {
                // `field:` prefix ends the word here.
                if chars[j] == ':' {
                    break;
                }
                j += 1;
            }
            let word: String = chars[i..j].iter().collect();
            if j < chars.len() && chars[j] == ':' {
                let field = match word.to_lowercase().as_str() {
                    "title" | "titel" => FieldScope::Title,
                    "text" | "body" => FieldScope::Text,
                    other => {
                        return Err(Error::Query {
                            message: format!(
                                "unknown field {other:?}: use title: or text: (or quote the word)"
                            ),
                            position: start,
                        })
                    }
                };
                out.push((start, Tok::Field(field)));
                i = j + 1;
                continue;
            }
            i = j;
            match word.as_str() {
                "OR" | "ODER" | "||" => out.push((start, Tok::Or)),
                "AND" | "UND" | "&&" => out.push((start, Tok::And)),
                "NOT" | "NICHT" => out.push((start, Tok::Not)),
                _ => {
                    let prefix = word.ends_with('*');
                    let w = word.trim_end_matches('*').to_string();
                    if w.chars().any(char::is_alphanumeric) {
                        out.push((start, Tok::Word(w, prefix)));
                    } else if prefix || w.contains('*') {
                        return Err(Error::Query {
                            message: "a prefix needs at least one letter before *".into(),
                            position: start,
                        });
                    }
                    // Pure punctuation is ignored.
                }
            }
        }
    }
    Ok(out)
}

struct Parser {
    toks: Vec<(usize, Tok)>,
    pos: usize,
    end: usize,
    depth: usize,
}

const MAX_DEPTH: usize = 64;

impl Parser {
    fn peek(&self) -> Option<&Tok> {
        self.toks.get(self.pos).map(|(_, t)| t)
    }
    fn at(&self) -> usize {
        self.toks.get(self.pos).map(|(p, _)| *p).unwrap_or(self.end)
    }

    fn or_expr(&mut self) -> Result<QueryAst> {
        let mut alts = vec![self.and_expr()?];
        while self.peek() == Some(&Tok::Or) {
            if alts.last().is_some_and(QueryAst::is_match_all) {
                return Err(Error::Query {
                    message: "OR needs a term on both sides".into(),
                    position: self.at(),
                });
            }
            self.pos += 1;
            if matches!(self.peek(), None | Some(Tok::Close) | Some(Tok::Or)) {
                return Err(Error::Query {
                    message: "OR needs a term on both sides".into(),
                    position: self.at(),
                });
            }
            alts.push(self.and_expr()?);
        }
        Ok(if alts.len() == 1 {
            alts.remove(0)
        } else {
            QueryAst::Or(alts)
        })
    }

    fn and_expr(&mut self) -> Result<QueryAst> {
        let mut items = Vec::new();
        loop {
            match self.peek() {
                None | Some(Tok::Close) | Some(Tok::Or) => break,
                Some(Tok::And) => {
                    if items.is_empty() {
                        return Err(Error::Query {
                            message: "AND needs a term on both sides".into(),
                            position: self.at(),
                        });
                    }
                    self.pos += 1;
                    if matches!(
                        self.peek(),
                        None | Some(Tok::Close) | Some(Tok::Or) | Some(Tok::And)
                    ) {
                        return Err(Error::Query {
                            message: "AND needs a term on both sides".into(),
                            position: self.at(),
                        });
                    }
                }
                _ => items.push(self.unary()?),
            }
        }
        Ok(if items.len() == 1 {
            items.remove(0)
        } else {
            QueryAst::And(items)
        })
    }

    fn unary(&mut self) -> Result<QueryAst> {
        match self.peek() {
            Some(Tok::Not) => {
                self.pos += 1;
                let inner = self.primary(None)?;
                Ok(QueryAst::Not(Box::new(inner)))
            }
            Some(Tok::Plus) => {
                self.pos += 1;
                self.primary(None)
            }
            _ => self.primary(None),
        }
    }

    fn primary(&mut self, field: Option<FieldScope>) -> Result<QueryAst> {
        let position = self.at();
        let Some((_, tok)) = self.toks.get(self.pos).cloned() else {
            return Err(Error::Query {
                message: "expected a word, phrase or ( after this".into(),
                position,
            });
        };
        self.pos += 1;
        match tok {
            Tok::Word(text, prefix) => Ok(QueryAst::Term {
                field,
                text,
                prefix,
            }),
            Tok::Phrase(text) => Ok(QueryAst::Phrase { field, text }),
            Tok::Field(f) => {
                if field.is_some() {
                    return Err(Error::Query {
                        message: "two field prefixes in a row".into(),
                        position,
                    });
                }
                match self.peek() {
                    Some(Tok::Word(..)) | Some(Tok::Phrase(_)) => self.primary(Some(f)),
                    Some(Tok::Open) => {
                        let inner = self.primary(None)?;
                        Ok(scope(inner, f))
                    }
                    _ => Err(Error::Query {
                        message: "a field prefix must be followed by a word, phrase or (".into(),
                        position: self.at(),
                    }),
                }
            }
            Tok::Open => {
                self.depth += 1;
                if self.depth > MAX_DEPTH {
                    return Err(Error::Query {
                        message: format!("too deeply nested (more than {MAX_DEPTH} parentheses)"),
                        position,
                    });
                }
                let inner = self.or_expr()?;
                self.depth -= 1;
                if self.peek() != Some(&Tok::Close) {
                    return Err(Error::Query {
                        message: "missing closing parenthesis".into(),
                        position,
                    });
                }
                self.pos += 1;
                Ok(inner)
            }
            Tok::Close => Err(Error::Query {
                message: "unexpected closing parenthesis".into(),
                position,
            }),
            Tok::Or | Tok::And | Tok::Not | Tok::Plus => Err(Error::Query {
                message: "expected a word or phrase here".into(),
                position,
            }),
        }
    }
}

fn scope(ast: QueryAst, f: FieldScope) -> QueryAst {
    match ast {
        QueryAst::Term { text, prefix, .. } => QueryAst::Term {
            field: Some(f),
            text,
            prefix,
        },
        QueryAst::Phrase { text, .. } => QueryAst::Phrase {
            field: Some(f),
            text,
        },
        QueryAst::And(v) => QueryAst::And(v.into_iter().map(|c| scope(c, f)).collect()),
        QueryAst::Or(v) => QueryAst::Or(v.into_iter().map(|c| scope(c, f)).collect()),
        QueryAst::Not(c) => QueryAst::Not(Box::new(scope(*c, f))),
    }
}

/// Parse a query string. The empty string (or only whitespace/punctuation) is a match-all
/// query (`And([])`).
///
/// ```
/// use pressespiegel::search::{parse_query, QueryAst};
///
/// let ast = parse_query("„Xi Jinping“ -Trump").unwrap();
/// assert!(matches!(ast, QueryAst::And(ref v) if v.len() == 2));
/// let err = parse_query("China AND").unwrap_err();
/// assert!(err.to_string().contains("character 9"));
/// ```
pub fn parse_query(input: &str) -> Result<QueryAst> {
    let toks = lex(input)?;
    let end = input.chars().count();
    if toks.is_empty() {
        return Ok(QueryAst::And(vec![]));
    }
    let mut p = Parser {
        toks,
        pos: 0,
        end,
        depth: 0,
    };
    let ast = p.or_expr()?;
    if p.pos < p.toks.len() {
        return Err(Error::Query {
            message: "unexpected closing parenthesis".into(),
            position: p.at(),
        });
    }
    Ok(ast)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn term(t: &str) -> QueryAst {
        QueryAst::Term {
            field: None,
            text: t.into(),
            prefix: false,
        }
    }

    #[test]
    fn default_and_or_not_phrase() {
        assert_eq!(
            parse_query("Trump Xi").unwrap(),
            QueryAst::And(vec![term("Trump"), term("Xi")])
        );
        assert_eq!(
            parse_query("China OR Russland").unwrap(),
            QueryAst::Or(vec![term("China"), term("Russland")])
        );
        assert_eq!(
            parse_query("-Trump").unwrap(),
            QueryAst::Not(Box::new(term("Trump")))
        );
        for q in [
            "\"Xi Jinping\"",
            "„Xi Jinping“",
            "»Xi Jinping«",
            "„Xi Jinping\"",
        ] {
            assert_eq!(
                parse_query(q).unwrap(),
                QueryAst::Phrase {
                    field: None,
                    text: "Xi Jinping".into()
                },
                "{q}"
            );
        }
    }

    #[test]
    fn fields_prefix_groups() {
        assert_eq!(
            parse_query("title:Gipfel präsid*").unwrap(),
            QueryAst::And(vec![
                QueryAst::Term {
                    field: Some(FieldScope::Title),
                    text: "Gipfel".into(),
                    prefix: false
                },
                QueryAst::Term {
                    field: None,
                    text: "präsid".into(),
                    prefix: true
                },
            ])
        );
        assert!(matches!(
            parse_query("(China OR Russland) Sanktion").unwrap(),
            QueryAst::And(ref v) if matches!(v[0], QueryAst::Or(_))
        ));
        // Hyphenated words are one term, a minus inside a word is not a negation.
        assert_eq!(parse_query("US-Präsident").unwrap(), term("US-Präsident"));
    }

    #[test]
    fn errors_have_positions() {
        let cases = [
            ("China AND", 9),
            ("(China", 0),
            ("China)", 5),
            ("\"Xi Jinping", 0),
            ("autor:Xi", 0),
            ("OR China", 0),
        ];
        for (q, pos) in cases {
            match parse_query(q) {
                Err(Error::Query { position, .. }) => assert_eq!(position, pos, "{q}"),
                other => panic!("{q}: expected a query error, got {other:?}"),
            }
        }
    }

    #[test]
    fn empty_is_match_all() {
        assert!(parse_query("").unwrap().is_match_all());
        assert!(parse_query("  ... ").unwrap().is_match_all());
    }
}
