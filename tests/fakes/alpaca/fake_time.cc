#include "fakes/alpaca/fake_time.h"

#include <cstdio>

#include "domain/time.h"

namespace stratus::fakes {

std::string format_alpaca_time(FakeTime t) {
  const auto seconds = std::chrono::floor<std::chrono::seconds>(t);
  std::string text = format_utc_timestamp(seconds);  // "...:SSZ"
  long long nanos = (t - seconds).count();
  if (nanos == 0) return text;
  char digits[16];
  std::snprintf(digits, sizeof digits, "%09lld", nanos);
  std::string fraction(digits);
  while (!fraction.empty() && fraction.back() == '0') fraction.pop_back();
  text.pop_back();  // 'Z'
  return text + "." + fraction + "Z";
}

}  // namespace stratus::fakes
