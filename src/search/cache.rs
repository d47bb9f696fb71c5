//! Each page's analysis kept between builds. `planpub build` writes, beside its build
//! cache, every indexed page's analysis ([`Analysed`]: its tokens, title and where its
//! text chunks start), so that the next build, when it takes a page from the last
//! output, takes the page's analysis from here and its text chunks from the last
//! output as well, instead of reading the page and analysing it again.
//!
//! The file is one header line naming the binary and output it was written for, then
//! one entry per page: its path, the digest of what it was made from, its number in
//! that build's index, and its analysis. Numbers are varints ([`format::put`]). An
//! entry is used only for a page with the same path and digest, of the same kind and
//! region name (the analysis depends on them); anything unreadable voids the file.

use std::collections::HashMap;
use std::fs::{self, File};
use std::io::{self, BufWriter, Write};
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::analyse::{Analysed, Record};
use super::builder::Encoded;
use super::format::{self, Reader, chunk_path, put};
use super::{Kind, Listed};

const HEADER: &str = "planpub search cache 1";

/// The analyses of the last build's pages.
pub struct LastAnalyses {
    bytes: Vec<u8>,
    entries: HashMap<String, Entry>,
}

struct Entry {
    digest: u64,
    /// The page's number in the last build's index, which names its text chunks.
    page: u32,
    body: Range<usize>,
}

/// A page's analysis as the last build made it, for this build: its row in the index
/// made anew, its postings read from the last build's bytes as they are added.
pub struct Remembered {
    /// The page's number in this build's index.
    pub page: u32,
    pub record: Record,
    /// The text chunks' paths in the last output, then in this build's, in order.
    pub chunks: Vec<(String, String)>,
    /// The digest its text chunks are taken by ([`chunk_digest`]).
    pub chunks_by: u64,
    last: Arc<LastAnalyses>,
    /// What the next build's cache keeps of the page, and its postings within it.
    body: Range<usize>,
    postings: Range<usize>,
}

impl Remembered {
    /// What the next build's cache keeps of the page: the same bytes.
    pub fn body(&self) -> &[u8] {
        &self.last.bytes[self.body.clone()]
    }

    /// The page's postings, as the builder adds them.
    pub fn postings(&self) -> impl Iterator<Item = Encoded<'_>> {
        Postings(Reader::new(&self.last.bytes[self.postings.clone()])).map_while(|p| p)
    }
}

impl LastAnalyses {
    /// The analyses written by a build that gave `identity`, if there are any.
    pub fn read(file: &Path, identity: &str) -> Option<Arc<LastAnalyses>> {
        let bytes = fs::read(file).ok()?;
        let head = format!("{HEADER}\n{identity}\n");
        let mut r = Reader::new(bytes.strip_prefix(head.as_bytes())?);
        let mut entries = HashMap::new();
        let mut at = head.len();
        while !r.done() {
            let before = r.remaining();
            let path = string(&mut r)?;
            let digest = r.number()?;
            let page = u32::try_from(r.number()?).ok()?;
            let len = usize::try_from(r.number()?).ok()?;
            let start = at + (before - r.remaining());
            r.bytes(len)?;
            at = start + len;
            entries.insert(
                path,
                Entry {
                    digest,
                    page,
                    body: start..start + len,
                },
            );
        }
        Some(Arc::new(LastAnalyses { bytes, entries }))
    }

    /// The analysis of the page at `path`, made from what `digest` says, for the page
    /// `listed` of this build: `None` when there is none, or it is not for that page.
    pub fn get(self: &Arc<Self>, path: &str, digest: u64, listed: &Listed) -> Option<Remembered> {
        let entry = self.entries.get(path)?;
        if entry.digest != digest {
            return None;
        }
        let body = &self.bytes[entry.body.clone()];
        let mut r = Reader::new(body);
        let kind = Kind::from_number(r.byte()?)?;
        let region_name = match r.byte()? {
            0 => None,
            _ => Some(string(&mut r)?),
        };
        if kind != listed.kind || region_name != listed.region_name {
            return None;
        }
        let title = string(&mut r)?;
        let starts = (0..r.number()?)
            .map(|_| u32::try_from(r.number()?).ok())
            .collect::<Option<Vec<u32>>>()?;
        // Every posting is read through once here, so that a damaged file is found
        // while the page can still be read instead.
        let postings = entry.body.start + (body.len() - r.remaining())..entry.body.end;
        let mut all = Postings(Reader::new(&self.bytes[postings.clone()]));
        for posting in all.by_ref() {
            posting?;
        }
        let chunks = (0..starts.len())
            .map(|n| (chunk_path(entry.page, n), chunk_path(listed.page, n)))
            .collect();
        Some(Remembered {
            page: listed.page,
            record: Record {
                url: listed.url.clone(),
                title,
                kind,
                region: listed.region,
                region_name,
                chunks: starts,
            },
            chunks,
            chunks_by: chunk_digest(path, digest),
            last: Arc::clone(self),
            body: entry.body.clone(),
            postings,
        })
    }
}

