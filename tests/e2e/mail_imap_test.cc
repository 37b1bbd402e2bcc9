// `dossier mail` against a real Dovecot, started here on a free local port
// with a password file, as the user running the tests (root: the mailbox
// belongs to nobody, as Dovecot refuses root's mail). Messages are delivered
// into its Maildir; the server's state is read back with curl.
#include <arpa/inet.h>
#include <grp.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <pwd.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "e2e/e2e_support.h"

namespace dossier::testing {
namespace {

namespace fs = std::filesystem;

const char* const kSamples[] = {"日照港湾职业培训学校申报材料.eml", "威海海韵健康管理学院.eml",
                                "菏泽牡丹农业技术学会（补交）.eml"};

int FreePort() {
  int s = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  bind(s, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  socklen_t len = sizeof addr;
  getsockname(s, reinterpret_cast<sockaddr*>(&addr), &len);
  const int port = ntohs(addr.sin_port);
  close(s);
  return port;
}

bool Listening(int port) {
  int s = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  const bool ok = connect(s, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
  close(s);
  return ok;
}

int64_t CountRows(const fs::path& db, const std::string& sql) {
  sqlite3* h = nullptr;
  if (sqlite3_open_v2(db.c_str(), &h, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) return -1;
  sqlite3_stmt* st = nullptr;
  int64_t n = -1;
  if (sqlite3_prepare_v2(h, sql.c_str(), -1, &st, nullptr) == SQLITE_OK &&
      sqlite3_step(st) == SQLITE_ROW)
    n = sqlite3_column_int64(st, 0);
  sqlite3_finalize(st);
  sqlite3_close(h);
  return n;
}

class Dovecot {
 public:
  // tls: an imaps listener with a certificate for localhost made here.
  explicit Dovecot(bool tls = false) : tls_(tls) {
    const fs::path root = dir_.path();
    fs::permissions(root, fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                              fs::perms::others_read | fs::perms::others_exec);
    for (const char* sub : {"new", "cur", "tmp"}) fs::create_directories(Maildir() / sub);
    fs::create_directories(root / "run");
    WriteFile(root / "passwd", "clerk:{PLAIN}s3cret-pw::::::\n");
    WriteFile(root / "password.txt", "s3cret-pw\n");
    port_ = FreePort();
    const bool as_root = getuid() == 0;
    std::string me = "nobody";
    if (!as_root) me = getpwuid(getuid())->pw_name;
    std::string conf;
    conf += "base_dir = " + (root / "run").string() + "\n";
    conf += "state_dir = " + (root / "run" / "state").string() + "\n";
    conf += "log_path = " + (root / "dovecot.log").string() + "\n";
    conf += "protocols = imap\nlisten = 127.0.0.1\nauth_mechanisms = plain login\n";
    conf += "disable_plaintext_auth = no\nfirst_valid_uid = 1\n";
    if (as_root) {
      conf += "default_internal_user = dovecot\ndefault_login_user = dovenull\n";
    } else {
      conf += "default_internal_user = " + me + "\ndefault_login_user = " + me + "\n";
      conf += "default_internal_group = " + std::string(getgrgid_name()) + "\n";
    }
    conf += "passdb {\n  driver = passwd-file\n  args = scheme=PLAIN username_format=%u " +
            (root / "passwd").string() + "\n}\n";
    conf += "userdb {\n  driver = static\n  args = uid=" + me +
            " gid=" + std::string(as_root ? "nogroup" : getgrgid_name()) +
            " home=" + (root / "home" / "%u").string() + "\n}\n";
    conf += "mail_location = maildir:~/Maildir\n";
    if (tls_) {
      const fs::path cert = root / "cert.pem", key = root / "key.pem";
      RunCommand(
          "openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=localhost "
          "-addext subjectAltName=DNS:localhost,IP:127.0.0.1 -keyout " +
          ShellQuote(key.string()) + " -out " + ShellQuote(cert.string()) + " 2>/dev/null");
      ca_ = cert;
      conf +=
          "ssl = required\nssl_cert = <" + cert.string() + "\nssl_key = <" + key.string() + "\n";
      conf +=
          "service imap-login {\n  inet_listener imap {\n    port = 0\n  }\n"
          "  inet_listener imaps {\n    address = 127.0.0.1\n    port = " +
          std::to_string(port_) + "\n  }\n}\n";
    } else {
      conf += "ssl = no\n";
      conf +=
          "service imap-login {\n  inet_listener imap {\n    address = 127.0.0.1\n"
          "    port = " +
          std::to_string(port_) + "\n  }\n  inet_listener imaps {\n    port = 0\n  }\n}\n";
    }
    conf += "service pop3-login {\n  inet_listener pop3 {\n    port = 0\n  }\n}\n";
    conf += "service submission-login {\n  inet_listener submission {\n    port = 0\n  }\n}\n";
    WriteFile(root / "dovecot.conf", conf);
    if (as_root) RunCommand("chown -R nobody:nogroup " + ShellQuote((root / "home").string()));

    pid_ = fork();
    if (pid_ == 0) {
      const std::string c = (root / "dovecot.conf").string();
      execlp("dovecot", "dovecot", "-F", "-c", c.c_str(), static_cast<char*>(nullptr));
      _exit(127);
    }
    for (int i = 0; i < 100 && !Listening(port_); ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  ~Dovecot() {
    if (pid_ > 0) {
      kill(pid_, SIGTERM);
      waitpid(pid_, nullptr, 0);
    }
    RunCommand("chown -R " + std::to_string(getuid()) + " " + ShellQuote(dir_.path().string()) +
               " 2>/dev/null");
  }
  static const char* getgrgid_name() {
    const group* g = getgrgid(getgid());
    return g ? g->gr_name : "nogroup";
  }

  bool up() const { return Listening(port_); }
  std::string log() const { return ReadBytes(dir_.path() / "dovecot.log"); }
  fs::path Maildir() const { return dir_.path() / "home" / "clerk" / "Maildir"; }
  fs::path password_file() const { return dir_.path() / "password.txt"; }
  fs::path ca() const { return ca_; }
  int port() const { return port_; }
  std::string Url(const std::string& host = "127.0.0.1") const {
    return std::string(tls_ ? "imaps" : "imap") + "://clerk@" + host + ":" + std::to_string(port_) +
           "/INBOX";
  }

  // Delivers a message as an MTA would: written in tmp/, renamed into new/.
  void Deliver(const std::string& name, const std::string& bytes) {
    const fs::path tmp = Maildir() / "tmp" / name;
    WriteFile(tmp, bytes);
    fs::rename(tmp, Maildir() / "new" / name);
    if (getuid() == 0) RunCommand("chown -R nobody:nogroup " + ShellQuote(Maildir().string()));
  }

  // The server's answer to a command on a mailbox, through curl.
  std::string Imap(const std::string& mailbox, const std::string& command) const {
    return RunCommand("curl -s --user clerk:s3cret-pw " +
                      ShellQuote("imap://127.0.0.1:" + std::to_string(port_) + "/" + mailbox) +
                      " -X " + ShellQuote(command))
        .output;
  }
  // UIDs the server still holds as not taken.
  std::string NotTaken() const {
    std::string out = Imap("INBOX", "UID SEARCH NOT DELETED NOT KEYWORD $DossierTaken");
    const size_t at = out.find("* SEARCH");
    return at == std::string::npos ? "?" : out.substr(at + 8, out.find('\r', at) - at - 8);
  }

 private:
  bool tls_;
  TempDir dir_;
  int port_ = 0;
  pid_t pid_ = -1;
  fs::path ca_;
};

std::string Sample(const char* name) {
  return ReadBytes(SourceDir() / "sample_docs" / "mail" / name);
}

class MailImapTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(server_.up()) << "Dovecot did not start:\n" << server_.log();
    int n = 0;
    for (const char* s : kSamples) server_.Deliver(std::to_string(++n) + ".sample", Sample(s));
  }
  std::vector<std::string> MailArgs(std::vector<std::string> extra = {}) {
    std::vector<std::string> args = {
        "--data",          data_.path().string(),           "mail", "--imap", server_.Url(),
        "--password-file", server_.password_file().string()};
    args.insert(args.end(), extra.begin(), extra.end());
    return args;
  }
  int64_t Count(const std::string& sql) { return CountRows(data_.path() / "store.sqlite", sql); }

  Dovecot server_;
  TempDir data_;
};

TEST_F(MailImapTest, OnceTakesEveryMessageOnceAndMarksIt) {
  EXPECT_EQ(server_.NotTaken(), " 1 2 3");
  RunResult r = RunDossier(MailArgs({"--once"}));
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_EQ(server_.NotTaken(), "");
  EXPECT_EQ(Count("SELECT COUNT(*) FROM arrivals WHERE path_as_received GLOB 'INBOX/*.eml'"), 3);
  // The stored originals are the server's bytes.
  for (const char* s : kSamples) {
    EXPECT_EQ(Count("SELECT COUNT(*) FROM files WHERE size = " + std::to_string(Sample(s).size()) +
                    " AND type = 'eml'"),
              1)
        << s;
  }
  const fs::path out = data_.path() / "export.json";
  ASSERT_EQ(
      RunDossier({"--data", data_.path().string(), "export", "--out", out.string()}).exit_code, 0);
  nlohmann::json ex = ReadJson(out);
  int with_mail = 0;
  for (const auto& app : ex["applications"])
    for (const auto& d : app["documents"])
      if (d.contains("mail")) ++with_mail;
  EXPECT_GE(with_mail, 6);  // three forms and three letters at least

  // A second pass finds nothing new and stores nothing.
  r = RunDossier(MailArgs({"--once"}));
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_EQ(Count("SELECT COUNT(*) FROM arrivals WHERE path_as_received GLOB 'INBOX/*.eml'"), 3);
}

TEST_F(MailImapTest, SharedGroupOpensWhatMailStoresToTheGroup) {
  std::vector<std::string> args = MailArgs({"--once"});
  args.insert(args.begin() + 2, "--shared-group");
  RunResult r = RunCommand("umask 002 && " + DossierCommandLine(args) + " 2>&1");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_EQ(fs::status(data_.path()).permissions(), fs::perms(0750)) << "want rwxr-x---";
  int originals = 0;
  for (const auto& e : fs::recursive_directory_iterator(data_.path() / "originals")) {
    if (!e.is_regular_file()) continue;
    EXPECT_EQ(fs::status(e.path()).permissions(), fs::perms(0440))
        << e.path() << ": want r--r-----";
    ++originals;
  }
  EXPECT_GE(originals, 3);  // the messages, and what they carried
}

TEST_F(MailImapTest, FolderDoneMovesTakenMessages) {
  RunResult r = RunDossier(MailArgs({"--once", "--folder-done", "Taken"}));
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(server_.Imap("INBOX", "UID SEARCH ALL").find("* SEARCH\r"), std::string::npos);
  EXPECT_NE(server_.Imap("Taken", "UID SEARCH ALL").find("* SEARCH 1 2 3"), std::string::npos);
}

TEST_F(MailImapTest, KillBetweenStoringAndMarkingTakesItAgainAsASecondArrival) {
  const fs::path log = data_.path().parent_path() / (data_.path().filename().string() + ".log");
  RunResult started =
      RunCommand("DOSSIER_TEST_PAUSE_AFTER_STORE_MS=60000 " + DossierCommandLine(MailArgs()) +
                 " >/dev/null 2>" + ShellQuote(log.string()) + " & echo $!");
  const pid_t pid = static_cast<pid_t>(std::stol(started.output));
  bool stored = false;
  for (int i = 0; i < 600 && !stored; ++i) {
    stored = ReadBytes(log).find("event=mail_stored") != std::string::npos;
    if (!stored) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  ASSERT_TRUE(stored) << ReadBytes(log);
  ASSERT_EQ(kill(pid, SIGKILL), 0);
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  fs::remove(log);
  // Stored, not marked: the server still offers it.
  EXPECT_EQ(Count("SELECT COUNT(*) FROM arrivals WHERE path_as_received = 'INBOX/1.eml'"), 1);
  EXPECT_EQ(server_.NotTaken(), " 1 2 3");

  RunResult r = RunDossier(MailArgs({"--once"}));
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("duplicate\tINBOX/1.eml"), std::string::npos) << r.output;
  EXPECT_EQ(server_.NotTaken(), "");
  // Taken again, once a file: one mail, read once. The same bytes under the
  // same path are the same arrival, seen again (the store keeps one row).
  EXPECT_EQ(Count("SELECT COUNT(*) FROM arrivals WHERE path_as_received = 'INBOX/1.eml'"), 1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM files WHERE type = 'eml'"), 3);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM mails"), 3);
  // Its attachments were taken once, from its first arrival.
  EXPECT_GE(Count("SELECT COUNT(*) FROM files WHERE first_path GLOB 'INBOX/1.eml/*'"), 2);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM arrivals WHERE path_as_received GLOB 'INBOX/1.eml/*'"),
            Count("SELECT COUNT(*) FROM files WHERE first_path GLOB 'INBOX/1.eml/*'"));
}

// A broken pipe (the server hanging up while a command is written) raises
// SIGPIPE; the fetcher must survive it and go on, not die between storing a
// message and marking it taken. The signal is sent while it pauses there.
TEST_F(MailImapTest, SigpipeDoesNotEndTheFetcher) {
  const fs::path log = data_.path().parent_path() / (data_.path().filename().string() + ".log");
  const std::string script =
      "DOSSIER_TEST_PAUSE_AFTER_STORE_MS=1000 " + DossierCommandLine(MailArgs()) +
      " >/dev/null 2>" + ShellQuote(log.string()) +
      " & pid=$!; "
      "for i in $(seq 600); do grep -q event=mail_stored " +
      ShellQuote(log.string()) +
      " && break; sleep 0.1; done; kill -PIPE $pid; "
      "for i in $(seq 600); do [ $(grep -c event=mail_marked " +
      ShellQuote(log.string()) +
      ") -ge 3 ] && break; kill -0 $pid 2>/dev/null || break; sleep 0.1; done; "
      "kill -TERM $pid 2>/dev/null; wait $pid; echo exit=$?";
  RunResult r = RunCommand(script);
  const std::string output = ReadBytes(log);
  fs::remove(log);
  EXPECT_NE(r.output.find("exit=0"), std::string::npos) << r.output << output;
  EXPECT_EQ(server_.NotTaken(), "") << output;
  EXPECT_EQ(Count("SELECT COUNT(*) FROM mails"), 3);
}

TEST_F(MailImapTest, WrongPasswordIsAnErrorAndTakesNothing) {
  const fs::path wrong = data_.path().parent_path() / (data_.path().filename().string() + ".pw");
  WriteFile(wrong, "nope\n");
  RunResult r = RunDossier({"--data", data_.path().string(), "mail", "--imap", server_.Url(),
                            "--password-file", wrong.string(), "--once"});
  fs::remove(wrong);
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_NE(r.output.find("dossier: error: IMAP"), std::string::npos) << r.output;
  EXPECT_EQ(server_.NotTaken(), " 1 2 3");
}

TEST(MailImapUrlTest, PlainImapToAnotherHostIsRefused) {
  TempDir dir;
  WriteFile(dir.path() / "pw", "x\n");
  RunResult r = RunDossier({"--data", (dir.path() / "d").string(), "mail", "--imap",
                            "imap://clerk@mail.example.cn/INBOX", "--password-file",
                            (dir.path() / "pw").string(), "--once"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.output.find("imaps://"), std::string::npos) << r.output;
}

TEST(MailImapTlsTest, CertificateIsVerifiedUnlessItsCaIsGiven) {
  Dovecot server(/*tls=*/true);
  ASSERT_TRUE(server.up()) << server.log();
  server.Deliver("1.sample", Sample(kSamples[0]));
  TempDir data;
  const std::vector<std::string> base = {"--data",
                                         data.path().string(),
                                         "mail",
                                         "--imap",
                                         server.Url("localhost"),
                                         "--password-file",
                                         server.password_file().string(),
                                         "--once"};
  RunResult untrusted = RunDossier(base);
  EXPECT_EQ(untrusted.exit_code, 2) << untrusted.output;
  EXPECT_NE(untrusted.output.find("certificate"), std::string::npos) << untrusted.output;

  std::vector<std::string> trusted = base;
  trusted.insert(trusted.end(), {"--ca-file", server.ca().string()});
  RunResult r = RunDossier(trusted);
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_EQ(CountRows(data.path() / "store.sqlite", "SELECT COUNT(*) FROM mails"), 1);
}

}  // namespace
}  // namespace dossier::testing
