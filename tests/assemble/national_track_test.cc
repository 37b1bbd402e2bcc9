// The national track (issue 16): the ministry's form is told from the
// province's by its title, read with the same keys, and assembled into an
// application of its own beside the same unit's provincial one.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "assemble/facts_builder.h"
#include "dossier/assemble/assemble.h"
#include "dossier/normalize/analysis.h"
#include "support/doc_builder.h"

namespace dossier::norm {
namespace {

using testing::Doc;
using testing::DocBuilder;
using testing::Reading;

// A few of a form's rows, with the ministry's wordings of the labels.
Document FormTitled(const std::vector<std::string>& title_lines) {
  DocBuilder b;
  for (const std::string& line : title_lines) b.Paragraph(line);
  return b
      .Table({{{"申报单位名称"}, {"泰安甲学院", 1, 3}},
              {{"统一社会信用代码"}, {"12370100MB1C872684"}, {"所在省（区、市）"}, {"山东省"}},
              {{"专职教师数"}, {"46人"}, {"兼职教师数"}, {"30"}},
              {{"具有高级职称的教师数"}, {"28"}, {"管理人员数"}, {"9"}},
              {{"继续教育管理机构名称"}, {"继续教育学院", 1, 3}},
              {{"年度继续教育经费投入（万元）"}, {"260"}, {"所属行业领域"}, {"高端装备"}},
              {{"在线学习平台名称"}, {"甲学院云平台"}, {"平台最大并发人数"}, {"20000人"}},
              {{"近三年年培训专业技术人员人数", 2, 1}, {"2021年"}, {"2022年"}, {"2023年"}},
              {{"5,200"}, {"5800人"}, {"0.64万人"}},
              {{"填报日期"}, {"2024年6月25日", 1, 3}}})
      .Build();
}

std::map<std::string, nlohmann::json> Values(const Document& doc) {
  std::map<std::string, nlohmann::json> out;
  for (const FieldReading& r : ReadFormFields(doc)) out[r.key] = r.value;
  return out;
}

TEST(NationalTrack, TheMinistrysFormIsOnTheNationalTrackByItsTitle) {
  const Classification national = Classify(FormTitled({"专业技术人员继续教育基地申报表"}));
  EXPECT_EQ(national.kind, kApplicationForm);
  EXPECT_EQ(national.track, kNationalTrack);
  EXPECT_NE(national.reason.find("国家级"), std::string::npos) << national.reason;
  // An attachment mark or book-title marks before it change nothing.
  EXPECT_EQ(Classify(FormTitled({"附件1", "《专业技术人员继续教育基地申报表》"})).track,
            kNationalTrack);
  // A cover breaking the title in two lines.
  EXPECT_EQ(Classify(FormTitled({"专业技术人员继续教育基地", "申 报 表"})).track, kNationalTrack);
}

TEST(NationalTrack, TheProvincesFormStaysProvincial) {
  EXPECT_EQ(Classify(FormTitled({"山东省专业技术人员继续教育基地申报表"})).track, kProvincialTrack);
  EXPECT_EQ(Classify(FormTitled({"山东省专业技术人员继续教育基地", "申 报 表"})).track,
            kProvincialTrack);
  // OCR that got one character of the province's name still says provincial.
  EXPECT_EQ(Classify(FormTitled({"山东首专业技术人员继续教育基地申报表"})).track, kProvincialTrack);
  EXPECT_EQ(Classify(FormTitled({"出东省专业技术人员继续教育基地申报表"})).track, kProvincialTrack);
  // A form without a title is read as the province's, the default.
  EXPECT_EQ(Classify(FormTitled({})).track, kProvincialTrack);
  // The summary sheet is no form, whatever its title.
  const Document sheet = DocBuilder()
                             .Table({{{"专业技术人员继续教育基地申报汇总表", 1, 4}},
                                     {{"序号"}, {"申报单位名称"}, {"统一社会信用代码"}, {"备注"}},
                                     {{"1"}, {"甲学院"}, {"12370100MB1C872684"}, {""}}})
                             .Build();
  const Classification c = Classify(sheet);
  EXPECT_EQ(c.kind, kSummarySheet);
  EXPECT_EQ(c.track, kProvincialTrack);
}

TEST(NationalTrack, TheMinistrysLabelsAreReadWithTheSameKeys) {
  auto v = Values(FormTitled({"专业技术人员继续教育基地申报表"}));
  EXPECT_EQ(v["unit_name"], "泰安甲学院");
  EXPECT_EQ(v["faculty_fulltime"], 46);
  EXPECT_EQ(v["faculty_parttime"], 30);
  EXPECT_EQ(v["faculty_senior"], 28);
  EXPECT_EQ(v["mgmt_staff"], 9);
  EXPECT_EQ(v["mgmt_dept"], "继续教育学院");
  EXPECT_EQ(v["annual_budget"], 260);
  EXPECT_EQ(v["field_area"], "高端装备");
  EXPECT_EQ(v["online_platform"], "甲学院云平台");
  EXPECT_EQ(v["online_capacity"], 20000);
  EXPECT_EQ(v["trainees_2021"], 5200);
  EXPECT_EQ(v["trainees_2022"], 5800);
  EXPECT_EQ(v["trainees_2023"], 6400);
  EXPECT_EQ(v["application_date"], "2024-06-25");
  // 所在省 is the province, not the city.
  EXPECT_EQ(v.count("city"), 0u);
}

const Application* AppById(const Assembly& a, const std::string& id) {
  for (const Application& app : a.applications)
    if (app.id == id) return &app;
  return nullptr;
}

const std::string kCode = "12370100MB1C872684";

// One unit's provincial form (through 济南) and its national one (straight to
// the department) are two applications: the provincial keeps its id, the
// national one has the suffix; neither is a second channel of the other, and
// evidence goes with the form it arrived beside.
TEST(NationalTrack, AUnitsNationalApplicationIsApartFromItsProvincialOne) {
  std::vector<DocumentFacts> docs = {
      Doc(1, "济南市人力资源和社会保障局/甲学院/申报表.docx", kApplicationForm,
          {Reading("unit_name", "济南甲学院"), Reading("credit_code", kCode, 1),
           Reading("recommender", "济南市人力资源和社会保障局", 2),
           Reading("faculty_fulltime", 12, 3)}),
      Doc(2, "国家级基地申报/甲学院/国家级申报表.docx", kApplicationForm,
          {Reading("unit_name", "济南甲学院"), Reading("credit_code", kCode, 1),
           Reading("faculty_fulltime", 14, 2)},
          kNationalTrack),
      Doc(3, "济南市人力资源和社会保障局/甲学院/师资名单.xlsx", kFacultyList,
          {Reading("unit_name", "济南甲学院")}),
      Doc(4, "国家级基地申报/甲学院/平台截图.png", kOther, {}),
  };
  const Assembly a = Assemble(docs);
  ASSERT_EQ(a.applications.size(), 2u);
  const Application* provincial = AppById(a, kCode);
  const Application* national = AppById(a, kCode + kNationalIdSuffix);
  ASSERT_NE(provincial, nullptr);
  ASSERT_NE(national, nullptr);
  EXPECT_EQ(provincial->track, kProvincialTrack);
  EXPECT_EQ(national->track, kNationalTrack);
  EXPECT_EQ(provincial->document_ids, (std::vector<int64_t>{1, 3}));
  EXPECT_EQ(national->document_ids, (std::vector<int64_t>{2, 4}));
  for (const Application* app : {provincial, national}) {
    for (const Finding& f : app->findings)
      EXPECT_NE(f.code, "two_recommenders") << app->id << ": " << f.detail;
  }
  // Each gives its own form's values.
  auto fulltime = [](const Application& app) {
    for (const AssembledField& f : app.fields)
      if (f.key == "faculty_fulltime") return f.value;
    return nlohmann::json();
  };
  EXPECT_EQ(fulltime(*provincial), 12);
  EXPECT_EQ(fulltime(*national), 14);
  EXPECT_TRUE(national->channel.empty());
}

// A unit on the national track alone still has the suffix, so that its id
// does not change when its provincial form arrives later.
TEST(NationalTrack, TheNationalIdHasTheSuffixAlone) {
  std::vector<DocumentFacts> docs = {
      Doc(1, "国家级基地申报/乙/申报表.docx", kApplicationForm,
          {Reading("unit_name", "泰安乙学院"), Reading("credit_code", kCode, 1)}, kNationalTrack)};
  const Assembly a = Assemble(docs);
  ASSERT_EQ(a.applications.size(), 1u);
  EXPECT_EQ(a.applications[0].id, kCode + "@national");
  EXPECT_EQ(a.applications[0].track, kNationalTrack);
}

}  // namespace
}  // namespace dossier::norm
