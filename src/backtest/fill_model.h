// FillModel: how the simulated broker of a backtest turns an order into a fill: at which price
// point, with what slippage and commission.
#pragma once

#include <string_view>

#include "domain/money.h"
#include "domain/result.h"

namespace stratus {

// Where an order submitted during a session fills.
enum class FillPoint {
  kClose,     // The close of the session the order was submitted in (a market-on-close order);
              // an order submitted after a close fills at the next session's close.
  kNextOpen,  // The open of the first session that opens after the submission (the paper
              // broker's rule); the close when the data has no open for that bar.
};

// "close" or "next_open".
std::string_view fill_point_name(FillPoint point);
// Parses "close" or "next_open"; InvalidInput naming the text and the choices otherwise.
Result<FillPoint> parse_fill_point(std::string_view name);

struct FillModel {
  FillPoint point = FillPoint::kClose;
  int slippage_bps = 0;        // Buys pay the price raised by this many basis points. >= 0.
  Money commission_per_order;  // Charged once per filled order. >= 0.
  Money commission_per_share;  // Charged per filled share. >= 0.
};

// The commission of filling `shares` shares under `model`.
Money commission_of(const FillModel& model, std::int64_t shares);

}  // namespace stratus
