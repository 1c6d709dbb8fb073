// RawTcpServer: a misbehaving HTTP server on 127.0.0.1 and an ephemeral port, written on plain
// sockets, for the failures cpp-httplib cannot produce: reading a request and then hanging up
// or never answering.
#pragma once

#include <atomic>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace stratus::http_test {

class RawTcpServer {
 public:
  enum class Behaviour {
    kHangUpAfterRequest,    // Reads a whole request, then closes the connection unanswered.
    kNeverAnswer,           // Reads a whole request, then holds the connection silently.
    kAnswerOnceThenHangUp,  // Answers a connection's first request (200, keep-alive), then
                            // reads the next one and closes unanswered.
  };

  explicit RawTcpServer(Behaviour behaviour);
  ~RawTcpServer();  // Closes every connection and joins every thread.
  RawTcpServer(const RawTcpServer&) = delete;
  RawTcpServer& operator=(const RawTcpServer&) = delete;

  int port() const { return port_; }
  std::string url(std::string_view path) const;
  int connections() const { return connections_.load(); }
  // Complete requests read so far.
  int requests() const;
  // Their request lines, e.g. "POST /v2/orders HTTP/1.1".
  std::vector<std::string> request_lines() const;
  // Their raw header blocks, for checks on what was sent.
  std::vector<std::string> request_heads() const;

 private:
  void accept_loop();
  void serve(int fd);
  // Reads one request (head and Content-Length body). False on EOF, error or stop.
  bool read_request(int fd, std::string& buffer);
  bool wait_readable(int fd);

  Behaviour behaviour_;
  int listen_fd_ = -1;
  int port_ = -1;
  std::atomic<bool> stopping_{false};
  std::atomic<int> connections_{0};
  std::thread acceptor_;
  mutable std::mutex mutex_;
  std::vector<std::thread> workers_;
  std::vector<std::string> heads_;
};

// A TCP port on 127.0.0.1 with nothing listening (bound once, then released).
int unused_local_port();

}  // namespace stratus::http_test
