// dossier: options → a config struct → Run*(config). Nothing else here.
#include <algorithm>
#include <boost/program_options.hpp>
#include <cstdint>
#include <functional>
#include <iostream>
#include <string>
#include <vector>

#include "commands.h"
#include "dossier/common/cores.h"
#include "dossier/jobs/privacy.h"
#include "dossier_version.h"
#include "settings.h"

namespace po = boost::program_options;
using namespace dossier;

namespace {

po::options_description GlobalOptions() {
  po::options_description global("Global options (before or after the command)");
  global.add_options()("data", po::value<std::string>()->value_name("DIR"),
                       "data folder holding the store and the originals (default: the config "
                       "file's `data`, else ./dossier-data)")(
      "store", po::value<std::string>()->value_name("URL"),
      "where the store is: the data folder's SQLite file (default), a path or sqlite:PATH, or "
      "postgresql://HOST/DB (its password from PGPASSFILE, never in the URL); also `store =` in "
      "the settings file")(
      "config", po::value<std::string>()->value_name("FILE"),
      "settings file: `data = DIR` and the call's settings in [call] (see 'dossier config "
      "--show')")(
      "shared-group",
      "make the data folder and reports readable by your group (0750/0640, originals 0440) "
      "instead of by you alone (0700/0600/0400); also `shared_group = true` in the settings "
      "file")("allow-root",
              "run even as root (refused otherwise: dossier reads files others sent)")(
      "help,h", "show this help")("version", "print the version");
  return global;
}

// How each file's reader runs (ingest and watch).
po::options_description ReaderOptions() {
  po::options_description reader("Reader isolation (each file is read in a child process)");
  // The defaults are the options structs' own (IsolationLimits, PipelineOptions).
  const IsolationLimits limits;
  reader.add_options()("reader-timeout",
                       po::value<int>()->default_value(limits.wall_seconds)->value_name("S"),
                       "seconds a file's reader may take before the file is rejected")(
      "reader-cpu", po::value<int>()->default_value(limits.cpu_seconds)->value_name("S"),
      "seconds of processor time it may use")(
      "reader-memory-mb",
      po::value<int>()
          ->default_value(static_cast<int>(limits.memory_bytes >> 20))
          ->value_name("MB"),
      "memory (MiB of address space) it may add")(
      "reader-output-mb",
      po::value<int>()
          ->default_value(static_cast<int>(limits.max_output_bytes >> 20))
          ->value_name("MB"),
      "MiB it may send back")(
      "max-attempts", po::value<int>()->default_value(CommonConfig{}.max_attempts)->value_name("N"),
      "times a file's processing may be started without finishing (dossier killed meanwhile)")(
      "reader-in-process", "read files in this process, without isolation (debugging only)");
  return reader;
}

void ApplyReaderOptions(const po::variables_map& vm, CommonConfig& c) {
  if (!vm.count("reader-timeout")) return;
  c.isolation.wall_seconds = vm["reader-timeout"].as<int>();
  c.isolation.cpu_seconds = vm["reader-cpu"].as<int>();
  c.isolation.memory_bytes = uint64_t(std::max(vm["reader-memory-mb"].as<int>(), 1)) << 20;
  c.isolation.max_output_bytes = uint64_t(std::max(vm["reader-output-mb"].as<int>(), 1)) << 20;
  c.max_attempts = std::max(vm["max-attempts"].as<int>(), 1);
  c.isolation.enabled = vm.count("reader-in-process") == 0;
}

std::string Str(const po::variables_map& vm, const char* key) {
  return vm.count(key) ? vm[key].as<std::string>() : std::string();
}

// One subcommand: how it is called, its options and what runs it.
struct Command {
  std::string name;
  std::string synopsis;   // after "dossier NAME"
  std::string summary;    // one line, for the list of commands
  std::string arguments;  // what the positional arguments are, one per line; may be empty
  std::function<void(po::options_description&)> options;
  std::vector<std::pair<std::string, int>> positional;  // option name, how many (-1: all)
  std::function<int(const po::variables_map&, const CommonConfig&)> run;
};

std::vector<Command> Commands() {
  std::vector<Command> c;
  c.push_back({"ingest",
               "[--quiet] [--arrivals FILE] [--no-work] [reader options] PATH...",
               "take files or folders (recursively) into the data folder",
               "  PATH...             a file, or a folder taken with all its folders\n",
               [](po::options_description& o) {
                 o.add_options()("quiet,q", "print only the summary line")(
                     "arrivals", po::value<std::string>()->value_name("FILE"),
                     "JSON object: path as received → ISO 8601 time it was received")(
                     "no-work",
                     "only keep the files and queue their jobs, for 'dossier worker' to read");
                 o.add(ReaderOptions());
               },
               {{"path", -1}},
               [](const po::variables_map& vm, const CommonConfig& common) {
                 if (!vm.count("path"))
                   return UsageError("ingest", "ingest needs at least one file or folder");
                 IngestConfig config;
                 config.common = common;
                 config.paths = vm["path"].as<std::vector<std::string>>();
                 config.quiet = vm.count("quiet") > 0;
                 config.no_work = vm.count("no-work") > 0;
                 config.arrivals_file = Str(vm, "arrivals");
                 return RunIngest(config);
               }});
  c.push_back(
      {"watch",
       "[--quiet-ms N] [--settle-ms N] [--rescan-ms N] [--retry-ms N] [--no-work] [-v] INBOX",
       "take every file dropped into INBOX, until SIGTERM/SIGINT",
       "  INBOX               the folder to watch (with its folders, new ones too)\n",
       [](po::options_description& o) {
         const WatchConfig defaults;
         o.add_options()("quiet-ms",
                         po::value<int64_t>()->default_value(defaults.quiet_ms)->value_name("N"),
                         "a file closed after writing or moved in is complete when unchanged "
                         "this long")(
             "settle-ms", po::value<int64_t>()->default_value(defaults.settle_ms)->value_name("N"),
             "a file found by a scan is complete when unchanged this long")(
             "rescan-ms", po::value<int64_t>()->default_value(defaults.rescan_ms)->value_name("N"),
             "look at the whole inbox again this often (shares where inotify sees nothing); 0: "
             "never")("retry-ms",
                      po::value<int64_t>()->default_value(defaults.retry_ms)->value_name("N"),
                      "after a failure of the data folder (disk full), try again this often")(
             "no-work", "only keep the files and queue their jobs, for 'dossier worker' to read")(
             "verbose,v", "log debug lines too");
         o.add(ReaderOptions());
       },
       {{"inbox", 1}},
       [](const po::variables_map& vm, const CommonConfig& common) {
         if (!vm.count("inbox"))
           return UsageError("watch", "watch needs the inbox folder to watch");
         WatchConfig config;
         config.common = common;
         config.inbox = Str(vm, "inbox");
         config.settle_ms = std::max<int64_t>(vm["settle-ms"].as<int64_t>(), 0);
         config.quiet_ms = std::max<int64_t>(vm["quiet-ms"].as<int64_t>(), 0);
         config.rescan_ms = std::max<int64_t>(vm["rescan-ms"].as<int64_t>(), 0);
         config.retry_ms = std::max<int64_t>(vm["retry-ms"].as<int64_t>(), 100);
         config.verbose = vm.count("verbose") > 0;
         config.no_work = vm.count("no-work") > 0;
         return RunWatch(config);
       }});
  c.push_back(
      {"worker",
       "[--lease-ms N] [--heartbeat-ms N] [--poll-ms N] [--grace-ms N] [--page-job-pages P] [-v] "
       "[reader options]",
       "run queued jobs (from any machine sharing the store), until SIGTERM/SIGINT",
       "",
       [](po::options_description& o) {
         const WorkerConfig defaults;
         o.add_options()(
             "lease-ms", po::value<int64_t>()->default_value(defaults.lease_ms)->value_name("N"),
             "a job claimed is this worker's for this long unless renewed; after that any "
             "worker may take it again")(
             "heartbeat-ms",
             po::value<int64_t>()->default_value(defaults.heartbeat_ms)->value_name("N"),
             "renew the lease this often while a file is read (well under --lease-ms)")(
             "poll-ms", po::value<int64_t>()->default_value(defaults.poll_ms)->value_name("N"),
             "look for queued jobs this often (PostgreSQL also announces them at once)")(
             "grace-ms",
             po::value<int64_t>()->default_value(IsolationLimits{}.stop_grace_ms)->value_name("N"),
             "on SIGTERM/SIGINT, let the file being read finish this long, else put it back "
             "uncounted")(
             "page-job-pages", po::value<int>()->value_name("P"),
             "split a PDF of more than P pages into page jobs of P pages, which any worker "
             "reads, joined again when all are read (default: twice this machine's usable "
             "cores; 0: never split)")("verbose,v", "log debug lines too");
         o.add(ReaderOptions());
       },
       {},
       [](const po::variables_map& vm, const CommonConfig& common) {
         WorkerConfig config;
         config.common = common;
         config.lease_ms = std::max<int64_t>(vm["lease-ms"].as<int64_t>(), 100);
         config.heartbeat_ms =
             std::clamp<int64_t>(vm["heartbeat-ms"].as<int64_t>(), 10, config.lease_ms / 2);
         config.poll_ms = std::max<int64_t>(vm["poll-ms"].as<int64_t>(), 10);
         config.common.isolation.stop_grace_ms =
             static_cast<int>(std::max<int64_t>(vm["grace-ms"].as<int64_t>(), 0));
         // Each page job pays a reader's start (a fork, Poppler opening the
         // file, the OCR engines' set-up): a slice is several pages, enough
         // to keep this machine's cores busy (docs/capacity.md).
         config.page_job_pages = vm.count("page-job-pages")
                                     ? std::max(vm["page-job-pages"].as<int>(), 0)
                                     : 2 * UsableCores();
         config.verbose = vm.count("verbose") > 0;
         return RunWorker(config);
       }});
  c.push_back(
      {"mail",
       "--imap imaps://USER@HOST/MAILBOX --password-file FILE [--folder-done NAME] [--once]",
       "take each new message of an IMAP mailbox as a saved mail, until SIGTERM/SIGINT",
       "",
       [](po::options_description& o) {
         o.add_options()("imap", po::value<std::string>()->value_name("URL"),
                         "the mailbox: imaps://USER@HOST[:PORT]/MAILBOX (imap:// only to "
                         "localhost, for tests)")("password-file",
                                                  po::value<std::string>()->value_name("FILE"),
                                                  "a file whose first line is the password")(
             "folder-done", po::value<std::string>()->value_name("NAME"),
             "move each taken message to this folder (created if missing); default: mark it "
             "with the keyword $DossierTaken")("once", "one pass over the mailbox, then exit")(
             "poll-seconds",
             po::value<int64_t>()->default_value(MailConfig{}.poll_seconds)->value_name("S"),
             "look for new messages this often")(
             "ca-file", po::value<std::string>()->value_name("FILE"),
             "trust these certificates instead of the system's (TLS is always verified)");
         o.add(ReaderOptions());
       },
       {},
       [](const po::variables_map& vm, const CommonConfig& common) {
         if (!vm.count("imap"))
           return UsageError("mail", "mail needs --imap imaps://USER@HOST/MAILBOX");
         MailConfig config;
         config.common = common;
         config.url = Str(vm, "imap");
         config.password_file = Str(vm, "password-file");
         config.folder_done = Str(vm, "folder-done");
         config.ca_file = Str(vm, "ca-file");
         config.once = vm.count("once") > 0;
         config.poll_seconds = std::max<int64_t>(vm["poll-seconds"].as<int64_t>(), 1);
         return RunMail(config);
       }});
  c.push_back(
      {"export",
       "[--format json] [--out FILE]",
       "the applications, unassigned and rejected files, as JSON",
       "",
       [](po::options_description& o) {
         o.add_options()(
             "format",
             po::value<std::string>()->default_value(ExportConfig{}.format)->value_name("FMT"),
             "output format: json")(
             "out,o", po::value<std::string>()->value_name("FILE"),
             "write to this file (its folder must exist) instead of standard output");
       },
       {},
       [](const po::variables_map& vm, const CommonConfig& common) {
         return RunExport({common, Str(vm, "format"), Str(vm, "out")});
       }});
  c.push_back({"report",
               "--out DIR [--application ID|UNIT]",
               "dossiers (HTML, PDF), the index page and the summary sheets",
               "",
               [](po::options_description& o) {
                 o.add_options()("out,o", po::value<std::string>()->value_name("DIR"),
                                 "folder that will hold exactly this run's reports (its parent "
                                 "must exist; an earlier report there is replaced)")(
                     "application", po::value<std::string>()->value_name("ID"),
                     "only this application's dossier: its id (as in the export) or its unit "
                     "name");
               },
               {},
               [](const po::variables_map& vm, const CommonConfig& common) {
                 if (!vm.count("out")) return UsageError("report", "report needs --out DIR");
                 ReportConfig config;
                 config.common = common;
                 config.out_dir = Str(vm, "out");
                 config.application = Str(vm, "application");
                 return RunReport(config);
               }});
  c.push_back(
      {"trace",
       "APPLICATION FIELD [--png FILE] [--format text|json]",
       "where a value was read: file, page, box, raw text, and its picture",
       "  APPLICATION         an application id (as in the export) or its unit name\n"
       "  FIELD               a field key (credit_code) or label (统一社会信用代码)\n",
       [](po::options_description& o) {
         o.add_options()("png", po::value<std::string>()->value_name("FILE"),
                         "write the source picture, the value's box highlighted (its folder "
                         "must exist)")(
             "format",
             po::value<std::string>()->default_value(TraceConfig{}.format)->value_name("FMT"),
             "output format: text, json");
       },
       {{"application", 1}, {"field", 1}},
       [](const po::variables_map& vm, const CommonConfig& common) {
         if (!vm.count("application") || !vm.count("field"))
           return UsageError("trace", "trace needs an application and a field");
         TraceConfig config;
         config.common = common;
         config.application = Str(vm, "application");
         config.field = Str(vm, "field");
         config.png = Str(vm, "png");
         config.format = Str(vm, "format");
         return RunTrace(config);
       }});
  c.push_back(
      {"status",
       "",
       "counts of files, applications, rejected files; the job queue",
       "",
       [](po::options_description&) {},
       {},
       [](const po::variables_map&, const CommonConfig& common) { return RunStatus(common); }});
  c.push_back({"config",
               "--show",
               "print the settings in force, as a settings file",
               "",
               [](po::options_description& o) {
                 o.add_options()("show", "print the settings in force (needs no data folder)");
               },
               {},
               [](const po::variables_map& vm, const CommonConfig& common) {
                 if (!vm.count("show")) return UsageError("config", "config needs --show");
                 return RunConfigShow(common);
               }});
  c.push_back({"extract",
               "[--json] FILE",
               "what the extract stage reads from one file (pages, spans, tables)",
               "  FILE                the file to read (nothing is stored)\n",
               [](po::options_description& o) {
                 o.add_options()("json", "print the document model as JSON");
               },
               {{"file", 1}},
               [](const po::variables_map& vm, const CommonConfig&) {
                 if (!vm.count("file")) return UsageError("extract", "extract needs a file");
                 return RunExtract({Str(vm, "file"), vm.count("json") > 0});
               }});
  return c;
}

std::string Usage(const std::vector<Command>& commands) {
  std::string out =
      "usage: dossier [--data DIR] [--config FILE] COMMAND [OPTIONS] [ARGS]\n\ncommands:\n";
  for (const Command& c : commands) {
    std::string head = "  " + c.name + " ";
    head.resize(std::max<size_t>(head.size(), 12), ' ');
    out += head + c.summary + "\n";
  }
  out += "  help COMMAND  a command's options (also 'dossier COMMAND --help')\n";
  return out;
}

po::options_description CommandOptions(const Command& c) {
  po::options_description opts(c.name + " options");
  c.options(opts);
  return opts;
}

void PrintCommandHelp(const Command& c) {
  std::cout << "usage: dossier " << c.name << (c.synopsis.empty() ? "" : " " + c.synopsis) << "\n\n"
            << c.summary << "\n\n";
  if (!c.arguments.empty()) std::cout << "Arguments:\n" << c.arguments << "\n";
  po::options_description opts = CommandOptions(c);
  if (!opts.options().empty()) std::cout << opts << "\n";
  std::cout << GlobalOptions();
}

// Parses a command's options (the global ones accepted anywhere) and the
// settings file; fills `common`. On failure: the message for UsageError or,
// for a settings file, the complete error.
int ParseAndRun(const Command& c, const std::vector<std::string>& args) {
  po::options_description all;
  all.add(CommandOptions(c)).add(GlobalOptions());
  po::options_description hidden;
  po::positional_options_description positional;
  for (const auto& [name, count] : c.positional) {
    if (count == 1)
      hidden.add_options()(name.c_str(), po::value<std::string>());
    else
      hidden.add_options()(name.c_str(), po::value<std::vector<std::string>>());
    positional.add(name.c_str(), count);
  }
  all.add(hidden);
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(args).options(all).positional(positional).run(), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    return UsageError(c.name, e.what());
  }
  if (vm.count("help")) {
    PrintCommandHelp(c);
    return kExitOk;
  }

