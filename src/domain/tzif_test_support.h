// Test support for the TZif reader: builds TZif files byte by byte from a description (so tests
// can make exactly the file they need, valid or corrupt), compiles zone sources with zic, and
// makes temporary directories.
#pragma once

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace stratus::tzif_test {

struct TypeSpec {
  std::int32_t offset = 0;
  std::uint8_t is_dst = 0;
  std::uint8_t desig = 0;  // Index into `chars`.
};

// A TZif file. Version 0 writes only the 32-bit block; '2'..'4' write a version 1 block holding
// the same data (times that fit 32 bits), then the 64-bit block and the footer.
struct FileSpec {
  char version = '2';
  std::vector<std::int64_t> times;
  std::vector<std::uint8_t> type_indices;
  std::vector<TypeSpec> types;
  std::string chars;  // Designations, each NUL-terminated.
  std::vector<std::uint8_t> isstd;
  std::vector<std::uint8_t> isut;
  std::string footer;  // The TZ string, without the newlines around it.
};

inline void put32(std::string& out, std::uint32_t v) {
  for (int shift = 24; shift >= 0; shift -= 8)
    out.push_back(static_cast<char>((v >> shift) & 0xff));
}

inline void put64(std::string& out, std::int64_t v) {
  const auto u = static_cast<std::uint64_t>(v);
  put32(out, static_cast<std::uint32_t>(u >> 32));
  put32(out, static_cast<std::uint32_t>(u));
}

inline void put_header(std::string& out, char version, const FileSpec& f, std::size_t timecnt) {
  out += "TZif";
  out.push_back(version);
  out.append(15, '\0');
  put32(out, static_cast<std::uint32_t>(f.isut.size()));
  put32(out, static_cast<std::uint32_t>(f.isstd.size()));
  put32(out, 0);  // leapcnt
  put32(out, static_cast<std::uint32_t>(timecnt));
  put32(out, static_cast<std::uint32_t>(f.types.size()));
  put32(out, static_cast<std::uint32_t>(f.chars.size()));
}

inline void put_block(std::string& out, const FileSpec& f, bool wide, std::size_t timecnt) {
  for (std::size_t i = 0; i < timecnt; ++i) {
    if (wide) {
      put64(out, f.times[i]);
    } else {
      put32(out, static_cast<std::uint32_t>(static_cast<std::int32_t>(f.times[i])));
    }
  }
  for (std::size_t i = 0; i < timecnt; ++i) out.push_back(static_cast<char>(f.type_indices[i]));
  for (const TypeSpec& t : f.types) {
    put32(out, static_cast<std::uint32_t>(t.offset));
    out.push_back(static_cast<char>(t.is_dst));
    out.push_back(static_cast<char>(t.desig));
  }
  out += f.chars;
  for (auto b : f.isstd) out.push_back(static_cast<char>(b));
  for (auto b : f.isut) out.push_back(static_cast<char>(b));
}

inline std::string build(const FileSpec& f) {
  std::size_t narrow = 0;  // Leading times that fit 32 bits; the v1 block keeps those.
  while (narrow < f.times.size() && f.times[narrow] >= INT32_MIN && f.times[narrow] <= INT32_MAX) {
    ++narrow;
  }
  std::string out;
  if (f.version == 0) {
    put_header(out, 0, f, f.times.size());
    put_block(out, f, false, f.times.size());
    return out;
  }
  put_header(out, f.version, f, narrow);
  put_block(out, f, false, narrow);
  put_header(out, f.version, f, f.times.size());
  put_block(out, f, true, f.times.size());
  out += "\n" + f.footer + "\n";
  return out;
}

// A fresh empty directory under the system's temporary directory.
inline std::filesystem::path make_temp_dir() {
  std::string pattern = (std::filesystem::temp_directory_path() / "stratus-tz-XXXXXX").string();
  const char* made = ::mkdtemp(pattern.data());
  return made == nullptr ? std::filesystem::path{} : std::filesystem::path{made};
}

inline void write_file(const std::filesystem::path& path, const std::string& bytes) {
  std::filesystem::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << bytes;
}

inline std::string read_bytes(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace stratus::tzif_test
