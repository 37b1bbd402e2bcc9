#include "dossier/ingest/file_type.h"

#include <zip.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>

namespace dossier {
namespace {

// Office part names are case-insensitive in OPC packages (ECMA-376 part 2),
// and some producers do write "Word/Document.xml".
bool EqualsIgnoreAsciiCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

// What the entry names of a ZIP say about it.
enum class ZipKind { kPlain, kDocx, kXlsx };

struct ZipKindScan {
  bool docx = false;
  bool xlsx = false;
  void See(std::string_view name) {
    if (EqualsIgnoreAsciiCase(name, "word/document.xml")) docx = true;
    if (EqualsIgnoreAsciiCase(name, "xl/workbook.xml")) xlsx = true;
  }
  // A package holding both main parts is odd; the word processing part wins
  // because the form itself is the DOCX.
  ZipKind Kind() const { return docx ? ZipKind::kDocx : xlsx ? ZipKind::kXlsx : ZipKind::kPlain; }
};

struct ZipCloser {
  void operator()(zip_t* z) const { zip_discard(z); }
};

// Reads the central directory with libzip (read-only, nothing is inflated).
// Returns false when libzip refuses the archive.
bool ScanCentralDirectory(std::string_view bytes, ZipKindScan& scan) {
  zip_error_t error;
  zip_error_init(&error);
  // The buffer is borrowed (freep = 0): libzip never writes to a read-only
  // archive, so handing it our const bytes is safe.
  zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  if (source == nullptr) {
    zip_error_fini(&error);
    return false;
  }
  std::unique_ptr<zip_t, ZipCloser> archive(zip_open_from_source(source, ZIP_RDONLY, &error));
  if (archive == nullptr) {
    zip_source_free(source);  // Not taken over by a failed zip_open_from_source.
    zip_error_fini(&error);
    return false;
  }
  zip_error_fini(&error);
  const zip_int64_t count = zip_get_num_entries(archive.get(), 0);
  for (zip_int64_t i = 0; i < count; ++i) {
    const char* name = zip_get_name(archive.get(), static_cast<zip_uint64_t>(i), ZIP_FL_ENC_RAW);
    if (name != nullptr) scan.See(name);
  }
  return true;
}

uint16_t ReadLe16(std::string_view b, size_t at) {
  return static_cast<uint16_t>(static_cast<unsigned char>(b[at]) |
                               (static_cast<unsigned char>(b[at + 1]) << 8));
}

uint32_t ReadLe32(std::string_view b, size_t at) {
  return static_cast<uint32_t>(ReadLe16(b, at)) |
         (static_cast<uint32_t>(ReadLe16(b, at + 2)) << 16);
}

// For an archive libzip refuses (typically a download cut short, so the
// central directory at the end is missing) the local file headers at the front
// still name the parts. Finding the Office parts there lets the DOCX/XLSX
// reader report "damaged DOCX" instead of the clerk being told about a ZIP.
void ScanLocalHeaders(std::string_view bytes, ZipKindScan& scan) {
  static constexpr std::string_view kLocalHeader("PK\x03\x04", 4);
  static constexpr size_t kFixedPart = 30;  // Name length at +26, name at +30.
  size_t at = 0;
  while ((at = bytes.find(kLocalHeader, at)) != std::string_view::npos) {
    if (bytes.size() - at < kFixedPart) break;
    const size_t name_length = ReadLe16(bytes, at + 26);
    if (bytes.size() - at - kFixedPart >= name_length) {
      scan.See(bytes.substr(at + kFixedPart, name_length));
    }
    at += kLocalHeader.size();
  }
}

// Decision on ZIP-signed files: any file that starts like a ZIP is kZip unless
// its entry names show DOCX or XLSX parts, even when libzip cannot open it.
// Sniffing only names the kind; the reader that opens the file later gives
// the precise reason ("not a valid ZIP archive", "damaged DOCX"). A damaged
// file whose local headers still show Office parts is therefore sniffed as
// kDocx/kXlsx so that the reason speaks of the document the clerk sent.
FileType SniffZip(std::string_view bytes) {
  ZipKindScan scan;
  if (!ScanCentralDirectory(bytes, scan)) ScanLocalHeaders(bytes, scan);
  switch (scan.Kind()) {
    case ZipKind::kDocx:
      return FileType::kDocx;
    case ZipKind::kXlsx:
      return FileType::kXlsx;
    case ZipKind::kPlain:
      break;
  }
  return FileType::kZip;
}

// OLE2 compound file (MS-CFB). The legacy Word and Excel formats are told
// apart by the name of their main stream in the directory: "WordDocument" for
// .doc, "Workbook" (Excel 97+) or "Book" (Excel 5/95) for .xls.
class CompoundFile {
 public:
  explicit CompoundFile(std::string_view bytes) : bytes_(bytes) {
    if (bytes_.size() < kHeaderSize) return;
    // Version 3 files use 512-byte sectors, version 4 files 4096-byte ones.
    const uint16_t sector_shift = ReadLe16(bytes_, 30);
    if (sector_shift == 9 || sector_shift == 12) sector_size_ = size_t{1} << sector_shift;
  }

