#!/usr/bin/env bash
# The tiered subsidy (湖北 光伏扶贫以奖代补: 20% / 10% / 5% of 项目总投资 by 县类别) over the same
# generated rows, with zhengce's batch mode and with OpenFisca, in one run: wall time (OpenFisca's
# imports and set-up included), peak memory (/usr/bin/time -v), and whether the totals are exact.
#
#   bench/compare_openfisca.sh [ROWS]     # default 1000000
#
# Makes bench/.venv (openfisca-core, numpy) on first use; writes its files to bench/out/ (both
# ignored by git). Needs /usr/bin/time (Debian's `time` package).
set -euo pipefail

ROWS=${1:-1000000}
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$HERE")
OUT="$HERE/out"
VENV="$HERE/.venv"
POLICY="$ROOT/policies/湖北-2017-深度贫困地区脱贫攻坚实施方案.zc"
RULE=光伏扶贫以奖代补
mkdir -p "$OUT"

if [ ! -x "$VENV/bin/python" ]; then
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install --quiet openfisca-core
fi

(cd "$ROOT" && cargo build --release --quiet --bin zhengce -p zhengce \
    && cargo build --release --quiet -p zhengce-bench --bin gen-corpus)
"$ROOT/target/release/gen-corpus" rows "$ROWS" "$OUT/rows.csv"

# One measured run of each; `/usr/bin/time -v` reports wall time and peak RSS.
measure() {
    local name=$1
    shift
    /usr/bin/time -v "$@" 2> "$OUT/$name.time" || { cat "$OUT/$name.time" >&2; exit 1; }
    local wall rss
    wall=$(grep "Elapsed (wall clock)" "$OUT/$name.time" | awk '{print $NF}')
    rss=$(grep "Maximum resident set size" "$OUT/$name.time" | awk '{print $NF}')
    printf '| %s | %s | %s MB |\n' "$name" "$wall" "$((rss / 1024))" >> "$OUT/times.md"
}

: > "$OUT/times.md"
measure zhengce "$ROOT/target/release/zhengce" eval "$POLICY" --rule "$RULE" \
    --batch "$OUT/rows.csv" -o "$OUT/zhengce.jsonl"
measure openfisca "$VENV/bin/python" "$HERE/openfisca_subsidy.py" "$OUT/rows.csv" "$OUT/openfisca.npy"

echo "## $ROWS rows ($(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load $(cut -d' ' -f1-3 /proc/loadavg))"
echo
echo "| | wall time (m:ss) | peak RSS |"
echo "|---|---:|---:|"
cat "$OUT/times.md"
grep -h "^zhengce\|共\|openfisca:" "$OUT/zhengce.time" "$OUT/openfisca.time" | sed 's/^/    /'
echo
"$VENV/bin/python" "$HERE/compare_totals.py" "$OUT/rows.csv" "$OUT/zhengce.jsonl" "$OUT/openfisca.npy"
