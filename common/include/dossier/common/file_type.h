// What a file is, as every stage names it: ingest sniffs it from the bytes,
// the store keeps its name, extract picks a reader by it, reports draw the
// file's pages by it. One enum and one name table, so that no stage spells
// a type as a string literal.
#pragma once

#include <optional>
#include <string_view>

namespace dossier {

enum class FileType {
  kUnknown,
  kDocx,
  kXlsx,
  kPptx,  // an Office package whose main part is a presentation (not read)
  kOdf,   // an OpenDocument package (.odt/.ods; not read)
  kPdf,
  kJpeg,
  kPng,
  kTiff,
  kBmp,
  kGif,
  kWebp,
  kJp2,
  kPnm,
  kZip,
  kDoc,
  kXls,
  kEncryptedOffice,  // an OLE2 container holding an encrypted DOCX/XLSX
  kEmpty,
  kEml
};

// The stored name: "docx", "xlsx", "pdf", "jpeg", "zip", "encrypted_office", ….
std::string_view FileTypeName(FileType type);
// The type a stored name stands for; nullopt for a name no type has.
std::optional<FileType> FileTypeFromName(std::string_view name);

// True for the types read as pictures (JPEG, PNG, TIFF, BMP, GIF, WebP,
// JPEG 2000, PNM).
bool IsImageType(FileType type);
// The same, by type name as FileTypeName gives it.
bool IsImageTypeName(std::string_view name);

// Office packages read as structure (cells and paragraphs), not as pages.
inline bool IsOfficeType(FileType type) {
  return type == FileType::kDocx || type == FileType::kXlsx;
}

}  // namespace dossier
