// The hostile-input corpus (tests/corpus, made by tests/corpus/generate.py)
// dropped into a watched inbox: every file ends as its manifest says, the
// daemon survives all of it, nothing of /etc/passwd comes out, nothing is
// written outside the data folder, and memory stays under 1 GiB.
#include <gtest/gtest.h>
#include <sys/resource.h>
#include <sys/stat.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <string>

#include "e2e/watch_support.h"

namespace dossier::testing {
namespace {

namespace fs = std::filesystem;

// A name as the test prints it: the corpus has names with escape sequences.
std::string Printable(const std::string& s) {
  std::string out;
  for (char c : s) out += static_cast<unsigned char>(c) < 0x20 ? '?' : c;
  return out;
}

// Every path under `root` (except `skip`) with its size and mtime.
std::map<std::string, std::pair<uintmax_t, int64_t>> Tree(const fs::path& root,
                                                          const fs::path& skip = {}) {
  std::map<std::string, std::pair<uintmax_t, int64_t>> out;
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(root, ec);
       it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (!skip.empty() && it->path() == skip) {
      it.disable_recursion_pending();
      continue;
    }
    struct stat st;
    if (::lstat(it->path().c_str(), &st) != 0) continue;
    out[it->path().string()] = {S_ISREG(st.st_mode) ? static_cast<uintmax_t>(st.st_size) : 0,
                                st.st_mtim.tv_sec * 1000000000LL + st.st_mtim.tv_nsec};
  }
  return out;
}

std::set<std::string> Names(const fs::path& folder) {
  std::set<std::string> out;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(folder, ec)) out.insert(e.path().filename());
  return out;
}

