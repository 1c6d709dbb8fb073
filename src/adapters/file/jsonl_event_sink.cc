// JsonlEventSink: the chained, locked append (see jsonl_event_sink.h).
#include "adapters/file/jsonl_event_sink.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "adapters/file/audit_line.h"

namespace stratus {
namespace {

std::string errno_text(const char* what) { return std::string(what) + ": " + std::strerror(errno); }

// Closes the descriptor (which also releases its flock) when it goes out of scope.
class FileDescriptor {
 public:
  explicit FileDescriptor(int fd) : fd_(fd) {}
  FileDescriptor(const FileDescriptor&) = delete;
  FileDescriptor& operator=(const FileDescriptor&) = delete;
  ~FileDescriptor() {
    if (fd_ >= 0) ::close(fd_);
  }
  int get() const { return fd_; }

 private:
  int fd_;
};

// The bytes of the last line of a file of `size` bytes ending in "\n", without that "\n".
Result<std::string> read_last_line(int fd, off_t size, const std::string& path) {
  constexpr off_t kChunk = 8192;
  std::string tail;        // The last bytes of the file, growing backwards.
  off_t start = size - 1;  // Excludes the final "\n".
  for (;;) {
    const off_t from = start > kChunk ? start - kChunk : 0;
    std::string chunk(static_cast<std::size_t>(start - from), '\0');
    std::size_t got = 0;
    while (got < chunk.size()) {
      const ssize_t n =
          ::pread(fd, chunk.data() + got, chunk.size() - got, from + static_cast<off_t>(got));
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) return Error::unavailable(errno_text("cannot read the last line"), path);
      got += static_cast<std::size_t>(n);
    }
    tail.insert(0, chunk);
    const std::size_t newline = chunk.rfind('\n');
    if (newline != std::string::npos) {
      return tail.substr(newline + 1);
    }
    if (from == 0) return tail;
    start = from;
  }
}

// The seq of the chained line `line`, or an error saying the file cannot be appended to.
Result<std::uint64_t> last_seq(const std::string& line, const std::string& path) {
  const nlohmann::json object = nlohmann::json::parse(line, nullptr, false);
  const nlohmann::json* seq = nullptr;
  if (object.is_object() && object.contains("seq")) seq = &object["seq"];
  if (seq == nullptr || !seq->is_number_unsigned() || seq->get<std::uint64_t>() == 0) {
    return Error::unavailable(
        "the audit log's last line is not a chained line (no positive \"seq\"), so nothing "
        "can be appended to it: check it with `stratus audit verify " +
            path + "`, or move the file aside to start a new log",
        path);
  }
  return seq->get<std::uint64_t>();
}

}  // namespace

Status JsonlEventSink::append(const nlohmann::json& event) {
  if (!event.is_object()) {
    return Error::invalid_input(
        std::string("an audit event must be a JSON object, got ") + event.type_name(), path_);
  }
  std::error_code ec;
  const auto parent = std::filesystem::path(path_).parent_path();
  if (!parent.empty()) std::filesystem::create_directories(parent, ec);
  if (ec) return Error::unavailable("cannot create directory: " + ec.message(), parent.string());

  FileDescriptor file(::open(path_.c_str(), O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC, 0644));
  if (file.get() < 0) return Error::unavailable(errno_text("cannot open"), path_);
  while (::flock(file.get(), LOCK_EX) != 0) {
    if (errno != EINTR) return Error::unavailable(errno_text("cannot lock"), path_);
  }

  // Under the lock: the last line decides this line's seq and prev.
  struct stat info {};
  if (::fstat(file.get(), &info) != 0) return Error::unavailable(errno_text("cannot stat"), path_);
  const off_t size = info.st_size;
  std::uint64_t seq = 1;
  std::string prev(kGenesisPrev);
  if (size > 0) {
    char last = 0;
    if (::pread(file.get(), &last, 1, size - 1) != 1) {
      return Error::unavailable(errno_text("cannot read the last byte"), path_);
    }
    if (last != '\n') {
      return Error::unavailable(
          "the audit log's last line is torn (the file does not end in a newline), so nothing "
          "can be appended to it: check it with `stratus audit verify " +
              path_ + "`",
          path_);
    }
    STRATUS_ASSIGN_OR_RETURN(std::string last_line, read_last_line(file.get(), size, path_));
    STRATUS_ASSIGN_OR_RETURN(std::uint64_t previous, last_seq(last_line, path_));
    seq = previous + 1;
    prev = sha256_hex(last_line);
  }

  STRATUS_ASSIGN_OR_RETURN(std::string line, chained_line(event, seq, prev));
  line.push_back('\n');
  const ssize_t written = ::write(file.get(), line.data(), line.size());
  if (written != static_cast<ssize_t>(line.size())) {
    const std::string why = written < 0 ? errno_text("cannot write") : "short write (disk full?)";
    // Cut a partial line off again, so the log stays a chain that can be appended to.
    if (written > 0 && ::ftruncate(file.get(), size) != 0) {
      return Error::unavailable(why + "; the partial line could not be removed", path_);
    }
    return Error::unavailable(why, path_);
  }
  if (::fsync(file.get()) != 0) return Error::unavailable(errno_text("fsync failed"), path_);
  if (size == 0 && !parent.empty()) {
    // A new file: make its directory entry durable too.
    FileDescriptor dir(::open(parent.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (dir.get() >= 0) ::fsync(dir.get());
  }
  return {};
}

}  // namespace stratus
