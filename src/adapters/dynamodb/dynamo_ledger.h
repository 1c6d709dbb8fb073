// DynamoLedger: the Ledger port on one DynamoDB table, without transactions (TransactWriteItems is
// not used): every atomic step is a single conditional write of one item.
//
// Key design (table key: PK, a string; no sort key):
//   Order item  PK = "ORDER#<client_order_id>"
//     the OrderRecord (money in 1/10,000-dollar units), `ver` (its version, 1 when reserved,
//     +1 per change) and `events` (its history: a list of {from, to, at, details}).
//     GSI1PK = "SYMBOL#<symbol>#MONTH#<YYYY-MM>", GSI1SK = "<session>#<client_order_id>":
//       index GSI1, the orders of a symbol in a month, by session then id.
//     GSI2PK = "ORDERS", GSI2SK = "<session>#<client_order_id>":
//       index GSI2, every order by session then id (a month is a prefix of the sort key).
//   Cap item    PK = "CAP#<YYYY-MM>"  (one per month, for all symbols)
//     `res`: a map client_order_id -> reservation entry {sym, session, run, qty, price, reason,
//     at, state, shares, dollars, ver}: what each order of the month counts against the caps
//     (shares and dollars as in sqlite_ledger.h) at order version `ver`; and `ver`, the item's
//     version. The month's usage is the sum over `res`. The cap item is the source of truth
//     for reservations: an id is reserved exactly when it is a key of `res`.
//   One cap item per month (not per symbol) because the total budget spans every symbol of the
//   month and only a single item can be changed atomically without transactions. The map holds
//   about 200 bytes per order, so a month holds about 2,000 orders under DynamoDB's 400 KB item
//   limit; Stratus places a few per symbol per month.
//
// reserve(): read the cap item (strongly consistent); if `res` has the id, it is already
//   reserved (Conflict if for another symbol or session); otherwise decide with
//   decide_reservation on the usage read and write the entry with ONE conditional write: PutItem
//   with attribute_not_exists(PK) for the month's first order, else UpdateItem
//   `SET res.#id = :entry, ver = :next` IF `ver = :seen AND attribute_not_exists(res.#id)`.
//   A failed condition means another writer changed the month: read again and decide again (so
//   concurrent reservers can never take the same share twice; usage_before is what the winning
//   decision saw). Then the order item is written with attribute_not_exists(PK).
//   A crash (or an Ambiguous answer) between the two writes leaves the entry without its order
//   item: the retried reserve finds the entry, writes the missing order item from it and answers
//   kAlreadyExists; the shares were counted once.
// update(): read the order item, check the transition as SqliteLedger does, write it IF
//   `ver = :seen` (retrying on a concurrent change), append the event, then bring the cap entry
//   up to date: SET res.#id.{state,shares,dollars,ver} and bump the cap item's `ver`, IF the
//   entry's ver is older (so a stale writer never rolls it back). Releases (rejected/canceled)
//   thus lower what the month counts. If that second write fails the update answers its error;
//   repeating the update (a no-op on the order) completes it, as does the next reserve of the id.
//   Until then the month counts the order's previous state (for shares, never less than now).
// orders(): a paginated Query of GSI1 (symbol and month) or GSI2 (otherwise), filters applied
//   by DynamoDB. Indexes are eventually consistent on AWS (dynalite answers at once): an order
//   written a moment ago may be missing from orders() for a short while; find() and usage() are
//   strongly consistent.
#pragma once

#include <memory>
#include <string>

#include "adapters/dynamodb/dynamo_client.h"
#include "ports/ledger.h"

namespace stratus::dynamodb {

struct DynamoLedgerOptions {
  std::string table = "stratus-ledger";
  // Items per Query page in orders() (0: DynamoDB's default of 1 MB pages).
  int page_size = 0;
  // How often reserve() and update() re-read and retry after losing a race on the same item
  // before answering Unavailable.
  int max_attempts = 200;
};

class DynamoLedger : public Ledger {
 public:
  // `client` must outlive the ledger. The table must exist (create_table()).
  DynamoLedger(DynamoClient& client, DynamoLedgerOptions options = {});

  // The TableSpec of the ledger table named `table` (key PK, indexes GSI1 and GSI2).
  static TableSpec table_spec(const std::string& table);
  // Creates the table and waits until it is ACTIVE. Conflict when it exists already.
  static Status create_table(DynamoClient& client, const std::string& table);

  // Ledger. Beyond the port's contract, as SqliteLedger: InvalidInput for a bad reservation
  // request or an update whose fills do not fit; Conflict when the id is reserved for another
  // symbol or session, or filled_qty would shrink. A pure repeat writes nothing (no event).
  // Unavailable when the item kept changing under us for max_attempts tries, or DynamoDB is
  // throttling; Ambiguous (from the HttpClient) when a write may have been applied — repeat the
  // call, both reserve() and update() are idempotent.
  Result<ReservationOutcome> reserve(const ReservationRequest& request) override;
  Result<OrderRecord> update(std::string_view client_order_id, const OrderUpdate& update) override;
  Result<std::optional<OrderRecord>> find(std::string_view client_order_id) override;
  Result<std::vector<OrderRecord>> orders(const OrderFilter& filter) override;
  Result<CapUsage> usage(std::string_view symbol, std::string_view month) override;

 private:
  struct Snapshot;
  Result<Snapshot> read_month(std::string_view month);
  // The order item of a reserved id; written from the cap entry first if a crash left it out.
  Result<ReservationOutcome> existing_reservation(const ReservationRequest& request,
                                                  const Item& entry);
  // Writes the new reservation; Conflict when the cap item changed since `snapshot`.
  Status write_reservation(const Snapshot& snapshot, const OrderRecord& order);
  // Writes the reserved order item, its first event telling `outcome` (null: recovered from the
  // cap entry). Conflict (after undoing the entry) when the id belongs to another order.
  Status write_reserved_order(const OrderRecord& order, const ReservationOutcome* outcome);
  // Brings the order's cap entry up to `version` (no-op when it is there already).
  Status sync_entry(const OrderRecord& order, std::int64_t version);
  Status remove_entry(const OrderRecord& order);

  DynamoClient* client_;
  DynamoLedgerOptions options_;
};

}  // namespace stratus::dynamodb
