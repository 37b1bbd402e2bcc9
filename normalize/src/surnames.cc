#include "surnames.h"

namespace dossier::norm {

namespace {

// The single-character family names in common use, most frequent first
// (after the national surveys' rankings, widened to some four hundred).
constexpr std::u32string_view kSingle =
    U"王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖萧田董袁潘于蒋蔡余杜"
    U"叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱丘江尹薛闫阎段雷侯龙史"
    U"陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹"
    U"申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴"
    U"蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫"
    U"米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝官"
    U"封谈匡鞠惠荆乐冀郁胥南班储原栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻位厉伊仝区郜海阚花权强帅屠豆"
    U"朴盖练廉禹井祖漆巴丰支卿国狄平计索宣晋相初门云容敬来扈晁芮都普阙浦戈伏鹿薄邸雍辜羊阿乌"
    U"母裘亓修邰赫杭况那宿鲜印逯隆茹诸战慕危玉银亢嵇公哈湛宾戎勾茅利於呼居揭干但尉冶斯元束檀"
    U"衣信展阴昝智幸奉植衡富尧闭由赖洪蔚续鄂荀邴訾郗宦";

constexpr std::u32string_view kCompound[] = {U"欧阳", U"司马", U"诸葛", U"上官", U"东方", U"皇甫",
                                             U"令狐", U"慕容", U"司徒", U"公孙", U"夏侯", U"尉迟",
                                             U"长孙", U"宇文", U"轩辕", U"端木", U"澹台", U"独孤",
                                             U"南宫", U"西门", U"呼延", U"申屠"};

}  // namespace

bool BeginsWithCommonSurname(std::u32string_view name) {
  if (name.empty()) return false;
  if (kSingle.find(name.front()) != std::u32string_view::npos) return true;
  for (std::u32string_view compound : kCompound)
    if (name.substr(0, compound.size()) == compound) return true;
  return false;
}

}  // namespace dossier::norm
