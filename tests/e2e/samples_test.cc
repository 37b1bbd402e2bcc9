// The bundled samples, ingested into a fresh data folder (with their known
// arrival times) and exported, against sample_docs/expected.json: every field
// by rendering of its form, every source's place, every document's
// application, every check outcome and the expected findings.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <iostream>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "dossier/common/text.h"
#include "e2e/e2e_support.h"

namespace dossier::testing {
namespace {

// OCR gives half-width punctuation where the print has full-width (，；（）);
// the width of a comma is no error in a value read from a scan.
bool SameValue(const nlohmann::json& expected, const nlohmann::json& actual, bool read_by_ocr) {
  if (expected.is_number() && actual.is_number())
    return std::fabs(expected.get<double>() - actual.get<double>()) < 1e-6;
  if (read_by_ocr && expected.is_string() && actual.is_string())
    return text::FullWidthToAscii(expected.get<std::string>()) ==
           text::FullWidthToAscii(actual.get<std::string>());
  return expected == actual;
}

// The part of the larger of two boxes they share: intersection over union.
double Iou(const nlohmann::json& a, const nlohmann::json& b) {
  const double ix = std::max(0.0, std::min(a[2].get<double>(), b[2].get<double>()) -
                                      std::max(a[0].get<double>(), b[0].get<double>()));
  const double iy = std::max(0.0, std::min(a[3].get<double>(), b[3].get<double>()) -
                                      std::max(a[1].get<double>(), b[1].get<double>()));
  auto area = [](const nlohmann::json& r) {
    return (r[2].get<double>() - r[0].get<double>()) * (r[3].get<double>() - r[1].get<double>());
  };
  const double inter = ix * iy, uni = area(a) + area(b) - inter;
  return uni > 0 ? inter / uni : 0;
}

// The actual box is on the value, not merely touching it: it overlaps the
// expected box by half (IoU >= 0.5), or lies inside it (OCR boxes hug the
// ink of a drawn line, or hold the first line of a value set on several),
// give or take a quarter of the line's height. A box around the whole
// printed line, label and all, is neither.
bool BoxOnValue(const nlohmann::json& actual, const nlohmann::json& expected) {
  if (!actual.is_array() || actual.size() != 4) return false;
  if (Iou(actual, expected) >= 0.5) return true;
  const double slack = 0.25 * (expected[3].get<double>() - expected[1].get<double>());
  return actual[0].get<double>() >= expected[0].get<double>() - slack &&
         actual[1].get<double>() >= expected[1].get<double>() - slack &&
         actual[2].get<double>() <= expected[2].get<double>() + slack &&
         actual[3].get<double>() <= expected[3].get<double>() + slack;
}

bool HasSource(const nlohmann::json& sources, const nlohmann::json& wanted, std::string* why) {
  for (const auto& s : sources) {
    if (s.value("sha256", "") != wanted.value("sha256", "")) continue;
    if (wanted.contains("locator") && s.value("locator", "") != wanted["locator"]) continue;
    if (wanted.contains("method") && s.value("method", "") != wanted["method"]) continue;
    if (wanted.contains("page") && !wanted["page"].is_null() && s["page"] != wanted["page"])
      continue;
    if (wanted.contains("bbox") && wanted["bbox"].is_array() &&
        !BoxOnValue(s["bbox"], wanted["bbox"])) {
      *why = "bbox " + s["bbox"].dump() + " is not on " + wanted["bbox"].dump() + " (IoU " +
             (s["bbox"].is_array() ? std::to_string(Iou(s["bbox"], wanted["bbox"])) : "-") + ")";
      continue;
    }
    return true;
  }
  if (why->empty()) *why = "no source " + wanted.dump();
  return false;
}

struct Tally {
  int expected = 0, right = 0, wrong = 0, missing = 0, misplaced = 0, extra = 0;
  double Accuracy() const { return expected ? static_cast<double>(right) / expected : 1.0; }
};

// What issue 3 sets per rendering of the form, printed beside the figures.
double TargetAccuracy(const std::string& rendering) {
  if (rendering == "pdf-text") return 0.99;
  if (rendering == "pdf-scan" || rendering == "photo") return 0.95;
  return 1.0;  // docx, and fields read from summary sheets
}

// What is reached today (measured, not rounded down), kept from slipping
// back: at least `right` fields right with their sources, at most `extra`
// read that the samples do not hold. Licences: 68 of 84 (8 read wrong, 8
// not read).
struct Floor {
  int right = 0;
  int extra = 0;
};
const std::map<std::string, Floor>& Floors() {
  static const std::map<std::string, Floor> floors = {
      {"docx", {283, 0}}, {"pdf-text", {93, 0}}, {"pdf-scan", {60, 0}},
      {"photo", {61, 0}}, {"xlsx", {14, 0}},     {"licence", {68, 0}},
  };
  return floors;
}
constexpr double kChecksFloor = 1.0;
constexpr double kDocumentsFloor = 1.0;
// Findings raised that the samples do not expect: today three
// license_unclear, where OCR misread one character of a licence's unit name
// (海岱 as 海省, 鲁中 as 售中, 烟台 as 台). Any other is a failure.
constexpr int kUnexpectedFindingsCeiling = 3;

void ExpectAtFloor(const std::string& rendering, const Tally& t) {
  auto floor = Floors().find(rendering);
  ASSERT_NE(floor, Floors().end()) << "no floor for " << rendering;
  EXPECT_GE(t.right, floor->second.right) << rendering;
  EXPECT_LE(t.extra, floor->second.extra) << rendering;
  if (t.right > floor->second.right || t.extra < floor->second.extra)
    std::cout << "[ raise    ] " << rendering << ": the floor can be raised to " << t.right
              << " right, " << t.extra << " extra\n";
}

class SamplesTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    expected_ = ReadJson(SourceDir() / "sample_docs" / "expected.json");
    // The samples' settings name the current provincial bases (N1).
    RunResult ingest =
        RunDossier({"--data", Data().string(), "--config", Config(), "ingest", "--arrivals",
                    (SourceDir() / "sample_docs" / "arrivals.json").string(),
                    (SourceDir() / "sample_docs" / "inbox").string()});
    ingest_exit_ = ingest.exit_code;
    ingest_output_ = ingest.output;
    std::filesystem::path out = dir_->path() / "export.json";
    RunDossier({"--data", Data().string(), "--config", Config(), "export", "--format", "json",
                "--out", out.string()});
    actual_ = ReadJson(out);
  }
  static std::string Config() { return (SourceDir() / "sample_docs" / "samples.ini").string(); }
  static void TearDownTestSuite() { delete dir_; }
  static std::filesystem::path Data() { return dir_->path() / "data"; }

