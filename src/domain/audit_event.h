// Audit events: the kinds of event the audit trail records and their severities. The events
// themselves are built by record (functions/record.h); config routes them to remote sinks by
// type and severity.
#pragma once

#include <array>
#include <string_view>

#include "domain/result.h"

namespace stratus {

// How much an event matters, lowest first. Names: "debug", "info", "warning", "error".
enum class Severity { kDebug, kInfo, kWarning, kError };

std::string_view severity_name(Severity severity);
// InvalidInput naming the text and the four names when it is none of them.
Result<Severity> parse_severity(std::string_view text);

// Every audit event type, in the order a run records them:
//   run           the run started (the run section: id, profile, at)
//   market_check  the market check's answer
//   signal        a symbol dropped far enough to buy (price, 52-week high, drop, tier)
//   no_signal     a symbol passed over, and why
//   cap_declined  a signal a limit refused (cap, budget, buying power) or the kill switch
//   order         an order's intent and state after execute (reserved, submitted, filled,
//                 rejected, or not sent)
//   order_update  a later change of an earlier order, learnt by reconciliation
//   skipped       why the run stopped early (market closed, outside the window, ...)
//   run_failed    the step that failed and its error
//   run_summary   the run's outcome in one event (counts, outcome)
//   alert         the run's message to people (subject and text; see run_alert.h)
//   delivery      what this run's outbox delivery did (local only: never sent to a sink)
inline constexpr std::array<std::string_view, 12> kAuditEventTypes = {
    "run",          "market_check", "signal",     "no_signal",   "cap_declined", "order",
    "order_update", "skipped",      "run_failed", "run_summary", "alert",        "delivery"};

}  // namespace stratus
