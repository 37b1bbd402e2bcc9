#include "zip_archive.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <utility>

#include "dossier/common/rejection.h"

namespace dossier::extract_internal {
namespace {

// Small entries may legitimately compress very well (an almost empty sheet);
// the ratio limit only matters once an entry is big enough to hurt.
constexpr uint64_t kRatioFloor = 1ull << 20;
constexpr size_t kChunk = 64 * 1024;

// Entry names compare as OPC part names do: without regard to ASCII case,
// and with the backslashes some Windows tools write read as slashes.
std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c == '\\') c = '/';
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

// We never write entries to disk, but a name that would escape a folder marks
// a hostile or broken archive, and refusing it keeps every later consumer of
// part names (relationships, logs) safe.
bool IsUnsafeName(std::string_view name) {
  if (name.empty()) return true;
  if (name[0] == '/' || name[0] == '\\') return true;
  if (name.size() >= 2 && std::isalpha(static_cast<unsigned char>(name[0])) && name[1] == ':') {
    return true;
  }
  size_t start = 0;
  while (start <= name.size()) {
    size_t end = name.find_first_of("/\\", start);
    if (end == std::string_view::npos) end = name.size();
    if (name.substr(start, end - start) == "..") return true;
    start = end + 1;
  }
  return false;
}

bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && s.substr(0, prefix.size()) == prefix;
}

Status OpenError(int code, std::string_view bytes) {
  switch (code) {
    case ZIP_ER_NOZIP:
      // libzip finds no end-of-central-directory record. If the bytes start
      // like a ZIP entry, the archive was cut short or damaged.
      if (StartsWith(bytes, std::string_view("PK\x03\x04", 4))) {
        return Reject(Rejection::kDamaged,
                      "文件已损坏或不完整（ZIP 结构的中央目录缺失，常见于下载或复制中断）");
      }
      if (StartsWith(bytes, std::string_view("\xD0\xCF\x11\xE0", 4))) {
        return Reject(Rejection::kUnsupportedFormat,
                      "不支持的文件格式：这是旧版 Office 文件（.doc/.xls）或设有密码的 "
                      "Word/Excel 文件，不是 DOCX/XLSX");
      }
      return Reject(Rejection::kDamaged, "文件已损坏：不是有效的 ZIP 结构");
    case ZIP_ER_MULTIDISK:
      return Reject(Rejection::kUnsupportedFormat,
                    "不支持的文件格式：这是分卷 ZIP 压缩包的一部分，请提交完整的压缩包");
    case ZIP_ER_MEMORY:
      return Reject(Rejection::kOutOfMemory, "打开 ZIP 结构时内存不足");
    case ZIP_ER_INCONS:
      return Reject(Rejection::kDamaged, "文件已损坏或不完整（ZIP 结构的中央目录前后矛盾）");
    default:
      return Reject(Rejection::kDamaged, "文件已损坏或不完整（ZIP 结构无法打开）");
  }
}

Status EntryError(int code, const std::string& name) {
  switch (code) {
    case ZIP_ER_COMPNOTSUPP:
      return Reject(Rejection::kUnsupportedFormat,
                    "不支持的文件格式：ZIP 条目 " + name + " 使用了无法读取的压缩方法");
    case ZIP_ER_ENCRNOTSUPP:
    case ZIP_ER_NOPASSWD:
    case ZIP_ER_WRONGPASSWD:
      return Reject(Rejection::kEncryptedArchive,
                    "ZIP 条目 " + name + " 设有密码，无法解开，请去掉密码后重新提交");
    case ZIP_ER_CRC:
      return Reject(Rejection::kDamaged, "文件已损坏：ZIP 条目 " + name + " 校验和不符");
    case ZIP_ER_INCONS:
      return Reject(Rejection::kDamaged,
                    "文件已损坏：ZIP 条目 " + name + " 的大小与其头部记录不符");
    case ZIP_ER_MEMORY:
      return Reject(Rejection::kOutOfMemory, "读取 ZIP 条目 " + name + " 时内存不足");
    default:
      return Reject(Rejection::kDamaged, "文件已损坏：ZIP 条目 " + name + " 无法解压");
  }
}

Status BombStatus(const std::string& name, uint64_t limit) {
  return Reject(Rejection::kZipBomb, "ZIP 条目 " + name + " 解压后超过 " + FormatSize(limit) +
                                         " 的上限（疑似压缩炸弹），不读取");
}

Status RatioStatus(const std::string& name, double ratio) {
  return Reject(Rejection::kZipBomb, "ZIP 条目 " + name + " 的压缩比超过 " +
                                         std::to_string(static_cast<long long>(ratio)) +
                                         " 比 1（疑似压缩炸弹），不读取");
}

Status TotalStatus(const std::string& name, uint64_t limit) {
  return Reject(Rejection::kZipBomb, "解压到 ZIP 条目 " + name + " 时总大小超过 " +
                                         FormatSize(limit) + " 的上限（疑似压缩炸弹），不读取");
}

struct FileCloser {
  void operator()(zip_file_t* f) const { zip_fclose(f); }
};

}  // namespace

std::string FormatSize(uint64_t bytes) {
  constexpr uint64_t kKiB = 1024, kMiB = kKiB * 1024, kGiB = kMiB * 1024;
  if (bytes >= kGiB && bytes % kGiB == 0) return std::to_string(bytes / kGiB) + " GiB";
  if (bytes >= kMiB && bytes % kMiB == 0) return std::to_string(bytes / kMiB) + " MiB";
  if (bytes >= kKiB && bytes % kKiB == 0) return std::to_string(bytes / kKiB) + " KiB";
  return std::to_string(bytes) + " bytes";
}

