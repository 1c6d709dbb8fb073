// The alert a run document calls for: which of the alert kinds happened in the run (orders
// placed, orders rejected or not placed, the run failed), told in one message. Pure.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "functions/step.h"
#include "ports/alert_publisher.h"

namespace stratus {

struct RunAlert {
  Alert alert;
  std::vector<std::string> kinds;  // What it reports, in kAlertKinds order (config/config.h).
};

// The alert for `doc` (a run document after execute, or one that ended early), reporting only
// the kinds in `on`; nullopt when none of them happened.
//   order_placed:   "orders" the broker took (state submitted, partially_filled or filled).
//   order_rejected: "orders" the broker refused (state rejected, with its reason) or that could
//                   not be sent (an "error"), and earlier orders "reconciled" to rejected.
//   run_failed:     "failed" is present (the step and the error).
// The subject names the profile and the most serious kind; the body lists each order with
// symbol, quantity, reference price, state and client_order_id, and the run's id and time.
std::optional<RunAlert> run_alert(const Json& doc, const std::vector<std::string>& on);

// The kinds run_alert(doc, on) reports (empty when it has no alert), without writing the alert.
std::vector<std::string> run_alert_kinds(const Json& doc, const std::vector<std::string>& on);

}  // namespace stratus
