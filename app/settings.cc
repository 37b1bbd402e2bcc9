#include "settings.h"

#include <cerrno>
#include <charconv>
#include <cstring>
#include <fstream>
#include <limits>
#include <map>
#include <set>
#include <sstream>
#include <vector>

#include "dossier/common/text.h"

namespace dossier {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kBom = "\xEF\xBB\xBF";
constexpr std::string_view kIdeographicSpace = "\xE3\x80\x80";

bool IsUtf8(std::string_view s) { return text::ToUtf8(text::ToU32(s)) == s; }

// A comment starts with ";" or "#" at the start of the value or after white
// space, so that "C#" or "a;b" stay values.
bool StartsComment(std::string_view s, size_t i) {
  if (s[i] != ';' && s[i] != '#') return false;
  if (i == 0) return true;
  if (s[i - 1] == ' ' || s[i - 1] == '\t') return true;
  return i >= kIdeographicSpace.size() &&
         s.substr(i - kIdeographicSpace.size(), kIdeographicSpace.size()) == kIdeographicSpace;
}

bool BlankOrComment(std::string_view s) {
  const std::string t = text::Trim(s);
  return t.empty() || t[0] == ';' || t[0] == '#';
}

// The value after "=": quoted, or up to a comment, trimmed. nullopt with
// *error set when a quoted value is not closed or is followed by more text.
std::optional<std::string> ParseValue(std::string_view raw, std::string* error) {
  const std::string trimmed = text::Trim(raw);
  std::string_view s = trimmed;
  if (s.empty() || s[0] != '"') {
    for (size_t i = 0; i < s.size(); ++i) {
      if (StartsComment(s, i)) return text::Trim(s.substr(0, i));
    }
    return std::string(s);
  }
  std::string out;
  size_t i = 1;
  for (; i < s.size() && s[i] != '"'; ++i) {
    if (s[i] == '\\' && i + 1 < s.size() && (s[i + 1] == '"' || s[i + 1] == '\\')) ++i;
    out += s[i];
  }
  if (i >= s.size()) {
    *error = "the quoted value has no closing \"";
    return std::nullopt;
  }
  if (!BlankOrComment(s.substr(i + 1))) {
    *error = "text after the closing quote: " + std::string(s.substr(i + 1));
    return std::nullopt;
  }
  return out;
}

bool IsLeapYear(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

// "YYYY-MM-DD" naming a day that exists.
std::optional<std::string> DateProblem(const std::string& value) {
  bool shape = value.size() == 10 && value[4] == '-' && value[7] == '-';
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
    shape = shape && i < value.size() && value[i] >= '0' && value[i] <= '9';
  if (!shape) return "'" + value + "' is not a date written YYYY-MM-DD";
  const int y = std::stoi(value.substr(0, 4));
  const int m = std::stoi(value.substr(5, 2));
  const int d = std::stoi(value.substr(8, 2));
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const int days = m >= 1 && m <= 12 ? kDays[m - 1] + (m == 2 && IsLeapYear(y) ? 1 : 0) : 0;
  if (m < 1 || m > 12 || d < 1 || d > days) return value + " is not a day of the calendar";
  return std::nullopt;
}

struct IntRange {
  int64_t min;
  int64_t max;
};

std::optional<std::string> IntProblem(const std::string& value, IntRange range, int* out) {
  int64_t n = 0;
  const char* end = value.data() + value.size();
  auto [ptr, ec] = std::from_chars(value.data(), end, n);
  if (ec == std::errc::result_out_of_range) return value + " is out of range";
  if (ec != std::errc() || ptr != end) return "'" + value + "' is not a whole number";
  if (n < range.min || n > range.max) {
    return value + " is out of range (" + std::to_string(range.min) + " to " +
           std::to_string(range.max) + ")";
  }
  *out = static_cast<int>(n);
  return std::nullopt;
}

fs::path Absolute(const fs::path& p) {
  std::error_code ec;
  fs::path abs = fs::absolute(p, ec);
  return (ec ? p : abs).lexically_normal();
}

// The units listed in an expired_bases_file.
Result<std::vector<std::string>> ReadUnitList(const fs::path& path) {
  std::error_code ec;
  if (!fs::is_regular_file(path, ec)) {
    return Status::InvalidInput(path.string() +
                                (fs::exists(path, ec) ? " is not a file" : " does not exist"));
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::Io("cannot read " + path.string() + ": " + std::strerror(errno));
  std::vector<std::string> out;
  int number = 0;
  for (std::string line; std::getline(in, line);) {
    ++number;
    if (number == 1 && line.rfind(kBom, 0) == 0) line.erase(0, kBom.size());
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (!IsUtf8(line)) {
      return Status::InvalidInput(path.string() + " line " + std::to_string(number) +
                                  " is not UTF-8 text (save the file as UTF-8)");
    }
    if (BlankOrComment(line)) continue;
    out.push_back(text::Trim(line));
  }
  if (in.bad()) return Status::Io("cannot read " + path.string());
  return out;
}

// Keys a settings file may hold, by section ("" is outside any section).
struct KeySpec {
  enum Kind { kPath, kStore, kBool, kDate, kInt, kListItem, kListFile } kind;
  IntRange range{0, 0};
  bool repeatable = false;
};

std::map<std::string, KeySpec> KnownKeys(const std::string& section) {
  if (section.empty()) {
    return {{"data", {KeySpec::kPath}},
            {"store", {KeySpec::kStore}},
            {"shared_group", {KeySpec::kBool}}};
  }
  constexpr int64_t kMaxCount = 1000000000;
  std::map<std::string, KeySpec> keys = {
      {"deadline", {KeySpec::kDate}},
      // Time zones run from UTC−12 to UTC+14.
      {"timezone_offset_minutes", {KeySpec::kInt, {-12 * 60, 14 * 60}}},
      {"trainees_minimum", {KeySpec::kInt, {0, kMaxCount}}},
      {"expired_base", {KeySpec::kListItem, {}, true}},
      {"expired_bases_file", {KeySpec::kListFile, {}, true}},
      {"priority_area", {KeySpec::kListItem, {}, true}},
      {"current_base", {KeySpec::kListItem, {}, true}},
      {"current_bases_file", {KeySpec::kListFile, {}, true}},
  };
  for (const auto& [type, quota] : norm::CallConfig::Defaults().quotas)
    keys["quota_" + type] = {KeySpec::kInt, {0, kMaxCount}};
  return keys;
}

std::string KnownKeyList(const std::string& section) {
  std::string out;
  for (const auto& [key, spec] : KnownKeys(section)) out += (out.empty() ? "" : ", ") + key;
  return out;
}

// A known key within two typos of `key`, for "did you mean".
std::string NearestKey(const std::string& section, const std::string& key) {
  std::string best;
  size_t best_distance = 3;
  for (const auto& [known, spec] : KnownKeys(section)) {
    const size_t d = text::EditDistance(text::ToU32(key), text::ToU32(known));
    if (d < best_distance) {
      best_distance = d;
      best = known;
    }
  }
  return best;
}

class SettingsReader {
 public:
  explicit SettingsReader(fs::path path) : path_(std::move(path)) {}

  Result<Settings> Read() {
    std::error_code ec;
    if (fs::is_directory(path_, ec)) return Status::InvalidInput(path_.string() + " is a folder");
    std::ifstream in(path_, std::ios::binary);
    if (!in) {
      return Status::Io("cannot read the settings file " + path_.string() + ": " +
                        std::strerror(errno));
    }
    std::string section;
    for (std::string line; std::getline(in, line);) {
      ++line_;
      if (line_ == 1 && line.rfind(kBom, 0) == 0) line.erase(0, kBom.size());
      if (!line.empty() && line.back() == '\r') line.pop_back();
      if (!IsUtf8(line)) return Error("", "the line is not UTF-8 text (save the file as UTF-8)");
      if (BlankOrComment(line)) continue;
      const std::string trimmed = text::Trim(line);
      if (trimmed[0] == '[') {
        const size_t close = trimmed.find(']');
        if (close == std::string::npos || !BlankOrComment(trimmed.substr(close + 1))) {
          return Error("", "expected a section name in brackets, found: " + trimmed);
        }
        section = text::Trim(trimmed.substr(1, close - 1));
        if (section != "call") {
          return Error("[" + section + "]", "unknown section (a settings file has [call] only)");
        }
        continue;
      }
      const size_t eq = line.find('=');
      if (eq == std::string::npos) return Error("", "expected KEY = VALUE, found: " + trimmed);
      const std::string key = text::Trim(std::string_view(line).substr(0, eq));
      if (Status st = Apply(section, key, std::string_view(line).substr(eq + 1)); !st.ok())
        return st;
    }
    if (in.bad()) return Status::Io("cannot read the settings file " + path_.string());
    if (expired_given_) settings_.call.expired_bases = expired_;
    if (priority_given_) settings_.call.priority_areas = priority_;
    if (current_given_) settings_.call.current_bases = current_;
    return settings_;
  }

 private:
  Status Error(const std::string& key, const std::string& what) const {
    return Status::InvalidInput(path_.string() + ":" + std::to_string(line_) + ": " +
                                (key.empty() ? "" : key + ": ") + what);
  }

  Status Apply(const std::string& section, const std::string& key, std::string_view raw) {
    const std::string where = section.empty() ? "outside any section" : "in [" + section + "]";
    if (key.empty()) return Error("", "a line starts with '=': the key is missing");
    const auto keys = KnownKeys(section);
    auto spec = keys.find(key);
    if (spec == keys.end()) {
      std::string hint;
      if (std::string near = NearestKey(section, key); !near.empty())
        hint = "; did you mean " + near + "?";
      else if (section.empty() && KnownKeys("call").count(key))
        hint = "; it belongs in the [call] section";
      return Error(key, "unknown key " + where + " (known: " + KnownKeyList(section) + ")" + hint);
    }
    const std::string full_key = section.empty() ? key : section + "." + key;
    if (!spec->second.repeatable) {
      auto [it, first] = first_line_.emplace(full_key, line_);
      if (!first)
        return Error(key, "given twice (first on line " + std::to_string(it->second) + ")");
    }
    std::string error;
    std::optional<std::string> value = ParseValue(raw, &error);
    if (!value) return Error(key, error);
    if (value->empty() && spec->second.kind != KeySpec::kListItem)
      return Error(key, "needs a value");

    norm::CallConfig& call = settings_.call;
    switch (spec->second.kind) {
      case KeySpec::kPath:
        settings_.data_dir = Absolute(path_.parent_path() / *value);
        return Status::Ok();
      case KeySpec::kStore: {
        // Checked here, so that a password in the file is refused with its
        // line; an SQLite path is relative to the file's folder, as `data`.
        auto where = ParseStoreLocation(*value, {});
        if (!where.ok()) return Error(key, where.status().message());
        settings_.store =
            where->engine == StoreLocation::kPostgres
                ? *value
                : "sqlite:" + Absolute(path_.parent_path() / where->sqlite_path).string();
        return Status::Ok();
      }
      case KeySpec::kBool:
        if (*value != "true" && *value != "false")
          return Error(key, *value + " is neither true nor false");
        settings_.shared_group = *value == "true";
        return Status::Ok();
      case KeySpec::kDate:
        if (auto problem = DateProblem(*value)) return Error(key, *problem);
        call.deadline = *value;
        return Status::Ok();
      case KeySpec::kInt: {
        int n = 0;
        if (auto problem = IntProblem(*value, spec->second.range, &n)) return Error(key, *problem);
        if (key == "timezone_offset_minutes")
          call.timezone_offset_minutes = n;
        else if (key == "trainees_minimum")
          call.trainees_minimum = n;
        else
          call.quotas[key.substr(std::string("quota_").size())] = n;
        return Status::Ok();
      }
      case KeySpec::kListItem: {
        auto [given, list] = List(key);
        *given = true;
        if (!value->empty()) list->push_back(*value);
        return Status::Ok();
      }
      case KeySpec::kListFile: {
        const fs::path file = Absolute(path_.parent_path() / *value);
        auto units = ReadUnitList(file);
        if (!units.ok()) return Error(key, units.status().message());
        auto [given, list] = List(key);
        *given = true;
        list->insert(list->end(), units->begin(), units->end());
        return Status::Ok();
      }
    }
    return Status::Ok();
  }

  // The list a list key adds to, and whether the file gives that list.
  std::pair<bool*, std::vector<std::string>*> List(const std::string& key) {
    if (key == "expired_base" || key == "expired_bases_file") return {&expired_given_, &expired_};
    if (key == "current_base" || key == "current_bases_file") return {&current_given_, &current_};
    return {&priority_given_, &priority_};
  }

  fs::path path_;
  int line_ = 0;
  Settings settings_;
  std::map<std::string, int> first_line_;
  bool expired_given_ = false, priority_given_ = false, current_given_ = false;
  std::vector<std::string> expired_, priority_, current_;
};

// A value as the reader reads it back: quoted when, as it is, it would read
// as something else (a comment in it, surrounding spaces, a leading quote).
std::string IniValue(const std::string& value) {
  std::string ignored;
  if (value.empty() || (value[0] != '"' && ParseValue(value, &ignored) == value)) return value;
  std::string out = "\"";
  for (char c : value) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

}  // namespace

Result<Settings> ReadSettingsFile(const std::filesystem::path& path) {
  try {
    return SettingsReader(path).Read();
  } catch (const std::exception& e) {
    return Status::Internal("reading the settings file " + path.string() +
                            " failed unexpectedly: " + e.what());
  }
}

std::string SettingsFileText(const std::filesystem::path& data_dir, const norm::CallConfig& call,
                             const std::string& origin, bool shared_group,
                             const std::string& store) {
  std::ostringstream out;
  out << "; dossier settings in force: " << origin << "\n"
      << "; give this file as --config to use the same settings\n"
      << "data = " << IniValue(Absolute(data_dir).string()) << "\n"
      << (store.empty() ? "" : "store = " + IniValue(store) + "\n")
      << "shared_group = " << (shared_group ? "true" : "false") << "\n"
      << "\n[call]\n"
      << "deadline = " << IniValue(call.deadline) << "\n"
      << "timezone_offset_minutes = " << call.timezone_offset_minutes << "\n"
      << "trainees_minimum = " << call.trainees_minimum << "\n";
  for (const auto& [type, quota] : call.quotas) out << "quota_" << type << " = " << quota << "\n";
  // An empty list is written as one empty item, so that it stays empty
  // instead of falling back to the notice's list.
  if (call.expired_bases.empty()) out << "expired_base =\n";
  for (const std::string& e : call.expired_bases) out << "expired_base = " << IniValue(e) << "\n";
  if (call.priority_areas.empty()) out << "priority_area =\n";
  for (const std::string& p : call.priority_areas) out << "priority_area = " << IniValue(p) << "\n";
  // No list of current bases is the notice's default (N1 unknown): no line.
  if (call.current_bases) {
    if (call.current_bases->empty()) out << "current_base =\n";
    for (const std::string& b : *call.current_bases)
      out << "current_base = " << IniValue(b) << "\n";
  } else {
    out << "; current_base: not set (N1, a current provincial base, cannot be judged)\n";
  }
  return out.str();
}

nlohmann::json SettingsJson(const norm::CallConfig& call) {
  nlohmann::json j;
  j["deadline"] = call.deadline;
  j["timezone_offset_minutes"] = call.timezone_offset_minutes;
  j["trainees_minimum"] = call.trainees_minimum;
  for (const auto& [type, quota] : call.quotas) j["quota_" + type] = quota;
  j["expired_base"] = call.expired_bases;
  j["priority_area"] = call.priority_areas;
  j["current_base"] = call.current_bases ? nlohmann::json(*call.current_bases) : nlohmann::json();
  return j;
}

}  // namespace dossier
