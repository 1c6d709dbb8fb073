// The order in which outbox entries are offered (ports/outbox.h: oldest first, then by event
// id): event ids are compared with the numbers inside them taken by value, so the events of one
// run ("<run_id>#2", "<run_id>#10") reach a receiver in the order the run recorded them.
// Both outbox adapters sort by the key below, so they agree on every pair of ids.
#pragma once

#include <algorithm>
#include <cstddef>
#include <string>
#include <string_view>

namespace stratus {

// A text whose byte order is the natural order of `event_id`: every run of digits becomes two
// decimal digits giving its length without leading zeros (capped at 99) followed by those
// digits; other bytes are kept. Guarantees: for ids that differ only in the value of one number,
// the keys order them by that value; otherwise they order as the ids do, byte by byte. Ids that
// differ only in leading zeros ("7", "07") get the same key: break ties by the id itself.
inline std::string outbox_order_key(std::string_view event_id) {
  std::string key;
  key.reserve(event_id.size() + 8);
  std::size_t i = 0;
  while (i < event_id.size()) {
    const char c = event_id[i];
    if (c < '0' || c > '9') {
      key.push_back(c);
      ++i;
      continue;
    }
    std::size_t end = i;
    while (end < event_id.size() && event_id[end] >= '0' && event_id[end] <= '9') ++end;
    std::size_t first = i;
    while (first + 1 < end && event_id[first] == '0') ++first;  // Keep one digit of "000".
    const std::size_t length = std::min<std::size_t>(end - first, 99);
    key.push_back(static_cast<char>('0' + length / 10));
    key.push_back(static_cast<char>('0' + length % 10));
    key.append(event_id.substr(first, end - first));
    i = end;
  }
  return key;
}

}  // namespace stratus
