//! Release-mode benchmark harness: build (or open) an index of generated articles, then measure
//! query latency percentiles per query class.
//!
//! ```text
//! cargo run --release --example harness_1m -- [--docs N] [--dir PATH] [--queries K]
//!     [--threads T] [--budget-mb MB] [--merge] [--json]
//! ```
//!
//! - `--docs N`: articles to generate (default 1,000,000) by the bench generator
//!   (`benches/common/mod.rs`: real-news base from `../shared/data` when present, else the demo
//!   base; `PRESSESPIEGEL_BENCH_BASE=news|demo` chooses).
//! - `--dir PATH`: index directory (default `$TMPDIR/pressespiegel-harness-N`). If it already
//!   holds an index, it is opened and only the queries run.
//! - `--queries K`: timed queries per class (default 500), cycling through the fixed request
//!   list of each class (`benches/common/mod.rs`) after one untimed warm-up pass over the list.
//! - `--threads T`: tantivy indexing threads (default 2); `--budget-mb`: writer memory budget
//!   in MB (default 256, shared by the threads); `commit_every` is the default (10,000).
//! - `--merge`: merge the index into one segment after indexing (timed separately).
//! - `--json`: print the report as JSON on stdout (the table goes to stderr).
//!
//! Articles are generated on a separate thread and streamed to `NewsWriter::ingest` through a
//! bounded channel, so generation shares the two cores with indexing; the generator's
//! single-thread speed is measured first and reported. Peak RSS is the process's `VmHWM`
//! (Linux) read right after indexing: it covers generation, analysis, enrichment and the
//! tantivy writer. It includes file-backed pages of the memory-mapped index files: the
//! searcher's (id lookups for upserts) and the writer's (background merges read the source
//! segments; the writer drops those pages as it goes, see `NewsIndex::writer`). A sampler
//! thread therefore also records the peaks of `RssAnon` (heap: writer buffers, channels,
//! enrichment, merges) and `RssFile` separately every 50 ms; the progress lines (every tenth
//! of the run, at most every 50,000 articles) show the current values and the peaks so far.

#[path = "../benches/common/mod.rs"]
mod common;

use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{mpsc, Arc};
use std::time::{Duration, Instant};

use common::QueryClass;
use pressespiegel::corpus::CorpusGenerator;
use pressespiegel::index::{NewsIndex, WriterOptions};
use serde::Serialize;

struct Args {
    docs: usize,
    dir: Option<PathBuf>,
    queries: usize,
    threads: usize,
    budget_mb: usize,
    merge: bool,
    json: bool,
}

fn usage() -> ! {
    eprintln!(
        "usage: harness_1m [--docs N] [--dir PATH] [--queries K] [--threads T] [--budget-mb MB] \
         [--merge] [--json]"
    );
    std::process::exit(2)
}

fn parse_args() -> Args {
    let mut args = Args {
        docs: 1_000_000,
        dir: None,
        queries: 500,
        threads: 2,
        budget_mb: 256,
        merge: false,
        json: false,
    };
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        let mut value = |name: &str| -> String {
            it.next().unwrap_or_else(|| {
                eprintln!("{name} needs a value");
                usage()
            })
        };
        let number = |name: &str, v: String| -> usize {
            v.replace('_', "").parse().unwrap_or_else(|_| {
                eprintln!("{name}: not a number: {v}");
                usage()
            })
        };
        match a.as_str() {
            "--docs" => args.docs = number("--docs", value("--docs")),
            "--dir" => args.dir = Some(PathBuf::from(value("--dir"))),
            "--queries" => args.queries = number("--queries", value("--queries")).max(1),
            "--threads" => args.threads = number("--threads", value("--threads")).max(1),
            "--budget-mb" => args.budget_mb = number("--budget-mb", value("--budget-mb")),
            "--merge" => args.merge = true,
            "--json" => args.json = true,
            "-h" | "--help" => usage(),
            other => {
                eprintln!("unknown argument {other}");
                usage()
            }
        }
    }
    args
}

