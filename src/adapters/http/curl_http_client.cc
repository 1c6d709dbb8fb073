#include "adapters/http/curl_http_client.h"

#include <curl/curl.h>

#include <mutex>
#include <utility>
#include <vector>

#include "adapters/http/curl_exchange.h"
#include "adapters/http/curl_global.h"
#include "adapters/http/request_check.h"
#include "adapters/http/url_parts.h"

namespace stratus {
namespace {

std::mutex default_ca_mutex;
std::string& default_ca() {
  static std::string path;
  return path;
}

}  // namespace

void set_default_ca_file(std::string path) {
  std::lock_guard lock(default_ca_mutex);
  default_ca() = std::move(path);
}

std::string default_ca_file() {
  std::lock_guard lock(default_ca_mutex);
  return default_ca();
}

// Idle easy handles, each with its own cache of live connections. Handing out the most recently
// returned handle first means sequential calls keep using one warm connection.
struct CurlHttpClient::Pool {
  static constexpr std::size_t kMaxIdle = 8;

  std::mutex mutex;
  std::vector<CURL*> idle;

  ~Pool() {
    for (CURL* handle : idle) curl_easy_cleanup(handle);
  }

  // A handle for the caller's exclusive use, or nullptr when libcurl cannot make one.
  CURL* take() {
    {
      std::lock_guard lock(mutex);
      if (!idle.empty()) {
        CURL* handle = idle.back();
        idle.pop_back();
        return handle;
      }
    }
    return curl_easy_init();
  }

  void give_back(CURL* handle) {
    {
      std::lock_guard lock(mutex);
      if (idle.size() < kMaxIdle) {
        idle.push_back(handle);
        return;
      }
    }
    curl_easy_cleanup(handle);
  }
};

CurlHttpClient::CurlHttpClient(CurlOptions options)
    : options_(std::move(options)), pool_(std::make_unique<Pool>()) {
  (void)ensure_curl_initialised();  // Reported by send() if it failed.
}

CurlHttpClient::~CurlHttpClient() = default;

Result<HttpResponse> CurlHttpClient::send(const HttpRequest& request) {
  STRATUS_RETURN_IF_ERROR(ensure_curl_initialised());
  auto url = parse_url(request.url);
  if (!url.ok()) {
    return Error::invalid_input(request.method + " request: " + url.error().message);
  }
  if (auto checked = check_request(request); !checked.ok()) {
    return Error::invalid_input(request.method + " " + url->display() + ": " +
                                checked.error().message);
  }
  CURL* handle = pool_->take();
  if (handle == nullptr) {
    return Error::internal(request.method + " " + url->display() +
                           ": libcurl could not create a handle");
  }
  Result<HttpResponse> result = perform_exchange(handle, request, *url, options_);
  pool_->give_back(handle);
  return result;
}

}  // namespace stratus
