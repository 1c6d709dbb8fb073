#!/usr/bin/python3
"""Independent oracle for `stratus backtest`.

Computes, from the raw CSV of daily bars and the plan's documented rules alone (no Stratus code,
no Stratus output), what a backtest of a period must produce: the strategy's orders, the daily
account of the strategy and of both benchmarks, and their metrics. Money is exact (Python's
Decimal, amounts in dollars with at most 4 decimals); the ratios are computed with 50 significant
digits and printed as floats.

THE CALENDAR
  * Sessions are the NYSE (XNYS) sessions: weekdays that are not a holiday (New Year's Day, with
    a Sunday observed on Monday and a Saturday not observed; Martin Luther King Jr. Day;
    Washington's Birthday; Good Friday; Memorial Day; Independence Day and Christmas, a Saturday
    observed on Friday and a Sunday on Monday; Labor Day; Thanksgiving). Early closes at 13:00:
    July 3 on Monday-Thursday, the day after Thanksgiving, December 24 on Monday-Thursday.
    Regular sessions open at 09:30 and close at 16:00 New York time (tz database).
    The calendar is computed from these rules and must equal the set of dates in the CSV over
    the CSV's whole range (the oracle stops with an error otherwise).
  * One run of the chain per session: at 15:45 New York time, or at 12:45 on an early close
    (the scheduled times 12:45 and 15:45 that fall in the last 20 minutes before the close).
    A run sees only the last completed session: the session before it ("previous session").

THE STRATEGY (market-check -> evaluate -> check-limits -> execute)
  * evaluate, per symbol of the watchlist, in watchlist order: the symbol needs a bar on the
    previous session and at least MIN_SESSIONS bars up to and including it. Over its last WINDOW
    bars, the 52-week high is the highest max(high, close) (a missing high counts its close);
    the price is the previous session's close. The quantity is that of the highest tier reached,
    decided exactly: (high - price) * 100 >= tier_drop * high. No tier reached: no signal.
  * check-limits: shares used by a symbol in the New York month of the run's session = the sum
    over the ledger's orders of that symbol and month of their qty, except that an order the
    ledger knows as rejected or canceled counts only its filled shares (0). A signal asking for
    more than cap - used is clipped to what is left; nothing left: declined. Buying power
    (limits.check_buying_power, on by default): at the run instant the broker's buying power
    (below) is read once; each signal in turn is clipped to floor(what is left / price) shares,
    and declined when that is 0 ("short of cash"); a reservation spends qty * price of what is
    left. The reservation is recorded in the ledger with client_order_id
    <strategy>-<SYMBOL>-<YYYYMMDD>-1 (session date) and reference price = the signal's price.
  * execute: the new reservations are submitted to the simulated broker in watchlist order; a
    refusal makes the ledger order "rejected" at once. Then the ledger's earlier open orders are
    brought up to date from the broker (filled, or canceled). So the ledger learns of a fill or
    a cancel at the execute step of the first run after it (after that run's check-limits), and
    after the last session a final execute brings every order up to date; an order still open
    at the broker then stays "submitted".

THE ACCOUNT (the simulated broker; the same rules for the strategy and the benchmarks)
  * Deposits: the starting cash on the first session of the period; the monthly contribution on
    each month's first session whose day of month is >= CONTRIBUTION_DAY (a month without such a
    session in the period gets none); on the first session both arrive together. Deposits are
    made before the session opens; they are that session's flow.
  * Buying power = cash - the estimates of the orders still open. Submitting a buy of qty
    shares: estimate = adj(reference) * qty + commission_per_order + commission_per_share * qty,
    where reference = the symbol's close on or before the previous session and adj(p) =
    p * (10000 + SLIPPAGE_BPS) / 10000 rounded half away from zero to 1/10,000 dollar. The
    order is refused ("rejected") when estimate > buying power; otherwise it is open and
    commits its estimate.
  * Fill point: fill = "close": the close of the session the order was submitted in;
    fill = "next_open": the open of the next session (its close when the bar has no open). An
    order whose fill session has no bar of its symbol is canceled at that session's close.
    Orders due at the same instant are decided in submission order. Fill price = adj(point
    price). Cost = fill price * qty + commission_per_order + commission_per_share * qty. When
    the cost exceeds the cash held, the order is canceled; otherwise the cash pays the cost and
    the shares are held. Either way its estimate is released. Within a session: deposit, the
    orders due at the open, the run, the orders due at the close.
  * Account at each session's close: cash; holdings value = sum of shares * the symbol's latest
    close on or before the session; equity = cash + holdings value.

THE BENCHMARKS (own account each, funded with the same money, the same broker rules)
  * dca: on each session with a deposit, at the day's run instant, the buying power (in units
    of 1/10,000 dollar) is split in equal parts, part = floor(buying power / n), over the n
    watchlist symbols that have a close on or before the previous session; for each of them, in
    watchlist order, shares = floor((part - commission_per_order) /
    (adj(close) + commission_per_share)); a symbol with no whole share gets no order.
  * buy_and_hold: the same, with the period's whole money (starting cash and every
    contribution) deposited and invested on the first session only.

THE METRICS (of each account's curve of (session, equity E, flow F))
  * invested = sum of F; final equity; profit = final equity - invested; sessions; buys =
    number of filled orders; shares bought; commissions; final cash; cash_idle = mean of
    cash / equity over the sessions with equity > 0.
  * Daily time-weighted return r_i = (E_i - F_i) / E_(i-1) - 1, skipped when E_(i-1) <= 0. Growth
    index: 1 on the first session, times (1 + r_i) (flat on skipped days). total_return = last
    index - 1; annualised = (1 + total_return)^(365.25 / calendar days first..last) - 1.
  * Drawdown at a session = index / running peak of the index - 1 (a fall smaller than 1e-12
    counts as 0). max_drawdown.depth = -min; trough = the first session at the minimum; peak =
    the last session before it with drawdown 0; recovery = the first later session with
    drawdown 0 (none: null).
  * volatility = sample standard deviation of the r_i * sqrt(252); with rf_daily =
    (1 + risk_free_rate)^(1/252) - 1: sharpe = (mean r - rf_daily) / stdev * sqrt(252); sortino =
    (mean r - rf_daily) / sqrt(mean over all r of min(0, r - rf_daily)^2) * sqrt(252).
  * xirr: the annual rate r with sum of a_k (1 + r)^(-days_k / 365) = 0 (Actual/365 from the
    first flow), the flows a_k = -F on each session with a flow, and + the final equity on the
    last session.

Usage: backtest_oracle.py CSV FROM TO --symbols A,B --tiers 10:1,20:2,30:3 [--window 252]
       [--min-sessions 252] [--cap 4] [--strategy dip] [--cash 10000] [--contribution 0]
       [--contribution-day 1] [--fill close|next_open] [--slippage-bps 5]
       [--commission-per-order 0] [--commission-per-share 0] [--risk-free-rate 0 (percent)]
Prints a JSON document shaped like Stratus's backtest result (docs/contracts/backtest-result.md):
period, settings, strategies[].metrics, equity (sessions, strategy, cash, flow, dca, dca_cash,
buy_and_hold, buy_and_hold_cash, holdings), orders and positions (per symbol the strategy
holds at the end: shares, cost = fill prices and commissions paid, average_cost = cost / shares
and average_close = the mean close over the period's sessions, both rounded half up to 1/10,000
dollar, last_close, value = shares * last close, buys = filled orders).
"""
import argparse
import datetime as dt
import json
import sys
from decimal import ROUND_FLOOR, ROUND_HALF_UP, Decimal, getcontext
from zoneinfo import ZoneInfo

