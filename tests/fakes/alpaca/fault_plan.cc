#include "fakes/alpaca/fault_plan.h"

#include <algorithm>

namespace stratus::fakes {
namespace {

bool matches(const std::string& pattern, std::string_view endpoint) {
  return pattern.empty() || pattern == endpoint;
}

}  // namespace

void FaultPlan::set_latency(std::chrono::milliseconds delay, std::string endpoint) {
  std::lock_guard lock(mu_);
  std::erase_if(latencies_, [&](const Latency& l) { return l.endpoint == endpoint; });
  if (delay.count() > 0) latencies_.push_back({std::move(endpoint), delay});
}

void FaultPlan::fail_next(int count, int status, std::string endpoint) {
  std::lock_guard lock(mu_);
  if (count > 0) bursts_.push_back({std::move(endpoint), status, count});
}

void FaultPlan::fail_fraction(double p, std::uint64_t seed, std::vector<int> statuses,
                              std::string endpoint) {
  std::lock_guard lock(mu_);
  random_.seed(seed);
  if (p <= 0 || statuses.empty()) {
    fraction_.reset();
    return;
  }
  fraction_ = Fraction{std::move(endpoint), p, std::move(statuses)};
}

void FaultPlan::after_accept(int count, AcceptFault fault) {
  std::lock_guard lock(mu_);
  if (count > 0) accept_faults_.push_back({fault, count});
}

void FaultPlan::set_burst_reset(std::chrono::milliseconds after) {
  std::lock_guard lock(mu_);
  burst_reset_ = after;
}

std::chrono::milliseconds FaultPlan::burst_reset() const {
  std::lock_guard lock(mu_);
  return burst_reset_;
}

void FaultPlan::clear() {
  std::lock_guard lock(mu_);
  latencies_.clear();
  bursts_.clear();
  fraction_.reset();
  accept_faults_.clear();
}

RequestFault FaultPlan::on_request(std::string_view endpoint) {
  std::lock_guard lock(mu_);
  RequestFault fault;
  for (const Latency& l : latencies_) {
    if (matches(l.endpoint, endpoint)) fault.delay = std::max(fault.delay, l.delay);
  }
  auto burst = std::find_if(bursts_.begin(), bursts_.end(),
                            [&](const Burst& b) { return matches(b.endpoint, endpoint); });
  if (burst != bursts_.end()) {
    fault.status = burst->status;
    if (--burst->left == 0) bursts_.erase(burst);
  } else if (fraction_ && matches(fraction_->endpoint, endpoint)) {
    std::uniform_real_distribution<double> coin(0.0, 1.0);
    if (coin(random_) < fraction_->p) {
      std::uniform_int_distribution<std::size_t> pick(0, fraction_->statuses.size() - 1);
      fault.status = fraction_->statuses[pick(random_)];
    }
  }
  if (fault.status) ++injected_;
  return fault;
}

std::optional<AcceptFault> FaultPlan::on_accept() {
  std::lock_guard lock(mu_);
  if (accept_faults_.empty()) return std::nullopt;
  const AcceptFault fault = accept_faults_.front().fault;
  if (--accept_faults_.front().left == 0) accept_faults_.pop_front();
  ++injected_;
  return fault;
}

int FaultPlan::injected() const {
  std::lock_guard lock(mu_);
  return injected_;
}

}  // namespace stratus::fakes