/// A `kB` line of /proc/self/status in MB (0 where unavailable).
fn proc_status_mb(key: &str) -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with(key))?
                .split_whitespace()
                .nth(1)?
                .parse::<f64>()
                .ok()
        })
        .map_or(0.0, |kb| kb * 1024.0 / 1e6)
}

/// User + system CPU time of the whole process.
fn cpu_time() -> Duration {
    // SAFETY: getrusage writes into the zeroed struct we pass.
    let usage = unsafe {
        let mut u: libc::rusage = std::mem::zeroed();
        libc::getrusage(libc::RUSAGE_SELF, &mut u);
        u
    };
    let tv = |t: libc::timeval| Duration::new(t.tv_sec as u64, t.tv_usec as u32 * 1000);
    tv(usage.ru_utime) + tv(usage.ru_stime)
}

#[derive(Serialize)]
struct Machine {
    cores: usize,
    cpu: String,
}

#[derive(Serialize)]
struct Indexing {
    articles: u64,
    bytes: u64,
    seconds: f64,
    mb_per_s: f64,
    docs_per_s: f64,
    cpu_seconds: f64,
    threads: usize,
    memory_budget_mb: usize,
    peak_rss_mb: f64,
    generator_mb_per_s_single_thread: f64,
    /// Peak of `RssAnon` (sampled every 50 ms): heap memory.
    peak_rss_anon_mb: f64,
    /// Peak of `RssFile` (sampled): mapped index files.
    peak_rss_file_mb: f64,
    /// Articles indexed when the anonymous peak was seen.
    peak_rss_anon_at_articles: u64,
    merge_seconds: Option<f64>,
}

#[derive(Serialize)]
struct ClassReport {
    class: &'static str,
    queries: usize,
    distinct_requests: usize,
    mean_hits: f64,
    mean_total: f64,
    p50_ms: f64,
    p95_ms: f64,
    p99_ms: f64,
    max_ms: f64,
    mean_ms: f64,
    /// Per distinct request: its median and maximum over the timed runs, so the slow requests
    /// of a class stand out.
    requests: Vec<RequestReport>,
}

#[derive(Serialize)]
struct RequestReport {
    request: String,
    runs: usize,
    total: u64,
    p50_ms: f64,
    max_ms: f64,
}

#[derive(Serialize)]
struct Report {
    machine: Machine,
    corpus: String,
    docs: usize,
    dir: PathBuf,
    opened_existing: bool,
    indexing: Option<Indexing>,
    articles: u64,
    quotes: u64,
    segments: usize,
    index_mb: f64,
    /// Seconds to open an existing index (`None` after a build).
    open_s: Option<f64>,
    /// Heap MB of the in-memory article facets (`NewsIndex::facet_memory_bytes`).
    facet_memory_mb: f64,
    rss_after_queries_mb: f64,
    classes: Vec<ClassReport>,
}

fn cpu_model() -> String {
    std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split(':').nth(1))
                .map(|m| m.trim().to_string())
        })
        .unwrap_or_else(|| "unknown".into())
}