import pandas as pd
from dateutil.easter import easter

getcontext().prec = 50
UNIT = Decimal("0.0001")
NEW_YORK = ZoneInfo("America/New_York")
ZERO = Decimal(0)


# --- The XNYS calendar ----------------------------------------------------------------------------

def nth_weekday(year, month, weekday, n):
    """The n-th (1-based; -1: last) `weekday` (Monday 0) of the month."""
    if n > 0:
        d = dt.date(year, month, 1)
        d += dt.timedelta(days=(weekday - d.weekday()) % 7)
        return d + dt.timedelta(weeks=n - 1)
    d = dt.date(year + (month == 12), month % 12 + 1, 1) - dt.timedelta(days=1)
    return d - dt.timedelta(days=(d.weekday() - weekday) % 7)


def observed(d, saturday_to_friday=True):
    if d.weekday() == 6:
        return d + dt.timedelta(days=1)
    if d.weekday() == 5:
        return d - dt.timedelta(days=1) if saturday_to_friday else None
    return d


def holidays(year):
    days = {
        observed(dt.date(year, 1, 1), saturday_to_friday=False),
        nth_weekday(year, 1, 0, 3),   # Martin Luther King Jr. Day
        nth_weekday(year, 2, 0, 3),   # Washington's Birthday
        easter(year) - dt.timedelta(days=2),  # Good Friday
        nth_weekday(year, 5, 0, -1),  # Memorial Day
        observed(dt.date(year, 7, 4)),
        nth_weekday(year, 9, 0, 1),   # Labor Day
        nth_weekday(year, 11, 3, 4),  # Thanksgiving
        observed(dt.date(year, 12, 25)),
    }
    days.discard(None)
    return days


