// Licence lines as OCR gives them from scans and phone photos.
#include <gtest/gtest.h>

#include <map>
#include <string>

#include "doc_builder.h"
#include "dossier/normalize/analysis.h"

namespace dossier::norm {
namespace {

using testing::DocBuilder;

std::map<std::string, FieldReading> ReadOcrLicence(const std::vector<std::string>& lines) {
  DocBuilder builder;
  for (const std::string& line : lines) builder.Paragraph(line);
  Document doc = builder.Build();
  for (Span& s : doc.spans) {
    s.method = ReadMethod::kOcr;
    s.confidence = 0.85;
  }
  std::map<std::string, FieldReading> out;
  for (const FieldReading& r : ReadLicenseFields(doc)) out[r.key] = r;
  return out;
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

TEST(LicenceReader, ACodeWithoutAReadableLabelIsTakenOnlyWhenItsCheckPasses) {
  auto found = ReadOcrLicence({"营业执照", "91370705MA3Q2WX63|  四  4  1"});
  EXPECT_EQ(found["license_credit_code"].value, "91370705MA3Q2WX63J");
  auto wrong = ReadOcrLicence({"营业执照", "91370705MA3Q2WX63K"});
  EXPECT_EQ(wrong.count("license_credit_code"), 0u);
}

}  // namespace
}  // namespace dossier::norm
