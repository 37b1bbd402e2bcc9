// Private to extract/: parsing untrusted XML parts of OOXML packages with
// libxml2, and walking the tree by namespace URI and local name.
#pragma once

#include <libxml/tree.h>

#include <optional>
#include <string>
#include <string_view>

#include "dossier/common/status.h"

namespace dossier::extract_internal {

// Owns a parsed libxml2 document. Movable, not copyable.
class XmlDoc {
 public:
  XmlDoc() = default;
  explicit XmlDoc(xmlDocPtr doc) : doc_(doc) {}
  XmlDoc(XmlDoc&& other) noexcept : doc_(other.doc_) { other.doc_ = nullptr; }
  XmlDoc& operator=(XmlDoc&& other) noexcept;
  XmlDoc(const XmlDoc&) = delete;
  XmlDoc& operator=(const XmlDoc&) = delete;
  ~XmlDoc();

  // The root element; nullptr for an empty XmlDoc.
  const xmlNode* Root() const;

 private:
  xmlDocPtr doc_ = nullptr;
};

// Parses `bytes`, the content of the package part `part_name` (used in
// messages only). Entities are never substituted, no DTD or network resource
// is loaded, and a document that declares a DOCTYPE at all is refused, which
// rules out XXE and entity-expansion bombs. libxml2 prints nothing.
// On failure: InvalidInput "the XML of <part> declares a DOCTYPE, which is not
// allowed (possible XXE or entity bomb)" or "the XML of <part> is damaged
// (line N: ...)".
// Thread-safe: yes.
Result<XmlDoc> ParseXml(std::string_view bytes, std::string_view part_name);

// The element's local name ("" for a non-element).
std::string_view LocalName(const xmlNode* node);
// The element's namespace URI ("" when it has none).
std::string_view NamespaceUri(const xmlNode* node);

// True if `node` is an element named `local` in namespace `ns`.
bool IsElement(const xmlNode* node, std::string_view ns, std::string_view local);

// The value of attribute `local` in namespace `ns` ("" = an unqualified
// attribute, as SpreadsheetML uses); nullopt if absent.
std::optional<std::string> Attr(const xmlNode* node, std::string_view ns, std::string_view local);

// Appends the text and CDATA children of `node` (not deeper descendants).
void AppendText(const xmlNode* node, std::string& out);

// Iterates over the element children of a node, skipping text, comments and
// processing instructions: `for (const xmlNode* c : Elements(node))`.
class Elements {
 public:
  class Iterator {
   public:
    explicit Iterator(const xmlNode* node) : node_(Skip(node)) {}
    const xmlNode* operator*() const { return node_; }
    Iterator& operator++() {
      node_ = Skip(node_->next);
      return *this;
    }
    bool operator!=(const Iterator& other) const { return node_ != other.node_; }

   private:
    static const xmlNode* Skip(const xmlNode* n) {
      while (n != nullptr && n->type != XML_ELEMENT_NODE) n = n->next;
      return n;
    }
    const xmlNode* node_;
  };

  explicit Elements(const xmlNode* parent) : parent_(parent) {}
  Iterator begin() const { return Iterator(parent_ != nullptr ? parent_->children : nullptr); }
  Iterator end() const { return Iterator(nullptr); }

 private:
  const xmlNode* parent_;
};

// The first element child named `local` in `ns`; nullptr if none.
const xmlNode* FirstChild(const xmlNode* parent, std::string_view ns, std::string_view local);

}  // namespace dossier::extract_internal
