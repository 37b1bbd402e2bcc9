// `dossier mail`: takes the new messages of an IMAP mailbox, each stored
// before it is marked on the server.
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <thread>

#include "commands.h"
#include "dossier/common/text.h"
#include "dossier/ingest/imap_mailbox.h"
#include "dossier/jobs/log.h"
#include "dossier/jobs/pipeline.h"
#include "stop_signals.h"

namespace dossier {
namespace {

Result<std::string> ReadPassword(const std::string& path) {
  if (path.empty()) return Status::InvalidInput("mail needs --password-file FILE");
  std::ifstream in(path);
  if (!in) return Status::Io("cannot read the password file " + path);
  std::string line;
  std::getline(in, line);
  while (!line.empty() && (line.back() == '\r' || line.back() == '\n')) line.pop_back();
  if (line.empty()) return Status::InvalidInput("the password file " + path + " is empty");
  return line;
}

// Only for the crash test: time to kill -9 the process between storing a
// message and marking it on the server.
int64_t PauseAfterStoreMs() {
  const char* v = std::getenv("DOSSIER_TEST_PAUSE_AFTER_STORE_MS");
  return v ? std::atoll(v) : 0;
}

}  // namespace

int RunMail(const MailConfig& config) {
  // A write to the IMAP server's socket after it hung up (TLS alert, a close
  // on a timeout) would otherwise end the process with SIGPIPE, between
  // storing a message and marking it taken; EPIPE is reported as the IMAP
  // failure it is.
  IgnoreSigpipe();
  auto password = ReadPassword(config.password_file);
  if (!password.ok()) return ErrorExit(password.status().message());
  ImapOptions imap;
  imap.url = config.url;
  imap.password = *password;
  imap.folder_done = config.folder_done;
  imap.ca_file = config.ca_file;
  auto mailbox = ImapMailbox::Open(imap);
  if (!mailbox.ok()) return UsageError("mail", mailbox.status().message());

  PipelineOptions options = PipelineOptionsFrom(config.common);
  auto pipeline = Pipeline::Open(options);
  if (!pipeline.ok()) return ErrorExit(pipeline.status().message());
  Pipeline& p = **pipeline;

  if (!config.once) {
    SetLogLevel(LogLevel::kInfo);
    InstallStopSignals();
  }
  const auto stop = StopRequested;
  int rejected = 0;
  const ResultFn print = [&](const FileResult& r) {
    if (r.outcome == FileOutcome::kRejected) ++rejected;
    std::cout << OutcomeWord(r.outcome) << "\t" << r.as_received;
    if (!r.detail.empty()) std::cout << "\t" << r.detail;
    std::cout << "\n" << std::flush;
  };
  // What an interrupted run left queued is finished first.
  if (Status s = p.RecoverJobs(); !s.ok()) return ErrorExit(s.message());
  if (Status s = p.RunQueue(print, stop); !s.ok()) return ErrorExit(s.message());

  const std::string mailbox_name = (*mailbox)->Where().substr((*mailbox)->Where().find('/') + 1);
  while (!stop()) {
    auto uids = (*mailbox)->NewMessages();
    if (!uids.ok()) {
      if (config.once) return ErrorExit(uids.status().message());
      Log(LogLevel::kError, "mail_failed", {{"reason", uids.status().message()}});
    } else {
      for (uint64_t uid : *uids) {
        if (stop()) break;
        auto bytes = (*mailbox)->Fetch(uid);
        if (!bytes.ok()) return ErrorExit(bytes.status().message());
        FoundFile found;
        found.as_received = mailbox_name + "/" + std::to_string(uid) + ".eml";
        // Stored durably (original and arrival) before the server is told:
        // a crash in between takes it again as a second arrival.
        auto taken = p.Take(found, *bytes);
        if (!taken.ok()) return ErrorExit(taken.status().message());
        Log(LogLevel::kInfo, "mail_stored",
            {{"file", found.as_received}, {"sha256", taken->sha256}, {"uid", std::to_string(uid)}});
        if (int64_t pause = PauseAfterStoreMs(); pause > 0)
          std::this_thread::sleep_for(std::chrono::milliseconds(pause));
        if (Status s = (*mailbox)->MarkTaken(uid); !s.ok()) return ErrorExit(s.message());
        Log(LogLevel::kInfo, "mail_marked", {{"uid", std::to_string(uid)}});
        if (taken->outcome != FileOutcome::kTaken) print(*taken);
        if (Status s = p.RunQueue(print, stop); !s.ok()) return ErrorExit(s.message());
      }
      if (!uids->empty()) {
        if (Status s = p.Reassemble(); !s.ok()) return ErrorExit(s.message());
      }
    }
    if (config.once) break;
    for (int64_t waited = 0; waited < config.poll_seconds * 1000 && !stop(); waited += 200)
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  return rejected > 0 ? kExitRejected : kExitOk;
}

}  // namespace dossier
