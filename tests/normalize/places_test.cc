#include "dossier/normalize/places.h"

#include <gtest/gtest.h>

#include "dossier/normalize/spec.h"

namespace dossier::norm {
namespace {

const PlaceNames& P() { return PlaceNames::Shandong(); }

TEST(PlacesTest, TheSixteenCitiesAreTheSpecs) {
  EXPECT_EQ(P().Cities(), TheSpec().cities);
  EXPECT_TRUE(P().IsCity("青岛"));
  EXPECT_TRUE(P().IsCity("青岛市"));
  EXPECT_FALSE(P().IsCity("青鸟"));
}

TEST(PlacesTest, AnAddressesUnitsMisreadAfterTheirNumberArePutBack) {
  EXPECT_EQ(AddressUnitsCorrected("山东省临沂市费县沂蒙路2712号综合楼411玄"),
            "山东省临沂市费县沂蒙路2712号综合楼411室");
  EXPECT_EQ(AddressUnitsCorrected("山东省日照市岚山区山东路396号综合楼627富"),
            "山东省日照市岚山区山东路396号综合楼627室");
  EXPECT_EQ(AddressUnitsCorrected("山东省泰安市宁阳县泰山大街256号B座17展"),
            "山东省泰安市宁阳县泰山大街256号B座17层");
  EXPECT_EQ(AddressUnitsCorrected("青岛市平度市香港中路16159号B庆18层"),
            "青岛市平度市香港中路16159号B座18层");
  // Not after a number, or not at the end: words of their own.
  for (const char* kept : {"济南市历下区展览馆路3号", "济南市市中区富力城1号", "青岛市玄武路12号",
                           "济南市历城区A庆路", "济南市3号楼居"})
    EXPECT_EQ(AddressUnitsCorrected(kept), kept);
}

TEST(PlacesTest, DistrictsBelongToTheirCity) {
  EXPECT_TRUE(P().IsDistrictOf("崂山区", "青岛"));
  EXPECT_TRUE(P().IsDistrictOf("芝罘区", "烟台市"));
  EXPECT_TRUE(P().IsDistrictOf("岱岳区", "泰安"));
  EXPECT_TRUE(P().IsDistrictOf("莒县", "日照"));
  EXPECT_FALSE(P().IsDistrictOf("崂山区", "济南"));
  EXPECT_EQ(P().CitiesOf("市中区"), (std::vector<std::string>{"济南", "枣庄"}));
  EXPECT_TRUE(P().CitiesOf("财山区").empty());
}

TEST(PlacesTest, NearestNameWithinOneEdit) {
  EXPECT_EQ(P().Nearest("青鸟"), "青岛");
  EXPECT_EQ(P().Nearest("青鸟市"), "青岛市");
  // 财山区 is as near to 淄博's 博山区 as to 青岛's 崂山区: the city decides.
  EXPECT_EQ(P().Nearest("财山区"), std::nullopt);
  EXPECT_EQ(P().Nearest("财山区", "青岛"), "崂山区");
  EXPECT_EQ(P().Nearest("财山区", "淄博市"), "博山区");
  EXPECT_EQ(P().Nearest("芝呆区"), "芝罘区");
  EXPECT_EQ(P().Nearest("贷岳区"), "岱岳区");
  EXPECT_EQ(P().Nearest("崂山区"), "崂山区");
  // Equally near to two names, or near to none, or too short to guess.
  EXPECT_EQ(P().Nearest("某县"), std::nullopt);
  EXPECT_EQ(P().Nearest("济阳"), std::nullopt);  // 济阳区, 济南, 济宁
  EXPECT_EQ(P().Nearest("北京"), std::nullopt);
  EXPECT_EQ(P().Nearest("青"), std::nullopt);
}

TEST(PlacesTest, FindsPlacesInAnAddressAndCorrectsOneCharacter) {
  auto found = P().Find("山东省青鸟市财山区松岭路100号");
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(found[0].name, "青岛市");
  EXPECT_EQ(found[0].as_written, "青鸟市");
  EXPECT_EQ(found[0].edits, 1);
  EXPECT_EQ(found[1].name, "崂山区");
  EXPECT_EQ(found[1].city, "青岛");
  EXPECT_EQ(P().Corrected("山东省青鸟市财山区松岭路100号"), "山东省青岛市崂山区松岭路100号");
  EXPECT_EQ(P().Corrected("烟台市芝呆区南大街"), "烟台市芝罘区南大街");
}

TEST(PlacesTest, ACitysCharacterReadTwiceBeforeItsDistrictGoes) {
  EXPECT_EQ(P().Corrected("临沂市市郯城县解放路148号"), "临沂市郯城县解放路148号");
  EXPECT_EQ(P().Corrected("济南市市中区经七路"), "济南市市中区经七路");
  EXPECT_EQ(P().Corrected("临沂市市场路8号"), "临沂市市场路8号");
}

TEST(PlacesTest, ACharacterReadInsideADistrictBesideItsCityGoes) {
  EXPECT_EQ(P().Corrected("山东省聊城市东昌上府区东昌路336号"), "山东省聊城市东昌府区东昌路336号");
  // Not without its city named: 东昌上府区 alone is left as it stands.
  EXPECT_EQ(P().Corrected("东昌上府区东昌路336号"), "东昌上府区东昌路336号");
  // Nor another city's district.
  EXPECT_EQ(P().Corrected("济南市东昌上府区"), "济南市东昌上府区");
}

// A two-character county with its first character misread, right after
// its city: the city's one two-character county that ends so. 菏泽 has two
// (曹县, 单县), and no city named leaves it as read.
TEST(PlacesTest, ATwoCharacterCountyMisreadRightAfterItsCityIsPutRight) {
  EXPECT_EQ(P().Corrected("日照市苦县山东路170号15楼"), "日照市莒县山东路170号15楼");
  EXPECT_EQ(P().Corrected("菏泽市草县青年路10号"), "菏泽市草县青年路10号");
  EXPECT_EQ(P().Corrected("苦县山东路170号"), "苦县山东路170号");
  EXPECT_EQ(P().Corrected("日照市莒县山东路170号"), "日照市莒县山东路170号");
}

// Both characters of a city misread (本莹市, a scan of development seed
// 132) right before a district of one city only, read whole: that city.
// A district two cities have (市中区: 济南, 枣庄) tells none.
TEST(PlacesTest, ACityMisreadWhollyBeforeItsOwnDistrictIsPutRight) {
  EXPECT_EQ(P().Corrected("本莹市广饶县济南路80号"), "东营市广饶县济南路80号");
  EXPECT_EQ(P().Corrected("山东省本莹市广饶县济南路80号"), "山东省东营市广饶县济南路80号");
  EXPECT_EQ(P().Corrected("某某市市中区经十路1号"), "某某市市中区经十路1号");
  EXPECT_EQ(P().Corrected("东营市广饶县济南路80号"), "东营市广饶县济南路80号");
}

TEST(PlacesTest, TheProvinceReadOneCharacterOffBeforeACityIsShandong) {
  EXPECT_EQ(P().Corrected("山本省聊城市东昌府区东昌路336号"), "山东省聊城市东昌府区东昌路336号");
  EXPECT_EQ(P().Corrected("出东省青鸟市财山区松岭路100号"), "山东省青岛市崂山区松岭路100号");
  // Another province, or no city after it, stays.
  EXPECT_EQ(P().Corrected("山西省太原市"), "山西省太原市");
  EXPECT_EQ(P().Corrected("山本省某某路"), "山本省某某路");
  // A recommender is Shandong's: its province misread at its head is put
  // right with no city after it; 山西 and 广东 are provinces of their own.
  EXPECT_EQ(P().Corrected("山本省交通运输厅", /*prefer_city=*/true), "山东省交通运输厅");
  EXPECT_EQ(P().Corrected("出东省科学技术厅", /*prefer_city=*/true), "山东省科学技术厅");
  EXPECT_EQ(P().Corrected("山西省交通运输厅", /*prefer_city=*/true), "山西省交通运输厅");
  EXPECT_EQ(P().Corrected("广东省交通运输厅", /*prefer_city=*/true), "广东省交通运输厅");
}

TEST(PlacesTest, ADistrictWhoseCharacterOcrNeverGivesIsTakenBeforeOneAsNear) {
  // 峄 is in no class of the Chinese OCR model: 峄城区 always comes out as
  // something else, 峰城区 most often, which is one character from 枣庄's
  // 薛城区 too. 邮城县 is one from 菏泽's 郓城县 and 鄄城县 (鄄 unreadable).
  EXPECT_EQ(P().Corrected("山东省枣庄市峰城区青檀路273号"), "山东省枣庄市峄城区青檀路273号");
  EXPECT_EQ(P().Corrected("山东省菏泽市邮城县人民路10035号"), "山东省菏泽市鄄城县人民路10035号");
  // Read as written, a district stays.
  EXPECT_EQ(P().Corrected("山东省枣庄市薛城区永福路1号"), "山东省枣庄市薛城区永福路1号");
}

TEST(PlacesTest, ACityOneEditFromTwoIsToldApartByItsDistrict) {
  // 沪州市 is one character from both 滨州市 and 德州市; 惠民县 (also misread)
  // lies in Binzhou.
  EXPECT_EQ(P().Corrected("沪州市囊民县黄河二路10483号"), "滨州市惠民县黄河二路10483号");
  EXPECT_EQ(P().Corrected("沪州市黄河二路10483号"), "沪州市黄河二路10483号");
}

TEST(PlacesTest, ANameOneEditFromACityAndACountyLevelCityStaysInAnAddress) {
  // 中城市 is one character from the city 聊城市 and from 泰安's 肥城市:
  // nothing in the text tells which, and rank is no evidence.
  EXPECT_EQ(P().Corrected("山东省中城市东岳大街3717号"), "山东省中城市东岳大街3717号");
  EXPECT_EQ(P().Corrected("山东省青鸟市松岭路100号"), "山东省青鸟市松岭路100号");
  // A district misread too, of one of the two cities only, tells them apart.
  EXPECT_EQ(P().Corrected("山东省中城市东昌府区东昌路336号"), "山东省聊城市东昌府区东昌路336号");
  // A city field's value is a city, and a recommender a city's bureau:
  // there the city wins.
  EXPECT_EQ(P().Nearest("中城市"), "聊城市");
  EXPECT_EQ(P().Corrected("青鸟市人力资源和社会保障局", /*prefer_city=*/true),
            "青岛市人力资源和社会保障局");
}

TEST(PlacesTest, AnExactNameIsNeverReplacedAndOtherCitiesDistrictsAreNotGuessed) {
  // 济宁市 is a city of its own, one character from 济南市.
  EXPECT_EQ(P().Corrected("山东省济宁市任城区"), "山东省济宁市任城区");
  // 新城区 is one character from 滨州's 滨城区, but the text is in 济南.
  EXPECT_EQ(P().Corrected("济南市新城区经十路"), "济南市新城区经十路");
  auto found = P().Find("济南市历下区");
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(found[0].edits, 0);
  EXPECT_EQ(found[1].name, "历下区");
}

}  // namespace
}  // namespace dossier::norm
