// IndicatorSuite (tests and benchmarks only): every indicator with the parameter sets the tests
// check against TA-Lib, computed over one symbol's columns in batch form or in streaming form,
// each output named as tests/indicators/talib_reference.js names it (e.g. "SMA(20)",
// "MACD(12,26,9).signal", "MAXHIGH(52)" for the highest high, "SMAVOL(20)" for volume).
#pragma once

#include <span>
#include <string>
#include <vector>

#include "domain/indicators/indicators.h"

namespace stratus::indicators::suite {

struct Inputs {
  std::span<const double> high;
  std::span<const double> low;
  std::span<const double> close;
  std::span<const double> volume;
};

struct Named {
  std::string name;
  std::vector<double> values;
};

struct MacdParams {
  int fast, slow, signal;
};
struct BandsParams {
  int period;
  double k_up, k_down;
};

inline const std::vector<int> kSma = {2, 20, 200};
inline const std::vector<int> kEma = {2, 12, 200};
inline const std::vector<int> kWma = {2, 10, 50};
inline const std::vector<int> kRsi = {2, 14, 30};
inline const std::vector<MacdParams> kMacd = {{12, 26, 9}, {5, 35, 5}, {3, 10, 1}};
inline const std::vector<BandsParams> kBands = {{5, 2, 2}, {20, 2, 2}, {20, 1.5, 2.5}, {10, 1, 1}};
inline const std::vector<int> kAtr = {1, 14, 30};
inline const std::vector<int> kExtreme = {2, 52, 252};
inline const std::vector<int> kRoc = {1, 10, 250};
inline const std::vector<int> kSmaVolume = {20, 50};
inline const std::vector<int> kDrop = {1, 20, 252};

inline std::string fmt_k(double k) {
  std::string s = std::to_string(k);  // "1.500000"
  while (!s.empty() && s.back() == '0') s.pop_back();
  if (!s.empty() && s.back() == '.') s.pop_back();
  return s;
}
inline std::string p1(const char* name, int p) {
  return std::string(name) + "(" + std::to_string(p) + ")";
}
inline std::string macd_name(const MacdParams& m) {
  return "MACD(" + std::to_string(m.fast) + "," + std::to_string(m.slow) + "," +
         std::to_string(m.signal) + ")";
}
inline std::string bands_name(const BandsParams& b) {
  return "BBANDS(" + std::to_string(b.period) + "," + fmt_k(b.k_up) + "," + fmt_k(b.k_down) + ")";
}

// Every output in batch form.
inline std::vector<Named> batch(const Inputs& in) {
  const std::size_t n = in.close.size();
  std::vector<Named> out;
  auto add = [&](std::string name) -> std::vector<double>& {
    out.push_back({std::move(name), std::vector<double>(n)});
    return out.back().values;
  };
  for (int p : kSma) sma(in.close, p, add(p1("SMA", p)));
  for (int p : kEma) ema(in.close, p, add(p1("EMA", p)));
  for (int p : kWma) wma(in.close, p, add(p1("WMA", p)));
  for (int p : kRsi) rsi(in.close, p, add(p1("RSI", p)));
  for (const MacdParams& m : kMacd) {
    std::vector<double> line(n), signal(n), hist(n);
    macd(in.close, m.fast, m.slow, m.signal, {line, signal, hist});
    out.push_back({macd_name(m) + ".line", std::move(line)});
    out.push_back({macd_name(m) + ".signal", std::move(signal)});
    out.push_back({macd_name(m) + ".hist", std::move(hist)});
  }
  for (const BandsParams& b : kBands) {
    std::vector<double> up(n), mid(n), low(n);
    bbands(in.close, b.period, b.k_up, b.k_down, {up, mid, low});
    out.push_back({bands_name(b) + ".upper", std::move(up)});
    out.push_back({bands_name(b) + ".middle", std::move(mid)});
    out.push_back({bands_name(b) + ".lower", std::move(low)});
  }
  for (int p : kAtr) atr(in.high, in.low, in.close, p, add(p1("ATR", p)));
  for (int p : kExtreme) {
    highest(in.close, p, add(p1("MAX", p)));
    lowest(in.close, p, add(p1("MIN", p)));
    highest(in.high, p, add(p1("MAXHIGH", p)));
    lowest(in.low, p, add(p1("MINLOW", p)));
  }
  for (int p : kRoc) roc(in.close, p, add(p1("ROC", p)));
  for (int p : kSmaVolume) sma(in.volume, p, add(p1("SMAVOL", p)));
  for (int p : kDrop) drop_from_high(in.high, in.close, p, add(p1("DROP", p)));
  return out;
}

// Every output in streaming form, one update per row, in the same order as batch().
inline std::vector<Named> stream(const Inputs& in) {
  const std::size_t n = in.close.size();
  std::vector<Named> out;
  auto add = [&](std::string name) -> std::vector<double>& {
    out.push_back({std::move(name), std::vector<double>(n)});
    return out.back().values;
  };
  for (int p : kSma) {
    auto& o = add(p1("SMA", p));
    SmaStream s(p);
    for (std::size_t i = 0; i < n; ++i) o[i] = s.update(in.close[i]);
  }
  for (int p : kEma) {
    auto& o = add(p1("EMA", p));
    EmaStream s(p);
    for (std::size_t i = 0; i < n; ++i) o[i] = s.update(in.close[i]);
  }
  for (int p : kWma) {
    auto& o = add(p1("WMA", p));
    WmaStream s(p);
    for (std::size_t i = 0; i < n; ++i) o[i] = s.update(in.close[i]);
  }
  for (int p : kRsi) {
    auto& o = add(p1("RSI", p));
    RsiStream s(p);
    for (std::size_t i = 0; i < n; ++i) o[i] = s.update(in.close[i]);
  }
  for (const MacdParams& m : kMacd) {
    std::vector<double> line(n), signal(n), hist(n);
    MacdStream s(m.fast, m.slow, m.signal);
    for (std::size_t i = 0; i < n; ++i) {
      const MacdValue v = s.update(in.close[i]);
      line[i] = v.line;
      signal[i] = v.signal;
      hist[i] = v.histogram;
    }
    out.push_back({macd_name(m) + ".line", std::move(line)});
    out.push_back({macd_name(m) + ".signal", std::move(signal)});
    out.push_back({macd_name(m) + ".hist", std::move(hist)});
  }
  for (const BandsParams& b : kBands) {
    std::vector<double> up(n), mid(n), low(n);
    BbandsStream s(b.period, b.k_up, b.k_down);
    for (std::size_t i = 0; i < n; ++i) {
      const BandsValue v = s.update(in.close[i]);
      up[i] = v.upper;
      mid[i] = v.middle;
      low[i] = v.lower;
    }
    out.push_back({bands_name(b) + ".upper", std::move(up)});
    out.push_back({bands_name(b) + ".middle", std::move(mid)});
    out.push_back({bands_name(b) + ".lower", std::move(low)});
  }
  for (int p : kAtr) {
    auto& o = add(p1("ATR", p));
    AtrStream s(p);
    for (std::size_t i = 0; i < n; ++i) o[i] = s.update(in.high[i], in.low[i], in.close[i]);
  }
  for (int p : kExtreme) {
    std::vector<double> max_close(n), min_close(n), max_high(n), min_low(n);
    HighestStream a(p), c(p);
    LowestStream b(p), d(p);
    for (std::size_t i = 0; i < n; ++i) {
      max_close[i] = a.update(in.close[i]);
      min_close[i] = b.update(in.close[i]);
      max_high[i] = c.update(in.high[i]);
      min_low[i] = d.update(in.low[i]);
    }
    out.push_back({p1("MAX", p), std::move(max_close)});
    out.push_back({p1("MIN", p), std::move(min_close)});
    out.push_back({p1("MAXHIGH", p), std::move(max_high)});
    out.push_back({p1("MINLOW", p), std::move(min_low)});
  }
  for (int p : kRoc) {
    auto& o = add(p1("ROC", p));
    RocStream s(p);
    for (std::size_t i = 0; i < n; ++i) o[i] = s.update(in.close[i]);
  }
  for (int p : kSmaVolume) {
    auto& o = add(p1("SMAVOL", p));
    SmaStream s(p);
    for (std::size_t i = 0; i < n; ++i) o[i] = s.update(in.volume[i]);
  }
  for (int p : kDrop) {
    auto& o = add(p1("DROP", p));
    DropFromHighStream s(p);
    for (std::size_t i = 0; i < n; ++i) o[i] = s.update(in.high[i], in.close[i]);
  }
  return out;
}

}  // namespace stratus::indicators::suite
