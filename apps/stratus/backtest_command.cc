// `stratus backtest` (see backtest_command.h).
#include "apps/stratus/backtest_command.h"

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <memory>

#include <fmt/format.h>

#include "adapters/clock/settable_clock.h"
#include "adapters/sim/csv_market_data.h"
#include "apps/stratus/progress_bar.h"
#include "apps/stratus/wiring.h"
#include "backtest/backtest_csv.h"
#include "backtest/backtest_json.h"
#include "backtest/backtest_outcome.h"
#include "backtest/backtest_text.h"
#include "backtest/counting_event_sink.h"
#include "report/backtest_report_html.h"

namespace stratus {
namespace {

struct BacktestOptions {
  std::string from;
  std::string to;
  std::string data;
  std::string layout;
  std::string symbols;
  std::string cash;
  std::string contribution;
  std::string fill;
  std::string out;
  bool json = false;
  bool quiet = false;
};

// Splits "AAPL,MSFT" into symbols; empty entries are an error.
Result<std::vector<std::string>> symbol_list(const std::string& text) {
  std::vector<std::string> symbols;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t comma = std::min(text.find(',', start), text.size());
    std::string symbol = text.substr(start, comma - start);
    if (symbol.empty()) {
      return Error::invalid_input("--symbols \"" + text +
                                  "\": expected \"all\" or symbols separated by commas, e.g. "
                                  "\"AAPL,MSFT\"");
    }
    symbols.push_back(std::move(symbol));
    start = comma + 1;
  }
  return symbols;
}

// Applies the command line's overrides of the profile: --symbols, --cash, --contribution, --fill.
// ("--symbols all" is applied once the data is loaded.)
Status apply_overrides(const BacktestOptions& options, Config& config) {
  if (!options.symbols.empty() && options.symbols != "all") {
    STRATUS_ASSIGN_OR_RETURN(config.watchlist, symbol_list(options.symbols));
  }
  const auto money = [](const std::string& text, const char* flag) -> Result<Money> {
    auto amount = Money::parse(text);
    if (!amount.ok() || *amount < Money()) {
      return Error::invalid_input(std::string(flag) + " \"" + text +
                                  "\": expected a dollar amount >= 0 with at most 4 decimals, "
                                  "e.g. \"10000\" or \"250.50\"");
    }
    return *amount;
  };
  if (!options.cash.empty()) {
    STRATUS_ASSIGN_OR_RETURN(config.backtest.starting_cash, money(options.cash, "--cash"));
  }
  if (!options.contribution.empty()) {
    STRATUS_ASSIGN_OR_RETURN(config.backtest.monthly_contribution,
                             money(options.contribution, "--contribution"));
  }
  if (!options.fill.empty()) {
    auto point = parse_fill_point(options.fill);
    if (!point.ok()) return point.error().within("--fill");
    config.backtest.fill = options.fill;
  }
  if (!config.backtest.starting_cash.is_positive() &&
      !config.backtest.monthly_contribution.is_positive()) {
    return Error::invalid_input(
        "the account never receives money: set backtest.starting_cash or "
        "backtest.monthly_contribution (or --cash / --contribution) above 0");
  }
  return {};
}

// The market data of the backtest: the CSV of --data or data.path (kept whole for "--symbols
// all", which then becomes the watchlist), or Alpaca's history through `wiring`.
struct LoadedData {
  std::unique_ptr<CsvMarketData> csv;  // Set for CSV data.
  MarketData* data = nullptr;
  DataDescription description;
};

Result<LoadedData> load_data(const BacktestOptions& options, Config& config, Wiring& wiring) {
  LoadedData loaded;
  const bool all = options.symbols == "all";
  if (options.data.empty() && config.data.kind == "alpaca") {
    if (all) {
      return Error::invalid_input(
          "--symbols all needs a CSV file: with Alpaca data, list the symbols");
    }
    STRATUS_ASSIGN_OR_RETURN(loaded.data, wiring.market_data());
    loaded.description.source =
        "alpaca (feed " + config.alpaca.feed + ", adjustment " + config.alpaca.adjustment + ")";
    loaded.description.symbols = config.watchlist.size();
    loaded.description.adjustment = config.alpaca.adjustment;
    return loaded;
  }
  const std::string path = options.data.empty() ? config.data.path : options.data;
  STRATUS_ASSIGN_OR_RETURN(
      const CsvLayout layout,
      parse_csv_layout(options.layout.empty() ? config.data.layout : options.layout));
  STRATUS_ASSIGN_OR_RETURN(
      loaded.csv,
      CsvMarketData::load(path, layout, all ? std::vector<std::string>{} : config.watchlist));
  if (all) config.watchlist = loaded.csv->symbols();
  loaded.data = loaded.csv.get();
  loaded.description.source = path;
  loaded.description.symbols = loaded.csv->symbols().size();
  loaded.description.bars = loaded.csv->bar_count();
  return loaded;
}

Status write_file(const std::filesystem::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  out.close();
  if (!out) return Error::unavailable("cannot write the file", path.string());
  return {};
}

// Writes result.json, equity.csv, orders.csv and report.html into `dir` (created if missing).
Status write_outputs(const std::string& dir, const Json& result) {
  STRATUS_ASSIGN_OR_RETURN(const std::string html, report::render_backtest_html(result));
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return Error::unavailable("cannot create the directory: " + ec.message(), dir);
  const std::filesystem::path base(dir);
  STRATUS_RETURN_IF_ERROR(write_file(base / "result.json", result.dump(1) + "\n"));
  STRATUS_RETURN_IF_ERROR(write_file(base / "equity.csv", equity_csv(result)));
  STRATUS_RETURN_IF_ERROR(write_file(base / "orders.csv", orders_csv(result)));
  return write_file(base / "report.html", html);
}

int backtest_command(const GlobalOptions& global, const BacktestOptions& options) {
  auto range = parse_date_range(options.from, options.to);
  if (!range.ok()) return report_error(range.error());
  const auto [from, to] = *range;
  const auto env = read_environment();
  auto config = load_effective_config(global, env);
  if (!config.ok()) return report_error(config.error());
  if (const Status applied = apply_overrides(options, *config); !applied.ok()) {
    return report_error(applied.error());
  }

  // The wiring's clock stands at the period's end: Alpaca history is fetched through it.
  SettableClock data_clock(new_york_instant(to, TimeOfDay{23 * 60 + 59}));
  Wiring wiring(*config, data_clock, env);
  auto calendar = wiring.calendar();
  if (!calendar.ok()) return report_error(calendar.error());
  auto loaded = load_data(options, *config, wiring);
  if (!loaded.ok()) return report_error(loaded.error());
  auto settings = backtest_settings(*config, from, to);
  if (!settings.ok()) return report_error(settings.error());

  CountingEventSink audit;
  auto outcome = [&] {
    ProgressBar bar("backtest", !options.quiet);
    return backtest_with_benchmarks(
        *config, **calendar, *loaded->data, audit, *settings, loaded->description,
        [&bar](std::size_t done, std::size_t total) { bar.update(done, total); });
  }();
  if (!outcome.ok()) return report_error(outcome.error());
  auto result = backtest_result_json(*config, *outcome, *loaded->data);
  if (!result.ok()) return report_error(result.error());

  if (!options.out.empty()) {
    if (const Status written = write_outputs(options.out, *result); !written.ok()) {
      return report_error(written.error());
    }
  }
  if (options.json) {
    fmt::print("{}\n", result->dump());
  } else {
    fmt::print("{}", render_backtest_text(*result, isatty(STDOUT_FILENO) == 1));
    if (!options.out.empty()) fmt::print("\nwritten to {}/\n", options.out);
  }
  return kExitOk;
}

}  // namespace

