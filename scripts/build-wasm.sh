#!/usr/bin/env bash
# Builds the playground's two wasm modules and their JavaScript bindings into web-playground/pkg
# (zhengce_playground*: the page's; zhengce_draft*: the drafter, loaded on demand), and prints
# the sizes (raw and gzipped) that BENCHMARKS.md records.
#
#   ./scripts/build-wasm.sh
#
# Installs what is missing, each step only when needed: the wasm32-unknown-unknown target,
# wasm-bindgen-cli at exactly the version of the wasm-bindgen crate in Cargo.lock (the two must
# match), and binaryen's wasm-opt (npm package `binaryen`, into target/binaryen). Uses the
# `wasm-release` profile of the root Cargo.toml (opt-level "z", LTO, one codegen unit,
# panic=abort), so the native CLI's release build is not affected.
#
# wasm-opt takes about 10 % off the raw size (the budget is 350 KB gzipped). The passes: -Oz twice
# after --flatten --rereloop (which lets the second -Oz restructure the control flow; -Oz alone is
# 8 KB larger, raw and gzipped), and --low-memory-unused, which folds added constants into the
# offsets of loads and stores: Rust's wasm never addresses the first 1 KiB of memory (the bottom
# of the stack, with wasm-ld's stack-first layout). About a minute and a half on two busy cores,
# against half a minute for -Oz alone. ZHENGCE_WASM_OPT=0 skips it.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    rustup target add wasm32-unknown-unknown
fi

# The wasm-bindgen version the crate was resolved to.
wb_version=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
if [ -z "$wb_version" ]; then
    echo "wasm-bindgen not found in Cargo.lock" >&2
    exit 1
fi
if [ "$(wasm-bindgen --version 2>/dev/null || true)" != "wasm-bindgen $wb_version" ]; then
    # --locked first; the registry mirror may lack a version wasm-bindgen-cli's own lock file
    # names (seen with webpki-roots), in which case resolve afresh, still at the exact version.
    cargo install wasm-bindgen-cli --version "=$wb_version" --locked ||
        cargo install wasm-bindgen-cli --version "=$wb_version"
fi

# Panic locations name their source files: crates.io sources by their path under the registry
# (rust_decimal-1.43.0/src/…) rather than under $CARGO_HOME, which also makes the wasm the same
# on every machine.
registry=${CARGO_HOME:-$HOME/.cargo}/registry/src
for index in "$registry"/*/; do
    RUSTFLAGS="${RUSTFLAGS:-} --remap-path-prefix=$index="
done
export RUSTFLAGS
# Two modules from the one crate (web-playground/Cargo.toml, features): the page's main module,
# and the drafter (从原文起草), which the page fetches only when a draft is asked for, so the
# main module carries no draft code. Each: cargo, wasm-bindgen, wasm-opt, sizes.
#   module           out-name             features
modules=(
    "main            zhengce_playground   main,eval,format"
    "draft           zhengce_draft        draft"
)
for module in "${modules[@]}"; do
    read -r label out_name features <<< "$module"
    cargo build -p zhengce-playground --profile wasm-release --target wasm32-unknown-unknown \
        --no-default-features --features "$features"
    wasm-bindgen --target web --out-dir web-playground/pkg --out-name "$out_name" \
        --remove-name-section --remove-producers-section \
        target/wasm32-unknown-unknown/wasm-release/zhengce_playground.wasm

    wasm=web-playground/pkg/${out_name}_bg.wasm
    if [ "${ZHENGCE_WASM_OPT:-1}" != 0 ]; then
        binaryen_version=132.0.0
        wasm_opt=target/binaryen/node_modules/.bin/wasm-opt
        if [ "$("$wasm_opt" --version 2> /dev/null || true)" != "wasm-opt version ${binaryen_version%%.*} (version_${binaryen_version%%.*})" ]; then
            npm install --no-save --no-audit --no-fund --prefix target/binaryen "binaryen@$binaryen_version"
        fi
        # The features rustc's wasm32-unknown-unknown target enables by default.
        "$wasm_opt" --low-memory-unused --flatten --rereloop -Oz -Oz \
            --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
            --enable-mutable-globals --enable-multivalue --enable-reference-types \
            "$wasm" -o "$wasm.opt"
        mv "$wasm.opt" "$wasm"
    fi
    raw=$(wc -c < "$wasm")
    gz=$(gzip -9 -c "$wasm" | wc -c)
    printf '%s wasm: %s bytes raw (%s KiB), %s bytes gzip -9 (%s KiB)  %s\n' \
        "$label" "$raw" "$((raw / 1024))" "$gz" "$((gz / 1024))" "$wasm"
done
