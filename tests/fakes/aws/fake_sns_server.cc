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
  stratus::fakes::FakeServerOptions options;
  std::set<std::string> topics;
  const std::string problem = stratus::fakes::parse_fake_server_args(
      argc, argv, options, [&](std::string_view name, const std::string& value) -> std::string {
        if (name != "--topic") return "unknown option " + std::string(name);
        topics.insert(value);
        return "";
      });
  if (!problem.empty()) return usage(problem);
  if (topics.empty()) return usage("at least one --topic is needed");
  stratus::fakes::FakeSns sns(topics, options.known);
  return stratus::fakes::serve_until_signalled(sns, options.host, options.port, "fake_sns_server");
}
