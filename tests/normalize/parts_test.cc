#include <gtest/gtest.h>

#include <string>
#include <tuple>
#include <vector>

#include "dossier/normalize/analysis.h"
#include "support/doc_builder.h"

namespace dossier::norm {
namespace {

using testing::DocBuilder;

using KindAndPages = std::tuple<std::string, int, int>;

// Each part's kind, first and last page, in order.
std::vector<KindAndPages> KindsAndPages(const std::vector<DocumentPart>& parts) {
  std::vector<KindAndPages> out;
  for (const DocumentPart& p : parts)
    out.emplace_back(p.analysis.classification.kind, p.first_page, p.last_page);
  return out;
}

// The form's rows on two pages: page 1 the unit, page 2 later sections, with
// a section heading that happens to be a rules document's title word.
void FormPages(DocBuilder& b) {
  b.Page()
      .Paragraph("山东省专业技术人员继续教育基地申报表")
      .Table({{{"单位名称"}, {"青岛丁职业学校"}},
              {{"统一社会信用代码"}, {"12370100MB1C872684"}},
              {{"法定代表人"}, {"王五"}},
              {{"专职教师人数"}, {"30"}}});
  b.Page()
      .Paragraph("三、管理制度")
      .Table({{{"继续教育管理机构"}, {"培训处"}},
              {{"管理人员人数"}, {"6"}},
              {{"网络培训平台名称"}, {"丁学校在线"}},
              {{"填表日期"}, {"2024年6月20日"}}});
}

TEST(AnalyzeParts, APackageScannedIntoOneFileIsSplitIntoItsDocuments) {
  DocBuilder b;
  b.Page().Paragraph("继续教育基地申报材料").Paragraph("申报单位：青岛丁职业学校");
  b.Page()
      .Paragraph("目 录")
      .Paragraph("一、山东省专业技术人员继续教育基地申报表")
      .Paragraph("二、营业执照")
      .Paragraph("三、师资名单")
      .Paragraph("四、管理制度");
  FormPages(b);
  b.Page()
      .Paragraph("事业单位法人证书")
      .Paragraph("统一社会信用代码 12370100MB1C872684")
      .Paragraph("名称 青岛丁职业学校")
      .Paragraph("宗旨和业务范围 职业技能培训");
  b.Page()
      .Paragraph("师资名单")
      .Table({{{"姓名"}, {"职称"}, {"专兼职"}}, {{"张一"}, {"讲师"}, {"专职"}}});
  b.Page().Table({{{"姓名"}, {"职称"}, {"专兼职"}}, {{"李二"}, {"教授"}, {"兼职"}}});
  b.Page().Paragraph("青岛丁职业学校继续教育管理制度").Paragraph("第一条 为规范管理……");
  b.Page().Paragraph("第五条 培训经费专款专用……");

  std::vector<DocumentPart> parts = AnalyzeParts(b.Build());
  const std::vector<KindAndPages> got = KindsAndPages(parts);
  const std::vector<KindAndPages> want = {{"other", 1, 2},
                                          {"application_form", 3, 4},
                                          {"license", 5, 5},
                                          {"faculty_list", 6, 7},
                                          {"rules", 8, 9}};
  EXPECT_EQ(got, want);
  // Each part is read as if it had come alone, with the file's page numbers.
  const DocumentPart& form = parts[1];
  bool platform = false;
  for (const FieldReading& r : form.analysis.fields) platform |= r.key == "online_platform";
  EXPECT_TRUE(platform);
  for (const Span& s : form.doc.spans) EXPECT_TRUE(s.page == 3 || s.page == 4) << s.text;
  EXPECT_EQ(parts[3].analysis.teachers.size(), 2u);
}

TEST(AnalyzeParts, AContentsLineWhoseNumeralOcrLostTitlesNothing) {
  DocBuilder b;
  b.Page().Paragraph("继续教育基地申报材料").Paragraph("申报单位：青岛丁职业学校");
  b.Page().Paragraph("、 师 资 队伍情况").Paragraph("、 培训情况证明");
  FormPages(b);
  b.Page()
      .Paragraph("青岛丁职业学校培训情况证明")
      .Table({{{"年度"}, {"培训班次"}, {"培训人数"}}, {{"2021年"}, {"94"}, {"13477"}}});
  std::vector<DocumentPart> parts = AnalyzeParts(b.Build());
  const std::vector<KindAndPages> got = KindsAndPages(parts);
  const std::vector<KindAndPages> want = {
      {"other", 1, 2}, {"application_form", 3, 4}, {"training_record", 5, 5}};
  EXPECT_EQ(got, want);
}

TEST(AnalyzeParts, AFormWhoseTitleWasLostBeginsAfterTheContentsByItsRows) {
  DocBuilder b;
  b.Page().Paragraph("申报单位：青岛丁职业学校").Paragraph("推荐单位：青岛市人社局");
  b.Page().Paragraph("目 录").Paragraph("一、申报表").Paragraph("三、师资队伍情况");
  b.Page()
      .Paragraph("一、单位基本情况")
      .Table({{{"申报单位名称"}, {"青岛丁职业学校"}},
              {{"统一社会信用代码"}, {"12370100MB1C872684"}},
              {{"法定代表人"}, {"王五"}},
              {{"专职教师人数"}, {"30"}}});
  b.Page()
      .Paragraph("青岛丁职业学校培训情况证明")
      .Table({{{"年度"}, {"培训班次"}, {"培训人数"}}, {{"2021年"}, {"94"}, {"13477"}}});
  std::vector<DocumentPart> parts = AnalyzeParts(b.Build());
  const std::vector<KindAndPages> got = KindsAndPages(parts);
  const std::vector<KindAndPages> want = {
      {"other", 1, 2}, {"application_form", 3, 3}, {"training_record", 4, 4}};
  EXPECT_EQ(got, want);
}

TEST(AnalyzeParts, ALicenceWhoseTitleOcrLostIsKnownByItsOwnWords) {
  DocBuilder b;
  FormPages(b);
  // A form's cell of prose naming its capital and founding is no licence.
  b.Page()
      .Paragraph("七、单位简介")
      .Table({{{"单位简介"},
               {"本校成立日期为2004年，注册资本五百万元，住所青岛市，经营范围职业技能培训。"}},
              {{"填表日期"}, {"2024年6月20日"}}});
  b.Page()
      .Paragraph("(2 一 “基尼 全正信下全 下和宁 划受”")
      .Paragraph("统一社会信用代码 12370100MB1C872684")
      .Paragraph("名 称 青岛丁职业学校  注册次本 伍佰万元整")
      .Paragraph("法定代表人 王五  成 立 日期 2004年05月09日")
      .Paragraph("经 营范围 职业技能培训  住 所 青岛市市南区香港中路10号");
  std::vector<DocumentPart> parts = AnalyzeParts(b.Build());
  const std::vector<KindAndPages> got = KindsAndPages(parts);
  const std::vector<KindAndPages> want = {{"application_form", 1, 3}, {"license", 4, 4}};
  EXPECT_EQ(got, want);
}

TEST(AnalyzeParts, AFormOfSeveralPagesIsOneDocument) {
  DocBuilder b;
  FormPages(b);
  std::vector<DocumentPart> parts = AnalyzeParts(b.Build());
  ASSERT_EQ(parts.size(), 1u);
  EXPECT_EQ(parts[0].analysis.classification.kind, "application_form");
  EXPECT_EQ(parts[0].first_page, 1);
  EXPECT_EQ(parts[0].last_page, 2);
}

TEST(AnalyzeParts, AFormsLaterPageAloneIsStillTheForm) {
  // Photographed on its own: no title, no unit, but the form's rows.
  DocBuilder b;
  b.Page().Table({{{"网络培训平台名称"}, {"丁学校在线"}},
                  {{"平台网址"}, {"https://ding.example.cn"}},
                  {{"平台同时在线人数"}, {"500"}},
                  {{"2023年培训项目数"}, {"12"}}});
  std::vector<DocumentPart> parts = AnalyzeParts(b.Build());
  ASSERT_EQ(parts.size(), 1u);
  EXPECT_EQ(parts[0].analysis.classification.kind, "application_form");
}

TEST(PagesOf, KeepsTheSpansAndTablesOfThosePagesRenumbered) {
  DocBuilder b;
  FormPages(b);
  const Document doc = b.Build();
  const Document page2 = PagesOf(doc, 2, 2);
  ASSERT_EQ(page2.pages.size(), 1u);
  EXPECT_EQ(page2.pages[0].number, 2);
  ASSERT_EQ(page2.tables.size(), 1u);
  for (const Cell& c : page2.tables[0].cells) {
    if (c.span_id < 0) continue;
    ASSERT_LT(c.span_id, static_cast<int>(page2.spans.size()));
    EXPECT_EQ(page2.spans[c.span_id].table, 0);
    EXPECT_EQ(page2.spans[c.span_id].page, 2);
  }
}

}  // namespace
}  // namespace dossier::norm
