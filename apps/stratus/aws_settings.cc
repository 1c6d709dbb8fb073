#include "apps/stratus/aws_settings.h"

#include <string>

#include "support/redaction.h"

namespace stratus {

Result<AwsSettings> aws_settings_for(const Environment& env, const AwsService& service,
                                     std::string_view needed_by, std::string_view service_title) {
  auto settings = resolve_aws_settings(env, service);
  if (settings.ok()) {
    // The key id too: with the secret it names the account's credentials.
    const AwsCredentials& credentials = settings->credentials.credentials;
    for (const std::string* value :
         {&credentials.access_key_id, &credentials.secret_access_key, &credentials.session_token}) {
      register_secret(*value);
    }
    return settings;
  }
  Error error = settings.error();
  if (error.code == ErrorCode::kNotFound) error.code = ErrorCode::kInvalidInput;
  error.message = std::string(needed_by) + " needs AWS access to " + std::string(service_title) +
                  ": " + error.message;
  return error;
}

}  // namespace stratus
