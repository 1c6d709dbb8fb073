// `stratus ledger create-table`: creates the DynamoDB table of ledger.kind = "dynamodb".
#include <fmt/format.h>

#include "adapters/clock/system_clock.h"
#include "adapters/dynamodb/dynamo_ledger.h"
#include "apps/stratus/commands.h"
#include "apps/stratus/dynamo_connection.h"
#include "apps/stratus/wiring.h"

namespace stratus {

int ledger_create_table_command(const GlobalOptions& global) {
  const auto env = read_environment();
  auto config = load_effective_config(global, env);
  if (!config.ok()) return report_error(config.error());
  if (config->ledger.kind != "dynamodb") {
    return report_error(Error::invalid_input(
        "ledger.kind = \"" + config->ledger.kind +
            "\": only the \"dynamodb\" ledger has a table to create (set ledger.kind = "
            "\"dynamodb\" or STRATUS_LEDGER__KIND=dynamodb)",
        "ledger create-table"));
  }
  SystemClock clock;
  Wiring wiring(*config, clock, env);
  auto dynamo = wiring.dynamo_connection();
  if (!dynamo.ok()) return report_error(dynamo.error());
  const std::string& table = config->ledger.table;
  const Status created = dynamodb::DynamoLedger::create_table((*dynamo)->client(), table);
  if (created.ok()) {
    fmt::print("created the ledger table \"{}\" at {}\n", table, (*dynamo)->endpoint());
    return kExitOk;
  }
  if (created.error().code == ErrorCode::kConflict) {
    fmt::print("the ledger table \"{}\" exists already at {}\n", table, (*dynamo)->endpoint());
    return kExitOk;
  }
  return report_error(created.error());
}

}  // namespace stratus
