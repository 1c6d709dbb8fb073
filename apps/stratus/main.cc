// stratus: the command-line front end. Parses arguments, dispatches to a command, and turns
// every failure into a message and an exit code (0 ok, 1 run-time failure, 2 bad usage/input).
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <exception>

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include "adapters/clock/system_clock.h"
#include "adapters/http/curl_http_client.h"
#include "apps/stratus/audit_commands.h"
#include "apps/stratus/backtest_command.h"
#include "apps/stratus/calendar_commands.h"
#include "apps/stratus/command_table.h"
#include "apps/stratus/commands.h"
#include "apps/stratus/config_push_command.h"
#include "apps/stratus/deploy_command.h"
#include "apps/stratus/indicators_command.h"
#include "apps/stratus/log_options.h"
#include "apps/stratus/outbox_commands.h"
#include "apps/stratus/report_command.h"
#include "apps/stratus/sweep_command.h"
#include "domain/zoneinfo.h"
#include "pipeline/chain.h"
#include "support/failpoint.h"
#include "support/log.h"
#include "support/redaction.h"

namespace {

int run_cli(int argc, char** argv) {
  using namespace stratus;
  CLI::App app{"stratus: runs a rules-based stock-buying plan, safely and auditably"};
  app.set_version_flag("--version", "stratus 0.1.0");
  app.require_subcommand(1);
  // Global options may follow the command too (`stratus run --log-level debug`): subcommands,
  // made below, inherit this and hand options they do not know to the app.
  app.fallthrough();

  GlobalOptions global;
  app.add_option("--config", global.config_path,
                 "config file (default: $STRATUS_CONFIG, else ./stratus.toml, else built-in)");
  app.add_option("--profile", global.profile,
                 "profile: dev, stage, prod (default: $STRATUS_PROFILE, else dev)");
  std::string log_level, log_format;
  auto* log_level_opt = app.add_option(
      "--log-level", log_level,
      "debug, info, warning or error (default: $STRATUS_LOG_LEVEL, else warning; lambda: info)");
  auto* log_format_opt = app.add_option(
      "--log-format", log_format,
      "log lines on stderr: text or json (default: $STRATUS_LOG_FORMAT, else text; lambda: json)");

  RunOptions run;
  auto* run_cmd = app.add_subcommand("run", "run the trading-day chain once, or replay a range");
  auto* at_opt = run_cmd->add_option("--at", run.at, "as-of UTC time, e.g. 2015-08-24T19:45:00Z");
  auto* from_opt = run_cmd->add_option("--from", run.from, "replay from this date (YYYY-MM-DD)");
  auto* to_opt = run_cmd->add_option("--to", run.to, "replay through this date (YYYY-MM-DD)");
  from_opt->needs(to_opt);
  to_opt->needs(from_opt);
  at_opt->excludes(from_opt);
  run_cmd->add_flag("--json", run.json, "print the final document(s) as JSON");
  run_cmd->add_flag("--verbose", run.verbose, "list every symbol without a signal");

  InvokeOptions invoke;
  std::string step_names;
  for (const ChainStep& s : kTradingDayChain)
    step_names += std::string(step_names.empty() ? "" : ", ") + std::string(s.name);
  auto* invoke_cmd = app.add_subcommand("invoke", "run one function on one JSON document");
  invoke_cmd->add_option("step", invoke.step, "the function: " + step_names)->required();
  invoke_cmd->add_option("--event", invoke.event, "the input document: a file, or - for stdin")
      ->required();

  auto* lambda_cmd = app.add_subcommand(
      "lambda", "AWS Lambda runtime: serve the function named by $_HANDLER (deploy/lambda)");

  auto* config_cmd = app.add_subcommand("config", "inspect configuration");
  config_cmd->require_subcommand(1);
  auto* config_show =
      config_cmd->add_subcommand("show", "print the effective config (secrets redacted)");

  HistoryOptions history;
  auto* history_cmd = app.add_subcommand("history", "list orders in the ledger");
  history_cmd->add_option("--symbol", history.symbol, "only this symbol");
  history_cmd->add_option("--month", history.month, "only this month (YYYY-MM)");
  history_cmd->add_option("--format", history.format, "table, csv or json")
      ->check(CLI::IsMember({"table", "csv", "json"}));

  std::string caps_month;
  auto* caps_cmd = app.add_subcommand("caps", "show each symbol's monthly cap: used and left");
  caps_cmd->add_option("--month", caps_month, "the month (YYYY-MM)")->required();

  auto* ledger_cmd = app.add_subcommand("ledger", "manage the ledger's storage");
  ledger_cmd->require_subcommand(1);
  auto* ledger_create_table_cmd = ledger_cmd->add_subcommand(
      "create-table", "create the DynamoDB table of ledger.kind = \"dynamodb\"");

  BrokerCheckOptions broker_check;
  auto* broker_cmd = app.add_subcommand("broker", "inspect the broker");
  broker_cmd->require_subcommand(1);
  auto* broker_check_cmd = broker_cmd->add_subcommand(
      "check", "which broker; for Alpaca: are the keys accepted, can the account trade");
  broker_check_cmd->add_flag("--json", broker_check.json, "print a JSON object");

  std::string cal_from, cal_to, cal_format = "csv", cal_at;
  auto* calendar_cmd = app.add_subcommand("calendar", "the NYSE (XNYS) calendar, 1990-2035");
  calendar_cmd->require_subcommand(1);
  auto* calendar_sessions =
      calendar_cmd->add_subcommand("sessions", "list the sessions in a date range");
  calendar_sessions->add_option("--from", cal_from, "first date (YYYY-MM-DD)")->required();
  calendar_sessions->add_option("--to", cal_to, "last date (YYYY-MM-DD)")->required();
  calendar_sessions->add_option("--format", cal_format, "csv (default), json or table");
  auto* calendar_status =
      calendar_cmd->add_subcommand("status", "is the market open now (or --at), and why");
  calendar_status->add_option("--at", cal_at, "a UTC time, e.g. 2024-07-03T16:00:00Z");

  CommandTable table;
  add_audit_commands(app, global, table);
  add_config_push_commands(app, global, table);
  add_deploy_commands(app, global, table);
  add_outbox_commands(app, global, table);
  add_report_commands(app, global, table);
  add_indicators_commands(app, global, table);
  add_backtest_commands(app, global, table);
  add_sweep_commands(app, global, table);
  table.add(run_cmd, [&] { return run_command(global, run); });
  table.add(invoke_cmd, [&] { return invoke_command(global, invoke); });
  table.add(lambda_cmd, [&] { return lambda_command(global); });
  table.add(config_show, [&] { return config_show_command(global); });
  table.add(history_cmd, [&] { return history_command(global, history); });
  table.add(caps_cmd, [&] { return caps_command(global, caps_month); });
  table.add(ledger_create_table_cmd, [&] { return ledger_create_table_command(global); });
  table.add(broker_check_cmd, [&] { return broker_check_command(global, broker_check); });
  table.add(calendar_sessions,
            [&] { return calendar_sessions_command(cal_from, cal_to, cal_format); });
  table.add(calendar_status, [&] { return calendar_status_command(cal_at, SystemClock{}); });

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? kExitOk : kExitBadInput;
  }

