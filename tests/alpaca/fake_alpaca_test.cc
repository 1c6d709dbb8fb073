// The fake Alpaca itself, checked over HTTP with an independent client (cpp-httplib's): auth,
// field validation, client_order_id uniqueness, order lifecycle, account and positions, rate
// limiting and every injected fault. The broker tests rely on this behaviour.
#include "fakes/alpaca/fake_alpaca.h"

#include <gtest/gtest.h>
#include <httplib.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

namespace stratus::fakes {
namespace {

using Json = nlohmann::json;

class FakeAlpacaTest : public ::testing::Test {
 protected:
  void SetUp() override {
    fake.brokerage().set_price("AAPL", Money::from_dollars(100));
    fake.brokerage().set_price("MSFT", Money::parse("43.07").value());
    ASSERT_TRUE(fake.start().ok());
    client = std::make_unique<httplib::Client>("127.0.0.1", fake.port());
    client->set_read_timeout(2, 0);
    client->set_default_headers(
        {{"APCA-API-KEY-ID", "fake-key-id"}, {"APCA-API-SECRET-KEY", "fake-secret-key"}});
  }
  void TearDown() override {
    client.reset();  // Hang up first, so the server does not wait on a kept-alive connection.
    fake.stop();
  }

  httplib::Result post_order(const Json& body) {
    return client->Post("/v2/orders", body.dump(), "application/json");
  }
  static Json order(const char* id, const char* qty = "2", const char* symbol = "AAPL") {
    return {{"symbol", symbol},       {"qty", qty},           {"side", "buy"}, {"type", "market"},
            {"time_in_force", "day"}, {"client_order_id", id}};
  }
  static Json body_of(const httplib::Result& r) { return Json::parse(r->body); }

  static FakeAlpacaOptions with_admin() {
    FakeAlpacaOptions options;
    options.admin_endpoints = true;
    return options;
  }

