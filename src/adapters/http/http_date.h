// HTTP-date (RFC 9110 section 5.6.7): the three forms a recipient must accept, as UTC instants.
#pragma once

#include <optional>
#include <string_view>

#include "domain/time.h"

namespace stratus {

// Parses "Sun, 06 Nov 1994 08:49:37 GMT" (IMF-fixdate), "Sunday, 06-Nov-94 08:49:37 GMT"
// (RFC 850; two-digit years are 19xx/20xx per RFC 9110, the one not more than 50 years ahead)
// and "Sun Nov  6 08:49:37 1994" (asctime). Surrounding blanks are ignored; the weekday is not
// checked against the date. Returns nullopt for anything else, including impossible dates.
// `now` is only used to resolve two-digit years.
std::optional<Timestamp> parse_http_date(std::string_view text, Timestamp now);

}  // namespace stratus
