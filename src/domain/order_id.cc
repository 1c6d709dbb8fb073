#include "domain/order_id.h"

#include <charconv>
#include <cstdint>
#include <cstdio>

#include "support/short_key_hash.h"

namespace stratus {

std::string derive_client_order_id(std::string_view strategy, std::string_view symbol, Date session,
                                   int sequence) {
  std::string date = format_date(session);  // "YYYY-MM-DD" -> "YYYYMMDD"
  date.erase(7, 1);
  date.erase(4, 1);
  char number_text[16];
  const auto written = std::to_chars(number_text, number_text + sizeof number_text, sequence);
  const std::string_view number(number_text, static_cast<std::size_t>(written.ptr - number_text));
  // The common case, one allocation: "<strategy>-<symbol>-<YYYYMMDD>-<sequence>".
  std::string full;
  full.reserve(strategy.size() + symbol.size() + date.size() + number.size() + 3);
  full.append(strategy).append(1, '-').append(symbol).append(1, '-').append(date).append(1, '-');
  full.append(number);
  if (full.size() <= kMaxClientOrderIdLength) return full;

  const std::string tail = "-" + std::string(symbol) + "-" + date + "-" + std::string(number);
  char hash[17];
  std::snprintf(hash, sizeof hash, "%016llx", static_cast<unsigned long long>(fnv1a_64(full)));
  const std::string suffix = "~" + std::string(hash, 8) + tail;
  if (suffix.size() >= kMaxClientOrderIdLength) {
    // Only an absurdly long symbol gets here; keep the hash, which still identifies it.
    return ("h" + std::string(hash) + "-" + date + "-" + std::string(number))
        .substr(0, kMaxClientOrderIdLength);
  }
  return std::string(strategy.substr(0, kMaxClientOrderIdLength - suffix.size())) + suffix;
}

}  // namespace stratus
