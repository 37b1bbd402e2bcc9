#include "dossier/common/text.h"

#include <algorithm>
#include <cstdio>

namespace dossier::text {

char32_t DecodeUtf8(std::string_view s, size_t* i) {
  unsigned char c = static_cast<unsigned char>(s[*i]);
  int extra = 0;
  char32_t cp = 0;
  if (c < 0x80) {
    ++*i;
    return c;
  } else if ((c & 0xE0) == 0xC0) {
    cp = c & 0x1F;
    extra = 1;
  } else if ((c & 0xF0) == 0xE0) {
    cp = c & 0x0F;
    extra = 2;
  } else if ((c & 0xF8) == 0xF0) {
    cp = c & 0x07;
    extra = 3;
  } else {
    ++*i;
    return 0xFFFD;
  }
  for (int k = 1; k <= extra; ++k) {
    if (*i + k >= s.size()) {
      ++*i;
      return 0xFFFD;
    }
    unsigned char cc = static_cast<unsigned char>(s[*i + k]);
    if ((cc & 0xC0) != 0x80) {
      ++*i;
      return 0xFFFD;
    }
    cp = (cp << 6) | (cc & 0x3F);
  }
  // Overlong forms, UTF-16 surrogates and code points past U+10FFFF are
  // not UTF-8 either; decoding them would let "\xC0\xAF" pass for '/'.
  static constexpr char32_t kMinForLength[] = {0, 0x80, 0x800, 0x10000};
  if (cp < kMinForLength[extra] || (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) {
    ++*i;
    return 0xFFFD;
  }
  *i += extra + 1;
  return cp;
}

namespace {

// The bytes of cp at `at`, which has room for 4; returns how many. Normalize
// turns every label and value between UTF-8 and code points many times
// over, so these loops write into storage sized once instead of growing a
// string byte by byte.
size_t EncodeUtf8(char32_t cp, char* at) {
  if (cp < 0x80) {
    at[0] = static_cast<char>(cp);
    return 1;
  }
  if (cp < 0x800) {
    at[0] = static_cast<char>(0xC0 | (cp >> 6));
    at[1] = static_cast<char>(0x80 | (cp & 0x3F));
    return 2;
  }
  if (cp < 0x10000) {
    at[0] = static_cast<char>(0xE0 | (cp >> 12));
    at[1] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    at[2] = static_cast<char>(0x80 | (cp & 0x3F));
    return 3;
  }
  at[0] = static_cast<char>(0xF0 | (cp >> 18));
  at[1] = static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
  at[2] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
  at[3] = static_cast<char>(0x80 | (cp & 0x3F));
  return 4;
}

// DecodeUtf8 with the common cases without a call: ASCII, and the
// well-formed three bytes of a Chinese character, which normalize decodes
// hundreds of thousands of times a file. Anything else, DecodeUtf8 decides.
inline char32_t NextCodePoint(std::string_view s, size_t* i) {
  const auto c = static_cast<unsigned char>(s[*i]);
  if (c < 0x80) {
    ++*i;
    return c;
  }
  if ((c & 0xF0) == 0xE0 && *i + 2 < s.size()) {
    const auto c1 = static_cast<unsigned char>(s[*i + 1]);
    const auto c2 = static_cast<unsigned char>(s[*i + 2]);
    if ((c1 & 0xC0) == 0x80 && (c2 & 0xC0) == 0x80) {
      const char32_t cp = ((c & 0x0Fu) << 12) | ((c1 & 0x3Fu) << 6) | (c2 & 0x3Fu);
      // Not overlong, not a UTF-16 surrogate.
      if (cp >= 0x800 && (cp < 0xD800 || cp > 0xDFFF)) {
        *i += 3;
        return cp;
      }
    }
  }
  return DecodeUtf8(s, i);
}

// The code points of s that `keep`, each as `map` turns it, in UTF-8; an
// invalid byte is U+FFFD, as in ToU32.
template <typename Keep, typename Map>
std::string Recode(std::string_view s, Keep keep, Map map) {
  // A code point never takes more bytes than the sequence it was read from,
  // except an invalid byte, which becomes the 3 bytes of U+FFFD.
  std::string out(s.size() * 3, '\0');
  char* at = out.data();
  size_t i = 0;
  while (i < s.size()) {
    const char32_t cp = NextCodePoint(s, &i);
    if (keep(cp)) at += EncodeUtf8(map(cp), at);
  }
  out.resize(static_cast<size_t>(at - out.data()));
  return out;
}

}  // namespace

std::u32string ToU32(std::string_view s) {
  std::u32string out(s.size(), U'\0');
  size_t n = 0, i = 0;
  while (i < s.size()) out[n++] = NextCodePoint(s, &i);
  out.resize(n);
  return out;
}

void AppendUtf8(std::string& out, char32_t cp) {
  char bytes[4];
  out.append(bytes, EncodeUtf8(cp, bytes));
}

std::string ToUtf8(std::u32string_view cps) {
  std::string out(cps.size() * 4, '\0');
  char* at = out.data();
  for (char32_t cp : cps) at += EncodeUtf8(cp, at);
  out.resize(static_cast<size_t>(at - out.data()));
  return out;
}

bool IsHan(char32_t cp) {
  return (cp >= 0x3400 && cp <= 0x9FFF) || (cp >= 0xF900 && cp <= 0xFAFF) ||
         (cp >= 0x20000 && cp <= 0x3FFFF);
}

bool HasHan(std::string_view utf8) {
  for (char32_t cp : ToU32(utf8))
    if (IsHan(cp)) return true;
  return false;
}

bool IsCjkLike(char32_t cp) {
  return (cp >= 0x2E80 && cp <= 0x9FFF) || (cp >= 0xF900 && cp <= 0xFAFF) ||
         (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFFEF) ||
         (cp >= 0x20000 && cp <= 0x3FFFF);
}

bool IsSpace(char32_t cp) {
  switch (cp) {
    case ' ':
    case '\t':
    case '\n':
    case '\r':
    case '\f':
    case '\v':
    case 0x00A0:
    case 0x3000:
    case 0x200B:
    case 0x200C:
    case 0x200D:
    case 0xFEFF:
    case 0x202F:
    case 0x205F:
      return true;
    default:
      return cp >= 0x2000 && cp <= 0x200A;
  }
}

std::string Trim(std::string_view s) {
  // The bytes from the first code point that is not a space to the end of
  // the last; copied as they are unless something in them is not UTF-8.
  size_t begin = s.size(), end = 0, i = 0;
  bool replaced = false;
  while (i < s.size()) {
    const size_t at = i;
    const char32_t cp = NextCodePoint(s, &i);
    replaced = replaced || cp == 0xFFFD;
    if (IsSpace(cp)) continue;
    if (begin == s.size()) begin = at;
    end = i;
  }
  if (begin >= end) return std::string();
  const std::string_view kept = s.substr(begin, end - begin);
  if (!replaced) return std::string(kept);
  return Recode(
      kept, [](char32_t) { return true; }, [](char32_t cp) { return cp; });
}

std::string RemoveSpaces(std::string_view s) {
  return Recode(
      s, [](char32_t cp) { return !IsSpace(cp); }, [](char32_t cp) { return cp; });
}

char32_t FullWidthToAscii(char32_t cp) {
  if (cp >= 0xFF01 && cp <= 0xFF5E) return cp - 0xFF01 + 0x21;
  if (cp == 0x3000) return ' ';
  return cp;
}

std::string FullWidthToAscii(std::string_view s) {
  return Recode(
      s, [](char32_t) { return true; }, [](char32_t cp) { return FullWidthToAscii(cp); });
}

std::string AsciiLower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

bool EndsWithIgnoringAsciiCase(std::string_view s, std::string_view suffix) {
  if (s.size() < suffix.size()) return false;
  return AsciiLower(s.substr(s.size() - suffix.size())) == AsciiLower(suffix);
}

std::string AsciiUpper(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  return out;
}

std::vector<std::string> Split(std::string_view s, char32_t sep) {
  std::vector<std::string> parts(1);
  for (char32_t cp : ToU32(s)) {
    if (cp == sep)
      parts.emplace_back();
    else
      AppendUtf8(parts.back(), cp);
  }
  return parts;
}

size_t EditDistance(std::u32string_view a, std::u32string_view b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

bool IsDeceptiveControl(char32_t cp) {
  return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || cp == 0x061C || cp == 0x200E || cp == 0x200F ||
         (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

namespace {

void AppendCodePointName(std::string& out, char32_t cp) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "[U+%04X]", static_cast<unsigned>(cp));
  out += buf;
}

}  // namespace

std::string ShowControls(std::string_view s, bool keep_line_breaks) {
  std::string out;
  out.reserve(s.size());
  size_t i = 0;
  while (i < s.size()) {
    const char32_t cp = DecodeUtf8(s, &i);
    if (keep_line_breaks && (cp == '\n' || cp == '\t')) {
      out.push_back(static_cast<char>(cp));
    } else if (IsDeceptiveControl(cp)) {
      AppendCodePointName(out, cp);
    } else {
      AppendUtf8(out, cp);
    }
  }
  return out;
}

std::string EscapeForTerminal(std::string_view s, bool keep_line_breaks) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(s.size());
  size_t i = 0;
  while (i < s.size()) {
    const size_t start = i;
    const auto byte = static_cast<unsigned char>(s[i]);
    const char32_t cp = DecodeUtf8(s, &i);
    if (cp == 0xFFFD && !(byte == 0xEF && i - start == 3)) {
      // An invalid byte: shown as itself, so nothing is lost from a name.
      out += "\\x";
      out += kHex[byte >> 4];
      out += kHex[byte & 0x0F];
      continue;
    }
    if (keep_line_breaks && (cp == '\n' || cp == '\t')) {
      out.push_back(static_cast<char>(cp));
    } else if (cp == '\\') {
      out += "\\\\";
    } else if (cp == '\n') {
      out += "\\n";
    } else if (cp == '\r') {
      out += "\\r";
    } else if (cp == '\t') {
      out += "\\t";
    } else if (cp < 0x20 || cp == 0x7F) {
      out += "\\x";
      out += kHex[cp >> 4];
      out += kHex[cp & 0x0F];
    } else if (IsDeceptiveControl(cp)) {
      char buf[16];
      std::snprintf(buf, sizeof buf, "\\u{%04x}", static_cast<unsigned>(cp));
      out += buf;
    } else {
      out.append(s.substr(start, i - start));
    }
  }
  return out;
}

std::string CountOf(size_t n, std::string_view one, std::string_view many) {
  return std::to_string(n) + " " + std::string(n == 1 ? one : many);
}

}  // namespace dossier::text