  FileType Sniff() const {
    if (sector_size_ == 0) return FileType::kUnknown;

    // Directory sectors are a FAT chain; stop at a sane cap so that a looped
    // chain in a damaged file cannot keep us here.
    static constexpr int kMaxDirectorySectors = 256;
    uint32_t sector = ReadLe32(bytes_, 48);
    for (int n = 0; n < kMaxDirectorySectors && sector < kMaxRegularSector; ++n) {
      const size_t offset = SectorOffset(sector);
      if (offset >= bytes_.size()) break;
      const size_t end = std::min(bytes_.size(), offset + sector_size_);
      for (size_t entry = offset; entry + kEntrySize <= end; entry += kEntrySize) {
        const FileType type = TypeOfEntry(entry);
        if (type != FileType::kUnknown) return type;
      }
      sector = NextSector(sector);
    }
    return FileType::kUnknown;
  }

 private:
  static constexpr size_t kHeaderSize = 512;
  static constexpr size_t kEntrySize = 128;
  static constexpr uint32_t kMaxRegularSector = 0xFFFFFFFA;
  static constexpr size_t kHeaderDifatEntries = 109;

  size_t SectorOffset(uint32_t sector) const {
    // Sector 0 follows the header, which takes a whole sector of its size.
    return (static_cast<size_t>(sector) + 1) * sector_size_;
  }

  uint32_t NextSector(uint32_t sector) const {
    const size_t per_fat_sector = sector_size_ / 4;
    const size_t difat_index = sector / per_fat_sector;
    // FAT sectors beyond the header's DIFAT would need the DIFAT chain; the
    // directory of an ordinary document is never that far into a file.
    if (difat_index >= kHeaderDifatEntries) return kMaxRegularSector;
    const uint32_t fat_sector = ReadLe32(bytes_, 76 + 4 * difat_index);
    if (fat_sector >= kMaxRegularSector) return kMaxRegularSector;
    const size_t at = SectorOffset(fat_sector) + 4 * (sector % per_fat_sector);
    if (at + 4 > bytes_.size()) return kMaxRegularSector;
    return ReadLe32(bytes_, at);
  }

  FileType TypeOfEntry(size_t entry) const {
    static constexpr unsigned char kStream = 2;
    if (static_cast<unsigned char>(bytes_[entry + 66]) != kStream) return FileType::kUnknown;
    const uint16_t name_bytes = ReadLe16(bytes_, entry + 64);  // Includes the NUL.
    if (name_bytes < 2 || name_bytes > 64 || name_bytes % 2 != 0) return FileType::kUnknown;
    std::string name;
    for (size_t i = 0; i + 2 < name_bytes; i += 2) {
      const uint16_t unit = ReadLe16(bytes_, entry + i);
      if (unit > 0x7F) return FileType::kUnknown;  // Not one of the ASCII names we look for.
      name.push_back(static_cast<char>(unit));
    }
    if (name == "WordDocument") return FileType::kDoc;
    if (name == "Workbook" || name == "Book") return FileType::kXls;
    return FileType::kUnknown;
  }

