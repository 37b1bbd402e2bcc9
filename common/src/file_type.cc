#include "dossier/common/file_type.h"

namespace dossier {
namespace {

struct TypeName {
  FileType type;
  std::string_view name;
};

constexpr TypeName kTypeNames[] = {
    {FileType::kUnknown, "unknown"},
    {FileType::kDocx, "docx"},
    {FileType::kXlsx, "xlsx"},
    {FileType::kPdf, "pdf"},
    {FileType::kJpeg, "jpeg"},
    {FileType::kPng, "png"},
    {FileType::kTiff, "tiff"},
    {FileType::kPptx, "pptx"},
    {FileType::kOdf, "odf"},
    {FileType::kBmp, "bmp"},
    {FileType::kGif, "gif"},
    {FileType::kWebp, "webp"},
    {FileType::kJp2, "jp2"},
    {FileType::kPnm, "pnm"},
    {FileType::kEncryptedOffice, "encrypted_office"},
    {FileType::kZip, "zip"},
    {FileType::kDoc, "doc"},
    {FileType::kXls, "xls"},
    {FileType::kEmpty, "empty"},
    {FileType::kEml, "eml"},
};

}  // namespace

std::string_view FileTypeName(FileType type) {
  for (const TypeName& t : kTypeNames)
    if (t.type == type) return t.name;
  return "unknown";
}

std::optional<FileType> FileTypeFromName(std::string_view name) {
  for (const TypeName& t : kTypeNames)
    if (t.name == name) return t.type;
  return std::nullopt;
}

bool IsImageType(FileType type) {
  switch (type) {
    case FileType::kJpeg:
    case FileType::kPng:
    case FileType::kTiff:
    case FileType::kBmp:
    case FileType::kGif:
    case FileType::kWebp:
    case FileType::kJp2:
    case FileType::kPnm:
      return true;
    default:
      return false;
  }
}

bool IsImageTypeName(std::string_view name) {
  std::optional<FileType> type = FileTypeFromName(name);
  return type && IsImageType(*type);
}

}  // namespace dossier
