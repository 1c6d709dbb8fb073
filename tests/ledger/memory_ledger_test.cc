// The in-memory Ledger: joins the Ledger contract suite, and checks that its running totals and
// indexes always equal a recount of its orders (usage per symbol and month, every filtered
// listing) after a random mix of reservations and updates, that a failed call changes nothing,
// and that a backtest-sized run keeps the open listing to the open orders.
#include "adapters/memory/memory_ledger.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "ledger_contract_test.h"
#include "ports/ledger_rules.h"

namespace stratus {
namespace {

std::unique_ptr<Ledger> make_memory_ledger() { return std::make_unique<MemoryLedger>(); }

INSTANTIATE_TEST_SUITE_P(Memory, LedgerContractTest,
                         ::testing::Values(LedgerBackend{"Memory", make_memory_ledger}),
                         LedgerBackendName());

Money m(const char* text) { return *Money::parse(text); }
Date d(const char* text) { return *parse_date(text); }
Timestamp t(const char* text) { return *parse_utc_timestamp(text); }

// The dollars `order` counts against its month, from the table in sqlite_ledger.h.
Money table_dollars(const OrderRecord& order) {
  const Money avg = order.filled_avg_price.value_or(Money());
  const std::int64_t filled = order.filled_qty.shares();
  switch (order.state) {
    case OrderState::kReserved:
    case OrderState::kSubmitted:
      return order.limit_price * order.qty.shares();
    case OrderState::kPartiallyFilled:
      return avg * filled + order.limit_price * (order.qty.shares() - filled);
    case OrderState::kFilled:
    case OrderState::kRejected:
    case OrderState::kCanceled:
      return avg * filled;
  }
  return Money();
}

// The usage of `symbol` in `month`, counted afresh from `all`.
CapUsage recount(const std::vector<OrderRecord>& all, const std::string& symbol,
                 const std::string& month) {
  CapUsage usage;
  for (const OrderRecord& order : all) {
    if (order.month != month) continue;
    const Money dollars = table_dollars(order);
    usage.total_spent += dollars;
    if (order.symbol != symbol) continue;
    usage.shares_used += counted_shares(order);
    usage.symbol_spent += dollars;
  }
  return usage;
}

std::vector<std::string> ids_of(const std::vector<OrderRecord>& orders) {
  std::vector<std::string> ids;
  for (const OrderRecord& order : orders) ids.push_back(order.client_order_id);
  return ids;
}

OrderFilter open_filter() {
  OrderFilter filter;
  filter.open_only = true;
  return filter;
}

bool open(OrderState state) {
  return state == OrderState::kReserved || state == OrderState::kSubmitted ||
         state == OrderState::kPartiallyFilled;
}

std::vector<OrderRecord> all_orders(Ledger& ledger) {
  auto all = ledger.orders({});
  EXPECT_TRUE(all.ok()) << all.error().to_string();
  return all.ok() ? *all : std::vector<OrderRecord>();
}

// Expects usage() and orders() for every symbol and month (and one unknown of each) to equal a
// recount of orders({}), which itself must be sorted by session then id.
void expect_indexes_match_a_recount(Ledger& ledger, const std::vector<std::string>& symbols,
                                    const std::vector<std::string>& months, int step) {
  SCOPED_TRACE("after operation " + std::to_string(step));
  const std::vector<OrderRecord> all = all_orders(ledger);
  EXPECT_TRUE(std::is_sorted(all.begin(), all.end(), [](const auto& a, const auto& b) {
    return std::tie(a.session, a.client_order_id) < std::tie(b.session, b.client_order_id);
  }));
  for (const OrderRecord& order : all) {
    EXPECT_EQ(order.notional, table_dollars(order)) << order.client_order_id;
  }

  std::vector<std::optional<std::string>> symbol_filters = {std::nullopt, "NOPE"};
  symbol_filters.insert(symbol_filters.end(), symbols.begin(), symbols.end());
  std::vector<std::optional<std::string>> month_filters = {std::nullopt, "1999-01"};
  month_filters.insert(month_filters.end(), months.begin(), months.end());

  for (const auto& symbol : symbol_filters) {
    for (const auto& month : month_filters) {
      if (symbol && month) {
        auto usage = ledger.usage(*symbol, *month);
        ASSERT_TRUE(usage.ok()) << usage.error().to_string();
        const CapUsage expected = recount(all, *symbol, *month);
        EXPECT_EQ(usage->shares_used, expected.shares_used) << *symbol << " " << *month;
        EXPECT_EQ(usage->symbol_spent, expected.symbol_spent) << *symbol << " " << *month;
        EXPECT_EQ(usage->total_spent, expected.total_spent) << *symbol << " " << *month;
      }
      for (bool open_only : {false, true}) {
        std::vector<std::string> expected;
        for (const OrderRecord& order : all) {
          if (symbol && order.symbol != *symbol) continue;
          if (month && order.month != *month) continue;
          if (open_only && !open(order.state)) continue;
          expected.push_back(order.client_order_id);
        }
        auto listed = ledger.orders({.symbol = symbol, .month = month, .open_only = open_only});
        ASSERT_TRUE(listed.ok()) << listed.error().to_string();
        EXPECT_EQ(ids_of(*listed), expected)
            << symbol.value_or("*") << " " << month.value_or("*") << " open_only " << open_only;
      }
    }
  }
}

// Whether `a` and `b` are the same record, as far as a call could have changed it.
bool same_record(const std::optional<OrderRecord>& a, const std::optional<OrderRecord>& b) {
  if (!a || !b) return a.has_value() == b.has_value();
  return same_content(*a, *b) && a->qty == b->qty && a->updated_at == b->updated_at;
}

class RandomLedgerRun {
 public:
  explicit RandomLedgerRun(std::uint32_t seed) : random_(seed) {
    for (const char* symbol : {"AAPL", "MSFT", "XOM", "JNJ", "KO", "PG", "GE", "T"}) {
      symbols_.push_back(symbol);
    }
    for (int day = 0; day < 730; day += 28) months_.push_back(format_month(first_ + days(day)));
    months_.push_back(format_month(first_ + days(729)));
    std::sort(months_.begin(), months_.end());
    months_.erase(std::unique(months_.begin(), months_.end()), months_.end());
  }

