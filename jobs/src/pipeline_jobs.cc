// The job side of the pipeline: claiming queued files, running each file's
// reader in an isolated child, and storing what comes back.
#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "dossier/common/rejection.h"
#include "dossier/common/text.h"
#include "dossier/ingest/archive_policy.h"
#include "dossier/ingest/file_type.h"
#include "dossier/jobs/child_codec.h"
#include "dossier/jobs/log.h"
#include "dossier/jobs/pipeline.h"
#include "dossier/jobs/runner.h"
#include "dossier/normalize/analysis.h"

namespace dossier {
namespace {

FileType TypeOf(const JobClaim& job) {
  return FileTypeFromName(job.type).value_or(FileType::kUnknown);
}

std::string Plural(size_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

// Why a job started too often without finishing is given up on.
Status GaveUp(const JobClaim& job) {
  return Reject(Rejection::kGaveUp,
                "处理 " + std::to_string(job.attempts - 1) + " 次均被中断，已放弃（" +
                    (job.last_error.empty() ? "没有记录原因" : job.last_error) + "）");
}

// A renewal of the lease of `job` was refused.
Status LostLease(const JobClaim& job) {
  return Status::InvalidInput("the lease was not renewed: another worker took the job (attempt " +
                              std::to_string(job.attempts) + ")")
      .WithReasonCode(kLeaseLostCode);
}

// A page job's pages as the log names them ("3-4").
std::string PagesOf(const JobClaim& job) {
  return std::to_string(job.first_page) + "-" + std::to_string(job.last_page);
}

// A mail server's clock may run a little ahead of ours.
constexpr int64_t kMailClockSkewMs = 10 * 60 * 1000;

std::string LocalTime(int64_t ms, int offset_minutes) {
  std::time_t t = static_cast<std::time_t>(ms / 1000 + offset_minutes * 60);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M", &tm);
  return buf;
}

}  // namespace

Result<std::vector<FileResult>> Pipeline::Release(const JobClaim& job, const Status& cause) {
  if (LeaseLost(cause)) {
    // Another worker holds the job now: its result is the one kept.
    Log(LogLevel::kWarning, "lease_lost",
        {{"file", job.first_path},
         {"sha256", job.sha256},
         {"attempt", std::to_string(job.attempts)},
         {"reason", cause.message()}});
    return std::vector<FileResult>();
  }
  Status released =
      store_->ReleaseJob(job.sha256, HolderOf(job), cause.message(), /*attempt_counts=*/false);
  if (!released.ok()) {
    // Typically the same full disk; RecoverJobs puts it back later.
    Log(LogLevel::kDebug, "release_failed",
        {{"sha256", job.sha256}, {"reason", released.message()}});
  }
  return cause;
}

Status Pipeline::RecoverJobs() {
  auto running = store_->RunningJobs();
  if (!running.ok()) return running.status();
  for (const RunningJob& job : *running) {
    const bool mine = job.runner == runner_;
    // Another machine's worker, or a live one here, keeps its job until its
    // lease runs out; a claim then takes it over (ClaimNextJob).
    if (!mine && !RunnerGoneHere(job.runner)) continue;
    const std::string why = mine ? "put back after a failure of the data folder"
                                 : "dossier stopped while reading the file (attempt " +
                                       std::to_string(job.attempts) + ")";
    Status s = store_->ReleaseJob(job.sha256, JobHolder{job.runner, job.attempts, job.first_page},
                                  why, /*attempt_counts=*/!mine);
    if (!s.ok()) return s;
    if (job.first_page > 0) {
      Log(LogLevel::kWarning, "requeued",
          {{"file", job.first_path},
           {"sha256", job.sha256},
           {"pages", std::to_string(job.first_page) + "-" + std::to_string(job.last_page)},
           {"reason", why}});
    } else {
      Log(LogLevel::kWarning, "requeued",
          {{"file", job.first_path}, {"sha256", job.sha256}, {"reason", why}});
    }
  }
  return Status::Ok();
}

Status Pipeline::EndJob(const JobClaim& job, const std::function<Status()>& end) {
  using Clock = std::chrono::steady_clock;
  constexpr auto kFirstPause = std::chrono::milliseconds(250);
  constexpr auto kLongestPause = std::chrono::milliseconds(5000);
  constexpr auto kSlice = std::chrono::milliseconds(100);
  Status status = end();
  int tries = 1;
  for (auto pause = std::chrono::milliseconds(kFirstPause); StoreUnreachable(status);
       pause = std::min(pause * 2, std::chrono::milliseconds(kLongestPause))) {
    // Past the lease another worker may hold the job: the read is given up
    // and the job left to RecoverJobs or to whoever claims it next.
    if (Clock::now() + pause >= lease_until_ || (stop_ && stop_())) break;
    Log(LogLevel::kWarning, "save_failed",
        {{"file", job.first_path},
         {"sha256", job.sha256},
         {"reason", status.message()},
         {"retry_ms", std::to_string(pause.count())}});
    // In slices, so that a stop is seen soon.
    for (const auto until = Clock::now() + pause; Clock::now() < until;) {
      if (stop_ && stop_()) break;
      std::this_thread::sleep_for(std::min<Clock::duration>(kSlice, until - Clock::now()));
    }
    status = end();
    ++tries;
  }
  if (tries > 1 && JobEnded(status)) {
    // An earlier try was committed and only its answer was lost (the server
    // went away after the commit): every try was made within the lease, when
    // no other worker could end the job, so it ended as this one asked.
    Log(LogLevel::kWarning, "answer_lost",
        {{"file", job.first_path}, {"sha256", job.sha256}, {"reason", status.message()}});
    status = Status::Ok();
  }
  if (status.ok() && tries > 1) {
    Log(LogLevel::kInfo, "saved_after_retry",
        {{"file", job.first_path}, {"sha256", job.sha256}, {"tries", std::to_string(tries)}});
  }
  return status;
}

Status Pipeline::RunQueue(const ResultFn& each, const StopFn& stop) {
  // EndJob asks the caller's stop, which need not outlive this call.
  stop_ = stop;
  struct ForgetStop {
    StopFn& stop;
    ~ForgetStop() { stop = nullptr; }
  } forget{stop_};
  for (;;) {
    if (stop && stop()) return Status::Ok();
    // The lease is counted from before the claim: it cannot end sooner.
    const auto asked = std::chrono::steady_clock::now();
    auto claimed = store_->ClaimNextJob(runner_, options_.lease_ms);
    if (!claimed.ok()) return claimed.status();
    // Jobs held by other processes stay queued; nothing left to claim: stop.
    if (!*claimed) return Status::Ok();
    lease_until_ = asked + std::chrono::milliseconds(options_.lease_ms);
    auto results = RunJob(**claimed, stop);
    if (!results.ok()) return results.status();
    for (const FileResult& r : *results) {
      if (each) each(r);
    }
  }
}

Result<std::vector<FileResult>> Pipeline::RunJob(const JobClaim& job, const StopFn& stop) {
  const std::string& sha256 = job.sha256;
  FileResult result{job.first_path, sha256, FileOutcome::kTaken, "", ""};
  auto reject = [&](const Status& why) -> Result<std::vector<FileResult>> {
    const std::string code = RejectionCodeOf(why);
    if (Status s = EndJob(
            job, [&] { return store_->RejectFile(sha256, HolderOf(job), code, why.message()); });
        !s.ok()) {
      return Release(job, s);
    }
    Log(LogLevel::kInfo, "rejected",
        {{"file", job.first_path}, {"sha256", sha256}, {"code", code}, {"reason", why.message()}});
    DropIfRecoverable(sha256);
    result.outcome = FileOutcome::kRejected;
    result.detail = why.message();
    result.code = code;
    return std::vector<FileResult>{result};
  };

  if (job.first_page > 0) {
    // A page job has its own attempts, and a slice given up on costs its
    // pages only (RunPageJob), not the file.
    auto bytes = job.attempts > options_.max_attempts ? Result<std::string>(std::string())
                                                      : originals_.Read(sha256);
    if (!bytes.ok() && bytes.status().code() != ErrorCode::kNotFound) {
      return Release(job, bytes.status());
    }
    return RunPageJob(job, bytes.ok() ? *bytes : std::string(), stop);
  }
  if (job.attempts > options_.max_attempts) {
    return reject(GaveUp(job));
  }
  auto bytes = originals_.Read(sha256);
  if (!bytes.ok()) {
    if (bytes.status().code() == ErrorCode::kNotFound)
      return reject(Reject(Rejection::kOriginalMissing));
    return Release(job, bytes.status());
  }

  // What the readers load once (the spec's tables) is loaded here, before
  // the first fork, so that each child starts with it instead of loading it.
  static const bool warmed_up = (norm::Analyze(Document()), true);
  (void)warmed_up;

  // A large scan is split into page jobs the first time its job is claimed;
  // the claim after its slices are read joins them (below).
  const bool join = job.split_pages > 0;
  if (!join && options_.page_job_pages > 0 && TypeOf(job) == FileType::kPdf) {
    auto split = SplitIfLarge(job, *bytes, stop);
    if (!split.ok()) return split.status();
    if (*split) return std::vector<FileResult>();
  }
  std::vector<PageSlice> slices;
  if (join) {
    auto loaded = store_->PageSlices(sha256);
    if (!loaded.ok()) return Release(job, loaded.status());
    slices = std::move(loaded).value();
  }

  const bool expand = IsArchiveToExpand(TypeOf(job));
  const bool mail = TypeOf(job) == FileType::kEml;
  const ExtractLimits limits = options_.limits;
  const std::string& data = *bytes;
  std::function<Result<std::string>()> work;
  if (mail) {
    // Untrusted MIME is parsed in the child like any other format.
    work = [&data]() -> Result<std::string> {
      auto contents = ExpandMail(data);
      if (!contents.ok()) return contents.status();
      std::vector<norm::DocumentPart> letter;
      if (!contents->letter.spans.empty()) letter = norm::AnalyzeParts(contents->letter);
      return EncodeMail(*contents, letter);
    };
  } else if (expand) {
    work = [&data, limits]() -> Result<std::string> {
      auto members = ExpandZip(data, limits);
      if (!members.ok()) return members.status();
      return EncodeMembers(*members);
    };
  } else if (join) {
    // The slices' pages joined, with a whole read's rules, then analysed as
    // one document: documents span pages, so analysis never runs per slice.
    work = [&slices, limits]() -> Result<std::string> {
      std::vector<Document> parts;
      for (PageSlice& slice : slices) {
        if (!slice.has_result) {
          return Status::Internal("pages " + std::to_string(slice.first_page) + "-" +
                                  std::to_string(slice.last_page) + " were never read");
        }
        auto part = DecodeDocument(slice.result);
        if (!part.ok()) return part.status();
        parts.push_back(std::move(part).value());
      }
      auto doc = JoinPdfPages(std::move(parts), limits);
      if (!doc.ok()) return doc.status();
      return EncodeExtraction(*doc, norm::AnalyzeParts(*doc));
    };
  } else {
    work = [&data, &job, limits]() -> Result<std::string> {
      Result<Document> doc = ExtractFile(job.type, data, job.first_path, limits);
      if (!doc.ok()) return doc.status();
      return EncodeExtraction(*doc, norm::AnalyzeParts(*doc));
    };
  }
  bool lease_lost = false;
  auto outcome = RunReader(job, work, stop, &lease_lost);
  if (!outcome.ok()) return Release(job, outcome.status());
  if (lease_lost) return Release(job, LostLease(job));
  Log(LogLevel::kDebug, "read",
      {{"file", job.first_path},
       {"sha256", sha256},
       {"ms", std::to_string(outcome->elapsed_ms)},
       {"peak_kb", std::to_string(outcome->peak_rss_kb)}});

  switch (outcome->end) {
    case ChildEnd::kInterrupted:
      (void)Release(job, Status::Internal("interrupted: dossier was stopping"));
      Log(LogLevel::kInfo, "requeued",
          {{"file", job.first_path}, {"sha256", sha256}, {"reason", "dossier is stopping"}});
      return std::vector<FileResult>();
    case ChildEnd::kFailed:
      Log(LogLevel::kWarning, "parser_failed",
          {{"file", job.first_path},
           {"sha256", sha256},
           {"reason", outcome->status.message()},
           {"peak_kb", std::to_string(outcome->peak_rss_kb)}});
      return reject(outcome->status);
    case ChildEnd::kRefused:
      return reject(outcome->status);
    case ChildEnd::kDone:
      break;
  }

  if (mail) {
    MailContents contents;
    std::vector<norm::DocumentPart> letter;
    if (Status s = DecodeMail(outcome->payload, &contents, &letter); !s.ok()) return reject(s);
    outcome->payload.clear();
    return SaveMail(job, std::move(contents), std::move(letter));
  }
  if (expand) {
    auto members = DecodeMembers(outcome->payload);
    if (!members.ok()) return reject(members.status());
    outcome->payload.clear();
    return SaveMembers(job, std::move(members).value());
  }
  Document doc;
  std::vector<norm::DocumentPart> parts;
  if (Status s = DecodeExtraction(outcome->payload, &doc, &parts); !s.ok()) {
    return reject(s);
  }
  if (Status s = EndJob(job, [&] { return store_->SaveDocuments(sha256, HolderOf(job), parts); });
      !s.ok()) {
    return Release(job, s);
  }
  for (const norm::DocumentPart& part : parts) {
    if (!result.detail.empty()) result.detail += "+";
    result.detail += part.analysis.classification.kind;
  }
  Log(LogLevel::kInfo, "done",
      {{"file", job.first_path},
       {"sha256", sha256},
       {"kind", result.detail},
       {"ms", std::to_string(outcome->elapsed_ms)}});
  return std::vector<FileResult>{result};
}

Result<ChildOutcome> Pipeline::RunReader(const JobClaim& job,
                                         const std::function<Result<std::string>()>& work,
                                         const StopFn& stop, bool* lease_lost) {
  // The heartbeat. A renewal that fails (the store unreachable for a
  // moment) is tried again at the next beat: the lease is several beats long.
  // One that is refused means another worker holds the job now.
  *lease_lost = false;
  auto last_beat = std::chrono::steady_clock::now();
  auto lost = [&]() {
    const auto now = std::chrono::steady_clock::now();
    if (now - last_beat < std::chrono::milliseconds(options_.heartbeat_ms)) return false;
    last_beat = now;
    auto renewed = store_->RenewLease(job.sha256, HolderOf(job), options_.lease_ms);
    if (renewed.ok() && *renewed) lease_until_ = now + std::chrono::milliseconds(options_.lease_ms);
    if (!renewed.ok()) {
      Log(LogLevel::kWarning, "renewal_failed",
          {{"file", job.first_path},
           {"sha256", job.sha256},
           {"reason", renewed.status().message()}});
      return false;
    }
    *lease_lost = !*renewed;
    return *lease_lost;
  };
  // The reader's module is loaded here, once, not in every child; a missing
  // one is the child's to report, as the file's rejection.
  (void)LoadReaderFor(job.type);
  return RunIsolated(work, options_.isolation, stop, lost);
}

Result<bool> Pipeline::SplitIfLarge(const JobClaim& job, const std::string& bytes,
                                    const StopFn& stop) {
  const ExtractLimits limits = options_.limits;
  // Poppler opens the untrusted file in a child, as every reader does;
  // nothing is read or drawn.
  auto count = [&bytes, limits]() -> Result<std::string> {
    auto pages = PdfPageCount(bytes, limits);
    if (!pages.ok()) return pages.status();
    return std::to_string(*pages);
  };
  bool lease_lost = false;
  auto outcome = RunReader(job, count, stop, &lease_lost);
  if (!outcome.ok()) return outcome.status();
  if (lease_lost) {
    (void)Release(job, LostLease(job));
    return true;  // nothing more to do here: another worker holds the job
  }
  if (outcome->end == ChildEnd::kInterrupted) {
    (void)Release(job, Status::Internal("interrupted: dossier was stopping"));
    Log(LogLevel::kInfo, "requeued",
        {{"file", job.first_path}, {"sha256", job.sha256}, {"reason", "dossier is stopping"}});
    return true;  // nothing more to do here: the job is back in the queue
  }
  // A file that cannot be counted is read whole, whose reader says why.
  if (outcome->end != ChildEnd::kDone) return false;
  const int pages = std::atoi(outcome->payload.c_str());
  if (pages <= options_.page_job_pages) return false;
  if (Status s = EndJob(job,
                        [&] {
                          return store_->SplitJob(job.sha256, HolderOf(job), pages,
                                                  options_.page_job_pages);
                        });
      !s.ok()) {
    auto released = Release(job, s);
    if (!released.ok()) return released.status();
    return true;  // the lease was lost: another worker holds the job
  }
  Log(LogLevel::kInfo, "split",
      {{"file", job.first_path},
       {"sha256", job.sha256},
       {"pages", std::to_string(pages)},
       {"pages_per_job", std::to_string(options_.page_job_pages)}});
  return true;
}

Result<std::vector<FileResult>> Pipeline::RunPageJob(const JobClaim& job, const std::string& bytes,
                                                     const StopFn& stop) {
  const std::string pages = PagesOf(job);
  std::string result;
  auto not_read = [&](const std::string& why) {
    Log(LogLevel::kWarning, "pages_not_read",
        {{"file", job.first_path}, {"sha256", job.sha256}, {"pages", pages}, {"reason", why}});
    return EncodeDocument(PdfPagesNotRead(job.first_page, job.last_page, why));
  };
  int64_t ms = 0;
  if (job.attempts > options_.max_attempts) {
    // One bad page does not lose a 100-page scan: the slice is kept as its
    // pages not read, and the join rejects the file only if no page was.
    result = not_read(GaveUp(job).message());
  } else if (bytes.empty()) {
    result = not_read(Reject(Rejection::kOriginalMissing).message());
  } else {
    const ExtractLimits limits = options_.limits;
    auto work = [&bytes, &job, limits]() -> Result<std::string> {
      auto doc = ReadPdfPages(bytes, job.first_page, job.last_page, limits);
      if (!doc.ok()) return doc.status();
      return EncodeDocument(*doc);
    };
    bool lease_lost = false;
    auto outcome = RunReader(job, work, stop, &lease_lost);
    if (!outcome.ok()) return Release(job, outcome.status());
    if (lease_lost) return Release(job, LostLease(job));
    ms = outcome->elapsed_ms;
    switch (outcome->end) {
      case ChildEnd::kInterrupted:
        (void)Release(job, Status::Internal("interrupted: dossier was stopping"));
        Log(LogLevel::kInfo, "requeued",
            {{"file", job.first_path},
             {"sha256", job.sha256},
             {"pages", pages},
             {"reason", "dossier is stopping"}});
        return std::vector<FileResult>();
      case ChildEnd::kFailed:
      case ChildEnd::kRefused:
        result = not_read(outcome->status.message());
        break;
      case ChildEnd::kDone:
        result = std::move(outcome->payload);
        break;
    }
  }
  if (Status s =
          EndJob(job, [&] { return store_->SavePageSlice(job.sha256, HolderOf(job), result); });
      !s.ok()) {
    return Release(job, s);
  }
  Log(LogLevel::kInfo, "pages_read",
      {{"file", job.first_path},
       {"sha256", job.sha256},
       {"pages", pages},
       {"attempt", std::to_string(job.attempts)},
       {"ms", std::to_string(ms)}});
  // The file reports when its pages are joined.
  return std::vector<FileResult>();
}

std::vector<FileResult> Pipeline::MemberResults(const FileResult& result,
                                                const std::vector<ExpandedMember>& expanded,
                                                const std::vector<ArrivalResult>& arrived) {
  std::vector<FileResult> results{result};
  for (size_t i = 0; i < expanded.size(); ++i) {
    const Arrival& a = expanded[i].arrival;
    const ArrivalResult& r = arrived[i];
    if (r.first_arrival && expanded[i].reject_reason.empty()) {
      Log(LogLevel::kInfo, "taken",
          {{"file", a.path_as_received}, {"sha256", a.sha256}, {"type", a.type}});
      continue;  // queued: its own job reports it
    }
    if (r.first_arrival) {
      Log(LogLevel::kInfo, "rejected",
          {{"file", a.path_as_received},
           {"sha256", a.sha256},
           {"code", expanded[i].reject_code},
           {"reason", expanded[i].reject_reason}});
      results.push_back({a.path_as_received, a.sha256, FileOutcome::kRejected,
                         expanded[i].reject_reason, expanded[i].reject_code});
      continue;
    }
    const bool was_rejected = r.state == FileState::kRejected;
    Log(LogLevel::kInfo, "duplicate", {{"file", a.path_as_received}, {"sha256", a.sha256}});
    results.push_back(
        {a.path_as_received, a.sha256,
         was_rejected ? FileOutcome::kRejected : FileOutcome::kDuplicate,
         was_rejected ? "与先前收到并已拒收的文件内容相同" : "与先前收到的文件内容相同", ""});
  }
  return results;
}

void Pipeline::DropIfRecoverable(const std::string& sha256) {
  // A rejected file that only ever arrived inside archives can be read again
  // from its archive, which is kept; keeping it twice would let a small
  // archive of large junk fill the data folder for good.
  auto only_in_archives = store_->ArrivedOnlyInArchives(sha256);
  if (!only_in_archives.ok() || !*only_in_archives) return;
  std::error_code ignored;
  std::filesystem::remove(originals_.PathFor(sha256), ignored);
}

Result<std::vector<FileResult>> Pipeline::SaveMembers(const JobClaim& job,
                                                      std::vector<ArchiveMember> members) {
  std::vector<ExpandedMember> expanded;
  size_t skipped = 0;
  // Files in an archive arrived when the archive did (unless the arrivals
  // file says otherwise for one of them): that is when the applicant sent them.
  const int64_t archive_arrived = job.received_at_ms > 0 ? job.received_at_ms : env_.NowMs();
  for (ArchiveMember& member : members) {
    if (IsJunkArchiveMember(member.name)) {
      ++skipped;
      continue;
    }
    const std::string sha = Sha256Hex(member.bytes);
    const FileType type = SniffFileType(member.bytes);
    ExpandedMember m;
    const std::string path = job.first_path + "/" + member.name;
    auto known_time = options_.arrival_times.find(path);
    m.arrival = Arrival{
        sha, path, static_cast<int64_t>(member.bytes.size()), std::string(FileTypeName(type)),
        known_time != options_.arrival_times.end() ? known_time->second : archive_arrived};
    if (IsRefusedAsNested(FileType::kZip, type)) {
      const Status nested = Reject(Rejection::kArchiveNested);
      m.reject_code = nested.reason_code();
      m.reject_reason = nested.message();
    } else {
      // A member rejected at once needs no copy: its archive holds it.
      if (Status s = originals_.Keep(sha, member.bytes); !s.ok()) return Release(job, s);
    }
    expanded.push_back(std::move(m));
    member.bytes.clear();
    member.bytes.shrink_to_fit();
  }
  FileResult result{job.first_path, job.sha256, FileOutcome::kTaken, "", ""};
  if (expanded.empty()) {
    const Status why =
        Reject(Rejection::kArchiveEmpty,
               skipped ? "压缩包里只有临时文件或系统文件，没有可读取的文件" : "压缩包里没有文件");
    const std::string code = why.reason_code();
    if (Status s = EndJob(
            job,
            [&] { return store_->RejectFile(job.sha256, HolderOf(job), code, why.message()); });
        !s.ok()) {
      return Release(job, s);
    }
    Log(LogLevel::kInfo, "rejected",
        {{"file", job.first_path},
         {"sha256", job.sha256},
         {"code", code},
         {"reason", why.message()}});
    result.outcome = FileOutcome::kRejected;
    result.detail = why.message();
    result.code = code;
    return std::vector<FileResult>{result};
  }
  result.detail = "ZIP 压缩包：" + std::to_string(expanded.size()) + " 个文件";
  if (skipped) result.detail += "（另有 " + std::to_string(skipped) + " 个临时或系统文件未取）";
  Result<std::vector<ArrivalResult>> arrived = Status::Internal("the archive was not saved");
  if (Status s = EndJob(job,
                        [&] {
                          arrived = store_->SaveExpansion(job.sha256, HolderOf(job), expanded,
                                                          result.detail);
                          return arrived.status();
                        });
      !s.ok()) {
    return Release(job, s);
  }
  Log(LogLevel::kInfo, "expanded",
      {{"file", job.first_path},
       {"sha256", job.sha256},
       {"files", std::to_string(expanded.size())}});
  // Saved by a try whose answer was lost (EndJob): which files were known
  // already is not known here; the new ones report through their own jobs.
  if (!arrived.ok()) return std::vector<FileResult>{result};

  return MemberResults(result, expanded, *arrived);
}

Result<std::vector<FileResult>> Pipeline::SaveMail(const JobClaim& job, MailContents mail,
                                                   std::vector<norm::DocumentPart> letter) {
  const int64_t taken = job.received_at_ms > 0 ? job.received_at_ms : env_.NowMs();
  MailRecord record{mail.info.from, mail.info.subject, mail.info.message_id, taken, "taken", ""};
  const int offset = options_.call.timezone_offset_minutes;
  if (mail.info.received_at_ms > taken + kMailClockSkewMs) {
    // A time after the mail was taken cannot be true: believing it could
    // make a timely mail late (or hide a late one behind a forged header).
    record.note = "mail_future_time: 邮件自称" +
                  std::string(mail.info.time_basis == "received" ? "收到" : "发出") + "于 " +
                  LocalTime(mail.info.received_at_ms, offset) + "，晚于取到邮件的时间 " +
                  LocalTime(taken, offset) + "，不予采信，按取到邮件的时间计";
  } else if (mail.info.received_at_ms > 0) {
    record.arrived_ms = mail.info.received_at_ms;
    record.time_basis = mail.info.time_basis;
  } else {
    record.note = "邮件既无 Received 也无 Date 时间，按取到邮件的时间计";
  }

  std::vector<ExpandedMember> expanded;
  for (MailAttachment& a : mail.attachments) {
    const std::string sha = Sha256Hex(a.member.bytes);
    if (Status s = originals_.Keep(sha, a.member.bytes); !s.ok()) return Release(job, s);
    const FileType type = SniffFileType(a.member.bytes);
    ExpandedMember m;
    const std::string path = job.first_path + "/" + a.member.name;
    auto known_time = options_.arrival_times.find(path);
    m.arrival = Arrival{
        sha, path, static_cast<int64_t>(a.member.bytes.size()), std::string(FileTypeName(type)),
        known_time != options_.arrival_times.end() ? known_time->second : record.arrived_ms};
    m.reject_reason = a.reject_reason;
    // A mail attached to a mail is opened where it stands (its parts are
    // named under it), never as a file.
    if (IsRefusedAsNested(FileType::kEml, type) && m.reject_reason.empty())
      m.reject_reason =
          "mail_nested_file: 邮件附件中的 .eml "
          "文件不再拆开（邮件只拆一层）；请将其中的附件直接发送";
    if (!m.reject_reason.empty())
      m.reject_code = RejectionCodeOf(Status::InvalidInput(m.reject_reason));
    expanded.push_back(std::move(m));
    a.member.bytes.clear();
    a.member.bytes.shrink_to_fit();
  }
  FileResult result{job.first_path, job.sha256, FileOutcome::kTaken, "", ""};
  if (expanded.empty() && letter.empty()) {
    const std::string code(RejectionCode(Rejection::kMailEmpty));
    const std::string reason = code + ": " + std::string(RejectionMeaning(Rejection::kMailEmpty));
    if (Status s = EndJob(
            job, [&] { return store_->RejectFile(job.sha256, HolderOf(job), code, reason); });
        !s.ok())
      return Release(job, s);
    Log(LogLevel::kInfo, "rejected",
        {{"file", job.first_path}, {"sha256", job.sha256}, {"code", code}, {"reason", reason}});
    result.outcome = FileOutcome::kRejected;
    result.detail = reason;
    result.code = code;
    return std::vector<FileResult>{result};
  }
  result.detail = "mail: " + Plural(expanded.size(), "file", "files") +
                  (letter.empty() ? "" : " and its text (cover_letter)");
  for (const std::string& note : mail.notes) result.detail += "; " + note;
  if (!record.note.empty()) result.detail += "; " + record.note;
  Result<std::vector<ArrivalResult>> arrived = Status::Internal("the mail was not saved");
  if (Status s = EndJob(job,
                        [&] {
                          arrived = store_->SaveMail(job.sha256, HolderOf(job), record, letter,
                                                     expanded, result.detail);
                          return arrived.status();
                        });
      !s.ok()) {
    return Release(job, s);
  }
  Log(LogLevel::kInfo, "expanded",
      {{"file", job.first_path},
       {"sha256", job.sha256},
       {"files", std::to_string(expanded.size())},
       {"from", record.sender},
       {"arrived", LocalTime(record.arrived_ms, offset)}});
  // As in SaveMembers: saved by a try whose answer was lost.
  if (!arrived.ok()) return std::vector<FileResult>{result};
  return MemberResults(result, expanded, *arrived);
}

}  // namespace dossier