  FakeAlpaca fake{with_admin()};
  std::unique_ptr<httplib::Client> client;
};

TEST_F(FakeAlpacaTest, RequiresBothKeys) {
  httplib::Client anonymous("127.0.0.1", fake.port());
  auto r = anonymous.Get("/v2/account");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 401);
  EXPECT_EQ(body_of(r), Json::parse(R"({"code":40110000,"message":"request is not authorized"})"));
  anonymous.set_default_headers(
      {{"APCA-API-KEY-ID", "fake-key-id"}, {"APCA-API-SECRET-KEY", "wrong"}});
  EXPECT_EQ(anonymous.Get("/v2/orders")->status, 401);
  EXPECT_EQ(fake.requests().count_of(kGetAccount), 1);
}

TEST_F(FakeAlpacaTest, AcceptsAnOrderWithEverySpecField) {
  auto r = post_order(order("c-1"));
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body;
  const Json o = body_of(r);
  for (const char* field : {"id",
                            "client_order_id",
                            "created_at",
                            "updated_at",
                            "submitted_at",
                            "filled_at",
                            "expired_at",
                            "canceled_at",
                            "failed_at",
                            "replaced_at",
                            "replaced_by",
                            "replaces",
                            "asset_id",
                            "symbol",
                            "asset_class",
                            "notional",
                            "qty",
                            "filled_qty",
                            "filled_avg_price",
                            "order_class",
                            "order_type",
                            "type",
                            "side",
                            "time_in_force",
                            "limit_price",
                            "stop_price",
                            "status",
                            "extended_hours",
                            "legs",
                            "trail_percent",
                            "trail_price",
                            "hwm",
                            "position_intent"}) {
    EXPECT_TRUE(o.contains(field)) << field;
  }
  EXPECT_EQ(o["client_order_id"], "c-1");
  EXPECT_EQ(o["qty"], "2");
  EXPECT_EQ(o["filled_qty"], "0");
  EXPECT_EQ(o["status"], "new");
  EXPECT_TRUE(o["filled_avg_price"].is_null());
  EXPECT_EQ(o["id"].get<std::string>().size(), 36u);
  EXPECT_EQ(r->get_header_value("X-RateLimit-Limit"), "200");
  EXPECT_EQ(r->get_header_value("X-RateLimit-Remaining"), "199");

  fake.brokerage().set_market_open(false);
  EXPECT_EQ(body_of(post_order(order("c-2")))["status"], "accepted");
}

TEST_F(FakeAlpacaTest, ValidatesEveryField) {
  struct Case {
    Json patch;
    int status;
    const char* message;
  };
  const std::vector<Case> cases = {
      {{{"symbol", nullptr}}, 422, "symbol is required"},
      {{{"qty", 2}}, 422, "qty must be a string"},
      {{{"qty", "-1"}}, 422, "invalid qty \"-1\""},
      {{{"qty", nullptr}}, 422, "qty or notional is required"},
      {{{"notional", "100"}}, 422, "qty and notional cannot both be set"},
      {{{"side", "hold"}}, 422, "invalid side \"hold\""},
      {{{"type", "magic"}}, 422, "invalid type \"magic\""},
      {{{"type", nullptr}}, 422, "type is required"},
      {{{"time_in_force", "week"}}, 422, "invalid time_in_force \"week\""},
      {{{"type", "limit"}}, 422, "limit_price is required for limit orders"},
      {{{"type", "limit"}, {"limit_price", "99.999"}}, 422, "sub-penny increment"},
      {{{"client_order_id", std::string(129, 'x')}},
       422,
       "client_order_id must be no more than 128 characters"},
      {{{"qty", "0.5"}, {"type", "limit"}, {"limit_price", "99"}},
       422,
       "fractional and notional orders must be market orders"},
      {{{"symbol", "ZZZZ"}}, 422, "asset \"ZZZZ\" not found"},
      {{{"extended_hours", "yes"}}, 422, "extended_hours must be a boolean"},
  };
  for (const Case& c : cases) {
    Json body = order("v");
    body.merge_patch(c.patch);
    if (c.patch.contains("qty") && c.patch["qty"].is_null()) body.erase("qty");
    auto r = post_order(body);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, c.status) << c.patch.dump();
    const Json error = body_of(r);
    EXPECT_NE(error["message"].get<std::string>().find(c.message), std::string::npos)
        << c.patch.dump() << " -> " << r->body;
    EXPECT_TRUE(error["code"].is_number());
  }
  EXPECT_EQ(client->Post("/v2/orders", "not json", "application/json")->status, 400);
  EXPECT_TRUE(fake.orders().empty());
  // Valid variants: a limit order in whole cents, a client_order_id of exactly 128, none at all.
  Json limit = order("l-1");
  limit.merge_patch({{"type", "limit"}, {"limit_price", "99.50"}});
  EXPECT_EQ(post_order(limit)->status, 200);
  EXPECT_EQ(post_order(order(std::string(128, 'y').c_str()))->status, 200);
  Json anonymous = order("");
  anonymous.erase("client_order_id");
  auto generated = post_order(anonymous);
  EXPECT_EQ(body_of(generated)["client_order_id"].get<std::string>().size(), 36u);
}

TEST_F(FakeAlpacaTest, ClientOrderIdsAreUniqueForever) {
  ASSERT_EQ(post_order(order("dup"))->status, 200);
  auto again = post_order(order("dup"));
  EXPECT_EQ(again->status, 422);
  EXPECT_EQ(body_of(again),
            Json::parse(R"({"code":40010001,"message":"client_order_id must be unique"})"));
  const std::string id = fake.orders()[0].id;
  EXPECT_EQ(client->Delete("/v2/orders/" + id)->status, 204);
  EXPECT_EQ(post_order(order("dup"))->status, 422);  // Canceled ids still count.
  EXPECT_EQ(fake.orders().size(), 1u);
}

