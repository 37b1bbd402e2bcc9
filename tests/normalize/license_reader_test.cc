// Licence lines as OCR gives them from scans and phone photos.
#include <gtest/gtest.h>

#include <map>
#include <string>

#include "dossier/common/text.h"
#include "dossier/normalize/analysis.h"
#include "support/doc_builder.h"

namespace dossier::norm {
namespace {

using testing::DocBuilder;

std::map<std::string, FieldReading> LicenceFields(const Document& doc) {
  std::map<std::string, FieldReading> out;
  for (const FieldReading& r : ReadLicenseFields(doc)) out[r.key] = r;
  return out;
}

std::map<std::string, FieldReading> ReadOcrLicence(const std::vector<std::string>& lines) {
  DocBuilder builder;
  for (const std::string& line : lines) builder.Paragraph(line);
  Document doc = builder.Build();
  for (Span& s : doc.spans) {
    s.method = ReadMethod::kOcr;
    s.confidence = 0.85;
  }
  return LicenceFields(doc);
}

// OCR lines of a two-column 营业执照 with their word boxes, as the page's
// layout gives them: words at x, one line every 40 pixels, 25 pixels high.
struct PlacedWord {
  std::string text;
  double x;
};

Document PlacedOcrLines(const std::vector<std::vector<PlacedWord>>& lines) {
  Document doc;
  Page page;
  page.number = 1;
  page.width = 1600;
  page.height = 1100;
  page.method = ReadMethod::kOcr;
  doc.pages.push_back(page);
  for (size_t l = 0; l < lines.size(); ++l) {
    Span span;
    span.page = 1;
    span.method = ReadMethod::kOcr;
    span.confidence = 0.9;
    span.locator = "page 1 line " + std::to_string(l + 1);
    const double y = 300 + 40.0 * static_cast<double>(l);
    for (const PlacedWord& w : lines[l]) {
      const double width = 25.0 * static_cast<double>(text::ToU32(w.text).size());
      if (!span.text.empty()) span.text += w.x - span.words.back().bbox.x1 > 25 ? "  " : " ";
      span.text += w.text;
      span.words.push_back(WordBox{w.text, BBox{w.x, y, w.x + width, y + 25}, 0.9});
    }
    span.bbox = BBox{span.words.front().bbox.x0, y, span.words.back().bbox.x1, y + 25};
    doc.spans.push_back(std::move(span));
  }
  return doc;
}

TEST(LicenceReader, TwoColumnsRunOnEachInItsOwnColumn) {
  Document doc = PlacedOcrLines({
      {{"名", 90},
       {"称", 185},
       {"潍坊智联电脑培训有限公司", 250},
       {"注册资本", 700},
       {"伍佰万元整", 830}},
      {{"法定代表人", 90}, {"邵明远", 250}, {"营业期限", 700}, {"2015年11月03日至长期", 830}},
      {{"经营范围", 90},
       {"一般项目：计算机技术培", 250},
       {"住", 700},
       {"“所", 775},
       {"山东省潍坊市奎文区东风东街", 830}},
      {{"训；职业技能培训；", 250}, {"6396号", 830}},
      {{"软件开发。", 250}},
      {{"登记机关：潍坊市市场监督管理局", 830}},
  });
  auto f = LicenceFields(doc);
  EXPECT_EQ(f["license_name"].value, "潍坊智联电脑培训有限公司");
  EXPECT_EQ(f["license_legal_rep"].value, "邵明远");
  EXPECT_EQ(f["license_validity"].value, "2015年11月03日至长期");
  // The scope does not take the address beside it, nor the address's
  // second line; the address does not take the scope's.
  EXPECT_EQ(f["license_scope"].value, "一般项目：计算机技术培训；职业技能培训；软件开发。");
  EXPECT_EQ(f["license_address"].value, "山东省潍坊市奎文区东风东街6396号");
}

// The address's second line printed beside the scope's first: it is read
// on the scope's labelled line, in the address's column.
TEST(LicenceReader, AValueRunsOnBesideANewEntryInTheOtherColumn) {
  Document doc = PlacedOcrLines({
      {{"法定代表人", 90},
       {"韩德胜", 250},
       {"住", 700},
       {"所", 775},
       {"淄博市周村区经济开发区工业园", 830}},
      {{"经营范围", 90}, {"精密机械零部件、液压元件的研", 250}, {"路18号", 830}},
      {{"发、制造、销售；", 250}},
  });
  auto f = LicenceFields(doc);
  EXPECT_EQ(f["license_legal_rep"].value, "韩德胜");
  EXPECT_EQ(f["license_address"].value, "淄博市周村区经济开发区工业园路18号");
  EXPECT_EQ(f["license_scope"].value, "精密机械零部件、液压元件的研发、制造、销售；");
}

// One column of label and value: the next entry ends the value above it,
// even when OCR put a comma between its label and its value.
TEST(LicenceReader, InOneColumnTheNextEntryEndsTheValueAbove) {
  Document doc = PlacedOcrLines({
      {{"住所", 90}, {"山东省青岛市黄岛区长江西路166号", 300}},
      {{"法定代表人，", 90}, {"孙海涛", 300}},
  });
  auto f = LicenceFields(doc);
  EXPECT_EQ(f["license_address"].value, "山东省青岛市黄岛区长江西路166号");
  EXPECT_EQ(f["license_legal_rep"].value, "孙海涛");
}

// An entry whose label OCR could not read ends the value above it: its text
// starts left of the value's column.
TEST(LicenceReader, AnUnreadLabelEndsTheScope) {
  Document doc = PlacedOcrLines({
      {{"宗旨和业务范围", 90}, {"培养信息技术人才；", 300}},
      {{"社会培训与技术服务。", 300}},
      {{"所”", 160}, {"山东省济南市历城区科创路2699号", 300}},
  });
  EXPECT_EQ(LicenceFields(doc)["license_scope"].value, "培养信息技术人才；社会培训与技术服务。");
}

TEST(LicenceReader, MisreadLabelsCodeOnTheNextLineAndASpeckBeforeTheName) {
  auto f = ReadOcrLicence({"事业单位法人证书", "统一社会 信用代码", "12370600MBOP446209  四",
                           "名  尔 。 ”烟台滨海卫生职业学院",
                           "旨和业务范围  培养医药卫生类高等专科人才；继续教育",
                           "住  所  山东省烟台市莱山区观海路288号", "法 定 代 表 人  林晓红",
                           "有  效  期  自2020年11月20日至2025年11月20日"});
  EXPECT_EQ(f["license_credit_code"].value, "12370600MB0P446209");
  EXPECT_EQ(f["license_name"].value, "烟台滨海卫生职业学院");
  EXPECT_EQ(f["license_scope"].value, "培养医药卫生类高等专科人才；继续教育");
  EXPECT_EQ(f["license_address"].value, "山东省烟台市莱山区观海路288号");
  EXPECT_EQ(f["license_legal_rep"].value, "林晓红");
  EXPECT_EQ(f["license_validity"].value, "自2020年11月20日至2025年11月20日");
}

TEST(LicenceReader, TheNextColumnsMisreadLabelEndsTheValueBeforeIt) {
  // 营业期限 read as 敬业期限 beside the representative's name.
  auto f = ReadOcrLicence({"营业执照", "名  称  济南华信职业技能培训有限公司",
                           "法定代表人  唐瑶  敬业 期限  。。 长期"});
  EXPECT_EQ(f["license_legal_rep"].value, "唐瑶");
  EXPECT_EQ(f["license_validity"].value, "长期");
  // Within a value's own words (no column's gap) a near label is words.
  auto g = ReadOcrLicence({"营业执照", "经营范围  职业技能培训；营业期限内的咨询服务"});
  EXPECT_EQ(g["license_scope"].value, "职业技能培训；营业期限内的咨询服务");
}

TEST(LicenceReader, ALongLabelWithTwoCharactersMisreadIsKnownByItsLastFour) {
  auto f = ReadOcrLicence({"事业单位法人证书", "名  称  山东省光岳创意设计研究院",
                           "案 首 和业务范围  开展文化创意领域科学研究；专业技术人员继续教育培训"});
  EXPECT_EQ(f["license_scope"].value, "开展文化创意领域科学研究；专业技术人员继续教育培训");
  // Two characters wrong and the tail wrong too: no label, no value.
  auto g = ReadOcrLicence({"事业单位法人证书", "名  称  山东省光岳创意设计研究院",
                           "案 首 和业务范国  开展文化创意领域科学研究"});
  EXPECT_EQ(g.count("license_scope"), 0u);
}

TEST(LicenceReader, AScopeWhoseLabelIsLostIsTheLineNamingTrainingButNeverTheName) {
  auto f = ReadOcrLicence({"事业单位法人证书", "名  称  潍坊德润管理职业技术学院",
                           "信 利和业务 范轩  实施人力资源管理等专业高等职业教育；开展继续教育与",
                           "职业培训；应用技术研究与社会服务", "住  所  潍坊市诸城市北海路1451号"});
  EXPECT_EQ(f["license_scope"].value, "实施人力资源管理等专业高等职业教育；开展继续教育与");
  EXPECT_LT(f["license_scope"].confidence, 0.7);
  // The name names training, and its label is lost too: not a scope.
  auto g = ReadOcrLicence(
      {"营业执照", "冬  尔  济南致远职业技能培训学校", "住  所  济南市平阴县旅游路17113号"});
  EXPECT_EQ(g.count("license_scope"), 0u);
  // The name read under its label is taken out of any line it stands in.
  auto h = ReadOcrLicence({"营业执照", "名称  济南致远职业技能培训有限公司",
                           "济南致远职业技能培训有限公司", "住  所  济南市平阴县旅游路17113号"});
  EXPECT_EQ(h.count("license_scope"), 0u);
}

TEST(LicenceReader, ACodeWithoutAReadableLabelIsTakenOnlyWhenItsCheckPasses) {
  auto found = ReadOcrLicence({"营业执照", "91370705MA3Q2WX63|  四  4  1"});
  EXPECT_EQ(found["license_credit_code"].value, "91370705MA3Q2WX63J");
  auto wrong = ReadOcrLicence({"营业执照", "91370705MA3Q2WX63K"});
  EXPECT_EQ(wrong.count("license_credit_code"), 0u);
}

}  // namespace
}  // namespace dossier::norm