def is_session(d):
    return d.weekday() < 5 and d not in holidays(d.year)


def is_early_close(d):
    if d.month == 7 and d.day == 3 and d.weekday() <= 3:
        return True
    if d.month == 12 and d.day == 24 and d.weekday() <= 3:
        return True
    return d == nth_weekday(d.year, 11, 3, 4) + dt.timedelta(days=1)


def instant(d, hour, minute):
    """The UTC instant of New York wall time hour:minute on d, as Stratus prints it."""
    local = dt.datetime(d.year, d.month, d.day, hour, minute, tzinfo=NEW_YORK)
    return local.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def close_instant(d):
    return instant(d, 13, 0) if is_early_close(d) else instant(d, 16, 0)


def open_instant(d):
    return instant(d, 9, 30)


# --- Money ----------------------------------------------------------------------------------------

def adj(price, bps):
    """price raised by bps basis points, rounded half away from zero to 1/10,000 dollar."""
    return (price * (10000 + bps) / Decimal(10000)).quantize(UNIT, rounding=ROUND_HALF_UP)


def money(d):
    """Stratus's money text: 2 to 4 decimals."""
    text = f"{d.quantize(UNIT):f}"
    whole, frac = text.split(".")
    frac = frac.rstrip("0")
    return f"{whole}.{frac.ljust(2, '0')}"


# --- Data -----------------------------------------------------------------------------------------

