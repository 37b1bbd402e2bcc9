// What every engine of the store shares, private to store/: the names of
// file states, how JSON values and a span's words are kept as text, and the
// guard that keeps exceptions inside the stage. Engine-specific code lives in
// sqlite_*.cc and pg_*.cc.
#pragma once

#include <cstdint>
#include <exception>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "dossier/common/status.h"
#include "dossier/common/text.h"
#include "dossier/extract/document.h"
#include "dossier/store/arrivals.h"
#include "dossier/store/queue.h"
#include "status_macros.h"

namespace dossier::store_internal {

// files.state as stored.
const char* StateName(FileState state);
FileState StateFromName(const std::string& name);

// Text that came from documents may hold invalid UTF-8; it is stored with
// U+FFFD in place of the bad bytes rather than refused (damaged text is data).
std::string JsonText(const nlohmann::json& value);

// A JSON value read back from the store; Internal when it is damaged.
Result<nlohmann::json> ParseJson(const std::string& text, const std::string& doing);

// A span's words as stored (spans.words: [{"text", "bbox", "confidence"}]);
// a word without a box of four numbers keeps an empty one.
std::vector<WordBox> WordsFromJson(const nlohmann::json& words);
// The other way: a span's words as WordsFromJson reads them, written into
// `out` (emptied first) without building a JSON tree per span (a tree per
// span was about a third of the CPU time of saving a long PDF).
void WriteWordsJson(const std::vector<WordBox>& words, std::ostringstream& out);

inline std::string Plural(size_t n, const char* one, const char* many) {
  return text::CountOf(n, one, many);
}

// Runs `body` and turns any exception (allocation, a library bug) into a
// Status, so that none escapes the stage. An open Transaction rolls back as
// the exception unwinds through it.
template <typename T, typename F>
T Guarded(const char* doing, F&& body) {
  try {
    return body();
  } catch (const std::exception& e) {
    return Status::Internal(std::string(doing) + ": unexpected failure (" + e.what() + ")");
  }
}

// The mail file f came in (its earliest arrival by mail), or f itself when f
// is a mail, or the mail whose path f's first path lies under (a file of a ZIP
// that came in a mail); NULL when none.
#define kMailOfFile                                                                          \
  "COALESCE((SELECT a.mail FROM arrivals a WHERE a.file = f.id AND a.mail IS NOT NULL "      \
  "ORDER BY a.received_at_ms, a.id LIMIT 1), (SELECT m2.file FROM mails m2 WHERE m2.file = " \
  "f.id), (SELECT m3.file FROM mails m3 JOIN files mf3 ON mf3.id = m3.file WHERE "           \
  "substr(f.first_path, 1, length(mf3.first_path) + 1) = mf3.first_path || '/' LIMIT 1))"

// A file as the queue knows it.
struct FileRow {
  int64_t id = 0;
  FileState state = FileState::kQueued;
  std::string first_path;
};

// The refusal of an ending of a job from `holder` when the job is now held
// by `current_runner` ("" when nobody holds it) at `current_attempt`.
Status LeaseLostStatus(const std::string& doing, const JobHolder& holder,
                       const std::string& current_runner, int64_t current_attempt);

// Why a job whose lease ran out is claimed again (last_error, event "requeued").
std::string LapsedLeaseReason(const std::string& runner, int64_t attempt);

}  // namespace dossier::store_internal
