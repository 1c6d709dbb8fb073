#include "domain/rules/indicator_catalog.h"

#include <array>
#include <charconv>
#include <cstdio>
#include <cstdlib>

#include "domain/indicators/indicators.h"

namespace stratus::rules {
namespace {

using indicators::kMaxPeriod;

constexpr std::array<ParamSpec, 1> kPeriod2{{{"period", ParamKind::kWhole, 2, kMaxPeriod}}};
constexpr std::array<ParamSpec, 1> kPeriod1{{{"period", ParamKind::kWhole, 1, kMaxPeriod}}};
constexpr std::array<ParamSpec, 3> kMacdParams{{
    {"fast", ParamKind::kWhole, 2, kMaxPeriod},
    {"slow", ParamKind::kWhole, 2, kMaxPeriod},
    {"signal", ParamKind::kWhole, 1, kMaxPeriod},
}};
constexpr std::array<ParamSpec, 2> kBandParams{{
    {"period", ParamKind::kWhole, 2, kMaxPeriod},
    {"k", ParamKind::kPositive, 0, 0},
}};

const std::array<IndicatorSpec, 16> kSpecs{{
    {"sma", IndicatorKind::kSma, kPeriod2, true, Field::kClose, false},
    {"ema", IndicatorKind::kEma, kPeriod2, true, Field::kClose, false},
    {"wma", IndicatorKind::kWma, kPeriod2, true, Field::kClose, false},
    {"rsi", IndicatorKind::kRsi, kPeriod2, true, Field::kClose, false},
    {"roc", IndicatorKind::kRoc, kPeriod1, true, Field::kClose, false},
    {"highest", IndicatorKind::kHighest, kPeriod2, true, Field::kHigh, false},
    {"lowest", IndicatorKind::kLowest, kPeriod2, true, Field::kLow, false},
    {"macd", IndicatorKind::kMacd, kMacdParams, true, Field::kClose, false},
    {"macd_signal", IndicatorKind::kMacdSignal, kMacdParams, true, Field::kClose, false},
    {"macd_hist", IndicatorKind::kMacdHist, kMacdParams, true, Field::kClose, false},
    {"bb_upper", IndicatorKind::kBbUpper, kBandParams, true, Field::kClose, false},
    {"bb_middle", IndicatorKind::kBbMiddle, kPeriod2, true, Field::kClose, false},
    {"bb_lower", IndicatorKind::kBbLower, kBandParams, true, Field::kClose, false},
    {"atr", IndicatorKind::kAtr, kPeriod1, false, Field::kClose, false},
    {"avg_volume", IndicatorKind::kAvgVolume, kPeriod2, false, Field::kVolume, false},
    {"drop", IndicatorKind::kDrop, kPeriod1, true, Field::kHigh, true},
}};

constexpr std::array<std::string_view, 5> kFieldNames{"open", "high", "low", "close", "volume"};

const IndicatorSpec& spec_of(IndicatorKind kind) {
  for (const IndicatorSpec& spec : kSpecs) {
    if (spec.kind == kind) return spec;
  }
  std::fprintf(stderr, "stratus::rules: no indicator spec for kind %d\n", static_cast<int>(kind));
  std::abort();
}

int lookback_of(const IndicatorUse& use) {
  const auto& p = use.params;
  switch (use.kind) {
    case IndicatorKind::kField:
      return 0;
    case IndicatorKind::kSma:
    case IndicatorKind::kAvgVolume:
      return indicators::sma_lookback(p[0]);
    case IndicatorKind::kEma:
      return indicators::ema_lookback(p[0]);
    case IndicatorKind::kWma:
      return indicators::wma_lookback(p[0]);
    case IndicatorKind::kRsi:
      return indicators::rsi_lookback(p[0]);
    case IndicatorKind::kRoc:
      return indicators::roc_lookback(p[0]);
    case IndicatorKind::kHighest:
    case IndicatorKind::kLowest:
      return indicators::extreme_lookback(p[0]);
    case IndicatorKind::kMacd:
    case IndicatorKind::kMacdSignal:
    case IndicatorKind::kMacdHist:
      return indicators::macd_lookback(p[0], p[1], p[2]);
    case IndicatorKind::kBbUpper:
    case IndicatorKind::kBbMiddle:
    case IndicatorKind::kBbLower:
      return indicators::bbands_lookback(p[0]);
    case IndicatorKind::kAtr:
      return indicators::atr_lookback(p[0]);
    case IndicatorKind::kDrop:
      return indicators::drop_lookback(p[0]);
  }
  return 0;
}

}  // namespace

std::string_view field_name(Field field) { return kFieldNames[static_cast<std::size_t>(field)]; }

const IndicatorSpec* find_indicator(std::string_view name) {
  for (const IndicatorSpec& spec : kSpecs) {
    if (spec.name == name) return &spec;
  }
  return nullptr;
}

std::span<const IndicatorSpec> indicator_specs() { return kSpecs; }

std::optional<Field> find_field(std::string_view name) {
  for (std::size_t i = 0; i < kFieldNames.size(); ++i) {
    if (kFieldNames[i] == name) return static_cast<Field>(i);
  }
  return std::nullopt;
}

std::string signature(const IndicatorSpec& spec) {
  std::string out(spec.name);
  out += '(';
  for (std::size_t i = 0; i < spec.params.size(); ++i) {
    if (i > 0) out += ", ";
    out += spec.params[i].name;
  }
  if (spec.has_field) out += "[, field]";
  out += ')';
  return out;
}

void complete_use(IndicatorUse& use) {
  use.lookback = lookback_of(use);
  if (use.kind == IndicatorKind::kField) {
    use.key = std::string(field_name(use.field));
    return;
  }
  const IndicatorSpec& spec = spec_of(use.kind);
  std::string key(spec.name);
  key += '(';
  for (std::size_t i = 0; i < spec.params.size(); ++i) {
    if (i > 0) key += ", ";
    key += spec.params[i].kind == ParamKind::kPositive ? format_number(use.k)
                                                       : std::to_string(use.params[i]);
  }
  if (spec.has_field && use.field != spec.default_field) {
    key += ", ";
    key += field_name(use.field);
  }
  key += ')';
  use.key = std::move(key);
}

std::string format_number(double value) {
  // Finite doubles in fixed notation need at most 309 integer and 767 fraction digits.
  std::array<char, 1100> buffer{};
  const auto result =
      std::to_chars(buffer.data(), buffer.data() + buffer.size(), value, std::chars_format::fixed);
  if (result.ec != std::errc()) return "nan";
  return std::string(buffer.data(), result.ptr);
}

}  // namespace stratus::rules
