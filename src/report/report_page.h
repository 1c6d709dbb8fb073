// The frame of the backtest and sweep reports' self-contained HTML page: doctype, head (charset,
// viewport, title, the one style sheet with the charts' and heat map's rules and the accounts'
// colours) and body. Nothing in it is fetched or run: no script, link, font or url().
#pragma once

#include <string>
#include <string_view>

namespace stratus::report {

// Everything up to and including "<main>"; `title` is escaped.
std::string report_page_open(std::string_view title);
// "</main></body></html>\n".
std::string report_page_close();

}  // namespace stratus::report
