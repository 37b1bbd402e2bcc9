// A PostgreSQL server of one test's own, for tests that stop and start the
// server (a restart under load) and so cannot use the run's shared one
// (tests/support/postgres.h), whose other tests would see it go away. Made
// the way pg_virtualenv makes the run's: pg_createcluster and pg_ctlcluster
// (postgresql-common) over a configuration root in a temporary folder, which
// also works as root (the cluster then belongs to the user postgres; initdb
// alone refuses root). Local connections are trusted: the server listens on
// localhost only, on a port nobody else uses, and lives as long as the test.
#pragma once

#include <netinet/in.h>
#include <pwd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <string>

#include "e2e/e2e_support.h"

namespace dossier::testing {

class PrivatePostgres {
 public:
  PrivatePostgres() = default;
  ~PrivatePostgres() {
    if (created_) {
      (void)Cluster("stop --mode immediate");
      (void)RunCommand(Env() + " pg_dropcluster " + version_ + " " + kName + " 2>&1");
    }
    if (!root_.empty()) {
      std::error_code ignored;
      std::filesystem::remove_all(root_, ignored);
    }
  }
  PrivatePostgres(const PrivatePostgres&) = delete;
  PrivatePostgres& operator=(const PrivatePostgres&) = delete;

  // Whether this machine can make one (the newest installed server and
  // postgresql-common's tools).
  static bool Available() { return !NewestVersion().empty() && HasTool("pg_createcluster"); }

  // Makes the cluster and starts it; "" or what went wrong.
  std::string Start() {
    version_ = NewestVersion();
    if (version_.empty()) return "no PostgreSQL server in /usr/lib/postgresql";
    char pattern[] = "/tmp/dossier_private_pg_XXXXXX";
    if (::mkdtemp(pattern) == nullptr) return "cannot make a temporary folder";
    root_ = pattern;
    if (::geteuid() == 0) {
      // The cluster belongs to postgres, which must reach its folders.
      const struct passwd* pw = ::getpwnam("postgres");
      if (pw == nullptr) return "there is no user postgres to own the cluster";
      if (::chown(root_.c_str(), pw->pw_uid, pw->pw_gid) != 0) return "cannot chown " + root_;
    }
    std::filesystem::permissions(root_, std::filesystem::perms(0755));
    port_ = FreePort();
    if (port_ == 0) return "no free port";
    const RunResult made = RunCommand(
        Env() + " pg_createcluster --quiet -p " + std::to_string(port_) + " -d " + root_ +
        "/data -l " + root_ + "/server.log -s " + root_ + " --start-conf manual " +
        "--pgoption fsync=off --pgoption listen_addresses=localhost " + version_ + " " + kName +
        " -- --auth=trust --username=" + kUser + " --nosync 2>&1");
    if (made.exit_code != 0) return "pg_createcluster failed: " + made.output;
    created_ = true;
    return Cluster("start");
  }

  // Stops the server as an administrator's restart does (fast: sessions are
  // ended, running transactions rolled back); "" or what went wrong.
  std::string Stop() { return Cluster("stop --mode fast"); }
  // Starts it again on the same port and data folder.
  std::string StartAgain() { return Cluster("start"); }

  // The URL for --store: no password, the server trusts local connections.
  std::string Url() const {
    return "postgresql://" + std::string(kUser) + "@localhost:" + std::to_string(port_) +
           "/postgres";
  }
  std::string ServerLog() const { return ReadBytes(root_ + "/server.log"); }

 private:
  static constexpr const char* kName = "dossier_test";
  static constexpr const char* kUser = "dossier_test";

  static std::string NewestVersion() {
    std::string best;
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator("/usr/lib/postgresql", ec)) {
      const std::string v = entry.path().filename().string();
      if (!std::filesystem::exists(entry.path() / "bin" / "pg_ctl")) continue;
      if (best.empty() || std::atoi(v.c_str()) > std::atoi(best.c_str())) best = v;
    }
    return best;
  }
  static bool HasTool(const std::string& name) {
    return RunCommand("command -v " + name + " >/dev/null 2>&1").exit_code == 0;
  }
  // A port the kernel just gave and took back: free unless taken in between.
  static int FreePort() {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) return 0;
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof addr;
    int port = 0;
    if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0 &&
        ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0) {
      port = ntohs(addr.sin_port);
    }
    ::close(fd);
    return port;
  }

  // postgresql-common's tools on this cluster's configuration root only; the
  // run's pg_virtualenv settings (PGSYSCONFDIR, PGPORT, ...) stay out.
  std::string Env() const {
    return "env -u PGSYSCONFDIR -u PGPORT -u PGHOST -u PGUSER -u PGDATABASE "
           "PG_CLUSTER_CONF_ROOT=" +
           ShellQuote(root_ + "/conf");
  }
  std::string Cluster(const std::string& action) const {
    const RunResult r =
        RunCommand(Env() + " pg_ctlcluster " + version_ + " " + kName + " " + action + " 2>&1");
    return r.exit_code == 0 ? "" : "pg_ctlcluster " + action + " failed: " + r.output;
  }

  std::string root_, version_;
  int port_ = 0;
  bool created_ = false;
};

}  // namespace dossier::testing
