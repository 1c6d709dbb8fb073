// CurlHttpClient against real servers on 127.0.0.1: requests and answers, connection reuse,
// failure classes (Unavailable / Ambiguous), TLS verification, proxies from the environment,
// and secrets that never show up in errors or traces.
#include "adapters/http/curl_http_client.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <thread>
#include <vector>

#include "local_http_server.h"
#include "raw_tcp_server.h"
#include "self_signed_certificate.h"

namespace stratus {
namespace {

using http_test::LocalHttpServer;
using http_test::RawTcpServer;
using std::chrono::milliseconds;

constexpr const char* kSecret = "sk-TOP-SECRET-0123456789";
constexpr const char* kKeyId = "AKID-NOT-FOR-LOGS-42";

CurlOptions fast_options() {
  CurlOptions options;
  // Generous: a loaded machine under ASan can take a second for a TLS handshake. Tests of
  // timeouts set their own short limits.
  options.connect_timeout = milliseconds{3000};
  options.total_timeout = milliseconds{5000};
  return options;
}

HttpRequest request(std::string method, std::string url) {
  HttpRequest r;
  r.method = std::move(method);
  r.url = std::move(url);
  return r;
}

// A request that carries Alpaca-style credentials marked secret.
HttpRequest with_credentials(HttpRequest r) {
  r.headers.emplace_back("APCA-API-KEY-ID", kKeyId);
  r.headers.emplace_back("APCA-API-SECRET-KEY", kSecret);
  r.secret_headers = {"APCA-API-KEY-ID", "APCA-API-SECRET-KEY"};
  return r;
}

void expect_no_secret(const Error& error) {
  EXPECT_EQ(error.to_string().find(kSecret), std::string::npos) << error.to_string();
  EXPECT_EQ(error.to_string().find(kKeyId), std::string::npos) << error.to_string();
}

// Sets an environment variable for the scope of a test and restores it.
class ScopedEnv {
 public:
  ScopedEnv(const char* name, const char* value) : name_(name) {
    if (const char* old = std::getenv(name)) old_ = old;  // Test code only.
    ::setenv(name, value, 1);
  }
  ~ScopedEnv() {
    if (old_) {
      ::setenv(name_, old_->c_str(), 1);
    } else {
      ::unsetenv(name_);
    }
  }

