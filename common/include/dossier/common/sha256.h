// Content digests: a file's SHA-256 names it in the store and in the
// originals folder.
#pragma once

#include <string>
#include <string_view>

namespace dossier {

// Lower-case hex SHA-256 of the bytes (OpenSSL libcrypto).
std::string Sha256Hex(std::string_view bytes);

// Whether `s` is such a digest: 64 lower-case hex digits.
bool IsSha256Hex(std::string_view s);

}  // namespace dossier
