#include "apps/stratus/wiring.h"

#include <algorithm>
#include <filesystem>
#include <random>

#include "adapters/alpaca/alpaca_calendar.h"
#include "adapters/alpaca/alpaca_market_data.h"
#include "adapters/calendar/weekday_calendar.h"
#include "adapters/calendar/xnys_calendar.h"
#include "adapters/file/jsonl_event_sink.h"
#include "adapters/paper/paper_broker.h"
#include "adapters/sim/csv_market_data.h"
#include "adapters/sqlite/schema.h"
#include "adapters/sqlite/sqlite_ledger.h"
#include "adapters/sqlite/sqlite_outbox.h"
#include "apps/stratus/alpaca_credentials.h"
#include "apps/stratus/deferred_ports.h"
#include "apps/stratus/dynamo_connection.h"
#include "apps/stratus/http_stack.h"
#include "apps/stratus/remote_sinks.h"
#include "functions/check_limits.h"
#include "functions/evaluate.h"
#include "functions/execute.h"
#include "functions/market_check.h"
#include "functions/record.h"
#include "pipeline/chain.h"

namespace stratus {
namespace {

// Creates the directory that will hold the file at `path`, if it has one.
Status create_parent_directory(const std::string& path) {
  std::error_code ec;
  const auto parent = std::filesystem::path(path).parent_path();
  if (!parent.empty()) std::filesystem::create_directories(parent, ec);
  if (ec) return Error::unavailable("cannot create directory: " + ec.message(), parent.string());
  return {};
}

}  // namespace

Wiring::Wiring(const Config& config, const Clock& clock,
               std::map<std::string, std::string> environment)
    : config_(config), clock_(clock), environment_(std::move(environment)) {}

Wiring::~Wiring() = default;

Result<const MarketCalendar*> Wiring::calendar() {
  if (!calendar_) {
    if (config_.market.calendar == "xnys") {
      auto xnys = std::make_unique<XnysCalendar>();
      STRATUS_RETURN_IF_ERROR(xnys->status());
      calendar_ = std::move(xnys);
    } else {
      calendar_ = std::make_unique<WeekdayCalendar>();
    }
  }
  return calendar_.get();
}

HttpClient& Wiring::http() {
  if (!http_) http_ = std::make_unique<HttpStack>(config_.http);
  return http_->client();
}

Result<MarketData*> Wiring::market_data() {
  if (!market_data_) {
    if (config_.data.kind == "alpaca") {
      STRATUS_ASSIGN_OR_RETURN(AlpacaEndpoint endpoint,
                               alpaca_data_endpoint(config_, environment_));
      STRATUS_ASSIGN_OR_RETURN(const MarketCalendar* cal, calendar());
      STRATUS_RETURN_IF_ERROR(create_parent_directory(config_.alpaca.cache_path));
      AlpacaDataOptions options;
      options.feed = config_.alpaca.feed;
      options.adjustment = config_.alpaca.adjustment;
      options.symbols = config_.watchlist;
      options.cache_path = config_.alpaca.cache_path;
      // The run's clock: a replay sees only the bars that had closed by its simulated time.
      auto data = std::make_unique<AlpacaMarketData>(http(), std::move(endpoint), *cal, clock_,
                                                     std::move(options));
      STRATUS_RETURN_IF_ERROR(data->status());
      market_data_ = std::move(data);
      return market_data_.get();
    }
    STRATUS_ASSIGN_OR_RETURN(const CsvLayout layout, parse_csv_layout(config_.data.layout));
    STRATUS_ASSIGN_OR_RETURN(auto data,
                             CsvMarketData::load(config_.data.path, layout, config_.watchlist));
    market_data_ = std::move(data);
  }
  return market_data_.get();
}

Result<Database*> Wiring::database() {
  if (!database_) {
    STRATUS_RETURN_IF_ERROR(create_parent_directory(config_.ledger_path));
    STRATUS_ASSIGN_OR_RETURN(auto db, open_stratus_database(config_.ledger_path, clock_));
    database_ = std::move(db);
  }
  return database_.get();
}

Result<DynamoConnection*> Wiring::dynamo_connection() {
  if (!dynamo_) {
    STRATUS_ASSIGN_OR_RETURN(dynamo_, DynamoConnection::open(environment_, config_.http));
  }
  return dynamo_.get();
}

Result<Ledger*> Wiring::open_ledger() {
  if (!open_ledger_) {
    if (config_.ledger.kind == "dynamodb") {
      STRATUS_ASSIGN_OR_RETURN(DynamoConnection * dynamo, dynamo_connection());
      STRATUS_ASSIGN_OR_RETURN(open_ledger_, open_dynamo_ledger(*dynamo, config_.ledger.table));
    } else {
      STRATUS_ASSIGN_OR_RETURN(Database * db, database());
      open_ledger_ = std::make_unique<SqliteLedger>(*db);
    }
  }
  return open_ledger_.get();
}

Result<Ledger*> Wiring::ledger() {
  if (!ledger_) ledger_ = std::make_unique<DeferredLedger>([this]() { return open_ledger(); });
  return ledger_.get();
}

CalendarWitness* Wiring::witness() {
  if (config_.market.cross_check != "alpaca") return nullptr;
  if (!witness_) {
    witness_ = std::make_unique<DeferredWitness>("alpaca", [this]() -> Result<CalendarWitness*> {
      if (!alpaca_calendar_) {
        STRATUS_ASSIGN_OR_RETURN(AlpacaEndpoint endpoint,
                                 alpaca_trading_endpoint(config_, environment_));
        alpaca_calendar_ = std::make_unique<AlpacaCalendar>(http(), std::move(endpoint));
      }
      return alpaca_calendar_.get();
    });
  }
  return witness_.get();
}

Result<AlpacaBroker*> Wiring::alpaca_broker() {
  if (!alpaca_broker_) {
    STRATUS_ASSIGN_OR_RETURN(AlpacaEndpoint endpoint,
                             alpaca_trading_endpoint(config_, environment_));
    alpaca_broker_ = std::make_unique<AlpacaBroker>(http(), std::move(endpoint));
  }
  return alpaca_broker_.get();
}

Result<Broker*> Wiring::open_broker() {
  if (config_.broker.kind == "alpaca") {
    STRATUS_ASSIGN_OR_RETURN(AlpacaBroker * alpaca, alpaca_broker());
    return static_cast<Broker*>(alpaca);
  }
  if (!paper_broker_) {
    STRATUS_ASSIGN_OR_RETURN(Database * db, database());
    STRATUS_ASSIGN_OR_RETURN(MarketData * data, market_data());
    STRATUS_ASSIGN_OR_RETURN(const MarketCalendar* cal, calendar());
    PaperBrokerOptions options;
    options.slippage_bps = config_.broker.slippage_bps;
    options.commission_per_order = config_.broker.commission_per_order;
    paper_broker_ = std::make_unique<PaperBroker>(*db, *data, *cal, clock_, options);
  }
  return paper_broker_.get();
}

Result<Broker*> Wiring::broker() {
  if (!broker_) {
    broker_ =
        std::make_unique<DeferredBroker>(config_.broker.kind, [this]() { return open_broker(); });
  }
  return broker_.get();
}

Result<EventSink*> Wiring::audit() {
  if (!audit_) audit_ = std::make_unique<JsonlEventSink>(config_.audit_path);
  return audit_.get();
}

Result<Outbox*> Wiring::outbox() {
  if (!outbox_) {
    if (config_.ledger.kind == "dynamodb") {
      STRATUS_ASSIGN_OR_RETURN(DynamoConnection * dynamo, dynamo_connection());
      STRATUS_ASSIGN_OR_RETURN(outbox_, open_dynamo_outbox(*dynamo, config_.ledger.table));
    } else {
      STRATUS_ASSIGN_OR_RETURN(Database * db, database());
      outbox_ = std::make_unique<SqliteOutbox>(*db);
    }
  }
  return outbox_.get();
}

std::vector<RemoteSink*> Wiring::remote_sinks() {
  if (!remote_sinks_) remote_sinks_ = std::make_unique<RemoteSinks>(config_, environment_, clock_);
  return remote_sinks_->sinks();
}

Result<OutboxDelivery*> Wiring::outbox_delivery() {
  if (!outbox_delivery_) {
    STRATUS_ASSIGN_OR_RETURN(Outbox * box, outbox());
    const OutboxConfig& c = config_.outbox;
    DeliveryPolicy policy{.retry_base = std::chrono::seconds(c.retry_base_seconds),
                          .retry_max = std::chrono::seconds(c.retry_max_seconds),
                          .max_per_sink = static_cast<std::size_t>(std::max(c.max_per_sink, 0)),
                          .lease = std::chrono::seconds(c.lease_seconds)};
    auto random = std::make_shared<std::mt19937_64>(std::random_device{}());
    outbox_delivery_ = std::make_unique<OutboxDelivery>(
        *box, remote_sinks(), clock_, policy,
        [random] { return std::uniform_real_distribution<double>(0.0, 1.0)(*random); });
  }
  return outbox_delivery_.get();
}

Result<Step*> Wiring::step(std::string_view name) {
  std::size_t index = 0;
  for (; index < kTradingDayChain.size(); ++index) {
    if (kTradingDayChain[index].name == name) break;
  }
  if (index == kTradingDayChain.size()) {
    std::string known;
    for (const ChainStep& s : kTradingDayChain)
      known += (known.empty() ? "" : ", ") + std::string(s.name);
    return Error::invalid_input("unknown step \"" + std::string(name) + "\": expected one of " +
                                known);
  }
  std::unique_ptr<Step>& slot = steps_[index];
  if (slot) return slot.get();

  if (name == "market-check") {
    STRATUS_ASSIGN_OR_RETURN(const MarketCalendar* cal, calendar());
    slot = std::make_unique<MarketCheck>(config_.market, *cal, witness());
  } else if (name == "evaluate") {
    STRATUS_ASSIGN_OR_RETURN(const MarketCalendar* cal, calendar());
    STRATUS_ASSIGN_OR_RETURN(MarketData * data, market_data());
    slot = std::make_unique<Evaluate>(config_, *cal, *data, clock_);
  } else if (name == "check-limits") {
    // Reservations are promises to the broker: refuse them for one that cannot be reached.
    if (config_.broker.kind == "alpaca") STRATUS_RETURN_IF_ERROR(alpaca_broker());
    if (config_.ledger.kind == "dynamodb") STRATUS_RETURN_IF_ERROR(dynamo_connection());
    STRATUS_ASSIGN_OR_RETURN(Ledger * led, ledger());
    STRATUS_ASSIGN_OR_RETURN(Broker * brk, broker());
    slot = std::make_unique<CheckLimits>(config_, *led, *brk);
  } else if (name == "execute") {
    if (config_.broker.kind == "alpaca") STRATUS_RETURN_IF_ERROR(alpaca_broker());
    if (config_.ledger.kind == "dynamodb") STRATUS_RETURN_IF_ERROR(dynamo_connection());
    STRATUS_ASSIGN_OR_RETURN(Ledger * led, ledger());
    STRATUS_ASSIGN_OR_RETURN(Broker * brk, broker());
    slot = std::make_unique<Execute>(*led, *brk, clock_, order_style_of(config_));
  } else {
    STRATUS_ASSIGN_OR_RETURN(EventSink * sink, audit());
    RecordOptions options{.alert_on = config_.alerts.on, .routes = sink_routes(config_)};
    if (!options.routes.empty()) {
      STRATUS_ASSIGN_OR_RETURN(options.outbox, outbox());
      STRATUS_ASSIGN_OR_RETURN(options.delivery, outbox_delivery());
    }
    slot = std::make_unique<Record>(*sink, clock_, std::move(options));
  }
  return slot.get();
}

}  // namespace stratus