class Bars:
    """Daily bars by symbol: dates (ISO text, ascending), open/high (Decimal or None), close."""

    def __init__(self, path, symbols):
        frame = pd.read_csv(path, dtype=str, keep_default_na=False)
        self.all_dates = sorted({dt.date.fromisoformat(d) for d in frame["date"].unique()})
        frame = frame[frame["Name"].isin(symbols)]
        self.by_symbol = {}
        for sym, g in frame.groupby("Name"):
            g = g.sort_values("date")
            dates = [dt.date.fromisoformat(d) for d in g["date"]]
            assert all(a < b for a, b in zip(dates, dates[1:])), f"{sym}: dates not increasing"
            opens = [Decimal(x) if x else None for x in g["open"]]
            highs = [Decimal(x) if x else None for x in g["high"]]
            closes = [Decimal(x) for x in g["close"]]
            tops = [max(h, c) if h is not None else c for h, c in zip(highs, closes)]
            self.by_symbol[sym] = {"dates": dates, "index": {d: i for i, d in enumerate(dates)},
                                   "open": opens, "close": closes, "top": tops}

    def bar_index(self, sym, day):
        s = self.by_symbol.get(sym)
        return None if s is None else s["index"].get(day)

    def last_index_on_or_before(self, sym, day):
        s = self.by_symbol.get(sym)
        if s is None:
            return None
        lo, hi = 0, len(s["dates"])
        while lo < hi:
            mid = (lo + hi) // 2
            if s["dates"][mid] <= day:
                lo = mid + 1
            else:
                hi = mid
        return lo - 1 if lo > 0 else None

    def close_on_or_before(self, sym, day):
        i = self.last_index_on_or_before(sym, day)
        return None if i is None else self.by_symbol[sym]["close"][i]


# --- The simulated broker -------------------------------------------------------------------------

class Broker:
    def __init__(self, bars, calendar, fill, bps, per_order, per_share):
        self.bars, self.calendar = bars, calendar
        self.fill, self.bps, self.per_order, self.per_share = fill, bps, per_order, per_share
        self.cash = ZERO
        self.open = []        # Accepted orders not yet decided, in submission order.
        self.orders = {}      # id -> order (dict), every order received.
        self.holdings = {}    # symbol -> shares
        self.fills = []

    def commission(self, qty):
        return self.per_order + self.per_share * qty

    def buying_power(self):
        return self.cash - sum(o["estimate"] for o in self.open)

    def submit(self, oid, sym, qty, previous_session, session):
        reference = self.bars.close_on_or_before(sym, previous_session)
        order = {"id": oid, "symbol": sym, "qty": qty, "state": "rejected"}
        self.orders[oid] = order
        if reference is None:
            return order
        estimate = adj(reference, self.bps) * qty + self.commission(qty)
        if estimate > self.buying_power():
            return order
        if self.fill == "close":
            fill_day = session
        else:
            fill_day = self.calendar.next_session(session)
        order.update(state="accepted", estimate=estimate, fill_day=fill_day)
        i = self.bars.bar_index(sym, fill_day) if fill_day else None
        if i is None:
            order["point"] = "close"  # No bar: it ends at that session's close.
        elif self.fill == "next_open" and self.bars.by_symbol[sym]["open"][i] is not None:
            order["point"] = "open"
        else:
            order["point"] = "close"
        self.open.append(order)
        return order

    def settle(self, day, point):
        """Decides the open orders due at `point` ("open" or "close") of session `day`."""
        still = []
        for o in self.open:
            if o["fill_day"] != day or o["point"] != point:
                still.append(o)
                continue
            sym, qty = o["symbol"], o["qty"]
            i = self.bars.bar_index(sym, day)
            at = open_instant(day) if point == "open" else close_instant(day)
            if i is None:
                o.update(state="canceled", decided_at=at)
                continue
            base = self.bars.by_symbol[sym]["open" if point == "open" else "close"][i]
            price = adj(base, self.bps)
            cost = price * qty + self.commission(qty)
            if cost > self.cash:
                o.update(state="canceled", decided_at=at)
                continue
            self.cash -= cost
            self.holdings[sym] = self.holdings.get(sym, 0) + qty
            o.update(state="filled", price=price, commission=self.commission(qty), decided_at=at)
            self.fills.append(o)
        self.open = still

    def holdings_value(self, day):
        return sum((self.bars.close_on_or_before(s, day) * n for s, n in self.holdings.items()),
                   ZERO)


