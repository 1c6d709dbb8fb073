#include "domain/order_id.h"

#include <cstdint>
#include <cstdio>

namespace stratus {
namespace {

// FNV-1a, 64 bit: stable across platforms and releases (unlike std::hash).
std::uint64_t fnv1a(std::string_view text) {
  std::uint64_t h = 14695981039346656037ull;
  for (unsigned char c : text) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h;
}

}  // namespace

std::string derive_client_order_id(std::string_view strategy, std::string_view symbol, Date session,
                                   int sequence) {
  std::string date = format_date(session);  // "YYYY-MM-DD" -> "YYYYMMDD"
  date.erase(7, 1);
  date.erase(4, 1);
  const std::string number = std::to_string(sequence);
  // The common case, one allocation: "<strategy>-<symbol>-<YYYYMMDD>-<sequence>".
  std::string full;
  full.reserve(strategy.size() + symbol.size() + date.size() + number.size() + 3);
  full.append(strategy).append("-").append(symbol).append("-").append(date).append("-").append(
      number);
  if (full.size() <= kMaxClientOrderIdLength) return full;

  const std::string tail = "-" + std::string(symbol) + "-" + date + "-" + number;
  char hash[17];
  std::snprintf(hash, sizeof hash, "%016llx", static_cast<unsigned long long>(fnv1a(full)));
  const std::string suffix = "~" + std::string(hash, 8) + tail;
  if (suffix.size() >= kMaxClientOrderIdLength) {
    // Only an absurdly long symbol gets here; keep the hash, which still identifies it.
    return ("h" + std::string(hash) + "-" + date + "-" + number).substr(0, kMaxClientOrderIdLength);
  }
  return std::string(strategy.substr(0, kMaxClientOrderIdLength - suffix.size())) + suffix;
}

}  // namespace stratus