 private:
  const char* name_;
  std::optional<std::string> old_;
};

TEST(CurlHttpClient, GetSendsHeadersAndCollectsTheAnswer) {
  LocalHttpServer server;
  std::mutex mutex;
  httplib::Headers seen;
  server.routes().Get("/v2/account", [&](const httplib::Request& req, httplib::Response& res) {
    {
      std::lock_guard lock(mutex);
      seen = req.headers;
    }
    res.set_header("X-Request-ID", "req-1");
    res.set_header("X-RateLimit-Remaining", "199");
    res.set_content(R"({"status":"ACTIVE"})", "application/json");
  });
  server.start();
  CurlHttpClient client(fast_options());

  HttpRequest get = with_credentials(request("GET", server.url("/v2/account?x=1")));
  get.headers.emplace_back("Accept", "application/json");
  auto result = client.send(get);

  ASSERT_TRUE(result.ok()) << result.error().to_string();
  EXPECT_EQ(result->status, 200);
  EXPECT_EQ(result->body, R"({"status":"ACTIVE"})");
  EXPECT_EQ(result->header("x-request-id"), "req-1");
  EXPECT_EQ(result->header("X-RATELIMIT-REMAINING"), "199");
  EXPECT_EQ(result->header("content-type"), "application/json");
  std::lock_guard lock(mutex);
  auto value = [&](const char* name) {
    auto it = seen.find(name);
    return it == seen.end() ? std::string("<absent>") : it->second;
  };
  EXPECT_EQ(value("APCA-API-KEY-ID"), kKeyId);
  EXPECT_EQ(value("APCA-API-SECRET-KEY"), kSecret);
  EXPECT_EQ(value("Accept"), "application/json");
  EXPECT_EQ(value("User-Agent"), "stratus/0.1");
}

TEST(CurlHttpClient, PostSendsItsBodyWithoutExpectOrAFormContentType) {
  LocalHttpServer server;
  std::mutex mutex;
  std::vector<std::string> seen;
  server.routes().Post("/v2/orders", [&](const httplib::Request& req, httplib::Response& res) {
    std::lock_guard lock(mutex);
    seen.push_back(req.get_header_value("Content-Type") + "|" + req.get_header_value("Expect") +
                   "|" + req.body);
    res.status = 201;
    res.set_content(R"({"id":"o-1"})", "application/json");
  });
  server.start();
  CurlHttpClient client(fast_options());
  const std::string body(5000, 'x');  // Large enough that libcurl would otherwise Expect.

  HttpRequest json = request("POST", server.url("/v2/orders"));
  json.headers = {{"Content-Type", "application/json"}};
  json.body = R"({"symbol":"MSFT","qty":"1"})";
  json.idempotent = false;
  auto first = client.send(json);
  HttpRequest plain = request("POST", server.url("/v2/orders"));
  plain.body = body;
  auto second = client.send(plain);
  HttpRequest empty = request("POST", server.url("/v2/orders"));
  auto third = client.send(empty);

  ASSERT_TRUE(first.ok()) << first.error().to_string();
  ASSERT_TRUE(second.ok()) << second.error().to_string();
  ASSERT_TRUE(third.ok()) << third.error().to_string();
  EXPECT_EQ(first->status, 201);
  EXPECT_EQ(first->body, R"({"id":"o-1"})");
  std::lock_guard lock(mutex);
  ASSERT_EQ(seen.size(), 3u);
  EXPECT_EQ(seen[0], R"(application/json||{"symbol":"MSFT","qty":"1"})");
  EXPECT_EQ(seen[1], "||" + body);
  EXPECT_EQ(seen[2], "||");
}

TEST(CurlHttpClient, PutPatchAndDeleteUseTheirOwnMethods) {
  LocalHttpServer server;
  auto echo = [](const httplib::Request& req, httplib::Response& res) {
    res.set_content(req.method + ":" + req.body, "text/plain");
  };
  server.routes().Put("/x", echo).Patch("/x", echo).Delete("/x", echo);
  server.start();
  CurlHttpClient client(fast_options());

  for (const char* method : {"PUT", "PATCH", "DELETE"}) {
    HttpRequest r = request(method, server.url("/x"));
    if (std::string(method) != "DELETE") r.body = "b";
    auto result = client.send(r);
    ASSERT_TRUE(result.ok()) << result.error().to_string();
    EXPECT_EQ(result->body, std::string(method) + (r.body.empty() ? ":" : ":b"));
  }
}

TEST(CurlHttpClient, ErrorStatusesAreAnswersNotErrors) {
  LocalHttpServer server;
  server.routes().Get("/missing", [](const httplib::Request&, httplib::Response& res) {
    res.status = 404;
    res.set_content(R"({"code":40410000,"message":"order not found"})", "application/json");
  });
  server.routes().Get("/broken",
                      [](const httplib::Request&, httplib::Response& res) { res.status = 503; });
  server.start();
  CurlHttpClient client(fast_options());

  auto missing = client.send(request("GET", server.url("/missing")));
  auto broken = client.send(request("GET", server.url("/broken")));

  ASSERT_TRUE(missing.ok());
  EXPECT_EQ(missing->status, 404);
  EXPECT_NE(missing->body.find("order not found"), std::string::npos);
  ASSERT_TRUE(broken.ok());
  EXPECT_EQ(broken->status, 503);
}

TEST(CurlHttpClient, CompressedAnswersAreDecoded) {
  std::string bars = "{\"bars\":[";
  for (int i = 0; i < 2000; ++i) bars += R"({"t":"2026-03-02T05:00:00Z","o":"401.5","c":"402.1"},)";
  bars += "{}]}";
  LocalHttpServer server;
  server.routes().Get("/v2/stocks/bars", [&](const httplib::Request&, httplib::Response& res) {
    res.set_content(bars, "application/json");  // cpp-httplib compresses when asked to.
  });
  server.start();
  CurlHttpClient client(fast_options());

  auto result = client.send(request("GET", server.url("/v2/stocks/bars")));

  ASSERT_TRUE(result.ok()) << result.error().to_string();
  EXPECT_TRUE(result->header("Content-Encoding").has_value());
  EXPECT_EQ(result->body, bars);
}

TEST(CurlHttpClient, SequentialRequestsReuseOneConnection) {
  LocalHttpServer server;
  server.routes().Get("/ping", [](const httplib::Request&, httplib::Response& res) {
    res.set_content("pong", "text/plain");
  });
  server.routes().Post("/ping", [](const httplib::Request&, httplib::Response& res) {
    res.set_content("pong", "text/plain");
  });
  server.start();
  CurlHttpClient client(fast_options());

  for (int i = 0; i < 5; ++i) {
    auto result = client.send(request("GET", server.url("/ping")));
    ASSERT_TRUE(result.ok()) << result.error().to_string();
  }
  HttpRequest post = request("POST", server.url("/ping"));
  post.body = "{}";
  ASSERT_TRUE(client.send(post).ok());

  EXPECT_EQ(server.requests(), 6);
  EXPECT_EQ(server.connections(), 1);
}

TEST(CurlHttpClient, ConcurrentCallersEachGetTheirAnswer) {
  LocalHttpServer server;
  server.routes().Get("/echo", [](const httplib::Request& req, httplib::Response& res) {
    res.set_content(req.get_param_value("n"), "text/plain");
  });
  server.start();
  CurlHttpClient client(fast_options());
  std::atomic<int> right{0};

  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 10; ++i) {
        const std::string n = std::to_string(t * 100 + i);
        auto result = client.send(request("GET", server.url("/echo?n=" + n)));
        if (result.ok() && result->body == n) ++right;
      }
    });
  }
  for (auto& thread : threads) thread.join();

  EXPECT_EQ(right.load(), 40);
  EXPECT_LE(server.connections(), 8);  // Handles (and their connections) are pooled.
}

