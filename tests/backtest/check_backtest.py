#!/usr/bin/python3
"""Checks a `stratus backtest --json` result against tests/backtest/backtest_oracle.py's document,
and both against the key results fixed in tests/backtest/regression_expected.json.

  check_backtest.py check CASE RESULT.json ORACLE.json EXPECTED.json
      RESULT against ORACLE: every order (client_order_id, symbol, session, qty, filled qty,
      state, reference price, fill price, fill instant, commission) exactly; the daily equity of
      the strategy and both benchmarks, the strategy's cash and flows to the 1/10,000 dollar; the
      drawdown series within 1e-9 relative (1e-12 absolute); every metric of the three accounts
      (money and counts exactly, dates exactly, ratios within 1e-9 relative); the activity's
      order counts; the strategy's final positions (shares, cost, average cost and close, last
      close, value, buys) exactly. Then the key results of RESULT and of ORACLE against EXPECTED[CASE].
      Prints what differs; exit status 1 when anything does.
  check_backtest.py regenerate EXPECTED.json CASE=ORACLE.json...
      Writes EXPECTED.json afresh: the key results of each case's oracle document (the orders by
      state, the first and last five filled orders, and per account the final equity and cash,
      total return, XIRR, max drawdown depth and Sharpe ratio to 6 decimals).

Money is compared as Decimal ("43.10" == "43.1").
"""
import json
import math
import sys
from collections import Counter
from decimal import Decimal

RATIOS = ("total_return", "annualised_return", "xirr", "volatility", "sharpe", "sortino",
          "cash_idle")
MONEY = ("invested", "final_equity", "profit", "final_cash", "commissions")
COUNTS = ("sessions", "buys", "shares_bought")
ORDER_FIELDS = ("symbol", "session", "qty", "filled_qty", "state", "reference_price",
                "fill_price", "filled_at", "commission")
MONEY_ORDER_FIELDS = ("reference_price", "fill_price", "commission")
SUMMARY_RATIOS = ("total_return", "xirr", "max_drawdown", "sharpe")
SUMMARY_TOLERANCE = 1e-6  # The fixed ratios have 6 decimals.

problems = []


def problem(text):
    problems.append(text)


def dec(text):
    return None if text is None else Decimal(text)


def close_enough(a, b, rel=1e-9, abs_=0.0):
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(a, b, rel_tol=rel, abs_tol=abs_)


def compare_orders(result, oracle):
    got = {o["client_order_id"]: o for o in result["orders"]}
    want = {o["client_order_id"]: o for o in oracle["orders"]}
    if len(got) != len(result["orders"]):
        problem("the result lists a client_order_id twice")
    for oid in sorted(set(want) - set(got))[:20]:
        problem(f"order missing from the result: {want[oid]}")
    for oid in sorted(set(got) - set(want))[:20]:
        problem(f"unexpected order in the result: {got[oid]}")
    shown = 0
    for oid in sorted(set(got) & set(want)):
        for field in ORDER_FIELDS:
            a, b = got[oid].get(field), want[oid].get(field)
            if field in MONEY_ORDER_FIELDS:
                a, b = dec(a), dec(b)
            if a != b:
                shown += 1
                if shown <= 20:
                    problem(f"order {oid}: {field} is {got[oid].get(field)!r}, "
                            f"the oracle says {want[oid].get(field)!r}")
    if shown > 20:
        problem(f"... and {shown - 20} more order differences")
    activity = result.get("activity", {})
    states = Counter(o["state"] for o in oracle["orders"])
    if activity.get("reserved") != len(oracle["orders"]):
        problem(f"activity.reserved is {activity.get('reserved')}, "
                f"the oracle has {len(oracle['orders'])} orders")
    if activity.get("rejected") != states["rejected"]:
        problem(f"activity.rejected is {activity.get('rejected')}, "
                f"the oracle has {states['rejected']} rejected orders")


def compare_positions(result, oracle):
    got = {p["symbol"]: p for p in result["positions"]}
    want = {p["symbol"]: p for p in oracle["positions"]}
    if set(got) != set(want):
        problem(f"positions: the result holds {sorted(got)}, the oracle {sorted(want)}")
    for sym in sorted(set(got) & set(want)):
        for field in ("shares", "buys"):
            if got[sym][field] != want[sym][field]:
                problem(f"position {sym}: {field} {got[sym][field]}, the oracle says "
                        f"{want[sym][field]}")
        for field in ("cost", "average_cost", "average_close", "last_close", "value"):
            if dec(got[sym][field]) != dec(want[sym][field]):
                problem(f"position {sym}: {field} {got[sym][field]}, the oracle says "
                        f"{want[sym][field]}")


def compare_series(result, oracle):
    r, o = result["equity"], oracle["equity"]
    if r["sessions"] != o["sessions"]:
        problem(f"sessions differ: {len(r['sessions'])} in the result, {len(o['sessions'])} "
                f"in the oracle; first difference at "
                f"{next((i for i, (x, y) in enumerate(zip(r['sessions'], o['sessions'])) if x != y), 'the end')}")
        return
    for key in ("strategy", "cash", "flow", "dca", "buy_and_hold"):
        diffs = [(s, a, b) for s, a, b in zip(r["sessions"], r[key], o[key]) if dec(a) != dec(b)]
        if len(r[key]) != len(o[key]):
            problem(f"equity.{key}: {len(r[key])} values, the oracle has {len(o[key])}")
        for s, a, b in diffs[:5]:
            problem(f"equity.{key} on {s}: {a}, the oracle says {b}")
        if len(diffs) > 5:
            problem(f"equity.{key}: {len(diffs)} sessions differ in all")
    for s in oracle["strategies"]:
        key = s["name"] + "_drawdown"
        diffs = [(d, a, b) for d, a, b in zip(r["sessions"], r[key], s["drawdown"])
                 if not close_enough(a, b, abs_=1e-12)]
        for d, a, b in diffs[:5]:
            problem(f"equity.{key} on {d}: {a}, the oracle says {b}")


