#!/usr/bin/python3
"""Section (c) of scripts/bench.sh: a whole `stratus run` of 50 symbols against the fake Alpaca
(data fetch, evaluation, orders), timed against the same run on the CSV file and the paper broker,
with the HTTP requests the fake counted per endpoint.

Two sub-commands, both driven by bench/alpaca_run_bench.sh:
  setup    --data FILE --out DIR: writes DIR/watchlist.json (the first 50 symbols of FILE in byte
           order) and DIR/prices.txt (SYMBOL=CLOSE of the as-of session, one a line: the fake's
           fill prices, i.e. the run's reference prices). Untimed.
  measure  --stratus BIN --data FILE --fake URL --work DIR --runs N: the runs, the checks and
           the report table.

Kinds of run, all at AT (as of session AS_OF), interleaved N times, each timed as a whole
process from a scratch directory (no stratus.toml), configured through the environment only:
  baseline  data.kind = "csv" on FILE, the paper broker: no HTTP at all; fresh ledger.
  cold      data.kind = "alpaca", broker.kind = "alpaca": fresh ledger, fresh bar cache, and a
            fresh order book at the fake: the strategy (part of every client_order_id) is new for
            each run (c<i>), so the fake's duplicate guard never turns an order into an adoption.
  rerun     the cold run's ledger, cache and strategy again: everything is placed already.
  warm      a copy of a bar cache filled by an earlier run of the same day; fresh ledger, new
            strategy (w<i>).

Exit status: 0 when every check holds (whatever the timings), 1 when a run fails or a check does
not hold: the cold and warm runs must order exactly what the baseline orders (symbol, qty), each
once at the fake; a warm run sends no GET /v2/stocks/bars; a re-run sends no POST /v2/orders.
"""

import argparse
import csv
import gzip
import json
import os
import resource
import shlex
import shutil
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

WATCHED = 50
AT = "2018-02-07T20:45:00Z"
AS_OF = "2018-02-06"
RUN_SESSION_ID = AT[:10].replace("-", "")  # The session in every client_order_id.
KINDS = ("baseline", "cold", "rerun", "warm")
POST_ORDERS = "POST /v2/orders"
GET_BARS = "GET /v2/stocks/bars"
LOOKUP = "GET /v2/orders:by_client_order_id"


class CheckFailed(Exception):
    pass


# ---- setup --------------------------------------------------------------------------------------


def open_csv(path: Path):
    with path.open("rb") as f:
        gz = f.read(2) == b"\x1f\x8b"
    return gzip.open(path, "rt", newline="") if gz else path.open(newline="")


def setup(args) -> int:
    closes = {}
    with open_csv(args.data) as f:
        for row in csv.reader(f):
            if len(row) < 7 or row[6] == "Name":
                continue
            closes.setdefault(row[6], None)
            if row[0] == AS_OF and row[4]:
                closes[row[6]] = row[4]
    ordered = sorted(closes, key=lambda s: s.encode())
    if len(ordered) < WATCHED:
        print(f"bench: {args.data} holds {len(ordered)} symbols, need {WATCHED}", file=sys.stderr)
        return 1
    watchlist = ordered[:WATCHED]
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "watchlist.json").write_text(json.dumps(watchlist))
    # Symbols without a bar on the as-of session get no signal, hence no price is needed.
    (args.out / "prices.txt").write_text(
        "".join(f"{s}={closes[s]}\n" for s in watchlist if closes[s]))
    return 0


# ---- measure ------------------------------------------------------------------------------------


class Fake:
    """The fake Alpaca's /_admin/ endpoints (never through a proxy)."""

    def __init__(self, url: str):
        self.url = url.rstrip("/")
        self.opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))

    def _call(self, method: str, path: str):
        req = urllib.request.Request(self.url + path, method=method,
                                     data=b"{}" if method == "POST" else None)
        with self.opener.open(req, timeout=30) as res:
            body = res.read()
        return json.loads(body) if body else None

    def reset_requests(self) -> None:
        self._call("POST", "/_admin/requests/reset")

    def requests(self) -> dict:
        return self._call("GET", "/_admin/requests")["by_endpoint"]

    def orders(self) -> list:
        return self._call("GET", "/_admin/orders")


