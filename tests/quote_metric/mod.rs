//! The quotation metric of the German Wikinews quotation data as a test helper — a port of
//! `shared/tools/score_quotes.py` (itself a re-implementation of the dataset's `eval/eval.py`).
//!
//! Token level (the gold file's `tokens`). Per document, system and gold quotes are paired 1:1 by
//! maximum token-overlap F1 of their quote spans (Hungarian matching, `pathfinding::kuhn_munkres`;
//! +0.01 when the type agrees, +0.001 when the medium agrees, only for overlapping pairs; every
//! assigned pair counts). For every pair and every unpaired quote, token TP/FP/FN are counted per
//! part (quote, speaker, cue, frame, addressee); precision and recall are averaged over pairs and
//! F1 is their harmonic mean.
#![allow(dead_code)]

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use pathfinding::kuhn_munkres::kuhn_munkres;
use pathfinding::matrix::Matrix;
use serde_json::Value;

pub const PARTS: [&str; 5] = ["quote", "speaker", "cue", "frame", "addressee"];

/// A gold article.
#[derive(Debug, Clone)]
pub struct GoldDoc {
    pub id: String,
    pub text: String,
    /// Code point token spans.
    pub tokens: Vec<(usize, usize)>,
    pub quotes: Vec<GoldQuote>,
}

/// A gold quote: type, medium, nested flag and code point spans per part.
#[derive(Debug, Clone)]
pub struct GoldQuote {
    pub kind: String,
    pub medium: Option<String>,
    pub nested: bool,
    pub parts: BTreeMap<&'static str, Vec<(usize, usize)>>,
}

/// A system quote in code point spans (the `quotes --json` shape).
#[derive(Debug, Clone, Default)]
pub struct PredQuote {
    /// Dataset type name (`Direct`, `Indirect`, …).
    pub kind: Option<String>,
    pub parts: BTreeMap<&'static str, Vec<(usize, usize)>>,
}

fn spans_of(role: Option<&Value>) -> Vec<(usize, usize)> {
    let Some(role) = role else { return vec![] };
    role.get("spans")
        .and_then(|s| s.as_array())
        .map(|a| {
            a.iter()
                .filter_map(|s| {
                    let c = s.get("chars")?.as_array()?;
                    Some((c.first()?.as_u64()? as usize, c.get(1)?.as_u64()? as usize))
                })
                .collect()
        })
        .unwrap_or_default()
}

/// Reads a gold JSONL file.
pub fn load_gold(path: &Path) -> Vec<GoldDoc> {
    let data = std::fs::read_to_string(path).expect("read gold file");
    data.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let v: Value = serde_json::from_str(l).expect("gold json");
            let tokens = v["tokens"]
                .as_array()
                .expect("tokens")
                .iter()
                .map(|t| {
                    (
                        t[0].as_u64().unwrap() as usize,
                        t[1].as_u64().unwrap() as usize,
                    )
                })
                .collect();
            let quotes = v["quotes"]
                .as_array()
                .map(|qs| {
                    qs.iter()
                        .map(|q| GoldQuote {
                            kind: q["type"].as_str().unwrap_or("").to_string(),
                            medium: q.get("medium").and_then(|m| m.as_str()).map(String::from),
                            nested: q.get("nested").and_then(|n| n.as_bool()).unwrap_or(false),
                            parts: PARTS.iter().map(|&p| (p, spans_of(q.get(p)))).collect(),
                        })
                        .collect()
                })
                .unwrap_or_default();
            GoldDoc {
                id: v["id"].as_str().unwrap_or("").to_string(),
                text: v["text"].as_str().unwrap_or("").to_string(),
                tokens,
                quotes,
            }
        })
        .collect()
}

/// Maps a `kind` of the JSON output to the dataset's type name.
pub fn norm_type(kind: &str) -> String {
    match kind.replace('-', "_").to_lowercase().as_str() {
        "direct" => "Direct",
        "indirect" => "Indirect",
        "free_indirect" | "freeindirect" => "FreeIndirect",
        "indirect_free_indirect" | "indirectfreeindirect" => "IndirectFreeIndirect",
        "reported" => "Reported",
        _ => kind,
    }
    .to_string()
}

