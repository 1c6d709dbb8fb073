// MemoryLedger: the Ledger port held in memory, for backtests that place ~100,000 orders and must
// not pay for a database. Semantics are SqliteLedger's (sqlite_ledger.h: the counting table, the
// errors beyond the port's contract) applied with the same rules (ports/ledger_rules.h); it passes
// tests/ledger/ledger_contract_test.cc. Nothing survives the object, and no per-order history of
// events is kept.
//
// Complexity (n orders in total, k orders returned):
//   find()                    O(1) on average (hash of client_order_id)
//   reserve(), update()       O(1) on average when the order sorts after every order already held
//                             (by session, then id), as a backtest's do; O(n) otherwise (its
//                             indexes are sorted vectors: see sorted_order_index.h). Running usage
//                             per (symbol, month) and per month is kept up to date, never recounted
//   usage()                   O(1) on average
//   orders()                  O(k) plus copying the k records, from a sorted index: every order,
//                             a symbol's, a month's, a symbol's month, or (open_only alone) the
//                             open orders; open_only with a symbol or month walks that symbol's or
//                             month's orders
//
// Thread-safety: none. A backtest drives it from one thread; no call locks anything. Each call is
// still all-or-nothing: a call that answers an error changes nothing (std::bad_alloc aside).
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "adapters/memory/sorted_order_index.h"
#include "ports/ledger.h"
#include "support/short_key_hash.h"

namespace stratus {

class MemoryLedger final : public Ledger {
 public:
  // The order table keeps at least four buckets per order: a reservation looks up a
  // client_order_id that is nearly never there, and an empty bucket answers without reading a
  // record.
  MemoryLedger() { orders_.max_load_factor(0.25F); }
  // Not copyable: the indexes point into the order table.
  MemoryLedger(const MemoryLedger&) = delete;
  MemoryLedger& operator=(const MemoryLedger&) = delete;

  // Ledger, as SqliteLedger: InvalidInput (nothing written) for a bad reservation request or an
  // update whose fills do not fit the order; Conflict when the client_order_id is reserved for
  // another symbol or session, for a forbidden transition or a shrinking filled_qty; NotFound for
  // an unknown id in update(). created_at/updated_at are the request's and the update's `at`; a
  // pure repeat changes nothing (updated_at included).
  Result<ReservationOutcome> reserve(const ReservationRequest& request) override;
  Result<OrderRecord> update(std::string_view client_order_id, const OrderUpdate& update) override;
  Result<std::optional<OrderRecord>> find(std::string_view client_order_id) override;
  Result<std::vector<OrderRecord>> orders(const OrderFilter& filter) override;
  Result<CapUsage> usage(std::string_view symbol, std::string_view month) override;

  // Hands over every order, in the order of orders(OrderFilter{}), moved rather than copied, and
  // leaves the ledger empty. For the end of a backtest, where the ledger is no longer needed and
  // a copy would double the memory of hundreds of thousands of records.
  std::vector<OrderRecord> release_orders();

 private:
  // Orders by session then client_order_id. The pointers are stable: they point into orders_,
  // whose nodes never move, and neither key field changes after a reservation.
  using OrderSet = SortedOrderIndex;

  // Keyed by text, looked up by std::string_view as well: no temporary string per lookup.
  template <typename T>
  using StringMap = std::unordered_map<std::string, T, ShortKeyHash, std::equal_to<>>;

  // One symbol's month: what its orders count (counted_shares, notional) and the orders.
  struct SymbolMonth {
    Quantity shares;
    Money dollars;
    OrderSet orders;
  };
  // One month: the dollars all its orders count, per symbol usage and the orders.
  struct Month {
    Money dollars;
    StringMap<SymbolMonth> symbols;
    OrderSet orders;
  };

  // What the orders of `symbol` in `month` count against its caps (never fails).
  CapUsage usage_of(std::string_view symbol, std::string_view month);
  // Adds `order`'s shares and dollars to its month's usage (`sign` +1), or takes them off (-1).
  void count(const OrderRecord& order, int sign);
  // Puts a newly stored order into every index.
  void index(const OrderRecord& order);
  // Copies of the records in `set`, in its order; only the open ones when `open_only`.
  static std::vector<OrderRecord> collect(const OrderSet& set, bool open_only);

  StringMap<OrderRecord> orders_;  // By client_order_id; owns every record.
  OrderSet all_;                   // Every order.
  OrderSet open_;                  // Reserved, submitted and partially filled orders.
  StringMap<Month> months_;        // By month ("2015-08").
  // The entry of months_ usage_of found last, or null: the reservations of a run all fall in one
  // month, so most find it here. Entries of months_ never move and are erased only all at once.
  const std::pair<const std::string, Month>* last_month_ = nullptr;
  StringMap<OrderSet> symbols_;  // By symbol, every month.
};

}  // namespace stratus
