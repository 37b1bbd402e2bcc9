// The value normalizers against every writing the spec lists
// (shared/spec/form-fields.md, "Normalization" and "Conventions").
#include "dossier/normalize/values.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "dossier/normalize/spec.h"

namespace dossier::norm {
namespace {

using nlohmann::json;

struct Case {
  std::string raw;
  ValueState state;
  json value;  // when state == kValue
};

Case V(std::string raw, json value) {
  return {std::move(raw), ValueState::kValue, std::move(value)};
}
Case None(std::string raw) { return {std::move(raw), ValueState::kDeclaredNone, nullptr}; }
Case Bad(std::string raw) { return {std::move(raw), ValueState::kUnreadable, nullptr}; }

const char* StateName(ValueState s) {
  switch (s) {
    case ValueState::kValue:
      return "value";
    case ValueState::kDeclaredNone:
      return "declared none";
    case ValueState::kUnreadable:
      return "unreadable";
  }
  return "?";
}

void Check(Normalized (*normalize)(std::string_view), const std::vector<Case>& cases) {
  for (const Case& c : cases) {
    SCOPED_TRACE("raw: \"" + c.raw + "\"");
    const Normalized n = normalize(c.raw);
    EXPECT_STREQ(StateName(n.state), StateName(c.state))
        << "value " << n.value.dump() << ", note: " << n.note;
    if (c.state == ValueState::kValue) {
      // dump() as well: 120 must come out as 120, never 120.0.
      EXPECT_EQ(n.value.dump(), c.value.dump());
      EXPECT_EQ(n.value.type(), c.value.type());
    } else {
      EXPECT_TRUE(n.value.is_null()) << n.value.dump();
    }
    if (c.state == ValueState::kUnreadable) {
      EXPECT_FALSE(n.note.empty());
    }
  }
}

TEST(DeclaredNone, EveryWritingForEveryType) {
  std::vector<std::string> writings = {"无",  "暂无",   "/",    "-",        "—",  "空", "",
                                       "   ", "\u3000", " 无 ", "\t暂无\n", "——", "－", "／"};
  for (const std::string& w : TheSpec().declared_none) writings.push_back(w);
  for (const char* name :
       {"text", "first_listed", "credit_code", "unit_type", "person", "postcode", "city", "phone",
        "mobile", "email", "integer", "wan_yuan", "area", "checkbox_set", "url", "date"}) {
    auto type = ValueTypeFromName(name);
    ASSERT_TRUE(type.has_value()) << name;
    for (const std::string& w : writings) {
      SCOPED_TRACE(std::string(name) + " \"" + w + "\"");
      EXPECT_TRUE(IsDeclaredNone(w));
      Normalized n = NormalizeValue(*type, w);
      EXPECT_STREQ(StateName(n.state), "declared none") << n.value.dump();
    }
  }
}

TEST(DeclaredNone, ValuesAreNotNone) {
  for (const char* raw : {"0", "无锡", "空调教室", "-5", "无线网络平台", "N/A平台", "—1—"}) {
    SCOPED_TRACE(raw);
    EXPECT_FALSE(IsDeclaredNone(raw));
  }
}

TEST(ValueTypeFromName, KnowsEveryTypeOfTheSpec) {
  EXPECT_EQ(ValueTypeFromName("wan_yuan"), ValueType::kWanYuan);
  EXPECT_EQ(ValueTypeFromName("checkbox_set"), ValueType::kCheckboxSet);
  EXPECT_EQ(ValueTypeFromName("credit_code"), ValueType::kCreditCode);
  EXPECT_FALSE(ValueTypeFromName("decimal").has_value());
  EXPECT_FALSE(ValueTypeFromName("").has_value());
}

TEST(NormalizeValue, DispatchesOnType) {
  EXPECT_EQ(NormalizeValue(ValueType::kInteger, "2,500 人").value.dump(), "2500");
  EXPECT_EQ(NormalizeValue(ValueType::kWanYuan, "35000元").value.dump(), "3.5");
  EXPECT_EQ(NormalizeValue(ValueType::kDate, "2024.6.16").value, "2024-06-16");
  EXPECT_EQ(NormalizeValue(ValueType::kCreditCode, "91370000 163044712r").value,
            "91370000163044712R");
  EXPECT_EQ(NormalizeValue(ValueType::kCity, "山东省济南市").value, "济南");
}

TEST(NormalizeText, TrimsAndCollapsesSpaces) {
  Check(NormalizeText,
        {
            V("  济南某某职业学院  ", "济南某某职业学院"),
            V("\u3000济南某某职业学院\u3000", "济南某某职业学院"),
            V("济南 某某\u3000职业学院", "济南某某职业学院"),
            V("济南某某职业学院（培训中心）", "济南某某职业学院（培训中心）"),
            V("济南某某学院 （继续教育学院）", "济南某某学院（继续教育学院）"),
            V("山东省，济南市。", "山东省，济南市。"),
            V("Shandong   Training\tCenter", "Shandong Training Center"),
            // Chinese is written without spaces: a space beside a
            // Chinese character is print or OCR spacing.
            V("山东 ABC 培训中心", "山东ABC培训中心"),
            V("经十路\n100号", "经十路100号"),
            V("工业园路18 号", "工业园路18号"),
            V("2022 年03 月15 日至 2027 年03 月 14 日", "2022年03月15日至2027年03月14日"),
            V("”山东省青岛市黄岛区长江西路166 号", "山东省青岛市黄岛区长江西路166号"),
            V("，山东海岱职业技术学院", "山东海岱职业技术学院"),
            V("Room 101", "Room 101"),
            V("历下区\n经十路", "历下区经十路"),
            V("新一代信息技术、医养健康", "新一代信息技术、医养健康"),
            None("无"),
        });
}

// 申报领域 declares one area; a unit that lists several declares the first.
TEST(NormalizeFirstListed, TakesTheFirstOfAList) {
  Check(NormalizeFirstListed, {
                                  V("精品旅游、高端装备", "精品旅游"),
                                  V("社会工作，高端装备", "社会工作"),
                                  V("现代金融服务; 数字技术", "现代金融服务"),
                                  V("医养健康/文化创意/精品旅游", "医养健康"),
                                  V(" 高端装备 ", "高端装备"),
                                  V("高端装备、", "高端装备"),
                                  // A mark OCR read inside one area leaves a part of one character:
                                  // that is no list.
                                  V("新一代信息技术、术", "新一代信息技术、术"),
                                  V("高、端装备", "高、端装备"),
                                  None("无"),
                              });
  EXPECT_EQ(ListedItems("精品旅游、高端装备，乡村振兴"),
            (std::vector<std::string>{"精品旅游", "高端装备", "乡村振兴"}));
  EXPECT_EQ(ListedItems("高端装备"), (std::vector<std::string>{"高端装备"}));
  EXPECT_TRUE(ListedItems("  ").empty());
}

TEST(NormalizePerson, RemovesSpacesInsideChineseNames) {
  Check(NormalizePerson, {
                             V("张 三", "张三"),
                             V(" 李四 ", "李四"),
                             V("张\u3000三", "张三"),
                             V("欧阳 娜娜", "欧阳娜娜"),
                             V("买买提·艾力", "买买提·艾力"),
                             V("John   Smith", "John Smith"),
                             // A scan's specks around a name are no part of it.
                             V("邓 嘉怡  “  ，  .\n，", "邓嘉怡"),
                             V("“王 五", "王五"),
                             // What OCR makes of a signature or smudge.
                             Bad("S52"),
                             Bad("ThA"),
                             None("/"),
                         });
}

TEST(NormalizeCreditCode, UpperCaseWithoutSpaces) {
  Check(NormalizeCreditCode,
        {
            V("91370000163044712R", "91370000163044712R"),
            V("91370000 1630 4471 2R", "91370000163044712R"),
            V("91370000-163044712r", "91370000163044712R"),
            V("９１３７００００１６３０４４７１２Ｒ", "91370000163044712R"),
            V("\u300091370100ma3c5t2x4n ", "91370100MA3C5T2X4N"),
            // A wrong check character is exported as written; the check is separate.
            V("91370000163044712X", "91370000163044712X"),
            V("91370000163044712O", "91370000163044712O"),
            Bad("9137000016304471"),
            Bad("9137000016304471200"),
            Bad("91370000163044712@"),
            Bad("见营业执照"),
            None("无"),
        });
}

TEST(NormalizeUnitType, TypesSynonymsAndTickedBoxes) {
  Check(NormalizeUnitType,
        {
            V("高等院校", "高等院校"),
            V(" 科研院所 ", "科研院所"),
            V("行业教育培训机构", "行业教育培训机构"),
            V("专业协会(学会)", "专业协会(学会)"),
            V("专业协会（学会）", "专业协会(学会)"),
            V("企业培训机构", "企业培训机构"),
            V("其他", "其他"),
            V("高校", "高等院校"),
            V("普通高等学校", "高等院校"),
            V("科研机构", "科研院所"),
            V("学会", "专业协会(学会)"),
            V("企业", "企业培训机构"),
            V("高等院校（公办）", "高等院校"),
            V("□高等院校 □科研院所 ☑行业教育培训机构 □专业协会（学会） □企业培训机构 □其他",
              "行业教育培训机构"),
            V("□高等院校 □科研院所 □行业教育培训机构 ■专业协会（学会） □企业培训机构 □其他",
              "专业协会(学会)"),
            V("[ ]高等院校 [x]企业培训机构", "企业培训机构"),
            V("高等院校√ 科研院所 企业培训机构", "高等院校"),
            V("□高等院校 □企业培训机构 ☑其他（技工院校）", "其他"),
            None("□高等院校 □科研院所 □企业培训机构"),
            Bad("☑高等院校 ☑科研院所"),
            Bad("事业单位"),
            None("—"),
        });
}

TEST(NormalizePostcode, SixDigits) {
  Check(NormalizePostcode, {
                               V("250014", "250014"),
                               V(" 250 014 ", "250014"),
                               V("２５００１４", "250014"),
                               // A cell's border beside the digits.
                               V("252140  ]", "252140"),
                               V("|250014.", "250014"),
                               Bad("25001"),
                               Bad("2500145"),
                               Bad("25001A"),
                               None("无"),
                           });
}

TEST(NormalizeCity, SixteenCitiesWithoutShi) {
  Check(NormalizeCity, {
                           V("济南", "济南"),
                           V("济南市", "济南"),
                           V("山东省济南市", "济南"),
                           V("山东济南", "济南"),
                           V(" 青岛市 ", "青岛"),
                           V("菏泽市", "菏泽"),
                           V("东营市", "东营"),
                           V("济南市历下区", "济南"),
                           Bad("北京市"),
                           Bad("省直"),
                           None("/"),
                       });
}

TEST(CityFromAddress, FindsTheOneCityNamedAsACity) {
  struct AddressCase {
    std::string address;
    std::optional<std::string> city;
  };
  const std::vector<AddressCase> cases = {
      {"山东省济南市历下区经十路100号", "济南"},
      {"济南市历城区工业北路", "济南"},
      {"青岛市市南区香港中路10号", "青岛"},
      {"山东省潍坊高新区健康东街", "潍坊"},
      {"淄博高新区柳泉路", "淄博"},
      {"东营市东营区府前大街", "东营"},
      {"济南市历下区青岛路5号", "济南"},
      {"山东省 济南市 历下区", "济南"},
      {"广东省深圳市福田区广东营业部", std::nullopt},
      {"山东省济南市历下区（青岛市分部）", std::nullopt},
      {"北京市海淀区中关村", std::nullopt},
      // A county or district only one city has, at the head: its city,
      // the city's own name misread or left out (a photo of development
      // seed 79: 于滕州市 for 枣庄市滕州市).
      {"历下区经十路", "济南"},
      {"于滕州市祥和路94号B座17层", "枣庄"},
      {"山东省滕州市祥和路94号", "枣庄"},
      {"市中区建设路", std::nullopt},
      {"天津市河东区十一经路", std::nullopt},
      {"河东区十一经路", "临沂"},
      {"", std::nullopt},
  };
  for (const AddressCase& c : cases) {
    SCOPED_TRACE(c.address);
    EXPECT_EQ(CityFromAddress(c.address), c.city);
  }
}

TEST(NormalizePhone, AreaCodeHyphenLocal) {
  Check(NormalizePhone, {
                            V("0531-51788246", "0531-51788246"),
                            V("(0531)51788246", "0531-51788246"),
                            V("（0531）5178 8246", "0531-51788246"),
                            V("0531－51788246", "0531-51788246"),
                            V("0531—51788246", "0531-51788246"),
                            V("0531 51788246", "0531-51788246"),
                            V("053151788246", "0531-51788246"),
                            V("０５３１－５１７８８２４６", "0531-51788246"),
                            V("0535-6912345", "0535-6912345"),
                            V("010-12345678", "010-12345678"),
                            V("01012345678", "010-12345678"),
                            V("02112345678", "021-12345678"),
                            V("+86 531 51788246", "0531-51788246"),
                            // Extensions are kept as a third part.
                            V("0531-51788246-8001", "0531-51788246-8001"),
                            V("0531-51788246转8001", "0531-51788246-8001"),
                            V("0531-51788246 ext. 8001", "0531-51788246-8001"),
                            V("0531-51788246（8001）", "0531-51788246-8001"),
                            V("0531-51788246/8001", "0531-51788246"),
                            // A mobile in a phone field is read as a mobile.
                            V("13805312345", "13805312345"),
                            V("138 0531 2345", "13805312345"),
                            // Several numbers: the first one.
                            V("0531-51788246/13805312345", "0531-51788246"),
                            V("0531-51788246、0531-51788247", "0531-51788246"),
                            // No area code written: the local number alone.
                            V("51788246", "51788246"),
                            Bad("0531-123"),
                            Bad("12345"),
                            Bad("见附件"),
                            None("-"),
                        });
}

TEST(NormalizeMobile, ElevenDigitsStartingWithOne) {
  Check(NormalizeMobile, {
                             V("13805312345", "13805312345"),
                             V("138 0531 2345", "13805312345"),
                             V("138-0531-2345", "13805312345"),
                             V("+86 13805312345", "13805312345"),
                             V("+8613805312345", "13805312345"),
                             V("0086 13805312345", "13805312345"),
                             V("１３８０５３１２３４５", "13805312345"),
                             V("138\u30000531\u30002345", "13805312345"),
                             Bad("0531-51788246"),
                             Bad("1380531234"),
                             Bad("138053123456"),
                             Bad("23805312345"),
                             Bad("微信同号"),
                             None("暂无"),
                         });
}

TEST(NormalizeEmail, LowerCasedAddress) {
  Check(NormalizeEmail, {
                            V("Info@Example.COM", "info@example.com"),
                            V("info＠example.com", "info@example.com"),
                            V(" jxjy@sdu.edu.cn ", "jxjy@sdu.edu.cn"),
                            V("ｉｎｆｏ＠ｅｘａｍｐｌｅ．ｃｏｍ", "info@example.com"),
                            V("info @ example . com", "info@example.com"),
                            V("mailto:Info@Example.com", "info@example.com"),
                            V("info@example。com", "info@example.com"),
                            V("xthg9135@126.com:", "xthg9135@126.com"),  // a colon's speck after it
                            Bad("infoexample.com"),
                            Bad("info@example"),
                            Bad("a@b@c.com"),
                            Bad("info@.com"),
                            Bad("@example.com"),
                            Bad("张三@example.com"),
                            None("无"),
                        });
}

TEST(NormalizeInteger, CountsWrittenEveryWay) {
  Check(NormalizeInteger, {
                              V("2500", 2500),
                              V("2500人", 2500),
                              V("2,500 人", 2500),
                              V("２５００", 2500),
                              V("２，５００人", 2500),
                              V("0.25万人", 2500),
                              V("二千五百", 2500),
                              V("两千", 2000),
                              V("两千人", 2000),
                              V("3千", 3000),
                              V("1.2万", 12000),
                              V("2500人次", 2500),
                              V("约2500人", 2500),
                              V("2500余人", 2500),
                              V("共计 2,500 人次", 2500),
                              V("12间", 12),
                              V("8000册", 8000),
                              V("50名", 50),
                              V("十二", 12),
                              V("五十名", 50),
                              V("二千零五", 2005),
                              V("1,200,000", 1200000),
                              V("0", 0),
                              V("零", 0),
                              V("2500（2500人）", 2500),
                              Bad("1.5人"),
                              Bad("专职20人兼职10人"),
                              Bad("20-30人"),
                              Bad("2023年2500人"),
                              Bad("若干"),
                              Bad("50%"),
                              Bad("-5"),
                              None("无"),
                              None("/"),
                          });
}

// A 1 a scan made into a letter glued to the digits is read as the digit,
// and the value says it is doubtful; letters of a word are no digits.
TEST(NormalizeInteger, ALetterGluedToDigitsIsReadAsTheDigitItResemblesAndDoubted) {
  for (auto [raw, want] : std::vector<std::pair<std::string, int64_t>>{{"i2185人次", 12185},
                                                                       {"2l5", 215},
                                                                       {"1I", 11},
                                                                       {"2O5人", 205},
                                                                       {"2Q5人", 205},
                                                                       {"1,47Q 人", 1470}}) {
    SCOPED_TRACE(raw);
    const Normalized n = NormalizeInteger(raw);
    ASSERT_EQ(n.state, ValueState::kValue) << n.note;
    EXPECT_EQ(n.value, want);
    EXPECT_FALSE(n.note.empty());
  }
  EXPECT_TRUE(NormalizeInteger("2500人").note.empty());
  EXPECT_EQ(NormalizeInteger("约O人").state, ValueState::kUnreadable);
  EXPECT_EQ(NormalizeInteger("Oil 25").value, 25);
  const Normalized area = NormalizeArea("1,47Q 亚");
  ASSERT_EQ(area.state, ValueState::kValue) << area.note;
  EXPECT_EQ(area.value, 1470);
}

TEST(NormalizeWanYuan, AmountsInWanYuan) {
  Check(NormalizeWanYuan, {
                              V("3.5万元", 3.5),
                              V("3.5", 3.5),
                              V("35000元", 3.5),
                              V("35,000 元", 3.5),
                              V("叁万伍仟元", 3.5),
                              V("三万五千元", 3.5),
                              V("120万", 120),
                              V("120万元", 120),
                              V("120", 120),
                              V("1,200,000元", 120),
                              V("１２０万元", 120),
                              V("3.5（万元）", 3.5),
                              V("￥35000", 3.5),
                              V("人民币3.5万元", 3.5),
                              V("3500千元", 350),
                              V("12345元", 1.2345),
                              V("12345.67元", 1.2346),
                              V("0.8", 0.8),
                              V("35000元（3.5万元）", 3.5),
                              V("50万元（大写：伍拾万元整）", 50),
                              V("500,000.00元", 50),
                              V("194方元", 194),  // OCR's 方 for 万
                              V("194 方元", 194),
                              Bad("3万至5万"),
                              Bad("若干"),
                              Bad("10%"),
                              None("无"),
                          });
}

TEST(NormalizeArea, SquareMetres) {
  Check(NormalizeArea, {
                           V("1200平方米", 1200),
                           V("1,200㎡", 1200),
                           V("1200 m²", 1200),
                           V("1200m2", 1200),
                           V("1200M2", 1200),
                           V("1200平米", 1200),
                           V("１２００平方米", 1200),
                           V("1200", 1200),
                           V("1200.5平方米", 1200.5),
                           V("1.2万平方米", 12000),
                           V("约1200平方米", 1200),
                           Bad("1200平方米（教室）800平方米"),
                           Bad("1.5亩"),
                           Bad("0.2公顷"),
                           Bad("若干"),
                           None("—"),
                       });
}

TEST(NormalizeCheckboxSet, TickedManagementRules) {
  const json all_but_two = {"教学组织管理", "学员考核管理", "培训登记管理",
                            "后勤保障管理", "培训效果评估", "跟踪反馈"};
  Check(NormalizeCheckboxSet,
        {
            V("☑教学组织管理 ☑学员考核管理 □教学科研管理 ■培训登记管理 □培训经费管理 "
              "√后勤保障管理 ✓培训效果评估 ✔跟踪反馈",
              all_but_two),
            V("[x]教学组织管理 [ ]学员考核管理 [X]教学科研管理 [√]培训登记管理",
              json{"教学组织管理", "教学科研管理", "培训登记管理"}),
            V("☒教学组织管理 ☐学员考核管理", json{"教学组织管理"}),
            V("（√）教学组织管理（ ）学员考核管理", json{"教学组织管理"}),
            V("［ｘ］教学组织管理［　］学员考核管理", json{"教学组织管理"}),
            // A mark after the item.
            V("教学组织管理√ 学员考核管理 培训经费管理√", json{"教学组织管理", "培训经费管理"}),
            // Printed boxes before, a handwritten √ after.
            V("□教学组织管理√ □学员考核管理 □培训经费管理√", json{"教学组织管理", "培训经费管理"}),
            // Boxes present, none ticked: an empty set, not a missing value.
            V("□教学组织管理 □学员考核管理 □跟踪反馈", json::array()),
            // No boxes at all: the rules named in plain text, in the spec's order.
            V("跟踪反馈、教学组织管理，学员考核管理",
              json{"教学组织管理", "学员考核管理", "跟踪反馈"}),
            V("教 学 组 织 管 理", json{"教学组织管理"}),
            V("培训效果评估制度；跟踪反馈制度", json{"培训效果评估", "跟踪反馈"}),
            Bad("有"),
            Bad("☑健全"),
            None("无"),
        });
}

TEST(TickedItems, GlyphsBeforeOrAfterItems) {
  const std::vector<std::string> items = {"甲类", "乙类", "丙类"};
  struct TickCase {
    std::string text;
    std::vector<std::string> ticked;
  };
  const std::vector<TickCase> cases = {
      {"☑甲类 □乙类 ☑丙类", {"甲类", "丙类"}},
      {"■甲类□乙类□丙类", {"甲类"}},
      {"□甲类 √乙类 □丙类", {"乙类"}},
      {"✓丙类", {"丙类"}},
      {"甲类✓ 乙类 丙类✔", {"甲类", "丙类"}},
      {"甲类□ 乙类☑ 丙类□", {"乙类"}},
      {"[X] 甲 类  [ ] 乙 类", {"甲类"}},
      {"☐甲类 ☐乙类 ☐丙类", {}},
      {"甲类 乙类", {}},
      {"", {}},
  };
  for (const TickCase& c : cases) {
    SCOPED_TRACE(c.text);
    EXPECT_EQ(TickedItems(c.text, items), c.ticked);
  }
}

TEST(NormalizeUrl, SchemeAndHostLowerCased) {
  Check(NormalizeUrl,
        {
            V("http://www.example.com", "http://www.example.com"),
            V("HTTP://WWW.Example.COM/Path/Index.HTML", "http://www.example.com/Path/Index.HTML"),
            V("www.Example.com", "www.example.com"),
            V("www.Example.com/Course?ID=AbC", "www.example.com/Course?ID=AbC"),
            V(" https://Edu.Example.cn:8080/Login?Id=AbC ",
              "https://edu.example.cn:8080/Login?Id=AbC"),
            V("ｗｗｗ．ｅｘａｍｐｌｅ．ｃｏｍ", "www.example.com"),
            V("www.example.com。", "www.example.com"),
            Bad("见附件"),
            Bad("http://localhost/x"),
            Bad("http://"),
            None("无"),
        });
}

TEST(NormalizeDate, IsoDate) {
  Check(NormalizeDate, {
                           V("2024年6月16日", "2024-06-16"),
                           V("2024.6.16", "2024-06-16"),
                           V("2024/06/16", "2024-06-16"),
                           V("2024-6-16", "2024-06-16"),
                           V("二〇二四年六月十六日", "2024-06-16"),
                           V("二O二四年六月十六日", "2024-06-16"),
                           V("２０２４年６月１６日", "2024-06-16"),
                           V("2024年06月16日", "2024-06-16"),
                           V("2024 年 6 月 16 日", "2024-06-16"),
                           V("2024年6月16号", "2024-06-16"),
                           V("20240616", "2024-06-16"),
                           V("2024.06.16.", "2024-06-16"),
                           V("二〇二四年六月二十八日", "2024-06-28"),
                           V("2024年2月29日", "2024-02-29"),
                           V("2024年6月16日（盖章）", "2024-06-16"),
                           // What OCR makes of the 日 that closes a date.
                           V("2024年 6月21 目", "2024-06-21"),
                           V("2024 年 6月18 H", "2024-06-18"),
                           V("2024年06月26月", "2024-06-26"),
                           V("2024年6月19曰", "2024-06-19"),
                           V("2024年6月24 晶", "2024-06-24"),
                           V("二〇二四年六月二十吕", "2024-06-20"),
                           // A point read as a dash, a smudged point after
                           // the day (photos of development seeds 68, 74).
                           V("2024.06-19", "2024-06-19"),
                           V("2024-06.20.ci", "2024-06-20"),
                           // A photographed 〇 read as two glyphs, one a D;
                           // a speck's mark for a dash (development seeds
                           // 61, 69 and 75).
                           V("二 O〇二四 年 六月二十六日", "2024-06-26"),
                           V("二 DO二四 年 六月二十 三日", "2024-06-23"),
                           V("二D二四年六月二十三日", "2024-06-23"),
                           V("2024-06<18", "2024-06-18"),
                           V("2024年.06月24 日", "2024-06-24"),
                           V("2024年 06 月 :16 日", "2024-06-16"),
                           // A rule's stroke before the year read as a 1
                           // (development seed 92); five digits no year has.
                           V("12024 年06月26 日", "2024-06-26"),
                           Bad("32024年06月26日"),
                           Bad("2024<06<18"),
                           Bad("2024/06<18"),
                           Bad("二〇〇〇二四年六月二十三日"),
                           Bad("2024年6月"),
                           Bad("6月16日"),
                           Bad("2023年2月29日"),
                           Bad("2024-02-30"),
                           Bad("2024年13月1日"),
                           Bad("2024.6"),
                           Bad("2024.6/16"),
                           Bad("2024年6月16日至2024年6月28日"),
                           Bad("即日"),
                           None("/"),
                       });
}

TEST(ParseChineseNumber, NumeralsAndFinancialNumerals) {
  struct NumberCase {
    std::string text;
    std::optional<int64_t> value;
  };
  const std::vector<NumberCase> cases = {
      {"十二", 12},
      {"十", 10},
      {"二十", 20},
      {"二千零五", 2005},
      {"二千五百", 2500},
      {"两千", 2000},
      {"一万二", 12000},
      {"一万二千", 12000},
      {"三百五", 350},
      {"一百零八", 108},
      {"一千零一十", 1010},
      {"〇", 0},
      {"零", 0},
      {"十万", 100000},
      {"叁万伍仟", 35000},
      {"壹佰贰拾", 120},
      {"玖拾玖", 99},
      {"二〇二四", 2024},
      {"一亿二千万", 120000000},
      {"", std::nullopt},
      {"abc", std::nullopt},
      {"百", std::nullopt},
      {"二x", std::nullopt},
      {"一二十", std::nullopt},
  };
  for (const NumberCase& c : cases) {
    SCOPED_TRACE(c.text);
    EXPECT_EQ(ParseChineseNumber(c.text), c.value);
  }
}

}  // namespace
}  // namespace dossier::norm
