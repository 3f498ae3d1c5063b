//! Every file shape and encoding the store reads, one test each, through the same path a
//! scan takes: bytes → decode → sanitise → parse.

use folio::store::read::{FileBytes, article_from_bytes, format_for};
use folio::store::{Article, Body, DateFrom, Location};
use jiff::civil::{Date, date};

/// Reads `bytes` as the file `rel_path` (mtime 2020-01-02 12:00 UTC, for the fallback).
fn read(rel_path: &str, bytes: &[u8]) -> (Article, Body) {
    let contents = FileBytes {
        bytes,
        size: bytes.len() as u64,
        mtime: Some(1_577_966_400),
    };
    let format = format_for(rel_path).expect("an article's name");
    let (article, body) = article_from_bytes(
        &contents,
        Location::Sample("test"),
        rel_path.to_owned(),
        format,
        true,
    )
    .expect("reads as an article");
    (article, body.expect("body asked for"))
}

fn dated(article: &Article) -> (Option<Date>, Option<DateFrom>) {
    (article.date, article.date_from)
}

fn paragraphs(body: &Body) -> &[String] {
    match body {
        Body::Paragraphs(paragraphs) => paragraphs,
        Body::Markdown(_) => panic!("expected plain text"),
    }
}

#[test]
fn headline_first_plain_text_takes_its_date_from_the_file() {
    let (article, body) = read(
        "news/ferry.txt",
        b"The ferry runs again\n\nThe harbour ferry returned on Monday.\n\nCrowds waved.\n",
    );
    assert_eq!(article.title, "The ferry runs again");
    assert_eq!(
        dated(&article),
        (Some(date(2020, 1, 2)), Some(DateFrom::Modified))
    );
    assert_eq!(article.source, None);
    assert_eq!(
        paragraphs(&body),
        ["The harbour ferry returned on Monday.", "Crowds waved."]
    );
    assert_eq!(article.words, 8);
}

#[test]
fn date_first_line_with_byline_and_dateline() {
    let text = " date 2024-11-21 Canal library opens all night\n\nXinhua) 08:07, November 21, 2024\n\nHANGZHOU, Nov. 20 (Xinhua) -- A library beside the canal now stays open.\n\nReaders came at midnight.\n";
    let (article, body) = read("world/canal.txt", text.as_bytes());
    assert_eq!(article.title, "Canal library opens all night");
    assert_eq!(
        dated(&article),
        (Some(date(2024, 11, 21)), Some(DateFrom::Text))
    );
    assert_eq!(article.source.as_deref(), Some("Xinhua"));
    assert!(paragraphs(&body)[1].starts_with("HANGZHOU, Nov. 20 (Xinhua) -- A library"));
}

#[test]
fn dateline_alone_gives_the_source() {
    let text =
        "Rail link approved\n\nNAIROBI, March 3 (Reuters) -- The council approved the line.\n";
    let (article, _) = read("rail.txt", text.as_bytes());
    assert_eq!(article.source.as_deref(), Some("Reuters"));
}

#[test]
fn header_block_with_keys_in_any_case() {
    let text = "TITLE: Bog cores hold a climate record\ndate: 21 November 2024\nSource: Fenwick Weekly\nAUTHOR: Ruth Kessler\ntags: climate, science\nURL: https://example.org/bog\n\nPeat keeps a record.\n";
    let (article, body) = read("science/bog.txt", text.as_bytes());
    assert_eq!(article.title, "Bog cores hold a climate record");
    assert_eq!(
        dated(&article),
        (Some(date(2024, 11, 21)), Some(DateFrom::Metadata))
    );
    assert_eq!(article.source.as_deref(), Some("Fenwick Weekly"));
    assert_eq!(article.author.as_deref(), Some("Ruth Kessler"));
    assert_eq!(article.tags, ["climate", "science"]);
    assert_eq!(article.url.as_deref(), Some("https://example.org/bog"));
    assert_eq!(paragraphs(&body), ["Peat keeps a record."]);
}

#[test]
fn a_url_header_is_kept_as_written_when_it_is_a_web_address() {
    for (written, want) in [
        (
            "URL: https://example.org/bog",
            Some("https://example.org/bog"),
        ),
        (
            "url: http://example.org/a?b=1#c",
            Some("http://example.org/a?b=1#c"),
        ),
        (
            "Url: HTTPS://Example.org/Bog",
            Some("HTTPS://Example.org/Bog"),
        ),
        ("URL: /science/bog/", None),
        ("URL: see the paper edition", None),
        ("URL: javascript:alert(1)", None),
        (
            "URL: https://example.org/\u{1b}]0;x\u{7}bog",
            Some("https://example.org/bog"),
        ),
        (
            "URL: https://example.org/\u{202e}gpj.exe",
            Some("https://example.org/gpj.exe"),
        ),
    ] {
        let text = format!("Title: Bog cores\n{written}\n\nPeat keeps a record.\n");
        let (article, _) = read("bog.txt", text.as_bytes());
        assert_eq!(article.url.as_deref(), want, "{written:?}");
        assert_eq!(article.title, "Bog cores", "{written:?}");
    }
    let (article, _) = read("bog.txt", b"Title: Bog cores\n\nPeat keeps a record.\n");
    assert_eq!(article.url, None);
}