/// The postings of a [`body`], read in place: `Some(None)` for a damaged one.
struct Postings<'a>(Reader<'a>);

impl<'a> Iterator for Postings<'a> {
    type Item = Option<Encoded<'a>>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.0.done() {
            return None;
        }
        Some(self.posting())
    }
}

impl<'a> Postings<'a> {
    fn posting(&mut self) -> Option<Encoded<'a>> {
        let r = &mut self.0;
        let len = usize::try_from(r.number()?).ok()?;
        let token = std::str::from_utf8(r.bytes(len)?).ok()?;
        let flags = r.byte()?;
        let count = u32::try_from(r.number()?).ok()?;
        let first = u32::try_from(r.number()?).ok()?;
        let positions = r.number()?;
        let before = r.remaining();
        let rest = r.rest();
        for _ in 0..positions {
            r.number()?;
        }
        let positions = &rest[..before - r.remaining()];
        Some(Encoded {
            token,
            flags,
            count,
            first,
            positions,
        })
    }
}

/// The digest the build cache gives the text chunks of the page at `path` made from
/// `digest`. The path is in it: pages that read the same things share a digest, and
/// a chunk's name says only the page's number, which another page may have next time.
pub fn chunk_digest(path: &str, digest: u64) -> u64 {
    let mut h = std::hash::DefaultHasher::new();
    std::hash::Hash::hash(&(path, digest), &mut h);
    std::hash::Hasher::finish(&h)
}

/// A page's analysis as the cache keeps it. Its text chunks are not in it: there is
/// one per start in its record, in the output.
pub fn body(analysed: &Analysed) -> Vec<u8> {
    let mut out = Vec::new();
    let record = &analysed.record;
    out.push(record.kind as u8);
    match &record.region_name {
        Some(name) => {
            out.push(1);
            put_str(&mut out, name);
        }
        None => out.push(0),
    }
    put_str(&mut out, &record.title);
    put(&mut out, record.chunks.len() as u64);
    for &start in &record.chunks {
        put(&mut out, u64::from(start));
    }
    for p in &analysed.postings {
        put_str(&mut out, &p.token);
        out.push(p.flags);
        put(&mut out, u64::from(p.count));
        put(&mut out, u64::from(p.first));
        put(&mut out, p.positions.len() as u64);
        format::put_positions(&mut out, &p.positions);
    }
    out
}

fn put_str(out: &mut Vec<u8>, s: &str) {
    put(out, s.len() as u64);
    out.extend_from_slice(s.as_bytes());
}

fn string(r: &mut Reader) -> Option<String> {
    let len = usize::try_from(r.number()?).ok()?;
    String::from_utf8(r.bytes(len)?.to_vec()).ok()
}

/// The analyses of a build being written, to a file of their own until the build is
/// published ([`Written::keep`]); dropped unkept, the file goes.
pub struct Writer {
    out: BufWriter<File>,
    written: Written,
}

/// The analyses of a finished build, not yet in place.
pub struct Written {
    tmp: PathBuf,
    target: PathBuf,
    kept: bool,
}

impl Writer {
    /// Starts the analyses that will be `target`, for a build that gives `identity`.
    pub fn create(target: &Path, identity: &str) -> io::Result<Writer> {
        if let Some(folder) = target.parent() {
            fs::create_dir_all(folder)?;
        }
        let tmp = target.with_extension(format!("{}", std::process::id()));
        let written = Written {
            tmp,
            target: target.to_path_buf(),
            kept: false,
        };
        let mut out = BufWriter::new(File::create(&written.tmp)?);
        write!(out, "{HEADER}\n{identity}\n")?;
        Ok(Writer { out, written })
    }

    /// Adds the page at `path`, made from `digest`, numbered `page` in this build's
    /// index, with its analysis as [`body`] gives it.
    pub fn add(&mut self, path: &str, digest: u64, page: u32, body: &[u8]) -> io::Result<()> {
        let mut head = Vec::with_capacity(path.len() + 24);
        put_str(&mut head, path);
        put(&mut head, digest);
        put(&mut head, u64::from(page));
        put(&mut head, body.len() as u64);
        self.out.write_all(&head)?;
        self.out.write_all(body)
    }

    pub fn finish(mut self) -> io::Result<Written> {
        self.out.flush()?;
        self.out.get_ref().sync_data()?;
        let tmp = std::mem::take(&mut self.written.tmp);
        Ok(Written {
            tmp,
            target: self.written.target.clone(),
            kept: false,
        })
    }
}

