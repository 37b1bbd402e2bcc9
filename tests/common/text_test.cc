#include "dossier/common/text.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace dossier::text {
namespace {

TEST(Utf8, RoundTrip) {
  for (const std::string s : {"", "abc", "济南市", "２０２４", "☑√", "𠀀x", "a\u3000b"}) {
    SCOPED_TRACE(s);
    EXPECT_EQ(ToUtf8(ToU32(s)), s);
  }
  EXPECT_EQ(ToU32("济a"), (std::u32string{U'济', U'a'}));
  EXPECT_EQ(ToU32("\xF0\xA0\x80\x80"), std::u32string{0x20000});
}

TEST(Utf8, InvalidBytesBecomeReplacementCharacters) {
  struct Case {
    std::string bytes;
    std::u32string decoded;
  };
  const std::vector<Case> cases = {
      {"\xFF", U"\uFFFD"},
      {"a\x80"
       "b",
       U"a\uFFFDb"},
      {"\xE6\xB5", U"\uFFFD\uFFFD"},  // truncated 济
      {"\xE6\xB5"
       "a",
       U"\uFFFD\uFFFDa"},
      {"\xC0\xAF", U"\uFFFD\uFFFD"},                      // overlong '/'
      {"\xE0\x80\xAF", U"\uFFFD\uFFFD\uFFFD"},            // overlong '/'
      {"\xED\xA0\x80", U"\uFFFD\uFFFD\uFFFD"},            // a UTF-16 surrogate
      {"\xF4\x90\x80\x80", U"\uFFFD\uFFFD\uFFFD\uFFFD"},  // past U+10FFFF
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.bytes);
    EXPECT_EQ(ToU32(c.bytes), c.decoded);
  }
}

// ToU32 decodes the common three-byte sequences itself (text.cc's
// NextCodePoint): it must agree with DecodeUtf8 on every lead byte of that
// length, with well-formed, overlong, surrogate, truncated and broken tails.
TEST(Utf8, ToU32AgreesWithDecodeUtf8OnThreeByteSequences) {
  const std::vector<unsigned char> tails = {0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F,
                                            0xA0, 0xAF, 0xB5, 0xBF, 0xC0, 0xE6, 0xFF};
  int checked = 0;
  for (int lead = 0xE0; lead <= 0xEF; ++lead) {
    for (unsigned char b1 : tails) {
      for (unsigned char b2 : tails) {
        const std::string full = {static_cast<char>(lead), static_cast<char>(b1),
                                  static_cast<char>(b2), 'x'};
        for (size_t length = 1; length <= full.size(); ++length) {
          const std::string s = full.substr(0, length);
          std::u32string slow;
          for (size_t i = 0; i < s.size();) slow.push_back(DecodeUtf8(s, &i));
          ASSERT_EQ(ToU32(s), slow) << lead << " " << int{b1} << " " << int{b2} << " " << length;
          ++checked;
        }
      }
    }
  }
  EXPECT_EQ(checked, 16 * 14 * 14 * 4);
  EXPECT_EQ(ToU32("\xE6\xB5\x8E\xE5\x8D\x97"), U"济南");
}

TEST(IsSpace, UnicodeSpaces) {
  for (char32_t cp : {U' ', U'\t', U'\n', U'\r', char32_t{0x00A0}, char32_t{0x3000},
                      char32_t{0x2002}, char32_t{0x200B}, char32_t{0xFEFF}})
    EXPECT_TRUE(IsSpace(cp)) << static_cast<uint32_t>(cp);
  for (char32_t cp : {U'a', U'济', U'_', U'、', char32_t{0xFF3F}})
    EXPECT_FALSE(IsSpace(cp)) << static_cast<uint32_t>(cp);
}

TEST(Trim, BothEnds) {
  EXPECT_EQ(Trim("  abc  "), "abc");
  EXPECT_EQ(Trim("\u3000济南\u3000市\u00A0\t\n"), "济南\u3000市");
  EXPECT_EQ(Trim("\u200B\uFEFFabc"), "abc");
  EXPECT_EQ(Trim("   "), "");
  EXPECT_EQ(Trim(""), "");
}

// Trim, RemoveSpaces and FullWidthToAscii work on the bytes without a
// round trip through code points; they must give what the round trip gave,
// U+FFFD for each byte that is not UTF-8 included.
TEST(TextOnBytes, SameAsTheRoundTripThroughCodePoints) {
  auto trim = [](std::string_view s) {
    std::u32string u = ToU32(s);
    size_t b = 0, e = u.size();
    while (b < e && IsSpace(u[b])) ++b;
    while (e > b && IsSpace(u[e - 1])) --e;
    return ToUtf8(std::u32string_view(u).substr(b, e - b));
  };
  auto remove_spaces = [](std::string_view s) {
    std::u32string out;
    for (char32_t cp : ToU32(s))
      if (!IsSpace(cp)) out.push_back(cp);
    return ToUtf8(out);
  };
  auto full_width = [](std::string_view s) {
    std::u32string u = ToU32(s);
    for (char32_t& cp : u) {
      if (cp >= 0xFF01 && cp <= 0xFF5E)
        cp = cp - 0xFF01 + 0x21;
      else if (cp == 0x3000)
        cp = ' ';
    }
    return ToUtf8(u);
  };
  for (std::string_view s :
       {"", " ", "\xFF", " \xFF ", "\xE6\xB5 ", " a\xC0\xAF b ", "\u3000\xED\xA0\x80\u3000",
        "\xF4\x90\x80\x80x", "\xEF\xBF\xBD \xEF\xBF\xBD", "\U0001F600 \u3000ＡＢ：", "ｚ\xFF０ ",
        "\u200B济\xFE南\u00A0", "\t\n"}) {
    SCOPED_TRACE(ShowControls(s));
    EXPECT_EQ(Trim(s), trim(s));
    EXPECT_EQ(RemoveSpaces(s), remove_spaces(s));
    EXPECT_EQ(FullWidthToAscii(s), full_width(s));
  }
  std::string appended;
  for (char32_t cp : {U'a', char32_t{0x7FF}, U'济', char32_t{0x1F600}}) AppendUtf8(appended, cp);
  EXPECT_EQ(appended, "a\u07FF济\U0001F600");
  EXPECT_EQ(ToUtf8(ToU32(appended)), appended);
}

