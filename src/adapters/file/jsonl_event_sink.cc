#include "adapters/file/jsonl_event_sink.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

namespace stratus {

Status JsonlEventSink::append(const nlohmann::json& event) {
  std::string line = event.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  line.push_back('\n');

  std::error_code ec;
  const auto parent = std::filesystem::path(path_).parent_path();
  if (!parent.empty()) std::filesystem::create_directories(parent, ec);
  if (ec) return Error::unavailable("cannot create directory: " + ec.message(), parent.string());

  const int fd = ::open(path_.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (fd < 0) return Error::unavailable(std::string("cannot open: ") + std::strerror(errno), path_);
  const ssize_t written = ::write(fd, line.data(), line.size());
  const int write_errno = errno;
  const int sync_result = ::fsync(fd);
  ::close(fd);
  if (written != static_cast<ssize_t>(line.size())) {
    return Error::unavailable(std::string("short write: ") + std::strerror(write_errno), path_);
  }
  if (sync_result != 0) return Error::unavailable("fsync failed", path_);
  return {};
}

}  // namespace stratus
