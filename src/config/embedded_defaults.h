// The embedded defaults: the text of config/defaults.toml, compiled into the binary at build time
// (see CMakeLists.txt), so `stratus` runs without any config file.
#pragma once

#include <string_view>

namespace stratus {

// The name errors use for the embedded defaults.
inline constexpr std::string_view kEmbeddedDefaultsName = "config/defaults.toml (embedded)";

// The full text of config/defaults.toml as it was when this binary was built.
std::string_view embedded_defaults_toml();

}  // namespace stratus
