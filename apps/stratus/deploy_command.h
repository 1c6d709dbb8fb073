// `stratus deploy template [--output FILE] [--format yaml|json]`: prints the CloudFormation
// template of a Stratus deployment (apps/stratus/deploy/cfn_template.h), YAML by default, to
// stdout or FILE. Deterministic: the same binary prints the same bytes, so deploy/template.yaml
// is checked against it (tests/deploy). Exit 0; 1 when FILE cannot be written or the template
// cannot be generated; 2 for bad usage.
#pragma once

#include <CLI/CLI.hpp>

#include "apps/stratus/cli_context.h"
#include "apps/stratus/command_table.h"

namespace stratus {

void add_deploy_commands(CLI::App& app, const GlobalOptions& global, CommandTable& table);

}  // namespace stratus