  static const nlohmann::json* ActualApp(const std::string& id) {
    for (const auto& app : actual_["applications"])
      if (app["id"] == id) return &app;
    return nullptr;
  }

  // Compares one group of fields ("fields" or "license_fields"), counted in
  // `tallies` under the application's rendering. A source of another version
  // of the form (it names its own "rendering") is counted apart, under that
  // version's rendering, whatever became of the value: an OCR miss on an
  // earlier scan is the scan's. An application that is missing is compared
  // with no fields: everything it should hold is counted missing.
  static void CompareFields(const nlohmann::json& expected, const nlohmann::json& actual,
                            const std::string& id, std::map<std::string, Tally>& tallies,
                            const std::string& rendering) {
    Tally& tally = tallies[rendering];
    for (const auto& [key, exp_field] : expected.items()) {
      SCOPED_TRACE(id + " " + key);
      int Tally::*outcome = &Tally::right;
      const bool present = actual.contains(key);
      const nlohmann::json& field = present ? actual[key] : exp_field;
      const bool read_by_ocr =
          present && !field["sources"].empty() && field["sources"][0]["method"] == "ocr";
      if (!present) {
        outcome = &Tally::missing;
        std::cout << "[ missing  ] " << id << " " << key << ": " << exp_field["value"].dump()
                  << "\n";
      } else if (!SameValue(exp_field["value"], field["value"], read_by_ocr)) {
        outcome = &Tally::wrong;
        std::cout << "[ wrong    ] " << id << " " << key << ": expected "
                  << exp_field["value"].dump() << " got " << field["value"].dump() << "\n";
      } else if (field["sources"].empty()) {
        outcome = &Tally::misplaced;
      }
      for (const auto& want : exp_field["sources"]) {
        const bool other = want.contains("rendering") && want["rendering"] != rendering;
        int Tally::*here = outcome;
        if (outcome == &Tally::right || outcome == &Tally::misplaced) {
          std::string why;
          if (!HasSource(field["sources"], want, &why)) {
            std::cout << "[ misplaced] " << id << " " << key << ": " << why << "\n";
            here = &Tally::misplaced;
          }
        }
        if (other) {
          Tally& t = tallies[want["rendering"].get<std::string>()];
          ++t.expected;
          ++(t.*here);
        } else if (here == &Tally::misplaced) {
          outcome = &Tally::misplaced;
        }
      }
      ++tally.expected;
      ++(tally.*outcome);
    }
    for (const auto& [key, field] : actual.items()) {
      if (!expected.contains(key)) {
        ++tally.extra;
        std::cout << "[ extra    ] " << id << " " << key << " = " << field["value"].dump() << "\n";
      }
    }
  }

