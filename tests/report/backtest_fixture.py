#!/usr/bin/python3
"""Writes a realistic backtest result (docs/contracts/backtest-result.md, version 1) and a sweep
document, for the backtest report's rendering test and demo. Prices are a seeded random walk per
symbol; the strategy buys tiers of drops from the trailing 52-week high under a monthly cap per
symbol, against dollar-cost averaging and buy and hold, with the same money. Deterministic for a
given --seed. Standard library only (Debian's /usr/bin/python3).

Usage: backtest_fixture.py --result FILE --sweep FILE [--sessions 500] [--symbols 6] [--seed 7]
"""
import argparse
import datetime
import json
import math
import random

SYMBOLS = ["AAPL", "MSFT", "XOM", "JNJ", "KO", "JPM", "PG", "WMT", "INTC", "CSCO", "PFE", "MRK",
           "CVX", "GE", "T", "VZ", "HD", "DIS", "IBM", "MCD", "BA", "MMM", "NKE", "CAT"]
WINDOW = 252
STARTING_CASH = 10000.0
CONTRIBUTION = 500.0
TIERS = [(10.0, 1), (20.0, 2), (30.0, 3)]
CAP = 4


def money(x):
    return f"{x:.2f}"


def weekdays(start, before, count):
    """`before` weekdays before `start`, then `count` from it (holidays are not modelled)."""
    earlier, day = [], start
    while len(earlier) < before:
        day -= datetime.timedelta(days=1)
        if day.weekday() < 5:
            earlier.append(day)
    days, day = [], start
    while len(days) < count:
        if day.weekday() < 5:
            days.append(day)
        day += datetime.timedelta(days=1)
    return earlier[::-1] + days


def price_paths(rng, symbols, count):
    paths = {}
    for i, symbol in enumerate(symbols):
        price = rng.uniform(30, 220)
        drift = rng.uniform(-0.0001, 0.0006)
        vol = rng.uniform(0.010, 0.022)
        path = []
        for d in range(count):
            shock = rng.gauss(0, vol)
            # A market-wide dip in the middle of the period makes the tiers fire.
            if count // 3 < d < count // 3 + 40:
                shock -= 0.004
            price = max(1.0, price * math.exp(drift + shock))
            path.append(round(price, 2))
        paths[symbol] = path
    return paths


def time_weighted(equity, flow):
    index, peak, drawdown, returns = 1.0, 1.0, [], []
    for i in range(len(equity)):
        if i > 0 and equity[i - 1] > 0:
            r = (equity[i] - flow[i]) / equity[i - 1] - 1
            returns.append(r)
            index *= 1 + r
        peak = max(peak, index)
        drawdown.append(round(index / peak - 1, 6))
    return returns, index - 1, drawdown


def xirr(flows):
    """flows: [(date, amount)], negative paid in."""
    t0 = flows[0][0]

    def npv(rate):
        return sum(a / (1 + rate) ** ((d - t0).days / 365.0) for d, a in flows)

    lo, hi = -0.99, 10.0
    if npv(lo) * npv(hi) > 0:
        return None
    for _ in range(200):
        mid = (lo + hi) / 2
        if npv(lo) * npv(mid) <= 0:
            hi = mid
        else:
            lo = mid
    return round((lo + hi) / 2, 6)