  std::string_view bytes_;
  size_t sector_size_ = 0;  // 0: not a compound file we can walk.
};

bool StartsWith(std::string_view bytes, std::string_view magic) {
  return bytes.substr(0, magic.size()) == magic;
}

// A mail begins with header fields ("Name: value", continuation lines
// indented), optionally after an mbox "From " line; two of the fields every
// mail program writes must be among them.
bool LooksLikeMail(std::string_view bytes) {
  std::string_view head = bytes.substr(0, 64 * 1024);
  if (StartsWith(head, "From ")) head.remove_prefix(std::min(head.size(), head.find('\n') + 1));
  bool from_or_received = false;
  int others = 0;
  int fields = 0;
  while (!head.empty()) {
    const size_t eol = head.find('\n');
    std::string_view line = head.substr(0, eol);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty()) break;  // the end of the header block
    if (line[0] == ' ' || line[0] == '\t') {
      if (fields == 0) return false;
    } else {
      const size_t colon = line.find(':');
      if (colon == 0 || colon == std::string_view::npos) return false;
      for (size_t i = 0; i < colon; ++i) {
        const unsigned char c = static_cast<unsigned char>(line[i]);
        if (c <= 32 || c >= 127) return false;
      }
      ++fields;
      std::string name(line.substr(0, colon));
      for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      if (name == "from" || name == "received") from_or_received = true;
      if (name == "date" || name == "subject" || name == "mime-version" || name == "message-id")
        ++others;
    }
    if (eol == std::string_view::npos) break;
    head.remove_prefix(eol + 1);
  }
  return from_or_received && others >= 1;
}

}  // namespace

FileType SniffFileType(std::string_view bytes) {
  using namespace std::string_view_literals;
  if (bytes.empty()) return FileType::kEmpty;
  if (StartsWith(bytes, "\xFF\xD8\xFF"sv)) return FileType::kJpeg;
  if (StartsWith(bytes, "\x89PNG\r\n\x1A\n"sv)) return FileType::kPng;
  if (StartsWith(bytes, "II*\0"sv) || StartsWith(bytes, "MM\0*"sv)) return FileType::kTiff;
  if (StartsWith(bytes, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"sv)) {
    return CompoundFile(bytes).Sniff();
  }
  if (StartsWith(bytes, "PK\x03\x04"sv) || StartsWith(bytes, "PK\x05\x06"sv)) {
    return SniffZip(bytes);
  }
  // PDF readers accept junk (mail headers, a BOM) before the header as long as
  // it sits in the first kilobyte, so documents that open for the clerk do
  // here too.
  if (bytes.substr(0, 1024).find("%PDF-"sv) != std::string_view::npos) return FileType::kPdf;
  if (LooksLikeMail(bytes)) return FileType::kEml;
  return FileType::kUnknown;
}

std::string_view FileTypeName(FileType type) {
  switch (type) {
    case FileType::kUnknown:
      return "unknown";
    case FileType::kDocx:
      return "docx";
    case FileType::kXlsx:
      return "xlsx";
    case FileType::kPdf:
      return "pdf";
    case FileType::kJpeg:
      return "jpeg";
    case FileType::kPng:
      return "png";
    case FileType::kTiff:
      return "tiff";
    case FileType::kZip:
      return "zip";
    case FileType::kDoc:
      return "doc";
    case FileType::kXls:
      return "xls";
    case FileType::kEmpty:
      return "empty";
    case FileType::kEml:
      return "eml";
  }
  return "unknown";
}

}  // namespace dossier
