#include "fakes/alpaca/request_log.h"

namespace stratus::fakes {

void RequestLog::count(std::string_view endpoint) {
  std::lock_guard lock(mu_);
  auto it = counts_.find(endpoint);
  if (it == counts_.end()) it = counts_.emplace(std::string(endpoint), 0).first;
  ++it->second;
}

int RequestLog::count_of(std::string_view endpoint) const {
  std::lock_guard lock(mu_);
  auto it = counts_.find(endpoint);
  return it == counts_.end() ? 0 : it->second;
}

int RequestLog::total() const {
  std::lock_guard lock(mu_);
  int sum = 0;
  for (const auto& [endpoint, n] : counts_) sum += n;
  return sum;
}

std::map<std::string, int> RequestLog::counts() const {
  std::lock_guard lock(mu_);
  return {counts_.begin(), counts_.end()};
}

void RequestLog::reset() {
  std::lock_guard lock(mu_);
  counts_.clear();
}

}  // namespace stratus::fakes
