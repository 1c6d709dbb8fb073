// RuntimeApiEmulator: a local stand-in for the AWS Lambda Runtime API (2018-06-01) on
// cpp-httplib, for tests of the Stratus Lambda runtime over real sockets on 127.0.0.1.
//
//   GET  /2018-06-01/runtime/invocation/next        the next queued event, with the headers
//        Lambda-Runtime-Aws-Request-Id, -Deadline-Ms, -Invoked-Function-Arn, -Trace-Id (200).
//        With the queue empty the request is held until an event is queued or stop().
//   POST /2018-06-01/runtime/invocation/{id}/response   202; 400 for an id never handed out or
//        already answered (as Lambda refuses it); the status set by refuse_responses() instead.
//   POST /2018-06-01/runtime/invocation/{id}/error      202; 400 as above.
//   POST /2018-06-01/runtime/init/error                 202.
// Every request other than next is recorded with its headers and body, and with the status the
// emulator answered (anything unknown is recorded as kind "unexpected" and answered 404). With
// record_next_requests(true), each next is recorded too (kind "next"), when it is answered: when
// it arrived, when it was answered and the request id it was handed (for cold-start and latency
// measurements).
// Thread-safe. Test support only.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "domain/result.h"

namespace httplib {
class Server;
}

namespace stratus::fakes {

struct EmulatedEvent {
  std::string request_id;  // Empty: "req-<n>", n counting from 1 in the order queued.
  std::string body;
  // The deadline is the moment the event is handed out plus this (negative: already past).
  std::chrono::milliseconds deadline_in{60'000};
  // When set, sent verbatim as Lambda-Runtime-Deadline-Ms instead (to test bad headers).
  std::optional<std::string> deadline_header;
  std::string function_arn = "arn:aws:lambda:us-east-1:123456789012:function:stratus-test";
  std::string trace_id =
      "Root=1-5bef4de7-ad49b0e87f6ef6c87fc2e700;Parent=9a9197af755a6419;Sampled=1";
};

struct RuntimeRecord {
  std::string kind;        // "response", "error", "init_error", "unexpected" or "next".
  std::string request_id;  // Empty for init_error and unexpected; next: the id handed out.
  std::string method;
  std::string path;
  std::map<std::string, std::string> headers;  // Names in lower case.
  std::string body;
  int status = 0;                // What the emulator answered.
  std::int64_t deadline_ms = 0;  // The invocation's deadline as sent (0: none).
  std::int64_t received_ms = 0;  // When the request arrived (epoch ms).
  std::int64_t received_us = 0;  // The same in epoch microseconds (the system clock).
  std::int64_t answered_us = 0;  // next only: when the emulator answered it (epoch µs).
};

class RuntimeApiEmulator {
 public:
  RuntimeApiEmulator();
  ~RuntimeApiEmulator();  // Stops.
  RuntimeApiEmulator(const RuntimeApiEmulator&) = delete;
  RuntimeApiEmulator& operator=(const RuntimeApiEmulator&) = delete;

  // Serves on host:port (0: an ephemeral port) in background threads. Unavailable when it
  // cannot listen. REQUIRES: not started.
  Status start(const std::string& host = "127.0.0.1", int port = 0);
  // Releases any held next (answered 500) and stops serving. Idempotent.
  void stop();
  int port() const { return port_; }
  // "127.0.0.1:<port>", the form of $AWS_LAMBDA_RUNTIME_API.
  std::string address() const;

  // Queues an event; returns its request id.
  std::string enqueue(EmulatedEvent event);
  // Answers every later response POST with `status` (e.g. 413) instead of 202.
  void refuse_responses(int status);
  // Also records each later next request (kind "next"), when it is answered. Off by default.
  void record_next_requests(bool on);
  // Called with each record as it is made (under the emulator's lock: keep it short).
  void set_listener(std::function<void(const RuntimeRecord&)> listener);

  std::vector<RuntimeRecord> records() const;
  // Waits until at least `count` records exist; false on timeout.
  bool wait_for_records(std::size_t count, std::chrono::milliseconds timeout) const;
  // How many next requests are being held right now (queue empty).
  int held_next_requests() const;
  // Waits until at least `count` next requests are held; false on timeout.
  bool wait_for_held_next(int count, std::chrono::milliseconds timeout) const;

 private:
  struct Handed {
    std::int64_t deadline_ms = 0;
    bool answered = false;
  };
  void install_routes();
  void record(RuntimeRecord record);

  mutable std::mutex mu_;
  mutable std::condition_variable cv_;
  std::deque<EmulatedEvent> queue_;
  std::map<std::string, Handed> handed_;
  std::vector<RuntimeRecord> records_;
  std::function<void(const RuntimeRecord&)> listener_;
  int next_id_ = 1;
  int held_ = 0;
  int response_status_ = 202;
  bool record_next_ = false;
  bool stopped_ = false;

  std::unique_ptr<httplib::Server> server_;
  std::thread thread_;
  int port_ = 0;
};

}  // namespace stratus::fakes
