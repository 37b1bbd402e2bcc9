// The readers that live in modules (ocr_module.h, pdf_module.h,
// mail_module.h), as extractor.h and mail.h declare them: each loads its
// module on its first call, and a missing module rejects the file with
// module_missing instead of failing the whole command.
#include "dossier/common/file_type.h"
#include "dossier/extract/extractor.h"
#include "dossier/extract/mail.h"
#include "mail_module.h"
#include "ocr_module.h"
#include "pdf_module.h"

namespace dossier {

Result<Document> ReadPdf(std::string_view bytes, const ExtractLimits& limits) {
  auto pdf = extract_internal::LoadPdfModule();
  if (!pdf.ok()) return pdf.status();
  return (*pdf)->ReadPdf(bytes, limits);
}

Result<Document> ReadPdfPages(std::string_view bytes, int first_page, int last_page,
                              const ExtractLimits& limits) {
  auto pdf = extract_internal::LoadPdfModule();
  if (!pdf.ok()) return pdf.status();
  return (*pdf)->ReadPdfPages(bytes, first_page, last_page, limits);
}

Result<int> PdfPageCount(std::string_view bytes, const ExtractLimits& limits) {
  auto pdf = extract_internal::LoadPdfModule();
  if (!pdf.ok()) return pdf.status();
  return (*pdf)->PdfPageCount(bytes, limits);
}

Result<Document> ReadImage(std::string_view bytes, const ExtractLimits& limits) {
  auto ocr = extract_internal::LoadOcrModule();
  if (!ocr.ok()) return ocr.status();
  return (*ocr)->ReadImage(bytes, limits);
}

Result<MailContents> ExpandMail(std::string_view bytes, const MailLimits& limits) {
  auto mail = extract_internal::LoadMailModule();
  if (!mail.ok()) return mail.status();
  return (*mail)->ExpandMail(bytes, limits);
}

Status LoadReaderFor(std::string_view type_name) {
  const FileType type = FileTypeFromName(type_name).value_or(FileType::kUnknown);
  Status status;
  if (type == FileType::kPdf) {
    status = extract_internal::LoadPdfModule().status();
  } else if (IsImageType(type)) {
    status = extract_internal::LoadOcrModule().status();
  } else if (type == FileType::kEml) {
    status = extract_internal::LoadMailModule().status();
  }
  return status;
}

std::string MailReasonCode(std::string_view reason) {
  const size_t colon = reason.find(": ");
  if (reason.rfind("mail_", 0) != 0 || colon == std::string_view::npos) return "";
  return std::string(reason.substr(0, colon));
}

}  // namespace dossier
