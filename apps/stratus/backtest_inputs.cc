#include "apps/stratus/backtest_inputs.h"

#include <fstream>

namespace stratus {
namespace {

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
Status apply_overrides(const BacktestInputOptions& options, Config& config) {
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

// Loads the market data of the backtest into `loaded`: the CSV of --data or data.path (kept whole
// for "--symbols all", which then becomes the watchlist), or Alpaca's history through `wiring`.
Status load_data(const BacktestInputOptions& options, BacktestInputs& loaded) {
  Config& config = loaded.config;
  Wiring& wiring = *loaded.wiring;
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
    return {};
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
  return {};
}

}  // namespace

void add_backtest_input_options(CLI::App* command, BacktestInputOptions& options) {
  command->add_option("--from", options.from, "first session (YYYY-MM-DD)")->required();
  command->add_option("--to", options.to, "last session (YYYY-MM-DD)")->required();
  command->add_option("--data", options.data, "a CSV file of daily bars (default: data.path)")
      ->type_name("FILE");
  command->add_option("--layout", options.layout, "the CSV layout: sp500 or generic");
  command->add_option("--symbols", options.symbols,
                      "the watchlist instead of the profile's: \"AAPL,MSFT\", or \"all\" (every "
                      "symbol in the CSV)");
  command->add_option("--cash", options.cash, "starting cash (default: backtest.starting_cash)");
  command->add_option("--contribution", options.contribution,
                      "monthly contribution (default: backtest.monthly_contribution)");
  command->add_option("--fill", options.fill, "fill price point: close or next_open");
  command->add_flag("--quiet", options.quiet, "no progress on stderr");
}

Result<std::unique_ptr<BacktestInputs>> prepare_backtest_inputs(
    const GlobalOptions& global, const BacktestInputOptions& options) {
  auto inputs = std::make_unique<BacktestInputs>();
  STRATUS_ASSIGN_OR_RETURN(const auto range, parse_date_range(options.from, options.to));
  std::tie(inputs->from, inputs->to) = range;
  const auto env = read_environment();
  STRATUS_ASSIGN_OR_RETURN(inputs->config, load_effective_config(global, env));
  STRATUS_RETURN_IF_ERROR(apply_overrides(options, inputs->config));
  inputs->data_clock =
      std::make_unique<SettableClock>(new_york_instant(inputs->to, TimeOfDay{23 * 60 + 59}));
  inputs->wiring = std::make_unique<Wiring>(inputs->config, *inputs->data_clock, env);
  STRATUS_ASSIGN_OR_RETURN(inputs->calendar, inputs->wiring->calendar());
  STRATUS_RETURN_IF_ERROR(load_data(options, *inputs));
  return inputs;
}

Status write_text_file(const std::filesystem::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  out.close();
  if (!out) return Error::unavailable("cannot write the file", path.string());
  return {};
}

}  // namespace stratus
