// SnsAlerts: the AlertPublisher of [alerts] sns_topic_arn, built from the environment map
// (apps/stratus reads it once; nothing here calls getenv). Credentials, region and endpoint come
// from adapters/aws/aws_environment.h (resolve_aws_settings with kSnsService: AWS_ACCESS_KEY_ID,
// AWS_REGION, AWS_ENDPOINT_URL_SNS, the shared files, ...). One attempt per alert over a plain
// CurlHttpClient with [http]'s timeouts: an alert that fails stays in the outbox and is retried
// by a later delivery round (apps/stratus/remote_sinks.h), never by retries within this one.
#pragma once

#include <memory>
#include <string>

#include "adapters/aws/sns_alert_publisher.h"
#include "adapters/aws/sns_publisher.h"
#include "adapters/clock/system_clock.h"
#include "adapters/http/curl_http_client.h"
#include "config/config.h"
#include "domain/result.h"

namespace stratus {

class SnsAlerts {
 public:
  // Resolves the AWS settings of SNS from `env` (nothing is sent). InvalidInput naming what is
  // missing or malformed (no credentials: the places looked in; no region; a bad
  // AWS_ENDPOINT_URL_SNS), prefixed by the setting that needs them. The region of the topic's
  // ARN must be the region SNS is reached in (InvalidInput otherwise: SNS would refuse it).
  static Result<std::unique_ptr<SnsAlerts>> open(const Environment& env, const Config& config);

  SnsAlerts(const SnsAlerts&) = delete;
  SnsAlerts& operator=(const SnsAlerts&) = delete;

  AlertPublisher& publisher() { return publisher_; }

 private:
  SnsAlerts(const HttpConfig& http, AwsSettings settings, std::string topic_arn);

  CurlHttpClient http_;
  SystemClock clock_;
  SnsPublisher sns_;
  SnsAlertPublisher publisher_;
};

}  // namespace stratus
