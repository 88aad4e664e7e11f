//! `editors/vscode/syntaxes/zhengce.tmLanguage.json` is the grammar generated from the
//! vocabulary (`UPDATE_EDITORS=1` writes it), and its regexes match what they should.

use std::path::Path;

#[test]
fn the_editor_grammar_is_generated_from_the_vocabulary() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../editors/vscode/syntaxes/zhengce.tmLanguage.json");
    let generated = serde_json::to_string_pretty(&zhengce_lsp::textmate::grammar()).unwrap() + "\n";
    if std::env::var_os("UPDATE_EDITORS").is_some() {
        std::fs::write(&path, &generated).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "{} is not the generated grammar: run UPDATE_EDITORS=1 cargo test -p zhengce-lsp --test textmate",
        path.display()
    );
}
