// The mail module (dossier-mail.so: GMime, and the GLib/GIO and GPGME it
// pulls in): loaded when a saved mail is opened.
#pragma once

#include <string_view>

#include "dossier/common/module.h"
#include "dossier/common/status.h"
#include "dossier/extract/mail.h"

namespace dossier::extract_internal {

class MailModule {
 public:
  // ExpandMail (dossier/extract/mail.h).
  virtual Result<MailContents> ExpandMail(std::string_view bytes, const MailLimits& limits) = 0;

 protected:
  ~MailModule() = default;
};

// The mail module, loaded on first use.
// On failure: module_missing (common/module.h).
inline Result<MailModule*> LoadMailModule() { return LoadModuleAs<MailModule>("mail", "读取邮件"); }

// The implementation inside the module.
Result<MailContents> ExpandMailWithGMime(std::string_view bytes, const MailLimits& limits);

}  // namespace dossier::extract_internal
