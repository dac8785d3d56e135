//! `pressespiegel`: index German news and search it from the command line.
//!
//! Every subcommand has a `--json` mode whose output shape is documented in the README and
//! kept stable.

use std::io::{self, BufRead, IsTerminal, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use pressespiegel::analysis;
use pressespiegel::enrich::quotes::ArticleQuotesJson;
use pressespiegel::enrich::Enricher;
use pressespiegel::index::{IngestSummary, NewsIndex, WriterOptions};
use pressespiegel::search::{FacetMatch, SearchRequest, Sort};
use pressespiegel::snippet::render::to_ansi;
use pressespiegel::{ingest, Article, Error, Result};
use serde_json::json;

#[derive(Parser)]
#[command(
    name = "pressespiegel",
    version,
    about = "Full-text search over German news"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Index files, directories (recursive) or `-` (stdin) into the index at DIR.
    Index {
        /// Index directory (created if missing).
        dir: PathBuf,
        /// Text articles, JSON Lines files, directories, or `-` for stdin.
        #[arg(required = true)]
        inputs: Vec<PathBuf>,
        /// Print the summary as JSON.
        #[arg(long)]
        json: bool,
        /// Commit after this many articles (0 = only at the end).
        #[arg(long, default_value_t = 10_000)]
        commit_every: usize,
        /// Own actor file (format of data/gazetteer/actors.tsv) added to the built-in actors
        /// for the actor facet and quote speakers; its names and aliases become searchable
        /// (stored in the index as actors.json). Repeatable.
        #[arg(long = "actors", value_name = "FILE")]
        actor_files: Vec<PathBuf>,
        /// With --actors: use only the actors of the given files, not the built-in ones.
        #[arg(long, requires = "actor_files")]
        own_actors_only: bool,
    },
    /// Search the index at DIR.
    Search {
        /// Index directory.
        dir: PathBuf,
        /// Query (German syntax: words AND-ed, "phrase", OR, -not, title:, präfix*). Empty: all.
        #[arg(default_value = "")]
        query: String,
        /// First day, YYYY-MM-DD (inclusive).
        #[arg(long)]
        from: Option<String>,
        /// Last day, YYYY-MM-DD (inclusive).
        #[arg(long)]
        to: Option<String>,
        /// relevance or date.
        #[arg(long, default_value = "relevance")]
        sort: String,
        /// Number of hits.
        #[arg(long, default_value_t = 10)]
        limit: usize,
        /// Hits to skip.
        #[arg(long, default_value_t = 0)]
        offset: usize,
        /// Snippet fragments per hit.
        #[arg(long, default_value_t = 2)]
        snippets: usize,
        /// Only articles about this actor (canonical name; repeatable).
        #[arg(long = "actor")]
        actors: Vec<String>,
        /// Only articles about this country (ISO code such as CN; repeatable).
        #[arg(long = "country")]
        countries: Vec<String>,
        /// With several --actor/--country: match any instead of all.
        #[arg(long)]
        any: bool,
        /// Add the top-N actor, country and organisation counts ("facets" in JSON).
        #[arg(long, default_value_t = 0)]
        facets: usize,
        /// Search quotations instead of articles.
        #[arg(long)]
        quotes: bool,
        /// Quotations by this speaker (with --quotes), or articles quoting them.
        #[arg(long)]
        speaker: Option<String>,
        /// Print results as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Actors, countries and organisations of each input article, one JSON line per article.
    Entities {
        /// Text articles, JSON Lines files, directories, or `-` for stdin.
        #[arg(required = true)]
        inputs: Vec<PathBuf>,
        /// JSON output (the only format; accepted for symmetry).
        #[arg(long)]
        json: bool,
        /// Own actor file (format of data/gazetteer/actors.tsv) added to the built-in actors;
        /// an entry with the name of a built-in actor replaces it. Repeatable.
        #[arg(long = "actors", value_name = "FILE")]
        actor_files: Vec<PathBuf>,
        /// With --actors: use only the actors of the given files, not the built-in ones.
        #[arg(long, requires = "actor_files")]
        own_actors_only: bool,
    },
    /// Quotations with speakers of each input article, one JSON line per article.
    Quotes {
        /// Text articles, JSON Lines files, directories, or `-` for stdin.
        #[arg(required = true)]
        inputs: Vec<PathBuf>,
        /// JSON output (the only format; accepted for symmetry).
        #[arg(long)]
        json: bool,
        /// Also print unattributed short fragments (scare quotes), flagged `partial`.
        #[arg(long)]
        all: bool,
    },
    /// Show what the indexing analyzer makes of TEXT (or stdin).
    Analyze {
        /// Text to analyse; read from stdin when missing.
        text: Option<String>,
        /// Print tokens as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Check every file of the index at DIR against its checksum (exit status 1 and the
    /// damaged files named when something is wrong).
    Verify {
        /// Index directory.
        dir: PathBuf,
        /// Print the report as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Counts and versions of the index at DIR.
    Stats {
        /// Index directory.
        dir: PathBuf,
        /// Print as JSON.
        #[arg(long)]
        json: bool,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli.command) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

fn print_json(value: &impl serde::Serialize) -> Result<()> {
    let line = serde_json::to_string(value).map_err(|e| Error::InvalidArgument {
        field: "output",
        message: e.to_string(),
    })?;
    let mut out = io::stdout().lock();
    // A closed pipe (e.g. `| head`) is not an error worth reporting.
    let _ = writeln!(out, "{line}");
    Ok(())
}

fn records(inputs: &[PathBuf]) -> Box<dyn Iterator<Item = Result<Article>>> {
    let mut iters: Vec<Box<dyn Iterator<Item = Result<Article>>>> = Vec::new();
    let mut paths = Vec::new();
    for input in inputs {
        if input.as_os_str() == "-" {
            if !paths.is_empty() {
                iters.push(Box::new(ingest::read_paths(&std::mem::take(&mut paths))));
            }
            let stdin: Box<dyn BufRead + Send> = Box::new(io::BufReader::new(io::stdin()));
            iters.push(Box::new(ingest::read_reader(stdin, "<stdin>")));
        } else {
            paths.push(input.clone());
        }
    }
    if !paths.is_empty() {
        iters.push(Box::new(ingest::read_paths(&paths)));
    }
    Box::new(iters.into_iter().flatten())
}

/// The built-in enricher, or one over the built-in actors plus (or, with `own_only`, only)
/// the actors of `files`.
fn enricher(files: &[PathBuf], own_only: bool) -> Result<std::sync::Arc<Enricher>> {
    use pressespiegel::enrich::entities::Gazetteer;
    if files.is_empty() {
        return Enricher::builtin();
    }
    let mut gazetteer = Gazetteer::builtin();
    for (i, file) in files.iter().enumerate() {
        if i == 0 && own_only {
            gazetteer = Gazetteer::from_actor_file(file)?;
        } else {
            gazetteer.extend_actors_from_file(file)?;
        }
    }
    Ok(std::sync::Arc::new(Enricher::new(gazetteer)?))
}

fn run(command: Command) -> Result<ExitCode> {
    match command {
        Command::Index {
            dir,
            inputs,
            json,
            commit_every,
            actor_files,
            own_actors_only,
        } => {
            let index = NewsIndex::open_or_create(&dir)?;
            let mut writer = index.writer_with_options(WriterOptions {
                commit_every,
                ..WriterOptions::default()
            })?;
            if !actor_files.is_empty() {
                writer.set_enricher(Some(enricher(&actor_files, own_actors_only)?));
            }
            let bar = (!json && io::stderr().is_terminal()).then(|| {
                let bar = indicatif::ProgressBar::new_spinner();
                bar.set_style(
                    indicatif::ProgressStyle::with_template("{spinner} {elapsed} {msg}")
                        .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner()),
                );
                bar
            });
            let summary = writer.ingest(records(&inputs), |s| {
                if let Some(bar) = &bar {
                    if s.read % 100 == 0 {
                        bar.set_message(format!(
                            "read {} · indexed {} · rejected {}",
                            s.read, s.indexed, s.rejected
                        ));
                        bar.tick();
                    }
                }
            })?;
            if let Some(bar) = bar {
                bar.finish_and_clear();
            }
            report_summary(&summary, json)?;
            Ok(if summary.rejected > 0 {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            })
        }
        Command::Search {
            dir,
            query,
            from,
            to,
            sort,
            limit,
            offset,
            snippets,
            actors,
            countries,
            any,
            facets,
            quotes,
            speaker,
            json,
        } => {
            let index = NewsIndex::open(&dir)?;
            let mut request = SearchRequest::new(query)
                .sort(sort.parse::<Sort>()?)
                .limit(limit)
                .offset(offset)
                .snippets(snippets)
                .facets(facets)
                .facet_match(if any {
                    FacetMatch::Any
                } else {
                    FacetMatch::All
                });
            request.actors = actors;
            request.countries = countries;
            request.speaker = speaker;
            if let Some(from) = from {
                request = request.from_date(&from)?;
            }
            if let Some(to) = to {
                request = request.to_date(&to)?;
            }
            if quotes {
                let results = index.search_quotes(&request)?;
                if json {
                    print_json(&results)?;
                } else {
                    let mut out = io::stdout().lock();
                    let _ = writeln!(out, "{} Zitate", results.total);
                    for q in &results.hits {
                        let who = q.actor.as_deref().or(q.speaker.as_deref()).unwrap_or("?");
                        let date = q.date.map(|d| d.to_string()).unwrap_or_default();
                        let _ =
                            writeln!(out, "\n{who} ({date}, {}):\n    {}", q.article_id, q.text);
                    }
                }
                return Ok(ExitCode::SUCCESS);
            }
            let results = index.search(&request)?;
            if json {
                print_json(&results)?;
            } else {
                let color = io::stdout().is_terminal();
                let mut out = io::stdout().lock();
                if let (Some(suggestion), true) = (&results.suggestion, results.fuzzy) {
                    let _ = writeln!(out, "Keine Treffer. Meinten Sie: {suggestion}");
                }
                let _ = writeln!(out, "{} Treffer", results.total);
                for hit in &results.hits {
                    let date = hit.date.map(|d| d.to_string()).unwrap_or_default();
                    let _ = writeln!(out, "\n[{}] {}  {}", hit.id, hit.title, date);
                    for s in &hit.snippets {
                        let text = if color {
                            to_ansi(s)
                        } else {
                            s.text().to_string()
                        };
                        let _ = writeln!(out, "    {text}");
                    }
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Analyze { text, json } => {
            let text = match text {
                Some(t) => t,
                None => {
                    let mut s = String::new();
                    io::stdin()
                        .read_to_string(&mut s)
                        .map_err(|e| Error::io("<stdin>", e))?;
                    s
                }
            };
            let text = analysis::normalize(&text).into_owned();
            let tokens = analysis::analyze_with_variants(&text);
            let char_of = |b: usize| text[..b].chars().count();
            if json {
                let tokens: Vec<_> = tokens
                    .iter()
                    .map(|t| {
                        json!({
                            "text": t.text,
                            "position": t.position,
                            "byte_start": t.byte_start,
                            "byte_end": t.byte_end,
                            "char_start": char_of(t.byte_start),
                            "char_end": char_of(t.byte_end),
                            "kind": t.kind,
                        })
                    })
                    .collect();
                print_json(&json!({ "tokens": tokens }))?;
            } else {
                let mut out = io::stdout().lock();
                for t in &tokens {
                    let kind = serde_json::to_value(t.kind)
                        .ok()
                        .and_then(|v| v.as_str().map(str::to_string))
                        .unwrap_or_default();
                    let _ = writeln!(
                        out,
                        "{:>4}  {:<24} {:<6} {}",
                        t.position,
                        t.text,
                        kind,
                        &text[t.byte_start..t.byte_end]
                    );
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Entities {
            inputs,
            json: _,
            actor_files,
            own_actors_only,
        } => {
            let enricher = enricher(&actor_files, own_actors_only)?;
            per_article(&inputs, |article| {
                let e = enricher.enrich(&article);
                print_json(&json!({
                    "id": article.id,
                    "actors": e.entities.actors,
                    "countries": e.entities.countries,
                    "organisations": e.entities.organisations,
                }))
            })
        }
        Command::Quotes {
            inputs,
            json: _,
            all,
        } => {
            let enricher = Enricher::builtin()?;
            per_article(&inputs, |article| {
                let mut quotes = enricher.enrich_text(&article.text).quotes;
                if !all {
                    quotes.retain(pressespiegel::index::is_indexed_quote);
                }
                print_json(&ArticleQuotesJson::new(&article.id, &article.text, &quotes))
            })
        }
        Command::Verify { dir, json } => {
            let report = NewsIndex::open(&dir)?.verify()?;
            if json {
                print_json(&report)?;
            } else {
                println!(
                    "ok: {} files in {} segments, {} bytes checked; {} articles, {} quotes",
                    report.files, report.segments, report.bytes, report.articles, report.quotes
                );
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Stats { dir, json } => {
            let stats = NewsIndex::open(&dir)?.stats()?;
            if json {
                print_json(&stats)?;
            } else {
                println!(
                    "{} articles, {} quotes, {} segments, {} bytes\nschema {} · analyzer {}",
                    stats.articles,
                    stats.quotes,
                    stats.segments,
                    stats.size_bytes,
                    stats.schema_version,
                    stats.analyzer_version
                );
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// Run `f` on every (normalised) input article; rejected records are reported on stderr and
/// make the exit status 2.
fn per_article(inputs: &[PathBuf], mut f: impl FnMut(Article) -> Result<()>) -> Result<ExitCode> {
    let mut rejected = 0;
    for record in records(inputs) {
        match record {
            Ok(article) => f(pressespiegel::index::normalize_article(article))?,
            Err(e) => {
                rejected += 1;
                eprintln!("rejected: {e}");
            }
        }
    }
    Ok(if rejected > 0 {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    })
}

fn report_summary(summary: &IngestSummary, json: bool) -> Result<()> {
    if json {
        return print_json(summary);
    }
    for e in &summary.errors {
        eprintln!("rejected: {}", e.error);
    }
    eprintln!(
        "read {} · indexed {} · updated {} · rejected {}",
        summary.read, summary.indexed, summary.updated, summary.rejected
    );
    Ok(())
}
