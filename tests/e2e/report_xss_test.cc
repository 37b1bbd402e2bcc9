// A value that is markup stays text: a form whose unit name is a script and
// whose field holds an <img onerror=…> is ingested and reported; the HTML
// holds only the escaped text, and headless Chromium shows the text and
// runs nothing (the handler would mark the page if it ran).
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>

#include "dossier/reports/dossier_report.h"
#include "e2e/e2e_support.h"
#include "support/zip_builder.h"

namespace dossier::testing {
namespace {

constexpr const char* kScript = "<script>alert(1)</script>";
constexpr const char* kImg = "<img src=x onerror=\"document.body.setAttribute('data-pwned','1')\">";
constexpr const char* kCode = "12370100MB1C872684";

std::string XmlEscape(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '<')
      out += "&lt;";
    else if (c == '>')
      out += "&gt;";
    else if (c == '&')
      out += "&amp;";
    else if (c == '"')
      out += "&quot;";
    else
      out += c;
  }
  return out;
}

std::string Row(const std::string& label, const std::string& value) {
  return "<w:tr><w:tc>" + P(XmlEscape(label)) + "</w:tc><w:tc>" + P(XmlEscape(value)) +
         "</w:tc></w:tr>";
}

// Chromium's stderr chatter would spoil the DOM it prints.
RunResult RunQuietly(const std::string& cmd) { return RunCommand(cmd + " 2>/dev/null"); }

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

TEST(ReportXssTest, MarkupInValuesIsShownAsTextAndRunsNothing) {
  TempDir dir;
  const std::filesystem::path inbox = dir.path() / "inbox", data = dir.path() / "data",
                              out = dir.path() / "out";
  WriteFile(inbox / "申报表.docx",
            BuildDocx(P("山东省专业技术人员继续教育基地申报表") + "<w:tbl>" +
                      Row("单位名称", kScript) + Row("统一社会信用代码", kCode) +
                      Row("通讯地址", kImg) + Row("推荐单位", "济南市人力资源和社会保障局") +
                      Row("专职教师人数", "12") + "</w:tbl>"));
  RunResult ingest = RunDossier({"--data", data.string(), "ingest", inbox.string()});
  ASSERT_EQ(ingest.exit_code, 0) << ingest.output;
  RunResult report = RunDossier({"--data", data.string(), "report", "--out", out.string()});
  ASSERT_EQ(report.exit_code, 0) << report.output;

  const std::filesystem::path page = out / (ApplicationFileStem(kCode) + ".html");
  const std::string html = ReadBytes(page);
  ASSERT_FALSE(html.empty()) << "no dossier for " << kCode;
  EXPECT_EQ(Lower(html).find("<script"), std::string::npos);
  EXPECT_EQ(Lower(html).find("<img src=x"), std::string::npos);
  EXPECT_NE(html.find("&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos);
  EXPECT_NE(html.find("&lt;img src=x onerror="), std::string::npos);
  const std::string index = ReadBytes(out / "index.html");
  EXPECT_EQ(Lower(index).find("<script"), std::string::npos);
  EXPECT_NE(index.find("&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos);

  ASSERT_EQ(RunQuietly("command -v chromium").exit_code, 0) << "Debian's chromium is needed";
  auto dump_dom = [&](const std::filesystem::path& file) {
    return RunQuietly(
        "chromium --headless --no-sandbox --disable-gpu --disable-background-networking "
        "--disable-component-update --disable-sync --no-first-run --user-data-dir=" +
        ShellQuote((dir.path() / "chromium").string()) + " --dump-dom " +
        ShellQuote("file://" + file.string()));
  };
  // Control: the same markup put into a page unescaped does run, so the
  // mark below would show if the dossier let it through.
  const std::filesystem::path control = dir.path() / "control.html";
  WriteFile(control, std::string("<!DOCTYPE html><html><body><p>") + kImg + "</p></body></html>");
  ASSERT_NE(dump_dom(control).output.find("data-pwned=\"1\""), std::string::npos);

  RunResult dom = dump_dom(page);
  ASSERT_NE(dom.output.find("</html>"), std::string::npos) << dom.output.substr(0, 500);
  // The text is in the page as text...
  EXPECT_NE(dom.output.find("&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos);
  EXPECT_NE(dom.output.find("&lt;img src=x onerror="), std::string::npos);
  // ...no element came from it, and its handler never ran.
  EXPECT_EQ(Lower(dom.output).find("<script"), std::string::npos);
  EXPECT_EQ(dom.output.find("<img src=\"x\""), std::string::npos);
  EXPECT_EQ(dom.output.find("data-pwned=\"1\""), std::string::npos);
}

}  // namespace
}  // namespace dossier::testing