def metrics(sessions, equity, flow, cash, buys, shares):
    returns, total, drawdown = time_weighted(equity, flow)
    days = (sessions[-1] - sessions[0]).days
    annualised = (1 + total) ** (365.25 / days) - 1 if days > 0 else 0.0
    mean = sum(returns) / len(returns)
    sd = math.sqrt(sum((r - mean) ** 2 for r in returns) / (len(returns) - 1))
    downside = math.sqrt(sum(min(0.0, r) ** 2 for r in returns) / len(returns))
    deepest = min(drawdown)
    trough = drawdown.index(deepest)
    peak = max(i for i in range(trough + 1) if drawdown[i] == 0)
    recovery = next((i for i in range(trough, len(drawdown)) if drawdown[i] == 0), None)
    flows = [(sessions[i], -flow[i]) for i in range(len(flow)) if flow[i]]
    flows.append((sessions[-1], equity[-1]))
    invested = sum(flow)
    idle = [c / e for c, e in zip(cash, equity) if e > 0]
    return {
        "invested": money(invested), "final_equity": money(equity[-1]),
        "profit": money(equity[-1] - invested), "total_return": round(total, 6),
        "annualised_return": round(annualised, 6), "xirr": xirr(flows),
        "max_drawdown": {
            "depth": round(-deepest, 6),
            "peak": sessions[peak].isoformat() if deepest < 0 else None,
            "trough": sessions[trough].isoformat() if deepest < 0 else None,
            "recovery": sessions[recovery].isoformat() if deepest < 0 and recovery else None},
        "volatility": round(sd * math.sqrt(252), 6),
        "sharpe": round(mean / sd * math.sqrt(252), 4) if sd else None,
        "sortino": round(mean / downside * math.sqrt(252), 4) if downside else None,
        "sessions": len(sessions), "buys": buys, "shares_bought": shares, "commissions": "0.00",
        "cash_idle": round(sum(idle) / len(idle), 6), "final_cash": money(cash[-1]),
    }, drawdown


