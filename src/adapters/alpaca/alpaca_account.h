// Alpaca's Account and Position objects (GET /v2/account, GET /v2/positions), validated.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "adapters/alpaca/json_fields.h"
#include "domain/money.h"
#include "domain/quantity.h"

namespace stratus {

struct AlpacaAccount {
  std::string id;
  std::string account_number;
  std::string status;  // ACTIVE, ACCOUNT_UPDATED, ... (the spec's AccountStatus).
  std::string currency;
  Money cash;
  Money buying_power;
  std::optional<Money> equity;
  std::optional<Money> portfolio_value;
  bool trading_blocked = false;
  bool account_blocked = false;
  bool transfers_blocked = false;
  bool trade_suspended_by_user = false;
  // Deprecated by Alpaca in 2026 (FINRA's intraday margin rule); absent on newer answers.
  std::optional<bool> pattern_day_trader;
  std::optional<long long> daytrade_count;

  // ACTIVE, and neither trading nor the account is blocked or suspended by the user.
  bool can_trade() const;
};

struct AlpacaPosition {
  std::string symbol;
  std::string qty;        // As Alpaca sent it (may be fractional or negative for a short).
  Quantity whole_shares;  // qty truncated toward zero.
  std::string side;       // long | short
  Money avg_entry_price;
  Money cost_basis;
  Money market_value;
  Money current_price;
  Money unrealized_pl;
};

// Reads an Account object. Required: id, status, cash, buying_power, trading_blocked,
// account_blocked. Errors: InvalidInput naming the field.
Result<AlpacaAccount> parse_alpaca_account(const Json& account);

// Reads an array of Position objects. Errors: InvalidInput naming the element and the field.
Result<std::vector<AlpacaPosition>> parse_alpaca_positions(const Json& positions);

}  // namespace stratus
