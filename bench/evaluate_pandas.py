#!/usr/bin/python3
"""The `evaluate` job written the way a Python/pandas trading script usually is: the baseline
that scripts/bench.sh times against `stratus invoke evaluate`.

For each symbol of the watchlist: the drop of the last completed close below the high of the last
252 sessions (max of the daily high, or the close when the high is missing or lower), and the
quantity tier that drop reaches (>= 10% -> 1, >= 20% -> 2, >= 30% -> 3). Fair and vectorised:
one pd.read_csv of the columns needed, one groupby, no Python loop over rows or symbols. Prices
are compared as exact 1/10,000-dollar integers (as Stratus does), so both sides decide the same
boundary cases the same way.

Usage: evaluate_pandas.py --data FILE(.csv|.csv.gz) --watchlist FILE.json --at 2018-02-07T20:45:00Z
                          [--method tail|rolling] [--timings]
Prints one JSON object: {"as_of_session", "signals": [{symbol, qty, price, high_52w}],
"passed": {code: count}}.
"""

import time

IMPORT_STARTED = time.perf_counter()

import argparse  # noqa: E402 (imports are part of what is timed)
import datetime as dt  # noqa: E402
import json  # noqa: E402
import sys  # noqa: E402
import zoneinfo  # noqa: E402

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

WINDOW = 252  # Sessions in the "52 weeks".
MIN_SESSIONS = 252  # Fewer completed sessions: insufficient history.
TIERS = [(10, 1), (20, 2), (30, 3)]  # (min drop in whole percent, qty), increasing.
UNITS = 10_000  # Fixed point: 1/10,000 dollar.
NEW_YORK = zoneinfo.ZoneInfo("America/New_York")


def last_completed_session(at_utc: dt.datetime) -> dt.date:
    """The last Monday-Friday whose 16:00 New York close is at or before `at_utc`."""
    day = at_utc.astimezone(NEW_YORK).date()
    while True:
        close = dt.datetime.combine(day, dt.time(16, 0), tzinfo=NEW_YORK)
        if day.weekday() < 5 and close <= at_utc:
            return day
        day -= dt.timedelta(days=1)


def to_units(prices: pd.Series) -> pd.Series:
    """Decimal prices (at most 4 places) as exact int64 units; missing stays missing."""
    return np.rint(prices * UNITS).astype("Int64")


def evaluate(df: pd.DataFrame, watchlist: list, as_of: dt.date, method: str) -> dict:
    df = df[df["Name"].isin(watchlist) & (df["date"] <= pd.Timestamp(as_of))]
    # Rows in date order; groupby keeps that order within each symbol.
    df = df.sort_values("date", kind="stable")
    basis = np.fmax(df["high"].to_numpy(), df["close"].to_numpy())  # fmax skips a missing high.
    df = df.assign(basis=basis)

    grouped = df.groupby("Name", sort=True, observed=True)
    if method == "rolling":
        df = df.assign(high_52w=grouped["basis"]
                       .rolling(WINDOW, min_periods=1).max().reset_index(level=0, drop=True))
        last = df.groupby("Name", sort=True, observed=True).tail(1).set_index("Name")
        sessions = grouped.size()
    else:
        window = grouped.tail(WINDOW)
        last = window.groupby("Name", sort=True, observed=True).agg(
            date=("date", "last"), close=("close", "last"), high_52w=("basis", "max"))
        sessions = grouped.size()
    last = last.assign(sessions=sessions.reindex(last.index))
    last.index = last.index.astype(str)
    last = last.sort_index()  # Categories keep file order; report in symbol order.

    passed = {}
    missing = sorted(set(watchlist) - set(last.index))
    if missing:
        passed["no_data"] = len(missing)
    stale = last["date"] != pd.Timestamp(as_of)
    short = ~stale & (last["sessions"] < MIN_SESSIONS)
    if stale.any():
        passed["stale_data"] = int(stale.sum())
    if short.any():
        passed["insufficient_history"] = int(short.sum())
    ok = last[~stale & ~short]

    price = to_units(ok["close"])
    high = to_units(ok["high_52w"])
    # Exact tier test: (high - price) * 100 >= min_drop * high.
    qty = pd.Series(0, index=ok.index, dtype="int64")
    for min_drop, tier_qty in TIERS:
        qty = qty.mask((high - price) * 100 >= min_drop * high, tier_qty)
    below = int((qty == 0).sum())
    if below:
        passed["below_first_tier"] = below

    hit = qty > 0
    signals = [
        {"symbol": s, "qty": int(q), "price": fmt_units(p), "high_52w": fmt_units(h)}
        for s, q, p, h in zip(ok.index[hit], qty[hit], price[hit], high[hit])
    ]
    return {"as_of_session": as_of.isoformat(), "signals": signals,
            "passed": dict(sorted(passed.items()))}


def fmt_units(units) -> str:
    """1/10,000-dollar units as a plain decimal with 4 places."""
    units = int(units)
    return f"{units // UNITS}.{units % UNITS:04d}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", required=True, help="all_stocks_5yr.csv or .csv.gz")
    parser.add_argument("--watchlist", required=True, help="JSON array of symbols")
    parser.add_argument("--at", required=True, help="run time, UTC, e.g. 2018-02-07T20:45:00Z")
    parser.add_argument("--method", choices=["tail", "rolling"], default="tail",
                        help="tail: max over the last 252 rows; rolling: full rolling max series")
    parser.add_argument("--timings", action="store_true", help="print phase times to stderr")
    args = parser.parse_args()

    at = dt.datetime.strptime(args.at, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=dt.timezone.utc)
    with open(args.watchlist, encoding="utf-8") as f:
        watchlist = json.load(f)

    started = time.perf_counter()
    df = pd.read_csv(args.data, usecols=["date", "high", "close", "Name"],
                     dtype={"high": "float64", "close": "float64", "Name": "category"})
    # An explicit ISO format takes pandas' fast path (several times faster than parse_dates=).
    df["date"] = pd.to_datetime(df["date"], format="%Y-%m-%d")
    loaded = time.perf_counter()
    result = evaluate(df, watchlist, last_completed_session(at), args.method)
    done = time.perf_counter()
    if args.timings:
        print(f"pandas: import {started - IMPORT_STARTED:.3f} s, load {loaded - started:.3f} s, "
              f"evaluate {done - loaded:.3f} s", file=sys.stderr)
    json.dump(result, sys.stdout, indent=1)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
