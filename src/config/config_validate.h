// Validation of a merged config table into a typed Config: every key known, every value of the
// right type and in range, with errors that name the source, key path, value and expectation.
#pragma once

#include <string>
#include <string_view>

#include <toml++/toml.h>

#include "config/config.h"
#include "config/value_origin.h"
#include "domain/result.h"

namespace stratus {

// Builds the Config of `profile` from `merged` (the defaults with every overlay applied).
// Requires every non-optional key to be present. Paths (data.path, ledger.path, audit.path)
// have "{profile}" replaced and, when relative, are joined to `base_dir` (left relative when
// `base_dir` is empty, i.e. relative to the current directory).
// Errors are InvalidInput; their context and label come from `origins` (the layer that set the
// offending value), else `fallback_context`. Secret values are never echoed unless they are
// shaped like references.
Result<Config> validate_config_table(const toml::table& merged, const std::string& profile,
                                     const std::string& base_dir, const OriginMap& origins,
                                     std::string_view fallback_context);

// The smallest edit distance (insertions, deletions, substitutions, adjacent transpositions)
// between `a` and `b`.
std::size_t edit_distance(std::string_view a, std::string_view b);

// True when `profile` can name a profile: 1-32 characters of [A-Za-z0-9_-].
bool is_valid_profile_name(std::string_view profile);

}  // namespace stratus