def backtest(args):
    rng = random.Random(args.seed)
    symbols = SYMBOLS[:args.symbols]
    all_days = weekdays(datetime.date(2016, 1, 4), WINDOW, args.sessions)
    paths = price_paths(rng, symbols, len(all_days))
    days = all_days[WINDOW:]
    n = len(days)

    def close(symbol, i):
        return paths[symbol][WINDOW + i]

    def high(symbol, i):
        return max(paths[symbol][WINDOW + i - WINDOW + 1:WINDOW + i + 1])

    flow = [0.0] * n
    for i in range(n):
        if i == 0:
            flow[i] = STARTING_CASH
        elif days[i].month != days[i - 1].month:
            flow[i] = CONTRIBUTION
    total_money = sum(flow)

    # The strategy.
    cash, holdings, cost = 0.0, {s: 0 for s in symbols}, {s: 0.0 for s in symbols}
    fills, orders, equity, cash_series = [], [], [], []
    used, signals, declined, clipped = {}, 0, 0, 0
    for i, day in enumerate(days):
        cash += flow[i]
        month = (day.year, day.month)
        for s in symbols:
            c, h = close(s, i), high(s, i)
            drop = (1 - c / h) * 100
            qty = max([q for pct, q in TIERS if drop >= pct], default=0)
            if not qty:
                continue
            signals += 1
            left = CAP - used.get((month, s), 0)
            if left <= 0:
                declined += 1
                continue
            if qty > left:
                clipped += 1
                qty = left
            if qty * c > cash:
                continue
            used[(month, s)] = used.get((month, s), 0) + qty
            cash -= qty * c
            holdings[s] += qty
            cost[s] += qty * c
            fills.append({"symbol": s, "session": day.isoformat(), "qty": qty, "price": money(c)})
            orders.append({
                "client_order_id": f"dip-{s}-{day.strftime('%Y%m%d')}-1", "symbol": s,
                "session": day.isoformat(), "qty": qty, "filled_qty": qty, "state": "filled",
                "reference_price": money(c), "fill_price": money(c),
                "filled_at": f"{day.isoformat()}T21:00:00Z", "commission": "0.00", "reason": ""})
        equity.append(round(cash + sum(holdings[s] * close(s, i) for s in symbols), 2))
        cash_series.append(round(cash, 2))
    strategy_metrics, strategy_dd = metrics(days, equity, flow, cash_series, len(fills),
                                            sum(f["qty"] for f in fills))

    # Dollar-cost averaging: every contribution spread over the watchlist on its day.
    dca_cash, dca_hold, dca_equity, dca_cash_series, dca_buys, dca_shares = 0.0, {}, [], [], 0, 0
    for i in range(n):
        dca_cash += flow[i]
        if flow[i]:
            budget = dca_cash / len(symbols)
            for s in symbols:
                q = int(budget // close(s, i))
                if q:
                    dca_hold[s] = dca_hold.get(s, 0) + q
                    dca_cash -= q * close(s, i)
                    dca_buys += 1
                    dca_shares += q
        dca_equity.append(round(dca_cash + sum(q * close(s, i) for s, q in dca_hold.items()), 2))
        dca_cash_series.append(round(dca_cash, 2))
    dca_metrics, dca_dd = metrics(days, dca_equity, flow, dca_cash_series, dca_buys, dca_shares)

    # Buy and hold: all the money on the first session.
    bh_flow = [total_money] + [0.0] * (n - 1)
    bh_hold = {s: int(total_money / len(symbols) // close(s, 0)) for s in symbols}
    bh_cash = total_money - sum(q * close(s, 0) for s, q in bh_hold.items())
    bh_equity = [round(bh_cash + sum(q * close(s, i) for s, q in bh_hold.items()), 2)
                 for i in range(n)]
    bh_metrics, bh_dd = metrics(days, bh_equity, bh_flow, [bh_cash] * n, len(symbols),
                                sum(bh_hold.values()))

    bought = [s for s in symbols if holdings[s]]
    positions = []
    for s in sorted(bought, key=lambda s: -holdings[s] * close(s, n - 1)):
        mean_close = sum(close(s, i) for i in range(n)) / n
        positions.append({
            "symbol": s, "shares": holdings[s], "cost": money(cost[s]),
            "average_cost": money(cost[s] / holdings[s]), "average_close": money(mean_close),
            "last_close": money(close(s, n - 1)), "value": money(holdings[s] * close(s, n - 1)),
            "buys": sum(1 for f in fills if f["symbol"] == s)})
    charts = []
    for s in sorted(bought, key=lambda s: -cost[s])[:24]:
        charts.append({
            "symbol": s, "sessions": [d.isoformat() for d in days],
            "close": [money(close(s, i)) for i in range(n)],
            "high_52w": [money(high(s, i)) for i in range(n)],
            "buys": [{"session": f["session"], "qty": f["qty"], "price": f["price"]}
                     for f in fills if f["symbol"] == s]})

    # A suspicious one-day move for the warnings box.
    s = symbols[0]
    warn_day = n // 2
    warnings = [{
        "symbol": s, "session": days[warn_day].isoformat(),
        "previous_close": money(close(s, warn_day - 1) * 7), "close": money(close(s, warn_day)),
        "change": round(1 / 7 - 1, 4),
        "message": f"{s} closed {100 * (1 - 1 / 7):.2f}% lower on {days[warn_day].isoformat()} "
                   "than the session before: a 7-for-1 split the data may not be adjusted for "
                   "(close < previous close / 2)"}]

    return {
        "version": 1, "kind": "backtest", "profile": "dev",
        "period": {"from": days[0].isoformat(), "to": days[-1].isoformat(), "sessions": n},
        "data": {"source": "data/bars/sp500-16.csv.gz", "symbols": len(symbols),
                 "bars": len(symbols) * len(all_days), "adjustment": "unknown",
                 "warnings": warnings},
        "settings": {
            "starting_cash": money(STARTING_CASH), "monthly_contribution": money(CONTRIBUTION),
            "contribution_day": 1, "fill": "close", "slippage_bps": 5,
            "commission_per_order": "0.00", "commission_per_share": "0.00",
            "risk_free_rate": 0.0, "strategy": "dip", "watchlist": symbols,
            "tiers": [{"drop_pct": f"{p:.2f}", "qty": q} for p, q in TIERS],
            "monthly_share_cap": CAP, "filter": "rsi(14) < 35"},
        "strategies": [
            {"name": "strategy", "label": "Stratus plan (dip)", "metrics": strategy_metrics},
            {"name": "dca", "label": "Dollar-cost averaging (same money, contribution day 1)",
             "metrics": dca_metrics},
            {"name": "buy_and_hold", "label": "Buy and hold (all the money on day one)",
             "metrics": bh_metrics}],
        "activity": {"runs": n, "skipped_runs": 0, "signals": signals, "reserved": len(fills),
                     "clipped": clipped, "declined": declined, "short_of_cash": 0,
                     "rejected": 0, "filtered": 0,
                     "caps_hit": clipped + declined, "audit_events": n * 5 + len(fills) * 3},
        "equity": {
            "sessions": [d.isoformat() for d in days],
            "strategy": [money(x) for x in equity], "cash": [money(x) for x in cash_series],
            "flow": [money(x) for x in flow], "dca": [money(x) for x in dca_equity],
            "buy_and_hold": [money(x) for x in bh_equity],
            "strategy_drawdown": strategy_dd, "dca_drawdown": dca_dd,
            "buy_and_hold_drawdown": bh_dd},
        "positions": positions, "orders": orders, "charts": charts,
    }


def sweep(args, result):
    rng = random.Random(args.seed + 1)
    drops, caps = ["5", "10", "15", "20", "25"], ["2", "4", "6", "8"]
    base = result["strategies"][0]["metrics"]
    runs = []
    for d in drops:
        for c in caps:
            # A smooth surface with a ridge at a 15% drop and a cap of 4 to 6, plus noise.
            score = 0.07 - 0.00012 * (float(d) - 15) ** 2 - 0.002 * (float(c) - 5) ** 2 / 4
            score += rng.gauss(0, 0.003)
            m = dict(base)
            m["xirr"] = round(score, 6)
            m["total_return"] = round(score * 1.9, 6)
            m["annualised_return"] = round(score * 0.95, 6)
            m["max_drawdown"] = dict(base["max_drawdown"],
                                     depth=round(0.12 + float(c) / 100 - float(d) / 400, 6))
            m["sharpe"] = round(score * 9, 4)
            m["buys"] = int(40 + 60 / float(d) * float(c))
            final = float(base["invested"]) * (1 + score * 2)
            m["final_equity"] = money(final)
            m["profit"] = money(final - float(base["invested"]))
            runs.append({"params": {"tier1_drop_pct": d, "monthly_share_cap": c}, "metrics": m})
    # One combination did not run (e.g. it failed): its heat map cell stays empty.
    runs = [r for r in runs if r["params"] != {"tier1_drop_pct": "25", "monthly_share_cap": "8"}]
    runs.sort(key=lambda r: -r["metrics"]["xirr"])
    for i, r in enumerate(runs):
        r["rank"] = i + 1
    folds = []
    for k, (train, test) in enumerate([(("2016-01-04", "2016-12-30"), ("2017-01-03", "2017-06-30")),
                                       (("2016-07-01", "2017-06-30"), ("2017-07-03", "2017-12-29"))]):
        best = runs[k]
        folds.append({"train": {"from": train[0], "to": train[1]},
                      "test": {"from": test[0], "to": test[1]}, "chosen": best["params"],
                      "train_metric": best["metrics"]["xirr"],
                      "test_metric": round(best["metrics"]["xirr"] - 0.02 * (k + 1), 6)})
    return {"version": 1, "kind": "sweep", "metric": "xirr",
            "axes": [{"name": "tier1_drop_pct", "values": drops},
                     {"name": "monthly_share_cap", "values": caps}],
            "results": [{"rank": r["rank"], "params": r["params"], "metrics": r["metrics"]}
                        for r in runs],
            "walk_forward": folds}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--result", required=True)
    parser.add_argument("--sweep", required=True)
    parser.add_argument("--sessions", type=int, default=500)
    parser.add_argument("--symbols", type=int, default=6)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    if not 2 <= args.sessions <= 5000 or not 1 <= args.symbols <= len(SYMBOLS):
        parser.error("--sessions must be 2..5000 and --symbols 1..24")
    result = backtest(args)
    with open(args.result, "w") as f:
        json.dump(result, f, indent=1)
    with open(args.sweep, "w") as f:
        json.dump(sweep(args, result), f, indent=1)


if __name__ == "__main__":
    main()
