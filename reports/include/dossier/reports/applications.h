// Naming an application on the command line (report --application, trace).
#pragma once

#include <string_view>
#include <vector>

#include "dossier/common/status.h"
#include "dossier/store/views.h"

namespace dossier {

// The application whose id (as in the export) is `name`, or else the one
// whose unit name is `name`: a clerk has the name at hand, not the id.
// On failure: NotFound when none matches (the message says how to list
// them); InvalidInput when the unit name names several applications (a unit
// that applied through two recommenders), listing their ids.
Result<const ApplicationView*> FindApplication(const std::vector<ApplicationView>& apps,
                                               std::string_view name);

}  // namespace dossier
