// `stratus backtest` (see backtest_command.h).
#include "apps/stratus/backtest_command.h"

#include <unistd.h>

#include <filesystem>
#include <memory>

#include <fmt/format.h>

#include "apps/stratus/backtest_inputs.h"
#include "apps/stratus/bulk_memory.h"
#include "apps/stratus/progress_bar.h"
#include "backtest/backtest_csv.h"
#include "backtest/backtest_json.h"
#include "backtest/backtest_text.h"
#include "backtest/counting_event_sink.h"
#include "report/backtest_report_html.h"

namespace stratus {
namespace {

struct BacktestOptions {
  BacktestInputOptions inputs;
  std::string out;
  bool json = false;
};

// Writes result.json, equity.csv, orders.csv and report.html into `dir` (created if missing).
Status write_outputs(const std::string& dir, const Json& result) {
  STRATUS_ASSIGN_OR_RETURN(const std::string html, report::render_backtest_html(result));
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return Error::unavailable("cannot create the directory: " + ec.message(), dir);
  const std::filesystem::path base(dir);
  STRATUS_RETURN_IF_ERROR(write_text_file(base / "result.json", result.dump(1) + "\n"));
  STRATUS_RETURN_IF_ERROR(write_text_file(base / "equity.csv", equity_csv(result)));
  STRATUS_RETURN_IF_ERROR(write_text_file(base / "orders.csv", orders_csv(result)));
  return write_text_file(base / "report.html", html);
}

int backtest_command(const GlobalOptions& global, const BacktestOptions& options) {
  prefer_large_memory_pages();  // Bars, ledgers, results: hundreds of MB of small objects.
  auto inputs = prepare_backtest_inputs(global, options.inputs);
  if (!inputs.ok()) return report_error(inputs.error());
  BacktestInputs& in = **inputs;
  auto settings = backtest_settings(in.config, in.from, in.to);
  if (!settings.ok()) return report_error(settings.error());

  CountingEventSink audit;
  auto outcome = [&] {
    ProgressBar bar("backtest", !options.inputs.quiet);
    return backtest_with_benchmarks(
        in.config, *in.calendar, *in.data, audit, *settings, in.description,
        [&bar](std::size_t done, std::size_t total) { bar.update(done, total); });
  }();
  if (!outcome.ok()) return report_error(outcome.error());
  // Printed alone, the orders go straight from the ledger's records into the text.
  const bool orders_as_text = options.json && options.out.empty();
  auto result =
      backtest_result_json(in.config, *outcome, *in.data,
                           orders_as_text ? ResultOrders::kLeftOut : ResultOrders::kIncluded);
  if (!result.ok()) return report_error(result.error());

  if (!options.out.empty()) {
    if (const Status written = write_outputs(options.out, *result); !written.ok()) {
      return report_error(written.error());
    }
  }
  if (orders_as_text) {
    write_backtest_json(*result, outcome->strategy.orders,
                        [](std::string_view chunk) { fmt::print("{}", chunk); });
    fmt::print("\n");
  } else if (options.json) {
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
  add_backtest_input_options(command, options->inputs);
  command
      ->add_option("--out", options->out,
                   "write result.json, equity.csv, orders.csv and report.html (self-contained) "
                   "into this directory")
      ->type_name("DIR");
  command->add_flag("--json", options->json, "print the result document as JSON");
  table.add(command, [&global, options] { return backtest_command(global, *options); });
}

}  // namespace stratus
