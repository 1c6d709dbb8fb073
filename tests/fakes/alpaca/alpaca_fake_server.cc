// alpaca_fake_server: the fake Alpaca (Trading API and Market Data API) as a process, for
// whole-process tests of the real `stratus` binary. Prints the port it listens on (one line) and
// serves until SIGINT or SIGTERM. Driven through its /_admin/ endpoints (see admin_routes.cc).
//
//   alpaca_fake_server [--host 127.0.0.1] [--port 0] [--key-id ID] [--secret-key KEY]
//                      [--rate-limit N] [--rate-window-ms MS] [--cash DOLLARS]
//                      [--price SYMBOL=PRICE]... [--auto-fill] [--market-closed]
//                      [--bars FILE]
// --bars loads daily bars for /v2/stocks/bars from a CSV in the sp500 layout
// (date,open,high,low,close,volume,Name; plain or gzip).
#include <pthread.h>
#include <signal.h>

#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <string>
#include <string_view>

#include "fakes/alpaca/fake_alpaca.h"

namespace {

int usage(const std::string& problem) {
  std::cerr << "alpaca_fake_server: " << problem
            << "\nusage: alpaca_fake_server [--host H] [--port P] [--key-id ID] "
               "[--secret-key KEY] [--rate-limit N] [--rate-window-ms MS] [--cash DOLLARS] "
               "[--price SYMBOL=PRICE]... [--auto-fill] [--market-closed] [--bars FILE]\n";
  return 2;
}

bool parse_int(const std::string& text, int& out) {
  char* end = nullptr;
  const long value = std::strtol(text.c_str(), &end, 10);
  if (text.empty() || *end != '\0' || value < 0 || value > 1'000'000'000) return false;
  out = static_cast<int>(value);
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  using stratus::Money;
  stratus::fakes::FakeAlpacaOptions options;
  options.admin_endpoints = true;
  std::string host = "127.0.0.1";
  int port = 0;
  int window_ms = 60'000;
  std::optional<Money> cash;
  std::vector<std::pair<std::string, Money>> prices;
  bool auto_fill = false;
  bool market_open = true;
  std::string bars_file;

  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    auto value = [&](std::string& out) {
      if (i + 1 >= argc) return false;
      out = argv[++i];
      return true;
    };
    std::string v;
    if (arg == "--auto-fill") {
      auto_fill = true;
    } else if (arg == "--market-closed") {
      market_open = false;
    } else if (!value(v)) {
      return usage("unknown or incomplete option " + std::string(arg));
    } else if (arg == "--host") {
      host = v;
    } else if (arg == "--port") {
      if (!parse_int(v, port)) return usage("--port expects a number, got " + v);
    } else if (arg == "--key-id") {
      options.key_id = v;
    } else if (arg == "--secret-key") {
      options.secret_key = v;
    } else if (arg == "--rate-limit") {
      if (!parse_int(v, options.rate_limit)) return usage("--rate-limit expects a number");
    } else if (arg == "--rate-window-ms") {
      if (!parse_int(v, window_ms)) return usage("--rate-window-ms expects a number");
    } else if (arg == "--cash") {
      auto parsed = Money::parse(v);
      if (!parsed.ok()) return usage("--cash: " + parsed.error().to_string());
      cash = *parsed;
    } else if (arg == "--bars") {
      bars_file = v;
    } else if (arg == "--price") {
      const auto eq = v.find('=');
      auto parsed = eq == std::string::npos ? Money::parse("") : Money::parse(v.substr(eq + 1));
      if (!parsed.ok() || !parsed->is_positive()) {
        return usage("--price expects SYMBOL=PRICE, got " + v);
      }
      prices.emplace_back(v.substr(0, eq), *parsed);
    } else {
      return usage("unknown option " + std::string(arg));
    }
  }
  options.rate_window = std::chrono::milliseconds(window_ms);

  // Block the stop signals in every thread; the main thread waits for them.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  stratus::fakes::FakeAlpaca fake(options);
  if (cash) {
    auto settings = fake.brokerage().account_settings();
    settings.cash = *cash;
    fake.brokerage().set_account(settings);
  }
  for (const auto& [symbol, price] : prices) fake.brokerage().set_price(symbol, price);
  fake.brokerage().set_auto_fill(auto_fill);
  fake.brokerage().set_market_open(market_open);
  if (!bars_file.empty()) {
    if (auto loaded = fake.market().load_csv(bars_file); !loaded.ok()) {
      std::cerr << "alpaca_fake_server: --bars: " << loaded.error().to_string() << "\n";
      return 2;
    }
  }
  if (auto started = fake.start(host, port); !started.ok()) {
    std::cerr << "alpaca_fake_server: " << started.error().to_string() << "\n";
    return 1;
  }
  std::cout << fake.port() << std::endl;

  int received = 0;
  sigwait(&stop_signals, &received);
  fake.stop();
  return 0;
}
