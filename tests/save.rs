//! `folio save URL` against a server the test runs on 127.0.0.1: a page kept as Markdown
//! (its front matter read back with the toml crate, and `folio list --json` listing it)
//! or as HTML, the same page not kept twice, two pages of one title both kept, and each
//! failure (a 404, an image, a redirect loop, a closed port, a silent server, a page
//! over the cap, an address that is not http) exiting 1 with its reason and leaving the
//! folder as it was, no temporary file in it. folio runs with its folders in a
//! temporary one, and with no proxy variable but those a test sets.

mod cli_support;
mod save_support;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant, SystemTime};

use cli_support::{Run, Sandbox, isolate, run_with_limit};
use save_support::{Reply, Server, closed_port};

/// Every proxy variable folio (or the library under it) might read.
const PROXY_VARIABLES: [&str; 8] = [
    "http_proxy",
    "HTTP_PROXY",
    "https_proxy",
    "HTTPS_PROXY",
    "all_proxy",
    "ALL_PROXY",
    "no_proxy",
    "NO_PROXY",
];

/// Runs `folio ARGS` in the sandbox, with no proxy variable but `proxy_env`.
fn folio_with(sandbox: &Sandbox, args: &[&str], proxy_env: &[(&str, &str)]) -> Run {
    let mut command = Command::new(env!("CARGO_BIN_EXE_folio"));
    isolate(&mut command, sandbox.path());
    for name in PROXY_VARIABLES {
        command.env_remove(name);
    }
    command.envs(proxy_env.iter().copied()).args(args);
    run_with_limit(command)
}

/// Runs `folio ARGS`, 127.0.0.1 and localhost reached directly whatever the machine says.
fn folio(sandbox: &Sandbox, args: &[&str]) -> Run {
    folio_with(sandbox, args, &[("NO_PROXY", "127.0.0.1,localhost")])
}

/// A sandbox whose config names its store folder first, with `extra` config lines.
fn sandbox_with_store(extra: &str) -> Sandbox {
    let sandbox = Sandbox::new();
    let config = sandbox.path().join("config/folio");
    std::fs::create_dir_all(&config).expect("config folder");
    let store = sandbox.store();
    std::fs::write(
        config.join("config.toml"),
        format!("store = [{:?}]\n{extra}", store.to_str().expect("utf-8")),
    )
    .expect("config");
    sandbox
}

