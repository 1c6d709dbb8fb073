// The stratus subcommands. Each returns the process exit code.
#pragma once

#include <optional>
#include <string>

#include "apps/stratus/cli_context.h"

namespace stratus {

struct RunOptions {
  std::string at;    // --at UTC time; empty: now.
  std::string from;  // --from date (replay); with --to.
  std::string to;
  bool json = false;     // Print each final document as JSON instead of a summary.
  bool verbose = false;  // List every symbol without a signal.
};
int run_command(const GlobalOptions& global, const RunOptions& options);

struct InvokeOptions {
  std::string step;
  std::string event;  // A file path, or "-" for standard input.
};
int invoke_command(const GlobalOptions& global, const InvokeOptions& options);

int config_show_command(const GlobalOptions& global);

struct HistoryOptions {
  std::string symbol;
  std::string month;
  std::string format = "table";  // table | csv | json
};
int history_command(const GlobalOptions& global, const HistoryOptions& options);

int caps_command(const GlobalOptions& global, const std::string& month);

// `stratus ledger create-table`: creates the DynamoDB table of ledger.kind = "dynamodb" with its
// indexes and waits until it is active. Exit 0 when created or when it exists already (said
// so); 2 when ledger.kind is not "dynamodb" or AWS credentials or region are missing; 1 when
// DynamoDB fails.
int ledger_create_table_command(const GlobalOptions& global);

struct BrokerCheckOptions {
  bool json = false;  // Print a JSON object instead of text.
};
// `stratus broker check`: exit 0 when the broker is ready to trade (the paper broker always is),
// 1 when the account is blocked, Alpaca is unreachable or refuses the keys, 2 for missing keys
// or bad configuration.
int broker_check_command(const GlobalOptions& global, const BrokerCheckOptions& options);

// `stratus lambda`: the AWS Lambda custom runtime for the step named by $_HANDLER
// (apps/stratus/lambda_command.cc). Runs until the Runtime API goes away: exit 1.
int lambda_command(const GlobalOptions& global);

}  // namespace stratus