TEST(WatchCorpus, EveryHostileFileEndsAsItsManifestSaysAndTheDaemonSurvives) {
  const fs::path corpus = SourceDir() / "tests" / "corpus";
  const nlohmann::json manifest = ReadJson(corpus / "manifest.json");
  ASSERT_GE(manifest["files"].size(), 15u);

  TempDir dir;
  const fs::path inbox = dir.path() / "inbox", data = dir.path() / "data";
  const fs::path cwd = dir.path() / "cwd";
  fs::create_directories(inbox);
  fs::create_directories(cwd);
  size_t expected_arrivals = 0;
  for (const auto& entry : manifest["files"]) {
    const std::string drop_as = entry["drop_as"];
    WriteFile(inbox / drop_as, ReadBytes(corpus / "files" / entry["file"].get<std::string>()));
    if (entry["outcome"] != "ignored") ++expected_arrivals;
    if (entry.contains("members")) expected_arrivals += entry["members"].size();
  }
  // Links, which no file in a repository can be: one to /etc/passwd, one to
  // a folder outside the inbox. Both are refused, never followed.
  fs::create_directories(dir.path() / "outside");
  WriteFile(dir.path() / "outside" / "x.docx", ReadBytes(corpus / "files" / "good.docx"));
  fs::create_symlink("/etc/passwd", inbox / "passwd.docx");
  fs::create_directory_symlink(dir.path() / "outside", inbox / "outside");
  const auto inbox_before = Tree(inbox);
  const auto tmp_before = Names(fs::temp_directory_path());
  const auto outside_before = Tree(dir.path(), data);

  WatchDaemon daemon(data, inbox, dir.path() / "watch.log", {"--settle-ms", "300"});
  daemon.Start(cwd);
  StoreReader store(data / "store.sqlite");
  const bool finished = WaitFor(
      [&] {
        return store.Int("SELECT count(*) FROM arrivals") >=
                   static_cast<int64_t>(expected_arrivals) &&
               store.Int("SELECT count(*) FROM files WHERE state = 'queued'") == 0;
      },
      180000);
  ASSERT_TRUE(finished) << daemon.Log()
                        << "\narrivals: " << store.Int("SELECT count(*) FROM arrivals") << " of "
                        << expected_arrivals;
  EXPECT_TRUE(daemon.Alive()) << "the daemon died on the corpus\n" << daemon.Log();
  const std::string status = RunDossier({"--data", data.string(), "status"}).output;
  const std::string exported = RunDossier({"--data", data.string(), "export"}).output;
  daemon.Signal(SIGTERM);
  struct rusage usage {};
  ASSERT_EQ(daemon.Wait(30000, &usage), 0) << daemon.Log();
  const std::string log = daemon.Log();

  // Each file's outcome, found through its arrival (a copy may arrive first).
  auto outcome_of = [&](const std::string& path) {
    return store.Rows(
        "SELECT f.state, coalesce(f.reason, ''), "
        "(SELECT count(*) FROM arrivals b WHERE b.file = f.id), coalesce(f.reason_code, '') "
        "FROM arrivals a JOIN files f ON f.id = a.file WHERE a.path_as_received = ?1",
        {path});
  };
  auto check = [&](const std::string& path, const std::string& expected, const std::string& code) {
    auto rows = outcome_of(path);
    if (expected == "ignored") {
      EXPECT_TRUE(rows.empty()) << path << " was taken";
      return;
    }
    ASSERT_EQ(rows.size(), 1u) << path << ": arrived " << rows.size() << " times";
    const std::string& state = rows[0][0];
    const std::string& reason = rows[0][1];
    std::cout << "[ " << (state == "done" ? "done    " : "rejected") << " ] " << Printable(path)
              << (reason.empty() ? "" : ": " + reason) << "\n";
    if (expected == "duplicate") {
      EXPECT_GE(std::stoi(rows[0][2]), 2) << path;
    } else if (expected == "done|rejected") {
      EXPECT_TRUE(state == "done" || (state == "rejected" && !reason.empty())) << path;
    } else {
      EXPECT_EQ(state, expected) << path << ": " << reason;
    }
    EXPECT_NE(rows[0][3], "parser_crashed") << path << ": " << reason;
    if (state == "rejected") {
      EXPECT_FALSE(rows[0][3].empty()) << path << ": a rejection without its code";
      bool chinese = false;
      for (unsigned char c : reason) chinese |= c >= 0xE4;
      EXPECT_TRUE(chinese) << path << ": " << reason;
    }
    if (!code.empty()) {
      EXPECT_EQ(rows[0][3], code) << path << ": " << reason;
    }
  };
  for (const auto& entry : manifest["files"]) {
    const std::string drop_as = entry["drop_as"];
    check(drop_as, entry["outcome"], entry.value("code", ""));
    if (entry.contains("members")) {
      for (const auto& [member, outcome] : entry["members"].items()) {
        check(drop_as + "/" + member, outcome, "");
      }
    }
  }
  EXPECT_EQ(store.Int("SELECT count(*) FROM arrivals"), static_cast<int64_t>(expected_arrivals));
  ASSERT_TRUE(WaitFor([&] { return store.Int("SELECT count(*) FROM refused") == 2; }, 10000));
  EXPECT_EQ(store.One("SELECT group_concat(code) FROM refused"), "symlink,symlink");
  // No escape sequence or override from a file name reached the log raw.
  EXPECT_EQ(log.find('\x1b'), std::string::npos);
  EXPECT_EQ(log.find("\u202e"), std::string::npos);

  // Nothing of /etc/passwd anywhere dossier wrote or said.
  std::ifstream passwd("/etc/passwd");
  std::string first_line;
  std::getline(passwd, first_line);
  ASSERT_FALSE(first_line.empty());
  std::string everything = log + status + exported;
  for (const auto& e : fs::recursive_directory_iterator(data)) {
    if (e.is_regular_file() && e.path().string().find("/originals/") == std::string::npos) {
      everything += ReadBytes(e.path());
    }
  }
  EXPECT_EQ(everything.find(first_line), std::string::npos);
  EXPECT_EQ(everything.find("root:x:0:0"), std::string::npos);

  // Nothing written outside the data folder; the inbox untouched.
  EXPECT_EQ(Tree(inbox), inbox_before);
  auto outside_after = Tree(dir.path(), data);
  outside_after.erase((dir.path() / "watch.log").string());
  auto outside_expected = outside_before;
  outside_expected.erase((dir.path() / "watch.log").string());
  EXPECT_EQ(outside_after, outside_expected);
  EXPECT_TRUE(fs::is_empty(cwd));
  std::set<std::string> tmp_new;
  for (const std::string& name : Names(fs::temp_directory_path())) {
    if (!tmp_before.count(name) && name.find("zip-slip") != std::string::npos) tmp_new.insert(name);
  }
  EXPECT_TRUE(tmp_new.empty());
  EXPECT_FALSE(fs::exists("/etc/dossier-zip-slip.xml"));
  EXPECT_FALSE(fs::exists(cwd / "pwned"));
  EXPECT_FALSE(fs::exists(inbox / "pwned"));

  // Memory: the daemon and every reader it ran (wait4 folds in its children).
  std::cout << "[ memory   ] peak resident " << usage.ru_maxrss / 1024 << " MiB\n";
  EXPECT_LT(usage.ru_maxrss, 1L << 20) << "KiB";
  EXPECT_EQ(MalformedLogLines(log), std::vector<std::string>{});
}

}  // namespace
}  // namespace dossier::testing
