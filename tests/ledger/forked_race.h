// Test support for multi-process races: forks children that all start at the same moment and
// report through one pipe.
#pragma once

#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <functional>
#include <string>
#include <vector>

namespace stratus::test {

// Forks `processes` children. Each blocks until all are forked, then runs `child(index, out_fd)`
// and _exits with its result (no atexit handlers, so no temporary directory is removed); what
// the children write to out_fd is returned, concatenated in arrival order. Adds a test failure
// for a child that does not exit 0. Lines written with one write(2) of at most PIPE_BUF bytes
// never interleave.
inline std::string race_forked_children(int processes,
                                        const std::function<int(int index, int out_fd)>& child) {
  int start[2];
  int results[2];
  if (::pipe(start) != 0 || ::pipe(results) != 0) {
    ADD_FAILURE() << "pipe failed";
    return {};
  }
  std::vector<pid_t> children;
  for (int i = 0; i < processes; ++i) {
    const pid_t pid = ::fork();
    if (pid < 0) {
      ADD_FAILURE() << "fork failed";
      break;
    }
    if (pid == 0) {
      ::close(start[1]);
      ::close(results[0]);
      char c = 0;
      // Blocks until the parent closes its end: every child then starts at the same moment.
      while (::read(start[0], &c, 1) > 0) {
      }
      ::_exit(child(i, results[1]));
    }
    children.push_back(pid);
  }
  ::close(start[0]);
  ::close(start[1]);  // Go.
  ::close(results[1]);

  std::string output;
  char buffer[4096];
  ssize_t n = 0;
  while ((n = ::read(results[0], buffer, sizeof buffer)) > 0) output.append(buffer, n);
  ::close(results[0]);
  for (pid_t pid : children) {
    int status = 0;
    EXPECT_EQ(::waitpid(pid, &status, 0), pid);
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0)
        << "child " << pid << " failed (status " << status << ")";
  }
  return output;
}

}  // namespace stratus::test
