// Runs a fuzz harness over files instead of under libFuzzer: every argument
// is a file or a folder (recursively). Used by ctest to replay seeds and the
// inputs fuzzers found, in an ordinary build. A crash fails the test, and so
// does a run that found no input at all (a moved folder would otherwise
// pass unnoticed). A folder that is not there is named, not an error: not
// every harness has regressions yet.
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

namespace {

void RunOne(const std::filesystem::path& path, int& count) {
  std::ifstream in(path, std::ios::binary);
  const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size());
  ++count;
}

}  // namespace

int main(int argc, char** argv) {
  int count = 0;
  for (int i = 1; i < argc; ++i) {
    const std::filesystem::path arg(argv[i]);
    std::error_code ec;
    if (std::filesystem::is_regular_file(arg, ec)) {
      RunOne(arg, count);
    } else if (std::filesystem::is_directory(arg, ec)) {
      for (const auto& e : std::filesystem::recursive_directory_iterator(arg, ec)) {
        if (e.is_regular_file()) RunOne(e.path(), count);
      }
    } else {
      std::printf("not there, nothing replayed from it: %s\n", argv[i]);
    }
  }
  std::printf("replayed %d inputs\n", count);
  if (count == 0) {
    std::fprintf(stderr, "no input to replay: the harness was not run\n");
    return 1;
  }
  return 0;
}
