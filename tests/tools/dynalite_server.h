// DynaliteServer: a local DynamoDB (the npm package dynalite, in memory) on a free 127.0.0.1 port,
// for tests. Needs `node` on PATH and tests/tools/node_modules (scripts/install-deps.sh installs
// both).
#pragma once

#include <sys/types.h>

#include <memory>
#include <string>

#include "domain/result.h"

namespace stratus::test {

class DynaliteServer {
 public:
  // Starts dynalite (tests/tools/dynalite-server.js under `source_dir`) on a port picked free on
  // 127.0.0.1, trying another port when that one was taken meanwhile (up to 8 tries), and returns
  // once it accepts TCP connections. Errors: Unavailable when node or the tools are missing (the
  // message says how to install them) or the server did not come up within 15 seconds.
  static Result<std::unique_ptr<DynaliteServer>> start(const std::string& source_dir);

  // Stops the server (SIGTERM, then waits for it).
  ~DynaliteServer();
  DynaliteServer(const DynaliteServer&) = delete;
  DynaliteServer& operator=(const DynaliteServer&) = delete;

  int port() const { return port_; }
  // "http://127.0.0.1:<port>".
  std::string endpoint() const;

 private:
  DynaliteServer(pid_t pid, int stdin_fd, int port) : pid_(pid), stdin_fd_(stdin_fd), port_(port) {}

  pid_t pid_;
  int stdin_fd_;  // Closing it also ends the server (it exits when its stdin closes).
  int port_;
};

}  // namespace stratus::test
