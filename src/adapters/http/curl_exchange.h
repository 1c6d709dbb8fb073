// One HTTP exchange on one libcurl easy handle: sets the handle up for the request, performs
// it, and turns the outcome into an HttpResponse or a port Error.
#pragma once

#include <curl/curl.h>

#include "adapters/http/curl_http_client.h"
#include "adapters/http/url_parts.h"
#include "ports/http_client.h"

namespace stratus {

// REQUIRES: `handle` is a valid easy handle used by no other thread; `request` passed
// check_request(); `url` is parse_url(request.url).
// Guarantees: the handle's options are reset first (its live connections and caches are kept
// for reuse); TLS verification is on; errors follow CurlHttpClient's contract.
Result<HttpResponse> perform_exchange(CURL* handle, const HttpRequest& request, const UrlParts& url,
                                      const CurlOptions& options);

}  // namespace stratus
