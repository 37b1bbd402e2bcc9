#include "safe_xml.h"

#include <libxml/parser.h>
#include <libxml/xmlerror.h>

#include <climits>
#include <cstring>
#include <memory>
#include <mutex>
#include <string>

#include "dossier/common/rejection.h"

namespace dossier::extract_internal {
namespace {

const char* Chars(const xmlChar* s) { return reinterpret_cast<const char*>(s); }

// What the SAX hooks learn during one parse; hung on ctxt->_private.
struct ParseState {
  bool saw_doctype = false;
  bool have_error = false;
  int error_line = 0;
  std::string error_message;
};

// Replaces libxml2's handler, which would build the DTD and go on to parse
// entity declarations. Stopping here means not one declaration of a hostile
// internal subset is read.
void OnInternalSubset(void* ctx, const xmlChar*, const xmlChar*, const xmlChar*) {
  auto* ctxt = static_cast<xmlParserCtxtPtr>(ctx);
  static_cast<ParseState*>(ctxt->_private)->saw_doctype = true;
  xmlStopParser(ctxt);
}

// Keeps the first error for the message and stops libxml2 printing to stderr.
void OnError(void* user_data, xmlErrorPtr error) {
  auto* ctxt = static_cast<xmlParserCtxtPtr>(user_data);
  if (ctxt == nullptr || ctxt->_private == nullptr || error == nullptr) return;
  auto* state = static_cast<ParseState*>(ctxt->_private);
  if (state->have_error || error->level < XML_ERR_ERROR) return;
  state->have_error = true;
  state->error_line = error->line;
  if (error->message != nullptr) state->error_message = error->message;
  while (!state->error_message.empty() &&
         (state->error_message.back() == '\n' || state->error_message.back() == ' ')) {
    state->error_message.pop_back();
  }
}

void IgnoreGenericError(void*, const char*, ...) {}

// Some libxml2 paths report through the per-thread generic error channel
// rather than the context; silence it for the duration of one parse only.
class QuietGenericErrors {
 public:
  QuietGenericErrors() : saved_func_(xmlGenericError), saved_ctx_(xmlGenericErrorContext) {
    xmlSetGenericErrorFunc(nullptr, IgnoreGenericError);
  }
  ~QuietGenericErrors() { xmlSetGenericErrorFunc(saved_ctx_, saved_func_); }
  QuietGenericErrors(const QuietGenericErrors&) = delete;
  QuietGenericErrors& operator=(const QuietGenericErrors&) = delete;

 private:
  xmlGenericErrorFunc saved_func_;
  void* saved_ctx_;
};

struct CtxtFree {
  void operator()(xmlParserCtxtPtr c) const { xmlFreeParserCtxt(c); }
};

Status DoctypeStatus(std::string_view part) {
  return Reject(Rejection::kUnsafeXml, "文件中 " + std::string(part) +
                                           " 部分的 XML 含有 DOCTYPE 声明（可能是外部实体或实体膨胀"
                                           "攻击），为安全起见不读取");
}

}  // namespace

XmlDoc& XmlDoc::operator=(XmlDoc&& other) noexcept {
  if (this != &other) {
    if (doc_ != nullptr) xmlFreeDoc(doc_);
    doc_ = other.doc_;
    other.doc_ = nullptr;
  }
  return *this;
}

XmlDoc::~XmlDoc() {
  if (doc_ != nullptr) xmlFreeDoc(doc_);
}

const xmlNode* XmlDoc::Root() const {
  return doc_ != nullptr ? xmlDocGetRootElement(doc_) : nullptr;
}

Result<XmlDoc> ParseXml(std::string_view bytes, std::string_view part_name) {
  static std::once_flag init_once;
  std::call_once(init_once, [] { xmlInitParser(); });

  const std::string part(part_name);
  if (bytes.size() > static_cast<size_t>(INT_MAX)) {
    return Reject(Rejection::kTooLarge, "文件中 " + part + " 部分的 XML 过大，不读取");
  }

  QuietGenericErrors quiet;
  std::unique_ptr<xmlParserCtxt, CtxtFree> ctxt(xmlNewParserCtxt());
  if (ctxt == nullptr) return Reject(Rejection::kOutOfMemory, "读取 " + part + " 时内存不足");
  ParseState state;
  ctxt->_private = &state;
  ctxt->sax->internalSubset = OnInternalSubset;
  ctxt->sax->serror = OnError;

  // Deliberately absent: XML_PARSE_NOENT (entity substitution),
  // XML_PARSE_DTDLOAD / DTDATTR / DTDVALID (fetching a DTD), XML_PARSE_HUGE
  // (lifts libxml2's own size and depth limits), XML_PARSE_XINCLUDE.
  const int options = XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_NOERROR | XML_PARSE_NOWARNING;
  xmlDocPtr raw = xmlCtxtReadMemory(ctxt.get(), bytes.data(), static_cast<int>(bytes.size()),
                                    nullptr, nullptr, options);
  XmlDoc doc(raw);
  if (state.saw_doctype) return DoctypeStatus(part);
  if (raw == nullptr || !ctxt->wellFormed) {
    std::string msg = "文件已损坏：" + part + " 部分的 XML 不完整或有错";
    if (state.have_error) {
      msg += "（第 " + std::to_string(state.error_line) + " 行：" + state.error_message + "）";
    }
    return Reject(Rejection::kDamaged, msg);
  }
  // Belt and braces: the hook above should have stopped any DOCTYPE already.
  if (raw->intSubset != nullptr || raw->extSubset != nullptr) return DoctypeStatus(part);
  if (doc.Root() == nullptr) {
    return Reject(Rejection::kDamaged, "文件已损坏：" + part + " 部分的 XML 是空的");
  }
  return doc;
}

std::string_view LocalName(const xmlNode* node) {
  if (node == nullptr || node->type != XML_ELEMENT_NODE || node->name == nullptr) return {};
  return Chars(node->name);
}

std::string_view NamespaceUri(const xmlNode* node) {
  if (node == nullptr || node->ns == nullptr || node->ns->href == nullptr) return {};
  return Chars(node->ns->href);
}

bool IsElement(const xmlNode* node, std::string_view ns, std::string_view local) {
  return node != nullptr && node->type == XML_ELEMENT_NODE && LocalName(node) == local &&
         NamespaceUri(node) == ns;
}

std::optional<std::string> Attr(const xmlNode* node, std::string_view ns, std::string_view local) {
  if (node == nullptr || node->type != XML_ELEMENT_NODE) return std::nullopt;
  for (const xmlAttr* a = node->properties; a != nullptr; a = a->next) {
    if (a->name == nullptr || local != Chars(a->name)) continue;
    std::string_view a_ns =
        (a->ns != nullptr && a->ns->href != nullptr) ? Chars(a->ns->href) : std::string_view();
    if (a_ns != ns) continue;
    std::string value;
    for (const xmlNode* c = a->children; c != nullptr; c = c->next) {
      if (c->content != nullptr) value += Chars(c->content);
    }
    return value;
  }
  return std::nullopt;
}

void AppendText(const xmlNode* node, std::string& out) {
  if (node == nullptr) return;
  for (const xmlNode* c = node->children; c != nullptr; c = c->next) {
    if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) && c->content != nullptr) {
      out += Chars(c->content);
    }
  }
}

const xmlNode* FirstChild(const xmlNode* parent, std::string_view ns, std::string_view local) {
  for (const xmlNode* c : Elements(parent)) {
    if (IsElement(c, ns, local)) return c;
  }
  return nullptr;
}

}  // namespace dossier::extract_internal
