#include "dossier/normalize/assemble.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace dossier::norm {
namespace {

FieldReading Reading(const std::string& key, nlohmann::json value, int span = 0) {
  FieldReading r;
  r.key = key;
  r.value = std::move(value);
  r.raw = r.value.is_string() ? r.value.get<std::string>() : r.value.dump();
  r.span_id = span;
  return r;
}

DocumentFacts Doc(int64_t id, const std::string& path, const std::string& kind,
                  std::vector<FieldReading> fields) {
  DocumentFacts d;
  d.document_id = id;
  d.file_path = path;
  d.kind = kind;
  d.fields = std::move(fields);
  return d;
}

const AssembledField* FieldOf(const Application& app, const std::string& key) {
  for (const AssembledField& f : app.fields)
    if (f.key == key) return &f;
  return nullptr;
}

bool HasFinding(const Application& app, const std::string& code) {
  return std::any_of(app.findings.begin(), app.findings.end(),
                     [&](const Finding& f) { return f.code == code; });
}

const std::string kCode = "12370100MB1234567X";

TEST(Assemble, FormsFoundApplicationsAndOtherDocumentsJoinByContent) {
  std::vector<DocumentFacts> docs = {
      Doc(1, "济南/甲学院/申报表.docx", kApplicationForm,
          {Reading("unit_name", "济南甲学院"), Reading("credit_code", kCode)}),
      Doc(2, "济南/乙研究院/申报表.docx", kApplicationForm, {Reading("unit_name", "济南乙研究院")}),
      // In the wrong folder, but its content names 甲.
      Doc(3, "济南/乙研究院/师资名单.xlsx", kFacultyList, {Reading("unit_name", "济南甲学院")}),
      // Names nobody, but sits in 乙's folder.
      Doc(4, "济南/乙研究院/照片.docx", kOther, {}),
      // Names nobody and sits in a folder of several applicants.
      Doc(5, "济南/说明.docx", kOther, {}),
  };
  Assembly a = Assemble(docs);
  ASSERT_EQ(a.applications.size(), 2u);
  const Application& jia = a.applications[0];  // sorted by id: the credit code first
  EXPECT_EQ(jia.id, kCode);
  EXPECT_EQ(jia.document_ids, (std::vector<int64_t>{1, 3}));
  const Application& yi = a.applications[1];
  EXPECT_EQ(yi.id, "name:济南乙研究院");
  EXPECT_EQ(yi.document_ids, (std::vector<int64_t>{2, 4}));
  ASSERT_EQ(a.unassigned.size(), 1u);
  EXPECT_EQ(a.unassigned[0].document_id, 5);
  EXPECT_FALSE(a.unassigned[0].reason.empty());
}

TEST(Assemble, SummaryRowsAddAgreeingSourcesAndFindDisagreements) {
  DocumentFacts summary = Doc(9, "济南/汇总表.xlsx", kSummarySheet, {});
  SummaryRow row;
  row.row = 3;
  row.fields = {Reading("unit_name", "济南甲学院（盖章）", 20), Reading("credit_code", kCode, 21),
                Reading("contact_phone", "13805312345", 22), Reading("field_area", "医养健康", 23)};
  summary.summary_rows.push_back(row);
  summary.header.push_back(Reading("recommender", "济南市人力资源和社会保障局", 1));
  std::vector<DocumentFacts> docs = {
      Doc(1, "济南/甲/申报表.docx", kApplicationForm,
          {Reading("unit_name", "济南甲学院（盖章）", 2), Reading("credit_code", kCode, 3),
           Reading("contact_phone", "0531-51788246", 4),
           Reading("contact_mobile", "13805312345", 5), Reading("field_area", "高端装备", 6)}),
      summary};
  Assembly a = Assemble(docs);
  ASSERT_EQ(a.applications.size(), 1u);
  const Application& app = a.applications[0];
  EXPECT_EQ(app.document_ids, (std::vector<int64_t>{1, 9}));
  ASSERT_NE(FieldOf(app, "credit_code"), nullptr);
  EXPECT_EQ(FieldOf(app, "credit_code")->sources.size(), 2u);
  // The sheet's phone column holds the form's mobile: a source of the mobile.
  EXPECT_EQ(FieldOf(app, "contact_mobile")->sources.size(), 2u);
  EXPECT_EQ(FieldOf(app, "contact_phone")->sources.size(), 1u);
  ASSERT_NE(FieldOf(app, "recommender"), nullptr);
  EXPECT_EQ(FieldOf(app, "recommender")->value, "济南市人力资源和社会保障局");
  EXPECT_EQ(FieldOf(app, "field_area")->value, "高端装备");
  ASSERT_TRUE(HasFinding(app, "disagreement"));
  // A clerk reads the field's label, not its key.
  for (const Finding& f : app.findings) {
    if (f.code != "disagreement") continue;
    EXPECT_NE(f.detail.find("申报领域"), std::string::npos) << f.detail;
    EXPECT_EQ(f.detail.find("field_area"), std::string::npos) << f.detail;
  }
}

TEST(Assemble, SummaryRowWithoutFormStillMakesAnApplicationWithAFinding) {
  DocumentFacts summary = Doc(9, "汇总表.xlsx", kSummarySheet, {});
  SummaryRow row;
  row.fields = {Reading("unit_name", "未到单位")};
  summary.summary_rows.push_back(row);
  Assembly a = Assemble({summary});
  ASSERT_EQ(a.applications.size(), 1u);
  EXPECT_TRUE(HasFinding(a.applications[0], "missing_form"));
}

TEST(Assemble, TwoFormsForOneUnitAreOneApplicationWithFindings) {
  std::vector<DocumentFacts> docs = {
      Doc(1, "a/申报表.docx", kApplicationForm,
          {Reading("credit_code", kCode), Reading("trainees_2023", 2500)}),
      Doc(2, "b/申报表.docx", kApplicationForm,
          {Reading("credit_code", kCode), Reading("trainees_2023", 1800)})};
  Assembly a = Assemble(docs);
  ASSERT_EQ(a.applications.size(), 1u);
  EXPECT_TRUE(HasFinding(a.applications[0], "duplicate_form"));
  EXPECT_TRUE(HasFinding(a.applications[0], "disagreement"));
}

TEST(Assemble, OrderOfDocumentsDoesNotMatter) {
  std::vector<DocumentFacts> docs = {
      Doc(1, "x/申报表.docx", kApplicationForm, {Reading("unit_name", "甲单位名称")}),
      Doc(2, "y/申报表.docx", kApplicationForm, {Reading("unit_name", "乙单位名称")}),
      Doc(3, "y/名单.xlsx", kFacultyList, {Reading("unit_name", "甲单位名称")})};
  Assembly forward = Assemble(docs);
  std::reverse(docs.begin(), docs.end());
  Assembly backward = Assemble(docs);
  ASSERT_EQ(forward.applications.size(), backward.applications.size());
  for (size_t i = 0; i < forward.applications.size(); ++i) {
    EXPECT_EQ(forward.applications[i].id, backward.applications[i].id);
    EXPECT_EQ(forward.applications[i].document_ids, backward.applications[i].document_ids);
  }
}

TEST(UnitNameKey, IgnoresSpacesPunctuationAndWidth) {
  EXPECT_EQ(UnitNameKey("济南 甲学院（盖章）"), UnitNameKey("济南甲学院(盖章)"));
  EXPECT_EQ(UnitNameKey("ＡＢＣ培训中心"), UnitNameKey("abc培训中心"));
}

}  // namespace
}  // namespace dossier::norm
