// CurlHttpClient: the HttpClient port on libcurl.
//
//  - Connections are kept alive and reused: each exchange borrows a curl easy handle from a
//    small pool and gives it back, so sequential calls to one host share one connection.
//  - TLS peer and host verification are always on (there is no switch to turn them off).
//  - Connect and total timeouts come from CurlOptions.
//  - Proxies: libcurl itself honours http_proxy, https_proxy, all_proxy and no_proxy (and their
//    upper-case forms except HTTP_PROXY); this class never reads the environment.
//  - Failures map to the port's classes by whether the request may have left this process:
//      before libcurl started sending (DNS, connect refused or timed out, TLS handshake or
//      certificate, proxy)                                    -> Unavailable
//      after it started (timeout waiting for the answer, connection reset or closed without an
//      answer, answer cut short)                              -> Ambiguous
//      malformed request (method, URL, header syntax)         -> InvalidInput
//    libcurl silently resends a request once when a reused keep-alive connection turns out to
//    be dead; for requests with idempotent == false that resend is refused and the exchange ends
//    Ambiguous instead, so a POST is never sent twice by this class.
//  - Messages read "<METHOD> <scheme>://<host[:port]><path>: <what happened>" (no query, no user
//    information) and never contain the values of secret headers (request.secret_headers, plus
//    Authorization and Proxy-Authorization). No verbose output unless CurlOptions::debug_log is
//    set, and that trace is redacted the same way.
//  - Response headers are collected (those of the final response, after any 100 Continue).
//    Compressed answers (gzip, deflate, br) are accepted and decoded: body is always the
//    decoded content, even where a Content-Encoding header is listed.
//  - Redirects are not followed (a 3xx is returned as the answer).
//
// Thread-safe: concurrent send() calls use different easy handles.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "ports/http_client.h"

namespace stratus {

struct CurlOptions {
  // Limit on establishing a connection: TCP, proxy and TLS handshake.
  std::chrono::milliseconds connect_timeout{5'000};
  // Limit on the whole exchange, connection included.
  std::chrono::milliseconds total_timeout{30'000};
  // Sent as User-Agent unless the request carries its own.
  std::string user_agent = "stratus/0.1";
  // PEM file of CA certificates to trust instead of the default store. Empty: the process
  // default (set_default_ca_file), else the system's. Verification stays on either way.
  std::string ca_file;
  // When set, receives libcurl's verbose trace one event at a time, secret header values
  // redacted and bodies reduced to their size. Unset (the default): no verbose output at all.
  // Called on the thread that called send().
  std::function<void(std::string_view)> debug_log;
};

// The CA file of every client whose options name none. Empty (the start): the store libcurl was
// built with, which for Debian's libcurl is /etc/ssl/certs/ca-certificates.crt whatever the
// environment says; a system without that file (Amazon Linux, a Lambda function) needs this.
// Set by main from CURL_CA_BUNDLE or SSL_CERT_FILE, the variables the curl tool and OpenSSL
// honour. Takes effect for exchanges started afterwards. Thread-safe.
void set_default_ca_file(std::string path);
std::string default_ca_file();

class CurlHttpClient final : public HttpClient {
 public:
  // Initialises libcurl for the process on first use (once, thread-safe). Never fails: if
  // libcurl cannot be initialised, send() answers Internal.
  explicit CurlHttpClient(CurlOptions options = {});
  ~CurlHttpClient() override;
  CurlHttpClient(const CurlHttpClient&) = delete;
  CurlHttpClient& operator=(const CurlHttpClient&) = delete;

  // Methods: GET, POST, PUT, PATCH, DELETE; GET and DELETE carry no body. URL: absolute
  // http(s). Header names are tokens; values contain no CR, LF or NUL. Otherwise InvalidInput.
  Result<HttpResponse> send(const HttpRequest& request) override;

 private:
  struct Pool;
  CurlOptions options_;
  std::unique_ptr<Pool> pool_;
};

}  // namespace stratus