class Calendar:
    def __init__(self, first, last):
        self.sessions = []
        d = first
        while d <= last:
            if is_session(d):
                self.sessions.append(d)
            d += dt.timedelta(days=1)
        self.position = {d: i for i, d in enumerate(self.sessions)}

    def previous_session(self, d):
        i = self.position[d]
        if i == 0:
            raise SystemExit(f"oracle: no session before {d} in the data")
        return self.sessions[i - 1]

    def next_session(self, d):
        i = self.position[d]
        return self.sessions[i + 1] if i + 1 < len(self.sessions) else None


# --- The period -----------------------------------------------------------------------------------

def funding(sessions, cash, contribution, day):
    flows = {}
    if cash > 0:
        flows[sessions[0]] = cash
    if contribution > 0:
        months = set()
        for d in sessions:
            if (d.year, d.month) in months or d.day < day:
                continue
            months.add((d.year, d.month))
            flows[d] = flows.get(d, ZERO) + contribution
    return flows


def evaluate(bars, sym, previous, window, min_sessions, tiers):
    """The signal's (qty, price), or None."""
    s = bars.by_symbol.get(sym)
    i = bars.bar_index(sym, previous)
    if s is None or i is None:
        return None
    start = max(0, i + 1 - window)
    if i + 1 - start < min_sessions:
        return None
    high = max(s["top"][start:i + 1])
    price = s["close"][i]
    qty = 0
    for threshold, tier_qty in tiers:
        if (high - price) * 100 >= threshold * high:
            qty = tier_qty
    return (qty, price) if qty > 0 else None


def run_strategy(a, bars, calendar, sessions, flows, tiers, symbols):
    broker = Broker(bars, calendar, a.fill, a.slippage_bps, a.commission_per_order,
                    a.commission_per_share)
    ledger = {}  # id -> {symbol, session, month, qty, price, state}
    by_month = {}  # (symbol, month) -> the ledger's orders
    pending = set()  # Ids of the orders the ledger shows as submitted.
    days = []

    def counted(order):
        return 0 if order["state"] in ("rejected", "canceled") else order["qty"]

    def learn(order):
        """The ledger takes the broker's decided state of an order it shows as submitted."""
        b = broker.orders[order["id"]]
        if order["state"] == "submitted" and b["state"] in ("filled", "canceled"):
            order["state"] = b["state"]

    for day in sessions:
        flow = flows.get(day, ZERO)
        if flow:
            broker.cash += flow
        broker.settle(day, "open")
        previous = calendar.previous_session(day)
        month = (day.year, day.month)
        new = []
        spendable = broker.buying_power()  # check-limits reads it once per run
        for sym in symbols:  # evaluate, then check-limits, in watchlist order
            signal = evaluate(bars, sym, previous, a.window, a.min_sessions, tiers)
            if signal is None:
                continue
            qty, price = signal
            used = sum(counted(o) for o in by_month.get((sym, month), []))
            qty = min(qty, a.cap - used)
            if spendable > 0:
                qty = min(qty, int((spendable / price).to_integral_value(rounding=ROUND_FLOOR)))
            else:
                qty = 0
            if qty <= 0:
                continue
            spendable -= price * qty
            oid = f"{a.strategy}-{sym}-{day:%Y%m%d}-1"
            ledger[oid] = {"id": oid, "symbol": sym, "session": day, "month": month, "qty": qty,
                           "price": price, "state": "reserved"}
            by_month.setdefault((sym, month), []).append(ledger[oid])
            new.append(oid)
        for oid in new:  # execute: submit the new ones...
            o = ledger[oid]
            b = broker.submit(oid, o["symbol"], o["qty"], previous, day)
            o["state"] = "rejected" if b["state"] == "rejected" else "submitted"
        for oid in sorted(pending):  # ...then reconcile the earlier open ones.
            learn(ledger[oid])
        pending = {oid for oid in pending | set(new) if ledger[oid]["state"] == "submitted"}
        broker.settle(day, "close")
        held = broker.holdings_value(day)
        days.append({"session": day, "cash": broker.cash, "holdings": held,
                     "equity": broker.cash + held, "flow": flow})
    for o in ledger.values():  # The final execute after the last session.
        learn(o)

    orders = []
    for o in sorted(ledger.values(), key=lambda o: (o["session"], o["id"])):
        b = broker.orders[o["id"]]
        filled = o["state"] == "filled"
        orders.append({
            "client_order_id": o["id"], "symbol": o["symbol"],
            "session": o["session"].isoformat(), "qty": o["qty"],
            "filled_qty": o["qty"] if filled else 0, "state": o["state"],
            "reference_price": money(o["price"]),
            "fill_price": money(b["price"]) if filled else None,
            "filled_at": b["decided_at"] if filled else None,
            "commission": money(b["commission"] if filled else ZERO)})
    return days, broker, orders


