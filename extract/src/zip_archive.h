// Private to extract/: a read-only ZIP archive held in memory, with the safety
// limits of ExtractLimits applied (zip bombs, hostile entry names).
#pragma once

#include <zip.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

#include "dossier/common/status.h"
#include "dossier/extract/extractor.h"

namespace dossier::extract_internal {

class ZipArchive {
 public:
  // Opens the archive whose bytes are `bytes`. Refuses, before any entry is
  // read: a file that is not a ZIP archive ("the file is not a valid ZIP
  // archive"), a damaged one ("the ZIP archive is damaged or truncated ..."),
  // more entries than limits.max_entries, and any entry name that is absolute,
  // has a drive letter or a ".." component ("unsafe entry name ../x").
  // REQUIRES: `bytes` outlives the returned archive (it is not copied).
  static Result<ZipArchive> Open(std::string_view bytes, const ExtractLimits& limits);

  ZipArchive(ZipArchive&&) noexcept = default;
  ZipArchive& operator=(ZipArchive&&) noexcept = default;
  ~ZipArchive() = default;

  // Whether the archive has an entry of that name. Names compare without
  // regard to ASCII case, as OPC part names do.
  bool Contains(std::string_view name) const;

  // Inflates one entry. Enforces limits.max_entry_uncompressed and the ratio
  // limit both from the entry's header and while inflating (headers lie), and
  // limits.max_total_uncompressed over all entries read from this archive.
  // On failure: NotFound if there is no such entry; LimitExceeded "ZIP entry
  // <name> would inflate past the 64 MiB limit (possible zip bomb)" and the
  // like; InvalidInput if the entry's data is damaged; Unsupported if it is
  // encrypted or uses a compression method libzip does not know.
  Result<std::string> Read(std::string_view name);

 private:
  struct ZipCloser {
    void operator()(zip_t* z) const { zip_discard(z); }
  };

  ZipArchive() = default;

  std::unique_ptr<zip_t, ZipCloser> zip_;
  ExtractLimits limits_;
  std::unordered_map<std::string, zip_uint64_t> index_;  // lower-cased name → entry
  uint64_t total_read_ = 0;
};

// "64 MiB", "512 KiB", "100 bytes": sizes as a clerk reads them.
std::string FormatSize(uint64_t bytes);

}  // namespace dossier::extract_internal
