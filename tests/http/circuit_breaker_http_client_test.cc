// CircuitBreakerHttpClient over a real CurlHttpClient and real local servers, with a settable
// clock: opening after N consecutive failures, failing fast, half-opening after the cool-down,
// one trial at a time, closing on success; and the full stack with retries on top.
#include "adapters/http/circuit_breaker_http_client.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <future>
#include <thread>
#include <vector>

#include "adapters/clock/settable_clock.h"
#include "adapters/http/curl_http_client.h"
#include "adapters/http/random_source.h"
#include "adapters/http/recording_sleeper.h"
#include "adapters/http/retrying_http_client.h"
#include "local_http_server.h"
#include "raw_tcp_server.h"

namespace stratus {
namespace {

using State = CircuitBreakerHttpClient::State;
using http_test::LocalHttpServer;
using std::chrono::milliseconds;
using std::chrono::seconds;

const Timestamp kStart = parse_utc_timestamp("2026-03-02T15:00:00Z").value();

CurlOptions fast_options() {
  CurlOptions o;
  o.connect_timeout = milliseconds{3000};
  o.total_timeout = milliseconds{5000};
  return o;
}

HttpRequest get(std::string url) {
  HttpRequest r;
  r.url = std::move(url);
  return r;
}

// A server whose /status answers with whatever status the test sets.
struct SwitchableServer {
  SwitchableServer() {
    server.routes().Get("/status", [this](const httplib::Request&, httplib::Response& res) {
      ++hits;
      res.status = status.load();
      res.set_content("s", "text/plain");
    });
    server.start();
  }
  std::string url() const { return server.url("/status"); }
  std::string authority() const { return "127.0.0.1:" + std::to_string(server.port()); }