impl Written {
    /// Puts the analyses in place, once the output they describe is.
    pub fn keep(mut self) -> io::Result<()> {
        fs::rename(&self.tmp, &self.target)?;
        self.kept = true;
        Ok(())
    }
}

impl Drop for Written {
    fn drop(&mut self) {
        if !self.kept && !self.tmp.as_os_str().is_empty() {
            let _ = fs::remove_file(&self.tmp);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::analyse;
    use crate::search::analyse::PagePosting;

    /// Positions as [`format::put_positions`] wrote them, read back.
    fn positions(bytes: &[u8]) -> Vec<u32> {
        let mut r = Reader::new(bytes);
        let mut at = 0;
        let mut out = Vec::new();
        while let Some(delta) = r.number() {
            at += u32::try_from(delta).expect("small");
            out.push(at);
        }
        out
    }

    fn listed(page: u32, region_name: Option<&str>) -> Listed {
        Listed {
            page,
            url: "plans/dazu/".into(),
            kind: Kind::Plan,
            region: Some(2),
            region_name: region_name.map(str::to_string),
        }
    }

    const HTML: &str = "<main data-search-body><h1>大足区规划</h1><p>地理标志。商标品牌。</p>\
        <h2 id=\"t\">专利</h2><p>发明专利拥有量达到12件</p></main>";

    #[test]
    fn an_analysis_reads_back_as_made_numbered_for_the_new_build() {
        let made = analyse(&listed(3, Some("大足区")), HTML.as_bytes());
        let dir = tempfile::tempdir().expect("tempdir");
        let target = dir.path().join("a.bin");
        let mut writer = Writer::create(&target, "binary 1").expect("created");
        writer
            .add("plans/dazu/index.html", 77, 3, &body(&made))
            .expect("added");
        writer.finish().expect("finished").keep().expect("kept");

        let last = LastAnalyses::read(&target, "binary 1").expect("read");
        let now = listed(9, Some("大足区"));
        let again = last
            .get("plans/dazu/index.html", 77, &now)
            .expect("the page");
        let fresh = analyse(&now, HTML.as_bytes());
        let postings: Vec<PagePosting> = again
            .postings()
            .map(|p| PagePosting {
                token: p.token.to_string(),
                flags: p.flags,
                count: p.count,
                first: p.first,
                positions: positions(p.positions),
            })
            .collect();
        assert_eq!(postings, fresh.postings);
        assert_eq!(again.record, fresh.record);
        assert_eq!(again.page, 9);
        assert_eq!(again.body(), &body(&made)[..]);
        assert_eq!(
            again.chunks,
            vec![(
                "search-index/x/3-0.json".to_string(),
                "search-index/x/9-0.json".to_string()
            )]
        );
        assert!(last.get("plans/dazu/index.html", 78, &now).is_none());
        assert!(
            last.get("plans/dazu/index.html", 77, &listed(9, Some("渝中区")))
                .is_none()
        );
        assert!(LastAnalyses::read(&target, "binary 2").is_none());
    }

    #[test]
    fn unkept_analyses_leave_no_file() {
        let dir = tempfile::tempdir().expect("tempdir");
        let target = dir.path().join("a.bin");
        let writer = Writer::create(&target, "x").expect("created");
        drop(writer.finish().expect("finished"));
        assert_eq!(fs::read_dir(dir.path()).expect("dir").count(), 0);
    }

    #[test]
    fn a_damaged_analysis_is_not_used() {
        let dir = tempfile::tempdir().expect("tempdir");
        let target = dir.path().join("a.bin");
        let made = analyse(&listed(0, None), HTML.as_bytes());
        let mut damaged = body(&made);
        let last = damaged.len() - 1;
        damaged[last] = 0xff;
        let mut writer = Writer::create(&target, "x").expect("created");
        writer.add("p.html", 1, 0, &damaged).expect("added");
        writer.finish().expect("finished").keep().expect("kept");
        let read = LastAnalyses::read(&target, "x").expect("framed well");
        assert!(read.get("p.html", 1, &listed(0, None)).is_none());
    }

    #[test]
    fn a_cut_file_is_not_read() {
        let dir = tempfile::tempdir().expect("tempdir");
        let target = dir.path().join("a.bin");
        let made = analyse(&listed(0, None), HTML.as_bytes());
        let mut writer = Writer::create(&target, "x").expect("created");
        writer.add("p.html", 1, 0, &body(&made)).expect("added");
        writer.finish().expect("finished").keep().expect("kept");
        let bytes = fs::read(&target).expect("read");
        fs::write(&target, &bytes[..bytes.len() - 3]).expect("cut");
        assert!(LastAnalyses::read(&target, "x").is_none());
    }
}