TEST(CurlHttpClient, ClosedPortIsUnavailableAndNamesTheHost) {
  const int port = http_test::unused_local_port();
  CurlHttpClient client(fast_options());

  auto result = client.send(
      with_credentials(request("POST", "http://127.0.0.1:" + std::to_string(port) + "/v2/o")));

  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::kUnavailable);
  const std::string& message = result.error().message;
  EXPECT_NE(message.find("POST http://127.0.0.1:" + std::to_string(port) + "/v2/o"),
            std::string::npos)
      << message;
  EXPECT_NE(message.find("could not connect to 127.0.0.1:" + std::to_string(port)),
            std::string::npos)
      << message;
  EXPECT_NE(message.find("not sent"), std::string::npos) << message;
  expect_no_secret(result.error());
}

TEST(CurlHttpClient, NoAnswerWithinTheTotalTimeoutIsAmbiguous) {
  RawTcpServer server(RawTcpServer::Behaviour::kNeverAnswer);
  CurlOptions options = fast_options();
  options.total_timeout = milliseconds{200};
  CurlHttpClient client(options);
  HttpRequest post = with_credentials(request("POST", server.url("/v2/orders")));
  post.body = R"({"client_order_id":"abc"})";
  post.idempotent = false;

  const auto start = std::chrono::steady_clock::now();
  auto result = client.send(post);
  const auto elapsed = std::chrono::steady_clock::now() - start;

  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::kAmbiguous);
  EXPECT_NE(result.error().message.find("total timeout of 200 ms"), std::string::npos)
      << result.error().message;
  EXPECT_NE(result.error().message.find("127.0.0.1:" + std::to_string(server.port())),
            std::string::npos);
  EXPECT_NE(result.error().message.find("may have taken effect"), std::string::npos);
  EXPECT_LT(elapsed, std::chrono::seconds{1});
  EXPECT_EQ(server.requests(), 1);
  expect_no_secret(result.error());
}

