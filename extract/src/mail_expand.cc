// ExpandMail: a saved mail → its attachments, its text and its arrival, with
// GMime. Every GMime object is owned by a GObject reference released here.
#include <gmime/gmime.h>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <exception>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "dossier/common/text.h"
#include "dossier/extract/mail.h"
#include "mail_module.h"

namespace dossier {
namespace {

struct GObjectUnref {
  void operator()(void* p) const {
    if (p != nullptr) g_object_unref(p);
  }
};
template <typename T>
using GPtr = std::unique_ptr<T, GObjectUnref>;

struct GFree {
  void operator()(void* p) const { g_free(p); }
};
using GString_ = std::unique_ptr<char, GFree>;

struct ParserOptionsFree {
  void operator()(GMimeParserOptions* p) const { g_mime_parser_options_free(p); }
};

void InitGMimeOnce() {
  static std::once_flag once;
  std::call_once(once, [] { g_mime_init(); });
}

Status Refuse(const char* code, const std::string& why) {
  return Status::LimitExceeded(std::string(code) + ": " + why);
}

bool ValidUtf8(std::string_view s) { return g_utf8_validate(s.data(), s.size(), nullptr); }

// Text whose charset was not declared (or declared wrongly): UTF-8 if it is,
// else the Chinese charsets senders' mail programs use, else Latin-1 so that
// nothing is lost.
std::string ToUtf8Guessing(std::string_view raw) {
  if (ValidUtf8(raw)) return std::string(raw);
  for (const char* charset : {"GB18030", "BIG5"}) {
    gsize written = 0;
    GString_ out(g_convert(raw.data(), static_cast<gssize>(raw.size()), "UTF-8", charset, nullptr,
                           &written, nullptr));
    if (out) return std::string(out.get(), written);
  }
  gsize written = 0;
  GString_ out(g_convert(raw.data(), static_cast<gssize>(raw.size()), "UTF-8", "ISO-8859-1",
                         nullptr, &written, nullptr));
  return out ? std::string(out.get(), written) : std::string();
}

// Where the header block ends (the first empty line), or npos.
size_t HeaderEnd(std::string_view bytes) {
  const size_t crlf = bytes.find("\r\n\r\n");
  const size_t lf = bytes.find("\n\n");
  if (crlf == std::string_view::npos) return lf;
  if (lf == std::string_view::npos) return crlf;
  return std::min(crlf, lf);
}

size_t CountIgnoringCase(std::string_view hay, std::string_view needle, size_t stop_after) {
  size_t n = 0;
  for (size_t i = 0; i + needle.size() <= hay.size() && n <= stop_after; ++i) {
    size_t k = 0;
    while (k < needle.size() && std::tolower(static_cast<unsigned char>(hay[i + k])) == needle[k])
      ++k;
    if (k == needle.size()) ++n;
  }
  return n;
}

std::string Extension(const std::string& mime) {
  static const std::map<std::string, std::string> kByType = {
      {"application/pdf", ".pdf"},
      {"image/jpeg", ".jpg"},
      {"image/jpg", ".jpg"},
      {"image/png", ".png"},
      {"image/tiff", ".tif"},
      {"image/gif", ".gif"},
      {"application/zip", ".zip"},
      {"application/x-zip-compressed", ".zip"},
      {"application/msword", ".doc"},
      {"application/vnd.ms-excel", ".xls"},
      {"application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".docx"},
      {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".xlsx"},
      {"application/ms-tnef", ".dat"},
      {"application/vnd.ms-tnef", ".dat"},
      {"message/rfc822", ".eml"},
      {"text/plain", ".txt"},
      {"text/html", ".html"},
  };
  auto it = kByType.find(text::AsciiLower(mime));
  return it == kByType.end() ? ".bin" : it->second;
}

// One path element a clerk can read and no file system misreads: separators
// and control characters become '_', leading dots and spaces go, and the
// name is cut (on a character boundary) to 150 bytes keeping its extension.
std::string SafeName(const std::string& utf8) {
  std::string out;
  for (size_t i = 0; i < utf8.size();) {
    const size_t start = i;
    const char32_t cp = text::DecodeUtf8(utf8, &i);
    if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0) || cp == U'/' || cp == U'\\' ||
        cp == 0xFFFD || (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069)) {
      out += '_';
    } else {
      out.append(utf8, start, i - start);
    }
  }
  size_t lead = 0;
  while (lead < out.size() && (out[lead] == '.' || out[lead] == ' ' || out[lead] == '_')) ++lead;
  out.erase(0, lead);
  while (!out.empty() && (out.back() == ' ' || out.back() == '.')) out.pop_back();
  constexpr size_t kMax = 150;
  if (out.size() > kMax) {
    const size_t dot = out.find_last_of('.');
    std::string ext = dot != std::string::npos && out.size() - dot <= 10 ? out.substr(dot) : "";
    size_t cut = kMax - ext.size();
    while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xC0) == 0x80) --cut;
    out = out.substr(0, cut) + ext;
  }
  return out;
}