  std::atomic<int> status{500};
  std::atomic<int> hits{0};
  LocalHttpServer server;
};

struct Breaker {
  Breaker()
      : curl(fast_options()),
        breaker(curl, {.failure_threshold = 3, .cool_down = seconds{30}}, clock) {}
  SettableClock clock{kStart};
  CurlHttpClient curl;
  CircuitBreakerHttpClient breaker;
};

TEST(CircuitBreaker, TheObserverHearsOfEachOpeningOnce) {
  SwitchableServer server;
  SettableClock clock{kStart};
  CurlHttpClient curl(fast_options());
  std::vector<BreakerNotice> notices;
  CircuitBreakerHttpClient breaker(curl, {.failure_threshold = 2, .cool_down = seconds{30}}, clock,
                                   [&](const BreakerNotice& n) { notices.push_back(n); });

  ASSERT_TRUE(breaker.send(get(server.url())).ok());
  EXPECT_TRUE(notices.empty());
  ASSERT_TRUE(breaker.send(get(server.url())).ok());
  ASSERT_EQ(notices.size(), 1u);
  EXPECT_EQ(notices[0].host, server.authority());
  EXPECT_EQ(notices[0].consecutive_failures, 2);
  EXPECT_EQ(notices[0].open_until, kStart + seconds{30});
  EXPECT_FALSE(notices[0].after_trial);
  EXPECT_FALSE(breaker.send(get(server.url())).ok());  // Fails fast: no new opening.
  EXPECT_EQ(notices.size(), 1u);

  clock.set(kStart + seconds{31});  // Half-open: the trial fails and the circuit opens again.
  ASSERT_TRUE(breaker.send(get(server.url())).ok());
  ASSERT_EQ(notices.size(), 2u);
  EXPECT_TRUE(notices[1].after_trial);
  EXPECT_EQ(notices[1].open_until, kStart + seconds{61});

  clock.set(kStart + seconds{62});  // A successful trial closes it: nothing to report.
  server.status = 200;
  ASSERT_TRUE(breaker.send(get(server.url())).ok());
  EXPECT_EQ(notices.size(), 2u);
}

TEST(CircuitBreaker, OpensAfterConsecutiveFailuresAndThenFailsFast) {
  SwitchableServer server;
  Breaker b;

  for (int i = 0; i < 3; ++i) {
    auto result = b.breaker.send(get(server.url()));
    ASSERT_TRUE(result.ok());
    EXPECT_EQ(result->status, 500);  // Failures pass through as they are.
  }
  EXPECT_EQ(b.breaker.state(server.authority()), State::kOpen);
  server.status = 200;
  auto refused = b.breaker.send(get(server.url()));

  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::kUnavailable);
  EXPECT_NE(refused.error().message.find("circuit open for " + server.authority() +
                                         " until 2026-03-02T15:00:30Z"),
            std::string::npos)
      << refused.error().message;
  EXPECT_EQ(server.hits.load(), 3);  // The refused call never reached the server.
}

TEST(CircuitBreaker, HalfOpensAfterTheCoolDownAndClosesOnSuccess) {
  SwitchableServer server;
  Breaker b;
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(b.breaker.send(get(server.url())).ok());

  b.clock.advance(seconds{29});
  EXPECT_EQ(b.breaker.state(server.authority()), State::kOpen);
  EXPECT_FALSE(b.breaker.send(get(server.url())).ok());
  b.clock.advance(seconds{1});
  EXPECT_EQ(b.breaker.state(server.authority()), State::kHalfOpen);
  server.status = 200;
  auto trial = b.breaker.send(get(server.url()));

  ASSERT_TRUE(trial.ok());
  EXPECT_EQ(trial->status, 200);
  EXPECT_EQ(b.breaker.state(server.authority()), State::kClosed);
  EXPECT_EQ(server.hits.load(), 4);
  for (int i = 0; i < 3; ++i) EXPECT_TRUE(b.breaker.send(get(server.url())).ok());
  EXPECT_EQ(server.hits.load(), 7);
}

TEST(CircuitBreaker, FailedTrialOpensItForAnotherCoolDown) {
  SwitchableServer server;
  Breaker b;
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(b.breaker.send(get(server.url())).ok());
  b.clock.advance(seconds{30});

  auto trial = b.breaker.send(get(server.url()));
  auto after = b.breaker.send(get(server.url()));

  ASSERT_TRUE(trial.ok());
  EXPECT_EQ(trial->status, 500);
  ASSERT_FALSE(after.ok());
  EXPECT_NE(after.error().message.find("until 2026-03-02T15:01:00Z"), std::string::npos)
      << after.error().message;
  EXPECT_EQ(server.hits.load(), 4);
}

TEST(CircuitBreaker, ConnectionFailuresCountAndTheMessageNamesTheHost) {
  const int port = http_test::unused_local_port();
  const std::string authority = "127.0.0.1:" + std::to_string(port);
  Breaker b;

  for (int i = 0; i < 3; ++i) {
    auto result = b.breaker.send(get("http://" + authority + "/v2/account"));
    ASSERT_FALSE(result.ok());
    EXPECT_NE(result.error().message.find("could not connect"), std::string::npos);
  }
  auto refused = b.breaker.send(get("http://" + authority + "/v2/account"));

  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::kUnavailable);
  EXPECT_NE(refused.error().message.find("circuit open for " + authority), std::string::npos);
}

TEST(CircuitBreaker, AmbiguousAnswersCountAsFailures) {
  http_test::RawTcpServer server(http_test::RawTcpServer::Behaviour::kHangUpAfterRequest);
  Breaker b;

  for (int i = 0; i < 3; ++i) {
    auto result = b.breaker.send(get(server.url("/")));
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.error().code, ErrorCode::kAmbiguous);
  }

  EXPECT_EQ(b.breaker.state("127.0.0.1:" + std::to_string(server.port())), State::kOpen);
  EXPECT_EQ(server.requests(), 3);
}

TEST(CircuitBreaker, OnlyConsecutiveFailuresCountAndClientErrorsAreSuccesses) {
  SwitchableServer server;
  Breaker b;

  for (int status : {500, 500, 200, 500, 500, 404, 500, 500}) {
    server.status = status;
    ASSERT_TRUE(b.breaker.send(get(server.url())).ok());
  }

  EXPECT_EQ(b.breaker.state(server.authority()), State::kClosed);
  EXPECT_EQ(server.hits.load(), 8);
}

