// Test helper: builds ZIP archives (DOCX/XLSX packages) in memory with libzip,
// so that every extract test states its input next to its assertions.
#pragma once

#include <zip.h>

#include <cstdint>
#include <cstring>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace dossier::testing {

struct ZipEntry {
  std::string name;
  std::string content;
};

namespace zip_builder_detail {

// A libzip source that yields `size` zero bytes without holding them, so a
// zip bomb can be built in a test without allocating what it inflates to.
struct Zeros {
  uint64_t size = 0;
  uint64_t offset = 0;
};

inline zip_int64_t ZerosCallback(void* state, void* data, zip_uint64_t len, zip_source_cmd_t cmd) {
  auto* z = static_cast<Zeros*>(state);
  switch (cmd) {
    case ZIP_SOURCE_OPEN:
      z->offset = 0;
      return 0;
    case ZIP_SOURCE_READ: {
      uint64_t n = std::min<uint64_t>(len, z->size - z->offset);
      std::memset(data, 0, n);
      z->offset += n;
      return static_cast<zip_int64_t>(n);
    }
    case ZIP_SOURCE_CLOSE:
      return 0;
    case ZIP_SOURCE_STAT: {
      auto* st = static_cast<zip_stat_t*>(data);
      zip_stat_init(st);
      st->size = z->size;
      st->valid |= ZIP_STAT_SIZE;
      return sizeof(zip_stat_t);
    }
    case ZIP_SOURCE_ERROR:
      return 2 * sizeof(int);
    case ZIP_SOURCE_FREE:
      delete z;
      return 0;
    case ZIP_SOURCE_SUPPORTS:
      return zip_source_make_command_bitmap(ZIP_SOURCE_OPEN, ZIP_SOURCE_READ, ZIP_SOURCE_CLOSE,
                                            ZIP_SOURCE_STAT, ZIP_SOURCE_ERROR, ZIP_SOURCE_FREE, -1);
    default:
      return -1;
  }
}

inline void Check(bool ok, const char* what) {
  if (!ok) throw std::runtime_error(std::string("zip builder: ") + what);
}

}  // namespace zip_builder_detail

// Builds a ZIP archive holding `entries` (deflated), plus optionally one entry
// named `zeros_name` of `zeros_size` zero bytes streamed from a callback.
inline std::string BuildZip(const std::vector<ZipEntry>& entries,
                            const std::string& zeros_name = "", uint64_t zeros_size = 0) {
  using namespace zip_builder_detail;
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* out = zip_source_buffer_create(nullptr, 0, 0, &error);
  Check(out != nullptr, "buffer");
  zip_t* za = zip_open_from_source(out, ZIP_TRUNCATE, &error);
  Check(za != nullptr, "open");
  zip_source_keep(out);
  for (const ZipEntry& e : entries) {
    zip_source_t* src = zip_source_buffer(za, e.content.data(), e.content.size(), 0);
    Check(src != nullptr, "entry source");
    Check(zip_file_add(za, e.name.c_str(), src, ZIP_FL_ENC_UTF_8) >= 0, "add entry");
  }
  if (!zeros_name.empty()) {
    auto* zeros = new Zeros{zeros_size, 0};
    zip_source_t* src = zip_source_function(za, ZerosCallback, zeros);
    Check(src != nullptr, "zeros source");
    Check(zip_file_add(za, zeros_name.c_str(), src, 0) >= 0, "add zeros");
  }
  Check(zip_close(za) == 0, "close");
  Check(zip_source_open(out) == 0, "reopen");
  std::string bytes;
  char buf[8192];
  zip_int64_t n;
  while ((n = zip_source_read(out, buf, sizeof buf)) > 0) bytes.append(buf, n);
  zip_source_close(out);
  zip_source_free(out);
  zip_error_fini(&error);
  return bytes;
}

// --- DOCX -------------------------------------------------------------------

inline const char* kDocxContentTypes =
    R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
</Types>)";

inline const char* kDocxRootRels =
    R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
</Relationships>)";

// Wraps body XML in a w:document with the usual namespace declarations.
inline std::string DocumentXml(const std::string& body) {
  return R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
         R"(<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main")"
         R"( xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml")"
         R"( xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006")"
         R"( xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">)"
         "<w:body>" +
         body + "<w:sectPr/></w:body></w:document>";
}

inline std::string BuildDocx(const std::string& body) {
  return BuildZip({{"[Content_Types].xml", kDocxContentTypes},
                   {"_rels/.rels", kDocxRootRels},
                   {"word/document.xml", DocumentXml(body)}});
}

// A paragraph of one run.
inline std::string P(const std::string& text) {
  return "<w:p><w:r><w:t xml:space=\"preserve\">" + text + "</w:t></w:r></w:p>";
}

// --- XLSX -------------------------------------------------------------------

struct Sheet {
  std::string name;
  std::string sheet_data;  // the content of <sheetData>
  std::string after_data;  // e.g. <mergeCells>
};

inline std::string BuildXlsx(const std::vector<Sheet>& sheets, const std::string& shared_strings,
                             const std::string& styles, bool date1904 = false) {
  std::string workbook =
      R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
      R"(<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main")"
      R"( xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">)";
  workbook += date1904 ? "<workbookPr date1904=\"1\"/>" : "<workbookPr/>";
  workbook += "<sheets>";
  // Relationship ids deliberately not in sheet order, and targets both
  // relative and absolute, as real writers produce them.
  std::string rels =
      R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
      R"(<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)";
  std::vector<ZipEntry> entries;
  for (size_t i = 0; i < sheets.size(); ++i) {
    std::string id = "rId" + std::to_string(10 + sheets.size() - i);
    std::string file = "sheet" + std::to_string(i + 1) + ".xml";
    workbook += "<sheet name=\"" + sheets[i].name + "\" sheetId=\"" + std::to_string(i + 1) +
                "\" r:id=\"" + id + "\"/>";
    std::string target = (i % 2 == 0) ? "worksheets/" + file : "/xl/worksheets/" + file;
    rels += "<Relationship Id=\"" + id +
            "\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
            "worksheet\" Target=\"" +
            target + "\"/>";
    entries.push_back(
        {"xl/worksheets/" + file,
         R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
         R"(<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>)" +
             sheets[i].sheet_data + "</sheetData>" + sheets[i].after_data + "</worksheet>"});
  }
  workbook += "</sheets></workbook>";
  rels +=
      R"(<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>)"
      R"(<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>)"
      "</Relationships>";
  entries.push_back(
      {"[Content_Types].xml",
       R"(<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>)"});
  entries.push_back(
      {"_rels/.rels",
       R"(<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>)"});
  entries.push_back({"xl/workbook.xml", workbook});
  entries.push_back({"xl/_rels/workbook.xml.rels", rels});
  if (!shared_strings.empty()) {
    entries.push_back(
        {"xl/sharedStrings.xml",
         R"(<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">)" +
             shared_strings + "</sst>"});
  }
  if (!styles.empty()) {
    entries.push_back(
        {"xl/styles.xml",
         R"(<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">)" +
             styles + "</styleSheet>"});
  }
  return BuildZip(entries);
}

}  // namespace dossier::testing