def compare_metrics(result, oracle):
    got = {s["name"]: s["metrics"] for s in result["strategies"]}
    for s in oracle["strategies"]:
        name, want = s["name"], s["metrics"]
        if name not in got:
            problem(f"strategy {name} missing from the result")
            continue
        m = got[name]
        for key in MONEY:
            if dec(m[key]) != dec(want[key]):
                problem(f"{name}.{key} is {m[key]}, the oracle says {want[key]}")
        for key in COUNTS:
            if m[key] != want[key]:
                problem(f"{name}.{key} is {m[key]}, the oracle says {want[key]}")
        for key in RATIOS:
            if not close_enough(m[key], want[key]):
                problem(f"{name}.{key} is {m[key]!r}, the oracle says {want[key]!r}")
        dd, want_dd = m["max_drawdown"], want["max_drawdown"]
        if not close_enough(dd["depth"], want_dd["depth"]):
            problem(f"{name}.max_drawdown.depth is {dd['depth']!r}, the oracle says "
                    f"{want_dd['depth']!r}")
        for key in ("peak", "trough", "recovery"):
            if dd[key] != want_dd[key]:
                problem(f"{name}.max_drawdown.{key} is {dd[key]}, the oracle says {want_dd[key]}")


def summary(doc):
    """The key results of a result (or oracle) document."""
    filled = [o for o in doc["orders"] if o["state"] == "filled"]

    def brief(o):
        return [o["client_order_id"], o["qty"], str(Decimal(o["fill_price"]))]

    def rounded(x):
        return None if x is None else round(x, 6)

    return {
        "orders_by_state": dict(sorted(Counter(o["state"] for o in doc["orders"]).items())),
        "first_filled": [brief(o) for o in filled[:5]],
        "last_filled": [brief(o) for o in filled[-5:]],
        "strategies": {
            s["name"]: {
                "final_equity": str(Decimal(s["metrics"]["final_equity"])),
                "final_cash": str(Decimal(s["metrics"]["final_cash"])),
                "total_return": rounded(s["metrics"]["total_return"]),
                "xirr": rounded(s["metrics"]["xirr"]),
                "max_drawdown": rounded(s["metrics"]["max_drawdown"]["depth"]),
                "sharpe": rounded(s["metrics"]["sharpe"]),
            } for s in doc["strategies"]},
    }


def compare_summary(label, got, want):
    if got["orders_by_state"] != want["orders_by_state"]:
        problem(f"{label}: orders by state {got['orders_by_state']}, fixed "
                f"{want['orders_by_state']}")
    for key in ("first_filled", "last_filled"):
        if got[key] != want[key]:
            problem(f"{label}: {key} {got[key]}, fixed {want[key]}")
    for name, fixed in want["strategies"].items():
        have = got["strategies"].get(name)
        if have is None:
            problem(f"{label}: no strategy {name}")
            continue
        for key in ("final_equity", "final_cash"):
            if Decimal(have[key]) != Decimal(fixed[key]):
                problem(f"{label}: {name}.{key} {have[key]}, fixed {fixed[key]}")
        for key in SUMMARY_RATIOS:
            a, b = have[key], fixed[key]
            if (a is None) != (b is None) or (a is not None and abs(a - b) > SUMMARY_TOLERANCE):
                problem(f"{label}: {name}.{key} {a}, fixed {b}")


REGENERATE = ("bash tests/backtest/backtest_regression_test.sh --regenerate  (from the repository "
              "root; it runs backtest_oracle.py for every case; review the diff before keeping it)")


def regenerate(path, pairs):
    cases = {}
    for pair in pairs:
        case, oracle_path = pair.split("=", 1)
        cases[case] = summary(json.load(open(oracle_path)))
    doc = {"about": "Key results of `stratus backtest` in the cases of backtest_regression_test.sh, "
                    "computed by backtest_oracle.py. The test fails when the backtest or the "
                    "oracle stops producing them. Ratios are rounded to 6 decimals.",
           "regenerate": REGENERATE,
           "cases": cases}
    with open(path, "w") as out:
        json.dump(doc, out, indent=1)
        out.write("\n")


def main():
    if len(sys.argv) >= 4 and sys.argv[1] == "regenerate":
        regenerate(sys.argv[2], sys.argv[3:])
        return 0
    if len(sys.argv) != 6 or sys.argv[1] != "check":
        print(__doc__, file=sys.stderr)
        return 2
    case, result_path, oracle_path, expected_path = sys.argv[2:]
    result, oracle = json.load(open(result_path)), json.load(open(oracle_path))
    expected = json.load(open(expected_path))["cases"]
    compare_orders(result, oracle)
    compare_positions(result, oracle)
    compare_series(result, oracle)
    compare_metrics(result, oracle)
    if case not in expected:
        problem(f"no case {case} in {expected_path}")
    else:
        compare_summary("the result", summary(result), expected[case])
        compare_summary("the oracle", summary(oracle), expected[case])
    for text in problems:
        print(f"  {case}: {text}")
    states = Counter(o["state"] for o in oracle["orders"])
    if problems:
        print(f"FAIL {case}: {len(problems)} differences")
        return 1
    print(f"ok {case}: {len(oracle['orders'])} orders ({dict(sorted(states.items()))}), "
          f"{len(oracle['equity']['sessions'])} sessions x 3 accounts and their metrics agree "
          f"with the oracle and the fixed results")
    return 0


if __name__ == "__main__":
    sys.exit(main())
