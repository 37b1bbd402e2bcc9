#include "table_header.h"

#include <algorithm>
#include <unordered_map>

#include "dossier/normalize/spec.h"
#include "label_text.h"

namespace dossier::norm {

std::optional<TableHeader> FindHeaderRow(
    const Document& doc,
    const std::vector<std::pair<std::string, std::vector<std::string>>>& columns, int min_columns,
    const std::vector<std::string>& required, int only_table) {
  if (doc.tables.empty()) return std::nullopt;
  // Each wording's key once per call, not once per cell: the first column
  // naming a key keeps it, as when the columns were tried in order.
  std::unordered_map<std::string, const std::string*> column_of;
  for (const auto& [column, labels] : columns)
    for (const std::string& l : labels) column_of.emplace(LabelKey(l), &column);
  for (size_t t = 0; t < doc.tables.size(); ++t) {
    if (only_table >= 0 && static_cast<int>(t) != only_table) continue;
    const Table& table = doc.tables[t];
    std::map<int, std::map<int, std::string>> rows;  // row → col → key
    for (const Cell& cell : table.cells) {
      if (cell.span_id < 0) continue;
      auto named = column_of.find(LabelKey(CleanLabel(doc.spans[cell.span_id].text)));
      if (named != column_of.end()) rows[cell.row][cell.col] = *named->second;
    }
    for (const auto& [row, cols] : rows) {
      if (static_cast<int>(cols.size()) < min_columns) continue;
      bool has_required =
          required.empty() || std::any_of(cols.begin(), cols.end(), [&](const auto& c) {
            return std::find(required.begin(), required.end(), c.second) != required.end();
          });
      if (has_required) return TableHeader{static_cast<int>(t), row, cols};
    }
  }
  return std::nullopt;
}

std::optional<TableHeader> FindSummaryHeader(const Document& doc) {
  return FindHeaderRow(doc, TheSpec().summary_columns, 3, {"unit_name", "credit_code"});
}

std::optional<TableHeader> FindFacultyHeaderIn(const Document& doc, int table) {
  const auto& spec_columns = TheSpec().faculty_columns;
  std::vector<std::pair<std::string, std::vector<std::string>>> columns(spec_columns.begin(),
                                                                        spec_columns.end());
  return FindHeaderRow(doc, columns, 2, {"name"}, table);
}

std::optional<TableHeader> FindFacultyHeader(const Document& doc) {
  return FindFacultyHeaderIn(doc, -1);
}

}  // namespace dossier::norm
