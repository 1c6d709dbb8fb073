#include "fakes/lambda/runtime_api_emulator.h"

#include <algorithm>
#include <cctype>
#include <utility>

#include <httplib.h>

namespace stratus::fakes {
namespace {

constexpr const char* kPrefix = "/2018-06-01/runtime";

std::int64_t now_us() {
  return std::chrono::duration_cast<std::chrono::microseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::int64_t now_ms() { return now_us() / 1000; }

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

// A body in the Runtime API's own error shape.
std::string api_error(const std::string& type, const std::string& message) {
  return "{\"errorType\":\"" + type + "\",\"errorMessage\":\"" + message + "\"}";
}

}  // namespace

RuntimeApiEmulator::RuntimeApiEmulator() : server_(std::make_unique<httplib::Server>()) {}

RuntimeApiEmulator::~RuntimeApiEmulator() { stop(); }

std::string RuntimeApiEmulator::address() const { return "127.0.0.1:" + std::to_string(port_); }

Status RuntimeApiEmulator::start(const std::string& host, int port) {
  install_routes();
  server_->set_keep_alive_timeout(30);
  server_->set_tcp_nodelay(true);  // As Lambda's API answers: no delayed-ACK stalls per request.
  port_ = port == 0 ? server_->bind_to_any_port(host) : port;
  if (port != 0 && !server_->bind_to_port(host, port)) port_ = -1;
  if (port_ <= 0) {
    return Error::unavailable("the Runtime API emulator cannot listen on " + host + ":" +
                              std::to_string(port));
  }
  thread_ = std::thread([this] { server_->listen_after_bind(); });
  // Until the server runs, stop() could not end it: wait for that (connections made meanwhile
  // wait in the backlog; the socket is listening already).
  while (!server_->is_running()) std::this_thread::sleep_for(std::chrono::milliseconds{1});
  return {};
}

void RuntimeApiEmulator::stop() {
  {
    std::lock_guard lock(mu_);
    stopped_ = true;
  }
  cv_.notify_all();
  server_->stop();
  if (thread_.joinable()) thread_.join();
}

std::string RuntimeApiEmulator::enqueue(EmulatedEvent event) {
  std::string id;
  {
    std::lock_guard lock(mu_);
    if (event.request_id.empty()) event.request_id = "req-" + std::to_string(next_id_);
    ++next_id_;
    id = event.request_id;
    queue_.push_back(std::move(event));
  }
  cv_.notify_all();
  return id;
}

void RuntimeApiEmulator::refuse_responses(int status) {
  std::lock_guard lock(mu_);
  response_status_ = status;
}

void RuntimeApiEmulator::record_next_requests(bool on) {
  std::lock_guard lock(mu_);
  record_next_ = on;
}

void RuntimeApiEmulator::set_listener(std::function<void(const RuntimeRecord&)> listener) {
  std::lock_guard lock(mu_);
  listener_ = std::move(listener);
}

std::vector<RuntimeRecord> RuntimeApiEmulator::records() const {
  std::lock_guard lock(mu_);
  return records_;
}

bool RuntimeApiEmulator::wait_for_records(std::size_t count,
                                          std::chrono::milliseconds timeout) const {
  std::unique_lock lock(mu_);
  return cv_.wait_for(lock, timeout, [&] { return records_.size() >= count; });
}

int RuntimeApiEmulator::held_next_requests() const {
  std::lock_guard lock(mu_);
  return held_;
}

bool RuntimeApiEmulator::wait_for_held_next(int count, std::chrono::milliseconds timeout) const {
  std::unique_lock lock(mu_);
  return cv_.wait_for(lock, timeout, [&] { return held_ >= count; });
}

// REQUIRES: mu_ held.
void RuntimeApiEmulator::record(RuntimeRecord r) {
  records_.push_back(std::move(r));
  if (listener_) listener_(records_.back());
  cv_.notify_all();
}

void RuntimeApiEmulator::install_routes() {
  const std::string prefix = kPrefix;

  server_->Get(prefix + "/invocation/next", [this](const httplib::Request& req,
                                                   httplib::Response& res) {
    RuntimeRecord next;
    next.received_us = now_us();
    next.received_ms = next.received_us / 1000;
    std::unique_lock lock(mu_);
    ++held_;
    cv_.notify_all();
    cv_.wait(lock, [&] { return stopped_ || !queue_.empty(); });
    --held_;
    if (record_next_) {
      next.kind = "next";
      next.method = req.method;
      next.path = req.path;
      next.status = queue_.empty() ? 500 : 200;
      next.request_id = queue_.empty() ? std::string() : queue_.front().request_id;
      next.answered_us = now_us();
      record(std::move(next));
    }
    if (queue_.empty()) {
      res.status = 500;
      res.set_content(api_error("ServiceException", "the emulator stopped"), "application/json");
      return;
    }
    EmulatedEvent event = std::move(queue_.front());
    queue_.pop_front();
    const std::int64_t deadline = now_ms() + event.deadline_in.count();
    handed_[event.request_id] = Handed{event.deadline_header ? 0 : deadline, false};
    res.status = 200;
    res.set_header("Lambda-Runtime-Aws-Request-Id", event.request_id);
    res.set_header("Lambda-Runtime-Deadline-Ms",
                   event.deadline_header ? *event.deadline_header : std::to_string(deadline));
    res.set_header("Lambda-Runtime-Invoked-Function-Arn", event.function_arn);
    res.set_header("Lambda-Runtime-Trace-Id", event.trace_id);
    res.set_content(event.body, "application/json");
  });

  auto answer = [this](const std::string& kind) {
    return [this, kind](const httplib::Request& req, httplib::Response& res) {
      RuntimeRecord r;
      r.kind = kind;
      r.method = req.method;
      r.path = req.path;
      for (const auto& [name, value] : req.headers) r.headers.emplace(lower(name), value);
      r.body = req.body;
      r.received_us = now_us();
      r.received_ms = r.received_us / 1000;
      std::lock_guard lock(mu_);
      if (kind == "init_error") {
        r.status = 202;
      } else {
        r.request_id = req.matches[1];
        auto it = handed_.find(r.request_id);
        if (it == handed_.end()) {
          r.status = 400;
          res.set_content(api_error("InvalidRequestID", "no such invocation"), "application/json");
        } else if (it->second.answered) {
          r.status = 400;
          r.deadline_ms = it->second.deadline_ms;
          res.set_content(api_error("InvalidStateTransition", "the invocation was answered"),
                          "application/json");
        } else {
          r.deadline_ms = it->second.deadline_ms;
          r.status = kind == "response" ? response_status_ : 202;
          it->second.answered = r.status == 202;
          if (r.status != 202) {
            res.set_content(api_error("RequestEntityTooLarge", "refused by the test"),
                            "application/json");
          }
        }
      }
      if (r.status == 202) res.set_content("{\"status\":\"OK\"}", "application/json");
      res.status = r.status;
      record(std::move(r));
    };
  };
  server_->Post(prefix + "/invocation/([^/]+)/response", answer("response"));
  server_->Post(prefix + "/invocation/([^/]+)/error", answer("error"));
  server_->Post(prefix + "/init/error", answer("init_error"));

  server_->set_error_handler([this](const httplib::Request& req, httplib::Response& res) {
    if (res.status != 404) return;
    RuntimeRecord r;
    r.kind = "unexpected";
    r.method = req.method;
    r.path = req.path;
    r.body = req.body;
    r.status = 404;
    r.received_us = now_us();
    r.received_ms = r.received_us / 1000;
    std::lock_guard lock(mu_);
    record(std::move(r));
  });
}

}  // namespace stratus::fakes
