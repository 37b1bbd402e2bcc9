#include "dossier/normalize/places.h"

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "dossier/common/text.h"

namespace dossier::norm {

extern const char* const kPlacesJson;

namespace {

std::u32string Key(std::string_view s) {
  return text::ToU32(text::RemoveSpaces(text::FullWidthToAscii(s)));
}

std::u32string WithoutShi(std::u32string s) {
  if (s.size() > 2 && s.back() == U'市') s.pop_back();
  return s;
}

bool IsIdeograph(char32_t c) {
  return (c >= 0x3400 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF);
}

}  // namespace

PlaceNames::PlaceNames() {
  const nlohmann::json j = nlohmann::json::parse(kPlacesJson);
  ocr_unreadable_ = text::ToU32(j.value("ocr_unreadable", ""));
  for (const nlohmann::json& c : j.at("cities")) {
    const std::string city = c.at("city").get<std::string>();
    cities_.push_back(city);
    entries_.push_back({text::ToU32(city + "市"), city, true});
    for (const nlohmann::json& d : c.at("districts"))
      entries_.push_back({text::ToU32(d.get<std::string>()), city, false});
  }
}

const PlaceNames& PlaceNames::Shandong() {
  static const PlaceNames* const kPlaces = new PlaceNames();
  return *kPlaces;
}

bool PlaceNames::IsCity(std::string_view name) const {
  const std::u32string key = WithoutShi(Key(name));
  return std::any_of(cities_.begin(), cities_.end(),
                     [&](const std::string& c) { return text::ToU32(c) == key; });
}

bool PlaceNames::IsDistrictOf(std::string_view district, std::string_view city) const {
  const std::u32string d = Key(district);
  const std::string c = text::ToUtf8(WithoutShi(Key(city)));
  return std::any_of(entries_.begin(), entries_.end(),
                     [&](const Entry& e) { return !e.is_city && e.name == d && e.city == c; });
}

std::vector<std::string> PlaceNames::CitiesOf(std::string_view district) const {
  const std::u32string d = Key(district);
  std::vector<std::string> out;
  for (const Entry& e : entries_)
    if (!e.is_city && e.name == d) out.push_back(e.city);
  return out;
}

namespace {

// Of several equally near known names, the one `cities` (cities the text
// names) singles out, then, when `by_rank`, the one city among them;
// nullptr when none does. In a free text rank decides nothing: 中城市 is one
// character from the city 聊城市 and from 泰安's county-level city 肥城市,
// and addresses name either as often.
template <typename E>
const E* Pick(const std::vector<const E*>& near, const std::set<std::string>& cities,
              bool by_rank) {
  if (near.size() == 1) return near.front();
  std::vector<const E*> in_city;
  for (const E* e : near)
    if (!e->is_city && cities.count(e->city)) in_city.push_back(e);
  if (in_city.size() == 1) return in_city.front();
  std::vector<const E*> ranked, named;
  for (const E* e : near)
    if (e->is_city) {
      ranked.push_back(e);
      if (cities.count(e->city)) named.push_back(e);
    }
  if (by_rank && ranked.size() == 1) return ranked.front();
  if (named.size() == 1) return named.front();
  return nullptr;
}

}  // namespace

std::optional<std::string> PlaceNames::Nearest(std::string_view read, std::string_view city) const {
  const std::u32string key = Key(read);
  if (key.size() < 2) return std::nullopt;
  // Every known writing: cities with and without 市, districts.
  struct Written {
    std::u32string name;
    std::string city;
    bool is_city;
  };
  std::vector<Written> names;
  for (const Entry& e : entries_) {
    names.push_back({e.name, e.city, e.is_city});
    if (e.is_city) names.push_back({WithoutShi(e.name), e.city, true});
  }
  for (const Written& n : names)
    if (n.name == key) return text::ToUtf8(n.name);
  std::vector<const Written*> near;
  for (const Written& n : names) {
    if (n.name.size() + 1 < key.size() || key.size() + 1 < n.name.size()) continue;
    if (text::EditDistance(key, n.name) == 1) near.push_back(&n);
  }
  std::set<std::string> cities;
  if (!city.empty()) cities.insert(text::ToUtf8(WithoutShi(Key(city))));
  const Written* picked = Pick(near, cities, /*by_rank=*/true);
  if (!picked) return std::nullopt;
  return text::ToUtf8(picked->name);
}

std::vector<PlaceMatch> PlaceNames::Find(std::string_view text, bool prefer_city) const {
  const std::u32string u = text::ToU32(text);
  std::vector<PlaceMatch> exact;
  std::vector<bool> covered(u.size(), false);
  // (begin, end) → the one-edit entries that fit there.
  std::map<std::pair<size_t, size_t>, std::vector<const Entry*>> near;
  for (const Entry& e : entries_) {
    const size_t n = e.name.size();
    for (size_t pos = 0; pos + n <= u.size(); ++pos) {
      int differ = 0;
      size_t where = 0;
      for (size_t i = 0; i < n && differ <= 1; ++i)
        if (u[pos + i] != e.name[i]) {
          ++differ;
          where = i;
        }
      if (differ == 0) {
        exact.push_back({e.city, text::ToUtf8(e.name), text::ToUtf8(u.substr(pos, n)), pos, pos + n,
                         0, e.is_city});
        std::fill(covered.begin() + static_cast<std::ptrdiff_t>(pos),
                  covered.begin() + static_cast<std::ptrdiff_t>(pos + n), true);
      } else if (differ == 1 && n >= 3 && where + 1 < n && IsIdeograph(u[pos + where])) {
        // The 市/区/县 that makes it a place name must stand as written,
        // and a misread character is still a character.
        near[{pos, pos + n}].push_back(&e);
      }
    }
    // A district with a character read inside it (东昌上府区): only beside
    // its city's name (checked below), its first and last characters as
    // written.
    if (e.is_city || n < 3) continue;
    for (size_t pos = 0; pos + n + 1 <= u.size(); ++pos) {
      if (u[pos] != e.name[0] || u[pos + n] != e.name[n - 1]) continue;
      for (size_t extra = 1; extra < n; ++extra) {
        if (!IsIdeograph(u[pos + extra])) continue;
        std::u32string without = u.substr(pos, n + 1);
        without.erase(extra, 1);
        if (without == e.name) {
          near[{pos, pos + n + 1}].push_back(&e);
          break;
        }
      }
    }
  }
  std::set<std::string> named_cities;
  for (const PlaceMatch& m : exact) named_cities.insert(m.city);
  auto is_covered = [&](const std::pair<size_t, size_t>& range) {
    return std::any_of(covered.begin() + static_cast<std::ptrdiff_t>(range.first),
                       covered.begin() + static_cast<std::ptrdiff_t>(range.second),
                       [](bool b) { return b; });
  };
  // With no name read whole, two misread names that agree on one city tell
  // each other apart: 青鸟市 is 青岛市 or 青州市 (潍坊), 财山区 崂山区 or 博山区
  // (淄博); only 青岛 has both.
  if (named_cities.empty()) {
    std::map<std::string, std::vector<std::pair<size_t, size_t>>> ranges_by_city;
    for (const auto& [range, entries] : near) {
      if (is_covered(range)) continue;
      for (const Entry* e : entries) ranges_by_city[e->city].push_back(range);
    }
    std::vector<std::string> agreed;
    for (const auto& [city, ranges] : ranges_by_city) {
      bool apart = false;
      for (const auto& a : ranges)
        for (const auto& b : ranges) apart = apart || a.second <= b.first;
      if (apart) agreed.push_back(city);
    }
    if (agreed.size() == 1) named_cities.insert(agreed.front());
  }
  // Cities first, so that the districts after them are told apart by them;
  // then cities again, which a district now tells apart (沪州市 is one edit
  // from both 滨州市 and 德州市; 惠民县 beside it says which).
  std::vector<PlaceMatch> guessed;
  for (const bool cities_pass : {true, false, true}) {
    for (const auto& [range, entries] : near) {
      if (is_covered(range)) continue;
      const bool has_city =
          std::any_of(entries.begin(), entries.end(), [](const Entry* e) { return e->is_city; });
      if (has_city != cities_pass) continue;
      // Of names as near (in the cities named), one whose character read
      // otherwise is one OCR never gives (峰城区: 峄城区, not 薛城区, both in
      // 枣庄) was misread for certain; the other would have been read as it
      // is.
      const Entry* e = nullptr;
      if (entries.size() > 1 && range.second - range.first == entries.front()->name.size()) {
        int unreadable = 0;
        for (const Entry* candidate : entries) {
          const std::u32string& name = candidate->name;
          if (name.size() != range.second - range.first) continue;
          if (!named_cities.empty() && !named_cities.count(candidate->city)) continue;
          for (size_t i = 0; i < name.size(); ++i)
            if (u[range.first + i] != name[i] &&
                ocr_unreadable_.find(name[i]) != std::u32string::npos) {
              ++unreadable;
              e = candidate;
              break;
            }
        }
        if (unreadable != 1) e = nullptr;
      }
      if (!e) e = Pick(entries, named_cities, prefer_city);
      if (!e) continue;
      if (!e->is_city && !named_cities.empty() && !named_cities.count(e->city)) continue;
      const bool inserted = range.second - range.first != e->name.size();
      if (inserted && !named_cities.count(e->city)) continue;
      named_cities.insert(e->city);
      guessed.push_back({e->city, text::ToUtf8(e->name),
                         text::ToUtf8(u.substr(range.first, range.second - range.first)),
                         range.first, range.second, 1, e->is_city});
      std::fill(covered.begin() + static_cast<std::ptrdiff_t>(range.first),
                covered.begin() + static_cast<std::ptrdiff_t>(range.second), true);
    }
  }
  // A county of two characters (莒县) with its first misread (苦县), right
  // after its city's name read whole: the one two-character county or
  // district of that city that ends so. Nowhere else: 苦县 alone could be
  // any word before a 县.
  for (const PlaceMatch& city : exact) {
    const size_t at = city.end;
    if (!city.is_city || at + 2 > u.size() || !IsIdeograph(u[at]) || is_covered({at, at + 2}))
      continue;
    const Entry* only = nullptr;
    int fitting = 0;
    for (const Entry& e : entries_)
      if (!e.is_city && e.city == city.city && e.name.size() == 2 && e.name[1] == u[at + 1] &&
          e.name[0] != u[at]) {
        ++fitting;
        only = &e;
      }
    if (fitting != 1) continue;
    guessed.push_back({only->city, text::ToUtf8(only->name), text::ToUtf8(u.substr(at, 2)), at,
                       at + 2, 1, false});
    std::fill(covered.begin() + static_cast<std::ptrdiff_t>(at),
              covered.begin() + static_cast<std::ptrdiff_t>(at + 2), true);
  }
  // A city's name with both its characters misread (本莹市), right before a
  // district of one city only, read whole (广饶县): that city (东营市).
  // Shandong's cities are all two characters and 市.
  for (const PlaceMatch& district : exact) {
    const size_t at = district.begin;
    if (district.is_city || at < 3 || u[at - 1] != U'市' || !IsIdeograph(u[at - 3]) ||
        !IsIdeograph(u[at - 2]) || is_covered({at - 3, at}))
      continue;
    const std::vector<std::string> cities = CitiesOf(district.name);
    if (cities.size() != 1 || text::ToU32(cities.front()).size() != 2) continue;
    guessed.push_back({cities.front(), cities.front() + "市", text::ToUtf8(u.substr(at - 3, 3)),
                       at - 3, at, 2, true});
    std::fill(covered.begin() + static_cast<std::ptrdiff_t>(at - 3),
              covered.begin() + static_cast<std::ptrdiff_t>(at), true);
  }
  std::vector<PlaceMatch> out = exact;
  for (PlaceMatch& m : guessed) out.push_back(std::move(m));
  std::sort(out.begin(), out.end(), [](const PlaceMatch& a, const PlaceMatch& b) {
    return a.begin != b.begin ? a.begin < b.begin : a.end > b.end;
  });
  return out;
}

std::string PlaceNames::Corrected(std::string_view text, bool prefer_city) const {
  std::u32string u = text::ToU32(text);
  const std::vector<PlaceMatch> found = Find(text, prefer_city);
  struct Replacement {
    size_t begin, end;
    std::u32string by;
  };
  std::vector<Replacement> replacements;
  for (const PlaceMatch& m : found) {
    // 临沂市市郯城县: the city's 市 read twice before one of its districts.
    // 济南市市中区 is no such case: 市中区 is the district.
    if (m.is_city && m.end < u.size() && u[m.end] == U'市' &&
        std::any_of(found.begin(), found.end(), [&](const PlaceMatch& d) {
          return !d.is_city && d.city == m.city && d.begin == m.end + 1;
        }))
      replacements.push_back({m.end, m.end + 1, U""});
    if (m.edits > 0) replacements.push_back({m.begin, m.end, text::ToU32(m.name)});
  }
  // The province misread by a character (山本省) before one of its cities,
  // or at the head of a recommender (山本省交通运输厅): no recommender is
  // another province's. 山西 and 广东 are provinces of their own.
  const bool other_province =
      u.size() > 1 && ((u[0] == U'山' && u[1] == U'西') || (u[0] == U'广' && u[1] == U'东'));
  if (u.size() > 3 && u[2] == U'省' && (u[0] == U'山') != (u[1] == U'东') && IsIdeograph(u[0]) &&
      IsIdeograph(u[1]) &&
      ((prefer_city && !other_province) ||
       std::any_of(found.begin(), found.end(),
                   [](const PlaceMatch& m) { return m.is_city && m.begin == 3; })))
    replacements.push_back({0, 2, U"山东"});
  std::sort(replacements.begin(), replacements.end(),
            [](const Replacement& a, const Replacement& b) { return a.begin > b.begin; });
  for (const Replacement& r : replacements) u.replace(r.begin, r.end - r.begin, r.by);
  return text::ToUtf8(u);
}

std::string AddressUnitsCorrected(std::string_view address) {
  std::u32string u = text::ToU32(address);
  auto digit = [](char32_t c) { return (c >= U'0' && c <= U'9') || (c >= U'０' && c <= U'９'); };
  auto letter = [](char32_t c) { return (c >= U'A' && c <= U'Z') || (c >= U'Ａ' && c <= U'Ｚ'); };
  for (size_t i = 1; i < u.size(); ++i) {
    const char32_t before = u[i - 1];
    const bool last = i + 1 == u.size();
    if (digit(before) && last &&
        std::u32string_view(U"玄富宝空穿窒宣").find(u[i]) != std::u32string_view::npos)
      u[i] = U'室';
    else if (digit(before) && last &&
             std::u32string_view(U"展屋居尽").find(u[i]) != std::u32string_view::npos)
      u[i] = U'层';
    else if (letter(before) && i + 1 < u.size() && digit(u[i + 1]) &&
             std::u32string_view(U"庆应库床").find(u[i]) != std::u32string_view::npos)
      u[i] = U'座';
  }
  return text::ToUtf8(u);
}

}  // namespace dossier::norm
