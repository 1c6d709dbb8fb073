#!/usr/bin/python3
"""Whole-process timing of `stratus invoke evaluate` against bench/evaluate_pandas.py, the check
that both print the same signals, and the report table of scripts/bench.sh (`make bench`).

Both programs evaluate the same 500 symbols (the first 500 of the file in byte order) from the same
file, as of the same run time (bench/evaluate.event.json). The uncompressed CSV case is the fair
one (neither side pays for gzip); the .gz case is reported beside it. Runs of the two programs are
interleaved so that both see the same background load; each figure is a median, and every ratio
is between figures measured in this same run.

Exit status: 0 when the outputs agree (whatever the timings), 1 when they disagree or a run fails.
"""

import argparse
import csv
import json
import os
import resource
import shlex
import statistics
import subprocess
import sys
import time
from decimal import Decimal
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
WATCHED = 500
IN_MEMORY_TARGET_MS = 10.0
WHOLE_PROCESS_TARGET_RATIO = 20.0


class Disagreement(Exception):
    pass


def first_symbols(plain_csv: Path, count: int) -> list:
    """The first `count` symbols of an sp500-layout CSV, in byte order (untimed set-up)."""
    with plain_csv.open(newline="", encoding="utf-8") as f:
        names = {row[6] for row in csv.reader(f) if row}
    names.discard("Name")
    ordered = sorted(names, key=lambda s: s.encode())
    if len(ordered) < count:
        raise SystemExit(f"bench: {plain_csv} holds {len(ordered)} symbols, need {count}")
    return ordered[:count]


