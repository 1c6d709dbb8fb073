#include "adapters/http/curl_exchange.h"

#include <memory>
#include <string>
#include <string_view>

#include "adapters/http/curl_error.h"
#include "adapters/http/redactor.h"

namespace stratus {
namespace {

// What the callbacks of one transfer share. Callbacks never throw into libcurl.
struct Transfer {
  const HttpRequest* request = nullptr;
  const Redactor* redactor = nullptr;
  const CurlOptions* options = nullptr;
  HttpResponse response;
  int request_starts = 0;  // How many times libcurl began to send the request.
  bool resend_refused = false;
  bool out_of_memory = false;
};

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r' ||
                           text.back() == '\n')) {
    text.remove_suffix(1);
  }
  return text;
}

size_t on_body(char* data, size_t size, size_t count, void* user) noexcept {
  auto* transfer = static_cast<Transfer*>(user);
  try {
    transfer->response.body.append(data, size * count);
    return size * count;
  } catch (...) {
    transfer->out_of_memory = true;
    return 0;  // Makes libcurl stop with CURLE_WRITE_ERROR.
  }
}

size_t on_header(char* data, size_t size, size_t count, void* user) noexcept {
  auto* transfer = static_cast<Transfer*>(user);
  const std::string_view line(data, size * count);
  try {
    if (line.starts_with("HTTP/")) {
      transfer->response.headers.clear();  // A new (final or interim) response begins.
    } else if (const auto colon = line.find(':'); colon != std::string_view::npos) {
      transfer->response.headers.emplace_back(std::string(trim(line.substr(0, colon))),
                                              std::string(trim(line.substr(colon + 1))));
    }
    return size * count;
  } catch (...) {
    transfer->out_of_memory = true;
    return 0;
  }
}

// Called by libcurl on a connected (or reused) connection right before it sends the request.
// A second call means libcurl is resending on a fresh connection after the first one died;
// that is refused for non-idempotent requests.
int on_request_start(void* user, char*, char*, int, int) noexcept {
  auto* transfer = static_cast<Transfer*>(user);
  ++transfer->request_starts;
  if (transfer->request_starts > 1 && !transfer->request->idempotent) {
    transfer->resend_refused = true;
    return CURL_PREREQFUNC_ABORT;
  }
  return CURL_PREREQFUNC_OK;
}

int on_debug(CURL*, curl_infotype type, char* data, size_t size, void* user) noexcept {
  auto* transfer = static_cast<Transfer*>(user);
  try {
    const std::string_view text(data, size);
    switch (type) {
      case CURLINFO_TEXT:
        transfer->options->debug_log("* " + transfer->redactor->redact(trim(text)));
        break;
      case CURLINFO_HEADER_OUT:
        transfer->options->debug_log("> " + transfer->redactor->redact(trim(text)));
        break;
      case CURLINFO_HEADER_IN:
        transfer->options->debug_log("< " + transfer->redactor->redact(trim(text)));
        break;
      case CURLINFO_DATA_OUT:
        transfer->options->debug_log("> [" + std::to_string(size) + " bytes of body]");
        break;
      case CURLINFO_DATA_IN:
        transfer->options->debug_log("< [" + std::to_string(size) + " bytes of body]");
        break;
      default:
        break;  // TLS records: nothing useful and nothing to leak.
    }
  } catch (...) {
    // The trace is best effort; it must never disturb the exchange.
  }
  return 0;
}

struct SlistDeleter {
  void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};
using Slist = std::unique_ptr<curl_slist, SlistDeleter>;

bool has_header(const HttpRequest& request, std::string_view name) {
  HttpResponse probe;  // Reuses the port's case-insensitive lookup.
  probe.headers = request.headers;
  return probe.header(name).has_value();
}

// Fills `list` with the request headers as libcurl wants them; false when out of memory.
bool build_headers(const HttpRequest& request, bool sends_body, Slist& list) {
  auto add = [&list](const std::string& line) {
    curl_slist* grown = curl_slist_append(list.get(), line.c_str());
    if (grown == nullptr) return false;
    (void)list.release();
    list.reset(grown);
    return true;
  };
  for (const auto& [name, value] : request.headers) {
    // "Name;" is libcurl's way to send a header with an empty value.
    if (!add(value.empty() ? name + ";" : name + ": " + value)) return false;
  }
  // No "Expect: 100-continue" round trip, and no made-up form content type.
  if (!has_header(request, "Expect") && !add("Expect:")) return false;
  if (sends_body && !has_header(request, "Content-Type") && !add("Content-Type:")) return false;
  return true;
}

// Applies options one by one and remembers the first one libcurl refused.
class Setter {
 public:
  explicit Setter(CURL* handle) : handle_(handle) {}
  template <typename T>
  void operator()(CURLoption option, T value) {
    if (code_ == CURLE_OK) code_ = curl_easy_setopt(handle_, option, value);
  }
  CURLcode code() const { return code_; }

