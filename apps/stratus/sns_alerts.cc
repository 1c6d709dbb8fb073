#include "apps/stratus/sns_alerts.h"

#include <utility>

#include "apps/stratus/aws_settings.h"
#include "apps/stratus/http_stack.h"

namespace stratus {
namespace {

// The region part of arn:<partition>:sns:<region>:<account>:<name>.
std::string topic_region(const std::string& arn) {
  std::size_t start = 0;
  for (int colon = 0; colon < 3; ++colon) start = arn.find(':', start) + 1;
  return arn.substr(start, arn.find(':', start) - start);
}

}  // namespace

Result<std::unique_ptr<SnsAlerts>> SnsAlerts::open(const Environment& env, const Config& config) {
  const std::string& arn = config.alerts.sns_topic_arn;
  const std::string needed_by = "alerts.sns_topic_arn = \"" + arn + "\"";
  STRATUS_ASSIGN_OR_RETURN(AwsSettings settings,
                           aws_settings_for(env, kSnsService, needed_by, "SNS"));
  if (const std::string region = topic_region(arn); region != settings.region) {
    return Error::invalid_input(needed_by + ": the topic is in " + region +
                                " but SNS is reached in " + settings.region +
                                " (AWS_REGION): expected the same region");
  }
  return std::unique_ptr<SnsAlerts>(new SnsAlerts(config.http, std::move(settings), arn));
}

SnsAlerts::SnsAlerts(const HttpConfig& http, AwsSettings settings, std::string topic_arn)
    : http_(curl_options_from(http)),
      sns_(http_, std::move(settings), clock_),
      publisher_(sns_, std::move(topic_arn)) {}

}  // namespace stratus
