#include "dossier/common/rejection.h"

namespace dossier {

const std::vector<RejectionInfo>& AllRejections() {
  // Codes are a contract with every reader of the export: never renamed,
  // only added.
  static const std::vector<RejectionInfo> kTable = {
      {Rejection::kEmpty, "empty", "文件是空的（0 字节）"},
      {Rejection::kUnknownType, "unknown_type",
       "无法识别的文件类型：内容不是 Word（DOCX）、Excel（XLSX）、PDF、图片或 ZIP 压缩包"},
      {Rejection::kLegacyOffice, "legacy_office",
       "旧版 Word/Excel 97-2003 格式（.doc/.xls）不能读取，请另存为 .docx/.xlsx 后重新提交"},
      {Rejection::kEncryptedOffice, "encrypted_office",
       "Word/Excel 文件设有打开密码，无法读取，请去掉密码后重新提交"},
      {Rejection::kEncryptedPdf, "encrypted_pdf",
       "PDF 设有打开密码，无法读取，请去掉密码后重新提交"},
      {Rejection::kUnsupportedFormat, "unsupported_format", "不支持的文件格式"},
      {Rejection::kDamaged, "damaged", "文件已损坏或不完整，无法读取"},
      {Rejection::kUnsafeXml, "unsafe_xml",
       "文件中的 XML 含有 DOCTYPE 声明（可能是外部实体或实体膨胀攻击），为安全起见不读取"},
      {Rejection::kUnsafeArchive, "unsafe_archive",
       "压缩包中有不安全的条目名（绝对路径、盘符或“..”），为安全起见不读取"},
      {Rejection::kZipBomb, "zip_bomb", "压缩内容解压后超过上限（疑似压缩炸弹），不读取"},
      {Rejection::kImageTooLarge, "image_too_large", "图片像素数超过上限，不读取"},
      {Rejection::kTooLarge, "too_large", "文件大小超过上限，不读取"},
      {Rejection::kArchiveTooLarge, "archive_too_large",
       "压缩包的条目数或解压后的总大小超过上限，未解开"},
      {Rejection::kArchiveNested, "archive_nested",
       "压缩包里的压缩包不再解开，请直接提交其中的文件"},
      {Rejection::kArchiveEmpty, "archive_empty", "压缩包里没有可读取的文件"},
      {Rejection::kArchiveDuplicateNames, "archive_duplicate_names",
       "压缩包里有名称仅大小写不同的文件，无法确定以哪个为准，未解开"},
      {Rejection::kEncryptedArchive, "encrypted_archive",
       "压缩包设有密码，无法解开，请去掉密码后重新提交"},
      {Rejection::kSymlink, "symlink",
       "这是一个符号链接；为防止读取收件箱以外的文件，符号链接一律不跟随"},
      {Rejection::kSpecialFile, "special_file", "这不是普通文件（管道、套接字或设备）"},
      {Rejection::kUnreadable, "unreadable", "文件或文件夹无法读取"},
      {Rejection::kTooDeep, "too_deep", "文件夹层级过深，其中的内容未读取"},
      {Rejection::kParserCrashed, "parser_crashed", "读取程序在处理该文件时崩溃，文件未读取"},
      {Rejection::kTimedOut, "timed_out", "读取超时，文件未读取"},
      {Rejection::kOutOfMemory, "out_of_memory", "读取该文件所需内存超过上限，文件未读取"},
      {Rejection::kOutputTooLarge, "output_too_large", "读取结果超过上限，文件未读取"},
      {Rejection::kGaveUp, "gave_up", "多次处理均被中断，已放弃"},
      {Rejection::kOriginalMissing, "original_missing", "数据文件夹中保存的原件已丢失"},
      {Rejection::kOcrUnavailable, "ocr_unavailable", "未安装文字识别（OCR）所需的语言数据"},
      {Rejection::kModuleMissing, "module_missing",
       "缺少读取该文件所需的 dossier 组件，请重新安装 dossier"},
      {Rejection::kReaderFailed, "reader_failed", "读取时发生意外错误"},
      {Rejection::kMailTooManyParts, "mail_too_many_parts",
       "邮件的分段过多（疑似邮件炸弹），不读取"},
      {Rejection::kMailTooDeep, "mail_too_deep", "邮件嵌套层级过深，不读取"},
      {Rejection::kMailHeaderTooLarge, "mail_header_too_large", "邮件头过大，不读取"},
      {Rejection::kMailTooLarge, "mail_too_large", "邮件大小超过上限，不读取"},
      {Rejection::kMailUnreadable, "mail_unreadable", "无法作为邮件读取"},
      {Rejection::kMailEmpty, "mail_empty", "邮件既没有附件也没有正文"},
      {Rejection::kMailTnef, "mail_tnef",
       "Outlook 的 winmail.dat 附件不拆开，请发件人直接发送附件"},
      {Rejection::kMailNestedFile, "mail_nested_file", "作为普通附件的 .eml 邮件不再拆开"},
  };
  return kTable;
}

std::string_view RejectionCode(Rejection id) {
  for (const RejectionInfo& info : AllRejections()) {
    if (info.id == id) return info.code;
  }
  return "reader_failed";
}

std::string_view RejectionMeaning(Rejection id) {
  for (const RejectionInfo& info : AllRejections()) {
    if (info.id == id) return info.meaning;
  }
  return "";
}

Status Reject(Rejection id, std::string reason) {
  if (reason.empty()) reason = std::string(RejectionMeaning(id));
  Status status;
  switch (id) {
    case Rejection::kEmpty:
    case Rejection::kDamaged:
    case Rejection::kUnsafeXml:
    case Rejection::kUnsafeArchive:
    case Rejection::kArchiveDuplicateNames:
    case Rejection::kArchiveEmpty:
    case Rejection::kSymlink:
    case Rejection::kSpecialFile:
    case Rejection::kParserCrashed:
    case Rejection::kMailUnreadable:
    case Rejection::kMailEmpty:
      status = Status::InvalidInput(std::move(reason));
      break;
    case Rejection::kUnknownType:
    case Rejection::kLegacyOffice:
    case Rejection::kEncryptedOffice:
    case Rejection::kEncryptedPdf:
    case Rejection::kEncryptedArchive:
    case Rejection::kUnsupportedFormat:
    case Rejection::kArchiveNested:
    case Rejection::kOcrUnavailable:
    case Rejection::kModuleMissing:
    case Rejection::kMailTnef:
    case Rejection::kMailNestedFile:
      status = Status::Unsupported(std::move(reason));
      break;
    case Rejection::kZipBomb:
    case Rejection::kImageTooLarge:
    case Rejection::kTooLarge:
    case Rejection::kArchiveTooLarge:
    case Rejection::kTooDeep:
    case Rejection::kTimedOut:
    case Rejection::kOutOfMemory:
    case Rejection::kOutputTooLarge:
    case Rejection::kGaveUp:
    case Rejection::kMailTooManyParts:
    case Rejection::kMailTooDeep:
    case Rejection::kMailHeaderTooLarge:
    case Rejection::kMailTooLarge:
      status = Status::LimitExceeded(std::move(reason));
      break;
    case Rejection::kUnreadable:
      status = Status::Io(std::move(reason));
      break;
    case Rejection::kOriginalMissing:
      status = Status::NotFound(std::move(reason));
      break;
    case Rejection::kReaderFailed:
      status = Status::Internal(std::move(reason));
      break;
  }
  return status.WithReasonCode(std::string(RejectionCode(id)));
}

std::string RejectionCodeOf(const Status& status) {
  if (!status.reason_code().empty()) return status.reason_code();
  // The mail reader writes its code before its words ("mail_tnef: …").
  const std::string& message = status.message();
  for (const RejectionInfo& info : AllRejections()) {
    if (message.size() > info.code.size() + 1 &&
        message.compare(0, info.code.size(), info.code) == 0 && message[info.code.size()] == ':')
      return std::string(info.code);
  }
  switch (status.code()) {
    case ErrorCode::kInvalidInput:
      return std::string(RejectionCode(Rejection::kDamaged));
    case ErrorCode::kUnsupported:
      return std::string(RejectionCode(Rejection::kUnsupportedFormat));
    case ErrorCode::kLimitExceeded:
      return std::string(RejectionCode(Rejection::kTooLarge));
    case ErrorCode::kIo:
      return std::string(RejectionCode(Rejection::kUnreadable));
    case ErrorCode::kNotFound:
    case ErrorCode::kInternal:
    case ErrorCode::kOk:
      break;
  }
  return std::string(RejectionCode(Rejection::kReaderFailed));
}

}  // namespace dossier
