// Shandong's 16 cities and their county-level districts (区, 县, county-level
// 市), from normalize/data/places.json: what a place name read by OCR is
// checked against ("青鸟市" is no city; "青岛市" is one character away).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace dossier::norm {

// A known place name found in a text.
struct PlaceMatch {
  std::string city;        // the city it belongs to, without 市: "青岛"
  std::string name;        // the known name: "青岛市", "崂山区", "莒县"
  std::string as_written;  // the text as it stands: "财山区"
  size_t begin = 0;        // code points into the text given
  size_t end = 0;
  int edits = 0;  // 0: written exactly; 1: one character differs; 2: a city both of whose
                  // characters were misread, told by the district after it
  bool is_city = false;
};

// `address` with the characters that close its numbered parts put back
// where OCR misread them as a look-alike of the same top: 411玄 or 627富 for
// 411室 (宀), 17展 for 17层 (尸), B庆 for B座 (广). Only right after a
// number (室, 层) or a building's letter (座): elsewhere those characters
// are words of their own. The same text when there is none.
std::string AddressUnitsCorrected(std::string_view address);

class PlaceNames {
 public:
  // The compiled-in table. Thread-safe (initialized once).
  static const PlaceNames& Shandong();

  // The 16 cities without 市, in the spec's order.
  const std::vector<std::string>& Cities() const { return cities_; }

  // "青岛" or "青岛市" (full-width and spaces ignored).
  bool IsCity(std::string_view name) const;
  // True when `district` ("崂山区") is a county-level division of `city`
  // ("青岛" or "青岛市").
  bool IsDistrictOf(std::string_view district, std::string_view city) const;
  // The cities a district name belongs to: one, or several for a name two
  // cities share (市中区: 济南, 枣庄); empty for an unknown name.
  std::vector<std::string> CitiesOf(std::string_view district) const;

  // The known name (a city with or without 市, or a district) that `read` is,
  // or is one OCR-like edit away from (a character misread, dropped or
  // added); nullopt when none is, or when two known names are equally near
  // and nothing tells them apart. Ties are broken, in this order, by
  // `city` (a district of that city, "青岛" or "青岛市", wins) and by rank (a
  // city wins over a county-level city: 青鸟市 is 青岛市 rather than 青州市).
  // Names of one character are never guessed.
  std::optional<std::string> Nearest(std::string_view read, std::string_view city = {}) const;

  // The known place names in a free text (an address, a recommender's
  // name): exact ones, and names with one character misread where no exact
  // name stands at that place and one known name fits better than the
  // others ("山东省青鸟市财山区" → 青岛市 edits 1, then 崂山区 edits 1 rather than
  // 淄博's 博山区, as the text names 青岛), ties broken by the city the text
  // names, or else by the one city two misread names agree on, and by rank
  // only when `prefer_city` (a recommender is a city's bureau: 青鸟市人社局
  // is 青岛's; in an address 中城市 stays, 聊城市 or 肥城市). A one-edit
  // district whose city is not the city the text names is left out (it is
  // more likely another word). In the order they stand.
  std::vector<PlaceMatch> Find(std::string_view text, bool prefer_city = false) const;

  // `text` with every one-edit place name of Find replaced by the known
  // name, a city's 市 read twice before one of its districts read once, and
  // 山东省 with a character misread before a city or, with `prefer_city`
  // (a recommender), at the head; the same text when there is none.
  std::string Corrected(std::string_view text, bool prefer_city = false) const;

 private:
  PlaceNames();
  struct Entry {
    std::u32string name;  // "青岛市", "崂山区"
    std::string city;
    bool is_city = false;
  };
  std::vector<std::string> cities_;
  std::vector<Entry> entries_;
  std::u32string ocr_unreadable_;  // characters OCR never gives
};

}  // namespace dossier::norm
