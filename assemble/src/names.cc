#include "dossier/assemble/names.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "dossier/common/text.h"
#include "dossier/normalize/spec.h"

namespace dossier::norm {
namespace {

bool IsNameNoise(char32_t c) {
  if (text::IsSpace(c)) return true;
  if (c < 0x80)
    return !((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'));
  static const std::u32string_view kPunct =
      U"（）《》〈〉“”‘’「」『』【】、，。．·・—－～：；！？…";
  return kPunct.find(c) != std::u32string_view::npos;
}

void EraseAll(std::string& s, const std::string& word) {
  if (word.empty()) return;
  for (size_t at = s.find(word); at != std::string::npos; at = s.find(word, at))
    s.erase(at, word.size());
}

bool StartsWith(const std::string& s, const std::string& prefix) {
  return s.size() >= prefix.size() && s.compare(0, prefix.size(), prefix) == 0;
}

// Generic words, longest first so that 有限责任公司 goes before 公司.
const std::vector<std::string>& GenericWordsLongestFirst() {
  static const std::vector<std::string> words = [] {
    std::vector<std::string> w;
    for (const std::string& g : TheSpec().name_generic_words) w.push_back(UnitNameKey(g));
    std::stable_sort(w.begin(), w.end(), [](const std::string& a, const std::string& b) {
      return a.size() > b.size();
    });
    return w;
  }();
  return words;
}

// "（盖章）", "盖章" and trailing seal words are not part of a name.
std::string WithoutSealWords(std::string key) {
  for (const char* w : {"盖章", "公章", "签章"}) EraseAll(key, w);
  return key;
}

}  // namespace

std::string UnitNameKey(std::string_view name) {
  std::u32string out;
  for (char32_t c : text::ToU32(text::AsciiLower(text::FullWidthToAscii(name)))) {
    if (!IsNameNoise(c)) out.push_back(c);
  }
  return text::ToUtf8(out);
}

std::string NameCore(std::string_view name_key) {
  std::string core(name_key);
  for (const std::string& city : TheSpec().cities) EraseAll(core, city);
  for (const std::string& word : GenericWordsLongestFirst()) EraseAll(core, word);
  return core;
}

bool IsDistinctiveName(std::string_view name_key) {
  return text::ToU32(NameCore(name_key)).size() >= 2;
}

std::string OrganisationKindOf(std::string_view name) {
  static const char* const kKinds[] = {
      "股份有限公司", "有限责任公司", "有限公司", "集团公司", "公司",   "集团",     "职业技术学院",
      "职业学院",     "学院",         "大学",     "培训学校", "学校",   "培训中心", "服务中心",
      "推广中心",     "研究中心",     "发展中心", "中心",     "研究院", "研究所",   "研究会",
      "学会",         "协会",         "商会",     "推广站",   "工作站", "站"};
  const std::string key = UnitNameKey(name);
  std::string best;
  for (const char* kind : kKinds) {
    const std::string_view k(kind);
    if (k.size() > best.size() && key.size() >= k.size() &&
        key.compare(key.size() - k.size(), k.size(), k) == 0)
      best = std::string(k);
  }
  return best;
}

std::string RecommenderKey(std::string_view name) {
  std::string key = WithoutSealWords(UnitNameKey(name));
  if (key.empty()) return "";
  for (const std::string& city : TheSpec().cities) {
    if (StartsWith(key, city)) return "city:" + city;
  }
  // OCR misreads one character of the province now and then (山本省).
  const std::u32string head = text::ToU32(key.substr(0, std::min<size_t>(key.size(), 9)));
  if (head.size() == 3 && head[2] == U'省' && (head[0] == U'山' || head[1] == U'东'))
    key.replace(0, 9, "山东省");
  for (const char* prefix : {"山东省", "山东", "省"}) {
    if (StartsWith(key, prefix)) {
      key.erase(0, std::string_view(prefix).size());
      break;
    }
  }
  // A department's name is shortened by dropping its 和 or 与 (发展改革委)
  // and writing 委员会 as 委 (省卫生健康委): compared without either.
  auto shortened = [](std::string k) {
    for (const char* joiner : {"和", "与"})
      for (size_t at = k.find(joiner); at != std::string::npos; at = k.find(joiner, at))
        k.erase(at, std::string_view(joiner).size());
    const std::string committee = "委员会";
    if (k.size() >= committee.size() &&
        k.compare(k.size() - committee.size(), committee.size(), committee) == 0)
      k.replace(k.size() - committee.size(), committee.size(), "委");
    return k;
  };
  key = shortened(key);
  for (const auto& [long_form, short_form] : TheSpec().recommender_aliases) {
    const std::string l = shortened(UnitNameKey(long_form));
    if (l.empty()) continue;
    for (size_t at = key.find(l); at != std::string::npos; at = key.find(l, at + 1)) {
      key.replace(at, l.size(), UnitNameKey(short_form));
    }
  }
  return key;
}

std::string RecommenderKeyOfFolder(std::string_view folder_name) {
  std::string name(folder_name);
  // An archive's name is a folder of its files ("济南市人社局.zip/…").
  if (text::EndsWithIgnoringAsciiCase(name, ".zip")) name.resize(name.size() - 4);
  const std::string key = RecommenderKey(name);
  if (key.empty()) return "";
  if (StartsWith(key, "city:")) {
    // A city's name alone, or with its bureau's words, is the city's bureau;
    // a folder named for a unit of that city (济南泉城学院) is not.
    const std::string rest = UnitNameKey(name).substr(key.size() - 5);
    for (const char* w : {"人社", "人力资源", "人才"})
      if (rest.find(w) != std::string::npos) return key;
    const std::string bare = WithoutSealWords(UnitNameKey(name));
    if (bare == key.substr(5) || bare == key.substr(5) + "市") return key;
    return "";
  }
  for (const char* w : {"厅", "委员会", "委", "局", "办公室"}) {
    const std::string sw(w);
    if (key.size() >= sw.size() && key.compare(key.size() - sw.size(), sw.size(), sw) == 0)
      return key;
  }
  return "";
}

std::string ValueText(const nlohmann::json& value) {
  if (value.is_string()) return value.get<std::string>();
  if (value.is_number_integer()) return std::to_string(value.get<int64_t>());
  if (value.is_number_unsigned()) return std::to_string(value.get<uint64_t>());
  if (value.is_number_float()) {
    const double d = value.get<double>();
    if (std::isfinite(d) && d == std::floor(d) && std::fabs(d) < 1e15)
      return std::to_string(static_cast<int64_t>(d));
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.6g", d);
    return buf;
  }
  if (value.is_array()) {
    std::string out;
    for (const auto& item : value) out += (out.empty() ? "" : "、") + ValueText(item);
    return out;
  }
  if (value.is_null()) return "";
  if (value.is_boolean()) return value.get<bool>() ? "是" : "否";
  return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace dossier::norm
