// Ownership of Leptonica objects inside extract/src (never in public headers).
#pragma once

#include <memory>

struct Pix;
struct Pixa;
struct Box;
struct Boxa;
struct Pta;
struct Numa;

namespace dossier::extract_internal {

struct LeptonicaDeleter {
  void operator()(Pix* pix) const;
  void operator()(Pixa* pixa) const;
  void operator()(Box* box) const;
  void operator()(Boxa* boxa) const;
  void operator()(Pta* pta) const;
  void operator()(Numa* numa) const;
};
using PixPtr = std::unique_ptr<Pix, LeptonicaDeleter>;
using PixaPtr = std::unique_ptr<Pixa, LeptonicaDeleter>;
using BoxPtr = std::unique_ptr<Box, LeptonicaDeleter>;
using BoxaPtr = std::unique_ptr<Boxa, LeptonicaDeleter>;
using PtaPtr = std::unique_ptr<Pta, LeptonicaDeleter>;
using NumaPtr = std::unique_ptr<Numa, LeptonicaDeleter>;

}  // namespace dossier::extract_internal
