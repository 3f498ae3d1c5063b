//! `folio bookmarks` and `folio bookmarks add` end to end: adding, listing as JSON and
//! Markdown, passages that move or vanish when the article changes, articles that move
//! within the store, two writers at once, and files folio must not overwrite. Every run
//! has its XDG folders and HOME in a temporary folder.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

mod cli_support;
use cli_support::{Sandbox, stderr};

const ARTICLE: &str = "The Harbour Wall\n\n\
    The harbour wall was built in 1820. Storms broke it twice.\n\n\
    The town rebuilt the harbour wall with granite\n\
    from the quarry above the bay, and the harbour wall has stood since.\n";

/// The sandbox, with what these tests do in it.
struct Env(Sandbox);

impl std::ops::Deref for Env {
    type Target = Sandbox;

    fn deref(&self) -> &Sandbox {
        &self.0
    }
}

impl Env {
    fn new() -> Env {
        Env(Sandbox::new())
    }

    fn bookmarks_file(&self) -> PathBuf {
        self.data().join("bookmarks.toml")
    }

    /// Makes the temporary store the configured one.
    fn configure_store(&self) {
        let folder = self.dir.path().join("config/folio");
        std::fs::create_dir_all(&folder).expect("config folder");
        let store = self.store();
        std::fs::write(
            folder.join("config.toml"),
            format!("store = [{:?}]\n", store.to_str().expect("utf-8")),
        )
        .expect("config");
    }

    fn add(&self, file: &Path, quote: &str, note: Option<&str>) -> Output {
        let mut args = vec![
            "bookmarks",
            "add",
            file.to_str().expect("utf-8"),
            "--quote",
            quote,
        ];
        if let Some(note) = note {
            args.extend(["--note", note]);
        }
        self.folio(&args)
    }

    fn json(&self) -> Vec<Value> {
        let output = self.folio(&["bookmarks", "--json"]);
        assert!(output.status.success(), "{}", stderr(&output));
        String::from_utf8(output.stdout)
            .expect("utf-8")
            .lines()
            .map(|line| serde_json::from_str(line).expect("a JSON line"))
            .collect()
    }
}

#[test]
fn added_bookmarks_list_as_json_and_follow_changes() {
    let env = Env::new();
    let article = env.write("harbour.txt", ARTICLE);
    let output = env.add(
        &article,
        "granite  from the\nquarry",
        Some("ask the quarry"),
    );
    assert!(output.status.success(), "{}", stderr(&output));
    let entries = env.json();
    assert_eq!(entries.len(), 1);
    let entry = &entries[0];
    assert_eq!(
        entry["path"],
        article.canonicalize().unwrap().to_str().unwrap()
    );
    assert_eq!(entry["title"], "The Harbour Wall");
    assert_eq!(entry["quote"], "granite from the quarry");
    assert_eq!(entry["note"], "ask the quarry");
    assert_eq!(entry["found"], true);
    let id = entry["id"].as_str().expect("an id");
    assert_eq!(String::from_utf8_lossy(&output.stdout).trim(), id);
    let created = entry["created"].as_str().expect("created");
    created.parse::<jiff::Timestamp>().expect("RFC 3339");

    // A paragraph inserted before: still found.
    std::fs::write(
        &article,
        ARTICLE.replace("\n\nThe harbour", "\n\nA new paragraph.\n\nThe harbour"),
    )
    .unwrap();
    assert_eq!(env.json()[0]["found"], true);
    // The passage deleted: kept, marked, and the quote still shown.
    std::fs::write(
        &article,
        ARTICLE.replace("granite\nfrom the quarry", "stone"),
    )
    .unwrap();
    let entries = env.json();
    assert_eq!(entries[0]["found"], false);
    assert_eq!(entries[0]["quote"], "granite from the quarry");
    let text = env.folio(&["bookmarks"]);
    assert!(text.status.success());
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(text.contains("not found"), "{text}");
    assert!(text.contains("granite from the quarry"), "{text}");
}

