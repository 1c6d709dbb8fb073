#!/usr/bin/python3
"""Independent oracle for the end-to-end month test.

Computes, from the raw CSV and the plan's rules alone (no Stratus code), the orders a replay of
a date range must produce: one line per order with its client_order_id, symbol, quantity, final
state and fill price. Written with pandas and Python's Decimal, separately from the C++.

Rules (the plan, as documented in README.md):
  * a run happens every weekday D of the range at 15:45 New York time;
  * it sees only sessions that closed before it: the last completed session is the previous
    weekday that has data;
  * 52-week high = max over the last W bars (through that session) of max(high, close)
    (high_basis = "high"; a missing high counts its close); price = that session's close;
  * the highest tier whose drop threshold is reached, exactly: (high - price) * 100 >= t * high;
  * a symbol needs a bar for that session and at least W bars of history;
  * monthly cap per symbol (by the run's New York month), clipped to what is left;
  * the order fills at the next session's open (close if the open is missing), plus slippage
    in basis points rounded half away from zero to 1/10,000 dollar, once a later run sees it.

Usage: expected_orders.py CSV FROM TO --symbols A,B --tiers 10:1,20:2,30:3 --window 252
       --cap 4 --slippage-bps 5 --strategy dip
Prints CSV: client_order_id,symbol,qty,state,fill_price
"""
import argparse
import datetime as dt
from decimal import Decimal, ROUND_HALF_UP

import pandas as pd


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("csv")
    ap.add_argument("start")
    ap.add_argument("end")
    ap.add_argument("--symbols", required=True)
    ap.add_argument("--tiers", required=True)
    ap.add_argument("--window", type=int, default=252)
    ap.add_argument("--cap", type=int, default=4)
    ap.add_argument("--slippage-bps", type=int, default=0)
    ap.add_argument("--strategy", default="dip")
    a = ap.parse_args()

    symbols = a.symbols.split(",")
    tiers = sorted((Decimal(t.split(":")[0]), int(t.split(":")[1])) for t in a.tiers.split(","))
    frame = pd.read_csv(a.csv, dtype=str, keep_default_na=False)
    frame = frame[frame["Name"].isin(symbols)]
    bars = {s: g.sort_values("date").reset_index(drop=True) for s, g in frame.groupby("Name")}

    start = dt.date.fromisoformat(a.start)
    end = dt.date.fromisoformat(a.end)
    run_days = [start + dt.timedelta(days=i) for i in range((end - start).days + 1)]
    run_days = [d for d in run_days if d.weekday() < 5]

    used = {}  # (symbol, month) -> shares
    orders = []
    for day in run_days:
        as_of = day - dt.timedelta(days=1)
        while as_of.weekday() >= 5:
            as_of -= dt.timedelta(days=1)
        for sym in symbols:
            g = bars.get(sym)
            if g is None:
                continue
            hist = g[g["date"] <= as_of.isoformat()].tail(a.window)
            if len(hist) < a.window or hist.iloc[-1]["date"] != as_of.isoformat():
                continue
            def top(row):
                close = Decimal(row["close"])
                return max(Decimal(row["high"]), close) if row["high"] else close
            high = max(top(r) for _, r in hist.iterrows())
            price = Decimal(hist.iloc[-1]["close"])
            qty = 0
            for threshold, tier_qty in tiers:
                if (high - price) * 100 >= threshold * high:
                    qty = tier_qty
            if qty == 0:
                continue
            key = (sym, day.strftime("%Y-%m"))
            left = a.cap - used.get(key, 0)
            qty = min(qty, left)
            if qty <= 0:
                continue
            used[key] = used.get(key, 0) + qty
            oid = f"{a.strategy}-{sym}-{day:%Y%m%d}-1"
            nxt = g[g["date"] > day.isoformat()].head(1)
            state, fill = "submitted", ""
            # A later run of the range sees the fill once the next session has opened.
            if not nxt.empty and any(d.isoformat() >= nxt.iloc[0]["date"] for d in run_days):
                row = nxt.iloc[0]
                base = Decimal(row["open"] if row["open"] else row["close"])
                fill_price = (base * (Decimal(10000) + a.slippage_bps) / Decimal(10000)).quantize(
                    Decimal("0.0001"), rounding=ROUND_HALF_UP)
                state, fill = "filled", str(fill_price)
            orders.append((oid, sym, qty, state, fill))

    print("client_order_id,symbol,qty,state,fill_price")
    for o in sorted(orders):
        print(",".join(str(x) for x in o))


if __name__ == "__main__":
    main()
