#!/usr/bin/python3
"""Reference values for performance_test.cc's 300-session curve, computed with numpy/pandas.

Run with Debian's Python (numpy and pandas installed):  /usr/bin/python3 src/backtest/performance_reference.py
and paste the printed constants into performance_test.cc. Not run by ctest.

The curve (built identically by the C++ test, all amounts exact in 1/10,000 dollar):
  sessions: 300 weekdays from 2021-01-04;
  sessions 0-2: equity 0 (nothing invested yet);
  session 3: first contribution of 10,000.00, equity 10,000.00;
  later sessions: the day's return in parts per million is
      ppm(i) = round(9000 * sin(0.37 * i) + 7000 * sin(i / 23)) + 700,
    the move is floor(previous equity units * ppm / 1,000,000) units, and the equity is the
    previous equity + move + flow; the flow is 1,000.00 on the first session of each month after
    the first contribution's month, and -2,500.00 (a withdrawal) on session 200.
"""

import math

import numpy as np
import pandas as pd

UNITS = 10000
RF = 0.02
SESSIONS = 300


def ppm(i):
    x = 9000 * math.sin(0.37 * i) + 7000 * math.sin(i / 23)
    # Ties would make the rounding rule matter; the curve has none.
    assert abs(abs(x - math.floor(x)) - 0.5) > 1e-6, i
    return int(math.floor(x + 0.5)) + 700


def build_curve():
    dates = pd.bdate_range("2021-01-04", periods=SESSIONS)
    equity, flow = [], []
    for i, d in enumerate(dates):
        if i < 3:
            e, f = 0, 0
        elif i == 3:
            e, f = 10000 * UNITS, 10000 * UNITS
        else:
            f = 0
            if d.month != dates[i - 1].month:
                f += 1000 * UNITS
            if i == 200:
                f += -2500 * UNITS
            prev = equity[-1]
            e = prev + (prev * ppm(i)) // 1000000 + f
        equity.append(e)
        flow.append(f)
    return pd.DataFrame({"equity": equity, "flow": flow}, index=dates)


def xirr(flows):
    """Bisection on the Actual/365 net present value, to 1e-14."""
    t0 = min(d for d, _ in flows)

    def npv(r):
        return sum(a / (1 + r) ** ((d - t0).days / 365.0) for d, a in flows)

    lo, hi = -0.9999, 100.0
    flo = npv(lo)
    assert flo * npv(hi) < 0
    while hi - lo > 1e-14:
        mid = (lo + hi) / 2
        fm = npv(mid)
        if (fm < 0) == (flo < 0):
            lo, flo = mid, fm
        else:
            hi = mid
    return (lo + hi) / 2


def main():
    c = build_curve()
    eq = c["equity"].astype(float) / UNITS
    fl = c["flow"].astype(float) / UNITS
    prev = eq.shift(1)
    valid = prev > 0
    r = ((eq - fl) / prev - 1)[valid]
    index = (1 + r).reindex(c.index).fillna(1.0).cumprod()
    dd = index / index.cummax() - 1

    total = index.iloc[-1] - 1
    days = (c.index[-1] - c.index[0]).days
    annualised = (1 + total) ** (365.25 / days) - 1
    sd = r.std(ddof=1)
    rf_daily = (1 + RF) ** (1 / 252) - 1
    excess = r - rf_daily
    sharpe = excess.mean() / sd * np.sqrt(252)
    downside = np.sqrt((np.minimum(0.0, excess) ** 2).mean())
    sortino = excess.mean() / downside * np.sqrt(252)

    trough = dd.idxmin()
    peak_value = index.cummax()[trough]
    peak = index[:trough][index[:trough] == peak_value].index[-1]
    after = index[trough:]
    recovered = after[after >= peak_value]
    recovery = recovered.index[0].date() if len(recovered) else None

    flows = [(d, -f) for d, f in fl.items() if f != 0] + [(c.index[-1], eq.iloc[-1])]

    print(f"returns            {len(r)}")
    print(f"invested units     {int(c['flow'].sum())}")
    print(f"final equity units {int(c['equity'].iloc[-1])}")
    print(f"total_return       {total:.17g}")
    print(f"annualised_return  {annualised:.17g}")
    print(f"volatility         {sd * np.sqrt(252):.17g}")
    print(f"sharpe (rf 0.02)   {sharpe:.17g}")
    print(f"sortino (rf 0.02)  {sortino:.17g}")
    print(f"max drawdown       {-dd.min():.17g}")
    print(f"peak               {peak.date()}")
    print(f"trough             {trough.date()}")
    print(f"recovery           {recovery}")
    print(f"xirr               {xirr(flows):.17g}")


if __name__ == "__main__":
    main()
