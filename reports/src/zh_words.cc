#include "zh_words.h"

#include <cmath>
#include <cstdio>

#include "dossier/normalize/spec.h"

namespace dossier::reports_internal {

std::string OutcomeWord(std::string_view outcome) {
  if (outcome == "met") return "符合";
  if (outcome == "not_met") return "不符合";
  if (outcome == "unknown") return "无法判断";
  return std::string(outcome);
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
      {"other", "其他材料"},
      {"archive", "压缩包（已解开）"},
  };
  for (const auto& [code, word] : kWords) {
    if (kind == code) return word;
  }
  return std::string(kind);
}

std::string MethodWord(const SourceView& source) {
  if (source.method == "docx") {
    return source.locator.rfind("table", 0) == 0 ? "DOCX 表格单元格" : "DOCX 段落";
  }
  if (source.method == "xlsx") return "XLSX 单元格";
  if (source.method == "pdf-text") return "PDF 文本层";
  if (source.method == "ocr") return "OCR 识别";
  return source.method;
}

std::string FindingWord(std::string_view code) {
  static const std::pair<const char*, const char*> kWords[] = {
      {"disagreement", "材料之间不一致"},
      {"license_disagreement", "申报表与执照不一致"},
      {"two_recommenders", "多头申报"},
      {"duplicate_form", "重复的申报表"},
      {"missing_form", "缺少申报表"},
      {"invalid_credit_code", "统一社会信用代码校验位错误"},
      {"faculty_count", "师资人数与名单不符"},
  };
  for (const auto& [c, word] : kWords) {
    if (code == c) return word;
  }
  return std::string(code);
}

std::string PlaceText(const SourceView& source) {
  std::string out;
  if (source.page > 0) out = "第" + std::to_string(source.page) + "页";
  if (!source.locator.empty()) {
    if (!out.empty()) out += " · ";
    out += source.locator;
  }
  return out;
}

std::string ValueText(const nlohmann::json& value) {
  if (value.is_string()) return value.get<std::string>();
  if (value.is_number_integer()) return std::to_string(value.get<int64_t>());
  if (value.is_number_unsigned()) return std::to_string(value.get<uint64_t>());
  if (value.is_number_float()) {
    const double d = value.get<double>();
    if (std::isfinite(d) && d == std::floor(d) && std::fabs(d) < 1e15) {
      return std::to_string(static_cast<int64_t>(d));
    }
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.6g", d);
    return buf;
  }
  if (value.is_array()) {
    std::string out;
    for (const auto& item : value) {
      if (!out.empty()) out += "、";
      out += ValueText(item);
    }
    return out;
  }
  if (value.is_null()) return "";
  if (value.is_boolean()) return value.get<bool>() ? "是" : "否";
  return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string ConfidenceText(double confidence) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%.2f", confidence);
  return buf;
}

}  // namespace dossier::reports_internal
