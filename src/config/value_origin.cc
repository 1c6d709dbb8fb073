// OriginMap: the layer each merged config value came from.
#include "config/value_origin.h"

#include <algorithm>

namespace stratus {

void OriginMap::record(const KeyPath& path, const ValueOrigin& origin) {
  // Entries below `path` sort directly after it; erase that run.
  auto it = origins_.upper_bound(path);
  while (it != origins_.end() && it->first.size() > path.size() &&
         std::equal(path.begin(), path.end(), it->first.begin())) {
    it = origins_.erase(it);
  }
  origins_[path] = origin;
}

const ValueOrigin* OriginMap::find(const KeyPath& path) const {
  KeyPath probe = path;
  while (true) {
    auto it = origins_.find(probe);
    if (it != origins_.end()) return &it->second;
    if (probe.empty()) return nullptr;
    probe.pop_back();
  }
}

}  // namespace stratus
