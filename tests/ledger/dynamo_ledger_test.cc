// The DynamoDB Ledger against dynalite (a local DynamoDB, started once per test binary on a free
// 127.0.0.1 port): the Ledger contract suite (each test on a fresh table), what only DynamoDB
// shows — the documented items, paginated queries, recovery from a reservation or an update
// interrupted between its two writes, error classes — and the cap race: 16 concurrent reservers,
// each with its own HTTP connection, on one month.
#include "adapters/dynamodb/dynamo_ledger.h"

#include <gtest/gtest.h>

#include <atomic>
#include <functional>
#include <map>
#include <mutex>
#include <set>
#include <sstream>
#include <thread>

#include "adapters/aws/aws_json_client.h"
#include "adapters/dynamodb/ledger_items.h"
#include "adapters/http/curl_http_client.h"
#include "adapters/http/random_source.h"
#include "adapters/http/sleeper.h"
#include "dynalite_test_connection.h"
#include "ledger_contract_test.h"

namespace stratus {
namespace {

using dynamodb::DynamoClient;
using dynamodb::DynamoLedger;
using dynamodb::DynamoLedgerOptions;
using dynamodb::Item;

using Connection = test::DynaliteConnection;

std::unique_ptr<Connection> make_client(HttpClient& http) {
  return std::make_unique<Connection>(http);
}

CurlHttpClient& shared_http() {
  static CurlHttpClient http;
  return http;
}

DynamoClient& shared_client() { return test::shared_dynalite_client(); }

std::unique_ptr<Ledger> make_dynamo_ledger() {
  DynamoLedgerOptions options;
  options.table = test::fresh_ledger_table("ledger");
  options.page_size = 3;  // Small pages, so every listing in the suite crosses pages.
  return std::make_unique<DynamoLedger>(shared_client(), options);
}

INSTANTIATE_TEST_SUITE_P(Dynamo, LedgerContractTest,
                         ::testing::Values(LedgerBackend{"Dynamo", make_dynamo_ledger}),
                         LedgerBackendName());

Money m(const char* text) { return *Money::parse(text); }
Timestamp t(const char* text) { return *parse_utc_timestamp(text); }

ReservationRequest request(const std::string& id, int desired, const char* session = "2015-08-24",
                           int cap = 4, const std::string& symbol = "MSFT") {
  ReservationRequest r;
  r.client_order_id = id;
  r.run_id = "run-1";
  r.symbol = symbol;
  r.session = *parse_date(session);
  r.month = format_month(r.session);
  r.desired = Quantity(desired);
  r.price = m("43.07");
  r.limits.monthly_shares = Quantity(cap);
  r.at = t("2015-08-24T19:45:00Z");
  return r;
}

OrderUpdate to(OrderState state, int filled = 0, std::optional<Money> avg = std::nullopt) {
  OrderUpdate u;
  u.state = state;
  u.broker_order_id = "paper-1";
  u.filled_qty = Quantity(filled);
  u.filled_avg_price = avg;
  u.at = t("2015-08-25T13:30:00Z");
  return u;
}

// An HttpClient that passes requests to `inner` until `matches` picks one. With `after_sending`
// that one is sent and its answer lost (Ambiguous, as a timeout would), and later requests pass
// again; otherwise the process "crashes" just before it: neither it nor any later request is
// sent (Unavailable).
class FaultyHttp : public HttpClient {
 public:
  FaultyHttp(HttpClient& inner, std::function<bool(const HttpRequest&)> matches, bool after_sending)
      : inner_(&inner), matches_(std::move(matches)), after_sending_(after_sending) {}

  Result<HttpResponse> send(const HttpRequest& request) override {
    if (!armed_ && !after_sending_) return Error::unavailable("injected: crashed before sending");
    if (!armed_ || !matches_(request)) return inner_->send(request);
    armed_ = false;
    if (!after_sending_) return Error::unavailable("injected: crashed before sending");
    auto answer = inner_->send(request);
    if (!answer.ok()) return answer;
    return Error::ambiguous("injected: answer lost after sending");
  }
  bool fired() const { return !armed_; }

