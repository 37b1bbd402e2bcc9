// dossier: options → a config struct → Run*(config). Nothing else here.
#include <algorithm>
#include <boost/program_options.hpp>
#include <cstdint>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "commands.h"
#include "dossier_version.h"
#include "privacy.h"

namespace po = boost::program_options;
using namespace dossier;

namespace {

constexpr const char* kUsage =
    "usage: dossier [--data DIR] [--config FILE] COMMAND [OPTIONS] [ARGS]\n"
    "\n"
    "commands:\n"
    "  ingest PATH...    take files or folders (recursively) into the data folder\n"
    "  watch INBOX       take every file dropped into INBOX, until SIGTERM/SIGINT\n"
    "  export            print the applications, unassigned and rejected files\n"
    "  report --out DIR  dossiers (HTML, PDF), index page and summary sheets\n"
    "  trace APP FIELD   where a value was read: file, page, box, raw text (--png)\n"
    "  status            counts of files, applications, rejected files\n"
    "  config --show     the call's settings in force (deadline, quotas, lists)\n"
    "\n"
    "'dossier COMMAND --help' shows a command's options.\n";

po::options_description GlobalOptions() {
  po::options_description global("Global options");
  global.add_options()("help,h", "show help")("version", "print the version")(
      "data", po::value<std::string>()->default_value("dossier-data"),
      "data folder holding the store and the originals")(
      "config", po::value<std::string>(),
      "INI file with the same options (and the call's settings)")(
      "shared-group",
      "make the data folder and reports readable by your group (0750/0640) instead of "
      "by you alone (0700/0600)")(
      "allow-root", "run even as root (refused otherwise: dossier reads untrusted files)");
  return global;
}

// Options a config file may set: the global ones that make sense there.
po::options_description ConfigFileOptions() {
  po::options_description file("Config file");
  file.add_options()("data", po::value<std::string>(), "data folder")
      ("shared_group", po::value<bool>(), "true: group-readable data and reports (0750/0640)")
      ("call.deadline", po::value<std::string>(), "last day materials are accepted (YYYY-MM-DD)")
      ("call.timezone_offset_minutes", po::value<int>(), "the deadline day's UTC offset")
      ("call.trainees_minimum", po::value<int>(), "persons trained per year (C6)")
      ("call.quota_city", po::value<int>(), "applicants a city may recommend (Q1)")
      ("call.quota_provincial_department", po::value<int>(), "… a provincial department")
      ("call.quota_provincial_enterprise", po::value<int>(), "… a provincial enterprise")
      ("call.expired_base", po::value<std::vector<std::string>>()->composing(),
       "a base whose term expired (Q4); repeat the key, one unit a line")
      ("call.expired_bases_file", po::value<std::string>(), "a file listing them, one a line")
      ("call.priority_area", po::value<std::vector<std::string>>()->composing(),
       "a priority area (P1); repeat the key; replaces the notice's list");
  return file;
}

int Usage(const std::string& message) {
  std::cerr << "dossier: " << message << "\n\n" << kUsage;
  return kExitError;
}

struct Parsed {
  po::variables_map vm;
  bool help = false;
};

// Parses a command's own options (with the global ones accepted anywhere).
bool ParseCommand(const std::vector<std::string>& args, const po::options_description& command,
                  const po::positional_options_description& positional, po::variables_map& vm,
                  std::string& error) {
  try {
    po::options_description all;
    all.add(command).add(GlobalOptions());
    po::store(po::command_line_parser(args).options(all).positional(positional).run(), vm);
    if (vm.count("config") && !vm.count("help")) {
      std::ifstream in(vm["config"].as<std::string>());
      if (!in) {
        error = "cannot read the config file " + vm["config"].as<std::string>();
        return false;
      }
      // Sections of later settings ([call] ...) are read by their own
      // commands; unknown keys are not an error here.
      po::store(po::parse_config_file(in, ConfigFileOptions(), /*allow_unregistered=*/true), vm);
    }
    po::notify(vm);
  } catch (const po::error& e) {
    error = e.what();
    return false;
  }
  return true;
}

// How each file's reader runs (ingest and watch).
po::options_description ReaderOptions() {
  po::options_description reader("Reader isolation (each file is read in a child process)");
  reader.add_options()("reader-timeout", po::value<int>()->default_value(120),
                       "seconds a file's reader may take before the file is rejected")(
      "reader-cpu", po::value<int>()->default_value(120), "seconds of processor time it may use")(
      "reader-memory-mb", po::value<int>()->default_value(1024),
      "memory (MiB of address space) it may add")(
      "reader-output-mb", po::value<int>()->default_value(512), "MiB it may send back")(
      "max-attempts", po::value<int>()->default_value(3),
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

CommonConfig Common(const po::variables_map& vm) {
  CommonConfig c;
  c.data_dir = vm["data"].as<std::string>();
  c.shared_group = vm.count("shared-group") > 0 ||
                   (vm.count("shared_group") && vm["shared_group"].as<bool>());
  ApplyReaderOptions(vm, c);
  norm::CallConfig& call = c.call;
  if (vm.count("call.deadline")) call.deadline = vm["call.deadline"].as<std::string>();
  if (vm.count("call.timezone_offset_minutes"))
    call.timezone_offset_minutes = vm["call.timezone_offset_minutes"].as<int>();
  if (vm.count("call.trainees_minimum")) call.trainees_minimum = vm["call.trainees_minimum"].as<int>();
  for (const char* type : {"city", "provincial_department", "provincial_enterprise"}) {
    std::string key = std::string("call.quota_") + type;
    if (vm.count(key)) call.quotas[type] = vm[key].as<int>();
  }
  if (vm.count("call.expired_base") || vm.count("call.expired_bases_file")) {
    call.expired_bases.clear();
    if (vm.count("call.expired_base"))
      call.expired_bases = vm["call.expired_base"].as<std::vector<std::string>>();
    if (vm.count("call.expired_bases_file")) {
      std::ifstream list(vm["call.expired_bases_file"].as<std::string>());
      for (std::string line; std::getline(list, line);)
        if (line.find_first_not_of(" \t\r") != std::string::npos) call.expired_bases.push_back(line);
    }
  }
  if (vm.count("call.priority_area"))
    call.priority_areas = vm["call.priority_area"].as<std::vector<std::string>>();
  return c;
}

void PrintCommandHelp(const std::string& synopsis, const po::options_description& command) {
  std::cout << "usage: dossier " << synopsis << "\n\n"
            << command << "\n"
            << GlobalOptions() << "\n";
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);

  // The command is the first argument that is not an option or an option's value.
  size_t command_at = 0;
  while (command_at < args.size() && args[command_at].rfind("-", 0) == 0) {
    const std::string& a = args[command_at];
    bool takes_value = (a == "--data" || a == "--config");
    command_at += takes_value ? 2 : 1;
  }
  if (command_at >= args.size()) {
    for (const std::string& a : args) {
      if (a == "--version") {
        std::cout << "dossier " << DOSSIER_VERSION << "\n";
        return kExitOk;
      }
      if (a == "--help" || a == "-h") {
        std::cout << kUsage << "\n" << GlobalOptions() << "\n";
        return kExitOk;
      }
    }
    return Usage("no command given");
  }
  std::string command = args[command_at];
  // Root may read every file on the machine and would leave a data folder
  // its service account cannot open; only asking for it explicitly runs so.
  const bool asks_help = std::find(args.begin(), args.end(), "--help") != args.end() ||
                         std::find(args.begin(), args.end(), "-h") != args.end();
  if (RunningAsRoot() && command != "config" && !asks_help &&
      std::find(args.begin(), args.end(), "--allow-root") == args.end()) {
    std::cerr << "dossier: 拒绝以 root 身份运行：dossier 读取的是别人提交的文件，"
                 "应以普通用户（例如服务账户）运行；确有需要时加 --allow-root\n";
    return kExitError;
  }
  std::vector<std::string> rest(args.begin(), args.begin() + command_at);
  rest.insert(rest.end(), args.begin() + command_at + 1, args.end());

  po::variables_map vm;
  std::string error;
  if (command == "ingest") {
    po::options_description opts("ingest options");
    opts.add_options()("quiet,q", "print only the summary line")(
        "arrivals", po::value<std::string>(),
        "JSON file: path as received → ISO 8601 time it was received")(
        "path", po::value<std::vector<std::string>>(), "file or folder to take");
    opts.add(ReaderOptions());
    po::positional_options_description pos;
    pos.add("path", -1);
    if (!ParseCommand(rest, opts, pos, vm, error)) return Usage(error);
    if (vm.count("help")) {
      PrintCommandHelp("ingest [--quiet] PATH...", opts);
      return kExitOk;
    }
    if (!vm.count("path")) return Usage("ingest needs at least one file or folder");
    IngestConfig config{Common(vm), vm["path"].as<std::vector<std::string>>(),
                        vm.count("quiet") > 0,
                        vm.count("arrivals") ? vm["arrivals"].as<std::string>() : ""};
    return RunIngest(config);
  }
  if (command == "export") {
    po::options_description opts("export options");
    opts.add_options()("format", po::value<std::string>()->default_value("json"),
                       "output format: json")("out,o", po::value<std::string>(),
                                              "write to this file instead of standard output");
    po::positional_options_description pos;
    if (!ParseCommand(rest, opts, pos, vm, error)) return Usage(error);
    if (vm.count("help")) {
      PrintCommandHelp("export [--format json] [--out FILE]", opts);
      return kExitOk;
    }
    ExportConfig config{Common(vm), vm["format"].as<std::string>(),
                        vm.count("out") ? vm["out"].as<std::string>() : ""};
    return RunExport(config);
  }
  if (command == "config") {
    po::options_description opts("config options");
    opts.add_options()("show", "print the call's settings in force");
    po::positional_options_description pos;
    if (!ParseCommand(rest, opts, pos, vm, error)) return Usage(error);
    if (vm.count("help") || !vm.count("show")) {
      PrintCommandHelp("config --show", opts);
      return vm.count("help") ? kExitOk : kExitError;
    }
    return RunConfigShow(Common(vm));
  }
  if (command == "extract") {
    po::options_description opts("extract options");
    opts.add_options()("json", "print the document model as JSON")(
        "file", po::value<std::string>(), "the file to read");
    po::positional_options_description pos;
    pos.add("file", 1);
    if (!ParseCommand(rest, opts, pos, vm, error)) return Usage(error);
    if (vm.count("help")) {
      PrintCommandHelp("extract [--json] FILE", opts);
      return kExitOk;
    }
    if (!vm.count("file")) return Usage("extract needs a file");
    return RunExtract({vm["file"].as<std::string>(), vm.count("json") > 0});
  }
  if (command == "watch") {
    po::options_description opts("watch options");
    opts.add_options()("settle-ms", po::value<int64_t>()->default_value(3000),
                       "a file found by a scan is complete when unchanged this long")(
        "quiet-ms", po::value<int64_t>()->default_value(200),
        "a file closed after writing or moved in is complete when unchanged this long")(
        "rescan-ms", po::value<int64_t>()->default_value(30000),
        "look at the whole inbox again this often (shares where inotify sees nothing); 0: never")(
        "retry-ms", po::value<int64_t>()->default_value(10000),
        "after a failure of the data folder (disk full), try again this often")(
        "verbose,v", "log debug lines too")("inbox", po::value<std::string>(),
                                            "the folder to watch");
    opts.add(ReaderOptions());
    po::positional_options_description pos;
    pos.add("inbox", 1);
    if (!ParseCommand(rest, opts, pos, vm, error)) return Usage(error);
    if (vm.count("help")) {
      PrintCommandHelp("watch [--settle-ms N] [--rescan-ms N] INBOX", opts);
      return kExitOk;
    }
    if (!vm.count("inbox")) return Usage("watch needs the inbox folder to watch");
    WatchConfig config;
    config.common = Common(vm);
    config.inbox = vm["inbox"].as<std::string>();
    config.settle_ms = std::max<int64_t>(vm["settle-ms"].as<int64_t>(), 0);
    config.quiet_ms = std::max<int64_t>(vm["quiet-ms"].as<int64_t>(), 0);
    config.rescan_ms = std::max<int64_t>(vm["rescan-ms"].as<int64_t>(), 0);
    config.retry_ms = std::max<int64_t>(vm["retry-ms"].as<int64_t>(), 100);
    config.verbose = vm.count("verbose") > 0;
    return RunWatch(config);
  }
  if (command == "report") {
    po::options_description opts("report options");
    opts.add_options()("out,o", po::value<std::string>(), "folder to write the reports into")(
        "application", po::value<std::string>(),
        "regenerate only this application's dossier (its id, as in the export)");
    po::positional_options_description pos;
    if (!ParseCommand(rest, opts, pos, vm, error)) return Usage(error);
    if (vm.count("help")) {
      PrintCommandHelp("report --out DIR [--application ID]", opts);
      return kExitOk;
    }
    if (!vm.count("out")) return Usage("report needs --out DIR");
    ReportConfig config;
    config.common = Common(vm);
    config.out_dir = vm["out"].as<std::string>();
    if (vm.count("application")) config.application_id = vm["application"].as<std::string>();
    return RunReport(config);
  }
  if (command == "trace") {
    po::options_description opts("trace options");
    opts.add_options()("png", po::value<std::string>(),
                       "write the source picture, the value's box highlighted")(
        "format", po::value<std::string>()->default_value("text"), "output format: text, json")(
        "application", po::value<std::string>(), "application id (or unit name)")(
        "field", po::value<std::string>(), "field key (credit_code) or label (统一社会信用代码)");
    po::positional_options_description pos;
    pos.add("application", 1).add("field", 1);
    if (!ParseCommand(rest, opts, pos, vm, error)) return Usage(error);
    if (vm.count("help")) {
      PrintCommandHelp("trace APPLICATION FIELD [--png FILE] [--format json]", opts);
      return kExitOk;
    }
    if (!vm.count("application") || !vm.count("field")) {
      return Usage("trace needs an application and a field");
    }
    TraceConfig config;
    config.common = Common(vm);
    config.application = vm["application"].as<std::string>();
    config.field = vm["field"].as<std::string>();
    if (vm.count("png")) config.png = vm["png"].as<std::string>();
    config.format = vm["format"].as<std::string>();
    return RunTrace(config);
  }
  if (command == "status") {
    po::options_description opts("status options");
    po::positional_options_description pos;
    if (!ParseCommand(rest, opts, pos, vm, error)) return Usage(error);
    if (vm.count("help")) {
      PrintCommandHelp("status", opts);
      return kExitOk;
    }
    return RunStatus(Common(vm));
  }
  return Usage("unknown command '" + command + "'");
}
