// TOML text helpers shared by the config loader and renderer: quoting strings and keys, dotted
// key paths for messages, and short one-line descriptions of values for error messages.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <toml++/toml.h>

namespace stratus {

// A path to a value inside a TOML document: table keys, and array indices written "[i]".
using KeyPath = std::vector<std::string>;

// `text` as a TOML basic string, with quotes, backslashes and control characters escaped.
std::string toml_quote(std::string_view text);

// `key` as a TOML key: bare when it is non-empty and only [A-Za-z0-9_-], otherwise quoted.
std::string toml_key(std::string_view key);

// The path as a reader would write it: "limits.monthly_share_cap", "evaluate.tiers[1].drop".
// An empty path is "(top level)".
std::string format_key_path(const KeyPath& path);

// `path` with `key` appended.
KeyPath child_path(const KeyPath& path, std::string_view key);

// `path` with the array index `index` appended ("[index]").
KeyPath index_path(const KeyPath& path, std::size_t index);

// A one-line TOML rendering of `value` for error messages ("-1", "\"abc\"", "12.5",
// "[1, 2]", "{ drop = \"10\", qty = 1 }"); guaranteed at most about 80 characters (longer
// renderings are cut and end in "...").
std::string describe_toml_value(const toml::node& value);

}  // namespace stratus