fn build(
    args: &Args,
    dir: &std::path::Path,
    generator: Arc<CorpusGenerator>,
) -> pressespiegel::Result<(NewsIndex, Indexing)> {
    // The generator's own speed, so its share of the two cores is known.
    let sample = args.docs.clamp(1, 3_000);
    let t = Instant::now();
    let sample_bytes: u64 = generator
        .articles(sample)
        .map(|a| common::article_bytes(&a))
        .sum();
    let generator_mbs = sample_bytes as f64 / 1e6 / t.elapsed().as_secs_f64();

    let index = NewsIndex::create(dir)?;
    let options = WriterOptions {
        threads: args.threads,
        memory_budget: args.budget_mb << 20,
        ..WriterOptions::default()
    };
    let bytes = Arc::new(AtomicU64::new(0));
    let (tx, rx) = mpsc::sync_channel(512);
    let producer = {
        let generator = Arc::clone(&generator);
        let bytes = Arc::clone(&bytes);
        let n = args.docs;
        std::thread::spawn(move || {
            for a in generator.articles(n) {
                bytes.fetch_add(common::article_bytes(&a), Ordering::Relaxed);
                if tx.send(a).is_err() {
                    break;
                }
            }
        })
    };

    // RSS sampler: peaks of anonymous and file-backed resident memory (in kB, shared with the
    // progress lines).
    let indexed = Arc::new(AtomicU64::new(0));
    let stop = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let peak_anon_kb = Arc::new(AtomicU64::new(0));
    let peak_file_kb = Arc::new(AtomicU64::new(0));
    let sampler = {
        let (indexed, stop) = (Arc::clone(&indexed), Arc::clone(&stop));
        let (peak_anon_kb, peak_file_kb) = (Arc::clone(&peak_anon_kb), Arc::clone(&peak_file_kb));
        std::thread::spawn(move || {
            let (mut anon, mut file, mut at) = (0.0f64, 0.0f64, 0u64);
            while !stop.load(Ordering::Relaxed) {
                let a = proc_status_mb("RssAnon:");
                if a > anon {
                    anon = a;
                    at = indexed.load(Ordering::Relaxed);
                    peak_anon_kb.store((a * 1e3) as u64, Ordering::Relaxed);
                }
                file = file.max(proc_status_mb("RssFile:"));
                peak_file_kb.store((file * 1e3) as u64, Ordering::Relaxed);
                std::thread::sleep(Duration::from_millis(50));
            }
            (anon, file, at)
        })
    };

    let cpu0 = cpu_time();
    let start = Instant::now();
    let step = (args.docs / 10).clamp(1, 50_000) as u64;
    let mut writer = index.writer_with_options(options)?;
    let summary = writer.ingest(rx.into_iter().map(Ok), |s| {
        indexed.store(s.read, Ordering::Relaxed);
        if s.read % step == 0 {
            let secs = start.elapsed().as_secs_f64();
            eprintln!(
                "  {:>9} articles  {:>7.1} s  {:>6.2} MB/s  RSS {:>6.0} MB (anon {:.0}, file {:.0}); \
                 peaks so far: VmHWM {:.0}, sampled anon {:.0}, file {:.0}",
                s.read,
                secs,
                bytes.load(Ordering::Relaxed) as f64 / 1e6 / secs,
                proc_status_mb("VmRSS:"),
                proc_status_mb("RssAnon:"),
                proc_status_mb("RssFile:"),
                proc_status_mb("VmHWM:"),
                peak_anon_kb.load(Ordering::Relaxed) as f64 / 1e3,
                peak_file_kb.load(Ordering::Relaxed) as f64 / 1e3,
            );
        }
    })?;
    drop(writer);
    let seconds = start.elapsed().as_secs_f64();
    let cpu_seconds = (cpu_time() - cpu0).as_secs_f64();
    let peak_rss_mb = proc_status_mb("VmHWM:");
    stop.store(true, Ordering::Relaxed);
    let (peak_rss_anon_mb, peak_rss_file_mb, peak_rss_anon_at_articles) =
        sampler.join().expect("rss sampler");
    producer.join().expect("generator thread");
    let bytes = bytes.load(Ordering::Relaxed);
    if summary.rejected > 0 {
        eprintln!("warning: {} articles rejected", summary.rejected);
    }

    let merge_seconds = args.merge.then(|| {
        let t = Instant::now();
        common::merge_all(&index);
        t.elapsed().as_secs_f64()
    });
    index.reload()?;
    Ok((
        index,
        Indexing {
            articles: summary.indexed,
            bytes,
            seconds,
            mb_per_s: bytes as f64 / 1e6 / seconds,
            docs_per_s: summary.indexed as f64 / seconds,
            cpu_seconds,
            threads: args.threads,
            memory_budget_mb: args.budget_mb,
            peak_rss_mb,
            generator_mb_per_s_single_thread: generator_mbs,
            peak_rss_anon_mb,
            peak_rss_file_mb,
            peak_rss_anon_at_articles,
            merge_seconds,
        },
    ))
}

