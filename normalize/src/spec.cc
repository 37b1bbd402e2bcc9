#include "dossier/normalize/spec.h"

#include <cstdio>
#include <cstdlib>
#include <exception>
#include <stdexcept>

#include "dossier/common/text.h"
#include "label_text.h"

namespace dossier::norm {

extern const char* const kSpecJson;

namespace {

using nlohmann::json;

std::vector<std::string> Strings(const json& j) { return j.get<std::vector<std::string>>(); }

std::map<std::string, std::vector<std::string>> StringListMap(const json& j) {
  std::map<std::string, std::vector<std::string>> out;
  for (const auto& [key, value] : j.items()) out[key] = Strings(value);
  return out;
}

FieldSpec ParseField(const json& f) {
  FieldSpec field;
  field.key = f.at("key").get<std::string>();
  const std::string type_name = f.at("type").get<std::string>();
  auto type = ValueTypeFromName(type_name);
  if (!type) throw std::runtime_error("field " + field.key + " has unknown type " + type_name);
  field.type = *type;
  field.labels = Strings(f.at("labels"));
  field.year = f.value("year", 0);
  return field;
}

Spec Parse(std::string_view text) {
  const json j = json::parse(text);
  Spec spec;
  for (const json& f : j.at("license_fields")) spec.license_fields.push_back(ParseField(f));
  spec.license_distractor_labels = Strings(j.at("license_distractor_labels"));
  spec.form_distractor_labels = Strings(j.at("form_distractor_labels"));
  for (const json& c : j.at("checks"))
    spec.checks.push_back({c.at("id").get<std::string>(), c.at("title").get<std::string>()});
  for (const json& t : j.at("tracks"))
    spec.tracks.push_back({t.at("track").get<std::string>(), Strings(t.at("title_phrases")),
                           Strings(t.at("not_after")), Strings(t.at("checks"))});
  spec.priority_areas = Strings(j.at("priority_areas"));
  for (const auto& [type, r] : j.at("recommender_types").items())
    spec.recommender_types.push_back(
        {type, r.at("quota").get<int>(), Strings(r.at("name_patterns"))});
  const json& call = j.at("call_defaults");
  spec.call_defaults.deadline = call.at("deadline").get<std::string>();
  spec.call_defaults.timezone_offset_minutes = call.at("timezone_offset_minutes").get<int>();
  spec.call_defaults.expired_bases = Strings(call.at("expired_bases"));
  spec.call_defaults.trainees_minimum = call.at("trainees_minimum").get<int>();
  spec.training_scope_words = Strings(j.at("training_scope_words"));
  for (const json& f : j.at("fields")) {
    FieldSpec field;
    field.key = f.at("key").get<std::string>();
    const std::string type_name = f.at("type").get<std::string>();
    auto type = ValueTypeFromName(type_name);
    if (!type) throw std::runtime_error("field " + field.key + " has unknown type " + type_name);
    field.type = *type;
    field.labels = Strings(f.at("labels"));
    field.year = f.value("year", 0);
    spec.fields.push_back(std::move(field));
  }
  spec.trainees_table_labels = Strings(j.at("trainees_table_labels"));
  for (const json& c : j.at("summary_columns"))
    spec.summary_columns.emplace_back(c.at("key").get<std::string>(), Strings(c.at("labels")));
  spec.summary_header_labels = StringListMap(j.at("summary_header_labels"));
  spec.faculty_columns = StringListMap(j.at("faculty_columns"));
  spec.unit_types = Strings(j.at("unit_types"));
  spec.unit_type_synonyms = j.at("unit_type_synonyms").get<std::map<std::string, std::string>>();
  spec.mgmt_rule_items = Strings(j.at("mgmt_rule_items"));
  spec.cities = Strings(j.at("cities"));
  spec.declared_none = Strings(j.at("declared_none"));
  spec.name_generic_words = Strings(j.at("name_generic_words"));
  for (const json& a : j.at("recommender_aliases"))
    spec.recommender_aliases.emplace_back(a.at(0).get<std::string>(), a.at(1).get<std::string>());
  for (const json& k : j.at("kinds")) {
    KindSpec kind;
    kind.kind = k.at("kind").get<std::string>();
    kind.title_phrases = Strings(k.at("title_phrases"));
    kind.phrases = Strings(k.at("phrases"));
    for (const std::string& p : kind.title_phrases)
      kind.spaceless_title_phrases.push_back(text::RemoveSpaces(p));
    for (const std::string& p : kind.phrases)
      kind.spaceless_phrases.push_back(text::RemoveSpaces(p));
    spec.kinds.push_back(std::move(kind));
  }
  return spec;
}

Spec Load() {
  try {
    return Parse(kSpecJson);
  } catch (const std::exception& e) {
    // The spec is compiled in, so a bad one is a build defect, not bad input:
    // every run would be wrong, so stop loudly.
    std::fprintf(stderr,
                 "dossier: the compiled-in spec (normalize/data/spec.json) is invalid: %s\n",
                 e.what());
    std::abort();
  }
}

}  // namespace

const FieldSpec* Spec::Field(std::string_view key) const {
  for (const FieldSpec& f : fields)
    if (f.key == key) return &f;
  return nullptr;
}

const TrackSpec* Spec::Track(std::string_view track) const {
  for (const TrackSpec& t : tracks)
    if (t.track == track) return &t;
  return nullptr;
}

const Spec& TheSpec() {
  static const Spec spec = Load();
  return spec;
}

std::string LabelKey(std::string_view label) {
  // FullWidthToAscii also folds （）and ：, since they are U+FF08/FF09/FF1A.
  return FoldedLabelKey(text::ToU32(text::FullWidthToAscii(text::RemoveSpaces(label))));
}

std::string FoldedLabelKey(std::u32string_view u) {
  // On a view, narrowed in place: ReadLabelsWithoutColon keys every prefix
  // of every piece of a form's text.
  auto strip_colons = [&u] {
    while (!u.empty() && IsColon(u.back())) u.remove_suffix(1);
  };
  strip_colons();
  // A trailing bracketed unit or note: (万元) (间) (盖章), possibly several.
  while (!u.empty() && IsCloseBracket(u.back())) {
    size_t depth = 0, open = std::u32string_view::npos;
    for (size_t i = u.size(); i-- > 0;) {
      if (IsCloseBracket(u[i])) {
        ++depth;
      } else if (IsOpenBracket(u[i]) && --depth == 0) {
        open = i;
        break;
      }
    }
    if (open == std::u32string_view::npos || open == 0) break;  // unbalanced, or the whole label
    u = u.substr(0, open);
    strip_colons();
  }
  std::string key = text::ToUtf8(u);
  // text::AsciiLower without a second copy.
  for (char& c : key)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return key;
}

}  // namespace dossier::norm
