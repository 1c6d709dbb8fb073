// Wiring: the composition root. Builds the adapters the configuration names, lazily, so a
// command or a single step touches only what it needs (invoke market-check opens no database,
// a run on a closed market needs no broker keys).
#pragma once

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "adapters/alpaca/alpaca_broker.h"
#include "adapters/sqlite/database.h"
#include "config/config.h"
#include "functions/execute.h"
#include "functions/outbox_delivery.h"
#include "functions/step.h"
#include "pipeline/local_runner.h"
#include "ports/broker.h"
#include "ports/calendar_witness.h"
#include "ports/clock.h"
#include "ports/event_sink.h"
#include "ports/http_client.h"
#include "ports/ledger.h"
#include "ports/market_calendar.h"
#include "ports/market_data.h"
#include "ports/outbox.h"
#include "ports/remote_sink.h"

namespace stratus {

class DynamoConnection;
class HttpStack;
class RemoteSinks;

class Wiring final : public StepProvider {
 public:
  // `clock` is the run's clock (possibly simulated, for --at and replays); `environment` is the
  // process environment, read once by main: the Alpaca keys and URLs come from it
  // (apps/stratus/alpaca_credentials.h). REQUIRES: config and clock outlive this object.
  Wiring(const Config& config, const Clock& clock, std::map<std::string, std::string> environment);
  ~Wiring() override;

  // The step called `name`, with its adapters. InvalidInput for an unknown name.
  // With broker.kind = "alpaca", check-limits and execute are built only once the broker's
  // endpoint and keys resolve: a run never reserves an order it cannot send, and the error
  // (InvalidInput: missing keys, live/paper mismatch) comes before any ledger file exists.
  // With ledger.kind = "dynamodb", likewise only once the AWS settings resolve.
  Result<Step*> step(std::string_view name) override;

  Result<const MarketCalendar*> calendar();
  Result<MarketData*> market_data();
  // The ledger of ledger.kind, opened on first use: the SQLite file ledger_path, or the DynamoDB
  // table ledger.table (errors then: those of dynamo_connection() and open_dynamo_ledger(),
  // e.g. NotFound naming `stratus ledger create-table` when the table is missing).
  Result<Ledger*> ledger();
  // The DynamoDB client of ledger.kind = "dynamodb" (whatever the kind says), its settings from
  // the environment map. InvalidInput naming missing credentials or region; nothing is sent.
  Result<DynamoConnection*> dynamo_connection();
  // The broker of broker.kind, opened on first use (see DeferredBroker).
  Result<Broker*> broker();
  Result<EventSink*> audit();
  // The outbox of ledger.kind, opened on first use: the `outbox` table of the SQLite file
  // ledger_path, or items in the DynamoDB table ledger.table (errors as ledger()'s).
  Result<Outbox*> outbox();
  // The remote sinks events are delivered to ([sheets], [slack], SNS alerts), built on first use
  // (apps/stratus/remote_sinks.h: a sink that cannot be set up fails its deliveries with why).
  std::vector<RemoteSink*> remote_sinks();
  // One delivery round's engine: outbox() to remote_sinks(), with [outbox]'s retry policy and a
  // random jitter. Errors: those of outbox().
  Result<OutboxDelivery*> outbox_delivery();

  // The Alpaca broker itself (for `stratus broker check`), whatever broker.kind says. Errors:
  // those of alpaca_trading_endpoint(); nothing is sent.
  Result<AlpacaBroker*> alpaca_broker();

  // The shared HTTP client stack of [http], built on first use.
  HttpClient& http();

 private:
  Result<Database*> database();
  Result<Ledger*> open_ledger();
  Result<Broker*> open_broker();
  // The second calendar of market.cross_check, or nullptr for "none".
  CalendarWitness* witness();

  const Config& config_;
  const Clock& clock_;
  const std::map<std::string, std::string> environment_;
  std::unique_ptr<HttpStack> http_;
  std::unique_ptr<MarketCalendar> calendar_;
  std::unique_ptr<MarketData> market_data_;
  std::unique_ptr<Database> database_;
  std::unique_ptr<DynamoConnection> dynamo_;
  // The ledger of ledger.kind. The SQLite file (database_) is still opened for the paper broker.
  std::unique_ptr<Ledger> open_ledger_;
  std::unique_ptr<Ledger> ledger_;  // Deferred: opens open_ledger_ on first use.
  std::unique_ptr<Broker> paper_broker_;
  std::unique_ptr<AlpacaBroker> alpaca_broker_;
  std::unique_ptr<CalendarWitness> alpaca_calendar_;
  std::unique_ptr<CalendarWitness> witness_;  // Deferred: opens alpaca_calendar_ on first use.
  std::unique_ptr<Broker> broker_;  // Deferred: opens the broker of broker.kind on first use.
  std::unique_ptr<EventSink> audit_;
  std::unique_ptr<Outbox> outbox_;
  std::unique_ptr<OutboxDelivery> outbox_delivery_;
  std::unique_ptr<RemoteSinks> remote_sinks_;
  std::unique_ptr<Step> steps_[5];
};

}  // namespace stratus
