// Where a value sits in its file, in the words clerks and reviewers read.
// The machine form (Span::locator: "table 1 row 2 cell 2", "page 3 line 5",
// "paragraph 14", "Sheet1!C5") stays in the store and the export; check
// details, dossiers and trace show these words instead.
#pragma once

#include <string>
#include <string_view>

namespace dossier::norm {

// "table 1 row 2 cell 2" → "表1 第2行 第2列", "page 3 line 5" → "第3页 第5行",
// "paragraph 14" → "第14段", "Sheet1!C5" → "工作表 Sheet1 单元格 C5". A locator
// of another form is returned as it is.
std::string LocatorWords(std::string_view locator);

// The page (when > 0 and the locator does not name it already) and the
// locator: (3, "table 1 row 2 cell 2") → "第3页 表1 第2行 第2列".
std::string PlaceWords(int page, std::string_view locator);

}  // namespace dossier::norm
