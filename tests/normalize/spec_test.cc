// The compiled-in spec against the field table of shared/spec/form-fields.md.
#include "dossier/normalize/spec.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <string>
#include <vector>

namespace dossier::norm {
namespace {

struct DocField {
  std::string key;
  ValueType type;
  std::vector<std::string> labels;  // as the spec's table writes them
};

// The table "Canonical fields of the application form", label(s) column.
const std::vector<DocField> kDocFields = {
    {"unit_name", ValueType::kText, {"单位名称", "申报单位", "申报单位名称", "机构名称"}},
    {"credit_code", ValueType::kCreditCode, {"统一社会信用代码", "社会信用代码", "信用代码"}},
    {"unit_type", ValueType::kUnitType, {"单位性质", "单位类型", "机构类型"}},
    {"legal_rep", ValueType::kPerson, {"法定代表人", "法人代表"}},
    {"address", ValueType::kText, {"通讯地址", "单位地址", "详细地址", "地址"}},
    {"postcode", ValueType::kPostcode, {"邮政编码", "邮编"}},
    {"city", ValueType::kCity, {"所在市", "所属地市"}},
    {"contact_name", ValueType::kPerson, {"联系人"}},
    {"contact_phone", ValueType::kPhone, {"联系电话", "办公电话", "电话"}},
    {"contact_mobile", ValueType::kMobile, {"手机", "手机号码", "移动电话"}},
    {"email", ValueType::kEmail, {"电子邮箱", "邮箱", "E-mail"}},
    {"recommender", ValueType::kText, {"推荐单位", "主管部门", "推荐部门"}},
    {"field_area", ValueType::kFirstListed, {"申报领域", "所属行业", "培训领域", "重点领域"}},
    {"faculty_fulltime", ValueType::kInteger, {"专职教师人数", "专职师资"}},
    {"faculty_parttime", ValueType::kInteger, {"兼职教师人数", "兼职师资"}},
    {"faculty_senior", ValueType::kInteger, {"副高级以上职称人数", "高级职称教师"}},
    {"mgmt_dept", ValueType::kText, {"继续教育管理机构", "管理部门"}},
    {"mgmt_staff", ValueType::kInteger, {"管理人员人数", "专兼职管理人员"}},
    {"mgmt_rules", ValueType::kCheckboxSet, {"管理制度"}},
    {"annual_budget", ValueType::kWanYuan, {"年度继续教育经费(万元)", "年度培训经费"}},
    {"classroom_count", ValueType::kInteger, {"固定教室数量(间)", "教室数"}},
    {"classroom_area", ValueType::kArea, {"教学场地面积(平方米)", "培训场地面积"}},
    {"library_volumes", ValueType::kInteger, {"专业图书资料(册)", "图书资料"}},
    {"training_site", ValueType::kText, {"实训场所或实训合作单位", "实训基地"}},
    {"online_platform", ValueType::kText, {"网络培训平台名称", "远程教育平台"}},
    {"online_platform_url", ValueType::kUrl, {"平台网址", "网址"}},
    {"online_capacity", ValueType::kInteger, {"平台同时在线人数", "并发能力"}},
    {"trainees_2021", ValueType::kInteger, {}},
    {"trainees_2022", ValueType::kInteger, {}},
    {"trainees_2023", ValueType::kInteger, {}},
    {"programs_2023", ValueType::kInteger, {"2023年培训项目数", "培训班次"}},
    {"application_date", ValueType::kDate, {"填表日期", "申报日期", "日期"}},
};

TEST(Spec, EveryFieldOfTheTableWithItsLabels) {
  const Spec& spec = TheSpec();
  EXPECT_EQ(spec.fields.size(), kDocFields.size());
  for (const DocField& doc : kDocFields) {
    SCOPED_TRACE(doc.key);
    const FieldSpec* field = spec.Field(doc.key);
    ASSERT_NE(field, nullptr);
    EXPECT_EQ(field->key, doc.key);
    EXPECT_EQ(field->type, doc.type);
    ASSERT_FALSE(field->labels.empty());
    if (!doc.labels.empty()) {
      EXPECT_EQ(LabelKey(field->labels.front()), LabelKey(doc.labels.front()));
    }
    std::set<std::string> keys;
    for (const std::string& label : field->labels) keys.insert(LabelKey(label));
    for (const std::string& label : doc.labels) {
      SCOPED_TRACE(label);
      EXPECT_TRUE(keys.count(LabelKey(label)));
    }
  }
}

TEST(Spec, TraineeYearsAndTableLabel) {
  const Spec& spec = TheSpec();
  for (int year : {2021, 2022, 2023}) {
    const FieldSpec* field = spec.Field("trainees_" + std::to_string(year));
    ASSERT_NE(field, nullptr);
    EXPECT_EQ(field->year, year);
  }
  EXPECT_EQ(spec.Field("unit_name")->year, 0);
  std::set<std::string> keys;
  for (const std::string& label : spec.trainees_table_labels) keys.insert(LabelKey(label));
  EXPECT_TRUE(keys.count(LabelKey("近三年年培训专业技术人才人数")));
}

TEST(Spec, NoLabelBelongsToTwoFields) {
  std::map<std::string, std::string> owner;
  for (const FieldSpec& field : TheSpec().fields) {
    for (const std::string& label : field.labels) {
      auto [it, inserted] = owner.emplace(LabelKey(label), field.key);
      EXPECT_TRUE(inserted || it->second == field.key)
          << label << " is a label of " << it->second << " and " << field.key;
    }
  }
}

TEST(Spec, UnknownFieldIsNull) {
  EXPECT_EQ(TheSpec().Field("fax"), nullptr);
  EXPECT_EQ(TheSpec().Field(""), nullptr);
}

TEST(Spec, LoadedOnce) { EXPECT_EQ(&TheSpec(), &TheSpec()); }

TEST(Spec, TablesOfTheNotice) {
  const Spec& spec = TheSpec();
  EXPECT_EQ(spec.unit_types, (std::vector<std::string>{"高等院校", "科研院所", "行业教育培训机构",
                                                       "专业协会(学会)", "企业培训机构", "其他"}));
  EXPECT_EQ(spec.cities, (std::vector<std::string>{"济南", "青岛", "淄博", "枣庄", "东营", "烟台",
                                                   "潍坊", "济宁", "泰安", "威海", "日照", "临沂",
                                                   "德州", "聊城", "滨州", "菏泽"}));
  EXPECT_EQ(
      spec.mgmt_rule_items,
      (std::vector<std::string>{"教学组织管理", "学员考核管理", "教学科研管理", "培训登记管理",
                                "培训经费管理", "后勤保障管理", "培训效果评估", "跟踪反馈"}));
  for (const char* none : {"无", "暂无", "/", "-", "—", "空"}) {
    SCOPED_TRACE(none);
    EXPECT_NE(std::find(spec.declared_none.begin(), spec.declared_none.end(), none),
              spec.declared_none.end());
  }
  for (const auto& [synonym, type] : spec.unit_type_synonyms) {
    SCOPED_TRACE(synonym);
    EXPECT_NE(std::find(spec.unit_types.begin(), spec.unit_types.end(), type),
              spec.unit_types.end());
  }
  std::set<std::string> kinds;
  for (const KindSpec& k : spec.kinds) {
    kinds.insert(k.kind);
    EXPECT_FALSE(k.title_phrases.empty()) << k.kind;
  }
  for (const char* kind : {"application_form", "summary_sheet", "license", "faculty_list", "rules",
                           "facilities", "platform", "training_record"})
    EXPECT_TRUE(kinds.count(kind)) << kind;
}

TEST(Spec, SummarySheetAndFacultyColumns) {
  const Spec& spec = TheSpec();
  std::vector<std::string> keys;
  for (const auto& [key, labels] : spec.summary_columns) {
    keys.push_back(key);
    EXPECT_FALSE(labels.empty()) << key;
  }
  EXPECT_EQ(keys,
            (std::vector<std::string>{"seq", "unit_name", "credit_code", "unit_type", "field_area",
                                      "contact_name", "contact_phone", "remark"}));
  for (const char* key : {"recommender", "filler", "phone", "date"})
    EXPECT_TRUE(spec.summary_header_labels.count(key)) << key;
  for (const char* key : {"name", "title", "employment"})
    EXPECT_TRUE(spec.faculty_columns.count(key)) << key;
}

TEST(LabelKey, ComparableForms) {
  struct LabelCase {
    std::string label, key;
  };
  const std::vector<LabelCase> cases = {
      {"年度继续教育经费（万元）：", "年度继续教育经费"},
      {"年度继续教育经费(万元)", "年度继续教育经费"},
      {"单位名称：", "单位名称"},
      {"单位名称:", "单位名称"},
      {"单 位 名 称", "单位名称"},
      {"\u3000单位名称\u3000：\u3000", "单位名称"},
      {"固定教室数量(间)", "固定教室数量"},
      {"教学场地面积（平方米）", "教学场地面积"},
      {"专业图书资料（册）", "专业图书资料"},
      {"平台同时在线人数（人）", "平台同时在线人数"},
      {"申报单位（盖章）", "申报单位"},
      {"推荐单位(盖章)：", "推荐单位"},
      {"电子邮箱（E-mail）", "电子邮箱"},
      {"E-mail：", "e-mail"},
      {"Ｅ－ｍａｉｌ", "e-mail"},
      {"EMAIL", "email"},
      {"2023年培训人数", "2023年培训人数"},
      {"２０２３年", "2023年"},
      {"单位名称（盖章）（公章）", "单位名称"},
      {"（盖章）", "(盖章)"},
      {"联系人", "联系人"},
      {"", ""},
  };
  for (const LabelCase& c : cases) {
    SCOPED_TRACE(c.label);
    EXPECT_EQ(LabelKey(c.label), c.key);
  }
}

}  // namespace
}  // namespace dossier::norm
