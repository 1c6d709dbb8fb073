// `stratus outbox status` and `stratus outbox deliver`: what waits in the outbox for the remote
// sinks (Sheets, Slack, SNS) and why, and one delivery round on demand. The outbox is the one
// of ledger.kind (the SQLite ledger file, or the DynamoDB ledger table).
//
// status [--json]: per sink, how many entries are pending, how many are due now and how old the
//   oldest is; then every pending entry (sink, event id, type, created, attempts, next attempt,
//   last error), oldest first. --json prints one object:
//   {"now": T, "sinks": {"<sink>": {"pending": n, "due": n, "oldest_created_at": T,
//    "oldest_age_seconds": n}}, "entries": [{"sink", "event_id", "type", "created_at",
//    "attempts", "next_attempt_at", "last_error"}]}. Exit 0.
// deliver [--json]: one delivery round now (functions/outbox_delivery.h) and what it did, per
//   sink. Exit 0 even when a sink fails (the failure is printed); 1 when the outbox cannot be
//   read; 2 for bad configuration.
#pragma once

#include <CLI/CLI.hpp>

#include "apps/stratus/cli_context.h"
#include "apps/stratus/command_table.h"

namespace stratus {

// Registers `outbox status` and `outbox deliver`.
void add_outbox_commands(CLI::App& app, const GlobalOptions& global, CommandTable& table);

}  // namespace stratus
