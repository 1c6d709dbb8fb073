#include "local_http_server.h"

#include <chrono>
#include <cstdlib>

namespace stratus::http_test {

LocalHttpServer::LocalHttpServer() : server_(std::make_unique<httplib::Server>()), scheme_("http") {
  bind();
}

LocalHttpServer::LocalHttpServer(X509* cert, EVP_PKEY* key)
    : server_(std::make_unique<httplib::SSLServer>(cert, key)), scheme_("https") {
  bind();
}

void LocalHttpServer::bind() {
  server_->set_tcp_nodelay(true);  // No Nagle delay between a response's head and body.
  server_->set_keep_alive_max_count(1000);
  server_->set_keep_alive_timeout(5);
  server_->set_pre_routing_handler([this](const httplib::Request& request, httplib::Response&) {
    std::lock_guard lock(mutex_);
    client_ports_.insert(request.remote_port);
    ++requests_;
    return httplib::Server::HandlerResponse::Unhandled;
  });
  port_ = server_->bind_to_any_port("127.0.0.1");
  if (port_ <= 0) std::abort();  // A test machine without loopback cannot run these tests.
}

void LocalHttpServer::start() {
  thread_ = std::thread([this] { server_->listen_after_bind(); });
  // stop() is a no-op until the loop runs, so wait for it; connections queue meanwhile.
  while (!server_->is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
}

LocalHttpServer::~LocalHttpServer() {
  server_->stop();
  if (thread_.joinable()) thread_.join();
}

std::string LocalHttpServer::url(std::string_view path) const {
  return scheme_ + "://127.0.0.1:" + std::to_string(port_) + std::string(path);
}

int LocalHttpServer::connections() const {
  std::lock_guard lock(mutex_);
  return static_cast<int>(client_ports_.size());
}

int LocalHttpServer::requests() const {
  std::lock_guard lock(mutex_);
  return requests_;
}

}  // namespace stratus::http_test
