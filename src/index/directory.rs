//! The directory the writer's tantivy index reads and writes through: memory-mapped reads like
//! tantivy's `MmapDirectory`, with the mapped pages released while they are read.
//!
//! tantivy merges segments in the background by reading the source segments through their
//! memory maps. Every page a merge touches stays mapped (and counts in the process's resident
//! set, `RssFile`) until the merge is done and the sources are unmapped: a merge of 3 GB of
//! segments raised the resident set by 1.9 GB at 1M articles. Those pages are page cache the
//! kernel can drop, but a resident set that large looks like (and is accounted as, by
//! container limits and monitoring) memory use. This directory maps files itself and a
//! trimmer thread drops the mapped pages of all open files from the process
//! (`madvise(MADV_DONTNEED)`: the file contents stay in the page cache and are faulted back
//! in on the next access, without I/O while the cache holds them) whenever the process's
//! file-backed resident set has grown by [`TRIM_STEP`] since the last trim.
//!
//! Only the writer uses it: searches keep tantivy's `MmapDirectory`, whose pages stay mapped
//! (a search touches the same pages again and again).

use std::fmt;
use std::fs::File;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError, Weak};
use std::time::Duration;

use memmap2::Mmap;
use tantivy::directory::error::{DeleteError, LockError, OpenReadError, OpenWriteError};
use tantivy::directory::{
    DirectoryLock, FileHandle, Lock, MmapDirectory, OwnedBytes, WatchCallback, WatchHandle,
    WritePtr,
};
use tantivy::Directory;

/// Growth of the file-backed resident set (bytes) that triggers a trim.
pub(crate) const TRIM_STEP: u64 = 32 << 20;

/// How often the trimmer checks the resident set.
const TICK: Duration = Duration::from_millis(20);

/// The mappings of open files (weak: a mapping lives as long as tantivy uses the file).
#[derive(Default)]
struct Mappings {
    live: Mutex<Vec<Weak<Mmap>>>,
}

impl Mappings {
    fn register(&self, map: &Arc<Mmap>) {
        let mut live = self.live.lock().unwrap_or_else(PoisonError::into_inner);
        live.retain(|m| m.strong_count() > 0);
        live.push(Arc::downgrade(map));
    }

    /// Drop the resident pages of every live mapping; returns how many mappings were trimmed.
    fn trim(&self) -> usize {
        let maps: Vec<Arc<Mmap>> = {
            let mut live = self.live.lock().unwrap_or_else(PoisonError::into_inner);
            live.retain(|m| m.strong_count() > 0);
            live.iter().filter_map(Weak::upgrade).collect()
        };
        for map in &maps {
            // SAFETY: the mapping is a read-only shared mapping of an immutable index file
            // (tantivy never rewrites a file). MADV_DONTNEED only drops its pages from this
            // process; the next access reads the same bytes back from the page cache or the
            // file, so no reader can observe a change. The Arc keeps the mapping alive while
            // the call runs.
            #[cfg(unix)]
            unsafe {
                let _ = map.unchecked_advise(memmap2::UncheckedAdvice::DontNeed);
            }
        }
        maps.len()
    }
}

/// File-backed resident memory of this process in bytes (`RssFile` + `RssShmem` from
/// `/proc/self/statm`), `None` where unavailable.
fn file_resident_bytes() -> Option<u64> {
    let statm = std::fs::read_to_string("/proc/self/statm").ok()?;
    let shared_pages: u64 = statm.split_whitespace().nth(2)?.parse().ok()?;
    Some(shared_pages * 4096)
}

/// Trim `mappings` whenever the file-backed resident set grew by [`TRIM_STEP`] since the last
/// trim. Stops when the directory is dropped.
fn run_trimmer(mappings: Weak<Mappings>) {
    let mut baseline = file_resident_bytes().unwrap_or(0);
    loop {
        std::thread::sleep(TICK);
        let Some(mappings) = mappings.upgrade() else {
            return;
        };
        match file_resident_bytes() {
            Some(now) if now < baseline + TRIM_STEP => {
                // Pages released elsewhere (a searcher unmapped a segment) lower the baseline.
                baseline = baseline.min(now);
            }
            Some(_) => {
                mappings.trim();
                baseline = file_resident_bytes().unwrap_or(0);
            }
            // Unreadable now although readable at start: keep the last baseline.
            None => {}
        }
    }
}

