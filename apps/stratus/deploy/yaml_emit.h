// A JSON value as block-style YAML, for templates people read. Deterministic: keys in the
// value's order. Strings are plain where YAML (1.1 and 1.2) reads them back as the same string,
// otherwise double-quoted with JSON escapes (valid YAML). Numbers, booleans and null as in JSON.
// Every output parses back (yaml.safe_load) to the value it came from; tests/deploy checks so.
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace stratus::deploy {

// The YAML document of `value` (an object), ending with a newline.
std::string to_yaml(const nlohmann::ordered_json& value);

// True when `text` can be written as a plain (unquoted) scalar and reads back as this string.
bool plain_yaml_safe(std::string_view text);

}  // namespace stratus::deploy