  // One random reserve() or update() (sometimes an invalid one); expects a failed call to change
  // nothing.
  void step(int n) {
    const int kind = pick(0, 9);
    if (kind < 6 || ids_.empty()) {
      reserve_new(n);
    } else if (kind == 6) {
      reserve_again(random_id());
    } else {
      update(random_id(), n);
    }
  }

  MemoryLedger& ledger() { return ledger_; }
  const std::vector<std::string>& symbols() const { return symbols_; }
  const std::vector<std::string>& months() const { return months_; }
  std::size_t reserved() const { return ids_.size(); }

 private:
  static std::chrono::days days(int n) { return std::chrono::days(n); }
  int pick(int low, int high) { return std::uniform_int_distribution<int>(low, high)(random_); }
  std::string random_id() {
    return ids_[static_cast<std::size_t>(pick(0, static_cast<int>(ids_.size()) - 1))];
  }

  void reserve_new(int n) {
    ReservationRequest r;
    r.client_order_id = "o" + std::to_string(n);
    r.run_id = "run-" + std::to_string(n / 100);
    r.symbol = symbols_[static_cast<std::size_t>(pick(0, static_cast<int>(symbols_.size()) - 1))];
    r.session = first_ + days(pick(0, 729));
    r.month = format_month(r.session);
    if (pick(0, 49) == 0) r.month = "1999-01";  // Invalid: not the session's month.
    r.desired = Quantity(pick(1, 5));
    r.price = Money::from_units(pick(5, 300) * 10000 + pick(0, 9999));
    r.limits.monthly_shares = Quantity(pick(4, 12));
    if (pick(0, 2) == 0) r.limits.symbol_budget = Money::from_dollars(pick(200, 2000));
    if (pick(0, 2) == 0) r.limits.total_budget = Money::from_dollars(pick(2000, 20000));
    r.policy = pick(0, 1) == 0 ? ExceedPolicy::kClip : ExceedPolicy::kSkip;
    r.at = start_ + std::chrono::seconds(n);

    const CapUsage before = *ledger_.usage(r.symbol, format_month(r.session));
    auto out = ledger_.reserve(r);
    if (!out.ok()) {
      EXPECT_EQ(out.error().code, ErrorCode::kInvalidInput);
      EXPECT_FALSE(ledger_.find(r.client_order_id)->has_value());
      const CapUsage after = *ledger_.usage(r.symbol, format_month(r.session));
      EXPECT_EQ(after.shares_used, before.shares_used);
      EXPECT_EQ(after.total_spent, before.total_spent);
      return;
    }
    EXPECT_EQ(out->usage_before.shares_used, before.shares_used);
    EXPECT_EQ(out->usage_before.total_spent, before.total_spent);
    if (out->kind == ReservationOutcome::Kind::kReserved) ids_.push_back(r.client_order_id);
  }

