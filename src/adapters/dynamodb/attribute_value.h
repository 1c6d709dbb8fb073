// DynamoDB's typed JSON for attribute values ({"S": "text"}, {"N": "12"}, {"M": {...}},
// {"L": [...]}, {"NULL": true}) and checked readers for items. An item is a JSON object from
// attribute name to typed value, exactly as the JSON 1.0 protocol carries it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "domain/result.h"

namespace stratus::dynamodb {

using AttributeValue = nlohmann::json;
using Item = nlohmann::json;  // {"name": AttributeValue, ...}

AttributeValue s(std::string_view text);
AttributeValue n(std::int64_t number);
AttributeValue m(Item map);             // REQUIRES: map is a JSON object of typed values.
AttributeValue l(nlohmann::json list);  // REQUIRES: list is a JSON array of typed values.
AttributeValue null_value();

// Checked readers. `what` names the item in messages ("order o1"). Errors are Internal (the
// table holds something Stratus did not write) and name the attribute, the type expected and
// what was found.
Result<std::string> get_s(const Item& item, std::string_view name, std::string_view what);
Result<std::int64_t> get_n(const Item& item, std::string_view name, std::string_view what);
Result<Item> get_m(const Item& item, std::string_view name, std::string_view what);
Result<nlohmann::json> get_l(const Item& item, std::string_view name, std::string_view what);

// Optional forms: nullopt when the attribute is absent (or NULL); an error when present with
// another type.
Result<std::optional<std::string>> find_s(const Item& item, std::string_view name,
                                          std::string_view what);
Result<std::optional<std::int64_t>> find_n(const Item& item, std::string_view name,
                                           std::string_view what);

}  // namespace stratus::dynamodb
