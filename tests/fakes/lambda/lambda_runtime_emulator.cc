// lambda_runtime_emulator: the Runtime API emulator as a process, for whole-process tests of
// the packaged bootstrap. Queues the events given, prints the port it listens on (one line),
// appends every request it receives (responses, errors, init errors, anything unexpected) to
// the results file as one JSON object per line, and serves until SIGINT or SIGTERM.
//
//   lambda_runtime_emulator --results FILE [--record-next] [--deadline-in MS] --event FILE ...
//
// --record-next also appends a line for each next request, when it is answered (kind "next",
// request_id the event handed out, status 200; 500 when the emulator stopped first).
// --deadline-in applies to the events after it: each one's deadline is the moment it is handed
// out plus MS (default 60000; negative: already past). Request ids are req-1, req-2, ... in the
// order given. A result line: {"kind", "request_id", "status", "error_type" (the
// Lambda-Runtime-Function-Error-Type header, or null), "body" (text), "json" (the body parsed,
// or null), "deadline_ms", "received_ms", "received_us" (epoch microseconds), "answered_us"
// (next only: when it was answered, epoch microseconds; 0 otherwise)}.
#include <pthread.h>
#include <signal.h>

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "fakes/lambda/runtime_api_emulator.h"

namespace {

int usage(const std::string& problem) {
  std::cerr << "lambda_runtime_emulator: " << problem
            << "\nusage: lambda_runtime_emulator --results FILE [--record-next] [--deadline-in MS] "
               "--event FILE ...\n";
  return 2;
}

nlohmann::json to_json(const stratus::fakes::RuntimeRecord& r) {
  nlohmann::json line = {{"kind", r.kind},
                         {"request_id", r.request_id},
                         {"status", r.status},
                         {"error_type", nullptr},
                         {"body", r.body},
                         {"json", nullptr},
                         {"deadline_ms", r.deadline_ms},
                         {"received_ms", r.received_ms},
                         {"received_us", r.received_us},
                         {"answered_us", r.answered_us}};
  if (auto it = r.headers.find("lambda-runtime-function-error-type"); it != r.headers.end()) {
    line["error_type"] = it->second;
  }
  auto parsed = nlohmann::json::parse(r.body, nullptr, /*allow_exceptions=*/false);
  if (!parsed.is_discarded()) line["json"] = parsed;
  return line;
}

}  // namespace

int main(int argc, char** argv) {
  stratus::fakes::RuntimeApiEmulator emulator;
  std::string results_path;
  long deadline_in = 60'000;
  int events = 0;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "--record-next") {
      emulator.record_next_requests(true);
      continue;
    }
    if (i + 1 >= argc) return usage("missing value after " + std::string(arg));
    const std::string value = argv[++i];
    if (arg == "--results") {
      results_path = value;
    } else if (arg == "--deadline-in") {
      char* end = nullptr;
      deadline_in = std::strtol(value.c_str(), &end, 10);
      if (value.empty() || *end != '\0') return usage("--deadline-in expects milliseconds");
    } else if (arg == "--event") {
      std::ifstream in(value, std::ios::binary);
      if (!in) return usage("cannot read the event file " + value);
      std::ostringstream body;
      body << in.rdbuf();
      stratus::fakes::EmulatedEvent event;
      event.body = body.str();
      event.deadline_in = std::chrono::milliseconds{deadline_in};
      emulator.enqueue(std::move(event));
      ++events;
    } else {
      return usage("unknown option " + std::string(arg));
    }
  }
  if (results_path.empty()) return usage("--results is required");
  std::ofstream results(results_path, std::ios::app);
  if (!results) return usage("cannot write " + results_path);
  emulator.set_listener([&results](const stratus::fakes::RuntimeRecord& r) {
    results << to_json(r).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
    results.flush();
  });

  // Block the stop signals in every thread; the main thread waits for them.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  if (auto started = emulator.start(); !started.ok()) {
    std::cerr << "lambda_runtime_emulator: " << started.error().to_string() << "\n";
    return 1;
  }
  std::cout << emulator.port() << std::endl;
  int received = 0;
  sigwait(&stop_signals, &received);
  emulator.stop();
  return 0;
}
