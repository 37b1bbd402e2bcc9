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

// The actual box lands on the expected one: they overlap once the expected
// box is widened by half its height (OCR boxes hug the ink, drawn boxes the
// text line).
bool BoxLandsOn(const nlohmann::json& actual, const nlohmann::json& expected) {
  if (!actual.is_array() || actual.size() != 4) return false;
  double margin = std::max(4.0, 0.5 * (expected[3].get<double>() - expected[1].get<double>()));
  return actual[0].get<double>() <= expected[2].get<double>() + margin &&
         actual[2].get<double>() >= expected[0].get<double>() - margin &&
         actual[1].get<double>() <= expected[3].get<double>() + margin &&
         actual[3].get<double>() >= expected[1].get<double>() - margin;
}

// Licence reading has no target of its own yet: this is what is reached,
// kept from slipping back.
constexpr double kLicenceFloor = 0.80;
constexpr double kChecksFloor = 1.0;
constexpr double kDocumentsFloor = 1.0;
constexpr double kFindingsFloor = 1.0;

bool HasSource(const nlohmann::json& sources, const nlohmann::json& wanted, std::string* why) {
  for (const auto& s : sources) {
    if (s.value("sha256", "") != wanted.value("sha256", "")) continue;
    if (wanted.contains("locator") && s.value("locator", "") != wanted["locator"]) continue;
    if (wanted.contains("method") && s.value("method", "") != wanted["method"]) continue;
    if (wanted.contains("page") && !wanted["page"].is_null() && s["page"] != wanted["page"])
      continue;
    if (wanted.contains("bbox") && wanted["bbox"].is_array() &&
        !BoxLandsOn(s["bbox"], wanted["bbox"])) {
      *why = "bbox " + s["bbox"].dump() + " does not land on " + wanted["bbox"].dump();
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

// What issue 3 sets per rendering of the form.
double TargetAccuracy(const std::string& rendering) {
  if (rendering == "pdf-text") return 0.99;
  if (rendering == "pdf-scan" || rendering == "photo") return 0.95;
  return 1.0;  // docx, and fields read from summary sheets
}

class SamplesTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    expected_ = ReadJson(SourceDir() / "sample_docs" / "expected.json");
    RunResult ingest = RunDossier({"--data", Data().string(), "ingest", "--arrivals",
                                   (SourceDir() / "sample_docs" / "arrivals.json").string(),
                                   (SourceDir() / "sample_docs" / "inbox").string()});
    ingest_exit_ = ingest.exit_code;
    ingest_output_ = ingest.output;
    std::filesystem::path out = dir_->path() / "export.json";
    RunDossier({"--data", Data().string(), "export", "--format", "json", "--out", out.string()});
    actual_ = ReadJson(out);
  }
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
  // version's rendering: an OCR miss on an earlier scan is the scan's.
  static void CompareFields(const nlohmann::json& expected, const nlohmann::json& actual,
                            const std::string& id, std::map<std::string, Tally>& tallies,
                            const std::string& rendering, bool count_extra) {
    Tally& tally = tallies[rendering];
    for (const auto& [key, exp_field] : expected.items()) {
      ++tally.expected;
      SCOPED_TRACE(id + " " + key);
      if (!actual.contains(key)) {
        ++tally.missing;
        std::cout << "[ missing  ] " << id << " " << key << ": " << exp_field["value"].dump()
                  << "\n";
        continue;
      }
      const auto& field = actual[key];
      bool read_by_ocr = !field["sources"].empty() && field["sources"][0]["method"] == "ocr";
      if (!SameValue(exp_field["value"], field["value"], read_by_ocr)) {
        ++tally.wrong;
        std::cout << "[ wrong    ] " << id << " " << key << ": expected "
                  << exp_field["value"].dump() << " got " << field["value"].dump() << "\n";
        continue;
      }
      bool placed = !field["sources"].empty();
      for (const auto& want : exp_field["sources"]) {
        std::string why;
        const bool found = HasSource(field["sources"], want, &why);
        if (!found) std::cout << "[ misplaced] " << id << " " << key << ": " << why << "\n";
        if (want.contains("rendering") && want["rendering"] != rendering) {
          Tally& other = tallies[want["rendering"].get<std::string>()];
          ++other.expected;
          ++(found ? other.right : other.misplaced);
          continue;
        }
        placed = placed && found;
      }
      if (placed)
        ++tally.right;
      else
        ++tally.misplaced;
    }
    if (!count_extra) return;
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
    if (!app) {
      Tally& tally = by_rendering[rendering];
      std::cout << "[ missing  ] application " << id << "\n";
      tally.expected += static_cast<int>(exp_app["fields"].size());
      tally.missing += static_cast<int>(exp_app["fields"].size());
      continue;
    }
    CompareFields(exp_app["fields"], (*app)["fields"], id, by_rendering, rendering,
                  /*count_extra=*/true);
  }
  for (const auto& [rendering, t] : by_rendering) {
    std::cout << "[ figures  ] " << rendering << ": " << t.expected << " fields, " << t.right
              << " right with their sources, accuracy " << t.Accuracy() << " (target "
              << TargetAccuracy(rendering) << "); " << t.wrong << " wrong, " << t.missing
              << " missing, " << t.misplaced << " misplaced, " << t.extra << " not expected\n";
    EXPECT_GE(t.Accuracy(), TargetAccuracy(rendering)) << rendering;
    if (TargetAccuracy(rendering) == 1.0) {
      EXPECT_EQ(t.extra, 0) << rendering;
    }
  }
}

TEST_F(SamplesTest, LicenceFieldsAreReadWithTheirSources) {
  std::map<std::string, Tally> tallies;
  Tally& tally = tallies["licence"];
  for (const auto& exp_app : expected_["applications"]) {
    const nlohmann::json* app = ActualApp(exp_app["id"]);
    if (!app || !exp_app.contains("license_fields")) continue;
    CompareFields(exp_app["license_fields"], (*app)["license_fields"], exp_app["id"], tallies,
                  "licence", /*count_extra=*/false);
  }
  std::cout << "[ figures  ] licence fields: " << tally.expected << ", " << tally.right
            << " right with their sources, accuracy " << tally.Accuracy() << "\n";
  EXPECT_GE(tally.Accuracy(), kLicenceFloor);
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

TEST_F(SamplesTest, ExpectedFindingsAreFound) {
  int expected = 0, found = 0;
  for (const auto& exp_app : expected_["applications"]) {
    const nlohmann::json* app = ActualApp(exp_app["id"]);
    std::set<std::string> codes;
    if (app)
      for (const auto& f : (*app)["findings"]) codes.insert(f["code"]);
    for (const auto& code : exp_app.value("findings_expected", nlohmann::json::array())) {
      ++expected;
      if (codes.count(code) || (code == "disagreement" && codes.count("license_disagreement")))
        ++found;
      else
        std::cout << "[ finding  ] " << exp_app["id"] << " lacks " << code << "\n";
    }
  }
  std::cout << "[ figures  ] expected findings found: " << found << "/" << expected << "\n";
  EXPECT_GE(static_cast<double>(found) / expected, kFindingsFloor);
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
  RunResult again = RunDossier(
      {"--data", Data().string(), "ingest", (SourceDir() / "sample_docs" / "inbox").string()});
  EXPECT_NE(again.output.find(" 0 taken"), std::string::npos) << again.output;
  std::filesystem::path out = dir_->path() / "again.json";
  RunDossier({"--data", Data().string(), "export", "--out", out.string()});
  EXPECT_EQ(ReadJson(out), actual_);
}

}  // namespace
}  // namespace dossier::testing
