#include "domain/rules/indicator_table.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>

#include "domain/indicators/indicators.h"

namespace stratus::rules {
namespace {

namespace ind = indicators;

bool is_macd(IndicatorKind kind) {
  return kind == IndicatorKind::kMacd || kind == IndicatorKind::kMacdSignal ||
         kind == IndicatorKind::kMacdHist;
}

bool is_bands(IndicatorKind kind) {
  return kind == IndicatorKind::kBbUpper || kind == IndicatorKind::kBbMiddle ||
         kind == IndicatorKind::kBbLower;
}

// One computation and the columns it fills: a use alone, or the MACD line, signal and histogram
// of the same parameters, or the Bollinger bands of the same period, field and k (the middle
// band does not depend on k).
struct Job {
  IndicatorUse base;  // For bands, k is 0 until an upper or lower band sets it.
  std::vector<std::pair<IndicatorKind, std::size_t>> outputs;

  std::size_t column_of(IndicatorKind kind) const {
    for (const auto& [output, column] : outputs) {
      if (output == kind) return column;
    }
    return static_cast<std::size_t>(-1);
  }

  bool joins(const IndicatorUse& use) {
    if (is_macd(use.kind) && is_macd(base.kind)) {
      return use.params == base.params && use.field == base.field;
    }
    if (is_bands(use.kind) && is_bands(base.kind) && use.params == base.params &&
        use.field == base.field) {
      if (use.kind == IndicatorKind::kBbMiddle) return true;
      if (base.k == 0) base.k = use.k;
      return base.k == use.k;
    }
    return false;
  }
};

std::span<const double> input(const ind::BarColumns& bars, Field field) {
  switch (field) {
    case Field::kOpen:
      return bars.open;
    case Field::kHigh:
      return bars.high;
    case Field::kLow:
      return bars.low;
    case Field::kClose:
      return bars.close;
    case Field::kVolume:
      return bars.volume;
  }
  return bars.close;
}

// The high basis of drop(): the high, or the close when the field says so.
std::span<const double> drop_basis(const ind::BarColumns& bars, Field field) {
  return field == Field::kClose ? std::span<const double>(bars.close)
                                : std::span<const double>(bars.high);
}

std::vector<Job> plan(std::span<const IndicatorUse> uses, const std::vector<std::size_t>& columns) {
  std::vector<Job> jobs;
  for (std::size_t i = 0; i < uses.size(); ++i) {
    const IndicatorUse& use = uses[i];
    bool placed = false;
    for (Job& job : jobs) {
      if (job.column_of(use.kind) == columns[i]) {
        placed = true;  // The same use again.
        break;
      }
      if (job.column_of(use.kind) == static_cast<std::size_t>(-1) && job.joins(use)) {
        job.outputs.emplace_back(use.kind, columns[i]);
        placed = true;
        break;
      }
    }
    if (!placed) {
      Job job;
      job.base = use;
      if (use.kind == IndicatorKind::kBbMiddle) job.base.k = 0;
      job.outputs.emplace_back(use.kind, columns[i]);
      jobs.push_back(std::move(job));
    }
  }
  for (Job& job : jobs) {
    if (is_bands(job.base.kind) && job.base.k == 0) job.base.k = 2;  // Middle band only.
  }
  return jobs;
}

// The last value of a single-input stream run over `in`.
template <typename Stream>
double last_value(Stream stream, std::span<const double> in) {
  double value = ind::kNoValue;
  for (double x : in) value = stream.update(x);
  return value;
}

}  // namespace

std::size_t IndicatorTable::add_column(const std::string& key) {
  const auto at =
      std::lower_bound(index_.begin(), index_.end(), key,
                       [](const auto& entry, const std::string& k) { return entry.first < k; });
  if (at != index_.end() && at->first == key) return at->second;
  const std::size_t index = columns_.size();
  columns_.emplace_back(rows_, ind::kNoValue);
  index_.insert(at, {key, index});
  return index;
}

std::span<double> IndicatorTable::column_at(std::size_t index) { return columns_[index]; }

bool IndicatorTable::has(std::string_view key) const {
  const auto at = std::lower_bound(
      index_.begin(), index_.end(), key,
      [](const auto& entry, std::string_view k) { return std::string_view(entry.first) < k; });
  return at != index_.end() && at->first == key;
}

std::span<const double> IndicatorTable::column(std::string_view key) const {
  const auto at = std::lower_bound(
      index_.begin(), index_.end(), key,
      [](const auto& entry, std::string_view k) { return std::string_view(entry.first) < k; });
  if (at == index_.end() || at->first != key) {
    std::fprintf(stderr, "stratus::rules: no column \"%.*s\" in the indicator table\n",
                 static_cast<int>(key.size()), key.data());
    std::abort();
  }
  return columns_[at->second];
}

double IndicatorTable::value(std::string_view key, std::size_t row) const {
  const std::span<const double> values = column(key);
  if (row >= values.size()) {
    std::fprintf(stderr, "stratus::rules: row %zu of an indicator table of %zu rows\n", row,
                 values.size());
    std::abort();
  }
  return values[row];
}

IndicatorTable IndicatorTable::series(std::span<const IndicatorUse> uses,
                                      const indicators::BarColumns& bars) {
  IndicatorTable table;
  table.rows_ = bars.size();
  std::vector<std::size_t> columns;
  for (const IndicatorUse& use : uses) columns.push_back(table.add_column(use.key));
  if (table.rows_ == 0) return table;
  std::vector<double> scratch_a(table.rows_);
  std::vector<double> scratch_b(table.rows_);
  for (const Job& job : plan(uses, columns)) {
    const IndicatorUse& u = job.base;
    const int period = u.params[0];
    const std::span<double> out = table.column_at(job.outputs.front().second);
    // Where an output of MACD or the bands goes: the column of the use that reads it, else a
    // scratch column (at most two of the three outputs go unread).
    std::vector<double>* scratch[] = {&scratch_a, &scratch_b};
    std::size_t next_scratch = 0;
    const auto target = [&](IndicatorKind kind) -> std::span<double> {
      const std::size_t column = job.column_of(kind);
      if (column != static_cast<std::size_t>(-1)) return table.column_at(column);
      return *scratch[next_scratch++];
    };
    switch (u.kind) {
      case IndicatorKind::kField: {
        const std::span<const double> in = input(bars, u.field);
        std::copy(in.begin(), in.end(), out.begin());
        break;
      }
      case IndicatorKind::kSma:
        ind::sma(input(bars, u.field), period, out);
        break;
      case IndicatorKind::kEma:
        ind::ema(input(bars, u.field), period, out);
        break;
      case IndicatorKind::kWma:
        ind::wma(input(bars, u.field), period, out);
        break;
      case IndicatorKind::kRsi:
        ind::rsi(input(bars, u.field), period, out);
        break;
      case IndicatorKind::kRoc:
        ind::roc(input(bars, u.field), period, out);
        break;
      case IndicatorKind::kHighest:
        ind::highest(input(bars, u.field), period, out);
        break;
      case IndicatorKind::kLowest:
        ind::lowest(input(bars, u.field), period, out);
        break;
      case IndicatorKind::kAtr:
        ind::atr(bars.high, bars.low, bars.close, period, out);
        break;
      case IndicatorKind::kAvgVolume:
        ind::sma(bars.volume, period, out);
        break;
      case IndicatorKind::kDrop:
        ind::drop_from_high(drop_basis(bars, u.field), bars.close, period, out);
        break;
      case IndicatorKind::kMacd:
      case IndicatorKind::kMacdSignal:
      case IndicatorKind::kMacdHist: {
        const std::span<double> line = target(IndicatorKind::kMacd);
        const std::span<double> signal = target(IndicatorKind::kMacdSignal);
        const std::span<double> histogram = target(IndicatorKind::kMacdHist);
        ind::macd(input(bars, u.field), u.params[0], u.params[1], u.params[2],
                  {line, signal, histogram});
        break;
      }
      case IndicatorKind::kBbUpper:
      case IndicatorKind::kBbMiddle:
      case IndicatorKind::kBbLower: {
        const std::span<double> upper = target(IndicatorKind::kBbUpper);
        const std::span<double> middle = target(IndicatorKind::kBbMiddle);
        const std::span<double> lower = target(IndicatorKind::kBbLower);
        ind::bbands(input(bars, u.field), period, u.k, u.k, {upper, middle, lower});
        break;
      }
    }
  }
  return table;
}

IndicatorTable IndicatorTable::last_row(std::span<const IndicatorUse> uses,
                                        const indicators::BarColumns& bars) {
  IndicatorTable table;
  table.rows_ = bars.size() == 0 ? 0 : 1;
  std::vector<std::size_t> columns;
  for (const IndicatorUse& use : uses) columns.push_back(table.add_column(use.key));
  if (table.rows_ == 0) return table;
  for (const Job& job : plan(uses, columns)) {
    const IndicatorUse& u = job.base;
    const int period = u.params[0];
    const auto set = [&](IndicatorKind kind, double value) {
      const std::size_t column = job.column_of(kind);
      if (column != static_cast<std::size_t>(-1)) table.column_at(column)[0] = value;
    };
    switch (u.kind) {
      case IndicatorKind::kField:
        set(u.kind, input(bars, u.field).back());
        break;
      case IndicatorKind::kSma:
        set(u.kind, last_value(ind::SmaStream(period), input(bars, u.field)));
        break;
      case IndicatorKind::kEma:
        set(u.kind, last_value(ind::EmaStream(period), input(bars, u.field)));
        break;
      case IndicatorKind::kWma:
        set(u.kind, last_value(ind::WmaStream(period), input(bars, u.field)));
        break;
      case IndicatorKind::kRsi:
        set(u.kind, last_value(ind::RsiStream(period), input(bars, u.field)));
        break;
      case IndicatorKind::kRoc:
        set(u.kind, last_value(ind::RocStream(period), input(bars, u.field)));
        break;
      case IndicatorKind::kHighest:
        set(u.kind, last_value(ind::HighestStream(period), input(bars, u.field)));
        break;
      case IndicatorKind::kLowest:
        set(u.kind, last_value(ind::LowestStream(period), input(bars, u.field)));
        break;
      case IndicatorKind::kAvgVolume:
        set(u.kind, last_value(ind::SmaStream(period), bars.volume));
        break;
      case IndicatorKind::kAtr: {
        ind::AtrStream stream(period);
        double value = ind::kNoValue;
        for (std::size_t i = 0; i < bars.size(); ++i) {
          value = stream.update(bars.high[i], bars.low[i], bars.close[i]);
        }
        set(u.kind, value);
        break;
      }
      case IndicatorKind::kDrop: {
        ind::DropFromHighStream stream(period);
        const std::span<const double> basis = drop_basis(bars, u.field);
        double value = ind::kNoValue;
        for (std::size_t i = 0; i < bars.size(); ++i)
          value = stream.update(basis[i], bars.close[i]);
        set(u.kind, value);
        break;
      }
      case IndicatorKind::kMacd:
      case IndicatorKind::kMacdSignal:
      case IndicatorKind::kMacdHist: {
        ind::MacdStream stream(u.params[0], u.params[1], u.params[2]);
        ind::MacdValue value;
        for (double x : input(bars, u.field)) value = stream.update(x);
        set(IndicatorKind::kMacd, value.line);
        set(IndicatorKind::kMacdSignal, value.signal);
        set(IndicatorKind::kMacdHist, value.histogram);
        break;
      }
      case IndicatorKind::kBbUpper:
      case IndicatorKind::kBbMiddle:
      case IndicatorKind::kBbLower: {
        ind::BbandsStream stream(period, u.k, u.k);
        ind::BandsValue value;
        for (double x : input(bars, u.field)) value = stream.update(x);
        set(IndicatorKind::kBbUpper, value.upper);
        set(IndicatorKind::kBbMiddle, value.middle);
        set(IndicatorKind::kBbLower, value.lower);
        break;
      }
    }
  }
  return table;
}

}  // namespace stratus::rules
