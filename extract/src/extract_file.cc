#include <string>

#include "dossier/common/rejection.h"
#include "dossier/common/text.h"
#include "dossier/extract/extractor.h"

namespace dossier {
namespace {

bool IsImage(std::string_view type) {
  for (std::string_view image : {"jpeg", "png", "tiff", "bmp", "gif", "webp", "jp2", "pnm"}) {
    if (type == image) return true;
  }
  return false;
}

bool NameSaysDocument(std::string_view name) {
  for (std::string_view suffix :
       {".docx", ".xlsx", ".pdf", ".doc", ".xls", ".jpg", ".jpeg", ".png", ".tif", ".tiff"}) {
    if (text::EndsWithIgnoringAsciiCase(name, suffix)) return true;
  }
  return false;
}

}  // namespace

Result<Document> ExtractFile(std::string_view type, std::string_view bytes, std::string_view name,
                             const ExtractLimits& limits) {
  if (type == "docx") return ReadDocx(bytes, limits);
  if (type == "xlsx") return ReadXlsx(bytes, limits);
  if (type == "pdf") return ReadPdf(bytes, limits);
  if (IsImage(type)) return ReadImage(bytes, limits);
  if (type == "empty") return Reject(Rejection::kEmpty);
  if (type == "encrypted_office") return Reject(Rejection::kEncryptedOffice);
  if (type == "doc") {
    return Reject(Rejection::kLegacyOffice,
                  "旧版 Word 97-2003 文档（.doc）不能读取，请另存为 .docx 后重新提交");
  }
  if (type == "xls") {
    return Reject(Rejection::kLegacyOffice,
                  "旧版 Excel 97-2003 工作簿（.xls）不能读取，请另存为 .xlsx 后重新提交");
  }
  if (type == "pptx") {
    return Reject(
        Rejection::kUnsupportedFormat,
        "不支持的文件格式：这是 PowerPoint 演示文稿，申报材料请用 Word、Excel、PDF 或图片");
  }
  if (type == "odf") {
    return Reject(
        Rejection::kUnsupportedFormat,
        "不支持的文件格式：这是 OpenDocument 文档（.odt/.ods），请另存为 .docx/.xlsx 后重新提交");
  }
  if (type == "zip") {
    // ingest and watch expand archives before any reader sees them; here
    // only `dossier extract` meets one. A damaged Word or Excel file looks
    // like a damaged ZIP, and the reader its name asks for explains best
    // what is wrong with it.
    if (text::EndsWithIgnoringAsciiCase(name, ".docx")) {
      auto doc = ReadDocx(bytes, limits);
      if (!doc.ok()) return doc.status();
    } else if (text::EndsWithIgnoringAsciiCase(name, ".xlsx")) {
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