TEST(CircuitBreaker, EachHostHasItsOwnCircuit) {
  SwitchableServer failing;
  SwitchableServer healthy;
  healthy.status = 200;
  Breaker b;

  for (int i = 0; i < 3; ++i) ASSERT_TRUE(b.breaker.send(get(failing.url())).ok());

  EXPECT_EQ(b.breaker.state(failing.authority()), State::kOpen);
  EXPECT_EQ(b.breaker.state(healthy.authority()), State::kClosed);
  auto other = b.breaker.send(get(healthy.url()));
  ASSERT_TRUE(other.ok());
  EXPECT_EQ(other->status, 200);
}

TEST(CircuitBreaker, HalfOpenLetsOneTrialThroughAtATime) {
  LocalHttpServer server;
  std::atomic<int> status{500};
  std::promise<void> trial_arrived;
  std::promise<void> release_trial;
  std::shared_future<void> released = release_trial.get_future().share();
  server.routes().Get("/fail", [&](const httplib::Request&, httplib::Response& res) {
    res.status = status.load();
  });
  server.routes().Get("/slow", [&](const httplib::Request&, httplib::Response& res) {
    trial_arrived.set_value();
    released.wait_for(seconds{2});
    res.set_content("slow but fine", "text/plain");
  });
  server.start();
  const std::string authority = "127.0.0.1:" + std::to_string(server.port());
  Breaker b;
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(b.breaker.send(get(server.url("/fail"))).ok());
  b.clock.advance(seconds{30});

  auto trial =
      std::async(std::launch::async, [&] { return b.breaker.send(get(server.url("/slow"))); });
  trial_arrived.get_future().wait();
  auto concurrent = b.breaker.send(get(server.url("/fail")));
  release_trial.set_value();
  auto trial_result = trial.get();

  ASSERT_FALSE(concurrent.ok());
  EXPECT_EQ(concurrent.error().code, ErrorCode::kUnavailable);
  EXPECT_NE(concurrent.error().message.find("circuit half-open for " + authority),
            std::string::npos)
      << concurrent.error().message;
  ASSERT_TRUE(trial_result.ok());
  EXPECT_EQ(trial_result->body, "slow but fine");
  EXPECT_EQ(b.breaker.state(authority), State::kClosed);
}

TEST(CircuitBreaker, ManyThreadsAgreeOnTheState) {
  SwitchableServer server;
  Breaker b;
  std::atomic<int> refused{0};

  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 10; ++i) {
        if (!b.breaker.send(get(server.url())).ok()) ++refused;
      }
    });
  }
  for (auto& thread : threads) thread.join();

  EXPECT_EQ(b.breaker.state(server.authority()), State::kOpen);
  EXPECT_EQ(refused.load() + server.hits.load(), 40);
  EXPECT_GE(server.hits.load(), 3);
  EXPECT_LE(server.hits.load(), 3 + 3);  // At most the calls already in flight when it opened.
}

TEST(CircuitBreaker, UnderRetriesTheOpenCircuitStopsTheRequestsReachingTheHost) {
  SwitchableServer server;
  server.status = 503;
  SettableClock clock{kStart};
  CurlHttpClient curl(fast_options());
  CircuitBreakerHttpClient breaker(curl, {.failure_threshold = 3, .cool_down = seconds{60}}, clock);
  RecordingSleeper sleeper(&clock);
  FixedRandomSource random(0.5);
  RetryingHttpClient retrying(breaker,
                              {.max_attempts = 6,
                               .base_delay = milliseconds{100},
                               .max_delay = milliseconds{1000},
                               .max_total_delay = milliseconds{30'000}},
                              sleeper, random, clock);

  auto result = retrying.send(get(server.url()));

  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::kUnavailable);
  EXPECT_NE(result.error().message.find("circuit open for " + server.authority()),
            std::string::npos);
  EXPECT_EQ(server.hits.load(), 3);
  EXPECT_EQ(sleeper.waits().size(), 5u);
}

}  // namespace
}  // namespace stratus
