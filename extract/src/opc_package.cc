#include "opc_package.h"

#include <utility>

namespace dossier::extract_internal {
namespace {

constexpr std::string_view kRelsNs = "http://schemas.openxmlformats.org/package/2006/relationships";

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string PercentDecode(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size()) {
      int hi = HexValue(s[i + 1]), lo = HexValue(s[i + 2]);
      if (hi >= 0 && lo >= 0) {
        out.push_back(static_cast<char>(hi * 16 + lo));
        i += 2;
        continue;
      }
    }
    out.push_back(s[i]);
  }
  return out;
}

}  // namespace

bool IsRelType(const Relationship& rel, std::string_view kind) {
  std::string_view type = rel.type;
  return type.size() > kind.size() && type.substr(type.size() - kind.size()) == kind &&
         type[type.size() - kind.size() - 1] == '/';
}

std::string RelsPartFor(std::string_view part) {
  size_t slash = part.rfind('/');
  std::string_view folder = slash == std::string_view::npos ? "" : part.substr(0, slash + 1);
  std::string_view file = slash == std::string_view::npos ? part : part.substr(slash + 1);
  return std::string(folder) + "_rels/" + std::string(file) + ".rels";
}

std::string ResolveTarget(std::string_view source_part, std::string_view target) {
  std::string decoded = PercentDecode(target);
  size_t cut = decoded.find_first_of("#?");
  if (cut != std::string::npos) decoded.resize(cut);
  std::string path;
  if (!decoded.empty() && decoded[0] == '/') {
    path = decoded.substr(1);
  } else {
    size_t slash = source_part.rfind('/');
    if (slash != std::string_view::npos) path = std::string(source_part.substr(0, slash + 1));
    path += decoded;
  }
  std::vector<std::string> parts;
  size_t start = 0;
  while (start <= path.size()) {
    size_t end = path.find('/', start);
    if (end == std::string::npos) end = path.size();
    std::string seg = path.substr(start, end - start);
    if (seg == "..") {
      if (parts.empty()) return "";
      parts.pop_back();
    } else if (!seg.empty() && seg != ".") {
      parts.push_back(std::move(seg));
    }
    start = end + 1;
  }
  std::string out;
  for (const std::string& p : parts) {
    if (!out.empty()) out += '/';
    out += p;
  }
  return out;
}

Result<XmlDoc> ReadXmlPart(ZipArchive& zip, std::string_view part) {
  Result<std::string> bytes = zip.Read(part);
  if (!bytes.ok()) return bytes.status();
  return ParseXml(*bytes, part);
}

Result<std::vector<Relationship>> ReadRelationships(ZipArchive& zip, std::string_view source_part) {
  std::vector<Relationship> rels;
  const std::string rels_part = RelsPartFor(source_part);
  if (!zip.Contains(rels_part)) return rels;
  Result<XmlDoc> doc = ReadXmlPart(zip, rels_part);
  if (!doc.ok()) return doc.status();
  for (const xmlNode* r : Elements(doc->Root())) {
    if (!IsElement(r, kRelsNs, "Relationship")) continue;
    Relationship rel;
    rel.id = Attr(r, "", "Id").value_or("");
    rel.type = Attr(r, "", "Type").value_or("");
    if (Attr(r, "", "TargetMode").value_or("") != "External") {
      rel.target = ResolveTarget(source_part, Attr(r, "", "Target").value_or(""));
    }
    rels.push_back(std::move(rel));
  }
  return rels;
}

Result<std::string> MainPart(ZipArchive& zip, std::string_view fallback) {
  Result<std::vector<Relationship>> rels = ReadRelationships(zip, "");
  if (!rels.ok()) return rels.status();
  for (const Relationship& rel : *rels) {
    if (IsRelType(rel, "officeDocument") && !rel.target.empty() && zip.Contains(rel.target)) {
      return rel.target;
    }
  }
  return std::string(fallback);
}

void WarningSink::Add(std::string message) {
  if (out_ == nullptr || max_ <= 0) return;
  if (static_cast<int>(out_->size()) < max_) {
    out_->push_back(std::move(message));
    return;
  }
  if (!overflowed_) {
    overflowed_ = true;
    out_->back() =
        "more problems were found; only the first " + std::to_string(max_ - 1) + " are listed";
  }
}

}  // namespace dossier::extract_internal