/// A directory on disk whose reads go through memory maps that are released while in use
/// (see the module documentation). Writes, locks and watches are tantivy's `MmapDirectory`.
#[derive(Clone)]
pub(crate) struct TrimmedMmapDirectory {
    inner: MmapDirectory,
    root: PathBuf,
    mappings: Arc<Mappings>,
}

impl fmt::Debug for TrimmedMmapDirectory {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "TrimmedMmapDirectory({:?})", self.root)
    }
}

impl TrimmedMmapDirectory {
    /// Open the existing directory `root` and start its trimmer thread.
    pub(crate) fn open(root: &Path) -> tantivy::Result<Self> {
        Self::open_with(root, true)
    }

    fn open_with(root: &Path, trimmer: bool) -> tantivy::Result<Self> {
        let inner = MmapDirectory::open(root)?;
        let mappings = Arc::new(Mappings::default());
        let weak = Arc::downgrade(&mappings);
        // Without /proc (not Linux) the growth cannot be watched: no trimmer, plain mappings.
        if trimmer && file_resident_bytes().is_some() {
            std::thread::Builder::new()
                .name("pressespiegel-trim".into())
                .spawn(move || run_trimmer(weak))
                .map_err(|e| tantivy::TantivyError::SystemError(format!("trimmer thread: {e}")))?;
        }
        Ok(TrimmedMmapDirectory {
            inner,
            root: root.to_path_buf(),
            mappings,
        })
    }

    /// Drop the resident pages of all open files now (the trimmer does it on its own).
    #[cfg(test)]
    fn trim(&self) -> usize {
        self.mappings.trim()
    }
}

/// A mapped file as the bytes of a tantivy file handle.
struct MappedFile(Arc<Mmap>);

impl std::ops::Deref for MappedFile {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        &self.0
    }
}

// SAFETY: the bytes live in the mapping owned by the Arc: moving the MappedFile does not move
// them, and they stay valid (same address, same contents) until the last Arc is dropped.
unsafe impl stable_deref_trait::StableDeref for MappedFile {}

impl Directory for TrimmedMmapDirectory {
    fn get_file_handle(&self, path: &Path) -> Result<Arc<dyn FileHandle>, OpenReadError> {
        let full = self.root.join(path);
        let file = File::open(&full).map_err(|e| {
            if e.kind() == io::ErrorKind::NotFound {
                OpenReadError::FileDoesNotExist(full.clone())
            } else {
                OpenReadError::wrap_io_error(e, full.clone())
            }
        })?;
        let len = file
            .metadata()
            .map_err(|e| OpenReadError::wrap_io_error(e, full.clone()))?
            .len();
        if len == 0 {
            // An empty file cannot be mapped.
            return Ok(Arc::new(OwnedBytes::empty()));
        }
        // SAFETY: tantivy's files are written once and never modified while open (the same
        // assumption as tantivy's MmapDirectory).
        let map = unsafe { Mmap::map(&file) }.map_err(|e| OpenReadError::wrap_io_error(e, full))?;
        let map = Arc::new(map);
        self.mappings.register(&map);
        Ok(Arc::new(OwnedBytes::new(MappedFile(map))))
    }

    fn delete(&self, path: &Path) -> Result<(), DeleteError> {
        self.inner.delete(path)
    }

    fn exists(&self, path: &Path) -> Result<bool, OpenReadError> {
        self.inner.exists(path)
    }

    fn open_write(&self, path: &Path) -> Result<WritePtr, OpenWriteError> {
        self.inner.open_write(path)
    }

    fn atomic_read(&self, path: &Path) -> Result<Vec<u8>, OpenReadError> {
        self.inner.atomic_read(path)
    }

    fn atomic_write(&self, path: &Path, data: &[u8]) -> io::Result<()> {
        self.inner.atomic_write(path, data)
    }

    fn sync_directory(&self) -> io::Result<()> {
        self.inner.sync_directory()
    }

    fn acquire_lock(&self, lock: &Lock) -> Result<DirectoryLock, LockError> {
        self.inner.acquire_lock(lock)
    }