  static inline TempDir* dir_ = nullptr;
  static inline nlohmann::json expected_;
  static inline nlohmann::json actual_;
  static inline int ingest_exit_ = -1;
  static inline std::string ingest_output_;
};

TEST_F(SamplesTest, IngestExitsOneBecauseTheSamplesHoldARejectedFile) {
  ASSERT_FALSE(expected_["rejected"].empty());
  EXPECT_EQ(ingest_exit_, 1) << ingest_output_;
}

TEST_F(SamplesTest, FieldsAreRightWithTheirSourcesByRendering) {
  std::map<std::string, Tally> by_rendering;
  for (const auto& exp_app : expected_["applications"]) {
    const std::string id = exp_app["id"];
    const std::string rendering = exp_app.value("rendering", "xlsx");
    const nlohmann::json* app = ActualApp(id);
    if (!app) std::cout << "[ missing  ] application " << id << "\n";
    CompareFields(exp_app["fields"], app ? (*app)["fields"] : nlohmann::json::object(), id,
                  by_rendering, rendering);
  }
  for (const auto& [rendering, t] : by_rendering) {
    std::cout << "[ figures  ] " << rendering << ": " << t.expected << " fields, " << t.right
              << " right with their sources, accuracy " << t.Accuracy() << " (target "
              << TargetAccuracy(rendering) << "); " << t.wrong << " wrong, " << t.missing
              << " missing, " << t.misplaced << " misplaced, " << t.extra << " not expected\n";
    ExpectAtFloor(rendering, t);
  }
}

// Licence reading has no target of its own: its floor is what is reached.
TEST_F(SamplesTest, LicenceFieldsAreReadWithTheirSources) {
  std::map<std::string, Tally> tallies;
  for (const auto& exp_app : expected_["applications"]) {
    if (!exp_app.contains("license_fields")) continue;
    const nlohmann::json* app = ActualApp(exp_app["id"]);
    if (!app) std::cout << "[ missing  ] application " << exp_app["id"] << "\n";
    CompareFields(exp_app["license_fields"],
                  app ? (*app)["license_fields"] : nlohmann::json::object(), exp_app["id"], tallies,
                  "licence");
  }
  const Tally& tally = tallies["licence"];
  std::cout << "[ figures  ] licence fields: " << tally.expected << ", " << tally.right
            << " right with their sources, accuracy " << tally.Accuracy() << "; " << tally.wrong
            << " wrong, " << tally.missing << " missing, " << tally.misplaced << " misplaced, "
            << tally.extra << " not expected\n";
  ExpectAtFloor("licence", tally);
}

TEST_F(SamplesTest, EveryOcrValueHasAPageABoxAndAConfidence) {
  int ocr_fields = 0;
  for (const auto& app : actual_["applications"]) {
    for (const char* group : {"fields", "license_fields"}) {
      for (const auto& [key, field] : app[group].items()) {
        for (const auto& s : field["sources"]) {
          if (s["method"] != "ocr") continue;
          ++ocr_fields;
          SCOPED_TRACE(app["id"].get<std::string>() + " " + key);
          EXPECT_TRUE(s["page"].is_number() && s["page"].get<int>() >= 1) << s.dump();
          EXPECT_TRUE(s["bbox"].is_array() && s["bbox"].size() == 4) << s.dump();
          double c = field["confidence"].get<double>();
          EXPECT_TRUE(c >= 0 && c <= 1) << c;
        }
      }
    }
  }
  std::cout << "[ figures  ] OCR-read sources: " << ocr_fields << "\n";
  EXPECT_GT(ocr_fields, 0);
}

