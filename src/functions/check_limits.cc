#include "functions/check_limits.h"

#include <optional>
#include <utility>

#include "domain/order_id.h"
#include "functions/declined_purchase.h"
#include "functions/document.h"
#include "functions/json_object.h"
#include "functions/run_document.h"
#include "support/failpoint.h"

namespace stratus {
namespace {

// A signal as check-limits reads it; `symbol` points into the document or its verdicts, which
// outlive the signal (they are not changed until every signal has been reserved).
struct Signal {
  const std::string* symbol;
  Money price;
  Quantity qty;
};

// The signal at /signals/i when every field is as it must be; nullopt otherwise (then
// signal_error() says what is wrong). Reads the members directly: no pointer is built.
std::optional<Signal> well_formed_signal(const Json& entry) {
  if (!entry.is_object()) return std::nullopt;
  const auto symbol = entry.find("symbol");
  const auto price = entry.find("price");
  const auto qty = entry.find("qty");
  if (symbol == entry.end() || price == entry.end() || qty == entry.end()) return std::nullopt;
  if (!symbol->is_string() || symbol->get_ref<const std::string&>().empty()) return std::nullopt;
  if (!price->is_string() || !qty->is_number_integer()) return std::nullopt;
  const auto money = Money::parse(price->get_ref<const std::string&>());
  if (!money.ok() || !money->is_positive()) return std::nullopt;
  const auto shares = qty->get<std::int64_t>();
  if (shares < 1 || shares > 1'000'000) return std::nullopt;
  return Signal{&symbol->get_ref<const std::string&>(), *money, Quantity(shares)};
}

// Why /signals/i is not a well-formed signal, naming the field, its value and what was expected.
Error signal_error(const Json& doc, std::size_t i) {
  const std::string base = "/signals/" + std::to_string(i);
  if (auto symbol = require_string(doc, base + "/symbol"); !symbol.ok()) return symbol.error();
  const auto price = require_money(doc, base + "/price");
  if (!price.ok()) return price.error();
  if (!price->is_positive()) {
    return Error::invalid_input(
        "field " + base + "/price = \"" + price->to_string() + "\": expected a positive price",
        "event");
  }
  if (auto qty = require_int(doc, base + "/qty", 1, 1'000'000); !qty.ok()) return qty.error();
  return Error::internal("signal " + base + " rejected by the fast check but not the full one");
}

Result<std::vector<Signal>> read_signals(const Json& doc) {
  STRATUS_ASSIGN_OR_RETURN(const Json* list, require_array(doc, "/signals"));
  std::vector<Signal> signals;
  signals.reserve(list->size());
  for (std::size_t i = 0; i < list->size(); ++i) {
    auto signal = well_formed_signal((*list)[i]);
    if (!signal) return signal_error(doc, i);
    signals.push_back(std::move(*signal));
  }
  return signals;
}

// The signals among evaluate's verdicts, in order. Evaluate makes them well formed: a symbol from
// the watchlist, a positive price (a verdict's reading has one) and a tier's quantity.
std::vector<Signal> signals_of(const std::vector<SymbolVerdict>& verdicts) {
  std::vector<Signal> signals;
  for (const SymbolVerdict& verdict : verdicts) {
    if (verdict.is_signal())
      signals.push_back({&verdict.symbol, verdict.reading->price, verdict.qty});
  }
  return signals;
}

Json cap_json(const std::string& month, const CapLimits& limits, const CapUsage& before,
              Quantity taken) {
  return JsonObject()  // In key order.
      .with("limit", limits.monthly_shares.shares())
      .with("month", month)
      .with("used_after", (before.shares_used + taken).shares())
      .with("used_before", before.shares_used.shares())
      .take();
}

// The "buying_power" section: what the broker said the account can spend.
Json buying_power_json(std::string_view broker, const Result<std::optional<Money>>& power) {
  JsonObject section;
  if (power.ok() && power->has_value()) {
    section.with("available", (*power)->to_string());
  } else {
    section.with("available", nullptr);
  }
  section.with("broker", broker);
  if (!power.ok()) {
    section.with("error", JsonObject()
                              .with("code", error_code_name(power.error().code))
                              .with("message", power.error().to_string())
                              .take());
  }
  return section.take();
}

}  // namespace

Status CheckLimits::run_in_chain(RunDocument& doc) {
  const Json& fields = doc.fields();
  STRATUS_RETURN_IF_ERROR(check_envelope(fields));
  if (is_skipped(fields)) return {};
  STRATUS_ASSIGN_OR_RETURN(const Timestamp at, run_at(fields));
  STRATUS_ASSIGN_OR_RETURN(const Date session, require_date(fields, "/market/session"));
  STRATUS_ASSIGN_OR_RETURN(const std::vector<Signal> signals,
                           doc.verdicts() ? signals_of(*doc.verdicts()) : read_signals(fields));
  STRATUS_ASSIGN_OR_RETURN(const std::string run_id, require_string(fields, "/run/id"));
  const std::string month = format_month(session);

  // What is left of the account's buying power for the next purchase; nullopt: no check.
  std::optional<Money> spendable;
  Json buying_power;
  if (config_.limits.trading_enabled && config_.limits.check_buying_power && !signals.empty()) {
    const auto power = broker_.available_buying_power();
    buying_power = buying_power_json(broker_.name(), power);
    if (power.ok()) spendable = *power;
  }

  Json orders = Json::array();
  std::vector<DeclinedPurchase> declined;
  declined.reserve(signals.size());
  // What every reservation of this run shares; the rest is the signal's.
  const SessionOrderIds order_ids(config_.strategy, session);
  ReservationRequest request;  // Its strings keep their capacity from signal to signal.
  request.run_id = run_id;
  request.month = month;
  request.session = session;
  request.policy = config_.limits.on_exceed;
  request.at = at;
  for (const Signal& signal : signals) {
    if (!config_.limits.trading_enabled) {
      DeclinedPurchase& decline = declined.emplace_back();
      decline.symbol = *signal.symbol;
      decline.requested = signal.qty;
      decline.trading_disabled = true;
      continue;
    }
    order_ids.write(*signal.symbol, 1, request.client_order_id);
    request.symbol = *signal.symbol;
    request.desired = signal.qty;
    request.price = signal.price;
    request.limits = config_.limits.limits_for(*signal.symbol);
    request.limits.buying_power = spendable;
    STRATUS_ASSIGN_OR_RETURN(const ReservationOutcome outcome, ledger_.reserve(request));
    STRATUS_FAILPOINT("check_limits.after_reserve");  // Crash tests: reserved, not yet sent.
    // A reservation execute will send in this run spends from what is left for the next one.
    if (spendable && outcome.order && outcome.order->state == OrderState::kReserved) {
      *spendable -= outcome.order->notional;  // qty x price while reserved.
    }

    switch (outcome.kind) {
      case ReservationOutcome::Kind::kReserved: {
        const OrderRecord& order = *outcome.order;
        JsonObject entry;  // In key order.
        if (outcome.decision.binding != BindingLimit::kNone) {
          entry.with("bound_by", binding_limit_name(outcome.decision.binding));
        }
        entry.with("cap", cap_json(month, request.limits, outcome.usage_before, order.qty))
            .with("client_order_id", order.client_order_id)
            .with("price", signal.price.to_string())
            .with("qty", order.qty.shares())
            .with("requested_qty", signal.qty.shares())
            .with("state", order_state_name(order.state))
            .with("symbol", order.symbol);
        Json reserved = entry.take();
        if (outcome.decision.binding != BindingLimit::kNone) {
          reserved["note"] =
              cap_decision_reason(outcome.decision, request.limits, outcome.usage_before);
        }
        orders.push_back(std::move(reserved));
        break;
      }
      case ReservationOutcome::Kind::kAlreadyExists: {
        const OrderRecord& order = *outcome.order;
        orders.push_back({{"client_order_id", order.client_order_id},
                          {"symbol", order.symbol},
                          {"qty", order.qty.shares()},
                          {"requested_qty", signal.qty.shares()},
                          {"price", order.limit_price.to_string()},
                          {"state", order_state_name(order.state)},
                          {"already_reserved", true},
                          {"note", "already reserved by run " + order.run_id}});
        break;
      }
      case ReservationOutcome::Kind::kDenied: {
        DeclinedPurchase& decline = declined.emplace_back();
        decline.symbol = *signal.symbol;
        decline.requested = signal.qty;
        decline.month = month;
        decline.limits = request.limits;
        decline.usage = outcome.usage_before;
        decline.decision = outcome.decision;
        break;
      }
    }
  }
  // Written only now: an error above leaves `doc` as it was.
  Json& out = doc.fields();
  if (!buying_power.is_null()) out["buying_power"] = std::move(buying_power);
  out["orders"] = std::move(orders);
  doc.set_declines(std::move(declined));
  return {};
}

}  // namespace stratus
