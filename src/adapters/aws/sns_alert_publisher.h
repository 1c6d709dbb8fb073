// SnsAlertPublisher: the AlertPublisher port on an SNS topic (SnsPublisher's Publish).
#pragma once

#include <string>

#include "adapters/aws/sns_publisher.h"
#include "ports/alert_publisher.h"

namespace stratus {

class SnsAlertPublisher final : public AlertPublisher {
 public:
  // REQUIRES: `sns` outlives this. `topic_arn` is a standard topic (checked by the config).
  SnsAlertPublisher(SnsPublisher& sns, std::string topic_arn)
      : sns_(sns), topic_arn_(std::move(topic_arn)) {}

  // Publishes to the topic; errors as SnsPublisher::publish.
  Result<std::string> publish(const Alert& alert) override {
    return sns_.publish({topic_arn_, alert.subject, alert.message});
  }

 private:
  SnsPublisher& sns_;
  std::string topic_arn_;
};

}  // namespace stratus
