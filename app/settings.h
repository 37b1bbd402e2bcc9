// The settings file (`--config FILE`): a small INI dialect read in one place,
// strictly, so that a setting cannot silently mean something else than what
// its author wrote.
//
//   ; a comment (also "# ..."); after a value, " ; ..." and " # ..." too
//   data = /srv/dossier            the data folder
//   store = postgresql://db/dossier  the store, when not the data folder's SQLite
//                                  file (sqlite:PATH, a path or a PostgreSQL URL)
//   shared_group = true            data and reports readable by the group (privacy.h)
//   [call]                         the call's settings (norm::CallConfig)
//   deadline = 2024-06-28
//   timezone_offset_minutes = 480
//   trainees_minimum = 2000
//   quota_city = 2                 quota_<type> for each recommender type of the spec
//   expired_base = 济南市技师学院     repeatable; with expired_bases_file, replaces the notice's
//   list expired_bases_file = expired.txt   one unit a line; blank lines and "#" lines skipped
//   priority_area = 乡村振兴         repeatable; replaces the notice's list
//   current_base = 山东某某学院        repeatable; with current_bases_file, the current
//   current_bases_file = bases.txt   provincial bases (N1); none by default (N1 unknown)
//
// A value may be written in double quotes ("a ; b") to keep ";" or "#" or
// surrounding spaces; \" and \\ inside them stand for " and \. An empty
// expired_base / priority_area gives the list without adding to it (so an
// empty list can be written). Relative paths are relative to the file's
// folder. The file is UTF-8 (a byte order mark is allowed).
#pragma once

#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "dossier/assemble/checks.h"
#include "dossier/common/status.h"
#include "dossier/store/store.h"

namespace dossier {

struct Settings {
  std::optional<std::filesystem::path> data_dir;  // `data =`, made absolute
  // `store =`: "" for the data folder's SQLite file; else "sqlite:ABSOLUTE"
  // or the PostgreSQL URL as written (ParseStoreLocation).
  std::string store;
  // `shared_group = true`: data and reports readable by the owner's group
  // (privacy.h).
  bool shared_group = false;
  norm::CallConfig call = norm::CallConfig::Defaults();
};

// Reads a settings file over the notice's defaults.
// On failure (nothing is half-applied): InvalidInput whose message names the
// file, the line, the key and what is wrong ("x.ini:4: deadline: 2024-13-45
// is not a day of the calendar (YYYY-MM-DD)"); Io when the file (or the
// expired_bases_file or current_bases_file it names) cannot be read.
Result<Settings> ReadSettingsFile(const std::filesystem::path& path);

// The settings as a file ReadSettingsFile reads back to the same settings:
// `data` first (outside any section, as an absolute path), then [call] with
// every key, lists one line per item. `origin` goes into the leading comment.
std::string SettingsFileText(const std::filesystem::path& data_dir, const norm::CallConfig& call,
                             const std::string& origin, bool shared_group = false,
                             const std::string& store = "");

// The export's "settings" block: the [call] keys with their values, lists
// (expired_base, priority_area, current_base) as arrays; current_base is null
// when no list was given.
nlohmann::json SettingsJson(const norm::CallConfig& call);

}  // namespace dossier
