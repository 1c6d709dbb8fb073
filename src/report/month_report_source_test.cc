// Gathering a report's input through the ports: a real SQLite ledger holding the fixture's
// orders (written through reserve and update, so the ledger computes notionals and counts) and
// in-memory bars. The report built from it must equal the one built from the fixture's values.
#include "report/month_report_source.h"

#include <gtest/gtest.h>

#include "adapters/clock/settable_clock.h"
#include "adapters/sim/csv_market_data.h"
#include "adapters/sqlite/sqlite_ledger.h"
#include "adapters/sqlite/test_temp_dir.h"
#include "report/month_report_json.h"
#include "report/report_test_fixture.h"

namespace stratus::report {
namespace {

using testing::august_2015;
using testing::d;

// Writes `o` through the Ledger port: a reservation at its reference price, then the updates
// that bring it to its state and fills.
void write(Ledger& ledger, const OrderRecord& o) {
  ReservationRequest r;
  r.client_order_id = o.client_order_id;
  r.run_id = o.run_id;
  r.symbol = o.symbol;
  r.month = o.month;
  r.session = o.session;
  r.desired = o.qty;
  r.price = o.limit_price;
  r.limits.monthly_shares = Quantity(100);
  r.at = Timestamp{o.session} + std::chrono::hours{19};
  auto reserved = ledger.reserve(r);
  ASSERT_TRUE(reserved.ok()) << reserved.error().to_string();
  ASSERT_EQ(reserved->kind, ReservationOutcome::Kind::kReserved);
  auto step = [&](OrderState state, bool with_fill) {
    OrderUpdate u;
    u.state = state;
    u.broker_order_id = "b-" + o.client_order_id;
    u.reason = o.reason;
    u.at = r.at + std::chrono::hours{1};
    if (with_fill) {
      u.filled_qty = o.filled_qty;
      u.filled_avg_price = o.filled_avg_price;
      u.filled_at = o.filled_at;
      u.commission = o.commission;
    }
    auto updated = ledger.update(o.client_order_id, u);
    ASSERT_TRUE(updated.ok()) << updated.error().to_string();
  };
  switch (o.state) {
    case OrderState::kReserved:
      return;
    case OrderState::kRejected:
      return step(OrderState::kRejected, false);
    default:
      step(OrderState::kSubmitted, false);
      step(o.state, true);
  }
}

struct World {
  TestTempDir dir{"report"};
  SettableClock clock{Timestamp{d("2015-10-01")}};
  std::unique_ptr<SqliteLedger> ledger;
  std::unique_ptr<CsvMarketData> bars;

  World() {
    auto opened = SqliteLedger::open(dir.path() / "ledger.sqlite", clock);
    EXPECT_TRUE(opened.ok()) << opened.error().to_string();
    ledger = std::move(*opened);
    MonthReportInput fixture = august_2015();
    for (const OrderRecord& o : fixture.orders) write(*ledger, o);
    auto loaded = CsvMarketData::from_bars(
        std::map<std::string, std::vector<DailyBar>>(fixture.bars.begin(), fixture.bars.end()));
    EXPECT_TRUE(loaded.ok()) << loaded.error().to_string();
    bars = std::move(*loaded);
  }
};

TEST(MonthReportSource, TakesOrdersUpToTheMonthsEndAndBarsThroughIt) {
  World w;
  const MonthReportInput fixture = august_2015();
  auto in = load_month_report_input(*w.ledger, *w.bars, fixture.limits, "2015-08", "dev");
  ASSERT_TRUE(in.ok()) << in.error().to_string();
  EXPECT_EQ(in->month, "2015-08");
  EXPECT_EQ(in->profile, "dev");
  EXPECT_EQ(in->orders.size(), 8u);  // The two September orders are left out.
  for (const OrderRecord& o : in->orders) EXPECT_LE(o.session, d("2015-08-31"));
  // MSFT and XOM are unknown to the data source: left out, not an error.
  ASSERT_EQ(in->bars.size(), 2u);
  const auto& aapl = in->bars.at("AAPL");
  EXPECT_EQ(aapl.size(), kReportBarsPerSymbol);
  EXPECT_EQ(aapl.back().session, d("2015-08-31"));
  EXPECT_EQ(in->bars.at("KO").back().session, d("2015-08-28"));
}

TEST(MonthReportSource, TheLedgersReportEqualsTheFixturesReport) {
  World w;
  const MonthReportInput fixture = august_2015();
  auto in = load_month_report_input(*w.ledger, *w.bars, fixture.limits, "2015-08", "dev");
  ASSERT_TRUE(in.ok());
  auto from_ledger = build_month_report(*in);
  auto from_fixture = build_month_report(fixture);
  ASSERT_TRUE(from_ledger.ok() && from_fixture.ok());
  EXPECT_EQ(month_report_json(*from_ledger).dump(2), month_report_json(*from_fixture).dump(2));
  EXPECT_EQ(from_ledger->totals.spent, testing::m("488.5001"));
}

class FailingData final : public MarketData {
 public:
  Result<std::vector<DailyBar>> daily_bars(std::string_view, Date, std::size_t) override {
    return Error::unavailable("the data source is down");
  }
  Result<std::optional<DailyBar>> first_bar_after(std::string_view, Date) override {
    return Error::unavailable("the data source is down");
  }
};

TEST(MonthReportSource, DataSourceFailuresOtherThanUnknownSymbolsAreErrors) {
  World w;
  FailingData data;
  auto in = load_month_report_input(*w.ledger, data, LimitsConfig{}, "2015-08", "dev");
  ASSERT_FALSE(in.ok());
  EXPECT_EQ(in.error().code, ErrorCode::kUnavailable);
  EXPECT_NE(in.error().context.find("market data for AAPL"), std::string::npos)
      << in.error().to_string();
}

TEST(MonthReportSource, RejectsABadMonth) {
  World w;
  auto in = load_month_report_input(*w.ledger, *w.bars, LimitsConfig{}, "2015-13", "dev");
  ASSERT_FALSE(in.ok());
  EXPECT_EQ(in.error().code, ErrorCode::kInvalidInput);
  EXPECT_NE(in.error().to_string().find("2015-13"), std::string::npos);
}

}  // namespace
}  // namespace stratus::report
