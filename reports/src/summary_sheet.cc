// The summary sheets (汇总表) with libxlsxwriter.
#include <unistd.h>
#include <xlsxwriter.h>

#include <random>
#include <system_error>

#include "app_model.h"
#include "dossier/common/text.h"
#include "dossier/normalize/spec.h"
#include "dossier/reports/dossier_report.h"
#include "render_module.h"
#include "zh_words.h"

namespace dossier {

namespace {

using reports_internal::CheckTitle;
using reports_internal::FieldText;
using reports_internal::FindingWord;
using reports_internal::OutcomeWord;
using reports_internal::Overview;
using reports_internal::OverviewOf;

// Excel refuses cells longer than this.
std::string CellText(const std::string& raw) {
  // Bidirectional overrides and control characters are shown, not obeyed
  // (text::ShowControls); the store and the export keep the raw text.
  const std::string s = text::ShowControls(raw, /*keep_line_breaks=*/true);
  constexpr size_t kMax = 32000;
  if (s.size() <= kMax) return s;
  size_t cut = kMax;
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
  return s.substr(0, cut) + "…";
}

std::string Remark(const ApplicationView& app) {
  const Overview o = OverviewOf(app);
  std::string out;
  if (app.checks.empty()) {
    out = "尚无审查结果";
  } else {
    out = "审查：符合" + std::to_string(o.met) + "项，不符合" + std::to_string(o.not_met) +
          "项，无法判断" + std::to_string(o.unknown) + "项";
  }
  out += "；发现问题" + std::to_string(o.findings) + "条";
  return out;
}

class Writer {
 public:
  explicit Writer(lxw_workbook* wb) : wb_(wb) {}

  lxw_error error() const { return error_; }

  void Keep(lxw_error e) {
    if (e != LXW_NO_ERROR && error_ == LXW_NO_ERROR) error_ = e;
  }
  void Text(lxw_worksheet* ws, int row, int col, const std::string& s, lxw_format* f) {
    Keep(worksheet_write_string(ws, static_cast<lxw_row_t>(row), static_cast<lxw_col_t>(col),
                                CellText(s).c_str(), f));
  }
  void Number(lxw_worksheet* ws, int row, int col, double v, lxw_format* f) {
    Keep(
        worksheet_write_number(ws, static_cast<lxw_row_t>(row), static_cast<lxw_col_t>(col), v, f));
  }
  lxw_format* Format(bool bold, bool border, bool wrap, uint8_t align, double size, uint32_t fill) {
    lxw_format* f = workbook_add_format(wb_);
    format_set_font_name(f, "宋体");
    format_set_font_size(f, size);
    if (bold) format_set_bold(f);
    if (border) format_set_border(f, LXW_BORDER_THIN);
    if (wrap) format_set_text_wrap(f);
    if (align) format_set_align(f, align);
    format_set_align(f, LXW_ALIGN_VERTICAL_CENTER);
    if (fill) format_set_bg_color(f, fill);
    return f;
  }

 private:
  lxw_workbook* wb_;
  lxw_error error_ = LXW_NO_ERROR;
};

}  // namespace

Status reports_internal::WriteSummarySheetNow(
    const std::string& recommender, const std::vector<const ApplicationView*>& applications,
    const std::filesystem::path& path) {
  std::error_code ec;
  std::random_device rd;
  std::filesystem::path tmp = path;
  tmp += ".tmp" + std::to_string(getpid()) + "-" + std::to_string(rd()) + ".xlsx";

  lxw_workbook* wb = workbook_new(tmp.c_str());
  if (!wb) return Status::Io("cannot write the summary sheet " + path.string());
  Writer w(wb);
  lxw_format* title = w.Format(true, false, false, LXW_ALIGN_CENTER, 16, 0);
  lxw_format* meta = w.Format(false, false, false, LXW_ALIGN_LEFT, 11, 0);
  lxw_format* head = w.Format(true, true, true, LXW_ALIGN_CENTER, 11, 0xD9E1F2);
  lxw_format* body = w.Format(false, true, true, 0, 11, 0);
  lxw_format* center = w.Format(false, true, false, LXW_ALIGN_CENTER, 11, 0);
  lxw_format* met = w.Format(true, true, false, LXW_ALIGN_CENTER, 11, 0xC8E6C9);
  lxw_format* not_met = w.Format(true, true, false, LXW_ALIGN_CENTER, 11, 0xFFCDD2);
  lxw_format* unknown = w.Format(true, true, false, LXW_ALIGN_CENTER, 11, 0xFFF9C4);

  // Sheet 1: the official columns, as the spec lists them.
  const auto& columns = norm::TheSpec().summary_columns;
  const int ncols = static_cast<int>(columns.size());
  lxw_worksheet* sheet = workbook_add_worksheet(wb, "汇总表");
  w.Keep(worksheet_merge_range(sheet, 0, 0, 0, static_cast<lxw_col_t>(ncols - 1),
                               "山东省专业技术人员继续教育基地申报汇总表", title));
  w.Keep(worksheet_set_row(sheet, 0, 30, nullptr));
  w.Keep(worksheet_merge_range(sheet, 1, 0, 1, static_cast<lxw_col_t>(ncols - 1),
                               CellText("推荐单位（盖章）：" + recommender).c_str(), meta));
  for (int c = 0; c < ncols; ++c) {
    const auto& [key, labels] = columns[c];
    w.Text(sheet, 2, c, labels.empty() ? key : labels.front(), head);
    const double width = key == "seq" ? 6 : (key == "unit_name" || key == "remark" ? 34 : 18);
    w.Keep(worksheet_set_column(sheet, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c), width,
                                nullptr));
  }
  worksheet_freeze_panes(sheet, 3, 0);
  int row = 3;
  for (size_t i = 0; i < applications.size(); ++i, ++row) {
    const ApplicationView& app = *applications[i];
    for (int c = 0; c < ncols; ++c) {
      const std::string& key = columns[c].first;
      if (key == "seq") {
        w.Number(sheet, row, c, static_cast<double>(i + 1), center);
      } else if (key == "remark") {
        w.Text(sheet, row, c, Remark(app), body);
      } else {
        std::string v = FieldText(app, key);
        if (key == "unit_name" && v.empty()) v = app.id;
        w.Text(sheet, row, c, v, body);
      }
    }
  }

