#include <optional>
#include <string>

#include "dossier/common/file_type.h"
#include "dossier/common/rejection.h"
#include "dossier/common/text.h"
#include "dossier/extract/extractor.h"
#include "dossier/ingest/archive_policy.h"

namespace dossier {
namespace {

bool NameSaysDocument(std::string_view name) {
  for (std::string_view suffix :
       {".docx", ".xlsx", ".pdf", ".doc", ".xls", ".jpg", ".jpeg", ".png", ".tif", ".tiff"}) {
    if (text::EndsWithIgnoringAsciiCase(name, suffix)) return true;
  }
  return false;
}

}  // namespace

Result<Document> ExtractFile(std::string_view type_name, std::string_view bytes,
                             std::string_view name, const ExtractLimits& limits) {
  const FileType type = FileTypeFromName(type_name).value_or(FileType::kUnknown);
  if (type == FileType::kDocx) return ReadDocx(bytes, limits);
  if (type == FileType::kXlsx) return ReadXlsx(bytes, limits);
  if (type == FileType::kPdf) return ReadPdf(bytes, limits);
  if (IsImageType(type)) return ReadImage(bytes, limits);
  if (type == FileType::kEmpty) return Reject(Rejection::kEmpty);
  if (type == FileType::kEncryptedOffice) return Reject(Rejection::kEncryptedOffice);
  if (type == FileType::kDoc) {
    return Reject(Rejection::kLegacyOffice,
                  "旧版 Word 97-2003 文档（.doc）不能读取，请另存为 .docx 后重新提交");
  }
  if (type == FileType::kXls) {
    return Reject(Rejection::kLegacyOffice,
                  "旧版 Excel 97-2003 工作簿（.xls）不能读取，请另存为 .xlsx 后重新提交");
  }
  if (type == FileType::kPptx) {
    return Reject(
        Rejection::kUnsupportedFormat,
        "不支持的文件格式：这是 PowerPoint 演示文稿，申报材料请用 Word、Excel、PDF 或图片");
  }
  if (type == FileType::kOdf) {
    return Reject(
        Rejection::kUnsupportedFormat,
        "不支持的文件格式：这是 OpenDocument 文档（.odt/.ods），请另存为 .docx/.xlsx 后重新提交");
  }
  if (type == FileType::kZip) {
    // ingest and watch expand archives before any reader sees them; here
    // only `dossier extract` meets one. A damaged Word or Excel file looks
    // like a damaged ZIP, and the reader its name asks for explains best
    // what is wrong with it.
    const std::optional<FileType> named = OfficeTypeNamed(name);
    if (named == FileType::kDocx) {
      auto doc = ReadDocx(bytes, limits);
      if (!doc.ok()) return doc.status();
    } else if (named == FileType::kXlsx) {
      auto doc = ReadXlsx(bytes, limits);
      if (!doc.ok()) return doc.status();
    }
    return Reject(
        Rejection::kUnsupportedFormat,
        "这是一个 ZIP 压缩包，不是单个文档；ingest 和 watch 会解开它并逐一读取其中的文件");
  }
  std::string what(RejectionMeaning(Rejection::kUnknownType));
  if (NameSaysDocument(name)) what += "（虽然文件名的扩展名如此）";
  return Reject(Rejection::kUnknownType, what);
}

}  // namespace dossier
