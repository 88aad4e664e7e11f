#!/bin/sh
# Seeds the fuzz corpora from the project's own files: tests/fixtures/**, tests/bad/ and
# policies/ (and, for `draft`, the plain texts: the seeds and the real plans' sources).
# Multi-file fixtures (a directory of .zc files) become one input with the files
# separated by U+0001, the separator the targets split at. Run from anywhere:
#   fuzz/seed.sh            # all targets
#   fuzz/seed.sh check      # one target
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
targets=${*:-parse check build_eval format_roundtrip draft lsp}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

n=0
for f in $(cd "$root" && find tests/fixtures tests/bad policies -type f \( -name '*.zc' -o -name '*.zc.txt' \) | sort); do
    n=$((n + 1))
    cp "$root/$f" "$tmp/seed-$n"
done
# Directories holding a policy set: one input per directory.
for d in $(cd "$root" && find tests/fixtures -mindepth 1 -type d | sort); do
    set -- "$root/$d"/*.zc
    [ -e "$1" ] || continue
    n=$((n + 1))
    first=1
    for f in "$@"; do
        [ $first -eq 1 ] || printf '\001' >>"$tmp/seed-$n"
        cat "$f" >>"$tmp/seed-$n"
        first=0
    done
done
# The whole policy set as one input.
n=$((n + 1))
first=1
for f in "$root"/policies/*.zc; do
    [ $first -eq 1 ] || printf '\001' >>"$tmp/seed-$n"
    cat "$f" >>"$tmp/seed-$n"
    first=0
done

# The language server (target lsp): a document, then requests at a few places, each part
# separated by U+0001 (see fuzz_targets/lsp.rs); the last part is sent unframed.
requests() {
    for m in hover definition references prepareRename completion inlayHint; do
        for p in '"line":0,"character":0' '"line":3,"character":4' '"line":9,"character":12'; do
            extra=''
            [ "$m" = references ] && extra=',"context":{"includeDeclaration":true}'
            [ "$m" = inlayHint ] && extra=',"range":{"start":{"line":0,"character":0},"end":{"line":99,"character":0}}'
            printf '\001{"jsonrpc":"2.0","id":7,"method":"textDocument/%s","params":{"textDocument":{"uri":"file:///f0.zc"},"position":{%s}%s}}' "$m" "$p" "$extra"
        done
    done
    printf '\001{"jsonrpc":"2.0","id":8,"method":"textDocument/rename","params":{"textDocument":{"uri":"file:///f0.zc"},"position":{"line":3,"character":4},"newName":"县乡村振兴局"}}'
    for m in documentSymbol foldingRange semanticTokens/full formatting; do
        printf '\001{"jsonrpc":"2.0","id":9,"method":"textDocument/%s","params":{"textDocument":{"uri":"file:///f0.zc"},"options":{"tabSize":2,"insertSpaces":true}}}' "$m"
    done
    printf '\001{"jsonrpc":"2.0","id":10,"method":"textDocument/codeAction","params":{"textDocument":{"uri":"file:///f0.zc"},"range":{"start":{"line":0,"character":0},"end":{"line":99,"character":0}},"context":{"diagnostics":[]}}}'
    printf '\001{"jsonrpc":"2.0","method":"textDocument/didChange","params":{"textDocument":{"uri":"file:///f0.zc","version":2},"contentChanges":[{"range":{"start":{"line":2,"character":1},"end":{"line":2,"character":3}},"text":"目标 "}]}}'
    printf '\001{"jsonrpc":"2.0","method":"$/cancelRequest","params":{"id":7}}'
    printf '\001Content-Length: 3\r\n\r\n{x}'
}
case " $targets " in
*" lsp "*)
    mkdir -p "$here/corpus/lsp"
    k=0
    for f in $(cd "$root" && find tests/fixtures/syntax tests/fixtures/checks policies -type f -name '*.zc' | sort | head -60); do
        k=$((k + 1))
        { cat "$root/$f"; requests; } >"$here/corpus/lsp/seed-$k"
    done
    targets=$(echo " $targets " | sed 's/ lsp / /')
    echo "seeded $k inputs into: lsp"
    ;;
esac

for t in $targets; do
    mkdir -p "$here/corpus/$t"
    cp "$tmp"/seed-* "$here/corpus/$t/"
done
# `draft` reads plain texts: the seed texts and the real plans' source texts too.
case " $targets " in
*" draft "*)
    for f in "$root"/../shared/seeds/*.txt "$root"/tests/fixtures/real/sources/*.txt "$root"/tests/fixtures/draft/*.txt; do
        [ -e "$f" ] || continue
        n=$((n + 1))
        cp "$f" "$here/corpus/draft/text-$n"
    done
    ;;
esac
if [ -n "$(echo "$targets" | tr -d ' ')" ]; then
    echo "seeded $n inputs into: $targets"
fi
