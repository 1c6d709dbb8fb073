// Gathers a monthly report's input through the ports (see month_report_source.h).
#include "report/month_report_source.h"

#include <chrono>
#include <set>
#include <utility>

namespace stratus::report {

Result<MonthReportInput> load_month_report_input(Ledger& ledger, MarketData& market_data,
                                                 const LimitsConfig& limits, std::string_view month,
                                                 std::string profile) {
  auto first = parse_report_month(month);
  if (!first.ok()) return first.error();
  const std::chrono::year_month_day ymd{*first};
  const Date last_day{ymd.year() / ymd.month() / std::chrono::last};

  MonthReportInput input;
  input.month = std::string(month);
  input.profile = std::move(profile);
  input.limits = limits;
  auto orders = ledger.orders(OrderFilter{});
  if (!orders.ok()) return orders.error().within("ledger");
  std::set<std::string> symbols;
  for (OrderRecord& o : *orders) {
    if (o.session > last_day) continue;
    symbols.insert(o.symbol);
    input.orders.push_back(std::move(o));
  }
  for (const std::string& symbol : symbols) {
    auto bars = market_data.daily_bars(symbol, last_day, kReportBarsPerSymbol);
    if (!bars.ok()) {
      if (bars.error().code == ErrorCode::kNotFound) continue;
      return bars.error().within("market data for " + symbol);
    }
    input.bars.emplace(symbol, std::move(*bars));
  }
  return input;
}

}  // namespace stratus::report
