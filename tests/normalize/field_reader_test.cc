#include <gtest/gtest.h>

#include <algorithm>
#include <map>

#include "dossier/normalize/analysis.h"
#include "support/doc_builder.h"

namespace dossier::norm {
namespace {

using testing::DocBuilder;

Document AsOcrDoc(Document doc) {
  for (Span& s : doc.spans) {
    s.method = ReadMethod::kOcr;
    s.confidence = 0.9;
  }
  return doc;
}

std::map<std::string, FieldReading> ByKey(const std::vector<FieldReading>& readings) {
  std::map<std::string, FieldReading> out;
  for (const FieldReading& r : readings) out[r.key] = r;
  return out;
}

TEST(FieldReader, LabelCellWithValueToTheRight) {
  Document doc =
      DocBuilder()
          .Paragraph("山东省专业技术人员继续教育基地申报表")
          .Table(
              {{{"单位名称"}, {"济南明德职业学院"}, {"统一社会信用代码"}, {"12370100MB1234567X"}},
               {{"法人代表"}, {"张 三"}, {"邮编"}, {"２５００１４"}},
               {{"年度继续教育经费（万元）"},
                {"35000元"},
                {"教学场地面积（平方米）"},
                {"1,200㎡"}}})
          .Build();
  auto fields = ByKey(ReadFormFields(doc));
  EXPECT_EQ(fields["unit_name"].value, "济南明德职业学院");
  EXPECT_EQ(fields["unit_name"].span_id, 2);
  EXPECT_EQ(fields["legal_rep"].value, "张三");
  EXPECT_EQ(fields["postcode"].value, "250014");
  EXPECT_DOUBLE_EQ(fields["annual_budget"].value.get<double>(), 3.5);
  EXPECT_DOUBLE_EQ(fields["classroom_area"].value.get<double>(), 1200);
  EXPECT_EQ(fields.count("credit_code"), 1u);
}

TEST(FieldReader, AValueAfterTheColonInTheLabelsCellIsNotABlankBesideIt) {
  // On a photo a lost rule joins label and value; the cell beside is blank.
  Document doc = AsOcrDoc(DocBuilder()
                              .Table({{{"专职 教师 人 数 :  四 十四人"}, {""}},
                                      {{"兼职教师人数"}, {"35人"}},
                                      {{"高级职称教师"}, {""}}})
                              .Build());
  auto fields = ByKey(ReadFormFields(doc));
  EXPECT_EQ(fields["faculty_fulltime"].value, 44);
  EXPECT_FALSE(fields["faculty_fulltime"].declared_none);
  EXPECT_EQ(fields["faculty_parttime"].value, 35);
  // A label alone with a blank beside it still says "none".
  EXPECT_TRUE(fields["faculty_senior"].declared_none);
  // A text field's label left blank for a seal: the sentence after the gap
  // is no unit's name.
  Document pledge = AsOcrDoc(
      DocBuilder().Paragraph("申报单位（盖章）：    承诺本单位对所填报内容的真实性负责").Build());
  auto pledged = ByKey(ReadFormFields(pledge));
  EXPECT_FALSE(pledged.count("unit_name") && pledged["unit_name"].value.is_string())
      << pledged["unit_name"].value.dump();
  Document promise = AsOcrDoc(
      DocBuilder()
          .Paragraph("申报单位承诺：本单位对所填报内容的真实性负责，如有虚假，愿承担相应责任。")
          .Build());
  EXPECT_EQ(ByKey(ReadFormFields(promise)).count("unit_name"), 0u);
  // A name written after the gap is the field's.
  Document dept = AsOcrDoc(DocBuilder().Paragraph("继续教育管理机构：    教学管理科").Build());
  EXPECT_EQ(ByKey(ReadFormFields(dept))["mgmt_dept"].value, "教学管理科");
}

TEST(FieldReader, HeaderRowWithValuesBelow) {
  Document doc =
      DocBuilder()
          .Table({{{"联系人"}, {"联系电话"}, {"手机"}, {"电子邮箱"}},
                  {{"王芳"}, {"(0531)51788246"}, {"138 0531 2345"}, {"WANG@Example.com"}}})
          .Build();
  auto fields = ByKey(ReadFormFields(doc));
  EXPECT_EQ(fields["contact_name"].value, "王芳");
  EXPECT_EQ(fields["contact_phone"].value, "0531-51788246");
  EXPECT_EQ(fields["contact_mobile"].value, "13805312345");
  EXPECT_EQ(fields["email"].value, "wang@example.com");
}

TEST(FieldReader, TraineesBlockWithYearHeadingsUnderAMergedLabel) {
  Document doc =
      DocBuilder()
          .Table({{{"近三年年培训专业技术人才人数", 2}, {"2021年"}, {"2022年"}, {"2023年"}},
                  {{"2,300 人"}, {"0.25万人"}, {"二千六百"}},
                  {{"2023年培训项目数"}, {"45"}, {"备注"}}})
          .Build();
  auto fields = ByKey(ReadFormFields(doc));
  EXPECT_EQ(fields["trainees_2021"].value, 2300);
  EXPECT_EQ(fields["trainees_2022"].value, 2500);
  EXPECT_EQ(fields["trainees_2023"].value, 2600);
  EXPECT_EQ(fields["programs_2023"].value, 45);
}

// The shapes a year table takes on filled-in forms (issue 12): each must
// give the three years, whatever the numbers' writing.
void ExpectYears(const Document& doc, int64_t y2021, int64_t y2022, int64_t y2023) {
  auto fields = ByKey(ReadFormFields(doc));
  EXPECT_EQ(fields["trainees_2021"].value, y2021);
  EXPECT_EQ(fields["trainees_2022"].value, y2022);
  EXPECT_EQ(fields["trainees_2023"].value, y2023);
}

TEST(FieldReader, TraineesInATableNestedInTheValueCell) {
  Document doc = DocBuilder()
                     .Table({{{"单位名称"}, {"济南明德职业学院"}},
                             {{"近三年年培训专业技术人才人数"},
                              {"年度\t2021年\t2022年\t2023年\n培训人数\t7100\t１３６００\t8800"}},
                             {{"2023年培训项目数"}, {"45"}}})
                     .Nested("table 1 row 2 cell 2", 1,
                             {{{"年度"}, {"2021年"}, {"2022年"}, {"2023年"}},
                              {{"培训人数"}, {"7100"}, {"１３６００"}, {"8800"}}})
                     .Build();
  ExpectYears(doc, 7100, 13600, 8800);
  auto fields = ByKey(ReadFormFields(doc));
  EXPECT_EQ(doc.spans[static_cast<size_t>(fields["trainees_2022"].span_id)].locator,
            "table 1 row 2 cell 2 > table 1 row 2 cell 3");
  EXPECT_EQ(fields["programs_2023"].value, 45);
}

TEST(FieldReader, TraineesSideBySideWithATotalAfterTheLastYear) {
  Document doc =
      DocBuilder()
          .Table({{{"近三年年培训专业技术人才人数"},
                   {"2021年度\t2022年度\t2023年度\t合计\n３４４００\t28300 人\t32900人\t95600"}}})
          .Nested("table 1 row 1 cell 2", 1,
                  {{{"2021年度"}, {"2022年度"}, {"2023年度"}, {"合计"}},
                   {{"３４４００"}, {"28300 人"}, {"32900人"}, {"95600"}}})
          .Build();
  ExpectYears(doc, 34400, 28300, 32900);
}

TEST(FieldReader, TraineesInANestedTableWithYearsDownAColumn) {
  Document doc =
      DocBuilder()
          .Table({{{"近三年培训人数"}, {"2021\t7100人\n2022\t一万三千零一十八\n2023\t8,800"}}})
          .Nested("table 1 row 1 cell 2", 1,
                  {{{"2021"}, {"7100人"}}, {{"2022"}, {"一万三千零一十八"}}, {{"2023"}, {"8,800"}}})
          .Build();
  ExpectYears(doc, 7100, 13018, 8800);
}

TEST(FieldReader, TraineesWithYearsAsRowsUnderTheLabel) {
  // The label spans the rows of its years, or stands over them.
  ExpectYears(DocBuilder()
                  .Table({{{"近三年年培训专业技术人才人数", 3}, {"2021年"}, {"2300人"}},
                          {{"2022年"}, {"2,450人"}},
                          {{"2023年"}, {"二千七百三十人"}},
                          {{"专职教师人数"}, {"2021"}, {""}}})
                  .Build(),
              2300, 2450, 2730);
  ExpectYears(DocBuilder()
                  .Table({{{"近三年年培训专业技术人才人数", 1, 2}},
                          {{"2021年度"}, {"2300"}},
                          {{"2022年度"}, {"2450"}},
                          {{"2023年度"}, {"2730"}},
                          {{"专职教师人数"}, {"2021"}}})
                  .Build(),
              2300, 2450, 2730);
}

TEST(FieldReader, TraineesOneYearACellBesideALabelSpanningTheirRows) {
  ExpectYears(DocBuilder()
                  .Table({{{"近三年培训专业技术人才人数", 3}, {"2021年：7100人"}},
                          {{"2022年 13,600人"}},
                          {{"2023年8800人次"}},
                          {{"2023年培训项目数"}, {"45"}}})
                  .Build(),
              7100, 13600, 8800);
}

TEST(FieldReader, TraineesWithAYearHeadingRowBelowTheLabel) {
  ExpectYears(DocBuilder()
                  .Table({{{"近三年年培训专业技术人才人数", 1, 4}},
                          {{"年度"}, {"2021年"}, {"2022年"}, {"2023年"}},
                          {{"人数"}, {"14455"}, {"一万二千"}, {"3.1万"}}})
                  .Build(),
              14455, 12000, 31000);
}

TEST(FieldReader, TraineesWithYearsAndNumbersAlternatingInTheLabelsRow) {
  ExpectYears(DocBuilder()
                  .Table({{{"近三年年培训专业技术人才人数"},
                           {"2021年"},
                           {"7100"},
                           {"2022年"},
                           {"13600"},
                           {"2023年"},
                           {"8800"}},
                          {{"专职教师人数"}, {"50"}, {"兼职教师人数"}, {"60"}, {""}, {""}, {""}}})
                  .Build(),
              7100, 13600, 8800);
}

TEST(FieldReader, TraineesWrittenInOneCell) {
  for (const char* written :
       {"2021年：7100人；2022年：13600人；2023年：8800人",
        "2021年7100人 2022年13600人 2023年8800人",
        "2021年度 7100人，2022年度 １３６００人，2023年度 8800人",
        "2021年、2022年、2023年分别为7100人、13600人、8800人",
        "2021-2023年分别培训7100、13600、8800人次",
        "2021年、2022年、2023年分别为7,100人、13,600人、8,800人",
        // A nested table flattened by a text layer: years as rows, as columns.
        "2021 年 7,100 人次 2022 年 13600 人次 2023 年 8800 人次",
        "年度 2021 年 2022 年 2023 年 培训人数 7100 13,600 8800",
        // Columns set apart by wide gaps, a number from its unit by one.
        "2021 年  2022 年  2023 年\n0.71 万人  一万三千六百人  8800 人"}) {
    SCOPED_TRACE(written);
    ExpectYears(DocBuilder().Table({{{"近三年年培训专业技术人才人数"}, {written}}}).Build(), 7100,
                13600, 8800);
  }
  // Bare years with their numbers glued on, where the number cannot run into
  // the year: a Chinese numeral, a number grouped by thousands.
  ExpectYears(DocBuilder()
                  .Table({{{"近三年年培训专业技术人才人数（人）"},
                           {"2021二万一千六百人  2022一万九千三百  202320,700人次"}}})
                  .Build(),
              21600, 19300, 20700);
  // And a recent year beginning a piece of the text, its number glued on
  // with no 0 the year could go on with (a decimal's 0. aside).
  ExpectYears(DocBuilder()
                  .Table({{{"近三年年培训专业技术人才人数"},
                           {"20210.2 万；2022 二千五百人；20232600 人次"}}})
                  .Build(),
              2000, 2500, 2600);
  // OCR sets a stray quote mark before a photographed year, the number glued
  // on with no mark between.
  ExpectYears(DocBuilder()
                  .Table({{{"近三年年培训专业技术人才人数"},
                           {"20217,172 人次  \u201d20228,770 人次  \u201c20236922 人次"}}})
                  .Build(),
              7172, 8770, 6922);
  // Or a stray character between a year and its 年.
  ExpectYears(DocBuilder()
                  .Table({{{"近三年年培训专业技术人才人数"},
                           {"2021 年: 986人次; 2022和年: 2117人次; 2023 年: 2031人"}}})
                  .Build(),
              986, 2117, 2031);
  // Label and value in one cell, or in a paragraph.
  ExpectYears(
      DocBuilder()
          .Table({{{"近三年年培训专业技术人才人数：2021年7100人；2022年13600人；2023年8800人"}}})
          .Build(),
      7100, 13600, 8800);
  ExpectYears(
      DocBuilder()
          .Paragraph("近三年培训人数：2021年一万四千四百五十五人，2022年13600人，2023年8800人")
          .Build(),
      14455, 13600, 8800);
}

// A photographed row of labels over their values, one label with a
// character OCR put in (联系和人, development seed 124): it is still a label
// (its value below), never a value found by its place between its
// neighbours' fields.
TEST(FieldReader, AMisreadLabelInARowOfLabelsIsStillALabel) {
  auto fields = ByKey(ReadFormFields(
      AsOcrDoc(DocBuilder()
                   .Table({{{"所在 市 : 山东省泰安市"}, {""}, {""}, {""}},
                           {{"联系和人"}, {"联系电话"}, {"手机"}, {"电子邮箱"}},
                           {{"蒋维国"}, {"0538-8012 561"}, {"17786977750"}, {"pgtkp@sohu.com"}}})
                   .Build())));
  EXPECT_EQ(fields["contact_name"].value, "蒋维国");
  EXPECT_EQ(fields["contact_name"].label, "联系和人");
  EXPECT_EQ(fields["contact_mobile"].value, "17786977750");
}

// A scanned year table as OCR read it (development seed 121): 千 read as
// 干 and as 王, and a speck above the last count read as a line of its own
// ("-").
// The speck's line is no part of the count, and the year heading beside a
// count left unread is never taken for the count by its place.
TEST(FieldReader, AScannedYearTablesSpecksAndMisreadNumerals) {
  auto fields =
      ByKey(ReadFormFields(AsOcrDoc(DocBuilder()
                                        .Table({{{"平台 同时 在 线人数 : 四 王 九百人"}, {""}},
                                                {{"近三 年 年培训 专业 技术人才人数"}, {""}},
                                                {{"2021"}, {"七干七百"}},
                                                {{"2022"}, {"0.89 万 人"}},
                                                {{"2023"}, {"-\n6600 人"}},
                                                {{"2023 年培训项目数 :"}, {"249 期"}}})
                                        .Build())));
  EXPECT_EQ(fields["trainees_2021"].value, 7700);
  EXPECT_EQ(fields["trainees_2022"].value, 8900);
  EXPECT_EQ(fields["trainees_2023"].value, 6600);
  EXPECT_EQ(fields["programs_2023"].value, 249);
  EXPECT_EQ(fields["online_capacity"].value, 4900) << "四王九百: only 千 stands before 九百";
  // A dash alone still says none.
  auto none = ByKey(ReadFormFields(AsOcrDoc(
      DocBuilder().Table({{{"专职教师人数"}, {"-"}}, {{"兼职教师人数"}, {"12人"}}}).Build())));
  EXPECT_TRUE(none["faculty_fulltime"].declared_none) << none["faculty_fulltime"].value.dump();
}

// A scanned year table whose 2022 heading OCR read with a speck after it
// as a character of its own (development seed 80): still the heading, and
// every count stays under its own year.
TEST(FieldReader, AYearHeadingWithASpeckReadAfterItIsStillTheHeading) {
  auto fields = ByKey(ReadFormFields(
      AsOcrDoc(DocBuilder()
                   .Table({{{"近三 年 年培训 专业 技术人才人数", 2, 1},
                            {""},
                            {"2021年"},
                            {"2022年 中"},
                            {"2023年"}},
                           {{""}, {"30400 人"}, {"三 万 五 干 三百人"}, {"二万 七干八 百"}},
                           {{"2023 年培训项目数"}, {"142 项", 1, 4}}})
                   .Build())));
  EXPECT_EQ(fields["trainees_2021"].value, 30400);
  EXPECT_EQ(fields["trainees_2022"].value, 35300);
  EXPECT_EQ(fields["trainees_2023"].value, 27800);
}

// A photographed cover whose underlined name OCR read as one character
// (development seed 121): no unit's name is that short; the form's own
// row gives it.
TEST(FieldReader, AUnitNameOcrCutToACharacterIsNoName) {
  auto fields = ByKey(
      ReadFormFields(AsOcrDoc(DocBuilder()
                                  .Paragraph("申报 单位 ( 盖 章)  : :二  -去 人己")
                                  .Table({{{"单位名称"}, {"山东岱鸿能源职业技能培训有限公司"}}})
                                  .Build())));
  EXPECT_EQ(fields["unit_name"].value, "山东岱鸿能源职业技能培训有限公司");
  auto cover_only =
      ByKey(ReadFormFields(AsOcrDoc(DocBuilder().Paragraph("申报 单位 ( 盖 章)  : 二").Build())));
  EXPECT_EQ(cover_only.count("unit_name"), 0u) << cover_only["unit_name"].value.dump();
}

TEST(FieldReader, LabelAndValueInOneCellAndValuesBelowLabels) {
  auto fields =
      ByKey(ReadFormFields(DocBuilder()
                               .Table({{{"单位名称：济南明德职业学院"}, {"法定代表人：张三"}},
                                       {{"管理人员人数"}, {"专职教师人数"}},
                                       {{"12"}, {"３５人"}}})
                               .Build()));
  EXPECT_EQ(fields["unit_name"].value, "济南明德职业学院");
  EXPECT_EQ(fields["legal_rep"].value, "张三");
  EXPECT_EQ(fields["mgmt_staff"].value, 12);
  EXPECT_EQ(fields["faculty_fulltime"].value, 35);
}

TEST(FieldReader, LabelAndValueInOneCellWithoutAColon) {
  // A cell border lost under a seal joins label and value on a scan.
  auto ocr = ByKey(ReadFormFields(AsOcrDoc(DocBuilder()
                                               .Table({{{"申报 日 期 二〇二四年六月十八日"}},
                                                       {{"平台 网 址 https://www.lhpx59.edu.cn"}},
                                                       {{"管理人员人数36人"}},
                                                       {{"法定代表人 袁丽"}},
                                                       // its colon read as a semicolon
                                                       {{"年度继续教育经费 (万元)  ;1320000元"}},
                                                       // a wide gap and no colon at all
                                                       {{"教学场地面积 (平方米)   1891.7"}}})
                                               .Build())));
  EXPECT_DOUBLE_EQ(ocr["annual_budget"].value.get<double>(), 132);
  EXPECT_DOUBLE_EQ(ocr["classroom_area"].value.get<double>(), 1891.7);
  EXPECT_EQ(ocr["application_date"].value, "2024-06-18");
  EXPECT_EQ(ocr["online_platform_url"].value, "https://www.lhpx59.edu.cn");
  EXPECT_EQ(ocr["mgmt_staff"].value, 36);
  EXPECT_EQ(ocr["legal_rep"].value, "袁丽");
  auto typed =
      ByKey(ReadFormFields(DocBuilder()
                               .Paragraph("联系人 王芳    联系电话 0531-51788246")
                               .Paragraph("地址变更情况说明")
                               .Table({{{"单位名称 济南明德职业学院"}},
                                       {{"年度继续教育经费（万元） 407.6"}},
                                       {{"近三年年培训专业技术人才人数 2021年7100人 2022年13600人 "
                                         "2023年8800人"}}})
                               .Build()));
  EXPECT_EQ(typed["contact_name"].value, "王芳");
  EXPECT_EQ(typed["contact_phone"].value, "0531-51788246");
  EXPECT_EQ(typed.count("address"), 0u) << "a text value must stand apart from its label";
  EXPECT_EQ(typed["unit_name"].value, "济南明德职业学院");
  EXPECT_DOUBLE_EQ(typed["annual_budget"].value.get<double>(), 407.6);
  EXPECT_EQ(typed["trainees_2021"].value, 7100);
  EXPECT_EQ(typed["trainees_2023"].value, 8800);
}

TEST(FieldReader, AnOcrLineOfLabelAndTextValueApartByAGapWithoutARuleBetween) {
  // A photo whose table was not found: each row is one line, its label and
  // its value set apart by a gap only.
  auto ocr = ByKey(ReadFormFields(AsOcrDoc(DocBuilder()
                                               .Paragraph("法 定 代表人  康涛")
                                               .Paragraph("机构类型  科研院所")
                                               .Paragraph("所 属地市  山东省泰安市")
                                               .Paragraph("推荐 部门  泰安市人社局")
                                               .Paragraph("联系人  王芳  联系电话  0538-5208054")
                                               // a speck after the label read as a
                                               // full stop, a rule as | (dev seed 92)
                                               .Paragraph("「 继续教育管理机构。 | 培训学院")
                                               .Build())));
  EXPECT_EQ(ocr["legal_rep"].value, "康涛");
  EXPECT_EQ(ocr["unit_type"].value, "科研院所");
  EXPECT_EQ(ocr["city"].value, "泰安");
  EXPECT_EQ(ocr["recommender"].value, "泰安市人社局");
  EXPECT_EQ(ocr["contact_name"].value, "王芳");
  EXPECT_EQ(ocr["contact_phone"].value, "0538-5208054");
  EXPECT_EQ(ocr["mgmt_dept"].value, "培训学院");
  // Not where the piece after the gap is followed by something other than
  // a label (a header row of labels we do not read), nor a seal's note,
  // nor in typed text, whose cells keep label and value apart.
  auto header = ByKey(
      ReadFormFields(AsOcrDoc(DocBuilder().Paragraph("单位名称  成立时间  注册资本").Build())));
  EXPECT_EQ(header.count("unit_name"), 0u) << header["unit_name"].value.dump();
  auto seal = ByKey(ReadFormFields(AsOcrDoc(DocBuilder().Paragraph("法定代表人  (签字)").Build())));
  EXPECT_EQ(seal.count("legal_rep"), 0u) << seal["legal_rep"].value.dump();
  auto typed = ByKey(ReadFormFields(DocBuilder().Paragraph("法定代表人  康涛").Build()));
  EXPECT_EQ(typed.count("legal_rep"), 0u);
}

// A row of labels over a row of values whose rules between the cells OCR
// lost (dev seed 94): one cell of labels over one of as many values.
TEST(FieldReader, AnOcrCellOfLabelsOverACellOfAsManyValues) {
  auto fields =
      ByKey(ReadFormFields(AsOcrDoc(DocBuilder()
                                        .Table({{{"二、师资情况"}},
                                                {{"专职 教师人数  兼职师资  副高级以上职称人数"}},
                                                {{"154人  98人  149 人"}},
                                                {{"三 、组织管理"}}})
                                        .Build())));
  EXPECT_EQ(fields["faculty_fulltime"].value, 154);
  EXPECT_EQ(fields["faculty_parttime"].value, 98);
  EXPECT_EQ(fields["faculty_senior"].value, 149);
  // Not when the counts differ: which value is whose is then unknown.
  fields = ByKey(ReadFormFields(
      AsOcrDoc(DocBuilder()
                   .Table({{{"专职 教师人数  兼职师资  副高级以上职称人数"}}, {{"154人  149 人"}}})
                   .Build())));
  EXPECT_EQ(fields.count("faculty_parttime"), 0u);
  EXPECT_EQ(fields.count("faculty_senior"), 0u);
}

TEST(FieldReader, AnOcrColonReadAsACommaSetsTheValueApart) {
  auto ocr = ByKey(ReadFormFields(
      AsOcrDoc(DocBuilder().Table({{{"联系人，路春生"}}, {{"重点领域 ，安全生产"}}}).Build())));
  EXPECT_EQ(ocr["contact_name"].value, "路春生");
  EXPECT_EQ(ocr["field_area"].value, "安全生产");
  // Not before a sentence: the pledge after the applicant's label.
  auto pledge = ByKey(ReadFormFields(
      AsOcrDoc(DocBuilder()
                   .Paragraph("申报单位，本单位对所填报内容的真实性负责，如有虚假愿承担责任")
                   .Build())));
  EXPECT_FALSE(pledge.count("unit_name") && pledge["unit_name"].value.is_string())
      << pledge["unit_name"].value.dump();
}

TEST(FieldReader, AShortLabelWithALoneCharacterReadBesideItIsStillTheLabel) {
  // A speck read as 申 beside 教室数, too short a label for a near match.
  auto ocr = ByKey(ReadFormFields(
      AsOcrDoc(DocBuilder()
                   .Table({{{"教室数 申"}, {"6 间"}}, {{"教学场地面积(平方米) :"}, {"440m2"}}})
                   .Build())));
  EXPECT_EQ(ocr["classroom_count"].value, 6);
  EXPECT_EQ(ocr["classroom_area"].value, 440);
}

TEST(FieldReader, AnOcrNameWhoseFirstCharacterIsNoFamilyNameIsDoubted) {
  auto person = [](const std::string& read, bool ocr = true) {
    Document doc = DocBuilder().Table({{{"法定代表人"}, {read}}}).Build();
    return ByKey(ReadFormFields(ocr ? AsOcrDoc(doc) : doc))["legal_rep"];
  };
  EXPECT_EQ(person("用宏伟").value, "用宏伟") << "kept, as nothing better is known";
  EXPECT_LE(person("用宏伟").confidence, 0.2);
  EXPECT_GT(person("翟宏伟").confidence, 0.5);
  EXPECT_GT(person("欧阳红梅").confidence, 0.5) << "a compound family name";
  EXPECT_GT(person("用宏伟", /*ocr=*/false).confidence, 0.5) << "typed text is as written";
  EXPECT_TRUE(person("殴").value.is_null()) << "one character is no name";
}

TEST(FieldReader, ThePledgesSignatureNoteMisreadIsNoName) {
  // （签字） read as "( 兰 和", its closing bracket lost.
  auto ocr =
      ByKey(ReadFormFields(AsOcrDoc(DocBuilder().Paragraph("法 定 代表人 ( 兰 和 TAN").Build())));
  EXPECT_EQ(ocr.count("legal_rep"), 0u) << ocr["legal_rep"].value.dump();
  // A signature OCR read as characters after the place to sign.
  auto signed_ = ByKey(
      ReadFormFields(AsOcrDoc(DocBuilder().Paragraph("法定代表人《签字) ;  人八八一").Build())));
  EXPECT_FALSE(signed_.count("legal_rep") && signed_["legal_rep"].value.is_string())
      << signed_["legal_rep"].value.dump();
  // Its 签 misread too.
  auto misread = ByKey(
      ReadFormFields(AsOcrDoc(DocBuilder().Paragraph("法定代表人 ( 笑字) :  人_八广").Build())));
  EXPECT_FALSE(misread.count("legal_rep") && misread["legal_rep"].value.is_string())
      << misread["legal_rep"].value.dump();
  // Its 字 read as a mark (development seed 75): 泪定代表人《 御?) 八广 作个、.
  auto marked = ByKey(
      ReadFormFields(AsOcrDoc(DocBuilder().Paragraph("泪定代表人《 御?)  八广 作个、").Build())));
  EXPECT_FALSE(marked.count("legal_rep") && marked["legal_rep"].value.is_string())
      << marked["legal_rep"].value.dump();
  // A note of words is no place to sign.
  auto in_charge = ByKey(ReadFormFields(
      AsOcrDoc(DocBuilder().Table({{{"法定代表人 (负责人)"}, {"王海军"}}}).Build())));
  EXPECT_EQ(in_charge["legal_rep"].value, "王海军");
}

TEST(FieldReader, TheOpinionBoxOfTheRecommenderIsNotTheRecommender) {
  // The form's closing rows on a photo: the label of the recommender's
  // opinion box begins with the recommender's label and is read with the
  // spaces OCR puts between words; its "意见" is no recommender.
  auto ocr = ByKey(ReadFormFields(
      AsOcrDoc(DocBuilder()
                   .Table({{{"推荐 单位 意见"}, {"同意推荐。\n2024 年 6月 20日"}},
                           {{"申报 单位 （盖章）"}, {""}},
                           {{"申报 单位 承诺"}, {"本单位对所填报内容的真实性负责。"}}})
                   .Build())));
  EXPECT_EQ(ocr.count("recommender"), 0u) << ocr["recommender"].raw;
  EXPECT_TRUE(ocr["unit_name"].value.is_null()) << ocr["unit_name"].raw;
}

// The pledge's 申报单位（盖章） read with another bracket and a smudge after
// it: still a place for the seal, no unit's name.
TEST(FieldReader, TheSealsPlaceReadWithAnOddBracketIsNoUnitName) {
  auto ocr = ByKey(ReadFormFields(AsOcrDoc(DocBuilder()
                                               .Paragraph("法定代表人 （签字）:")
                                               .Paragraph("申报 单位 〈盖章Oe")
                                               .Paragraph("日期 : 2024年6月26日")
                                               .Build())));
  EXPECT_EQ(ocr.count("unit_name"), 0u) << ocr["unit_name"].raw;
  EXPECT_EQ(ocr["application_date"].value, "2024-06-26");
}

TEST(FieldReader, YearHeadingsOutsideTheTraineesBlockAreNotTrainees) {
  Document doc =
      DocBuilder().Table({{{"经费"}, {"2021年"}, {"2022年"}}, {{""}, {"100"}, {"120"}}}).Build();
  auto fields = ByKey(ReadFormFields(doc));
  EXPECT_EQ(fields.count("trainees_2021"), 0u);
}

TEST(FieldReader, LabelValueParagraphsAndSameCell) {
  Document doc = DocBuilder()
                     .Paragraph("填表日期：二〇二四年六月十六日")
                     .Paragraph("联系人：王 芳　　电话：0531－51788246")
                     .Table({{{"单位名称：青岛海洋技术研究院"}}})
                     .Build();
  auto fields = ByKey(ReadFormFields(doc));
  EXPECT_EQ(fields["application_date"].value, "2024-06-16");
  EXPECT_EQ(fields["contact_name"].value, "王芳");
  EXPECT_EQ(fields["contact_phone"].value, "0531-51788246");
  EXPECT_EQ(fields["unit_name"].value, "青岛海洋技术研究院");
  EXPECT_EQ(fields["unit_name"].span_id, 2);
}

TEST(FieldReader, DeclaredNoneIsKeptAsNoneAndBlankCellsToo) {
  Document doc = DocBuilder().Table({{{"网络培训平台名称"}, {"无"}}, {{"平台网址"}, {""}}}).Build();
  auto fields = ByKey(ReadFormFields(doc));
  ASSERT_EQ(fields.count("online_platform"), 1u);
  EXPECT_TRUE(fields["online_platform"].declared_none);
  EXPECT_TRUE(fields["online_platform"].value.is_null());
  EXPECT_TRUE(fields["online_platform_url"].declared_none);
}

TEST(FieldReader, DistractorRowsAreNotFields) {
  Document doc = DocBuilder()
                     .Paragraph("2024年6月制")
                     .Table({{{"成立时间"}, {"2001年9月1日"}},
                             {{"传真"}, {"0531-88888888"}},
                             {{"单位简介"}, {"现有教职工560人，年培训3000人次，教室40间"}}})
                     .Build();
  EXPECT_TRUE(ReadFormFields(doc).empty());
}

TEST(FieldReader, CityDerivedFromAddressWhenNoCityRow) {
  Document doc =
      DocBuilder().Table({{{"通讯地址"}, {"山东省烟台市莱山区港城东大街100号"}}}).Build();
  auto fields = ByKey(ReadFormFields(doc));
  EXPECT_EQ(fields["city"].value, "烟台");
  EXPECT_EQ(fields["city"].span_id, fields["address"].span_id);
}

TEST(FieldReader, EnumeratedAndMarkedLabels) {
  Document doc =
      DocBuilder().Table({{{"1．单位名称*"}, {"某某学会"}}, {{"（二）邮 编"}, {"266000"}}}).Build();
  auto fields = ByKey(ReadFormFields(doc));
  EXPECT_EQ(fields["unit_name"].value, "某某学会");
  EXPECT_EQ(fields["postcode"].value, "266000");
}

TEST(FieldReader, CheckboxRowOfManagementRules) {
  Document doc =
      DocBuilder()
          .Table({{{"管理制度"},
                   {"☑教学组织管理 ☐学员考核管理 ■教学科研管理 □培训登记管理 √培训经费管理"}}})
          .Build();
  auto fields = ByKey(ReadFormFields(doc));
  EXPECT_EQ(fields["mgmt_rules"].value,
            nlohmann::json({"教学组织管理", "教学科研管理", "培训经费管理"}));
}

TEST(Classify, KindsKnownByTheirWordsWhenTheTitleWasNotRead) {
  // A licence photographed askew: title and code lost, its other labels read.
  Document licence = AsOcrDoc(DocBuilder()
                                  .Paragraph("济南至远职业技楷培训有限公司  注册资本")
                                  .Paragraph("类  型  股份有限公司  成立日期")
                                  .Paragraph("法定代表人  区华  营业 期限")
                                  .Paragraph("住  所  济南市平阴县旅游路17113号")
                                  .Build());
  EXPECT_EQ(Classify(licence).kind, kLicense);
  // A learning platform's home page, as a screenshot.
  Document platform =
      AsOcrDoc(DocBuilder()
                   .Paragraph("临沂德润旅游在线学习平台")
                   .Paragraph("learn.pkcjjc.edu.cn/")
                   .Paragraph("首页  课程中心  培训项目  学习记录  证书查询  通知公告  个人中心")
                   .Build());
  EXPECT_EQ(Classify(platform).kind, "platform");
}

// A cover breaks its title where the line is full.
TEST(Classify, AFormsCoverWhoseTitleRunsOverTwoLinesIsTheForm) {
  Document cover = AsOcrDoc(DocBuilder()
                                .Paragraph("附件 1")
                                .Paragraph("山东省专业 技术人员继 续 教育基地")
                                .Paragraph("申报表")
                                .Paragraph("申报 单位〈 盖 章 ) : 山东 省 聚贤农学学 会")
                                .Paragraph("推荐 单位 : 济南市人社局")
                                .Paragraph("填 表 日期 : 2024年6月19日")
                                .Build());
  EXPECT_EQ(Classify(cover).kind, kApplicationForm);
  auto fields = ByKey(ReadFormFields(cover));
  EXPECT_EQ(fields["unit_name"].value, "山东省聚贤农学学会");
  EXPECT_EQ(fields["application_date"].value, "2024-06-19");
}

TEST(Classify, FormSummaryAndFacultyListFromContent) {
  Document form = DocBuilder()
                      .Paragraph("山东省专业技术人员继续教育基地申报表")
                      .Table({{{"单位名称"}, {"甲"}}, {{"统一社会信用代码"}, {"x"}}})
                      .Build();
  EXPECT_EQ(Classify(form).kind, kApplicationForm);

  Document summary = DocBuilder()
                         .Table({{{"山东省专业技术人员继续教育基地申报汇总表", 1, 4}},
                                 {{"序号"}, {"申报单位名称"}, {"统一社会信用代码"}, {"备注"}},
                                 {{"1"}, {"甲学院"}, {"12370100MB1234567X"}, {""}}})
                         .Build();
  EXPECT_EQ(Classify(summary).kind, kSummarySheet);

  Document faculty = DocBuilder()
                         .Paragraph("甲学院师资名单")
                         .Table({{{"序号"}, {"姓名"}, {"职称"}, {"专兼职"}},
                                 {{"1"}, {"李四"}, {"教授"}, {"专职"}}})
                         .Build();
  Classification c = Classify(faculty);
  EXPECT_EQ(c.kind, kFacultyList);
  EXPECT_FALSE(c.reason.empty());

  Document note = DocBuilder().Paragraph("会议通知").Build();
  EXPECT_EQ(Classify(note).kind, kOther);
}

// A form's last page photographed on its own, holding only its date row
// and its page number, is the form's page; a page with other words beside
// the row, or a typed file, is not.
TEST(Classify, APhotographedPageOfOnlyTheFormsRowsIsTheForm) {
  Document last_page =
      AsOcrDoc(DocBuilder().Paragraph("中 报 日期 : 2024年 06月 26日").Paragraph("- 3 -").Build());
  EXPECT_EQ(ByKey(ReadFormFields(last_page))["application_date"].value, "2024-06-26");
  EXPECT_EQ(Classify(last_page).kind, kApplicationForm);
  Document note = AsOcrDoc(
      DocBuilder().Paragraph("申报日期：2024年06月26日").Paragraph("请于本周内报送材料").Build());
  EXPECT_EQ(Classify(note).kind, kOther);
  Document typed = DocBuilder().Paragraph("申报日期：2024年06月26日").Build();
  EXPECT_EQ(Classify(typed).kind, kOther);
}

// A form's last page photographed on its own (development seed 71): its
// date row, the recommending unit's opinion box, and the page's footer. The
// form's page, its date the form's; with words of another document beside
// them, it is not.
TEST(Classify, AFormsLastPageWithTheRecommendersOpinionIsTheForm) {
  auto last_page = [](const std::string& extra) {
    DocBuilder b;
    b.Paragraph("申报 日 期 : 2024.6.22")
        .Table(
            {{{"推荐 单位意见"}, {"经审核 ，情况 属 实 ，同 意 推荐。\n( 盖章) 2024年6月26日"}}});
    if (!extra.empty()) b.Paragraph(extra);
    b.Paragraph("第 3 页 共 3 页");
    return AsOcrDoc(b.Build());
  };
  const Document page = last_page("");
  EXPECT_EQ(Classify(page).kind, kApplicationForm) << Classify(page).reason;
  EXPECT_EQ(ByKey(ReadFormFields(page))["application_date"].value, "2024-06-22");
  EXPECT_EQ(Classify(last_page("请于本周内报送材料")).kind, kOther);
}

// A scanned form's last page (development seed 77): its 管理制度 row, the
// unit's introduction, the pledge, the places to sign and seal, the date.
// Two rows make no form page alone; with three of the form's closing parts
// they are the form's. A letter with a seal's place and a date is not.
TEST(Classify, AFormsLastPageWithItsClosingPartsIsTheForm) {
  auto page = [](bool closing) {
    DocBuilder b;
    b.Table({{{"管理制度"},
              {"[V] 教 学 组织 管理  [Vv 学 员考 核 管理\n[V] 教学科研管理  [Vv 培训 登 记管理"}}});
    if (closing)
      b.Paragraph("单位 简介")
          .Paragraph("山东电 泰应急 管理 研究 院始 建于1989 年 ，, 占地 面积229 亩 。")
          .Paragraph("申报单位 意见 :")
          .Paragraph("法 定代表人 (笃字 )  .人 ~ 和人-");
    else
      b.Paragraph("特此函告。");
    b.Paragraph("申报单位 《盖章)，").Paragraph("日期 : 2024/06/24");
    return AsOcrDoc(b.Build());
  };
  const Document last = page(true);
  EXPECT_EQ(Classify(last).kind, kApplicationForm) << Classify(last).reason;
  EXPECT_EQ(ByKey(ReadFormFields(last))["application_date"].value, "2024-06-24");
  EXPECT_NE(Classify(page(false)).kind, kApplicationForm) << Classify(page(false)).reason;
}

// A scanned form's last page (dev seed 63): its numbered section heading
// 五、网络培训平台 is no title, and the page is the form's, not a platform's
// screenshot, for all its words of platforms.
TEST(Classify, AFormsLastPageUnderItsPlatformSectionIsTheForm) {
  Document page = AsOcrDoc(DocBuilder()
                               .Table({{{"实训 基地"}, {"枣庄瀚海建工集团（合作单位）"}}})
                               .Paragraph("五 、 网 络培训 平台")
                               .Table({{{"远程教育平台"}, {"枣庄泰和乡村发展在线学习平台"}},
                                       {{"平台 网 址"}, {"px.eqdtw.edu.cn/index"}},
                                       {{"平台同时 在 线人数: 1.8万"}}})
                               .Paragraph("六、培训业绩")
                               .Table({{{"2023年"}, {"5100人"}}, {{"培训班次"}, {"235个"}}})
                               .Build());
  EXPECT_EQ(Classify(page).kind, kApplicationForm) << Classify(page).reason;
}

TEST(Analyze, SummarySheetRowsHeaderAndTotalRow) {
  Document summary =
      DocBuilder()
          .Table({{{"山东省专业技术人员继续教育基地申报汇总表", 1, 5}},
                  {{"推荐单位（盖章）：济南市人力资源和社会保障局", 1, 5}},
                  {{"序号"}, {"申报单位名称"}, {"统一社会信用代码"}, {"联系人"}, {"联系电话"}},
                  {{"1"}, {"甲学院"}, {"12370100MB1234567X"}, {"王芳"}, {"13805312345"}},
                  {{""}, {""}, {""}, {""}, {""}},
                  {{"合计"}, {"1家"}, {""}, {""}, {""}}})
          .Build();
  DocumentAnalysis a = Analyze(summary);
  ASSERT_EQ(a.classification.kind, kSummarySheet);
  ASSERT_EQ(a.summary_rows.size(), 1u);
  auto row = ByKey(a.summary_rows[0].fields);
  EXPECT_EQ(row["unit_name"].value, "甲学院");
  EXPECT_EQ(row["contact_phone"].value, "13805312345");
  ASSERT_EQ(a.header.size(), 1u);
  EXPECT_EQ(a.header[0].key, "recommender");
  EXPECT_EQ(a.header[0].value, "济南市人力资源和社会保障局");
}

TEST(Analyze, FacultyListNamesItsUnitInTheTitle) {
  Document faculty = DocBuilder()
                         .Paragraph("济南明德职业学院师资名单")
                         .Table({{{"序号"}, {"姓名"}, {"职称"}, {"专兼职"}},
                                 {{"1"}, {"李 四"}, {"教授"}, {"专职"}},
                                 {{"2"}, {"赵五"}, {"讲师"}, {"兼职"}}})
                         .Build();
  DocumentAnalysis a = Analyze(faculty);
  ASSERT_EQ(a.teachers.size(), 2u);
  EXPECT_EQ(a.teachers[0].name, "李四");
  EXPECT_EQ(a.teachers[1].employment, "兼职");
  auto fields = ByKey(a.fields);
  EXPECT_EQ(fields["unit_name"].value, "济南明德职业学院");
}

// As a phone photo of a form reads: a cell border's "|" before a label, one
// misread character in another, a label OCR could not read at all beside a
// credit code whose J came out as "]", and a speck read as a line above a name.
Document AsOcr(Document doc) {
  for (Span& s : doc.spans) {
    s.method = ReadMethod::kOcr;
    s.confidence = 0.8;
  }
  return doc;
}

// The management rules read from one OCR'd 管理制度 cell.
nlohmann::json OcrRulesOf(const std::string& cell) {
  return ByKey(ReadFormFields(
      AsOcr(DocBuilder().Table({{{"管理制度"}, {cell}}}).Build())))["mgmt_rules"]
      .value;
}

// Every rule the notice lists, in its order.
const nlohmann::json kAllRules = {"教学组织管理", "学员考核管理", "教学科研管理", "培训登记管理",
                                  "培训经费管理", "后勤保障管理", "培训效果评估", "跟踪反馈"};

TEST(FieldReader, OcrLabelsWithBorderMarksAndMisreadCharactersStillPair) {
  Document doc = AsOcr(DocBuilder()
                           .Table({{{"|  单位名称"}, {"1\n济南市技师学院"}},
                                   {{"全社会人人"}, {"91370203MA3F8T1R6|]"}},
                                   {{"a训场所或实训合作 单位"}, {"学院智能制造实训中心"}},
                                   {{"填表目期"}, {"2024年6月22日"}},
                                   {{"单位性质"}, {"其他"}}})
                           .Build());
  auto fields = ByKey(ReadFormFields(doc));
  EXPECT_EQ(fields["unit_name"].value, "济南市技师学院");
  EXPECT_EQ(fields["credit_code"].value, "91370203MA3F8T1R6J");
  EXPECT_EQ(fields["training_site"].value, "学院智能制造实训中心");
  EXPECT_EQ(fields["application_date"].value, "2024-06-22");
}

// The signing area's date label with its 日 read as 月.
TEST(FieldReader, OcrDateLabelWithItsDayReadAsMonth) {
  auto fields = ByKey(ReadFormFields(
      AsOcr(DocBuilder().Paragraph("申报单位 〈束章)").Paragraph("月期: 2024.6.26").Build())));
  EXPECT_EQ(fields["application_date"].value, "2024-06-26");
}

// A three-character label one character off on a photo: 数室数 is 教室数,
// its value a number. A short label of a text field stays unpaired when
// misread (所在地 is no 所在市: an address may follow it).
TEST(FieldReader, OcrThreeCharacterLabelOneCharacterOffStillPairs) {
  Document doc = AsOcr(
      DocBuilder().Table({{{"数室数 :"}, {"100间"}}, {{"所在地"}, {"济南市历下区"}}}).Build());
  auto fields = ByKey(ReadFormFields(doc));
  EXPECT_EQ(fields["classroom_count"].value, 100);
  EXPECT_EQ(fields.count("city"), 0u) << fields["city"].raw;
}

// Tesseract's Chinese model has no box glyphs: an empty box comes out as 口,
// a ticked one as a dense character (回, 加, 器) glued to the item, and an
// item may have one character misread (后勤 as 后动).
TEST(FieldReader, OcrCheckboxGlyphsAreReadAsBoxes) {
  Document doc =
      AsOcr(DocBuilder()
                .Table({{{"管理制度"},
                         {"回教学组织管理  ”回 学 员考核管理  ”口 教学科研管理  加培训登记管理  "
                          "”回 后 动保障管理  ”器 培训 效果评估  ”口 跟 踪反馈"}}})
                .Build());
  auto fields = ByKey(ReadFormFields(doc));
  EXPECT_EQ(fields["mgmt_rules"].value,
            nlohmann::json(
                {"教学组织管理", "学员考核管理", "培训登记管理", "后勤保障管理", "培训效果评估"}));
}

// A tick in a bracket ([√]) or a bare √ comes out of Tesseract as Latin
// letters (v, Y, [Y], Iv], [W门) or a quote mark; an empty bracket as []
// and an empty box as 口 or O.
TEST(FieldReader, OcrTicksReadAsLettersAreTicks) {
  EXPECT_EQ(OcrRulesOf("[Y]跟啼反馈  Iv]学员考核管理\n[Y] 后勤保障。管理 。[Y]教学组织管理\n"
                       "Iv]培训效果评估 。 Iv]数学科研管理\n[W门培训经费管理  W门培训登记管理"),
            nlohmann::json({"教学组织管理", "学员考核管理", "教学科研管理", "培训登记管理",
                            "培训经费管理", "后勤保障管理", "培训效果评估", "跟踪反馈"}));
  EXPECT_EQ(OcrRulesOf("v 教 学 组 织 管理  vi学员 考核管理\n“ 教学科研管理  v 培训登记管理\n"
                       "[ ] 培训经 费 管理  v上后勤保障管理\nO 培训效果评估  y 球踪反馈"),
            nlohmann::json({"教学组织管理", "学员考核管理", "教学科研管理", "培训登记管理",
                            "后勤保障管理", "跟踪反馈"}));
  // A mark OCR lost (at a line's start) in a list whose every mark read is
  // a tick is taken as ticked, and the value is doubted; where empty boxes
  // were read, a lost mark is not taken.
  std::vector<std::string> notes;
  auto read = ByKey(ReadFormFields(
      AsOcr(DocBuilder()
                .Table({{{"管理制度"},
                         {"教学组织管理  v 教学科研管理\n学员考核管理  v 培训效果评估"}}})
                .Build()),
      &notes))["mgmt_rules"];
  EXPECT_EQ(read.value,
            nlohmann::json({"教学组织管理", "学员考核管理", "教学科研管理", "培训效果评估"}));
  EXPECT_LE(read.confidence, 0.2);
  EXPECT_EQ(OcrRulesOf("教学组织管理  v 教学科研管理\n学员考核管理  口 培训效果评估"),
            nlohmann::json({"教学科研管理"}));
  // No letter, no box: a quote mark alone is no tick.
  EXPECT_EQ(OcrRulesOf("“教学组织管理 口学员考核管理 口教学科研管理 口培训登记管理"),
            nlohmann::json::array());
}

// 跟踪反馈, its 足 radicals blurred, is what phone photos of ticked lists
// lose most (on development seeds 53, 60, 63, 67 and 73 the only rule
// missed): half of it read (聚史反馈, 跟踪), behind a tick read as J or W, or
// behind a box read as a character at the list's head; and a speck read
// inside a long item (培训有登记管理).
TEST(FieldReader, OcrTickedRulesHalfReadAreStillNamed) {
  EXPECT_EQ(OcrRulesOf("V教学组织管理   V 学 员 考 核 管理  。 V 教学科研 管理  Vy培训登记 管理  "
                       "v培训经费管理  ”V 后勤保障管理  V 培训效果评估  “ J 聚史反馈"),
            kAllRules);
  EXPECT_EQ(OcrRulesOf("V教学组织管理  V 学 员 考 核 管理  VY 教学科研 管理  VY培训登记管理\n"
                       "忆 培训经费管理  后 勤保障管理  培训 效果评估  “ J 跟踪"),
            kAllRules);
  EXPECT_EQ(OcrRulesOf("轿骤殖反馈 。 图 培训 经 费 管理\n图 后 勤保障管理 。 国教学科研管理\n"
                       "图 学 员 考 核 管理 。” 国 培训效果评估\n国教学组织管理  ”国 培训登记管理"),
            kAllRules);
  EXPECT_EQ(
      OcrRulesOf(
          "[V ] 教 学 组 织 管理  Iv ] 学 员 考 核 管理  iv ] 教学科研管理  iv ] 培 训有登记管理\n"
          "[V 培训经费管理  Iv ] 后 动保障管理  iv ] 培 训 效 果 评 信   【W ] 腿 球 反 馈"),
      kAllRules);
  // Neither half of it as written: no item of the list.
  EXPECT_EQ(OcrRulesOf("V教学组织管理  V学员考核管理  V教学科研管理  V培训登记管理  V培训经费管理  "
                       "V后勤保障管理  V培训效果评估  轿骤殖反溃"),
            nlohmann::json({"教学组织管理", "学员考核管理", "教学科研管理", "培训登记管理",
                            "培训经费管理", "后勤保障管理", "培训效果评估"}));
}

TEST(FieldReader, OcrUnitTypeBoxesAreReadAsBoxes) {
  Document doc =
      AsOcr(DocBuilder()
                .Table({{{"单位类型"},
                         {"口高等院校 口科研院所 口行业 教育培训 机构 回专业协会(学 会)\n"
                          "口企业培训机构"}}})
                .Build());
  EXPECT_EQ(ByKey(ReadFormFields(doc))["unit_type"].value, "专业协会(学会)");
  doc = AsOcr(
      DocBuilder()
          .Table({{{"单位性质"}, {"口高等院校 器科研院所 口行业教育培训机构 口专业协会（学会）"}}})
          .Build());
  EXPECT_EQ(ByKey(ReadFormFields(doc))["unit_type"].value, "科研院所");
}

// The trainees' label OCR read with a speck for a comma and its unit's
// brackets out of order, above a year table whose label column is merged.
TEST(FieldReader, OcrTraineesLabelWithItsUnitReadOutOfOrder) {
  auto fields = ByKey(ReadFormFields(
      AsOcr(DocBuilder()
                .Table({{{"近三 年 年培训 ，专业 技术人才人 数 人 )\n(", 1, 7}},
                        {{""}, {"2021 年 度"}, {"2022 年 度"}, {""}, {"2023年度"}, {""}, {"合计"}},
                        {{""}, {"3300 人"}, {"4000人"}, {""}, {"4100人次"}, {""}, {"11400"}}})
                .Build())));
  EXPECT_EQ(fields["trainees_2021"].value, 3300);
  EXPECT_EQ(fields["trainees_2022"].value, 4000);
  EXPECT_EQ(fields["trainees_2023"].value, 4100);
}

TEST(FieldReader, TraineesWithBareYearsBeforeColons) {
  auto fields = ByKey(ReadFormFields(
      DocBuilder()
          .Table({{{"近三年年培训专业技术人才人数"}, {"2021: 3700人 ; 2022: 2600; 2023: 3500人"}}})
          .Build()));
  EXPECT_EQ(fields["trainees_2021"].value, 3700);
  EXPECT_EQ(fields["trainees_2022"].value, 2600);
  EXPECT_EQ(fields["trainees_2023"].value, 3500);
}

// Each year begins its line, a space before its number, as a text layer
// gives a cell typed that way.
TEST(FieldReader, TraineesWithBareYearsBeginningLines) {
  auto fields = ByKey(ReadFormFields(DocBuilder()
                                         .Table({{{"近三年年培训专业技术人才人数"},
                                                  {"2021 3900 人次\n2022 3600 人\n2023 四千四百"}},
                                                 {{"培训班次"}, {"232 个"}}})
                                         .Build()));
  EXPECT_EQ(fields["trainees_2021"].value, 3900);
  EXPECT_EQ(fields["trainees_2022"].value, 3600);
  EXPECT_EQ(fields["trainees_2023"].value, 4400);
}

// The same bare years run on in one line, each piece after a comma, as
// an office suite's PDF gives a cell typed that way.
TEST(FieldReader, TraineesWithBareYearsAfterCommas) {
  auto fields =
      ByKey(ReadFormFields(DocBuilder()
                               .Table({{{"近三年年培训专业技术人才人数"},
                                        {"2021 3200 人次，2022 2800 人次，2023 二千五百"}},
                                       {{"培训班次"}, {"232 个"}}})
                               .Build()));
  EXPECT_EQ(fields["trainees_2021"].value, 3200);
  EXPECT_EQ(fields["trainees_2022"].value, 2800);
  EXPECT_EQ(fields["trainees_2023"].value, 2500);
}

// OCR sets spaces before the semicolons that part the years.
TEST(FieldReader, OcrTraineesWithBareYearsAfterSpacedSemicolons) {
  auto fields = ByKey(
      ReadFormFields(AsOcr(DocBuilder()
                               .Table({{{"近三年 年培训 专业技术人才人数 (人 )"},
                                        {"2021 二万 七 干一百 ; 2022 31000人 ; 2023 29400人"}}})
                               .Build())));
  EXPECT_EQ(fields["trainees_2021"].value, 27100);
  EXPECT_EQ(fields["trainees_2022"].value, 31000);
  EXPECT_EQ(fields["trainees_2023"].value, 29400);
}

// A year OCR garbled past reading (E922 for 2022) is no more of the line
// above it: each year's number ends with its line.
TEST(FieldReader, OcrTraineesLineWithAGarbledYearIsNotTheYearAbovesNumber) {
  auto fields =
      ByKey(ReadFormFields(AsOcr(DocBuilder()
                                     .Table({{{"近三 年 年培训专业 技术人才人数"},
                                              {"2021 二万 五干六百\nE922 三态\n2023 21000 ."}}})
                                     .Build())));
  EXPECT_EQ(fields["trainees_2021"].value, 25600);
  EXPECT_FALSE(fields.count("trainees_2022"));
  EXPECT_EQ(fields["trainees_2023"].value, 21000);
}

// A year heading down a column that OCR garbled (022) is the year between
// the ones above and below it; a row that ends otherwise is no year.
TEST(FieldReader, OcrYearHeadingGarbledBetweenTwoYearsIsTheYearBetween) {
  auto read = [](const std::string& heading) {
    return ByKey(ReadFormFields(AsOcr(DocBuilder()
                                          .Table({{{"近三年年培训专业技术人才人数"}},
                                                  {{"2021"}, {"7600人"}},
                                                  {{heading}, {"九干六百人"}},
                                                  {{"2023"}, {"0.76万人"}},
                                                  {{"培训班次 : 169期"}}})
                                          .Build())));
  };
  auto fields = read("022");
  EXPECT_EQ(fields["trainees_2021"].value, 7600);
  EXPECT_EQ(fields["trainees_2022"].value, 9600);
  EXPECT_EQ(fields["trainees_2023"].value, 7600);
  fields = read("E922");
  EXPECT_EQ(fields["trainees_2022"].value, 9600);
  fields = read("四");
  EXPECT_EQ(fields["trainees_2022"].value, 9600);
  fields = read("015");
  EXPECT_FALSE(fields.count("trainees_2022"));
  EXPECT_EQ(fields["trainees_2021"].value, 7600);
  // The last of a run of years, before the total.
  fields = ByKey(ReadFormFields(AsOcr(DocBuilder()
                                          .Table({{{"近三年培训专业技术人才人数"}},
                                                  {{"2021"}, {"1277人"}},
                                                  {{"2022"}, {"1230"}},
                                                  {{"023"}, {"1591 人"}},
                                                  {{"合计"}, {"4098"}}})
                                          .Build())));
  EXPECT_EQ(fields["trainees_2023"].value, 1591);
}

// A cell's rules OCR read as "|" after a value of its own form are no
// part of it.
TEST(FieldReader, OcrRulesAfterADateAreNoPartOfIt) {
  auto fields = ByKey(ReadFormFields(
      AsOcr(DocBuilder()
                .Table({{{"联系电话"}, {"18814404009  |  |"}}, {{"日期"}, {"2024-06-18  |  |"}}})
                .Build())));
  EXPECT_EQ(fields["application_date"].value, "2024-06-18");
}

// The trainees' years written in a cell whose label OCR lost, each year
// at a line's start with a comma after it: they are the trainees', doubted.
TEST(FieldReader, OcrTraineesYearsInACellWhoseLabelWasLost) {
  auto fields = ByKey(ReadFormFields(
      AsOcr(DocBuilder()
                .Table({{{"人  《"}, {"2021，2322人\n2022，24 80 人\n2023，2 000人"}},
                        {{"2023年培训项目数"}, {"174"}}})
                .Build())));
  EXPECT_EQ(fields["trainees_2021"].value, 2322);
  EXPECT_EQ(fields["trainees_2022"].value, 2480);
  EXPECT_EQ(fields["trainees_2023"].value, 2000);
  EXPECT_LE(fields["trainees_2022"].confidence, kDoubtfulNumberConfidence);
  EXPECT_EQ(fields["programs_2023"].value, 174);
  // Years listed, not each with its number: nothing is read.
  fields = ByKey(
      ReadFormFields(AsOcr(DocBuilder().Table({{{"人  《"}, {"2021,2022,2023年"}}}).Build())));
  EXPECT_FALSE(fields.count("trainees_2021"));
}

// OCR set a label's last character after its unit's bracket.
TEST(FieldReader, OcrLabelWithItsLastCharacterPastItsUnit) {
  auto fields =
      ByKey(ReadFormFields(AsOcr(DocBuilder()
                                     .Table({{{"年度继续 教育经  (万元)费"}, {"250,000元"}},
                                             {{"固定 教室 数量 ( 间)"}, {"11"}}})
                                     .Build())));
  EXPECT_EQ(fields["annual_budget"].value, 25);
  EXPECT_EQ(fields["classroom_count"].value, 11);
}

// OCR set wide gaps inside a label and before its colon (固定  教室 数量
// ( 间 )  : 26, dev seed 83), one character misread too: the label is
// whole.
TEST(FieldReader, AnOcrLabelInPiecesBeforeItsColonIsWhole) {
  for (const char* read : {"固定  教室 数量 ( 间 )  : 26", "国定  教室 数量 ( 间 )  : 26"}) {
    auto fields = ByKey(ReadFormFields(AsOcr(DocBuilder().Table({{{read}}}).Build())));
    EXPECT_EQ(fields["classroom_count"].value, 26) << read;
  }
}

// Rows a photo's grid lost the rules between, read as the lines of one
// cell: a line of labels and values without a colon is read beside one
// with (dev seed 69).
TEST(FieldReader, OcrRowsWithoutAColonInACellOfRowsWithOne) {
  auto fields = ByKey(ReadFormFields(
      AsOcr(DocBuilder()
                .Table({{{"年 度培训 经费 “ 109.8 万元  教室 数  二 十八间\n教学 场地 面积 "
                          "( 平方米 ) : 2670m"}}})
                .Build())));
  EXPECT_EQ(fields["annual_budget"].value, 109.8);
  EXPECT_EQ(fields["classroom_count"].value, 28);
  EXPECT_EQ(fields["classroom_area"].value, 2670);
}

// Two label cells one above the other joined by a photo's grid: each
// label's value stands in its own row.
TEST(FieldReader, TwoLabelsOfOneOcrCellOverTwoRows) {
  auto fields = ByKey(ReadFormFields(
      AsOcr(DocBuilder()
                .Table({{{"管理部门 :\n管理制度 ;", 2, 1}, {"继续 教育处"}},
                        {{"[Y]教学组织管理 [Y]学员考核管理 [Y]教学科研管理 [Y]培训登记管理"}},
                        {{"近三年年培训 专业 技术人才人数培训 班次", 2, 1},
                         {"2021 年: 16000 人次，2022 年 : 15600 人，2023 年: 16400 人"}},
                        {{"二 十四"}}})
                .Build())));
  EXPECT_EQ(fields["mgmt_dept"].value, "继续教育处");
  EXPECT_EQ(fields["mgmt_rules"].value.size(), 4u) << fields["mgmt_rules"].value;
  EXPECT_EQ(fields["trainees_2022"].value, 15600);
  EXPECT_EQ(fields["programs_2023"].value, 24);
}

// A photo whose grid was not found: the rules between label and value
// cells read as "|" part them as gaps do.
TEST(FieldReader, OcrRulesReadAsBarsPartLabelsFromValues) {
  auto fields = ByKey(ReadFormFields(AsOcr(DocBuilder()
                                               .Paragraph("邮政 编码  ”| 255273  |  联系人")
                                               .Paragraph("法人代表  | 赵成林  |")
                                               .Build())));
  EXPECT_EQ(fields["postcode"].value, "255273");
  EXPECT_EQ(fields["legal_rep"].value, "赵成林");
  // Nor does a mark before a number after a wide gap belong to it.
  EXPECT_EQ(
      ByKey(ReadFormFields(AsOcr(
          DocBuilder().Paragraph("数学 场地面积 (平方米)  )，4249.7").Build())))["classroom_area"]
          .value,
      4249.7);
}

// A photo's page whose grid was not found, opening with the faculty block:
// a line of labels alone, a rule's remnant read as a line of its own, and
// the line of values below, each under its label in order.
TEST(FieldReader, OcrLineOfLabelsOverALineOfValues) {
  auto read = [](double values_top, const std::string& values) {
    Document doc = AsOcr(DocBuilder()
                             .Page()
                             .Paragraph("专职 教师人数  兼职师资  副 高 级以 上职称人数")
                             .Paragraph("|")
                             .Paragraph(values)
                             .Build());
    doc.spans[0].bbox = BBox{253, 212, 839, 230};
    doc.spans[1].bbox = BBox{891, 220, 893, 236};
    doc.spans[2].bbox = BBox{179, values_top, 673, values_top + 24};
    return ByKey(ReadFormFields(doc));
  };
  auto fields = read(247, "| 54人  143 人  82");
  EXPECT_EQ(fields["faculty_fulltime"].value, 54);
  EXPECT_EQ(fields["faculty_parttime"].value, 143);
  EXPECT_EQ(fields["faculty_senior"].value, 82);
  EXPECT_EQ(fields["faculty_parttime"].raw, "143 人");
  // A line further down is no row of their values; nor is one of another
  // number of pieces, whose values cannot be told apart.
  EXPECT_FALSE(read(400, "| 54人  143 人  82").count("faculty_fulltime"));
  EXPECT_FALSE(read(247, "| 54人  143 人").count("faculty_fulltime"));
}

// A photo's grid lost the rule between a value cell and the label cell
// after it: the label that ends the cell has its value to the right.
TEST(FieldReader, OcrLabelEndingAValueCellHasItsValueToTheRight) {
  auto fields = ByKey(ReadFormFields(AsOcr(
      DocBuilder().Table({{{"管理部门 :"}, {"继续 教育处  | 管理人员人数:"}, {"10人"}}}).Build())));
  EXPECT_EQ(fields["mgmt_staff"].value, 10);
  EXPECT_EQ(fields["mgmt_dept"].value, "继续教育处");
  // A name after a label ending a cell is not taken: any characters read
  // as a name.
  EXPECT_FALSE(
      ByKey(ReadFormFields(AsOcr(
                DocBuilder().Table({{{"地址"}, {"济南市历下区  | 联系人"}, {"王"}}}).Build())))
          .count("contact_name"));
}

// What OCR reads in a digit's place beside a number's digits, and 千 read
// as 子, are put back; the value says it was so read.
TEST(FieldReader, OcrDigitLookalikesBesideDigitsAreDigits) {
  std::vector<std::string> notes;
  auto fields = ByKey(ReadFormFields(AsOcr(DocBuilder()
                                               .Table({{{"专业图书资料(册)"}, {"4 3 7 工 册"}},
                                                       {{"高级职称教师"}, {"4B人"}},
                                                       {{"教学场地面积"}, {"30OO平方米"}},
                                                       {{"兼职师资"}, {"两子人"}}})
                                               .Build()),
                                     &notes));
  EXPECT_EQ(fields["library_volumes"].value, 4371);
  EXPECT_EQ(fields["faculty_senior"].value, 48);
  EXPECT_EQ(fields["classroom_area"].value, 3000.0);
  EXPECT_EQ(fields["faculty_parttime"].value, 2000);
  EXPECT_EQ(ByKey(ReadFormFields(AsOcr(
                DocBuilder().Table({{{"并发能力"}, {"四二五百人"}}}).Build())))["online_capacity"]
                .value,
            4500)
      << "千 read as 二 between two numerals";
  EXPECT_EQ(
      ByKey(ReadFormFields(AsOcr(
          DocBuilder().Table({{{"并发能力"}, {"上  四 于 三 百"}}}).Build())))["online_capacity"]
          .value,
      4300)
      << "a speck read as a character before the numerals";
  EXPECT_EQ(
      ByKey(ReadFormFields(AsOcr(
          DocBuilder().Table({{{"年度培训经费"}, {"1.270000.00元"}}}).Build())))["annual_budget"]
          .value,
      127.0)
      << "a thousands comma read as a point before the decimal point";
  auto ocr_line = [](const std::string& line) {
    return ByKey(ReadFormFields(AsOcr(DocBuilder().Paragraph(line).Build())));
  };
  EXPECT_EQ(ocr_line("兼职 教师人数 :  1  2 0 人")["faculty_parttime"].value, 120)
      << "digits set apart";
  EXPECT_EQ(ocr_line("管理人员人数 : 2 0")["mgmt_staff"].value, 20);
  EXPECT_EQ(ocr_line("高 级职称教师 ，  | 102")["faculty_senior"].value, 102)
      << "the label's colon read as a comma, its value past the cell's rule";
  EXPECT_LT(fields["library_volumes"].confidence, 0.8) << "shown as doubtful";
  EXPECT_NE(
      std::find(notes.begin(), notes.end(),
                "library_volumes「4 3 7 工 册」：「4 3 7 工 册」中有形似数字的字符，按数字读"),
      notes.end());
  // Between two digits a glyph may be a digit read twice: left as read.
  EXPECT_NE(ByKey(ReadFormFields(AsOcr(
                DocBuilder().Table({{{"并发能力"}, {"7了 00 人"}}}).Build())))["online_capacity"]
                .value,
            7700);
  // Letters away from the digits are no digits of theirs.
  EXPECT_EQ(
      ByKey(ReadFormFields(AsOcr(
          DocBuilder().Table({{{"专业图书资料(册)"}, {"4371册 B"}}}).Build())))["library_volumes"]
          .value,
      4371);
}

// The representative's cell OCR left blank: the next cell that holds text
// is the label of a row the spec names no field for, not the name.
TEST(FieldReader, ADistractorLabelIsNoValueOfTheBlankCellBeforeIt) {
  auto fields = ByKey(ReadFormFields(
      AsOcr(DocBuilder().Table({{{"法定代表人"}, {""}, {""}, {"成立时间"}, {"1952年"}}}).Build())));
  EXPECT_TRUE(fields["legal_rep"].value.is_null()) << fields["legal_rep"].value.dump();
}

// The trainees' years over their numbers, a small table OCR read as two
// lines of one cell with its rules as bars.
TEST(FieldReader, OcrYearsOverTheirNumbersInOneCell) {
  auto fields = ByKey(ReadFormFields(
      AsOcr(DocBuilder()
                .Table({{{"近三年年培训专业技术人才人数(人 )"},
                         {"|  2021  |  2022  |  2023\n|  5.772 人  |  6159人  |  6524 人"}}})
                .Build())));
  EXPECT_EQ(fields["trainees_2021"].value, 5772);
  EXPECT_EQ(fields["trainees_2022"].value, 6159);
  EXPECT_EQ(fields["trainees_2023"].value, 6524);
}

// A label and its value OCR read as one block, the value's line between
// the label's two.
TEST(FieldReader, OcrValueReadInsideItsLabel) {
  auto fields = ByKey(ReadFormFields(AsOcr(
      DocBuilder().Table({{{"专职 教师人数  9人"}, {"副 高 级 以上职\n30\n称人数"}}}).Build())));
  EXPECT_EQ(fields["faculty_senior"].value, 30);
  EXPECT_EQ(fields["faculty_fulltime"].value, 9);
}

// A long label with two characters misread, no other label near it.
TEST(FieldReader, OcrLongLabelTwoCharactersOffStillPairs) {
  auto fields = ByKey(ReadFormFields(
      AsOcr(DocBuilder()
                .Table({{{"南航职称 教师 :"}, {"37 人"}}, {{"单位名称"}, {"济南市技师学院"}}})
                .Build())));
  EXPECT_EQ(fields["faculty_senior"].value, 37);
  EXPECT_EQ(fields["unit_name"].value, "济南市技师学院");
  // 职教师人数 with both characters before it misread could be 专职 or 兼职.
  EXPECT_TRUE(
      ByKey(ReadFormFields(AsOcr(DocBuilder().Table({{{"南航教师人数 :"}, {"37 人"}}}).Build())))
          .empty());
}

// A label whose unit's bracket OCR read past knowing is the label before it.
TEST(FieldReader, OcrLabelBeforeAGarbledUnitIsTheLabel) {
  auto fields = ByKey(ReadFormFields(
      AsOcr(DocBuilder().Table({{{".教学场地面积 (平方>马鞍"}, {"371.6m2"}}}).Build())));
  EXPECT_EQ(fields["classroom_area"].value, 371.6);
  EXPECT_EQ(
      ByKey(ReadFormFields(AsOcr(
          DocBuilder().Table({{{"固定教富歼量(〔(间 ) :"}, {"7"}}}).Build())))["classroom_count"]
          .value,
      7)
      << "and two of the label's characters misread";
  // Not a label and its value in one cell, the value in Chinese numerals
  // (dev seed 89): the unit was read, and the value is the label's.
  EXPECT_EQ(ByKey(ReadFormFields(AsOcr(DocBuilder()
                                           .Table({{{"固定 教室 数量 ( 间 ) : 三 十七间"}}})
                                           .Build())))["classroom_count"]
                .value,
            37);
}

// A scanned form's first table opens with its section's title in a cell of
// its own, unnumbered: 基本信息 is no unit's name.
TEST(FieldReader, AnUnnumberedSectionTitleIsNoLabelAndValue) {
  auto fields = ByKey(ReadFormFields(
      AsOcr(DocBuilder()
                .Table({{{"申报 单位 基本 信息"}}, {{"机构名称: 山东启 航农业技术职业学院"}}})
                .Build())));
  EXPECT_EQ(fields["unit_name"].value, "山东启航农业技术职业学院");
}

// A unit's or a platform's name with a character of its last word, or the
// word, read twice.
TEST(FieldReader, OcrNameWordsReadTwiceAreOnce) {
  auto fields = ByKey(
      ReadFormFields(AsOcr(DocBuilder()
                               .Table({{{"远程教育平台"}, {"山东海岱财会远程培训平台平台"}},
                                       {{"单位名称"}, {"山东弘毅人才发展有限公公司"}},
                                       {{"实训基地"}, {"东营市园艺学会会继续教育网络学学院"}}})
                               .Build())));
  EXPECT_EQ(fields["online_platform"].value, "山东海岱财会远程培训平台");
  EXPECT_EQ(ByKey(ReadFormFields(
                AsOcr(DocBuilder()
                          .Table({{{"远程教育平台"}, {"青岛素和文化旅游有限公司云课党"}}})
                          .Build())))["online_platform"]
                .value,
            "青岛素和文化旅游有限公司云课堂");
  EXPECT_EQ(fields["unit_name"].value, "山东弘毅人才发展有限公司");
  EXPECT_EQ(fields["training_site"].value, "东营市园艺学会继续教育网络学院");
  // Development seeds 70 and 73: a character of 网络 or 教育 read twice.
  auto platform = [](const std::string& read) {
    return ByKey(ReadFormFields(
        AsOcr(DocBuilder().Table({{{"远程教育平台"}, {read}}}).Build())))["online_platform"]
        .value;
  };
  EXPECT_EQ(platform("山东省人力资源开发协会继续教育网网络学院"),
            "山东省人力资源开发协会继续教育网络学院");
  EXPECT_EQ(platform("致远专业技术人员继续教育育平台"), "致远专业技术人员继续教育平台");
  // 技术 after 科技, 理论 after 管理: words of their own.
  EXPECT_EQ(platform("山东科技技术管理理论网络学院"), "山东科技技术管理理论网络学院");
}

// "(间)" with its opening bracket read as a character.
TEST(FieldReader, OcrLabelWhoseUnitLostItsOpeningBracket) {
  auto fields = ByKey(ReadFormFields(
      AsOcr(DocBuilder()
                .Table({{{"年度 培训经费"}, {"252.1万元"}, {"固定 教室数量 人间 )"}, {"十四间"}}})
                .Build())));
  EXPECT_EQ(fields["classroom_count"].value, 14);
}

TEST(FieldReader, OcrMisreadsOfChineseNumeralsArePutBack) {
  auto fields = ByKey(ReadFormFields(
      AsOcr(DocBuilder()
                .Table({{{"近三年 年培训 专业 技术人才人数"},
                         {"2021年34307 2022 年三万 三 干八百二 十三人 2023 年 16 9 1 9 人次"}},
                        {{"专职教师人数"}, {"一 万 六和 干七百"}},
                        {{"并发能力"}, {"六干人"}},
                        {{"填表 日期"}, {"二@〇二四 年 六 月  十八 日"}},
                        {{"申报日期"}, {"二 O〇二四 年 六 月二十六日"}}})
                .Build())));
  EXPECT_EQ(fields["trainees_2021"].value, 34307);
  EXPECT_EQ(fields["trainees_2022"].value, 33823);
  EXPECT_EQ(fields["trainees_2023"].value, 16919);
  EXPECT_EQ(fields["faculty_fulltime"].value, 16700);
  EXPECT_EQ(fields["online_capacity"].value, 6000) << "not 6, its 千 misread";
  EXPECT_EQ(fields["application_date"].value, "2024-06-18");
}

// OCR reads a label's colon as a semicolon at the label's end, or a speck
// before it as one; a list of items set off by semicolons stays a list.
TEST(FieldReader, AColonOcrReadAsASemicolonEndsTheLabel) {
  auto fields = ByKey(ReadFormFields(AsOcr(DocBuilder()
                                               .Table({{{"培训 领域 ;: 现代海洋"}},
                                                       {{"联系人 ;  赵爱华"}},
                                                       {{"主管部门"}, {"威海市人社局"}}})
                                               .Build())));
  EXPECT_EQ(fields["field_area"].value, "现代海洋");
  EXPECT_EQ(fields["contact_name"].value, "赵爱华");
  EXPECT_EQ(fields["recommender"].value, "威海市人社局");
  // The semicolon right after the label, a space after it.
  fields = ByKey(ReadFormFields(
      AsOcr(DocBuilder().Table({{{"主管 部门; 菏泽 市人力 资源社会保障 局"}}}).Build())));
  EXPECT_EQ(fields["recommender"].value, "菏泽市人力资源社会保障局");
}

// A year's 〇 is a thin circle OCR drops: 二二四年 can only be 二〇二四年.
// And a 年 misread between a year of four digits and its month is the 年;
// 四 read as 网 beside a numeral is 四.
TEST(FieldReader, AChineseYearWhoseZeroOcrLostIsThisCenturys) {
  auto date = [](const std::string& read) {
    return ByKey(ReadFormFields(
        AsOcr(DocBuilder().Table({{{"申报日期"}, {read}}}).Build())))["application_date"]
        .value;
  };
  EXPECT_EQ(date("二 二四 年 六月 十 九日"), "2024-06-19");
  EXPECT_EQ(date("二〇二四年六月十九日"), "2024-06-19");
  EXPECT_EQ(ByKey(ReadFormFields(AsOcr(DocBuilder()
                                           .Table({{{"申报  日期 ;  二 二四 年 六月 十 九日"}}})
                                           .Build())))["application_date"]
                .value,
            "2024-06-19");
  EXPECT_TRUE(date("二四年六月十九日").is_null()) << "a year of two numerals is not guessed";
  EXPECT_EQ(date("2024立6月18 日a"), "2024-06-18") << "年 misread between year and month";
  EXPECT_TRUE(date("2024立6 18").is_null()) << "no 月 to show it is a date";
  EXPECT_EQ(date("2024年6网23日  -"), "2024-06-23") << "月 misread between month and day";
  EXPECT_TRUE(date("2024年6网 23").is_null()) << "no 日 to show it is a date";
  EXPECT_EQ(date("二〇 二四 年 六 月 十入 日"), "2024-06-18") << "八 read as 入";
  EXPECT_EQ(date("二人二四 年 六 月 十 七 日"), "2024-06-17") << "〇 read as 人";
  EXPECT_EQ(date("二 C〇二四 年六月 二 十四日"), "2024-06-24") << "〇 read as C〇";
  EXPECT_EQ(date("二〇二四年入月二日"), "2024-08-02");
  EXPECT_EQ(date("2024年6月人日"), "2024-06-08");
  EXPECT_EQ(date("二 O〇二网年六月十 九日 -一\n站 -八 262二 4加年月"), "2024-06-19")
      << "四 read as 网; the seal's ink read on the line below";
  EXPECT_EQ(date("二O〇二由年 六月二十 日"), "2024-06-20") << "四 read as 由";
  EXPECT_EQ(ByKey(ReadFormFields(AsOcr(DocBuilder()
                                           .Paragraph("法定代表人 (签字) ，  放八")
                                           .Paragraph("曲报 日期 ，2024.6.17")
                                           .Build())))["application_date"]
                .value,
            "2024-06-17")
      << "its label's word misread, its colon read as a comma";
}

// A decimal point read as a colon or a comma: 0:34万人 is 0.34万人. The
// colon after a year stays the year's.
TEST(FieldReader, OcrDecimalPointReadAsAColonAfterALeadingZero) {
  auto fields = ByKey(
      ReadFormFields(AsOcr(DocBuilder()
                               .Table({{{"近三年年培训专业技术人才人数（人）"}},
                                       {{"年份"}, {"2021 年度"}, {"2022 年度"}, {"2023 年度"}},
                                       {{"培训人数"}, {"0:34 万人"}, {"3900"}, {"4300 人次"}},
                                       {{"年度继续教育经费"}, {"0,85万元"}, {"教室数"}, {"12间"}}})
                               .Build())));
  EXPECT_EQ(fields["trainees_2021"].value, 3400);
  EXPECT_EQ(fields["trainees_2022"].value, 3900);
  EXPECT_EQ(fields["trainees_2023"].value, 4300);
  EXPECT_EQ(fields["annual_budget"].value, 0.85);
}

// A document as OCR gives it, each span's words with their confidence.
Document WithWords(Document doc, const std::map<std::string, double>& word_confidence) {
  doc = AsOcr(std::move(doc));
  for (Span& s : doc.spans) {
    s.confidence = 0.9;
    for (const std::string& w : {s.text}) {
      auto it = word_confidence.find(w);
      s.words.push_back(
          WordBox{w, BBox{0, 0, 10, 10}, it == word_confidence.end() ? 0.9 : it->second});
    }
  }
  return doc;
}

TEST(FieldReader, OcrNumberWithADisputedDigitIsDoubtedNotTrusted) {
  std::vector<std::string> notes;
  Document doc = WithWords(
      DocBuilder().Table({{{"专职教师人数"}, {"931"}}, {{"兼职教师人数"}, {"45"}}}).Build(),
      {{"931", 0.4}});
  auto fields = ByKey(ReadFormFields(doc, &notes));
  EXPECT_EQ(fields["faculty_fulltime"].value, 931) << "the value is kept, for the reviewer";
  EXPECT_LE(fields["faculty_fulltime"].confidence, kDoubtfulNumberConfidence);
  EXPECT_LT(fields["faculty_fulltime"].confidence, 0.85) << "below the reports' doubtful mark";
  EXPECT_GT(fields["faculty_parttime"].confidence, 0.85);
  ASSERT_EQ(notes.size(), 1u);
  EXPECT_EQ(notes[0].rfind(std::string(kDoubtfulNumberNote) + "faculty_fulltime：", 0), 0u)
      << notes[0];
}

// A name OCR read with one character unsure (重 for 鲁 at 0.57) is doubtful,
// though the rest of its line is sure: a typed writing of it may then stand.
TEST(FieldReader, OcrTextIsAsSureAsItsLeastSureCharacter) {
  Document doc = WithWords(DocBuilder()
                               .Table({{{"单位名称"}, {"山东重润安全技术学院"}},
                                       {{"联系人"}, {"田宇"}},
                                       {{"专职教师人数"}, {"45"}}})
                               .Build(),
                           {});
  for (Span& s : doc.spans)
    if (s.text == "山东重润安全技术学院")
      s.words = {WordBox{"山东", BBox{0, 0, 20, 10}, 0.93},
                 WordBox{"重", BBox{20, 0, 30, 10}, 0.57},
                 WordBox{"润安全技术学院", BBox{30, 0, 100, 10}, 0.95}};
  auto fields = ByKey(ReadFormFields(doc));
  EXPECT_DOUBLE_EQ(fields["unit_name"].confidence, 0.57);
  EXPECT_DOUBLE_EQ(fields["contact_name"].confidence, 0.9);
  // Numbers are doubted by their digits, with their own mark.
  EXPECT_DOUBLE_EQ(fields["faculty_fulltime"].confidence, 0.9);
}

TEST(FieldReader, OcrYearImplausibleBesideTheOthersIsDoubted) {
  for (const char* odd : {"383733", "931", "3"}) {
    SCOPED_TRACE(odd);
    std::vector<std::string> notes;
    Document doc = WithWords(
        DocBuilder()
            .Table({{{"近三年年培训专业技术人才人数", 2}, {"2021年"}, {"2022年"}, {"2023年"}},
                    {{odd}, {"6931"}, {"5200"}}})
            .Build(),
        {});
    auto fields = ByKey(ReadFormFields(doc, &notes));
    EXPECT_EQ(fields["trainees_2021"].value, std::stoll(odd));
    EXPECT_LE(fields["trainees_2021"].confidence, kDoubtfulNumberConfidence);
    EXPECT_GT(fields["trainees_2022"].confidence, 0.85);
    EXPECT_GT(fields["trainees_2023"].confidence, 0.85);
    ASSERT_EQ(notes.size(), 1u);
    EXPECT_NE(notes[0].find("trainees_2021"), std::string::npos);
  }
  // Typed forms are not second-guessed: 20000 beside 2000 may be real.
  std::vector<std::string> notes;
  Document typed =
      DocBuilder()
          .Table({{{"近三年年培训专业技术人才人数", 2}, {"2021年"}, {"2022年"}, {"2023年"}},
                  {{"20000"}, {"2000"}, {"2100"}}})
          .Build();
  EXPECT_EQ(ByKey(ReadFormFields(typed, &notes))["trainees_2021"].confidence, 1.0);
  EXPECT_TRUE(notes.empty());
}

// A section's heading that begins with a field's label (申报单位 of
// 一、申报单位基本信息) gives no value: the unit's name is the next row's.
TEST(FieldReader, ASectionHeadingIsNoLabelAndValue) {
  for (const char* heading : {"一 、申 报 单位 基本信息", "（一）申报单位 基本情况"}) {
    Document doc = AsOcr(DocBuilder()
                             .Table({{{heading, 1, 2}},
                                     {{"单位名 称 : 东营泰和财经职业培训学校", 1, 2}},
                                     {{"法人代表"}, {"尤敏"}}})
                             .Build());
    auto fields = ByKey(ReadFormFields(doc));
    EXPECT_EQ(fields["unit_name"].value, "东营泰和财经职业培训学校") << heading;
    EXPECT_EQ(fields["legal_rep"].value, "尤敏") << heading;
  }
}

// A round bracket OCR read as 〈, 〔, { or [, and a speck read as a full stop
// between Chinese characters, in an OCR'd text.
TEST(FieldReader, OcrBracketsAndSpecksInATextAreAsPrinted) {
  for (const auto& [read, site] : std::vector<std::pair<std::string, std::string>>{
           {"青岛蓝海农业科技示范园〈合作单位）", "青岛蓝海农业科技示范园（合作单位）"},
           {"青岛众诚装备制造有限公司{合作单位）", "青岛众诚装备制造有限公司（合作单位）"},
           {"青岛众诚装备制造有限公司[一期]（合作单位）",
            "青岛众诚装备制造有限公司[一期]（合作单位）"},
           {"青岛蓝海农业科技示范园（合作单位〕", "青岛蓝海农业科技示范园（合作单位）"},
           {"日照东岳软件园.（合作单位）", "日照东岳软件园（合作单位）"},
           {"日照东岳软件园〈二期〉", "日照东岳软件园〈二期〉"}}) {
    auto fields =
        ByKey(ReadFormFields(AsOcr(DocBuilder().Table({{{"实训基地"}, {read}}}).Build())));
    EXPECT_EQ(fields["training_site"].value, site) << read;
  }
}

// A label before the list is no box: "管理制度：" leaves every item named.
TEST(FieldReader, OcrRuleListWithoutBoxesKeepsEveryItem) {
  Document doc =
      AsOcr(DocBuilder().Paragraph("管理制度：教学组织管理、学员考核管理、跟踪反馈").Build());
  auto fields = ByKey(ReadFormFields(doc));
  EXPECT_EQ(fields["mgmt_rules"].value,
            nlohmann::json({"教学组织管理", "学员考核管理", "跟踪反馈"}));
}

// An item misread in half its characters behind its tick is still the item;
// without a mark before it, or when it stays unticked, it is not ticked.
TEST(FieldReader, OcrRuleItemMisreadBehindItsTickIsStillTheItem) {
  EXPECT_EQ(OcrRulesOf("v 教学组 织 管理  v 学 员 考核管 理 Y 培训效果 评 估  ”vv 强踪反司"),
            nlohmann::json({"教学组织管理", "学员考核管理", "培训效果评估", "跟踪反馈"}));
  EXPECT_EQ(OcrRulesOf("☑教学组织管理 ☑学员考核管理 ☑培训效果评估 □强踪反司"),
            nlohmann::json({"教学组织管理", "学员考核管理", "培训效果评估"}));
  EXPECT_EQ(OcrRulesOf("☑教学组织管理 ☑学员考核管理 ☑培训效果评估 强踪服务"),
            nlohmann::json({"教学组织管理", "学员考核管理", "培训效果评估"}));
  // A tick read as two letters ("va") before an item with three characters
  // misread.
  EXPECT_EQ(OcrRulesOf("va教学组织管理 Vv 学 员考核管理 va教科研学  管理 v培训登记管理"),
            nlohmann::json({"教学组织管理", "学员考核管理", "教学科研管理", "培训登记管理"}));
}

// The last item of a list whose others were all named is the one run of
// characters left behind a tick, however misread, or read short.
TEST(FieldReader, TheOneRuleItemLeftUnnamedIsTheRunLeftBehindATick) {
  EXPECT_EQ(
      OcrRulesOf("[Y ] 教 学组织 管理  [Y ] 学 员 考 核 管理  。 iv ] 教学科研管理  [Y ] "
                 "培训悟记管理\n[VY ] 培训星 费 管理  {Vv ] 后 勤保障管理  Iv ] 培训效果 评估  "
                 "Iv ] 到环反局"),
      kAllRules);
  EXPECT_EQ(OcrRulesOf("管理\nv 教 学组织  v 学 员考核管理\nv 教学科研管理 v培训 登记管理\n"
                       "v.培训 经费管理 V 后 勤保障管理\nv 培训效果评估 Y跟踪反馈"),
            kAllRules);
  // Left behind an empty box it is named but not ticked; with two items
  // unnamed, or two runs left, nothing says which is which.
  EXPECT_EQ(OcrRulesOf("☑教学组织管理 ☑学员考核管理 ☑教学科研管理 ☑培训登记管理 ☑培训经费管理 "
                       "☑后勤保障管理 ☑培训效果评估 □到环反局"),
            nlohmann::json({"教学组织管理", "学员考核管理", "教学科研管理", "培训登记管理",
                            "培训经费管理", "后勤保障管理", "培训效果评估"}));
  EXPECT_EQ(OcrRulesOf("☑教学组织管理 ☑学员考核管理 ☑教学科研管理 ☑培训登记管理 ☑培训经费管理 "
                       "☑后勤保障管理 ☑到环反局 ☑粗加工评"),
            nlohmann::json({"教学组织管理", "学员考核管理", "教学科研管理", "培训登记管理",
                            "培训经费管理", "后勤保障管理"}));
  EXPECT_EQ(OcrRulesOf("☑教学组织管理 ☑学员考核管理 ☑教学科研管理 ☑培训登记管理 ☑培训经费管理 "
                       "☑后勤保障管理 ☑培训效果评估 ☑到环反局 ☑某某某某"),
            nlohmann::json({"教学组织管理", "学员考核管理", "教学科研管理", "培训登记管理",
                            "培训经费管理", "后勤保障管理", "培训效果评估"}));
  // Behind a glyph not yet seen as a box, with characters swapped and
  // misread (后保障勒管理); behind a tick read as [x] or with a digit (v4).
  EXPECT_EQ(
      OcrRulesOf("国竹学组织管理\n国学员考核管理\n国教学科研管理\n置培训登记管理\n是培训经费管理"
                 "\n轿后保障勒  管理\n莉培训效果评估\n图跟踪反馈"),
      kAllRules);
  EXPECT_EQ(
      OcrRulesOf("[x] 教学组 织 管理  [x] 学 员 考 核 管理 。” [x]4教学科研管理  [x]3培训登记管理"
                 "  [x] 培训经 费 管理  [x] 后 勤保障 管理  [x]3培训效果评估  [x]i妈到反馈"),
      kAllRules);
  EXPECT_EQ(
      OcrRulesOf(
          "[V]墩学组织管理 VF学员考核管理 (v4教科研学  管理 【V]培训登记管理\n[V]培训经费管理 "
          "【V]后勤保障管理 【VY]接训效果评估 vi跟踪反司"),
      kAllRules);
  EXPECT_EQ(OcrRulesOf("☑教学组织管理 ☑学员考核管理 ☑教学科研管理 ☑培训登记管理 ☑培训经费管理 "
                       "□后保障勒管理 ☑培训效果评估 ☑跟踪反馈"),
            nlohmann::json({"教学组织管理", "学员考核管理", "教学科研管理", "培训登记管理",
                            "培训经费管理", "培训效果评估", "跟踪反馈"}));
}

// A row the page broke: its last item is on the next page, in a row whose
// label cell is empty. A table on the next page that begins a section of
// its own is not a continuation.
TEST(FieldReader, ARowBrokenByThePageGoesOnOnTheNextPage) {
  DocBuilder b;
  b.Page().Table({{{"管理部门："}, {"教学运营部"}},
                  {{"管理制度："},
                   {"☑教学组织管理 ☑学员考核管理 ☑教学科研管理☑培训登记管理\n☑培训经费管理 "
                    "☑后勤保障管理 ☑培训效果评估"}}});
  b.Page().Table(
      {{{""}, {"☑跟踪反馈"}}, {{"四、办学条件"}}, {{"年度继续教育经费(万元)："}, {"283"}}});
  Document doc = b.Build();
  // Labels on the left, values on the right, as a PDF places them.
  for (Span& span : doc.spans)
    span.bbox = span.col == 0 ? BBox{60, 100, 190, 115} : BBox{200, 100, 520, 115};
  auto fields = ByKey(ReadFormFields(doc));
  EXPECT_EQ(fields["mgmt_rules"].value.size(), 8u) << fields["mgmt_rules"].value;
  EXPECT_EQ(fields["annual_budget"].value, 283);
}

// The next page opening with the place to seal and its date, under a
// value: the form's end, not more of the value.
TEST(FieldReader, TheSealOnTheNextPageIsNoMoreOfTheValueAboveIt) {
  for (const char* seal : {"〈盖章) .\n.1  2024年6月26日", "村\n〈苦章)\n2024年6月26日"}) {
    DocBuilder b;
    b.Page().Table({{{"专职教师人数"}, {"兼职教师人数"}, {"高级职称教师"}},
                    {{"44人"}, {"10 人"}, {"22 人 ."}}});
    b.Page().Table({{{""}, {""}, {seal}}});
    Document doc = AsOcr(b.Build());
    for (Span& span : doc.spans)
      span.bbox = BBox{80.0 + 147 * span.col, 100, 200.0 + 147 * span.col, 115};
    auto fields = ByKey(ReadFormFields(doc));
    EXPECT_EQ(fields["faculty_senior"].value, 22) << seal;
    EXPECT_EQ(fields["faculty_fulltime"].value, 44) << seal;
  }
}

// A header row of labels ends the page and their values open the next,
// as a table of their own: each value stands under its label. A table on
// the next page that opens with labels is not their values.
TEST(FieldReader, HeaderLabelsWithTheirValuesOnTheNextPage) {
  auto read = [](const std::string& next_first_row) {
    DocBuilder b;
    b.Page().Table({{{"实训基地"}, {"济南同创人民医院（合作单位）"}}});
    b.Table({{{"专职教师人数"}, {"兼职师资"}, {"副高级以上职称人数"}}});
    b.Page().Table({{{next_first_row}, {"十八人"}, {"15 人"}}, {{"培训班次"}, {"193 个"}}});
    Document doc = b.Build();
    for (Span& span : doc.spans)
      span.bbox = BBox{80.0 + 147 * span.col, 100, 200.0 + 147 * span.col, 115};
    return ByKey(ReadFormFields(doc));
  };
  auto fields = read("三十六人");
  EXPECT_EQ(fields["faculty_fulltime"].value, 36);
  EXPECT_EQ(fields["faculty_parttime"].value, 18);
  EXPECT_EQ(fields["faculty_senior"].value, 15);
  EXPECT_EQ(fields["programs_2023"].value, 193);
  fields = read("管理部门");
  EXPECT_FALSE(fields.count("faculty_fulltime"));
  EXPECT_FALSE(fields.count("faculty_senior"));
}

// The trainees' year headings end the page and their numbers open the
// next, in a row with a label of its own (培训人数), the page's table
// numbering its cells otherwise: each number is the one under its year. A
// row another field labels is that field's.
TEST(FieldReader, YearHeadingsWithTheirNumbersOnTheNextPage) {
  auto read = [](const std::string& row_label) {
    DocBuilder b;
    b.Page().Table({{{"实训场所或实训合作单位："}, {"汇智新材料所实训中心"}}});
    b.Table(
        {{{"近三年年培训专业技术人才人数（人）"}}, {{"年度"}, {"2021年"}, {"2022年"}, {"2023年"}}});
    b.Page().Table({{{row_label}, {"15074人次"}, {""}, {"15886人"}, {"15785人"}},
                    {{"培训班次："}, {""}, {"79"}}});
    Document doc = b.Build();
    // The next page's cells: 培训人数 | 15074 | (empty) | 15886 | 15785 stand
    // under 年度 | 2021 | 2022 | 2023 by place, not by number.
    const double header_x[] = {66, 153, 302, 388};
    const double next_x[] = {66, 153, 240, 302, 388};
    for (Span& span : doc.spans) {
      const bool on_next_page = span.page == 2 && span.row == 0;
      const double x = on_next_page ? next_x[span.col] : header_x[std::min(span.col, 3)];
      span.bbox = BBox{x, 100, x + 45, 115};
    }
    return ByKey(ReadFormFields(doc));
  };
  auto fields = read("培训人数");
  EXPECT_EQ(fields["trainees_2021"].value, 15074);
  EXPECT_EQ(fields["trainees_2022"].value, 15886);
  EXPECT_EQ(fields["trainees_2023"].value, 15785);
  // A next page that opens with another field's row is not the years' numbers.
  fields = read("专职教师人数：");
  EXPECT_FALSE(fields.count("trainees_2021"));
  EXPECT_EQ(fields["faculty_fulltime"].value, 15074);
}

// OCR read a speck inside a value as a colon, after a wide gap behind its
// label's own colon; what it seems to label is no label.
TEST(FieldReader, AColonOcrReadInsideAValueAfterAGapIsASpeck) {
  auto fields = ByKey(ReadFormFields(AsOcr(
      DocBuilder()
          .Table({{{"远程 教育平台 :  日照 市 文化 旅游专业 技术人员 :培训中 心远程培训平台"}},
                  {{"联系人 :  张三  手机 : 13310083582"}}})
          .Build())));
  EXPECT_EQ(fields["online_platform"].value, "日照市文化旅游专业技术人员培训中心远程培训平台");
  EXPECT_EQ(fields["contact_name"].value, "张三");
  EXPECT_EQ(fields["contact_mobile"].value, "13310083582");
}

// A photo's grid found a rule inside a value and parted its digits into
// two cells; run on, they are the value. A count is never so made up.
TEST(FieldReader, DigitsAGridPartedIntoTwoCellsAreOneValue) {
  auto fields = ByKey(ReadFormFields(AsOcr(DocBuilder()
                                               .Table({{{"邮政编码 ，2524"}, {"70"}},
                                                       {{"手机号码: 1331"}, {"0083582"}},
                                                       {{"管理人员人数: 12"}, {"3"}}})
                                               .Build())));
  EXPECT_EQ(fields["postcode"].value, "252470");
  EXPECT_EQ(fields["contact_mobile"].value, "13310083582");
  EXPECT_EQ(fields["mgmt_staff"].value, 12);
}

// A photo's grid parted a merged label cell's two lines into two rows, the
// years beside them running above and below.
TEST(FieldReader, TraineesLabelPartedOverTwoRowsBesideItsYears) {
  auto fields = ByKey(
      ReadFormFields(AsOcr(DocBuilder()
                               .Table({{{""}, {"2021年"}, {"3847"}},
                                       {{"近三 年年培训专业 技术"}, {"2022年"}, {"5,083人次"}},
                                       {{"人才人数 (人)"}, {"2023年"}, {"4766人次"}},
                                       {{""}, {"全 计"}, {"13696"}},
                                       {{"培训班次 :"}, {"224项"}}})
                               .Build())));
  EXPECT_EQ(fields["trainees_2021"].value, 3847);
  EXPECT_EQ(fields["trainees_2022"].value, 5083);
  EXPECT_EQ(fields["trainees_2023"].value, 4766);
  EXPECT_EQ(fields["programs_2023"].value, 224);
}

// A number of one character after a label and its colon is the label's
// value, not a speck beside a label; the next cell is the next label's.
TEST(FieldReader, AOneCharacterNumeralAfterAColonIsTheValue) {
  auto fields = ByKey(ReadFormFields(
      AsOcr(DocBuilder().Table({{{"专职 教师人数 : 十"}, {"兼职教师人数 : : 23人"}}}).Build())));
  EXPECT_EQ(fields["faculty_fulltime"].value, 10);
  EXPECT_EQ(fields["faculty_parttime"].value, 23);
}

// A section's heading that reads as a label stands above rows of
// "label：value" cells; those rows are their own labels' values, not the
// heading's.
TEST(FieldReader, ACellWithItsOwnLabelIsNoValueOfTheHeadingAbove) {
  auto fields =
      ByKey(ReadFormFields(DocBuilder()
                               .Table({{{"网络培训平台"}},
                                       {{"网络培训平台名称：智汇专业技术人员继续教育平台"}},
                                       {{"网址：https://px.zeflaq.ac.cn/portal/index.html"}},
                                       {{"平台同时在线人数：2,700 人"}}})
                               .Build()));
  EXPECT_EQ(fields["online_platform"].value, "智汇专业技术人员继续教育平台");
  EXPECT_EQ(fields["online_capacity"].value, 2700);
}

// OCR sets a wide gap inside a label as readily as between label and
// value; the words before the gap begin the label when alone it names
// nothing.
TEST(FieldReader, AnOcrLabelSplitByAWideGapIsReadWhole) {
  Document doc = AsOcr(DocBuilder()
                           .Table({{{"年 度继续  教育经费 (万元) : 227"}, {""}},
                                   {{"教室数 ;"}, {"十四间"}},
                                   {{"单位名称  山东益康  邮编：252140"}, {""}}})
                           .Build());
  auto fields = ByKey(ReadFormFields(doc));
  EXPECT_EQ(fields["annual_budget"].value, 227);
  EXPECT_EQ(fields["classroom_count"].value, 14);
  EXPECT_EQ(fields["postcode"].value, "252140");
}

// A label misread as near to 专职 as to 兼职 names the one no other label
// named; when neither was, the one the form asks first.
TEST(FieldReader, AMisreadLabelNearTwoFieldsNamesTheOneNotYetRead) {
  auto fields = ByKey(ReadFormFields(
      AsOcr(DocBuilder()
                .Table({{{"专职教师人数 : 二十三"}, {""}}, {{"关职教师人数 ;"}, {"21 人"}}})
                .Build())));
  EXPECT_EQ(fields["faculty_fulltime"].value, 23);
  EXPECT_EQ(fields["faculty_parttime"].value, 21);
  fields = ByKey(ReadFormFields(
      AsOcr(DocBuilder()
                .Table({{{"志职教师人数 :"}, {"155人"}, {"有职教师人数 :"}, {"125人"}}})
                .Build())));
  EXPECT_EQ(fields["faculty_fulltime"].value, 155);
  EXPECT_EQ(fields["faculty_parttime"].value, 125);
  // Typed labels are never guessed.
  fields = ByKey(
      ReadFormFields(DocBuilder()
                         .Table({{{"志职教师人数 :"}, {"155人"}, {"有职教师人数 :"}, {"125人"}}})
                         .Build()));
  EXPECT_EQ(fields.count("faculty_fulltime"), 0u);
  // A header row whose first label is read whole though its value is not:
  // the misread label beside it is the other one.
  fields = ByKey(ReadFormFields(AsOcr(DocBuilder()
                                          .Table({{{"专职师资"}, {"旺 职 师资"}, {"高级职称教师"}},
                                                  {{"&L  人"}, {"69人"}, {"31 人"}}})
                                          .Build())));
  EXPECT_EQ(fields.count("faculty_fulltime"), 0u);
  EXPECT_EQ(fields["faculty_parttime"].value, 69);
  EXPECT_EQ(fields["faculty_senior"].value, 31);
  // The other label read whole further down, its value beside it in its
  // cell after a wide gap (a photo's rows, dev seed 60).
  fields = ByKey(ReadFormFields(
      AsOcr(DocBuilder().Table({{{"最职 教师人数 : 74 人"}}, {{"专职 教师人数  9人"}}}).Build())));
  EXPECT_EQ(fields["faculty_parttime"].value, 74);
  EXPECT_EQ(fields["faculty_fulltime"].value, 9);
}

// A label cell OCR left empty: the value's own shape tells its field, and
// the reading is doubted. A value beside a label of another row, or a field
// its own label gave, is not taken so; nor is anything typed.
// A date of these years whose label OCR lost is the form's own date; a
// date years back is another (a founding date), and left unread.
TEST(FieldReader, ARecentDateWhoseLabelOcrLostIsTheFormsDate) {
  auto read = [](const std::string& date) {
    return ByKey(ReadFormFields(
        AsOcr(DocBuilder()
                  .Table({{{"所属行业"}, {"建筑工程"}}, {{""}, {date}}, {{"专职师资"}, {"47人"}}})
                  .Build())));
  };
  auto fields = read("2024年6月17日");
  EXPECT_EQ(fields["application_date"].value, "2024-06-17");
  EXPECT_LE(fields["application_date"].confidence, 0.5) << "shown as doubtful";
  EXPECT_EQ(read("1987/02/02").count("application_date"), 0u);
}

TEST(FieldReader, AValueWhoseLabelOcrLostIsKnownByItsShapeAndDoubted) {
  auto doc = [](const std::string& budget_label) {
    return DocBuilder()
        .Table({{{"单位名称"}, {"聊城明德学院"}, {""}, {""}},
                {{""}, {"252632"}, {"联系人"}, {"时一鸣"}},
                {{""}, {"☑教学组织管理 ☑学员考核管理 ☑教学科研管理 ☑培训登记管理"}},
                {{budget_label}, {"228.9"}, {""}, {"91间"}},
                {{"建筑面积"}, {"12000平方米"}, {"图书资料"}, {"52300册"}},
                {{""}, {"https:/Vpx.smxaab.edu.cn/"}, {""}, {"lcmd_px@163.com"}}})
        .Build();
  };
  auto fields = ByKey(ReadFormFields(AsOcr(doc("年度继续教育经费(万元)"))));
  EXPECT_EQ(fields["postcode"].value, "252632");
  EXPECT_EQ(fields["classroom_count"].value, 91);
  EXPECT_LE(fields["classroom_count"].confidence, kDoubtfulNumberConfidence);
  EXPECT_EQ(fields["mgmt_rules"].value.size(), 4u);
  EXPECT_EQ(fields["library_volumes"].value, 52300);
  EXPECT_GT(fields["library_volumes"].confidence, kDoubtfulNumberConfidence);
  EXPECT_EQ(fields.count("classroom_area"), 0u) << "建筑面积 is a row of its own";
  EXPECT_EQ(fields["online_platform_url"].value, "https://px.smxaab.edu.cn/");
  for (const auto& [read, url] : std::vector<std::pair<std::string, std::string>>{
           {"https:l/learn.fcgyg.com.cn", "https://learn.fcgyg.com.cn"},
           {"https:/learn.fcgyg.com.cn", "https://learn.fcgyg.com.cn"},
           {"http://lms.wfkj.cn", "http://lms.wfkj.cn"},
           {"https://learn.fcgyg.com.cn/portal/index.htal",
            "https://learn.fcgyg.com.cn/portal/index.html"},
           {"jxjy.ktqqfzy.cn/portal/index.html|", "jxjy.ktqqfzy.cn/portal/index.html"},
           {"http://px.lcmd.cn/home.aspx", "http://px.lcmd.cn/home.aspx"},
           {"http://px.lcmd.cn/index.shtml", "http://px.lcmd.cn/index.shtml"},
           {"http://www.hmtl.cn", "http://www.hmtl.cn"},
           // A host's l read as I: the host alone, and only when it has no
           // other capital.
           {"https://edu.Irsebhr.edu.cn/#/home", "https://edu.lrsebhr.edu.cn/#/home"},
           {"https://learn.nmIrmewg.edu.cn/#/courseInfo",
            "https://learn.nmlrmewg.edu.cn/#/courseInfo"},
           {"https://www.SDIT.edu.cn", "https://www.sdit.edu.cn"},
           // The scheme's letters misread.
           {"hitp://study.ysjgdl.edu.cn/index", "http://study.ysjgdl.edu.cn/index"},
           {"bitps://px.khabd.org.cn/#/home", "https://px.khabd.org.cn/#/home"},
           {"bttps://jxjy.qjctlfg.com/portal/index.html",
            "https://jxjy.qjctlfg.com/portal/index.html"},
           // The page's ending and the host's country code misread.
           {"https://learn.eehhxer.ac.cn/portal/index.htm!",
            "https://learn.eehhxer.ac.cn/portal/index.html"},
           {"https://learn.dwxpkrx.net/portal/indexhtml",
            "https://learn.dwxpkrx.net/portal/index.html"},
           {"http://jxjy.wbpawd.ac.cr/jxjy/", "http://jxjy.wbpawd.ac.cn/jxjy/"},
           {"jxjy.hltcdp.corm/jxjy/", "jxjy.hltcdp.com/jxjy/"},
           {"https://study.myfebrrcom/", "https://study.myfebrr.com/"},  // its last dot lost
           // The slash after the host read as a v.
           {"https://edu.hqlqsjek.com.cnvjxjy/", "https://edu.hqlqsjek.com.cn/jxjy/"},
           {"https://study.hxlfqj.cormvindex", "https://study.hxlfqj.com/index"},
           {"http://www.cnvc.cn/index", "http://www.cnvc.cn/index"},
           {"http://px.sdjnedu.cn/", "http://px.sdjnedu.cn/"},
           {"http://px.lcmd.cm/index.htm", "http://px.lcmd.cm/index.htm"},
           {"https://www.sdhtml.cn/html", "https://www.sdhtml.cn/html"},
           // 继续教育's jxjy, a letter misread, in the host or the path.
           {"https://jzjy.cgdew.edu.cn/jzjy/", "https://jxjy.cgdew.edu.cn/jxjy/"},
           {"https://ixjy.ghsdem.edu.cn/jxjy/", "https://jxjy.ghsdem.edu.cn/jxjy/"},
           {"edu.jqanl.ac.cn/jxiy/", "edu.jqanl.ac.cn/jxjy/"},
           {"https://leam.dzta.org.cn/}xJy/", "https://learn.dzta.org.cn/jxjy/"},
           {"https://jzxy.ghsdem.edu.cn/abcd", "https://jzxy.ghsdem.edu.cn/abcd"},
           {"http://edu.skkyjjge.edu.cn/j芭y/", "http://edu.skkyjjge.edu.cn/jxjy/"},
           // learn's rn run together into m; a speck before the address.
           {"https://leam.metpr.com.cn/portal/index.html",
            "https://learn.metpr.com.cn/portal/index.html"},
           {"leam.dzta.org.cn/jxjy/", "learn.dzta.org.cn/jxjy/"},
           {"https://www.leam.cn", "https://www.leam.cn"},
           {"-px.bbwkw.cn/index", "px.bbwkw.cn/index"},
           // The index page's i read as a capital I or an l; a speck after it.
           {"https://study.bjpjkqfw.ac.cn/Index", "https://study.bjpjkqfw.ac.cn/index"},
           {"edu.lrbpqawz.edu.cn/lndex.html", "edu.lrbpqawz.edu.cn/index.html"},
           {"http://www.qwljyrb.net/index:", "http://www.qwljyrb.net/index"},
           {"http://px.lcmd.cn/Home/Index", "http://px.lcmd.cn/Home/Index"},
           {"| https://px.bbwkw.cn", "https://px.bbwkw.cn"}}) {
    EXPECT_EQ(ByKey(ReadFormFields(AsOcr(
                  DocBuilder().Table({{{"平台网址"}, {read}}}).Build())))["online_platform_url"]
                  .value,
              url);
  }
  EXPECT_EQ(fields["email"].value, "lcmd_px@163.com");
  EXPECT_EQ(ByKey(ReadFormFields(doc("年度继续教育经费(万元)"))).count("classroom_count"), 0u);
}

// OCR reads an address's @ as o, e or 0. Before a public mail host the @'s
// place is certain, and it is put back with a note; before a unit's own
// domain it is not, and the address stays unread; typed text is never
// changed.
TEST(FieldReader, AnOcrAddressWhoseAtWasMisreadBeforeAMailHostGetsItBack) {
  auto email = [](const std::string& read, bool ocr = true) {
    Document doc = DocBuilder().Table({{{"电子邮箱"}, {read}}}).Build();
    return ByKey(ReadFormFields(ocr ? AsOcr(doc) : doc))["email"];
  };
  EXPECT_EQ(email("ZJNPBJosohu .com").value, "zjnpbj@sohu.com");
  EXPECT_LE(email("ZJNPBJosohu .com").confidence, 0.2) << "shown as doubtful";
  EXPECT_EQ(email("zkqagx1546esohu.com").value, "zkqagx1546@sohu.com");
  EXPECT_EQ(email("denb78990126 .com").value, "denb7899@126.com");
  EXPECT_EQ(email("Xcytol63 .COM").value, "xcyt@163.com") << "the host's 1 read as l";
  EXPECT_EQ(email("Kwcekb60946SINA.COM").value, "kwcekb6094@sina.com") << "@ read as 6";
  EXPECT_EQ(email("zst1728163 .com").value, "zst172@163.com") << "@ read as 8";
  EXPECT_EQ(email("bkqfw8576esohu com").value, "bkqfw8576@sohu.com") << "the dot lost too";
  EXPECT_EQ(email("byp8570esohu -com").value, "byp8570@sohu.com") << "the dot read as a dash";
  EXPECT_EQ(email("yqqt4292esohu con").value, "yqqt4292@sohu.com") << "com's m read as n";
  EXPECT_EQ(email("npejxy54230163,.com").value, "npejxy5423@163.com") << "a speck beside the dot";
  EXPECT_EQ(email("632742043eqq.. com").value, "632742043@qq.com") << "the dot read twice";
  EXPECT_EQ(email("mexnrresinacom").value, "mexnrr@sina.com") << "the dot lost, no gap";
  EXPECT_EQ(email("_bkehta2701@163.com").value, "bkehta2701@163.com") << "a rule's remnant";
  EXPECT_EQ(email("chjmp1615@126.com-").value, "chjmp1615@126.com") << "a speck after it";
  EXPECT_EQ(email("_bkehta2701@163.com", /*ocr=*/false).value, "_bkehta2701@163.com")
      << "typed text is never changed";
  EXPECT_EQ(ByKey(ReadFormFields(AsOcr(DocBuilder()
                                           .Table({{{"办公电话"}, {"0530-7174 806"}},
                                                   {{"邮称"}, {"npejxy54230163,.com"}},
                                                   {{"主管部门"}, {"菏泽市人力资源社会保障局"}}})
                                           .Build())))["email"]
                .value,
            "npejxy5423@163.com")
      << "under its label misread";
  EXPECT_EQ(email("Iiu_px@163.com").value, "liu_px@163.com") << "an l read as a capital I";
  EXPECT_EQ(email("Iiu_px@163.com", /*ocr=*/false).value, "iiu_px@163.com");
  EXPECT_EQ(ByKey(ReadFormFields(
                AsOcr(DocBuilder().Table({{{"了 -mail"}, {"Xcytol63 .COM"}}}).Build())))["email"]
                .value,
            "xcyt@163.com")
      << "E-mail with its E misread";
  EXPECT_EQ(email("hnjma3099@slna.com").value, "hnjma3099@sina.com") << "the host's i read as l";
  EXPECT_LE(email("hnjma3099@slna.com").confidence, 0.2);
  EXPECT_EQ(email("hnjma3099@slna.com", /*ocr=*/false).value, "hnjma3099@slna.com");
  EXPECT_EQ(email("ebh4718@sohuicom").value, "ebh4718@sohu.com") << "the host's dot read as i";
  EXPECT_LE(email("ebh4718@sohuicom").confidence, 0.2);
  EXPECT_TRUE(email("ebh4718@lcmdicom").value.is_null()) << "a unit's domain is as read";
  EXPECT_EQ(email("px@lcmd.edu.cn").value, "px@lcmd.edu.cn") << "a unit's domain is as read";
  EXPECT_EQ(email("spzb@126.com").value, "spzb@126.com");
  EXPECT_GT(email("spzb@126.com").confidence, 0.2);
  EXPECT_TRUE(email("px0lcmd.edu.cn").value.is_null())
      << "a unit's domain: the @'s place is unknown";
  EXPECT_TRUE(email("zjnpbjosohu.com", false).value.is_null()) << "typed text is as written";
}

// OCR sets gaps inside values too, and reads specks after them.
TEST(FieldReader, OcrValueSplitByAGapOrFollowedBySpecksIsWhole) {
  auto fields = ByKey(
      ReadFormFields(AsOcr(DocBuilder()
                               .Table({{{"申报单位名称 : 济南 新  材料职业学 院"}},
                                       {{"推荐 部门 :"}, {"威海市人 力 资源和社会保障局 .  |"}},
                                       {{"通讯地址：山东省济南市历下区  联系人：朱静"}}})
                               .Build())));
  // A place name parted from its 省 goes on, however long the rest.
  EXPECT_EQ(ByKey(ReadFormFields(AsOcr(
                DocBuilder()
                    .Table({{{"详细地  址: 山东  省济南市市中区 英雄 山路221 号科技楼602室"}}})
                    .Build())))["address"]
                .value,
            "山东省济南市市中区英雄山路221号科技楼602室");
  EXPECT_EQ(fields["unit_name"].value, "济南新材料职业学院");
  EXPECT_EQ(fields["recommender"].value, "威海市人力资源和社会保障局");
  EXPECT_EQ(fields["address"].value, "山东省济南市历下区");
  EXPECT_EQ(fields["contact_name"].value, "朱静");
}

// A label lost between two rows whose labels were read: the field the
// form's order puts between them, doubted; never when two could be.
TEST(FieldReader, AValueWhoseLabelOcrLostBetweenTwoReadRowsIsTheFieldBetween) {
  auto fields = ByKey(ReadFormFields(AsOcr(DocBuilder()
                                               .Table({{{"专职教师人数 :"}, {"195"}},
                                                       {{""}, {"129人"}},
                                                       {{"副高级以上职称人数 :"}, {"180"}}})
                                               .Build())));
  EXPECT_EQ(fields["faculty_parttime"].value, 129);
  EXPECT_LE(fields["faculty_parttime"].confidence, kDoubtfulNumberConfidence);
  fields = ByKey(ReadFormFields(AsOcr(
      DocBuilder()
          .Table({{{"专职教师人数 :"}, {"195"}}, {{""}, {"129人"}}, {{"管理人员人数"}, {"18"}}})
          .Build())));
  EXPECT_EQ(fields.count("faculty_parttime"), 0u);
  EXPECT_EQ(fields.count("faculty_senior"), 0u);
  // The rows around it each a cell of label and value (a photo's rule
  // between label and value lost, dev seed 68).
  fields = ByKey(ReadFormFields(AsOcr(DocBuilder()
                                          .Table({{{"年度继续教育经费 (万 元) : 94.00"}, {""}},
                                                  {{""}, {"28疗"}},
                                                  {{"教学场地面积(平方米) : 620"}, {""}}})
                                          .Build())));
  EXPECT_EQ(fields["classroom_count"].value, 28);
  EXPECT_LE(fields["classroom_count"].confidence, kDoubtfulNumberConfidence);
  // In a row of values under a row of labels, between two read under
  // theirs (dev seed 52).
  fields = ByKey(ReadFormFields(
      AsOcr(DocBuilder()
                .Table({{{"专职师资"}, {""}, {"高 级职称数师"}}, {{"139 人"}, {"34人"}, {"48 人"}}})
                .Build())));
  EXPECT_EQ(fields["faculty_parttime"].value, 34);
  EXPECT_LE(fields["faculty_parttime"].confidence, kDoubtfulNumberConfidence);
  EXPECT_EQ(fields["faculty_senior"].value, 48);
}

// A row of labels over a row of values, one label misread (部箱 for 邮箱):
// an e-mail address is the e-mail's wherever it stands; a number is not.
TEST(FieldReader, AnEmailUnderAMisreadLabelInARowOfValuesIsTheEmail) {
  auto fields = ByKey(ReadFormFields(
      AsOcr(DocBuilder()
                .Table({{{"联系人"}, {"联系电话"}, {"手机号码"}, {"部箱"}},
                        {{"查淑芬"}, {"0633-4609453"}, {"188-7711-7978"}, {"914798045@qq.com"}}})
                .Build())));
  EXPECT_EQ(fields["email"].value, "914798045@qq.com");
  EXPECT_LE(fields["email"].confidence, kDoubtfulNumberConfidence);
  EXPECT_EQ(fields["contact_mobile"].value, "18877117978");
  // Beside a label of another field, it is that field's value or none.
  fields = ByKey(
      ReadFormFields(AsOcr(DocBuilder().Table({{{"联系电话"}, {"914798045@qq.com"}}}).Build())));
  EXPECT_EQ(fields.count("email"), 0u);
}

// A row the page broke through its label: the label's first words and the
// years' heading end one page, its last words and the counts begin the next.
TEST(FieldReader, ARowWhoseLabelThePageBrokeIsReadJoined) {
  DocBuilder b;
  b.Page().Table({{{"单位名称"}, {"山东益康培训中心"}},
                  {{"近三年 年培训"}, {"| 2021 年度 | 2022 年度 | 2023 年度 |"}}});
  b.Page().Table({{{"专业 技术人才人数"}, {"| 13477 人次 | 12185人次 | 13674 人 次 |"}},
                  {{"2023年培训项目数"}, {"九十三项"}}});
  auto fields = ByKey(ReadFormFields(b.Build()));
  EXPECT_EQ(fields["trainees_2021"].value, 13477);
  EXPECT_EQ(fields["trainees_2022"].value, 12185);
  EXPECT_EQ(fields["trainees_2023"].value, 13674);
  EXPECT_EQ(fields["programs_2023"].value, 93);
  // The label over two rows, the years along the upper, the page broken
  // before the lower (a text PDF by LibreOffice, dev seed 131); each page's
  // grid its own (the years over columns 3, 4 and 7 of one, their counts
  // over 3, 4 and 5 of the other): the counts pair with the years in order.
  DocBuilder cols;
  cols.Page().Table(
      {{{"单位名称"}, {"山东益康培训中心", 1, 7}},
       {{"近三年年培训专业技术人才", 2, 1}, {""}, {"2021"}, {"2022", 1, 3}, {"2023"}, {""}},
       {{"", 1, 7}}});
  cols.Page().Table({{{"人数"}, {""}, {"0.54 万人"}, {"五千三百人"}, {"4,900 人"}},
                     {{"培训班次："}, {"216 个"}, {""}, {""}, {""}}});
  auto by_col = ByKey(ReadFormFields(cols.Build()));
  EXPECT_EQ(by_col["trainees_2021"].value, 5400);
  EXPECT_EQ(by_col["trainees_2022"].value, 5300);
  EXPECT_EQ(by_col["trainees_2023"].value, 4900);
  // A next page that begins with a row of its own joins nothing.
  DocBuilder own;
  own.Page().Table({{{"单位名称"}, {"山东益康培训中心"}}, {{"推荐单位"}, {"聊城市人社局"}}});
  own.Page().Table({{{"专职教师人数"}, {"21"}}});
  auto own_fields = ByKey(ReadFormFields(own.Build()));
  EXPECT_EQ(own_fields["recommender"].value, "聊城市人社局");
  EXPECT_EQ(own_fields["faculty_fulltime"].value, 21);
}

// Tesseract writes Chinese print's full-width punctuation as ASCII; beside
// a Chinese character it is put back as printed. Typed text stays as typed.
TEST(FieldReader, OcrPunctuationBesideChineseIsFullWidthAgain) {
  Document ocr = AsOcr(DocBuilder().Table({{{"单位名称"}, {"济南明德培训学校(民办)"}}}).Build());
  EXPECT_EQ(ByKey(ReadFormFields(ocr))["unit_name"].value, "济南明德培训学校（民办）");
  Document typed = DocBuilder().Table({{{"单位名称"}, {"济南明德培训学校(民办)"}}}).Build();
  EXPECT_EQ(ByKey(ReadFormFields(typed))["unit_name"].value, "济南明德培训学校(民办)");
}

TEST(FieldReader, TypedLabelsAreNotGuessedAndTypedCodesNotRepaired) {
  Document doc = DocBuilder()
                     .Table({{{"a训场所或实训合作 单位"}, {"学院智能制造实训中心"}},
                             {{"统一社会信用代码"}, {"91370203MA3F8T1R6|]"}}})
                     .Build();
  auto fields = ByKey(ReadFormFields(doc));
  EXPECT_EQ(fields.count("training_site"), 0u);
  EXPECT_EQ(fields.count("credit_code"), 0u);
}

// OCR reads a thousands comma as a point or a semicolon: a count or an
// area with exactly three digits after it is a grouped whole number, and
// doubted; money in 万元 keeps its decimals, and so does a decimal of 万.
TEST(FieldReader, AnOcrPointBeforeThreeDigitsOfACountOrAnAreaGroupsThousands) {
  auto fields = ByKey(ReadFormFields(AsOcr(DocBuilder()
                                               .Table({{{"教学场地面积(平方米)"}, {"2.540 mi"}},
                                                       {{"专业图书资料(册)"}, {"25.800册"}},
                                                       {{"年度继续教育经费(万元)"}, {"2.540"}},
                                                       {{"专职教师人数"}, {"1.2万"}},
                                                       {{"兼职教师人数"}, {"6,.800人"}},
                                                       {{"固定教室数量(间)"}, {"1;640"}}})
                                               .Build())));
  EXPECT_EQ(fields["faculty_parttime"].value, 6800) << "the comma with a speck beside it";
  EXPECT_EQ(fields["classroom_count"].value, 1640) << "the comma read as a semicolon";
  EXPECT_EQ(
      ByKey(ReadFormFields(AsOcr(
          DocBuilder().Table({{{"年度培训经费 ;"}, {"280.000元"}}}).Build())))["annual_budget"]
          .value,
      28)
      << "money in 元 has two decimals at most";
  EXPECT_EQ(fields["classroom_area"].value, 2540);
  EXPECT_LE(fields["classroom_area"].confidence, 0.2);
  EXPECT_EQ(fields["library_volumes"].value, 25800);
  EXPECT_EQ(fields["annual_budget"].value, 2.54);
  EXPECT_EQ(fields["faculty_fulltime"].value, 12000);
  EXPECT_EQ(
      ByKey(ReadFormFields(
          DocBuilder().Table({{{"教学场地面积(平方米)"}, {"2.540"}}}).Build()))["classroom_area"]
          .value,
      2.54)
      << "typed text is as written";
}

// A count has no decimals: a point OCR read between its digits is a speck,
// and the count is doubted; a count scaled by 万 keeps its point.
TEST(FieldReader, AnOcrPointInsideACountIsASpeck) {
  auto fields = ByKey(ReadFormFields(AsOcr(
      DocBuilder()
          .Table({{{"近三年年培训专业技术人才人数"}, {"2021年度"}, {"2022年度"}, {"2023年度"}},
                  {{""}, {"２６０.０人次"}, {"0.31万人次"}, {"3300人次"}},
                  {{"固定教室数量(间)"}, {"4.5间"}}})
          .Build())));
  EXPECT_EQ(fields["trainees_2021"].value, 2600);
  EXPECT_LE(fields["trainees_2021"].confidence, 0.2);
  EXPECT_EQ(fields["trainees_2022"].value, 3100);
  EXPECT_EQ(fields["classroom_count"].value, 45);
  EXPECT_EQ(ByKey(ReadFormFields(DocBuilder().Table({{{"固定教室数量(间)"}, {"4.5间"}}}).Build()))
                .count("classroom_count"),
            0u)
      << "typed text is as written: no count of four and a half rooms";
}

// A rule OCR read as "|" instead of finding it: the value runs into the next
// label and its value, or has its own label before it.
TEST(FieldReader, AnOcrValueIsThePartBetweenRulesThatIsNoLabel) {
  auto fields = ByKey(ReadFormFields(
      AsOcr(DocBuilder()
                .Table({{{"法定代表人 :"}, {"赖志 强  | 成立时间 ::  “| 1978 年"}},
                        {{"通讯地址 :"}, {"山东省临沂市 兰山区 通达 路 1366 号 C 座 2 层  |"}},
                        {{"二、网 络培训 平台"}},
                        {{"网 络培训平台名称  | 山东海川 教育科技有限 公司 在 线 学 习 平台"}}})
                .Build())));
  EXPECT_EQ(fields["legal_rep"].value, "赖志强");
  EXPECT_EQ(fields["address"].value, "山东省临沂市兰山区通达路1366号C座2层");
  EXPECT_EQ(fields["online_platform"].value, "山东海川教育科技有限公司在线学习平台");
}

// A scan's grid with a column the form does not have: the label's neighbour
// is blank and the value further on, the ticks a column of their own.
TEST(FieldReader, AnOcrValueBeyondABlankColumnIsTheLabelsValue) {
  auto fields = ByKey(ReadFormFields(AsOcr(
      DocBuilder()
          .Table({{{"管理 部门 :"}, {"教学 管理科"}, {""}, {""}},
                  {{"管理制度 :"},
                   {""},
                   {"V V V V V V V v"},
                   {"教学组织管理\n学 员考核管理\n教学科研 管理\n培训 登记 管理\n培训经费管理\n后 "
                    "勤保障管理\n培训 效果评估\n跟踪反馈"}},
                  {{"教室数 :"}, {""}, {"7 间"}, {""}}})
          .Build())));
  EXPECT_EQ(fields["mgmt_dept"].value, "教学管理科");
  EXPECT_EQ(fields["mgmt_rules"].value.size(), 8u);
  EXPECT_EQ(fields["classroom_count"].value, 7);
  // Typed, a blank cell is the form's "none".
  auto typed =
      ByKey(ReadFormFields(DocBuilder().Table({{{"教室数 :"}, {""}, {"7 间"}, {""}}}).Build()));
  EXPECT_TRUE(typed["classroom_count"].declared_none);
}

// A cell between the e-mail and the field with a label of its own the spec
// does not name (传真) is not the recommender the spec's order puts there.
TEST(FieldReader, ARowWithALabelOfItsOwnIsNoFieldByItsPlace) {
  auto fields = ByKey(
      ReadFormFields(AsOcr(DocBuilder()
                               .Table({{{"联系人"}, {"联系电话"}, {"手机号 码"}, {"E-mail"}},
                                       {{"许 修文"}, {"0531 56373788"}, {""}, {"Qdjh@126.COM"}},
                                       {{"传真: 无"}},
                                       {{"申报领域"}, {"水利工程 、新一代信息 技术"}}})
                               .Build())));
  EXPECT_EQ(fields["email"].value, "qdjh@126.com");
  EXPECT_EQ(fields["field_area"].value, "水利工程");
  EXPECT_EQ(fields["field_area"].raw, "水利工程 、新一代信息 技术");
  EXPECT_EQ(fields.count("recommender"), 0u);
}

// An area is text: OCR's specks around it go as they do from any text.
TEST(FieldReader, AnOcrdAreaLosesItsSpecksAsTextDoes) {
  auto fields = ByKey(ReadFormFields(AsOcr(
      DocBuilder().Table({{{"申报领域"}, {"乡村振兴 ."}}, {{"管理部门"}, {"培训部 ."}}}).Build())));
  EXPECT_EQ(fields["field_area"].value, "乡村振兴");
  EXPECT_EQ(fields["mgmt_dept"].value, "培训部");
}

// A speck set off inside Chinese text is no part of it; a full stop between
// letters or digits is.
TEST(FieldReader, ASpeckSetOffInsideAnOcrdTextIsDropped) {
  auto fields =
      ByKey(ReadFormFields(AsOcr(DocBuilder()
                                     .Table({{{"实训基地"}, {"日照东 岳软件园 .( 合作 单位)"}},
                                             {{"管理部门"}, {"培训部 ' 教务科"}},
                                             {{"通讯地址"}, {"济南市 A座 . 5 层"}}})
                                     .Build())));
  EXPECT_EQ(fields["training_site"].value, "日照东岳软件园（合作单位）");
  EXPECT_EQ(fields["mgmt_dept"].value, "培训部教务科");
  EXPECT_EQ(fields["address"].value, "济南市A座. 5层");
}

// The form's date label with both characters before 日期 misread (卦家日期
// for 填表日期) still names the application date; a date label whose word
// keeps a character of another date's (戌立日期, 发正日期) does not.
TEST(FieldReader, ADateLabelWithItsWordMisreadIsTheApplicationDate) {
  auto date_after = [](const std::string& label) {
    auto fields = ByKey(ReadFormFields(AsOcrDoc(DocBuilder()
                                                    .Table({{{"单位名称"}, {"济南甲学院"}}})
                                                    .Paragraph(label + " : 2024年06月19 日")
                                                    .Build())));
    return fields.count("application_date") ? fields["application_date"].value : nullptr;
  };
  EXPECT_EQ(date_after("卦家 日期"), "2024-06-19");
  EXPECT_EQ(date_after("志良日期"), "2024-06-19");
  for (const char* other : {"成立日期", "戌立日期", "发正日期", "推荐日期", "出牛日期", "有效期"})
    EXPECT_EQ(date_after(other), nullptr) << other;
}

// A label OCR broke around a digit (培;训 场地1积 for 培训场地面积) gives no
// value of its own: the value is in the cell beside it.
TEST(FieldReader, ADigitReadInsideALabelIsNoValue) {
  auto fields = ByKey(ReadFormFields(
      AsOcr(DocBuilder()
                .Table({{{"培;训 场地1积"}, {"2150m2"}, {"专业图书资料(册)"}, {"12572"}}})
                .Build())));
  EXPECT_EQ(fields["classroom_area"].value, 2150) << fields["classroom_area"].label;
  EXPECT_EQ(fields["library_volumes"].value, 12572);
}

// Nor is the field's own label, a speck read before it (.培训 领域).
TEST(FieldReader, ALabelWithASpeckBeforeItIsNoFieldByItsPlace) {
  auto fields = ByKey(ReadFormFields(AsOcr(DocBuilder()
                                               .Table({{{"E-mail"}, {"hhzq@126.com ."}},
                                                       {{".培训 领域"}, {"海洋经 济"}},
                                                       {{"申报 日期"}, {"2024年6月17日"}}})
                                               .Build())));
  EXPECT_EQ(fields["field_area"].value, "海洋经济");
  EXPECT_EQ(fields.count("recommender"), 0u) << fields["recommender"].raw;
}

// An item misread in half its characters behind the glyph the list's other
// ticked boxes were read as (国, 图) is still that item, ticked.
TEST(FieldReader, AnItemMisreadBehindTheListsOwnTickGlyphIsThatItem) {
  auto fields = ByKey(ReadFormFields(AsOcr(
      DocBuilder()
          .Table({{{"管理制度"},
                   {"国教学组织管理\n国教学科研管理\n国学员考核管理\n图培训登记管理\n图跟踪反馈\n"
                    "图后保障支  管理\n国培训经费管理\n国培训效果评估"}}})
          .Build())));
  EXPECT_EQ(fields["mgmt_rules"].value.size(), 8u) << fields["mgmt_rules"].value.dump();
}

// A year table broken by the page's end goes on at the top of the next page,
// under no label of its own.
TEST(FieldReader, TraineesInATableTheNextPageGoesOnWith) {
  auto fields = ByKey(ReadFormFields(
      AsOcr(DocBuilder()
                .Page()
                .Table({{{"并 发能 力 :"}, {"2400 人"}, {""}, {""}},
                        {{"近三 年 年培训专业 技术人才人数 (人)"}, {""}, {"年度 ，"}, {"人数"}},
                        {{""}, {""}, {"2021"}, {"4003 人次"}}})
                .Page()
                .Table({{{""}, {""}, {"2022."}, {"3671"}},
                        {{""}, {""}, {"2023"}, {"4620 人"}},
                        {{"2023 年培训项目数:  123 个"}}})
                .Build())));
  EXPECT_EQ(fields["trainees_2021"].value, 4003);
  EXPECT_EQ(fields["trainees_2022"].value, 3671);
  EXPECT_EQ(fields["trainees_2023"].value, 4620);
  EXPECT_EQ(fields["programs_2023"].value, 123);
}

// The label is the page's last row and its whole year table is at the top
// of the next page (an office suite's PDF breaks the page there).
TEST(FieldReader, TraineesWhoseYearTableIsAllOnTheNextPage) {
  auto fields = ByKey(
      ReadFormFields(DocBuilder()
                         .Page()
                         .Table({{{"平台同时在线人数："}, {"２２０００人"}},
                                 {{"近三年培训情况"}},
                                 {{"近三年年培训专业技术人才人数"}}})
                         .Page()
                         .Table({{{"年度"}, {"2021 年"}, {"2022 年"}, {"2023 年"}},
                                 {{"培训人数"}, {"４３０２人"}, {"４７７５人次"}, {"4426 人"}},
                                 {{"2023 年培训项目数："}, {"187 期"}}})
                         .Build()));
  EXPECT_EQ(fields["trainees_2021"].value, 4302);
  EXPECT_EQ(fields["trainees_2022"].value, 4775);
  EXPECT_EQ(fields["trainees_2023"].value, 4426);
  EXPECT_EQ(fields["programs_2023"].value, 187);
}

// OCR doubles a label's colon now and then: the value is what follows both.
TEST(FieldReader, AColonOcrDoubledIsOneColon) {
  auto fields = ByKey(ReadFormFields(AsOcr(
      DocBuilder()
          .Table({{{"2023 年培训项目数::  1 2 3 个 ，"}}, {{"网址::; https://www.bhrhst.edu.cn"}}})
          .Build())));
  EXPECT_EQ(fields["programs_2023"].value, 123);
  EXPECT_EQ(fields["online_platform_url"].value, "https://www.bhrhst.edu.cn")
      << "a colon read as a colon and a semicolon";
  auto years = ByKey(ReadFormFields(AsOcr(
      DocBuilder()
          .Table({{{"近三年年培训专业技术人才人数"}, {"2021年：；2022年：4500人；2023年：5200人"}}})
          .Build())));
  EXPECT_EQ(years["trainees_2022"].value, 4500) << "an empty year's semicolon still ends it";
  EXPECT_EQ(years["trainees_2023"].value, 5200);
}

// A scanned package's rows as OCR read them: a unit's bracket not closed, a
// label after a stray comma with a semicolon for its colon, and a Chinese
// year whose 〇 was read as 口.
TEST(FieldReader, ScannedRowsWithTheirPunctuationMisread) {
  auto ocr = ByKey(ReadFormFields(
      AsOcr(DocBuilder()
                .Table({{{"专业图书资料 ( 册 :  14500"}},
                        {{", 实 训 场所或实训 合作 单位 ; 德州明德软件园 (合作单位 )"}},
                        {{"日期 : 二口二四 年 六月十六日  ”一"}}})
                .Build())));
  EXPECT_EQ(ocr["library_volumes"].value, 14500);
  EXPECT_EQ(ocr["training_site"].value, "德州明德软件园（合作单位）");
  EXPECT_EQ(ocr["application_date"].value, "2024-06-16");
  EXPECT_EQ(ByKey(ReadFormFields(AsOcrDoc(
                DocBuilder().Paragraph("目 期 :2024年6月17日").Build())))["application_date"]
                .value,
            "2024-06-17")
      << "日 read as 目";
  EXPECT_EQ(ByKey(ReadFormFields(AsOcr(DocBuilder()
                                           .Table({{{"申报 日期 :  二 D 二四 年 六月二 十 四 日"}}})
                                           .Build())))["application_date"]
                .value,
            "2024-06-24");
  auto years = ByKey(ReadFormFields(
      AsOcr(DocBuilder()
                .Table({{{"近三年年培训专业技术人才人数"},
                         {"2021年度三千人入百人\n2022年度3200人次\n2023年度3900 人"}}})
                .Build())));
  EXPECT_EQ(years["trainees_2021"].value, 3800) << "八 read as 人入";
  EXPECT_EQ(years["trainees_2022"].value, 3200);
  auto kind = ByKey(ReadFormFields(AsOcr(
      DocBuilder()
          .Table(
              {{{"机构类 型 : 口 高等院校  ”回 科研院所  口 行 业 教育 培训机构  ”口 ]专业 协会 〈 "
                 "学会) \n口企业 培训机构  口 其 他  ."}}})
          .Build())));
  EXPECT_EQ(kind["unit_type"].value, "科研院所")
      << "回 is the ticked box, a quote before it no tick";
}

}  // namespace
}  // namespace dossier::norm
