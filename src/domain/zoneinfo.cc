#include "domain/zoneinfo.h"

#include <atomic>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <utility>

#include "domain/time.h"

namespace stratus {
namespace {

struct ZoneinfoState {
  std::mutex mutex;
  std::string dir = kDefaultZoneinfoDir;
  std::unique_ptr<const TzifZone> zone;  // Loaded by set_zoneinfo_dir or at first use.
  bool in_use = false;                   // Once true, `zone` is never replaced.
};

// Never destroyed: conversions may run on other threads while the process exits.
ZoneinfoState& state() {
  static auto* s = new ZoneinfoState;
  return *s;
}

// The zone in use, published once; readers after that take no lock.
std::atomic<const TzifZone*> g_new_york{nullptr};

Result<TzifZone> read_new_york(const std::string& dir) {
  return TzifZone::read_file(dir + "/" + std::string(kNewYorkZone));
}

}  // namespace

Status set_zoneinfo_dir(std::string dir) {
  if (dir.empty()) {
    return Error::invalid_input(
        "zoneinfo directory: expected the path of a tz database directory, got an empty string");
  }
  ZoneinfoState& s = state();
  std::lock_guard lock(s.mutex);
  if (s.in_use) {
    return Error::conflict("zoneinfo directory: cannot switch to \"" + dir +
                           "\": New York time is already in use from \"" + s.dir +
                           "\"; set the directory before the first time conversion");
  }
  STRATUS_ASSIGN_OR_RETURN(TzifZone zone, read_new_york(dir));
  s.zone = std::make_unique<const TzifZone>(std::move(zone));
  s.dir = std::move(dir);
  return {};
}

std::string zoneinfo_dir() {
  ZoneinfoState& s = state();
  std::lock_guard lock(s.mutex);
  return s.dir;
}

const TzifZone& new_york_zone() {
  if (const TzifZone* zone = g_new_york.load(std::memory_order_acquire)) return *zone;
  ZoneinfoState& s = state();
  std::lock_guard lock(s.mutex);
  if (s.zone == nullptr) {
    Result<TzifZone> zone = read_new_york(s.dir);
    if (!zone.ok()) {
      throw std::runtime_error("New York time is unavailable: " + zone.error().to_string());
    }
    s.zone = std::make_unique<const TzifZone>(std::move(zone).value());
  }
  s.in_use = true;
  g_new_york.store(s.zone.get(), std::memory_order_release);
  return *s.zone;
}

}  // namespace stratus
