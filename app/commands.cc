#include "commands.h"

#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <iostream>

#include "dossier/reports/export_json.h"
#include "pipeline.h"

namespace dossier {
namespace {

int EnvironmentError(const Status& status) {
  std::cerr << "dossier: error: " << status.message() << "\n";
  return kExitError;
}

Result<std::unique_ptr<Pipeline>> OpenPipeline(const CommonConfig& config) {
  PipelineOptions options;
  options.data_dir = config.data_dir;
  return Pipeline::Open(options);
}

const char* OutcomeWord(FileOutcome outcome) {
  switch (outcome) {
    case FileOutcome::kTaken:
      return "taken";
    case FileOutcome::kDuplicate:
      return "duplicate";
    case FileOutcome::kRejected:
      return "rejected";
  }
  return "";
}

}  // namespace

int RunIngest(const IngestConfig& config) {
  auto found = FindFiles(config.paths);
  if (!found.ok()) return EnvironmentError(found.status());
  auto pipeline = OpenPipeline(config.common);
  if (!pipeline.ok()) return EnvironmentError(pipeline.status());

  const bool terminal = isatty(STDERR_FILENO);
  ProgressFn progress = [&](size_t done, size_t total, const FileResult& last) {
    if (!config.quiet) {
      std::cout << OutcomeWord(last.outcome) << "\t" << last.as_received;
      if (!last.detail.empty()) std::cout << "\t" << last.detail;
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
  return kExitOk;
}

}  // namespace dossier
