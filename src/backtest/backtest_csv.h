// CSV forms of a backtest result (docs/contracts/backtest-result.md), for spreadsheets:
// equity.csv (one row per session: the three accounts, the strategy's cash and the money added)
// and orders.csv (the strategy's ledger at the end).
#pragma once

#include <string>

#include <nlohmann/json.hpp>

namespace stratus {

// "session,strategy,cash,flow,dca,buy_and_hold" then one row per session.
std::string equity_csv(const nlohmann::json& result);
// "client_order_id,symbol,session,qty,filled_qty,state,reference_price,fill_price,filled_at,
// commission,reason" then one row per order; the reason quoted as RFC 4180 requires.
std::string orders_csv(const nlohmann::json& result);

}  // namespace stratus
