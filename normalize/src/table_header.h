// Header rows of list-shaped tables (summary sheets, faculty lists).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "dossier/extract/document.h"

namespace dossier::norm {

struct TableHeader {
  int table = 0;                       // index into Document::tables
  int row = 0;                         // the header row
  std::map<int, std::string> columns;  // grid column → column key
};

// The first row of any table whose cells name at least min_columns of the
// given columns (key → label wordings), including every key in required
// (any one of them is enough).
// Only table `only_table` when it is >= 0.
std::optional<TableHeader> FindHeaderRow(
    const Document& doc,
    const std::vector<std::pair<std::string, std::vector<std::string>>>& columns, int min_columns,
    const std::vector<std::string>& required, int only_table = -1);

// The summary sheet's column header (序号, 申报单位名称, 统一社会信用代码, ...).
std::optional<TableHeader> FindSummaryHeader(const Document& doc);
// The faculty list's column header (姓名 with 职称 or 专兼职): the first in the
// document, or the one of table `table`.
std::optional<TableHeader> FindFacultyHeader(const Document& doc);
std::optional<TableHeader> FindFacultyHeaderIn(const Document& doc, int table);

}  // namespace dossier::norm
