// SqliteLedger: the Ledger port on a local SQLite file (tables `orders` and `order_events`, see
// schema.cc). Reservations and updates each run in one BEGIN IMMEDIATE transaction, so monthly
// caps hold across threads and processes sharing the file.
//
// What an order counts against the month (its `notional` column keeps the dollar part):
//   reserved, submitted    qty shares;        qty * limit_price dollars
//   partially_filled       qty shares;        filled_qty * avg + (qty - filled_qty) * limit_price
//   filled                 qty shares;        filled_qty * avg
//   rejected, canceled     filled_qty shares; filled_qty * avg (zero without fills)
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string_view>
#include <vector>

#include "adapters/sqlite/database.h"
#include "ports/clock.h"
#include "ports/ledger.h"

namespace stratus {

class SqliteLedger : public Ledger {
 public:
  // A ledger on `db`, which must outlive it.
  // REQUIRES: no other code uses the connection while a ledger call runs. `db` should have been
  // opened with open_stratus_database(); otherwise every call fails with an Internal error
  // saying so (the schema version is checked on first use).
  explicit SqliteLedger(Database& db) : db_(&db) {}

  // Opens (creating and migrating if needed) the Stratus file at `path` and returns a ledger that
  // owns its connection. Errors as open_stratus_database.
  static Result<std::unique_ptr<SqliteLedger>> open(const std::filesystem::path& path,
                                                    const Clock& clock,
                                                    DatabaseOptions options = {});

  // Ledger. Beyond the port's contract:
  // - reserve(): InvalidInput (nothing written) for an empty client_order_id or symbol, a
  //   desire or price that is not positive, or a month that is not the session's month;
  //   Conflict when the client_order_id exists for another symbol or session.
  // - update(): InvalidInput for fills that do not fit the order (filled_qty > qty, fills
  //   without an average price, filled without shares); Conflict when filled_qty would shrink.
  //   A repeat that changes nothing writes nothing (no event).
  // - Unavailable when the file stayed locked for the busy timeout.
  Result<ReservationOutcome> reserve(const ReservationRequest& request) override;
  Result<OrderRecord> update(std::string_view client_order_id, const OrderUpdate& update) override;
  Result<std::optional<OrderRecord>> find(std::string_view client_order_id) override;
  Result<std::vector<OrderRecord>> orders(const OrderFilter& filter) override;
  Result<CapUsage> usage(std::string_view symbol, std::string_view month) override;

 private:
  explicit SqliteLedger(std::unique_ptr<Database> owned)
      : owned_(std::move(owned)), db_(owned_.get()) {}

  // The database, once its schema version has been checked.
  Result<Database*> checked_db();

  std::unique_ptr<Database> owned_;  // Set only when created by open().
  Database* db_;
  bool schema_checked_ = false;
};

}  // namespace stratus
