#include "zh_words.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <optional>

#include "dossier/normalize/place_words.h"
#include "dossier/normalize/spec.h"

namespace dossier::reports_internal {

std::string OutcomeWord(norm::CheckOutcome outcome) {
  switch (outcome) {
    case norm::CheckOutcome::kMet:
      return "符合";
    case norm::CheckOutcome::kNotMet:
      return "不符合";
    case norm::CheckOutcome::kUnknown:
      return "无法判断";
  }
  return "无法判断";
}

std::string OutcomeWord(std::string_view outcome_name) {
  if (auto outcome = norm::CheckOutcomeFromName(outcome_name)) return OutcomeWord(*outcome);
  return std::string(outcome_name);
}

std::string CheckTitle(std::string_view id) {
  for (const norm::CheckSpec& c : norm::TheSpec().checks) {
    if (c.id == id) return c.title;
  }
  return "";
}

std::string FieldLabel(std::string_view key) {
  const norm::FieldSpec* f = norm::TheSpec().Field(key);
  if (f && !f->labels.empty()) return f->labels.front();
  return std::string(key);
}

std::string KindWord(std::string_view kind) {
  static const std::pair<const char*, const char*> kWords[] = {
      {"application_form", "申报表"},
      {"summary_sheet", "申报汇总表"},
      {"license", "法人证书/营业执照"},
      {"faculty_list", "师资名单"},
      {"rules", "管理制度"},
      {"facilities", "场地设施照片"},
      {"platform", "网络培训平台材料"},
      {"training_record", "培训证明"},
      {"cover_letter", "邮件正文（来函）"},
      {"other", "其他材料"},
      {"archive", "压缩包（已解开）"},
  };
  for (const auto& [code, word] : kWords) {
    if (kind == code) return word;
  }
  return std::string(kind);
}

std::string MethodWord(const SourceView& source) {
  const std::optional<ReadMethod> method = MethodFromName(source.method);
  if (method == ReadMethod::kDocx) {
    return source.locator.rfind("table", 0) == 0 ? "DOCX 表格单元格" : "DOCX 段落";
  }
  if (method == ReadMethod::kXlsx) return "XLSX 单元格";
  if (method == ReadMethod::kPdfText) return "PDF 文本层";
  if (method == ReadMethod::kOcr) return "OCR 识别";
  return source.method;
}

std::string FindingWord(std::string_view code) {
  static const std::pair<const char*, const char*> kWords[] = {
      {"disagreement", "材料之间不一致"},
      {"license_disagreement", "申报表与执照不一致"},
      {"two_recommenders", "多头申报"},
      {"form_revised", "申报表有新版本"},
      {"late_revision", "截止后收到的新版本"},
      {"missing_form", "缺少申报表"},
      {"invalid_credit_code", "统一社会信用代码校验位错误"},
      {"faculty_count", "师资人数与名单不符"},
      {"license_unclear", "申报表与执照相差一字（可能是识别误差）"},
      {"license_filled", "申报表未读出，采用执照上的值"},
      {"ocr_corrected", "识别结果存疑，采用文字来源的值"},
      {"ocr_differs", "识别结果与文字来源相差一两个字"},
      {"ocr_place_corrected", "地名按行政区划更正"},
      {"ocr_doubtful_number", "识别的数字存疑"},
      {"several_listed", "填写了多个申报领域"},
  };
  for (const auto& [c, word] : kWords) {
    if (code == c) return word;
  }
  return std::string(code);
}

std::string TrackWord(std::string_view track) {
  if (track == norm::kNationalTrack)
    return "国家级基地申报（人社部《专业技术人员继续教育基地申报表》）";
  if (track == norm::kProvincialTrack)
    return "省级基地申报（《山东省专业技术人员继续教育基地申报表》）";
  return std::string(track);
}

std::string TrackChecksWord(std::string_view track) {
  const norm::TrackSpec* spec = norm::TheSpec().Track(track);
  if (!spec) return "";
  std::string out;
  for (const std::string& id : spec->checks) out += (out.empty() ? "" : "、") + id;
  return out;
}

std::string PlaceText(const SourceView& source) {
  return norm::PlaceWords(source.page, source.locator);
}

std::string SettingsWords(const norm::CallConfig& call) {
  static const std::pair<const char*, const char*> kTypes[] = {
      {"city", "市"}, {"provincial_department", "省直部门"}, {"provincial_enterprise", "省属企业"}};
  const int offset = call.timezone_offset_minutes;
  std::string zone =
      "UTC" + std::string(offset < 0 ? "-" : "+") + std::to_string(std::abs(offset) / 60);
  if (offset % 60 != 0) zone += ":" + std::to_string(std::abs(offset) % 60);
  std::string out = "截止日期 " + call.deadline + "（" + zone + "）；每年培训不少于 " +
                    std::to_string(call.trainees_minimum) + " 人；推荐名额：";
  bool first = true;
  for (const auto& [type, quota] : call.quotas) {
    std::string name = type;
    for (const auto& [code, word] : kTypes) {
      if (type == code) name = word;
    }
    out += (first ? "" : "，") + name + " " + std::to_string(quota) + " 个";
    first = false;
  }
  out += "；期满基地名单 " + std::to_string(call.expired_bases.size()) + " 个单位；优先领域 " +
         std::to_string(call.priority_areas.size()) + " 项";
  out += call.current_bases
             ? "；现有省级基地名单 " + std::to_string(call.current_bases->size()) + " 个单位"
             : "；未设置现有省级基地名单（N1 无法判断）";
  return out;
}

std::string PictureFailureWords(const Status& status) {
  // The drawing's own reasons (a rejection with its code, a page or image
  // past the limits, a failure remembered in the cache) are Chinese already
  // and say more than the category; a library's English message gets words
  // by its category.
  const std::string& message = status.message();
  const bool chinese = std::any_of(message.begin(), message.end(),
                                   [](char c) { return static_cast<unsigned char>(c) >= 0x80; });
  if (!status.reason_code().empty() || chinese) return message;
  switch (status.code()) {
    case ErrorCode::kNotFound:
      return "原件或该值在原件中的位置未找到";
    case ErrorCode::kInvalidInput:
      return "原件已损坏，无法绘制";
    case ErrorCode::kUnsupported:
      return "此类文件没有页面图像";
    case ErrorCode::kLimitExceeded:
      return "页面过大，超出绘制限制";
    case ErrorCode::kIo:
      return "读不到原件（数据文件夹的 originals 中缺失或无权读取）";
    case ErrorCode::kOk:
    case ErrorCode::kInternal:
      break;
  }
  return "绘制时发生意外错误";
}

std::string ConfidenceText(double confidence) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%.2f", confidence);
  return buf;
}

}  // namespace dossier::reports_internal
