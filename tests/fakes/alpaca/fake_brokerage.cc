#include "fakes/alpaca/fake_brokerage.h"

#include <algorithm>
#include <cstdio>

namespace stratus::fakes {
namespace {

// Money units of qty_nanos shares at `price`, rounded to the unit.
Money cost_of(std::int64_t qty_nanos, Money price) {
  return Money::from_units(
      divide_rounded(static_cast<Int128>(qty_nanos) * price.units(), kNanosPerShare));
}

Money money_of(Int128 cost) { return Money::from_units(divide_rounded(cost, kNanosPerShare)); }

}  // namespace

std::string fake_uuid(std::string_view text) {
  std::uint64_t h1 = 1469598103934665603ULL;  // FNV-1a, twice with different seeds.
  std::uint64_t h2 = 1099511628211ULL * 31;
  for (char c : text) {
    h1 = (h1 ^ static_cast<unsigned char>(c)) * 1099511628211ULL;
    h2 = (h2 ^ static_cast<unsigned char>(c)) * 1469598103934665603ULL;
  }
  char buf[40];
  std::snprintf(buf, sizeof buf, "%08x-%04x-4%03x-8%03x-%012llx", static_cast<unsigned>(h1 >> 32),
                static_cast<unsigned>((h1 >> 16) & 0xffff), static_cast<unsigned>(h1 & 0xfff),
                static_cast<unsigned>((h2 >> 48) & 0xfff),
                static_cast<unsigned long long>(h2 & 0xffffffffffffULL));
  return buf;
}

FakeBrokerage::FakeBrokerage() = default;

void FakeBrokerage::set_price(const std::string& symbol, Money price) {
  std::lock_guard lock(mu_);
  prices_[symbol] = price;
}

void FakeBrokerage::set_account(const FakeAccountSettings& settings) {
  std::lock_guard lock(mu_);
  account_ = settings;
}

FakeAccountSettings FakeBrokerage::account_settings() const {
  std::lock_guard lock(mu_);
  return account_;
}

void FakeBrokerage::set_time(FakeTime now) {
  std::lock_guard lock(mu_);
  frozen_now_ = now;
}

void FakeBrokerage::use_real_time() {
  std::lock_guard lock(mu_);
  frozen_now_.reset();
}

FakeTime FakeBrokerage::now() const {
  std::lock_guard lock(mu_);
  return now_locked();
}

FakeTime FakeBrokerage::now_locked() const {
  if (frozen_now_) return *frozen_now_;
  return std::chrono::time_point_cast<std::chrono::nanoseconds>(std::chrono::system_clock::now());
}

void FakeBrokerage::set_market_open(bool open) {
  std::lock_guard lock(mu_);
  market_open_ = open;
}

void FakeBrokerage::set_auto_fill(bool on) {
  std::lock_guard lock(mu_);
  auto_fill_ = on;
}

void FakeBrokerage::set_uniqueness_checked_last(bool on) {
  std::lock_guard lock(mu_);
  uniqueness_last_ = on;
}

Money FakeBrokerage::held_locked() const {
  Money held;
  for (const FakeOrder& o : orders_) {
    if (o.side != "buy" || !is_open_status(o.status)) continue;
    if (o.notional) {
      held += *o.notional - money_of(o.filled_cost);
      continue;
    }
    const std::int64_t left = *o.qty_nanos - o.filled_qty_nanos;
    Money price = o.limit_price ? *o.limit_price : o.stop_price ? *o.stop_price : Money();
    if (!o.limit_price) {
      if (auto it = prices_.find(o.symbol); it != prices_.end()) price = it->second;
    }
    held += cost_of(left, price);
  }
  return held;
}

Money FakeBrokerage::buying_power_locked() const {
  Money power = account_.cash - held_locked();
  return power.is_positive() ? power : Money();
}

std::optional<ApiError> FakeBrokerage::check_funds_locked(const NewOrder& order) const {
  const Money price = prices_.find(order.symbol)->second;
  if (order.side == "sell") {
    std::int64_t available = 0;
    if (auto it = positions_.find(order.symbol); it != positions_.end()) {
      available = it->second.qty_nanos;
    }
    for (const FakeOrder& o : orders_) {
      if (o.side == "sell" && o.symbol == order.symbol && is_open_status(o.status) && o.qty_nanos) {
        available -= *o.qty_nanos - o.filled_qty_nanos;
      }
    }
    const std::int64_t wanted = order.qty_nanos ? *order.qty_nanos : 0;
    if (wanted > available) {
      return ApiError{
          403, 40310000,
          "insufficient qty available for order (requested: " + format_share_nanos(wanted) +
              ", available: " + format_share_nanos(std::max<std::int64_t>(available, 0)) + ")"};
    }
    return std::nullopt;
  }
  Money cost;
  if (order.notional) {
    cost = *order.notional;
  } else {
    const Money at = order.limit_price  ? *order.limit_price
                     : order.stop_price ? *order.stop_price
                                        : price;
    cost = cost_of(*order.qty_nanos, at);
  }
  if (cost > buying_power_locked()) return insufficient_buying_power();
  return std::nullopt;
}

ApiResult<FakeOrder> FakeBrokerage::submit(const NewOrder& request) {
  std::lock_guard lock(mu_);
  if (account_.status != "ACTIVE" || account_.trading_blocked || account_.account_blocked ||
      account_.trade_suspended_by_user) {
    return ApiError{403, 40310000, "account is not authorized to trade"};
  }
  const bool duplicate =
      !request.client_order_id.empty() && by_client_id_.count(request.client_order_id) > 0;
  if (duplicate && !uniqueness_last_) return duplicate_client_order_id();
  if (prices_.find(request.symbol) == prices_.end()) {
    return unprocessable("asset \"" + request.symbol + "\" not found");
  }
  if (auto refused = check_funds_locked(request)) return *refused;
  if (duplicate) return duplicate_client_order_id();

  const FakeTime now = now_locked();
  FakeOrder order;
  const std::uint64_t n = next_id_++;
  order.id = fake_uuid("order-" + std::to_string(n));
  order.client_order_id = request.client_order_id.empty()
                              ? fake_uuid("client-order-" + std::to_string(n))
                              : request.client_order_id;
  order.symbol = request.symbol;
  order.asset_id = fake_uuid("asset-" + request.symbol);
  order.qty_nanos = request.qty_nanos;
  order.notional = request.notional;
  order.side = request.side;
  order.type = request.type;
  order.time_in_force = request.time_in_force;
  order.order_class = request.order_class == "simple" ? "" : request.order_class;
  order.limit_price = request.limit_price;
  order.stop_price = request.stop_price;
  order.trail_price = request.trail_price;
  order.trail_percent = request.trail_percent;
  order.extended_hours = request.extended_hours;
  order.status = market_open_ ? "new" : "accepted";
  order.created_at = order.updated_at = order.submitted_at = now;
  orders_.push_back(order);
  by_id_[order.id] = orders_.size() - 1;
  by_client_id_[order.client_order_id] = orders_.size() - 1;

  if (auto_fill_ && market_open_ && order.type == "market") {
    FillSpec all;
    all.price = prices_.find(order.symbol)->second;
    (void)fill_locked(orders_.back(), all);
  }
  return order;  // As accepted, before any auto fill.
}

std::optional<FakeOrder> FakeBrokerage::order(std::string_view id) const {
  std::lock_guard lock(mu_);
  auto it = by_id_.find(id);
  if (it == by_id_.end()) return std::nullopt;
  return orders_[it->second];
}

std::optional<FakeOrder> FakeBrokerage::order_by_client_order_id(
    std::string_view client_order_id) const {
  std::lock_guard lock(mu_);
  auto it = by_client_id_.find(client_order_id);
  if (it == by_client_id_.end()) return std::nullopt;
  return orders_[it->second];
}

std::vector<FakeOrder> FakeBrokerage::orders(const OrderQuery& query) const {
  std::lock_guard lock(mu_);
  std::vector<FakeOrder> out;
  for (const FakeOrder& o : orders_) {
    const bool open = is_open_status(o.status);
    if (query.status == "open" && !open) continue;
    if (query.status == "closed" && open) continue;
    if (query.after && o.submitted_at <= *query.after) continue;
    if (query.until && o.submitted_at >= *query.until) continue;
    if (!query.side.empty() && o.side != query.side) continue;
    if (!query.symbols.empty() &&
        std::find(query.symbols.begin(), query.symbols.end(), o.symbol) == query.symbols.end()) {
      continue;
    }
    out.push_back(o);
  }
  // Submission order is insertion order (ties in time included); desc is its reverse.
  if (!query.ascending) std::reverse(out.begin(), out.end());
  if (out.size() > static_cast<std::size_t>(query.limit)) out.resize(query.limit);
  return out;
}

std::optional<ApiError> FakeBrokerage::cancel(std::string_view id) {
  std::lock_guard lock(mu_);
  FakeOrder* order = find_locked(id);
  if (!order) return order_not_found();
  if (!is_open_status(order->status)) {
    return ApiError{422, 42210000, "order is already in \"" + order->status + "\" state"};
  }
  order->status = "canceled";
  order->canceled_at = order->updated_at = now_locked();
  return std::nullopt;
}

FakeAccountView FakeBrokerage::account() const {
  std::lock_guard lock(mu_);
  FakeAccountView view;
  view.settings = account_;
  view.buying_power = buying_power_locked();
  for (const auto& [symbol, position] : positions_) {
    auto it = prices_.find(symbol);
    view.long_market_value +=
        it != prices_.end() ? cost_of(position.qty_nanos, it->second) : money_of(position.cost);
  }
  view.equity = account_.cash + view.long_market_value;
  view.at = now_locked();
  return view;
}

std::vector<FakePosition> FakeBrokerage::positions() const {
  std::lock_guard lock(mu_);
  std::vector<FakePosition> out;
  for (const auto& [symbol, position] : positions_) {
    FakePosition p = position;
    auto it = prices_.find(symbol);
    p.current_price =
        it != prices_.end() ? it->second : Money::from_units(divide_rounded(p.cost, p.qty_nanos));
    p.lastday_price = p.current_price;
    out.push_back(p);
  }
  return out;
}

FakeOrder* FakeBrokerage::find_locked(std::string_view id) {
  auto it = by_id_.find(id);
  return it == by_id_.end() ? nullptr : &orders_[it->second];
}

Result<FakeOrder> FakeBrokerage::fill(std::string_view order_id, const FillSpec& fill) {
  std::lock_guard lock(mu_);
  FakeOrder* order = find_locked(order_id);
  if (!order) return Error::invalid_input("fake alpaca: no order " + std::string(order_id));
  return fill_locked(*order, fill);
}

Result<FakeOrder> FakeBrokerage::fill_locked(FakeOrder& order, const FillSpec& fill) {
  if (!is_open_status(order.status)) {
    return Error::invalid_input("fake alpaca: order " + order.id + " is " + order.status +
                                ", it cannot fill");
  }
  if (!fill.price.is_positive()) return Error::invalid_input("fake alpaca: fill price <= 0");
  std::int64_t left = 0;
  if (order.qty_nanos) {
    left = *order.qty_nanos - order.filled_qty_nanos;
  } else {  // Notional: the shares the rest of the money buys at this price.
    const Int128 money_left =
        static_cast<Int128>(order.notional->units()) * kNanosPerShare - order.filled_cost;
    left = static_cast<std::int64_t>(money_left / fill.price.units());
  }
  const std::int64_t qty = fill.qty_nanos ? *fill.qty_nanos : left;
  if (qty <= 0 || qty > left) {
    return Error::invalid_input("fake alpaca: fill of " + format_share_nanos(qty) +
                                " shares, but " + format_share_nanos(left) + " are left");
  }
  const FakeTime at = fill.at ? *fill.at : now_locked();
  const Int128 cost = static_cast<Int128>(qty) * fill.price.units();
  order.filled_qty_nanos += qty;
  order.filled_cost += cost;
  order.updated_at = at;
  if (qty == left) {
    order.status = "filled";
    order.filled_at = at;
  } else {
    order.status = "partially_filled";
  }

  FakePosition& position = positions_[order.symbol];
  position.symbol = order.symbol;
  position.asset_id = order.asset_id;
  if (order.side == "buy") {
    position.qty_nanos += qty;
    position.cost += cost;
    account_.cash -= money_of(cost);
  } else {
    const Int128 basis = position.qty_nanos > 0 ? position.cost * qty / position.qty_nanos : 0;
    position.qty_nanos -= qty;
    position.cost -= basis;
    account_.cash += money_of(cost);
  }
  if (position.qty_nanos <= 0) positions_.erase(order.symbol);
  return order;
}

Result<FakeOrder> FakeBrokerage::set_status(std::string_view order_id, std::string_view status) {
  std::lock_guard lock(mu_);
  FakeOrder* order = find_locked(order_id);
  if (!order) return Error::invalid_input("fake alpaca: no order " + std::string(order_id));
  if (!is_order_status(status)) {
    return Error::invalid_input("fake alpaca: unknown status " + std::string(status));
  }
  if (!is_open_status(order->status)) {
    return Error::invalid_input("fake alpaca: order " + order->id + " is already " + order->status);
  }
  const FakeTime now = now_locked();
  order->status = std::string(status);
  order->updated_at = now;
  if (status == "canceled") order->canceled_at = now;
  if (status == "expired") order->expired_at = now;
  if (status == "rejected") order->failed_at = now;
  return *order;
}

std::vector<FakeOrder> FakeBrokerage::all_orders() const {
  std::lock_guard lock(mu_);
  return orders_;
}

}  // namespace stratus::fakes
