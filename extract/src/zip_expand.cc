// ExpandZip: a dropped ZIP archive → its files, through ZipArchive so that an
// archive's entries get the same checks a DOCX package's parts get (names,
// ratio, inflating past what headers say), with the limits of an archive.
#include <zip.h>

#include <algorithm>
#include <cctype>
#include <exception>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "dossier/common/rejection.h"
#include "dossier/extract/extractor.h"
#include "zip_archive.h"

namespace dossier {
namespace {

struct ZipDiscard {
  void operator()(zip_t* z) const { zip_discard(z); }
};

struct Entry {
  std::string name;
  uint64_t declared_size = 0;  // as the central directory says; checked again while inflating
};

// The entries in archive order. ZipArchive::Open has already refused
// archives libzip cannot open and unsafe names, so this only lists.
Result<std::vector<Entry>> Entries(std::string_view bytes) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  if (source == nullptr) {
    zip_error_fini(&error);
    return Reject(Rejection::kOutOfMemory, "打开压缩包时内存不足");
  }
  std::unique_ptr<zip_t, ZipDiscard> archive(zip_open_from_source(source, ZIP_RDONLY, &error));
  zip_error_fini(&error);
  if (archive == nullptr) {
    zip_source_free(source);
    return Reject(Rejection::kDamaged, "压缩包已损坏或不完整");
  }
  std::vector<Entry> entries;
  const zip_int64_t count = zip_get_num_entries(archive.get(), 0);
  for (zip_int64_t i = 0; i < count; ++i) {
    const auto index = static_cast<zip_uint64_t>(i);
    const char* name = zip_get_name(archive.get(), index, ZIP_FL_ENC_GUESS);
    if (name == nullptr) return Reject(Rejection::kDamaged, "压缩包已损坏：有条目没有可读的名称");
    Entry entry{name, 0};
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat_index(archive.get(), index, 0, &st) == 0 && (st.valid & ZIP_STAT_SIZE)) {
      entry.declared_size = st.size;
    }
    entries.push_back(std::move(entry));
  }
  return entries;
}

// How names collide when the archive is unpacked on Windows or macOS, where
// file names ignore case, and where tools read "\\" as a folder separator.
std::string Folded(const std::string& name) {
  std::string out = name;
  for (char& c : out) {
    if (c == '\\') c = '/';
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

bool IsFolder(const std::string& name) {
  return name.empty() || name.back() == '/' || name.back() == '\\';
}

// What the whole archive may expand to (see ExtractLimits).
uint64_t ExpandedCap(std::string_view bytes, const ExtractLimits& limits) {
  const double by_ratio = static_cast<double>(bytes.size()) * limits.archive_expanded_ratio;
  uint64_t cap = limits.archive_expanded_floor;
  if (by_ratio > static_cast<double>(cap)) cap = static_cast<uint64_t>(by_ratio);
  return std::min(cap, limits.max_archive_expanded);
}

Result<std::vector<ArchiveMember>> Expand(std::string_view bytes, const ExtractLimits& limits) {
  const uint64_t cap = ExpandedCap(bytes, limits);
  // Each entry is a file of its own: it gets a dropped file's size limit,
  // not a package part's; the archive's entries and total get theirs.
  ExtractLimits archive_limits = limits;
  archive_limits.max_entry_uncompressed = std::min(limits.max_file_bytes, cap);
  archive_limits.max_total_uncompressed = cap;
  archive_limits.max_entries = limits.max_archive_entries;

  auto archive = extract_internal::ZipArchive::Open(bytes, archive_limits);
  if (!archive.ok()) {
    if (archive.status().reason_code() == RejectionCode(Rejection::kZipBomb)) {
      // Too many entries: the archive's own limit, not a package's.
      return Reject(
          Rejection::kArchiveTooLarge,
          "压缩包的条目超过 " + std::to_string(limits.max_archive_entries) + " 个的上限，未解开");
    }
    return archive.status();
  }
  auto entries = Entries(bytes);
  if (!entries.ok()) return entries.status();

  std::map<std::string, std::string> seen;  // folded name → name as stored
  uint64_t declared = 0;
  for (const Entry& entry : *entries) {
    if (IsFolder(entry.name)) continue;
    auto [it, fresh] = seen.emplace(Folded(entry.name), entry.name);
    if (!fresh) {
      return Reject(Rejection::kArchiveDuplicateNames,
                    std::string(RejectionMeaning(Rejection::kArchiveDuplicateNames)) + "：" +
                        it->second + " 与 " + entry.name);
    }
    declared += entry.declared_size;
  }
  if (declared > cap) {
    return Reject(Rejection::kArchiveTooLarge,
                  "压缩包解开后共 " + extract_internal::FormatSize(declared) + "，超过该压缩包 " +
                      extract_internal::FormatSize(cap) +
                      " 的上限（按压缩包大小计算），未解开；请直接提交其中的文件");
  }

  std::vector<ArchiveMember> members;
  for (const Entry& entry : *entries) {
    if (IsFolder(entry.name)) continue;
    auto content = archive->Read(entry.name);
    if (!content.ok()) return content.status();
    members.push_back(ArchiveMember{entry.name, std::move(content).value()});
  }
  return members;
}

}  // namespace

Result<std::vector<ArchiveMember>> ExpandZip(std::string_view bytes, const ExtractLimits& limits) {
  try {
    return Expand(bytes, limits);
  } catch (const std::bad_alloc&) {
    return Reject(Rejection::kOutOfMemory, "解开压缩包所需内存超过上限");
  } catch (const std::exception& e) {
    return Reject(Rejection::kReaderFailed,
                  std::string("解开压缩包时发生意外错误（") + e.what() + "）");
  }
}

}  // namespace dossier