  // Sheet 2: each applicant's checks and findings.
  lxw_worksheet* results = workbook_add_worksheet(wb, "审查结果");
  const char* kHeads[] = {"序号", "申报单位名称", "统一社会信用代码", "类别", "编号", "内容",
                          "结果", "说明"};
  const double kWidths[] = {6, 30, 22, 10, 8, 34, 10, 60};
  for (int c = 0; c < 8; ++c) {
    w.Text(results, 0, c, kHeads[c], head);
    w.Keep(worksheet_set_column(results, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c),
                                kWidths[c], nullptr));
  }
  worksheet_freeze_panes(results, 1, 0);
  row = 1;
  for (size_t i = 0; i < applications.size(); ++i) {
    const ApplicationView& app = *applications[i];
    std::string name = FieldText(app, "unit_name");
    if (name.empty()) name = app.id;
    const std::string code = FieldText(app, "credit_code");
    auto lead = [&](int r) {
      w.Number(results, r, 0, static_cast<double>(i + 1), center);
      w.Text(results, r, 1, name, body);
      w.Text(results, r, 2, code, body);
    };
    if (app.checks.empty()) {
      lead(row);
      w.Text(results, row, 3, "审查项目", center);
      w.Text(results, row, 4, "—", center);
      w.Text(results, row, 5, "尚无审查结果", body);
      w.Text(results, row, 6, "—", center);
      w.Text(results, row, 7, "", body);
      ++row;
    }
    for (const norm::CheckResult& c : app.checks) {
      lead(row);
      w.Text(results, row, 3, "审查项目", center);
      w.Text(results, row, 4, c.id, center);
      w.Text(results, row, 5, CheckTitle(c.id), body);
      const auto outcome = norm::CheckOutcomeFromName(c.outcome);
      lxw_format* f = outcome == norm::CheckOutcome::kMet      ? met
                      : outcome == norm::CheckOutcome::kNotMet ? not_met
                                                               : unknown;
      w.Text(results, row, 6, OutcomeWord(c.outcome), f);
      w.Text(results, row, 7, c.detail, body);
      ++row;
    }
    for (const norm::Finding& f : app.findings) {
      lead(row);
      w.Text(results, row, 3, "发现问题", center);
      w.Text(results, row, 4, f.code, center);
      w.Text(results, row, 5, FindingWord(f.code), body);
      w.Text(results, row, 6, "—", center);
      w.Text(results, row, 7, f.detail, body);
      ++row;
    }
  }

  const lxw_error closed = workbook_close(wb);
  const lxw_error first = w.error() != LXW_NO_ERROR ? w.error() : closed;
  if (first != LXW_NO_ERROR) {
    std::filesystem::remove(tmp, ec);
    return Status::Io("cannot write the summary sheet " + path.string() + ": " +
                      lxw_strerror(first));
  }
  std::filesystem::rename(tmp, path, ec);
  if (ec) {
    std::filesystem::remove(tmp, ec);
    return Status::Io("cannot write the summary sheet " + path.string() + ": " + ec.message());
  }
  return Status::Ok();
}

}  // namespace dossier
