// FakeService: what every local fake of an AWS service shares: a cpp-httplib server on
// 127.0.0.1 (or another host) serving on a background thread, and running as a process that
// prints its port and serves until SIGINT or SIGTERM. Test support only.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <thread>

#include "adapters/aws/sigv4.h"
#include "domain/result.h"

namespace httplib {
class Server;
}

namespace stratus::fakes {

// The credentials the fakes accept unless told others (also what the CLI tests export).
inline const AwsCredentials kFakeAwsCredentials{
    .access_key_id = "AKIDSTRATUSFAKE",
    .secret_access_key = "stratus-fake-secret/key+0123456789",
    .session_token = ""};

class FakeService {
 public:
  virtual ~FakeService();
  FakeService(const FakeService&) = delete;
  FakeService& operator=(const FakeService&) = delete;

  // Serves on host:port (0: an ephemeral port) on a background thread; returns once it accepts
  // connections. Unavailable when it cannot listen. REQUIRES: not started.
  Status start(const std::string& host = "127.0.0.1", int port = 0);
  // Stops serving and joins the thread. Idempotent. Derived classes call it first thing in their
  // destructor, so no request runs against their members while they are destroyed.
  void stop();
  int port() const { return port_; }
  // "http://127.0.0.1:<port>": the value for AWS_ENDPOINT_URL_<SERVICE>.
  std::string endpoint() const;

 protected:
  // `what` names the fake in errors: "the fake SSM".
  explicit FakeService(std::string what);
  // Where derived classes register their routes (in their constructor).
  httplib::Server& server() { return *server_; }

 private:
  std::string what_;
  std::unique_ptr<httplib::Server> server_;
  std::thread thread_;
  int port_ = -1;
};

// The main of a fake's process: blocks SIGINT and SIGTERM, starts `fake` on host:port, prints
// the port (one line on stdout), serves until one of those signals, stops. Returns the exit
// code: 0, or 1 (the reason on stderr, prefixed by `program`) when it cannot listen.
int serve_until_signalled(FakeService& fake, const std::string& host, int port,
                          const std::string& program);

// The options every fake's process takes: --host H, --port P, --access-key-id ID and
// --secret-access-key KEY (the credentials it accepts; default kFakeAwsCredentials).
struct FakeServerOptions {
  std::string host = "127.0.0.1";
  int port = 0;
  AwsCredentials known = kFakeAwsCredentials;
};

// Reads argv[1..] as "--name value" pairs: the common ones into `options`, any other handed to
// `other(name, value)`, which returns "" when it took it or the problem ("unknown option").
// Returns "" or the first problem (a missing value, a non-numeric port, `other`'s answer).
std::string parse_fake_server_args(
    int argc, char** argv, FakeServerOptions& options,
    const std::function<std::string(std::string_view, const std::string&)>& other);

}  // namespace stratus::fakes