TEST(CurlHttpClient, HangUpAfterTheRequestIsAmbiguous) {
  RawTcpServer server(RawTcpServer::Behaviour::kHangUpAfterRequest);
  CurlHttpClient client(fast_options());
  HttpRequest post = with_credentials(request("POST", server.url("/v2/orders")));
  post.body = "{}";
  post.idempotent = false;

  auto result = client.send(post);

  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::kAmbiguous);
  EXPECT_NE(result.error().message.find("closed the connection without answering"),
            std::string::npos)
      << result.error().message;
  EXPECT_EQ(server.requests(), 1);
  expect_no_secret(result.error());
}

TEST(CurlHttpClient, NonIdempotentRequestIsNotResentWhenAReusedConnectionDies) {
  RawTcpServer server(RawTcpServer::Behaviour::kAnswerOnceThenHangUp);
  CurlHttpClient client(fast_options());
  ASSERT_TRUE(client.send(request("GET", server.url("/warm-up"))).ok());
  HttpRequest post = request("POST", server.url("/v2/orders"));
  post.body = "{}";
  post.idempotent = false;

  auto result = client.send(post);

  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::kAmbiguous);
  EXPECT_NE(result.error().message.find("not resent"), std::string::npos) << result.error().message;
  const auto lines = server.request_lines();
  ASSERT_EQ(lines.size(), 2u);  // The warm-up and exactly one POST.
  EXPECT_EQ(lines[1], "POST /v2/orders HTTP/1.1");
}

TEST(CurlHttpClient, IdempotentRequestSurvivesADeadReusedConnection) {
  RawTcpServer server(RawTcpServer::Behaviour::kAnswerOnceThenHangUp);
  CurlHttpClient client(fast_options());
  ASSERT_TRUE(client.send(request("GET", server.url("/warm-up"))).ok());

  auto result = client.send(request("GET", server.url("/v2/orders/1")));

  ASSERT_TRUE(result.ok()) << result.error().to_string();  // libcurl resent on a new connection.
  EXPECT_EQ(result->body, "ok");
  EXPECT_EQ(server.connections(), 2);
}

TEST(CurlHttpClient, TlsHandshakeFailureIsUnavailable) {
  LocalHttpServer plain;  // Speaks plain HTTP, so the TLS handshake cannot succeed.
  plain.routes().Get("/", [](const httplib::Request&, httplib::Response& res) {
    res.set_content("plain", "text/plain");
  });
  plain.start();
  CurlHttpClient client(fast_options());
  const std::string url = "https://127.0.0.1:" + std::to_string(plain.port()) + "/v2/orders";

  auto result = client.send(with_credentials(request("POST", url)));

  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::kUnavailable);
  EXPECT_NE(result.error().message.find("TLS handshake with 127.0.0.1:"), std::string::npos)
      << result.error().message;
  EXPECT_EQ(plain.requests(), 0);
  expect_no_secret(result.error());
}

TEST(CurlHttpClient, UntrustedCertificateIsRefusedBeforeSending) {
  http_test::SelfSignedCertificate certificate;
  LocalHttpServer server(certificate.certificate(), certificate.key());
  server.routes().Get("/", [](const httplib::Request&, httplib::Response& res) {
    res.set_content("secret stuff", "text/plain");
  });
  server.start();
  CurlHttpClient client(fast_options());

  auto result = client.send(with_credentials(request("GET", server.url("/"))));

  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::kUnavailable);
  EXPECT_NE(result.error().message.find("TLS certificate of 127.0.0.1:"), std::string::npos)
      << result.error().message;
  EXPECT_EQ(server.requests(), 0);
  expect_no_secret(result.error());
}

