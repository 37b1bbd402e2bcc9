// A Store for tests that forwards every call to a real store (SQLite, in
// memory or on disk) but can be told to fail chosen calls the way a store
// whose server went away fails them: an Io status with reason code
// kStoreUnreachableCode (store.h). Given to Pipeline in place of the store
// it would open, as ninja's tests give the builder a virtual disk, it shows
// what a user sees when the store fails at a given moment of a job.
#pragma once

#include <array>
#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "dossier/store/store.h"

namespace dossier::testing {

class FaultInjectingStore final : public Store {
 public:
  // The calls that can be made to fail, one per method of Store.
  enum class Call {
    kRecordArrival,
    kRecordInboxArrival,
    kRecordRefusal,
    kArrivedOnlyInArchives,
    kWasTaken,
    kSaveDocuments,
    kLoadDocument,
    kLoadDocumentFacts,
    kSaveAssembly,
    kWithAssemblyLock,
    kListApplications,
    kListUnassigned,
    kListRejected,
    kCounts,
    kQueuedFiles,
    kClaimJob,
    kClaimNextJob,
    kRenewLease,
    kReleaseJob,
    kRunningJobs,
    kSplitJob,
    kSavePageSlice,
    kPageSlices,
    kRejectFile,
    kSaveExpansion,
    kSaveMail,
    kWaitForJobs,
    kQueue,
    kListEvents,
  };
  static constexpr size_t kCalls = static_cast<size_t>(Call::kListEvents) + 1;

  // When an injected failure happens.
  enum class When {
    // Before the call reaches the real store: it changed nothing.
    kBefore,
    // After the real store did it (its commit done), as when the server's
    // answer is lost on the way back: the caller sees a failure all the same.
    kAfterCommit,
  };

  explicit FaultInjectingStore(std::unique_ptr<Store> real) : real_(std::move(real)) {}

  // The next `times` calls of `call` fail.
  void FailNext(Call call, int times, When when = When::kBefore) {
    Plan& plan = plans_[Index(call)];
    plan.times = times;
    plan.when = when;
  }

  // The store goes away when `call` is next made: that call and every one
  // after it, of any method, fail before reaching the real store, until Heal.
  void GoDownAt(Call call) { down_at_ = call; }

  // The store is back: no call fails any more.
  void Heal() {
    plans_ = {};
    down_at_.reset();
    down_ = false;
  }

  // How many calls of `call` were made, and how many of them failed.
  int calls(Call call) const { return calls_[Index(call)]; }
  int failures(Call call) const { return failures_[Index(call)]; }

  // The real store, to look at what was stored without injected failures.
  Store& real() { return *real_; }

  // ArrivalStore
  Result<ArrivalResult> RecordArrival(const Arrival& arrival) override {
    return Forward<Result<ArrivalResult>>(Call::kRecordArrival,
                                          [&] { return real_->RecordArrival(arrival); });
  }
  Result<ArrivalResult> RecordInboxArrival(const Arrival& arrival,
                                           const InboxStamp& stamp) override {
    return Forward<Result<ArrivalResult>>(
        Call::kRecordInboxArrival, [&] { return real_->RecordInboxArrival(arrival, stamp); });
  }
  Status RecordRefusal(const Refusal& refusal) override {
    return Forward<Status>(Call::kRecordRefusal, [&] { return real_->RecordRefusal(refusal); });
  }
  Result<bool> ArrivedOnlyInArchives(const std::string& sha256) override {
    return Forward<Result<bool>>(Call::kArrivedOnlyInArchives,
                                 [&] { return real_->ArrivedOnlyInArchives(sha256); });
  }
  Result<bool> WasTaken(const InboxStamp& stamp) override {
    return Forward<Result<bool>>(Call::kWasTaken, [&] { return real_->WasTaken(stamp); });
  }

  // DocumentStore
  Status SaveDocuments(const std::string& sha256, const JobHolder& holder,
                       const std::vector<norm::DocumentPart>& parts) override {
    return Forward<Status>(Call::kSaveDocuments,
                           [&] { return real_->SaveDocuments(sha256, holder, parts); });
  }
  Result<Document> LoadDocument(int64_t document_id) override {
    return Forward<Result<Document>>(Call::kLoadDocument,
                                     [&] { return real_->LoadDocument(document_id); });
  }

  // ApplicationStore
  Result<std::vector<norm::DocumentFacts>> LoadDocumentFacts() override {
    return Forward<Result<std::vector<norm::DocumentFacts>>>(
        Call::kLoadDocumentFacts, [&] { return real_->LoadDocumentFacts(); });
  }
  Status SaveAssembly(const norm::Assembly& assembly) override {
    return Forward<Status>(Call::kSaveAssembly, [&] { return real_->SaveAssembly(assembly); });
  }
  // `assemble` calls back into this store, where its own calls may fail.
  Status WithAssemblyLock(const std::function<Status()>& assemble) override {
    return Forward<Status>(Call::kWithAssemblyLock,
                           [&] { return real_->WithAssemblyLock(assemble); });
  }

  // ReportViews
  Result<std::vector<ApplicationView>> ListApplications() override {
    return Forward<Result<std::vector<ApplicationView>>>(Call::kListApplications,
                                                         [&] { return real_->ListApplications(); });
  }
  Result<std::vector<UnassignedView>> ListUnassigned() override {
    return Forward<Result<std::vector<UnassignedView>>>(Call::kListUnassigned,
                                                        [&] { return real_->ListUnassigned(); });
  }
  Result<std::vector<RejectedView>> ListRejected() override {
    return Forward<Result<std::vector<RejectedView>>>(Call::kListRejected,
                                                      [&] { return real_->ListRejected(); });
  }
  Result<StoreCounts> Counts() override {
    return Forward<Result<StoreCounts>>(Call::kCounts, [&] { return real_->Counts(); });
  }

