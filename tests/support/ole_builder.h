// Test helper: minimal OLE2 compound files (MS-CFB), the container of legacy
// Word/Excel files and of password-protected DOCX/XLSX (EncryptedPackage).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace dossier::testing {

inline void PutLe16(std::string& b, size_t at, uint16_t v) {
  b[at] = static_cast<char>(v & 0xFF);
  b[at + 1] = static_cast<char>(v >> 8);
}

inline void PutLe32(std::string& b, size_t at, uint32_t v) {
  PutLe16(b, at, static_cast<uint16_t>(v & 0xFFFF));
  PutLe16(b, at + 2, static_cast<uint16_t>(v >> 16));
}

// A minimal but well-formed OLE2 compound file (MS-CFB): header, the
// directory in sector 0, the FAT in sector 1, one directory entry per name.
inline std::string MakeCompoundFile(const std::vector<std::string>& stream_names,
                                    uint16_t sector_shift = 9) {
  const size_t sector = size_t{1} << sector_shift;
  std::string b(sector * 3, '\0');  // Header sector, directory, FAT.
  b.replace(0, 8, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1");
  PutLe16(b, 24, 0x003E);                     // Minor version.
  PutLe16(b, 26, sector_shift == 9 ? 3 : 4);  // Major version.
  PutLe16(b, 28, 0xFFFE);                     // Little-endian.
  PutLe16(b, 30, sector_shift);
  PutLe16(b, 32, 6);           // Mini sector shift.
  PutLe32(b, 44, 1);           // One FAT sector.
  PutLe32(b, 48, 0);           // Directory starts at sector 0.
  PutLe32(b, 60, 0xFFFFFFFE);  // No mini FAT.
  PutLe32(b, 68, 0xFFFFFFFE);  // No DIFAT sectors.
  for (size_t i = 0; i < 109; ++i) PutLe32(b, 76 + 4 * i, 0xFFFFFFFF);
  PutLe32(b, 76, 1);  // FAT is sector 1.
  const size_t fat = 2 * sector;
  for (size_t i = 0; i < sector / 4; ++i) PutLe32(b, fat + 4 * i, 0xFFFFFFFF);
  PutLe32(b, fat + 0, 0xFFFFFFFE);  // Directory: one sector.
  PutLe32(b, fat + 4, 0xFFFFFFFD);  // FAT sector itself.

  std::vector<std::pair<std::string, unsigned char>> entries{{"Root Entry", 5}};
  for (const std::string& name : stream_names) entries.push_back({name, 2});
  size_t at = sector;
  for (const auto& [name, type] : entries) {
    for (size_t i = 0; i < name.size(); ++i) PutLe16(b, at + 2 * i, static_cast<uint8_t>(name[i]));
    PutLe16(b, at + 64, static_cast<uint16_t>(2 * (name.size() + 1)));
    b[at + 66] = static_cast<char>(type);
    at += 128;
  }
  return b;
}

}  // namespace dossier::testing
