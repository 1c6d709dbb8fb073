// ProgressBar: progress of a long run (a backtest's sessions, a sweep's configurations) on
// stderr. On a terminal, one line redrawn in place ("backtest [#####.....] 48% 604/1259");
// otherwise a plain line at every tenth, so logs stay readable. Silent when disabled.
#pragma once

#include <chrono>
#include <cstddef>
#include <string>

namespace stratus {

class ProgressBar {
 public:
  // `label` starts each line; `enabled` false prints nothing at all.
  ProgressBar(std::string label, bool enabled);
  ~ProgressBar();  // Ends a terminal line that was drawn.

  // Reports `done` of `total` (total > 0); cheap to call often (redraws at most ~10 times a
  // second on a terminal).
  void update(std::size_t done, std::size_t total);

 private:
  std::string label_;
  bool enabled_;
  bool terminal_;
  bool drawn_ = false;
  int last_tenth_ = -1;
  std::chrono::steady_clock::time_point last_draw_{};
};

}  // namespace stratus
