// SHA-256, HMAC-SHA256 and hex on OpenSSL: the primitives of AWS Signature Version 4 and of the
// audit log's hash chain.
#pragma once

#include <string>
#include <string_view>

namespace stratus {

// The 32-byte SHA-256 digest of `data`, raw bytes.
std::string sha256(std::string_view data);
// The 32-byte HMAC-SHA256 of `data` under `key`, raw bytes.
std::string hmac_sha256(std::string_view key, std::string_view data);
// `bytes` as lower-case hexadecimal (two characters per byte).
std::string hex_lower(std::string_view bytes);

}  // namespace stratus
