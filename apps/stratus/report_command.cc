// `stratus report` (see report_command.h).
#include "apps/stratus/report_command.h"

#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <system_error>

#include <fmt/format.h>

#include "adapters/clock/system_clock.h"
#include "apps/stratus/wiring.h"
#include "report/month_report.h"
#include "report/month_report_html.h"
#include "report/month_report_json.h"
#include "report/month_report_source.h"
#include "report/month_report_text.h"

namespace stratus {
namespace {

struct ReportOptions {
  std::string month;
  bool html_given = false;  // --html was given (possibly as "", which is an error).
  std::string html;
  bool json = false;
};

// InvalidInput when the --html file could never be written: an empty name, a directory, or a
// parent directory that does not exist.
Status check_html_path(const std::string& path) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (path.empty()) return Error::invalid_input("expected a file name, got \"\"", "--html");
  if (fs::is_directory(path, ec)) {
    return Error::invalid_input("\"" + path + "\" is a directory; expected a file name", "--html");
  }
  const fs::path parent = fs::path(path).parent_path();
  if (!parent.empty() && !fs::is_directory(parent, ec)) {
    return Error::invalid_input(
        "the directory \"" + parent.string() + "\" of \"" + path + "\" does not exist", "--html");
  }
  return {};
}

// Writes `text` to `path` through a temporary file in the same directory, renamed into place, so
// the file is either the whole new report or what it was before.
Status write_file(const std::string& path, const std::string& text) {
  const std::string temporary = path + ".tmp-" + std::to_string(::getpid());
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    out << text;
    out.close();
    if (!out) {
      std::error_code ignored;
      std::filesystem::remove(temporary, ignored);
      return Error::unavailable("cannot write \"" + temporary + "\"", "--html");
    }
  }
  std::error_code ec;
  std::filesystem::rename(temporary, path, ec);
  if (ec) {
    std::filesystem::remove(temporary, ec);
    return Error::unavailable("cannot write \"" + path + "\": " + ec.message(), "--html");
  }
  return {};
}

bool use_colour(const std::map<std::string, std::string>& env) {
  if (::isatty(STDOUT_FILENO) == 0) return false;
  if (env.contains("NO_COLOR")) return false;
  auto term = env.find("TERM");
  return term == env.end() || term->second != "dumb";
}

int report_command(const GlobalOptions& global, const ReportOptions& options) {
  if (auto month = report::parse_report_month(options.month); !month.ok()) {
    return report_error(month.error().within("--month"));
  }
  if (options.html_given) {
    if (auto checked = check_html_path(options.html); !checked.ok()) {
      return report_error(checked.error());
    }
  }
  const auto env = read_environment();
  auto config = load_effective_config(global, env);
  if (!config.ok()) return report_error(config.error());
  SystemClock clock;
  Wiring wiring(*config, clock, env);
  auto ledger = wiring.ledger();
  if (!ledger.ok()) return report_error(ledger.error());
  auto data = wiring.market_data();
  if (!data.ok()) return report_error(data.error());

  auto input = report::load_month_report_input(**ledger, **data, config->limits, options.month,
                                               config->profile);
  if (!input.ok()) return report_error(input.error());
  auto built = report::build_month_report(*input);
  if (!built.ok()) return report_error(built.error());

  if (options.html_given) {
    if (auto written = write_file(options.html, report::month_report_html(*built)); !written.ok()) {
      return report_error(written.error());
    }
  }
  if (options.json) {
    fmt::print("{}\n", report::month_report_json(*built).dump(2));
  } else {
    fmt::print("{}", report::month_report_text(*built, use_colour(env)));
  }
  if (options.html_given) {
    fmt::print(options.json ? stderr : stdout, "HTML report written to {}\n", options.html);
  }
  return std::fflush(stdout) == 0 ? kExitOk : kExitFailure;
}

}  // namespace

void add_report_commands(CLI::App& app, const GlobalOptions& global, CommandTable& table) {
  auto options = std::make_shared<ReportOptions>();
  auto* report = app.add_subcommand(
      "report", "a month's buys against the caps and budgets, and the positions at its end");
  report->add_option("--month", options->month, "the month (YYYY-MM)")->required();
  auto* html = report->add_option("--html", options->html,
                                  "also write one self-contained HTML page with charts to FILE");
  html->type_name("FILE");
  report->add_flag("--json", options->json, "print the report as JSON instead of tables");
  table.add(report, [&global, options, html] {
    options->html_given = html->count() > 0;
    return report_command(global, *options);
  });
}

}  // namespace stratus
