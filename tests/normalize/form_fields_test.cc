// CountFormFields (form_fields.h) stops reading a page once it has found
// enough fields; the page signals rely on it counting exactly as many
// distinct fields as ReadFormFields reads, up to its bound.
#include "form_fields.h"

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include "dossier/normalize/analysis.h"
#include "support/doc_builder.h"

namespace dossier::norm {
namespace {

using testing::DocBuilder;

size_t DistinctFields(const Document& doc) {
  std::set<std::string> keys;
  for (const FieldReading& r : ReadFormFields(doc)) keys.insert(r.key);
  return keys.size();
}

void ExpectCountsAsRead(const Document& doc, size_t expected) {
  ASSERT_EQ(DistinctFields(doc), expected);
  for (size_t at_most = 0; at_most <= expected + 2; ++at_most)
    EXPECT_EQ(CountFormFields(doc, at_most), std::min(expected, at_most)) << "at most " << at_most;
}

TEST(CountFormFields, AFormsTable) {
  ExpectCountsAsRead(
      DocBuilder()
          .Paragraph("山东省专业技术人员继续教育基地申报表")
          .Table(
              {{{"单位名称"}, {"济南明德职业学院"}, {"统一社会信用代码"}, {"12370100MB1234567X"}},
               {{"法人代表"}, {"张 三"}, {"邮编"}, {"２５００１４"}}})
          .Build(),
      4);
}

TEST(CountFormFields, LabelsInParagraphsAfterATable) {
  ExpectCountsAsRead(DocBuilder()
                         .Table({{{"单位名称"}, {"济南明德职业学院"}}})
                         .Paragraph("联系人：李四")
                         .Paragraph("联系电话 0531-88888888")
                         .Build(),
                     3);
}

// The city is derived from the address after reading by labels: one label
// read, two fields counted.
TEST(CountFormFields, FieldsDerivedAfterTheLabels) {
  ExpectCountsAsRead(DocBuilder().Paragraph("通讯地址：山东省济南市历下区经十路1号").Build(), 2);
}

TEST(CountFormFields, NoForm) {
  ExpectCountsAsRead(DocBuilder().Paragraph("关于申报继续教育基地的通知").Build(), 0);
}

}  // namespace
}  // namespace dossier::norm
