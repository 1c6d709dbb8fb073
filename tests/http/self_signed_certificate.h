// SelfSignedCertificate: a throw-away EC key and self-signed certificate for 127.0.0.1 (subject
// alternative name IP:127.0.0.1), made in memory for the TLS tests.
#pragma once

#include <openssl/evp.h>
#include <openssl/x509.h>

#include <string>

namespace stratus::http_test {

class SelfSignedCertificate {
 public:
  SelfSignedCertificate();  // Aborts if OpenSSL cannot make one: the test cannot run.
  ~SelfSignedCertificate();
  SelfSignedCertificate(const SelfSignedCertificate&) = delete;
  SelfSignedCertificate& operator=(const SelfSignedCertificate&) = delete;

  X509* certificate() const { return certificate_; }
  EVP_PKEY* key() const { return key_; }
  // The certificate in PEM, to trust it as a CA.
  std::string pem() const;

 private:
  EVP_PKEY* key_ = nullptr;
  X509* certificate_ = nullptr;
};

}  // namespace stratus::http_test
