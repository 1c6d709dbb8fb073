// CountingEventSink: an audit sink that keeps no events, only how many of each type it was
// given. The default audit sink of a backtest, whose hundreds of thousands of decisions are
// summarised in its result rather than written out line by line.
#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <string>
#include <string_view>

#include "ports/event_sink.h"

namespace stratus {

class CountingEventSink final : public EventSink {
 public:
  CountingEventSink() = default;
  // Not copyable: it keeps an iterator into its own counts.
  CountingEventSink(const CountingEventSink&) = delete;
  CountingEventSink& operator=(const CountingEventSink&) = delete;

  Status append(const nlohmann::json& event) override {
    const auto type = event.find("type");
    count(type != event.end() && type->is_string() ? type->get_ref<const std::string&>() : "");
    return {};
  }
  // Counts the event (or the run of events of one type) without building it.
  Status append_view(const AuditEventView& event) override {
    count(event.type, event.repeat);
    return {};
  }
  // Only types are counted.
  bool reads_event_data() const override { return false; }
  bool counts_types_only() const override { return true; }

  // Events appended, by their "type" ("" for an event without one).
  const std::map<std::string, std::size_t, std::less<>>& counts() const { return counts_; }
  std::size_t total() const { return total_; }

 private:
  void count(std::string_view type, std::size_t events = 1) {
    // A run's events come in runs of one type (a no_signal per passing symbol): the last type's
    // counter is kept at hand.
    if (last_ == counts_.end() || last_->first != type) {
      last_ = counts_.find(type);
      if (last_ == counts_.end()) last_ = counts_.emplace(std::string(type), 0).first;
    }
    last_->second += events;
    total_ += events;
  }

  std::map<std::string, std::size_t, std::less<>> counts_;
  // The entry of the type counted last (map iterators stay valid as entries are added).
  std::map<std::string, std::size_t, std::less<>>::iterator last_ = counts_.end();
  std::size_t total_ = 0;
};

}  // namespace stratus