TEST_F(FakeAlpacaTest, ConcurrentCopiesOfAnOrderPlaceItOnce) {
  std::atomic<int> accepted{0};
  std::atomic<int> duplicates{0};
  std::vector<std::thread> threads;
  // Five at once: cpp-httplib listens with a backlog of 5; more would wait for a SYN resend.
  for (int i = 0; i < 5; ++i) {
    threads.emplace_back([&] {
      httplib::Client c("127.0.0.1", fake.port());
      c.set_default_headers(
          {{"APCA-API-KEY-ID", "fake-key-id"}, {"APCA-API-SECRET-KEY", "fake-secret-key"}});
      auto r = c.Post("/v2/orders", order("race").dump(), "application/json");
      if (r && r->status == 200) ++accepted;
      if (r && r->status == 422) ++duplicates;
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(accepted, 1);
  EXPECT_EQ(duplicates, 4);
  EXPECT_EQ(fake.orders().size(), 1u);
  EXPECT_EQ(fake.requests().count_of(kPostOrders), 5);
}

TEST_F(FakeAlpacaTest, RefusesWhatTheAccountCannotPay) {
  FakeAccountSettings account;
  account.cash = Money::from_dollars(250);
  fake.brokerage().set_account(account);
  EXPECT_EQ(post_order(order("a", "2"))->status, 200);  // 200 of 250 held.
  auto r = post_order(order("b", "1"));
  EXPECT_EQ(r->status, 403);
  EXPECT_EQ(body_of(r), Json::parse(R"({"code":40310000,"message":"insufficient buying power"})"));
  EXPECT_EQ(body_of(client->Get("/v2/account"))["buying_power"], "50.00");
  // With the uniqueness check last, a resent order is refused for buying power instead.
  fake.brokerage().set_uniqueness_checked_last(true);
  EXPECT_EQ(post_order(order("a", "2"))->status, 403);
  account.trading_blocked = true;
  fake.brokerage().set_account(account);
  EXPECT_EQ(post_order(order("c", "0.001"))->status, 403);
}

TEST_F(FakeAlpacaTest, LooksOrdersUpByIdAndClientOrderId) {
  const Json placed = body_of(post_order(order("find-me")));
  auto by_client = client->Get("/v2/orders:by_client_order_id?client_order_id=find-me");
  ASSERT_EQ(by_client->status, 200);
  EXPECT_EQ(body_of(by_client)["id"], placed["id"]);
  auto by_id = client->Get("/v2/orders/" + placed["id"].get<std::string>());
  EXPECT_EQ(body_of(by_id)["client_order_id"], "find-me");
  auto missing = client->Get("/v2/orders:by_client_order_id?client_order_id=nope");
  EXPECT_EQ(missing->status, 404);
  EXPECT_EQ(body_of(missing), Json::parse(R"({"code":40410000,"message":"order not found"})"));
  EXPECT_EQ(client->Get("/v2/orders/00000000-0000-4000-8000-000000000000")->status, 404);
  EXPECT_EQ(client->Get("/v2/unknown")->status, 404);
  EXPECT_EQ(fake.requests().count_of(kGetOrderByClientId), 2);
  EXPECT_EQ(fake.requests().count_of(kGetOrder), 2);
  EXPECT_EQ(fake.requests().count_of(kOtherEndpoint), 1);
}

TEST_F(FakeAlpacaTest, ListsOrdersByStatusLimitAndDirection) {
  for (const char* id : {"o1", "o2", "o3"}) ASSERT_EQ(post_order(order(id))->status, 200);
  ASSERT_TRUE(
      fake.brokerage().fill(fake.orders()[0].id, FillSpec::all_at(Money::from_dollars(100))).ok());
  auto ids = [&](const std::string& query) {
    std::vector<std::string> out;
    for (const Json& o : body_of(client->Get("/v2/orders" + query))) {
      out.push_back(o["client_order_id"]);
    }
    return out;
  };
  EXPECT_EQ(ids(""), (std::vector<std::string>{"o3", "o2"}));  // open, newest first
  EXPECT_EQ(ids("?status=closed"), (std::vector<std::string>{"o1"}));
  EXPECT_EQ(ids("?status=all&direction=asc"), (std::vector<std::string>{"o1", "o2", "o3"}));
  EXPECT_EQ(ids("?status=all&limit=1"), (std::vector<std::string>{"o3"}));
  EXPECT_EQ(ids("?status=all&symbols=MSFT"), std::vector<std::string>{});
  EXPECT_EQ(client->Get("/v2/orders?status=sideways")->status, 422);
  EXPECT_EQ(client->Get("/v2/orders?limit=zero")->status, 422);
}

TEST_F(FakeAlpacaTest, CancelsOnlyOpenOrders) {
  const std::string id = body_of(post_order(order("x")))["id"];
  EXPECT_EQ(client->Delete("/v2/orders/" + id)->status, 204);
  EXPECT_EQ(fake.orders()[0].status, "canceled");
  EXPECT_TRUE(fake.orders()[0].canceled_at);
  auto again = client->Delete("/v2/orders/" + id);
  EXPECT_EQ(again->status, 422);
  EXPECT_EQ(body_of(again)["message"], "order is already in \"canceled\" state");
  EXPECT_EQ(client->Delete("/v2/orders/nope")->status, 404);
}

TEST_F(FakeAlpacaTest, FillsMovePositionsCashAndBuyingPower) {
  fake.brokerage().set_time(FakeTime(std::chrono::sys_days{std::chrono::year{2015} / 8 / 24}) +
                            std::chrono::hours{19} + std::chrono::minutes{45});
  const std::string id = body_of(post_order(order("f", "3")))["id"];
  auto partial = fake.brokerage().fill(id, FillSpec::shares_at(1, Money::parse("99.50").value()));
  ASSERT_TRUE(partial.ok()) << partial.error().to_string();
  Json o = body_of(client->Get("/v2/orders/" + id));
  EXPECT_EQ(o["status"], "partially_filled");
  EXPECT_EQ(o["filled_qty"], "1");
  EXPECT_EQ(o["filled_avg_price"], "99.50");
  EXPECT_TRUE(o["filled_at"].is_null());
  const FakeTime later = fake.brokerage().now() + std::chrono::milliseconds(1500);
  ASSERT_TRUE(
      fake.brokerage().fill(id, FillSpec::all_at(Money::parse("100.25").value()).when(later)).ok());
  o = body_of(client->Get("/v2/orders/" + id));
  EXPECT_EQ(o["status"], "filled");
  EXPECT_EQ(o["filled_qty"], "3");
  EXPECT_EQ(o["filled_avg_price"], "100.00");  // (99.50 + 2 * 100.25) / 3
  EXPECT_EQ(o["filled_at"], "2015-08-24T19:45:01.5Z");
  EXPECT_FALSE(fake.brokerage().fill(id, FillSpec::all_at(Money::from_dollars(1))).ok());

  const Json positions = body_of(client->Get("/v2/positions"));
  ASSERT_EQ(positions.size(), 1u);
  EXPECT_EQ(positions[0]["symbol"], "AAPL");
  EXPECT_EQ(positions[0]["qty"], "3");
  EXPECT_EQ(positions[0]["cost_basis"], "300.00");
  EXPECT_EQ(positions[0]["market_value"], "300.00");
  const Json account = body_of(client->Get("/v2/account"));
  EXPECT_EQ(account["cash"], "99700.00");
  EXPECT_EQ(account["buying_power"], "99700.00");
  EXPECT_EQ(account["status"], "ACTIVE");
  EXPECT_EQ(account["trading_blocked"], false);
}

TEST_F(FakeAlpacaTest, OrdersEndAsTheTestSays) {
  const std::string id = body_of(post_order(order("e")))["id"];
  ASSERT_TRUE(fake.brokerage().set_status(id, "expired").ok());
  const Json o = body_of(client->Get("/v2/orders/" + id));
  EXPECT_EQ(o["status"], "expired");
  EXPECT_FALSE(o["expired_at"].is_null());
  EXPECT_FALSE(fake.brokerage().set_status(id, "new").ok());
  EXPECT_FALSE(fake.brokerage().set_status("nope", "canceled").ok());
}

TEST_F(FakeAlpacaTest, RateLimitAnswers429WithTheHeaders) {
  fake.rate_limiter().configure(2, std::chrono::milliseconds(1000));
  EXPECT_EQ(client->Get("/v2/account")->status, 200);
  auto second = client->Get("/v2/account");
  EXPECT_EQ(second->get_header_value("X-RateLimit-Remaining"), "0");
  auto limited = client->Get("/v2/account");
  EXPECT_EQ(limited->status, 429);
  EXPECT_EQ(limited->get_header_value("X-RateLimit-Limit"), "2");
  EXPECT_EQ(limited->get_header_value("X-RateLimit-Remaining"), "0");
  const long long reset = std::stoll(limited->get_header_value("X-RateLimit-Reset"));
  const long long now = std::chrono::duration_cast<std::chrono::seconds>(
                            std::chrono::system_clock::now().time_since_epoch())
                            .count();
  EXPECT_GE(reset, now);
  EXPECT_LE(reset, now + 2);
  std::this_thread::sleep_until(std::chrono::system_clock::time_point(std::chrono::seconds(reset)));
  EXPECT_EQ(client->Get("/v2/account")->status, 200);
}

TEST_F(FakeAlpacaTest, InjectedFailuresHaveNoEffect) {
  fake.faults().fail_next(2, 503, kPostOrders);
  auto first = post_order(order("f1"));
  EXPECT_EQ(first->status, 503);
  EXPECT_NE(first->body.find("<html>"), std::string::npos);
  EXPECT_EQ(post_order(order("f1"))->status, 503);
  EXPECT_EQ(client->Get("/v2/account")->status, 200);  // Other endpoints are unaffected.
  EXPECT_EQ(post_order(order("f1"))->status, 200);
  EXPECT_EQ(fake.orders().size(), 1u);

  fake.faults().fail_next(1, 429);
  auto limited = client->Get("/v2/account");
  EXPECT_EQ(limited->status, 429);
  EXPECT_EQ(limited->get_header_value("X-RateLimit-Remaining"), "0");
  fake.faults().fail_next(1, 500);
  EXPECT_EQ(body_of(client->Get("/v2/account"))["code"], 50010000);
  EXPECT_EQ(fake.requests().count_of(kPostOrders), 3);
  EXPECT_EQ(fake.faults().injected(), 4);
}

TEST_F(FakeAlpacaTest, AFractionOfFailuresIsReproducibleForASeed) {
  auto pattern = [&] {
    fake.faults().fail_fraction(0.3, 42, {429, 503});
    std::string out;
    for (int i = 0; i < 40; ++i) out += std::to_string(client->Get("/v2/positions")->status) + " ";
    return out;
  };
  const std::string a = pattern();
  EXPECT_EQ(a, pattern());
  EXPECT_NE(a.find("429"), std::string::npos);
  EXPECT_NE(a.find("503"), std::string::npos);
  EXPECT_NE(a.find("200"), std::string::npos);
}

TEST_F(FakeAlpacaTest, LatencyDelaysAnswers) {
  fake.faults().set_latency(std::chrono::milliseconds(300), kGetAccount);
  const auto start = std::chrono::steady_clock::now();
  EXPECT_EQ(client->Get("/v2/account")->status, 200);
  EXPECT_GE(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(300));
  client->set_read_timeout(0, 100'000);
  EXPECT_FALSE(client->Get("/v2/account"));  // Past the client's timeout.
}

TEST_F(FakeAlpacaTest, ADroppedConnectionAfterAcceptingKeepsTheOrder) {
  fake.faults().after_accept(1, AcceptFault::drop());
  auto dropped = post_order(order("d1"));
  EXPECT_FALSE(dropped);                // No answer at all...
  ASSERT_EQ(fake.orders().size(), 1u);  // ...but the order is there.
  EXPECT_EQ(fake.orders()[0].client_order_id, "d1");

  fake.faults().after_accept(1, AcceptFault::cut());
  EXPECT_FALSE(post_order(order("d2")));
  fake.faults().after_accept(1, AcceptFault::answer(504));
  EXPECT_EQ(post_order(order("d3"))->status, 504);
  fake.faults().after_accept(1, AcceptFault::late(std::chrono::milliseconds(400)));
  client->set_read_timeout(0, 150'000);
  EXPECT_FALSE(post_order(order("d4")));
  EXPECT_EQ(fake.orders().size(), 4u);
  client->set_read_timeout(2, 0);
  EXPECT_EQ(post_order(order("d5"))->status, 200);  // Faults are used up.
}

TEST_F(FakeAlpacaTest, AdminEndpointsDriveTheStandaloneServer) {
  httplib::Client admin("127.0.0.1", fake.port());
  auto post = [&](const char* path, const Json& body) {
    return admin.Post(path, body.dump(), "application/json");
  };
  EXPECT_EQ(post("/_admin/prices", {{"TSLA", "250.00"}})->status, 200);
  EXPECT_EQ(post("/_admin/clock", {{"now", "2015-08-24T19:45:00Z"}})->status, 200);
  ASSERT_EQ(post_order(order("adm", "1", "TSLA"))->status, 200);
  auto filled = post("/_admin/fill", {{"client_order_id", "adm"}, {"price", "251.00"}});
  ASSERT_EQ(filled->status, 200) << filled->body;
  EXPECT_EQ(body_of(filled)["status"], "filled");
  EXPECT_EQ(body_of(filled)["filled_at"], "2015-08-24T19:45:00Z");
  EXPECT_EQ(post("/_admin/fill", {{"client_order_id", "adm"}, {"price", "1"}})->status, 400);
  EXPECT_EQ(post("/_admin/faults", {{"fail_next", {{"count", 1}, {"status", 502}}}})->status, 200);
  EXPECT_EQ(client->Get("/v2/account")->status, 502);
  EXPECT_EQ(post("/_admin/faults", {{"after_accept", {{"action", "drop"}}}})->status, 200);
  EXPECT_FALSE(post_order(order("adm2", "1", "TSLA")));
  EXPECT_EQ(post("/_admin/account", {{"trading_blocked", true}})->status, 200);
  EXPECT_EQ(body_of(client->Get("/v2/account"))["trading_blocked"], true);
  const Json counts = body_of(admin.Get("/_admin/requests"));
  EXPECT_EQ(counts["by_endpoint"][kPostOrders], 2);
  EXPECT_EQ(body_of(admin.Get("/_admin/orders")).size(), 2u);
  EXPECT_EQ(post("/_admin/faults", {{"after_accept", {{"action", "explode"}}}})->status, 400);
}

TEST(FakeAlpacaServer, PrintsItsPortAndServesUntilKilled) {
  int out[2];
  ASSERT_EQ(::pipe(out), 0);
  const pid_t pid = ::fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    ::dup2(out[1], STDOUT_FILENO);
    ::close(out[0]);
    ::execl(ALPACA_FAKE_SERVER, ALPACA_FAKE_SERVER, "--price", "AAPL=100", "--key-id", "k",
            "--secret-key", "s", nullptr);
    ::_exit(127);
  }
  ::close(out[1]);
  std::string line;
  char c = 0;
  while (::read(out[0], &c, 1) == 1 && c != '\n') line += c;
  ::close(out[0]);
  ASSERT_FALSE(line.empty());
  httplib::Client client("127.0.0.1", std::stoi(line));
  client.set_default_headers({{"APCA-API-KEY-ID", "k"}, {"APCA-API-SECRET-KEY", "s"}});
  auto r = client.Post("/v2/orders",
                       R"({"symbol":"AAPL","qty":"1","side":"buy","type":"market",
                           "time_in_force":"day","client_order_id":"p-1"})",
                       "application/json");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  ::kill(pid, SIGTERM);
  int status = 0;
  ASSERT_EQ(::waitpid(pid, &status, 0), pid);
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
}

}  // namespace
}  // namespace stratus::fakes