 private:
  CURL* handle_;
  CURLcode code_ = CURLE_OK;
};

CURLcode configure(CURL* handle, const HttpRequest& request, const CurlOptions& options,
                   curl_slist* headers, Transfer& transfer, char* error_buffer) {
  Setter set(handle);
  set(CURLOPT_ERRORBUFFER, error_buffer);
  set(CURLOPT_URL, request.url.c_str());
  set(CURLOPT_PROTOCOLS_STR, "http,https");
  set(CURLOPT_NOSIGNAL, 1L);
  set(CURLOPT_SSL_VERIFYPEER, 1L);  // Always: there is no option to turn verification off.
  set(CURLOPT_SSL_VERIFYHOST, 2L);
  set(CURLOPT_FOLLOWLOCATION, 0L);
  set(CURLOPT_TCP_KEEPALIVE, 1L);
  set(CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(options.connect_timeout.count()));
  set(CURLOPT_TIMEOUT_MS, static_cast<long>(options.total_timeout.count()));
  set(CURLOPT_USERAGENT, options.user_agent.c_str());
  set(CURLOPT_ACCEPT_ENCODING, "");  // Every encoding libcurl can decode.
  set(CURLOPT_HTTPHEADER, headers);
  set(CURLOPT_WRITEFUNCTION, &on_body);
  set(CURLOPT_WRITEDATA, &transfer);
  set(CURLOPT_HEADERFUNCTION, &on_header);
  set(CURLOPT_HEADERDATA, &transfer);
  set(CURLOPT_PREREQFUNCTION, &on_request_start);
  set(CURLOPT_PREREQDATA, &transfer);
  // libcurl copies string options, so the temporary may go.
  const std::string ca_file = options.ca_file.empty() ? default_ca_file() : options.ca_file;
  if (!ca_file.empty()) set(CURLOPT_CAINFO, ca_file.c_str());
  if (options.debug_log) {
    set(CURLOPT_DEBUGFUNCTION, &on_debug);
    set(CURLOPT_DEBUGDATA, &transfer);
    set(CURLOPT_VERBOSE, 1L);
  }
  if (request.method == "GET") {
    set(CURLOPT_HTTPGET, 1L);
  } else if (request.method == "DELETE") {
    set(CURLOPT_CUSTOMREQUEST, "DELETE");
  } else {
    // POST, PUT, PATCH: the body (possibly empty, then Content-Length: 0) from memory.
    set(CURLOPT_POST, 1L);
    set(CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
    set(CURLOPT_POSTFIELDS, request.body.data());
    if (request.method != "POST") set(CURLOPT_CUSTOMREQUEST, request.method.c_str());
  }
  return set.code();
}

}  // namespace

Result<HttpResponse> perform_exchange(CURL* handle, const HttpRequest& request, const UrlParts& url,
                                      const CurlOptions& options) {
  const Redactor redactor(request);
  const std::string target = request.method + " " + url.display();
  Transfer transfer;
  transfer.request = &request;
  transfer.redactor = &redactor;
  transfer.options = &options;

  const bool sends_body = request.method != "GET" && request.method != "DELETE";
  Slist headers;
  if (!build_headers(request, sends_body, headers)) {
    return Error::internal(target + ": out of memory building the request headers");
  }
  char error_buffer[CURL_ERROR_SIZE] = {};
  curl_easy_reset(handle);
  const CURLcode setup = configure(handle, request, options, headers.get(), transfer, error_buffer);
  if (setup != CURLE_OK) {
    curl_easy_reset(handle);
    return Error::internal(target + ": libcurl refused an option: " + curl_easy_strerror(setup));
  }
  const CURLcode code = curl_easy_perform(handle);
  long status = 0;
  curl_easy_getinfo(handle, CURLINFO_RESPONSE_CODE, &status);
  curl_easy_reset(handle);  // Drops pointers into this frame; keeps the connections.

  if (code != CURLE_OK || transfer.out_of_memory) {
    CurlFailure failure;
    failure.code = transfer.out_of_memory ? CURLE_OUT_OF_MEMORY : code;
    failure.request_started = transfer.request_starts > 0;
    failure.resend_refused = transfer.resend_refused;
    failure.target = target;
    failure.authority = url.authority;
    const std::string detail = redactor.redact(trim(error_buffer));
    failure.detail = detail;
    failure.connect_timeout = options.connect_timeout;
    failure.total_timeout = options.total_timeout;
    return curl_failure_error(failure);
  }
  if (status < 100 || status > 999) {
    return Error::ambiguous(target + ": " + url.authority + " sent no valid HTTP status (" +
                            std::to_string(status) + "); the request may have taken effect");
  }
  transfer.response.status = static_cast<int>(status);
  return std::move(transfer.response);
}

}  // namespace stratus
