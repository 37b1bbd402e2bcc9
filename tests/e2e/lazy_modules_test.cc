// Heavy libraries load only where they are used (common/module.h): OCR,
// PDF, report rendering, mail, IMAP and PostgreSQL are modules, and a
// command loads none it does not need. What the dynamic loader reports
// (LD_DEBUG=files) is what is asserted, on the real binary; a copy of the
// binary laid out as installed, with and without its modules, shows where
// modules are found and what a user sees when one is missing.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "e2e/e2e_support.h"

namespace dossier::testing {
namespace {

namespace fs = std::filesystem;

const std::vector<std::string> kModules = {"dossier-ocr.so",    "dossier-pdf.so",
                                           "dossier-render.so", "dossier-mail.so",
                                           "dossier-imap.so",   "dossier-pg.so"};
// The libraries the modules exist to keep out of commands that do not use them.
const std::vector<std::string> kHeavyLibraries = {
    "libtesseract", "liblept", "libpoppler", "libcairo", "libpango",     "libgmime",
    "libcurl",      "libpq",   "libgnutls",  "libkrb5",  "libxlsxwriter"};

fs::path TextPdf() {
  return SourceDir() /
         "sample_docs/inbox/潍坊市人力资源和社会保障局/潍坊智联数字技术培训有限公司/申报表.pdf";
}
fs::path Photo() {
  return SourceDir() /
         "sample_docs/inbox/山东省卫生健康委员会/烟台滨海卫生职业学院/事业单位法人证书.jpg";
}
fs::path Docx() {
  return SourceDir() / "sample_docs/inbox/山东省卫生健康委员会/烟台滨海卫生职业学院/申报表.docx";
}

// The dynamic loader's account of every file the command loaded, on
// standard error (standard output discarded), and its exit status.
RunResult LoadedBy(const std::string& command_line) {
  return RunCommand("LD_DEBUG=files " + command_line + " 2>&1 >/dev/null");
}

bool Loaded(const RunResult& run, const std::string& file) {
  return run.output.find("file=" + file) != std::string::npos ||
         run.output.find("/" + file) != std::string::npos;
}

// A trace that shows nothing would make every "not loaded" pass.
void ExpectTraced(const RunResult& run) {
  ASSERT_TRUE(Loaded(run, "libc.so.6")) << "LD_DEBUG gave no trace:\n" << run.output.substr(0, 800);
}

TEST(LazyModulesTest, VersionLoadsNoModuleAndNoHeavyLibrary) {
  RunResult run = LoadedBy(DossierCommandLine({"--version"}));
  EXPECT_EQ(run.exit_code, 0);
  ExpectTraced(run);
  for (const std::string& module : kModules) EXPECT_FALSE(Loaded(run, module)) << module;
  for (const std::string& library : kHeavyLibraries) EXPECT_FALSE(Loaded(run, library)) << library;
}

TEST(LazyModulesTest, TextPdfLoadsPopplerButNotOcr) {
  RunResult run = LoadedBy(DossierCommandLine({"extract", TextPdf().string()}));
  EXPECT_EQ(run.exit_code, 0) << run.output.substr(0, 800);
  ExpectTraced(run);
  EXPECT_TRUE(Loaded(run, "dossier-pdf.so"));
  EXPECT_TRUE(Loaded(run, "libpoppler"));
  for (const char* module : {"dossier-ocr.so", "dossier-render.so", "dossier-mail.so"})
    EXPECT_FALSE(Loaded(run, module)) << module;
  for (const char* library : {"libtesseract", "libcairo", "libcurl", "libgmime"})
    EXPECT_FALSE(Loaded(run, library)) << library;
}

TEST(LazyModulesTest, PhotoLoadsOcr) {
  RunResult run = LoadedBy(DossierCommandLine({"extract", Photo().string()}));
  EXPECT_EQ(run.exit_code, 0) << run.output.substr(0, 800);
  EXPECT_TRUE(Loaded(run, "dossier-ocr.so"));
  EXPECT_TRUE(Loaded(run, "libtesseract"));
  EXPECT_FALSE(Loaded(run, "dossier-pdf.so"));
}

TEST(LazyModulesTest, ExportAndStatusLoadNoModule) {
  TempDir dir("dossier-lazy");
  const fs::path inbox = dir.path() / "inbox";
  fs::create_directories(inbox);
  fs::copy_file(Docx(), inbox / "申报表.docx");
  const std::string data = (dir.path() / "data").string();
  ASSERT_EQ(RunDossier({"--data", data, "ingest", inbox.string()}).exit_code, 0);
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"--data", data, "status"},
        std::vector<std::string>{"--data", data, "export", "--format", "json"}}) {
    RunResult run = LoadedBy(DossierCommandLine(args));
    EXPECT_EQ(run.exit_code, 0) << args.back();
    ExpectTraced(run);
    for (const std::string& module : kModules) EXPECT_FALSE(Loaded(run, module)) << module;
    for (const std::string& library : kHeavyLibraries)
      EXPECT_FALSE(Loaded(run, library)) << library;
  }
}

