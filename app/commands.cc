#include "commands.h"

#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <fstream>
#include <iostream>
#include <map>
#include <optional>
#include <random>

#include "dossier/assemble/judged_store.h"
#include "dossier/common/json_writer.h"
#include "dossier/common/text.h"
#include "dossier/extract/extractor.h"
#include "dossier/ingest/file_type.h"
#include "dossier/ingest/read_file.h"
#include "dossier/jobs/pipeline.h"
#include "dossier/reports/dossier_report.h"
#include "dossier/reports/export_json.h"
#include "dossier/reports/trace.h"
#include "settings.h"

namespace dossier {
namespace {

namespace fs = std::filesystem;

int EnvironmentError(const Status& status) { return ErrorExit(status.message()); }

// Output files go into folders that exist: none is ever created above what
// the user named (a mistyped /nonexistent/x.png is an error).
Status OutputFolderExists(const fs::path& path) {
  std::error_code ec;
  const fs::path folder = path.has_parent_path() ? path.parent_path() : fs::path(".");
  if (fs::is_directory(folder, ec)) return Status::Ok();
  return Status::NotFound("cannot write " + path.string() + ": the folder " + folder.string() +
                          " does not exist");
}

// An output file the user named: written whole or not at all.
Status WriteOutputFile(const fs::path& path, std::string_view bytes) {
  if (Status st = OutputFolderExists(path); !st.ok()) return st;
  std::error_code ec;
  std::random_device rd;
  fs::path tmp = path;
  tmp += ".tmp" + std::to_string(getpid()) + "-" + std::to_string(rd());
  {
    std::ofstream out(tmp, std::ios::binary);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    out.close();
    if (!out) {
      fs::remove(tmp, ec);
      return Status::Io("cannot write " + path.string() + " (disk full or no permission?)");
    }
  }
  fs::rename(tmp, path, ec);
  if (ec) {
    fs::remove(tmp, ec);
    return Status::Io("cannot write " + path.string() + ": " + ec.message());
  }
  return Status::Ok();
}

Result<std::unique_ptr<Pipeline>> OpenPipeline(const CommonConfig& config,
                                               std::map<std::string, int64_t> arrival_times = {},
                                               bool no_work = false) {
  PipelineOptions options = PipelineOptionsFrom(config);
  options.arrival_times = std::move(arrival_times);
  options.no_work = no_work;
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

PipelineOptions PipelineOptionsFrom(const CommonConfig& config) {
  PipelineOptions options;
  options.data_dir = config.data_dir;
  options.store = config.store;
  options.call = config.call;
  options.isolation = config.isolation;
  options.max_attempts = config.max_attempts;
  options.shared_group = config.shared_group;
  return options;
}

int ErrorExit(std::string_view message) {
  std::cerr << "dossier: error: " << message << "\n";
  return kExitError;
}

int UsageError(std::string_view command, std::string_view message) {
  std::string hint =
      command.empty() ? std::string("dossier --help") : "dossier help " + std::string(command);
  return ErrorExit(std::string(message) + " (see '" + hint + "')");
}

void PrintWarning(std::string_view message) {
  std::cerr << "dossier: warning: " << message << "\n";
}

int RunIngest(const IngestConfig& config) {
  auto found = FindFiles(config.paths);
  if (!found.ok()) return EnvironmentError(found.status());
  auto arrival_times = ReadArrivalTimes(config.arrivals_file);
  if (!arrival_times.ok()) return EnvironmentError(arrival_times.status());
  auto pipeline = OpenPipeline(config.common, std::move(arrival_times).value(), config.no_work);
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
    PrintWarning("--arrivals gives a time for '" + text::EscapeForTerminal(path) +
                 "', but no file arrived under that path (mistyped?)");
  }
  std::cout << "ingested " << text::CountOf(summary->files.size(), "file", "files") << ": "
            << summary->taken << " taken, "
            << text::CountOf(summary->duplicates, "duplicate", "duplicates") << ", "
            << summary->rejected << " rejected\n";
  return summary->rejected > 0 ? kExitRejected : kExitOk;
}

int RunExport(const ExportConfig& config) {
  if (config.format != "json") {
    return ErrorExit("unknown export format '" + config.format + "' (known: json)");
  }
  if (!config.out.empty()) {
    if (Status st = OutputFolderExists(config.out); !st.ok()) return EnvironmentError(st);
  }
  auto store = OpenJudgedStore(config.common.data_dir, config.common.call, config.common.store);
  if (!store.ok()) return EnvironmentError(store.status());
  auto exported = BuildExport(**store);
  if (!exported.ok()) return EnvironmentError(exported.status());
  (*exported)["settings"] = SettingsJson(config.common.call);
  std::string text = exported->dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
  if (config.out.empty()) {
    std::cout << text;
    return kExitOk;
  }
  if (Status st = WriteOutputFile(config.out, text); !st.ok()) return EnvironmentError(st);
  return kExitOk;
}

int RunConfigShow(const CommonConfig& config) {
  const std::string origin = config.config_file.empty() ? "the notice's defaults"
                                                        : "the notice's defaults, overridden by " +
                                                              config.config_file.string();
  std::cout << SettingsFileText(config.data_dir, config.call, origin, config.shared_group,
                                config.store);
  return kExitOk;
}

int RunExtract(const ExtractConfig& config) {
  auto bytes = ReadWholeFile(config.path, ExtractLimits{}.max_file_bytes);
  if (!bytes.ok()) return EnvironmentError(bytes.status());
  std::string type(FileTypeName(SniffFileType(*bytes)));
  Result<Document> doc = ExtractFile(type, *bytes, config.path);
  if (!doc.ok()) {
    ErrorExit(config.path + ": rejected: " + doc.status().message());
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
      out.BeginArray()
          .Int(c.row)
          .Int(c.col)
          .Int(c.row_span)
          .Int(c.col_span)
          .Int(c.span_id)
          .EndArray();
    out.EndArray().EndObject();
  }
  out.EndArray();
  out.Key("warnings").BeginArray();
  for (const std::string& w : doc->warnings) out.String(w);
  out.EndArray().EndObject().Newline();
  out.Finish();
  return kExitOk;
}

namespace {

// A report folder's mark, so that a later report may replace the folder.
constexpr const char* kReportMark = ".dossier-report";

// What may be replaced by a new report: nothing, an empty folder, or a
// folder an earlier report wrote. Anything else is the user's and is kept.
Status CheckReportTarget(const fs::path& out) {
  std::error_code ec;
  const fs::path parent = out.parent_path();
  if (!fs::is_directory(parent, ec)) {
    return Status::NotFound("cannot write the reports to " + out.string() + ": the folder " +
                            parent.string() + " does not exist (only the report folder itself " +
                            "is created)");
  }
  if (fs::is_symlink(out, ec)) {
    return Status::InvalidInput("the report folder " + out.string() +
                                " is a symbolic link; give the folder it points to");
  }
  if (!fs::exists(out, ec)) return Status::Ok();
  if (!fs::is_directory(out, ec)) {
    return Status::InvalidInput("cannot write the reports to " + out.string() +
                                ": it is a file, not a folder");
  }
  if (fs::exists(out / kReportMark, ec) || fs::exists(out / "index.html", ec)) return Status::Ok();
  fs::directory_iterator it(out, ec);
  if (ec) return Status::Io("cannot read the folder " + out.string() + ": " + ec.message());
  if (it == fs::directory_iterator()) return Status::Ok();
  return Status::InvalidInput("the folder " + out.string() + " holds files no report wrote (" +
                              it->path().filename().string() +
                              ", ...); give a new or empty folder, or one an earlier report wrote");
}

// Puts the folder `built` in the place of `out` (which may not exist), then
// removes what was there. An exchange of the two names is atomic: a reader
// sees the old reports or the new ones, never a mix.
Status SwapIntoPlace(const fs::path& built, const fs::path& out) {
  std::error_code ec;
  if (!fs::exists(out, ec)) {
    fs::rename(built, out, ec);
    if (ec) return Status::Io("cannot put the reports in " + out.string() + ": " + ec.message());
    return Status::Ok();
  }
  if (renameat2(AT_FDCWD, built.c_str(), AT_FDCWD, out.c_str(), RENAME_EXCHANGE) == 0) {
    fs::remove_all(built, ec);  // now the old reports
    return Status::Ok();
  }
  if (errno != EINVAL && errno != ENOSYS) {
    return Status::Io("cannot put the reports in " + out.string() + ": " + std::strerror(errno));
  }
  // A file system without the exchange: two renames, the old folder put
  // back when the second fails.
  fs::path old = built;
  old += "-old";
  fs::rename(out, old, ec);
  if (ec) return Status::Io("cannot put the reports in " + out.string() + ": " + ec.message());
  fs::rename(built, out, ec);
  if (ec) {
    std::error_code ignored;
    fs::rename(old, out, ignored);
    return Status::Io("cannot put the reports in " + out.string() + ": " + ec.message());
  }
  fs::remove_all(old, ec);
  return Status::Ok();
}

}  // namespace

int RunReport(const ReportConfig& config) {
  fs::path out = fs::absolute(config.out_dir).lexically_normal();
  if (out.filename().empty()) out = out.parent_path();  // "reports/"
  if (Status st = CheckReportTarget(out); !st.ok()) return EnvironmentError(st);
  auto store = OpenJudgedStore(config.common.data_dir, config.common.call, config.common.store);
  if (!store.ok()) return EnvironmentError(store.status());

  // Built beside the target, so that the swap is a rename on one file system.
  std::random_device rd;
  const fs::path built =
      out.parent_path() / ("." + out.filename().string() + ".dossier-new-" +
                           std::to_string(getpid()) + "-" + std::to_string(rd()));
  std::error_code ec;
  if (!fs::create_directory(built, ec)) {
    return EnvironmentError(Status::Io("cannot create the folder " + built.string() + ": " +
                                       (ec ? ec.message() : "it exists")));
  }
  ReportOptions options;
  options.out_dir = built;
  options.data_dir = config.common.data_dir;
  options.application_id = config.application;
  options.settings = config.common.call;
  // Page pictures are drawn from the originals under the readers' limits.
  options.isolate = [&config](const std::function<Status()>& work) {
    return RunIsolatedStatus(work, config.common.isolation);
  };
  auto summary = WriteReports(**store, **store, options);
  Status done = summary.ok() ? WriteOutputFile(built / kReportMark, "written by dossier report\n")
                             : summary.status();
  if (done.ok()) done = SwapIntoPlace(built, out);
  if (!done.ok()) {
    fs::remove_all(built, ec);
    return EnvironmentError(done);
  }
  std::cout << "wrote " << text::CountOf(summary->applications, "dossier", "dossiers")
            << " (HTML and PDF) to " << config.out_dir;
  if (config.application.empty()) std::cout << ", with index.html and the summary sheets";
  std::cout << "; " << text::CountOf(summary->pages_rendered, "page picture", "page pictures")
            << " rendered, " << summary->pages_from_cache << " from the cache\n";
  return kExitOk;
}

int RunTrace(const TraceConfig& config) {
  if (config.format != "text" && config.format != "json") {
    return ErrorExit("unknown trace format '" + config.format + "' (known: text, json)");
  }
  if (!config.png.empty()) {
    if (Status st = OutputFolderExists(config.png); !st.ok()) return EnvironmentError(st);
  }
  auto store = OpenJudgedStore(config.common.data_dir, config.common.call, config.common.store);
  if (!store.ok()) return EnvironmentError(store.status());
  auto trace = TraceField(**store, config.application, config.field);
  if (!trace.ok()) return EnvironmentError(trace.status());
  std::optional<TraceCrop> crop;
  if (!config.png.empty()) {
    auto written = WriteTraceCrop(**store, *trace, config.common.data_dir, config.png);
    if (!written.ok()) {
      return ErrorExit("cannot write the picture " + config.png + ": " +
                       written.status().message());
    }
    crop = std::move(written).value();
  }
  const TraceCrop* shown = crop ? &*crop : nullptr;
  if (config.format == "json") {
    std::cout
        << TraceJson(*trace, shown).dump(2, ' ', false, nlohmann::json::error_handler_t::replace)
        << "\n";
  } else {
    std::cout << text::EscapeForTerminal(TraceText(*trace, shown), /*keep_line_breaks=*/true);
  }
  return kExitOk;
}

int RunStatus(const CommonConfig& config) {
  auto store = OpenJudgedStore(config.data_dir, config.call, config.store);
  if (!store.ok()) return EnvironmentError(store.status());
  auto counts = (*store)->Counts();
  if (!counts.ok()) return EnvironmentError(counts.status());
  std::cout << "data folder:  " << std::filesystem::absolute(config.data_dir).string() << "\n"
            << "files:        " << counts->files << " (" << counts->arrivals << " arrivals)\n"
            << "documents:    " << counts->documents << "\n"
            << "applications: " << counts->applications << "\n"
            << "unassigned:   " << counts->unassigned << "\n"
            << "rejected:     " << counts->rejected << "\n"
            << "queued:       " << counts->queued << "\n";
  auto queue = (*store)->Queue(/*max_errors=*/10);
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
