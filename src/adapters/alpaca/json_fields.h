// Reading the fields of a JSON answer from a remote service (Alpaca): every field read is
// checked, and a missing or ill-typed one gives an InvalidInput error that names the field, the
// value received and what was expected. Callers add the endpoint as context. Never throws.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "domain/money.h"
#include "domain/quantity.h"
#include "domain/result.h"
#include "domain/time.h"

namespace stratus {

using Json = nlohmann::json;

// `value` as it arrived (JSON text), shortened to 80 characters, for an error message.
std::string shown(const Json& value);

// Parses a response body that must be a JSON value of the given kind ("object" or "array").
Result<Json> parse_json_answer(std::string_view body, std::string_view kind);

// Required fields: present and not null.
Result<std::string> string_field(const Json& object, std::string_view field);
Result<bool> bool_field(const Json& object, std::string_view field);
// A decimal string, rounded half away from zero to Money's four places.
Result<Money> money_field(const Json& object, std::string_view field);
// A decimal string of whole shares ("2", "2.000"); fractions are an error.
Result<Quantity> whole_shares_field(const Json& object, std::string_view field);
// An RFC 3339 UTC time ("2023-12-12T22:31:24.668464435Z"), truncated to the second.
Result<Timestamp> time_field(const Json& object, std::string_view field);

// Optional fields: nullopt when absent or null; an error when present with the wrong type.
Result<std::optional<std::string>> optional_string_field(const Json& object,
                                                         std::string_view field);
Result<std::optional<bool>> optional_bool_field(const Json& object, std::string_view field);
Result<std::optional<Money>> optional_money_field(const Json& object, std::string_view field);
Result<std::optional<Timestamp>> optional_time_field(const Json& object, std::string_view field);
Result<std::optional<long long>> optional_integer_field(const Json& object, std::string_view field);

}  // namespace stratus
