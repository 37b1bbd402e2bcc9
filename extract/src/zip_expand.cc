// ExpandZip: a dropped ZIP archive → its files, through ZipArchive so that an
// archive gets exactly the limits a DOCX package gets.
#include <zip.h>

#include <cctype>
#include <exception>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "dossier/extract/extractor.h"
#include "zip_archive.h"

namespace dossier {
namespace {

struct ZipDiscard {
  void operator()(zip_t* z) const { zip_discard(z); }
};

// The entry names in archive order. ZipArchive::Open has already refused
// archives libzip cannot open and unsafe names, so this only lists.
Result<std::vector<std::string>> EntryNames(std::string_view bytes) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  if (source == nullptr) {
    zip_error_fini(&error);
    return Status::Internal("out of memory while opening the ZIP archive");
  }
  std::unique_ptr<zip_t, ZipDiscard> archive(zip_open_from_source(source, ZIP_RDONLY, &error));
  zip_error_fini(&error);
  if (archive == nullptr) {
    zip_source_free(source);
    return Status::InvalidInput("the ZIP archive is damaged or truncated");
  }
  std::vector<std::string> names;
  const zip_int64_t count = zip_get_num_entries(archive.get(), 0);
  for (zip_int64_t i = 0; i < count; ++i) {
    const char* name = zip_get_name(archive.get(), static_cast<zip_uint64_t>(i), ZIP_FL_ENC_GUESS);
    if (name == nullptr) return Status::InvalidInput("the ZIP archive is damaged");
    names.emplace_back(name);
  }
  return names;
}

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

Result<std::vector<ArchiveMember>> Expand(std::string_view bytes, const ExtractLimits& limits) {
  auto archive = extract_internal::ZipArchive::Open(bytes, limits);
  if (!archive.ok()) return archive.status();
  auto names = EntryNames(bytes);
  if (!names.ok()) return names.status();

  std::vector<ArchiveMember> members;
  std::set<std::string> seen;
  for (const std::string& name : *names) {
    if (name.empty() || name.back() == '/' || name.back() == '\\') continue;  // a folder
    if (!seen.insert(Lower(name)).second) continue;
    auto content = archive->Read(name);
    if (!content.ok()) return content.status();
    members.push_back(ArchiveMember{name, std::move(content).value()});
  }
  return members;
}

}  // namespace

Result<std::vector<ArchiveMember>> ExpandZip(std::string_view bytes, const ExtractLimits& limits) {
  try {
    return Expand(bytes, limits);
  } catch (const std::bad_alloc&) {
    return Status::LimitExceeded("the ZIP archive needs more memory to expand than is allowed");
  } catch (const std::exception& e) {
    return Status::Internal(std::string("expanding the ZIP archive failed unexpectedly (") +
                            e.what() + ")");
  }
}

}  // namespace dossier