/// Token ids whose characters overlap any `[b, e)` span.
fn tokens_in(spans: &[(usize, usize)], toks: &[(usize, usize)]) -> BTreeSet<usize> {
    let mut out = BTreeSet::new();
    for &(b, e) in spans {
        // tokens are sorted by start; skip those ending before b
        let first = toks.partition_point(|&(_, te)| te <= b);
        for (i, &(tb, te)) in toks.iter().enumerate().skip(first) {
            if tb >= e {
                break;
            }
            if tb < e && b < te {
                out.insert(i);
            }
        }
    }
    out
}

fn f1(gold: &BTreeSet<usize>, sys: &BTreeSet<usize>) -> f64 {
    if gold.is_empty() || sys.is_empty() {
        return 0.0;
    }
    let tp = gold.intersection(sys).count() as f64;
    if tp == 0.0 {
        return 0.0;
    }
    let p = tp / sys.len() as f64;
    let r = tp / gold.len() as f64;
    2.0 * p * r / (p + r)
}

/// Precision / recall / F1 in percent, rounded like the Python script.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Prf {
    pub p: f64,
    pub r: f64,
    pub f1: f64,
}

fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

fn prf(ps: &[f64], rs: &[f64]) -> Prf {
    let p = if ps.is_empty() {
        0.0
    } else {
        ps.iter().sum::<f64>() / ps.len() as f64
    };
    let r = if rs.is_empty() {
        0.0
    } else {
        rs.iter().sum::<f64>() / rs.len() as f64
    };
    let f = if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    };
    Prf {
        p: round2(100.0 * p),
        r: round2(100.0 * r),
        f1: round2(100.0 * f),
    }
}

/// The scores of one run.
#[derive(Debug, Clone)]
pub struct Scores {
    pub messages: Prf,
    pub parts: BTreeMap<&'static str, Prf>,
    pub roles: Prf,
    pub joint: Prf,
    pub form: Prf,
}

struct Item {
    kind: Option<String>,
    medium: Option<String>,
    parts: BTreeMap<&'static str, BTreeSet<usize>>,
}

