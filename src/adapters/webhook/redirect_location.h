// Where a redirect points: a Location header value resolved against the URL that answered it
// (RFC 9110 section 10.2.2 allows a relative reference).
#pragma once

#include <string>
#include <string_view>

#include "domain/result.h"

namespace stratus {

// `location` as an absolute http(s) URL: kept when absolute ("https://host/x"), given the
// base's scheme when scheme-relative ("//host/x"), the base's scheme and authority when
// absolute-path ("/x?y"), and the base's directory otherwise ("x" against
// "https://h/a/b" -> "https://h/a/x"). Dot segments are not removed.
// InvalidInput when `location` is empty, names a scheme other than http(s), or `base` is not an
// absolute http(s) URL. Messages never repeat either URL (they may hold tokens).
Result<std::string> resolve_location(std::string_view base, std::string_view location);

}  // namespace stratus
