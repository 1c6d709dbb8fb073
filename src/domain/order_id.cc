#include "domain/order_id.h"

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <cstdio>

#include "support/short_key_hash.h"

namespace stratus {

std::string derive_client_order_id(std::string_view strategy, std::string_view symbol, Date session,
                                   int sequence) {
  std::string id;
  SessionOrderIds(strategy, session).write(symbol, sequence, id);
  return id;
}

SessionOrderIds::SessionOrderIds(std::string_view strategy, Date session) : strategy_(strategy) {
  const std::string date = format_date(session);  // "YYYY-MM-DD" -> "-YYYYMMDD-"
  date_[0] = '-';
  std::copy_n(date.data(), 4, date_ + 1);
  std::copy_n(date.data() + 5, 2, date_ + 5);
  std::copy_n(date.data() + 8, 2, date_ + 7);
  date_[9] = '-';
}

void SessionOrderIds::write(std::string_view symbol, int sequence, std::string& out) const {
  const std::string_view date(date_ + 1, 8);
  char number_text[16];
  const auto written = std::to_chars(number_text, number_text + sizeof number_text, sequence);
  const std::string_view number(number_text, static_cast<std::size_t>(written.ptr - number_text));
  // The common case: "<strategy>-<symbol>-<YYYYMMDD>-<sequence>", copied piece by piece into
  // the string's own buffer.
  out.resize(strategy_.size() + 1 + symbol.size() + sizeof date_ + number.size());
  char* next = std::copy(strategy_.begin(), strategy_.end(), out.data());
  *next++ = '-';
  next = std::copy(symbol.begin(), symbol.end(), next);
  next = std::copy(date_, date_ + sizeof date_, next);
  std::copy(number.begin(), number.end(), next);
  if (out.size() <= kMaxClientOrderIdLength) return;

  const std::string tail =
      "-" + std::string(symbol) + "-" + std::string(date) + "-" + std::string(number);
  char hash[17];
  std::snprintf(hash, sizeof hash, "%016llx", static_cast<unsigned long long>(fnv1a_64(out)));
  const std::string suffix = "~" + std::string(hash, 8) + tail;
  if (suffix.size() >= kMaxClientOrderIdLength) {
    // Only an absurdly long symbol gets here; keep the hash, which still identifies it.
    out = ("h" + std::string(hash) + "-" + std::string(date) + "-" + std::string(number))
              .substr(0, kMaxClientOrderIdLength);
    return;
  }
  out = std::string(strategy_.substr(0, kMaxClientOrderIdLength - suffix.size())) + suffix;
}

}  // namespace stratus
