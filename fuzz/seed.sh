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
targets=${*:-parse check build_eval format_roundtrip draft}
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
echo "seeded $n inputs into: $targets"
