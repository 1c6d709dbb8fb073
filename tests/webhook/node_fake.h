// NodeFake: one of the Node.js fakes of webhook receivers (tests/fakes/apps_script,
// tests/fakes/slack) run as a child process on a free 127.0.0.1 port, with its admin routes
// (failure modes, what it received) one call away. Needs `node` on PATH (scripts/install-deps.sh
// installs it). Test support only.
#pragma once

#include <sys/types.h>

#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "adapters/http/curl_http_client.h"
#include "domain/result.h"

namespace stratus::webhook_test {

class NodeFake {
 public:
  // Starts `node <source_dir>/<script> --host 127.0.0.1 --port 0 <args...>` (the child gets
  // SIGTERM if this process dies) and returns once it printed its port. Its stderr is this
  // process's. Unavailable when node cannot run or no port came within 15 seconds.
  static Result<std::unique_ptr<NodeFake>> start(const std::string& source_dir,
                                                 const std::string& script,
                                                 const std::vector<std::string>& args);

  // SIGTERM, then waits for the child.
  ~NodeFake();
  NodeFake(const NodeFake&) = delete;
  NodeFake& operator=(const NodeFake&) = delete;

  int port() const { return port_; }
  // "http://127.0.0.1:<port>".
  std::string base_url() const;

  // GET <path> on the fake, its JSON answer. Internal for a non-200 or non-JSON answer.
  Result<nlohmann::json> get_json(const std::string& path);
  // POST /__admin/fail?mode=<mode>[&<extra>]. Internal when the fake refused it.
  Status set_mode(const std::string& mode, const std::string& extra = "");

 private:
  NodeFake(pid_t pid, int port) : pid_(pid), port_(port) {}

  pid_t pid_;
  int port_;
  CurlHttpClient admin_;
};

}  // namespace stratus::webhook_test
