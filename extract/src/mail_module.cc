// dossier-mail.so's entry (mail_module.h).
#include "mail_module.h"

namespace dossier::extract_internal {
namespace {

class MailModuleImpl final : public MailModule {
 public:
  Result<MailContents> ExpandMail(std::string_view bytes, const MailLimits& limits) override {
    return ExpandMailWithGMime(bytes, limits);
  }
};

}  // namespace
}  // namespace dossier::extract_internal

// Never destroyed: modules stay loaded until the process ends.
DOSSIER_MODULE_ENTRY(new dossier::extract_internal::MailModuleImpl)
