// RetryingHttpClient over a real CurlHttpClient and real local servers: what is retried and what
// is not, the backoff and server-requested waits (recorded by a RecordingSleeper, so nothing
// really sleeps), and the bounds on attempts and total delay.
#include "adapters/http/retrying_http_client.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <vector>

#include "adapters/clock/settable_clock.h"
#include "adapters/http/curl_http_client.h"
#include "adapters/http/random_source.h"
#include "adapters/http/recording_sleeper.h"
#include "local_http_server.h"
#include "raw_tcp_server.h"

namespace stratus {
namespace {

using http_test::LocalHttpServer;
using http_test::RawTcpServer;
using std::chrono::milliseconds;
using Waits = std::vector<milliseconds>;

const Timestamp kStart = parse_utc_timestamp("2026-03-02T15:00:00Z").value();

constexpr RetryPolicy kPolicy{.max_attempts = 3,
                              .base_delay = milliseconds{100},
                              .max_delay = milliseconds{1000},
                              .max_total_delay = milliseconds{30'000}};

CurlOptions options(milliseconds total_timeout = milliseconds{3000}) {
  CurlOptions o;
  o.connect_timeout = milliseconds{3000};
  o.total_timeout = total_timeout;
  return o;
}

// The pieces every test wires together: real curl client, fake time, fixed jitter of one half.
struct Stack {
  explicit Stack(RetryPolicy policy = kPolicy, CurlOptions curl_options = options())
      : curl(std::move(curl_options)),
        sleeper(&clock),
        retrying(curl, policy, sleeper, random, clock) {}

  SettableClock clock{kStart};
  FixedRandomSource random{0.5};
  CurlHttpClient curl;
  RecordingSleeper sleeper;
  RetryingHttpClient retrying;
};

HttpRequest request(std::string method, std::string url, bool idempotent) {
  HttpRequest r;
  r.method = std::move(method);
  r.url = std::move(url);
  r.idempotent = idempotent;
  if (r.method != "GET" && r.method != "DELETE") r.body = "{}";
  return r;
}

// A server whose route answers `failures` times with `status` (and headers), then 200.
struct FlakyServer {
  FlakyServer(int failures, int status, httplib::Headers headers = {}) {
    auto handler = [=, this](const httplib::Request&, httplib::Response& res) {
      if (hits.fetch_add(1) < failures) {
        res.status = status;
        for (const auto& [name, value] : headers) res.set_header(name, value);
        res.set_content("failure", "text/plain");
      } else {
        res.set_content("fine", "text/plain");
      }
    };
    server.routes().Get("/r", handler).Post("/r", handler);
    server.start();
  }
  std::string url() const { return server.url("/r"); }

  std::atomic<int> hits{0};
  LocalHttpServer server;
};

std::string epoch(Timestamp t) { return std::to_string(t.time_since_epoch().count()); }

TEST(RetryingHttpClient, IdempotentRequestIsRetriedAfterA500) {
  FlakyServer server(1, 500);
  Stack stack;

  auto result = stack.retrying.send(request("GET", server.url(), true));

  ASSERT_TRUE(result.ok()) << result.error().to_string();
  EXPECT_EQ(result->status, 200);
  EXPECT_EQ(server.hits.load(), 2);
  EXPECT_EQ(stack.sleeper.waits(), (Waits{milliseconds{50}}));  // Half of base * 2^0.
}

TEST(RetryingHttpClient, TheObserverHearsOfEachRetryWithoutThePathOrQuery) {
  FlakyServer server(2, 503, {{"Retry-After", "2"}});
  CurlHttpClient curl(options());
  SettableClock clock{kStart};
  RecordingSleeper sleeper(&clock);
  FixedRandomSource random{0.5};
  std::vector<RetryNotice> notices;
  RetryingHttpClient retrying(curl, kPolicy, sleeper, random, clock,
                              [&](const RetryNotice& n) { notices.push_back(n); });

  auto result = retrying.send(request("GET", server.url() + "?token=SECRET", true));

  ASSERT_TRUE(result.ok()) << result.error().to_string();
  EXPECT_EQ(result->status, 200);
  ASSERT_EQ(notices.size(), 2u);
  for (int i = 0; i < 2; ++i) {
    EXPECT_EQ(notices[i].method, "GET");
    EXPECT_EQ(notices[i].host, "127.0.0.1:" + std::to_string(server.server.port()));
    EXPECT_EQ(notices[i].failed_attempt, i + 1);
    EXPECT_EQ(notices[i].failure, "HTTP 503");
    EXPECT_EQ(notices[i].wait, milliseconds{2000});
    EXPECT_TRUE(notices[i].server_asked);
  }

  // A connection refused: the error's code, and the backoff wait.
  const int port = http_test::unused_local_port();
  notices.clear();
  auto refused =
      retrying.send(request("GET", "http://127.0.0.1:" + std::to_string(port) + "/r", true));
  ASSERT_FALSE(refused.ok());
  ASSERT_EQ(notices.size(), 2u);
  EXPECT_EQ(notices[0].failure, "Unavailable");
  EXPECT_FALSE(notices[0].server_asked);
  EXPECT_EQ(notices[0].wait, milliseconds{50});
}

TEST(RetryingHttpClient, IdempotentPostWithItsOwnKeyIsRetriedToo) {
  FlakyServer server(2, 502);
  Stack stack;

  auto result = stack.retrying.send(request("POST", server.url(), true));

  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result->status, 200);
  EXPECT_EQ(server.hits.load(), 3);
  EXPECT_EQ(stack.sleeper.waits(), (Waits{milliseconds{50}, milliseconds{100}}));
}

TEST(RetryingHttpClient, NonIdempotentPostIsNotRetriedAfterA500) {
  FlakyServer server(1, 500);
  Stack stack;

  auto result = stack.retrying.send(request("POST", server.url(), false));

  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result->status, 500);
  EXPECT_EQ(server.hits.load(), 1);
  EXPECT_TRUE(stack.sleeper.waits().empty());
}

TEST(RetryingHttpClient, LastAnswerIsReturnedAsAResponseWhenRetriesRunOut) {
  FlakyServer server(100, 503);
  Stack stack;

  auto result = stack.retrying.send(request("GET", server.url(), true));

  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result->status, 503);
  EXPECT_EQ(result->body, "failure");
  EXPECT_EQ(server.hits.load(), 3);
  EXPECT_EQ(stack.sleeper.waits(), (Waits{milliseconds{50}, milliseconds{100}}));
}

TEST(RetryingHttpClient, BackoffDoublesUpToTheCapAndStopsAtTheTotalDelay) {
  FlakyServer server(100, 500);
  Stack stack({.max_attempts = 10,
               .base_delay = milliseconds{400},
               .max_delay = milliseconds{1000},
               .max_total_delay = milliseconds{2300}});

  auto result = stack.retrying.send(request("GET", server.url(), true));

  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result->status, 500);
  // Ceilings 400, 800, then the 1000 cap, at one half; the last sleep is cut to what is left of
  // the 2300 ms budget, after which retries stop (7 of the 10 attempts).
  EXPECT_EQ(stack.sleeper.waits(),
            (Waits{milliseconds{200}, milliseconds{400}, milliseconds{500}, milliseconds{500},
                   milliseconds{500}, milliseconds{200}}));
  EXPECT_EQ(server.hits.load(), 7);
}