def run_benchmark(a, bars, calendar, sessions, flows, symbols, buy_and_hold):
    broker = Broker(bars, calendar, a.fill, a.slippage_bps, a.commission_per_order,
                    a.commission_per_share)
    if buy_and_hold and flows:
        flows = {sessions[0]: sum(flows.values(), ZERO)}
    days = []
    sequence = 0
    waiting = False  # Money arrived that nothing could be priced for yet.
    for day in sessions:
        flow = flows.get(day, ZERO)
        if flow:
            broker.cash += flow
        broker.settle(day, "open")
        if flow or waiting:
            previous = calendar.previous_session(day)
            priced = [(s, bars.close_on_or_before(s, previous)) for s in symbols]
            priced = [(s, c) for s, c in priced if c is not None]
            waiting = not priced
            if priced:
                part = (broker.buying_power() / len(priced)).quantize(UNIT, rounding=ROUND_FLOOR)
                for sym, close in priced:
                    per_share = adj(close, a.slippage_bps) + a.commission_per_share
                    budget = part - a.commission_per_order
                    if budget <= 0:
                        continue
                    shares = int((budget / per_share).to_integral_value(rounding=ROUND_FLOOR))
                    if shares <= 0:
                        continue
                    sequence += 1
                    broker.submit(f"bench-{sym}-{day.isoformat()}-{sequence}", sym, shares,
                                  previous, day)
        broker.settle(day, "close")
        held = broker.holdings_value(day)
        days.append({"session": day, "cash": broker.cash, "holdings": held,
                     "equity": broker.cash + held, "flow": flow})
    return days, broker


# --- Metrics --------------------------------------------------------------------------------------

def xirr(flows):
    """The rate r in (-0.9999, 100) with NPV 0 (Actual/365), by bisection to 1e-30; or None."""
    if not any(v < 0 for _, v in flows) or not any(v > 0 for _, v in flows):
        return None
    start = min(d for d, _ in flows)
    if all(d == start for d, _ in flows):
        return None

    def npv(rate):
        base = 1 + rate
        return sum((v * (base ** (-Decimal((d - start).days) / 365)) for d, v in flows), ZERO)

    low, high = Decimal("-0.9999"), Decimal(100)
    f_low, f_high = npv(low), npv(high)
    if (f_low < 0) == (f_high < 0):
        return None
    while high - low > Decimal("1e-30"):
        mid = (low + high) / 2
        f_mid = npv(mid)
        if (f_mid < 0) == (f_low < 0):
            low, f_low = mid, f_mid
        else:
            high = mid
    return (low + high) / 2


