//! Which store `folio list` opens with no PATH: the configured folders, else the data
//! folder's `articles`, else the bundled sample library; and a bad config file stops it
//! with the file, line and column.

use std::path::Path;
use std::process::{Command, Output};

fn folio(home: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_folio"))
        .args(args)
        .env("HOME", home.join("home"))
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_CACHE_HOME", home.join("cache"))
        .output()
        .expect("folio runs")
}

fn titles(output: &Output) -> Vec<String> {
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout.clone())
        .expect("UTF-8")
        .lines()
        .map(|line| {
            let value: serde_json::Value = serde_json::from_str(line).expect("JSON line");
            value["title"].as_str().expect("title").to_owned()
        })
        .collect()
}

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().expect("a parent")).expect("folders");
    std::fs::write(path, text).expect("write");
}

#[test]
fn with_nothing_configured_the_sample_library_opens() {
    let home = tempfile::tempdir().expect("temp dir");
    let titles = titles(&folio(home.path(), &["list", "--json"]));
    assert!((15..=30).contains(&titles.len()), "{titles:?}");
    assert!(titles.iter().any(|t| t == "龙井村的春茶季"), "{titles:?}");
    assert!(titles.iter().any(|t| t.contains("朝ごはん")), "{titles:?}");
}

#[test]
fn the_sample_library_spans_years_and_every_shape_reads_cleanly() {
    let home = tempfile::tempdir().expect("temp dir");
    let output = folio(home.path(), &["list", "--json"]);
    let lines = String::from_utf8(output.stdout).expect("UTF-8");
    let mut years = std::collections::BTreeSet::new();
    let mut sources = std::collections::BTreeSet::new();
    for line in lines.lines() {
        let value: serde_json::Value = serde_json::from_str(line).expect("JSON line");
        if let Some(date) = value["date"].as_str() {
            years.insert(date[..4].to_owned());
        }
        if let Some(from) = value["date_from"].as_str() {
            sources.insert(from.to_owned());
        }
    }
    assert!(years.len() >= 5, "{years:?}");
    assert_eq!(
        sources.into_iter().collect::<Vec<_>>(),
        ["metadata", "path", "text"]
    );
    let check = folio(home.path(), &["check"]);
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stdout)
    );
}

#[test]
fn the_data_folder_articles_are_the_default_store() {
    let home = tempfile::tempdir().expect("temp dir");
    write(
        &home.path().join("data/folio/articles/mine.txt"),
        "My own clipping\n\nKept in the data folder.\n",
    );
    assert_eq!(
        titles(&folio(home.path(), &["list", "--json"])),
        ["My own clipping"]
    );
}

#[test]
fn the_configured_store_wins() {
    let home = tempfile::tempdir().expect("temp dir");
    write(
        &home.path().join("data/folio/articles/mine.txt"),
        "Data folder article\n\nNot this one.\n",
    );
    let store = home.path().join("elsewhere");
    write(&store.join("a.md"), "# Configured article\n\nThis one.\n");
    write(
        &home.path().join("config/folio/config.toml"),
        &format!("store = [{:?}]\n", store.display().to_string()),
    );
    assert_eq!(
        titles(&folio(home.path(), &["list", "--json"])),
        ["Configured article"]
    );
}

#[test]
fn a_bad_config_stops_with_file_line_and_column() {
    let home = tempfile::tempdir().expect("temp dir");
    let config = home.path().join("config/folio/config.toml");
    write(&config, "store = [\"/tmp\"]\nstroe = 1\n");
    let output = folio(home.path(), &["list"]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).expect("UTF-8");
    assert!(stderr.contains(&config.display().to_string()), "{stderr}");
    assert!(stderr.contains("line 2, column 1"), "{stderr}");
    assert!(stderr.contains("stroe"), "{stderr}");
    assert!(output.stdout.is_empty());
}

#[test]
fn a_missing_path_is_named() {
    let home = tempfile::tempdir().expect("temp dir");
    let output = folio(home.path(), &["list", "/no/such/folder"]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).expect("UTF-8");
    assert!(stderr.contains("/no/such/folder"), "{stderr}");
}
