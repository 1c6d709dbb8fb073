#include "fakes/alpaca/fake_json.h"

#include "domain/decimal.h"

namespace stratus::fakes {
namespace {

using Json = nlohmann::json;

Json time_or_null(const std::optional<FakeTime>& t) {
  return t ? Json(format_alpaca_time(*t)) : Json(nullptr);
}

Json money_or_null(const std::optional<Money>& m) {
  return m ? Json(m->to_string()) : Json(nullptr);
}

// Money with up to nine decimals from an exact cost (qty_nanos * price units) per share.
std::string price_per_share(Int128 cost, std::int64_t qty_nanos) {
  // cost / qty_nanos is in 1/10,000 dollar; scale to 1/10^9 dollar before dividing.
  return format_scaled_decimal(divide_rounded(cost * 100'000, qty_nanos), 9, 2);
}

std::string money_of_cost(Int128 cost) {
  return Money::from_units(divide_rounded(cost, kNanosPerShare)).to_string();
}

}  // namespace

Json order_json(const FakeOrder& o) {
  Json j;
  j["id"] = o.id;
  j["client_order_id"] = o.client_order_id;
  j["created_at"] = format_alpaca_time(o.created_at);
  j["updated_at"] = format_alpaca_time(o.updated_at);
  j["submitted_at"] = format_alpaca_time(o.submitted_at);
  j["filled_at"] = time_or_null(o.filled_at);
  j["expired_at"] = time_or_null(o.expired_at);
  j["expires_at"] = nullptr;
  j["canceled_at"] = time_or_null(o.canceled_at);
  j["failed_at"] = time_or_null(o.failed_at);
  j["replaced_at"] = nullptr;
  j["replaced_by"] = nullptr;
  j["replaces"] = nullptr;
  j["asset_id"] = o.asset_id;
  j["symbol"] = o.symbol;
  j["asset_class"] = "us_equity";
  j["notional"] = money_or_null(o.notional);
  j["qty"] = o.qty_nanos ? Json(format_share_nanos(*o.qty_nanos)) : Json(nullptr);
  j["filled_qty"] = format_share_nanos(o.filled_qty_nanos);
  j["filled_avg_price"] = o.filled_qty_nanos > 0
                              ? Json(price_per_share(o.filled_cost, o.filled_qty_nanos))
                              : Json(nullptr);
  j["order_class"] = o.order_class;
  j["order_type"] = o.type;
  j["type"] = o.type;
  j["side"] = o.side;
  j["position_intent"] = o.side == "buy" ? "buy_to_open" : "sell_to_close";
  j["time_in_force"] = o.time_in_force;
  j["limit_price"] = money_or_null(o.limit_price);
  j["stop_price"] = money_or_null(o.stop_price);
  j["status"] = o.status;
  j["extended_hours"] = o.extended_hours;
  j["legs"] = nullptr;
  j["trail_percent"] = o.trail_percent ? Json(*o.trail_percent) : Json(nullptr);
  j["trail_price"] = money_or_null(o.trail_price);
  j["hwm"] = nullptr;
  j["ratio_qty"] = nullptr;
  j["source"] = nullptr;
  j["subtag"] = nullptr;
  return j;
}

Json account_json(const FakeAccountView& a) {
  const FakeAccountSettings& s = a.settings;
  const std::string cash = s.cash.to_string();
  const std::string power = a.buying_power.to_string();
  const std::string equity = a.equity.to_string();
  Json j;
  j["id"] = fake_uuid("account");
  j["account_number"] = "PA0FAKE00001";
  j["status"] = s.status;
  j["crypto_status"] = "INACTIVE";
  j["currency"] = "USD";
  j["cash"] = cash;
  j["buying_power"] = power;
  j["regt_buying_power"] = power;
  j["daytrading_buying_power"] = "0";
  j["effective_buying_power"] = power;
  j["non_marginable_buying_power"] = power;
  j["options_buying_power"] = power;
  j["equity"] = equity;
  j["last_equity"] = equity;
  j["portfolio_value"] = equity;
  j["long_market_value"] = a.long_market_value.to_string();
  j["short_market_value"] = "0";
  j["position_market_value"] = a.long_market_value.to_string();
  j["initial_margin"] = "0";
  j["maintenance_margin"] = "0";
  j["last_maintenance_margin"] = "0";
  j["sma"] = "0";
  j["multiplier"] = "1";
  j["accrued_fees"] = "0";
  j["pending_reg_taf_fees"] = "0";
  j["pending_transfer_in"] = "0";
  j["pending_transfer_out"] = "0";
  j["intraday_adjustments"] = "0";
  j["pattern_day_trader"] = s.pattern_day_trader;
  j["daytrade_count"] = 0;
  j["trading_blocked"] = s.trading_blocked;
  j["transfers_blocked"] = s.transfers_blocked;
  j["account_blocked"] = s.account_blocked;
  j["trade_suspended_by_user"] = s.trade_suspended_by_user;
  j["shorting_enabled"] = false;
  j["options_approved_level"] = 0;
  j["options_trading_level"] = 0;
  j["created_at"] = "2019-06-12T22:47:07.99658Z";
  j["balance_asof"] = format_alpaca_time(a.at).substr(0, 10);
  return j;
}

Json position_json(const FakePosition& p) {
  const Money cost = Money::from_units(divide_rounded(p.cost, kNanosPerShare));
  const Money value = Money::from_units(
      divide_rounded(static_cast<Int128>(p.qty_nanos) * p.current_price.units(), kNanosPerShare));
  const Money pl = value - cost;
  const std::string plpc =
      cost.is_positive()
          ? format_scaled_decimal(
                divide_rounded(static_cast<Int128>(pl.units()) * 1'000'000, cost.units()), 6, 1)
          : "0";
  const std::string qty = format_share_nanos(p.qty_nanos);
  Json j;
  j["asset_id"] = p.asset_id;
  j["symbol"] = p.symbol;
  j["exchange"] = "NASDAQ";
  j["asset_class"] = "us_equity";
  j["asset_marginable"] = true;
  j["avg_entry_price"] = price_per_share(p.cost, p.qty_nanos);
  j["qty"] = qty;
  j["qty_available"] = qty;
  j["side"] = "long";
  j["market_value"] = value.to_string();
  j["cost_basis"] = money_of_cost(p.cost);
  j["unrealized_pl"] = pl.to_string();
  j["unrealized_plpc"] = plpc;
  j["unrealized_intraday_pl"] = pl.to_string();
  j["unrealized_intraday_plpc"] = plpc;
  j["current_price"] = p.current_price.to_string();
  j["lastday_price"] = p.lastday_price.to_string();
  j["change_today"] = "0";
  return j;
}

Json error_json(const ApiError& error) {
  return Json{{"code", error.code}, {"message", error.message}};
}

}  // namespace stratus::fakes
