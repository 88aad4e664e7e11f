"""Plots check time against input size (log-log) from criterion's `check-size` results.

    cargo bench -p zhengce-bench --bench compile -- check-size
    bench/.venv/bin/python bench/plot_check.py            # writes bench/check-scaling.png

Reads target/criterion/check-size/<bytes>/new/estimates.json (the median of each size) and
draws the times with a line of slope 1 through the 1 MB point: linear growth follows the line.
Also prints the figures as a Markdown table.
"""

import json
import pathlib

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

HERE = pathlib.Path(__file__).resolve().parent
RESULTS = HERE.parent / "target" / "criterion" / "check-size"


def main():
    points = []
    for d in RESULTS.iterdir():
        estimates = d / "new" / "estimates.json"
        if d.name.isdigit() and estimates.exists():
            median_ns = json.loads(estimates.read_text())["median"]["point_estimate"]
            points.append((int(d.name), median_ns / 1e9))
    points.sort()
    sizes = [s for s, _ in points]
    times = [t for _, t in points]

    print("| size | median check time | throughput |")
    print("|---:|---:|---:|")
    for s, t in points:
        print(f"| {s:,} B | {t * 1e3:,.3f} ms | {s / t / 1e6:,.1f} MB/s |")

    ref_size, ref_time = min(points, key=lambda p: abs(p[0] - 1_000_000))
    fig, ax = plt.subplots(figsize=(7, 4.5), dpi=120)
    ax.loglog(sizes, times, "o-", color="#c0392b", label="zhengce check (median)")
    ax.loglog(
        sizes,
        [ref_time * s / ref_size for s in sizes],
        "--",
        color="#7f8c8d",
        label="linear (slope 1, through 1 MB)",
    )
    ax.loglog(sizes, [s / 10e6 for s in sizes], ":", color="#27ae60", label="10 MB/s (goal)")
    ax.set_xlabel("policy source (bytes)")
    ax.set_ylabel("check time (s)")
    ax.set_title("zhengce check: time against input size (generated policies)")
    ax.grid(True, which="both", alpha=0.3)
    ax.legend()
    fig.tight_layout()
    out = HERE / "check-scaling.png"
    fig.savefig(out)
    print(f"\nwrote {out}")


if __name__ == "__main__":
    main()
