// Test support for the audit log tests: the chain's definitions computed independently of
// audit_line.h (straight from SHA-256 and nlohmann's compact dump), and raw line I/O.
#pragma once

#include <cstdint>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "support/sha256.h"

namespace stratus::audit_testing {

inline std::string compact(const nlohmann::json& value) {
  return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

// "hash" by its definition: SHA-256 (hex) of the compact dump of the object without "hash".
inline std::string expected_hash(nlohmann::json object) {
  object.erase("hash");
  return hex_lower(sha256(compact(object)));
}

// A line anyone could write who knows the format: `object` with seq, prev and a correct hash.
inline std::string forge_line(nlohmann::json object, std::uint64_t seq, const std::string& prev) {
  object["seq"] = seq;
  object["prev"] = prev;
  object["hash"] = expected_hash(object);
  return compact(object);
}

// The file's bytes.
inline std::string read_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// The file's lines, without their "\n".
inline std::vector<std::string> read_lines(const std::string& path) {
  std::vector<std::string> lines;
  std::ifstream in(path, std::ios::binary);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// Writes `lines`, each followed by "\n".
inline void write_lines(const std::string& path, const std::vector<std::string>& lines) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  for (const std::string& line : lines) out << line << '\n';
}

}  // namespace stratus::audit_testing
