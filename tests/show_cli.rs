//! `folio show FILE [--json]` end to end: plain text and Markdown articles from
//! tests/fixtures/show (a folder no store names), the JSON object with the keys of
//! `folio list --json`, hostile text, and files that are not articles. Every run has
//! its XDG folders and HOME in a temporary folder.

use std::path::{Path, PathBuf};
use std::process::Output;

use serde_json::Value;

mod cli_support;
use cli_support::{Sandbox, stderr};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/show")
        .join(name)
}

fn show(sandbox: &Sandbox, args: &[&str]) -> (Output, String) {
    let mut all = vec!["show"];
    all.extend(args);
    let output = sandbox.folio(&all);
    let stdout = String::from_utf8(output.stdout.clone()).expect("folio writes UTF-8");
    (output, stdout)
}

fn path_arg(path: &Path) -> &str {
    path.to_str().expect("utf-8 path")
}

#[test]
fn plain_text_prints_title_metadata_and_paragraphs() {
    let sandbox = Sandbox::new();
    sandbox.write("other.txt", "Another article\n\nIn the configured store.\n");
    let config = sandbox.path().join("config/folio");
    std::fs::create_dir_all(&config).unwrap();
    let store = sandbox.store();
    std::fs::write(
        config.join("config.toml"),
        format!("store = [{:?}]\n", path_arg(&store)),
    )
    .unwrap();
    let file = fixture("lock-keeper.txt");
    let (output, stdout) = show(&sandbox, &[path_arg(&file)]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(
        stdout,
        "The last lock keeper on the Wendle canal\n\
         2025-04-12 · Canal Quarterly · Tomas Brede · canals, people · https://quarterly.example/2025/04/lock-keeper\n\
         \n\
         For thirty-one years Edith Marr has opened the gates of lock nine by hand, in every weather.\n\
         \n\
         The trust that runs the canal plans to fit electric motors next spring, and she will hand over the key.\n\
         \n\
         \"I will miss the boats more than the work,\" she said.\n"
    );
}

#[test]
fn markdown_is_plain_text_with_its_structure_kept() {
    let sandbox = Sandbox::new();
    let (output, stdout) = show(&sandbox, &[path_arg(&fixture("orchard-notes.md"))]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(
        stdout,
        "Notes from the community orchard\n\
         2024-09-28 · Wren Adeyemi · orchard, volunteers · https://orchard.example/notes/autumn\n\
         \n\
         Harvest day\n\
         \n\
         We picked eleven varieties this year, listed on the orchard map <https://orchard.example/map>.\n\
         \n\
         - Russets by the gate\n\
         - Bramleys along the wall\n\
         \x20 1. the old tree\n\
         \x20 2. the grafted one\n\
         \n\
         > Leave the windfalls for the wasps, or they come for your sandwiches.\n\
         \n\
         \x20   ladders: 3\n\
         \x20   baskets: 40\n\
         \n\
         Next year: a cider press.\n"
    );
}

#[test]
fn json_has_the_keys_of_folio_list_then_the_paragraphs() {
    let sandbox = Sandbox::new();
    for (name, paragraphs) in [("lock-keeper.txt", 3), ("orchard-notes.md", 6)] {
        let file = fixture(name);
        let (output, stdout) = show(&sandbox, &["--json", path_arg(&file)]);
        assert!(output.status.success(), "{}", stderr(&output));
        assert_eq!(stdout.lines().count(), 1, "{stdout}");
        let keys = [
            "path",
            "title",
            "date",
            "date_from",
            "source",
            "author",
            "tags",
            "words",
            "url",
            "paragraphs",
        ];
        let mut at = 0;
        for key in keys {
            let found = stdout[at..]
                .find(&format!("\"{key}\":"))
                .unwrap_or_else(|| panic!("{key} in order: {stdout}"));
            at += found;
        }
        let mut shown: Value = serde_json::from_str(&stdout).expect("one JSON object");
        assert_eq!(shown["path"], path_arg(&file));
        assert_eq!(
            shown["paragraphs"].as_array().expect("paragraphs").len(),
            paragraphs,
            "{stdout}"
        );

        // The same fields as `folio list --json` gives the file.
        let listed = sandbox.folio(&["list", "--json", path_arg(&file)]);
        assert!(listed.status.success(), "{}", stderr(&listed));
        let mut listed: Value = serde_json::from_slice(&listed.stdout).expect("one JSON line");
        let object = shown.as_object_mut().expect("an object");
        object.remove("paragraphs");
        object.remove("path");
        listed.as_object_mut().expect("an object").remove("path");
        assert_eq!(shown, listed);
    }
    let (_, stdout) = show(
        &sandbox,
        &["--json", path_arg(&fixture("orchard-notes.md"))],
    );
    let shown: Value = serde_json::from_str(&stdout).expect("one JSON object");
    assert_eq!(shown["url"], "https://orchard.example/notes/autumn");
    assert_eq!(
        shown["paragraphs"][2],
        "- Russets by the gate\n- Bramleys along the wall\n  1. the old tree\n  2. the grafted one"
    );
    assert_eq!(shown["paragraphs"][4], "    ladders: 3\n    baskets: 40");
}

/// True for a character that must never reach the terminal: a control other than the
/// line feed, or a bidi control.
fn dangerous(c: char) -> bool {
    (c.is_control() && c != '\n')
        || matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{61c}')
}

#[test]
fn hostile_text_is_made_safe_in_every_output() {
    let sandbox = Sandbox::new();
    let dir = tempfile::tempdir().expect("temp dir");
    let plain = dir.path().join("hostile.txt");
    std::fs::write(
        &plain,
        "Title: Safe\u{1b}]0;PWNED\u{7} title\u{202e}\nDate: 2024-01-02\nSource: A\u{1b}[2Jgency\u{9b}31m\nTags: a\u{1b}[31mb, \u{2066}c\nURL: https://evil.example/\u{202e}txt.exe\n\n\
         Body\u{1b}[1;1H text\u{8}\u{7} with \u{202e}reversed\u{202c} words.\r\n\r\nMore\u{1b}P1$r text\u{1b}\\.\n",
    )
    .unwrap();
    let markdown = dir.path().join("hostile\u{1b}[31m.md");
    std::fs::write(
        &markdown,
        "# Heading\u{1b}[5m\n\nAn entity &#27;[2J and &#x9b;31m and &#8238;rtl.\n\n- item \u{1b}]52;c;ZXZpbA==\u{7}\n\n```\ncode\u{1b}[?1049h\n```\n",
    )
    .unwrap();
    for file in [&plain, &markdown] {
        for json in [false, true] {
            let mut args = vec![file.to_str().expect("utf-8")];
            if json {
                args.insert(0, "--json");
            }
            let (output, stdout) = show(&sandbox, &args);
            assert!(output.status.success(), "{}", stderr(&output));
            assert!(!stdout.chars().any(dangerous), "{stdout:?}");
            if json {
                let value: Value = serde_json::from_str(&stdout).expect("JSON");
                let mut texts = vec![value["title"].as_str().unwrap().to_owned()];
                texts.push(value["path"].as_str().unwrap().to_owned());
                for paragraph in value["paragraphs"].as_array().unwrap() {
                    texts.push(paragraph.as_str().unwrap().to_owned());
                }
                for text in texts {
                    assert!(!text.chars().any(dangerous), "{text:?}");
                }
            }
        }
    }
    let (_, stdout) = show(&sandbox, &[plain.to_str().unwrap()]);
    assert!(
        stdout.starts_with(
            "Safe title\n2024-01-02 · Agency · ab, c · https://evil.example/txt.exe\n\nBody text"
        ),
        "{stdout:?}"
    );
    let (_, stdout) = show(&sandbox, &["--json", markdown.to_str().unwrap()]);
    let value: Value = serde_json::from_str(&stdout).unwrap();
    assert!(
        value["path"]
            .as_str()
            .unwrap()
            .ends_with("hostile\\u{1b}[31m.md"),
        "{stdout}"
    );
}

#[test]
fn what_is_not_an_article_is_named_with_why() {
    let sandbox = Sandbox::new();
    let dir = tempfile::tempdir().expect("temp dir");
    let write = |name: &str, bytes: &[u8]| {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        path
    };
    let cases = [
        (dir.path().join("missing.txt"), "No such file or directory"),
        (write("scan.pdf", b"%PDF-1.4 text"), "is not an article"),
        (write("empty.txt", b""), "empty file"),
        (write("image.md", b"\x89PNG\r\n\x1a\n\0\0\0"), "binary file"),
        (dir.path().to_path_buf(), "is a folder"),
    ];
    for (path, why) in cases {
        let name = path.to_str().unwrap();
        for json in [false, true] {
            let args: &[&str] = if json { &["--json", name] } else { &[name] };
            let (output, stdout) = show(&sandbox, args);
            assert_eq!(output.status.code(), Some(1), "{name}");
            assert_eq!(stdout, "", "{name}");
            let message = stderr(&output);
            assert!(message.starts_with("folio: "), "{message}");
            assert!(message.contains(name), "{name}: {message}");
            assert!(message.contains(why), "{name}: {message}");
        }
    }
}
