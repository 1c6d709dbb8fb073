// LocalHttpServer: a cpp-httplib server on 127.0.0.1 and an ephemeral port, run on its own
// thread, that counts the TCP connections and requests it serves. Tests register routes on
// routes() before start().
#pragma once

#include <httplib.h>

#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <string_view>
#include <thread>

namespace stratus::http_test {

class LocalHttpServer {
 public:
  // Binds 127.0.0.1:0 and speaks plain HTTP.
  LocalHttpServer();
  // Binds 127.0.0.1:0 and speaks HTTPS with `cert` and `key` (the caller keeps ownership; the
  // server takes its own references).
  LocalHttpServer(X509* cert, EVP_PKEY* key);
  ~LocalHttpServer();
  LocalHttpServer(const LocalHttpServer&) = delete;
  LocalHttpServer& operator=(const LocalHttpServer&) = delete;

  // REQUIRES: not started yet.
  httplib::Server& routes() { return *server_; }
  // Starts serving. REQUIRES: called once.
  void start();

  int port() const { return port_; }
  // "http://127.0.0.1:<port><path>" (https for a TLS server).
  std::string url(std::string_view path) const;
  // Distinct client connections that sent at least one request.
  int connections() const;
  // Requests received (every route, before routing).
  int requests() const;

 private:
  void bind();

  std::unique_ptr<httplib::Server> server_;
  std::string scheme_;
  int port_ = -1;
  std::thread thread_;
  mutable std::mutex mutex_;
  std::set<int> client_ports_;
  int requests_ = 0;
};

}  // namespace stratus::http_test
