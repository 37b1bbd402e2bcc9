#include "dossier/ingest/imap_mailbox.h"

#include <curl/curl.h>

#include <cctype>
#include <mutex>
#include <sstream>
#include <string>

#include "imap_module.h"

namespace dossier {
namespace {

struct CurlFree {
  void operator()(CURL* c) const { curl_easy_cleanup(c); }
};
struct CurlUrlFree {
  void operator()(CURLU* u) const { curl_url_cleanup(u); }
};

size_t Append(char* data, size_t size, size_t n, void* out) {
  static_cast<std::string*>(out)->append(data, size * n);
  return size * n;
}

std::string UrlPart(CURLU* url, CURLUPart part) {
  char* value = nullptr;
  if (curl_url_get(url, part, &value, part == CURLUPART_PATH ? CURLU_URLDECODE : 0) != CURLUE_OK)
    return "";
  std::string out(value);
  curl_free(value);
  return out;
}

// An IMAP quoted string.
std::string Quoted(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

class CurlMailbox final : public ImapMailbox {
 public:
  CurlMailbox(ImapOptions options, std::string base, std::string user, std::string where,
              std::string mailbox_path)
      : options_(std::move(options)),
        base_(std::move(base)),
        user_(std::move(user)),
        where_(std::move(where)),
        mailbox_path_(std::move(mailbox_path)) {}

  Result<std::vector<uint64_t>> NewMessages() override {
    std::string out;
    if (Status s = Run(base_ + mailbox_path_,
                       std::string("UID SEARCH NOT DELETED NOT KEYWORD ") + kTakenKeyword, &out);
        !s.ok())
      return s;
    std::vector<uint64_t> uids;
    std::istringstream lines(out);
    std::string line;
    while (std::getline(lines, line)) {
      if (line.rfind("* SEARCH", 0) != 0) continue;
      std::istringstream words(line.substr(8));
      uint64_t uid = 0;
      while (words >> uid) uids.push_back(uid);
    }
    return uids;
  }

  Result<std::string> Fetch(uint64_t uid) override {
    std::string out;
    if (Status s = Run(base_ + mailbox_path_ + "/;UID=" + std::to_string(uid), "", &out); !s.ok())
      return s;
    return out;
  }

  Status MarkTaken(uint64_t uid) override {
    std::string ignored;
    const std::string mailbox_url = base_ + mailbox_path_;
    if (options_.folder_done.empty()) {
      return Run(mailbox_url,
                 "UID STORE " + std::to_string(uid) + " +FLAGS.SILENT (" + kTakenKeyword + ")",
                 &ignored);
    }
    if (!done_folder_ready_) {
      // CREATE fails when the folder exists, which is what we want anyway.
      (void)Run(mailbox_url, "CREATE " + Quoted(options_.folder_done), &ignored);
      done_folder_ready_ = true;
    }
    return Run(mailbox_url, "UID MOVE " + std::to_string(uid) + " " + Quoted(options_.folder_done),
               &ignored);
  }

  std::string Where() const override { return where_; }

 private:
  Status Run(const std::string& url, const std::string& command, std::string* out) {
    if (!curl_) {
      curl_.reset(curl_easy_init());
      if (!curl_) return Status::Internal("libcurl could not start");
    }
    CURL* c = curl_.get();
    char error[CURL_ERROR_SIZE] = {0};
    curl_easy_setopt(c, CURLOPT_URL, url.c_str());
    curl_easy_setopt(c, CURLOPT_USERNAME, user_.c_str());
    curl_easy_setopt(c, CURLOPT_PASSWORD, options_.password.c_str());
    curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, command.empty() ? nullptr : command.c_str());
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, Append);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, out);
    curl_easy_setopt(c, CURLOPT_ERRORBUFFER, error);
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 30L);
    curl_easy_setopt(c, CURLOPT_TIMEOUT, options_.timeout_seconds);
    curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 2L);
    if (!options_.ca_file.empty()) curl_easy_setopt(c, CURLOPT_CAINFO, options_.ca_file.c_str());
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    const CURLcode rc = curl_easy_perform(c);
    if (rc != CURLE_OK) {
      std::string what = error[0] ? error : curl_easy_strerror(rc);
      return Status::Io("IMAP " + where_ + (command.empty() ? "" : " (" + command + ")") + ": " +
                        what);
    }
    return Status::Ok();
  }

  ImapOptions options_;
  std::string base_;  // scheme://host:port
  std::string user_;
  std::string where_;
  std::string mailbox_path_;  // "/INBOX", as in the URL
  std::unique_ptr<CURL, CurlFree> curl_;
  bool done_folder_ready_ = false;
};

}  // namespace

Result<std::unique_ptr<ImapMailbox>> ingest_internal::OpenCurlMailbox(const ImapOptions& options) {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  std::unique_ptr<CURLU, CurlUrlFree> url(curl_url());
  if (!url || curl_url_set(url.get(), CURLUPART_URL, options.url.c_str(), 0) != CURLUE_OK)
    return Status::InvalidInput("not a mailbox URL: " + options.url +
                                " (expected imaps://USER@HOST/MAILBOX)");
  const std::string scheme = UrlPart(url.get(), CURLUPART_SCHEME);
  const std::string host = UrlPart(url.get(), CURLUPART_HOST);
  const std::string port = UrlPart(url.get(), CURLUPART_PORT);
  char* user_raw = nullptr;
  std::string user;
  if (curl_url_get(url.get(), CURLUPART_USER, &user_raw, CURLU_URLDECODE) == CURLUE_OK) {
    user = user_raw;
    curl_free(user_raw);
  }
  std::string path = UrlPart(url.get(), CURLUPART_PATH);
  char* raw_path = nullptr;
  std::string encoded_path;
  if (curl_url_get(url.get(), CURLUPART_PATH, &raw_path, 0) == CURLUE_OK) {
    encoded_path = raw_path;
    curl_free(raw_path);
  }
  while (encoded_path.size() > 1 && encoded_path.back() == '/') encoded_path.pop_back();
  if (scheme != "imaps" && scheme != "imap")
    return Status::InvalidInput("the mailbox URL must start with imaps:// (got " + scheme + "://)");
  const bool local = host == "127.0.0.1" || host == "localhost" || host == "[::1]" || host == "::1";
  if (scheme == "imap" && !local)
    return Status::InvalidInput(
        "imap:// sends the password unencrypted; use imaps:// (plain imap:// is only allowed to "
        "127.0.0.1 or localhost, for tests)");
  if (user.empty())
    return Status::InvalidInput("the mailbox URL names no user (imaps://USER@HOST/MAILBOX)");
  if (encoded_path.empty() || encoded_path == "/")
    return Status::InvalidInput("the mailbox URL names no mailbox (imaps://USER@HOST/INBOX)");
  for (char c : options.folder_done) {
    // IMAP names other folders in modified UTF-7, which this does not write.
    if (static_cast<unsigned char>(c) >= 0x80 || c < 0x20)
      return Status::InvalidInput("--folder-done takes an ASCII folder name (got " +
                                  options.folder_done + ")");
  }
  const std::string base = scheme + "://" + host + (port.empty() ? "" : ":" + port);
  return std::unique_ptr<ImapMailbox>(
      new CurlMailbox(options, base, user, host + path, encoded_path));
}

}  // namespace dossier
