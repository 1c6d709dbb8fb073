#include "apps/stratus/aws_json_connection.h"

#include <utility>

#include "apps/stratus/http_stack.h"

namespace stratus {
AwsJsonConnection::AwsJsonConnection(const HttpConfig& http, const AwsSettings& settings,
                                     AwsJsonClientOptions options)
    : endpoint_(settings.endpoint),
      http_(curl_options_from(http)),
      aws_(http_, settings.credentials.credentials, std::move(options), clock_, sleeper_, random_) {
}

}  // namespace stratus