class TrustedCertificate : public ::testing::Test {
 protected:
  void SetUp() override {
    ca_file_ = std::filesystem::temp_directory_path() /
               ("stratus-http-ca-" + std::to_string(::getpid()) + ".pem");
    std::ofstream(ca_file_) << certificate_.pem();
  }
  void TearDown() override { std::filesystem::remove(ca_file_); }

  http_test::SelfSignedCertificate certificate_;
  std::filesystem::path ca_file_;
};

TEST_F(TrustedCertificate, VerifiedTlsExchangeWorks) {
  LocalHttpServer server(certificate_.certificate(), certificate_.key());
  server.routes().Get("/v2/clock", [](const httplib::Request&, httplib::Response& res) {
    res.set_content(R"({"is_open":true})", "application/json");
  });
  server.start();
  CurlOptions options = fast_options();
  options.ca_file = ca_file_.string();
  CurlHttpClient client(options);

  auto result = client.send(request("GET", server.url("/v2/clock")));
  auto again = client.send(request("GET", server.url("/v2/clock")));

  ASSERT_TRUE(result.ok()) << result.error().to_string();
  EXPECT_EQ(result->body, R"({"is_open":true})");
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(server.connections(), 1);
}

TEST_F(TrustedCertificate, TheProcessDefaultCaFileServesClientsThatNameNone) {
  LocalHttpServer server(certificate_.certificate(), certificate_.key());
  server.routes().Get("/", [](const httplib::Request&, httplib::Response& res) {
    res.set_content("x", "text/plain");
  });
  server.start();
  CurlHttpClient client(fast_options());  // Names no CA file.

  auto untrusted = client.send(request("GET", server.url("/")));
  ASSERT_FALSE(untrusted.ok()) << "the self-signed certificate is in no system store";
  EXPECT_EQ(untrusted.error().code, ErrorCode::kUnavailable);

  set_default_ca_file(ca_file_.string());
  auto trusted = client.send(request("GET", server.url("/")));
  set_default_ca_file("");
  ASSERT_TRUE(trusted.ok()) << trusted.error().to_string();
  EXPECT_EQ(trusted->body, "x");
  EXPECT_EQ(server.requests(), 1);
}

TEST_F(TrustedCertificate, HostNameMustMatchTheCertificate) {
  LocalHttpServer server(certificate_.certificate(), certificate_.key());
  server.routes().Get("/", [](const httplib::Request&, httplib::Response& res) {
    res.set_content("x", "text/plain");
  });
  server.start();
  CurlOptions options = fast_options();
  options.ca_file = ca_file_.string();
  CurlHttpClient client(options);

  // The certificate names IP 127.0.0.1 only; "localhost" reaches the same socket.
  auto result =
      client.send(request("GET", "https://localhost:" + std::to_string(server.port()) + "/"));

  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::kUnavailable);
  EXPECT_NE(result.error().message.find("TLS"), std::string::npos) << result.error().message;
  EXPECT_EQ(server.requests(), 0);
}

TEST(CurlHttpClient, UsesTheProxyFromTheEnvironment) {
  LocalHttpServer proxy;
  std::mutex mutex;
  std::string target, host;
  proxy.routes().Get(".*", [&](const httplib::Request& req, httplib::Response& res) {
    std::lock_guard lock(mutex);
    target = req.target;
    host = req.get_header_value("Host");
    res.set_content("via proxy", "text/plain");
  });
  proxy.start();
  ScopedEnv http_proxy("http_proxy", ("http://127.0.0.1:" + std::to_string(proxy.port())).c_str());
  CurlHttpClient client(fast_options());

  auto result = client.send(request("GET", "http://data.stratus-test.invalid/v2/stocks/bars"));

  ASSERT_TRUE(result.ok()) << result.error().to_string();
  EXPECT_EQ(result->body, "via proxy");
  std::lock_guard lock(mutex);
  EXPECT_EQ(target, "http://data.stratus-test.invalid/v2/stocks/bars");
  EXPECT_EQ(host, "data.stratus-test.invalid");
}

