//! A generated store for the benchmarks: the shapes folio reads (title-first text,
//! `date` lines with datelines, header blocks, TOML and YAML front matter, dated file
//! names, Windows-1252 with CRLF), the same on every run.

use std::path::Path;

const WORDS: &[&str] = &[
    "the", "council", "river", "library", "rail", "market", "climate", "report", "said",
    "minister", "growth", "season", "harbour", "city", "new", "plan", "years", "local", "winter",
    "bridge", "school", "energy", "price", "museum", "festival", "team", "vote",
];

/// A small deterministic random source, so every run writes the same store.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, below: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) % below as u64) as usize
    }

    fn sentence(&mut self, words: usize) -> String {
        let mut out = String::new();
        for i in 0..words {
            if i > 0 {
                out.push(' ');
            }
            out.push_str(WORDS[self.next(WORDS.len())]);
        }
        out.push('.');
        out
    }
}

pub fn write_store(root: &Path, count: usize) {
    let mut rng = Lcg(7);
    for i in 0..count {
        let (year, month, day) = (2003 + rng.next(23), 1 + rng.next(12), 1 + rng.next(28));
        let date = format!("{year}-{month:02}-{day:02}");
        let title = rng.sentence(6);
        let body: Vec<String> = (0..8).map(|_| rng.sentence(40)).collect();
        let body = body.join("\n\n");
        let folder = root.join(WORDS[i % 5]).join(year.to_string());
        std::fs::create_dir_all(&folder).expect("create bench folder");
        let (name, bytes) = match i % 7 {
            0 => (format!("a{i}.txt"), format!("{title}\n\n{body}\n").into_bytes()),
            1 => (
                format!("a{i}.txt"),
                format!("date {date} {title}\n\nXinhua) 08:07, May 1, {year}\n\nBEIJING, May 1 (Xinhua) -- {body}\n").into_bytes(),
            ),
            2 => (
                format!("a{i}.txt"),
                format!("Title: {title}\nDate: {date}\nSource: Reuters\nTags: world, economy\n\n{body}\n").into_bytes(),
            ),
            3 => (
                format!("a{i}.md"),
                format!("+++\ntitle = \"{title}\"\ndate = {date}\ntags = [\"world\"]\n+++\n\n{body}\n").into_bytes(),
            ),
            4 => (
                format!("a{i}.md"),
                format!("---\ntitle: \"{title}\"\ndate: {date}T08:00:00Z\ntags: [world, culture]\n---\n\n{body}\n").into_bytes(),
            ),
            5 => (format!("{date}-a{i}.md"), format!("# {title}\n\n{body}\n").into_bytes()),
            _ => {
                let text = format!("{title} \u{e9}t\u{e9}\r\n\r\n{}\r\n", body.replace('\n', "\r\n"));
                let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(&text);
                (format!("a{i}.txt"), bytes.into_owned())
            }
        };
        std::fs::write(folder.join(name), bytes).expect("write bench article");
    }
}
