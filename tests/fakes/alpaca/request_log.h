// RequestLog: how many requests the fake Alpaca received, per endpoint ("POST /v2/orders",
// "GET /v2/orders:by_client_order_id", ...), whatever it answered. For assertions and the
// benchmark. Thread-safe. Test support only.
#pragma once

#include <map>
#include <mutex>
#include <string>
#include <string_view>

namespace stratus::fakes {

class RequestLog {
 public:
  void count(std::string_view endpoint);
  int count_of(std::string_view endpoint) const;
  int total() const;
  std::map<std::string, int> counts() const;
  void reset();

 private:
  mutable std::mutex mu_;
  std::map<std::string, int, std::less<>> counts_;
};

}  // namespace stratus::fakes
