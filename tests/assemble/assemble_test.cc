#include "dossier/assemble/assemble.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <ctime>
#include <tuple>

#include "assemble/facts_builder.h"

namespace dossier::norm {
namespace {

using dossier::testing::Doc;
using dossier::testing::OcrReading;
using dossier::testing::Reading;

const AssembledField* FieldOf(const Application& app, const std::string& key) {
  for (const AssembledField& f : app.fields)
    if (f.key == key) return &f;
  return nullptr;
}

bool HasFinding(const Application& app, const std::string& code) {
  return std::any_of(app.findings.begin(), app.findings.end(),
                     [&](const Finding& f) { return f.code == code; });
}

const std::string kCode = "12370100MB1C872684";  // a valid check character

std::string kKindRules() { return "rules"; }

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

TEST(Assemble, AMobileInTheSheetsPhoneColumnIsTheContactsMobileNotTheFormsPhone) {
  // The form's phone and mobile rows were not read (a photo); the sheet's
  // 联系电话 column holds the contact's mobile.
  DocumentFacts summary = Doc(9, "滨州/汇总表.xlsx", kSummarySheet, {});
  SummaryRow row;
  row.fields = {Reading("unit_name", "滨州甲学校", 20),
                Reading("contact_phone", "18895389192", 21)};
  summary.summary_rows.push_back(row);
  DocumentFacts landline = Doc(8, "滨州/汇总表2.xlsx", kSummarySheet, {});
  SummaryRow row2;
  row2.fields = {Reading("unit_name", "滨州乙学校", 30),
                 Reading("contact_phone", "0543-8730719", 31)};
  landline.summary_rows.push_back(row2);
  Assembly a = Assemble(
      {Doc(1, "滨州/甲/申报表.jpg", kApplicationForm, {Reading("unit_name", "滨州甲学校", 2)}),
       Doc(2, "滨州/乙/申报表.jpg", kApplicationForm, {Reading("unit_name", "滨州乙学校", 3)}),
       summary, landline});
  ASSERT_EQ(a.applications.size(), 2u);
  for (const Application& app : a.applications) {
    if (FieldOf(app, "unit_name")->value == "滨州甲学校") {
      EXPECT_EQ(FieldOf(app, "contact_phone"), nullptr);
      ASSERT_NE(FieldOf(app, "contact_mobile"), nullptr);
      EXPECT_EQ(FieldOf(app, "contact_mobile")->value, "18895389192");
    } else {
      ASSERT_NE(FieldOf(app, "contact_phone"), nullptr);
      EXPECT_EQ(FieldOf(app, "contact_phone")->value, "0543-8730719");
      EXPECT_EQ(FieldOf(app, "contact_mobile"), nullptr);
    }
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

const Finding* FindingOf(const Application& app, const std::string& code) {
  for (const Finding& f : app.findings)
    if (f.code == code) return &f;
  return nullptr;
}

// A recommender's summary sheet: its header names `recommender`, and its
// rows, from row 3 on, hold `rows`.
DocumentFacts SummarySheet(int64_t id, const std::string& path, const std::string& recommender,
                           const std::vector<std::vector<FieldReading>>& rows = {}) {
  DocumentFacts sheet = Doc(id, path, kSummarySheet, {});
  sheet.header.push_back(Reading("recommender", recommender));
  int number = 3;
  for (const std::vector<FieldReading>& fields : rows) {
    SummaryRow row;
    row.row = number++;
    row.fields = fields;
    sheet.summary_rows.push_back(row);
  }
  return sheet;
}

// One unit's form and its licence (申报表.pdf, 执照.pdf in one folder), each
// naming the unit and its code, with `on_form` and `on_licence` read beside:
// the one application they make.
Application FormBesideLicence(const std::vector<FieldReading>& on_form,
                              const std::vector<FieldReading>& on_licence) {
  const std::string unit = "济南市计算机学会";
  std::vector<FieldReading> form = {Reading("unit_name", unit), Reading("credit_code", kCode)};
  form.insert(form.end(), on_form.begin(), on_form.end());
  std::vector<FieldReading> licence = {Reading("license_credit_code", kCode),
                                       Reading("license_name", unit)};
  licence.insert(licence.end(), on_licence.begin(), on_licence.end());
  Assembly a = Assemble({Doc(1, "济南/计算机学会/申报表.pdf", kApplicationForm, form),
                         Doc(2, "济南/计算机学会/执照.pdf", kLicense, licence)});
  EXPECT_EQ(a.applications.size(), 1u);
  return a.applications.at(0);
}

int64_t At(int day, int hour = 10) {  // June 2024, UTC+8, as Unix ms
  std::tm tm{};
  tm.tm_year = 124;
  tm.tm_mon = 5;
  tm.tm_mday = day;
  tm.tm_hour = hour;
  return (static_cast<int64_t>(timegm(&tm)) - 8 * 3600) * 1000;
}

// 2024-06-28 ends at the first moment of the 29th, UTC+8.
const int64_t kDeadlineEnd = At(29, 0);

TEST(Assemble, TheLatestVersionOfAFormGivesTheValuesAndTheChangesAreShown) {
  DocumentFacts first = Doc(1, "甲/申报表.docx", kApplicationForm,
                            {Reading("credit_code", kCode), Reading("contact_name", "张三"),
                             Reading("trainees_2023", 2500), Reading("mgmt_staff", 5)});
  first.received_at_ms = At(20);
  DocumentFacts second = Doc(2, "甲/申报表（修改版）.docx", kApplicationForm,
                             {Reading("credit_code", kCode), Reading("contact_name", "李四"),
                              Reading("trainees_2023", 2500), Reading("mgmt_staff", 5)});
  second.received_at_ms = At(25);
  Assembly a = Assemble({second, first}, kDeadlineEnd);
  ASSERT_EQ(a.applications.size(), 1u);
  const Application& app = a.applications[0];
  EXPECT_EQ(FieldOf(app, "contact_name")->value, "李四");
  // The earlier version's agreeing values are sources too; both are documents.
  EXPECT_EQ(FieldOf(app, "trainees_2023")->sources.size(), 2u);
  EXPECT_EQ(app.document_ids.size(), 2u);
  const Finding* revised = FindingOf(app, "form_revised");
  ASSERT_NE(revised, nullptr);
  EXPECT_NE(revised->detail.find("联系人 由「张三」改为「李四」"), std::string::npos)
      << revised->detail;
  EXPECT_FALSE(HasFinding(app, "disagreement"));
  EXPECT_EQ(app.received_at_ms, At(25));
}

// A photo of the form's stamped print, sent after its Word file, repeats
// it: the Word file's values stand, and no revision is reported. A number
// with a digit changed in place makes it a revision.
TEST(Assemble, AnOcrCopyOfATypedFormIsNoNewVersion) {
  auto assemble = [](double budget_read, const std::string& copy_name = "mmexport1719562942000.jpg",
                     const std::string& copy_date = "2024-06-21") {
    DocumentFacts typed = Doc(
        1, "菏泽/正阳传媒.docx", kApplicationForm,
        {Reading("unit_name", "山东正阳传媒集团培训中心有限公司"), Reading("credit_code", kCode),
         Reading("legal_rep", "贾晨阳"), Reading("contact_name", "宋金龙"),
         Reading("annual_budget", 107.6), Reading("mgmt_staff", 5), Reading("trainees_2023", 2500),
         Reading("application_date", "2024-06-21")});
    typed.received_at_ms = At(20);
    DocumentFacts photo = Doc(
        2, "菏泽/" + copy_name, kApplicationForm,
        {OcrReading("unit_name", "山东正阳传媒集团培训中心有限公司", 0.95),
         OcrReading("legal_rep", "本阳", 0.5), OcrReading("contact_name", "宋人金龙", 0.92),
         OcrReading("annual_budget", budget_read, 0.92), OcrReading("mgmt_staff", 5, 0.95),
         OcrReading("trainees_2023", 2500, 0.95), OcrReading("application_date", copy_date, 0.6)});
    photo.text_ocr = true;
    photo.received_at_ms = At(25);
    Assembly a = Assemble({typed, photo}, kDeadlineEnd);
    EXPECT_EQ(a.applications.size(), 1u);
    return a.applications.at(0);
  };
  Application app = assemble(1107.6);
  EXPECT_EQ(FieldOf(app, "legal_rep")->value, "贾晨阳");
  EXPECT_EQ(FieldOf(app, "contact_name")->value, "宋金龙");
  EXPECT_EQ(FieldOf(app, "annual_budget")->value, 107.6);
  EXPECT_FALSE(HasFinding(app, "form_revised"));
  EXPECT_EQ(app.document_ids.size(), 2u);
  app = assemble(117.6);
  EXPECT_EQ(FieldOf(app, "annual_budget")->value, 117.6);
  EXPECT_TRUE(HasFinding(app, "form_revised"));
  // Another date, or a copy named the final one, is a revision however
  // doubtful its reading.
  EXPECT_TRUE(
      HasFinding(assemble(1107.6, "mmexport1719562942000.jpg", "2024-06-22"), "form_revised"));
  EXPECT_TRUE(HasFinding(assemble(1107.6, "全套材料（最终版）.jpg"), "form_revised"));
}

TEST(Assemble, AVersionAfterTheDeadlineIsAFindingNotTheValues) {
  DocumentFacts first = Doc(
      1, "甲/申报表.docx", kApplicationForm,
      {Reading("credit_code", kCode), Reading("contact_name", "张三"), Reading("mgmt_staff", 5)});
  first.received_at_ms = At(27);
  DocumentFacts late = Doc(
      2, "甲/申报表终稿.docx", kApplicationForm,
      {Reading("credit_code", kCode), Reading("contact_name", "李四"), Reading("mgmt_staff", 5)});
  late.received_at_ms = At(30);
  Assembly a = Assemble({first, late}, kDeadlineEnd);
  ASSERT_EQ(a.applications.size(), 1u);
  const Application& app = a.applications[0];
  EXPECT_EQ(FieldOf(app, "contact_name")->value, "张三");
  EXPECT_TRUE(HasFinding(app, "late_revision"));
  EXPECT_EQ(app.received_at_ms, At(27));
}

TEST(Assemble, VersionsThatArrivedTogetherAreOrderedByTheFormsDate) {
  DocumentFacts older = Doc(1, "甲/a.docx", kApplicationForm,
                            {Reading("credit_code", kCode), Reading("contact_name", "张三"),
                             Reading("application_date", "2024-06-10"), Reading("mgmt_staff", 5)});
  DocumentFacts newer = Doc(2, "甲/b.docx", kApplicationForm,
                            {Reading("credit_code", kCode), Reading("contact_name", "李四"),
                             Reading("application_date", "2024-06-20"), Reading("mgmt_staff", 5)});
  older.received_at_ms = newer.received_at_ms = At(21);
  for (const auto& order : {std::vector<DocumentFacts>{older, newer}, {newer, older}}) {
    Assembly a = Assemble(order, kDeadlineEnd);
    ASSERT_EQ(a.applications.size(), 1u);
    EXPECT_EQ(FieldOf(a.applications[0], "contact_name")->value, "李四");
  }
}

TEST(Assemble, AFormPhotographedPageByPageIsOneDocument) {
  // Page 2 names no unit: its rows continue the form in its folder, and it
  // is neither an application of its own nor lost.
  DocumentFacts page1 = Doc(1, "济南/甲/IMG_5892.jpg", kApplicationForm,
                            {Reading("unit_name", "济南甲学院"), Reading("credit_code", kCode),
                             Reading("faculty_fulltime", 12)});
  page1.first_page = page1.last_page = 1;
  DocumentFacts page2 =
      Doc(2, "济南/甲/IMG_5893.jpg", kApplicationForm,
          {Reading("online_platform", "甲学院在线", 4), Reading("trainees_2021", 2600, 5)});
  page2.first_page = page2.last_page = 1;
  DocumentFacts licence = Doc(3, "济南/甲/执照.jpg", kLicense, {});
  Assembly a = Assemble({page2, licence, page1});
  ASSERT_EQ(a.applications.size(), 1u);
  const Application& app = a.applications[0];
  EXPECT_EQ(app.id, kCode);
  ASSERT_NE(FieldOf(app, "trainees_2021"), nullptr);
  EXPECT_EQ(FieldOf(app, "online_platform")->value, "甲学院在线");
  ASSERT_TRUE(app.assigned_by.count(2));
  EXPECT_EQ(app.assigned_by.at(2).basis, kBySameDocument);
  EXPECT_EQ(app.assigned_by.at(2).document_page, 2);
  EXPECT_EQ(app.assigned_by.at(1).basis, kByCreditCode);
  EXPECT_EQ(app.assigned_by.at(3).basis, kByFolder);
  EXPECT_TRUE(a.unassigned.empty());
}

TEST(Assemble, AListPhotographedOverAPageBreakHoldsBothPartsAndNoDisagreement) {
  // 管理制度's ticks: four at the foot of page 1, four atop page 2, whose
  // label was on page 1 (read as doubtful).
  const nlohmann::json first = {"教学组织管理", "学员考核管理", "教学科研管理", "培训登记管理"};
  const nlohmann::json rest = {"培训经费管理", "后勤保障管理", "培训效果评估", "跟踪反馈"};
  DocumentFacts page1 = Doc(1, "济南/甲/IMG_5892.jpg", kApplicationForm,
                            {Reading("unit_name", "济南甲学院"), Reading("credit_code", kCode),
                             OcrReading("mgmt_rules", first, 0.9)});
  DocumentFacts page2 =
      Doc(2, "济南/甲/IMG_5893.jpg", kApplicationForm, {OcrReading("mgmt_rules", rest, 0.2, 7)});
  Assembly a = Assemble({page1, page2});
  ASSERT_EQ(a.applications.size(), 1u);
  const Application& app = a.applications[0];
  const AssembledField* rules = FieldOf(app, "mgmt_rules");
  ASSERT_NE(rules, nullptr);
  EXPECT_EQ(rules->value.size(), 8u) << rules->value.dump();
  EXPECT_EQ(rules->sources.size(), 2u);
  EXPECT_FALSE(HasFinding(app, "disagreement"));

  // Two readings of one list that share items are no parts of it: they
  // disagree, as before.
  DocumentFacts again = Doc(2, "济南/甲/IMG_5893.jpg", kApplicationForm,
                            {OcrReading("mgmt_rules", {"教学组织管理", "跟踪反馈"}, 0.8, 7)});
  Assembly b = Assemble({page1, again});
  ASSERT_EQ(b.applications.size(), 1u);
  EXPECT_EQ(FieldOf(b.applications[0], "mgmt_rules")->value, first);
  EXPECT_TRUE(HasFinding(b.applications[0], "disagreement"));
}

TEST(Assemble, AFormsCoverScannedAsAFileOfItsOwnIsTheFormsFirstPage) {
  // The cover names the unit, its recommender and the date, and so does the
  // form: the cover is the form's page 1, not an older version of it, and
  // gives the date the form's last page left unread.
  DocumentFacts form = Doc(1, "济南/甲/scan0059.pdf", kApplicationForm,
                           {Reading("unit_name", "济南甲学院"), Reading("credit_code", kCode),
                            Reading("recommender", "济南市人社局"), Reading("faculty_fulltime", 12),
                            Reading("trainees_2021", 2600)});
  form.first_page = 1;
  form.last_page = 2;
  DocumentFacts cover =
      Doc(2, "济南/甲/scan0012.pdf", kApplicationForm,
          {Reading("unit_name", "济南甲学院"), Reading("recommender", "济南市人社局"),
           Reading("application_date", "2024-06-19")});
  cover.first_page = cover.last_page = 1;
  DocumentFacts dated_form = form;
  dated_form.fields.push_back(Reading("application_date", "2024-06-19"));
  for (const auto& order : {std::vector<DocumentFacts>{form, cover},
                            {cover, form},
                            {dated_form, cover},
                            {cover, dated_form}}) {
    Assembly a = Assemble(order);
    ASSERT_EQ(a.applications.size(), 1u);
    const Application& app = a.applications[0];
    ASSERT_NE(FieldOf(app, "application_date"), nullptr);
    EXPECT_EQ(FieldOf(app, "application_date")->value, "2024-06-19");
    EXPECT_EQ(FieldOf(app, "faculty_fulltime")->value, 12);
    EXPECT_FALSE(HasFinding(app, "form_revised")) << "a cover is no version";
    ASSERT_TRUE(app.assigned_by.count(2));
    EXPECT_EQ(app.assigned_by.at(2).document_page, 1);
    EXPECT_EQ(app.assigned_by.at(1).document_page, 2);
  }
}

TEST(Assemble, APhotographedCoverDatesThePhotographedVersionNotTheWordOneBesideIt) {
  // A unit sends its form as a Word file (dated 16 June) and, in the same
  // upload, photographed as signed (cover dated 19 June, two pages that
  // changed a count). The cover belongs to the photographs, whose version is
  // the later and gives the values.
  DocumentFacts word =
      Doc(1, "淄博/协会/协会.docx", kApplicationForm,
          {Reading("unit_name", "淄博市康复医学协会"), Reading("credit_code", kCode),
           Reading("application_date", "2024-06-16"), Reading("faculty_fulltime", 29),
           Reading("mgmt_staff", 17), Reading("trainees_2021", 2600)});
  auto photo = [](int64_t id, const std::string& name, std::vector<FieldReading> fields) {
    for (FieldReading& r : fields) r.method = "ocr";
    DocumentFacts d = Doc(id, "淄博/协会/" + name, kApplicationForm, fields);
    d.text_ocr = true;
    return d;
  };
  DocumentFacts cover = photo(
      2, "IMG_1.jpg",
      {Reading("unit_name", "淄博市康复医学协会"), Reading("application_date", "2024-06-19")});
  DocumentFacts first = photo(3, "IMG_2.jpg",
                              {Reading("unit_name", "淄博市康复医学协会"),
                               Reading("faculty_fulltime", 26), Reading("mgmt_staff", 15)});
  DocumentFacts second = photo(4, "IMG_3.jpg", {Reading("trainees_2021", 2600)});
  Assembly a = Assemble({word, cover, first, second});
  ASSERT_EQ(a.applications.size(), 1u);
  const Application& app = a.applications[0];
  EXPECT_EQ(FieldOf(app, "faculty_fulltime")->value, 26);
  EXPECT_EQ(FieldOf(app, "mgmt_staff")->value, 15);
  EXPECT_EQ(FieldOf(app, "application_date")->value, "2024-06-19");
  EXPECT_TRUE(HasFinding(app, "form_revised"));
}

TEST(Assemble, AnEarlierTypedVersionsDateDoesNotCorrectTheLaterScannedOnes) {
  // 申报表.pdf (text layer, 16 June) and 申报表（最终版）.pdf (scanned, 19
  // June, its date read with doubt): the scan is the later version, and its
  // date stays its own, though one digit from the typed one.
  DocumentFacts typed =
      Doc(1, "德州/学院/申报表.pdf", kApplicationForm,
          {Reading("unit_name", "德州德城农业技术职业技术学院"), Reading("credit_code", kCode),
           Reading("contact_name", "龙鑫"), Reading("application_date", "2024-06-16")});
  DocumentFacts scan =
      Doc(2, "德州/学院/申报表（最终版）.pdf", kApplicationForm,
          {Reading("unit_name", "德州德城农业技术职业技术学院"), Reading("credit_code", kCode),
           Reading("contact_name", "龙夸"), Reading("application_date", "2024-06-19")});
  for (FieldReading& r : scan.fields) {
    r.method = "ocr";
    r.confidence = 0.6;
  }
  scan.text_ocr = true;
  Assembly a = Assemble({typed, scan});
  ASSERT_EQ(a.applications.size(), 1u);
  const Application& app = a.applications[0];
  EXPECT_EQ(FieldOf(app, "application_date")->value, "2024-06-19");
  // A name one character off is still the OCR's misreading, put right.
  EXPECT_EQ(FieldOf(app, "contact_name")->value, "龙鑫");
}

TEST(Assemble, OneUnitThroughTwoRecommendersIsTwoApplications) {
  auto sheet = [](int64_t id, const std::string& path, const std::string& recommender) {
    DocumentFacts d = Doc(id, path, kSummarySheet, {});
    d.header.push_back(Reading("recommender", recommender, 0));
    SummaryRow row;
    row.row = 2;
    row.fields = {Reading("unit_name", "淄博丙研究院", 5), Reading("credit_code", kCode, 6)};
    d.summary_rows.push_back(row);
    return d;
  };
  std::vector<DocumentFacts> docs = {
      Doc(1, "淄博市人社局/丙/申报表.pdf", kApplicationForm,
          {Reading("unit_name", "淄博丙研究院"), Reading("credit_code", kCode),
           Reading("recommender", "淄博市人力资源和社会保障局")}),
      sheet(2, "淄博市人社局/汇总表.xlsx", "淄博市人力资源和社会保障局"),
      sheet(3, "省科技厅/汇总表.xlsx", "山东省科学技术厅"),
      Doc(4, "淄博市人社局/丙/执照.jpg", kLicense, {Reading("license_credit_code", kCode)})};
  for (int pass = 0; pass < 2; ++pass) {
    Assembly a = Assemble(docs);
    ASSERT_EQ(a.applications.size(), 2u);
    EXPECT_NE(a.applications[0].id, a.applications[1].id);
    EXPECT_EQ(a.applications[0].id, kCode + "@city:淄博");
    EXPECT_EQ(a.applications[1].id, kCode + "@科技厅");
    for (const Application& app : a.applications) {
      const Finding* f = FindingOf(app, "two_recommenders");
      ASSERT_NE(f, nullptr) << app.id;
    }
    EXPECT_NE(FindingOf(a.applications[0], "two_recommenders")->detail.find("山东省科学技术厅"),
              std::string::npos);
    // The licence came through 淄博's folder: 淄博's application only.
    EXPECT_EQ(a.applications[0].document_ids, (std::vector<int64_t>{1, 2, 4}));
    EXPECT_EQ(a.applications[1].document_ids, (std::vector<int64_t>{3}));
    EXPECT_TRUE(HasFinding(a.applications[1], "missing_form"));
    std::reverse(docs.begin(), docs.end());
  }
}

TEST(Assemble, ALastPageWhoseSealWasReadAsTheUnitsNameContinuesTheForm) {
  // OCR made 〈羔章） of 申报单位（盖章）: no unit is named so, and the page
  // is the form's last, not an application of its own.
  DocumentFacts page1 =
      Doc(1, "滨州/乙/IMG_5059.jpg", kApplicationForm,
          {Reading("unit_name", "滨州乙咨询有限公司"), Reading("credit_code", kCode)});
  FieldReading seal = Reading("unit_name", "〈羔章）");
  seal.method = "ocr";
  DocumentFacts page3 = Doc(2, "滨州/乙/IMG_20240627_103441.jpg", kApplicationForm,
                            {seal, Reading("annual_budget", 233, 3)});
  Assembly a = Assemble({page1, page3});
  ASSERT_EQ(a.applications.size(), 1u);
  EXPECT_EQ(FieldOf(a.applications[0], "unit_name")->value, "滨州乙咨询有限公司");
  ASSERT_NE(FieldOf(a.applications[0], "annual_budget"), nullptr);
  EXPECT_TRUE(a.unassigned.empty());
}

TEST(Assemble, GenericWordsNeverIdentifyAUnit) {
  std::vector<DocumentFacts> docs = {
      Doc(1, "济南/甲/申报表.docx", kApplicationForm,
          {Reading("unit_name", "济南市继续教育培训中心"), Reading("credit_code", kCode)}),
      Doc(2, "济南/乙/申报表.docx", kApplicationForm, {Reading("unit_name", "济南乙研究院")})};
  FieldReading title = Reading("unit_name", "继续教育");
  title.label = "标题";
  docs.push_back(Doc(3, "青岛/管理制度.pdf", kKindRules(), {title}));
  docs.back().text = "继续教育管理制度\n第一条 为加强继续教育中心的管理……";
  Assembly a = Assemble(docs);
  for (const Application& app : a.applications)
    EXPECT_EQ(std::count(app.document_ids.begin(), app.document_ids.end(), 3), 0) << app.id;
  ASSERT_EQ(a.unassigned.size(), 1u);
  EXPECT_EQ(a.unassigned[0].document_id, 3);
  EXPECT_NE(a.unassigned[0].reason.find("通用名称"), std::string::npos) << a.unassigned[0].reason;
}

TEST(Assemble, FormPagesNoneOfWhichNamesItsUnitAreTheFormOfTheUnitTheirFolderProves) {
  // Page 1 was photographed too badly for its name and code to be read;
  // the licence beside it gives the code, the summary sheet lists the unit,
  // and a second applicant of the same recommender keeps the recommender's
  // folder from deciding. The pages are that unit's form, the photos beside
  // them follow, and no "missing form" is reported.
  DocumentFacts summary = Doc(9, "潍坊/汇总表.xlsx", kSummarySheet, {});
  SummaryRow row;
  row.row = 2;
  row.fields = {Reading("unit_name", "潍坊甲研究院", 20), Reading("credit_code", kCode, 21)};
  summary.summary_rows.push_back(row);
  DocumentFacts page1 = Doc(1, "潍坊/甲/微信图片_20240628083250.jpg", kApplicationForm,
                            {Reading("faculty_fulltime", 153, 4), Reading("mgmt_staff", 3, 5)});
  DocumentFacts page2 =
      Doc(2, "潍坊/甲/微信图片_20240628083316.jpg", kApplicationForm,
          {Reading("online_platform", "甲学院在线", 6), Reading("programs_2023", 108, 7)});
  page1.first_page = page1.last_page = page2.first_page = page2.last_page = 1;
  page1.received_at_ms = page2.received_at_ms = At(28);
  DocumentFacts licence =
      Doc(3, "潍坊/甲/法人证书副本.jpg", kLicense, {Reading("license_credit_code", kCode, 8)});
  DocumentFacts photo = Doc(4, "潍坊/甲/场地照片1.jpg", kOther, {});
  DocumentFacts other_form =
      Doc(5, "潍坊/乙/申报表.docx", kApplicationForm, {Reading("unit_name", "潍坊乙学院")});
  Assembly a = Assemble({summary, page2, licence, photo, page1, other_form});
  ASSERT_EQ(a.applications.size(), 2u);
  const Application& app = a.applications[0];
  EXPECT_EQ(app.id, kCode);
  ASSERT_NE(FieldOf(app, "faculty_fulltime"), nullptr);
  EXPECT_EQ(FieldOf(app, "faculty_fulltime")->value, 153);
  ASSERT_NE(FieldOf(app, "online_platform"), nullptr);
  ASSERT_TRUE(app.assigned_by.count(1));
  EXPECT_EQ(app.assigned_by.at(1).basis, kByFolder);
  EXPECT_NE(app.assigned_by.at(1).detail.find("法人证书副本.jpg"), std::string::npos)
      << app.assigned_by.at(1).detail;
  ASSERT_TRUE(app.assigned_by.count(2));
  EXPECT_EQ(app.assigned_by.at(2).basis, kBySameDocument);
  EXPECT_EQ(app.assigned_by.at(2).document_page, 2);
  ASSERT_TRUE(app.assigned_by.count(4));
  EXPECT_EQ(app.assigned_by.at(4).basis, kByFolder);
  EXPECT_FALSE(HasFinding(app, "missing_form"));
  EXPECT_EQ(app.received_at_ms, At(28));
  EXPECT_TRUE(a.unassigned.empty());
}

TEST(Assemble, UnnamedFormPagesStayUnassignedWhenTheirFolderHoldsSeveralUnitsFiles) {
  DocumentFacts page =
      Doc(1, "潍坊/混合/IMG_0001.jpg", kApplicationForm, {Reading("faculty_fulltime", 12, 4)});
  DocumentFacts licence_a =
      Doc(2, "潍坊/混合/执照甲.jpg", kLicense, {Reading("license_credit_code", kCode, 8)});
  DocumentFacts form_b =
      Doc(3, "潍坊/乙/申报表.docx", kApplicationForm, {Reading("unit_name", "潍坊乙学院")});
  DocumentFacts list_b = Doc(4, "潍坊/混合/师资.xlsx", kFacultyList, {});
  for (int i = 0; i < 3; ++i)
    list_b.teachers.push_back({"教师" + std::to_string(i), "讲师", "专职", i, "潍坊乙学院"});
  DocumentFacts form_a = Doc(5, "潍坊/甲/申报表.docx", kApplicationForm,
                             {Reading("unit_name", "潍坊甲研究院"), Reading("credit_code", kCode)});
  Assembly a = Assemble({page, licence_a, form_b, list_b, form_a});
  ASSERT_EQ(a.unassigned.size(), 1u);
  EXPECT_EQ(a.unassigned[0].document_id, 1);
  EXPECT_NE(a.unassigned[0].reason.find("多个单位"), std::string::npos) << a.unassigned[0].reason;
}

TEST(Assemble, AFacultyListJoinsTheEmployerOfItsFullTimeTeachers) {
  DocumentFacts list = Doc(3, "济南市人社局/文档3.docx", kFacultyList, {});
  for (int i = 0; i < 4; ++i)
    list.teachers.push_back({"教师" + std::to_string(i), "讲师", "专职", i, "济南乙研究院"});
  for (int i = 0; i < 6; ++i)
    list.teachers.push_back({"外聘" + std::to_string(i), "教授", "兼职", 10 + i, "济南甲学院"});
  std::vector<DocumentFacts> docs = {
      Doc(1, "济南市人社局/甲/申报表.docx", kApplicationForm,
          {Reading("unit_name", "济南甲学院"), Reading("credit_code", kCode)}),
      Doc(2, "济南市人社局/乙/申报表.docx", kApplicationForm,
          {Reading("unit_name", "济南乙研究院")}),
      list};
  Assembly a = Assemble(docs);
  ASSERT_EQ(a.applications.size(), 2u);
  const Application& yi = a.applications[1];
  EXPECT_EQ(yi.id, "name:济南乙研究院");
  ASSERT_TRUE(yi.assigned_by.count(3));
  EXPECT_EQ(yi.assigned_by.at(3).basis, kByFacultyEmployer);
}

TEST(Assemble, AnOcrNameOneCharacterOffJoinsOnlyWithASecondPieceOfEvidence) {
  auto licence = [](int64_t id, const std::string& path, const std::string& code) {
    FieldReading name = Reading("license_name", "淄博党本精密机械有限公司");
    name.method = "ocr";
    FieldReading c = Reading("license_credit_code", code);
    c.method = "ocr";
    return Doc(id, path, kLicense, {name, c});
  };
  const std::string kOther = "91370300MA3N6K8T9X";  // misread: fails its check character
  std::vector<DocumentFacts> docs = {
      Doc(1, "淄博/崇本/申报表.pdf", kApplicationForm,
          {Reading("unit_name", "淄博崇本精密机械有限公司"), Reading("credit_code", kCode)}),
      Doc(2, "淄博/乙/申报表.pdf", kApplicationForm, {Reading("unit_name", "淄博乙研究院")}),
      // In the unit's folder: the folder is the second piece of evidence.
      licence(3, "淄博/崇本/执照.jpg", kOther),
      // Loose in a folder of two units, with nothing else: not placed.
      licence(4, "淄博/执照2.jpg", kOther)};
  Assembly a = Assemble(docs);
  const Application& chongben = a.applications[0];
  EXPECT_EQ(chongben.id, kCode);
  ASSERT_TRUE(chongben.assigned_by.count(3));
  EXPECT_EQ(chongben.assigned_by.at(3).basis, kByUnitName);
  EXPECT_NE(chongben.assigned_by.at(3).detail.find("仅差1字"), std::string::npos);
  ASSERT_EQ(a.unassigned.size(), 1u);
  EXPECT_EQ(a.unassigned[0].document_id, 4);
}

TEST(Assemble, PartsOfOneFileWithoutEvidenceGoWithThePartThatHasIt) {
  DocumentFacts form = Doc(1, "青岛/申报材料.pdf", kApplicationForm,
                           {Reading("unit_name", "青岛丁学校"), Reading("credit_code", kCode)});
  form.sha256 = "abc";
  form.first_page = 3;
  form.last_page = 5;
  DocumentFacts rules = Doc(2, "青岛/申报材料.pdf", kKindRules(), {});
  rules.sha256 = "abc";
  rules.first_page = 6;
  rules.last_page = 8;
  std::vector<DocumentFacts> docs = {
      form, rules,
      Doc(3, "青岛/戊/申报表.docx", kApplicationForm, {Reading("unit_name", "青岛戊中心")})};
  Assembly a = Assemble(docs);
  const Application& ding = a.applications[0];
  ASSERT_TRUE(ding.assigned_by.count(2));
  EXPECT_EQ(ding.assigned_by.at(2).basis, kBySameDocument);
  EXPECT_TRUE(a.unassigned.empty());
}

// A page of a unit's package whose OCR'd name is only a part of another
// unit's name (数字经济职业技全学院 within 淄博市数字经济协会's words) stays
// with the package's form. Read whole, the other unit's name places it.
TEST(Assemble, AnOcrPartOfAnotherUnitsNameDoesNotTakeAPageFromItsPackage) {
  auto placed = [](const std::string& named) {
    DocumentFacts form =
        Doc(1, "泰安/01众诚/申报材料.pdf", kApplicationForm,
            {Reading("unit_name", "泰安众诚数字经济职业技术学院"), Reading("credit_code", kCode)});
    form.sha256 = "abc";
    form.first_page = 3;
    form.last_page = 5;
    FieldReading title = OcrReading("unit_name", named, 0.8);
    title.label = "标题";  // 数字经济职业技全学院 师资名单
    DocumentFacts record = Doc(2, "泰安/01众诚/申报材料.pdf", kKindRules(), {title});
    record.sha256 = "abc";
    record.first_page = 7;
    record.last_page = 7;
    record.text_ocr = true;
    DocumentFacts other = Doc(3, "淄博/申报单位1/申报表.docx", kApplicationForm,
                              {Reading("unit_name", "淄博市数字经济协会")});
    Assembly a = Assemble({form, record, other});
    for (const Application& app : a.applications)
      if (app.assigned_by.count(2)) return app.assigned_by.at(2);
    return Assignment{};
  };
  const Assignment partial = placed("数字经济职业技全学院");
  EXPECT_EQ(partial.basis, kBySameDocument) << partial.detail;
  const Assignment whole = placed("淄博市数字经济协会");
  EXPECT_EQ(whole.basis, kByUnitName) << whole.detail;
}

TEST(Assemble, AnOcrFormWhoseNameCameOutWrongJoinsItsRowOnItsRecommendersSheet) {
  // 枣庄 misread 地庄, 锦 misread 锅, no code read: the sheet of the folder it
  // came through lists the unit, and no other row is as near.
  FieldReading name = Reading("unit_name", "地庄市锅程人才发展中心");
  name.method = "ocr";
  name.confidence = 0.74;  // the misread characters' doubt
  DocumentFacts form = Doc(1, "枣庄市人社局/锦程/scan0094.pdf", kApplicationForm,
                           {name, Reading("trainees_2023", 2500)});
  DocumentFacts sheet =
      SummarySheet(2, "枣庄市人社局/附件2.xlsx", "枣庄市人力资源和社会保障局",
                   {{Reading("unit_name", "枣庄市锦程人才发展中心"), Reading("credit_code", kCode)},
                    {Reading("unit_name", "枣庄市正阳人才发展中心")}});
  Assembly a = Assemble({form, sheet});
  ASSERT_EQ(a.applications.size(), 2u);
  const Application& jincheng = a.applications[0];
  EXPECT_EQ(jincheng.id, kCode);
  EXPECT_EQ(jincheng.document_ids, (std::vector<int64_t>{1, 2}));
  EXPECT_FALSE(HasFinding(jincheng, "missing_form"));
  // The typed name of the sheet corrects the doubtful reading, and says so.
  EXPECT_EQ(FieldOf(jincheng, "unit_name")->value, "枣庄市锦程人才发展中心");
  EXPECT_EQ(FieldOf(jincheng, "unit_name")->sources.size(), 2u);
  EXPECT_TRUE(HasFinding(jincheng, "ocr_corrected"));
}

TEST(Assemble, AnOcrRecommenderThatIsNoNameShowsTheSheetsWriting) {
  // The form's recommender read as 东营1 (the bureau's words lost) or with a
  // character misread (保障周) is the sheet's recommender by its city;
  // 东营市人社局 or 东营市人力资源社会保障局 read whole is how the form wrote
  // it and stays.
  for (const std::string& read :
       {std::string("东营1"), std::string("东营市人社局"),
        std::string("东营市人力资源和社会保障周"), std::string("东营市人力资源社会保障局")}) {
    SCOPED_TRACE(read);
    FieldReading recommender = OcrReading("recommender", read, 0.9);
    DocumentFacts form =
        Doc(1, "东营市人力资源和社会保障局/海川/IMG_1.jpg", kApplicationForm,
            {Reading("unit_name", "东营海川学院"), Reading("credit_code", kCode), recommender});
    DocumentFacts sheet =
        SummarySheet(2, "东营市人力资源和社会保障局/汇总表.xlsx", "东营市人力资源和社会保障局",
                     {{Reading("unit_name", "东营海川学院"), Reading("credit_code", kCode),
                       Reading("recommender", "东营市人力资源和社会保障局")}});
    Assembly a = Assemble({form, sheet});
    ASSERT_EQ(a.applications.size(), 1u);
    const AssembledField* field = FieldOf(a.applications[0], "recommender");
    ASSERT_NE(field, nullptr);
    const bool corrected = read != "东营市人社局" && read != "东营市人力资源社会保障局";
    EXPECT_EQ(field->value, corrected ? "东营市人力资源和社会保障局" : read);
    EXPECT_EQ(HasFinding(a.applications[0], "ocr_corrected"), corrected);
  }
}

TEST(Assemble, AnOcrCityBureauNoSheetNamesIsWrittenAsTheNoticeWritesIt) {
  // No summary sheet and no typed form name 东营's bureau: a character
  // misread in its name (保障周, 人力资原) is put back by the notice's
  // writings of a city's bureau, with or without 和; a writing read whole
  // stays as the form wrote it, and a name two writings fit alike stays.
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"东营市人力资源和社会保障周", "东营市人力资源和社会保障局"},
      {"东营市人力资原社会保障局", "东营市人力资源社会保障局"},
      {"东营市人力资源社会保障局", "东营市人力资源社会保障局"},
      {"东营市人力资源与社会保障局", "东营市人力资源与社会保障局"}};
  for (const auto& [read, shown] : cases) {
    SCOPED_TRACE(read);
    FieldReading recommender = OcrReading("recommender", read, 0.9);
    DocumentFacts form =
        Doc(1, "0626收/东营工程师协会/申报书.pdf", kApplicationForm,
            {Reading("unit_name", "东营市工程师协会"), Reading("credit_code", kCode), recommender});
    // Nor when a typed form of the same city writes the bureau otherwise.
    DocumentFacts other =
        Doc(2, "0626收/东营石化学院/申报书.docx", kApplicationForm,
            {Reading("unit_name", "东营石化职业学院"), Reading("recommender", "东营市人社局")});
    for (const Assembly& a : {Assemble({form}), Assemble({form, other})}) {
      const Application& app = FieldOf(a.applications[0], "unit_name")->value == "东营市工程师协会"
                                   ? a.applications[0]
                                   : a.applications.at(1);
      EXPECT_EQ(FieldOf(app, "recommender")->value, shown);
      EXPECT_EQ(HasFinding(app, "ocr_corrected"), read != shown);
    }
  }
}

TEST(Assemble, AnOcrRecommenderThatNamesNoRecommenderIsTheChannels) {
  // A scanned package's 推荐部门 read as 传其 (the fax label beside it):
  // the application came through 山东省水利厅, whose typed form names it, and
  // counts in that department's quota of one with the other it recommends.
  FieldReading garbled = OcrReading("recommender", "传其", 0.165);
  DocumentFacts scanned =
      Doc(1, "申报材料/省水利厅.zip/省水利厅/2.众诚学院/全套材料.pdf", kApplicationForm,
          {Reading("unit_name", "枣庄众诚安全技术职业学院"), garbled});
  DocumentFacts typed =
      Doc(2, "申报材料/省水利厅.zip/省水利厅/1.泰和学院/附件1.pdf", kApplicationForm,
          {Reading("unit_name", "济南泰和农业职业学院"), Reading("recommender", "山东省水利厅")});
  Assembly a = Assemble({scanned, typed});
  ASSERT_EQ(a.applications.size(), 2u);
  for (const Application& app : a.applications) {
    SCOPED_TRACE(FieldOf(app, "unit_name")->value.dump());
    EXPECT_EQ(FieldOf(app, "recommender")->value, "山东省水利厅");
  }
  const Application& zhongcheng =
      FieldOf(a.applications[0], "unit_name")->value == "枣庄众诚安全技术职业学院"
          ? a.applications[0]
          : a.applications[1];
  EXPECT_TRUE(HasFinding(zhongcheng, "ocr_corrected"));
  EXPECT_LT(FieldOf(zhongcheng, "recommender")->confidence, 0.9);
}

TEST(Assemble, AnOcrCityBureauWithItsCityMisreadKeepsTheFormsWriting) {
  // The form writes 枣庄市人力资源社会保障局, OCR read its 枣 as 惠, and the
  // summary sheet writes the bureau with 和: the city is put back, and the
  // form's writing stands, doubted.
  FieldReading recommender = OcrReading("recommender", "惠庄市人力资源社会保障局", 0.95);
  DocumentFacts form = Doc(1, "枣庄市推荐材料/02枣庄市工程技术院/微信图片.jpg", kApplicationForm,
                           {Reading("unit_name", "枣庄市工程技术科学研究院"),
                            Reading("credit_code", kCode), recommender});
  DocumentFacts sheet = SummarySheet(
      2, "枣庄市推荐材料/附件2.xlsx", "枣庄市人力资源和社会保障局",
      {{Reading("unit_name", "枣庄市工程技术科学研究院"), Reading("credit_code", kCode),
        Reading("recommender", "枣庄市人力资源和社会保障局")}});
  Assembly a = Assemble({form, sheet});
  ASSERT_EQ(a.applications.size(), 1u);
  const AssembledField* field = FieldOf(a.applications[0], "recommender");
  EXPECT_EQ(field->value, "枣庄市人力资源社会保障局");
  EXPECT_LT(field->confidence, 0.9);
  EXPECT_TRUE(HasFinding(a.applications[0], "ocr_place_corrected"));
}

// A training site's partner city misread (当博市 for 淄博市) is put right as
// an address's is, and so is the city a platform named after its unit
// begins with; words of a partner's or the unit's own name, and a place
// name further into a platform's name, are left as read.
TEST(Assemble, AnOcrTrainingSitesOrPlatformsCityIsPutRight) {
  auto read_as = [](const std::string& key, const std::string& read) {
    DocumentFacts form = Doc(1, "淄博市/正阳/scan0044.pdf", kApplicationForm,
                             {Reading("unit_name", "淄博正阳港务职业培训学校"),
                              Reading("credit_code", kCode), OcrReading(key, read, 0.9)});
    Assembly a = Assemble({form});
    EXPECT_EQ(a.applications.size(), 1u);
    return a.applications.at(0);
  };
  for (const auto& [key, read, shown] :
       std::vector<std::tuple<std::string, std::string, std::string>>{
           {"training_site", "与当博市正阳港务集团共建实训基地",
            "与淄博市正阳港务集团共建实训基地"},
           {"training_site", "泰和港务集团实训基地", "泰和港务集团实训基地"},
           {"online_platform", "汝博市建筑院在线学习平台", "淄博市建筑院在线学习平台"},
           {"online_platform", "鲁博建筑在线学习平台", "鲁博建筑在线学习平台"},
           {"online_platform", "山东泰山城区建设学院在线学习平台",
            "山东泰山城区建设学院在线学习平台"}}) {
    const Application app = read_as(key, read);
    EXPECT_EQ(FieldOf(app, key)->value, shown);
    EXPECT_EQ(HasFinding(app, "ocr_place_corrected"), read != shown) << read;
  }
}

// A partner named after the unit's own city without its 市 (青岛鲁润…), the
// city misread at the name's head, read twice or with a character read
// into it (phone photos of development seeds 52, 54, 69, 72 and 74): the
// unit's city, from its address, is put back. A real place (青州), a word
// OCR was sure of, or one of the unit's own name stays as read.
TEST(Assemble, AnOcrPartnerNamedAfterTheUnitsCityGetsItBack) {
  auto read_as = [](const std::string& key, const std::string& read, double confidence,
                    const std::string& unit = "青岛海川职业培训学校") {
    DocumentFacts form = Doc(1, "青岛市/海川/IMG_1.jpg", kApplicationForm,
                             {Reading("unit_name", unit), Reading("credit_code", kCode),
                              OcrReading("address", "山东省青岛市崂山区海尔路8号", 0.9),
                              OcrReading(key, read, confidence)});
    Assembly a = Assemble({form});
    EXPECT_EQ(a.applications.size(), 1u);
    return a.applications.at(0);
  };
  for (const auto& [read, confidence, shown] :
       std::vector<std::tuple<std::string, double, std::string>>{
           {"育岛鲁润装备制造有限公司（合作单位）", 0.0, "青岛鲁润装备制造有限公司（合作单位）"},
           {"青鸟蓝海港务集团（合作单位）", 0.5, "青岛蓝海港务集团（合作单位）"},
           {"青岛岛蓝海港务集团（合作单位）", 0.85, "青岛蓝海港务集团（合作单位）"},
           {"青上岛蓝海港务集团（合作单位）", 0.0, "青岛蓝海港务集团（合作单位）"},
           {"与青岛找市立信装备制造有限公司共建实训基地", 0.0,
            "与青岛市立信装备制造有限公司共建实训基地"},
           {"与束青岛市弘毅建工集团共建实训基地", 0.0, "与青岛市弘毅建工集团共建实训基地"},
           {"青州蓝海港务集团（合作单位）", 0.5, "青州蓝海港务集团（合作单位）"},
           {"青鸟蓝海港务集团（合作单位）", 0.9, "青鸟蓝海港务集团（合作单位）"},
           {"与济南市立信装备制造有限公司共建实训基地", 0.5,
            "与济南市立信装备制造有限公司共建实训基地"}}) {
    const Application app = read_as("training_site", read, confidence);
    EXPECT_EQ(FieldOf(app, "training_site")->value, shown);
    EXPECT_EQ(HasFinding(app, "ocr_place_corrected"), read != shown) << read;
  }
  const Application own_word =
      read_as("online_platform", "青年海川在线学习平台", 0.5, "青年海川职业培训学校");
  EXPECT_EQ(FieldOf(own_word, "online_platform")->value, "青年海川在线学习平台");
}

TEST(Assemble, AnOcrEnterpriseRecommenderReadAsTypedIsNoCorrection) {
  // A provincial enterprise recommends: its name is its whole key, and read
  // right it is neither changed nor reported.
  FieldReading recommender = OcrReading("recommender", "山东鲁港集团有限公司", 0.9);
  DocumentFacts form = Doc(1, "山东鲁港集团有限公司/海事/IMG_1.jpg", kApplicationForm,
                           {Reading("unit_name", "山东鲁港海事培训有限公司"),
                            Reading("credit_code", kCode), recommender});
  DocumentFacts sheet = SummarySheet(2, "山东鲁港集团有限公司/汇总表.xlsx", "山东鲁港集团有限公司");
  Assembly a = Assemble({form, sheet});
  ASSERT_EQ(a.applications.size(), 1u);
  EXPECT_EQ(FieldOf(a.applications[0], "recommender")->value, "山东鲁港集团有限公司");
  EXPECT_FALSE(HasFinding(a.applications[0], "ocr_corrected"));
}

// Read with little confidence two characters off the recommender the
// application came through, it is that one; read surely, or further off,
// it stays as read.
TEST(Assemble, AnOcrRecommenderTwoCharactersOffItsChannelReadWithDoubtIsTheChannel) {
  auto recommender_read_as = [](const std::string& read, double confidence) {
    DocumentFacts form =
        Doc(1, "山东鼎盛文旅集团有限公司/新建文件夹/IMG_5827.jpg", kApplicationForm,
            {Reading("unit_name", "山东鼎盛人才发展有限公司"), Reading("credit_code", kCode),
             OcrReading("recommender", read, confidence)});
    DocumentFacts sheet = SummarySheet(
        2, "山东鼎盛文旅集团有限公司/山东鼎盛文旅集团有限公司继续教育基地申报汇总表.xlsx",
        "鼎盛文旅集团");
    Assembly a = Assemble({form, sheet});
    EXPECT_EQ(a.applications.size(), 1u);
    return a.applications.at(0);
  };
  Application app = recommender_read_as("打造文旅集团", 0.24);
  EXPECT_EQ(FieldOf(app, "recommender")->value, "鼎盛文旅集团");
  EXPECT_TRUE(HasFinding(app, "ocr_corrected"));
  for (const auto& [read, confidence] :
       std::vector<std::pair<std::string, double>>{{"打造文旅集团", 0.8}, {"华鲁控股集团", 0.24}}) {
    app = recommender_read_as(read, confidence);
    EXPECT_EQ(FieldOf(app, "recommender")->value, read);
  }
}

TEST(Assemble, LooseFilesBesideTheOneLooseFormOfAFolderAreItsOwn) {
  // The recommender's folder holds one form loose and another unit's folder:
  // its loose files are the loose form's unit's.
  std::vector<DocumentFacts> docs = {
      Doc(1, "济宁市人社局.zip/文档3.docx", kApplicationForm,
          {Reading("unit_name", "济宁甲研究院"), Reading("credit_code", kCode)}),
      Doc(2, "济宁市人社局.zip/乙学校/申报表.docx", kApplicationForm,
          {Reading("unit_name", "济宁乙学校")}),
      Doc(3, "济宁市人社局.zip/培训场地2.jpg", kOther, {}),
      // In a recommender's folder of units in folders of their own: nobody's.
      Doc(4, "淄博市/平台截图.png", kOther, {}),
      Doc(5, "淄博市/丙/申报表.docx", kApplicationForm, {Reading("unit_name", "淄博丙中心")}),
      Doc(6, "淄博市/丁/申报表.docx", kApplicationForm, {Reading("unit_name", "淄博丁协会")})};
  Assembly a = Assemble(docs);
  const Application& jia = a.applications[0];
  EXPECT_EQ(jia.id, kCode);
  ASSERT_TRUE(jia.assigned_by.count(3));
  EXPECT_EQ(jia.assigned_by.at(3).basis, kByFolder);
  ASSERT_EQ(a.unassigned.size(), 1u);
  EXPECT_EQ(a.unassigned[0].document_id, 4);
}

TEST(Assemble, APlatformScreenshotJoinsTheUnitWhosePlatformItShows) {
  std::vector<DocumentFacts> docs = {
      Doc(1, "淄博市/附件1.pdf", kApplicationForm,
          {Reading("unit_name", "淄博甲协会"), Reading("credit_code", kCode)}),
      Doc(2, "淄博市/申报表.pdf", kApplicationForm,
          {Reading("unit_name", "淄博恒远工程技术职业学院"),
           Reading("online_platform", "淄博恒远工程技术远程培训平台"),
           Reading("online_platform_url", "http://study.hanyt.edu.cn/portal/index.html")}),
      Doc(3, "淄博市/平台截图.png", kOther, {}), Doc(4, "淄博市/截图2.png", kOther, {})};
  docs[2].text = "淄博 恒 远 工程技术远程培训 平台\n首页 课程中心";
  docs[3].text = "study.hanyt.edu.cn/portal/index.html\n个人中心";
  Assembly a = Assemble(docs);
  const Application& hengyuan = a.applications[1];
  EXPECT_EQ(hengyuan.id, "name:淄博恒远工程技术职业学院");
  ASSERT_TRUE(hengyuan.assigned_by.count(3));
  ASSERT_TRUE(hengyuan.assigned_by.count(4));
  EXPECT_NE(hengyuan.assigned_by.at(4).detail.find("study.hanyt.edu.cn"), std::string::npos);
  EXPECT_TRUE(a.unassigned.empty());
}

TEST(Assemble, PartsOfOneFileReadAsFormsAreOneUnitsEvenWhenOneNameIsGarbled) {
  FieldReading garbled = Reading("unit_name", "后人市析员业技能这");
  garbled.method = "ocr";
  DocumentFacts cover = Doc(1, "烟台/金桥申报材料.pdf", kApplicationForm, {garbled});
  cover.sha256 = "f";
  cover.first_page = cover.last_page = 1;
  DocumentFacts form = Doc(2, "烟台/金桥申报材料.pdf", kApplicationForm,
                           {Reading("unit_name", "烟台市金桥职业技能培训学校"),
                            Reading("credit_code", kCode), Reading("mgmt_staff", 4)});
  form.sha256 = "f";
  form.first_page = 3;
  form.last_page = 5;
  Assembly a = Assemble({cover, form});
  ASSERT_EQ(a.applications.size(), 1u);
  EXPECT_EQ(a.applications[0].id, kCode);
  EXPECT_EQ(a.applications[0].document_ids.size(), 2u);
}

// A phone photo of a form's cover, its name three characters off, beside
// the photo of the form's page with the code: one unit. In another folder
// the same misread is a unit of its own.
TEST(Assemble, AFormPhotoWhoseLongNameIsAQuarterOffJoinsTheUnitOfItsFolder) {
  auto assemble = [](const std::string& cover_folder) {
    FieldReading garbled = Reading("unit_name", "雇庄洲海土本工程职业培训学校");
    garbled.method = "ocr";
    FieldReading name = Reading("unit_name", "枣庄瀚海土木工程职业培训学校");
    name.method = "ocr";
    return Assemble(
        {Doc(1, cover_folder + "/微信图片_20240626130652.jpg", kApplicationForm, {garbled}),
         Doc(2, "枣庄市/枣庄瀚海土木工程职业培训学校/微信图片_20240626130707.jpg", kApplicationForm,
             {name, Reading("credit_code", kCode)})});
  };
  Assembly a = assemble("枣庄市/枣庄瀚海土木工程职业培训学校");
  ASSERT_EQ(a.applications.size(), 1u);
  EXPECT_EQ(a.applications[0].id, kCode);
  EXPECT_EQ(a.applications[0].document_ids.size(), 2u);
  EXPECT_EQ(assemble("枣庄市/其他").applications.size(), 2u);
}

// A three-page form photographed page by page (development seed 75): the
// cover's name under the seal read as 素安记过和捏科学村究院, far from any unit's
// name, and the last page names no unit. The cover is the cover of the one
// unit whose form is in its folder, page 1 of that form, and its misread
// name is no value of the application; in a folder with two units' forms it
// stays apart, as it does when it keeps too little of the unit's name.
TEST(Assemble, ACoverWhoseNameTheSealGarbledIsTheCoverOfTheFormInItsFolder) {
  auto assemble = [](const std::string& garbled_name, bool second_unit) {
    const std::string folder = "泰安/泰安市护理院/";
    DocumentFacts cover = Doc(1, folder + "微信图片_20240625090151.jpg", kApplicationForm,
                              {OcrReading("unit_name", garbled_name, 0.0),
                               OcrReading("application_date", "2024-06-19", 0.9)});
    DocumentFacts form =
        Doc(2, folder + "微信图片_20240625090207.jpg", kApplicationForm,
            {OcrReading("unit_name", "泰安市护理科学研究院", 0.9),
             OcrReading("credit_code", kCode, 0.9), OcrReading("faculty_fulltime", 241, 0.9)});
    DocumentFacts last =
        Doc(3, folder + "微信图片_20240625090236.jpg", kApplicationForm,
            {OcrReading("classroom_area", 7017.4, 0.9), OcrReading("trainees_2021", 11053, 0.9)});
    std::vector<DocumentFacts> docs = {cover, form, last};
    if (second_unit)
      docs.push_back(
          Doc(4, folder + "另一单位申报表.pdf", kApplicationForm,
              {Reading("unit_name", "泰安市康复护理职业培训学校"),
               Reading("credit_code", "52370900MJD6012345"), Reading("faculty_fulltime", 35)}));
    return Assemble(docs);
  };
  Assembly a = assemble("素安记过和捏科学村究院", false);
  ASSERT_EQ(a.applications.size(), 1u);
  const Application& app = a.applications[0];
  EXPECT_EQ(app.id, kCode);
  EXPECT_EQ(FieldOf(app, "unit_name")->value, "泰安市护理科学研究院");
  ASSERT_NE(FieldOf(app, "classroom_area"), nullptr);
  ASSERT_TRUE(app.assigned_by.count(1));
  EXPECT_EQ(app.assigned_by.at(1).basis, kByFolder);
  EXPECT_EQ(app.assigned_by.at(1).document_page, 1);
  EXPECT_NE(app.assigned_by.at(1).detail.find("素安记过和捏科学村究院"), std::string::npos);
  EXPECT_EQ(app.assigned_by.at(2).document_page, 2);
  EXPECT_EQ(app.assigned_by.at(3).document_page, 3);
  EXPECT_TRUE(a.unassigned.empty());

  // Two units' forms in the folder: the cover could be either's.
  Assembly shared = assemble("素安记过和捏科学村究院", true);
  for (const Application& other : shared.applications) {
    if (other.assigned_by.count(2)) {
      EXPECT_FALSE(other.assigned_by.count(1)) << other.assigned_by.at(1).detail;
    }
  }
  // A reading that keeps less than two fifths of the name is another name.
  Assembly apart = assemble("泰山区文化传媒中心", false);
  for (const Application& other : apart.applications) {
    if (other.assigned_by.count(2)) {
      EXPECT_FALSE(other.assigned_by.count(1)) << other.assigned_by.at(1).detail;
    }
  }
}

// A screenshot of a platform read by OCR, its name two characters off and its
// host two letters off (development seed 77), in a folder of two units'
// forms: it is the unit's whose platform it nearly shows, when the other's
// is no nearer.
TEST(Assemble, AnOcrScreenshotOfAPlatformTwoCharactersOffJoinsItsUnit) {
  auto assemble = [](const std::string& other_platform) {
    std::vector<DocumentFacts> docs = {
        Doc(1, "济南/山东致远教育职业学院.pdf", kApplicationForm,
            {Reading("unit_name", "山东致远教育职业学院"), Reading("credit_code", kCode),
             Reading("online_platform", "山东致远教育继续教育网络学院"),
             Reading("online_platform_url", "http://www.lcqkq.edu.cn/jxjy/")}),
        Doc(2, "济南/山东省明德电子学会申报表.pdf", kApplicationForm,
            {Reading("unit_name", "山东省明德电子学会"),
             Reading("credit_code", "51370000MJD6012345"),
             Reading("online_platform", other_platform)}),
        Doc(3, "济南/网络培训平台.png", kOther, {})};
    docs[2].text = "山东 致远 教育红寺 教育网络 学 院\nwww.kicqkq.edu.cn/xjy/\n首页 课程中心";
    docs[2].text_ocr = true;
    return Assemble(docs);
  };
  Assembly a = assemble("明德电子学会继续教育平台");
  const Application* zhiyuan = nullptr;
  for (const Application& app : a.applications)
    if (app.id == kCode) zhiyuan = &app;
  ASSERT_NE(zhiyuan, nullptr);
  ASSERT_TRUE(zhiyuan->assigned_by.count(3));
  EXPECT_NE(zhiyuan->assigned_by.at(3).detail.find("相近"), std::string::npos);
  // The other unit's platform as near: no telling whose it is.
  Assembly tie = assemble("山东致远教育职业教育网络学院");
  for (const Application& app : tie.applications) {
    EXPECT_FALSE(app.assigned_by.count(3)) << app.assigned_by.at(3).detail;
  }
}

TEST(Assemble, AnOcrCodeOneCharacterOffOneUnitsCodePlacesTheDocument) {
  FieldReading code = Reading("license_credit_code", "12370100MB1C872084");  // 6 read as 0
  code.method = "ocr";
  std::vector<DocumentFacts> docs = {
      Doc(1, "淄博市/附件1.pdf", kApplicationForm,
          {Reading("unit_name", "淄博市会计协会"), Reading("credit_code", kCode)}),
      Doc(2, "淄博市/申报表.pdf", kApplicationForm, {Reading("unit_name", "淄博恒远学院")}),
      Doc(3, "淄博市/社团法人证书.jpg", kLicense, {code})};
  Assembly a = Assemble(docs);
  const Application& kuaiji = a.applications[0];
  EXPECT_EQ(kuaiji.id, kCode);
  ASSERT_TRUE(kuaiji.assigned_by.count(3));
  EXPECT_EQ(kuaiji.assigned_by.at(3).basis, kByCreditCode);
  EXPECT_NE(kuaiji.assigned_by.at(3).detail.find("仅差一位"), std::string::npos);
}

TEST(Assemble, ALicenceNameOcrMisreadOrReadOnlyInPartIsUnclearNotADisagreement) {
  auto licence = [](const std::string& name) {
    FieldReading code = Reading("license_credit_code", kCode);
    FieldReading read = Reading("license_name", name);
    code.method = read.method = "ocr";
    read.confidence = 0.8;
    return Doc(2, "潍坊/德润/法人证书.jpg", kLicense, {code, read});
  };
  auto findings_for = [&](const std::string& name) {
    std::vector<DocumentFacts> docs = {
        Doc(1, "潍坊/德润/申报表.docx", kApplicationForm,
            {Reading("unit_name", "潍坊德润管理职业技术学院"), Reading("credit_code", kCode)}),
        licence(name)};
    Assembly a = Assemble(docs);
    EXPECT_EQ(a.applications.size(), 1u);
    return a.applications.at(0);
  };
  const Application fragment = findings_for("济坊和");
  EXPECT_TRUE(HasFinding(fragment, "license_unclear"));
  EXPECT_FALSE(HasFinding(fragment, "license_disagreement"));
  // A few characters misread, or the next column's label run on: unclear.
  // So is a misread inside the name's ending (技朮学院 leaves 学院, a kind
  // within 职业技术学院), a run-on name with a character misread, and, on a
  // licence whose own code is the form's, a name of the same length with
  // fewer than half its characters misread.
  for (const char* misread :
       {"济坊德润管理职业技术学人", "潍坊德润管理职业技术学院注册藉什万元整",
        "潍坊德润管理职业技朮学院", "潍坊德闰管理职业技术学院注册次本查佰万元整",
        "雄坊徳闰管埋职业技朮学院"}) {
    const Application app = findings_for(misread);
    EXPECT_FALSE(HasFinding(app, "license_disagreement")) << misread;
    const bool runs_on_exactly = std::string(misread).starts_with("潍坊德润管理职业技术学院");
    EXPECT_EQ(HasFinding(app, "license_unclear"), !runs_on_exactly) << misread;
  }
  {
    FieldReading read = Reading("license_name", "雄坊徳闰管埋职业技朮学院");
    read.method = "ocr";
    std::vector<DocumentFacts> docs = {
        Doc(1, "潍坊/德润/申报表.docx", kApplicationForm,
            {Reading("unit_name", "潍坊德润管理职业技术学院"), Reading("credit_code", kCode)}),
        Doc(2, "潍坊/德润/法人证书.jpg", kLicense, {read})};
    Assembly a = Assemble(docs);
    ASSERT_EQ(a.applications.size(), 1u);
    EXPECT_TRUE(HasFinding(a.applications[0], "license_disagreement"))
        << "without the licence's code, five characters of twelve are another name";
  }
  // A line OCR could hardly read (its confidence below a half) is unclear,
  // however many characters differ; read with fair confidence, it is
  // another name.
  for (const double confidence : {0.35, 0.8}) {
    FieldReading read = Reading("license_name", "访击放六交大业褒训学院");
    read.method = "ocr";
    read.confidence = confidence;
    Assembly a = Assemble(
        {Doc(1, "潍坊/德润/申报表.docx", kApplicationForm,
             {Reading("unit_name", "潍坊德润管理职业技术学院"), Reading("credit_code", kCode)}),
         Doc(2, "潍坊/德润/法人证书.jpg", kLicense, {read})});
    ASSERT_EQ(a.applications.size(), 1u);
    EXPECT_EQ(HasFinding(a.applications[0], "license_disagreement"), confidence > 0.5);
    EXPECT_EQ(HasFinding(a.applications[0], "license_unclear"), confidence < 0.5);
  }
  // A licence code OCR got wrong (its check character fails) is no other code.
  {
    FieldReading code = Reading("license_credit_code", "12370100MB1C872685");
    code.method = "ocr";
    std::vector<DocumentFacts> docs = {
        Doc(1, "潍坊/德润/申报表.docx", kApplicationForm,
            {Reading("unit_name", "潍坊德润管理职业技术学院"), Reading("credit_code", kCode)}),
        Doc(2, "潍坊/德润/法人证书.jpg", kLicense, {code})};
    Assembly a = Assemble(docs);
    ASSERT_EQ(a.applications.size(), 1u);
    EXPECT_FALSE(HasFinding(a.applications[0], "license_disagreement"));
  }
  // A whole name that is another's stays a disagreement, OCR or not; so
  // does another kind of organisation (an old or fuller name) however near,
  // a name with a note after it, and one a word longer or shorter.
  for (const char* other :
       {"潍坊市管理职业学院", "潍坊德润管理职业学院", "潍坊德润管理职业技术学校",
        "潍坊德润管理职业技术学院（筹）", "潍坊德润电脑财会管理职业技术学院"}) {
    EXPECT_TRUE(HasFinding(findings_for(other), "license_disagreement")) << other;
  }
}

TEST(Assemble, AnOcrRecommenderACharacterOffAKnownOneIsWrittenAsKnown) {
  // Two units through one enterprise: one form typed, one scanned with 集
  // read as 业. Both are the enterprise's, and its quota counts both.
  FieldReading read = OcrReading("recommender", "山东沂华化工业团有限公司", 0.85);
  std::vector<DocumentFacts> docs = {
      Doc(1, "山东沂华化工集团有限公司/培训中心/SKM_1.pdf", kApplicationForm,
          {Reading("unit_name", "山东沂华化工集团培训中心有限公司"), Reading("credit_code", kCode),
           read}),
      Doc(2, "山东沂华化工集团有限公司/人才发展/申报表.docx", kApplicationForm,
          {Reading("unit_name", "山东沂华人才发展有限公司"),
           Reading("recommender", "山东沂华化工集团有限公司")})};
  Assembly a = Assemble(docs);
  ASSERT_EQ(a.applications.size(), 2u);
  for (const Application& app : a.applications)
    EXPECT_EQ(FieldOf(app, "recommender")->value, "山东沂华化工集团有限公司") << app.id;
  EXPECT_TRUE(HasFinding(a.applications[0], "ocr_corrected"));
  EXPECT_FALSE(HasFinding(a.applications[1], "ocr_corrected"));
  // Known by a shorter writing (a summary sheet's 沂华化工集团): the form's
  // own writing, its misread character put right, is what it says.
  std::vector<DocumentFacts> short_known = docs;
  short_known[1].fields.back() = Reading("recommender", "沂华化工集团");
  Assembly shorter = Assemble(short_known);
  ASSERT_EQ(shorter.applications.size(), 2u);
  EXPECT_EQ(FieldOf(shorter.applications[0], "recommender")->value, "山东沂华化工集团有限公司");
  // A recommender known nowhere else is left as read.
  Assembly alone = Assemble({docs[0]});
  EXPECT_EQ(FieldOf(alone.applications.at(0), "recommender")->value, "山东沂华化工业团有限公司");
  // A city read as a city, or a short department's name, is never another
  // one a character away: 济宁 beside a known 济南, 民政厅 beside 财政厅.
  for (const auto& [read_as, typed] : std::vector<std::pair<std::string, std::string>>{
           {"济宁市人社局", "济南市人力资源和社会保障局"}, {"山东省民政厅", "山东省财政厅"}}) {
    FieldReading ocr = OcrReading("recommender", read_as, 0.85);
    Assembly two =
        Assemble({Doc(1, "材料/甲/scan.pdf", kApplicationForm,
                      {Reading("unit_name", "济宁甲职业学院"), Reading("credit_code", kCode), ocr}),
                  Doc(2, "材料/乙/申报表.docx", kApplicationForm,
                      {Reading("unit_name", "济南乙职业学院"), Reading("recommender", typed)})});
    ASSERT_EQ(two.applications.size(), 2u);
    EXPECT_EQ(FieldOf(two.applications[0], "recommender")->value, read_as);
  }
}

TEST(Assemble, AnOcrCityBureauOfNoCityIsTheChannelsBureau) {
  // 淄博 read as 汝情 on a photographed form in 淄博市人社局's folder: no city
  // of Shandong, the rest of the bureau's name the folder's.
  auto recommender = [](const std::string& read) {
    Assembly a = Assemble({Doc(1, "淄博市人社局/淄博甲协会/微信图片.jpg", kApplicationForm,
                               {Reading("unit_name", "淄博甲协会"), Reading("credit_code", kCode),
                                OcrReading("recommender", read, 0.6)})});
    return a.applications.at(0);
  };
  for (const std::string bureau : {"淄博市人社局", "淄博市人力资源和社会保障局"}) {
    const Application misread = recommender("汝情" + bureau.substr(std::string("淄博").size()));
    EXPECT_EQ(FieldOf(misread, "recommender")->value, bureau);
    EXPECT_TRUE(HasFinding(misread, "ocr_corrected")) << bureau;
  }
  // Another city is another bureau; another department is no misread city.
  for (const std::string other : {"潍坊市人社局", "汝情市教育局", "汝情市人社"}) {
    const Application app = recommender(other);
    EXPECT_EQ(FieldOf(app, "recommender")->value, other);
    EXPECT_FALSE(HasFinding(app, "ocr_corrected")) << other;
  }
}

TEST(Assemble, APersonsNameOcrCouldHardlyReadTakesTheTypedLicencesName) {
  // 霍颖 read as 埠是 at 0.26: every character misread. The text-layer
  // licence of the same unit names the representative; read with fair
  // confidence, or of another length, the form's name stays and the two
  // disagree.
  auto legal_rep = [](const std::string& read, double confidence) {
    return FormBesideLicence({OcrReading("legal_rep", read, confidence, 3)},
                             {Reading("license_legal_rep", "霍颖", 7)});
  };
  const Application illegible = legal_rep("埠是", 0.26);
  EXPECT_EQ(FieldOf(illegible, "legal_rep")->value, "霍颖");
  EXPECT_TRUE(HasFinding(illegible, "ocr_corrected"));
  for (const auto& [read, confidence] :
       std::vector<std::pair<std::string, double>>{{"埠是", 0.8}, {"霍颖东", 0.3}}) {
    const Application app = legal_rep(read, confidence);
    EXPECT_EQ(FieldOf(app, "legal_rep")->value, read);
    EXPECT_FALSE(HasFinding(app, "ocr_corrected")) << read;
  }
}

TEST(Assemble, AnIllegibleNameACharacterLongerOrShorterTakesTheTypedLicencesName) {
  // 鲍慧敏 read on a scanned form as 锡慧慧敏 at 0.0: 慧 read twice, 鲍
  // misread; the text-layer licence names her.
  auto legal_rep = [](const std::string& read, double confidence) {
    return FormBesideLicence({OcrReading("legal_rep", read, confidence, 3)},
                             {Reading("license_legal_rep", "鲍慧敏", 7)});
  };
  for (const std::string read : {"锡慧慧敏", "修了慧敏", "鲍惠"}) {
    const Application app = legal_rep(read, 0.1);
    EXPECT_EQ(FieldOf(app, "legal_rep")->value, "鲍慧敏") << read;
    EXPECT_TRUE(HasFinding(app, "ocr_corrected")) << read;
  }
  // Read with fair confidence, or with hardly any of the name: the form's
  // reading stays. (A name whole with a character more is another person's:
  // see APersonsNameOcrCouldHardlyReadTakesTheTypedLicencesName.)
  for (const auto& [read, confidence] :
       std::vector<std::pair<std::string, double>>{{"锡慧慧敏", 0.8}, {"锡是页敏", 0.1}}) {
    const Application app = legal_rep(read, confidence);
    EXPECT_EQ(FieldOf(app, "legal_rep")->value, read);
    EXPECT_FALSE(HasFinding(app, "ocr_corrected")) << read;
  }
}

TEST(Assemble, ALegalRepresentativeTheFormLacksIsTheTypedOrSurelyReadLicencesOne) {
  // The form's 法定代表人 row went unread on a scan; the licence names 黎梅.
  auto assembled = [](const FieldReading& on_licence) {
    return FormBesideLicence({}, {on_licence});
  };
  const Application typed = assembled(Reading("license_legal_rep", "黎梅", 7));
  ASSERT_NE(FieldOf(typed, "legal_rep"), nullptr);
  EXPECT_EQ(FieldOf(typed, "legal_rep")->value, "黎梅");
  EXPECT_EQ(FieldOf(typed, "legal_rep")->sources.size(), 1u);
  const Finding* told = FindingOf(typed, "license_filled");
  ASSERT_NE(told, nullptr);
  EXPECT_NE(told->detail.find("执照.pdf"), std::string::npos) << told->detail;
  EXPECT_EQ(
      FieldOf(assembled(OcrReading("license_legal_rep", "黎梅", 0.95, 7)), "legal_rep")->value,
      "黎梅");
  // An OCR'd licence read with doubt fills nothing; nor does a licence fill the address.
  EXPECT_EQ(FieldOf(assembled(OcrReading("license_legal_rep", "黎梅", 0.6, 7)), "legal_rep"),
            nullptr);
  const Application address = assembled(Reading("license_address", "泰安市泰山区东岳大街1号", 7));
  EXPECT_EQ(FieldOf(address, "address"), nullptr);
}

TEST(Assemble, AnOcrAddressMisreadIsPutRightByTheLicencesInTheFormsWriting) {
  auto address = [](const FieldReading& on_form, const FieldReading& on_licence) {
    return FormBesideLicence({on_form}, {on_licence});
  };
  // A typed licence: its characters, the form's province.
  const Application typed = address(OcrReading("address", "山东省菏泽市村城具人民路219号", 0.56, 3),
                                    Reading("license_address", "菏泽市鄄城县人民路219号", 7));
  EXPECT_EQ(FieldOf(typed, "address")->value, "山东省菏泽市鄄城县人民路219号");
  EXPECT_EQ(FieldOf(typed, "address")->sources.size(), 2u);
  const Finding* told = FindingOf(typed, "ocr_corrected");
  ASSERT_NE(told, nullptr);
  EXPECT_NE(told->detail.find("村城具"), std::string::npos) << told->detail;
  // Once the form's places are checked (东莹市广快县 is 东营市广饶县).
  const Application places = address(OcrReading("address", "东莹市广快县南一路98兮", 0.0, 3),
                                     Reading("license_address", "东营市广饶县南一路98号", 7));
  EXPECT_EQ(FieldOf(places, "address")->value, "东营市广饶县南一路98号");
  // The form's reading stays when it is sure, against an OCR'd licence
  // however sure, and when the licence writes it another way.
  for (const auto& [form, form_confidence, licence, licence_confidence] :
       std::vector<std::tuple<std::string, double, std::string, double>>{
           {"山东省泰安市宁阳县泰山大街256号", 0.95, "山东省泰安市宁阳县秦山大街256号", 1.0},
           {"东营市广饶县南一路98兮", 0.0, "东营市广饶县南一路98号", 0.95},
           {"东营市广饶县南一路98号", 0.5, "东营市广饶县南一路98号黄河大厦三层", 1.0},
           // A character more, or another number: another writing, as the form has it.
           {"济南市历下区经十路100号", 0.5, "济南市历下区经十路100号院", 1.0},
           {"济南市历下区经十路100号", 0.5, "济南市历下区经十路108号", 1.0}}) {
    FieldReading on_licence = Reading("license_address", licence, 7);
    if (licence_confidence < 1)
      on_licence = OcrReading("license_address", licence, licence_confidence, 7);
    const Application app = address(OcrReading("address", form, form_confidence, 3), on_licence);
    EXPECT_EQ(FieldOf(app, "address")->value, form) << licence;
    EXPECT_FALSE(HasFinding(app, "ocr_corrected")) << licence;
  }
}

TEST(Assemble, ADoubtedOcrNameGivesWayToTheLicencesReadingWithAFamilyName) {
  // 翟宏伟 read on a scanned form as 用宏伟 (no family name: doubted at 0.2)
  // and on the scanned licence as 翟宏伟 at 0.78.
  auto legal_rep = [](const std::string& on_form, double form_confidence,
                      const std::string& on_licence, double licence_confidence) {
    FieldReading rep = Reading("legal_rep", on_form);
    rep.method = "ocr";
    rep.confidence = form_confidence;
    FieldReading licence_rep = Reading("license_legal_rep", on_licence, 7);
    licence_rep.method = "ocr";
    licence_rep.confidence = licence_confidence;
    std::vector<DocumentFacts> docs = {
        Doc(1, "青岛/全套材料.pdf", kApplicationForm,
            {Reading("unit_name", "青岛市平度工程学院"), Reading("credit_code", kCode), rep}),
        Doc(2, "青岛/执照.pdf", kLicense,
            {Reading("license_credit_code", kCode), Reading("license_name", "青岛市平度工程学院"),
             licence_rep})};
    Assembly a = Assemble(docs);
    EXPECT_EQ(a.applications.size(), 1u);
    return a.applications.at(0);
  };
  const Application doubted = legal_rep("用宏伟", 0.2, "翟宏伟", 0.78);
  EXPECT_EQ(FieldOf(doubted, "legal_rep")->value, "翟宏伟");
  EXPECT_LT(FieldOf(doubted, "legal_rep")->confidence, 0.85);  // shown as doubtful
  EXPECT_EQ(FieldOf(doubted, "legal_rep")->sources.size(), 2u);
  const Finding* told = FindingOf(doubted, "ocr_corrected");
  ASSERT_NE(told, nullptr);
  EXPECT_NE(told->detail.find("用宏伟"), std::string::npos) << told->detail;
  EXPECT_NE(told->detail.find("翟宏伟"), std::string::npos) << told->detail;
  // Another character apart: the licence's stands where the form's reading
  // is doubtful and the licence's sure.
  const Application surer = legal_rep("毕涩成", 0.59, "毕汝成", 0.86);
  EXPECT_EQ(FieldOf(surer, "legal_rep")->value, "毕汝成");
  EXPECT_TRUE(HasFinding(surer, "ocr_corrected"));
  // The form's reading stands when it is not doubted, when the licence's is
  // no surer, or when they are more than a character apart.
  for (const auto& [form, form_confidence, licence, licence_confidence] :
       std::vector<std::tuple<std::string, double, std::string, double>>{
           {"卫喜恰", 0.78, "卫吉从", 0.69},
           {"用宏伟", 0.2, "翟宏伟", 0.3},
           {"用宏伟", 0.2, "翟宏东", 0.8},
           {"史辉", 0.2, "史遂", 0.8},
           {"史辉", 0.46, "史泛", 0.8},
           {"毕汝成", 0.7, "毕涩成", 0.9},
           {"毕涩成", 0.59, "毕汝东", 0.9}}) {
    const Application app = legal_rep(form, form_confidence, licence, licence_confidence);
    EXPECT_EQ(FieldOf(app, "legal_rep")->value, form) << licence;
    EXPECT_FALSE(HasFinding(app, "ocr_corrected")) << licence;
  }
}

TEST(Assemble, AnOcrSiteOrPlatformBeginningWithTheUnitsNameMisreadIsWrittenWithTheName) {
  auto assembled = [](const std::string& unit, double unit_confidence, const std::string& site,
                      const std::string& platform) {
    Assembly a = Assemble({Doc(1, "申报表.jpg", kApplicationForm,
                               {OcrReading("unit_name", unit, unit_confidence, 1),
                                OcrReading("training_site", site, 0.6, 2),
                                OcrReading("online_platform", platform, 0.6, 3)})});
    EXPECT_EQ(a.applications.size(), 1u);
    return a.applications.at(0);
  };
  const Application app =
      assembled("山东益康人才发展有限公司", 0.95, "山东益原人才发展有限公司实训基地",
                "杰庄工程技术院在线学习平台");
  EXPECT_EQ(FieldOf(app, "training_site")->value, "山东益康人才发展有限公司实训基地");
  EXPECT_EQ(FieldOf(app, "online_platform")->value, "杰庄工程技术院在线学习平台");
  EXPECT_TRUE(HasFinding(app, "ocr_corrected"));
  // The name's first words, in a short name: 杰庄 for 枣庄 (with no 市 after
  // it, so not as a place name).
  const Application short_name =
      assembled("枣庄工程技术科学研究院", 0.95, "与枣庄市同创农业科技示范园共建实训基地",
                "杰庄工程技术院在线学习平台");
  EXPECT_EQ(FieldOf(short_name, "online_platform")->value, "枣庄工程技术院在线学习平台");
  // A partner's name is left alone.
  EXPECT_EQ(FieldOf(short_name, "training_site")->value, "与枣庄市同创农业科技示范园共建实训基地");
  // A short name's own ending is no misread; nor is a name read with doubt a guide.
  for (const auto& [unit, confidence] : std::vector<std::pair<std::string, double>>{
           {"济南市宏图文化艺术技术研究所", 0.95}, {"济南市宏转文化艺术技术研究所", 0.6}}) {
    const Application kept =
        assembled(unit, confidence, "济南市宏图文化艺术所实训中心", "济南市宏图文化艺术所云课堂");
    EXPECT_EQ(FieldOf(kept, "training_site")->value, "济南市宏图文化艺术所实训中心") << unit;
    EXPECT_EQ(FieldOf(kept, "online_platform")->value, "济南市宏图文化艺术所云课堂") << unit;
    EXPECT_FALSE(HasFinding(kept, "ocr_corrected")) << unit;
  }
}

TEST(Assemble, AUnitNameReadWithDoubtButAsTheSummarySheetTypesItGuidesItsPlatform) {
  DocumentFacts form =
      Doc(1, "东营市推荐材料/东营泰和/申报材料.pdf", kApplicationForm,
          {OcrReading("unit_name", "东营泰和财经职业培训学校", 0.54, 1),
           OcrReading("online_platform", "东芝泰和财经职业培训学校远程培训平台", 0.11, 2),
           OcrReading("training_site", "菏泽名央安全技术实训中心", 0.0, 3)});
  form.text_ocr = true;
  DocumentFacts sheet = SummarySheet(2, "东营市推荐材料/汇总表.docx", "东营市人力资源和社会保障局",
                                     {{Reading("unit_name", "东营泰和财经职业培训学校")}});
  Assembly a = Assemble({form, sheet});
  ASSERT_EQ(a.applications.size(), 1u);
  const Application& app = a.applications[0];
  EXPECT_EQ(FieldOf(app, "online_platform")->value, "东营泰和财经职业培训学校远程培训平台");
  // Another unit's name stays, however poorly read.
  EXPECT_EQ(FieldOf(app, "training_site")->value, "菏泽名央安全技术实训中心");
}

TEST(Assemble, APlatformReadWithLittleConfidenceMayHaveTwoCharactersOfItsUnitMisread) {
  for (const auto& [platform_confidence, shown] : std::vector<std::pair<double, std::string>>{
           {0.0, "菏泽尧舜安全技术远程培训平台"}, {0.8, "菏泽名央安全技术远程培训平台"}}) {
    Assembly a = Assemble({Doc(
        1, "申报表.pdf", kApplicationForm,
        {OcrReading("unit_name", "菏泽尧舜安全技术职业技术学院", 0.95, 1),
         OcrReading("online_platform", "菏泽名央安全技术远程培训平台", platform_confidence, 2)})});
    ASSERT_EQ(a.applications.size(), 1u);
    EXPECT_EQ(FieldOf(a.applications[0], "online_platform")->value, shown) << platform_confidence;
  }
  // Two characters apart in a long name read with some confidence are
  // another word (the platform's brand); where the platform's own words
  // begin (在线学习平台 against 职业学院) they differ by design.
  for (const auto& [unit, platform, confidence] :
       std::vector<std::tuple<std::string, std::string, double>>{
           {"山东鲁清人才发展有限公司", "山东弘毅人才发展有限公司在线学习平台", 0.56},
           {"山东益康信息工程职业学院", "山东益康信息工程在线学习平台", 0.3}}) {
    Assembly a = Assemble({Doc(1, "申报表.pdf", kApplicationForm,
                               {OcrReading("unit_name", unit, 0.95, 1),
                                OcrReading("online_platform", platform, confidence, 2)})});
    ASSERT_EQ(a.applications.size(), 1u);
    EXPECT_EQ(FieldOf(a.applications[0], "online_platform")->value, platform);
    EXPECT_FALSE(HasFinding(a.applications[0], "ocr_corrected")) << platform;
  }
}

// A screenshot of the platform shows its address as the screen renders
// it: an OCR'd form's address a letter or two off takes its letters.
// (px.xxlzfre.cn against px.odzfre.cn: other lengths are not aligned.)
TEST(Assemble, AnOcrPlatformAddressTakesTheLettersItsScreenshotShows) {
  auto url_with = [](const std::string& read, double confidence, const std::string& screen) {
    DocumentFacts form = Doc(
        1, "青岛/德润/申报表.pdf", kApplicationForm,
        {Reading("unit_name", "山东德润人力资源集团培训中心有限公司"),
         Reading("credit_code", kCode), OcrReading("online_platform_url", read, confidence, 3)});
    DocumentFacts shot = Doc(2, "青岛/德润/Screenshot_2024-06-24-11-09-35.png", "platform", {});
    shot.text = screen;
    shot.text_ocr = true;
    Assembly a = Assemble({form, shot});
    EXPECT_EQ(a.applications.size(), 1u);
    return a.applications.at(0);
  };
  Application app =
      url_with("https://px.nenqhxpt.net/index", 0.6, "登录\npx.ncnqhxpt.net/index\n课程中心");
  EXPECT_EQ(FieldOf(app, "online_platform_url")->value, "https://px.ncnqhxpt.net/index");
  EXPECT_TRUE(HasFinding(app, "ocr_corrected"));
  // Its dots lost on the screen, its letters are still the screenshot's.
  app = url_with("http://咱xjy.tjahyfy.com.cn", 0.49, "首页 jxjytjahyfycom.cn 在线学习");
  EXPECT_EQ(FieldOf(app, "online_platform_url")->value, "http://jxjy.tjahyfy.com.cn");
  // A form read surely, or a screenshot of another address, stays as read.
  for (const auto& [read, confidence, screen] :
       std::vector<std::tuple<std::string, double, std::string>>{
           {"https://px.odzfre.cn/index", 0.95, "px.xxlzfre.cn/index"},
           {"https://px.odzfre.cn/index", 0.6, "www.sdjxjy.gov.cn"},
           {"https://px.odzfre.cn/index", 0.6, "px.odzfre.cn/index px.xxlzfre.cn"},
           // Another length: not aligned letter by letter.
           {"https://px.odzfre.cn/index", 0.6, "px.xxlzfre.cn/index"},
           // l read as 1 or i, or j as i, on either side says nothing.
           {"https://www.ldlqs.com/#/home", 0.6, "https://www.1dlqs.com/#/home"},
           {"https://jxjy.bcjfska.net/#/home", 0.6, "https://jxiy.bcjfska.net/#/home"}}) {
    app = url_with(read, confidence, screen);
    EXPECT_EQ(FieldOf(app, "online_platform_url")->value, read) << screen;
    EXPECT_FALSE(HasFinding(app, "ocr_corrected")) << screen;
  }
}

TEST(Assemble, TheApplicationsMobileReadIntoTheEmailBesideItIsDropped) {
  for (const auto& [read, shown] : std::vector<std::pair<std::string, std::string>>{
           {"13734162172395053188@qq.com", "395053188@qq.com"},
           {"395053188@qq.com", "395053188@qq.com"},
           {"13734162172@qq.com", "13734162172@qq.com"}}) {
    Assembly a = Assemble({Doc(
        1, "济宁立信/mmexport1719393230000.jpg", kApplicationForm,
        {OcrReading("unit_name", "济宁立信国土资源职业技术学院", 0.9, 1),
         OcrReading("contact_mobile", "13734162172", 0.9, 2), OcrReading("email", read, 0.9, 3)})});
    ASSERT_EQ(a.applications.size(), 1u);
    EXPECT_EQ(FieldOf(a.applications[0], "email")->value, shown) << read;
    EXPECT_EQ(HasFinding(a.applications[0], "ocr_corrected"), read != shown) << read;
  }
}

TEST(Assemble, OcrPlaceNamesAreCorrectedAndDoubtfulNumbersShown) {
  std::vector<DocumentFacts> docs = {
      Doc(1, "青岛/甲/扫描.pdf", kApplicationForm,
          {OcrReading("unit_name", "青岛海研培训中心", 0.9), OcrReading("credit_code", kCode, 0.9),
           OcrReading("address", "山东省青鸟市财山区海尔路1号", 0.8),
           OcrReading("trainees_2021", 931, 0.4), OcrReading("trainees_2022", 7100, 0.9)})};
  Assembly a = Assemble(docs);
  ASSERT_EQ(a.applications.size(), 1u);
  const Application& app = a.applications[0];
  ASSERT_NE(FieldOf(app, "address"), nullptr);
  EXPECT_EQ(FieldOf(app, "address")->value, "山东省青岛市崂山区海尔路1号");
  EXPECT_TRUE(HasFinding(app, "ocr_place_corrected"));
  ASSERT_NE(FieldOf(app, "city"), nullptr);
  EXPECT_EQ(FieldOf(app, "city")->value, "青岛");
  // The doubtful number stays as read, with a finding naming it; the sure one has none.
  EXPECT_EQ(FieldOf(app, "trainees_2021")->value, 931);
  int doubtful = 0;
  for (const Finding& f : app.findings)
    if (f.code == "ocr_doubtful_number") {
      ++doubtful;
      EXPECT_EQ(f.field, "trainees_2021");
    }
  EXPECT_EQ(doubtful, 1);
}

TEST(Assemble, OrderOfDocumentsAndFolderLayoutDoNotMatter) {
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
  // The same files flat in one folder: the same applications.
  for (DocumentFacts& d : docs) d.file_path = "all/" + std::to_string(d.document_id) + ".docx";
  Assembly flat = Assemble(docs);
  ASSERT_EQ(flat.applications.size(), forward.applications.size());
  for (size_t i = 0; i < flat.applications.size(); ++i)
    EXPECT_EQ(flat.applications[i].id, forward.applications[i].id);
}

TEST(UnitNameKey, IgnoresSpacesPunctuationAndWidth) {
  EXPECT_EQ(UnitNameKey("济南 甲学院（盖章）"), UnitNameKey("济南甲学院(盖章)"));
  EXPECT_EQ(UnitNameKey("ＡＢＣ培训中心"), UnitNameKey("abc培训中心"));
}

TEST(OrganisationKindOf, TheLongestRegisteredEnding) {
  EXPECT_EQ(OrganisationKindOf("威海市瀚海信息工程技术研究所"), "研究所");
  EXPECT_EQ(OrganisationKindOf("山东德润财会职业技术学院"), "职业技术学院");
  EXPECT_EQ(OrganisationKindOf("山东德润财会职业学院"), "职业学院");
  EXPECT_EQ(OrganisationKindOf("山东宏图教育科技有限责任公司"), "有限责任公司");
  EXPECT_EQ(OrganisationKindOf("山东益康人力资源研究际"), "");  // a misread ending
}

}  // namespace
}  // namespace dossier::norm
