// A mailbox on an IMAP server, as a source of saved mails (libcurl).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "dossier/common/status.h"

namespace dossier {

struct ImapOptions {
  // imaps://USER@HOST[:PORT]/MAILBOX, or imap:// to 127.0.0.1, ::1 or
  // localhost only (a test server); anything else is refused.
  std::string url;
  std::string password;
  // A folder to move each taken message to; empty: the message stays and
  // gets the keyword kTakenKeyword instead.
  std::string folder_done;
  // Certificates to trust instead of the system's (a test CA). TLS
  // verification (peer and host name) is always on.
  std::string ca_file;
  long timeout_seconds = 60;
};

// The keyword a taken message carries when it is not moved.
inline constexpr const char* kTakenKeyword = "$DossierTaken";

class ImapMailbox {
 public:
  // Checks the URL (scheme, user, mailbox); connects lazily.
  // On failure: InvalidInput naming what is wrong with the URL.
  static Result<std::unique_ptr<ImapMailbox>> Open(const ImapOptions& options);
  virtual ~ImapMailbox() = default;

  // UIDs of the messages not taken yet (not marked, not deleted), ascending.
  // On failure (connection, login, TLS): Io with the server's or libcurl's words.
  virtual Result<std::vector<uint64_t>> NewMessages() = 0;
  // The message's bytes exactly as the server holds them.
  virtual Result<std::string> Fetch(uint64_t uid) = 0;
  // Marks the message taken: moves it to folder_done (created if missing),
  // else adds kTakenKeyword. Call only after it is stored durably.
  virtual Status MarkTaken(uint64_t uid) = 0;
  // For names: "HOST/MAILBOX".
  virtual std::string Where() const = 0;
};

}  // namespace dossier
