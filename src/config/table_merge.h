// Deep merge of TOML tables, the rule by which profiles and overrides layer onto defaults.
#pragma once

#include <toml++/toml.h>

#include "config/toml_text.h"
#include "config/value_origin.h"

namespace stratus {

// Merges `overlay` into `base`: where both hold a table under the same key the tables merge
// key by key (recursively); any other overlay value (scalar, array, or a table where base had
// a non-table) replaces base's value. Arrays are never merged element-wise.
// `overlay` is consumed: its values are moved, so they keep their source positions.
// When `origins` is non-null, every value set is recorded there as coming from `origin`, at
// its full key path (`at` is the path of `base` within the document).
void merge_table_into(toml::table& base, toml::table&& overlay, const ValueOrigin& origin,
                      OriginMap* origins, const KeyPath& at = {});

// Convenience for other config sources (e.g. SSM): merges a copy of `overlay` into `base`
// without tracking origins.
void merge_table_into(toml::table& base, const toml::table& overlay);

}  // namespace stratus
