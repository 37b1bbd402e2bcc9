#include "dossier/reports/applications.h"

#include <string>

namespace dossier {

Result<const ApplicationView*> FindApplication(const std::vector<ApplicationView>& apps,
                                               std::string_view name) {
  for (const ApplicationView& a : apps) {
    if (a.id == name) return &a;
  }
  std::vector<const ApplicationView*> named;
  for (const ApplicationView& a : apps) {
    for (const FieldView& f : a.fields) {
      if (f.key == "unit_name" && f.value.is_string() && f.value.get<std::string>() == name) {
        named.push_back(&a);
        break;
      }
    }
  }
  if (named.size() == 1) return named.front();
  if (named.empty()) {
    return Status::NotFound("there is no application '" + std::string(name) + "' in the store (" +
                            std::to_string(apps.size()) +
                            (apps.size() == 1 ? " application" : " applications") +
                            "; 'dossier export' lists their ids and unit names)");
  }
  std::string ids;
  for (const ApplicationView* a : named) ids += (ids.empty() ? "" : ", ") + a->id;
  return Status::InvalidInput("the unit name '" + std::string(name) + "' names " +
                              std::to_string(named.size()) +
                              " applications (one per recommender); give one of their ids: " + ids);
}

}  // namespace dossier
