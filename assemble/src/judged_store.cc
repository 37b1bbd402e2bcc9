#include "dossier/assemble/judged_store.h"

#include "dossier/assemble/assemble.h"
#include "dossier/common/data_folder.h"

namespace dossier {

Status JudgeApplications(Store& store, const norm::CallConfig& call) {
  auto facts = store.LoadDocumentFacts();
  if (!facts.ok()) return facts.status();
  norm::Assembly assembly = norm::Assemble(*facts, norm::DeadlineEndMs(call));
  norm::RunChecks(assembly, *facts, call);
  return store.SaveAssembly(assembly);
}

Result<std::unique_ptr<Store>> OpenJudgedStore(const std::filesystem::path& data_dir,
                                               const norm::CallConfig& call,
                                               const std::string& store_spec) {
  const std::filesystem::path file = DataFolder(data_dir).StoreFile();
  auto where = ParseStoreLocation(store_spec, file);
  if (!where.ok()) return where.status();
  std::error_code ec;
  if (store_spec.empty() && !std::filesystem::exists(file, ec)) {
    const bool folder = std::filesystem::is_directory(data_dir, ec);
    return Status::NotFound("there is no dossier store in " + data_dir.string() +
                            (folder ? " (the folder holds no store.sqlite)" : " (no such folder)") +
                            "; ingest files first, or give the data folder with --data");
  }
  auto store = OpenStoreSnapshotAt(*where);
  if (!store.ok()) return store.status();
  if (Status st = JudgeApplications(**store, call); !st.ok()) return st;
  return store;
}

}  // namespace dossier
