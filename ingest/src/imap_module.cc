// dossier-imap.so's entry (imap_module.h).
#include "imap_module.h"

namespace dossier::ingest_internal {
namespace {

class ImapModuleImpl final : public ImapModule {
 public:
  Result<std::unique_ptr<ImapMailbox>> Open(const ImapOptions& options) override {
    return OpenCurlMailbox(options);
  }
};

}  // namespace
}  // namespace dossier::ingest_internal

// Never destroyed: modules stay loaded until the process ends.
DOSSIER_MODULE_ENTRY(new dossier::ingest_internal::ImapModuleImpl)
