#include "backtest/backtest_text.h"

#include <fmt/format.h>

#include "domain/money.h"
#include "report/text_table.h"

namespace stratus {
namespace {

using Json = nlohmann::json;
using report::Align;
using report::Style;
using report::TextCell;
using report::TextTable;

std::string number_text(const Json& value) {
  return value.is_number() ? fmt::format("{:.2f}", value.get<double>()) : "-";
}

std::string date_range(const Json& drawdown) {
  if (drawdown.at("peak").is_null()) return "";
  return " (" + drawdown.at("peak").get<std::string>() + " to " +
         drawdown.at("trough").get<std::string>() + ")";
}

// A money string of the result rounded to cents (half away from zero), with thousands
// separators: "106,467.63".
std::string money_text(const Json& value) {
  const auto amount = Money::parse(value.get<std::string>());
  if (!amount.ok()) return value.get<std::string>();
  const std::int64_t units = amount->units();
  const std::int64_t magnitude = units < 0 ? -units : units;
  const std::int64_t cents = (magnitude + 50) / 100;
  std::string whole = std::to_string(cents / 100);
  for (int i = static_cast<int>(whole.size()) - 3; i > 0; i -= 3) {
    whole.insert(static_cast<std::size_t>(i), ",");
  }
  return fmt::format("{}{}.{:02d}", units < 0 ? "-" : "", whole, cents % 100);
}

}  // namespace

std::string percent_text(const Json& ratio) {
  return ratio.is_number() ? fmt::format("{:.2f}%", ratio.get<double>() * 100) : "-";
}

std::string render_backtest_text(const Json& result, bool color) {
  const Json& period = result.at("period");
  const Json& settings = result.at("settings");
  std::string out = fmt::format(
      "backtest  {} profile, {} to {} ({} sessions)\n"
      "data      {} ({} symbols, {} bars, adjustment {})\n"
      "account   start {}, {} a month on day {}, fills at the {}, slippage {} bps, commission {} "
      "per order + {} per share\n\n",
      result.at("profile").get<std::string>(), period.at("from").get<std::string>(),
      period.at("to").get<std::string>(), period.at("sessions").get<int>(),
      result.at("data").at("source").get<std::string>(),
      result.at("data").at("symbols").get<std::size_t>(),
      result.at("data").at("bars").get<std::size_t>(),
      result.at("data").at("adjustment").get<std::string>(),
      settings.at("starting_cash").get<std::string>(),
      settings.at("monthly_contribution").get<std::string>(),
      settings.at("contribution_day").get<int>(), settings.at("fill").get<std::string>(),
      settings.at("slippage_bps").get<int>(),
      settings.at("commission_per_order").get<std::string>(),
      settings.at("commission_per_share").get<std::string>());

  std::vector<TextTable::Column> columns = {{""}};
  for (const Json& s : result.at("strategies")) {
    columns.emplace_back(s.at("name").get<std::string>(), Align::kRight);
  }
  TextTable table(columns);
  const auto row = [&](const std::string& label, auto&& cell) {
    std::vector<TextCell> cells = {{label}};
    for (const Json& s : result.at("strategies")) cells.emplace_back(cell(s.at("metrics")));
    table.add_row(std::move(cells));
  };
  const auto text = [](const char* key) {
    return [key](const Json& m) { return money_text(m.at(key)); };
  };
  const auto percent = [](const char* key) {
    return [key](const Json& m) { return percent_text(m.at(key)); };
  };
  row("invested", text("invested"));
  row("final equity", text("final_equity"));
  row("profit", text("profit"));
  row("total return (time-weighted)", percent("total_return"));
  row("annualised return", percent("annualised_return"));
  row("money-weighted return (XIRR)", percent("xirr"));
  row("max drawdown",
      [](const Json& m) { return "-" + percent_text(m.at("max_drawdown").at("depth")); });
  row("volatility (annual)", percent("volatility"));
  row("Sharpe", [](const Json& m) { return number_text(m.at("sharpe")); });
  row("Sortino", [](const Json& m) { return number_text(m.at("sortino")); });
  row("buys", [](const Json& m) { return std::to_string(m.at("buys").get<std::size_t>()); });
  row("commissions", text("commissions"));
  row("cash idle (average)", percent("cash_idle"));
  row("final cash", text("final_cash"));
  out += table.render(color);

  const Json& strategy = result.at("strategies").at(0).at("metrics");
  out += fmt::format("\nstrategy's worst drawdown -{}{}\n",
                     percent_text(strategy.at("max_drawdown").at("depth")),
                     date_range(strategy.at("max_drawdown")));
  const Json& a = result.at("activity");
  out += fmt::format(
      "activity  {} runs, {} signals, {} orders ({} clipped), {} declined by caps, {} short of "
      "cash, {} refused by the broker, {} held back by rules\n",
      a.at("runs").get<std::size_t>(), a.at("signals").get<std::size_t>(),
      a.at("reserved").get<std::size_t>(), a.at("clipped").get<std::size_t>(),
      a.at("declined").get<std::size_t>(), a.at("short_of_cash").get<std::size_t>(),
      a.at("rejected").get<std::size_t>(), a.at("filtered").get<std::size_t>());

  const Json& positions = result.at("positions");
  if (!positions.empty()) {
    TextTable held({{"symbol"},
                    {"shares", Align::kRight},
                    {"avg cost", Align::kRight},
                    {"avg close", Align::kRight},
                    {"last close", Align::kRight},
                    {"value", Align::kRight},
                    {"buys", Align::kRight}});
    constexpr std::size_t kShown = 10;
    for (std::size_t i = 0; i < positions.size() && i < kShown; ++i) {
      const Json& p = positions[i];
      const bool cheaper = std::stod(p.at("average_cost").get<std::string>()) <=
                           std::stod(p.at("average_close").get<std::string>());
      held.add_row({{p.at("symbol").get<std::string>()},
                    {std::to_string(p.at("shares").get<std::int64_t>())},
                    {money_text(p.at("average_cost")), cheaper ? Style::kGreen : Style::kRed},
                    {money_text(p.at("average_close"))},
                    {money_text(p.at("last_close"))},
                    {money_text(p.at("value"))},
                    {std::to_string(p.at("buys").get<std::size_t>())}});
    }
    out += "\n" + held.render(color);
    if (positions.size() > kShown) {
      out += fmt::format("... and {} more positions\n", positions.size() - kShown);
    }
  }
  const Json& warnings = result.at("data").at("warnings");
  constexpr std::size_t kWarningsShown = 20;
  if (!warnings.empty()) out += "\n";
  for (std::size_t i = 0; i < warnings.size() && i < kWarningsShown; ++i) {
    out += "warning: " + warnings[i].at("message").get<std::string>() + "\n";
  }
  if (warnings.size() > kWarningsShown) {
    out += fmt::format("warning: ... and {} more suspicious moves (see result.json)\n",
                       warnings.size() - kWarningsShown);
  }
  return out;
}

}  // namespace stratus
