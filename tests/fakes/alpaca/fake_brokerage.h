// FakeBrokerage: the trading state behind the fake Alpaca API (orders, positions, cash, buying
// power, assets and their prices) and the test's handle on the order lifecycle (fills, partial
// fills, expiry, rejection). Knows nothing of HTTP. Thread-safe: every method locks one mutex.
// Test support only.
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/money.h"
#include "domain/result.h"
#include "fakes/alpaca/api_error.h"
#include "fakes/alpaca/fake_order.h"
#include "fakes/alpaca/fake_time.h"
#include "fakes/alpaca/new_order.h"

namespace stratus::fakes {

// The account's settable facts (GET /v2/account derives the rest).
struct FakeAccountSettings {
  Money cash = Money::from_dollars(100'000);
  std::string status = "ACTIVE";
  bool trading_blocked = false;
  bool account_blocked = false;
  bool transfers_blocked = false;
  bool trade_suspended_by_user = false;
  bool pattern_day_trader = false;
};

// The account as GET /v2/account shows it at `at`.
struct FakeAccountView {
  FakeAccountSettings settings;
  Money buying_power;  // cash minus what open buy orders hold, never below zero.
  Money long_market_value;
  Money equity;  // cash + long_market_value
  FakeTime at{};
};

struct FakePosition {
  std::string symbol;
  std::string asset_id;
  std::int64_t qty_nanos = 0;
  Int128 cost = 0;      // Sum of qty_nanos * price units over the shares held (exact).
  Money current_price;  // The asset's price, or the average entry price when it has none.
  Money lastday_price;  // Same as current_price in the fake.
};

struct FillSpec {
  std::optional<std::int64_t> qty_nanos;  // Default: everything not yet filled.
  Money price;                            // REQUIRES: positive.
  std::optional<FakeTime> at;             // Default: the fake's now.

  // Everything left, at `price`.
  static FillSpec all_at(Money price) { return {std::nullopt, price, std::nullopt}; }
  // `shares` whole shares at `price`.
  static FillSpec shares_at(std::int64_t shares, Money price) {
    return {shares * kNanosPerShare, price, std::nullopt};
  }
  FillSpec& when(FakeTime time) {
    at = time;
    return *this;
  }
};

// GET /v2/orders parameters.
struct OrderQuery {
  std::string status = "open";  // open | closed | all
  int limit = 50;
  bool ascending = false;         // direction=asc; by submission time.
  std::optional<FakeTime> after;  // Exclusive.
  std::optional<FakeTime> until;  // Exclusive.
  std::vector<std::string> symbols;
  std::string side;
};

class FakeBrokerage {
 public:
  FakeBrokerage();

  // --- Set-up (by the test) ---
  // Makes `symbol` a tradable asset priced at `price` (market orders are costed and auto-filled
  // at it). Orders for symbols without a price are refused as unknown assets.
  void set_price(const std::string& symbol, Money price);
  void set_account(const FakeAccountSettings& settings);
  FakeAccountSettings account_settings() const;
  // Freezes the fake's clock at `now` (order timestamps); use_real_time() undoes it.
  void set_time(FakeTime now);
  void use_real_time();
  FakeTime now() const;
  // Open market: new orders start as "new"; closed: as "accepted" (queued for the open).
  void set_market_open(bool open);
  // When on, a market order for a priced asset fills completely at that price right after it
  // was accepted (the POST still answers the accepted order, as Alpaca does).
  void set_auto_fill(bool on);
  // When on, buying power and other checks run before the client_order_id uniqueness check (a
  // retried order may then be refused for buying power rather than as a duplicate).
  void set_uniqueness_checked_last(bool on);

  // --- The API's operations ---
  // POST /v2/orders, after parse_new_order. Errors: 403 when the account may not trade, for
  // insufficient buying power or insufficient shares to sell; 422 for an unknown asset or a
  // client_order_id used before (canceled orders included).
  ApiResult<FakeOrder> submit(const NewOrder& order);
  std::optional<FakeOrder> order(std::string_view id) const;
  std::optional<FakeOrder> order_by_client_order_id(std::string_view client_order_id) const;
  std::vector<FakeOrder> orders(const OrderQuery& query) const;
  // DELETE /v2/orders/{id}: 404 unknown, 422 when the order is no longer open.
  std::optional<ApiError> cancel(std::string_view id);
  FakeAccountView account() const;
  std::vector<FakePosition> positions() const;

  // --- The order lifecycle (by the test) ---
  // Fills part or all of an open order. Errors (InvalidInput) for an unknown id, an order that
  // is not open, a quantity above what is left, or a non-positive price. Guarantees: status
  // becomes partially_filled or filled (filled_at set when filled), the position and cash move.
  Result<FakeOrder> fill(std::string_view order_id, const FillSpec& fill);
  // Moves an open order to `status` (canceled, expired, rejected, done_for_day, ...), stamping
  // the matching *_at field. Errors for an unknown id, a closed order or an unknown status.
  Result<FakeOrder> set_status(std::string_view order_id, std::string_view status);

  // Every order ever accepted, in submission order (for assertions).
  std::vector<FakeOrder> all_orders() const;

 private:
  FakeTime now_locked() const;
  Money held_locked() const;
  Money buying_power_locked() const;
  std::optional<ApiError> check_funds_locked(const NewOrder& order) const;
  FakeOrder* find_locked(std::string_view id);
  Result<FakeOrder> fill_locked(FakeOrder& order, const FillSpec& fill);

  mutable std::mutex mu_;
  FakeAccountSettings account_;
  std::map<std::string, Money, std::less<>> prices_;
  std::vector<FakeOrder> orders_;
  std::map<std::string, std::size_t, std::less<>> by_id_;
  std::map<std::string, std::size_t, std::less<>> by_client_id_;
  std::map<std::string, FakePosition, std::less<>> positions_;
  std::optional<FakeTime> frozen_now_;
  bool market_open_ = true;
  bool auto_fill_ = false;
  bool uniqueness_last_ = false;
  std::uint64_t next_id_ = 1;
};

// A UUID-shaped id derived from `text` (stable: the same text gives the same id).
std::string fake_uuid(std::string_view text);

}  // namespace stratus::fakes
