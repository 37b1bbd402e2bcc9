// `dossier report` and `dossier trace` on the bundled samples, as reviewers
// and auditors use them: every dossier opens in a real browser (headless
// Chromium) and shows its unit and checks, every PDF dossier is text that
// pdftotext finds and pages pdftoppm draws, the summary sheets read back
// with the project's own XLSX reader, and `trace` draws the place of a value
// for each rendering (DOCX cell, text PDF, scan, photo).
#include <cairo.h>
#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <set>

#include "dossier/extract/extractor.h"
#include "dossier/reports/dossier_report.h"
#include "e2e/e2e_support.h"

namespace dossier::testing {
namespace {

// The tools' messages too, so that a failure shows them.
RunResult RunWithMessages(const std::string& cmd) { return RunCommand(cmd + " 2>&1"); }

bool Has(const std::string& tool) {
  return RunWithMessages("command -v " + tool + " >/dev/null").exit_code == 0;
}

struct Picture {
  bool ok = false;
  int width = 0, height = 0;
  double stddev = 0;       // of the grey level
  double not_white = 0;    // share of pixels that are not (near) white
  double header_grey = 0;  // share of pixels in the dossiers' table-header grey (#eceff1)
};

// Measures the region (x, y, w, h) of a picture.
Picture Measure(cairo_surface_t* s, int x0, int y0, int w, int h) {
  Picture p;
  p.ok = true;
  p.width = cairo_image_surface_get_width(s);
  p.height = cairo_image_surface_get_height(s);
  const unsigned char* data = cairo_image_surface_get_data(s);
  const int stride = cairo_image_surface_get_stride(s);
  double sum = 0, sum2 = 0;
  long dark = 0, grey = 0, n = 0;
  for (int y = y0; y < std::min(p.height, y0 + h); y += 2) {
    const auto* row = reinterpret_cast<const uint32_t*>(data + static_cast<ptrdiff_t>(y) * stride);
    for (int x = x0; x < std::min(p.width, x0 + w); x += 2) {
      const uint32_t v = row[x];
      const int r = (v >> 16) & 255, gr = (v >> 8) & 255, b = v & 255;
      const double g = 0.299 * r + 0.587 * gr + 0.114 * b;
      sum += g;
      sum2 += g * g;
      if (g < 235) ++dark;
      if (std::abs(r - 0xec) <= 2 && std::abs(gr - 0xef) <= 2 && std::abs(b - 0xf1) <= 2) ++grey;
      ++n;
    }
  }
  if (n == 0) return p;
  const double mean = sum / n;
  p.stddev = std::sqrt(std::max(0.0, sum2 / n - mean * mean));
  p.not_white = static_cast<double>(dark) / n;
  p.header_grey = static_cast<double>(grey) / n;
  return p;
}

Picture Measure(const std::filesystem::path& png) {
  Picture p;
  cairo_surface_t* s = cairo_image_surface_create_from_png(png.c_str());
  if (cairo_surface_status(s) == CAIRO_STATUS_SUCCESS) {
    p = Measure(s, 0, 0, cairo_image_surface_get_width(s), cairo_image_surface_get_height(s));
  }
  cairo_surface_destroy(s);
  return p;
}

// Text without its white space: pdftotext spaces CJK text as it guesses.
std::string Squeezed(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c != ' ' && c != '\n' && c != '\t' && c != '\f' && c != '\r') out += c;
  }
  return out;
}

std::string Text(const nlohmann::json& v) {
  if (v.is_string()) return v.get<std::string>();
  return v.dump();
}

std::string OutcomeWord(const std::string& outcome) {
  if (outcome == "met") return "符合";
  if (outcome == "not_met") return "不符合";
  return "无法判断";
}

class ReportSamplesTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    data_ = dir_->path() / "data";
    out_ = dir_->path() / "reports";
    export_ = IngestAndExport(data_, SourceDir() / "sample_docs" / "inbox", nullptr);
    report_ = RunDossier({"--data", data_.string(), "report", "--out", out_.string()});
  }
  static void TearDownTestSuite() { delete dir_; }

  static std::string UnitName(const nlohmann::json& app) {
    if (app["fields"].contains("unit_name")) return Text(app["fields"]["unit_name"]["value"]);
    return app["id"];
  }
  static std::filesystem::path Dossier(const nlohmann::json& app, const char* ext) {
    return out_ / (ApplicationFileStem(app["id"].get<std::string>()) + ext);
  }

  static inline TempDir* dir_ = nullptr;
  static inline std::filesystem::path data_, out_;
  static inline nlohmann::json export_;
  static inline RunResult report_;
};

