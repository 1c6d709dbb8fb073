// DynaliteServer: starts node on tests/tools/dynalite-server.js and reads its "listening <port>"
// line (see dynalite_server.h).
#include "dynalite_server.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <filesystem>
#include <optional>
#include <string>

namespace stratus::test {
namespace {

constexpr int kPortTakenExit = 98;  // dynalite-server.js: the port was taken.
constexpr int kAttempts = 8;
constexpr auto kStartTimeout = std::chrono::seconds(15);

// A port that was free on 127.0.0.1 a moment ago (the kernel's pick), or nullopt.
std::optional<int> free_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return std::nullopt;
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  socklen_t len = sizeof addr;
  std::optional<int> port;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0 &&
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0) {
    port = ntohs(addr.sin_port);
  }
  ::close(fd);
  return port;
}

bool accepts_connections(int port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return false;
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = htons(static_cast<std::uint16_t>(port));
  const bool ok = ::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
  ::close(fd);
  return ok;
}

struct Launch {
  pid_t pid = -1;
  int stdin_fd = -1;
  int stdout_fd = -1;
};

Result<Launch> launch(const std::string& script, int port) {
  int in[2];
  int out[2];
  if (::pipe2(in, O_CLOEXEC) != 0 || ::pipe2(out, O_CLOEXEC) != 0) {
    return Error::unavailable("dynalite: cannot create pipes");
  }
  const std::string port_text = std::to_string(port);
  const pid_t pid = ::fork();
  if (pid < 0) return Error::unavailable("dynalite: fork failed");
  if (pid == 0) {
    ::dup2(in[0], STDIN_FILENO);
    ::dup2(out[1], STDOUT_FILENO);
    ::execlp("node", "node", script.c_str(), "--port", port_text.c_str(),
             static_cast<char*>(nullptr));
    ::_exit(127);
  }
  ::close(in[0]);
  ::close(out[1]);
  return Launch{pid, in[1], out[0]};
}

enum class StartOutcome { kListening, kExited, kTimedOut };

// Reads the child's stdout until "listening <port>\n", EOF (the child exited) or the deadline.
StartOutcome wait_for_listening(int fd, int port) {
  const auto deadline = std::chrono::steady_clock::now() + kStartTimeout;
  const std::string expected = "listening " + std::to_string(port) + "\n";
  std::string seen;
  while (seen.find(expected) == std::string::npos) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return StartOutcome::kTimedOut;
    pollfd p{fd, POLLIN, 0};
    if (::poll(&p, 1, static_cast<int>(left.count())) <= 0) return StartOutcome::kTimedOut;
    char buffer[256];
    const ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n <= 0) return StartOutcome::kExited;
    seen.append(buffer, static_cast<std::size_t>(n));
  }
  return StartOutcome::kListening;
}

// Ends `pid` and returns its exit code (-1 when killed by a signal).
int reap(pid_t pid, bool terminate) {
  if (terminate) ::kill(pid, SIGTERM);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

}  // namespace

Result<std::unique_ptr<DynaliteServer>> DynaliteServer::start(const std::string& source_dir) {
  const std::filesystem::path tools = std::filesystem::path(source_dir) / "tests" / "tools";
  const std::string script = (tools / "dynalite-server.js").string();
  if (!std::filesystem::exists(tools / "node_modules" / "dynalite")) {
    return Error::unavailable("dynalite is not installed in " + (tools / "node_modules").string() +
                              "; run scripts/install-deps.sh (it runs npm ci in tests/tools)");
  }
  for (int attempt = 0; attempt < kAttempts; ++attempt) {
    auto port = free_port();
    if (!port) return Error::unavailable("dynalite: no free port on 127.0.0.1");
    STRATUS_ASSIGN_OR_RETURN(Launch child, launch(script, *port));
    const StartOutcome outcome = wait_for_listening(child.stdout_fd, *port);
    ::close(child.stdout_fd);
    if (outcome == StartOutcome::kListening && accepts_connections(*port)) {
      return std::unique_ptr<DynaliteServer>(new DynaliteServer(child.pid, child.stdin_fd, *port));
    }
    ::close(child.stdin_fd);
    const int code = reap(child.pid, outcome != StartOutcome::kExited);
    if (outcome == StartOutcome::kTimedOut) {
      return Error::unavailable("dynalite did not answer on 127.0.0.1:" + std::to_string(*port) +
                                " within 15 seconds");
    }
    if (code == 127) {
      return Error::unavailable(
          "dynalite: cannot run `node` (is Node.js on PATH? "
          "scripts/install-deps.sh installs it)");
    }
    if (code != kPortTakenExit) {
      return Error::unavailable("dynalite did not start on 127.0.0.1:" + std::to_string(*port) +
                                " (exit code " + std::to_string(code) + "; its stderr says why)");
    }
  }
  return Error::unavailable("dynalite: every port tried on 127.0.0.1 was taken (" +
                            std::to_string(kAttempts) + " attempts)");
}

DynaliteServer::~DynaliteServer() {
  ::close(stdin_fd_);
  reap(pid_, true);
}

std::string DynaliteServer::endpoint() const { return "http://127.0.0.1:" + std::to_string(port_); }

}  // namespace stratus::test