void add_backtest_commands(CLI::App& app, const GlobalOptions& global, CommandTable& table) {
  auto options = std::make_shared<BacktestOptions>();
  auto* command = app.add_subcommand(
      "backtest",
      "replay a period through the five functions with a simulated broker and account, against "
      "dollar-cost averaging and buy-and-hold");
  command->add_option("--from", options->from, "first session (YYYY-MM-DD)")->required();
  command->add_option("--to", options->to, "last session (YYYY-MM-DD)")->required();
  command->add_option("--data", options->data, "a CSV file of daily bars (default: data.path)")
      ->type_name("FILE");
  command->add_option("--layout", options->layout, "the CSV layout: sp500 or generic");
  command->add_option("--symbols", options->symbols,
                      "the watchlist instead of the profile's: \"AAPL,MSFT\", or \"all\" (every "
                      "symbol in the CSV)");
  command->add_option("--cash", options->cash, "starting cash (default: backtest.starting_cash)");
  command->add_option("--contribution", options->contribution,
                      "monthly contribution (default: backtest.monthly_contribution)");
  command->add_option("--fill", options->fill, "fill price point: close or next_open");
  command
      ->add_option("--out", options->out,
                   "write result.json, equity.csv, orders.csv and report.html (self-contained) "
                   "into this directory")
      ->type_name("DIR");
  command->add_flag("--json", options->json, "print the result document as JSON");
  command->add_flag("--quiet", options->quiet, "no progress on stderr");
  table.add(command, [&global, options] { return backtest_command(global, *options); });
}

}  // namespace stratus