TEST_F(ReportSamplesTest, EveryApplicationHasAnHtmlAndAPdfDossierWithItsUnitAndChecks) {
  ASSERT_EQ(report_.exit_code, 0) << report_.output;
  ASSERT_GE(export_["applications"].size(), 6u);
  for (const auto& app : export_["applications"]) {
    SCOPED_TRACE(app["id"].get<std::string>());
    const std::string html = ReadBytes(Dossier(app, ".html"));
    ASSERT_FALSE(html.empty());
    EXPECT_NE(html.find(UnitName(app)), std::string::npos);
    for (const auto& check : app["checks"]) {
      EXPECT_NE(html.find("<td class=\"id\">" + check["id"].get<std::string>() + "</td>"),
                std::string::npos)
          << check["id"];
    }
    EXPECT_TRUE(std::filesystem::exists(Dossier(app, ".pdf")));
  }
}

TEST_F(ReportSamplesTest, ChromiumShowsEveryDossier) {
  ASSERT_TRUE(Has("chromium")) << "Debian's chromium is needed (scripts/packages.txt)";
  // One browser start for all dossiers: a page of frames, each frame one
  // dossier's HTML at 600 × 800, and one screenshot of them all.
  const auto& apps = export_["applications"];
  constexpr int kCols = 4, kW = 600, kH = 800;
  const int rows = static_cast<int>((apps.size() + kCols - 1) / kCols);
  std::string grid =
      "<!DOCTYPE html><html><head><style>body{margin:0;background:#fff}"
      "iframe{position:absolute;border:0;width:600px;height:800px}</style></head><body>";
  for (size_t i = 0; i < apps.size(); ++i) {
    grid += "<iframe style=\"left:" + std::to_string(i % kCols * kW) +
            "px;top:" + std::to_string(i / kCols * kH) + "px\" src=\"" +
            ("file://" + Dossier(apps[i], ".html").string()) + "\"></iframe>";
  }
  grid += "</body></html>";
  const std::filesystem::path page = dir_->path() / "grid.html";
  WriteFile(page, grid);
  const std::filesystem::path png = dir_->path() / "grid.png";
  RunResult shot = RunWithMessages(
      "chromium --headless --no-sandbox --disable-gpu --disable-background-networking "
      "--disable-component-update --disable-sync --no-first-run --hide-scrollbars "
      "--user-data-dir=" +
      ShellQuote((dir_->path() / "chromium").string()) +
      " --screenshot=" + ShellQuote(png.string()) + " --window-size=" + std::to_string(kCols * kW) +
      "," + std::to_string(rows * kH) + " " + ShellQuote("file://" + page.string()));
  cairo_surface_t* s = cairo_image_surface_create_from_png(png.c_str());
  ASSERT_EQ(cairo_surface_status(s), CAIRO_STATUS_SUCCESS) << shot.output;
  for (size_t i = 0; i < apps.size(); ++i) {
    SCOPED_TRACE(apps[i]["id"].get<std::string>());
    Picture p =
        Measure(s, static_cast<int>(i % kCols) * kW, static_cast<int>(i / kCols) * kH, kW, kH);
    // A blank (or refused) frame is one colour; a dossier has headings,
    // tables and pictures, and the grey of its table headers.
    EXPECT_GT(p.stddev, 25.0);
    EXPECT_GT(p.not_white, 0.03);
    EXPECT_GT(p.header_grey, 0.01);
  }
  cairo_surface_destroy(s);
}

TEST_F(ReportSamplesTest, PdfTextHasTheUnitAndTheCheckOutcomesAndEveryPageDraws) {
  ASSERT_TRUE(Has("pdftotext") && Has("pdftoppm")) << "poppler-utils is needed";
  for (const auto& app : export_["applications"]) {
    SCOPED_TRACE(app["id"].get<std::string>());
    const std::filesystem::path pdf = Dossier(app, ".pdf");
    RunResult run = RunWithMessages("pdftotext -enc UTF-8 " + ShellQuote(pdf.string()) + " -");
    ASSERT_EQ(run.exit_code, 0) << run.output;
    const std::string text = Squeezed(run.output);
    if (app["fields"].contains("unit_name")) {
      EXPECT_NE(text.find(Squeezed(UnitName(app))), std::string::npos);
    }
    for (const auto& check : app["checks"]) {
      EXPECT_NE(text.find(check["id"].get<std::string>()), std::string::npos);
      EXPECT_NE(text.find(OutcomeWord(check["outcome"])), std::string::npos);
    }
    EXPECT_NE(text.find("目录"), std::string::npos);
    RunResult info = RunWithMessages("pdfinfo " + ShellQuote(pdf.string()));
    const size_t at = info.output.find("Pages:");
    ASSERT_NE(at, std::string::npos) << info.output;
    const int pages = std::stoi(info.output.substr(at + 6));
    EXPECT_NE(text.find("共" + std::to_string(pages) + "页"), std::string::npos);
    const std::filesystem::path prefix =
        dir_->path() / ("page-" + ApplicationFileStem(app["id"].get<std::string>()));
    RunResult draw = RunWithMessages("pdftoppm -r 10 -gray -png " + ShellQuote(pdf.string()) + " " +
                                     ShellQuote(prefix.string()));
    ASSERT_EQ(draw.exit_code, 0) << draw.output;
    int drawn = 0;
    for (const auto& e : std::filesystem::directory_iterator(dir_->path())) {
      const std::string name = e.path().filename().string();
      if (name.rfind(prefix.filename().string() + "-", 0) == 0 && Measure(e.path()).ok) ++drawn;
    }
    EXPECT_EQ(drawn, pages);
  }
}

