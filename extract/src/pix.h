// Ownership of Leptonica images inside extract/src (never in public headers).
#pragma once

#include <memory>

struct Pix;

namespace dossier::extract_internal {

struct PixDeleter {
  void operator()(Pix* pix) const;
};
using PixPtr = std::unique_ptr<Pix, PixDeleter>;

}  // namespace dossier::extract_internal
