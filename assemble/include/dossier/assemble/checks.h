// The notice's checks over assembled applications: C1..C6, Q1..Q4, P1 on the
// provincial track, C1..C6, Q3, N1, N2 on the national one (spec.json
// "tracks").
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "dossier/assemble/assemble.h"

namespace dossier::norm {

// The call's settings. Defaults are the notice's (normalize/data/spec.json,
// call_defaults); the INI file's [call] section overrides them.
struct CallConfig {
  std::string deadline;               // ISO date; materials received on that day are on time
  int timezone_offset_minutes = 480;  // the deadline's day is in this offset (UTC+8)
  std::vector<std::string> expired_bases;
  int trainees_minimum = 2000;
  std::map<std::string, int> quotas;  // by recommender type: city, provincial_department, ...
  std::vector<std::string> priority_areas;
  // The current provincial bases (unit names or credit codes), for N1: only
  // they may apply for the national track. nullopt when not configured (the
  // notice gives no list): N1 is then unknown.
  std::optional<std::vector<std::string>> current_bases;

  static CallConfig Defaults();
};

// The recommender's type from its name: "city", "provincial_enterprise",
// "provincial_department", or "" when the name says neither.
std::string RecommenderType(const std::string& recommender);

// Unix ms of the first moment after the deadline day, or -1 if the deadline
// is not an ISO date.
int64_t DeadlineEndMs(const CallConfig& config);

// Runs every check on every application, in the spec's order, and adds the
// findings the checks find (invalid credit code, faculty list counts).
// `documents` are the facts the assembly was built from.
void RunChecks(Assembly& assembly, const std::vector<DocumentFacts>& documents,
               const CallConfig& config);

}  // namespace dossier::norm