#[test]
fn front_matter_gives_the_url_from_url_link_or_canonical() {
    for text in [
        "+++\ntitle = \"Moths\"\nurl = \"https://gazette.example/moths\"\n+++\n\nBody.\n",
        "---\ntitle: Moths\nlink: https://gazette.example/moths\n---\n\nBody.\n",
        "---\ntitle: Moths\ncanonical: \"https://gazette.example/moths\"\n---\n\nBody.\n",
        // A relative `url` (a site generator's path) gives way to a full address.
        "+++\ntitle = \"Moths\"\nurl = \"/science/moths/\"\ncanonical = \"https://gazette.example/moths\"\n+++\n\nBody.\n",
        // The real YAML parser, for a nested author.
        "---\ntitle: Moths\nauthor:\n  name: Priya Raman\nurl: https://gazette.example/moths\n---\n\nBody.\n",
    ] {
        let (article, _) = read("moths.md", text.as_bytes());
        assert_eq!(
            article.url.as_deref(),
            Some("https://gazette.example/moths"),
            "{text}"
        );
        assert_eq!(article.title, "Moths", "{text}");
    }
    for text in [
        "+++\ntitle = \"Moths\"\nurl = \"/science/moths/\"\n+++\n\nBody.\n",
        "---\ntitle: Moths\nlink: [https://a.example, https://b.example]\n---\n\nBody.\n",
        "---\ntitle: Moths\n---\n\nBody.\n",
    ] {
        let (article, _) = read("moths.md", text.as_bytes());
        assert_eq!(article.url, None, "{text}");
    }
}

#[test]
fn header_block_published_key_and_every_date_style() {
    for (written, want) in [
        ("2024-11-21", date(2024, 11, 21)),
        ("2024-11-21T08:07:00+08:00", date(2024, 11, 21)),
        ("21 November 2024", date(2024, 11, 21)),
        ("November 21, 2024", date(2024, 11, 21)),
        ("Nov. 21, 2024", date(2024, 11, 21)),
    ] {
        let text = format!("Title: T\nPublished: {written}\n\nBody.\n");
        let (article, _) = read("a.txt", text.as_bytes());
        assert_eq!(
            dated(&article),
            (Some(want), Some(DateFrom::Metadata)),
            "{written}"
        );
    }
}

#[test]
fn a_headline_with_a_colon_is_not_a_header() {
    let (article, _) = read(
        "a.txt",
        b"Update: talks resume in Geneva\n\nThe talks resumed.\n",
    );
    assert_eq!(article.title, "Update: talks resume in Geneva");
}

#[test]
fn toml_front_matter() {
    let text = "+++\ntitle = \"Counting moths\"\ndate = 2020-08-17\ntags = [\"science\", \"insects\"]\nauthors = [\"Priya Raman\", \"Olu Adebayo\"]\nsource = \"Northfield Gazette\"\ndescription = \"A night count.\"\n+++\n\n## At dusk\n\nThe *lamps* went on.\n";
    let (article, body) = read("science/moths.md", text.as_bytes());
    assert_eq!(article.title, "Counting moths");
    assert_eq!(
        dated(&article),
        (Some(date(2020, 8, 17)), Some(DateFrom::Metadata))
    );
    assert_eq!(article.tags, ["science", "insects"]);
    assert_eq!(article.author.as_deref(), Some("Priya Raman, Olu Adebayo"));
    assert_eq!(article.source.as_deref(), Some("Northfield Gazette"));
    assert_eq!(article.description.as_deref(), Some("A night count."));
    assert_eq!(
        body,
        Body::Markdown("## At dusk\n\nThe *lamps* went on.".into())
    );
}

#[test]
fn toml_date_with_an_offset_keeps_the_written_day() {
    let text = "+++\ntitle = \"Late\"\ndate = 2024-11-21T23:30:00-05:00\n+++\nBody.\n";
    let (article, _) = read("late.md", text.as_bytes());
    assert_eq!(article.date, Some(date(2024, 11, 21)));
}

