// The bundled samples, ingested into a fresh data folder and exported, against
// sample_docs/expected.json, field by field.
#include <gtest/gtest.h>

#include <cmath>
#include <iostream>
#include <map>
#include <set>

#include "e2e/e2e_support.h"

namespace dossier::testing {
namespace {

bool SameValue(const nlohmann::json& expected, const nlohmann::json& actual) {
  if (expected.is_number() && actual.is_number())
    return std::fabs(expected.get<double>() - actual.get<double>()) < 1e-6;
  return expected == actual;
}

bool HasSource(const nlohmann::json& sources, const nlohmann::json& wanted) {
  for (const auto& s : sources) {
    if (s.value("sha256", "") != wanted.value("sha256", "")) continue;
    if (wanted.contains("file") && s.value("file", "") != wanted["file"]) continue;
    if (wanted.contains("locator") && s.value("locator", "") != wanted["locator"]) continue;
    if (wanted.contains("method") && s.value("method", "") != wanted["method"]) continue;
    return true;
  }
  return false;
}

class SamplesTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    expected_ = ReadJson(SourceDir() / "sample_docs" / "expected.json");
    actual_ = IngestAndExport(dir_->path() / "data", SourceDir() / "sample_docs" / "inbox",
                              &ingest_exit_, &ingest_output_);
  }
  static void TearDownTestSuite() { delete dir_; }

  static const nlohmann::json* ActualApp(const std::string& id) {
    for (const auto& app : actual_["applications"])
      if (app["id"] == id) return &app;
    return nullptr;
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

TEST_F(SamplesTest, EveryExpectedFieldIsRightWithItsSource) {
  int expected_fields = 0, right = 0, wrong = 0, missing = 0, extra = 0, without_source = 0;
  for (const auto& exp_app : expected_["applications"]) {
    const std::string id = exp_app["id"];
    const nlohmann::json* app = ActualApp(id);
    if (!app) {
      ADD_FAILURE() << "application " << id << " missing from the export";
      missing += static_cast<int>(exp_app["fields"].size());
      expected_fields += static_cast<int>(exp_app["fields"].size());
      continue;
    }
    for (const auto& [key, exp_field] : exp_app["fields"].items()) {
      ++expected_fields;
      SCOPED_TRACE(id + " " + key);
      if (!(*app)["fields"].contains(key)) {
        ++missing;
        ADD_FAILURE() << "missing field; expected " << exp_field["value"].dump();
        continue;
      }
      const auto& field = (*app)["fields"][key];
      if (!SameValue(exp_field["value"], field["value"])) {
        ++wrong;
        ADD_FAILURE() << "expected " << exp_field["value"].dump() << " got "
                      << field["value"].dump();
        continue;
      }
      bool sourced = !field["sources"].empty();
      for (const auto& want : exp_field["sources"]) {
        if (!HasSource(field["sources"], want)) {
          sourced = false;
          ADD_FAILURE() << "source missing: " << want.dump() << "\n  got "
                        << field["sources"].dump();
        }
      }
      if (sourced)
        ++right;
      else
        ++without_source;
    }
    for (const auto& [key, field] : (*app)["fields"].items()) {
      if (!exp_app["fields"].contains(key)) {
        ++extra;
        ADD_FAILURE() << id << ": unexpected field " << key << " = " << field["value"].dump();
      }
    }
  }
  std::cout << "[ figures  ] DOCX/XLSX fields: " << expected_fields << " expected, " << right
            << " right with their sources ("
            << (expected_fields ? 100.0 * right / expected_fields : 0) << "%), " << wrong
            << " wrong, " << missing << " missing, " << without_source
            << " without the expected source, " << extra << " not expected\n";
  EXPECT_EQ(right, expected_fields);
  EXPECT_EQ(extra, 0);
}

TEST_F(SamplesTest, EverySourceNamesAFileByHashAndAPlace) {
  std::set<std::string> known_hashes;
  for (const auto& app : expected_["applications"])
    for (const auto& doc : app["documents"]) known_hashes.insert(doc["sha256"]);
  for (const auto& app : actual_["applications"]) {
    for (const auto& [key, field] : app["fields"].items()) {
      SCOPED_TRACE(app["id"].get<std::string>() + " " + key);
      ASSERT_FALSE(field["sources"].empty());
      for (const auto& s : field["sources"]) {
        EXPECT_TRUE(known_hashes.count(s["sha256"])) << s.dump();
        EXPECT_FALSE(s["locator"].get<std::string>().empty());
        EXPECT_TRUE(s["method"] == "docx" || s["method"] == "xlsx") << s.dump();
        EXPECT_TRUE(s.contains("page") && s.contains("bbox"));
      }
    }
  }
}

TEST_F(SamplesTest, EveryApplicationHasItsDocuments) {
  ASSERT_EQ(actual_["applications"].size(), expected_["applications"].size());
  for (const auto& exp_app : expected_["applications"]) {
    const nlohmann::json* app = ActualApp(exp_app["id"]);
    ASSERT_NE(app, nullptr) << exp_app["id"];
    std::set<std::tuple<std::string, std::string, std::string>> want, got;
    auto doc_key = [](const nlohmann::json& d) {
      return std::make_tuple(d["file"].get<std::string>(), d["sha256"].get<std::string>(),
                             d["kind"].get<std::string>());
    };
    for (const auto& d : exp_app["documents"]) want.insert(doc_key(d));
    for (const auto& d : (*app)["documents"]) got.insert(doc_key(d));
    EXPECT_EQ(want, got) << exp_app["id"];
  }
}

TEST_F(SamplesTest, UnassignedAndRejectedAreAsExpected) {
  auto files = [](const nlohmann::json& list) {
    std::set<std::pair<std::string, std::string>> out;
    for (const auto& x : list)
      out.insert({x["file"].get<std::string>(), x["sha256"].get<std::string>()});
    return out;
  };
  EXPECT_EQ(files(expected_["unassigned"]), files(actual_["unassigned"]));
  EXPECT_EQ(files(expected_["rejected"]), files(actual_["rejected"]));
  for (const auto& r : actual_["rejected"]) EXPECT_FALSE(r["reason"].get<std::string>().empty());
}

TEST_F(SamplesTest, IngestingAgainProcessesNothingTwice) {
  RunResult again = RunDossier({"--data", (dir_->path() / "data").string(), "ingest",
                                (SourceDir() / "sample_docs" / "inbox").string()});
  EXPECT_NE(again.output.find(" 0 taken"), std::string::npos) << again.output;
  std::filesystem::path out = dir_->path() / "again.json";
  RunDossier({"--data", (dir_->path() / "data").string(), "export", "--out", out.string()});
  nlohmann::json second = ReadJson(out);
  EXPECT_EQ(second, actual_);
}

}  // namespace
}  // namespace dossier::testing
