// MemoryLedger: the Ledger port in memory (see memory_ledger.h for the contracts and costs,
// sqlite_ledger.h for the counting rules it keeps running totals of).
#include "adapters/memory/memory_ledger.h"

#include <utility>

#include "ports/ledger_rules.h"

namespace stratus {
namespace {

// Reserved, submitted and partially filled orders are open; the others are terminal.
bool is_open(OrderState state) { return !is_terminal(state); }

}  // namespace

Result<ReservationOutcome> MemoryLedger::reserve(const ReservationRequest& request) {
  STRATUS_RETURN_IF_ERROR(validate_reservation(request));

  ReservationOutcome outcome;
  if (const auto found = orders_.find(request.client_order_id); found != orders_.end()) {
    const OrderRecord& existing = found->second;
    if (existing.symbol != request.symbol || existing.session != request.session) {
      return Error::conflict("client_order_id \"" + request.client_order_id +
                             "\" is already reserved for " + existing.symbol + " on " +
                             format_date(existing.session) + ", not for " + request.symbol +
                             " on " + format_date(request.session));
    }
    outcome.kind = ReservationOutcome::Kind::kAlreadyExists;
    outcome.order = existing;
    return outcome;
  }

  outcome.usage_before = usage_of(request.symbol, request.month);
  outcome.decision = decide_reservation(request.desired, request.price, request.limits,
                                        outcome.usage_before, request.policy);
  if (outcome.decision.qty.is_zero()) {  // Denied: nothing is kept (most requests of a backtest).
    outcome.kind = ReservationOutcome::Kind::kDenied;
    return outcome;
  }

  OrderRecord& order = orders_
                           .emplace(request.client_order_id,
                                    reserved_order(request, outcome.decision, outcome.usage_before))
                           .first->second;
  index(order);
  outcome.kind = ReservationOutcome::Kind::kReserved;
  outcome.order = order;
  return outcome;
}

Result<OrderRecord> MemoryLedger::update(std::string_view client_order_id,
                                         const OrderUpdate& update) {
  auto found = orders_.find(client_order_id);
  if (found == orders_.end()) {
    return Error::not_found("no order with client_order_id \"" + std::string(client_order_id) +
                            "\" in the ledger");
  }
  OrderRecord& current = found->second;
  STRATUS_ASSIGN_OR_RETURN(OrderRecord next, apply_update(current, update));
  if (same_content(current, next)) return current;  // A pure repeat: nothing changes.
  next.updated_at = update.at;

  const bool was_open = is_open(current.state);
  count(current, -1);
  current = std::move(next);  // Same session and id: every index stays in order.
  count(current, +1);
  if (was_open && !is_open(current.state)) open_.erase(&current);
  if (!was_open && is_open(current.state)) open_.insert(&current);
  return current;
}

Result<std::optional<OrderRecord>> MemoryLedger::find(std::string_view client_order_id) {
  auto found = orders_.find(client_order_id);
  if (found == orders_.end()) return std::optional<OrderRecord>();
  return std::optional<OrderRecord>(found->second);
}

Result<std::vector<OrderRecord>> MemoryLedger::orders(const OrderFilter& filter) {
  const OrderSet* set = &all_;
  if (filter.month) {
    auto month = months_.find(*filter.month);
    if (month == months_.end()) return std::vector<OrderRecord>();
    set = &month->second.orders;
    if (filter.symbol) {
      auto symbol = month->second.symbols.find(*filter.symbol);
      if (symbol == month->second.symbols.end()) return std::vector<OrderRecord>();
      set = &symbol->second.orders;
    }
  } else if (filter.symbol) {
    auto symbol = symbols_.find(*filter.symbol);
    if (symbol == symbols_.end()) return std::vector<OrderRecord>();
    set = &symbol->second;
  } else if (filter.open_only) {
    return collect(open_, false);  // Holds only open orders.
  }
  return collect(*set, filter.open_only);
}

Result<CapUsage> MemoryLedger::usage(std::string_view symbol, std::string_view month) {
  return usage_of(symbol, month);
}

CapUsage MemoryLedger::usage_of(std::string_view symbol, std::string_view month) {
  CapUsage usage;
  if (last_month_ == nullptr || last_month_->first != month) {
    const auto found = months_.find(month);
    if (found == months_.end()) return usage;
    last_month_ = &*found;
  }
  const Month& found_month = last_month_->second;
  usage.total_spent = found_month.dollars;
  auto found_symbol = found_month.symbols.find(symbol);
  if (found_symbol == found_month.symbols.end()) return usage;
  usage.shares_used = found_symbol->second.shares;
  usage.symbol_spent = found_symbol->second.dollars;
  return usage;
}

void MemoryLedger::count(const OrderRecord& order, int sign) {
  Month& month = months_.find(order.month)->second;  // index() created both entries.
  SymbolMonth& symbol = month.symbols.find(order.symbol)->second;
  const Quantity shares(counted_shares(order).shares() * sign);
  const Money dollars = order.notional * sign;
  symbol.shares += shares;
  symbol.dollars += dollars;
  month.dollars += dollars;
}

void MemoryLedger::index(const OrderRecord& order) {
  // A backtest reserves in session order, so a new order nearly always sorts last: an append.
  const auto insert_last = [&order](OrderSet& set) { set.insert(&order); };
  insert_last(all_);
  if (is_open(order.state)) insert_last(open_);
  insert_last(symbols_[order.symbol]);
  Month& month = months_[order.month];
  insert_last(month.orders);
  insert_last(month.symbols[order.symbol].orders);
  count(order, +1);
}

std::vector<OrderRecord> MemoryLedger::release_orders() {
  std::vector<OrderRecord> out;
  out.reserve(all_.size());
  // The indexes go first: they point into the records about to be moved from.
  std::vector<const OrderRecord*> in_order(all_.begin(), all_.end());
  all_.clear();
  open_.clear();
  last_month_ = nullptr;
  months_.clear();
  symbols_.clear();
  for (const OrderRecord* order : in_order) {
    out.push_back(std::move(const_cast<OrderRecord&>(*order)));  // Owned by orders_ (non-const).
  }
  orders_.clear();
  return out;
}

std::vector<OrderRecord> MemoryLedger::collect(const OrderSet& set, bool open_only) {
  std::vector<OrderRecord> out;
  if (!open_only) out.reserve(set.size());
  for (const OrderRecord* order : set) {
    if (!open_only || is_open(order->state)) out.push_back(*order);
  }
  return out;
}

}  // namespace stratus