TEST_F(SamplesTest, EverySourceNamesAKnownFileByHash) {
  std::set<std::string> known;
  for (const auto& app : expected_["applications"])
    for (const auto& doc : app["documents"]) known.insert(doc["sha256"]);
  for (const auto& app : actual_["applications"]) {
    for (const auto& [key, field] : app["fields"].items()) {
      SCOPED_TRACE(app["id"].get<std::string>() + " " + key);
      ASSERT_FALSE(field["sources"].empty());
      for (const auto& s : field["sources"]) {
        EXPECT_TRUE(known.count(s["sha256"])) << s.dump();
        bool office = s["method"] == "docx" || s["method"] == "xlsx";
        if (office)
          EXPECT_FALSE(s["locator"].get<std::string>().empty()) << s.dump();
        else
          EXPECT_TRUE(s["page"].is_number()) << s.dump();
      }
    }
  }
}

TEST_F(SamplesTest, EveryDocumentBelongsToItsApplication) {
  int expected_docs = 0, right = 0;
  for (const auto& exp_app : expected_["applications"]) {
    const nlohmann::json* app = ActualApp(exp_app["id"]);
    if (!app) {
      expected_docs += static_cast<int>(exp_app["documents"].size());
      std::cout << "[ missing  ] application " << exp_app["id"] << "\n";
      continue;
    }
    std::set<std::pair<std::string, std::string>> got;
    for (const auto& d : (*app)["documents"])
      got.insert({d["sha256"].get<std::string>(), d["kind"].get<std::string>()});
    for (const auto& d : exp_app["documents"]) {
      ++expected_docs;
      if (got.count({d["sha256"].get<std::string>(), d["kind"].get<std::string>()}))
        ++right;
      else
        std::cout << "[ misplaced] " << exp_app["id"] << ": " << d.dump() << "\n";
    }
  }
  std::cout << "[ figures  ] documents placed with their kind: " << right << "/" << expected_docs
            << " (target all)\n";
  EXPECT_GE(static_cast<double>(right) / expected_docs, kDocumentsFloor);
}

TEST_F(SamplesTest, EveryCheckOutcomeIsAsExpected) {
  int expected_checks = 0, right = 0;
  for (const auto& exp_app : expected_["applications"]) {
    const nlohmann::json* app = ActualApp(exp_app["id"]);
    if (!app) {
      expected_checks += static_cast<int>(exp_app["checks"].size());
      continue;
    }
    std::map<std::string, nlohmann::json> got;
    for (const auto& c : (*app)["checks"]) got[c["id"]] = c;
    for (const auto& c : exp_app["checks"]) {
      ++expected_checks;
      const std::string id = c["id"];
      if (got.count(id) && got[id]["outcome"] == c["outcome"]) {
        ++right;
        EXPECT_FALSE(got[id]["detail"].get<std::string>().empty());
      } else {
        std::cout << "[ check    ] " << exp_app["id"] << " " << id << ": expected " << c["outcome"]
                  << " got " << (got.count(id) ? got[id].dump() : "nothing") << "\n";
      }
    }
  }
  std::cout << "[ figures  ] check outcomes: " << right << "/" << expected_checks
            << " (target all)\n";
  EXPECT_GE(static_cast<double>(right) / expected_checks, kChecksFloor);
}

// The ministry's forms are on the national track, apart from the same unit's
// provincial application, judged on that track's checks only (no Q1, Q2, Q4,
// P1), and the export says which track each application is on.
TEST_F(SamplesTest, NationalFormsAreAnApplicationOfTheirOwnWithTheirOwnChecks) {
  int national = 0;
  for (const auto& exp_app : expected_["applications"]) {
    const nlohmann::json* app = ActualApp(exp_app["id"]);
    ASSERT_NE(app, nullptr) << exp_app["id"];
    SCOPED_TRACE(exp_app["id"].get<std::string>());
    EXPECT_EQ((*app)["track"], exp_app["track"]);
    std::vector<std::string> want, got;
    for (const auto& c : exp_app["checks"]) want.push_back(c["id"]);
    for (const auto& c : (*app)["checks"]) got.push_back(c["id"]);
    EXPECT_EQ(got, want);
    if (exp_app["track"] != "national") continue;
    ++national;
    const std::string id = exp_app["id"];
    ASSERT_GT(id.size(), 9u);
    ASSERT_EQ(id.substr(id.size() - 9), "@national");
    // 泉城 applies to the province as well: that application keeps its id.
    if (ActualApp(id.substr(0, id.size() - 9)) == nullptr) continue;
    EXPECT_EQ((*ActualApp(id.substr(0, id.size() - 9)))["track"], "provincial");
  }
  EXPECT_EQ(national, 2);
  EXPECT_TRUE(actual_["settings"]["current_base"].is_array()) << actual_["settings"].dump();
}

