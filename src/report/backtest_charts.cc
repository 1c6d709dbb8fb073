// The backtest report's charts (see backtest_charts.h).
#include "report/backtest_charts.h"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "report/backtest_format.h"
#include "report/price_chart_svg.h"

namespace stratus::report {
namespace {

constexpr std::int64_t kUnitsPerCent = Money::kUnitsPerDollar / 100;

double dollars(Money m) {
  return static_cast<double>(m.units()) / static_cast<double>(Money::kUnitsPerDollar);
}

std::int64_t floor_cents(Money m) {
  const std::int64_t u = m.units();
  return u / kUnitsPerCent - (u % kUnitsPerCent < 0 ? 1 : 0);
}

std::int64_t ceil_cents(Money m) { return -floor_cents(Money::from_units(-m.units())); }

// `cents` in `unit` (100,000 cents = $1k) with as many decimals as `step` needs, then `suffix`.
std::string scaled(std::int64_t cents, std::int64_t step, std::int64_t unit, const char* suffix) {
  if (cents == 0) return "$0";
  int decimals = 0;
  for (std::int64_t s = unit; decimals < 3 && step % s != 0; s /= 10) ++decimals;
  const double value = static_cast<double>(cents) / static_cast<double>(unit);
  std::string number = fmt::format("{:.{}f}", value, decimals);
  // "10.0" -> "10", "10.50" -> "10.5": the tick's own digits only.
  if (number.find('.') != std::string::npos) {
    while (number.back() == '0') number.pop_back();
    if (number.back() == '.') number.pop_back();
  }
  return (cents < 0 ? "-$" : "$") + (number.front() == '-' ? number.substr(1) : number) + suffix;
}

std::string money_tick_label(std::int64_t cents, std::int64_t step, std::int64_t top) {
  if (top >= 100'000'000 && step >= 1'000'000) return scaled(cents, step, 100'000'000, "M");
  if (top >= 1'000'000 && step >= 10'000) return scaled(cents, step, 100'000, "k");
  const Money m = Money::from_units(cents * kUnitsPerCent);
  std::string text = money_text(m);
  // Whole dollars need no decimals on an axis of whole-dollar steps.
  if (step % 100 == 0 && text.ends_with(".00")) text.resize(text.size() - 3);
  return text;
}

// Where a buy is drawn: its session's place, else the next session's, else the last one.
std::size_t session_index(const std::vector<Date>& sessions, Date session) {
  const auto it = std::lower_bound(sessions.begin(), sessions.end(), session);
  if (it == sessions.end()) return sessions.size() - 1;
  return static_cast<std::size_t>(it - sessions.begin());
}

std::vector<double> to_dollars(const std::vector<Money>& values) {
  std::vector<double> out;
  out.reserve(values.size());
  for (Money m : values) out.push_back(dollars(m));
  return out;
}

}  // namespace

std::string series_class(const std::string& name, std::size_t index) {
  if (name == "strategy") return "s-strategy";
  if (name == "dca") return "s-dca";
  if (name == "buy_and_hold") return "s-bh";
  return "s-x" + std::to_string(index % 3);
}

std::string account_short_name(const StrategyResult& s) {
  if (s.name == "strategy") return "Strategy";
  if (s.name == "dca") return "DCA";
  if (s.name == "buy_and_hold") return "Buy & hold";
  return s.label;
}

std::vector<ChartTick> money_ticks(Money low, Money high) {
  const std::int64_t low_cents = std::max<std::int64_t>(0, floor_cents(low));
  const std::int64_t high_cents = std::max(low_cents, ceil_cents(high));
  const std::vector<std::int64_t> ticks = price_ticks_cents(low_cents, high_cents);
  const std::int64_t step = ticks[1] - ticks[0];
  std::vector<ChartTick> out;
  for (std::int64_t t : ticks) {
    out.push_back({static_cast<double>(t) / 100.0, money_tick_label(t, step, ticks.back())});
  }
  return out;
}

std::vector<ChartTick> drawdown_ticks(double deepest) {
  // In hundredths of a percent (basis points), positive downwards.
  const double depth_bp = std::isfinite(deepest) ? std::max(0.0, -deepest * 10000.0) : 0.0;
  const auto bp = static_cast<std::int64_t>(std::ceil(std::min(depth_bp, 1e6)));
  const std::vector<std::int64_t> ticks = price_ticks_cents(0, std::max<std::int64_t>(bp, 1));
  const std::int64_t step = ticks[1] - ticks[0];
  const int decimals = step % 100 == 0 ? 0 : step % 10 == 0 ? 1 : 2;
  std::vector<ChartTick> out;
  for (auto t = ticks.rbegin(); t != ticks.rend(); ++t) {
    const double fraction = -static_cast<double>(*t) / 10000.0;
    const std::string label = *t == 0 ? "0%" : fmt::format("{:.{}f}%", fraction * 100.0, decimals);
    out.push_back({fraction, label});
  }
  return out;
}

LineChart equity_chart(const BacktestResult& r) {
  LineChart chart;
  chart.kind = "equity";
  chart.sessions = r.equity_sessions;
  Money low = r.invested.front(), high = r.invested.front();
  for (Money m : r.invested) {
    low = std::min(low, m);
    high = std::max(high, m);
  }
  for (const StrategyResult& s : r.strategies) {
    for (const Amount& a : s.equity) {
      low = std::min(low, a.value);
      high = std::max(high, a.value);
    }
  }
  chart.y_ticks = money_ticks(low, high);
  chart.series.push_back({"invested", "s-invested", to_dollars(r.invested), false});
  for (std::size_t i = r.strategies.size(); i-- > 0;) {
    const StrategyResult& s = r.strategies[i];
    ChartSeries series{s.name, series_class(s.name, i), {}, false};
    series.values.reserve(s.equity.size());
    for (const Amount& a : s.equity) series.values.push_back(dollars(a.value));
    chart.series.push_back(std::move(series));
  }
  chart.aria_label =
      fmt::format("Equity of {} account(s) and the money paid in, {} to {}", r.strategies.size(),
                  format_date(r.equity_sessions.front()), format_date(r.equity_sessions.back()));
  return chart;
}

LineChart drawdown_chart(const BacktestResult& r) {
  LineChart chart;
  chart.kind = "drawdown";
  chart.sessions = r.equity_sessions;
  double deepest = 0;
  for (const StrategyResult& s : r.strategies) {
    for (double d : s.drawdown) deepest = std::min(deepest, d);
  }
  chart.y_ticks = drawdown_ticks(deepest);
  const double floor = chart.y_ticks.front().value;
  for (std::size_t i = r.strategies.size(); i-- > 0;) {
    const StrategyResult& s = r.strategies[i];
    ChartSeries series{s.name, series_class(s.name, i), {}, i == 0};
    series.values.reserve(s.drawdown.size());
    // The axis ends at 0: a (contract-breaking) positive value is drawn at 0.
    for (double d : s.drawdown) series.values.push_back(std::clamp(d, floor, 0.0));
    chart.series.push_back(std::move(series));
  }
  chart.aria_label =
      fmt::format("Drawdown from the running peak of {} account(s), {} to {}", r.strategies.size(),
                  format_date(r.equity_sessions.front()), format_date(r.equity_sessions.back()));
  return chart;
}

LineChart symbol_chart(const SymbolChart& c) {
  LineChart chart;
  chart.kind = "symbol";
  chart.sessions = c.sessions;
  Money low = c.close.front(), high = c.close.front();
  for (std::size_t i = 0; i < c.close.size(); ++i) {
    low = std::min({low, c.close[i], c.high_52w[i]});
    high = std::max({high, c.close[i], c.high_52w[i]});
  }
  for (const ChartBuy& b : c.buys) {
    low = std::min(low, b.price.value);
    high = std::max(high, b.price.value);
  }
  chart.y_ticks = money_ticks(low, high);
  chart.series.push_back({"high_52w", "s-high", to_dollars(c.high_52w), false});
  chart.series.push_back({"close", "s-close", to_dollars(c.close), false});
  for (const ChartBuy& b : c.buys) {
    chart.markers.push_back({session_index(c.sessions, b.session), dollars(b.price.value),
                             "buy s-buy",
                             fmt::format("{} {}: bought {} at {}", c.symbol, format_date(b.session),
                                         count_text(b.qty), money_text(b.price))});
  }
  chart.data = {{"symbol", c.symbol}, {"buys", std::to_string(c.buys.size())}};
  chart.aria_label =
      fmt::format("{}: daily close and 52-week high, {} to {}, {} buy(s)", c.symbol,
                  format_date(c.sessions.front()), format_date(c.sessions.back()), c.buys.size());
  return chart;
}

std::vector<LegendEntry> equity_legend(const BacktestResult& r) {
  std::vector<LegendEntry> out;
  for (std::size_t i = 0; i < r.strategies.size(); ++i) {
    out.push_back({series_class(r.strategies[i].name, i), account_short_name(r.strategies[i]),
                   LegendKey::kLine});
  }
  out.push_back({"s-invested", "Money paid in", LegendKey::kLine});
  return out;
}

std::vector<LegendEntry> drawdown_legend(const BacktestResult& r) {
  std::vector<LegendEntry> out;
  for (std::size_t i = 0; i < r.strategies.size(); ++i) {
    out.push_back({series_class(r.strategies[i].name, i), account_short_name(r.strategies[i]),
                   i == 0 ? LegendKey::kArea : LegendKey::kLine});
  }
  return out;
}

std::vector<LegendEntry> symbol_legend() {
  return {{"s-close", "Close", LegendKey::kLine},
          {"s-high", "52-week high", LegendKey::kDashed},
          {"s-buy", "Buy (fill price)", LegendKey::kMarker}};
}

}  // namespace stratus::report
