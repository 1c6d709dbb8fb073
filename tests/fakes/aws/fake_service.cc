// FakeService (see fake_service.h).
#include "fakes/aws/fake_service.h"

#include <httplib.h>
#include <pthread.h>
#include <signal.h>

#include <chrono>
#include <iostream>
#include <utility>

namespace stratus::fakes {

FakeService::FakeService(std::string what)
    : what_(std::move(what)), server_(std::make_unique<httplib::Server>()) {}

FakeService::~FakeService() { stop(); }

Status FakeService::start(const std::string& host, int port) {
  port_ = port == 0 ? server_->bind_to_any_port(host) : port;
  if (port != 0 && !server_->bind_to_port(host, port)) port_ = -1;
  if (port_ < 0) {
    return Error::unavailable(what_ + " cannot listen on " + host + ":" + std::to_string(port));
  }
  thread_ = std::thread([this] { server_->listen_after_bind(); });
  // Until the server runs, stop() could not end it: wait for that (the socket is listening
  // already, so connections made meanwhile wait in the backlog).
  while (!server_->is_running()) std::this_thread::sleep_for(std::chrono::milliseconds{1});
  return {};
}

void FakeService::stop() {
  if (!thread_.joinable()) return;
  server_->stop();
  thread_.join();
}

std::string FakeService::endpoint() const { return "http://127.0.0.1:" + std::to_string(port_); }

int serve_until_signalled(FakeService& fake, const std::string& host, int port,
                          const std::string& program) {
  // Blocked in every thread (the server's threads inherit the mask); the main thread waits.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  if (auto started = fake.start(host, port); !started.ok()) {
    std::cerr << program << ": " << started.error().to_string() << "\n";
    return 1;
  }
  std::cout << fake.port() << std::endl;
  int received = 0;
  sigwait(&stop_signals, &received);
  fake.stop();
  return 0;
}

std::string parse_fake_server_args(
    int argc, char** argv, FakeServerOptions& options,
    const std::function<std::string(std::string_view, const std::string&)>& other) {
  for (int i = 1; i < argc; ++i) {
    const std::string_view name = argv[i];
    if (i + 1 >= argc) return "missing value after " + std::string(name);
    const std::string value = argv[++i];
    if (name == "--host") {
      options.host = value;
    } else if (name == "--port") {
      try {
        options.port = std::stoi(value);
      } catch (const std::exception&) {
        return "--port expects a number, got " + value;
      }
    } else if (name == "--access-key-id") {
      options.known.access_key_id = value;
    } else if (name == "--secret-access-key") {
      options.known.secret_access_key = value;
    } else if (std::string problem = other(name, value); !problem.empty()) {
      return problem;
    }
  }
  return "";
}

}  // namespace stratus::fakes
