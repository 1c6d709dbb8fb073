#include "self_signed_certificate.h"

#include <openssl/pem.h>
#include <openssl/x509v3.h>

#include <cstdlib>

namespace stratus::http_test {
namespace {

void require(bool ok) {
  if (!ok) std::abort();
}

void add_extension(X509* certificate, int nid, const char* value) {
  X509V3_CTX context;
  X509V3_set_ctx_nodb(&context);
  X509V3_set_ctx(&context, certificate, certificate, nullptr, nullptr, 0);
  X509_EXTENSION* extension = X509V3_EXT_conf_nid(nullptr, &context, nid, value);
  require(extension != nullptr);
  require(X509_add_ext(certificate, extension, -1) == 1);
  X509_EXTENSION_free(extension);
}

}  // namespace

SelfSignedCertificate::SelfSignedCertificate() {
  key_ = EVP_EC_gen("P-256");
  certificate_ = X509_new();
  require(key_ != nullptr && certificate_ != nullptr);
  require(X509_set_version(certificate_, 2) == 1);
  require(ASN1_INTEGER_set(X509_get_serialNumber(certificate_), 1) == 1);
  require(X509_gmtime_adj(X509_getm_notBefore(certificate_), -3600) != nullptr);
  require(X509_gmtime_adj(X509_getm_notAfter(certificate_), 3600) != nullptr);
  require(X509_set_pubkey(certificate_, key_) == 1);
  X509_NAME* name = X509_get_subject_name(certificate_);
  require(X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                                     reinterpret_cast<const unsigned char*>("127.0.0.1"), -1, -1,
                                     0) == 1);
  require(X509_set_issuer_name(certificate_, name) == 1);
  add_extension(certificate_, NID_basic_constraints, "critical,CA:TRUE");
  add_extension(certificate_, NID_subject_alt_name, "IP:127.0.0.1");
  require(X509_sign(certificate_, key_, EVP_sha256()) > 0);
}

SelfSignedCertificate::~SelfSignedCertificate() {
  X509_free(certificate_);
  EVP_PKEY_free(key_);
}

std::string SelfSignedCertificate::pem() const {
  BIO* bio = BIO_new(BIO_s_mem());
  require(bio != nullptr && PEM_write_bio_X509(bio, certificate_) == 1);
  char* data = nullptr;
  const long size = BIO_get_mem_data(bio, &data);
  std::string text(data, static_cast<std::size_t>(size));
  BIO_free(bio);
  return text;
}

}  // namespace stratus::http_test
