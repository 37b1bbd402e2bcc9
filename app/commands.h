// What each subcommand does, given its parsed options. main() only parses.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "dossier/assemble/checks.h"
#include "dossier/jobs/isolation.h"
#include "dossier/jobs/pipeline.h"

namespace dossier {

// Exit statuses of the tool.
inline constexpr int kExitOk = 0;        // everything taken
inline constexpr int kExitRejected = 1;  // ran, and some files were rejected
inline constexpr int kExitError = 2;     // usage or environment error

// The CLI's diagnostics have one format, on standard error:
//   dossier: error: MESSAGE
//   dossier: warning: MESSAGE
// in English, as all the CLI's own words; what clerks and reviewers read
// (reasons, findings, check details, dossiers) is Chinese.
// Prints the error and returns kExitError.
int ErrorExit(std::string_view message);
// A usage error: the message and where the command's help is
// ("see 'dossier help ingest'"); returns kExitError. `command` may be empty.
int UsageError(std::string_view command, std::string_view message);
void PrintWarning(std::string_view message);

struct CommonConfig {
  std::filesystem::path data_dir = PipelineOptions{}.data_dir;
  std::string store;                  // --store or `store =`: "" is the data folder's SQLite file
  std::filesystem::path config_file;  // the --config file; empty: the notice's defaults
  norm::CallConfig call = norm::CallConfig::Defaults();
  // How each file's reader runs (ingest and watch): a child process under
  // these limits; and how often a job may be started without finishing.
  IsolationLimits isolation;
  int max_attempts = PipelineOptions{}.max_attempts;
  // The data folder and reports readable by the owner's group (0750/0640)
  // instead of the owner only (0700/0600). See privacy.h.
  bool shared_group = false;
};

// The pipeline's options as the common settings give them; each command adds
// its own (arrival times, --no-work, leases) to what this returns.
PipelineOptions PipelineOptionsFrom(const CommonConfig& config);

// `dossier watch INBOX`: takes every file dropped into the inbox (and its
// folders) once it is complete, until SIGTERM or SIGINT.
struct WatchConfig {
  CommonConfig common;
  std::string inbox;
  int64_t settle_ms = 3000;   // files only seen by scans: unchanged this long
  int64_t quiet_ms = 200;     // files closed or moved in: unchanged this long
  int64_t rescan_ms = 30000;  // full rescans (shares where inotify sees nothing); 0: none
  int64_t retry_ms = 10000;   // after a failure of the data folder, try again this often
  bool verbose = false;       // debug lines too
  bool no_work = false;       // keep and queue only; workers read and assemble
};

// `dossier worker`: runs queued jobs, from any machine that sees the store
// and the originals, until SIGTERM or SIGINT; assembles once the queue has
// drained.
struct WorkerConfig {
  CommonConfig common;
  int64_t lease_ms = PipelineOptions{}.lease_ms;
  int64_t heartbeat_ms = PipelineOptions{}.heartbeat_ms;
  int64_t poll_ms = 5000;  // look for jobs this often even without news
  // PipelineOptions::page_job_pages: a PDF of more pages is split into page
  // jobs of this many. main sets it (about twice the usable cores unless
  // given); 0 never splits.
  int page_job_pages = 0;
  bool verbose = false;
};

// `dossier mail --imap URL --password-file FILE`: takes each new message of
// an IMAP mailbox as a saved mail, once; marks it on the server (moved to
// folder_done, else the keyword $DossierTaken) only after it is stored.
struct MailConfig {
  CommonConfig common;
  std::string url;  // imaps://USER@HOST/MAILBOX
  std::string password_file;
  std::string folder_done;
  std::string ca_file;  // certificates to trust instead of the system's
  bool once = false;    // one pass, then exit; else poll until SIGTERM/SIGINT
  int64_t poll_seconds = 60;
};

struct IngestConfig {
  CommonConfig common;
  std::vector<std::string> paths;
  bool quiet = false;
  bool no_work = false;  // keep and queue only; workers read (`dossier worker`)
  // JSON object: path as received → ISO 8601 time it was received, for
  // files whose arrival is known from elsewhere (a mail's date).
  std::string arrivals_file;
};

struct ExportConfig {
  CommonConfig common;
  std::string format = "json";
  std::string out;  // empty: standard output
};

// `dossier extract FILE`: what the extract stage reads from one file (pages
// and how each was read, spans with their places), without a store; for
// checking a file and for bench/run.
struct ExtractConfig {
  std::string path;
  bool json = false;
};

// `dossier report --out DIR [--application ID|UNIT]`: dossiers (HTML, PDF),
// the index page and the summary sheets, from the store alone. They are
// built in a folder beside DIR, which then takes DIR's place: DIR holds
// exactly this run's reports, and a failed run leaves DIR as it was.
struct ReportConfig {
  CommonConfig common;
  std::string out_dir;
  std::string application;  // an application id or unit name; empty: all
};

// `dossier trace APPLICATION FIELD [--png FILE] [--format json]`.
struct TraceConfig {
  CommonConfig common;
  std::string application;
  std::string field;
  std::string png;  // empty: no picture
  std::string format = "text";
};

int RunIngest(const IngestConfig& config);
// Runs until SIGTERM/SIGINT; returns kExitOk after a clean stop, kExitError
// when it cannot start (no inbox, data folder unusable).
int RunWatch(const WatchConfig& config);
// Runs until SIGTERM/SIGINT (the job in hand finishes within the grace time
// or goes back to the queue uncounted); kExitOk after a clean stop,
// kExitError when it cannot start.
int RunWorker(const WorkerConfig& config);
int RunExtract(const ExtractConfig& config);
// Exit 0 all taken, 1 some rejected, 2 a usage error or the server or data
// folder failing (a message not yet marked is taken again next time).
int RunMail(const MailConfig& config);
// export, report, trace and status only read the store: they exit 2 when the
// data folder holds none, work on a read-only one, and show check outcomes
// judged with the settings in force (see judged_store.h).
int RunExport(const ExportConfig& config);
int RunReport(const ReportConfig& config);
// Exit 2 with a clear message for an unknown application or field.
int RunTrace(const TraceConfig& config);
int RunStatus(const CommonConfig& config);
// Prints the settings in force (the notice's defaults overridden by the
// settings file) as a settings file that gives them back; needs no store.
int RunConfigShow(const CommonConfig& config);

}  // namespace dossier
