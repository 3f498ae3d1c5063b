//! Writes docs/screen.txt: the sample library at 100x30, with its newest article open,
//! drawn on a TestBackend, for the README.

mod tui_support;

use folio::store::Store;
use folio::tui::effects::Runner;
use folio::tui::{Action, App, Keymap};

#[test]
fn write_readme_screen() {
    let store = Store::sample();
    let scan = store.scan();
    let mut app = App::new(
        scan.articles,
        store.describe(),
        scan.problems.len(),
        Keymap::default(),
    );
    let runner = Runner::new(store);
    tui_support::apply(
        &mut app,
        &runner,
        Action::Resize {
            width: 100,
            height: 30,
        },
    );
    if !app.articles.is_empty() {
        tui_support::apply(&mut app, &runner, Action::Open);
        tui_support::apply(&mut app, &runner, Action::SwitchFocus);
    }
    let screen = tui_support::screen(&app);
    assert!(screen.contains("sample library"), "{screen}");
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/screen.txt");
    std::fs::create_dir_all(path.parent().expect("docs folder")).expect("create docs");
    std::fs::write(&path, format!("{screen}\n")).expect("write docs/screen.txt");
}