def timed_run(cmd: list, env: dict, cwd: Path) -> tuple:
    """Runs `cmd`; returns (wall seconds, child CPU seconds, stdout). Exits 1 when it fails."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run(cmd, env=env, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if proc.returncode != 0:
        sys.stderr.write(proc.stderr.decode(errors="replace"))
        raise SystemExit(f"bench: FAILED (exit {proc.returncode}): {shlex.join(cmd)}")
    return wall, cpu, proc.stdout


def stratus_view(stdout: bytes) -> dict:
    doc = json.loads(stdout)
    passed = {}
    for entry in doc.get("passed", []):
        passed[entry["code"]] = passed.get(entry["code"], 0) + 1
    return {
        "as_of_session": doc["evaluation"]["as_of_session"],
        "signals": {s["symbol"]: (int(s["qty"]), Decimal(s["price"]), Decimal(s["high_52w"]))
                    for s in doc["signals"]},
        "passed": passed,
    }


def pandas_view(stdout: bytes) -> dict:
    doc = json.loads(stdout)
    return {
        "as_of_session": doc["as_of_session"],
        "signals": {s["symbol"]: (int(s["qty"]), Decimal(s["price"]), Decimal(s["high_52w"]))
                    for s in doc["signals"]},
        "passed": doc["passed"],
    }


def compare(case: str, stratus: dict, pandas: dict) -> None:
    """Raises Disagreement naming every difference between the two views."""
    problems = []
    if stratus["as_of_session"] != pandas["as_of_session"]:
        problems.append(f"as_of_session: stratus {stratus['as_of_session']}, "
                        f"pandas {pandas['as_of_session']}")
    s_sig, p_sig = stratus["signals"], pandas["signals"]
    for symbol in sorted(set(s_sig) | set(p_sig)):
        a, b = s_sig.get(symbol), p_sig.get(symbol)
        if a != b:
            fmt = lambda v: "no signal" if v is None else f"qty {v[0]} price {v[1]} high {v[2]}"
            problems.append(f"{symbol}: stratus {fmt(a)}, pandas {fmt(b)}")
    if stratus["passed"] != pandas["passed"]:
        problems.append(f"passed codes: stratus {stratus['passed']}, pandas {pandas['passed']}")
    if problems:
        raise Disagreement(f"{case}: stratus and pandas disagree:\n  " + "\n  ".join(problems))


def gbench_rows(path: Path) -> dict:
    """Google Benchmark JSON -> {name: {"real_ms", "cpu_ms", "error"}}."""
    scale = {"ns": 1e-6, "us": 1e-3, "ms": 1.0, "s": 1e3}
    rows = {}
    for b in json.loads(path.read_text())["benchmarks"]:
        if b.get("run_type", "iteration") != "iteration":
            continue
        k = scale[b.get("time_unit", "ns")]
        rows[b["name"]] = {"real_ms": b.get("real_time", 0) * k, "cpu_ms": b.get("cpu_time", 0) * k,
                           "error": b.get("error_message") if b.get("error_occurred") else None}
    return rows


def ms(x: float) -> str:
    return f"{x:9.3f} ms" if x < 100 else f"{x:9.1f} ms"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--stratus", required=True, type=Path)
    ap.add_argument("--plain", required=True, type=Path, help="the uncompressed CSV")
    ap.add_argument("--gz", required=True, type=Path, help="the .csv.gz")
    ap.add_argument("--gbench-json", type=Path, help="Google Benchmark --benchmark_out file")
    ap.add_argument("--work", required=True, type=Path, help="scratch directory (cwd of runs)")
    ap.add_argument("--runs-stratus", type=int, default=10)
    ap.add_argument("--runs-pandas", type=int, default=5)
    ap.add_argument("--python", default="/usr/bin/python3")
    args = ap.parse_args()

    work = args.work.resolve()
    event = BENCH_DIR / "evaluate.event.json"
    at = json.loads(event.read_text())["run"]["at"]
    watchlist = first_symbols(args.plain, WATCHED)
    watchlist_file = work / "watchlist.json"
    watchlist_file.write_text(json.dumps(watchlist))

    # The stratus process gets its settings from the environment only: no STRATUS_* leaks in from
    # the caller, and the scratch directory as cwd means no ./stratus.toml is picked up.
    base_env = {k: v for k, v in os.environ.items() if not k.startswith("STRATUS_")}
    base_env.update({
        "STRATUS_PROFILE": "dev",
        "STRATUS_WATCHLIST": json.dumps(watchlist),  # A JSON array of plain strings is TOML too.
        "STRATUS_LEDGER__PATH": str(work / "var" / "ledger.sqlite"),
        "STRATUS_AUDIT__PATH": str(work / "var" / "audit.jsonl"),
        "STRATUS_DATA__LAYOUT": "sp500",
    })
    stratus_bin = str(args.stratus.resolve())
    pandas_script = str(BENCH_DIR / "evaluate_pandas.py")

    cases = []
    for label, data in (("plain csv", args.plain.resolve()), ("csv.gz", args.gz.resolve())):
        env = dict(base_env, STRATUS_DATA__PATH=str(data))
        cases.append({
            "label": label,
            "stratus_cmd": [stratus_bin, "invoke", "evaluate", "--event", str(event)],
            "stratus_env": env,
            "pandas_cmd": [args.python, pandas_script, "--data", str(data),
                           "--watchlist", str(watchlist_file), "--at", at],
        })

    print("\nWhole process (exact commands; STRATUS_WATCHLIST = the first 500 symbols):")
    for c in cases:
        shown = {k: v for k, v in c["stratus_env"].items()
                 if k.startswith("STRATUS_") and k != "STRATUS_WATCHLIST"}
        print(f"  [{c['label']}] cd {work} && "
              + " ".join(f"{k}={shlex.quote(v)}" for k, v in sorted(shown.items()))
              + f" STRATUS_WATCHLIST='[\"A\",\"AAL\",...]' {shlex.join(c['stratus_cmd'])}")
        print(f"  [{c['label']}] {shlex.join(c['pandas_cmd'])}")
    sys.stdout.flush()

    failed = False
    for c in cases:
        # One untimed warm-up each (page cache, imports), whose outputs are the ones compared.
        _, _, s_out = timed_run(c["stratus_cmd"], c["stratus_env"], work)
        _, _, p_out = timed_run(c["pandas_cmd"], base_env, work)
        c["signals"], c["as_of"] = None, None
        try:
            s_view, p_view = stratus_view(s_out), pandas_view(p_out)
            c["signals"], c["as_of"] = len(s_view["signals"]), s_view["as_of_session"]
            compare(c["label"], s_view, p_view)
        except Disagreement as e:
            print(f"\nbench: FAILED: {e}", file=sys.stderr)
            failed = True
        except (ValueError, KeyError, TypeError) as e:
            print(f"\nbench: FAILED: {c['label']}: unreadable output: {e!r}", file=sys.stderr)
            failed = True
        c["stratus"], c["pandas"] = [], []
        for i in range(max(args.runs_stratus, args.runs_pandas)):
            if i < args.runs_stratus:
                wall, cpu, out = timed_run(c["stratus_cmd"], c["stratus_env"], work)
                if out != s_out:
                    print(f"bench: FAILED: {c['label']}: stratus output changed between runs",
                          file=sys.stderr)
                    failed = True
                c["stratus"].append((wall, cpu))
            if i < args.runs_pandas:
                wall, cpu, out = timed_run(c["pandas_cmd"], base_env, work)
                if out != p_out:
                    print(f"bench: FAILED: {c['label']}: pandas output changed between runs",
                          file=sys.stderr)
                    failed = True
                c["pandas"].append((wall, cpu))

    # ---- Report.
    print("\n=== Stratus evaluate benchmark: 500 symbols x 5 years of daily bars "
          f"(as of {cases[0]['as_of']}, {cases[0]['signals']} signals) ===")
    print(f"load average at the end: {' '.join(f'{x:.2f}' for x in os.getloadavg())} "
          f"on {os.cpu_count()} CPUs (ratios are within this run, so load affects both sides)")

    in_memory_ok = True
    if args.gbench_json and args.gbench_json.exists():
        rows = gbench_rows(args.gbench_json)
        print("\n(a) In memory, Google Benchmark (per run: wall / CPU):")
        for name, row in rows.items():
            note = f"  SKIPPED: {row['error']}" if row["error"] else ""
            print(f"  {name:28s} {ms(row['real_ms'])} / {ms(row['cpu_ms'])}{note}")
        ev = rows.get("BM_EvaluateInMemory_500")
        if ev and not ev["error"]:
            in_memory_ok = ev["real_ms"] < IN_MEMORY_TARGET_MS
            print(f"  evaluate, 500 symbols: {ev['real_ms']:.3f} ms wall vs target "
                  f"{IN_MEMORY_TARGET_MS:.0f} ms -> {ev['real_ms'] / IN_MEMORY_TARGET_MS:.2f} of "
                  f"the budget: {'MET' if in_memory_ok else 'MISSED'}")
            for base in ("BM_ReadDrawdownOnly_500", "BM_DailyBarsOnly_500", "BM_OutputDump_500"):
                b = rows.get(base)
                if b and not b["error"] and b["cpu_ms"] > 0:
                    print(f"  evaluate / {base:24s} = {ev['cpu_ms'] / b['cpu_ms']:6.2f}x (CPU)")
            for n, r in rows.items():
                if n.startswith("BM_CsvLoad") and not r["error"]:
                    print(f"  {n} / evaluate = {r['cpu_ms'] / ev['cpu_ms']:6.1f}x (CPU): "
                          "loading the file dominates a whole-process run")
    else:
        print("\n(a) In memory: no Google Benchmark results")

    print(f"\n(b) Whole process, median of {args.runs_stratus} stratus / {args.runs_pandas} "
          "pandas runs (wall; CPU = user+sys):")
    print(f"  {'input':10s} {'stratus wall':>13s} {'pandas wall':>13s} {'pandas/stratus':>15s}"
          f" {'stratus CPU':>13s} {'pandas CPU':>13s} {'CPU ratio':>10s}  target >= "
          f"{WHOLE_PROCESS_TARGET_RATIO:.0f}x")
    whole_ok = True
    for c in cases:
        sw = statistics.median(w for w, _ in c["stratus"])
        pw = statistics.median(w for w, _ in c["pandas"])
        sc = statistics.median(u for _, u in c["stratus"])
        pc = statistics.median(u for _, u in c["pandas"])
        ratio = pw / sw
        met = ratio >= WHOLE_PROCESS_TARGET_RATIO
        if c["label"] == "plain csv":
            whole_ok = met
        print(f"  {c['label']:10s} {ms(sw * 1e3):>13s} {ms(pw * 1e3):>13s} {ratio:14.1f}x"
              f" {ms(sc * 1e3):>13s} {ms(pc * 1e3):>13s} {pc / sc:9.1f}x  "
              f"{'MET' if met else 'MISSED'}")
        spread = lambda xs: f"{min(xs) * 1e3:.0f}..{max(xs) * 1e3:.0f} ms"
        print(f"  {'':10s} (stratus wall range {spread([w for w, _ in c['stratus']])}, "
              f"pandas {spread([w for w, _ in c['pandas']])})")

    if failed:
        print("\nbench: FAILED: the outputs disagree or changed (see above)", file=sys.stderr)
        return 1
    print("\noutputs agree: stratus and pandas give the same signals (symbol, qty, price, "
          "high_52w) and the same passed codes, for both inputs.")
    print(f"targets: in memory < {IN_MEMORY_TARGET_MS:.0f} ms: "
          f"{'MET' if in_memory_ok else 'MISSED'}; whole process (plain csv) >= "
          f"{WHOLE_PROCESS_TARGET_RATIO:.0f}x pandas: {'MET' if whole_ok else 'MISSED'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
