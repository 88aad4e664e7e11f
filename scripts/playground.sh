#!/usr/bin/env bash
# Builds the web playground and serves it on http://127.0.0.1:8000/ (Ctrl+C stops):
#
#   ./scripts/playground.sh [serve options, e.g. --port 8080]
#
# 1. the wasm and its bindings (scripts/build-wasm.sh), 2. the page's npm packages (npm ci),
# 3. the page (vite build → web-playground/dist), 4. zhengce serve.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

./scripts/build-wasm.sh
(
    cd web-playground
    npm ci --no-audit --no-fund
    npm run typecheck
    npm run build
)
exec cargo run --release -- serve --dir web-playground/dist "$@"