  // Reserves `id` again, for its own symbol and session: nothing new may be counted.
  void reserve_again(const std::string& id) {
    const OrderRecord order = **ledger_.find(id);
    const CapUsage before = *ledger_.usage(order.symbol, order.month);
    ReservationRequest r;
    r.client_order_id = id;
    r.symbol = order.symbol;
    r.session = order.session;
    r.month = order.month;
    r.desired = Quantity(1);
    r.price = order.limit_price;
    r.limits.monthly_shares = Quantity(100);
    auto out = ledger_.reserve(r);
    ASSERT_TRUE(out.ok()) << out.error().to_string();
    EXPECT_EQ(out->kind, ReservationOutcome::Kind::kAlreadyExists);
    const CapUsage after = *ledger_.usage(order.symbol, order.month);
    EXPECT_EQ(after.shares_used, before.shares_used);
    EXPECT_EQ(after.total_spent, before.total_spent);
  }

  // A random update of `id`: any target state, fills that mostly fit, sometimes too many shares or
  // no average price.
  void update(const std::string& id, int n) {
    const std::optional<OrderRecord> current = *ledger_.find(id);
    static constexpr OrderState kStates[] = {OrderState::kReserved,        OrderState::kSubmitted,
                                             OrderState::kPartiallyFilled, OrderState::kFilled,
                                             OrderState::kRejected,        OrderState::kCanceled};
    OrderUpdate u;
    u.state = kStates[pick(0, 5)];
    u.broker_order_id = "b-" + id;
    const int filled_before = static_cast<int>(current->filled_qty.shares());
    const int qty = static_cast<int>(current->qty.shares());
    int filled = filled_before;
    if (u.state == OrderState::kFilled) filled = qty;
    if (u.state == OrderState::kPartiallyFilled || pick(0, 2) == 0) filled = pick(filled, qty);
    if (pick(0, 24) == 0) filled = qty + 1;  // Invalid: more than ordered.
    u.filled_qty = Quantity(filled);
    if (filled > 0 && pick(0, 9) != 0) {
      u.filled_avg_price = Money::from_units(pick(5, 300) * 10000 + pick(0, 9999));
    }
    if (pick(0, 3) == 0) u.reason = "reason " + std::to_string(n);
    u.at = start_ + std::chrono::seconds(n);

    const CapUsage before = *ledger_.usage(current->symbol, current->month);
    auto out = ledger_.update(id, u);
    if (out.ok()) return;
    EXPECT_TRUE(out.error().code == ErrorCode::kConflict ||
                out.error().code == ErrorCode::kInvalidInput)
        << out.error().to_string();
    EXPECT_TRUE(same_record(*ledger_.find(id), current)) << id;
    const CapUsage after = *ledger_.usage(current->symbol, current->month);
    EXPECT_EQ(after.shares_used, before.shares_used);
    EXPECT_EQ(after.symbol_spent, before.symbol_spent);
    EXPECT_EQ(after.total_spent, before.total_spent);
  }

