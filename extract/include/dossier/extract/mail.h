// A saved e-mail (RFC 5322 / MIME, a `.eml` file) as a container of files:
// its attachments, its text as a cover letter, and when and from whom it came.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "dossier/common/status.h"
#include "dossier/extract/document.h"
#include "dossier/extract/extractor.h"

namespace dossier {

// Limits for untrusted mail, checked before and while GMime parses it.
struct MailLimits {
  int max_parts = 1000;                   // MIME parts of all levels together
  int max_depth = 20;                     // multiparts and attached mails, one in another
  uint64_t max_header_bytes = 256 << 10;  // the header block of the mail or of any part
  int max_body_lines = 2000;              // lines of the text body kept as the cover letter
};

// When the mail arrived and why that time: the topmost Received: header (the
// last server's, the one that handed it to the mailbox), else Date:.
struct MailInfo {
  std::string from;            // "张三 <zhang@example.cn>", decoded to UTF-8
  std::string subject;         // decoded to UTF-8
  std::string message_id;      // without the angle brackets; "" when absent
  int64_t received_at_ms = 0;  // 0: the mail says neither
  std::string time_basis;      // "received" or "date" (or "" with no time)
};

// A file of the mail, with the reason (code first) when it is to be rejected
// at once instead of read.
struct MailAttachment {
  ArchiveMember member;
  std::string reject_reason;
};

struct MailContents {
  MailInfo info;
  // The text body (text/plain, else text/html stripped of its tags), with
  // the subject and sender first: spans with method kMail and no page,
  // locators "mail from", "mail subject", "mail line N". Empty when the mail
  // has no text, no sender and no subject.
  Document letter;
  // Attachments and inline images, in the mail's order. Names are UTF-8
  // (RFC 2047 and RFC 2231 decoded; GBK/GB18030 and Big5 too, declared or
  // not), made safe as one path element (no '/', '\\', control characters,
  // leading dots); a part without a name is named from its type ("附件3.pdf",
  // "图片2.png"). The parts of an attached mail (message/rfc822) are under
  // its own name as a folder ("原邮件.eml/表.docx"). Two parts of one name
  // get " (2)" before the extension.
  // A TNEF winmail.dat is kept as it came, rejected with mail_tnef.
  std::vector<MailAttachment> attachments;
  // What a clerk should know about the mail's parts ("mail_unsafe_name: 附件名
  // … 已去掉后保存"), code first, in Chinese.
  std::vector<std::string> notes;
};

// Parses a mail with GMime. Refused as a whole, with a reason a clerk can
// read that begins with a stable code ("mail_too_many_parts: 邮件含 … 个部分
// …"), when it passes a limit (mail_too_many_parts, mail_too_deep,
// mail_header_too_large) or is no mail (mail_unreadable): a partly opened
// mail would hide the rest of it.
// Thread-safe: yes (GMime is initialised once).
Result<MailContents> ExpandMail(std::string_view bytes, const MailLimits& limits = {});

// The stable code of a reason ExpandMail gave ("mail_too_deep"), "" if none.
std::string MailReasonCode(std::string_view reason);

}  // namespace dossier
