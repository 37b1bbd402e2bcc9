// What a file is, decided from its bytes alone (never from its name).
#pragma once

#include <string_view>

#include "dossier/common/file_type.h"  // FileType and its names

namespace dossier {

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

}  // namespace dossier