def run_stratus(cmd: list, env: dict, cwd: Path) -> tuple:
    """Runs `cmd`; returns (wall seconds, CPU seconds of the child, parsed --json document)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run(cmd, env=env, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if proc.returncode != 0:
        sys.stderr.write(proc.stderr.decode(errors="replace"))
        raise CheckFailed(f"exit {proc.returncode}: cd {cwd} && {shlex.join(cmd)}")
    try:
        doc = json.loads(proc.stdout)
    except ValueError as e:
        raise CheckFailed(f"unreadable --json output of {shlex.join(cmd)}: {e}") from e
    return wall, cpu, doc


def ordered(doc: dict) -> dict:
    """{symbol: qty} of the orders a run's document holds."""
    out = {}
    for o in doc.get("orders", []):
        if o["symbol"] in out:
            raise CheckFailed(f"two orders for {o['symbol']} in one run")
        out[o["symbol"]] = int(o["qty"])
    return out


def check_orders(kind: str, doc: dict, expected: dict, states: set) -> None:
    got = ordered(doc)
    if got != expected:
        missing = {s: q for s, q in expected.items() if got.get(s) != q}
        extra = {s: q for s, q in got.items() if expected.get(s) != q}
        raise CheckFailed(f"{kind}: orders differ from the baseline's: expected {missing}, "
                          f"got {extra}")
    for o in doc.get("orders", []):
        if o["state"] not in states or "error" in o:
            raise CheckFailed(f"{kind}: order {o['client_order_id']} is {o['state']} "
                              f"{o.get('error', '')}; expected one of {sorted(states)}")


def check_requests(kind: str, counts: dict, orders: int) -> None:
    posts = counts.get(POST_ORDERS, 0)
    if kind in ("cold", "warm") and posts != orders:
        raise CheckFailed(f"{kind}: {posts} POST /v2/orders for {orders} new orders")
    if kind == "rerun" and posts != 0:
        raise CheckFailed(f"rerun: {posts} POST /v2/orders for orders placed already")
    if kind == "warm" and counts.get(GET_BARS, 0) != 0:
        raise CheckFailed(f"warm: {counts[GET_BARS]} GET /v2/stocks/bars with a warm bar cache")


def check_fake_book(fake_orders: list, strategies: list, expected: dict) -> None:
    """Each strategy's orders at the fake: exactly one per expected (symbol, qty)."""
    by_strategy = {}
    for o in fake_orders:
        by_strategy.setdefault(o["client_order_id"].split("-", 1)[0], []).append(o)
    for strategy in strategies:
        held = by_strategy.get(strategy, [])
        ids = [o["client_order_id"] for o in held]
        if len(ids) != len(set(ids)):
            raise CheckFailed(f"the fake holds an order twice for strategy {strategy}")
        got = {o["symbol"]: int(o["qty"]) for o in held}
        want_ids = {f"{strategy}-{s}-{RUN_SESSION_ID}-1" for s in expected}
        if got != expected or set(ids) != want_ids:
            odd = sorted((set(ids) ^ want_ids) or {f"{s} {q}" for s, q in got.items()
                                                   if expected.get(s) != q})
            raise CheckFailed(f"the fake's {len(held)} orders of strategy {strategy} differ "
                              f"from the baseline's {len(expected)}: {odd[:5]}")


