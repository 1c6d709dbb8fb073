// Where each value of a merged config table came from (embedded defaults, a profile table of
// stratus.toml, an environment variable), so validation errors can point at the right source.
#pragma once

#include <map>
#include <string>

#include "config/toml_text.h"

namespace stratus {

// One layer of configuration.
struct ValueOrigin {
  std::string context;     // Error context: the file path, or "environment STRATUS_X".
  std::string label;       // Shown before the key path, e.g. "[dev]"; may be empty.
  bool has_lines = false;  // True when values carry line numbers in `context`.
};

// The origin of every value set by a merge, by key path. A lookup for a path inside a value
// (an array element, a member of a replaced table) answers with the nearest recorded ancestor.
class OriginMap {
 public:
  // Records that the value at `path` now comes from `origin`, forgetting what was recorded
  // for anything below `path` (it was replaced).
  void record(const KeyPath& path, const ValueOrigin& origin);

  // The origin of the value at `path` or its nearest recorded ancestor; nullptr when none.
  const ValueOrigin* find(const KeyPath& path) const;

 private:
  std::map<KeyPath, ValueOrigin> origins_;
};

}  // namespace stratus
