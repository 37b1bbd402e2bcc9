#include "pix.h"

#include <leptonica/allheaders.h>

namespace dossier::extract_internal {

void LeptonicaDeleter::operator()(Pix* pix) const { pixDestroy(&pix); }
void LeptonicaDeleter::operator()(Pixa* pixa) const { pixaDestroy(&pixa); }
void LeptonicaDeleter::operator()(Box* box) const { boxDestroy(&box); }
void LeptonicaDeleter::operator()(Boxa* boxa) const { boxaDestroy(&boxa); }
void LeptonicaDeleter::operator()(Pta* pta) const { ptaDestroy(&pta); }
void LeptonicaDeleter::operator()(Numa* numa) const { numaDestroy(&numa); }

}  // namespace dossier::extract_internal
