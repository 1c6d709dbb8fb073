// Cutting the connection a request arrived on, from inside a cpp-httplib handler (which has no
// access to its socket): the socket is found by its two ports among the process's descriptors
// (/proc/self/fd) and shut down, so the client sees the connection close while it waits for the
// answer, exactly as when a server or a middlebox dies after it received the request.
// Linux only. Test support only.
#pragma once

#include <string_view>

namespace stratus::fakes {

// Shuts down (both directions) the server-side TCP socket whose local port is `local_port` and
// whose peer port is `remote_port`, after writing `first_bytes` to it (may be empty: the client
// then gets no byte of an answer). Returns false when no such socket was found.
// REQUIRES: SIGPIPE is ignored (the server's own later write to the socket fails with EPIPE).
bool cut_connection(int local_port, int remote_port, std::string_view first_bytes);

}  // namespace stratus::fakes