  // Root may read every file on the machine and would leave a data folder
  // its service account cannot open; only asking for it explicitly runs so.
  if (RunningAsRoot() && c.name != "config" && !vm.count("allow-root")) {
    return ErrorExit(
        "refusing to run as root: dossier reads files others sent; run it as an ordinary user "
        "(a service account), or give --allow-root");
  }

  CommonConfig common;
  if (vm.count("config")) {
    common.config_file = vm["config"].as<std::string>();
    auto settings = ReadSettingsFile(common.config_file);
    if (!settings.ok()) return ErrorExit(settings.status().message());
    if (settings->data_dir) common.data_dir = *settings->data_dir;
    common.call = settings->call;
    common.shared_group = settings->shared_group;
    common.store = settings->store;
  }
  if (vm.count("shared-group")) common.shared_group = true;
  // Before anything is written: whatever this run creates (the store, the
  // reports, an export, a picture) is private, or group-readable.
  RestrictFileCreation(common.shared_group);
  if (vm.count("data")) common.data_dir = vm["data"].as<std::string>();
  if (vm.count("store")) {
    common.store = vm["store"].as<std::string>();
    // Refused before anything runs: a password given here is already in the
    // shell's history and visible to `ps`; the message says where it belongs.
    auto where = ParseStoreLocation(common.store, {});
    if (!where.ok()) return UsageError("", "--store: " + where.status().message());
  }
  ApplyReaderOptions(vm, common);
  return c.run(vm, common);
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  const std::vector<Command> commands = Commands();
  auto find = [&](const std::string& name) -> const Command* {
    for (const Command& c : commands)
      if (c.name == name) return &c;
    return nullptr;
  };