  std::mt19937 random_;
  MemoryLedger ledger_;
  const Date first_ = d("2015-01-01");
  const Timestamp start_ = t("2015-01-01T14:30:00Z");
  std::vector<std::string> symbols_;
  std::vector<std::string> months_;
  std::vector<std::string> ids_;  // Every id reserved so far.
};

TEST(MemoryLedger, UsageAndListingsEqualARecountAfterRandomCalls) {
  RandomLedgerRun run(20150824);
  for (int n = 1; n <= 2000; ++n) {
    run.step(n);
    if (n % 500 == 0) {
      expect_indexes_match_a_recount(run.ledger(), run.symbols(), run.months(), n);
    }
    if (::testing::Test::HasFatalFailure()) return;
  }
  EXPECT_EQ(all_orders(run.ledger()).size(), run.reserved());
  EXPECT_GT(run.reserved(), 500u);  // The run did reach the caps' interesting cases.
  auto open_orders = run.ledger().orders(open_filter());
  ASSERT_TRUE(open_orders.ok());
  EXPECT_LT(open_orders->size(), run.reserved());  // Some orders did reach a terminal state.
  EXPECT_GT(open_orders->size(), 0u);
}

TEST(SortedOrderIndex, KeepsOrdersBySessionThenIdWhateverTheInsertionOrder) {
  std::vector<OrderRecord> records(40);
  for (std::size_t i = 0; i < records.size(); ++i) {
    records[i].session = d("2015-08-24") + std::chrono::days(static_cast<int>(i % 5));
    records[i].client_order_id = "o" + std::to_string(i);
  }
  std::vector<const OrderRecord*> shuffled;
  for (const OrderRecord& r : records) shuffled.push_back(&r);
  std::shuffle(shuffled.begin(), shuffled.end(), std::mt19937(7));
  SortedOrderIndex index;
  for (const OrderRecord* r : shuffled) index.insert(r);
  for (const OrderRecord* r : shuffled) index.insert(r);  // Already held: no second entry.
  OrderRecord twin = records[3];                          // Same key, another record.
  index.insert(&twin);
  const auto key = [](const OrderRecord* r) { return std::tie(r->session, r->client_order_id); };
  const auto expect_sorted = [&](std::size_t size) {
    ASSERT_EQ(index.size(), size);
    EXPECT_TRUE(std::is_sorted(index.begin(), index.end(),
                               [&](auto* a, auto* b) { return key(a) < key(b); }));
    EXPECT_EQ(std::adjacent_find(index.begin(), index.end(),
                                 [&](auto* a, auto* b) { return key(a) == key(b); }),
              index.end());
  };
  expect_sorted(records.size());
  index.erase(&twin);  // Erases the entry with its key: records[3]'s.
  expect_sorted(records.size() - 1);
  EXPECT_EQ(std::find(index.begin(), index.end(), &records[3]), index.end());
  index.erase(&twin);  // Not held any more: nothing changes.
  expect_sorted(records.size() - 1);
  index.clear();
  EXPECT_TRUE(index.empty());
}

TEST(MemoryLedger, ReleasedOrdersAreTheListingAndLeaveItEmpty) {
  RandomLedgerRun run(20180207);
  for (int n = 1; n <= 600; ++n) run.step(n);
  auto listed = run.ledger().orders({});
  ASSERT_TRUE(listed.ok());
  ASSERT_GT(listed->size(), 100u);
  MemoryLedger& ledger = run.ledger();
  const std::vector<OrderRecord> released = ledger.release_orders();
  ASSERT_EQ(released.size(), listed->size());
  for (std::size_t i = 0; i < released.size(); ++i) {
    const OrderRecord& a = released[i];
    const OrderRecord& b = (*listed)[i];
    EXPECT_EQ(std::tie(a.client_order_id, a.run_id, a.symbol, a.month, a.session, a.state, a.reason,
                       a.broker_order_id, a.filled_at, a.updated_at),
              std::tie(b.client_order_id, b.run_id, b.symbol, b.month, b.session, b.state, b.reason,
                       b.broker_order_id, b.filled_at, b.updated_at))
        << i;
    EXPECT_EQ(
        std::tie(a.qty, a.filled_qty, a.limit_price, a.notional, a.commission, a.filled_avg_price),
        std::tie(b.qty, b.filled_qty, b.limit_price, b.notional, b.commission, b.filled_avg_price))
        << i;
  }
  EXPECT_TRUE(ledger.orders({})->empty());
  EXPECT_TRUE(ledger.orders(open_filter())->empty());
  EXPECT_FALSE(ledger.find(released.front().client_order_id)->has_value());
  const CapUsage usage = *ledger.usage(released.front().symbol, released.front().month);
  EXPECT_TRUE(usage.shares_used.is_zero());
}

TEST(MemoryLedger, AReturnedRecordIsACopy) {
  MemoryLedger ledger;
  ReservationRequest r;
  r.client_order_id = "o1";
  r.symbol = "MSFT";
  r.session = d("2015-08-24");
  r.month = "2015-08";
  r.desired = Quantity(2);
  r.price = m("10");
  r.limits.monthly_shares = Quantity(4);
  r.at = t("2015-08-24T19:45:00Z");
  ASSERT_TRUE(ledger.reserve(r).ok());
  auto listed = ledger.orders({});
  ASSERT_TRUE(listed.ok());
  (*listed)[0].state = OrderState::kFilled;
  EXPECT_EQ((**ledger.find("o1")).state, OrderState::kReserved);
  auto open_orders = ledger.orders(open_filter());
  ASSERT_TRUE(open_orders.ok());
  EXPECT_EQ(open_orders->size(), 1u);
}

// The shape of a five-year backtest: 1,259 sessions, 505 symbols, 80 orders a session. Each
// session lists the open orders, cancels yesterday's leftovers, reserves, submits and fills nine
// orders in ten; the tenth stays open until the next session.
TEST(MemoryLedger, ABacktestSizedRunListsOnlyTheOpenOrders) {
  constexpr int kSessions = 1259;
  constexpr int kSymbols = 505;
  constexpr int kPerSession = 80;
  MemoryLedger ledger;
  const Date first = d("2015-01-02");
  const Timestamp at = t("2015-01-02T20:00:00Z");
  OrderUpdate submit;
  submit.state = OrderState::kSubmitted;
  OrderUpdate cancel;
  cancel.state = OrderState::kCanceled;
  OrderUpdate fill;
  fill.state = OrderState::kFilled;
  fill.filled_avg_price = m("10");

  for (int s = 0; s < kSessions; ++s) {
    const Date session = first + std::chrono::days(s);
    auto open_orders = ledger.orders(open_filter());
    ASSERT_TRUE(open_orders.ok());
    ASSERT_EQ(open_orders->size(), s == 0 ? 0u : std::size_t{kPerSession / 10});
    for (const OrderRecord& order : *open_orders) {
      ASSERT_TRUE(ledger.update(order.client_order_id, cancel).ok());
    }
    for (int i = 0; i < kPerSession; ++i) {
      ReservationRequest r;
      r.client_order_id = std::to_string(s) + "-" + std::to_string(i);
      r.symbol = "S" + std::to_string((s * kPerSession + i) % kSymbols);
      r.session = session;
      r.month = format_month(session);
      r.desired = Quantity(1);
      r.price = m("10");
      r.limits.monthly_shares = Quantity(100);
      r.at = at + std::chrono::days(s);
      auto out = ledger.reserve(r);
      ASSERT_TRUE(out.ok() && out->kind == ReservationOutcome::Kind::kReserved);
      ASSERT_TRUE(ledger.update(r.client_order_id, submit).ok());
      if (i % 10 == 0) continue;
      fill.filled_qty = Quantity(1);
      ASSERT_TRUE(ledger.update(r.client_order_id, fill).ok());
    }
  }
  auto all = ledger.orders({});
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(all->size(), std::size_t{kSessions * kPerSession});
  const std::string month = format_month(first);
  auto usage = ledger.usage("S0", month);
  ASSERT_TRUE(usage.ok());
  const CapUsage expected = recount(*all, "S0", month);
  EXPECT_EQ(usage->shares_used, expected.shares_used);
  EXPECT_EQ(usage->symbol_spent, expected.symbol_spent);
  EXPECT_EQ(usage->total_spent, expected.total_spent);
}

}  // namespace
}  // namespace stratus
