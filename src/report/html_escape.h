// Escaping text for HTML and SVG, in element content and in quoted attribute values alike.
#pragma once

#include <string>
#include <string_view>

namespace stratus::report {

// Guarantees: & < > " ' become entities; control characters other than tab and newline are
// dropped (they are not allowed in HTML text); every other byte is kept as it is.
std::string html_escape(std::string_view text);

}  // namespace stratus::report
