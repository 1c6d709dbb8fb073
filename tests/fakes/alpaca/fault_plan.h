// FaultPlan: the faults the fake Alpaca injects, set by a test (C++) or through the admin
// endpoint (standalone server): latency, 5xx or 429 for the next K requests or a seeded
// fraction of them, and what happens right after an order was accepted and stored (connection
// dropped, answer cut short, an error status, a late answer). Endpoints are named like
// "POST /v2/orders"; an empty name matches every endpoint. Thread-safe. Test support only.
#pragma once

#include <chrono>
#include <cstdint>
#include <deque>
#include <mutex>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace stratus::fakes {

// What happens to an order the fake has just accepted and stored.
struct AcceptFault {
  enum class Kind {
    kDropConnection,  // The connection closes before a byte of the answer (curl: empty reply).
    kCutAnswer,       // The headers and half the body are sent, then the connection closes.
    kAnswerStatus,    // `status` (e.g. 500, 504) is answered though the order was stored.
    kDelayAnswer,     // The answer comes after `delay` (past the client's timeout).
    kAnswerBody,      // `status` with `body` (e.g. a 200 whose JSON is not an order).
  };
  Kind kind = Kind::kDropConnection;
  int status = 500;
  std::chrono::milliseconds delay{0};
  std::string body;

  static AcceptFault drop() { return {Kind::kDropConnection, 0, {}, {}}; }
  static AcceptFault cut() { return {Kind::kCutAnswer, 0, {}, {}}; }
  static AcceptFault answer(int status) { return {Kind::kAnswerStatus, status, {}, {}}; }
  static AcceptFault late(std::chrono::milliseconds delay) {
    return {Kind::kDelayAnswer, 0, delay, {}};
  }
  static AcceptFault garbled(int status, std::string body) {
    return {Kind::kAnswerBody, status, {}, std::move(body)};
  }
};

// What happens to a request before the fake looks at it.
struct RequestFault {
  std::chrono::milliseconds delay{0};
  std::optional<int> status;  // Answer this (5xx or 429) instead; the request has no effect.
};

class FaultPlan {
 public:
  // Every request to `endpoint` waits `delay` before it is handled (0 removes the latency).
  void set_latency(std::chrono::milliseconds delay, std::string endpoint = "");
  // The next `count` requests to `endpoint` are answered `status` and have no effect. Several
  // calls queue up in order.
  void fail_next(int count, int status = 503, std::string endpoint = "");
  // Each request to `endpoint` is answered, with probability `p`, a status drawn uniformly from
  // `statuses` (and has no effect). Deterministic for a seed. p = 0 turns it off.
  void fail_fraction(double p, std::uint64_t seed, std::vector<int> statuses = {503},
                     std::string endpoint = "");
  // The next `count` orders accepted meet `fault` (several calls queue up in order).
  void after_accept(int count, AcceptFault fault);
  // The X-RateLimit-Reset an injected 429 carries: now + `after`, rounded up (default 1 s);
  // 0 gives a reset that is already due (now, rounded down), so a client may retry at once.
  void set_burst_reset(std::chrono::milliseconds after);
  std::chrono::milliseconds burst_reset() const;
  // Removes every fault.
  void clear();

  // Decides the fate of one request to `endpoint` (consumes queued faults).
  RequestFault on_request(std::string_view endpoint);
  // Decides the fate of one accepted order (consumes a queued fault).
  std::optional<AcceptFault> on_accept();
  // How many faults were injected so far (request failures and accept faults).
  int injected() const;

 private:
  struct Latency {
    std::string endpoint;
    std::chrono::milliseconds delay;
  };
  struct Burst {
    std::string endpoint;
    int status;
    int left;
  };
  struct Fraction {
    std::string endpoint;
    double p = 0;
    std::vector<int> statuses;
  };
  struct Pending {
    AcceptFault fault;
    int left;
  };

  mutable std::mutex mu_;
  std::vector<Latency> latencies_;
  std::deque<Burst> bursts_;
  std::optional<Fraction> fraction_;
  std::mt19937_64 random_;
  std::deque<Pending> accept_faults_;
  std::chrono::milliseconds burst_reset_{1000};
  int injected_ = 0;
};

}  // namespace stratus::fakes