 private:
  HttpClient* inner_;
  std::function<bool(const HttpRequest&)> matches_;
  bool after_sending_;
  bool armed_ = true;
};

bool is_op(const HttpRequest& r, const std::string& op) {
  for (const auto& [name, value] : r.headers) {
    if (name == "X-Amz-Target" && value == "DynamoDB_20120810." + op) return true;
  }
  return false;
}

class DynamoLedgerTest : public ::testing::Test {
 protected:
  DynamoLedgerTest() {
    options_.table = test::fresh_ledger_table("ledger");
    ledger_ = std::make_unique<DynamoLedger>(shared_client(), options_);
  }

  Item raw(const std::string& pk) {
    auto item = shared_client().get_item(options_.table, dynamodb::key_of(pk));
    EXPECT_TRUE(item.ok()) << item.error().to_string();
    return item.ok() && item->has_value() ? **item : Item();
  }

  Quantity shares_used(const std::string& symbol = "MSFT", const std::string& month = "2015-08") {
    auto usage = ledger_->usage(symbol, month);
    EXPECT_TRUE(usage.ok()) << usage.error().to_string();
    return usage.ok() ? usage->shares_used : Quantity(-1);
  }

  DynamoLedgerOptions options_;
  std::unique_ptr<DynamoLedger> ledger_;
};

TEST_F(DynamoLedgerTest, ItemsFollowTheDocumentedKeyDesign) {
  ASSERT_TRUE(ledger_->reserve(request("o1", 3)).ok());
  ASSERT_TRUE(ledger_->update("o1", to(OrderState::kSubmitted)).ok());

  const Item order = raw("ORDER#o1");
  ASSERT_TRUE(order.is_object()) << "no order item";
  EXPECT_EQ(order["GSI1PK"], dynamodb::s("SYMBOL#MSFT#MONTH#2015-08"));
  EXPECT_EQ(order["GSI1SK"], dynamodb::s("2015-08-24#o1"));
  EXPECT_EQ(order["GSI2PK"], dynamodb::s("ORDERS"));
  EXPECT_EQ(order["price"], dynamodb::n(430700));  // Whole 1/10,000-dollar units.
  EXPECT_EQ(order["notional"], dynamodb::n(1292100));
  EXPECT_EQ(order["state"], dynamodb::s("submitted"));
  EXPECT_EQ(order["ver"], dynamodb::n(2));

  const Item cap = raw("CAP#2015-08");
  ASSERT_TRUE(cap.is_object()) << "no cap item";
  const auto& entry = cap["res"]["M"]["o1"]["M"];
  EXPECT_EQ(entry["sym"], dynamodb::s("MSFT"));
  EXPECT_EQ(entry["shares"], dynamodb::n(3));
  EXPECT_EQ(entry["dollars"], dynamodb::n(1292100));
  EXPECT_EQ(entry["state"], dynamodb::s("submitted"));
  EXPECT_EQ(entry["ver"], dynamodb::n(2));
}

TEST_F(DynamoLedgerTest, EveryStateChangeIsRecordedOnceInTheHistory) {
  ASSERT_TRUE(ledger_->reserve(request("o1", 2)).ok());
  ASSERT_TRUE(ledger_->reserve(request("o1", 2)).ok());  // Already exists: no event.
  ASSERT_TRUE(ledger_->update("o1", to(OrderState::kSubmitted)).ok());
  ASSERT_TRUE(ledger_->update("o1", to(OrderState::kSubmitted)).ok());  // Pure repeat: no event.
  ASSERT_TRUE(ledger_->update("o1", to(OrderState::kFilled, 2, m("43.10"))).ok());
  ASSERT_FALSE(ledger_->update("o1", to(OrderState::kCanceled, 2, m("43.10"))).ok());

  const Item order = raw("ORDER#o1");
  const auto& events = order["events"]["L"];
  ASSERT_EQ(events.size(), 3u) << events.dump();
  EXPECT_FALSE(events[0]["M"].contains("from"));
  EXPECT_EQ(events[0]["M"]["to"], dynamodb::s("reserved"));
  EXPECT_EQ(events[0]["M"]["at"], dynamodb::s("2015-08-24T19:45:00Z"));
  EXPECT_NE(events[0]["M"]["details"]["S"].get<std::string>().find("\"price\":\"43.07\""),
            std::string::npos);
  EXPECT_EQ(events[1]["M"]["from"], dynamodb::s("reserved"));
  EXPECT_EQ(events[1]["M"]["to"], dynamodb::s("submitted"));
  EXPECT_EQ(events[2]["M"]["to"], dynamodb::s("filled"));
  EXPECT_NE(
      events[2]["M"]["details"]["S"].get<std::string>().find("\"filled_avg_price\":\"43.10\""),
      std::string::npos);
}

TEST_F(DynamoLedgerTest, ListingsFollowLastEvaluatedKeyAcrossPages) {
  options_.page_size = 1;
  DynamoLedger paged(shared_client(), options_);
  const std::vector<std::string> ids = {"e", "d", "c", "b", "a"};
  for (const auto& id : ids) {
    ASSERT_TRUE(paged.reserve(request(id, 1, "2015-08-24", 20)).ok());
  }
  ASSERT_TRUE(paged.reserve(request("x", 1, "2015-08-24", 20, "AAPL")).ok());
  OrderFilter msft_august;
  msft_august.symbol = "MSFT";
  msft_august.month = "2015-08";
  for (const OrderFilter& filter : {OrderFilter{}, msft_august}) {
    auto all = paged.orders(filter);
    ASSERT_TRUE(all.ok()) << all.error().to_string();
    std::vector<std::string> got;
    for (const auto& o : *all) got.push_back(o.client_order_id);
    if (filter.symbol) {
      EXPECT_EQ(got, (std::vector<std::string>{"a", "b", "c", "d", "e"}));
    } else {
      EXPECT_EQ(got, (std::vector<std::string>{"a", "b", "c", "d", "e", "x"}));
    }
  }
  // The client itself: one item per page, and the last page has no LastEvaluatedKey.
  dynamodb::QueryRequest query;
  query.table = options_.table;
  query.index = "GSI1";
  query.key_condition = "#pk = :pk";
  query.placeholders.names = {{"#pk", "GSI1PK"}};
  query.placeholders.values = {{":pk", dynamodb::s("SYMBOL#MSFT#MONTH#2015-08")}};
  query.limit = 2;
  auto first = shared_client().query(query);
  ASSERT_TRUE(first.ok()) << first.error().to_string();
  EXPECT_EQ(first->items.size(), 2u);
  EXPECT_FALSE(first->last_evaluated_key.is_null());
  auto everything = shared_client().query_all(query);
  ASSERT_TRUE(everything.ok());
  EXPECT_EQ(everything->size(), 5u);
}

TEST_F(DynamoLedgerTest, AReservationWhoseAnswerWasLostCompletesWhenRetried) {
  // The cap write reaches DynamoDB but its answer is lost: reserve() cannot know it counted.
  FaultyHttp faulty(
      shared_http(), [](const HttpRequest& r) { return is_op(r, "PutItem"); }, true);
  auto client = make_client(faulty);
  DynamoLedger ledger(client->client, options_);
  auto lost = ledger.reserve(request("o1", 3));
  ASSERT_TRUE(faulty.fired());
  ASSERT_FALSE(lost.ok());
  EXPECT_EQ(lost.error().code, ErrorCode::kAmbiguous);
  EXPECT_EQ(shares_used(), Quantity(3));  // Counted once, by the entry.

  auto retried = ledger.reserve(request("o1", 3));
  ASSERT_TRUE(retried.ok()) << retried.error().to_string();
  EXPECT_EQ(retried->kind, ReservationOutcome::Kind::kAlreadyExists);
  ASSERT_TRUE(retried->order.has_value());
  EXPECT_EQ(retried->order->qty, Quantity(3));
  EXPECT_EQ(shares_used(), Quantity(3));
  auto denied = ledger.reserve(request("o2", 2));
  ASSERT_TRUE(denied.ok());
  EXPECT_EQ(denied->order->qty, Quantity(1));  // Clipped: the lost one still counts.
}

TEST_F(DynamoLedgerTest, ACrashBetweenTheTwoReservationWritesIsRepairedByTheRetry) {
  // The cap entry is written, then the process dies before the order item.
  FaultyHttp faulty(
      shared_http(),
      [](const HttpRequest& r) {
        return is_op(r, "PutItem") && r.body.find("\"ORDER#o1\"") != std::string::npos;
      },
      false);
  auto client = make_client(faulty);
  DynamoLedger ledger(client->client, options_);
  ASSERT_TRUE(ledger.reserve(request("o0", 1)).ok());
  auto crashed = ledger.reserve(request("o1", 2));
  ASSERT_TRUE(faulty.fired());
  ASSERT_FALSE(crashed.ok());
  auto missing = ledger_->find("o1");
  ASSERT_TRUE(missing.ok());
  EXPECT_FALSE(missing->has_value());
  EXPECT_EQ(shares_used(), Quantity(3));

  auto retried = ledger_->reserve(request("o1", 2));
  ASSERT_TRUE(retried.ok()) << retried.error().to_string();
  EXPECT_EQ(retried->kind, ReservationOutcome::Kind::kAlreadyExists);
  EXPECT_EQ(retried->order->state, OrderState::kReserved);
  EXPECT_EQ(retried->order->limit_price, m("43.07"));
  EXPECT_EQ(retried->order->created_at, t("2015-08-24T19:45:00Z"));
  const Item order = raw("ORDER#o1");
  const auto& events = order["events"]["L"];
  ASSERT_EQ(events.size(), 1u) << events.dump();
  EXPECT_NE(events[0]["M"]["details"]["S"].get<std::string>().find("\"recovered\":true"),
            std::string::npos);
  auto found = ledger_->find("o1");
  ASSERT_TRUE(found.ok() && found->has_value());
  EXPECT_EQ((*found)->qty, Quantity(2));
  EXPECT_EQ(shares_used(), Quantity(3));
  ASSERT_TRUE(ledger_->update("o1", to(OrderState::kSubmitted)).ok());
}

TEST_F(DynamoLedgerTest, AReleaseInterruptedBeforeTheCapWriteCompletesWhenRepeated) {
  ASSERT_TRUE(ledger_->reserve(request("o1", 4)).ok());
  ASSERT_TRUE(ledger_->update("o1", to(OrderState::kSubmitted)).ok());
  FaultyHttp faulty(
      shared_http(), [](const HttpRequest& r) { return is_op(r, "UpdateItem"); }, false);
  auto client = make_client(faulty);
  DynamoLedger ledger(client->client, options_);
  auto rejected = ledger.update("o1", to(OrderState::kRejected));
  ASSERT_TRUE(faulty.fired());
  ASSERT_FALSE(rejected.ok());
  EXPECT_EQ(rejected.error().code, ErrorCode::kUnavailable);
  EXPECT_EQ(shares_used(), Quantity(4));  // Still counted: conservative, never over the cap.

  auto repeated = ledger_->update("o1", to(OrderState::kRejected));
  ASSERT_TRUE(repeated.ok()) << repeated.error().to_string();
  EXPECT_EQ(repeated->state, OrderState::kRejected);
  EXPECT_EQ(shares_used(), Quantity(0));
}

TEST_F(DynamoLedgerTest, AnIdUsedInAnotherMonthIsAConflict) {
  ASSERT_TRUE(ledger_->reserve(request("o1", 1, "2015-08-31")).ok());
  auto other = ledger_->reserve(request("o1", 1, "2015-09-01"));
  ASSERT_FALSE(other.ok());
  EXPECT_EQ(other.error().code, ErrorCode::kConflict);
  EXPECT_NE(other.error().message.find("2015-08-31"), std::string::npos) << other.error().message;
  EXPECT_EQ(shares_used("MSFT", "2015-09"), Quantity(0));
}

TEST(DynamoClientErrors, AnswersMapToStratusErrorClasses) {
  DynamoClient& client = shared_client();
  auto missing_table = client.get_item("no-such-table", dynamodb::key_of("x"));
  ASSERT_FALSE(missing_table.ok());
  EXPECT_EQ(missing_table.error().code, ErrorCode::kNotFound);
  EXPECT_NE(missing_table.error().message.find("ResourceNotFoundException"), std::string::npos);

  const std::string table = test::fresh_ledger_table("ledger");
  dynamodb::PutItemRequest put{table, dynamodb::key_of("k"), "attribute_not_exists(#pk)", {}};
  put.placeholders.names = {{"#pk", "PK"}};
  ASSERT_TRUE(client.put_item(put).ok());
  auto again = client.put_item(put);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, ErrorCode::kConflict);
  EXPECT_NE(again.error().message.find("ConditionalCheckFailedException"), std::string::npos);