TEST(RetryingHttpClient, NotImplementedIsNotRetried) {
  FlakyServer server(100, 501);
  Stack stack;

  auto result = stack.retrying.send(request("GET", server.url(), true));

  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result->status, 501);
  EXPECT_EQ(server.hits.load(), 1);
}

TEST(RetryingHttpClient, ClientErrorsAreNotRetried) {
  FlakyServer server(100, 422);
  Stack stack;

  auto result = stack.retrying.send(request("POST", server.url(), true));

  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result->status, 422);
  EXPECT_EQ(server.hits.load(), 1);
}

TEST(RetryingHttpClient, RateLimitWaitsUntilXRateLimitReset) {
  FlakyServer server(1, 429, {{"X-RateLimit-Reset", epoch(kStart + std::chrono::seconds{3})}});
  Stack stack;

  auto result = stack.retrying.send(request("GET", server.url(), true));

  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result->status, 200);
  EXPECT_EQ(stack.sleeper.waits(), (Waits{milliseconds{3000}}));
  EXPECT_EQ(stack.clock.now(), kStart + std::chrono::seconds{3});
}

TEST(RetryingHttpClient, RateLimitHonoursRetryAfterSeconds) {
  FlakyServer server(2, 429, {{"Retry-After", "2"}});
  Stack stack;

  auto result = stack.retrying.send(request("GET", server.url(), true));

  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result->status, 200);
  EXPECT_EQ(stack.sleeper.waits(), (Waits{milliseconds{2000}, milliseconds{2000}}));
}

TEST(RetryingHttpClient, RateLimitHonoursRetryAfterHttpDateOverTheResetHeader) {
  FlakyServer server(1, 429,
                     {{"Retry-After", "Mon, 02 Mar 2026 15:00:05 GMT"},
                      {"X-RateLimit-Reset", epoch(kStart + std::chrono::seconds{40})}});
  Stack stack;

  auto result = stack.retrying.send(request("GET", server.url(), true));

  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result->status, 200);
  EXPECT_EQ(stack.sleeper.waits(), (Waits{milliseconds{5000}}));
}

TEST(RetryingHttpClient, RateLimitedNonIdempotentPostIsRetried) {
  // A 429 means the server did not act on the request, so even an order POST is safe to resend.
  FlakyServer server(1, 429, {{"X-RateLimit-Reset", epoch(kStart + std::chrono::seconds{1})}});
  Stack stack;

  auto result = stack.retrying.send(request("POST", server.url(), false));

  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result->status, 200);
  EXPECT_EQ(server.hits.load(), 2);
  EXPECT_EQ(stack.sleeper.waits(), (Waits{milliseconds{1000}}));
}

