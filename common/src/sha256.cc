#include "dossier/common/sha256.h"

#include <openssl/evp.h>

#include <cstdio>
#include <cstdlib>
#include <string>

namespace dossier {

std::string Sha256Hex(std::string_view bytes) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (EVP_Digest(bytes.data(), bytes.size(), digest, &length, EVP_sha256(), nullptr) != 1) {
    // Only a broken libcrypto gets here; an empty or made-up digest would
    // silently mix originals up, so stop instead.
    std::fputs("dossier: OpenSSL could not compute a SHA-256 digest\n", stderr);
    std::abort();
  }
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(2 * length);
  for (unsigned int i = 0; i < length; ++i) {
    hex.push_back(kHex[digest[i] >> 4]);
    hex.push_back(kHex[digest[i] & 0x0F]);
  }
  return hex;
}

// A digest is used as a file name, so anything but 64 lower-case hex digits
// would let a caller's bug write outside the shard or collide with a temp.
bool IsSha256Hex(std::string_view s) {
  if (s.size() != 64) return false;
  for (char c : s) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

}  // namespace dossier
