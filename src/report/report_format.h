// How the monthly report's renderers write numbers: exact, from Money and Percent, with "-" for
// a value that is absent.
#pragma once

#include <optional>
#include <string>

#include "domain/money.h"
#include "domain/percent.h"

namespace stratus::report {

// Dollars with 2 to 4 decimals, exactly: "211.63", "463.8118".
std::string dollars(Money m);
std::string dollars(const std::optional<Money>& m);
// A price with exactly 4 decimals (averages are rounded to 4): "105.8150".
std::string price4(const std::optional<Money>& m);
// Dollars with a sign for gains: "+14.95", "-3.2", "0.00".
std::string signed_dollars(const std::optional<Money>& m);
// "+7.06%", "-1.50%", "0.00%".
std::string signed_percent(const std::optional<Percent>& p);

}  // namespace stratus::report
