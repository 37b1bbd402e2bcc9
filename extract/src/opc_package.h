// Private to extract/: the Open Packaging Conventions layer shared by the
// DOCX and XLSX readers (relationships, part names, XML parts).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "dossier/common/status.h"
#include "safe_xml.h"
#include "zip_archive.h"

namespace dossier::extract_internal {

struct Relationship {
  std::string id;
  std::string type;    // the full type URI
  std::string target;  // resolved part name ("xl/worksheets/sheet1.xml"); empty if external
};

// True if the relationship type URI ends with "/<kind>" ("officeDocument",
// "worksheet", ...), which covers both transitional and strict OOXML.
bool IsRelType(const Relationship& rel, std::string_view kind);

// "xl/workbook.xml" → "xl/_rels/workbook.xml.rels"; "" (the package) → "_rels/.rels".
std::string RelsPartFor(std::string_view part);

// Resolves a relationship target against the part that holds it: relative
// targets against that part's folder, "/x" from the package root; "." and
// ".." are folded, %XX decoded. Returns "" if the target leaves the package.
std::string ResolveTarget(std::string_view source_part, std::string_view target);

// Reads the relationships of `source_part` ("" for the package). A missing
// .rels part is no error: returns an empty list.
Result<std::vector<Relationship>> ReadRelationships(ZipArchive& zip, std::string_view source_part);

// Reads and parses one XML part.
Result<XmlDoc> ReadXmlPart(ZipArchive& zip, std::string_view part);

// The package's main part: the target of the root "officeDocument"
// relationship if the package has one and the part exists, else `fallback`.
Result<std::string> MainPart(ZipArchive& zip, std::string_view fallback);

// Appends to a document's warnings, up to a cap; once past it the last
// warning says that more were left out.
class WarningSink {
 public:
  WarningSink(std::vector<std::string>* out, int max) : out_(out), max_(max) {}
  void Add(std::string message);

 private:
  std::vector<std::string>* out_;
  int max_;
  bool overflowed_ = false;
};

}  // namespace dossier::extract_internal
