#include "fakes/alpaca/connection_cut.h"

#include <arpa/inet.h>
#include <dirent.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>

namespace stratus::fakes {
namespace {

// The port of an IPv4 or IPv6 address, or -1.
int port_of(const sockaddr_storage& address) {
  if (address.ss_family == AF_INET) {
    return ntohs(reinterpret_cast<const sockaddr_in&>(address).sin_port);
  }
  if (address.ss_family == AF_INET6) {
    return ntohs(reinterpret_cast<const sockaddr_in6&>(address).sin6_port);
  }
  return -1;
}

bool is_connection(int fd, int local_port, int remote_port) {
  struct stat info {};
  if (::fstat(fd, &info) != 0 || !S_ISSOCK(info.st_mode)) return false;
  sockaddr_storage local{};
  sockaddr_storage peer{};
  socklen_t local_len = sizeof local;
  socklen_t peer_len = sizeof peer;
  if (::getsockname(fd, reinterpret_cast<sockaddr*>(&local), &local_len) != 0) return false;
  if (::getpeername(fd, reinterpret_cast<sockaddr*>(&peer), &peer_len) != 0) return false;
  return port_of(local) == local_port && port_of(peer) == remote_port;
}

}  // namespace

bool cut_connection(int local_port, int remote_port, std::string_view first_bytes) {
  DIR* dir = ::opendir("/proc/self/fd");
  if (dir == nullptr) return false;
  int found = -1;
  while (dirent* entry = ::readdir(dir)) {
    char* end = nullptr;
    const long fd = std::strtol(entry->d_name, &end, 10);
    if (end == entry->d_name || *end != '\0' || fd == ::dirfd(dir)) continue;
    if (is_connection(static_cast<int>(fd), local_port, remote_port)) {
      found = static_cast<int>(fd);
      break;
    }
  }
  ::closedir(dir);
  if (found < 0) return false;
  if (!first_bytes.empty()) {
    (void)::send(found, first_bytes.data(), first_bytes.size(), MSG_NOSIGNAL);
  }
  ::shutdown(found, SHUT_RDWR);
  return true;
}

}  // namespace stratus::fakes