/// Nearest-rank percentile of sorted durations, in ms.
fn percentile(sorted: &[Duration], p: f64) -> f64 {
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1].as_secs_f64() * 1e3
}

fn measure(index: &NewsIndex, class: QueryClass, k: usize) -> ClassReport {
    let requests = class.requests();
    for req in &requests {
        common::run(index, class, req); // warm-up: load the postings and doc store pages
    }
    let mut times = Vec::with_capacity(k);
    let mut per_request: Vec<(Vec<Duration>, u64)> = vec![(Vec::new(), 0); requests.len()];
    let mut hits = 0usize;
    let mut total = 0u64;
    for i in 0..k {
        let req = &requests[i % requests.len()];
        let t = Instant::now();
        let (h, n) = match class {
            QueryClass::QuoteSpeaker => {
                let r = index.search_quotes(req).expect("quote search");
                (r.hits.len(), r.total)
            }
            _ => {
                let r = index.search(req).expect("search");
                (r.hits.len(), r.total)
            }
        };
        let elapsed = t.elapsed();
        times.push(elapsed);
        per_request[i % requests.len()].0.push(elapsed);
        per_request[i % requests.len()].1 = n;
        hits += h;
        total += n;
    }
    let mean_ms = times.iter().map(Duration::as_secs_f64).sum::<f64>() * 1e3 / k as f64;
    times.sort();
    ClassReport {
        class: class.name(),
        queries: k,
        distinct_requests: requests.len(),
        mean_hits: hits as f64 / k as f64,
        mean_total: total as f64 / k as f64,
        p50_ms: percentile(&times, 50.0),
        p95_ms: percentile(&times, 95.0),
        p99_ms: percentile(&times, 99.0),
        max_ms: percentile(&times, 100.0),
        mean_ms,
        requests: requests
            .iter()
            .zip(per_request)
            .filter(|(_, (t, _))| !t.is_empty())
            .map(|(req, (mut t, total))| {
                t.sort();
                RequestReport {
                    request: request_label(req),
                    runs: t.len(),
                    total,
                    p50_ms: percentile(&t, 50.0),
                    max_ms: percentile(&t, 100.0),
                }
            })
            .collect(),
    }
}

/// A short description of a request for the per-request report.
fn request_label(req: &pressespiegel::search::SearchRequest) -> String {
    let mut label = req.query.clone();
    if let Some(s) = &req.speaker {
        label = format!("speaker {s}");
    }
    for a in &req.actors {
        label.push_str(&format!(" +actor {a}"));
    }
    if req.sort == pressespiegel::search::Sort::Date {
        label.push_str(" (by date)");
    }
    label
}

fn main() -> pressespiegel::Result<()> {
    let args = parse_args();
    let dir = args.dir.clone().unwrap_or_else(|| {
        std::env::temp_dir().join(format!("pressespiegel-harness-{}", args.docs))
    });
    let opened_existing = dir.join("meta.json").exists();
    let (generator, corpus) = common::generator();
    let mut open_s = None;
    let (index, indexing) = if opened_existing {
        eprintln!("opening the existing index in {}", dir.display());
        let t = Instant::now();
        let index = NewsIndex::open(&dir)?;
        open_s = Some(t.elapsed().as_secs_f64());
        (index, None)
    } else {
        eprintln!(
            "indexing {} generated articles into {} ({} threads, {} MB budget)",
            args.docs,
            dir.display(),
            args.threads,
            args.budget_mb
        );
        let (index, indexing) = build(&args, &dir, Arc::new(generator))?;
        (index, Some(indexing))
    };
    let stats = index.stats()?;

    let classes: Vec<ClassReport> = QueryClass::ALL
        .iter()
        .map(|&c| measure(&index, c, args.queries))
        .collect();

    let report = Report {
        machine: Machine {
            cores: std::thread::available_parallelism().map_or(1, |n| n.get()),
            cpu: cpu_model(),
        },
        corpus,
        docs: args.docs,
        dir,
        opened_existing,
        indexing,
        articles: stats.articles,
        quotes: stats.quotes,
        segments: stats.segments,
        index_mb: stats.size_bytes as f64 / 1e6,
        open_s,
        facet_memory_mb: index.facet_memory_bytes() as f64 / 1e6,
        rss_after_queries_mb: proc_status_mb("VmRSS:"),
        classes,
    };
    print_table(&report);
    if args.json {
        println!(
            "{}",
            serde_json::to_string_pretty(&report).expect("report serializes")
        );
    }
    Ok(())
}

