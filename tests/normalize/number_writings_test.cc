// Numbers and dates in every writing the spec lists, as a property: random
// values are written each way a form may write them and must normalize back.
// The seed is printed; DOSSIER_TEST_SEED=N repeats a run, DOSSIER_TEST_CASES=N
// draws more values.
#include <gtest/gtest.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <random>
#include <string>
#include <vector>

#include "dossier/normalize/values.h"
#include "support/test_seed.h"

namespace dossier::norm {
namespace {

int Cases() {
  const char* env = std::getenv("DOSSIER_TEST_CASES");
  return env ? std::atoi(env) : 3000;
}

// ------------------------------------------------ writers, independent of the code

const char* const kDigits[] = {"零", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
const char* const kFinancial[] = {"零", "壹", "贰", "叁", "肆", "伍", "陆", "柒", "捌", "玖"};

struct ChineseStyle {
  bool financial = false;   // 壹贰叁, 拾佰仟
  bool liang = false;       // 两 for a 2 before 百/千/万/亿
  bool short_tail = false;  // 一万二 for 12000, 三百五 for 350
};

std::string Digit(int d, const ChineseStyle& s, bool before_big) {
  if (d == 2 && s.liang && before_big && !s.financial) return "两";
  return s.financial ? kFinancial[d] : kDigits[d];
}

// 0 < n < 10000, as written inside a larger number when `inner` (一十二
// inside, 十二 at the head).
std::string Section(int n, const ChineseStyle& s, bool inner) {
  const char* const units[] = {"", s.financial ? "拾" : "十", s.financial ? "佰" : "百",
                               s.financial ? "仟" : "千"};
  const int d[4] = {n / 1000, n / 100 % 10, n / 10 % 10, n % 10};
  std::string out;
  bool zero = false;
  bool started = false;
  for (int i = 0; i < 4; ++i) {
    const int place = 3 - i;
    if (d[i] == 0) {
      if (started) zero = true;
      continue;
    }
    if (zero) out += s.financial ? kFinancial[0] : kDigits[0];
    zero = false;
    if (!(place == 1 && d[i] == 1 && !started && !inner)) out += Digit(d[i], s, place >= 2);
    out += units[place];
    started = true;
  }
  return out;
}

// 0 <= n < 10^12 in Chinese numerals.
std::string Chinese(int64_t n, const ChineseStyle& s) {
  if (n == 0) return s.financial ? "零" : "零";
  const std::string wan = s.financial ? "万" : "万";
  const int64_t yi = n / 100000000, w = n / 10000 % 10000, low = n % 10000;
  // 一万二 (12000), 三百五 (350): a lone digit after the last unit.
  if (s.short_tail && !s.financial && yi == 0 && w > 0 && w < 10 && low % 1000 == 0 && low > 0)
    return Digit(static_cast<int>(w), s, true) + wan +
           Digit(static_cast<int>(low / 1000), s, false);
  if (s.short_tail && !s.financial && n >= 110 && n < 1000 && n % 10 == 0 && n / 10 % 10 != 0)
    return Digit(static_cast<int>(n / 100), s, true) + (s.financial ? "佰" : "百") +
           Digit(static_cast<int>(n / 10 % 10), s, false);
  std::string out;
  bool pending_zero = false;
  if (yi > 0) {
    out += Section(static_cast<int>(yi), s, false) + "亿";
    pending_zero = false;
  }
  if (w > 0) {
    if (yi > 0 && w < 1000) out += kDigits[0];
    out += Section(static_cast<int>(w), s, yi > 0) + wan;
  } else if (yi > 0 && low > 0) {
    pending_zero = true;
  }
  if (low > 0) {
    if (pending_zero || ((yi > 0 || w > 0) && low < 1000)) out += kDigits[0];
    out += Section(static_cast<int>(low), s, yi > 0 || w > 0);
  }
  return out;
}

std::string WithCommas(const std::string& digits) {
  std::string out;
  const size_t n = digits.size();
  for (size_t i = 0; i < n; ++i) {
    if (i > 0 && (n - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

std::string FullWidth(const std::string& ascii) {
  std::string out;
  for (char c : ascii) {
    if (c >= '!' && c <= '~') {
      const char32_t cp = static_cast<char32_t>(c - '!' + 0xFF01);
      out += static_cast<char>(0xE0 | (cp >> 12));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
      out += c;
    }
  }
  return out;
}

// value/10^scale as a decimal string without trailing zeros.
std::string DecimalText(int64_t mantissa, int scale) {
  std::string digits = std::to_string(mantissa);
  if (scale == 0) return digits;
  while (static_cast<int>(digits.size()) <= scale) digits.insert(0, "0");
  std::string out =
      digits.substr(0, digits.size() - scale) + "." + digits.substr(digits.size() - scale);
  while (out.back() == '0') out.pop_back();
  if (out.back() == '.') out.pop_back();
  return out;
}

// Every writing of a count of n persons.
std::vector<std::string> CountWritings(int64_t n, std::mt19937_64& rng) {
  const std::string plain = std::to_string(n);
  std::vector<std::string> w = {plain,
                                plain + "人",
                                plain + " 人",
                                plain + "人次",
                                WithCommas(plain),
                                WithCommas(plain) + " 人",
                                FullWidth(plain),
                                FullWidth(plain) + "人",
                                FullWidth(WithCommas(plain)) + "人次"};
  for (bool financial : {false, true})
    for (bool liang : {false, true})
      for (bool short_tail : {false, true}) {
        std::string c = Chinese(n, {financial, liang, short_tail});
        w.push_back(c);
        w.push_back(c + "人");
      }
  // 万人: the count divided by 10000, written as a decimal.
  w.push_back(DecimalText(n, 4) + "万人");
  w.push_back(FullWidth(DecimalText(n, 4)) + "万人");
  w.push_back(DecimalText(n, 4) + " 万人次");
  if (n % 10000 == 0 && n > 0) w.push_back(Chinese(n / 10000, {}) + "万人");
  (void)rng;
  return w;
}

class NumberWritings : public ::testing::Test {
 protected:
  void SetUp() override { rng_.seed(::dossier::testing::TestSeed("number writings")); }
  std::mt19937_64 rng_;
};

TEST_F(NumberWritings, CountsFromZeroToNinetyNineMillion) {
  std::uniform_int_distribution<int64_t> any(0, 99999999);
  std::uniform_int_distribution<int> digits(1, 8);
  for (int i = 0; i < Cases(); ++i) {
    // Small numbers are as likely as large ones: draw the length first.
    const int len = digits(rng_);
    int64_t n = any(rng_);
    int64_t limit = 1;
    for (int k = 0; k < len; ++k) limit *= 10;
    n %= limit;
    if (i % 7 == 0) n -= n % 1000;  // round numbers: 12000, 3000000
    for (const std::string& written : CountWritings(n, rng_)) {
      Normalized r = NormalizeInteger(written);
      ASSERT_EQ(r.state, ValueState::kValue) << written << " (" << n << "): " << r.note;
      ASSERT_EQ(r.value, n) << written;
    }
  }
}

TEST_F(NumberWritings, LargeChineseNumeralsSeenOnForms) {
  EXPECT_EQ(NormalizeInteger("一万四千四百五十五").value, 14455);
  EXPECT_EQ(NormalizeInteger("一万三千零一十八").value, 13018);
  EXPECT_EQ(NormalizeInteger("二千七百三十人").value, 2730);
  EXPECT_EQ(NormalizeInteger("一万二千").value, 12000);
  EXPECT_EQ(NormalizeInteger("一万二").value, 12000);
  EXPECT_EQ(NormalizeInteger("两千零五人").value, 2005);
  EXPECT_EQ(NormalizeInteger("九千九百九十九万九千九百九十九").value, 99999999);
  EXPECT_EQ(NormalizeInteger("一亿零二十万").value, 100200000);
  EXPECT_EQ(NormalizeInteger("0万人").value, 0);
  // Two 万 sections with no 亿 between are no number, not a wrong one.
  EXPECT_EQ(NormalizeWanYuan("二十四万四千零二十四万元").state, ValueState::kUnreadable);
}

TEST_F(NumberWritings, AmountsInWanYuanWhateverTheUnit) {
  std::uniform_int_distribution<int64_t> yuan(0, 9999999999LL);
  for (int i = 0; i < Cases(); ++i) {
    int64_t y = yuan(rng_);
    if (i % 3 == 0) y -= y % 100;
    // The value in 万元 is y / 10000, exact to four decimals.
    const double want = static_cast<double>(y) / 10000.0;
    const std::string wan = DecimalText(y, 4);
    const std::string yuan_text = std::to_string(y);
    std::vector<std::string> writings = {wan,
                                         wan + "万元",
                                         wan + " 万元",
                                         FullWidth(wan) + "万元",
                                         yuan_text + "元",
                                         WithCommas(yuan_text) + "元",
                                         "￥" + WithCommas(yuan_text),
                                         "¥" + yuan_text,
                                         "人民币" + yuan_text + "元",
                                         FullWidth(yuan_text) + "元",
                                         Chinese(y, {}) + "元",
                                         Chinese(y, {true, false, false}) + "元"};
    // 一千二百万元; beyond 万万 forms write 亿 (checked below as unreadable).
    if (y % 10000 == 0 && y > 0 && y / 10000 < 10000)
      writings.push_back(Chinese(y / 10000, {}) + "万元");
    for (const std::string& written : writings) {
      Normalized r = NormalizeWanYuan(written);
      ASSERT_EQ(r.state, ValueState::kValue) << written << ": " << r.note;
      ASSERT_NEAR(r.value.get<double>(), want, 1e-9) << written;
    }
  }
}

TEST_F(NumberWritings, AreasInSquareMetresWhateverTheUnit) {
  std::uniform_int_distribution<int64_t> mantissa(0, 9999999);
  std::uniform_int_distribution<int> scale(0, 2);
  for (int i = 0; i < Cases(); ++i) {
    const int sc = scale(rng_);
    const int64_t m = mantissa(rng_);
    const std::string v = DecimalText(m, sc);
    const double want = std::stod(v);
    std::vector<std::string> writings = {v,
                                         v + "㎡",
                                         v + "m²",
                                         v + "m2",
                                         v + "M2",
                                         v + " 平方米",
                                         v + "平米",
                                         FullWidth(v) + "平方米",
                                         FullWidth(v) + "ｍ２",
                                         v + "（㎡）"};
    if (sc == 0) {
      writings.push_back(WithCommas(v) + "㎡");
      writings.push_back(Chinese(m, {}) + "平方米");
    }
    for (const std::string& written : writings) {
      Normalized r = NormalizeArea(written);
      ASSERT_EQ(r.state, ValueState::kValue) << written << ": " << r.note;
      ASSERT_NEAR(r.value.get<double>(), want, 1e-9) << written;
    }
  }
}

// ---------------------------------------------------------------- dates

std::string ChineseDigitsOneByOne(int n) {
  std::string out;
  for (char c : std::to_string(n)) out += c == '0' ? "〇" : kDigits[c - '0'];
  return out;
}

TEST_F(NumberWritings, DatesInEveryWriting) {
  std::uniform_int_distribution<int> year(1990, 2099), month(1, 12), day(1, 31);
  auto days_in = [](int y, int m) {
    static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return m == 2 && leap ? 29 : kDays[m - 1];
  };
  for (int i = 0; i < Cases(); ++i) {
    const int y = year(rng_), m = month(rng_);
    const int d = 1 + (day(rng_) - 1) % days_in(y, m);
    char iso[16], m2[4], d2[4];
    std::snprintf(iso, sizeof iso, "%04d-%02d-%02d", y, m, d);
    std::snprintf(m2, sizeof m2, "%02d", m);
    std::snprintf(d2, sizeof d2, "%02d", d);
    const std::string ys = std::to_string(y), ms = std::to_string(m), ds = std::to_string(d);
    const std::string cm = Chinese(m, {}), cd = Chinese(d, {});
    std::vector<std::string> writings = {
        ys + "年" + ms + "月" + ds + "日",
        ys + "年" + m2 + "月" + d2 + "日",
        ys + " 年 " + ms + " 月 " + ds + " 日",
        ys + "年" + ms + "月" + ds + "号",
        ys + "." + ms + "." + ds,
        ys + "." + m2 + "." + d2,
        ys + "/" + m2 + "/" + d2,
        ys + "/" + ms + "/" + ds,
        ys + "-" + m2 + "-" + d2,
        ys + "－" + m2 + "－" + d2,
        ys + m2 + d2,
        FullWidth(ys) + "年" + FullWidth(ms) + "月" + FullWidth(ds) + "日",
        FullWidth(ys + "." + ms + "." + ds),
        ChineseDigitsOneByOne(y) + "年" + cm + "月" + cd + "日",
        ChineseDigitsOneByOne(y) + "年" + cm + "月" + cd + "号",
    };
    for (const std::string& written : writings) {
      Normalized r = NormalizeDate(written);
      ASSERT_EQ(r.state, ValueState::kValue) << written << ": " << r.note;
      ASSERT_EQ(r.value, iso) << written;
    }
  }
}

TEST_F(NumberWritings, TheWritersWriteWhatFormsWrite) {
  // The test's own writers, checked against writings known by heart.
  EXPECT_EQ(Chinese(14455, {}), "一万四千四百五十五");
  EXPECT_EQ(Chinese(13018, {}), "一万三千零一十八");
  EXPECT_EQ(Chinese(2730, {}), "二千七百三十");
  EXPECT_EQ(Chinese(2730, {false, true, false}), "两千七百三十");
  EXPECT_EQ(Chinese(12000, {false, false, true}), "一万二");
  EXPECT_EQ(Chinese(100005, {}), "十万零五");
  EXPECT_EQ(Chinese(10, {}), "十");
  EXPECT_EQ(Chinese(110, {}), "一百一十");
  EXPECT_EQ(Chinese(300000001, {}), "三亿零一");
  EXPECT_EQ(Chinese(3500, {true, false, false}), "叁仟伍佰");
  EXPECT_EQ(ChineseDigitsOneByOne(2024), "二〇二四");
  EXPECT_EQ(WithCommas("1234567"), "1,234,567");
  EXPECT_EQ(DecimalText(2500, 4), "0.25");
}

}  // namespace
}  // namespace dossier::norm