// The binary copied to DIR/bin, as an installed one is, with its modules in
// DIR/<the install's module folder> when `with_modules`.
class InstalledCopy {
 public:
  explicit InstalledCopy(bool with_modules) : dir_("dossier-installed") {
    fs::create_directories(dir_.path() / "bin");
    fs::copy_file(Binary(), binary());
    if (with_modules) {
      const fs::path modules = dir_.path() / "bin" / DOSSIER_INSTALLED_MODULE_DIR;
      fs::create_directories(modules);
      for (const std::string& module : kModules)
        fs::copy_file(fs::path(DOSSIER_MODULE_DIR) / module, modules / module);
    }
  }
  fs::path binary() const { return dir_.path() / "bin" / "dossier"; }
  const fs::path& path() const { return dir_.path(); }

  RunResult Run(const std::vector<std::string>& args) const {
    std::string cmd = ShellQuote(binary().string());
    if (::geteuid() == 0) cmd += " --allow-root";
    for (const std::string& a : args) cmd += " " + ShellQuote(a);
    return RunCommand(cmd + " 2>&1");
  }

 private:
  TempDir dir_;
};

TEST(LazyModulesTest, InstalledLayoutFindsItsModules) {
  InstalledCopy copy(/*with_modules=*/true);
  RunResult run = copy.Run({"extract", TextPdf().string()});
  EXPECT_EQ(run.exit_code, 0) << run.output.substr(0, 800);
  EXPECT_NE(run.output.find("潍坊智联数字技术培训有限公司"), std::string::npos);
}

TEST(LazyModulesTest, MissingModuleIsAClearErrorWithItsCode) {
  InstalledCopy copy(/*with_modules=*/false);
  // What needs no module still works.
  RunResult version = copy.Run({"--version"});
  EXPECT_EQ(version.exit_code, 0) << version.output;

  RunResult extract = copy.Run({"extract", TextPdf().string()});
  EXPECT_NE(extract.exit_code, 0);
  EXPECT_NE(extract.output.find("module_missing: 缺少组件"), std::string::npos) << extract.output;
  EXPECT_NE(extract.output.find("dossier-pdf.so（读取 PDF所需）"), std::string::npos)
      << extract.output;
  EXPECT_NE(extract.output.find("请重新安装 dossier"), std::string::npos) << extract.output;

  // In an ingest the file that needs it is rejected with the code, kept, and
  // the others are read.
  const fs::path inbox = copy.path() / "inbox";
  fs::create_directories(inbox);
  fs::copy_file(TextPdf(), inbox / "申报表.pdf");
  fs::copy_file(Docx(), inbox / "申报表.docx");
  const std::string data = (copy.path() / "data").string();
  RunResult ingest = copy.Run({"--data", data, "ingest", inbox.string()});
  EXPECT_EQ(ingest.exit_code, 1) << ingest.output;
  RunResult exported = copy.Run({"--data", data, "export", "--format", "json"});
  ASSERT_EQ(exported.exit_code, 0) << exported.output;
  const nlohmann::json export_ = nlohmann::json::parse(exported.output);
  ASSERT_EQ(export_["rejected"].size(), 1u) << export_["rejected"].dump();
  EXPECT_EQ(export_["rejected"][0]["file"], "申报表.pdf");
  EXPECT_EQ(export_["rejected"][0]["code"], "module_missing");
  EXPECT_NE(export_["rejected"][0]["reason"].get<std::string>().find("dossier-pdf.so"),
            std::string::npos);
  EXPECT_FALSE(export_["applications"].empty());

  // A command that cannot do its work without one stops, saying which.
  RunResult report = copy.Run({"--data", data, "report", "--out", (copy.path() / "out").string()});
  EXPECT_EQ(report.exit_code, 2) << report.output;
  EXPECT_NE(report.output.find("module_missing: 缺少组件"), std::string::npos) << report.output;
  EXPECT_NE(report.output.find("dossier-render.so"), std::string::npos) << report.output;
  EXPECT_FALSE(fs::exists(copy.path() / "out"));
}

}  // namespace
}  // namespace dossier::testing
