// Chinese family names, for telling a person's name OCR read whole from one
// whose first character it misread.
#pragma once

#include <string_view>

namespace dossier::norm {

// Whether `name` (Han characters, spaces removed) begins with a family name
// in common use: one of some four hundred single-character names, which
// between them cover almost every person in China, or a compound one
// (欧阳, 司马, 诸葛, …). A name whose first character is none of them (入冰,
// 用宏伟, 七延东) is far more likely misread than rare.
bool BeginsWithCommonSurname(std::u32string_view name);

}  // namespace dossier::norm
