// Why a file is rejected: the one table of stable codes. Each code goes with
// the file into the store and the export's `rejected` entries
// ({"file", "sha256", "code", "reason"}); the reason beside it is a Chinese
// sentence for the clerk, made where the problem is found, that starts with
// what the code means and adds what is particular to the file.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "dossier/common/status.h"

namespace dossier {

enum class Rejection {
  // What the bytes are.
  kEmpty,              // 0 bytes
  kUnknownType,        // not a Word, Excel, PDF, image or ZIP file
  kLegacyOffice,       // Word/Excel 97-2003 (.doc/.xls), not read
  kEncryptedOffice,    // a password-protected Word/Excel file (OLE EncryptedPackage)
  kEncryptedPdf,       // a PDF that needs a password to open
  kUnsupportedFormat,  // a known format this build does not read (.xlsb, split ZIP, …)
  kDamaged,            // the file is damaged or truncated
  kUnsafeXml,          // XML with a DOCTYPE (external entities, entity bombs)
  kUnsafeArchive,      // a ZIP entry named with "..", an absolute path or a drive
  kZipBomb,            // a ZIP entry that inflates past its limits
  kImageTooLarge,      // more pixels than an image may have
  kTooLarge,           // the file is larger than a file may be
  // Archives dropped as files.
  kArchiveTooLarge,        // too many entries, or too many bytes once expanded
  kArchiveNested,          // a ZIP inside a ZIP
  kArchiveEmpty,           // no file in it, or only temporary/system files
  kArchiveDuplicateNames,  // two entries whose names differ only in case
  kEncryptedArchive,       // a password-protected ZIP
  // How the file came to the inbox.
  kSymlink,      // a symbolic link: never followed
  kSpecialFile,  // a fifo, socket or device
  kUnreadable,   // the file or folder could not be read (permissions, I/O error)
  kTooDeep,      // a folder nested deeper than the walk goes
  // How reading it went.
  kParserCrashed,    // the reader crashed
  kTimedOut,         // the reader took longer than allowed (wall clock or processor)
  kOutOfMemory,      // the reader needed more memory than allowed
  kOutputTooLarge,   // the reader produced more than allowed
  kGaveUp,           // processing was interrupted too often
  kOriginalMissing,  // the kept original vanished from the data folder
  kOcrUnavailable,   // OCR language data is not installed
  kModuleMissing,    // a part of dossier the reader needs (dossier-ocr.so, …) is not installed
  kReaderFailed,     // the reader failed in an unexpected way
  // Saved mails (the mail reader's messages start with the code: "mail_tnef: …").
  kMailTooManyParts,    // more MIME parts than a mail may have (a MIME bomb)
  kMailTooDeep,         // parts nested deeper than a mail may nest
  kMailHeaderTooLarge,  // a header block larger than allowed
  kMailTooLarge,        // a mail larger than allowed
  kMailUnreadable,      // not a mail GMime can read
  kMailEmpty,           // neither attachments nor text
  kMailTnef,            // an Outlook winmail.dat, kept but not opened
  kMailNestedFile,      // a mail attached as a plain file
};

struct RejectionInfo {
  Rejection id;
  std::string_view code;     // stable, for machines: "encrypted_office"
  std::string_view meaning;  // what it means, in Chinese: the start of every reason
};

// Every rejection, in the order above.
const std::vector<RejectionInfo>& AllRejections();

std::string_view RejectionCode(Rejection id);
std::string_view RejectionMeaning(Rejection id);

// A non-OK status rejecting a file: its category follows from `id`, its
// reason code is RejectionCode(id), its message `reason` (Chinese, for the
// clerk); an empty reason is RejectionMeaning(id).
Status Reject(Rejection id, std::string reason = "");

// The code of a status that rejects a file: the one it carries, or one
// chosen by its category when a reader gave none (damaged, unsupported_format,
// reader_failed, …).
std::string RejectionCodeOf(const Status& status);

}  // namespace dossier
