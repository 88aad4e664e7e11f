#!/usr/bin/env bash
# Everything CI checks, in the order it checks it. Run from anywhere: ./scripts/test-all.sh
#
#   1. toolchain and tools   rustfmt, clippy, the wasm32 target
#   2. formatting            cargo fmt --check
#   3. lints                 cargo clippy, warnings are errors
#   4. tests                 cargo test over the whole workspace, then again with the browser's parser
#   5. policies and WASM     zhengce check / test / fmt --check over policies/; wasm32 build
#   6. web playground        installs, wasm-bindgen build, browser tests in chromium
#   7. VS Code extension     npm installs, the .vsix packaged, the client and grammar tests
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

step() {
    printf '\n==> %s\n' "$*"
}

# ── 1. toolchain and tools ──────────────────────────────────────────────────
# The Rust toolchain with rustfmt and clippy comes with the machine; the wasm target is added here
# (a rustup component, idempotent). The playground's own installs (chromium, fonts, wasm-bindgen-cli
# at the Cargo.lock version, npm packages) are in step 6.
step "toolchain"
cargo --version
rustc --version
rustup component add rustfmt clippy >/dev/null 2>&1 || true
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    rustup target add wasm32-unknown-unknown
fi

# ── 2. formatting ───────────────────────────────────────────────────────────
step "cargo fmt --all -- --check"
cargo fmt --all -- --check

# ── 3. lints ────────────────────────────────────────────────────────────────
step "cargo clippy --workspace --all-targets -- -D warnings"
cargo clippy --workspace --all-targets -- -D warnings

# ── 4. tests ────────────────────────────────────────────────────────────────
step "cargo test --workspace"
cargo test --workspace

# The browser parses with the table interpreter of the grammar (compiler/src/grammar/table.rs,
# for the wasm budget); every test runs through it too, so the browser runs what the tests run.
step "cargo test --workspace --features zhengce-compiler/table-parser"
cargo test --workspace --features zhengce-compiler/table-parser

# ── 5. policies and WASM ────────────────────────────────────────────────────
# The seed policies: check (their findings are real mistakes of the source documents and are
# pinned by tests/policies.rs, so exit 1 "findings" is expected; 2 would be a failure), run their
# worked examples, require canonical formatting. Then the runtime and compiler for the browser.
step "zhengce check / test / fmt --check over policies/"
# The debug binary cargo test just built: a release build would add minutes and prove nothing more.
cargo build -q --bin zhengce
zhengce=target/debug/zhengce
status=0
"$zhengce" check policies/ --sources ../shared/seeds --format short || status=$?
if [ "$status" -gt 1 ]; then
    echo "zhengce check failed with exit $status" >&2
    exit "$status"
fi
"$zhengce" test policies/
"$zhengce" fmt --check policies/

step "cargo build (runtime + compiler) --target wasm32-unknown-unknown"
cargo build -q -p zhengce-runtime -p zhengce-compiler --no-default-features --target wasm32-unknown-unknown

# ── 6. web playground ───────────────────────────────────────────────────────
# Installs (only when missing) chromium, fonts-noto-cjk, the wasm target, wasm-bindgen-cli at the
# Cargo.lock version and the page's npm packages; builds the wasm and the page; runs the browser
# tests (node --test, chromium via playwright-core, served by `zhengce serve` on 127.0.0.1).
step "web playground (./scripts/test-playground.sh)"
./scripts/test-playground.sh

# ── 7. VS Code extension ────────────────────────────────────────────────────
# Installs the extension's npm packages (only when missing), packages editors/vscode/zhengce.vsix
# with @vscode/vsce, and runs its tests: extension.js starting `zhengce lsp` through
# vscode-languageclient, and the TextMate grammar generated from the vocabulary.
step "VS Code extension (./scripts/test-vscode.sh)"
./scripts/test-vscode.sh