  auto exists = DynamoLedger::create_table(client, table);
  ASSERT_FALSE(exists.ok());
  EXPECT_EQ(exists.error().code, ErrorCode::kConflict);

  dynamodb::PutItemRequest bad{table, Item{{"other", dynamodb::s("x")}}, "", {}};
  auto invalid = client.put_item(bad);
  ASSERT_FALSE(invalid.ok());
  EXPECT_EQ(invalid.error().code, ErrorCode::kInvalidInput);
}

// The race: 16 reservers start together on one month of one table, each through its own
// HttpClient (its own connection). Even steps reuse ids every reserver shares; odd steps use
// ids of one reserver only. The cap must hold, no id may be reserved twice, every reserver must
// finish cleanly, and the cap item and the order items must agree.
constexpr int kReservers = 16;
constexpr int kReservationsEach = 6;
constexpr int kCap = 4;

TEST(DynamoLedgerRace, SixteenConcurrentReserversNeverExceedTheCap) {
  const int rounds = std::getenv("STRATUS_SOAK") != nullptr ? 50 : 5;
  for (int round = 0; round < rounds; ++round) {
    SCOPED_TRACE("round " + std::to_string(round));
    DynamoLedgerOptions options;
    options.table = test::fresh_ledger_table("ledger");

    std::mutex mutex;
    std::vector<std::string> lines;
    std::vector<std::string> failures;
    std::atomic<int> ready{0};
    std::atomic<bool> go{false};
    std::vector<std::thread> threads;
    for (int i = 0; i < kReservers; ++i) {
      threads.emplace_back([&, i] {
        CurlHttpClient http;
        auto client = make_client(http);
        DynamoLedger ledger(client->client, options);
        ++ready;
        while (!go) std::this_thread::yield();
        for (int k = 0; k < kReservationsEach; ++k) {
          const std::string id = (k % 2 == 0)
                                     ? "shared-" + std::to_string(k / 2)
                                     : "own-" + std::to_string(i) + "-" + std::to_string(k);
          auto out = ledger.reserve(request(id, 1 + (i + k) % 2, "2015-08-24", kCap));
          std::lock_guard<std::mutex> lock(mutex);
          if (!out.ok()) {
            failures.push_back(id + ": " + out.error().to_string());
            continue;
          }
          switch (out->kind) {
            case ReservationOutcome::Kind::kReserved:
              lines.push_back("R " + id + " " + out->order->qty.to_string());
              break;
            case ReservationOutcome::Kind::kAlreadyExists:
              lines.push_back("E " + id + " " + out->order->qty.to_string());
              break;
            case ReservationOutcome::Kind::kDenied:
              lines.push_back("D " + id + " 0");
              break;
          }
        }
      });
    }
    while (ready < kReservers) std::this_thread::yield();
    go = true;
    for (auto& thread : threads) thread.join();

    EXPECT_TRUE(failures.empty()) << ::testing::PrintToString(failures);
    EXPECT_EQ(lines.size(), static_cast<std::size_t>(kReservers * kReservationsEach));
    std::map<std::string, int> reserved;
    std::vector<std::pair<std::string, int>> existing;
    for (const auto& line : lines) {
      std::istringstream in(line);
      std::string kind, id;
      int qty = 0;
      in >> kind >> id >> qty;
      if (kind == "R") {
        EXPECT_EQ(reserved.count(id), 0u) << id << " was reserved twice";
        reserved[id] = qty;
      } else if (kind == "E") {
        existing.emplace_back(id, qty);
      }
    }

    DynamoLedger ledger(shared_client(), options);
    auto usage = ledger.usage("MSFT", "2015-08");
    ASSERT_TRUE(usage.ok()) << usage.error().to_string();
    EXPECT_EQ(usage->shares_used.shares(), kCap) << "demand far exceeds the cap; it should fill";
    auto orders = ledger.orders({});
    ASSERT_TRUE(orders.ok()) << orders.error().to_string();
    std::set<std::string> ids;
    std::int64_t total = 0;
    for (const auto& order : *orders) {
      EXPECT_TRUE(ids.insert(order.client_order_id).second) << order.client_order_id;
      total += order.qty.shares();
      ASSERT_EQ(reserved.count(order.client_order_id), 1u) << order.client_order_id;
      EXPECT_EQ(reserved[order.client_order_id], order.qty.shares());
    }
    EXPECT_EQ(total, usage->shares_used.shares());
    EXPECT_EQ(orders->size(), reserved.size());
    for (const auto& [id, qty] : existing) {
      ASSERT_EQ(reserved.count(id), 1u) << id << " existed but was never reserved";
      EXPECT_EQ(reserved[id], qty);
    }
    // The cap item holds exactly the orders that exist.
    auto cap = shared_client().get_item(options.table, dynamodb::key_of("CAP#2015-08"));
    ASSERT_TRUE(cap.ok() && cap->has_value());
    std::set<std::string> entries;
    for (const auto& [id, entry] : (**cap)["res"]["M"].items()) entries.insert(id);
    EXPECT_EQ(entries, ids);
    if (::testing::Test::HasFatalFailure()) return;
  }
}

// The month's total budget spans symbols, so it lives in the same cap item: 16 reservers, each
// buying its own symbol, share one $500 budget and must never spend more than it together.
TEST(DynamoLedgerRace, SixteenSymbolsNeverExceedTheTotalBudgetTogether) {
  DynamoLedgerOptions options;
  options.table = test::fresh_ledger_table("ledger");
  const Money budget = m("500");
  std::atomic<int> ready{0};
  std::atomic<bool> go{false};
  std::mutex mutex;
  std::vector<std::string> failures;
  Money granted;
  std::vector<std::thread> threads;
  for (int i = 0; i < kReservers; ++i) {
    threads.emplace_back([&, i] {
      CurlHttpClient http;
      auto client = make_client(http);
      DynamoLedger ledger(client->client, options);
      ++ready;
      while (!go) std::this_thread::yield();
      for (int k = 0; k < 3; ++k) {
        ReservationRequest r = request("s" + std::to_string(i) + "-" + std::to_string(k), 2,
                                       "2015-08-24", 100, "SYM" + std::to_string(i));
        r.price = m("43.07");
        r.limits.total_budget = budget;
        auto out = ledger.reserve(r);
        std::lock_guard<std::mutex> lock(mutex);
        if (!out.ok()) {
          failures.push_back(out.error().to_string());
        } else if (out->kind == ReservationOutcome::Kind::kReserved) {
          granted += out->order->notional;
        }
      }
    });
  }
  while (ready < kReservers) std::this_thread::yield();
  go = true;
  for (auto& thread : threads) thread.join();

  EXPECT_TRUE(failures.empty()) << ::testing::PrintToString(failures);
  EXPECT_LE(granted, budget) << granted.to_string();
  EXPECT_GT(granted, budget - m("43.07"))
      << granted.to_string() << ": demand far exceeds the budget; it should fill";
  DynamoLedger ledger(shared_client(), options);
  auto usage = ledger.usage("SYM0", "2015-08");
  ASSERT_TRUE(usage.ok()) << usage.error().to_string();
  EXPECT_EQ(usage->total_spent, granted)
      << usage->total_spent.to_string() << " counted, " << granted.to_string() << " granted";
}

}  // namespace
}  // namespace stratus
