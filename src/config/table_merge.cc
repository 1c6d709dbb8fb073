// Deep merge of TOML tables for config layering.
#include "config/table_merge.h"

#include <string>
#include <utility>

namespace stratus {

void merge_table_into(toml::table& base, toml::table&& overlay, const ValueOrigin& origin,
                      OriginMap* origins, const KeyPath& at) {
  for (auto&& [key, value] : overlay) {
    const std::string name(key.str());
    KeyPath path = child_path(at, name);
    if (toml::table* incoming = value.as_table()) {
      toml::node* existing = base.get(name);
      if (existing == nullptr || !existing->is_table()) {
        // A new table (or one replacing a non-table): start empty so every member is recorded
        // with its own origin.
        toml::table fresh;
        base.insert_or_assign(name, std::move(fresh));
        if (origins != nullptr) origins->record(path, origin);
      }
      merge_table_into(*base.get_as<toml::table>(name), std::move(*incoming), origin, origins,
                       path);
      continue;
    }
    base.insert_or_assign(name, std::move(value));
    if (origins != nullptr) origins->record(path, origin);
  }
}

void merge_table_into(toml::table& base, const toml::table& overlay) {
  toml::table copy = overlay;
  merge_table_into(base, std::move(copy), ValueOrigin{}, nullptr);
}

}  // namespace stratus
