// The store's side of assembly: every stored document's readings going in,
// the applications, unassigned documents, checks and findings coming out.
#pragma once

#include <functional>
#include <vector>

#include "dossier/common/status.h"
#include "dossier/normalize/assembly_model.h"

namespace dossier {

// Thread safety: one object is used by one thread at a time.
class ApplicationStore {
 public:
  virtual ~ApplicationStore() = default;

  // Every stored document's readings, for assembly.
  virtual Result<std::vector<norm::DocumentFacts>> LoadDocumentFacts() = 0;

  // Replaces all applications and the unassigned list with this assembly.
  // One transaction; event "assembled" dated by the store's Env.
  virtual Status SaveAssembly(const norm::Assembly& assembly) = 0;

  // Runs `assemble` (LoadDocumentFacts, then SaveAssembly) holding the
  // store's assembly lock, so that two processes, on any machines, never
  // assemble at once: the later one waits, then reads what the earlier one
  // could not see. PostgreSQL: an advisory lock for the transaction around
  // it. SQLite (one machine): SaveAssembly's own write transaction.
  virtual Status WithAssemblyLock(const std::function<Status()>& assemble) = 0;
};

}  // namespace dossier
