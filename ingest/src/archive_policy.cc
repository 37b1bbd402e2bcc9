#include "dossier/ingest/archive_policy.h"

#include "dossier/common/text.h"
#include "dossier/ingest/temp_names.h"

namespace dossier {

bool IsArchiveToExpand(FileType type) { return type == FileType::kZip; }

bool IsJunkArchiveMember(std::string_view name) {
  if (name.rfind("__MACOSX/", 0) == 0) return true;
  const size_t slash = name.find_last_of("/\\");
  return IsTemporaryName(slash == std::string_view::npos ? name : name.substr(slash + 1));
}

bool IsRefusedAsNested(FileType container, FileType member) {
  return member == container && (container == FileType::kZip || container == FileType::kEml);
}

std::optional<FileType> OfficeTypeNamed(std::string_view name) {
  if (text::EndsWithIgnoringAsciiCase(name, ".docx")) return FileType::kDocx;
  if (text::EndsWithIgnoringAsciiCase(name, ".xlsx")) return FileType::kXlsx;
  return std::nullopt;
}

}  // namespace dossier