  LogOptions log_options;
  if (log_level_opt->count() > 0) log_options.level = log_level;
  if (log_format_opt->count() > 0) log_options.format = log_format;
  auto log_settings = resolve_log_settings(log_options, read_environment(),
                                           default_log_settings(lambda_cmd->parsed()));
  if (!log_settings.ok()) return report_error(log_settings.error());
  set_log_settings(*log_settings);

  const auto dispatched = table.dispatch();
  return dispatched ? *dispatched : kExitBadInput;
}

}  // namespace

int main(int argc, char** argv) {
  // New York time comes from $TZDIR when it is set (a Lambda package brings its own tz data,
  // deploy/lambda/bootstrap), else from the system's zoneinfo (src/domain/zoneinfo.h).
  if (const char* tzdir = std::getenv("TZDIR"); tzdir != nullptr && *tzdir != '\0') {
    if (auto set = stratus::set_zoneinfo_dir(tzdir); !set.ok()) {
      fmt::print(stderr, "stratus: TZDIR: {}\n", set.error().to_string());
      return stratus::kExitBadInput;
    }
  }
  // HTTPS trusts the CA file named by CURL_CA_BUNDLE, else SSL_CERT_FILE (as the curl tool and
  // OpenSSL do; a Lambda package brings its own), else the store libcurl was built with.
  for (const char* name : {"CURL_CA_BUNDLE", "SSL_CERT_FILE"}) {
    const char* path = std::getenv(name);
    if (path == nullptr || *path == '\0') continue;
    if (::access(path, R_OK) != 0) {
      fmt::print(stderr, "stratus: {}={}: cannot read the CA certificate file: {}\n", name, path,
                 std::strerror(errno));
      return stratus::kExitBadInput;
    }
    stratus::set_default_ca_file(path);
    break;
  }
  // Crash tests: $STRATUS_FAILPOINTS names places where the process dies (support/failpoint.h).
  // Consumed here: it is no config key (STRATUS_* variables are read as config overrides).
  if (const char* failpoints = std::getenv("STRATUS_FAILPOINTS")) {
    if (auto armed = stratus::configure_failpoints(failpoints); !armed.ok()) {
      fmt::print(stderr, "stratus: STRATUS_FAILPOINTS: {}\n", armed.error().message);
      return stratus::kExitBadInput;
    }
    ::unsetenv("STRATUS_FAILPOINTS");
  }
  try {
    return run_cli(argc, argv);
  } catch (const std::exception& e) {
    fmt::print(stderr, "stratus: internal error: {}\n", stratus::redact(e.what()));
    return stratus::kExitFailure;
  } catch (...) {
    fmt::print(stderr, "stratus: internal error\n");
    return stratus::kExitFailure;
  }
}
