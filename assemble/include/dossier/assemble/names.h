// Names of units and recommenders as assembly compares them, and values as
// people read them.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace dossier::norm {

// The unit name as compared for joining: spaces, punctuation and
// full-width/half-width differences removed, ASCII lower-cased.
std::string UnitNameKey(std::string_view name);

// What is left of a name key once the words that name no unit in particular
// (继续教育, 中心, 学院, 有限公司, the province, a city…) are taken out: "泉城" of
// 济南泉城信息工程学院. Empty for a name made of generic words only.
std::string NameCore(std::string_view name_key);

// Whether a name key can identify a unit at all: its core has at least two
// characters.
bool IsDistinctiveName(std::string_view name_key);

// The kind of organisation a name ends in, as registered: 职业技术学院,
// 职业学院, 研究所, 研究院, 有限责任公司, 学会, 协会, 培训中心… (the longest
// known ending), or "" when it ends in none. Two names of different kinds
// are two registrations, however alike the rest.
std::string OrganisationKindOf(std::string_view name);

// A recommender's name reduced to what tells recommenders apart, so that
// 济南市人社局, 济南市人力资源和社会保障局（盖章） and 济南市人力资源社会保障局 are one:
// "city:济南" for a city's bureau, the short form of a provincial
// department without the province (卫健委, 教育厅), an enterprise's name
// without its company suffix. "" when nothing is left.
std::string RecommenderKey(std::string_view name);

// A name that reads as a recommender's (a city's HR bureau, a provincial
// department), a folder's or one read off a form: its RecommenderKey, else "".
std::string RecommenderKeyOfFolder(std::string_view folder_name);

// A value as a person reads it: strings as they are, numbers without a
// trailing ".0", lists joined with "、".
std::string ValueText(const nlohmann::json& value);

}  // namespace dossier::norm
