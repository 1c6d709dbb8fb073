#!/usr/bin/env python3
"""Ratios of the indicator and rule benchmarks against TA-Lib, from their Google Benchmark JSON.

Usage: indicators_report.py INDICATORS_JSON RULES_JSON

Pairs BM_<Name>/stratus_batch, /stratus_stream and /talib (indicators_bench) and
BM_<Rule>/stratus_series and /talib (rules_bench) by name, and prints per indicator the CPU time
of one pass over every symbol, values per second, and each Stratus form's time as a multiple of
TA-Lib's (below 1: faster). The target is batch <= 1.5x TA-Lib; a miss is reported, not failed
(timings depend on the machine). Exits 1 when TA-Lib's rows are absent.
"""
import json
import sys

TARGET = 1.5


def rows(path):
    data = json.load(open(path))
    out = {}
    for b in data["benchmarks"]:
        if b.get("run_type") == "aggregate" and b.get("aggregate_name") != "median":
            continue
        name = b["run_name"] if "run_name" in b else b["name"]
        out[name] = b
    return out


def ms(b):
    scale = {"ns": 1e-6, "us": 1e-3, "ms": 1.0, "s": 1e3}[b.get("time_unit", "ns")]
    return b["cpu_time"] * scale


def main():
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    indicators, rules = rows(sys.argv[1]), rows(sys.argv[2])
    names = sorted({n.split("/")[0] for n in indicators if n.endswith("/talib")})
    if not names:
        print("indicators_report: no TA-Lib rows (TA-Lib's libraries were not found)", file=sys.stderr)
        return 1
    print(f"{'indicator':<18}{'batch ms':>10}{'stream ms':>11}{'TA-Lib ms':>11}"
          f"{'batch/TA':>10}{'stream/TA':>11}{'Mvalues/s batch':>17}")
    misses = []
    for name in names:
        talib = indicators[f"{name}/talib"]
        batch = indicators[f"{name}/stratus_batch"]
        stream = indicators[f"{name}/stratus_stream"]
        ratio = ms(batch) / ms(talib)
        if ratio > TARGET:
            misses.append(name)
        print(f"{name[3:]:<18}{ms(batch):>10.3f}{ms(stream):>11.3f}{ms(talib):>11.3f}"
              f"{ratio:>10.2f}{ms(stream) / ms(talib):>11.2f}"
              f"{batch['items_per_second'] / 1e6:>17.1f}")
    print()
    print(f"{'rule':<18}{'series ms':>10}{'TA-Lib ms':>11}{'series/TA':>10}{'Msessions/s':>13}"
          f"{'last row, us/symbol':>21}")
    for name in sorted({n.split("/")[0] for n in rules if n.endswith("/talib")}):
        series, talib, last = (rules[f"{name}/{form}"]
                               for form in ("stratus_series", "talib", "stratus_last_row"))
        per_symbol_us = 1e6 / last["items_per_second"]
        print(f"{name[3:]:<18}{ms(series):>10.3f}{ms(talib):>11.3f}"
              f"{ms(series) / ms(talib):>10.2f}{series['items_per_second'] / 1e6:>13.1f}"
              f"{per_symbol_us:>21.1f}")
    print()
    if misses:
        print(f"target batch <= {TARGET}x TA-Lib: MISSED by {', '.join(misses)}")
    else:
        print(f"target batch <= {TARGET}x TA-Lib: met by all {len(names)} indicators")
    return 0


if __name__ == "__main__":
    sys.exit(main())
