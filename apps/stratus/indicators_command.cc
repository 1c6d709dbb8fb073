// `stratus indicators` (see indicators_command.h).
#include "apps/stratus/indicators_command.h"

#include <charconv>
#include <cmath>
#include <limits>
#include <memory>
#include <string>
#include <variant>
#include <vector>

#include <fmt/format.h>

#include "adapters/sim/csv_market_data.h"
#include "config/rule_setting.h"
#include "domain/indicators/bar_columns.h"
#include "domain/rules/rule.h"

namespace stratus {
namespace {

struct IndicatorsOptions {
  std::string data;
  std::string layout;
  std::string symbol;
  std::vector<std::string> expressions;
  std::string from;
  std::string to;
};

// The shortest text that reads back as the same double.
std::string number_text(double value) {
  char text[32];
  const auto result = std::to_chars(std::begin(text), std::end(text), value);
  return std::string(text, result.ptr);
}

// A CSV field (RFC 4180): quoted when it holds a comma, a quote or a line break.
std::string csv_field(const std::string& text) {
  if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
  std::string out = "\"";
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

Result<std::vector<rules::Rule>> parse_expressions(const std::vector<std::string>& texts) {
  std::vector<rules::Rule> parsed;
  for (const std::string& text : texts) {
    auto rule = rules::Rule::parse(text);
    if (const auto* error = std::get_if<rules::RuleError>(&rule)) {
      return Error::invalid_input("--expr \"" + text + "\": " + error->to_string() + "\n" +
                                  rule_error_excerpt(text, *error));
    }
    parsed.push_back(std::get<rules::Rule>(std::move(rule)));
  }
  return parsed;
}

Result<std::optional<Date>> optional_date(const std::string& text, const char* flag) {
  if (text.empty()) return std::optional<Date>();
  auto date = parse_date(text);
  if (!date.ok()) return date.error().within(flag);
  return std::optional<Date>(*date);
}

Result<std::pair<std::string, CsvLayout>> data_source(const GlobalOptions& global,
                                                      const IndicatorsOptions& options) {
  if (!options.data.empty()) {
    STRATUS_ASSIGN_OR_RETURN(CsvLayout layout,
                             parse_csv_layout(options.layout.empty() ? "sp500" : options.layout));
    return std::make_pair(options.data, layout);
  }
  STRATUS_ASSIGN_OR_RETURN(Config config, load_effective_config(global, read_environment()));
  if (config.data.kind != "csv") {
    return Error::invalid_input("data.kind is \"" + config.data.kind +
                                "\": give a CSV file with --data");
  }
  STRATUS_ASSIGN_OR_RETURN(
      CsvLayout layout,
      parse_csv_layout(options.layout.empty() ? config.data.layout : options.layout));
  return std::make_pair(config.data.path, layout);
}

int indicators_command(const GlobalOptions& global, const IndicatorsOptions& options) {
  auto expressions = parse_expressions(options.expressions);
  if (!expressions.ok()) return report_error(expressions.error());
  auto from = optional_date(options.from, "--from");
  if (!from.ok()) return report_error(from.error());
  auto to = optional_date(options.to, "--to");
  if (!to.ok()) return report_error(to.error());
  if (*from && *to && **from > **to) {
    return report_error(
        Error::invalid_input("--from " + options.from + " is after --to " + options.to));
  }
  auto source = data_source(global, options);
  if (!source.ok()) return report_error(source.error());
  auto data = CsvMarketData::load(source->first, source->second, {options.symbol});
  if (!data.ok()) return report_error(data.error());
  auto bars =
      (*data)->daily_bars(options.symbol, Date::max(), std::numeric_limits<std::size_t>::max());
  if (!bars.ok()) return report_error(bars.error());

  std::vector<const rules::Rule*> all;
  for (const rules::Rule& rule : *expressions) all.push_back(&rule);
  const std::vector<rules::IndicatorUse> uses = rules::collect_uses(all);
  const indicators::BarColumns columns = indicators::to_columns(*bars);
  const rules::IndicatorTable table = rules::IndicatorTable::series(uses, columns);
  std::vector<std::vector<double>> values(all.size(), std::vector<double>(columns.size()));
  for (std::size_t e = 0; e < all.size(); ++e) all[e]->evaluate_series(table, values[e]);

  std::string out = "date";
  for (const rules::Rule* rule : all) out += "," + csv_field(rule->canonical());
  out += '\n';
  for (std::size_t row = 0; row < columns.size(); ++row) {
    const Date session = columns.sessions[row];
    if ((*from && session < **from) || (*to && session > **to)) continue;
    out += format_date(session);
    for (std::size_t e = 0; e < all.size(); ++e) {
      out += ',';
      const double v = values[e][row];
      if (std::isnan(v)) continue;
      if (all[e]->type() == rules::RuleType::kCondition) {
        out += v != 0.0 ? "true" : "false";
      } else {
        out += number_text(v);
      }
    }
    out += '\n';
    if (out.size() > (1U << 16)) {
      fmt::print("{}", out);
      out.clear();
    }
  }
  fmt::print("{}", out);
  return kExitOk;
}

}  // namespace

void add_indicators_commands(CLI::App& app, const GlobalOptions& global, CommandTable& table) {
  auto options = std::make_shared<IndicatorsOptions>();
  auto* command = app.add_subcommand(
      "indicators", "print indicator and rule values for one symbol, one CSV row per session");
  command->add_option("--data", options->data, "the CSV file (default: the profile's data.path)")
      ->type_name("FILE");
  command->add_option("--layout", options->layout, "the CSV layout: sp500 (default) or generic");
  command->add_option("--symbol", options->symbol, "the symbol")->required();
  command
      ->add_option("--expr", options->expressions,
                   "an expression, e.g. \"rsi(14)\" or \"close > sma(200) * 0.9\" (repeatable)")
      ->required();
  command->add_option("--from", options->from, "first session printed (YYYY-MM-DD)");
  command->add_option("--to", options->to, "last session printed (YYYY-MM-DD)");
  table.add(command, [&global, options] { return indicators_command(global, *options); });
}

}  // namespace stratus
