#include "store_common.h"

#include <sstream>
#include <utility>

#include "dossier/common/json_writer.h"

namespace dossier::store_internal {

const char* StateName(FileState state) {
  switch (state) {
    case FileState::kQueued:
      return "queued";
    case FileState::kDone:
      return "done";
    case FileState::kRejected:
      return "rejected";
  }
  return "queued";
}

FileState StateFromName(const std::string& name) {
  if (name == "done") return FileState::kDone;
  if (name == "rejected") return FileState::kRejected;
  return FileState::kQueued;
}

std::string JsonText(const nlohmann::json& value) {
  return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

Result<nlohmann::json> ParseJson(const std::string& text, const std::string& doing) {
  nlohmann::json value = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (value.is_discarded()) {
    return Status::Internal(doing + ": the store holds a damaged value (" + text.substr(0, 80) +
                            ")");
  }
  return value;
}

std::vector<WordBox> WordsFromJson(const nlohmann::json& words) {
  std::vector<WordBox> out;
  for (const auto& w : words) {
    if (!w.is_object()) continue;
    WordBox word;
    word.text = w.value("text", "");
    const nlohmann::json box = w.value("bbox", nlohmann::json::array());
    if (box.is_array() && box.size() == 4 && box[0].is_number()) {
      word.bbox = BBox{box[0].get<double>(), box[1].get<double>(), box[2].get<double>(),
                       box[3].get<double>()};
    }
    word.confidence = w.value("confidence", 1.0);
    out.push_back(std::move(word));
  }
  return out;
}

void WriteWordsJson(const std::vector<WordBox>& words, std::ostringstream& out) {
  out.str(std::string());
  JsonWriter json(out);
  json.BeginArray();
  for (const WordBox& word : words) {
    json.BeginObject()
        .Key("bbox")
        .BeginArray()
        .Number(word.bbox.x0)
        .Number(word.bbox.y0)
        .Number(word.bbox.x1)
        .Number(word.bbox.y1)
        .EndArray()
        .Key("confidence")
        .Number(word.confidence)
        .Key("text")
        .String(word.text)
        .EndObject();
  }
  json.EndArray();
  json.Finish();
}

Status LeaseLostStatus(const std::string& doing, const JobHolder& holder,
                       const std::string& current_runner, int64_t current_attempt) {
  std::string now;
  if (current_runner.empty()) {
    now = "it was put back in the queue";
  } else if (current_runner == holder.runner && current_attempt == holder.attempt) {
    now = "it is held by the same attempt";  // not reached: that is the holder
  } else {
    now = "its lease ran out and it was claimed again (attempt " + std::to_string(current_attempt) +
          ", runner " + current_runner + ")";
  }
  return Status::InvalidInput(doing + ": refused, runner " + holder.runner + " (attempt " +
                              std::to_string(holder.attempt) + ") no longer holds the job: " + now +
                              "; nothing was changed")
      .WithReasonCode(kLeaseLostCode);
}

Status CheckHolder(const std::string& doing, const JobHolder& holder, const std::string& runner,
                   int64_t attempt) {
  if (runner.empty() || runner != holder.runner || attempt != holder.attempt) {
    return LeaseLostStatus(doing, holder, runner, attempt);
  }
  return Status::Ok();
}

std::optional<ClaimDecision> DecideClaim(const ClaimLookup& found, const std::string& sha256,
                                         const std::string& runner, int64_t lease_ms,
                                         int64_t now_ms) {
  if (!found.queued || found.slices_pending) return std::nullopt;
  if (found.held && found.lease_until_ms && *found.lease_until_ms > now_ms) return std::nullopt;
  ClaimDecision decision;
  if (found.held) decision.lapsed = LapsedLeaseReason(found.runner, found.previous_attempts);
  decision.claim = JobClaim{sha256,
                            runner,
                            found.type,
                            found.first_path,
                            found.previous_attempts + 1,
                            found.held ? decision.lapsed : found.last_error,
                            0,
                            now_ms + lease_ms};
  decision.claim.split_pages = found.split_pages;
  return decision;
}

std::string LapsedLeaseReason(const std::string& runner, int64_t attempt) {
  return "the lease of attempt " + std::to_string(attempt) + " (runner " + runner +
         ") ran out: the worker stopped renewing it (killed, frozen or cut off)";
}

ClaimLookup ReadClaimLookup(const SqlStatement& row) {
  ClaimLookup found;
  found.file = row.Int(0);
  found.queued = row.Text(1) == "queued";
  found.type = row.Text(2);
  found.first_path = row.Text(3);
  found.previous_attempts = static_cast<int>(row.IsNull(4) ? 0 : row.Int(4));
  found.held = !row.IsNull(5);
  if (found.held) found.runner = row.Text(5);
  found.last_error = row.IsNull(6) ? "" : row.Text(6);
  if (!row.IsNull(7)) found.lease_until_ms = row.Int(7);
  found.split_pages = static_cast<int>(row.IsNull(8) ? 0 : row.Int(8));
  found.slices_pending = row.Int(9) != 0;
  return found;
}

RunningJob ReadRunningJob(const SqlStatement& row) {
  return RunningJob{row.Text(0),
                    row.Text(1),
                    row.Text(2),
                    static_cast<int>(row.Int(3)),
                    row.Int(4),
                    row.Int(5),
                    static_cast<int>(row.Int(6)),
                    static_cast<int>(row.Int(7))};
}

void ReadQueueCounts(const SqlStatement& row, QueueView* view) {
  view->queued = row.Int(0);
  view->running = row.Int(1);
  view->done = row.Int(2);
  view->rejected = row.Int(3);
}

QueueView::Error ReadQueueError(const SqlStatement& row) {
  return QueueView::Error{row.Int(0), row.Text(1), row.Text(2), row.Text(3), row.Text(4)};
}

}  // namespace dossier::store_internal