def measure(args) -> int:
    work = args.work.resolve()
    watchlist = json.loads((args.setup_dir / "watchlist.json").read_text())
    data = str(args.data.resolve())
    stratus = str(args.stratus.resolve())
    fake = Fake(args.fake)

    # Nothing from the caller's shell steers stratus: no STRATUS_*, no keys, no proxies.
    proxies = {"http_proxy", "https_proxy", "all_proxy", "no_proxy"}
    clean = {k: v for k, v in os.environ.items()
             if not k.startswith(("STRATUS_", "APCA_")) and k.lower() not in proxies}
    clean.update({"no_proxy": "127.0.0.1,localhost", "NO_PROXY": "127.0.0.1,localhost"})
    common = dict(clean, **{
        "STRATUS_PROFILE": "dev",
        "STRATUS_WATCHLIST": json.dumps(watchlist),  # A JSON array of plain strings is TOML too.
        "STRATUS_LIMITS__MONTHLY_SHARE_CAP": "100",  # No cap hides an order.
    })
    alpaca = {
        "STRATUS_BROKER__KIND": "alpaca",
        "STRATUS_DATA__KIND": "alpaca",
        "APCA_API_BASE_URL": fake.url,
        "APCA_API_DATA_URL": fake.url,
        "APCA_API_KEY_ID": "fake-key-id",
        "APCA_API_SECRET_KEY": "fake-secret-key",
    }
    baseline = {"STRATUS_DATA__KIND": "csv", "STRATUS_DATA__PATH": data,
                "STRATUS_DATA__LAYOUT": "sp500", "STRATUS_BROKER__KIND": "paper"}
    cmd = [stratus, "run", "--at", AT, "--json"]

    def env_for(kind: str, tag: str, strategy: str, cache: Path) -> dict:
        d = work / tag
        d.mkdir(parents=True, exist_ok=True)
        env = dict(common, STRATUS_LEDGER__PATH=str(d / "ledger.sqlite"),
                   STRATUS_AUDIT__PATH=str(d / "audit.jsonl"), STRATUS_STRATEGY=strategy)
        env.update(baseline if kind == "baseline" else
                   dict(alpaca, STRATUS_ALPACA__CACHE_PATH=str(cache)))
        return env

    def shown(env: dict) -> str:
        keys = sorted(k for k in env if (k.startswith(("STRATUS_", "APCA_")) and
                                         k != "STRATUS_WATCHLIST"))
        return " ".join(f"{k}={shlex.quote(env[k])}" for k in keys)

    print("\nWhole `stratus run` (exact commands; STRATUS_WATCHLIST = the first 50 symbols):")
    for kind, tag, strategy in (("baseline", "baseline-0", "dip"), ("cold", "cold-0", "c0")):
        e = env_for(kind, tag, strategy, work / tag / "bars.sqlite")
        print(f"  [{kind}] cd {work} && {shown(e)} STRATUS_WATCHLIST='[\"A\",\"AAL\",...]' "
              f"{shlex.join(cmd)}")
    sys.stdout.flush()

    results = {k: [] for k in KINDS}  # Per kind: (wall, cpu, requests by endpoint, orders).
    strategies = []

    def one(kind: str, tag: str, strategy: str, cache: Path, expected) -> dict:
        env = env_for(kind, tag, strategy, cache)
        fake.reset_requests()
        wall, cpu, doc = run_stratus(cmd, env, work)
        counts = fake.requests()
        if kind == "baseline" and counts:
            raise CheckFailed(f"baseline: the paper run sent HTTP requests: {counts}")
        if expected is not None:
            states = {"filled"} if kind == "rerun" else {"submitted"}
            if kind == "baseline":
                states = {"submitted", "filled"}
            check_orders(kind, doc, expected, states)
            check_requests(kind, counts, 0 if kind == "rerun" else len(expected))
            results[kind].append((wall, cpu, counts, len(doc.get("orders", []))))
        return doc

    failed = None
    try:
        # Untimed warm-ups: the baseline decides the expected orders (the page cache is warmed on
        # the way); a cold run fills the cache the warm runs start from.
        base_doc = one("baseline", "warmup-baseline", "dip", work / "unused", None)
        expected = ordered(base_doc)
        if not expected:
            raise CheckFailed("the baseline run ordered nothing: nothing to compare")
        warm_cache = work / "warmup-alpaca" / "bars.sqlite"
        one("cold", "warmup-alpaca", "u0", warm_cache, expected)
        results["cold"].clear()
        strategies.append("u0")

        groups = (("baseline",), ("cold", "rerun"), ("warm",))
        for i in range(args.runs):
            # The order of the groups rotates, so that no kind always runs after another.
            for group in groups[i % 3:] + groups[:i % 3]:
                for kind in group:
                    if kind == "baseline":
                        one(kind, f"baseline-{i}", "dip", work / "unused", expected)
                    elif kind == "cold":
                        one(kind, f"cold-{i}", f"c{i}", work / f"cold-{i}" / "bars.sqlite",
                            expected)
                        strategies.append(f"c{i}")
                    elif kind == "rerun":
                        one(kind, f"cold-{i}", f"c{i}", work / f"cold-{i}" / "bars.sqlite",
                            expected)
                    else:
                        d = work / f"warm-{i}"
                        d.mkdir(parents=True, exist_ok=True)
                        shutil.copyfile(warm_cache, d / "bars.sqlite")
                        one(kind, f"warm-{i}", f"w{i}", d / "bars.sqlite", expected)
                        strategies.append(f"w{i}")
        check_fake_book(fake.orders(), strategies, expected)
    except CheckFailed as e:
        failed = str(e)
    except (KeyError, TypeError, ValueError) as e:
        failed = f"unreadable output: {e!r}"

    if failed:
        print(f"\nbench: FAILED: {failed}", file=sys.stderr)
        return 1
    report(results, expected, args.runs)
    return 0


