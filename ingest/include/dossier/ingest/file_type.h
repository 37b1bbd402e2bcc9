// What a file is, decided from its bytes alone (never from its name).
#pragma once

#include <string_view>

namespace dossier {

enum class FileType {
  kUnknown,
  kDocx,
  kXlsx,
  kPdf,
  kJpeg,
  kPng,
  kTiff,
  kZip,
  kDoc,
  kXls,
  kEmpty,
  kEml
};

// Sniffs the type from magic numbers; for ZIP containers looks at the entry
// names ([Content_Types].xml with word/ or xl/ parts) to tell DOCX and XLSX
// from a plain ZIP. OLE2 compound files are told apart as kDoc / kXls when
// their directory names say so (legacy Office formats we do not read). A
// saved mail (RFC 5322 headers: From: or Received: with Date:, Subject:,
// MIME-Version: or Message-ID:) is kEml.
FileType SniffFileType(std::string_view bytes);

std::string_view FileTypeName(FileType type);  // "docx", "xlsx", "pdf", ...

}  // namespace dossier
