// The audit log as CSV for spreadsheets (RFC 4180): one row per line of the log, with the
// columns people filter on and the rest of the event's data as compact JSON in "details".
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace stratus {

// Rows end in CRLF, as RFC 4180 says.
inline constexpr std::string_view kCsvRowEnd = "\r\n";

// The header row (with kCsvRowEnd): seq,event_id,recorded_at,at,run_id,profile,type,severity,
// symbol,qty,price,state,client_order_id,details.
std::string audit_csv_header();

// One field: as is, or quoted with its quotes doubled when it holds a comma, a quote, CR or LF.
std::string csv_field(std::string_view text);

// The row (with kCsvRowEnd) of one audit line's object. Columns seq .. severity come from the
// top-level members; symbol, qty, price, state and client_order_id from "data" (price falls
// back to data.fill.avg_price); details is the compact JSON of "data" without the members
// already shown ("" when nothing is left). Strings are written as is, numbers and booleans as
// JSON, missing members and null as "".
std::string audit_csv_row(const nlohmann::json& line);

// The row of a line that is not a JSON object (exported with --no-verify): every column empty
// but details, which holds the line's text.
std::string audit_csv_raw_row(std::string_view line);

}  // namespace stratus
