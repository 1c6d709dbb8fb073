#include "raw_tcp_server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cctype>
#include <cstdlib>
#include <string>

namespace stratus::http_test {
namespace {

constexpr int kPollMs = 10;

int listen_on_loopback(int* port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) std::abort();
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = 0;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) std::abort();
  socklen_t length = sizeof address;
  if (::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) std::abort();
  *port = ntohs(address.sin_port);
  return fd;
}

std::size_t content_length(std::string_view head) {
  std::string lower(head);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  const auto at = lower.find("\r\ncontent-length:");
  if (at == std::string::npos) return 0;
  return std::strtoul(lower.c_str() + at + 17, nullptr, 10);
}

}  // namespace

int unused_local_port() {
  int port = 0;
  const int fd = listen_on_loopback(&port);
  ::close(fd);
  return port;
}

RawTcpServer::RawTcpServer(Behaviour behaviour) : behaviour_(behaviour) {
  listen_fd_ = listen_on_loopback(&port_);
  if (::listen(listen_fd_, 16) != 0) std::abort();
  acceptor_ = std::thread([this] { accept_loop(); });
}

RawTcpServer::~RawTcpServer() {
  stopping_ = true;
  acceptor_.join();
  ::close(listen_fd_);
  std::lock_guard lock(mutex_);
  for (auto& worker : workers_) worker.join();
}

std::string RawTcpServer::url(std::string_view path) const {
  return "http://127.0.0.1:" + std::to_string(port_) + std::string(path);
}

int RawTcpServer::requests() const {
  std::lock_guard lock(mutex_);
  return static_cast<int>(heads_.size());
}

std::vector<std::string> RawTcpServer::request_lines() const {
  std::lock_guard lock(mutex_);
  std::vector<std::string> lines;
  for (const auto& head : heads_) lines.push_back(head.substr(0, head.find("\r\n")));
  return lines;
}

std::vector<std::string> RawTcpServer::request_heads() const {
  std::lock_guard lock(mutex_);
  return heads_;
}

bool RawTcpServer::wait_readable(int fd) {
  while (!stopping_) {
    pollfd p{fd, POLLIN, 0};
    const int ready = ::poll(&p, 1, kPollMs);
    if (ready > 0) return true;
    if (ready < 0) return false;
  }
  return false;
}

void RawTcpServer::accept_loop() {
  while (wait_readable(listen_fd_)) {
    const int fd = ::accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC);
    if (fd < 0) continue;
    ++connections_;
    std::lock_guard lock(mutex_);
    workers_.emplace_back([this, fd] {
      serve(fd);
      ::close(fd);
    });
  }
}

bool RawTcpServer::read_request(int fd, std::string& buffer) {
  std::size_t head_end = std::string::npos;
  while (true) {
    if (head_end == std::string::npos) head_end = buffer.find("\r\n\r\n");
    if (head_end != std::string::npos) {
      const std::size_t total = head_end + 4 + content_length(buffer.substr(0, head_end + 2));
      if (buffer.size() >= total) {
        {
          std::lock_guard lock(mutex_);
          heads_.push_back(buffer.substr(0, head_end + 2));
        }
        buffer.erase(0, total);
        return true;
      }
    }
    if (!wait_readable(fd)) return false;
    char chunk[4096];
    const ssize_t n = ::recv(fd, chunk, sizeof chunk, 0);
    if (n <= 0) return false;
    buffer.append(chunk, static_cast<std::size_t>(n));
  }
}

void RawTcpServer::serve(int fd) {
  std::string buffer;
  if (behaviour_ == Behaviour::kAnswerOnceThenHangUp) {
    if (!read_request(fd, buffer)) return;
    const std::string_view answer =
        "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: keep-alive\r\n\r\nok";
    if (::send(fd, answer.data(), answer.size(), MSG_NOSIGNAL) < 0) return;
  }
  if (!read_request(fd, buffer)) return;
  if (behaviour_ == Behaviour::kNeverAnswer) {
    // Hold the connection until the client gives up (EOF) or the server stops.
    char chunk[512];
    while (wait_readable(fd) && ::recv(fd, chunk, sizeof chunk, 0) > 0) {
    }
  }
  // Hang up: with SO_LINGER off this is a plain FIN after the unanswered request.
}

}  // namespace stratus::http_test
