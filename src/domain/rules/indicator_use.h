// IndicatorUse: one indicator or bar field a rule reads, with what is needed to compute it.
#pragma once

#include <array>
#include <string>
#include <string_view>

namespace stratus::rules {

enum class Field { kOpen, kHigh, kLow, kClose, kVolume };

enum class IndicatorKind {
  kField,  // The bar field `field` at the current bar.
  kSma,
  kEma,
  kWma,
  kRsi,
  kRoc,
  kHighest,
  kLowest,
  kMacd,  // The MACD line.
  kMacdSignal,
  kMacdHist,
  kBbUpper,
  kBbMiddle,
  kBbLower,
  kAtr,
  kAvgVolume,  // SMA of volume.
  kDrop,       // Drop from the `period`-session high (of `field`, high or close) in percent.
};

// Identified by `key`, its canonical text: "close", "sma(200)" (a default field is omitted, so
// "sma(200, close)" is the same use), "sma(20, volume)", "bb_upper(20, 2.5)",
// "macd(12, 26, 9)". Numbers are printed in their shortest form.
struct IndicatorUse {
  std::string key;
  IndicatorKind kind = IndicatorKind::kField;
  // The integer parameters in signature order: period in params[0]; for the MACD family
  // fast, slow and signal. Unused entries are 0.
  std::array<int, 3> params{};
  double k = 0;  // Bollinger band width in standard deviations (bb_upper, bb_lower).
  Field field = Field::kClose;
  // Leading bars without a value (0 for a bar field); the use has a value from bar
  // `lookback` (0-based) on, so it needs lookback + 1 sessions.
  int lookback = 0;
};

// "open", "high", "low", "close", "volume".
std::string_view field_name(Field field);

}  // namespace stratus::rules