// Each application's findings, by code, are exactly those expected: none
// lacking, none the samples do not call for, and one kind never stands in
// for another (a licence disagreement is not a disagreement between forms).
TEST_F(SamplesTest, FindingsAreExactlyTheExpectedOnes) {
  int expected = 0, found = 0, unexpected = 0;
  for (const auto& exp_app : expected_["applications"]) {
    const nlohmann::json* app = ActualApp(exp_app["id"]);
    // The samples name each code once, however many fields raise it.
    std::set<std::string> want, got;
    for (const auto& code : exp_app.value("findings_expected", nlohmann::json::array()))
      want.insert(code.get<std::string>());
    if (app)
      for (const auto& f : (*app)["findings"]) got.insert(f["code"].get<std::string>());
    for (const std::string& code : want) {
      ++expected;
      if (got.count(code))
        ++found;
      else
        std::cout << "[ finding  ] " << exp_app["id"] << " lacks " << code << "\n";
    }
    for (const std::string& code : got) {
      if (want.count(code)) continue;
      ++unexpected;
      std::cout << "[ finding  ] " << exp_app["id"] << " raises " << code
                << " that is not expected\n";
    }
  }
  std::cout << "[ figures  ] expected findings found: " << found << "/" << expected << "; "
            << unexpected << " not expected\n";
  EXPECT_EQ(found, expected);
  EXPECT_LE(unexpected, kUnexpectedFindingsCeiling);
}

TEST_F(SamplesTest, EveryFindingHasACodeOfTheReadmesTable) {
  const std::string readme = ReadBytes(SourceDir() / "README.md");
  const size_t table = readme.find("| code | 名称 |");
  ASSERT_NE(table, std::string::npos);
  size_t findings = 0;
  for (const auto& app : actual_["applications"]) {
    for (const auto& f : app["findings"]) {
      ++findings;
      const std::string code = f.value("code", "");
      EXPECT_NE(readme.find("| `" + code + "` |", table), std::string::npos) << f.dump();
      EXPECT_FALSE(f.value("detail", "").empty()) << f.dump();
    }
  }
  EXPECT_GT(findings, 0u);
}

TEST_F(SamplesTest, UnassignedAndRejectedAreAsExpected) {
  auto files = [](const nlohmann::json& list) {
    std::set<std::pair<std::string, std::string>> out;
    for (const auto& x : list)
      out.insert({x["file"].get<std::string>(), x["sha256"].get<std::string>()});
    return out;
  };
  // What belongs to nobody is listed; documents that should have found their
  // application but did not are counted by EveryDocumentBelongsToItsApplication.
  for (const auto& want : files(expected_["unassigned"]))
    EXPECT_TRUE(files(actual_["unassigned"]).count(want)) << want.first << " not unassigned";
  EXPECT_EQ(files(expected_["rejected"]), files(actual_["rejected"]));
  for (const auto& u : actual_["unassigned"]) EXPECT_FALSE(u["reason"].get<std::string>().empty());
  for (const auto& r : actual_["rejected"]) EXPECT_FALSE(r["reason"].get<std::string>().empty());
}

TEST_F(SamplesTest, IngestingAgainProcessesNothingTwice) {
  RunResult again = RunDossier({"--data", Data().string(), "--config", Config(), "ingest",
                                (SourceDir() / "sample_docs" / "inbox").string()});
  EXPECT_NE(again.output.find(" 0 taken"), std::string::npos) << again.output;
  std::filesystem::path out = dir_->path() / "again.json";
  RunDossier({"--data", Data().string(), "--config", Config(), "export", "--out", out.string()});
  EXPECT_EQ(ReadJson(out), actual_);
}

}  // namespace
}  // namespace dossier::testing