    fn watch(&self, watch_callback: WatchCallback) -> tantivy::Result<WatchHandle> {
        self.inner.watch(watch_callback)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;
    use tantivy::directory::TerminatingWrite;
    use tantivy::HasLen;

    #[test]
    fn reads_survive_trimming() {
        let dir = tempfile::tempdir().unwrap();
        let d = TrimmedMmapDirectory::open(dir.path()).unwrap();
        let data: Vec<u8> = (0..3 * 4096 + 17).map(|i| (i % 251) as u8).collect();
        let mut w = d.open_write(Path::new("f")).unwrap();
        w.write_all(&data).unwrap();
        w.terminate().unwrap();
        let slice = d.open_read(Path::new("f")).unwrap();
        let bytes = slice.read_bytes().unwrap();
        assert_eq!(bytes.as_slice(), &data[..]);
        assert_eq!(d.trim(), 1);
        // Pages dropped from the process are read back with the same contents.
        assert_eq!(bytes.as_slice(), &data[..]);
        drop((bytes, slice));
        assert_eq!(d.trim(), 0, "a closed file is no longer trimmed");
    }

    /// A directory holding one file of `mb` MB, and the file's bytes read through it.
    fn mapped_file(
        trimmer: bool,
        mb: usize,
    ) -> (tempfile::TempDir, TrimmedMmapDirectory, OwnedBytes) {
        let dir = tempfile::tempdir().unwrap();
        let d = TrimmedMmapDirectory::open_with(dir.path(), trimmer).unwrap();
        let mut w = d.open_write(Path::new("big")).unwrap();
        let block: Vec<u8> = (0..1 << 20).map(|i| (i % 253) as u8).collect();
        for _ in 0..mb {
            w.write_all(&block).unwrap();
        }
        w.terminate().unwrap();
        let bytes = d.open_read(Path::new("big")).unwrap().read_bytes().unwrap();
        (dir, d, bytes)
    }

    /// Touch every page of `bytes` (as a merge reading it does); returns a checksum.
    fn touch(bytes: &OwnedBytes) -> u64 {
        bytes
            .as_slice()
            .iter()
            .step_by(4096)
            .map(|&b| b as u64)
            .sum()
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn trimming_releases_the_resident_pages_of_a_read_file() {
        let (_dir, d, bytes) = mapped_file(false, 64);
        let before = file_resident_bytes().unwrap();
        let sum = touch(&bytes);
        let touched = file_resident_bytes().unwrap();
        assert!(
            touched >= before + (48 << 20),
            "reading 64 MB maps its pages: {before} -> {touched} bytes"
        );
        d.trim();
        let trimmed = file_resident_bytes().unwrap();
        assert!(
            trimmed + (48 << 20) <= touched,
            "trimming drops them: {touched} -> {trimmed} bytes"
        );
        assert_eq!(touch(&bytes), sum, "same bytes after trimming");
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn the_trimmer_thread_bounds_resident_pages_while_reading() {
        let (_dir, _d, bytes) = mapped_file(true, 128);
        let before = file_resident_bytes().unwrap();
        // Read the file in 8 MB steps, pausing for the trimmer: the resident set must not
        // grow by the file size.
        let mut peak = before;
        for chunk in bytes.as_slice().chunks(8 << 20) {
            let _: u64 = chunk.iter().step_by(4096).map(|&b| b as u64).sum();
            std::thread::sleep(TICK * 3);
            peak = peak.max(file_resident_bytes().unwrap());
        }
        assert!(
            peak < before + (96 << 20),
            "reading 128 MB raised the file-backed resident set from {before} to {peak} bytes"
        );
    }

    #[test]
    fn empty_and_missing_files() {
        let dir = tempfile::tempdir().unwrap();
        let d = TrimmedMmapDirectory::open(dir.path()).unwrap();
        let w = d.open_write(Path::new("empty")).unwrap();
        w.terminate().unwrap();
        assert_eq!(d.open_read(Path::new("empty")).unwrap().len(), 0);
        assert!(matches!(
            d.open_read(Path::new("missing")),
            Err(OpenReadError::FileDoesNotExist(_))
        ));
    }
}
