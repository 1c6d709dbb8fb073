// The charts of the backtest report, built from its result: the accounts' equity with the money
// paid in, their drawdowns, and a bought symbol's close, 52-week high and buys. The three
// accounts keep one colour class each across every chart (series_class()).
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "domain/money.h"
#include "report/backtest_result.h"
#include "report/line_chart_svg.h"

namespace stratus::report {

// The colour class of the account `name` at position `index` of the strategies:
// "s-strategy", "s-dca", "s-bh", or "s-x0".."s-x2" for other names.
std::string series_class(const std::string& name, std::size_t index);

// The account's name for headers and legends: "Strategy", "DCA", "Buy & hold", else its label.
std::string account_short_name(const StrategyResult& s);

// Value ticks for money in [low, high] (see price_ticks_cents: at most 5 intervals of 1, 2 or 5
// times a power of ten), labelled compactly: "$40k", "$10.5k", "$1.5M", "$950", "$10.50", "$0".
// REQUIRES: low <= high.
std::vector<ChartTick> money_ticks(Money low, Money high);

// Value ticks for drawdowns from 0 down to `deepest` (<= 0, a fraction), labelled "-10%",
// "-2.5%", "0%"; ascending.
std::vector<ChartTick> drawdown_ticks(double deepest);

// Every account's equity (polylines named after the accounts, drawn the strategy last so it is
// on top) and the cumulative money paid in ("invested").
// REQUIRES: !r.equity_sessions.empty().
LineChart equity_chart(const BacktestResult& r);
// Every account's drawdown in percent, the strategy's shaded.
// REQUIRES: !r.equity_sessions.empty().
LineChart drawdown_chart(const BacktestResult& r);
// The symbol's close ("close"), 52-week high ("high_52w") and one marker (class "buy s-buy") per
// buy with a tooltip "AAPL 2015-08-24: bought 2 at $103.17". A buy whose session is not a chart
// session is drawn at the next one (or the last).
// REQUIRES: !c.sessions.empty().
LineChart symbol_chart(const SymbolChart& c);

// The legends of those charts (accounts by their short names).
std::vector<LegendEntry> equity_legend(const BacktestResult& r);
std::vector<LegendEntry> drawdown_legend(const BacktestResult& r);
std::vector<LegendEntry> symbol_legend();

}  // namespace stratus::report
