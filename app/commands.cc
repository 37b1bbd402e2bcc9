#include "commands.h"

#include <unistd.h>

#include <cstdio>
#include <ctime>
#include <fstream>
#include <iostream>
#include <map>
#include <optional>

#include "dossier/common/json_writer.h"
#include "dossier/common/text.h"
#include "dossier/extract/extractor.h"
#include "dossier/ingest/file_type.h"
#include "dossier/ingest/read_file.h"
#include "dossier/reports/dossier_report.h"
#include "dossier/reports/export_json.h"
#include "dossier/reports/trace.h"
#include "pipeline.h"

namespace dossier {
namespace {

int EnvironmentError(const Status& status) {
  std::cerr << "dossier: error: " << status.message() << "\n";
  return kExitError;
}

Result<std::unique_ptr<Pipeline>> OpenPipeline(const CommonConfig& config,
                                               std::map<std::string, int64_t> arrival_times = {}) {
  PipelineOptions options;
  options.data_dir = config.data_dir;
  options.call = config.call;
  options.arrival_times = std::move(arrival_times);
  options.isolation = config.isolation;
  options.max_attempts = config.max_attempts;
  options.shared_group = config.shared_group;
  return Pipeline::Open(options);
}

// "2024-06-20T10:00:00+08:00" (or Z, or no offset meaning UTC) → Unix ms.
std::optional<int64_t> ParseIsoTime(const std::string& iso) {
  int y, mo, d, h = 0, mi = 0, sec = 0;
  int consumed = 0;
  if (std::sscanf(iso.c_str(), "%d-%d-%dT%d:%d:%d%n", &y, &mo, &d, &h, &mi, &sec, &consumed) < 6)
    return std::nullopt;
  std::tm tm{};
  tm.tm_year = y - 1900;
  tm.tm_mon = mo - 1;
  tm.tm_mday = d;
  tm.tm_hour = h;
  tm.tm_min = mi;
  tm.tm_sec = sec;
  int64_t utc = timegm(&tm);
  std::string rest = iso.substr(consumed);
  if (!rest.empty() && rest[0] == '.') {  // fractional seconds are below our resolution
    size_t end = rest.find_first_not_of("0123456789", 1);
    rest = end == std::string::npos ? "" : rest.substr(end);
  }
  if (!rest.empty() && rest != "Z") {
    int oh = 0, om = 0;
    if (std::sscanf(rest.c_str() + 1, "%d:%d", &oh, &om) < 1) return std::nullopt;
    int64_t offset = (oh * 60 + om) * 60;
    utc += rest[0] == '-' ? offset : -offset;
  }
  return utc * 1000;
}

Result<std::map<std::string, int64_t>> ReadArrivalTimes(const std::string& path) {
  std::map<std::string, int64_t> out;
  if (path.empty()) return out;
  std::ifstream in(path);
  if (!in) return Status::Io("cannot read the arrivals file " + path);
  nlohmann::json j = nlohmann::json::parse(in, nullptr, /*allow_exceptions=*/false);
  if (!j.is_object()) return Status::InvalidInput(path + " is not a JSON object of path → time");
  for (const auto& [file, time] : j.items()) {
    std::optional<int64_t> ms =
        time.is_string() ? ParseIsoTime(time.get<std::string>()) : std::nullopt;
    if (!ms) return Status::InvalidInput(path + ": not an ISO 8601 time for " + file);
    out[file] = *ms;
  }
  return out;
}

}  // namespace

int RunIngest(const IngestConfig& config) {
  auto found = FindFiles(config.paths);
  if (!found.ok()) return EnvironmentError(found.status());
  auto arrival_times = ReadArrivalTimes(config.arrivals_file);
  if (!arrival_times.ok()) return EnvironmentError(arrival_times.status());
  auto pipeline = OpenPipeline(config.common, std::move(arrival_times).value());
  if (!pipeline.ok()) return EnvironmentError(pipeline.status());

  const bool terminal = isatty(STDERR_FILENO);
  ProgressFn progress = [&](size_t done, size_t total, const FileResult& last) {
    if (!config.quiet) {
      // Names and reasons come from the files: escaped as the log does, so
      // that no escape sequence or line break in a name reaches the terminal.
      std::cout << OutcomeWord(last.outcome) << "\t" << text::EscapeForTerminal(last.as_received);
      if (!last.detail.empty()) std::cout << "\t" << text::EscapeForTerminal(last.detail);
      std::cout << "\n";
    }
    if (terminal) {
      constexpr int kWidth = 30;
      int filled = total ? static_cast<int>(kWidth * done / total) : kWidth;
      std::cerr << "\r[" << std::string(filled, '#') << std::string(kWidth - filled, ' ') << "] "
                << done << "/" << total << (done == total ? "\n" : "") << std::flush;
    }
  };
  auto summary = (*pipeline)->Ingest(*found, progress);
  if (!summary.ok()) return EnvironmentError(summary.status());
  for (const std::string& path : summary->unmatched_arrivals) {
    std::cout << "unmatched_arrival\t" << text::EscapeForTerminal(path)
              << "\t--arrivals 中的这一条没有对应任何收到的文件（路径写错了？）\n";
  }
  std::cout << "ingested " << summary->files.size() << " files: " << summary->taken << " taken, "
            << summary->duplicates << " duplicates, " << summary->rejected << " rejected\n";
  return summary->rejected > 0 ? kExitRejected : kExitOk;
}

int RunExport(const ExportConfig& config) {
  if (config.format != "json") {
    std::cerr << "dossier export: unknown format '" << config.format << "' (known: json)\n";
    return kExitError;
  }
  auto pipeline = OpenPipeline(config.common);
  if (!pipeline.ok()) return EnvironmentError(pipeline.status());
  auto exported = BuildExport((*pipeline)->store());
  if (!exported.ok()) return EnvironmentError(exported.status());
  std::string text = exported->dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
  if (config.out.empty()) {
    std::cout << text;
    return kExitOk;
  }
  std::ofstream out(config.out, std::ios::binary);
  out << text;
  out.close();
  if (!out) return EnvironmentError(Status::Io("cannot write " + config.out));
  return kExitOk;
}

int RunConfigShow(const CommonConfig& config) {
  const norm::CallConfig& call = config.call;
  std::cout << "[call]\n"
            << "deadline = " << call.deadline << "\n"
            << "timezone_offset_minutes = " << call.timezone_offset_minutes << "\n"
            << "trainees_minimum = " << call.trainees_minimum << "\n";
  for (const auto& [type, quota] : call.quotas)
    std::cout << "quota_" << type << " = " << quota << "\n";
  for (const std::string& e : call.expired_bases) std::cout << "expired_base = " << e << "\n";
  for (const std::string& p : call.priority_areas) std::cout << "priority_area = " << p << "\n";
  std::cout << "\ndata = " << config.data_dir.string() << "\n";
  return kExitOk;
}

int RunExtract(const ExtractConfig& config) {
  auto bytes = ReadWholeFile(config.path, ExtractLimits{}.max_file_bytes);
  if (!bytes.ok()) return EnvironmentError(bytes.status());
  std::string type(FileTypeName(SniffFileType(*bytes)));
  Result<Document> doc = ExtractFile(type, *bytes, config.path);
  if (!doc.ok()) {
    std::cerr << "dossier extract: " << config.path << ": rejected: " << doc.status().message()
              << "\n";
    return kExitRejected;
  }
  if (!config.json) {
    for (const Page& p : doc->pages)
      std::cout << "page " << p.number << " (" << p.width << " x " << p.height << ", "
                << MethodName(p.method) << "): " << p.how_read << "\n";
    for (const Span& s : doc->spans)
      std::cout << s.locator << "\t" << text::EscapeForTerminal(s.text) << "\n";
    for (const std::string& w : doc->warnings) std::cout << "warning: " << w << "\n";
    return kExitOk;
  }
  JsonWriter out(std::cout);
  auto box = [&out](const BBox& b) {
    out.BeginArray().Number(b.x0).Number(b.y0).Number(b.x1).Number(b.y1).EndArray();
  };
  out.BeginObject().Key("type").String(type);
  out.Key("pages").BeginArray();
  for (const Page& p : doc->pages) {
    out.Newline().BeginObject();
    out.Key("number").Int(p.number).Key("width").Number(p.width).Key("height").Number(p.height);
    out.Key("method").String(MethodName(p.method)).Key("how_read").String(p.how_read);
    out.EndObject();
  }
  out.EndArray();
  out.Key("spans").BeginArray();
  for (const Span& s : doc->spans) {
    out.Newline().BeginObject();
    out.Key("text").String(s.text).Key("page").Int(s.page).Key("locator").String(s.locator);
    out.Key("method").String(MethodName(s.method)).Key("confidence").Number(s.confidence);
    if (s.bbox) {
      out.Key("bbox");
      box(*s.bbox);
    }
    if (!s.words.empty()) {
      out.Key("words").BeginArray();
      for (const WordBox& w : s.words) {
        out.BeginObject().Key("text").String(w.text).Key("bbox");
        box(w.bbox);
        out.Key("confidence").Number(w.confidence).EndObject();
      }
      out.EndArray();
    }
    out.EndObject();
  }
  out.EndArray();
  out.Key("tables").BeginArray();
  for (const Table& t : doc->tables) {
    out.Newline().BeginObject();
    out.Key("page").Int(t.page).Key("rows").Int(t.rows).Key("cols").Int(t.cols);
    out.Key("cells").BeginArray();
    for (const Cell& c : t.cells)
      out.BeginArray().Int(c.row).Int(c.col).Int(c.row_span).Int(c.col_span).Int(c.span_id).EndArray();
    out.EndArray().EndObject();
  }
  out.EndArray();
  out.Key("warnings").BeginArray();
  for (const std::string& w : doc->warnings) out.String(w);
  out.EndArray().EndObject().Newline();
  out.Finish();
  return kExitOk;
}

// Reports read an existing data folder; an empty one made by a typo would
// only hide the mistake.
Status NeedDataFolder(const CommonConfig& config) {
  std::error_code ec;
  if (!std::filesystem::exists(config.data_dir / "store.sqlite", ec)) {
    return Status::NotFound("there is no dossier data folder at " + config.data_dir.string() +
                            " (no store.sqlite); ingest files first or give --data");
  }
  return Status::Ok();
}

int RunReport(const ReportConfig& config) {
  if (config.out_dir.empty()) {
    std::cerr << "dossier report: --out DIR is required\n";
    return kExitError;
  }
  if (Status st = NeedDataFolder(config.common); !st.ok()) return EnvironmentError(st);
  auto pipeline = OpenPipeline(config.common);
  if (!pipeline.ok()) return EnvironmentError(pipeline.status());
  ReportOptions options;
  options.out_dir = config.out_dir;
  options.data_dir = config.common.data_dir;
  options.application_id = config.application_id;
  // Page pictures are drawn from the originals under the readers' limits.
  options.isolate = [&config](const std::function<Status()>& work) {
    return RunIsolatedStatus(work, config.common.isolation);
  };
  auto summary = WriteReports((*pipeline)->store(), options);
  if (!summary.ok()) {
    std::cerr << "dossier report: " << summary.status().message() << "\n";
    return kExitError;
  }
  std::cout << "wrote " << summary->applications << " dossiers (HTML and PDF) to "
            << config.out_dir;
  if (config.application_id.empty()) std::cout << ", with index.html and the summary sheets";
  std::cout << "; " << summary->pages_rendered << " page pictures rendered, "
            << summary->pages_from_cache << " from the cache\n";
  return kExitOk;
}

int RunTrace(const TraceConfig& config) {
  if (config.format != "text" && config.format != "json") {
    std::cerr << "dossier trace: unknown format '" << config.format << "' (known: text, json)\n";
    return kExitError;
  }
  if (Status st = NeedDataFolder(config.common); !st.ok()) return EnvironmentError(st);
  auto pipeline = OpenPipeline(config.common);
  if (!pipeline.ok()) return EnvironmentError(pipeline.status());
  auto trace = TraceField((*pipeline)->store(), config.application, config.field);
  if (!trace.ok()) {
    std::cerr << "dossier trace: " << trace.status().message() << "\n";
    return kExitError;
  }
  std::optional<TraceCrop> crop;
  if (!config.png.empty()) {
    auto written = WriteTraceCrop((*pipeline)->store(), *trace, config.common.data_dir, config.png);
    if (!written.ok()) {
      std::cerr << "dossier trace: cannot write the picture " << config.png << ": "
                << written.status().message() << "\n";
      return kExitError;
    }
    crop = std::move(written).value();
  }
  const TraceCrop* shown = crop ? &*crop : nullptr;
  if (config.format == "json") {
    std::cout << TraceJson(*trace, shown).dump(2, ' ', false,
                                               nlohmann::json::error_handler_t::replace)
              << "\n";
  } else {
    std::cout << text::EscapeForTerminal(TraceText(*trace, shown), /*keep_line_breaks=*/true);
  }
  return kExitOk;
}

int RunStatus(const CommonConfig& config) {
  auto pipeline = OpenPipeline(config);
  if (!pipeline.ok()) return EnvironmentError(pipeline.status());
  auto counts = (*pipeline)->store().Counts();
  if (!counts.ok()) return EnvironmentError(counts.status());
  std::cout << "data folder:  " << std::filesystem::absolute(config.data_dir).string() << "\n"
            << "files:        " << counts->files << " (" << counts->arrivals << " arrivals)\n"
            << "documents:    " << counts->documents << "\n"
            << "applications: " << counts->applications << "\n"
            << "unassigned:   " << counts->unassigned << "\n"
            << "rejected:     " << counts->rejected << "\n"
            << "queued:       " << counts->queued << "\n";
  auto queue = (*pipeline)->store().Queue(/*max_errors=*/10);
  if (!queue.ok()) return EnvironmentError(queue.status());
  std::cout << "queue:        " << queue->queued << " queued, " << queue->running << " running, "
            << queue->done << " done, " << queue->rejected << " rejected\n";
  if (!queue->last_errors.empty()) std::cout << "last errors (newest first):\n";
  for (const QueueView::Error& e : queue->last_errors) {
    const std::time_t at = static_cast<std::time_t>(e.at_ms / 1000);
    std::tm tm{};
    gmtime_r(&at, &tm);
    char when[32];
    std::strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm);
    std::cout << "  " << when << "  " << e.event << "  " << text::EscapeForTerminal(e.file) << ": "
              << text::EscapeForTerminal(e.detail) << "\n";
  }
  return kExitOk;
}

}  // namespace dossier
