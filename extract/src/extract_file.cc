#include <string>

#include "dossier/common/text.h"
#include "dossier/extract/extractor.h"

namespace dossier {
namespace {

}  // namespace

Result<Document> ExtractFile(std::string_view type, std::string_view bytes, std::string_view name,
                             const ExtractLimits& limits) {
  if (type == "docx") return ReadDocx(bytes, limits);
  if (type == "xlsx") return ReadXlsx(bytes, limits);
  if (type == "empty") return Status::InvalidInput("the file is empty (0 bytes)");
  if (type == "doc")
    return Status::Unsupported(
        "legacy Word 97-2003 (.doc) files are not read; please save the file as .docx");
  if (type == "xls")
    return Status::Unsupported(
        "legacy Excel 97-2003 (.xls) files are not read; please save the file as .xlsx");
  if (type == "pdf") return ReadPdf(bytes, limits);
  if (type == "jpeg" || type == "png" || type == "tiff") return ReadImage(bytes, limits);
  if (type == "zip") {
    // A damaged Word or Excel file looks like a damaged ZIP; the reader its
    // name asks for explains best what is wrong with it.
    if (text::EndsWithIgnoringAsciiCase(name, ".docx")) {
      auto doc = ReadDocx(bytes, limits);
      if (!doc.ok()) return doc.status().WithContext("damaged Word document");
    } else if (text::EndsWithIgnoringAsciiCase(name, ".xlsx")) {
      auto doc = ReadXlsx(bytes, limits);
      if (!doc.ok()) return doc.status().WithContext("damaged Excel workbook");
    }
    return Status::Unsupported(
        "the file is a ZIP archive, not a Word or Excel document; ZIP archives are not "
        "expanded by this version yet");
  }
  std::string what =
      "unknown file type: the content is not a Word (DOCX), Excel (XLSX), PDF or "
      "image file";
  if (text::EndsWithIgnoringAsciiCase(name, ".docx") || text::EndsWithIgnoringAsciiCase(name, ".xlsx") || text::EndsWithIgnoringAsciiCase(name, ".pdf"))
    what += " although its name says so";
  return Status::Unsupported(what);
}

}  // namespace dossier