TEST(CurlHttpClient, DebugTraceIsRedacted) {
  LocalHttpServer server;
  server.routes().Get("/v2/account", [](const httplib::Request&, httplib::Response& res) {
    res.set_content("{}", "application/json");
  });
  server.start();
  std::vector<std::string> trace;
  CurlOptions options = fast_options();
  options.debug_log = [&](std::string_view line) { trace.emplace_back(line); };
  CurlHttpClient client(options);
  HttpRequest get = with_credentials(request("GET", server.url("/v2/account")));
  get.headers.emplace_back("Authorization", "Bearer tok-abcdef-123");

  ASSERT_TRUE(client.send(get).ok());
  auto failed = client.send(with_credentials(
      request("GET", "http://127.0.0.1:" + std::to_string(http_test::unused_local_port()) + "/")));
  ASSERT_FALSE(failed.ok());

  std::string all;
  for (const auto& line : trace) all += line + "\n";
  EXPECT_NE(all.find("> GET /v2/account HTTP/1.1"), std::string::npos) << all;
  EXPECT_NE(all.find("APCA-API-SECRET-KEY: [redacted]"), std::string::npos) << all;
  EXPECT_NE(all.find("Authorization: [redacted]"), std::string::npos) << all;
  EXPECT_NE(all.find("< HTTP/1.1 200 OK"), std::string::npos) << all;
  EXPECT_EQ(all.find(kSecret), std::string::npos) << all;
  EXPECT_EQ(all.find(kKeyId), std::string::npos) << all;
  EXPECT_EQ(all.find("tok-abcdef-123"), std::string::npos) << all;
}

TEST(CurlHttpClient, NoVerboseOutputByDefault) {
  LocalHttpServer server;
  server.routes().Get("/", [](const httplib::Request&, httplib::Response& res) {
    res.set_content("x", "text/plain");
  });
  server.start();
  CurlHttpClient client(fast_options());

  ::testing::internal::CaptureStderr();
  auto ok = client.send(with_credentials(request("GET", server.url("/"))));
  auto failed = client.send(with_credentials(
      request("GET", "http://127.0.0.1:" + std::to_string(http_test::unused_local_port()) + "/")));
  const std::string output = ::testing::internal::GetCapturedStderr();

  EXPECT_TRUE(ok.ok());
  EXPECT_FALSE(failed.ok());
  EXPECT_EQ(output, "");
}

TEST(CurlHttpClient, MalformedRequestsAreInvalidInputAndNeverSent) {
  CurlHttpClient client(fast_options());
  HttpRequest bad_method = request("BREW", "http://127.0.0.1:1/");
  HttpRequest relative = request("GET", "/v2/orders");
  HttpRequest ftp = request("GET", "ftp://127.0.0.1/");
  HttpRequest get_with_body = request("GET", "http://127.0.0.1:1/");
  get_with_body.body = "x";
  HttpRequest injected = with_credentials(request("GET", "http://127.0.0.1:1/"));
  injected.headers[1].second = std::string(kSecret) + "\r\nX-Injected: 1";

  for (const HttpRequest& r : {bad_method, relative, ftp, get_with_body, injected}) {
    auto result = client.send(r);
    ASSERT_FALSE(result.ok()) << r.method << " " << r.url;
    EXPECT_EQ(result.error().code, ErrorCode::kInvalidInput) << result.error().to_string();
    expect_no_secret(result.error());
  }
}

}  // namespace
}  // namespace stratus