def metrics(days, broker, risk_free_percent):
    m = {"sessions": len(days)}
    invested = sum((d["flow"] for d in days), ZERO)
    final = days[-1]["equity"]
    m.update(invested=money(invested), final_equity=money(final), profit=money(final - invested),
             final_cash=money(days[-1]["cash"]), buys=len(broker.fills),
             shares_bought=sum(f["qty"] for f in broker.fills),
             commissions=money(sum((f["commission"] for f in broker.fills), ZERO)))
    with_equity = [d for d in days if d["equity"] > 0]
    m["cash_idle"] = (float(sum((d["cash"] / d["equity"] for d in with_equity), ZERO)
                            / len(with_equity)) if with_equity else 0.0)

    returns, index = [], [Decimal(1)]
    for prev, cur in zip(days, days[1:]):
        if prev["equity"] > 0:
            r = (cur["equity"] - cur["flow"]) / prev["equity"] - 1
            returns.append(r)
            index.append(index[-1] * (1 + r))
        else:
            index.append(index[-1])
    total = index[-1] - 1
    m["total_return"] = float(total)
    span = (days[-1]["session"] - days[0]["session"]).days
    m["annualised_return"] = (float((1 + total) ** (Decimal("365.25") / span) - 1)
                              if span > 0 and total > -1 else (-1.0 if span > 0 else 0.0))

    peak, drawdown = Decimal(0), []
    for v in index:
        peak = max(peak, v)
        fall = v / peak - 1
        drawdown.append(ZERO if fall > Decimal("-1e-12") else fall)
    lowest = min(drawdown)
    dd = {"depth": 0.0, "peak": None, "trough": None, "recovery": None}
    if lowest < 0:
        t = drawdown.index(lowest)
        p = max(i for i in range(t) if drawdown[i] == 0)
        rec = next((i for i in range(t + 1, len(days)) if drawdown[i] == 0), None)
        dd = {"depth": float(-lowest), "peak": days[p]["session"].isoformat(),
              "trough": days[t]["session"].isoformat(),
              "recovery": days[rec]["session"].isoformat() if rec is not None else None}
    m["max_drawdown"] = dd
    m["drawdown_series"] = [float(x) for x in drawdown]

    flows = [(d["session"], -d["flow"]) for d in days if d["flow"] != 0]
    flows.append((days[-1]["session"], final))
    rate = xirr(flows)
    m["xirr"] = float(rate) if rate is not None else None

    m["volatility"], m["sharpe"], m["sortino"] = 0.0, None, None
    if returns:
        n = len(returns)
        rf = (1 + Decimal(risk_free_percent) / 100) ** (Decimal(1) / 252) - 1
        mean = sum(returns, ZERO) / n
        stdev = ((sum(((r - mean) ** 2 for r in returns), ZERO) / (n - 1)).sqrt()
                 if n >= 2 else ZERO)
        root = Decimal(252).sqrt()
        m["volatility"] = float(stdev * root)
        if stdev > 0:
            m["sharpe"] = float((mean - rf) / stdev * root)
        downside = (sum((min(ZERO, r - rf) ** 2 for r in returns), ZERO) / n).sqrt()
        if downside > 0:
            m["sortino"] = float((mean - rf) / downside * root)
    return m


# --- Main -----------------------------------------------------------------------------------------

