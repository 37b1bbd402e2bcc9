#include "dossier/normalize/place_words.h"

#include <sstream>
#include <vector>

namespace dossier::norm {
namespace {

bool AllDigits(const std::string& s) {
  if (s.empty()) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

// The locator's words, or "" when it is not made of "<unit> <number>" pairs.
std::string PairWords(std::string_view locator) {
  std::istringstream in{std::string(locator)};
  std::vector<std::string> tokens;
  for (std::string t; in >> t;) tokens.push_back(t);
  if (tokens.empty() || tokens.size() % 2 != 0) return "";
  std::string out;
  for (size_t i = 0; i < tokens.size(); i += 2) {
    const std::string& unit = tokens[i];
    const std::string& n = tokens[i + 1];
    if (!AllDigits(n)) return "";
    std::string word;
    if (unit == "page")
      word = "第" + n + "页";
    else if (unit == "table")
      word = "表" + n;
    else if (unit == "row" || unit == "line")
      word = "第" + n + "行";
    else if (unit == "cell")
      word = "第" + n + "列";
    else if (unit == "paragraph")
      word = "第" + n + "段";
    else
      return "";
    out += (out.empty() ? "" : " ") + word;
  }
  return out;
}

}  // namespace

std::string LocatorWords(std::string_view locator) {
  if (std::string words = PairWords(locator); !words.empty()) return words;
  // A spreadsheet cell: the sheet's name may hold anything, the cell is last.
  const size_t bang = locator.rfind('!');
  if (bang != std::string_view::npos && bang > 0 && bang + 1 < locator.size()) {
    return "工作表 " + std::string(locator.substr(0, bang)) + " 单元格 " +
           std::string(locator.substr(bang + 1));
  }
  return std::string(locator);
}

std::string PlaceWords(int page, std::string_view locator) {
  std::string words = LocatorWords(locator);
  if (page <= 0 || locator.rfind("page ", 0) == 0) return words;
  const std::string page_words = "第" + std::to_string(page) + "页";
  return words.empty() ? page_words : page_words + " " + words;
}

}  // namespace dossier::norm
