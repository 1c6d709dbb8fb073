// SortedOrderIndex: a set of order records kept as a vector of pointers sorted by (session,
// client_order_id), the order in which MemoryLedger lists orders.
//
// A backtest reserves its orders in that order, so nearly every insertion is an append: O(1)
// amortised, 8 bytes per order, and a listing walks contiguous memory. An insertion out of order
// or an erasure moves the pointers after it (O(n)); MemoryLedger erases only from its index of
// open orders, which stays small.
#pragma once

#include <algorithm>
#include <cstddef>
#include <tuple>
#include <vector>

#include "ports/ledger.h"

namespace stratus {

class SortedOrderIndex {
 public:
  using const_iterator = std::vector<const OrderRecord*>::const_iterator;

  // Adds `order` unless an order with its (session, client_order_id) is held already.
  // REQUIRES: `order` outlives its membership, and its session and id do not change meanwhile.
  void insert(const OrderRecord* order) {
    if (orders_.empty() || before(orders_.back(), order)) {
      orders_.push_back(order);
      return;
    }
    const auto at = std::lower_bound(orders_.begin(), orders_.end(), order, before);
    if (at == orders_.end() || before(order, *at)) orders_.insert(at, order);
  }

  // Removes the order with `order`'s (session, client_order_id), if held.
  void erase(const OrderRecord* order) {
    const auto at = std::lower_bound(orders_.begin(), orders_.end(), order, before);
    if (at != orders_.end() && !before(order, *at)) orders_.erase(at);
  }

  const_iterator begin() const { return orders_.begin(); }
  const_iterator end() const { return orders_.end(); }
  std::size_t size() const { return orders_.size(); }
  bool empty() const { return orders_.empty(); }
  void clear() { orders_.clear(); }

 private:
  static bool before(const OrderRecord* a, const OrderRecord* b) {
    return std::tie(a->session, a->client_order_id) < std::tie(b->session, b->client_order_id);
  }

  std::vector<const OrderRecord*> orders_;  // Ascending by (session, client_order_id); unique.
};

}  // namespace stratus
