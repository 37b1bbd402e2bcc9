// The HTML dossiers and the index page: self-contained (pictures in a folder
// beside the page), no script, print-friendly, every value escaped.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "app_model.h"
#include "dossier/common/status.h"
#include "dossier/store/views.h"

namespace dossier::reports_internal {

// Escapes &, <, >, " and ' so any text is shown as text, in content and in
// attribute values alike; bidirectional overrides and control characters
// are shown as "[U+202E]" (text::ShowControls) instead of acting.
std::string HtmlEscape(std::string_view text);

// Percent-encodes a relative path for an href/src (keeps '/').
std::string UrlPath(std::string_view path);

// Writes out_dir/<stem>.html and out_dir/<stem>_files/*.png.
Result<std::filesystem::path> WriteApplicationHtml(const AppReport& report,
                                                   const std::filesystem::path& out_dir);

struct IndexEntry {
  std::string stem;
  std::string unit_name;
  std::string credit_code;
  std::string recommender;
  Overview overview;
  std::vector<norm::CheckResult> checks;
  std::string track;  // norm::kProvincialTrack or norm::kNationalTrack
  // What the panel compares national candidates by, as text ("" when not read).
  std::vector<std::string> trainees;  // 2021, 2022, 2023
  std::string faculty;                // "专职 12，兼职 8，副高级以上 9"
  std::string platform;               // name and address of the online platform
  std::string rules;                  // "8/8 项", "7/8 项（缺：跟踪反馈）"
};

// The summary sheet of the national candidates is listed under this name,
// as a recommender's is under the recommender's.
inline constexpr const char* kNationalSheetName = "国家级基地申报";

struct SheetLink {
  std::string recommender;
  std::string file_name;  // relative to out_dir
};

Result<std::filesystem::path> WriteIndexHtml(const std::vector<IndexEntry>& apps,
                                             const std::vector<UnassignedView>& unassigned,
                                             const std::vector<RejectedView>& rejected,
                                             const std::vector<SheetLink>& sheets,
                                             const std::string& settings_words,
                                             const std::filesystem::path& out_dir);

}  // namespace dossier::reports_internal