def main():
    ap = argparse.ArgumentParser(description="Independent oracle for `stratus backtest`.")
    ap.add_argument("csv")
    ap.add_argument("start")
    ap.add_argument("end")
    ap.add_argument("--symbols", required=True)
    ap.add_argument("--tiers", required=True, help="drop:qty,... e.g. 10:1,20:2,30:3")
    ap.add_argument("--window", type=int, default=252)
    ap.add_argument("--min-sessions", type=int, default=252)
    ap.add_argument("--cap", type=int, default=4)
    ap.add_argument("--strategy", default="dip")
    ap.add_argument("--cash", type=Decimal, default=Decimal("10000"))
    ap.add_argument("--contribution", type=Decimal, default=ZERO)
    ap.add_argument("--contribution-day", type=int, default=1)
    ap.add_argument("--fill", choices=["close", "next_open"], default="close")
    ap.add_argument("--slippage-bps", type=int, default=5)
    ap.add_argument("--commission-per-order", type=Decimal, default=ZERO)
    ap.add_argument("--commission-per-share", type=Decimal, default=ZERO)
    ap.add_argument("--risk-free-rate", type=Decimal, default=ZERO, help="annual percent")
    a = ap.parse_args()

    symbols = a.symbols.split(",")
    tiers = sorted((Decimal(t.split(":")[0]), int(t.split(":")[1])) for t in a.tiers.split(","))
    bars = Bars(a.csv, symbols)
    calendar = Calendar(bars.all_dates[0], bars.all_dates[-1])
    if calendar.sessions != bars.all_dates:
        extra = sorted(set(bars.all_dates) - set(calendar.sessions))
        missing = sorted(set(calendar.sessions) - set(bars.all_dates))
        raise SystemExit(f"oracle: the CSV's dates are not the XNYS sessions: not sessions "
                         f"{extra[:5]}, sessions without data {missing[:5]}")
    start, end = dt.date.fromisoformat(a.start), dt.date.fromisoformat(a.end)
    sessions = [d for d in calendar.sessions if start <= d <= end]
    if not sessions:
        raise SystemExit("oracle: no session in the period")
    flows = funding(sessions, a.cash, a.contribution, a.contribution_day)

    days, broker, orders = run_strategy(a, bars, calendar, sessions, flows, tiers, symbols)
    dca_days, dca = run_benchmark(a, bars, calendar, sessions, flows, symbols, False)
    bh_days, bh = run_benchmark(a, bars, calendar, sessions, flows, symbols, True)

    strategies = []
    for name, d, b in (("strategy", days, broker), ("dca", dca_days, dca),
                       ("buy_and_hold", bh_days, bh)):
        m = metrics(d, b, a.risk_free_rate)
        strategies.append({"name": name, "drawdown": m.pop("drawdown_series"), "metrics": m})

    def series(d, key):
        return [money(x[key]) for x in d]

    positions = []
    for sym in sorted(broker.holdings):
        fills = [f for f in broker.fills if f["symbol"] == sym]
        shares = broker.holdings[sym]
        cost = sum((f["price"] * f["qty"] + f["commission"] for f in fills), ZERO)
        closes = [bars.close_on_or_before(sym, d) for d in sessions
                  if bars.bar_index(sym, d) is not None]
        last = bars.close_on_or_before(sym, sessions[-1])
        positions.append({
            "symbol": sym, "shares": shares, "cost": money(cost),
            "average_cost": money((cost / shares).quantize(UNIT, rounding=ROUND_HALF_UP)),
            "average_close": money((sum(closes, ZERO) / len(closes)).quantize(
                UNIT, rounding=ROUND_HALF_UP)),
            "last_close": money(last), "value": money(last * shares), "buys": len(fills)})

    doc = {
        "version": 1, "kind": "backtest-oracle",
        "period": {"from": a.start, "to": a.end, "sessions": len(sessions)},
        "settings": {"starting_cash": money(a.cash), "monthly_contribution": money(a.contribution),
                     "contribution_day": a.contribution_day, "fill": a.fill,
                     "slippage_bps": a.slippage_bps,
                     "commission_per_order": money(a.commission_per_order),
                     "commission_per_share": money(a.commission_per_share),
                     "strategy": a.strategy, "watchlist": symbols,
                     "tiers": [{"drop_pct": f"{t:.2f}", "qty": q} for t, q in tiers],
                     "monthly_share_cap": a.cap},
        "strategies": strategies,
        "equity": {"sessions": [d.isoformat() for d in sessions],
                   "strategy": series(days, "equity"), "cash": series(days, "cash"),
                   "holdings": series(days, "holdings"), "flow": series(days, "flow"),
                   "dca": series(dca_days, "equity"), "dca_cash": series(dca_days, "cash"),
                   "buy_and_hold": series(bh_days, "equity"),
                   "buy_and_hold_cash": series(bh_days, "cash")},
        "orders": orders,
        "positions": positions,
    }
    json.dump(doc, sys.stdout, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
