// SHA-256, HMAC-SHA256 and hex on OpenSSL: the primitives of AWS Signature Version 4 and of the
// audit log's hash chain.
#pragma once

#include <string>
#include <string_view>

struct evp_md_ctx_st;  // OpenSSL's EVP_MD_CTX.

namespace stratus {

// The 32-byte SHA-256 digest of `data`, raw bytes.
std::string sha256(std::string_view data);
// The 32-byte HMAC-SHA256 of `data` under `key`, raw bytes.
std::string hmac_sha256(std::string_view key, std::string_view data);
// `bytes` as lower-case hexadecimal (two characters per byte).
std::string hex_lower(std::string_view bytes);

// SHA-256 over data given in pieces. A copy carries on from the same state, so two messages that
// share a prefix hash it once.
class Sha256 {
 public:
  Sha256();
  Sha256(const Sha256& other);
  Sha256& operator=(const Sha256&) = delete;
  ~Sha256();

  // Adds `data` to the message. REQUIRES: digest() not called yet.
  void update(std::string_view data);
  // The 32-byte digest of everything added, raw bytes. REQUIRES: called at most once.
  std::string digest();

 private:
  ::evp_md_ctx_st* context_;
};

}  // namespace stratus