  // JobQueue
  Result<std::vector<std::string>> QueuedFiles() override {
    return Forward<Result<std::vector<std::string>>>(Call::kQueuedFiles,
                                                     [&] { return real_->QueuedFiles(); });
  }
  Result<std::optional<JobClaim>> ClaimJob(const std::string& sha256, const std::string& runner,
                                           int64_t lease_ms) override {
    return Forward<Result<std::optional<JobClaim>>>(
        Call::kClaimJob, [&] { return real_->ClaimJob(sha256, runner, lease_ms); });
  }
  Result<std::optional<JobClaim>> ClaimNextJob(const std::string& runner,
                                               int64_t lease_ms) override {
    return Forward<Result<std::optional<JobClaim>>>(
        Call::kClaimNextJob, [&] { return real_->ClaimNextJob(runner, lease_ms); });
  }
  Result<bool> RenewLease(const std::string& sha256, const JobHolder& holder,
                          int64_t lease_ms) override {
    return Forward<Result<bool>>(Call::kRenewLease,
                                 [&] { return real_->RenewLease(sha256, holder, lease_ms); });
  }
  Status ReleaseJob(const std::string& sha256, const JobHolder& holder, const std::string& why,
                    bool attempt_counts) override {
    return Forward<Status>(Call::kReleaseJob,
                           [&] { return real_->ReleaseJob(sha256, holder, why, attempt_counts); });
  }
  Result<std::vector<RunningJob>> RunningJobs() override {
    return Forward<Result<std::vector<RunningJob>>>(Call::kRunningJobs,
                                                    [&] { return real_->RunningJobs(); });
  }
  Status SplitJob(const std::string& sha256, const JobHolder& holder, int pages,
                  int pages_per_slice) override {
    return Forward<Status>(Call::kSplitJob,
                           [&] { return real_->SplitJob(sha256, holder, pages, pages_per_slice); });
  }
  Status SavePageSlice(const std::string& sha256, const JobHolder& holder,
                       const std::string& result) override {
    return Forward<Status>(Call::kSavePageSlice,
                           [&] { return real_->SavePageSlice(sha256, holder, result); });
  }
  Result<std::vector<PageSlice>> PageSlices(const std::string& sha256) override {
    return Forward<Result<std::vector<PageSlice>>>(Call::kPageSlices,
                                                   [&] { return real_->PageSlices(sha256); });
  }
  Status RejectFile(const std::string& sha256, const JobHolder& holder, const std::string& code,
                    const std::string& reason) override {
    return Forward<Status>(Call::kRejectFile,
                           [&] { return real_->RejectFile(sha256, holder, code, reason); });
  }
  Result<std::vector<ArrivalResult>> SaveExpansion(const std::string& sha256,
                                                   const JobHolder& holder,
                                                   const std::vector<ExpandedMember>& members,
                                                   const std::string& detail) override {
    return Forward<Result<std::vector<ArrivalResult>>>(Call::kSaveExpansion, [&] {
      return real_->SaveExpansion(sha256, holder, members, detail);
    });
  }
  Result<std::vector<ArrivalResult>> SaveMail(const std::string& sha256, const JobHolder& holder,
                                              const MailRecord& mail,
                                              const std::vector<norm::DocumentPart>& letter,
                                              const std::vector<ExpandedMember>& members,
                                              const std::string& detail) override {
    return Forward<Result<std::vector<ArrivalResult>>>(Call::kSaveMail, [&] {
      return real_->SaveMail(sha256, holder, mail, letter, members, detail);
    });
  }
  Result<bool> WaitForJobs(int64_t timeout_ms) override {
    return Forward<Result<bool>>(Call::kWaitForJobs,
                                 [&] { return real_->WaitForJobs(timeout_ms); });
  }
  Result<QueueView> Queue(int max_errors) override {
    return Forward<Result<QueueView>>(Call::kQueue, [&] { return real_->Queue(max_errors); });
  }

  // EventLog
  Result<std::vector<EventView>> ListEvents(const std::string& sha256) override {
    return Forward<Result<std::vector<EventView>>>(Call::kListEvents,
                                                   [&] { return real_->ListEvents(sha256); });
  }

 private:
  struct Plan {
    int times = 0;  // failures still to inject
    When when = When::kBefore;
  };

  static size_t Index(Call call) { return static_cast<size_t>(call); }

  // What PostgreSQL's engine answers when its server went away (pg_util.cc).
  static Status Unreachable() {
    return Status::Io("无法连接数据库服务器（测试注入的故障）")
        .WithReasonCode(kStoreUnreachableCode);
  }

  template <typename R, typename F>
  R Forward(Call call, F&& forward) {
    const size_t i = Index(call);
    ++calls_[i];
    if (down_at_ == call) down_ = true;
    Plan& plan = plans_[i];
    if (!down_ && plan.times == 0) return forward();
    ++failures_[i];
    if (down_ || plan.when == When::kBefore) {
      if (!down_) --plan.times;
      return Unreachable();
    }
    --plan.times;
    R answer = forward();
    (void)answer;  // lost on the way back
    return Unreachable();
  }

  std::unique_ptr<Store> real_;
  std::array<Plan, kCalls> plans_{};
  std::array<int, kCalls> calls_{};
  std::array<int, kCalls> failures_{};
  std::optional<Call> down_at_;
  bool down_ = false;
};

}  // namespace dossier::testing
