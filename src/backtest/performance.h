// Performance of an account's equity curve with external cash flows (contributions and
// withdrawals): time-weighted returns, drawdown, volatility, Sharpe and Sortino ratios, and the
// money-weighted rate (XIRR). Money inputs become dollars as units() / 10,000.0; metrics are
// doubles.
#pragma once

#include <optional>
#include <span>
#include <utility>
#include <vector>

#include "domain/money.h"
#include "domain/time.h"

namespace stratus {

// One day of an account: its value at the session's close, and the money added to it that day
// (contributions, positive; withdrawals negative) before the close.
struct EquityPoint {
  Date session;
  Money equity;
  Money flow;
};

struct Drawdown {
  double depth = 0;  // Largest peak-to-trough fall of the time-weighted index, as a
                     // positive fraction (0.25 = 25%); 0 when it never falls.
  // Set only when depth > 0. peak: the last session at the high before the fall; trough: the
  // first session at the lowest point; recovery: first session back at the peak, if any.
  std::optional<Date> peak, trough, recovery;
};

struct PerformanceMetrics {
  Money invested;                // Sum of flows.
  Money final_equity;            // Equity of the last point.
  Money profit;                  // final_equity - invested.
  double total_return = 0;       // Time-weighted: product of (1 + daily return) - 1.
  double annualised_return = 0;  // (1 + total_return)^(365.25 / calendar days from first to
                                 // last session) - 1; 0 when they are the same day.
  std::optional<double> xirr;    // Money-weighted annual rate: flows as outflows on their dates,
                                 // final equity as an inflow on the last date; nullopt if it has
                                 // no root (e.g. no flows) or does not converge.
  Drawdown max_drawdown;
  double volatility = 0;          // Sample standard deviation of daily returns * sqrt(252); 0
                                  // with fewer than 2 returns.
  std::optional<double> sharpe;   // (mean daily return - rf_daily) / stdev * sqrt(252); nullopt
                                  // when stdev is 0 or fewer than 2 returns.
  std::optional<double> sortino;  // (mean daily return - rf_daily) / downside deviation *
                                  // sqrt(252), downside deviation = sqrt(mean over ALL returns of
                                  // min(0, r - rf_daily)^2); nullopt when it is 0 (or no returns).
  int sessions = 0;               // Number of points.
};

// Daily time-weighted return of day i: (equity_i - flow_i) / equity_{i-1} - 1; the flow is part
// of the day's closing equity at its face value, so it earns nothing on its first day. Days whose
// previous equity is 0 (nothing invested yet; also a negative one) have no return and are skipped
// (the index stays flat).
// REQUIRES: sessions in increasing order (for every function below).
std::vector<double> daily_returns(std::span<const EquityPoint> curve);
// The time-weighted index (1.0 on the first point, flat across skipped days), one value per point.
std::vector<double> growth_index(std::span<const EquityPoint> curve);
// The index's drawdown from its running peak (<= 0), one value per point. A fall smaller than
// 1e-12 of the peak (rounding of a return to the peak) counts as 0.
std::vector<double> drawdown_series(std::span<const EquityPoint> curve);

// XIRR of dated cash flows (amount in dollars; negative = paid in, positive = received), solved
// to 1e-10 with Newton's method falling back to bisection on [-0.9999, 100]; Actual/365 day count
// (as Excel's XIRR), from the earliest date. nullopt without both a negative and a positive flow,
// when all flows fall on one date, or without a root in that interval.
std::optional<double> xirr(std::span<const std::pair<Date, double>> flows);

// All metrics of `curve`; rf_daily = (1 + risk_free_rate)^(1/252) - 1. An empty curve gives
// zeros and nullopts with sessions = 0.
PerformanceMetrics measure(std::span<const EquityPoint> curve, double risk_free_rate = 0.0);

}  // namespace stratus
