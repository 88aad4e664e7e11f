#!/usr/bin/env bash
# The VS Code extension (editors/vscode/), as CI builds and tests it (scripts/test-all.sh step 7):
#
#   ./scripts/test-vscode.sh
#
# 1. installs the extension's npm packages (npm ci, skipped when package-lock.json is what was
#    installed): vscode-languageclient, and for building and testing @vscode/vsce,
#    vscode-textmate and vscode-oniguruma — npm only, no marketplace or VS Code download;
# 2. packages the extension: editors/vscode/zhengce.vsix (scripts/package.js, vsce package);
# 3. builds the zhengce binary and runs the extension's tests: the client code path
#    (extension.js with the real vscode-languageclient starting `zhengce lsp`, with a stand-in for
#    the `vscode` module) and the generated TextMate grammar compiled with VS Code's engine.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

ext=editors/vscode
if ! cmp -s "$ext/package-lock.json" "$ext/node_modules/.package-lock.json" 2> /dev/null; then
    (cd "$ext" && npm ci --no-audit --no-fund)
fi
(cd "$ext" && npm run --silent package)
cargo build -q --bin zhengce
(cd "$ext" && ZHENGCE="$PWD/../../target/debug/zhengce" npm test)
