// The parts of dossier that need heavy libraries are modules, loaded on first
// use: OCR (Tesseract), PDF (Poppler), report rendering (Cairo, Pango,
// poppler-cpp, libxlsxwriter), mail (GMime), IMAP (libcurl) and the
// PostgreSQL store (libpq). A command loads only the libraries it uses:
// `dossier --version` none of them, an ingest of a text PDF Poppler alone.
//
// A module is dossier-NAME.so in the module folder: the build tree's
// (BUILD/lib/dossier) for a binary that runs from its build tree, else
// ../lib/<multiarch>/dossier beside the binary's folder (installed:
// /usr/lib/x86_64-linux-gnu/dossier). It exports one C function,
// dossier_module_entry(version), that gives its interface object (one small
// C++ class, declared where its callers live) when built for this version.
#pragma once

#include <filesystem>
#include <string_view>

#include "dossier/common/status.h"

namespace dossier {

// The folder modules are loaded from (see above).
// Thread-safe: yes.
const std::filesystem::path& ModuleDir();

// The entry object of module `name` ("ocr"), loading dossier-NAME.so on first
// use; later calls give the same object. `purpose` says in Chinese what the
// module is for ("文字识别（OCR）"), for the error.
// On failure (the file is missing, cannot be loaded, or is from another
// version): Unsupported with reason code module_missing and a Chinese
// message naming the file, what it is needed for and why it failed
// ("module_missing: 缺少组件 …/dossier-ocr.so（文字识别（OCR）所需）：…；请重新安装
// dossier").
// Thread-safe: yes. A failure is not remembered: a later call tries again.
Result<void*> LoadModule(const char* name, const char* purpose);

template <typename Interface>
Result<Interface*> LoadModuleAs(const char* name, const char* purpose) {
  auto entry = LoadModule(name, purpose);
  if (!entry.ok()) return entry.status();
  return static_cast<Interface*>(*entry);
}

}  // namespace dossier

// What a module defines (once, in its entry file): returns its interface
// object, or null when `version` is not the version it was built for.
#define DOSSIER_MODULE_ENTRY(object_expression)                                 \
  extern "C" __attribute__((visibility("default"))) void* dossier_module_entry( \
      const char* version) {                                                    \
    if (std::string_view(version) != DOSSIER_MODULE_VERSION) return nullptr;    \
    return (object_expression);                                                 \
  }
