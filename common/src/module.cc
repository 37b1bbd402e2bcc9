#include "dossier/common/module.h"

#include <dlfcn.h>
#include <unistd.h>

#include <algorithm>
#include <map>
#include <mutex>
#include <string>
#include <system_error>

#include "dossier/common/rejection.h"

namespace dossier {
namespace {

namespace fs = std::filesystem;

fs::path SelfPath() {
  std::error_code error;
  fs::path self = fs::read_symlink("/proc/self/exe", error);
  return error ? fs::path() : self;
}

bool IsWithin(const fs::path& path, const fs::path& folder) {
  auto [f, p] = std::mismatch(folder.begin(), folder.end(), path.begin(), path.end());
  return f == folder.end();
}

fs::path FindModuleDir() {
  const fs::path self = SelfPath();
  std::error_code error;
  // A binary in its build tree takes that tree's modules, not an installed
  // copy's; an installed binary never looks into a build tree, even one that
  // is still there (a package missing a module must show it).
  const fs::path build = fs::weakly_canonical(DOSSIER_BUILD_DIR, error);
  if (!error && !self.empty() && IsWithin(self, build)) return DOSSIER_BUILD_MODULE_DIR;
  return (self.parent_path() / DOSSIER_INSTALLED_MODULE_DIR).lexically_normal();
}

struct Loaded {
  std::mutex mu;
  std::map<std::string, void*> entries;
};

Loaded& Modules() {
  static Loaded* loaded = new Loaded;  // never destroyed: modules stay loaded until exit
  return *loaded;
}

}  // namespace

const fs::path& ModuleDir() {
  static const fs::path dir = FindModuleDir();
  return dir;
}

Result<void*> LoadModule(const char* name, const char* purpose) {
  Loaded& loaded = Modules();
  std::lock_guard<std::mutex> lock(loaded.mu);
  if (auto it = loaded.entries.find(name); it != loaded.entries.end()) return it->second;

  const fs::path file = ModuleDir() / (std::string("dossier-") + name + ".so");
  auto missing = [&](const std::string& why) -> Status {
    // The code leads the words, as in the mail reader's reasons: a command
    // that stops on it prints the message alone.
    return Reject(Rejection::kModuleMissing, "module_missing: 缺少组件 " + file.string() + "（" +
                                                 purpose + "所需）：" + why +
                                                 "；请重新安装 dossier");
  };
  std::error_code error;
  if (!fs::exists(file, error)) return missing("文件不存在");
  // A module whose libraries are missing fails here, naming them. Symbols
  // are bound lazily, as for the libraries the binary links: binding all of
  // Poppler's at once costs an ingest of a text PDF milliseconds, and
  // -z defs has checked at link time that the module lacks none.
  void* handle = ::dlopen(file.c_str(), RTLD_LAZY | RTLD_LOCAL);
  if (!handle) {
    const char* why = ::dlerror();
    return missing(std::string("无法加载（") + (why ? why : "dlopen") + "）");
  }
  using Entry = void* (*)(const char*);
  auto entry = reinterpret_cast<Entry>(::dlsym(handle, "dossier_module_entry"));
  void* object = entry ? entry(DOSSIER_MODULE_VERSION) : nullptr;
  if (!object) {
    ::dlclose(handle);
    return missing(std::string("不是 dossier ") + DOSSIER_MODULE_VERSION + " 的组件");
  }
  loaded.entries.emplace(name, object);
  return object;
}

}  // namespace dossier
