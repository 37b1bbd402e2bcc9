// ImapMailbox::Open, which loads the IMAP module (imap_module.h) on its first
// call.
#include "dossier/ingest/imap_mailbox.h"
#include "imap_module.h"

namespace dossier {

Result<std::unique_ptr<ImapMailbox>> ImapMailbox::Open(const ImapOptions& options) {
  auto imap = LoadModuleAs<ingest_internal::ImapModule>("imap", "连接 IMAP 邮箱");
  if (!imap.ok()) return imap.status();
  return (*imap)->Open(options);
}

}  // namespace dossier
