// The Stratus schema: the one ordered list of migrations for the Stratus SQLite file, which
// holds the ledger (orders, order_events), the outbox (outbox) and the paper broker's state
// (paper_orders), so one schema version covers them all. See schema.cc for the tables and their
// units.
#pragma once

#include <filesystem>
#include <memory>
#include <span>

#include "adapters/sqlite/database.h"
#include "domain/result.h"
#include "ports/clock.h"

namespace stratus {

// Every migration of the Stratus file, versions 1..N in order.
std::span<const Migration> stratus_migrations();

// Opens the Stratus SQLite file at `path` (creating it if absent) and brings its schema up to
// date, with `clock.now()` recorded as the time any migration was applied.
// Guarantees: on success the file has the latest Stratus schema. Safe to call from many
// processes at once on the same new file. InvalidInput when the parent directory is missing or
// the file's schema is newer than this build knows.
Result<std::unique_ptr<Database>> open_stratus_database(const std::filesystem::path& path,
                                                        const Clock& clock,
                                                        DatabaseOptions options = {});

// OK when `db` has exactly the latest Stratus schema; otherwise an Internal error that says to
// open the file with open_stratus_database() (or InvalidInput when the file is newer).
Status require_stratus_schema(Database& db);

}  // namespace stratus
