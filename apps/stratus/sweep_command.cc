// `stratus sweep` (see sweep_command.h).
#include "apps/stratus/sweep_command.h"

#include <unistd.h>

#include <filesystem>
#include <memory>
#include <thread>

#include <fmt/format.h>

#include "apps/stratus/backtest_inputs.h"
#include "apps/stratus/bulk_memory.h"
#include "apps/stratus/progress_bar.h"
#include "backtest/backtest_text.h"
#include "backtest/sweep.h"
#include "report/backtest_report_html.h"
#include "report/text_table.h"

namespace stratus {
namespace {

struct SweepOptions {
  BacktestInputOptions inputs;
  std::vector<std::string> grid;
  std::string metric = "xirr";
  unsigned jobs = 0;
  int walk_forward = 0;
  std::size_t top = 20;
  std::string out;
  bool json = false;
};

std::string metric_text(const std::optional<double>& value, std::string_view metric) {
  if (!value) return "-";
  if (metric == "sharpe" || metric == "sortino") return fmt::format("{:.2f}", *value);
  if (metric == "profit" || metric == "final_equity") return fmt::format("{:.2f}", *value);
  return fmt::format("{:.2f}%", *value * 100);
}

std::string params_text(const SweepParams& params) {
  std::string out;
  for (const auto& [name, value] : params) out += (out.empty() ? "" : " ") + name + "=" + value;
  return out;
}

std::string render_sweep_text(const SweepRequest& request, const SweepOutcome& outcome,
                              std::size_t top, bool color) {
  using report::Align;
  std::vector<report::TextTable::Column> columns = {{"rank", Align::kRight}};
  for (const SweepAxis& axis : request.axes) columns.emplace_back(axis.name);
  for (const char* m : {"xirr", "total_return", "max_drawdown", "sharpe"}) {
    columns.emplace_back(m, Align::kRight);
  }
  columns.emplace_back("buys", Align::kRight);
  report::TextTable table(columns);
  std::size_t shown = 0;
  for (const SweepRun& run : outcome.runs) {
    if (run.rank == 0 || shown++ >= top) continue;
    std::vector<report::TextCell> cells = {{std::to_string(run.rank)}};
    for (const auto& [name, value] : run.params) cells.emplace_back(value);
    for (const char* m : {"xirr", "total_return", "max_drawdown", "sharpe"}) {
      cells.emplace_back(metric_text(sweep_metric_value(run.measures, m), m));
    }
    cells.emplace_back(std::to_string(run.measures.buys));
    table.add_row(std::move(cells), run.rank == 1);
  }
  std::size_t invalid = 0;
  for (const SweepRun& run : outcome.runs) invalid += run.rank == 0 ? 1 : 0;
  std::string out =
      fmt::format("sweep  {} to {}: {} combinations ranked by {} ({} backtests){}\n\n",
                  format_date(request.from), format_date(request.to), outcome.runs.size() - invalid,
                  request.metric, outcome.backtests,
                  invalid > 0 ? fmt::format(", {} invalid combinations skipped", invalid) : "");
  out += table.render(color);
  out += fmt::format(
      "\nbenchmarks by {}: dca {}, buy_and_hold {}\n", request.metric,
      metric_text(sweep_metric_value(outcome.dca, request.metric), request.metric),
      metric_text(sweep_metric_value(outcome.buy_and_hold, request.metric), request.metric));
  if (!outcome.folds.empty()) {
    out += "\nwalk-forward (best on each segment, then measured on the next):\n";
    report::TextTable folds({{"train"},
                             {"test"},
                             {"chosen"},
                             {"train", Align::kRight},
                             {"test", Align::kRight},
                             {"test rank", Align::kRight},
                             {"test median", Align::kRight}});
    for (const WalkForwardFold& f : outcome.folds) {
      folds.add_row({{format_date(f.train_from) + ".." + format_date(f.train_to)},
                     {format_date(f.test_from) + ".." + format_date(f.test_to)},
                     {params_text(f.chosen)},
                     {metric_text(f.train_metric, request.metric)},
                     {metric_text(f.test_metric, request.metric)},
                     {fmt::format("{}/{}", f.test_rank, f.test_ranked)},
                     {metric_text(f.test_median, request.metric)}});
    }
    out += folds.render(color);
  }
  return out;
}

int sweep_command(const GlobalOptions& global, const SweepOptions& options) {
  prefer_large_memory_pages();  // Bars, ledgers, results: hundreds of MB of small objects.
  SweepRequest request;
  for (const std::string& text : options.grid) {
    auto axis = parse_sweep_axis(text);
    if (!axis.ok()) return report_error(axis.error());
    request.axes.push_back(std::move(*axis));
  }
  if (const Status metric = check_sweep_metric(options.metric); !metric.ok()) {
    return report_error(metric.error());
  }
  request.metric = options.metric;
  request.walk_forward = options.walk_forward;
  request.jobs =
      options.jobs > 0 ? options.jobs : std::max(1U, std::thread::hardware_concurrency());
  auto inputs = prepare_backtest_inputs(global, options.inputs);
  if (!inputs.ok()) return report_error(inputs.error());
  BacktestInputs& in = **inputs;
  request.from = in.from;
  request.to = in.to;

  auto outcome = [&] {
    ProgressBar bar("sweep", !options.inputs.quiet);
    return run_sweep(in.config, *in.calendar, *in.data, request,
                     [&bar](std::size_t done, std::size_t total) { bar.update(done, total); });
  }();
  if (!outcome.ok()) return report_error(outcome.error());
  const Json document = sweep_result_json(request, *outcome);
  if (!options.out.empty()) {
    auto html = report::render_sweep_html(document);
    if (!html.ok()) return report_error(html.error());
    std::error_code ec;
    std::filesystem::create_directories(options.out, ec);
    if (ec) {
      return report_error(
          Error::unavailable("cannot create the directory: " + ec.message(), options.out));
    }
    const std::filesystem::path base(options.out);
    for (const auto& [name, text] :
         {std::pair{"sweep.json", document.dump(1) + "\n"}, std::pair{"report.html", *html}}) {
      if (const Status written = write_text_file(base / name, text); !written.ok()) {
        return report_error(written.error());
      }
    }
  }
  if (options.json) {
    fmt::print("{}\n", document.dump());
  } else {
    fmt::print("{}", render_sweep_text(request, *outcome, options.top, isatty(STDOUT_FILENO) == 1));
    if (!options.out.empty()) fmt::print("\nwritten to {}/\n", options.out);
  }
  return kExitOk;
}

}  // namespace

void add_sweep_commands(CLI::App& app, const GlobalOptions& global, CommandTable& table) {
  auto options = std::make_shared<SweepOptions>();
  auto* command = app.add_subcommand(
      "sweep", "backtest every combination of a parameter grid in parallel and rank them");
  add_backtest_input_options(command, options->inputs);
  command
      ->add_option("--grid", options->grid,
                   "NAME=V1,V2,... (repeatable): tierN_drop, tierN_qty, monthly_share_cap, "
                   "monthly_budget_per_symbol, monthly_budget_total, max_order_notional, "
                   "window_sessions, filter (values separated by ';'), fill, slippage_bps")
      ->required();
  command->add_option("--metric", options->metric,
                      "rank by: xirr (default), total_return, annualised_return, sharpe, "
                      "sortino, max_drawdown, volatility, cash_idle, profit, final_equity");
  command->add_option("--jobs", options->jobs, "worker threads (default: every core)")
      ->check(CLI::Range(1U, 256U));
  command
      ->add_option("--walk-forward", options->walk_forward,
                   "folds: choose the best on each segment, measure it on the next")
      ->check(CLI::Range(0, 50));
  command->add_option("--top", options->top, "rows of the ranking printed (default 20)");
  command->add_option("--out", options->out, "write sweep.json and report.html into this directory")
      ->type_name("DIR");
  command->add_flag("--json", options->json, "print the sweep document as JSON");
  table.add(command, [&global, options] { return sweep_command(global, *options); });
}

}  // namespace stratus