TEST_F(ReportSamplesTest, SummarySheetsGiveTheApplicantsAndTheirOutcomes) {
  std::map<std::string, std::vector<const nlohmann::json*>> by_recommender;
  for (const auto& app : export_["applications"]) {
    if (app["fields"].contains("recommender"))
      by_recommender[Text(app["fields"]["recommender"]["value"])].push_back(&app);
  }
  ASSERT_FALSE(by_recommender.empty());
  for (const auto& [recommender, apps] : by_recommender) {
    SCOPED_TRACE(recommender);
    const std::string bytes = ReadBytes(out_ / ("汇总表-" + recommender + ".xlsx"));
    auto doc = ReadXlsx(bytes);
    ASSERT_TRUE(doc.ok()) << doc.status().message();
    ASSERT_EQ(doc->tables.size(), 2u);
    std::set<std::string> names, codes;
    const Table& sheet = doc->tables[0];
    for (int r = 3; r < sheet.rows; ++r) {
      names.insert(std::string(doc->CellText(sheet, r, 1)));
      codes.insert(std::string(doc->CellText(sheet, r, 2)));
    }
    std::map<std::string, std::string> outcomes;  // "name/C1" → "符合"
    const Table& results = doc->tables[1];
    for (int r = 1; r < results.rows; ++r) {
      outcomes[std::string(doc->CellText(results, r, 1)) + "/" +
               std::string(doc->CellText(results, r, 4))] =
          std::string(doc->CellText(results, r, 6));
    }
    for (const nlohmann::json* app : apps) {
      const std::string name = UnitName(*app);
      EXPECT_TRUE(names.count(name)) << name;
      if ((*app)["fields"].contains("credit_code")) {
        EXPECT_TRUE(codes.count(Text((*app)["fields"]["credit_code"]["value"])));
      }
      for (const auto& check : (*app)["checks"]) {
        EXPECT_EQ(outcomes[name + "/" + check["id"].get<std::string>()],
                  OutcomeWord(check["outcome"]))
            << name << " " << check["id"];
      }
    }
  }
}

TEST_F(ReportSamplesTest, IndexListsApplicationsUnassignedAndRejectedFiles) {
  const std::string index = ReadBytes(out_ / "index.html");
  ASSERT_FALSE(index.empty());
  for (const auto& app : export_["applications"]) {
    EXPECT_NE(index.find(UnitName(app)), std::string::npos);
    EXPECT_NE(index.find(ApplicationFileStem(app["id"].get<std::string>()) + ".html"),
              std::string::npos);
  }
  for (const auto& u : export_["unassigned"]) {
    EXPECT_NE(index.find(u["file"].get<std::string>()), std::string::npos) << u["file"];
  }
  ASSERT_FALSE(export_["rejected"].empty());
  for (const auto& r : export_["rejected"]) {
    EXPECT_NE(index.find(r["file"].get<std::string>()), std::string::npos) << r["file"];
  }
  EXPECT_NE(index.find("未受理的文件"), std::string::npos);
  EXPECT_NE(index.find("未归属的材料"), std::string::npos);
}

