// What a file is, decided from its bytes alone (never from its name).
#pragma once

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

// Sniffs the type from magic numbers. For ZIP containers it asks the
// package: the main part's content type in [Content_Types].xml (so
// word/document2.xml, a workbook at the package root, or entry names written
// with backslashes or in odd case are all found), then the entry names
// (word/document.xml, xl/workbook.xml); anything else is a plain ZIP. OLE2
// compound files are kEncryptedOffice when they hold an EncryptedPackage
// stream (what Word and Excel write for a password-protected file), kDoc /
// kXls when their directory names say so (legacy formats we do not read). A
// saved mail (RFC 5322 headers: From: or Received: with Date:, Subject:,
// MIME-Version: or Message-ID:) is kEml.
FileType SniffFileType(std::string_view bytes);

std::string_view FileTypeName(FileType type);  // "docx", "xlsx", "pdf", ...

// True for the types read as pictures (JPEG, PNG, TIFF, BMP, GIF, WebP,
// JPEG 2000, PNM), by type name as FileTypeName gives it.
bool IsImageTypeName(std::string_view type);

}  // namespace dossier