#[test]
fn a_quote_not_in_the_article_is_refused() {
    let env = Env::new();
    let article = env.write("harbour.txt", ARTICLE);
    let output = env.add(&article, "granite from the mountain", None);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("the quote is not in"),
        "{}",
        stderr(&output)
    );
    assert!(!env.bookmarks_file().exists());
    let output = env.add(&env.store().join("missing.txt"), "granite", None);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("cannot open"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn markdown_has_a_section_per_article() {
    let env = Env::new();
    let harbour = env.write(
        "harbour.txt",
        &ARTICLE.replace(
            "The Harbour Wall\n",
            "Title: The Harbour Wall\nDate: 2023-03-11\n",
        ),
    );
    let mill = env.write(
        "2024-11-21-mill.md",
        "---\ntitle: The Old Mill\nsource: Riverside Weekly\n---\n\nThe wheel turned for a century.\n",
    );
    for (file, quote, note) in [
        (&harbour, "Storms broke it twice.", Some("twice!")),
        (&mill, "The wheel turned", None),
        (&harbour, "harbour wall has stood", None),
    ] {
        let output = env.add(file, quote, note);
        assert!(output.status.success(), "{}", stderr(&output));
    }
    let output = env.folio(&["bookmarks", "--markdown"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let markdown = String::from_utf8(output.stdout).unwrap();
    let harbour = harbour.canonicalize().unwrap();
    let mill = mill.canonicalize().unwrap();
    let expected = format!(
        "## The Harbour Wall\n\n2023-03-11 · `{}`\n\n> Storms broke it twice.\n\ntwice!\n\n> harbour wall has stood\n\n\
         ## The Old Mill\n\n2024-11-21 · Riverside Weekly · `{}`\n\n> The wheel turned\n",
        harbour.display(),
        mill.display()
    );
    assert_eq!(markdown, expected);
}

#[test]
fn an_article_moved_within_the_store_is_followed() {
    let env = Env::new();
    env.configure_store();
    let article = env.write("2024/harbour.txt", ARTICLE);
    let output = env.add(&article, "Storms broke it twice.", None);
    assert!(output.status.success(), "{}", stderr(&output));
    let moved = env.store().join("archive/harbour-wall.txt");
    std::fs::create_dir_all(moved.parent().unwrap()).unwrap();
    std::fs::rename(&article, &moved).unwrap();
    let moved = moved.canonicalize().unwrap();
    let entries = env.json();
    assert_eq!(entries[0]["path"], moved.to_str().unwrap());
    assert_eq!(entries[0]["found"], true);
    // The next write records the new path.
    let other = env.write("other.txt", "Other\n\nSomething else entirely.\n");
    assert!(env.add(&other, "else", None).status.success());
    let text = std::fs::read_to_string(env.bookmarks_file()).unwrap();
    assert!(text.contains("archive/harbour-wall.txt"), "{text}");
    // An article that is gone is kept, not found.
    std::fs::remove_file(&moved).unwrap();
    let entries = env.json();
    assert_eq!(entries.len(), 2);
    assert_eq!(entries[0]["found"], false);
    assert_eq!(entries[0]["quote"], "Storms broke it twice.");
}

#[test]
fn two_writers_at_once_keep_every_bookmark() {
    let env = Env::new();
    let article = env.write("harbour.txt", ARTICLE);
    let writers: Vec<_> = ["a", "b"]
        .into_iter()
        .map(|name| {
            let script = format!(
                "for i in $(seq 1 50); do \"$0\" bookmarks add \"$1\" --quote 'harbour wall' \
                 --note {name}$i >/dev/null || exit 1; done"
            );
            let mut shell = Command::new("sh");
            env.isolate(&mut shell)
                .arg("-c")
                .arg(script)
                .arg(env!("CARGO_BIN_EXE_folio"))
                .arg(&article);
            shell.spawn().expect("a writer")
        })
        .collect();
    for mut writer in writers {
        assert!(writer.wait().expect("a writer's status").success());
    }
    let entries = env.json();
    assert_eq!(entries.len(), 100);
    let mut notes: Vec<&str> = entries
        .iter()
        .map(|e| e["note"].as_str().unwrap())
        .collect();
    notes.sort_unstable();
    let mut expected: Vec<String> = (1..=50)
        .flat_map(|i| [format!("a{i}"), format!("b{i}")])
        .collect();
    expected.sort_unstable();
    assert_eq!(notes, expected);
    let mut ids: Vec<&str> = entries.iter().map(|e| e["id"].as_str().unwrap()).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), 100, "ids are unique");
}

#[test]
fn a_corrupt_or_newer_file_is_left_byte_for_byte() {
    let env = Env::new();
    let article = env.write("harbour.txt", ARTICLE);
    assert!(env.add(&article, "Storms", None).status.success());
    let file = env.bookmarks_file();
    let mut corrupt = std::fs::read(&file).unwrap();
    corrupt.extend_from_slice(b"\n[[bookmark]\nid = \"broken\n");
    for bytes in [
        corrupt,
        b"version = 7\n[[bookmark]]\nshape = \"new\"\n".to_vec(),
    ] {
        std::fs::write(&file, &bytes).unwrap();
        let output = env.add(&article, "harbour wall", None);
        assert_eq!(output.status.code(), Some(1));
        let message = stderr(&output);
        assert!(message.contains(file.to_str().unwrap()), "{message}");
        assert_eq!(std::fs::read(&file).unwrap(), bytes, "byte-identical");
        let listed = env.folio(&["bookmarks", "--json"]);
        assert!(!listed.status.success());
        assert_eq!(stderr(&listed), message);
        assert_eq!(std::fs::read(&file).unwrap(), bytes, "byte-identical");
    }
    let output = env.add(&article, "harbour wall", None);
    let message = stderr(&output);
    assert!(message.contains("newer folio"), "{message}");
    std::fs::write(&file, b"version = 1\n[[bookmark]\n").unwrap();
    let message = stderr(&env.add(&article, "harbour wall", None));
    assert!(message.contains("line 2, column"), "{message}");
    assert!(message.contains("will not overwrite"), "{message}");
}

#[test]
fn a_store_named_by_a_relative_path_finds_the_bookmarks_of_its_articles() {
    let env = Env::new();
    let file = env.write("harbour.txt", ARTICLE);
    let output = env.add(&file, "built in 1820", None);
    assert!(output.status.success(), "{}", stderr(&output));
    let mut command = Command::new(env!("CARGO_BIN_EXE_folio"));
    env.isolate(&mut command).current_dir(env.store()).args([
        "list",
        "--query",
        "is:bookmarked",
        ".",
    ]);
    let output = command.output().expect("folio runs");
    assert!(output.status.success(), "{}", stderr(&output));
    let stdout = String::from_utf8(output.stdout).expect("utf-8");
    assert!(stdout.contains("The Harbour Wall"), "{stdout}");
}

#[test]
fn json_and_markdown_give_the_article_s_url_while_it_can_be_read() {
    let env = Env::new();
    let harbour = env.write(
        "harbour.txt",
        &ARTICLE.replace(
            "The Harbour Wall\n",
            "Title: The Harbour Wall\nDate: 2023-03-11\nURL: https://courier.example/harbour-wall\n",
        ),
    );
    let mill = env.write(
        "mill.md",
        "---\ntitle: The Old Mill\ndate: 2024-11-21\nlink: https://weekly.example/mill?page=2\n---\n\nThe wheel turned for a century.\n",
    );
    let plain = env.write("plain.txt", ARTICLE);
    for (file, quote) in [
        (&harbour, "Storms broke it twice."),
        (&mill, "The wheel turned"),
        (&plain, "Storms broke it twice."),
    ] {
        let output = env.add(file, quote, None);
        assert!(output.status.success(), "{}", stderr(&output));
    }
    let urls: Vec<Value> = env.json().iter().map(|e| e["url"].clone()).collect();
    assert_eq!(
        urls,
        [
            Value::from("https://courier.example/harbour-wall"),
            Value::from("https://weekly.example/mill?page=2"),
            Value::Null,
        ]
    );
    let stored = std::fs::read_to_string(env.bookmarks_file()).unwrap();
    assert!(!stored.contains("example"), "{stored}");

    let output = env.folio(&["bookmarks", "--markdown"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let markdown = String::from_utf8(output.stdout).unwrap();
    let facts = |path: &Path| format!("`{}`", path.canonicalize().unwrap().display());
    assert!(
        markdown.contains(&format!(
            "\n2023-03-11 · <https://courier.example/harbour-wall> · {}\n",
            facts(&harbour)
        )),
        "{markdown}"
    );
    assert!(
        markdown.contains(&format!(
            "\n2024-11-21 · <https://weekly.example/mill?page=2> · {}\n",
            facts(&mill)
        )),
        "{markdown}"
    );

    // The article gone: the bookmark stays, with no address to give.
    std::fs::remove_file(&mill).unwrap();
    assert_eq!(env.json()[1]["url"], Value::Null);
    let output = env.folio(&["bookmarks", "--markdown"]);
    let markdown = String::from_utf8(output.stdout).unwrap();
    assert!(!markdown.contains("weekly.example"), "{markdown}");
}

/// True when `text` holds a character that could change how a terminal shows what
/// follows: a control other than a line break, or a bidi control.
fn holds_controls(text: &str) -> bool {
    text.chars().any(|c| {
        (c.is_control() && c != '\n')
            || matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{61c}')
    })
}

#[test]
fn every_output_escapes_controls_from_file_names_and_hand_edited_files() {
    let env = Env::new();
    let article = env.write("harbour\u{202e}txt.\u{85}\u{2066}.txt", ARTICLE);
    assert!(env.add(&article, "Storms", Some("a note")).status.success());
    // A hand-edited id and note with a bidi override and a C1 control.
    let file = env.bookmarks_file();
    let text = std::fs::read_to_string(&file).unwrap();
    let edited = text
        .replacen("id = \"", "id = \"\u{202e}\u{9b}", 1)
        .replace("a note", "a \u{202e}note\u{85}");
    std::fs::write(&file, edited).unwrap();
    for args in [
        &["bookmarks", "--json"][..],
        &["bookmarks"],
        &["bookmarks", "--markdown"],
    ] {
        let output = env.folio(args);
        assert!(output.status.success(), "{args:?}: {}", stderr(&output));
        let stdout = String::from_utf8(output.stdout).unwrap();
        assert!(!holds_controls(&stdout), "{args:?}: {stdout:?}");
        assert!(
            stdout.contains("\\u{202e}"),
            "the override is shown escaped: {stdout}"
        );
    }
    // An error names the hostile path escaped, not with the controls dropped.
    let missing = env.store().join("gone\u{202e}.txt");
    let output = env.add(&missing, "Storms", None);
    let message = stderr(&output);
    assert!(!holds_controls(&message), "{message:?}");
    assert!(message.contains("gone\\u{202e}.txt"), "{message}");
}

#[test]
fn a_passage_copied_as_folio_show_prints_it_is_found_in_a_saved_page() {
    let env = Env::new();
    let page = env.write(
        "notebook.html",
        "<html><head><title>Paper notebooks</title></head><body><article>\
         <h1>Paper notebooks</h1>\
         <p>For planning a week, paper wins. The <a href=\"https://example.org/bullet\">bullet \
         journal</a> people were <em>right</em> all along, and the habit has outlasted three \
         apps that promised to replace it.</p>\
         <p>A second paragraph keeps the page long enough for Readability to take it as an \
         article: it talks about pens, rulers, and the small pleasure of a fresh page on a \
         Monday morning, with the week still empty before it.</p>\
         <p>A third paragraph says that the notebooks are kept on a shelf by the door.</p>\
         </article></body></html>",
    );
    let show = env.folio(&["show", page.to_str().unwrap()]);
    let shown = String::from_utf8_lossy(&show.stdout).into_owned();
    let copied = "The bullet journal <https://example.org/bullet> people were right";
    assert!(shown.contains(copied), "{shown}");
    for quote in [copied, "bullet journal people were right all along"] {
        let output = env.add(&page, quote, None);
        assert!(output.status.success(), "{quote}: {}", stderr(&output));
    }
    let entries = env.json();
    assert_eq!(entries.len(), 2);
    // Kept as the article's text has it, so the reader marks the same passage.
    assert_eq!(
        entries[0]["quote"],
        "The [bullet journal](https://example.org/bullet) people were *right"
    );
    assert!(entries.iter().all(|e| e["found"] == true), "{entries:?}");
    let gone = env.add(&page, "bullet journal people were wrong", None);
    assert_eq!(gone.status.code(), Some(1));

    // The page saved again, in new clothes (a menu, a cookie notice, a sidebar): the
    // article's text is the same, so the passages are found in it.
    let html = std::fs::read_to_string(&page).unwrap();
    let saved_again = html.replace(
        "<body>",
        "<body><nav><a href=\"/\">Home</a> <a href=\"/shop\">Shop</a></nav>\
         <div class=\"cookie-banner\">We use cookies. Accept?</div>\
         <aside><h3>Most read</h3><p>Something else entirely</p></aside>",
    );
    assert_ne!(saved_again, html);
    std::fs::write(&page, saved_again).unwrap();
    let entries = env.json();
    assert!(entries.iter().all(|e| e["found"] == true), "{entries:?}");
}

/// Two articles with a bookmark each: one with a note, author and web address (a
/// Markdown article with a link in the passage), one plain; the plain one's passage
/// then deleted.
fn two_bookmarks(env: &Env) -> (PathBuf, PathBuf) {
    let marked = env.write(
        "tides.md",
        "+++\ntitle = \"Tide tables, \\\"revised\\\"\"\nauthor = \"Ida Brandt\"\nurl = \"https://tides.example/2024\"\n+++\n\n\
         The new tables, printed on the quay, say the spring tides come a day early, and the \
         [harbour master](https://tides.example/hm) agrees.\n",
    );
    let plain = env.write("harbour.txt", ARTICLE);
    let added = env.add(
        &marked,
        "spring tides come a day early, and the harbour master agrees",
        Some("check, \"twice\"\nbefore May"),
    );
    assert!(added.status.success(), "{}", stderr(&added));
    let added = env.add(&plain, "Storms broke it twice.", None);
    assert!(added.status.success(), "{}", stderr(&added));
    std::fs::write(&plain, ARTICLE.replace("Storms broke it twice.", "")).unwrap();
    (marked, plain)
}

#[test]
fn the_json_gives_each_passage_its_status() {
    let env = Env::new();
    two_bookmarks(&env);
    let entries = env.json();
    let statuses: Vec<&str> = entries
        .iter()
        .map(|e| e["status"].as_str().unwrap())
        .collect();
    assert_eq!(statuses, ["found", "missing"]);
    assert_eq!(entries[0]["found"], true);
    assert_eq!(entries[1]["found"], false);
}

#[test]
fn the_readwise_export_is_csv_readwise_imports() {
    let env = Env::new();
    two_bookmarks(&env);
    let output = env.folio(&["bookmarks", "--format", "readwise"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let mut csv = csv::Reader::from_reader(output.stdout.as_slice());
    let header: Vec<String> = csv.headers().unwrap().iter().map(str::to_owned).collect();
    assert_eq!(
        header,
        [
            "Highlight",
            "Title",
            "Author",
            "URL",
            "Note",
            "Location",
            "Date"
        ]
    );
    let rows: Vec<csv::StringRecord> = csv.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 2);
    let row = &rows[0];
    assert_eq!(
        &row[0], "spring tides come a day early, and the harbour master agrees",
        "the passage without its Markdown"
    );
    assert_eq!(&row[1], "Tide tables, \"revised\"");
    assert_eq!(&row[2], "Ida Brandt");
    assert_eq!(&row[3], "https://tides.example/2024");
    assert_eq!(&row[4], "check, \"twice\"\nbefore May");
    let location: usize = row[5].parse().expect("a character offset");
    assert!(location > 20, "{location}");
    jiff::civil::DateTime::strptime("%Y-%m-%d %H:%M:%S", &row[6]).expect("a date and time");
    assert_eq!(&rows[1][0], "Storms broke it twice.");
    assert_eq!(&rows[1][2], "");
}

#[test]
fn the_annotation_export_is_a_w3c_annotation_collection() {
    let env = Env::new();
    let (_, plain) = two_bookmarks(&env);
    let output = env.folio(&["bookmarks", "--format", "annotation"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let collection: Value = serde_json::from_slice(&output.stdout).expect("JSON");
    assert_eq!(collection["@context"], "http://www.w3.org/ns/anno.jsonld");
    assert_eq!(collection["type"], "AnnotationCollection");
    assert_eq!(collection["total"], 2);
    let items = collection["first"]["items"].as_array().expect("items");
    assert_eq!(items.len(), 2);
    for item in items {
        assert_eq!(item["type"], "Annotation");
        assert!(
            item["id"]
                .as_str()
                .unwrap()
                .starts_with("urn:folio:bookmark:")
        );
        let selectors = item["target"]["selector"].as_array().expect("selectors");
        let quote = &selectors[0];
        assert_eq!(quote["type"], "TextQuoteSelector");
        for key in ["exact", "prefix", "suffix"] {
            assert!(quote[key].is_string(), "{key} in {quote}");
        }
        let position = &selectors[1];
        assert_eq!(position["type"], "TextPositionSelector");
        let (start, end) = (
            position["start"].as_u64().unwrap(),
            position["end"].as_u64().unwrap(),
        );
        assert!(start < end, "{position}");
    }
    assert_eq!(items[0]["target"]["source"], "https://tides.example/2024");
    assert_eq!(items[0]["body"]["type"], "TextualBody");
    assert_eq!(items[0]["body"]["value"], "check, \"twice\"\nbefore May");
    assert_eq!(items[0]["motivation"], "commenting");
    let file = plain.canonicalize().unwrap();
    assert_eq!(
        items[1]["target"]["source"],
        format!("file://{}", file.display())
    );
    assert!(items[1].get("body").is_none());
    assert_eq!(
        items[1]["target"]["selector"][0]["exact"],
        "Storms broke it twice."
    );
}

#[test]
fn an_unknown_format_is_named_with_the_ones_there_are() {
    let env = Env::new();
    let output = env.folio(&["bookmarks", "--format", "pdf"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("give one of text, json, markdown, readwise, annotation"),
        "{}",
        stderr(&output)
    );
}

/// Edits `bookmarks.toml` as the reader would: `change` gets its list of bookmarks.
fn edit_bookmarks(env: &Env, change: impl FnOnce(&mut Vec<toml::Value>)) {
    let path = env.bookmarks_file();
    let mut file: toml::Table = std::fs::read_to_string(&path).unwrap().parse().unwrap();
    let list = file
        .get_mut("bookmark")
        .and_then(toml::Value::as_array_mut)
        .expect("bookmarks");
    change(list);
    std::fs::write(&path, toml::to_string(&file).unwrap()).unwrap();
}

/// The vault's files by name, with their text.
fn vault_files(vault: &Path) -> std::collections::BTreeMap<String, String> {
    std::fs::read_dir(vault)
        .unwrap()
        .map(|entry| {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read_to_string(&path).unwrap())
        })
        .collect()
}

#[test]
fn the_vault_gets_a_note_per_article_updated_in_place_around_the_persons_own() {
    let env = Env::new();
    let (marked, _) = two_bookmarks(&env);
    let added = env.add(
        &marked,
        "The new tables, printed on the quay",
        Some("first"),
    );
    assert!(added.status.success(), "{}", stderr(&added));
    let vault = env.dir.path().join("vault");
    std::fs::create_dir_all(&vault).unwrap();
    let own = "# Reading list\n\nMy own note; folio must not touch it.\n";
    std::fs::write(vault.join("Reading list.md"), own).unwrap();
    // A note of the person's with the name folio would choose for the tide tables.
    std::fs::write(vault.join("Tide tables, revised.md"), "mine\n").unwrap();

    let run = env.folio(&["bookmarks", "--vault", vault.to_str().unwrap()]);
    assert!(run.status.success(), "{}", stderr(&run));
    let files = vault_files(&vault);
    assert_eq!(
        files.keys().collect::<Vec<_>>(),
        [
            "Reading list.md",
            "The Harbour Wall.md",
            "Tide tables, revised (2).md",
            "Tide tables, revised.md"
        ]
    );
    assert_eq!(files["Reading list.md"], own);
    assert_eq!(files["Tide tables, revised.md"], "mine\n");
    let tides = &files["Tide tables, revised (2).md"];
    let front = tides
        .strip_prefix("---\n")
        .and_then(|rest| rest.split_once("\n---\n"))
        .expect("front matter")
        .0;
    let yaml = &yaml_rust2::YamlLoader::load_from_str(front).expect("YAML")[0];
    assert_eq!(yaml["title"].as_str(), Some("Tide tables, \"revised\""));
    assert_eq!(yaml["author"].as_str(), Some("Ida Brandt"));
    assert_eq!(yaml["url"].as_str(), Some("https://tides.example/2024"));
    let ids: Vec<String> = env
        .json()
        .iter()
        .map(|e| e["id"].as_str().unwrap().to_owned())
        .collect();
    let block = |id: &str| format!("^folio-{id}");
    assert!(
        tides.contains(&format!(
            "> spring tides come a day early, and the harbour master agrees {}",
            block(&ids[0])
        )),
        "{tides}"
    );
    assert!(tides.contains("check, \"twice\"\nbefore May"), "{tides}");
    assert!(tides.contains(&block(&ids[2])), "{tides}");
    assert!(files["The Harbour Wall.md"].contains("(not found in the article's current text)"));

    // The person writes under folio's part; a note is edited, a passage deleted and
    // another added.
    let tides_path = vault.join("Tide tables, revised (2).md");
    std::fs::write(&tides_path, format!("{tides}My thoughts on the tides.\n")).unwrap();
    edit_bookmarks(&env, |list| {
        list[0]
            .as_table_mut()
            .unwrap()
            .insert("note".into(), toml::Value::String("checked".into()));
        list.retain(|b| b["id"].as_str() != Some(&ids[2]));
    });
    let added = env.add(&marked, "printed on the quay, say the spring tides", None);
    assert!(added.status.success(), "{}", stderr(&added));
    let run = env.folio(&["bookmarks", "--vault", vault.to_str().unwrap()]);
    assert!(run.status.success(), "{}", stderr(&run));
    let again = vault_files(&vault);
    assert_eq!(again.len(), 4, "no note made twice: {:?}", again.keys());
    let tides = &again["Tide tables, revised (2).md"];
    assert!(
        tides.contains("\nchecked\n") && !tides.contains("before May"),
        "{tides}"
    );
    assert!(!tides.contains(&block(&ids[2])), "{tides}");
    assert!(
        tides.contains("printed on the quay, say the spring tides ^folio-"),
        "{tides}"
    );
    assert!(tides.ends_with("My thoughts on the tides.\n"), "{tides}");
    assert_eq!(again["Reading list.md"], own);
    assert_eq!(again["The Harbour Wall.md"], files["The Harbour Wall.md"]);

    // The harbour's last passage deleted: its note, which holds nothing of the
    // person's, goes.
    let plain_id = ids[1].clone();
    edit_bookmarks(&env, |list| {
        list.retain(|b| b["id"].as_str() != Some(&plain_id))
    });
    let run = env.folio(&["bookmarks", "--vault", vault.to_str().unwrap()]);
    assert!(run.status.success(), "{}", stderr(&run));
    assert!(!vault.join("The Harbour Wall.md").exists());
    assert!(String::from_utf8_lossy(&run.stdout).contains("removed"));

    // A note that holds folio's end marker does not end folio's part: a second run
    // finds nothing to change.
    edit_bookmarks(&env, |list| {
        list[0].as_table_mut().unwrap().insert(
            "note".into(),
            toml::Value::String("tricky <!-- folio: end --> note".into()),
        );
    });
    for _ in 0..2 {
        let run = env.folio(&["bookmarks", "--vault", vault.to_str().unwrap()]);
        assert!(run.status.success(), "{}", stderr(&run));
    }
    let run = env.folio(&["bookmarks", "--vault", vault.to_str().unwrap()]);
    assert!(
        stderr(&run).contains("0 new, 0 updated, 1 unchanged"),
        "{}",
        stderr(&run)
    );
    let tides = std::fs::read_to_string(&tides_path).unwrap();
    assert!(
        tides.ends_with("\n<!-- folio: end -->\nMy thoughts on the tides.\n"),
        "{tides}"
    );

    // The person edits folio's part of the note: it is left as they made it, and said so.
    let edited = tides.replace("# Tide tables", "# Tide tables (my heading)");
    assert_ne!(edited, tides);
    std::fs::write(&tides_path, &edited).unwrap();
    let added = env.add(&marked, "say the spring tides come a day early", None);
    assert!(added.status.success(), "{}", stderr(&added));
    let run = env.folio(&["bookmarks", "--vault", vault.to_str().unwrap()]);
    assert!(run.status.success(), "{}", stderr(&run));
    assert_eq!(std::fs::read_to_string(&tides_path).unwrap(), edited);
    assert!(
        stderr(&run).contains("1 note edited above `<!-- folio: end -->` left as you made it"),
        "{}",
        stderr(&run)
    );
    assert_eq!(vault_files(&vault).len(), 3, "no second note made for it");
    std::fs::write(&tides_path, &tides).unwrap();

    // Every passage of the note the person wrote in deleted: folio's part goes, theirs stays.
    edit_bookmarks(&env, |list| list.clear());
    let run = env.folio(&["bookmarks", "--vault", vault.to_str().unwrap()]);
    assert!(run.status.success(), "{}", stderr(&run));
    let tides = std::fs::read_to_string(&tides_path).unwrap();
    assert!(!tides.contains("^folio-"), "{tides}");
    assert!(tides.ends_with("My thoughts on the tides.\n"), "{tides}");
    assert_eq!(
        std::fs::read_to_string(vault.join("Reading list.md")).unwrap(),
        own
    );
}

#[test]
fn the_configured_vault_is_where_a_bare_vault_flag_writes() {
    let env = Env::new();
    two_bookmarks(&env);
    let none = env.folio(&["bookmarks", "--vault"]);
    assert_eq!(none.status.code(), Some(2));
    assert!(
        stderr(&none).contains("no vault to write to"),
        "{}",
        stderr(&none)
    );
    let folder = env.dir.path().join("config/folio");
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::write(folder.join("config.toml"), "vault = \"notes/vault\"\n").unwrap();
    let run = env.folio(&["bookmarks", "--vault"]);
    assert!(run.status.success(), "{}", stderr(&run));
    // Relative to the config file's folder.
    let vault = folder.join("notes/vault");
    assert!(
        vault.join("The Harbour Wall.md").is_file(),
        "{}",
        stderr(&run)
    );
}

#[test]
fn the_plain_list_gives_each_passage_its_status_and_its_article_s_address() {
    let env = Env::new();
    two_bookmarks(&env);
    let run = env.folio(&["bookmarks"]);
    assert!(run.status.success(), "{}", stderr(&run));
    let text = String::from_utf8_lossy(&run.stdout);
    assert!(
        text.contains("“spring tides come a day early, and the harbour master agrees”\n"),
        "{text}"
    );
    assert!(
        text.contains("\n            https://tides.example/2024\n"),
        "{text}"
    );
    assert!(
        text.contains("“Storms broke it twice.”  (not found in the article's current text)"),
        "{text}"
    );
}

#[test]
fn data_dir_in_the_config_is_where_bookmarks_are_kept() {
    let env = Env::new();
    let folder = env.dir.path().join("config/folio");
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::write(
        folder.join("config.toml"),
        "data_dir = \"../../Sync/folio\"\n",
    )
    .unwrap();
    let article = env.write("harbour.txt", ARTICLE);
    // Not there (not mounted, not synced yet): refused, nothing made.
    let refused = env.add(&article, "Storms broke it twice.", None);
    assert_eq!(refused.status.code(), Some(2));
    assert!(
        stderr(&refused).contains("(data_dir in the config) is not there"),
        "{}",
        stderr(&refused)
    );
    assert!(!env.dir.path().join("Sync").exists());
    std::fs::create_dir_all(env.dir.path().join("Sync/folio")).unwrap();
    let added = env.add(&article, "Storms broke it twice.", None);
    assert!(added.status.success(), "{}", stderr(&added));
    let synced = env.dir.path().join("Sync/folio/bookmarks.toml");
    assert!(synced.is_file(), "bookmarks kept in the data_dir");
    assert!(
        !env.bookmarks_file().exists(),
        "and not in the platform's data folder"
    );
    assert_eq!(env.json().len(), 1, "and read from there");
}

#[test]
fn a_reworded_passage_is_changed_with_the_text_now_there() {
    let env = Env::new();
    let article = env.write(
        "gap.txt",
        "The Gap\n\nEconomists said on Monday that the gap between the harbour towns and the \
         inland villages continues to widen, and that the new road would not close it soon.\n",
    );
    let quote = "the gap between the harbour towns and the inland villages continues to widen";
    let added = env.add(&article, quote, None);
    assert!(added.status.success(), "{}", stderr(&added));
    std::fs::write(
        &article,
        "The Gap\n\nEconomists said on Monday that the gap between the harbour towns and the \
         inland villages continues to grow wider, and that the new road would not close it soon.\n",
    )
    .unwrap();
    let entry = &env.json()[0];
    assert_eq!(entry["status"], "changed");
    assert_eq!(entry["found"], true);
    assert_eq!(entry["quote"], quote, "the stored quote is kept");
    assert_eq!(
        entry["now"],
        "the gap between the harbour towns and the inland villages continues to grow wider"
    );
    let readwise = env.folio(&["bookmarks", "--format", "readwise"]);
    assert!(readwise.status.success());
    let markdown = env.folio(&["bookmarks", "--markdown"]);
    assert!(
        String::from_utf8_lossy(&markdown.stdout)
            .contains("*(reworded in the article's current text)*")
    );
}
