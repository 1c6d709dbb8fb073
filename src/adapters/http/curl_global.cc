#include "adapters/http/curl_global.h"

#include <curl/curl.h>

#include <mutex>
#include <string>

namespace stratus {

Status ensure_curl_initialised() {
  static std::once_flag once;
  static CURLcode outcome = CURLE_OK;
  std::call_once(once, [] { outcome = curl_global_init(CURL_GLOBAL_DEFAULT); });
  if (outcome != CURLE_OK) {
    return Error::internal(std::string("libcurl could not be initialised: ") +
                           curl_easy_strerror(outcome));
  }
  return {};
}

}  // namespace stratus
