// What is taken out of an archive (or a mail) and what is not: one policy
// for `ingest`, `watch`, `mail` and `dossier extract`.
#pragma once

#include <optional>
#include <string_view>

#include "dossier/common/file_type.h"

namespace dossier {

// Whether a file of `type` is an archive whose members are taken one by one.
// What a file is comes from its bytes: a ZIP archive is expanded whatever its
// name (a Word or Excel file is sniffed as such, damaged or not, from its
// parts).
bool IsArchiveToExpand(FileType type);

// Whether an archive member named `name` (its path inside the archive, '/'
// or '\' between folders) holds no document: the resource forks macOS adds
// ("__MACOSX/…") and temporary names (IsTemporaryName).
bool IsJunkArchiveMember(std::string_view name);

// Whether a member of type `member` found in a `container` (a ZIP archive or
// a mail) is refused instead of opened: one level only. A ZIP in a ZIP
// (archives in archives are how zip bombs nest), a mail attached to a mail.
bool IsRefusedAsNested(FileType container, FileType member);

// The Office package a file's name claims to be (".docx", ".xlsx", any
// case), nullopt for any other name. Only words why a damaged file that is
// sniffed as a plain ZIP cannot be read; it never decides how a file is read.
std::optional<FileType> OfficeTypeNamed(std::string_view name);

}  // namespace dossier
