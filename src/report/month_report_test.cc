// The monthly report model against figures worked out by hand (report_test_fixture.h).
#include "report/month_report.h"

#include <gtest/gtest.h>

#include "report/report_test_fixture.h"

namespace stratus::report {
namespace {

using testing::august_2015;
using testing::d;
using testing::m;

const SymbolReport& find(const MonthReport& r, const std::string& symbol) {
  for (const SymbolReport& s : r.symbols) {
    if (s.symbol == symbol) return s;
  }
  ADD_FAILURE() << symbol << " is not in the report";
  static const SymbolReport none;
  return none;
}

TEST(MonthReport, MonthBoundsAndChartStart) {
  auto r = build_month_report(august_2015());
  ASSERT_TRUE(r.ok()) << r.error().to_string();
  EXPECT_EQ(r->month, "2015-08");
  EXPECT_EQ(r->profile, "dev");
  EXPECT_EQ(r->first_day, d("2015-08-01"));
  EXPECT_EQ(r->last_day, d("2015-08-31"));
  EXPECT_EQ(r->chart_from, d("2015-03-01"));
}

TEST(MonthReport, SymbolsWithAnOrderInTheMonthOrAPosition) {
  auto r = build_month_report(august_2015());
  ASSERT_TRUE(r.ok());
  // XOM: only a rejected July order and a September one; nothing in August, no position.
  ASSERT_EQ(r->symbols.size(), 3u);
  EXPECT_EQ(r->symbols[0].symbol, "AAPL");
  EXPECT_EQ(r->symbols[1].symbol, "KO");
  EXPECT_EQ(r->symbols[2].symbol, "MSFT");
}

TEST(MonthReport, BuysOpenOrdersCapsAndSpend) {
  auto r = build_month_report(august_2015());
  ASSERT_TRUE(r.ok());
  const SymbolReport& aapl = find(*r, "AAPL");
  ASSERT_EQ(aapl.buys.size(), 2u);
  EXPECT_EQ(aapl.buys[0].client_order_id, "dip-AAPL-20150824-1");
  EXPECT_EQ(aapl.buys[0].session, d("2015-08-24"));
  EXPECT_EQ(aapl.buys[0].filled_on, d("2015-08-25"));
  EXPECT_EQ(aapl.buys[0].fill_price, m("100"));
  EXPECT_EQ(aapl.buys[1].fill_price, m("100.0001"));
  ASSERT_EQ(aapl.open_orders.size(), 1u);
  EXPECT_EQ(aapl.open_orders[0].state, OrderState::kReserved);
  EXPECT_EQ(aapl.open_orders[0].notional, m("203"));  // 2 x 101.50
  EXPECT_EQ(aapl.shares_bought, Quantity(2));
  EXPECT_EQ(aapl.cap_used, Quantity(4));  // 1 + 1 filled + 2 reserved
  EXPECT_EQ(aapl.monthly_cap, Quantity(4));
  EXPECT_EQ(aapl.spent, m("403.0001"));  // 100 + 100.0001 + 203
  EXPECT_EQ(aapl.budget, m("1000"));

  const SymbolReport& msft = find(*r, "MSFT");
  ASSERT_EQ(msft.buys.size(), 1u);  // The partial fill.
  EXPECT_EQ(msft.buys[0].state, OrderState::kPartiallyFilled);
  ASSERT_EQ(msft.open_orders.size(), 1u);  // The rejection.
  EXPECT_EQ(msft.open_orders[0].state, OrderState::kRejected);
  EXPECT_EQ(msft.monthly_cap, Quantity(2));  // symbol_caps override
  EXPECT_EQ(msft.cap_used, Quantity(2));     // rejected counts 0, partial counts its qty 2
  EXPECT_EQ(msft.shares_bought, Quantity(1));
  EXPECT_EQ(msft.spent, m("85.50"));  // 1 x 42.50 filled + 1 x 43.00 open

  const SymbolReport& ko = find(*r, "KO");
  EXPECT_TRUE(ko.buys.empty());
  EXPECT_EQ(ko.spent, Money());
  EXPECT_EQ(ko.cap_used, Quantity(0));
}

TEST(MonthReport, AveragePricePaidIsExactAndRoundsHalfToEven) {
  auto r = build_month_report(august_2015());
  ASSERT_TRUE(r.ok());
  // (100.0000 + 100.0001) / 2 = 100.00005: half-even keeps 100.0000 (half away would say .0001).
  EXPECT_EQ(find(*r, "AAPL").avg_price_paid, m("100.0000"));
  EXPECT_EQ(find(*r, "MSFT").avg_price_paid, m("42.50"));
  EXPECT_EQ(find(*r, "KO").avg_price_paid, std::nullopt);  // Nothing bought in August.
}

TEST(MonthReport, AverageCloseOfTheMonthsSessions) {
  auto r = build_month_report(august_2015());
  ASSERT_TRUE(r.ok());
  const SymbolReport& aapl = find(*r, "AAPL");
  // 21 sessions: 18 x 100 + 95 + 96.0003 + 102 = 2093.0003; / 21 = 99.666668 -> 99.6667.
  EXPECT_EQ(aapl.month_sessions, 21u);
  EXPECT_EQ(aapl.avg_close, m("99.6667"));
  EXPECT_EQ(find(*r, "KO").month_sessions, 20u);
  EXPECT_EQ(find(*r, "KO").avg_close, m("40.50"));
  EXPECT_EQ(find(*r, "MSFT").avg_close, std::nullopt);
}

TEST(MonthReport, PositionsAtTheMonthsEnd) {
  auto r = build_month_report(august_2015());
  ASSERT_TRUE(r.ok());
  const Position& aapl = find(*r, "AAPL").position;
  // July 2 @ 121.50 + 1.00 commission = 244.00; August 100 + 100.0001. September is left out.
  EXPECT_EQ(aapl.shares, Quantity(4));
  EXPECT_EQ(aapl.cost_basis, m("444.0001"));
  EXPECT_EQ(aapl.avg_cost, m("111.0000"));  // 111.000025
  EXPECT_EQ(aapl.last_close, m("102"));
  EXPECT_EQ(aapl.last_close_session, d("2015-08-31"));
  EXPECT_EQ(aapl.market_value, m("408"));
  EXPECT_EQ(aapl.unrealised_pnl, m("-36.0001"));
  EXPECT_EQ(aapl.unrealised_pnl_pct, Percent::parse("-8.11").value());  // -8.108...

  const Position& ko = find(*r, "KO").position;
  EXPECT_EQ(ko.shares, Quantity(3));
  EXPECT_EQ(ko.cost_basis, m("120"));
  EXPECT_EQ(ko.last_close_session, d("2015-08-28"));  // No bar on the 31st.
  EXPECT_EQ(ko.market_value, m("121.50"));
  EXPECT_EQ(ko.unrealised_pnl, m("1.50"));
  EXPECT_EQ(ko.unrealised_pnl_pct, Percent::parse("1.25").value());

  const Position& msft = find(*r, "MSFT").position;
  EXPECT_EQ(msft.shares, Quantity(1));
  EXPECT_EQ(msft.cost_basis, m("42.85"));  // 42.50 + 0.35 commission
  EXPECT_EQ(msft.market_value, std::nullopt);
  EXPECT_FALSE(find(*r, "MSFT").has_market_data);
}

TEST(MonthReport, TotalsAndNotes) {
  auto r = build_month_report(august_2015());
  ASSERT_TRUE(r.ok());
  const ReportTotals& t = r->totals;
  EXPECT_EQ(t.buys, 3u);
  EXPECT_EQ(t.open_orders, 2u);
  EXPECT_EQ(t.shares_bought, Quantity(3));
  EXPECT_EQ(t.spent, m("488.5001"));
  EXPECT_EQ(t.budget, m("5000"));
  // MSFT has no price, so it is left out of value and P&L.
  EXPECT_FALSE(t.all_priced);
  EXPECT_EQ(t.cost_basis, m("564.0001"));
  EXPECT_EQ(t.market_value, m("529.50"));
  EXPECT_EQ(t.unrealised_pnl, m("-34.5001"));
  EXPECT_EQ(t.unrealised_pnl_pct, Percent::parse("-6.12").value());  // -6.117...
  ASSERT_EQ(r->notes.size(), 1u);
  EXPECT_EQ(r->notes[0], "MSFT: no market data (no closes, no market value)");
}

TEST(MonthReport, ChartCoversSixMonthsWithTheTrailingHigh) {
  auto r = build_month_report(august_2015());
  ASSERT_TRUE(r.ok());
  const auto& chart = find(*r, "AAPL").chart;
  // Weekdays of March..August 2015: 22 + 22 + 21 + 22 + 23 + 21.
  ASSERT_EQ(chart.size(), 131u);
  EXPECT_EQ(chart.front().session, d("2015-03-02"));
  EXPECT_EQ(chart.back().session, d("2015-08-31"));
  auto at = [&](const char* session) {
    for (const ChartPoint& p : chart) {
      if (p.session == d(session)) return p;
    }
    ADD_FAILURE() << session;
    return ChartPoint{};
  };
  // The 150 high of 2014-09-02 (a Tuesday) stays in the 252-session window through the 251st
  // weekday after it: 50 weeks (2015-08-18) and one day, 2015-08-19.
  EXPECT_EQ(at("2015-03-02").high_52w, m("150"));
  EXPECT_EQ(at("2015-08-19").high_52w, m("150"));
  EXPECT_EQ(at("2015-08-20").high_52w, m("101"));
  EXPECT_EQ(at("2015-08-28").high_52w, m("101"));
  EXPECT_EQ(at("2015-08-31").high_52w, m("103"));  // Its own high: 102 + 1.
  EXPECT_EQ(at("2015-08-25").close, m("96.0003"));
  EXPECT_EQ(find(*r, "KO").chart.size(), 130u);
  EXPECT_TRUE(find(*r, "MSFT").chart.empty());
}

TEST(MonthReport, HighFallsBackToTheCloseWhenABarHasNoHigh) {
  MonthReportInput in = august_2015();
  for (DailyBar& bar : in.bars["KO"]) bar.high.reset();
  auto r = build_month_report(in);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(find(*r, "KO").chart.back().high_52w, m("40.50"));
}

TEST(MonthReport, AMonthWithoutOrdersStillReportsPositions) {
  MonthReportInput in = august_2015();
  in.month = "2015-10";
  auto r = build_month_report(in);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->totals.buys, 0u);
  EXPECT_EQ(r->totals.open_orders, 0u);
  EXPECT_EQ(r->totals.spent, Money());
  // Every fill up to October: AAPL 5 (September's too), KO 3, MSFT 1, XOM 1.
  ASSERT_EQ(r->symbols.size(), 4u);
  EXPECT_EQ(find(*r, "AAPL").position.shares, Quantity(5));
  EXPECT_EQ(find(*r, "AAPL").position.last_close_session, d("2015-09-04"));
  EXPECT_EQ(find(*r, "AAPL").month_sessions, 0u);
}

TEST(MonthReport, AnEmptyLedgerIsAnEmptyReport) {
  MonthReportInput in;
  in.month = "2015-08";
  in.profile = "dev";
  auto r = build_month_report(in);
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->symbols.empty());
  EXPECT_EQ(r->totals.spent, Money());
  EXPECT_EQ(r->totals.unrealised_pnl_pct, std::nullopt);
  EXPECT_TRUE(r->notes.empty());
}

TEST(MonthReport, RejectsABadMonthNamingIt) {
  for (const char* bad : {"2015-13", "x", "2015-8", ""}) {
    MonthReportInput in;
    in.month = bad;
    auto r = build_month_report(in);
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.error().code, ErrorCode::kInvalidInput);
    EXPECT_NE(r.error().to_string().find(std::string("\"") + bad + "\""), std::string::npos)
        << r.error().to_string();
  }
}

TEST(MonthReport, RejectsBarsOutOfOrder) {
  MonthReportInput in = august_2015();
  std::swap(in.bars["KO"][3], in.bars["KO"][4]);
  auto r = build_month_report(in);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("bars of KO are not strictly ascending"), std::string::npos);
}

}  // namespace
}  // namespace stratus::report
