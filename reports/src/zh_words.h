// The words reviewers read: Chinese names for the program's codes (check
// outcomes, document kinds, reading methods, finding codes). Field labels and
// check titles come from the spec (normalize's TheSpec()); only presentation
// words live here.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "dossier/assemble/checks.h"
#include "dossier/assemble/names.h"
#include "dossier/normalize/analysis.h"
#include "dossier/store/views.h"

namespace dossier::reports_internal {

// A check's outcome as a reviewer reads it: met → "符合", not met → "不符合",
// unknown → "无法判断".
std::string OutcomeWord(norm::CheckOutcome outcome);
// The same for a stored outcome name; a name no outcome has is shown as it is.
std::string OutcomeWord(std::string_view outcome_name);
// The spec's title of a check id, "" for an id the spec does not know.
std::string CheckTitle(std::string_view id);
// The spec's first label of a field key; the key itself when unknown.
std::string FieldLabel(std::string_view key);
// "application_form" → "申报表", ...
std::string KindWord(std::string_view kind);
// How a source was read: "DOCX 表格单元格", "XLSX 单元格", "PDF 文本层", "OCR 识别".
std::string MethodWord(const SourceView& source);
// "disagreement" → "材料之间不一致", ...; unknown codes as they are.
std::string FindingWord(std::string_view code);

// The notice's track in words: "省级基地申报", "国家级基地申报（人社部申报表）".
std::string TrackWord(std::string_view track);
// The check ids judged on a track, in words: "C1–C6、Q3、N1、N2".
std::string TrackChecksWord(std::string_view track);
// Where in its file a source is: "第2页 表1 第3行 第2列" (norm::PlaceWords).
std::string PlaceText(const SourceView& source);
// The call's settings in a sentence: "截止日期 2024-06-28（UTC+8）；每年培训不少于
// 2000 人；推荐名额：市 2 个，…；期满基地名单 60 个单位；优先领域 12 项".
std::string SettingsWords(const norm::CallConfig& call);
// Why a picture of an original could not be drawn, for reviewers (the
// status's own message is the CLI's English).
std::string PictureFailureWords(const Status& status);
// A normalized value as text: one owner, the normalize stage (names.h).
using norm::ValueText;
// A confidence as "0.97".
std::string ConfidenceText(double confidence);

// Below this a value is shown as low-confidence.
inline constexpr double kLowConfidence = norm::kShownDoubtfulConfidence;

}  // namespace dossier::reports_internal