/// An article page of a news site: long enough for Readability, with a cookie notice
/// and navigation that must not be kept.
fn article(title: &str, published: Option<&str>, canonical: Option<&str>, words: &str) -> String {
    let published = published
        .map(|p| format!(r#"<meta property="article:published_time" content="{p}">"#))
        .unwrap_or_default();
    let canonical = canonical
        .map(|c| format!(r#"<link rel="canonical" href="{c}">"#))
        .unwrap_or_default();
    format!(
        r#"<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>{title} | The Coastal Courier</title>
<meta property="og:site_name" content="The Coastal Courier">
<meta name="author" content="Maren Holt">
<meta name="keywords" content="harbour, storms">
{published}{canonical}
</head><body>
<nav><a href="/">Home</a> <a href="/news">News</a></nav>
<div class="cookie-banner">We use cookies. Accept all cookies?</div>
<article><h1>{title}</h1>
<p>Work to repair the harbour wall began on Monday, three months after the January storms tore a twelve-metre gap in the old stone of the wall. {words}</p>
<p>The council said the repairs would take until the summer, and that the fishing fleet would keep using the north quay while the work goes on through the spring.</p>
<p>Residents have been asked to keep away from the south end of the promenade while the cranes are in use, and the lifeboat station will stay open throughout.</p>
</article><footer>Copyright 2024 The Coastal Courier</footer></body></html>"#
    )
}

/// Every name in `folder`, hidden ones too, with each file's bytes and mtime.
fn snapshot(folder: &Path) -> BTreeMap<String, (Vec<u8>, SystemTime)> {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return BTreeMap::new();
    };
    entries
        .flatten()
        .map(|entry| {
            let path = entry.path();
            let meta = std::fs::metadata(&path).expect("metadata");
            let bytes = if meta.is_file() {
                std::fs::read(&path).expect("read")
            } else {
                Vec::new()
            };
            (
                entry.file_name().to_string_lossy().into_owned(),
                (bytes, meta.modified().expect("mtime")),
            )
        })
        .collect()
}

fn names(folder: &Path) -> Vec<String> {
    snapshot(folder).into_keys().collect()
}

/// The front matter of a saved article, parsed, and its body.
fn front_matter(path: &Path) -> (toml::Table, String) {
    let text = std::fs::read_to_string(path).expect("saved article");
    let rest = text.strip_prefix("+++\n").expect("front matter opens");
    let (front, body) = rest.split_once("\n+++\n").expect("front matter closes");
    (
        front.parse().expect("front matter is TOML"),
        body.to_owned(),
    )
}

/// Asserts a failed save: exit 1, nothing on stdout, `expected` in the message with the
/// address, and `folder` as it was (no temporary file either).
fn assert_failed(run: &Run, url: &str, expected: &[&str], folder: &Path) {
    assert_eq!(run.status.code(), Some(1), "{}", run.stderr);
    assert!(run.stdout.is_empty(), "{}", run.stdout);
    assert!(
        run.stderr.starts_with(&format!("folio: cannot save {url}")),
        "{}",
        run.stderr
    );
    for words in expected {
        assert!(run.stderr.contains(words), "{words:?} in {}", run.stderr);
    }
    assert_eq!(names(folder), Vec::<String>::new(), "{}", run.stderr);
}

fn path_printed(run: &Run) -> PathBuf {
    assert!(run.status.success(), "{}", run.stderr);
    PathBuf::from(run.stdout.trim_end())
}

#[test]
fn a_page_is_kept_as_markdown_with_its_front_matter_and_listed() {
    let page = article(
        "Harbour wall repairs begin",
        Some("2024-03-14T08:30:00Z"),
        Some("https://courier.example/news/harbour-wall"),
        "",
    );
    let server = Server::start(move |_| Reply::html(&page));
    let sandbox = sandbox_with_store("");
    let store = sandbox.store();
    let url = server.url("/news/harbour-wall?ref=home");
    let run = folio(&sandbox, &["save", &url]);
    let path = path_printed(&run);
    assert_eq!(path, store.join("2024-03-14-harbour-wall-repairs-begin.md"));
    assert_eq!(names(&store), ["2024-03-14-harbour-wall-repairs-begin.md"]);
    assert!(run.stderr.is_empty(), "{}", run.stderr);

    let requests = server.requests();
    assert_eq!(requests.len(), 1);
    assert_eq!(requests[0].target, "/news/harbour-wall?ref=home");
    let agent = requests[0].header("user-agent").unwrap_or_default();
    assert_eq!(agent, format!("folio/{}", env!("CARGO_PKG_VERSION")));

    let (front, body) = front_matter(&path);
    let text = |key: &str| front.get(key).and_then(|v| v.as_str()).map(str::to_owned);
    assert_eq!(text("title").as_deref(), Some("Harbour wall repairs begin"));
    assert_eq!(front["date"].to_string(), "2024-03-14T08:30:00Z");
    assert_eq!(text("author").as_deref(), Some("Maren Holt"));
    assert_eq!(text("source").as_deref(), Some("The Coastal Courier"));
    assert_eq!(
        text("url").as_deref(),
        Some("https://courier.example/news/harbour-wall")
    );
    assert_eq!(text("lang").as_deref(), Some("en"));
    let tags: Vec<&str> = front["tags"]
        .as_array()
        .expect("tags")
        .iter()
        .filter_map(|t| t.as_str())
        .collect();
    assert_eq!(tags, ["harbour", "storms"]);
    let saved = match &front["saved"] {
        toml::Value::Datetime(saved) => *saved,
        other => panic!("saved is {other}"),
    };
    assert!(saved.offset.is_some() && saved.time.is_some(), "{saved}");
    let today = jiff::Timestamp::now().to_string();
    assert_eq!(saved.to_string()[..10], today[..10], "saved today (UTC)");
    assert!(body.contains("twelve-metre gap"), "{body}");
    assert!(body.contains("lifeboat station"), "{body}");
    for chrome in ["Accept all cookies", "Copyright 2024", "Home"] {
        assert!(!body.contains(chrome), "{chrome} in {body}");
    }

    let list = folio(&sandbox, &["list", "--json", store.to_str().unwrap()]);
    assert!(list.status.success(), "{}", list.stderr);
    let entries = list.json_lines();
    assert_eq!(entries.len(), 1, "{}", list.stdout);
    let entry = &entries[0];
    assert_eq!(entry["title"], "Harbour wall repairs begin");
    assert_eq!(entry["date"], "2024-03-14");
    assert_eq!(entry["date_from"], "metadata");
    assert_eq!(entry["source"], "The Coastal Courier");
    assert_eq!(entry["author"], "Maren Holt");
    assert_eq!(entry["url"], "https://courier.example/news/harbour-wall");
}

#[test]
fn the_same_page_saved_again_writes_nothing_and_names_its_file() {
    // With a canonical link: the second save fetches, and finds the canonical address.
    let page = article(
        "Harbour wall repairs begin",
        Some("2024-03-14"),
        Some("https://courier.example/news/harbour-wall"),
        "",
    );
    let server = Server::start(move |_| Reply::html(&page));
    let sandbox = sandbox_with_store("");
    let store = sandbox.store();
    let first = path_printed(&folio(&sandbox, &["save", &server.url("/a")]));
    let before = snapshot(&store);
    let again = folio(&sandbox, &["save", &server.url("/a?utm_source=feed")]);
    assert_eq!(path_printed(&again), first);
    assert_eq!(
        again.stderr,
        format!(
            "folio: {} is already saved, as {}; nothing written\n",
            server.url("/a?utm_source=feed"),
            first.display()
        )
    );
    assert_eq!(snapshot(&store), before);

    // Without one: the address itself is the article's, and another form of it is
    // known before anything is fetched.
    let plain = article("Ferry timetable changes", None, None, "");
    let server = Server::start(move |_| Reply::html(&plain));
    let url = server.url("/ferry");
    let kept = path_printed(&folio(&sandbox, &["save", &url]));
    assert_eq!(server.requests().len(), 1);
    let (front, _) = front_matter(&kept);
    assert_eq!(front["url"].as_str(), Some(url.as_str()));
    assert!(
        front.get("date").is_none(),
        "no date of its own: none made up"
    );
    let before = snapshot(&store);
    let same = format!(
        "HTTP://{}/ferry/#timetable",
        server.address.to_string().to_uppercase()
    );
    let again = folio(&sandbox, &["save", &same]);
    assert_eq!(path_printed(&again), kept);
    assert!(
        again.stderr.contains("is already saved, as"),
        "{}",
        again.stderr
    );
    assert_eq!(
        server.requests().len(),
        1,
        "nothing fetched the second time"
    );
    assert_eq!(snapshot(&store), before);
}

#[test]
fn a_missing_page_is_an_error() {
    let server = Server::start(|_| Reply::status(404));
    let sandbox = sandbox_with_store("");
    let url = server.url("/gone");
    let run = folio(&sandbox, &["save", &url]);
    assert_failed(
        &run,
        &url,
        &[
            "the server answered 404 Not Found",
            "there is no page at this address",
        ],
        &sandbox.store(),
    );
    assert_eq!(
        run.stderr,
        format!(
            "folio: cannot save {url}: the server answered 404 Not Found: there is no page at \
             this address; check the address\n"
        )
    );
}

#[test]
fn an_image_is_not_a_page_by_its_type_or_by_its_bytes() {
    const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0";
    let server = Server::start(|request| match request.target.as_str() {
        "/typed.png" => Reply::with_type("image/png", PNG.to_vec()),
        "/report" => Reply::with_type("application/pdf", b"%PDF-1.7\n".to_vec()),
        "/data" => Reply::with_type("application/json", b"{\"a\": 1}".to_vec()),
        _ => Reply::untyped(PNG.to_vec()),
    });
    let sandbox = sandbox_with_store("");
    let store = sandbox.store();
    for (path, said) in [
        (
            "/typed.png",
            "it is a PNG image (image/png), not a web page",
        ),
        ("/untyped", "it is a PNG image, not a web page"),
        (
            "/report",
            "it is a PDF document (application/pdf), not a web page",
        ),
        (
            "/data",
            "it is JSON data (application/json), not a web page",
        ),
    ] {
        let url = server.url(path);
        let run = folio(&sandbox, &["save", &url]);
        assert_failed(&run, &url, &[said, "folio saves web pages only"], &store);
    }
}

#[test]
fn a_redirect_loop_and_too_many_redirects_are_named() {
    let server = Server::start(|request| {
        let target = request.target.as_str();
        if target == "/loop/a" {
            Reply::redirect(302, "/loop/b")
        } else if target == "/loop/b" {
            Reply::redirect(301, "a")
        } else if let Some(n) = target.strip_prefix("/hop/") {
            let n: u32 = n.parse().unwrap_or(0);
            Reply::redirect(307, &format!("/hop/{}", n + 1))
        } else {
            Reply::status(404)
        }
    });
    let sandbox = sandbox_with_store("");
    let store = sandbox.store();
    let url = server.url("/loop/a");
    let run = folio(&sandbox, &["save", &url]);
    assert_failed(
        &run,
        &url,
        &[
            &format!("(redirected to {})", server.url("/loop/b")),
            &format!("it redirects in a loop (back to {})", server.url("/loop/a")),
            "cookies",
        ],
        &store,
    );
    assert_eq!(server.requests().len(), 2);

    let url = server.url("/hop/0");
    let run = folio(&sandbox, &["save", &url]);
    assert_failed(&run, &url, &["it redirects more than 10 times"], &store);
    let hops = server.requests().len() - 2;
    assert_eq!(hops, 11, "the first request and ten redirects followed");
}

#[test]
fn a_redirect_chain_ends_at_the_article_whose_final_address_is_kept() {
    let page = article("Lighthouse keepers return", Some("2023-11-02"), None, "");
    let final_url = std::sync::Arc::new(std::sync::OnceLock::<String>::new());
    let final_for_server = std::sync::Arc::clone(&final_url);
    let server = Server::start(move |request| match request.target.as_str() {
        "/old" => Reply::redirect(301, "/moved/"),
        "/moved/" => Reply::redirect(302, "../story"),
        "/story" => Reply::redirect(303, final_for_server.get().expect("set")),
        "/final/lighthouse" => Reply::html(&page),
        _ => Reply::status(404),
    });
    final_url
        .set(server.url("/final/lighthouse"))
        .expect("once");
    let sandbox = sandbox_with_store("");
    let run = folio(&sandbox, &["save", &server.url("/old")]);
    let path = path_printed(&run);
    assert_eq!(
        path,
        sandbox
            .store()
            .join("2023-11-02-lighthouse-keepers-return.md")
    );
    let (front, _) = front_matter(&path);
    assert_eq!(
        front["url"].as_str(),
        Some(server.url("/final/lighthouse").as_str())
    );
    let targets: Vec<String> = server.requests().into_iter().map(|r| r.target).collect();
    assert_eq!(targets, ["/old", "/moved/", "/story", "/final/lighthouse"]);

    // The address the chain started at finds the article by the one it ended at.
    let again = folio(&sandbox, &["save", &server.url("/old")]);
    assert_eq!(path_printed(&again), path);
    assert!(again.stderr.contains("already saved"), "{}", again.stderr);
}

#[test]
fn a_closed_port_is_refused() {
    let sandbox = sandbox_with_store("");
    let url = format!("http://{}/page", closed_port());
    let run = folio(&sandbox, &["save", &url]);
    assert_failed(
        &run,
        &url,
        &[
            "was refused (nothing answers there)",
            "check the address, and that the server is running",
        ],
        &sandbox.store(),
    );
}

#[test]
fn a_silent_server_meets_the_timeout() {
    let server = Server::start(|_| Reply::Silence(Duration::from_secs(8)));
    let sandbox = sandbox_with_store("");
    let url = server.url("/slow");
    let started = Instant::now();
    let run = folio(&sandbox, &["save", "--timeout", "1", &url]);
    let took = started.elapsed();
    assert_failed(
        &run,
        &url,
        &[
            "the server sent nothing for 1 s",
            "wait longer with --timeout SECONDS",
        ],
        &sandbox.store(),
    );
    assert!(took < Duration::from_secs(6), "took {took:?}");
    assert_eq!(server.requests().len(), 1, "the request reached the server");
}

#[test]
fn a_page_over_the_cap_is_refused_with_a_length_or_without() {
    let big = article(
        "Harbour wall repairs begin",
        None,
        None,
        &"stone ".repeat(2000),
    );
    let size = format!("{:.1} KiB", big.len() as f64 / 1024.0);
    let server = Server::start(move |request| match request.target.as_str() {
        "/chunked" => Reply::Answer {
            status: 200,
            headers: vec![("Content-Type".into(), "text/html".into())],
            body: big.clone().into_bytes(),
            chunked: true,
        },
        _ => Reply::html(&big),
    });
    let sandbox = sandbox_with_store("max_article_bytes = 4096\n");
    let store = sandbox.store();
    let url = server.url("/long");
    let run = folio(&sandbox, &["save", &url]);
    assert_failed(
        &run,
        &url,
        &[
            &format!("the page ({size}) is larger than 4 KiB, the largest article folio reads"),
            "raise max_article_bytes in the config",
        ],
        &store,
    );
    let url = server.url("/chunked");
    let run = folio(&sandbox, &["save", &url]);
    assert_failed(&run, &url, &["the page is larger than 4 KiB"], &store);
}

#[test]
fn html_keeps_the_page_itself_after_the_line_naming_its_address() {
    let page = article("Harbour wall repairs begin", Some("2024-03-14"), None, "");
    let served = page.clone();
    let server = Server::start(move |_| Reply::html(&served));
    let sandbox = sandbox_with_store("");
    let store = sandbox.store();
    let url = server.url("/news/wall");
    let path = path_printed(&folio(&sandbox, &["save", "--html", &url]));
    assert_eq!(
        path,
        store.join("2024-03-14-harbour-wall-repairs-begin.html")
    );
    let kept = std::fs::read_to_string(&path).expect("kept page");
    let line = format!("<!-- saved from url=({:04}){url} -->\n", url.len());
    assert_eq!(kept, format!("{line}{page}"));
    assert_eq!(names(&store).len(), 1);

    let list = folio(&sandbox, &["list", "--json", store.to_str().unwrap()]);
    let entries = list.json_lines();
    assert_eq!(entries[0]["title"], "Harbour wall repairs begin");
    assert_eq!(entries[0]["url"], url.as_str());
    assert_eq!(entries[0]["date"], "2024-03-14");

    // Saved again, as HTML or not: the page's saved-from line gives its address.
    let again = folio(&sandbox, &["save", &url]);
    assert_eq!(path_printed(&again), path);
    assert_eq!(names(&store).len(), 1);
}

#[test]
fn the_content_types_charset_decodes_the_page() {
    // windows-1251, named only by the HTTP header: the page itself declares nothing.
    let title = "Новости гавани";
    let page =
        article(title, Some("2024-03-14"), None, "").replace(r#"<meta charset="utf-8">"#, "");
    let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode(&page);
    let bytes = bytes.into_owned();
    let server =
        Server::start(move |_| Reply::with_type("text/html; charset=windows-1251", bytes.clone()));
    let sandbox = sandbox_with_store("");
    let store = sandbox.store();
    let markdown = path_printed(&folio(&sandbox, &["save", &server.url("/md")]));
    assert_eq!(
        markdown,
        store.join("2024-03-14-novosti-gavani.md"),
        "the slug spells the title in ASCII"
    );
    let (front, _) = front_matter(&markdown);
    assert_eq!(front["title"].as_str(), Some(title));

    let html = path_printed(&folio(&sandbox, &["save", "--html", &server.url("/html")]));
    let kept = std::fs::read(&html).expect("kept page");
    assert!(
        kept.starts_with(b"\xef\xbb\xbf<!-- saved from url=("),
        "a BOM first"
    );
    let list = folio(&sandbox, &["show", "--json", html.to_str().unwrap()]);
    assert!(list.status.success(), "{}", list.stderr);
    assert!(list.stdout.contains(title), "{}", list.stdout);
}

#[test]
fn to_names_the_folder_and_makes_it() {
    let page = article("Harbour wall repairs begin", Some("2024-03-14"), None, "");
    let server = Server::start(move |_| Reply::html(&page));
    let sandbox = sandbox_with_store("");
    let folder = sandbox.path().join("elsewhere/new");
    let run = folio(
        &sandbox,
        &["save", "--to", folder.to_str().unwrap(), &server.url("/a")],
    );
    assert_eq!(
        path_printed(&run),
        folder.join("2024-03-14-harbour-wall-repairs-begin.md")
    );
    assert_eq!(names(&folder).len(), 1);
    assert!(
        names(&sandbox.store()).is_empty(),
        "the store is left alone"
    );
}

#[test]
fn without_a_configured_store_the_data_folders_articles_are_used() {
    let page = article("Harbour wall repairs begin", Some("2024-03-14"), None, "");
    let server = Server::start(move |_| Reply::html(&page));
    let sandbox = Sandbox::new();
    let run = folio(&sandbox, &["save", &server.url("/a")]);
    assert_eq!(
        path_printed(&run),
        sandbox
            .data()
            .join("articles/2024-03-14-harbour-wall-repairs-begin.md")
    );
}

#[test]
fn two_pages_with_one_title_are_both_kept() {
    let server = Server::start(|request| {
        let words = if request.target == "/first" {
            "The first report."
        } else {
            "The second report."
        };
        Reply::html(&article("Council meeting", Some("2024-05-02"), None, words))
    });
    let sandbox = sandbox_with_store("");
    let store = sandbox.store();
    let first = path_printed(&folio(&sandbox, &["save", &server.url("/first")]));
    let second = path_printed(&folio(&sandbox, &["save", &server.url("/second")]));
    assert_eq!(first, store.join("2024-05-02-council-meeting.md"));
    assert_eq!(second, store.join("2024-05-02-council-meeting-2.md"));
    let first = std::fs::read_to_string(first).unwrap();
    let second = std::fs::read_to_string(second).unwrap();
    assert!(first.contains("The first report.") && !first.contains("The second report."));
    assert!(second.contains("The second report."));
    assert_eq!(names(&store).len(), 2);
}

#[test]
fn an_address_that_is_not_http_is_refused_before_anything_is_fetched() {
    let sandbox = sandbox_with_store("");
    let store = sandbox.store();
    let run = folio(&sandbox, &["save", "ftp://example.org/file.txt"]);
    assert_failed(
        &run,
        "ftp://example.org/file.txt",
        &[
            "folio saves web pages, from http:// and https:// addresses only, and this address is ftp:",
        ],
        &store,
    );
    let run = folio(&sandbox, &["save", "example.org/news"]);
    assert_failed(
        &run,
        "example.org/news",
        &["give it with http:// or https://, such as https://example.org/news"],
        &store,
    );
}

#[test]
fn the_proxy_the_environment_names_is_used_and_the_machine_itself_never_is() {
    let page = article("Harbour wall repairs begin", Some("2024-03-14"), None, "");
    let proxy = Server::start(move |_| Reply::html(&page));
    let sandbox = sandbox_with_store("");
    let proxy_url = proxy.url("");
    // A host no resolver knows: only the proxy can reach it.
    let run = folio_with(
        &sandbox,
        &["save", "http://courier.invalid/news/wall"],
        &[("http_proxy", &proxy_url), ("NO_PROXY", "127.0.0.1")],
    );
    path_printed(&run);
    let requests = proxy.requests();
    assert_eq!(requests[0].method, "CONNECT");
    assert_eq!(requests[0].target, "courier.invalid:80");
    assert_eq!(requests[1].target, "/news/wall");
    assert_eq!(
        requests[1].tunnelled_to.as_deref(),
        Some("courier.invalid:80")
    );

    // A proxy that does not answer, for every scheme: 127.0.0.1 is reached directly.
    let page = article("Ferry timetable changes", None, None, "");
    let server = Server::start(move |_| Reply::html(&page));
    let dead = format!("http://{}", closed_port());
    let run = folio_with(
        &sandbox,
        &["save", &server.url("/ferry")],
        &[("HTTP_PROXY", &dead), ("ALL_PROXY", &dead)],
    );
    path_printed(&run);
    assert_eq!(server.requests().len(), 1);

    // The same dead proxy for a host it would have to reach: named as the proxy.
    let url = "http://courier.invalid/other";
    let run = folio_with(&sandbox, &["save", url], &[("HTTP_PROXY", &dead)]);
    assert_eq!(run.status.code(), Some(1));
    assert!(
        run.stderr.contains(&format!(
            "the connection to the proxy {} (from HTTP_PROXY) was refused",
            dead.trim_start_matches("http://")
        )),
        "{}",
        run.stderr
    );
}

#[test]
fn a_page_with_no_text_and_a_folder_that_cannot_be_made_leave_nothing() {
    let server = Server::start(|request| match request.target.as_str() {
        "/app" => Reply::html(
            r#"<!DOCTYPE html><html><head><title></title></head><body><div id="root"></div><script src="/app.js"></script></body></html>"#,
        ),
        _ => Reply::html(&article("Harbour wall repairs begin", None, None, "")),
    });
    let sandbox = sandbox_with_store("");
    let store = sandbox.store();
    let url = server.url("/app");
    let run = folio(&sandbox, &["save", &url]);
    assert_failed(
        &run,
        &url,
        &[
            "the page has no text to keep",
            "save it from your browser (File, Save Page As) into your store instead",
        ],
        &store,
    );

    let file = sandbox.path().join("a-file");
    std::fs::write(&file, "not a folder").expect("file");
    let folder = file.join("articles");
    let url = server.url("/story");
    let run = folio(&sandbox, &["save", "--to", folder.to_str().unwrap(), &url]);
    assert_failed(
        &run,
        &url,
        &[&format!("cannot create the folder {}", folder.display())],
        &store,
    );
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        "not a folder",
        "the file in the way is left as it was"
    );
    // --to a file: named as a file.
    let run = folio(&sandbox, &["save", "--to", file.to_str().unwrap(), &url]);
    assert_failed(
        &run,
        &url,
        &[&format!(
            "{} is a file, not a folder; give a folder with --to",
            file.display()
        )],
        &store,
    );
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "not a folder");
}