/// Scores `pred` (by article id) against `gold`. `simplified`: only quote + speaker, only
/// non-nested gold quotes. `only_type`: restrict gold and system quotes to one type (messages by
/// type, as `by_type` in the script).
pub fn score(
    gold: &[GoldDoc],
    pred: &BTreeMap<String, Vec<PredQuote>>,
    simplified: bool,
    only_type: Option<&str>,
) -> Scores {
    let parts: Vec<&'static str> = if simplified {
        vec!["quote", "speaker"]
    } else {
        PARTS.to_vec()
    };
    let mut sums: BTreeMap<&str, (Vec<f64>, Vec<f64>)> =
        parts.iter().map(|&p| (p, (vec![], vec![]))).collect();
    let (mut ttp, mut tfp, mut tfn) = (0usize, 0usize, 0usize);
    let empty_pred = Vec::new();
    for doc in gold {
        let toks = &doc.tokens;
        let golds: Vec<Item> = doc
            .quotes
            .iter()
            .filter(|q| !(simplified && q.nested))
            .filter(|q| only_type.is_none_or(|t| q.kind == t))
            .map(|q| Item {
                kind: Some(q.kind.clone()),
                medium: q.medium.clone(),
                parts: parts
                    .iter()
                    .map(|&p| (p, tokens_in(&q.parts[p], toks)))
                    .collect(),
            })
            .collect();
        let preds: Vec<Item> = pred
            .get(&doc.id)
            .unwrap_or(&empty_pred)
            .iter()
            .filter(|q| only_type.is_none_or(|t| q.kind.as_deref() == Some(t)))
            .map(|q| Item {
                kind: q.kind.clone(),
                medium: None,
                parts: parts
                    .iter()
                    .map(|&p| {
                        (
                            p,
                            tokens_in(q.parts.get(p).map(|v| &v[..]).unwrap_or(&[]), toks),
                        )
                    })
                    .collect(),
            })
            .collect();
        let mut pairs: Vec<(Option<&Item>, Option<&Item>)> = Vec::new();
        let mut used_g = vec![false; golds.len()];
        let mut used_p = vec![false; preds.len()];
        if !golds.is_empty() && !preds.is_empty() {
            let w = |i: usize, j: usize| -> i64 {
                let (g, s) = (&golds[i], &preds[j]);
                let mut o = f1(&g.parts["quote"], &s.parts["quote"]);
                if o > 0.0 {
                    if g.kind == s.kind {
                        o += 0.01;
                    }
                    if g.medium.is_some() && g.medium == s.medium {
                        o += 0.001;
                    }
                }
                (o * 1e9).round() as i64
            };
            // kuhn_munkres needs rows <= columns
            let assignment: Vec<(usize, usize)> = if golds.len() <= preds.len() {
                let m = Matrix::from_fn(golds.len(), preds.len(), |(i, j)| w(i, j));
                kuhn_munkres(&m).1.into_iter().enumerate().collect()
            } else {
                let m = Matrix::from_fn(preds.len(), golds.len(), |(j, i)| w(i, j));
                kuhn_munkres(&m)
                    .1
                    .into_iter()
                    .enumerate()
                    .map(|(j, i)| (i, j))
                    .collect()
            };
            for (i, j) in assignment {
                pairs.push((Some(&golds[i]), Some(&preds[j])));
                used_g[i] = true;
                used_p[j] = true;
            }
        }
        for (i, g) in golds.iter().enumerate() {
            if !used_g[i] {
                pairs.push((Some(g), None));
            }
        }
        for (j, s) in preds.iter().enumerate() {
            if !used_p[j] {
                pairs.push((None, Some(s)));
            }
        }
        let none = BTreeSet::new();
        for (g, s) in pairs {
            for &p in &parts {
                let gs = g.map(|x| &x.parts[p]).unwrap_or(&none);
                let ss = s.map(|x| &x.parts[p]).unwrap_or(&none);
                let tp = gs.intersection(ss).count();
                let fp = ss.len() - tp;
                let fn_ = gs.len() - tp;
                let e = sums.get_mut(p).expect("part");
                if tp + fp > 0 {
                    e.0.push(tp as f64 / (tp + fp) as f64);
                }
                if tp + fn_ > 0 {
                    e.1.push(tp as f64 / (tp + fn_) as f64);
                }
            }
            let gk = g.and_then(|x| x.kind.as_ref());
            let sk = s.and_then(|x| x.kind.as_ref());
            match (gk, sk) {
                (Some(a), Some(b)) if a == b => ttp += 1,
                (Some(_), Some(_)) => {
                    tfp += 1;
                    tfn += 1
                }
                (None, Some(_)) => tfp += 1,
                (Some(_), None) => tfn += 1,
                _ => {}
            }
        }
    }
    let roles: Vec<&str> = parts.iter().copied().filter(|&p| p != "quote").collect();
    let pool = |ps: &[&str], k: usize| -> Vec<f64> {
        ps.iter()
            .flat_map(|p| {
                if k == 0 {
                    sums[p].0.clone()
                } else {
                    sums[p].1.clone()
                }
            })
            .collect()
    };
    let p = if ttp + tfp > 0 {
        ttp as f64 / (ttp + tfp) as f64
    } else {
        0.0
    };
    let r = if ttp + tfn > 0 {
        ttp as f64 / (ttp + tfn) as f64
    } else {
        0.0
    };
    let f = if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    };
    Scores {
        messages: prf(&sums["quote"].0, &sums["quote"].1),
        parts: roles
            .iter()
            .map(|&p| {
                let key = PARTS.iter().find(|&&x| x == p).copied().unwrap_or("quote");
                (key, prf(&sums[p].0, &sums[p].1))
            })
            .collect(),
        roles: prf(&pool(&roles, 0), &pool(&roles, 1)),
        joint: prf(&pool(&parts, 0), &pool(&parts, 1)),
        form: Prf {
            p: round2(100.0 * p),
            r: round2(100.0 * r),
            f1: round2(100.0 * f),
        },
    }
}
