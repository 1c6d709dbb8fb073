#include "apps/stratus/ssm_connection.h"

#include <utility>

#include "apps/stratus/aws_settings.h"
#include "apps/stratus/http_stack.h"

namespace stratus {

Result<std::unique_ptr<SsmConnection>> SsmConnection::open(const Environment& env,
                                                           const HttpConfig& http,
                                                           std::string_view needed_by) {
  STRATUS_ASSIGN_OR_RETURN(AwsSettings settings,
                           aws_settings_for(env, kSsmService, needed_by, "SSM Parameter Store"));
  return std::unique_ptr<SsmConnection>(new SsmConnection(http, std::move(settings)));
}

SsmConnection::SsmConnection(const HttpConfig& http, const AwsSettings& settings)
    : connection_(http, settings, ssm_json_client_options(settings, retry_policy_from(http))),
      store_(connection_.client()) {}

}  // namespace stratus
