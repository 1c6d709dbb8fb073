// `stratus config show`: the effective configuration of a profile, secrets redacted.
#include <fmt/format.h>

#include "apps/stratus/commands.h"
#include "config/config_render.h"

namespace stratus {

int config_show_command(const GlobalOptions& global) {
  const auto env = read_environment();
  auto config = load_effective_config(global, env);
  if (!config.ok()) return report_error(config.error());
  const std::string location = config_location(global, env);
  fmt::print("# Source: {}\n", location.empty() ? "embedded defaults only" : location);
  fmt::print("{}", render_config(*config));
  return kExitOk;
}

}  // namespace stratus
