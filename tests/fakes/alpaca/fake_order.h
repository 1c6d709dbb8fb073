// FakeOrder: one order held by the fake Alpaca, with the fields of the spec's Order object that
// the fake keeps (the rest are rendered as null). Test support only.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "domain/decimal.h"
#include "domain/money.h"
#include "fakes/alpaca/fake_time.h"

namespace stratus::fakes {

struct FakeOrder {
  std::string id;  // UUID-shaped, unique in one fake.
  std::string client_order_id;
  std::string symbol;
  std::string asset_id;
  std::optional<std::int64_t> qty_nanos;  // Null for notional orders.
  std::optional<Money> notional;
  std::int64_t filled_qty_nanos = 0;
  Int128 filled_cost = 0;  // Sum over fills of qty_nanos * price units (exact).
  std::string side;
  std::string type;
  std::string time_in_force;
  std::string order_class;
  std::optional<Money> limit_price;
  std::optional<Money> stop_price;
  std::optional<Money> trail_price;
  std::optional<std::string> trail_percent;
  bool extended_hours = false;
  std::string status;  // One of the spec's OrderStatus values.
  FakeTime created_at{};
  FakeTime updated_at{};
  FakeTime submitted_at{};
  std::optional<FakeTime> filled_at;
  std::optional<FakeTime> canceled_at;
  std::optional<FakeTime> expired_at;
  std::optional<FakeTime> failed_at;
};

// Whether an order in `status` can still fill or be canceled ("open" for GET /v2/orders).
bool is_open_status(std::string_view status);

// Whether `status` is one of the spec's OrderStatus values.
bool is_order_status(std::string_view status);

}  // namespace stratus::fakes
