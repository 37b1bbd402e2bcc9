// The notice's checks. Each outcome names the values it rests on and where
// they were read; a missing or unreadable value makes a check "unknown", never
// a silent pass (shared/spec/form-fields.md, "The checks the notice sets").
#include "dossier/assemble/checks.h"

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>

#include "dossier/assemble/names.h"
#include "dossier/common/text.h"
#include "dossier/normalize/analysis.h"
#include "dossier/normalize/credit_code.h"
#include "dossier/normalize/spec.h"
#include "dossier/normalize/values.h"

namespace dossier::norm {
namespace {

constexpr CheckOutcome kMet = CheckOutcome::kMet;
constexpr CheckOutcome kNotMet = CheckOutcome::kNotMet;
constexpr CheckOutcome kUnknown = CheckOutcome::kUnknown;

constexpr std::pair<CheckOutcome, std::string_view> kOutcomeNames[] = {
    {CheckOutcome::kMet, "met"},
    {CheckOutcome::kNotMet, "not_met"},
    {CheckOutcome::kUnknown, "unknown"},
};

std::string FileNameOf(const std::string& path) {
  size_t slash = path.rfind('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

bool Contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

// Everything a check may ask about one application.
class Facts {
 public:
  Facts(const Application& app, const std::map<int64_t, const DocumentFacts*>& docs)
      : app_(app), docs_(docs) {
    for (const AssembledField& f : app.fields) fields_[f.key] = &f;
  }

  const AssembledField* Field(const std::string& key) const {
    auto it = fields_.find(key);
    return it == fields_.end() ? nullptr : it->second;
  }
  bool DeclaredNone(const std::string& key) const {
    return std::find(app_.declared_none.begin(), app_.declared_none.end(), key) !=
           app_.declared_none.end();
  }

  // "2023年培训人数 = 1800（申报表.docx 表1 第20行 第3列）"
  std::string Describe(const std::string& key) const {
    const AssembledField* f = Field(key);
    const FieldSpec* spec = TheSpec().Field(key);
    const std::string label = spec ? spec->labels.front() : key;
    if (!f) return label + (DeclaredNone(key) ? " 填写为“无”" : " 未读到");
    return label + " = " + ValueText(f->value) + "（" + Place(*f) + "）";
  }

  std::string Place(const AssembledField& f) const {
    if (f.sources.empty()) return "来源不明";
    auto doc = docs_.find(f.sources.front().document_id);
    if (doc == docs_.end()) return "来源不明";
    const FieldReading* reading = FirstReading(f);
    const std::string place = reading ? reading->place : "";
    return FileNameOf(doc->second->file_path) + (place.empty() ? "" : " " + place);
  }

  // The reading a field's value came from (its first source), or nullptr.
  const FieldReading* FirstReading(const AssembledField& f) const {
    if (f.sources.empty()) return nullptr;
    const SourceRef& s = f.sources.front();
    auto doc = docs_.find(s.document_id);
    if (doc == docs_.end()) return nullptr;
    const FieldReading* found = nullptr;
    auto find = [&](const std::vector<FieldReading>& readings) {
      for (const FieldReading& r : readings)
        if (r.span_id == s.span_id && (!found || r.key == f.key)) found = &r;
    };
    find(doc->second->fields);
    for (const SummaryRow& row : doc->second->summary_rows) find(row.fields);
    find(doc->second->header);
    return found;
  }

  // Every item a list-valued field's source wrote (精品旅游、高端装备), of
  // which the value is the first; the value alone when it is no list.
  std::vector<std::string> ListedValues(const AssembledField& f) const {
    if (const FieldReading* reading = FirstReading(f)) {
      std::vector<std::string> items = ListedItems(reading->raw);
      if (items.size() > 1) return items;
    }
    return {ValueText(f.value)};
  }

  std::vector<const DocumentFacts*> Documents(const std::string& kind) const {
    std::vector<const DocumentFacts*> out;
    for (int64_t id : app_.document_ids) {
      auto it = docs_.find(id);
      if (it != docs_.end() && it->second->kind == kind) out.push_back(it->second);
    }
    return out;
  }

  std::vector<const DocumentFacts*> AllDocuments() const {
    std::vector<const DocumentFacts*> out;
    for (int64_t id : app_.document_ids) {
      auto it = docs_.find(id);
      if (it != docs_.end()) out.push_back(it->second);
    }
    return out;
  }

  bool HasFinding(const std::string& code) const {
    return std::any_of(app_.findings.begin(), app_.findings.end(),
                       [&](const Finding& f) { return f.code == code; });
  }

  // A positive number, or nullopt when absent; declared none counts as 0.
  std::optional<double> Number(const std::string& key) const {
    if (const AssembledField* f = Field(key); f && f->value.is_number())
      return f->value.get<double>();
    if (DeclaredNone(key)) return 0.0;
    return std::nullopt;
  }

  const Application& app() const { return app_; }

 private:
  const Application& app_;
  const std::map<int64_t, const DocumentFacts*>& docs_;
  std::map<std::string, const AssembledField*> fields_;
};

// The recommender an application came through, as named.
std::string RecommenderName(const Facts& facts) {
  if (const AssembledField* r = facts.Field("recommender")) return ValueText(r->value);
  return facts.app().channel.empty() ? "（未注明推荐单位）" : facts.app().channel;
}

struct Outcome {
  CheckOutcome outcome = kUnknown;
  std::string detail;
};

// Requirements of the "all present and positive" kind (C2, C4): not_met when
// any is answered none or zero, unknown when any is missing, met otherwise.
Outcome AllPositive(const Facts& facts, const std::vector<std::string>& keys) {
  std::vector<std::string> parts, failed, missing;
  for (const std::string& key : keys) {
    parts.push_back(facts.Describe(key));
    std::optional<double> v = facts.Number(key);
    if (!v)
      missing.push_back(key);
    else if (*v <= 0)
      failed.push_back(key);
  }
  std::string detail;
  for (const std::string& p : parts) detail += (detail.empty() ? "" : "；") + p;
  if (!failed.empty()) return {kNotMet, detail};
  if (!missing.empty()) return {kUnknown, detail};
  return {kMet, detail};
}

bool InShandong(const std::string& address) {
  if (Contains(address, "山东")) return true;
  return CityFromAddress(address).has_value();
}

// Where OCR may have misread a word of `words` in `text` by one character
// ("专业技术人员继续教育墙训" for …培训): the first such stretch, or "".
std::string OneCharacterOff(const std::string& text, const std::vector<std::string>& words) {
  const std::u32string u = text::ToU32(text::RemoveSpaces(text));
  for (const std::string& word : words) {
    const std::u32string w = text::ToU32(word);
    for (size_t at = 0; w.size() >= 2 && at + w.size() <= u.size(); ++at) {
      const std::u32string_view window(u.data() + at, w.size());
      // Han characters only: 培训 is not "one off" from "培、".
      if (!std::all_of(window.begin(), window.end(), text::IsHan)) continue;
      if (text::EditDistance(window, w) == 1) return text::ToUtf8(window);
    }
  }
  return "";
}

Outcome CheckC1(const Facts& facts) {
  std::vector<std::string> parts;
  bool not_met = false, unknown = false;
  const AssembledField* code = facts.Field("credit_code");
  if (!code) {
    unknown = true;
    parts.push_back("统一社会信用代码未读到");
  } else if (!IsValidCreditCode(code->value.get<std::string>())) {
    not_met = true;
    parts.push_back("统一社会信用代码 " + code->value.get<std::string>() + " 校验位不正确（" +
                    facts.Place(*code) + "）");
  } else {
    parts.push_back("统一社会信用代码 " + code->value.get<std::string>() + " 校验通过");
  }
  const AssembledField* address = facts.Field("address");
  if (!address) address = facts.Field("license_address");
  if (!address) {
    unknown = true;
    parts.push_back("地址未读到");
  } else if (!InShandong(address->value.get<std::string>())) {
    not_met = true;
    parts.push_back("地址不在山东：" + ValueText(address->value) + "（" + facts.Place(*address) +
                    "）");
  } else {
    parts.push_back("地址在山东（" + facts.Place(*address) + "）");
  }
  const AssembledField* scope = facts.Field("license_scope");
  if (facts.Documents(kLicense).empty()) {
    unknown = true;
    parts.push_back("未收到法人证书或营业执照");
  } else if (!scope) {
    unknown = true;
    parts.push_back("执照的业务范围未读到");
  } else {
    const std::string s = scope->value.get<std::string>();
    bool training = false;
    for (const std::string& word : TheSpec().training_scope_words) training |= Contains(s, word);
    const std::string misread = training || scope->confidence >= 1
                                    ? ""
                                    : OneCharacterOff(s, TheSpec().training_scope_words);
    if (training) {
      parts.push_back("执照业务范围含培训或继续教育（" + facts.Place(*scope) + "）");
    } else if (!misread.empty()) {
      // Read by OCR: a word a character off is more likely the word misread
      // than a scope without it.
      unknown = true;
      parts.push_back("执照业务范围未读到培训或继续教育，但识别出的「" + misread +
                      "」可能是其误识，请核对原件（" + facts.Place(*scope) + "）");
    } else {
      not_met = true;
      parts.push_back("执照业务范围不含培训或继续教育（" + facts.Place(*scope) + "）");
    }
  }
  const auto& findings = facts.app().findings;
  if (std::any_of(findings.begin(), findings.end(), [](const Finding& f) {
        return f.code == "license_disagreement" &&
               (f.field == "unit_name" || f.field == "credit_code");
      })) {
    unknown = true;
    parts.push_back("申报表与执照不一致，见发现");
  }
  std::string detail;
  for (const std::string& p : parts) detail += (detail.empty() ? "" : "；") + p;
  if (not_met) return {kNotMet, detail};
  if (unknown) return {kUnknown, detail};
  return {kMet, detail};
}

Outcome CheckC3(const Facts& facts) {
  std::vector<std::string> parts = {facts.Describe("mgmt_dept"), facts.Describe("mgmt_staff")};
  bool not_met = false, unknown = false;
  if (!facts.Field("mgmt_dept")) {
    if (facts.DeclaredNone("mgmt_dept"))
      not_met = true;
    else
      unknown = true;
  }
  std::optional<double> staff = facts.Number("mgmt_staff");
  if (!staff)
    unknown = true;
  else if (*staff <= 0)
    not_met = true;
  const AssembledField* rules = facts.Field("mgmt_rules");
  if (!rules) {
    if (facts.DeclaredNone("mgmt_rules"))
      not_met = true;
    else
      unknown = true;
    parts.push_back(facts.Describe("mgmt_rules"));
  } else {
    std::vector<std::string> missing;
    for (const std::string& item : TheSpec().mgmt_rule_items) {
      bool ticked = std::any_of(rules->value.begin(), rules->value.end(),
                                [&](const nlohmann::json& v) { return v == item; });
      if (!ticked) missing.push_back(item);
    }
    if (missing.empty()) {
      parts.push_back("管理制度齐全（" + facts.Place(*rules) + "）");
    } else {
      not_met = true;
      std::string list;
      for (const std::string& m : missing) list += (list.empty() ? "" : "、") + m;
      parts.push_back("管理制度缺：" + list + "（" + facts.Place(*rules) + "）");
    }
  }
  std::string detail;
  for (const std::string& p : parts) detail += (detail.empty() ? "" : "；") + p;
  if (not_met) return {kNotMet, detail};
  if (unknown) return {kUnknown, detail};
  return {kMet, detail};
}

Outcome CheckC4(const Facts& facts) {
  Outcome o =
      AllPositive(facts, {"annual_budget", "classroom_count", "classroom_area", "library_volumes"});
  // Whether a field needs a training site is for the experts; the value is shown.
  o.detail += "；" + facts.Describe("training_site");
  return o;
}

Outcome CheckC5(const Facts& facts) {
  std::string detail =
      facts.Describe("online_platform") + "；" + facts.Describe("online_platform_url");
  if (facts.Field("online_platform") || facts.Field("online_platform_url")) return {kMet, detail};
  if (facts.DeclaredNone("online_platform")) return {kNotMet, detail};
  return {kUnknown, detail};
}

Outcome CheckC6(const Facts& facts, int minimum) {
  std::vector<std::string> parts;
  bool below = false, missing = false;
  for (const char* key : {"trainees_2021", "trainees_2022", "trainees_2023"}) {
    parts.push_back(facts.Describe(key));
    std::optional<double> v = facts.Number(key);
    if (!v)
      missing = true;
    else if (*v < minimum)
      below = true;
  }
  std::string detail = "每年不少于" + std::to_string(minimum) + "人：";
  for (size_t i = 0; i < parts.size(); ++i) detail += (i ? "；" : "") + parts[i];
  if (below) return {kNotMet, detail};
  if (missing) return {kUnknown, detail};
  return {kMet, detail};
}

Outcome CheckQ2(const Facts& facts) {
  const AssembledField* recommender = facts.Field("recommender");
  if (facts.HasFinding("two_recommenders")) {
    std::string detail;
    for (const Finding& f : facts.app().findings)
      if (f.code == "two_recommenders") detail += (detail.empty() ? "" : "；") + f.detail;
    return {kNotMet, "本申报经 " + RecommenderName(facts) + " 推荐；" + detail};
  }
  if (!recommender && facts.app().channel.empty()) return {kUnknown, "推荐单位未读到"};
  if (!recommender) return {kMet, "仅经 " + facts.app().channel + " 推荐"};
  return {kMet,
          "仅经 " + ValueText(recommender->value) + " 推荐（" + facts.Place(*recommender) + "）"};
}

std::string FormatLocalTime(int64_t ms, int offset_minutes) {
  std::time_t t = static_cast<std::time_t>(ms / 1000 + offset_minutes * 60);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M", &tm);
  return buf;
}

// The application stands on the materials that give its values: the form's
// version taken (the latest received by the deadline), else the summary
// sheet that lists it. A later version or late evidence is a finding, not a
// late application.
Outcome CheckQ3(const Facts& facts, const CallConfig& config) {
  int64_t end = DeadlineEndMs(config);
  if (end < 0) return {kUnknown, "截止日期设置无效：" + config.deadline};
  const Application& app = facts.app();
  if (app.received_at_ms <= 0) return {kUnknown, "没有可判断收到时间的材料"};
  const std::string when = FormatLocalTime(app.received_at_ms, config.timezone_offset_minutes);
  std::string detail;
  if (!app.received_mail.sha256.empty()) {
    // The mail is the evidence of arrival: say which and from whom.
    const MailFacts& m = app.received_mail;
    detail = FileNameOf(app.received_file) + " 随邮件收到：收到邮件 " + when + "，发件人 " +
             (m.from.empty() ? std::string("（未写明）") : m.from) +
             (m.subject.empty() ? std::string() : "，主题「" + m.subject + "」") +
             (m.time_basis == "date" ? "（邮件没有 Received 记录，按其 Date 时间）" : "") +
             (m.note.empty() ? std::string() : "（" + m.note + "）") + "，截止日期 " +
             config.deadline;
  } else {
    detail = FileNameOf(app.received_file) + " 收到于 " + when + "，截止日期 " + config.deadline;
  }
  return {app.received_at_ms < end ? kMet : kNotMet, detail};
}

Outcome CheckQ4(const Facts& facts, const CallConfig& config) {
  const AssembledField* name = facts.Field("unit_name");
  if (!name) name = facts.Field("license_name");
  if (!name) return {kUnknown, "单位名称未读到"};
  const std::string key = UnitNameKey(name->value.get<std::string>());
  for (const std::string& expired : config.expired_bases) {
    if (UnitNameKey(expired) == key)
      return {kNotMet, ValueText(name->value) + " 在期满基地名单中，无需申报"};
  }
  return {kMet, ValueText(name->value) + " 不在期满基地名单（" +
                    std::to_string(config.expired_bases.size()) + "个）中"};
}

Outcome CheckP1(const Facts& facts, const CallConfig& config) {
  const AssembledField* area = facts.Field("field_area");
  if (!area) return {kUnknown, facts.Describe("field_area")};
  const std::string value = ValueText(area->value);
  // A unit listing several areas is in priority when any of them is.
  for (const std::string& listed : facts.ListedValues(*area)) {
    const std::string named = listed == value
                                  ? "申报领域「" + value + "」"
                                  : "申报领域所填的「" + listed + "」（记为「" + value + "」）";
    for (const std::string& priority : config.priority_areas) {
      if (Contains(listed, priority))
        return {kMet, named + "属于优先领域「" + priority + "」（" + facts.Place(*area) + "）"};
    }
  }
  // An OCR'd area read with doubt that is a priority area but for a
  // character misread or two swapped (新一信息代技术) is that area, and says so.
  if (area->confidence < kShownDoubtfulConfidence) {
    const std::u32string read = text::ToU32(text::RemoveSpaces(value));
    for (const std::string& priority : config.priority_areas) {
      const std::u32string p = text::ToU32(priority);
      if (p.size() < 4 || read.size() < p.size()) continue;
      std::u32string sorted_p = p;
      std::sort(sorted_p.begin(), sorted_p.end());
      for (size_t at = 0; at + p.size() <= read.size(); ++at) {
        std::u32string window = read.substr(at, p.size());
        const bool misread = text::EditDistance(window, p) <= 1;
        std::sort(window.begin(), window.end());
        if (misread || window == sorted_p)
          return {kMet, "申报领域识别为「" + value + "」（识别存疑），与优先领域「" + priority +
                            "」只差一两个字，按该领域判断，请核对原件（" + facts.Place(*area) +
                            "）"};
      }
    }
  }
  return {kNotMet, "申报领域「" + value + "」不在优先领域之列（" + facts.Place(*area) + "）"};
}

// The unit's name as the application gives it: the form's, else the licence's.
std::string UnitNameOf(const Facts& facts) {
  const AssembledField* name = facts.Field("unit_name");
  if (!name) name = facts.Field("license_name");
  return name ? ValueText(name->value) : "";
}

// N1: only a current provincial base may apply for the national track. The
// list names units by name or by credit code.
Outcome CheckN1(const Facts& facts, const CallConfig& config) {
  if (!config.current_bases)
    return {kUnknown, "未设置现有省级基地名单（设置文件 [call] current_bases_file），无法判断"};
  const std::string name = UnitNameOf(facts);
  const AssembledField* code_field = facts.Field("credit_code");
  const std::string code = code_field ? ValueText(code_field->value) : "";
  if (name.empty() && code.empty()) return {kUnknown, "单位名称和统一社会信用代码均未读到"};
  const std::string key = UnitNameKey(name);
  const std::string who = name.empty() ? "统一社会信用代码 " + code + " " : "「" + name + "」";
  for (const std::string& base : *config.current_bases) {
    const std::string written = text::RemoveSpaces(base);
    if ((!code.empty() && text::AsciiUpper(written) == code) ||
        (!key.empty() && UnitNameKey(base) == key))
      return {kMet, who + "在现有省级基地名单中（" + base + "）"};
  }
  return {kNotMet, who + "不在现有省级基地名单（" + std::to_string(config.current_bases->size()) +
                       "个单位）中；国家级基地只能由现有省级基地申报"};
}

// N2: the province forwards one national candidate. Several applying is no
// fault of any of them; which one goes is the panel's choice, so the outcome
// stays open and says so.
Outcome CheckN2(const Facts& facts, const std::vector<const Application*>& national) {
  std::string others;
  int count = 0;
  for (const Application* other : national) {
    ++count;
    if (other == &facts.app()) continue;
    std::string name;
    for (const AssembledField& f : other->fields)
      if (f.key == "unit_name") name = ValueText(f.value);
    others += (others.empty() ? "" : "、") + (name.empty() ? other->id : name);
  }
  if (count <= 1) return {kMet, "全省仅此1个单位申报国家级基地，可推荐"};
  return {kUnknown, "全省共" + std::to_string(count) + "个单位申报国家级基地（另有：" + others +
                        "），省里只推荐1个，由评审择一推荐"};
}

// Findings the checks' data show: an invalid credit code, a faculty count
// that the faculty list does not support.
void AddFindings(Application& app, const Facts& facts) {
  if (const AssembledField* area = facts.Field("field_area")) {
    if (const std::vector<std::string> listed = facts.ListedValues(*area); listed.size() > 1) {
      std::string all;
      for (const std::string& item : listed) all += (all.empty() ? "" : "、") + item;
      app.findings.push_back({"several_listed",
                              "申报领域填写了「" + all + "」，记为第一个「" +
                                  ValueText(area->value) + "」；优先领域按所填各领域判断（" +
                                  facts.Place(*area) + "）",
                              "field_area"});
    }
  }
  if (const AssembledField* code = facts.Field("credit_code");
      code && !IsValidCreditCode(code->value.get<std::string>())) {
    app.findings.push_back(
        {"invalid_credit_code", "统一社会信用代码 " + code->value.get<std::string>() +
                                    " 的校验位不正确（" + facts.Place(*code) + "）"});
  }
  std::vector<const DocumentFacts*> lists = facts.Documents(kFacultyList);
  if (lists.empty()) return;
  int fulltime = 0, parttime = 0;
  for (const DocumentFacts* list : lists) {
    for (const Teacher& t : list->teachers) {
      if (Contains(t.employment, "兼"))
        ++parttime;
      else if (Contains(t.employment, "专"))
        ++fulltime;
    }
  }
  auto compare = [&](const char* key, int listed, const char* what) {
    std::optional<double> declared = facts.Number(key);
    if (!declared || *declared <= listed) return;
    app.findings.push_back({"faculty_count", std::string("申报表填写") + what + " " +
                                                 std::to_string(static_cast<int64_t>(*declared)) +
                                                 " 人（" + facts.Place(*facts.Field(key)) +
                                                 "），师资名单只列出 " + std::to_string(listed) +
                                                 " 人"});
  };
  compare("faculty_fulltime", fulltime, "专职教师");
  compare("faculty_parttime", parttime, "兼职教师");
}

}  // namespace

std::string_view CheckOutcomeName(CheckOutcome outcome) {
  for (const auto& [o, name] : kOutcomeNames)
    if (o == outcome) return name;
  return "unknown";
}

std::optional<CheckOutcome> CheckOutcomeFromName(std::string_view name) {
  for (const auto& [o, n] : kOutcomeNames)
    if (n == name) return o;
  return std::nullopt;
}

CallConfig CallConfig::Defaults() {
  const Spec& spec = TheSpec();
  CallConfig c;
  c.deadline = spec.call_defaults.deadline;
  c.timezone_offset_minutes = spec.call_defaults.timezone_offset_minutes;
  c.expired_bases = spec.call_defaults.expired_bases;
  c.trainees_minimum = spec.call_defaults.trainees_minimum;
  for (const RecommenderTypeSpec& r : spec.recommender_types) c.quotas[r.type] = r.quota;
  c.priority_areas = spec.priority_areas;
  return c;
}

std::string RecommenderType(const std::string& recommender) {
  const std::string name = text::RemoveSpaces(recommender);
  auto matches = [&](const std::string& type) {
    for (const RecommenderTypeSpec& r : TheSpec().recommender_types) {
      if (r.type != type) continue;
      for (const std::string& p : r.name_patterns)
        if (Contains(name, p)) return true;
    }
    return false;
  };
  // A city's bureau names its city; an enterprise is a company even when its
  // name begins with 山东省; what remains of 省… is a provincial department.
  for (const std::string& city : TheSpec().cities) {
    if (name.rfind(city + "市", 0) == 0) return "city";
  }
  if (matches("city")) return "city";
  if (matches("provincial_enterprise")) return "provincial_enterprise";
  if (matches("provincial_department")) return "provincial_department";
  return "";
}

int64_t DeadlineEndMs(const CallConfig& config) {
  int y = 0, m = 0, d = 0;
  if (std::sscanf(config.deadline.c_str(), "%d-%d-%d", &y, &m, &d) != 3) return -1;
  std::tm tm{};
  tm.tm_year = y - 1900;
  tm.tm_mon = m - 1;
  tm.tm_mday = d + 1;  // the first moment of the next day
  std::time_t utc = timegm(&tm);
  return (static_cast<int64_t>(utc) - config.timezone_offset_minutes * 60) * 1000;
}

void RunChecks(Assembly& assembly, const std::vector<DocumentFacts>& documents,
               const CallConfig& config) {
  std::map<int64_t, const DocumentFacts*> docs;
  for (const DocumentFacts& d : documents) docs[d.document_id] = &d;

  // Q1 counts applications per recommender first: each channel of a unit
  // counts in its own recommender's quota.
  auto recommender_of = [](const Application& app) -> std::string {
    for (const AssembledField& f : app.fields)
      if (f.key == "recommender") return ValueText(f.value);
    return app.channel;
  };
  // The national track goes through no recommender: it counts in no quota.
  std::map<std::string, int> per_recommender;
  std::vector<const Application*> national;
  for (const Application& app : assembly.applications) {
    if (app.track == kNationalTrack) {
      national.push_back(&app);
      continue;
    }
    const std::string name = recommender_of(app);
    if (!name.empty()) ++per_recommender[RecommenderKey(name)];
  }

  for (Application& app : assembly.applications) {
    Facts with_findings(app, docs);
    AddFindings(app, with_findings);
    std::map<std::string, Outcome> outcome;
    outcome["C1"] = CheckC1(with_findings);
    outcome["C2"] = AllPositive(with_findings, {"faculty_fulltime", "faculty_parttime"});
    outcome["C3"] = CheckC3(with_findings);
    outcome["C4"] = CheckC4(with_findings);
    outcome["C5"] = CheckC5(with_findings);
    outcome["C6"] = CheckC6(with_findings, config.trainees_minimum);
    if (const std::string name = recommender_of(app); !name.empty()) {
      const std::string type = RecommenderType(name);
      auto quota = config.quotas.find(type);
      int count = per_recommender[RecommenderKey(name)];
      if (quota == config.quotas.end()) {
        outcome["Q1"] = {kUnknown, "无法判断推荐单位「" + name + "」的类型"};
      } else {
        std::string detail = name + " 推荐 " + std::to_string(count) + " 个，名额 " +
                             std::to_string(quota->second) + " 个";
        outcome["Q1"] = {count <= quota->second ? kMet : kNotMet, detail};
      }
    } else {
      outcome["Q1"] = {kUnknown, "推荐单位未读到"};
    }
    outcome["Q2"] = CheckQ2(with_findings);
    outcome["Q3"] = CheckQ3(with_findings, config);
    outcome["Q4"] = CheckQ4(with_findings, config);
    outcome["P1"] = CheckP1(with_findings, config);
    outcome["N1"] = CheckN1(with_findings, config);
    outcome["N2"] = CheckN2(with_findings, national);
    // Each track judges its own checks, in the spec's order.
    const TrackSpec* track = TheSpec().Track(app.track);
    app.checks.clear();
    for (const CheckSpec& check : TheSpec().checks) {
      if (track &&
          std::find(track->checks.begin(), track->checks.end(), check.id) == track->checks.end())
        continue;
      const Outcome& o = outcome[check.id];
      app.checks.push_back({check.id, std::string(CheckOutcomeName(o.outcome)), o.detail});
    }
  }
}

}  // namespace dossier::norm
