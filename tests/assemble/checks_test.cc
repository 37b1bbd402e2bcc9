#include "dossier/assemble/checks.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "dossier/assemble/names.h"
#include "dossier/normalize/analysis.h"
#include "dossier/normalize/spec.h"
#include "support/doc_builder.h"

namespace dossier::norm {
namespace {

const std::string kValidCode = "12370100MB1C872684";

// One application with a form (document 1) and, optionally, a licence
// (document 2) and a faculty list (document 3), built the way assembly does.
class ChecksTest : public ::testing::Test {
 protected:
  void SetUp() override {
    form_.document_id = 1;
    form_.file_path = "济南/甲/申报表.docx";
    form_.kind = kApplicationForm;
    form_.received_at_ms = Ms("2024-06-20T10:00:00+08:00");
    app_.id = kValidCode;
    app_.document_ids = {1};
    Set("unit_name", "济南甲学院");
    Set("credit_code", kValidCode);
    Set("address", "山东省济南市历下区经十路1号");
    Set("recommender", "济南市人力资源和社会保障局");
    Set("field_area", "新一代信息技术");
    Set("faculty_fulltime", 12);
    Set("faculty_parttime", 8);
    Set("mgmt_dept", "继续教育学院");
    Set("mgmt_staff", 5);
    Set("mgmt_rules", nlohmann::json(TheSpec().mgmt_rule_items));
    Set("annual_budget", 120);
    Set("classroom_count", 20);
    Set("classroom_area", 1200);
    Set("library_volumes", 50000);
    Set("online_platform", "甲学院在线");
    Set("trainees_2021", 2500);
    Set("trainees_2022", 2600);
    Set("trainees_2023", 2700);
  }

  static int64_t Ms(const std::string& iso_local) {
    // Only the dates in these tests: YYYY-MM-DDTHH:MM:SS+08:00.
    std::tm tm{};
    sscanf(iso_local.c_str(), "%d-%d-%dT%d:%d:%d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday,
           &tm.tm_hour, &tm.tm_min, &tm.tm_sec);
    tm.tm_year -= 1900;
    tm.tm_mon -= 1;
    return (static_cast<int64_t>(timegm(&tm)) - 8 * 3600) * 1000;
  }

  void Set(const std::string& key, nlohmann::json value, int64_t doc = 1) {
    Remove(key);
    int span = static_cast<int>(form_.fields.size());
    FieldReading r;
    r.key = key;
    r.value = value;
    r.span_id = span;
    r.place = "table 1 row " + std::to_string(span + 1) + " cell 2";
    form_.fields.push_back(r);
    app_.fields.push_back({key, value, 1.0, {{doc, span}}});
  }

  void Remove(const std::string& key) {
    std::erase_if(app_.fields, [&](const AssembledField& f) { return f.key == key; });
  }

  void DeclareNone(const std::string& key) {
    Remove(key);
    app_.declared_none.push_back(key);
  }

  // `confidence` 1 for a typed licence, below it for one read by OCR.
  void AddLicense(const std::string& scope, double confidence = 0.9) {
    DocumentFacts licence;
    licence.document_id = 2;
    licence.file_path = "济南/甲/执照.jpg";
    licence.kind = kLicense;
    licence.received_at_ms = form_.received_at_ms;
    FieldReading r;
    r.key = "license_scope";
    r.value = scope;
    r.span_id = 0;
    licence.fields.push_back(r);
    others_.push_back(licence);
    app_.document_ids.push_back(2);
    app_.fields.push_back({"license_scope", scope, confidence, {{2, 0}}});
  }

  std::map<std::string, CheckResult> Run(const CallConfig& config = CallConfig::Defaults()) {
    Assembly assembly;
    // As assembly does: the form gives the values, so its arrival counts.
    Application app = app_;
    if (app.received_at_ms == 0) {
      app.received_at_ms = form_.received_at_ms;
      app.received_file = form_.file_path;
    }
    assembly.applications.push_back(app);
    for (const Application& extra : extra_apps_) assembly.applications.push_back(extra);
    std::vector<DocumentFacts> docs = {form_};
    docs.insert(docs.end(), others_.begin(), others_.end());
    RunChecks(assembly, docs, config);
    findings_ = assembly.applications[0].findings;
    std::map<std::string, CheckResult> out;
    for (const CheckResult& c : assembly.applications[0].checks) out[c.id] = c;
    return out;
  }

