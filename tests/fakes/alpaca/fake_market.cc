#include "fakes/alpaca/fake_market.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <set>

#include "adapters/sim/csv_market_data.h"

namespace stratus::fakes {
namespace {

constexpr char kBase64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

std::string base64(const std::string& in) {
  std::string out;
  std::size_t i = 0;
  for (; i + 2 < in.size(); i += 3) {
    const unsigned n = (static_cast<unsigned char>(in[i]) << 16) |
                       (static_cast<unsigned char>(in[i + 1]) << 8) |
                       static_cast<unsigned char>(in[i + 2]);
    for (int shift : {18, 12, 6, 0}) out += kBase64[(n >> shift) & 63];
  }
  if (i < in.size()) {
    unsigned n = static_cast<unsigned char>(in[i]) << 16;
    if (i + 1 < in.size()) n |= static_cast<unsigned char>(in[i + 1]) << 8;
    out += kBase64[(n >> 18) & 63];
    out += kBase64[(n >> 12) & 63];
    out += i + 1 < in.size() ? kBase64[(n >> 6) & 63] : '=';
    out += '=';
  }
  return out;
}

std::optional<std::string> unbase64(const std::string& in) {
  if (in.empty() || in.size() % 4 != 0) return std::nullopt;
  std::string out;
  unsigned n = 0;
  int bits = 0;
  for (std::size_t i = 0; i < in.size(); ++i) {
    const char c = in[i];
    if (c == '=') {
      if (i + 2 < in.size()) return std::nullopt;
      break;
    }
    const char* at = std::strchr(kBase64, c);
    if (at == nullptr || c == '\0') return std::nullopt;
    n = (n << 6) | static_cast<unsigned>(at - kBase64);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((n >> bits) & 0xFF);
    }
  }
  return out;
}

FakeTime stamp_of(Date session) { return FakeTime(new_york_instant(session, TimeOfDay{0})); }

Money divided(Money m, double ratio) {
  return Money::from_units(std::llround(static_cast<double>(m.units()) / ratio));
}

}  // namespace

Status FakeMarket::load_csv(const std::string& path) {
  STRATUS_ASSIGN_OR_RETURN(auto data, CsvMarketData::load(path, CsvLayout::kSp500));
  std::map<std::string, std::vector<DailyBar>> loaded;
  for (const std::string& symbol : data->symbols()) {
    STRATUS_ASSIGN_OR_RETURN(loaded[symbol],
                             data->daily_bars(symbol, Date{std::chrono::year{9999} / 12 / 31},
                                              std::numeric_limits<std::size_t>::max()));
  }
  std::lock_guard lock(mu_);
  for (auto& [symbol, bars] : loaded) bars_[symbol] = std::move(bars);
  return {};
}

void FakeMarket::set_bars(const std::string& symbol, std::vector<DailyBar> bars) {
  std::lock_guard lock(mu_);
  bars_[symbol] = std::move(bars);
}

void FakeMarket::set_split(const std::string& symbol, Date date, double ratio) {
  std::lock_guard lock(mu_);
  splits_[symbol].push_back({date, ratio});
}

void FakeMarket::set_latest_trade(const std::string& symbol, Money price, FakeTime at) {
  std::lock_guard lock(mu_);
  trades_[symbol] = FakeTrade{price, at, 100};
}

void FakeMarket::garble_bars_answer(int skip, std::string body) {
  std::lock_guard lock(mu_);
  garbled_.emplace_back(skip, std::move(body));
}

std::optional<std::string> FakeMarket::take_garbled_bars_answer() {
  std::lock_guard lock(mu_);
  if (garbled_.empty()) return std::nullopt;
  if (garbled_.front().first > 0) {
    --garbled_.front().first;
    return std::nullopt;
  }
  std::string body = std::move(garbled_.front().second);
  garbled_.pop_front();
  return body;
}

void FakeMarket::clear() {
  std::lock_guard lock(mu_);
  garbled_.clear();
  bars_.clear();
  splits_.clear();
  trades_.clear();
}

ApiResult<FakeBarsPage> FakeMarket::bars(const FakeBarsQuery& query) const {
  const std::set<std::string> symbols(query.symbols.begin(), query.symbols.end());
  // Where this page starts: a symbol and the session of its first bar.
  std::optional<std::pair<std::string, Date>> from;
  if (query.page_token) {
    const auto text = unbase64(*query.page_token);
    const auto bar = text ? text->find('|') : std::string::npos;
    auto date = bar == std::string::npos ? parse_date("") : parse_date(text->substr(bar + 1));
    if (!date.ok() || !symbols.contains(text->substr(0, bar))) {
      return ApiError{400, 40010001, "invalid page token"};
    }
    from = std::pair{text->substr(0, bar), *date};
  }

  std::lock_guard lock(mu_);
  FakeBarsPage page;
  int served = 0;
  for (const std::string& symbol : symbols) {
    if (from && symbol < from->first) continue;
    auto found = bars_.find(symbol);
    if (found == bars_.end()) continue;
    std::vector<const DailyBar*> chosen;
    for (const DailyBar& b : found->second) {
      const FakeTime t = stamp_of(b.session);
      if (t >= query.start && t <= query.end) chosen.push_back(&b);
    }
    if (!query.ascending) std::reverse(chosen.begin(), chosen.end());
    std::vector<FakeBar> out;
    for (const DailyBar* b : chosen) {
      if (from && symbol == from->first &&
          (query.ascending ? b->session < from->second : b->session > from->second)) {
        continue;
      }
      if (served == query.limit) {
        page.next_page_token = base64(symbol + "|" + format_date(b->session));
        break;
      }
      DailyBar bar = *b;
      if (query.split_adjusted) {
        double factor = 1;
        if (auto s = splits_.find(symbol); s != splits_.end()) {
          for (const Split& split : s->second) {
            if (bar.session < split.date) factor *= split.ratio;
          }
        }
        if (factor != 1) {
          for (std::optional<Money>* m : {&bar.open, &bar.high, &bar.low}) {
            if (*m) **m = divided(**m, factor);
          }
          bar.close = divided(bar.close, factor);
          bar.volume = std::llround(static_cast<double>(bar.volume) * factor);
        }
      }
      out.push_back({stamp_of(bar.session), bar});
      ++served;
    }
    if (!out.empty()) page.bars.emplace_back(symbol, std::move(out));
    if (page.next_page_token) break;
  }
  return page;
}

std::map<std::string, FakeTrade> FakeMarket::latest_trades(
    const std::vector<std::string>& symbols) const {
  std::lock_guard lock(mu_);
  std::map<std::string, FakeTrade> out;
  for (const std::string& s : symbols) {
    if (auto it = trades_.find(s); it != trades_.end()) out.emplace(s, it->second);
  }
  return out;
}

void FakeMarket::note_bars_params(std::map<std::string, std::string> params) {
  std::lock_guard lock(mu_);
  last_bars_params_ = std::move(params);
}

void FakeMarket::note_trades_params(std::map<std::string, std::string> params) {
  std::lock_guard lock(mu_);
  last_trades_params_ = std::move(params);
}

std::map<std::string, std::string> FakeMarket::last_bars_params() const {
  std::lock_guard lock(mu_);
  return last_bars_params_;
}

std::map<std::string, std::string> FakeMarket::last_trades_params() const {
  std::lock_guard lock(mu_);
  return last_trades_params_;
}

}  // namespace stratus::fakes