TEST(RemoveSpaces, Everywhere) {
  EXPECT_EQ(RemoveSpaces(" 张 三\u3000"), "张三");
  EXPECT_EQ(RemoveSpaces("0531 5178\u00A08246"), "053151788246");
}

TEST(FullWidthToAscii, FoldsTheFullWidthAsciiBlock) {
  EXPECT_EQ(FullWidthToAscii("ＡＢＣｘｙｚ０１２３４５６７８９"), "ABCxyz0123456789");
  EXPECT_EQ(FullWidthToAscii("０５３１－５１７８８２４６"), "0531-51788246");
  EXPECT_EQ(FullWidthToAscii("ｉｎｆｏ＠ｅｘａｍｐｌｅ．ｃｏｍ"), "info@example.com");
  // U+FF01..U+FF5E includes （）：，；, which therefore fold too.
  EXPECT_EQ(FullWidthToAscii("专业协会（学会）："), "专业协会(学会):");
  EXPECT_EQ(FullWidthToAscii("a，b；c"), "a,b;c");
  // CJK punctuation outside that block stays.
  EXPECT_EQ(FullWidthToAscii("甲、乙。【丙】"), "甲、乙。【丙】");
  EXPECT_EQ(FullWidthToAscii("a\u3000b"), "a b");
}

TEST(AsciiCase, LeavesOtherBytesAlone) {
  EXPECT_EQ(AsciiLower("E-Mail 邮箱 ABC"), "e-mail 邮箱 abc");
  EXPECT_EQ(AsciiUpper("91370100ma3c 济"), "91370100MA3C 济");
  EXPECT_EQ(AsciiLower("ＡＢＣ"), "ＡＢＣ");
}

TEST(Split, OnOneCodePoint) {
  EXPECT_EQ(Split("a、b、c", U'、'), (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_EQ(Split("a,,b", U','), (std::vector<std::string>{"a", "", "b"}));
  EXPECT_EQ(Split("", U','), (std::vector<std::string>{""}));
  EXPECT_EQ(Split("济南", U','), (std::vector<std::string>{"济南"}));
}

}  // namespace
}  // namespace dossier::text

namespace dossier::text {
namespace {

TEST(ShowControls, BidirectionalOverridesAndControlsAreShownNotObeyed) {
  // With the override acting, "申报表" + RLO + "gpj.exe" displays as "申报表exe.jpg".
  EXPECT_EQ(ShowControls("申报表\u202Egpj.exe"), "申报表[U+202E]gpj.exe");
  EXPECT_EQ(ShowControls("a\u2066b\u2069c\u200Fd\u061C"), "a[U+2066]b[U+2069]c[U+200F]d[U+061C]");
  EXPECT_EQ(ShowControls("x\x1b[2Jy"), "x[U+001B][2Jy");
  EXPECT_EQ(ShowControls("c1\xc2\x85\xc2\x9b"), "c1[U+0085][U+009B]");
  EXPECT_EQ(ShowControls("a\nb\tc"), "a[U+000A]b[U+0009]c");
  EXPECT_EQ(ShowControls("a\nb\tc\r", /*keep_line_breaks=*/true), "a\nb\tc[U+000D]");
  EXPECT_EQ(ShowControls("济南市 ok"), "济南市 ok");
}

TEST(EscapeForTerminal, NoEscapeSequenceOrOverrideReachesTheTerminal) {
  const std::string shown = EscapeForTerminal("a\x1b[2J\x1b[1;1H\u202Eb\\c\n\xff");
  EXPECT_EQ(shown, "a\\x1b[2J\\x1b[1;1H\\u{202e}b\\\\c\\n\\xff");
  for (char c : shown) EXPECT_FALSE(static_cast<unsigned char>(c) < 0x20) << shown;
  EXPECT_EQ(EscapeForTerminal("申报表.docx"), "申报表.docx");
  EXPECT_EQ(EscapeForTerminal("\uFFFD"), "\uFFFD");  // a real replacement character stays
  EXPECT_EQ(EscapeForTerminal("line 1\nline 2\t\x07", /*keep_line_breaks=*/true),
            "line 1\nline 2\t\\x07");
}

}  // namespace
}  // namespace dossier::text
