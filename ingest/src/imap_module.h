// The IMAP module (dossier-imap.so: libcurl, and the TLS, Kerberos, LDAP and
// SSH libraries it pulls in): loaded by `dossier mail --imap` alone.
#pragma once

#include <memory>

#include "dossier/common/module.h"
#include "dossier/common/status.h"
#include "dossier/ingest/imap_mailbox.h"

namespace dossier::ingest_internal {

class ImapModule {
 public:
  // ImapMailbox::Open (imap_mailbox.h).
  virtual Result<std::unique_ptr<ImapMailbox>> Open(const ImapOptions& options) = 0;

 protected:
  ~ImapModule() = default;
};

// The implementation inside the module.
Result<std::unique_ptr<ImapMailbox>> OpenCurlMailbox(const ImapOptions& options);

}  // namespace dossier::ingest_internal
