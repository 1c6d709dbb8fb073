// Reading the run document: typed field access whose errors name the field (as a JSON
// pointer), the value found and what was expected.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "domain/money.h"
#include "domain/result.h"
#include "domain/time.h"
#include "functions/step.h"

namespace stratus {

// The document version this build reads and writes.
inline constexpr int kDocumentVersion = 1;

// Checks that `doc` is an object with "version": 1 and a "run" object holding "id" (string),
// "profile" (string) and "at" (UTC time).
Status check_envelope(const Json& doc);

// The value at the JSON Pointer `pointer` (RFC 6901, e.g. "/orders/0/symbol"; "" is `doc`
// itself), or nullptr when there is none: a missing key, an index past the end or not in the
// canonical form (digits, no leading zero), a step into a scalar, or a malformed pointer.
// One walk down the document; segments without escapes are looked up without copying them.
const Json* find_at_pointer(const Json& doc, std::string_view pointer);

// The field at `pointer` (e.g. "/run/at"), which must exist. InvalidInput otherwise.
Result<const Json*> require_field(const Json& doc, std::string_view pointer);

Result<std::string> require_string(const Json& doc, std::string_view pointer);
Result<Timestamp> require_timestamp(const Json& doc, std::string_view pointer);
Result<Date> require_date(const Json& doc, std::string_view pointer);
// A decimal string such as "43.07" (never a JSON number: money is exact).
Result<Money> require_money(const Json& doc, std::string_view pointer);
// An integer in [min, max].
Result<std::int64_t> require_int(const Json& doc, std::string_view pointer, std::int64_t min,
                                 std::int64_t max);
// An array (possibly empty); missing is an error.
Result<const Json*> require_array(const Json& doc, std::string_view pointer);

// The run's as-of instant, "/run/at".
Result<Timestamp> run_at(const Json& doc);

// True when an earlier step ended the chain ("skipped" is present).
bool is_skipped(const Json& doc);

// Marks the chain as ended by `step` for `reason`.
void mark_skipped(Json& doc, std::string_view step, std::string reason);

}  // namespace stratus
