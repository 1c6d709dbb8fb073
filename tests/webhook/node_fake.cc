// NodeFake (see node_fake.h).
#include "node_fake.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <filesystem>

namespace stratus::webhook_test {
namespace {

constexpr auto kStartTimeout = std::chrono::seconds(15);

void reap(pid_t pid) {
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
}

}  // namespace

Result<std::unique_ptr<NodeFake>> NodeFake::start(const std::string& source_dir,
                                                  const std::string& script,
                                                  const std::vector<std::string>& args) {
  const std::string path = (std::filesystem::path(source_dir) / script).string();
  if (!std::filesystem::exists(path)) return Error::unavailable("no fake at " + path);
  int out[2];
  if (::pipe2(out, O_CLOEXEC) != 0) return Error::unavailable("cannot create a pipe");
  std::vector<std::string> argv_text = {"node", path, "--host", "127.0.0.1", "--port", "0"};
  argv_text.insert(argv_text.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (std::string& a : argv_text) argv.push_back(a.data());
  argv.push_back(nullptr);
  const pid_t parent = ::getpid();
  const pid_t pid = ::fork();
  if (pid < 0) return Error::unavailable("fork failed");
  if (pid == 0) {
    ::prctl(PR_SET_PDEATHSIG, SIGTERM);
    if (::getppid() != parent) ::_exit(1);  // The parent died before prctl took effect.
    ::dup2(out[1], STDOUT_FILENO);
    ::execvp("node", argv.data());
    ::_exit(127);
  }
  ::close(out[1]);

  const auto deadline = std::chrono::steady_clock::now() + kStartTimeout;
  std::string seen;
  while (seen.find('\n') == std::string::npos) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    pollfd p{out[0], POLLIN, 0};
    if (left.count() <= 0 || ::poll(&p, 1, static_cast<int>(left.count())) <= 0) break;
    char buffer[64];
    const ssize_t n = ::read(out[0], buffer, sizeof buffer);
    if (n <= 0) break;
    seen.append(buffer, static_cast<std::size_t>(n));
  }
  ::close(out[0]);
  int port = 0;
  try {
    port = std::stoi(seen);
  } catch (const std::exception&) {
    port = 0;
  }
  if (port <= 0) {
    ::kill(pid, SIGTERM);
    reap(pid);
    return Error::unavailable("node " + script +
                              " did not print its port (is node on PATH? its stderr says why)");
  }
  return std::unique_ptr<NodeFake>(new NodeFake(pid, port));
}

NodeFake::~NodeFake() {
  ::kill(pid_, SIGTERM);
  reap(pid_);
}

std::string NodeFake::base_url() const { return "http://127.0.0.1:" + std::to_string(port_); }

Result<nlohmann::json> NodeFake::get_json(const std::string& path) {
  HttpRequest request;
  request.url = base_url() + path;
  STRATUS_ASSIGN_OR_RETURN(const HttpResponse response, admin_.send(request));
  auto json = nlohmann::json::parse(response.body, nullptr, false);
  if (response.status != 200 || json.is_discarded()) {
    return Error::internal("GET " + path + ": HTTP " + std::to_string(response.status) + " " +
                           response.body);
  }
  return json;
}

Status NodeFake::set_mode(const std::string& mode, const std::string& extra) {
  HttpRequest request;
  request.method = "POST";
  request.url = base_url() + "/__admin/fail?mode=" + mode + (extra.empty() ? "" : "&" + extra);
  STRATUS_ASSIGN_OR_RETURN(const HttpResponse response, admin_.send(request));
  if (response.status != 200) {
    return Error::internal("setting mode " + mode + ": " + response.body);
  }
  return {};
}

}  // namespace stratus::webhook_test
