// `stratus config show`: the effective configuration of a profile, secrets redacted.
#include <fmt/format.h>

#include "apps/stratus/commands.h"
#include "config/config_render.h"

namespace stratus {

int config_show_command(const GlobalOptions& global) {
  auto config = load_effective_config(global, read_environment());
  if (!config.ok()) return report_error(config.error());
  fmt::print("{}", render_config(*config));
  return kExitOk;
}

}  // namespace stratus
