#include "functions/declined_purchase.h"

#include "functions/json_object.h"

namespace stratus {

std::string_view DeclinedPurchase::bound_by() const {
  return trading_disabled ? "trading_disabled" : binding_limit_name(decision.binding);
}

nlohmann::json DeclinedPurchase::to_json() const {
  JsonObject entry;  // In key order.
  entry.with("bound_by", bound_by());
  if (trading_disabled) {
    entry.with("reason", "trading disabled (limits.trading_enabled = false)");
  } else {
    entry
        .with("cap", JsonObject()  // In key order.
                         .with("limit", limits.monthly_shares.shares())
                         .with("month", month)
                         .with("used_after", usage.shares_used.shares())
                         .with("used_before", usage.shares_used.shares())
                         .take())
        .with("reason", cap_decision_reason(decision, limits, usage));
  }
  return entry.with("requested_qty", requested.shares()).with("symbol", symbol).take();
}

}  // namespace stratus
