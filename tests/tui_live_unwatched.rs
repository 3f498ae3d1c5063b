//! A store that cannot be watched (every watch fails as at the system's limit): the
//! reader says so once and finds changes by checking the store now and then.
//!
//! One test in a binary of its own: it sets the variable that makes watches fail, which
//! would reach every test of a shared binary.

mod live_support;
mod tui_support;

use folio::store::watch::NO_WATCHES_VAR;

#[test]
fn a_store_that_cannot_be_watched_is_checked_now_and_then_and_the_reader_says_so() {
    // SAFETY: the only test of this binary sets it before any thread reads the
    // environment.
    unsafe { std::env::set_var(NO_WATCHES_VAR, "1") };
    let dir = tui_support::store_dir();
    let mut running = live_support::start(dir.path());
    assert!(
        running.wait_until(|app, _| app
            .notice
            .as_deref()
            .is_some_and(|n| n.contains("fs.inotify.max_user_watches"))),
        "the reader says why: {:?}",
        running.app.notice
    );
    std::fs::write(
        dir.path().join("2026-12-02-checked.md"),
        "# Found by a check\n\nText.\n",
    )
    .unwrap();
    assert!(
        running.wait_for_title("Found by a check", true),
        "{:?}",
        running.titles()
    );
    std::fs::remove_file(dir.path().join("2022-03-14-tabs.txt")).unwrap();
    assert!(running.wait_until(|app, _| app.articles.len() == 6));
}