TEST_F(ReportSamplesTest, TraceDrawsTheValueOfEachRendering) {
  // The first field of each rendering found in the samples.
  std::map<std::string, std::pair<std::string, std::string>> wanted;  // rendering → (app, key)
  std::map<std::string, nlohmann::json> source_of;
  for (const auto& app : export_["applications"]) {
    for (const auto& [key, field] : app["fields"].items()) {
      const auto& s = field["sources"][0];
      const std::string file = s["file"];
      const std::string ext = file.substr(file.rfind('.') + 1);
      std::string rendering = s["method"].get<std::string>();
      if (rendering == "ocr") rendering += ext == "pdf" ? " scan" : " photo";
      if (!wanted.count(rendering)) {
        wanted[rendering] = {app["id"], key};
        source_of[rendering] = s;
      }
    }
  }
  for (const char* r : {"docx", "xlsx", "pdf-text", "ocr scan", "ocr photo"}) {
    EXPECT_TRUE(wanted.count(r)) << "the samples have no " << r << " value";
  }
  for (const auto& [rendering, which] : wanted) {
    SCOPED_TRACE(rendering);
    const std::filesystem::path png = dir_->path() / ("trace-" + which.second + ".png");
    RunResult run = RunDossier({"--data", data_.string(), "trace", which.first, which.second,
                                "--png", png.string(), "--format", "json"});
    ASSERT_EQ(run.exit_code, 0) << run.output;
    nlohmann::json j = nlohmann::json::parse(run.output, nullptr, false);
    ASSERT_FALSE(j.is_discarded()) << run.output;
    EXPECT_EQ(j["field"], which.second);
    EXPECT_EQ(j["sources"][0]["sha256"], source_of[rendering]["sha256"]);
    EXPECT_EQ(j["crop"]["source"], 0);
    Picture p = Measure(png);
    ASSERT_TRUE(p.ok);
    EXPECT_EQ(p.width, j["crop"]["width"].get<int>());
    const auto& h = j["crop"]["highlight"];
    const double hw = h[2].get<double>() - h[0].get<double>();
    const double hh = h[3].get<double>() - h[1].get<double>();
    ASSERT_GT(hw, 5);
    ASSERT_GT(hh, 5);
    if (rendering == "pdf-text" || rendering == "ocr scan") {
      // The box is the stored span's box at 150 dpi, with a 5 px margin.
      const auto& b = source_of[rendering]["bbox"];
      EXPECT_NEAR(hw, (b[2].get<double>() - b[0].get<double>()) * 150 / 72 + 10, 3);
      EXPECT_NEAR(hh, (b[3].get<double>() - b[1].get<double>()) * 150 / 72 + 10, 3);
    } else if (rendering == "ocr photo") {
      const auto& b = source_of[rendering]["bbox"];
      const double aspect =
          (b[2].get<double>() - b[0].get<double>()) / (b[3].get<double>() - b[1].get<double>());
      EXPECT_NEAR((hw - 10) / (hh - 10), aspect, aspect * 0.1);
    } else {
      EXPECT_EQ(j["crop"]["kind"], "table");
    }
  }
}

TEST_F(ReportSamplesTest, TraceRefusesUnknownApplicationsAndFields) {
  const auto& app = export_["applications"][0];
  RunResult no_app = RunDossier({"--data", data_.string(), "trace", "NO-SUCH-ID", "unit_name"});
  EXPECT_EQ(no_app.exit_code, 2);
  EXPECT_NE(no_app.output.find("no application 'NO-SUCH-ID'"), std::string::npos) << no_app.output;
  RunResult no_field =
      RunDossier({"--data", data_.string(), "trace", app["id"].get<std::string>(), "shoe_size"});
  EXPECT_EQ(no_field.exit_code, 2);
  EXPECT_NE(no_field.output.find("'shoe_size' is not a field"), std::string::npos)
      << no_field.output;
  RunResult text =
      RunDossier({"--data", data_.string(), "trace", app["id"].get<std::string>(), "unit_name"});
  EXPECT_EQ(text.exit_code, 0) << text.output;
  EXPECT_NE(text.output.find("SHA-256: "), std::string::npos);
  EXPECT_NE(text.output.find("单位名称 (unit_name)"), std::string::npos);
}

TEST_F(ReportSamplesTest, OneDossierIsRegeneratedAlone) {
  const auto& app = export_["applications"][1];
  const std::filesystem::path out = dir_->path() / "one";
  RunResult run = RunDossier({"--data", data_.string(), "report", "--out", out.string(),
                              "--application", app["id"].get<std::string>()});
  ASSERT_EQ(run.exit_code, 0) << run.output;
  EXPECT_NE(run.output.find("0 page pictures rendered"), std::string::npos)
      << "page pictures come from the cache the first report filled: " << run.output;
  int files = 0;
  for (const auto& e : std::filesystem::directory_iterator(out)) {
    (void)e;
    ++files;
  }
  EXPECT_EQ(files, 4);  // .html, .pdf, _files/ and the mark of a report folder
  EXPECT_TRUE(
      std::filesystem::exists(out / (ApplicationFileStem(app["id"].get<std::string>()) + ".pdf")));

  RunResult unknown = RunDossier(
      {"--data", data_.string(), "report", "--out", out.string(), "--application", "NO-SUCH-ID"});
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_NE(unknown.output.find("NO-SUCH-ID"), std::string::npos);
}

}  // namespace
}  // namespace dossier::testing
