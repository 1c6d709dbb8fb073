// PaperBroker: a simulated broker for local runs and backtests. Orders live in the
// `paper_orders` table of the Stratus SQLite file (the ledger's file), so state survives
// restarts and is shared by every process using that file. Fills are decided lazily, when an
// order is looked up, from the market data and the calendar — never from a price that was not
// yet known at the fill time (no look-ahead).
//
// Fill rule. An order fills at the first price after its submission that the data has: the open
// of the first session whose open is after submitted_at (in practice the next session, or the
// same day's session when submitted before its open), and only once clock.now() reaches it.
//   market        fills fully at open (+slippage), filled_at = the session's open. When the bar
//                 has no open its close is the first known price: fills at close (+slippage),
//                 filled_at = the session's close, visible once the close has passed.
//   limit (buy)   if that first price <= limit: fills at min(price + slippage, limit) at the same
//                 instant as a market order. Otherwise, once the session has closed: fills at the
//                 limit, filled_at = the session's close, if the bar's low (its close when the low
//                 is missing) reached the limit; else expires (day) or waits for the next
//                 session (gtc).
// Commission: commission_per_order, on the fill.
#pragma once

#include <optional>
#include <string_view>

#include "adapters/sqlite/database.h"
#include "ports/broker.h"
#include "ports/clock.h"
#include "ports/market_calendar.h"
#include "ports/market_data.h"

namespace stratus {

struct PaperBrokerOptions {
  int slippage_bps = 0;        // Added to fill prices (buys pay more). REQUIRES: >= 0.
  Money commission_per_order;  // Charged once per filled order. REQUIRES: >= 0.
};

class PaperBroker : public Broker {
 public:
  // REQUIRES: `db` was opened with open_stratus_database() (otherwise every call fails with an
  // Internal error saying so); every reference outlives the broker; no other code uses `db`
  // while a broker call runs.
  PaperBroker(Database& db, MarketData& data, const MarketCalendar& calendar, const Clock& clock,
              PaperBrokerOptions options);

  std::string_view name() const override { return "paper"; }

  // Stores a new order as accepted (submitted_at = clock.now(), broker_order_id "paper-<n>",
  // n increasing and never reused). Errors:
  //   Rejected  qty <= 0, empty symbol or client_order_id, a client_order_id over 48 characters,
  //             a limit order without a positive limit price, or a symbol the market data does
  //             not know (nothing is stored);
  //   Conflict  "client_order_id must be unique ..." when the id was used before (as Alpaca's
  //             422 / 40010001): the existing order is left unchanged; look it up.
  // Race-safe across processes: the unique key on client_order_id decides.
  Result<BrokerOrder> submit(const OrderRequest& request) override;

  // nullopt for an unknown id. For an accepted order, first decides (and persists) its fill or
  // expiry as of clock.now(), per the fill rule above; a decided order never changes again.
  Result<std::optional<BrokerOrder>> find_by_client_order_id(
      std::string_view client_order_id) override;

  // nullopt: the paper account has no cash; it fills whatever it accepts.
  Result<std::optional<Money>> available_buying_power() override { return std::optional<Money>(); }

 private:
  struct Stored;  // One paper_orders row.
  struct Decision;

  Result<Database*> checked_db();
  Result<std::optional<Stored>> load(std::string_view client_order_id);
  Result<Decision> decide(const Stored& order, Timestamp now);

  Database& db_;
  MarketData& data_;
  const MarketCalendar& calendar_;
  const Clock& clock_;
  PaperBrokerOptions options_;
  bool schema_checked_ = false;
};

}  // namespace stratus
