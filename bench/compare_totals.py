"""Exact and reported totals of the tiered subsidy, for compare_openfisca.sh.

    python compare_totals.py rows.csv zhengce.jsonl openfisca.npy

The exact total is computed from the CSV with Python's decimal (项目总投资 in 万元 × 10000 × rate).
zhengce's total sums the exact decimal strings of its JSON output; OpenFisca's sums its float32
subsidies in float64 (so the sum adds no error of its own) and, exactly, in decimal. Also counts
the rows whose own amount differs from the exact one. Prints Markdown.
"""

import csv
import re
import sys
from decimal import Decimal, getcontext

import numpy as np

getcontext().prec = 60
RATES = {"深度贫困县": Decimal("0.20"), "贫困县": Decimal("0.10"), "非贫困县": Decimal("0.05")}


def main():
    rows_path, zhengce_path, openfisca_path = sys.argv[1:4]
    exact = []
    with open(rows_path, newline="", encoding="utf-8") as f:
        reader = csv.reader(f)
        next(reader)
        for county, amount in reader:
            exact.append(Decimal(amount) * 10_000 * RATES[county])
    exact_total = sum(exact, Decimal(0))

    value = re.compile(r'"quantity":\{"value":"([^"]+)"')
    zhengce = []
    with open(zhengce_path, encoding="utf-8") as f:
        for line in f:
            m = value.search(line)
            zhengce.append(Decimal(m.group(1)) if m else None)
    zhengce_total = sum((v for v in zhengce if v is not None), Decimal(0))
    zhengce_wrong = sum(1 for v, e in zip(zhengce, exact) if v != e) + abs(len(zhengce) - len(exact))

    of = np.load(openfisca_path)
    of_total_f64 = float(np.sum(of, dtype=np.float64))
    of_total_exact = sum((Decimal(float(v)) for v in of), Decimal(0))
    of_wrong = sum(1 for v, e in zip(of, exact) if Decimal(float(v)) != e)
    of_cent_wrong = sum(
        1 for v, e in zip(of, exact) if Decimal(float(v)).quantize(Decimal("0.01")) != e.quantize(Decimal("0.01"))
    )

    def err(total):
        return f"{total - exact_total:+,.2f}"

    print(f"| | total (元) | minus exact | rows not exact | exact? |")
    print(f"|---|---:|---:|---:|---|")
    print(f"| exact (Python decimal) | {exact_total:,.2f} | 0 | 0 of {len(exact):,} | — |")
    print(
        f"| zhengce | {zhengce_total:,.2f} | {err(zhengce_total)} | {zhengce_wrong:,} | "
        f"{'yes' if zhengce_total == exact_total and zhengce_wrong == 0 else 'NO'} |"
    )
    print(
        f"| OpenFisca ({of.dtype}) | {Decimal(of_total_f64):,.2f} | {err(Decimal(of_total_f64))} | "
        f"{of_wrong:,} ({of_cent_wrong:,} off by a cent or more) | "
        f"{'yes' if of_total_exact == exact_total else 'NO'} |"
    )


if __name__ == "__main__":
    main()
