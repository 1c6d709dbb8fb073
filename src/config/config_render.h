// Rendering the effective Config as TOML text, for `stratus config show --profile P`.
#pragma once

#include <string>

#include "config/config.h"

namespace stratus {

// The effective `config` as TOML in the shape of config/defaults.toml (top-level keys, then
// [market], [evaluate], [limits], [broker], [data], [ledger], [audit], [secrets]); absent
// optional limits appear as comments. Paths are shown resolved. Secrets show only their
// references (marked "# reference, not resolved"); a secret value that is not shaped like a
// reference is never printed, only noted as redacted.
// Guarantees: for a validated Config, config_from_table(parse(text), config.profile, "")
// yields an equal Config.
std::string render_config(const Config& config);

}  // namespace stratus
