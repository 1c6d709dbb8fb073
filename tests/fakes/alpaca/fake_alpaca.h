// FakeAlpaca: a local HTTP server that behaves like Alpaca's Trading API v2 (the endpoints
// Stratus uses: orders, account, positions) and Market Data API v2 (daily bars, latest trades;
// see FakeMarket), for tests over 127.0.0.1 against the real HTTP
// client. In-process for GoogleTest (start on an ephemeral port, drive it through its C++
// parts), or standalone (alpaca_fake_server) driven through its /_admin/ endpoints.
//
// Behaviour, from the Trading API spec and the notes in shared/data/alpaca-api/SOURCE.md:
//   auth      APCA-API-KEY-ID / APCA-API-SECRET-KEY must match, else 401 / 40110000.
//   orders    POST validates every field (422 / 40010001 naming it), refuses a used
//             client_order_id (422 / 40010001 "client_order_id must be unique", canceled ones
//             too), 403 / 40310000 for insufficient buying power; GET by id, by
//             client_order_id (404 / 40410000 when unknown), list (status, limit, direction,
//             after, until, symbols, side); DELETE (204; 422 when no longer open).
//   account   GET /v2/account and /v2/positions, moved by fills.
//   data      GET /v2/stocks/bars (1Day only; paginated across symbols by `limit`, with an
//             opaque next_page_token; split adjustment from FakeMarket::set_split) and
//             GET /v2/stocks/trades/latest; bad parameters 400 / 40010001 naming them.
//   limits    a request budget per window (default Alpaca's 200 a minute): 429 / 42910000
//             with X-RateLimit-Limit, -Remaining, -Reset (epoch seconds) on every answer.
//   faults    see FaultPlan: latency, 5xx / 429 bursts or a seeded fraction, and faults after
//             an order was accepted (connection dropped, answer cut, error status, late answer).
// Every request is counted per endpoint (RequestLog). Thread-safe. Test support only.
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "domain/result.h"
#include "fakes/alpaca/fake_brokerage.h"
#include "fakes/alpaca/fake_calendar.h"
#include "fakes/alpaca/fake_market.h"
#include "fakes/alpaca/fault_plan.h"
#include "fakes/alpaca/rate_limiter.h"
#include "fakes/alpaca/request_log.h"
#include "fakes/alpaca/stop_signal.h"

namespace httplib {
class Server;
}

namespace stratus::fakes {

struct FakeAlpacaOptions {
  std::string key_id = "fake-key-id";
  std::string secret_key = "fake-secret-key";
  int rate_limit = 200;  // Requests per window; <= 0: unlimited.
  std::chrono::milliseconds rate_window{60'000};
  bool admin_endpoints = false;  // Serve /_admin/* (the standalone server does).
};

// Endpoint names used by RequestLog and FaultPlan.
inline constexpr const char* kPostOrders = "POST /v2/orders";
inline constexpr const char* kListOrders = "GET /v2/orders";
inline constexpr const char* kGetOrder = "GET /v2/orders/{order_id}";
inline constexpr const char* kCancelOrder = "DELETE /v2/orders/{order_id}";
inline constexpr const char* kGetOrderByClientId = "GET /v2/orders:by_client_order_id";
inline constexpr const char* kGetAccount = "GET /v2/account";
inline constexpr const char* kGetPositions = "GET /v2/positions";
inline constexpr const char* kGetBars = "GET /v2/stocks/bars";
inline constexpr const char* kGetLatestTrades = "GET /v2/stocks/trades/latest";
inline constexpr const char* kGetCalendar = "GET /v2/calendar";
inline constexpr const char* kGetClock = "GET /v2/clock";
inline constexpr const char* kOtherEndpoint = "other";

class FakeAlpaca {
 public:
  explicit FakeAlpaca(FakeAlpacaOptions options = {});
  ~FakeAlpaca();
  FakeAlpaca(const FakeAlpaca&) = delete;
  FakeAlpaca& operator=(const FakeAlpaca&) = delete;

  // Starts serving on host:port (port 0: an ephemeral one) in background threads. Ignores
  // SIGPIPE for the whole process (a client that hangs up must not kill it).
  // Errors: Unavailable when it cannot listen. REQUIRES: not started.
  Status start(const std::string& host = "127.0.0.1", int port = 0);
  // Stops serving: cuts injected delays short and waits for the server threads. Idempotent;
  // the destructor calls it.
  void stop();

  int port() const { return port_; }
  // "http://127.0.0.1:<port>".
  std::string base_url() const;
  const FakeAlpacaOptions& options() const { return options_; }

  FakeBrokerage& brokerage() { return brokerage_; }
  FakeMarket& market() { return market_; }
  FakeCalendar& calendar() { return calendar_; }
  FaultPlan& faults() { return faults_; }
  RequestLog& requests() { return requests_; }
  RateLimiter& rate_limiter() { return rate_limiter_; }

  // Every order the fake holds, in submission order.
  std::vector<FakeOrder> orders() const { return brokerage_.all_orders(); }

  // Waits `duration` unless the server stops first; false when it stopped. For handlers.
  bool pause(std::chrono::milliseconds duration) { return stop_.sleep_for(duration); }

 private:
  FakeAlpacaOptions options_;
  FakeBrokerage brokerage_;
  FakeMarket market_;
  FakeCalendar calendar_;
  FaultPlan faults_;
  RequestLog requests_;
  RateLimiter rate_limiter_;
  StopSignal stop_;
  std::unique_ptr<httplib::Server> server_;
  std::thread thread_;
  std::string host_;
  int port_ = 0;
};

}  // namespace stratus::fakes
