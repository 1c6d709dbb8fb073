#include "fakes/alpaca/fake_alpaca.h"

#include <csignal>

#include "fakes/alpaca/routes.h"

namespace stratus::fakes {

FakeAlpaca::FakeAlpaca(FakeAlpacaOptions options) : options_(std::move(options)) {
  rate_limiter_.configure(options_.rate_limit, options_.rate_window);
  // The NYSE's published closures and irregular hours (tests/fixtures/calendars); a fake that
  // cannot read them serves plain weekdays, which the calendar tests would notice.
  const std::string dir = STRATUS_FAKE_CALENDAR_DIR;
  (void)calendar_.load(dir + "/xnys-closed-weekdays-1990-2028.csv",
                       dir + "/xnys-irregular-hours-1990-2028.csv");
}

FakeAlpaca::~FakeAlpaca() { stop(); }

Status FakeAlpaca::start(const std::string& host, int port) {
  std::signal(SIGPIPE, SIG_IGN);
  stop_.reset();
  server_ = std::make_unique<httplib::Server>();
  // Idle keep-alive connections hold a server thread; keep the wait at shutdown short.
  server_->set_keep_alive_timeout(2);
  // Answer without Nagle's delay, as a production server does: otherwise a body sent after its
  // headers waits for the client's delayed ACK (about 40 ms) on a reused connection.
  server_->set_tcp_nodelay(true);
  add_api_routes(*server_, *this);
  add_market_data_routes(*server_, *this);
  add_calendar_routes(*server_, *this);
  if (options_.admin_endpoints) add_admin_routes(*server_, *this);
  if (port == 0) {
    port = server_->bind_to_any_port(host);
  } else if (!server_->bind_to_port(host, port)) {
    port = -1;
  }
  if (port <= 0) {
    server_.reset();
    return Error::unavailable("fake alpaca: cannot listen on " + host, host);
  }
  host_ = host;
  port_ = port;
  thread_ = std::thread([server = server_.get()] { server->listen_after_bind(); });
  for (int i = 0; i < 500 && !server_->is_running(); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  return {};
}

void FakeAlpaca::stop() {
  if (!server_) return;
  stop_.stop();
  server_->stop();
  if (thread_.joinable()) thread_.join();
  server_.reset();
}

std::string FakeAlpaca::base_url() const { return "http://" + host_ + ":" + std::to_string(port_); }

}  // namespace stratus::fakes
