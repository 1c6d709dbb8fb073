// How the backtest and sweep reports write numbers for people: dollars with thousands separators
// and the document's own digits ("$41,234.56"), fractions as percentages with 2 decimals
// ("12.34%"), counts with separators ("19,648"), and an em dash for a value that does not exist.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "domain/money.h"
#include "report/json_field.h"

namespace stratus::report {

// What a value that does not exist (null in the document) is shown as.
inline constexpr std::string_view kMissingValue = "\u2014";

// "$41,234.56" from "41234.56", "-$1,234.5678" from "-1234.5678": the text's digits, grouped.
std::string money_text(const Amount& amount);
// As above, from Money's own text (2 to 4 decimals).
std::string money_text(Money money);
// `fraction` * 100 with 2 decimals and "%": 0.1234 -> "12.34%", -0.05 -> "-5.00%"; a value that
// rounds to zero has no sign. nullopt -> the em dash.
std::string percent_text(std::optional<double> fraction);
// A plain number with 2 decimals ("0.52"); nullopt -> the em dash.
std::string ratio_text(std::optional<double> value);
// A total (an account's equity, a profit, a position's value) rounded half away from zero to
// whole cents: "$66,037.39" from 66037.3924. Prices keep their digits (money_text).
std::string cents_text(Money money);
std::string cents_text(const Amount& amount);
// An integer with thousands separators: "19,648", "-1,200".
std::string count_text(std::int64_t n);

}  // namespace stratus::report