  bool HasFinding(const std::string& code) const {
    for (const Finding& f : findings_)
      if (f.code == code) return true;
    return false;
  }

  Application app_;
  DocumentFacts form_;
  std::vector<DocumentFacts> others_;
  std::vector<Application> extra_apps_;
  std::vector<Finding> findings_;
};

TEST(CheckOutcomeTest, TheExportNamesStandForTheOutcomes) {
  EXPECT_EQ(CheckOutcomeName(CheckOutcome::kMet), "met");
  EXPECT_EQ(CheckOutcomeName(CheckOutcome::kNotMet), "not_met");
  EXPECT_EQ(CheckOutcomeName(CheckOutcome::kUnknown), "unknown");
  for (CheckOutcome o : {CheckOutcome::kMet, CheckOutcome::kNotMet, CheckOutcome::kUnknown})
    EXPECT_EQ(CheckOutcomeFromName(CheckOutcomeName(o)), o);
  EXPECT_EQ(CheckOutcomeFromName("Met"), std::nullopt);
  EXPECT_EQ(CheckOutcomeFromName(""), std::nullopt);
}

TEST_F(ChecksTest, EveryCheckOfTheSpecIsReportedInOrder) {
  Assembly assembly;
  assembly.applications.push_back(app_);
  RunChecks(assembly, {form_}, CallConfig::Defaults());
  std::vector<std::string> ids;
  for (const CheckResult& c : assembly.applications[0].checks) ids.push_back(c.id);
  EXPECT_EQ(ids, (std::vector<std::string>{"C1", "C2", "C3", "C4", "C5", "C6", "Q1", "Q2", "Q3",
                                           "Q4", "P1"}));
  for (const CheckResult& c : assembly.applications[0].checks)
    EXPECT_FALSE(c.detail.empty()) << c.id;
}

TEST_F(ChecksTest, C1MetWithValidCodeShandongAddressAndTrainingScope) {
  AddLicense("职业技能培训；继续教育");
  EXPECT_EQ(Run()["C1"].outcome, "met");
}

TEST_F(ChecksTest, C1UnknownWithoutLicence) {
  auto c = Run()["C1"];
  EXPECT_EQ(c.outcome, "unknown");
  EXPECT_NE(c.detail.find("未收到"), std::string::npos) << c.detail;
}

TEST_F(ChecksTest, C1NotMetForScopeWithoutTraining) {
  AddLicense("软件开发；技术咨询");
  EXPECT_EQ(Run()["C1"].outcome, "not_met");
}

TEST_F(ChecksTest, C1UnknownWhenOcrReadATrainingWordOneCharacterOff) {
  AddLicense("开展科学研究、成果推广、专业技术人员继续教商墙训、学术交流", 0.71);
  auto c = Run()["C1"];
  EXPECT_EQ(c.outcome, "unknown");
  EXPECT_NE(c.detail.find("「墙训」可能是其误识"), std::string::npos) << c.detail;
}

TEST_F(ChecksTest, C1NotMetWhenATypedScopeHasAWordOneCharacterOffTraining) {
  AddLicense("集训队管理；军训服务", 1.0);  // typed: read as written
  EXPECT_EQ(Run()["C1"].outcome, "not_met");
}

TEST_F(ChecksTest, C1NotMetAndFindingForInvalidCreditCode) {
  Set("credit_code", "12370100MB1C872685");
  AddLicense("培训");
  auto c = Run()["C1"];
  EXPECT_EQ(c.outcome, "not_met");
  EXPECT_NE(c.detail.find("12370100MB1C872685"), std::string::npos);
  EXPECT_TRUE(HasFinding("invalid_credit_code"));
}

TEST_F(ChecksTest, C1NotMetOutsideShandong) {
  Set("address", "北京市海淀区中关村大街1号");
  AddLicense("培训");
  EXPECT_EQ(Run()["C1"].outcome, "not_met");
}

TEST_F(ChecksTest, C1UnknownWhenFormAndLicenceDisagree) {
  AddLicense("培训");
  app_.findings.push_back({"license_disagreement", "名称不一致", "unit_name"});
  EXPECT_EQ(Run()["C1"].outcome, "unknown");
}

TEST_F(ChecksTest, C1IsNotMadeUnknownByAnotherLegalRepresentativeOrAnOcrDoubt) {
  AddLicense("培训");
  app_.findings.push_back({"license_disagreement", "法定代表人不一致", "legal_rep"});
  app_.findings.push_back({"license_unclear", "相差一字", "unit_name"});
  EXPECT_EQ(Run()["C1"].outcome, "met");
}

TEST_F(ChecksTest, Q3JudgesTheMaterialsThatGiveTheValues) {
  // A late summary sheet or late evidence does not make an application
  // whose form came in time late; an application with no form stands on
  // its summary sheet.
  DocumentFacts sheet;
  sheet.document_id = 99;
  sheet.kind = kSummarySheet;
  sheet.file_path = "推荐单位/汇总表.xlsx";
  sheet.received_at_ms = Ms("2024-06-30T09:00:00+08:00");
  app_.document_ids.push_back(sheet.document_id);
  others_.push_back(sheet);
  EXPECT_EQ(Run()["Q3"].outcome, "met");
  app_.received_at_ms = sheet.received_at_ms;
  app_.received_file = sheet.file_path;
  auto c = Run()["Q3"];
  EXPECT_EQ(c.outcome, "not_met");
  EXPECT_NE(c.detail.find("汇总表.xlsx"), std::string::npos) << c.detail;
}

TEST_F(ChecksTest, C2NamesValuesAndPlaces) {
  auto c = Run()["C2"];
  EXPECT_EQ(c.outcome, "met");
  EXPECT_NE(c.detail.find("专职教师人数 = 12（申报表.docx table 1 row"), std::string::npos)
      << c.detail;
}

TEST_F(ChecksTest, C2NotMetWhenDeclaredNoneUnknownWhenMissing) {
  DeclareNone("faculty_parttime");
  EXPECT_EQ(Run()["C2"].outcome, "not_met");
  Remove("faculty_fulltime");
  app_.declared_none.clear();
  EXPECT_EQ(Run()["C2"].outcome, "unknown");
}

TEST_F(ChecksTest, C3NotMetListsMissingRules) {
  Set("mgmt_rules", nlohmann::json({"教学组织管理", "学员考核管理"}));
  auto c = Run()["C3"];
  EXPECT_EQ(c.outcome, "not_met");
  EXPECT_NE(c.detail.find("跟踪反馈"), std::string::npos);
  Remove("mgmt_rules");
  EXPECT_EQ(Run()["C3"].outcome, "unknown");
}

TEST_F(ChecksTest, C4UnknownWhenAValueIsMissing) {
  EXPECT_EQ(Run()["C4"].outcome, "met");
  Remove("library_volumes");
  EXPECT_EQ(Run()["C4"].outcome, "unknown");
  Set("library_volumes", 0);
  EXPECT_EQ(Run()["C4"].outcome, "not_met");
}

TEST_F(ChecksTest, C5NotMetWhenNoPlatformUnknownWhenRowMissing) {
  EXPECT_EQ(Run()["C5"].outcome, "met");
  DeclareNone("online_platform");
  EXPECT_EQ(Run()["C5"].outcome, "not_met");
  app_.declared_none.clear();
  EXPECT_EQ(Run()["C5"].outcome, "unknown");
}

TEST_F(ChecksTest, C6BelowMinimumInAnyYear) {
  EXPECT_EQ(Run()["C6"].outcome, "met");
  Set("trainees_2022", 1800);
  auto c = Run()["C6"];
  EXPECT_EQ(c.outcome, "not_met");
  EXPECT_NE(c.detail.find("1800"), std::string::npos);
  Set("trainees_2022", 2600);
  Remove("trainees_2021");
  EXPECT_EQ(Run()["C6"].outcome, "unknown");
}

TEST_F(ChecksTest, Q1QuotaPerRecommenderType) {
  EXPECT_EQ(Run()["Q1"].outcome, "met");
  for (int i = 0; i < 2; ++i) {
    Application other;
    other.id = "other" + std::to_string(i);
    other.fields.push_back({"recommender", "济南市人力资源和社会保障局", 1, {}});
    extra_apps_.push_back(other);
  }
  auto c = Run()["Q1"];
  EXPECT_EQ(c.outcome, "not_met");
  EXPECT_NE(c.detail.find("推荐 3 个，名额 2 个"), std::string::npos) << c.detail;
  Remove("recommender");
  EXPECT_EQ(Run()["Q1"].outcome, "unknown");
}

// One department, written in full on one form and short (and OCR'd with
// a character off) on another, has one quota.
TEST_F(ChecksTest, Q1CountsADepartmentUnderEveryWritingOfItsName) {
  Set("recommender", "山本省科技厅");
  Application other;
  other.id = "other";
  other.fields.push_back({"recommender", "山东省科学技术厅", 1, {}});
  extra_apps_.push_back(other);
  auto c = Run()["Q1"];
  EXPECT_EQ(c.outcome, "not_met");
  EXPECT_NE(c.detail.find("推荐 2 个，名额 1 个"), std::string::npos) << c.detail;
  EXPECT_EQ(RecommenderKey("省卫生健康委"), RecommenderKey("山东省卫生健康委员会"));
  EXPECT_EQ(RecommenderKey("山东省发展改革委"), RecommenderKey("山东省发展和改革委员会"));
  EXPECT_NE(RecommenderKey("山东省卫生健康委员会"), RecommenderKey("山东省科学技术厅"));
}

TEST(RecommenderType, FromTheName) {
  EXPECT_EQ(RecommenderType("济南市人力资源和社会保障局"), "city");
  EXPECT_EQ(RecommenderType("青岛市人力资源社会保障局"), "city");
  EXPECT_EQ(RecommenderType("山东省卫生健康委员会"), "provincial_department");
  EXPECT_EQ(RecommenderType("山东省港口集团有限公司"), "provincial_enterprise");
  EXPECT_EQ(RecommenderType("某某"), "");
}

TEST_F(ChecksTest, Q2NotMetWhenTwoRecommenders) {
  EXPECT_EQ(Run()["Q2"].outcome, "met");
  app_.findings.push_back({"two_recommenders", "字段 recommender 不一致"});
  EXPECT_EQ(Run()["Q2"].outcome, "not_met");
}

TEST_F(ChecksTest, Q3ByWhenTheFormArrived) {
  EXPECT_EQ(Run()["Q3"].outcome, "met");
  form_.received_at_ms = Ms("2024-06-28T23:59:00+08:00");
  EXPECT_EQ(Run()["Q3"].outcome, "met");
  form_.received_at_ms = Ms("2024-06-29T00:01:00+08:00");
  auto c = Run()["Q3"];
  EXPECT_EQ(c.outcome, "not_met");
  EXPECT_NE(c.detail.find("2024-06-29 00:01"), std::string::npos) << c.detail;
  CallConfig later = CallConfig::Defaults();
  later.deadline = "2024-07-15";
  EXPECT_EQ(Run(later)["Q3"].outcome, "met");
}

TEST_F(ChecksTest, Q4FlagsExpiredBases) {
  EXPECT_EQ(Run()["Q4"].outcome, "met");
  Set("unit_name", "济南市技师学院");
  EXPECT_EQ(Run()["Q4"].outcome, "not_met");
  Remove("unit_name");
  EXPECT_EQ(Run()["Q4"].outcome, "unknown");
}

// The national track: C1..C6 and Q3 as for the province, N1 and N2 instead
// of Q1, Q2, Q4 and P1.
TEST_F(ChecksTest, TheNationalTrackRunsItsOwnChecksInOrder) {
  app_.track = kNationalTrack;
  std::vector<std::string> ids;
  for (const auto& [id, c] : Run()) ids.push_back(id);
  std::sort(ids.begin(), ids.end());
  EXPECT_EQ(ids, (std::vector<std::string>{"C1", "C2", "C3", "C4", "C5", "C6", "N1", "N2", "Q3"}));
  Assembly assembly;
  assembly.applications.push_back(app_);
  RunChecks(assembly, {form_}, CallConfig::Defaults());
  std::vector<std::string> ordered;
  for (const CheckResult& c : assembly.applications[0].checks) ordered.push_back(c.id);
  EXPECT_EQ(ordered,
            (std::vector<std::string>{"C1", "C2", "C3", "C4", "C5", "C6", "Q3", "N1", "N2"}));
}

TEST_F(ChecksTest, N1IsUnknownWithoutAListOfCurrentBases) {
  app_.track = kNationalTrack;
  auto c = Run()["N1"];
  EXPECT_EQ(c.outcome, "unknown");
  EXPECT_NE(c.detail.find("current_bases_file"), std::string::npos) << c.detail;
}

TEST_F(ChecksTest, N1MetForACurrentBaseByNameOrCreditCode) {
  app_.track = kNationalTrack;
  CallConfig config = CallConfig::Defaults();
  config.current_bases = std::vector<std::string>{"济南乙学院", "济南 甲学院"};
  auto c = Run(config)["N1"];
  EXPECT_EQ(c.outcome, "met") << c.detail;
  EXPECT_NE(c.detail.find("济南甲学院"), std::string::npos) << c.detail;
  config.current_bases = std::vector<std::string>{"12370100mb1c872684"};
  EXPECT_EQ(Run(config)["N1"].outcome, "met");
  config.current_bases = std::vector<std::string>{"济南乙学院"};
  c = Run(config)["N1"];
  EXPECT_EQ(c.outcome, "not_met");
  EXPECT_NE(c.detail.find("不在现有省级基地名单（1个单位）中"), std::string::npos) << c.detail;
  // An empty list is a list: nobody is a current base.
  config.current_bases = std::vector<std::string>{};
  EXPECT_EQ(Run(config)["N1"].outcome, "not_met");
  Remove("unit_name");
  Remove("credit_code");
  EXPECT_EQ(Run(config)["N1"].outcome, "unknown");
}

TEST_F(ChecksTest, N2IsMetForOneCandidateAndLeftToThePanelForSeveral) {
  app_.track = kNationalTrack;
  auto c = Run()["N2"];
  EXPECT_EQ(c.outcome, "met") << c.detail;
  // A provincial application of another unit is no national candidate.
  Application provincial;
  provincial.id = "other";
  provincial.fields.push_back({"unit_name", "济南丙学院", 1, {}});
  extra_apps_.push_back(provincial);
  EXPECT_EQ(Run()["N2"].outcome, "met");
  Application second = provincial;
  second.id = "second@national";
  second.track = kNationalTrack;
  second.fields = {{"unit_name", "青岛丁研究院", 1, {}}};
  extra_apps_.push_back(second);
  c = Run()["N2"];
  EXPECT_EQ(c.outcome, "unknown");
  EXPECT_NE(c.detail.find("全省共2个单位"), std::string::npos) << c.detail;
  EXPECT_NE(c.detail.find("青岛丁研究院"), std::string::npos) << c.detail;
  EXPECT_NE(c.detail.find("由评审择一推荐"), std::string::npos) << c.detail;
}

// A national candidate goes through no recommender: it is counted in no
// recommender's quota, even when its form names one.
TEST_F(ChecksTest, ANationalCandidateCountsInNoQuota) {
  for (int i = 0; i < 2; ++i) {
    Application national;
    national.id = "n" + std::to_string(i) + "@national";
    national.track = kNationalTrack;
    national.fields.push_back({"recommender", "济南市人力资源和社会保障局", 1, {}});
    extra_apps_.push_back(national);
  }
  auto c = Run()["Q1"];
  EXPECT_EQ(c.outcome, "met");
  EXPECT_NE(c.detail.find("推荐 1 个"), std::string::npos) << c.detail;
}

TEST_F(ChecksTest, P1PriorityAreas) {
  EXPECT_EQ(Run()["P1"].outcome, "met");
  Set("field_area", "乡村振兴人才培训");
  EXPECT_EQ(Run()["P1"].outcome, "met");
  Set("field_area", "会计");
  EXPECT_EQ(Run()["P1"].outcome, "not_met");
  Remove("field_area");
  EXPECT_EQ(Run()["P1"].outcome, "unknown");
  // OCR's doubtful 新一信息代技术 is 新一代信息技术 with two characters swapped;
  // typed, or read surely, it is what the form says.
  for (const auto& [confidence, outcome] :
       std::vector<std::pair<double, std::string>>{{0.6, "met"}, {1.0, "not_met"}}) {
    Set("field_area", "新一信息代技术");
    app_.fields.back().confidence = confidence;
    const auto p1 = Run()["P1"];
    EXPECT_EQ(p1.outcome, outcome) << confidence;
    if (outcome == "met") {
      EXPECT_NE(p1.detail.find("识别存疑"), std::string::npos) << p1.detail;
    }
  }
}

// A form listing two areas records the first (normalization does); the
// second still counts for priority, and the reviewer is told.
TEST_F(ChecksTest, P1CountsEveryAreaTheFormLists) {
  Set("field_area", "社会工作");
  form_.fields.back().raw = "社会工作、高端装备";
  const auto p1 = Run()["P1"];
  EXPECT_EQ(p1.outcome, "met");
  EXPECT_NE(p1.detail.find("所填的「高端装备」（记为「社会工作」）"), std::string::npos)
      << p1.detail;
  ASSERT_TRUE(HasFinding("several_listed"));
  for (const Finding& f : findings_) {
    if (f.code != "several_listed") continue;
    EXPECT_EQ(f.field, "field_area");
    EXPECT_NE(f.detail.find("社会工作、高端装备"), std::string::npos) << f.detail;
  }

  form_.fields.back().raw = "社会工作、财务会计";
  EXPECT_EQ(Run()["P1"].outcome, "not_met");
  form_.fields.back().raw = "社会工作";
  EXPECT_EQ(Run()["P1"].outcome, "not_met");
  EXPECT_FALSE(HasFinding("several_listed"));
}

TEST_F(ChecksTest, FacultyCountNotSupportedByTheListIsAFinding) {
  DocumentFacts list;
  list.document_id = 3;
  list.file_path = "济南/甲/师资名单.xlsx";
  list.kind = kFacultyList;
  for (int i = 0; i < 5; ++i)
    list.teachers.push_back({"教师" + std::to_string(i), "讲师", "专职", i, ""});
  for (int i = 0; i < 8; ++i)
    list.teachers.push_back({"外聘" + std::to_string(i), "教授", "兼职", i, ""});
  others_.push_back(list);
  app_.document_ids.push_back(3);
  Run();
  EXPECT_TRUE(HasFinding("faculty_count"));  // 12 full-time declared, 5 listed
}

TEST(LicenseReader, TwoColumnsJoinedOnOneLineAreSplitAtTheNextLabel) {
  Document doc = dossier::testing::DocBuilder()
                     .Paragraph("营业执照")
                     .Paragraph("法定代表人 韩德胜住 所 淄博市周村区工业园路18 号")
                     .Paragraph("名 称 ”山东鲁港海事培训有限公司  注册资本 叁仟万元整")
                     .Build();
  std::map<std::string, FieldReading> f;
  for (const FieldReading& r : ReadLicenseFields(doc)) f[r.key] = r;
  EXPECT_EQ(f["license_legal_rep"].value, "韩德胜");
  EXPECT_EQ(f["license_address"].value, "淄博市周村区工业园路18号");
  EXPECT_EQ(f["license_name"].value, "山东鲁港海事培训有限公司");
}

TEST(LicenseReader, LabelsWithSpacesAndRunOnScope) {
  Document doc = dossier::testing::DocBuilder()
                     .Paragraph("营 业 执 照")
                     .Paragraph("统一社会信用代码 91370200MA3C7R2D4K")
                     .Paragraph("名　　称　青岛海澄重工股份有限公司")
                     .Paragraph("类　　型　股份有限公司")
                     .Paragraph("法定代表人　刘海")
                     .Paragraph("经营范围　一般项目：职业技能培训（不含需取得许可的培训）；")
                     .Paragraph("机械设备研发；技术服务。")
                     .Paragraph("住　　所　山东省青岛市黄岛区海澄路8号")
                     .Paragraph("营业期限　2015年03月12日至长期")
                     .Build();
  EXPECT_EQ(Classify(doc).kind, kLicense);
  std::map<std::string, FieldReading> f;
  for (const FieldReading& r : ReadLicenseFields(doc)) f[r.key] = r;
  EXPECT_EQ(f["license_name"].value, "青岛海澄重工股份有限公司");
  EXPECT_EQ(f["license_credit_code"].value, "91370200MA3C7R2D4K");
  EXPECT_EQ(f["license_legal_rep"].value, "刘海");
  EXPECT_EQ(f["license_address"].value, "山东省青岛市黄岛区海澄路8号");
  EXPECT_EQ(f["license_validity"].value, "2015年03月12日至长期");
  EXPECT_EQ(f["license_scope"].value,
            "一般项目：职业技能培训（不含需取得许可的培训）；机械设备研发；技术服务。");
}

}  // namespace
}  // namespace dossier::norm