  // The command is the first argument that is not an option or an option's value.
  size_t command_at = 0;
  while (command_at < args.size() && args[command_at].rfind("-", 0) == 0) {
    const std::string& a = args[command_at];
    bool takes_value = (a == "--data" || a == "--config" || a == "--store");
    command_at += takes_value ? 2 : 1;
  }
  if (command_at >= args.size()) {
    for (const std::string& a : args) {
      if (a == "--version") {
        std::cout << "dossier " << DOSSIER_VERSION << "\n";
        return kExitOk;
      }
      if (a == "--help" || a == "-h") {
        std::cout << Usage(commands) << "\n" << GlobalOptions();
        return kExitOk;
      }
    }
    std::cerr << Usage(commands);
    return UsageError("", "no command given");
  }
  const std::string name = args[command_at];
  std::vector<std::string> rest(args.begin(), args.begin() + command_at);
  rest.insert(rest.end(), args.begin() + command_at + 1, args.end());

  if (name == "help") {
    // The command asked about follows `help`; global options may stand
    // before `help` (--allow-root, --data DIR).
    auto asked = std::find_if(args.begin() + command_at + 1, args.end(),
                              [](const std::string& a) { return a.rfind("-", 0) != 0; });
    if (asked == args.end()) {
      std::cout << Usage(commands) << "\n" << GlobalOptions();
      return kExitOk;
    }
    const Command* c = find(*asked);
    if (!c) return UsageError("", "there is no command '" + *asked + "'");
    PrintCommandHelp(*c);
    return kExitOk;
  }
  const Command* c = find(name);
  if (!c) return UsageError("", "there is no command '" + name + "'");
  return ParseAndRun(*c, rest);
}