def report(results: dict, expected: dict, runs: int) -> None:
    shares = sum(expected.values())
    print(f"\n=== Stratus run benchmark: {WATCHED} symbols against the fake Alpaca, at {AT} "
          f"(as of {AS_OF}; {len(expected)} orders, {shares} shares) ===")
    print(f"load average at the end: {' '.join(f'{x:.2f}' for x in os.getloadavg())} "
          f"on {os.cpu_count()} CPUs (ratios are within this run, so load affects all kinds)")
    base = statistics.median(w for w, _, _, _ in results["baseline"])
    base_cpu = statistics.median(c for _, c, _, _ in results["baseline"])
    labels = {
        "baseline": "baseline: csv + paper broker",
        "cold": "cold: no cache, new orders",
        "warm": "warm: bar cache, new orders",
        "rerun": "re-run: orders placed already",
    }
    print(f"\nWall time, median of {runs} interleaved runs (CPU = user+sys of stratus; the fake's "
          "own time is in the wall time only):")
    print(f"  {'kind':31s} {'median':>10s} {'min':>10s} {'max':>10s} {'CPU':>10s} "
          f"{'/ baseline':>11s} {'CPU / base':>11s} {'orders':>7s} {'HTTP requests':>14s}")
    for kind in ("baseline", "cold", "warm", "rerun"):
        rows = results[kind]
        walls = [w for w, _, _, _ in rows]
        med = statistics.median(walls)
        cpu = statistics.median(c for _, c, _, _ in rows)
        totals = sorted({sum(c.values()) for _, _, c, _ in rows})
        reqs = "/".join(str(t) for t in totals)
        print(f"  {labels[kind]:31s} {med * 1e3:7.1f} ms {min(walls) * 1e3:7.1f} ms "
              f"{max(walls) * 1e3:7.1f} ms {cpu * 1e3:7.1f} ms {med / base:10.2f}x "
              f"{cpu / base_cpu:10.2f}x "
              f"{rows[0][3]:7d} {reqs:>14s}")

    print("\nHTTP requests per run, by endpoint (every run of a kind counted the same unless a "
          "range is shown):")
    endpoints = sorted({e for k in ("cold", "warm", "rerun") for _, _, c, _ in results[k]
                        for e in c})
    print(f"  {'endpoint':36s} {'cold':>8s} {'warm':>8s} {'re-run':>8s}")
    for e in endpoints + ["total"]:
        cells = []
        for kind in ("cold", "warm", "rerun"):
            vals = [sum(c.values()) if e == "total" else c.get(e, 0)
                    for _, _, c, _ in results[kind]]
            lo, hi = min(vals), max(vals)
            cells.append(f"{lo}" if lo == hi else f"{lo}..{hi}")
        print(f"  {e:36s} {cells[0]:>8s} {cells[1]:>8s} {cells[2]:>8s}")
    orders = len(expected)
    per_order = "  ".join(
        f"{kind} {statistics.median(sum(c.values()) for _, _, c, _ in results[kind]) / orders:.2f}"
        for kind in ("cold", "warm", "rerun"))
    print(f"  requests per order: {per_order}")
    print("  (a new order: one lookup by client_order_id, answered 404, then one POST; an order "
          "still open in the ledger: one lookup; the account: check-limits' one read of the "
          "buying power per run with signals; bars: every page of the 50 symbols' last "
          "window + 10 sessions, once per empty cache)")
    print(f"\nchecks hold: every run exited 0; the cold and warm runs ordered the baseline's "
          f"{len(expected)} (symbol, qty), each once at the fake; warm runs sent no "
          f"{GET_BARS}; re-runs sent no {POST_ORDERS}.")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="command", required=True)
    s = sub.add_parser("setup")
    s.add_argument("--data", required=True, type=Path)
    s.add_argument("--out", required=True, type=Path)
    m = sub.add_parser("measure")
    m.add_argument("--stratus", required=True, type=Path)
    m.add_argument("--data", required=True, type=Path)
    m.add_argument("--fake", required=True, help="the fake Alpaca's base URL")
    m.add_argument("--setup-dir", required=True, type=Path, help="the setup's --out")
    m.add_argument("--work", required=True, type=Path, help="scratch directory (cwd of runs)")
    m.add_argument("--runs", type=int, default=10)
    args = ap.parse_args()
    return setup(args) if args.command == "setup" else measure(args)


if __name__ == "__main__":
    sys.exit(main())