fn print_table(r: &Report) {
    eprintln!("\ncorpus: {}", r.corpus);
    eprintln!(
        "\nmachine: {} cores, {}\nindex: {} articles, {} quotes, {} segment(s), {:.0} MB on disk ({})",
        r.machine.cores,
        r.machine.cpu,
        r.articles,
        r.quotes,
        r.segments,
        r.index_mb,
        r.dir.display()
    );
    if let Some(i) = &r.indexing {
        eprintln!(
            "indexing: {} articles, {:.1} MB in {:.1} s = {:.2} MB/s, {:.0} docs/s \
             (CPU {:.1} s = {:.2} cores busy; {} threads, {} MB budget)",
            i.articles,
            i.bytes as f64 / 1e6,
            i.seconds,
            i.mb_per_s,
            i.docs_per_s,
            i.cpu_seconds,
            i.cpu_seconds / i.seconds,
            i.threads,
            i.memory_budget_mb
        );
        eprintln!(
            "peak RSS while indexing (VmHWM): {:.0} MB = budget + {:.0} MB; \
             generator alone: {:.1} MB/s on one thread",
            i.peak_rss_mb,
            i.peak_rss_mb - (i.memory_budget_mb << 20) as f64 / 1e6,
            i.generator_mb_per_s_single_thread
        );
        eprintln!(
            "sampled peaks: RssAnon {:.0} MB = budget + {:.0} MB (at {} articles), RssFile {:.0} MB",
            i.peak_rss_anon_mb,
            i.peak_rss_anon_mb - (i.memory_budget_mb << 20) as f64 / 1e6,
            i.peak_rss_anon_at_articles,
            i.peak_rss_file_mb
        );
        if let Some(m) = i.merge_seconds {
            eprintln!("merge into one segment: {m:.1} s");
        }
    }
    eprintln!(
        "\n{:<20} {:>7} {:>9} {:>9} {:>9} {:>9} {:>9} {:>6} {:>9}",
        "class", "queries", "p50 ms", "p95 ms", "p99 ms", "max ms", "mean ms", "hits", "matches"
    );
    for c in &r.classes {
        eprintln!(
            "{:<20} {:>7} {:>9.2} {:>9.2} {:>9.2} {:>9.2} {:>9.2} {:>6.1} {:>9.0}",
            c.class,
            c.queries,
            c.p50_ms,
            c.p95_ms,
            c.p99_ms,
            c.max_ms,
            c.mean_ms,
            c.mean_hits,
            c.mean_total
        );
    }
    eprintln!("\nper request (p50 / max ms, matches):");
    for c in &r.classes {
        for q in &c.requests {
            eprintln!(
                "  {:<20} {:<40} {:>8.2} {:>8.2} {:>9}",
                c.class, q.request, q.p50_ms, q.max_ms, q.total
            );
        }
    }
    if let Some(open) = r.open_s {
        eprintln!("opening the index: {open:.2} s");
    }
    eprintln!("in-memory article facets: {:.1} MB", r.facet_memory_mb);
    eprintln!("RSS after queries: {:.0} MB", r.rss_after_queries_mb);
}
