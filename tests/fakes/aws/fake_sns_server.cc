// fake_sns_server: the fake SNS (fake_sns.h) as a process, for whole-process tests of `stratus`.
// Prints the port it listens on (one line) and serves until SIGINT or SIGTERM. Without
// --access-key-id / --secret-access-key it accepts kFakeAwsCredentials. What was published:
// GET /__admin/messages; an outage: POST /__admin/fail_next?count=N.
//
//   fake_sns_server --topic ARN [--topic ARN ...] [--host 127.0.0.1] [--port 0]
//                   [--access-key-id ID] [--secret-access-key KEY]
#include <iostream>
#include <set>
#include <string>
#include <string_view>

#include "fakes/aws/fake_sns.h"

namespace {

int usage(const std::string& problem) {
  std::cerr << "fake_sns_server: " << problem
            << "\nusage: fake_sns_server --topic ARN [--topic ARN ...] [--host H] [--port P] "
               "[--access-key-id ID] [--secret-access-key KEY]\n";
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  std::string host = "127.0.0.1";
  int port = 0;
  std::set<std::string> topics;
  stratus::AwsCredentials known = stratus::fakes::kFakeAwsCredentials;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (i + 1 >= argc) return usage("missing value after " + std::string(arg));
    const std::string value = argv[++i];
    if (arg == "--host") {
      host = value;
    } else if (arg == "--port") {
      try {
        port = std::stoi(value);
      } catch (const std::exception&) {
        return usage("--port expects a number, got " + value);
      }
    } else if (arg == "--topic") {
      topics.insert(value);
    } else if (arg == "--access-key-id") {
      known.access_key_id = value;
    } else if (arg == "--secret-access-key") {
      known.secret_access_key = value;
    } else {
      return usage("unknown option " + std::string(arg));
    }
  }
  if (topics.empty()) return usage("at least one --topic is needed");
  stratus::fakes::FakeSns sns(topics, known);

  return stratus::fakes::serve_until_signalled(sns, host, port, "fake_sns_server");
}
