// Performance metrics checked against hand arithmetic, Microsoft's XIRR example and values
// computed independently with numpy/pandas (performance_reference.py).
#include "backtest/performance.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <vector>

namespace stratus {
namespace {

Date day(const char* text) { return *parse_date(text); }
Money m(const char* text) { return *Money::parse(text); }

EquityPoint point(const char* session, const char* equity, const char* flow = "0") {
  return {day(session), m(equity), m(flow)};
}

void expect_values(const std::vector<double>& actual, const std::vector<double>& expected) {
  ASSERT_EQ(actual.size(), expected.size());
  for (std::size_t i = 0; i < actual.size(); ++i) EXPECT_NEAR(actual[i], expected[i], 1e-12) << i;
}

void expect_relative(double actual, double expected) {
  EXPECT_NEAR(actual, expected, 1e-9 * std::abs(expected));
}

// Five sessions, 1,000.00 invested on the first and 500.00 added on the third.
std::vector<EquityPoint> hand_curve() {
  return {point("2024-01-02", "1000", "1000"), point("2024-01-03", "1100"),
          point("2024-01-04", "1490", "500"), point("2024-01-05", "1639"),
          point("2024-01-08", "1802.90")};
}

TEST(Performance, HandCurveReturnsIndexAndDrawdown) {
  const auto curve = hand_curve();
  // 1100 / 1000 - 1 = 0.10; (1490 - 500) / 1100 - 1 = 990 / 1100 - 1 = -0.10;
  // 1639 / 1490 - 1 = 0.10; 1802.90 / 1639 - 1 = 0.10.
  expect_values(daily_returns(curve), {0.10, -0.10, 0.10, 0.10});
  // 1; 1.1; 1.1 * 0.9 = 0.99; 0.99 * 1.1 = 1.089; 1.089 * 1.1 = 1.1979.
  expect_values(growth_index(curve), {1.0, 1.1, 0.99, 1.089, 1.1979});
  // Peak 1.1 from the second point: 0.99 / 1.1 - 1 = -0.10; 1.089 / 1.1 - 1 = -0.01; 1.1979 is a
  // new peak.
  expect_values(drawdown_series(curve), {0, 0, -0.10, -0.01, 0});
}

TEST(Performance, HandCurveMetrics) {
  const auto curve = hand_curve();
  const PerformanceMetrics p = measure(curve);
  EXPECT_EQ(p.sessions, 5);
  EXPECT_EQ(p.invested, m("1500"));
  EXPECT_EQ(p.final_equity, m("1802.90"));
  EXPECT_EQ(p.profit, m("302.90"));
  EXPECT_NEAR(p.total_return, 0.1979, 1e-12);
  // 2024-01-02 to 2024-01-08 is 6 calendar days.
  expect_relative(p.annualised_return, std::pow(1.1979, 365.25 / 6) - 1);
  EXPECT_NEAR(p.max_drawdown.depth, 0.10, 1e-12);
  EXPECT_EQ(p.max_drawdown.peak, day("2024-01-03"));
  EXPECT_EQ(p.max_drawdown.trough, day("2024-01-04"));
  EXPECT_EQ(p.max_drawdown.recovery, day("2024-01-08"));
  // Returns 0.1, -0.1, 0.1, 0.1: mean 0.05; squared deviations 0.0025 * 3 + 0.0225 = 0.03;
  // sample variance 0.03 / 3 = 0.01, stdev 0.1.
  EXPECT_NEAR(p.volatility, 0.1 * std::sqrt(252.0), 1e-12);
  ASSERT_TRUE(p.sharpe.has_value());
  EXPECT_NEAR(*p.sharpe, 0.05 / 0.1 * std::sqrt(252.0), 1e-12);
  // Downside: only -0.1 counts, 0.01 / 4 returns = 0.0025, sqrt = 0.05.
  ASSERT_TRUE(p.sortino.has_value());
  EXPECT_NEAR(*p.sortino, 0.05 / 0.05 * std::sqrt(252.0), 1e-12);
  // XIRR: the paid-in amounts grown at the rate x to the last date would equal the final
  // equity, 1000 * (1 + x)^(6/365) + 500 * (1 + x)^(4/365) = 1802.90. At x = 100 the left side
  // is 1000 * 1.0788 + 500 * 1.0519 = 1604.8 < 1802.90, so the root lies above the interval.
  EXPECT_EQ(p.xirr, std::nullopt);
}

TEST(Performance, WithdrawalIsAddedBackToTheDaysReturn) {
  // (810 - -200) / 1000 - 1 = 0.01.
  const std::vector<EquityPoint> curve = {point("2024-01-02", "1000", "1000"),
                                          point("2024-01-03", "810", "-200")};
  expect_values(daily_returns(curve), {0.01});
  EXPECT_EQ(measure(curve).invested, m("800"));
}

TEST(Performance, XirrOfACurvePaysInFlowsAndReceivesTheFinalEquity) {
  // 1,000.00 paid in, worth 1,100.00 365 days later: 1000 * (1 + x) = 1100, x = 0.10.
  const std::vector<EquityPoint> curve = {point("2023-01-02", "1000", "1000"),
                                          point("2024-01-02", "1100")};
  const PerformanceMetrics p = measure(curve);
  ASSERT_TRUE(p.xirr.has_value());
  EXPECT_NEAR(*p.xirr, 0.10, 1e-10);
  expect_relative(p.annualised_return, std::pow(1.1, 365.25 / 365) - 1);
}

TEST(Performance, CurveStartingEmptySkipsDaysBeforeTheFirstContribution) {
  const std::vector<EquityPoint> curve = {point("2024-01-02", "0"), point("2024-01-03", "0"),
                                          point("2024-01-04", "1000", "1000"),
                                          point("2024-01-05", "1050"), point("2024-01-08", "1029")};
  // Days 2 and 3 follow an empty account; 1050 / 1000 - 1 = 0.05; 1029 / 1050 - 1 = -0.02.
  expect_values(daily_returns(curve), {0.05, -0.02});
  expect_values(growth_index(curve), {1, 1, 1, 1.05, 1.029});
  expect_values(drawdown_series(curve), {0, 0, 0, 0, -0.02});
  const PerformanceMetrics p = measure(curve);
  EXPECT_EQ(p.invested, m("1000"));
  EXPECT_EQ(p.profit, m("29"));
  EXPECT_NEAR(p.total_return, 0.029, 1e-12);
  EXPECT_EQ(p.max_drawdown.peak, day("2024-01-05"));
  EXPECT_EQ(p.max_drawdown.trough, day("2024-01-08"));
  EXPECT_EQ(p.max_drawdown.recovery, std::nullopt);
}

TEST(Performance, DrawdownPeakIsTheLastSessionAtTheHigh) {
  // Index 1, 1.1, 1.1, 0.99, 1.05, 1.1 (back at the peak up to rounding), 1.2.
  const std::vector<EquityPoint> curve = {
      point("2024-01-02", "100", "100"), point("2024-01-03", "110"), point("2024-01-04", "110"),
      point("2024-01-05", "99"),         point("2024-01-08", "105"), point("2024-01-09", "110"),
      point("2024-01-10", "120")};
  const Drawdown d = measure(curve).max_drawdown;
  EXPECT_NEAR(d.depth, 0.10, 1e-12);  // 99 / 110 - 1.
  EXPECT_EQ(d.peak, day("2024-01-04"));
  EXPECT_EQ(d.trough, day("2024-01-05"));
  EXPECT_EQ(d.recovery, day("2024-01-09"));
}

TEST(Performance, DrawdownWithoutRecovery) {
  const std::vector<EquityPoint> curve = {point("2024-01-02", "100", "100"),
                                          point("2024-01-03", "120"), point("2024-01-04", "90"),
                                          point("2024-01-05", "100")};
  const Drawdown d = measure(curve).max_drawdown;
  EXPECT_NEAR(d.depth, 0.25, 1e-12);  // 90 / 120 - 1.
  EXPECT_EQ(d.peak, day("2024-01-03"));
  EXPECT_EQ(d.trough, day("2024-01-04"));
  EXPECT_EQ(d.recovery, std::nullopt);
}

TEST(Performance, FlatCurveHasNoVolatilityAndNoSharpe) {
  std::vector<EquityPoint> curve = {point("2024-01-02", "1000", "1000"),
                                    point("2024-01-03", "1000"), point("2024-01-04", "1000"),
                                    point("2024-01-05", "1000")};
  PerformanceMetrics p = measure(curve);
  EXPECT_EQ(p.total_return, 0);
  EXPECT_EQ(p.annualised_return, 0);
  EXPECT_EQ(p.volatility, 0);
  EXPECT_EQ(p.sharpe, std::nullopt);
  EXPECT_EQ(p.sortino, std::nullopt);  // No return below rf = 0.
  EXPECT_EQ(p.max_drawdown.depth, 0);
  EXPECT_EQ(p.max_drawdown.peak, std::nullopt);
  ASSERT_TRUE(p.xirr.has_value());
  EXPECT_NEAR(*p.xirr, 0, 1e-9);
  // With rf > 0 every return falls short by rf_daily: downside deviation rf_daily, so the
  // Sortino ratio is -rf_daily / rf_daily * sqrt(252).
  p = measure(curve, 0.02);
  EXPECT_EQ(p.sharpe, std::nullopt);
  ASSERT_TRUE(p.sortino.has_value());
  EXPECT_NEAR(*p.sortino, -std::sqrt(252.0), 1e-9);
}

TEST(Performance, EmptyCurve) {
  const PerformanceMetrics p = measure({});
  EXPECT_EQ(p.sessions, 0);
  EXPECT_EQ(p.invested, Money());
  EXPECT_EQ(p.final_equity, Money());
  EXPECT_EQ(p.profit, Money());
  EXPECT_EQ(p.total_return, 0);
  EXPECT_EQ(p.annualised_return, 0);
  EXPECT_EQ(p.xirr, std::nullopt);
  EXPECT_EQ(p.max_drawdown.depth, 0);
  EXPECT_EQ(p.max_drawdown.peak, std::nullopt);
  EXPECT_EQ(p.volatility, 0);
  EXPECT_EQ(p.sharpe, std::nullopt);
  EXPECT_EQ(p.sortino, std::nullopt);
  EXPECT_TRUE(daily_returns({}).empty());
  EXPECT_TRUE(growth_index({}).empty());
  EXPECT_TRUE(drawdown_series({}).empty());
}

TEST(Performance, OnePoint) {
  const std::vector<EquityPoint> curve = {point("2024-01-02", "1000", "1000")};
  const PerformanceMetrics p = measure(curve);
  EXPECT_EQ(p.sessions, 1);
  EXPECT_EQ(p.invested, m("1000"));
  EXPECT_EQ(p.profit, Money());
  EXPECT_EQ(p.total_return, 0);
  EXPECT_EQ(p.annualised_return, 0);
  EXPECT_EQ(p.xirr, std::nullopt);  // Paid in and valued on the same day: no rate.
  EXPECT_EQ(p.volatility, 0);
  EXPECT_EQ(p.sharpe, std::nullopt);
  EXPECT_EQ(p.sortino, std::nullopt);
  expect_values(growth_index(curve), {1});
  expect_values(drawdown_series(curve), {0});
}

TEST(Performance, AllZeroEquity) {
  const std::vector<EquityPoint> curve = {point("2024-01-02", "0"), point("2024-01-03", "0"),
                                          point("2024-01-04", "0")};
  const PerformanceMetrics p = measure(curve);
  EXPECT_EQ(p.sessions, 3);
  EXPECT_TRUE(daily_returns(curve).empty());
  expect_values(growth_index(curve), {1, 1, 1});
  EXPECT_EQ(p.total_return, 0);
  EXPECT_EQ(p.annualised_return, 0);
  EXPECT_EQ(p.xirr, std::nullopt);
  EXPECT_EQ(p.max_drawdown.depth, 0);
  EXPECT_EQ(p.volatility, 0);
  EXPECT_EQ(p.sharpe, std::nullopt);
  EXPECT_EQ(p.sortino, std::nullopt);
}

TEST(Xirr, MicrosoftDocumentationExample) {
  // The example of Microsoft's XIRR function documentation
  // (https://support.microsoft.com/office/xirr-function-de1242ec-6477-445b-b11b-a303ad9adc9d),
  // also LibreOffice's: the result is 0.373362535 (37.34%).
  const std::vector<std::pair<Date, double>> flows = {{day("2008-01-01"), -10000},
                                                      {day("2008-03-01"), 2750},
                                                      {day("2008-10-30"), 4250},
                                                      {day("2009-02-15"), 3250},
                                                      {day("2009-04-01"), 2750}};
  const auto rate = xirr(flows);
  ASSERT_TRUE(rate.has_value());
  // Excel stops iterating at its own tolerance, 1.5e-9 from the exact root.
  EXPECT_NEAR(*rate, 0.373362535, 2e-9);
  // The exact root, by bisection in 50-digit decimal arithmetic (Python's decimal module).
  EXPECT_NEAR(*rate, 0.37336253351883151, 1e-12);
}

TEST(Xirr, NeedsMoneyBothWaysOnDifferentDates) {
  using Flows = std::vector<std::pair<Date, double>>;
  EXPECT_EQ(xirr(Flows{}), std::nullopt);
  EXPECT_EQ(xirr(Flows{{day("2024-01-02"), -100}, {day("2024-06-03"), -50}}), std::nullopt);
  EXPECT_EQ(xirr(Flows{{day("2024-01-02"), 100}, {day("2024-06-03"), 50}}), std::nullopt);
  EXPECT_EQ(xirr(Flows{{day("2024-01-02"), -100}, {day("2024-01-02"), 110}}), std::nullopt);
}

TEST(Xirr, FallsBackToBisectionForLargeLosses) {
  // 1,000 paid in, 10 back after 365 days: (1 + x) = 10 / 1000, x = -0.99. Newton's first step
  // from 0.1 leaves the interval.
  const std::vector<std::pair<Date, double>> flows = {{day("2023-01-02"), -1000},
                                                      {day("2024-01-02"), 10}};
  const auto rate = xirr(flows);
  ASSERT_TRUE(rate.has_value());
  EXPECT_NEAR(*rate, -0.99, 1e-9);
}

TEST(Xirr, NoRootInsideTheInterval) {
  // 1 paid in, 201 back a year later: x = 200, above the interval's 100.
  const std::vector<std::pair<Date, double>> flows = {{day("2023-01-02"), -1},
                                                      {day("2024-01-02"), 201}};
  EXPECT_EQ(xirr(flows), std::nullopt);
}

// The 300-session curve of performance_reference.py; see its docstring for the formula.
std::int64_t floor_div(std::int64_t a, std::int64_t b) {
  const std::int64_t q = a / b;
  return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

std::vector<EquityPoint> reference_curve() {
  constexpr std::int64_t kDollar = Money::kUnitsPerDollar;
  std::vector<EquityPoint> curve;
  Date session = day("2021-01-04");
  for (int i = 0; i < 300; ++i, ++session) {
    while (is_weekend(session)) ++session;
    std::int64_t equity = 0, flow = 0;
    if (i == 3) {
      equity = flow = 10000 * kDollar;
    } else if (i > 3) {
      const std::chrono::year_month_day today(session), before(curve.back().session);
      if (today.month() != before.month()) flow += 1000 * kDollar;
      if (i == 200) flow -= 2500 * kDollar;
      const double x = 9000 * std::sin(0.37 * i) + 7000 * std::sin(i / 23.0);
      const auto ppm = static_cast<std::int64_t>(std::floor(x + 0.5)) + 700;
      const std::int64_t previous = curve.back().equity.units();
      equity = previous + floor_div(previous * ppm, 1000000) + flow;
    }
    curve.push_back({session, Money::from_units(equity), Money::from_units(flow)});
  }
  return curve;
}

TEST(Performance, MatchesNumpyPandasReference) {
  // Printed by `/usr/bin/python3 src/backtest/performance_reference.py` (numpy 1.24, pandas 1.5);
  // re-run it and paste its output here when the curve's formula changes.
  const PerformanceMetrics p = measure(reference_curve(), 0.02);
  EXPECT_EQ(p.sessions, 300);
  EXPECT_EQ(daily_returns(reference_curve()).size(), 296u);
  EXPECT_EQ(p.invested, Money::from_units(205000000));
  EXPECT_EQ(p.final_equity, Money::from_units(232001937));
  expect_relative(p.total_return, 0.2645753680718621);
  expect_relative(p.annualised_return, 0.2282684750698869);
  expect_relative(p.volatility, 0.12779849974032398);
  ASSERT_TRUE(p.sharpe.has_value());
  expect_relative(*p.sharpe, 1.4730419366111225);
  ASSERT_TRUE(p.sortino.has_value());
  expect_relative(*p.sortino, 2.2452502056909602);
  expect_relative(p.max_drawdown.depth, 0.27224152992379491);
  EXPECT_EQ(p.max_drawdown.peak, day("2021-04-20"));
  EXPECT_EQ(p.max_drawdown.trough, day("2021-07-13"));
  EXPECT_EQ(p.max_drawdown.recovery, day("2021-10-01"));
  ASSERT_TRUE(p.xirr.has_value());
  expect_relative(*p.xirr, 0.15163480470413501);
}

}  // namespace
}  // namespace stratus
