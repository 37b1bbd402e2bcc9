#include "dossier/ingest/temp_names.h"

#include <array>

namespace dossier {
namespace {

bool EndsWithIgnoringAsciiCase(std::string_view s, std::string_view suffix) {
  if (s.size() < suffix.size()) return false;
  s.remove_prefix(s.size() - suffix.size());
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != suffix[i]) return false;
  }
  return true;
}

}  // namespace

bool IsTemporaryName(std::string_view name) {
  if (name.empty()) return true;
  if (name[0] == '.') return true;  // hidden: rsync temps, .~lock.*, .DS_Store
  if (name.substr(0, 2) == "~$") return true;
  static constexpr std::array<std::string_view, 5> kPartialSuffixes = {
      ".part", ".partial", ".crdownload", ".download", ".tmp"};
  for (std::string_view suffix : kPartialSuffixes) {
    if (EndsWithIgnoringAsciiCase(name, suffix)) return true;
  }
  return false;
}

bool IsIgnoredFolderName(std::string_view name) { return name.empty() || name[0] == '.'; }

}  // namespace dossier