Result<ZipArchive> ZipArchive::Open(std::string_view bytes, const ExtractLimits& limits) {
  if (bytes.empty()) return Reject(Rejection::kEmpty);

  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  if (source == nullptr) {
    zip_error_fini(&error);
    return Reject(Rejection::kOutOfMemory, "打开 ZIP 结构时内存不足");
  }
  zip_t* raw = zip_open_from_source(source, ZIP_RDONLY, &error);
  if (raw == nullptr) {
    zip_source_free(source);
    int code = zip_error_code_zip(&error);
    zip_error_fini(&error);
    return OpenError(code, bytes);
  }
  zip_error_fini(&error);

  ZipArchive archive;
  archive.zip_.reset(raw);
  archive.limits_ = limits;

  zip_int64_t count = zip_get_num_entries(raw, 0);
  if (count < 0) return Reject(Rejection::kDamaged, "文件已损坏或不完整（ZIP 结构无法打开）");
  if (count > limits.max_entries) {
    return Reject(Rejection::kZipBomb, "ZIP 结构有 " + std::to_string(count) + " 个条目，超过 " +
                                           std::to_string(limits.max_entries) +
                                           " 个的上限（疑似压缩炸弹），不读取");
  }
  archive.index_.reserve(static_cast<size_t>(count));
  for (zip_int64_t i = 0; i < count; ++i) {
    const char* name = zip_get_name(raw, static_cast<zip_uint64_t>(i), ZIP_FL_ENC_GUESS);
    if (name == nullptr) {
      return Reject(Rejection::kDamaged,
                    "文件已损坏：ZIP 结构的第 " + std::to_string(i + 1) + " 个条目没有可读的名称");
    }
    std::string_view n(name);
    if (IsUnsafeName(n)) {
      return Reject(
          Rejection::kUnsafeArchive,
          std::string(RejectionMeaning(Rejection::kUnsafeArchive)) + "：" + std::string(n));
    }
    // The first of two entries with one name wins, as in most readers.
    archive.index_.emplace(Lower(n), static_cast<zip_uint64_t>(i));
  }
  return archive;
}

bool ZipArchive::Contains(std::string_view name) const {
  return index_.find(Lower(name)) != index_.end();
}

Result<std::string> ZipArchive::Read(std::string_view name_view) {
  const std::string name(name_view);
  auto it = index_.find(Lower(name));
  if (it == index_.end()) return Status::NotFound("文件中没有 " + name + " 这一部分");
  const zip_uint64_t index = it->second;

  zip_stat_t st;
  zip_stat_init(&st);
  if (zip_stat_index(zip_.get(), index, 0, &st) != 0) {
    return EntryError(zip_error_code_zip(zip_get_error(zip_.get())), name);
  }
  if ((st.valid & ZIP_STAT_ENCRYPTION_METHOD) && st.encryption_method != ZIP_EM_NONE) {
    return EntryError(ZIP_ER_NOPASSWD, name);
  }
  const bool has_size = (st.valid & ZIP_STAT_SIZE) != 0;
  const bool has_comp = (st.valid & ZIP_STAT_COMP_SIZE) != 0;
  const double ratio = limits_.max_compression_ratio;
  auto ratio_exceeded = [&](uint64_t inflated) {
    return has_comp && inflated > kRatioFloor &&
           static_cast<double>(inflated) > static_cast<double>(st.comp_size) * ratio;
  };
  if (has_size) {
    if (st.size > limits_.max_entry_uncompressed) {
      return BombStatus(name, limits_.max_entry_uncompressed);
    }
    if (ratio_exceeded(st.size)) return RatioStatus(name, ratio);
    if (total_read_ + st.size > limits_.max_total_uncompressed) {
      return TotalStatus(name, limits_.max_total_uncompressed);
    }
  }

  std::unique_ptr<zip_file_t, FileCloser> file(zip_fopen_index(zip_.get(), index, 0));
  if (file == nullptr) return EntryError(zip_error_code_zip(zip_get_error(zip_.get())), name);

  std::string out;
  if (has_size) out.reserve(static_cast<size_t>(st.size));
  std::array<char, kChunk> buffer;
  uint64_t produced = 0;
  // The header's sizes were checked above, but they are only claims: count
  // what inflation actually yields and stop as soon as a limit is passed.
  for (;;) {
    zip_int64_t n = zip_fread(file.get(), buffer.data(), buffer.size());
    if (n < 0) return EntryError(zip_error_code_zip(zip_file_get_error(file.get())), name);
    if (n == 0) break;
    produced += static_cast<uint64_t>(n);
    if (produced > limits_.max_entry_uncompressed) {
      return BombStatus(name, limits_.max_entry_uncompressed);
    }
    if (has_size && produced > st.size) {
      return Reject(Rejection::kZipBomb, "ZIP 条目 " + name + " 解压后超过其头部声明的 " +
                                             FormatSize(st.size) + "（文件损坏或是压缩炸弹）");
    }
    if (ratio_exceeded(produced)) return RatioStatus(name, ratio);
    if (total_read_ + produced > limits_.max_total_uncompressed) {
      return TotalStatus(name, limits_.max_total_uncompressed);
    }
    out.append(buffer.data(), static_cast<size_t>(n));
  }
  total_read_ += produced;
  return out;
}

}  // namespace dossier::extract_internal
