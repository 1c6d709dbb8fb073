#include "adapters/alpaca/alpaca_account.h"

#include "domain/decimal.h"

namespace stratus {
namespace {

Result<AlpacaPosition> parse_position(const Json& p) {
  if (!p.is_object()) return Error::invalid_input("expected a JSON object");
  AlpacaPosition out;
  STRATUS_ASSIGN_OR_RETURN(out.symbol, string_field(p, "symbol"));
  STRATUS_ASSIGN_OR_RETURN(out.qty, string_field(p, "qty"));
  auto nanos = parse_scaled_decimal(out.qty, 9);
  if (!nanos.ok()) {
    return Error::invalid_input("field \"qty\" = \"" + out.qty +
                                "\": expected a decimal number of shares as a string");
  }
  out.whole_shares = Quantity(*nanos / 1'000'000'000);
  STRATUS_ASSIGN_OR_RETURN(out.side, string_field(p, "side"));
  if (out.side != "long" && out.side != "short") {
    return Error::invalid_input("field \"side\" = \"" + out.side + "\": expected long or short");
  }
  STRATUS_ASSIGN_OR_RETURN(out.avg_entry_price, money_field(p, "avg_entry_price"));
  STRATUS_ASSIGN_OR_RETURN(out.cost_basis, money_field(p, "cost_basis"));
  STRATUS_ASSIGN_OR_RETURN(out.market_value, money_field(p, "market_value"));
  STRATUS_ASSIGN_OR_RETURN(out.current_price, money_field(p, "current_price"));
  STRATUS_ASSIGN_OR_RETURN(out.unrealized_pl, money_field(p, "unrealized_pl"));
  return out;
}

}  // namespace

bool AlpacaAccount::can_trade() const {
  return status == "ACTIVE" && !trading_blocked && !account_blocked && !trade_suspended_by_user;
}

Result<AlpacaAccount> parse_alpaca_account(const Json& a) {
  if (!a.is_object()) return Error::invalid_input("the account is not a JSON object");
  AlpacaAccount out;
  STRATUS_ASSIGN_OR_RETURN(out.id, string_field(a, "id"));
  STRATUS_ASSIGN_OR_RETURN(out.status, string_field(a, "status"));
  STRATUS_ASSIGN_OR_RETURN(const auto number, optional_string_field(a, "account_number"));
  out.account_number = number.value_or("");
  STRATUS_ASSIGN_OR_RETURN(const auto currency, optional_string_field(a, "currency"));
  out.currency = currency.value_or("USD");
  STRATUS_ASSIGN_OR_RETURN(out.cash, money_field(a, "cash"));
  STRATUS_ASSIGN_OR_RETURN(out.buying_power, money_field(a, "buying_power"));
  STRATUS_ASSIGN_OR_RETURN(out.equity, optional_money_field(a, "equity"));
  STRATUS_ASSIGN_OR_RETURN(out.portfolio_value, optional_money_field(a, "portfolio_value"));
  STRATUS_ASSIGN_OR_RETURN(out.trading_blocked, bool_field(a, "trading_blocked"));
  STRATUS_ASSIGN_OR_RETURN(out.account_blocked, bool_field(a, "account_blocked"));
  STRATUS_ASSIGN_OR_RETURN(const auto transfers, optional_bool_field(a, "transfers_blocked"));
  out.transfers_blocked = transfers.value_or(false);
  STRATUS_ASSIGN_OR_RETURN(const auto suspended, optional_bool_field(a, "trade_suspended_by_user"));
  out.trade_suspended_by_user = suspended.value_or(false);
  STRATUS_ASSIGN_OR_RETURN(out.pattern_day_trader, optional_bool_field(a, "pattern_day_trader"));
  STRATUS_ASSIGN_OR_RETURN(out.daytrade_count, optional_integer_field(a, "daytrade_count"));
  return out;
}

Result<std::vector<AlpacaPosition>> parse_alpaca_positions(const Json& positions) {
  if (!positions.is_array()) return Error::invalid_input("the positions are not a JSON array");
  std::vector<AlpacaPosition> out;
  for (std::size_t i = 0; i < positions.size(); ++i) {
    auto p = parse_position(positions[i]);
    if (!p.ok()) return p.error().within("position " + std::to_string(i));
    out.push_back(std::move(p).value());
  }
  return out;
}

}  // namespace stratus
