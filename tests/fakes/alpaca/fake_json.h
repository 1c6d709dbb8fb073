// The fake Alpaca's JSON answers: Order, Account and Position objects with every field of the
// Trading API spec's schemas, numbers as strings where Alpaca sends strings, null where the fake
// has no value. Test support only.
#pragma once

#include <vector>

#include <nlohmann/json.hpp>

#include "fakes/alpaca/api_error.h"
#include "fakes/alpaca/fake_brokerage.h"
#include "fakes/alpaca/fake_order.h"

namespace stratus::fakes {

nlohmann::json order_json(const FakeOrder& order);
nlohmann::json account_json(const FakeAccountView& account);
nlohmann::json position_json(const FakePosition& position);
nlohmann::json error_json(const ApiError& error);

}  // namespace stratus::fakes
