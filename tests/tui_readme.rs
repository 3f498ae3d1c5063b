//! Keeps the README's picture true: the sample library at 120x32, its newest article
//! previewed beside the list, drawn on a TestBackend, must be what README.md shows between its
//! `screen:start` and `screen:end` markers. When it is not, the test rewrites that block
//! and fails, so the change shows up in the diff to review and commit.

mod tui_support;

use folio::store::Store;
use folio::tui::Keymap;

#[test]
fn write_readme_screen() {
    let store = Store::sample();
    let name = store.describe();
    let (app, _runner) = tui_support::app_on(store, &name, Keymap::default(), None, 120, 32);
    let screen = tui_support::screen(&app);
    assert!(screen.contains("sample library"), "{screen}");
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md");
    let readme = std::fs::read_to_string(&path).expect("read README.md");
    let (before, rest) = readme
        .split_once(START)
        .expect("README.md has a screen:start marker");
    let (shown, after) = rest
        .split_once(END)
        .expect("README.md has a screen:end marker");
    let block = format!("\n```text\n{screen}\n```\n");
    if shown != block {
        std::fs::write(&path, format!("{before}{START}{block}{END}{after}"))
            .expect("write README.md");
        panic!(
            "README.md showed an old screen; it now shows this one, review and commit it:\n{screen}"
        );
    }
}

const START: &str = "<!-- screen:start -->";
const END: &str = "<!-- screen:end -->";