#[test]
fn yaml_front_matter_inline_and_block_lists() {
    let inline = "---\ntitle: \"River swimming returns\"\ndate: 2022-07-19T10:00:00+01:00\nsource: The Harbour Courier\nauthor: Maeve Lindqvist\ntags: [river, city]\n---\n\nBody.\n";
    let (article, _) = read("city/river.md", inline.as_bytes());
    assert_eq!(article.title, "River swimming returns");
    assert_eq!(
        dated(&article),
        (Some(date(2022, 7, 19)), Some(DateFrom::Metadata))
    );
    assert_eq!(article.tags, ["river", "city"]);
    assert_eq!(article.author.as_deref(), Some("Maeve Lindqvist"));

    let block = "---\ntitle: Library of things\ndate: 2023-03-11\nkeywords:\n  - library\n  - repair\n---\nBody.\n";
    let (article, _) = read("library.md", block.as_bytes());
    assert_eq!(article.tags, ["library", "repair"]);
}

#[test]
fn date_from_slug_file_name_or_folders() {
    let slug = "---\ntitle: Glacier\nslug: 2022/06/03/listening-to-a-glacier\n---\nBody.\n";
    let (article, _) = read("science/glacier.md", slug.as_bytes());
    assert_eq!(
        dated(&article),
        (Some(date(2022, 6, 3)), Some(DateFrom::Path))
    );

    let named = "+++\ntitle = \"Moths\"\n+++\nBody.\n";
    let (article, _) = read("science/2020-08-17-moths.md", named.as_bytes());
    assert_eq!(
        dated(&article),
        (Some(date(2020, 8, 17)), Some(DateFrom::Path))
    );

    let (article, _) = read("2023/05/14/bakery.md", b"# The bakery\n\nBread.\n");
    assert_eq!(
        dated(&article),
        (Some(date(2023, 5, 14)), Some(DateFrom::Path))
    );
}

#[test]
fn markdown_without_front_matter_takes_the_first_heading() {
    let (article, body) = read(
        "tram.md",
        b"# When the tram came back\n\nThe *tram* is back.\n",
    );
    assert_eq!(article.title, "When the tram came back");
    assert_eq!(body, Body::Markdown("The *tram* is back.".into()));
}

#[test]
fn utf8_bom_header_block() {
    let (article, _) = read(
        "bom.txt",
        "\u{feff}Title: Café opens\nDate: 2024-11-21\n\nBody.\n".as_bytes(),
    );
    assert_eq!(article.title, "Café opens");
    assert_eq!(article.date, Some(date(2024, 11, 21)));
}

#[test]
fn utf16_with_bom_both_byte_orders() {
    let text = "Zürich 图书馆 opens\n\nThe library opened.\n";
    let mut le = vec![0xff, 0xfe];
    le.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    let mut be = vec![0xfe, 0xff];
    be.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
    for bytes in [le, be] {
        let (article, body) = read("utf16.txt", &bytes);
        assert_eq!(article.title, "Zürich 图书馆 opens");
        assert_eq!(paragraphs(&body), ["The library opened."]);
    }
}

#[test]
fn windows_1252_with_crlf() {
    let text = "A na\u{ef}ve guide to Z\u{fc}rich caf\u{e9}s\r\n\r\nThe \u{201c}best\u{201d} coffee \u{2014} twice.\r\n";
    let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(text);
    let (article, body) = read("cafe.txt", &bytes);
    assert_eq!(article.title, "A naïve guide to Zürich cafés");
    assert_eq!(paragraphs(&body), ["The “best” coffee — twice."]);
}

#[test]
fn gb18030_chinese() {
    let text = "龙井村的春茶季\n\n清明前后，龙井村的茶农开始采摘新茶。\n";
    let (bytes, _, _) = encoding_rs::GB18030.encode(text);
    let (article, body) = read("tea.txt", &bytes);
    assert_eq!(article.title, "龙井村的春茶季");
    assert_eq!(paragraphs(&body), ["清明前后，龙井村的茶农开始采摘新茶。"]);
    assert_eq!(article.words, 16);
}

#[test]
fn hard_wrapped_paragraphs_are_joined() {
    let text = "What the river leaves\n\nWhen the water falls back it\nleaves a line of silt along\nthe bank.\n\n- first item\n- second item\n\n长江的水\n退去了。\n";
    let (_, body) = read("river.txt", text.as_bytes());
    assert_eq!(
        paragraphs(&body),
        [
            "When the water falls back it leaves a line of silt along the bank.",
            "- first item\n- second item",
            "长江的水退去了。",
        ]
    );
}

#[test]
fn escape_sequences_never_reach_a_field() {
    let text = "Title: Safe\u{1b}]0;PWNED\u{7} title\u{202e}\nSource: A\u{1b}[2Jgency\u{9b}31m\n\nBody\rEVIL\u{8}\u{7}.\n";
    let (article, body) = read("hostile.txt", text.as_bytes());
    assert_eq!(article.title, "Safe title");
    assert_eq!(article.source.as_deref(), Some("Agency"));
    let body = paragraphs(&body).join("\n");
    assert!(
        !body.chars().any(|c| c.is_control() && c != '\n'),
        "{body:?}"
    );
    assert!(body.contains("Body EVIL␈␇."), "{body:?}");
}