TEST(RetryingHttpClient, RateLimitWithoutHintsOrWithAPastResetBacksOff) {
  FlakyServer server(2, 429, {{"X-RateLimit-Reset", epoch(kStart - std::chrono::seconds{10})}});
  Stack stack;

  auto result = stack.retrying.send(request("GET", server.url(), true));

  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result->status, 200);
  EXPECT_EQ(stack.sleeper.waits(), (Waits{milliseconds{50}, milliseconds{100}}));
}

TEST(RetryingHttpClient, ServerWaitBeyondTheTotalDelayReturnsThe429) {
  FlakyServer server(1, 429, {{"Retry-After", "120"}});
  Stack stack;

  auto result = stack.retrying.send(request("GET", server.url(), true));

  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result->status, 429);
  EXPECT_EQ(result->header("Retry-After"), "120");
  EXPECT_EQ(server.hits.load(), 1);
  EXPECT_TRUE(stack.sleeper.waits().empty());
}

TEST(RetryingHttpClient, ServiceUnavailableHonoursRetryAfter) {
  FlakyServer server(1, 503, {{"Retry-After", "1"}});
  Stack stack;

  auto result = stack.retrying.send(request("GET", server.url(), true));

  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result->status, 200);
  EXPECT_EQ(stack.sleeper.waits(), (Waits{milliseconds{1000}}));
}

TEST(RetryingHttpClient, TimeoutAfterSendingIsAmbiguousAndNotRetriedForAPost) {
  RawTcpServer server(RawTcpServer::Behaviour::kNeverAnswer);
  Stack stack(kPolicy, options(milliseconds{200}));

  auto result = stack.retrying.send(request("POST", server.url("/v2/orders"), false));

  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::kAmbiguous);
  EXPECT_EQ(server.requests(), 1);
  EXPECT_TRUE(stack.sleeper.waits().empty());
}

TEST(RetryingHttpClient, TimeoutAfterSendingIsRetriedForAGet) {
  RawTcpServer server(RawTcpServer::Behaviour::kNeverAnswer);
  Stack stack(kPolicy, options(milliseconds{200}));

  auto result = stack.retrying.send(request("GET", server.url("/v2/orders"), true));

  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::kAmbiguous);
  EXPECT_EQ(server.requests(), 3);
  EXPECT_EQ(stack.sleeper.waits().size(), 2u);
}

TEST(RetryingHttpClient, HangUpIsAmbiguousAndNotRetriedForAPost) {
  RawTcpServer server(RawTcpServer::Behaviour::kHangUpAfterRequest);
  Stack stack;

  auto result = stack.retrying.send(request("POST", server.url("/v2/orders"), false));

  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::kAmbiguous);
  EXPECT_EQ(server.requests(), 1);
}

TEST(RetryingHttpClient, ClosedPortIsRetriedEvenForAPostAndNamesTheHost) {
  const int port = http_test::unused_local_port();
  Stack stack;

  auto result = stack.retrying.send(
      request("POST", "http://127.0.0.1:" + std::to_string(port) + "/v2/orders", false));

  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::kUnavailable);
  EXPECT_NE(result.error().message.find("127.0.0.1:" + std::to_string(port)), std::string::npos)
      << result.error().message;
  EXPECT_EQ(stack.sleeper.waits(), (Waits{milliseconds{50}, milliseconds{100}}));
}

TEST(RetryingHttpClient, UnavailableThenSuccess) {
  // The first attempt finds nothing listening; a server appears on that port before the retry.
  const int port = http_test::unused_local_port();
  struct StartingSleeper final : Sleeper {
    void sleep(milliseconds) override {
      if (server) return;
      server = std::make_unique<httplib::Server>();
      server->Get("/v2/clock", [](const httplib::Request&, httplib::Response& res) {
        res.set_content("{}", "application/json");
      });
      if (!server->bind_to_port("127.0.0.1", port)) return;
      thread = std::thread([this] { server->listen_after_bind(); });
      while (!server->is_running()) std::this_thread::sleep_for(milliseconds{1});
    }
    ~StartingSleeper() override {
      if (server) server->stop();
      if (thread.joinable()) thread.join();
    }
    int port = 0;
    std::unique_ptr<httplib::Server> server;
    std::thread thread;
  } sleeper;
  sleeper.port = port;
  SettableClock clock{kStart};
  FixedRandomSource random{0.0};
  CurlHttpClient curl(options());
  RetryingHttpClient retrying(curl, RetryPolicy{}, sleeper, random, clock);

  auto result =
      retrying.send(request("GET", "http://127.0.0.1:" + std::to_string(port) + "/v2/clock", true));

  ASSERT_TRUE(result.ok()) << result.error().to_string();
  EXPECT_EQ(result->status, 200);
}

TEST(RetryingHttpClient, InvalidInputIsNotRetried) {
  Stack stack;

  auto result = stack.retrying.send(request("GET", "not a url", true));

  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::kInvalidInput);
  EXPECT_TRUE(stack.sleeper.waits().empty());
}

}  // namespace
}  // namespace stratus