std::string StripHtml(std::string_view html) {
  std::string out;
  bool in_tag = false;
  std::string tag;
  for (char c : html) {
    if (in_tag) {
      if (c == '>') {
        in_tag = false;
        const std::string t = text::AsciiLower(tag);
        if (t.rfind("br", 0) == 0 || t.rfind("/p", 0) == 0 || t.rfind("/div", 0) == 0 ||
            t.rfind("/tr", 0) == 0)
          out += '\n';
        tag.clear();
      } else if (tag.size() < 16) {
        tag += c;
      }
    } else if (c == '<') {
      in_tag = true;
    } else {
      out += c;
    }
  }
  static const std::pair<const char*, const char*> kEntities[] = {
      {"&nbsp;", " "}, {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&amp;", "&"}};
  for (const auto& [from, to] : kEntities) {
    for (size_t p = out.find(from); p != std::string::npos; p = out.find(from, p + 1))
      out.replace(p, std::string_view(from).size(), to);
  }
  return out;
}

std::string PartBytes(GMimePart* part) {
  GMimeDataWrapper* content = g_mime_part_get_content(part);
  if (content == nullptr) return {};
  GPtr<GMimeStream> out(g_mime_stream_mem_new());
  g_mime_data_wrapper_write_to_stream(content, out.get());
  GByteArray* array = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(out.get()));
  return std::string(reinterpret_cast<const char*>(array->data), array->len);
}

class Walker {
 public:
  Walker(const MailLimits& limits, MailContents* out) : limits_(limits), out_(out) {}

  Status Message(GMimeMessage* message, const std::string& folder, int depth) {
    GMimeObject* root = g_mime_message_get_mime_part(message);
    if (root == nullptr) return Status::Ok();
    return Object(root, folder, depth);
  }

  std::string plain_;
  std::string html_;

 private:
  Status Object(GMimeObject* object, const std::string& folder, int depth) {
    if (++parts_ > limits_.max_parts)
      return Refuse(
          "mail_too_many_parts",
          "邮件含有超过 " + std::to_string(limits_.max_parts) +
              " 个 MIME 部分（疑为“MIME 炸弹”），整封邮件不予拆开；请发件人精简后重新发送");
    if (depth > limits_.max_depth)
      return Refuse("mail_too_deep", "邮件的嵌套层次超过 " + std::to_string(limits_.max_depth) +
                                         " 层（疑为恶意构造），整封邮件不予拆开");
    if (GMIME_IS_MULTIPART(object)) {
      GMimeMultipart* multi = GMIME_MULTIPART(object);
      const int count = g_mime_multipart_get_count(multi);
      for (int i = 0; i < count; ++i) {
        if (Status s = Object(g_mime_multipart_get_part(multi, i), folder, depth + 1); !s.ok())
          return s;
      }
      return Status::Ok();
    }
    if (GMIME_IS_MESSAGE_PART(object)) {
      GMimeMessage* inner = g_mime_message_part_get_message(GMIME_MESSAGE_PART(object));
      if (inner == nullptr) return Status::Ok();
      std::string name;
      if (const char* subject = g_mime_message_get_subject(inner); subject && *subject)
        name = SafeName(ToUtf8Guessing(subject));
      if (name.empty()) name = "附件邮件" + std::to_string(++unnamed_);
      name = Unique(folder, name + ".eml");
      return Message(inner, folder + name + "/", depth + 1);
    }
    if (!GMIME_IS_PART(object)) return Status::Ok();
    GMimePart* part = GMIME_PART(object);
    GMimeContentType* type = g_mime_object_get_content_type(object);
    GString_ mime(type ? g_mime_content_type_get_mime_type(type)
                       : g_strdup("application/octet-stream"));
    const char* filename = g_mime_part_get_filename(part);
    const bool is_attachment = g_mime_part_is_attachment(part);
    const bool is_text = type && g_mime_content_type_is_type(type, "text", "*");
    if (is_text && folder.empty() && (filename == nullptr || !*filename) && !is_attachment) {
      // The body (not an attachment): kept as the cover letter.
      std::string text;
      if (GMIME_IS_TEXT_PART(object)) {
        GString_ t(g_mime_text_part_get_text(GMIME_TEXT_PART(object)));
        if (t) text = ToUtf8Guessing(t.get());
      }
      if (g_mime_content_type_is_type(type, "text", "html")) {
        if (html_.empty()) html_ = StripHtml(text);
      } else if (plain_.empty()) {
        plain_ = text;
      }
      return Status::Ok();
    }
    std::string raw_name = filename ? ToUtf8Guessing(filename) : "";
    std::string name = SafeName(raw_name);
    if (!raw_name.empty() && name != raw_name) {
      out_->notes.push_back("mail_unsafe_name: 附件名「" + SafeName(raw_name) +
                            "」原含路径符号或控制字符，已去掉后保存");
    }
    if (name.empty()) {
      const bool image = type && g_mime_content_type_is_type(type, "image", "*");
      name =
          std::string(image ? "图片" : "附件") + std::to_string(++unnamed_) + Extension(mime.get());
    }
    name = Unique(folder, name);
    MailAttachment a;
    a.member.name = folder + name;
    a.member.bytes = PartBytes(part);
    const std::string lower = text::AsciiLower(name);
    if (lower == "winmail.dat" || text::AsciiLower(mime.get()).find("tnef") != std::string::npos) {
      a.reject_reason =
          "mail_tnef: 这是 Outlook 的 TNEF 封装（winmail.dat），其中的附件本系统不能拆开；"
          "请发件人在 Outlook 中改用“纯文本”或 HTML 格式重新发送";
    }
    out_->attachments.push_back(std::move(a));
    return Status::Ok();
  }

  // Two parts of one name in one folder: the second gets " (2)".
  std::string Unique(const std::string& folder, const std::string& name) {
    std::string candidate = name;
    const size_t dot = name.find_last_of('.');
    const std::string stem = dot == std::string::npos || dot == 0 ? name : name.substr(0, dot);
    const std::string ext = dot == std::string::npos || dot == 0 ? "" : name.substr(dot);
    for (int n = 2; !names_.insert(text::AsciiLower(folder + candidate)).second; ++n)
      candidate = stem + " (" + std::to_string(n) + ")" + ext;
    return candidate;
  }

  const MailLimits& limits_;
  MailContents* out_;
  int parts_ = 0;
  int unnamed_ = 0;
  std::set<std::string> names_;
};

// The time in the topmost Received: header (after its last ';').
int64_t TopReceivedMs(GMimeObject* message) {
  GMimeHeaderList* headers = g_mime_object_get_header_list(message);
  const int count = g_mime_header_list_get_count(headers);
  for (int i = 0; i < count; ++i) {
    GMimeHeader* h = g_mime_header_list_get_header_at(headers, i);
    if (g_ascii_strcasecmp(g_mime_header_get_name(h), "Received") != 0) continue;
    const char* value = g_mime_header_get_raw_value(h);
    if (value == nullptr) return 0;
    const char* semi = std::strrchr(value, ';');
    if (semi == nullptr) return 0;
    GDateTime* when = g_mime_utils_header_decode_date(semi + 1);
    if (when == nullptr) return 0;
    const int64_t ms = g_date_time_to_unix(when) * 1000;
    g_date_time_unref(when);
    return ms;
  }
  return 0;
}

void AddLine(Document* doc, const std::string& text, const std::string& locator) {
  Span span;
  span.text = text;
  span.page = 0;
  span.locator = locator;
  span.method = ReadMethod::kMail;
  doc->spans.push_back(std::move(span));
}

Result<MailContents> Expand(std::string_view bytes, const MailLimits& limits) {
  const size_t header_end = HeaderEnd(bytes);
  const size_t header_size = header_end == std::string_view::npos ? bytes.size() : header_end;
  if (header_size > limits.max_header_bytes)
    return Refuse("mail_header_too_large", "邮件头有 " + std::to_string(header_size / 1024) +
                                               " KiB，超过 " +
                                               std::to_string(limits.max_header_bytes / 1024) +
                                               " KiB 的上限（疑为恶意构造），整封邮件不予拆开");
  // GMime builds every part before we can count them; containers are counted
  // first so that a bomb is refused before it is built.
  const size_t containers = CountIgnoringCase(bytes, "multipart/", limits.max_parts + 1) +
                            CountIgnoringCase(bytes, "message/rfc822", limits.max_parts + 1);
  if (containers > static_cast<size_t>(limits.max_parts))
    return Refuse("mail_too_many_parts",
                  "邮件含有超过 " + std::to_string(limits.max_parts) +
                      " 个 MIME 部分（疑为“MIME 炸弹”），整封邮件不予拆开；请发件人精简后重新发送");

  InitGMimeOnce();
  std::unique_ptr<GMimeParserOptions, ParserOptionsFree> options(g_mime_parser_options_new());
  // Chinese mail programs write raw GBK or Big5 in headers and names without
  // declaring it; UTF-8 first, since most do declare.
  const char* fallback[] = {"UTF-8", "GB18030", "BIG5", "ISO-8859-1", nullptr};
  g_mime_parser_options_set_fallback_charsets(options.get(), fallback);
  g_mime_parser_options_set_rfc2047_compliance_mode(options.get(), GMIME_RFC_COMPLIANCE_LOOSE);
  g_mime_parser_options_set_parameter_compliance_mode(options.get(), GMIME_RFC_COMPLIANCE_LOOSE);

  GPtr<GMimeStream> stream(g_mime_stream_mem_new_with_buffer(bytes.data(), bytes.size()));
  GPtr<GMimeParser> parser(g_mime_parser_new_with_stream(stream.get()));
  GPtr<GMimeMessage> message(g_mime_parser_construct_message(parser.get(), options.get()));
  if (!message)
    return Status::InvalidInput("mail_unreadable: 文件看起来是邮件，但邮件结构已损坏，无法拆开");

  MailContents out;
  if (InternetAddressList* from = g_mime_message_get_from(message.get())) {
    GString_ s(internet_address_list_to_string(from, nullptr, FALSE));
    if (s) out.info.from = ToUtf8Guessing(s.get());
  }
  if (const char* subject = g_mime_message_get_subject(message.get()))
    out.info.subject = ToUtf8Guessing(subject);
  if (const char* id = g_mime_message_get_message_id(message.get()))
    out.info.message_id = ToUtf8Guessing(id);
  if (int64_t received = TopReceivedMs(GMIME_OBJECT(message.get())); received > 0) {
    out.info.received_at_ms = received;
    out.info.time_basis = "received";
  } else if (GDateTime* date = g_mime_message_get_date(message.get())) {
    out.info.received_at_ms = g_date_time_to_unix(date) * 1000;
    out.info.time_basis = "date";
  }

  Walker walker(limits, &out);
  if (Status s = walker.Message(message.get(), "", 0); !s.ok()) return s;

  if (!out.info.from.empty()) AddLine(&out.letter, "发件人：" + out.info.from, "mail from");
  if (!out.info.subject.empty()) AddLine(&out.letter, "主题：" + out.info.subject, "mail subject");
  const std::string& body = !walker.plain_.empty() ? walker.plain_ : walker.html_;
  int line_number = 0;
  for (const std::string& line : text::Split(body, U'\n')) {
    ++line_number;
    std::string t = text::Trim(line);
    if (t.empty()) continue;
    if (static_cast<int>(out.letter.spans.size()) >= limits.max_body_lines) {
      out.letter.warnings.push_back("邮件正文过长，只保留前 " +
                                    std::to_string(limits.max_body_lines) + " 行");
      break;
    }
    AddLine(&out.letter, t, "mail line " + std::to_string(line_number));
  }
  return out;
}

}  // namespace

Result<MailContents> extract_internal::ExpandMailWithGMime(std::string_view bytes,
                                                           const MailLimits& limits) {
  try {
    return Expand(bytes, limits);
  } catch (const std::bad_alloc&) {
    return Status::LimitExceeded("mail_too_large: 拆开这封邮件所需的内存超过上限");
  } catch (const std::exception& e) {
    return Status::Internal(std::string("mail_unreadable: 拆开邮件时出现意外错误（") + e.what() +
                            "）");
  }
}

}  // namespace dossier
