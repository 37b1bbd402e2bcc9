#include "child_codec.h"

#include <cstdint>
#include <exception>
#include <nlohmann/json.hpp>
#include <optional>
#include <utility>

namespace dossier {
namespace {

using nlohmann::json;

// A field added to one of these structs must travel too, or the isolated
// reader would silently drop it. When one of these fails: carry the new
// field in the functions below, then update the size.
static_assert(sizeof(void*) != 8 || sizeof(BBox) == 32, "BBox changed: update child_codec.cc");
static_assert(sizeof(void*) != 8 || sizeof(WordBox) == 72,
              "WordBox changed: update child_codec.cc");
static_assert(sizeof(void*) != 8 || sizeof(Span) == 168, "Span changed: update child_codec.cc");
static_assert(sizeof(void*) != 8 || sizeof(Cell) == 20, "Cell changed: update child_codec.cc");
static_assert(sizeof(void*) != 8 || sizeof(Table) == 72, "Table changed: update child_codec.cc");
static_assert(sizeof(void*) != 8 || sizeof(Page) == 64, "Page changed: update child_codec.cc");
static_assert(sizeof(void*) != 8 || sizeof(Document) == 96,
              "Document changed: update child_codec.cc");
static_assert(sizeof(void*) != 8 || sizeof(norm::FieldReading) == 208,
              "FieldReading changed: update child_codec.cc");
static_assert(sizeof(void*) != 8 || sizeof(norm::Teacher) == 136,
              "Teacher changed: update child_codec.cc");
static_assert(sizeof(void*) != 8 || sizeof(norm::SummaryRow) == 32,
              "SummaryRow changed: update child_codec.cc");
static_assert(sizeof(void*) != 8 || sizeof(norm::Classification) == 72,
              "Classification changed: update child_codec.cc");
static_assert(sizeof(void*) != 8 || sizeof(norm::DocumentAnalysis) == 192,
              "DocumentAnalysis changed: update child_codec.cc");

json Box(const BBox& b) { return json::array({b.x0, b.y0, b.x1, b.y1}); }
BBox ToBox(const json& j) {
  return BBox{j.at(0).get<double>(), j.at(1).get<double>(), j.at(2).get<double>(),
              j.at(3).get<double>()};
}

int Method(ReadMethod m) { return static_cast<int>(m); }
ReadMethod ToMethod(const json& j) { return static_cast<ReadMethod>(j.get<int>()); }

json Reading(const norm::FieldReading& r) {
  return json::array(
      {r.key, r.value, r.declared_none, r.raw, r.confidence, r.span_id, r.label, r.place, r.method,
       r.page});
}
norm::FieldReading ToReading(const json& j) {
  norm::FieldReading r;
  r.key = j.at(0).get<std::string>();
  r.value = j.at(1);
  r.declared_none = j.at(2).get<bool>();
  r.raw = j.at(3).get<std::string>();
  r.confidence = j.at(4).get<double>();
  r.span_id = j.at(5).get<int>();
  r.label = j.at(6).get<std::string>();
  r.place = j.at(7).get<std::string>();
  r.method = j.at(8).get<std::string>();
  r.page = j.at(9).get<int>();
  return r;
}

json Readings(const std::vector<norm::FieldReading>& readings) {
  json out = json::array();
  for (const auto& r : readings) out.push_back(Reading(r));
  return out;
}
std::vector<norm::FieldReading> ToReadings(const json& j) {
  std::vector<norm::FieldReading> out;
  for (const json& r : j) out.push_back(ToReading(r));
  return out;
}

json DocumentJson(const Document& doc) {
  json pages = json::array();
  for (const Page& p : doc.pages) {
    pages.push_back(json::array({p.number, p.width, p.height, Method(p.method), p.how_read}));
  }
  json spans = json::array();
  for (const Span& s : doc.spans) {
    json words = json::array();
    for (const WordBox& w : s.words)
      words.push_back(json::array({w.text, Box(w.bbox), w.confidence}));
    spans.push_back(
        json::array({s.text, s.page, s.bbox ? Box(*s.bbox) : json(), s.locator, Method(s.method),
                     s.confidence, std::move(words), s.table, s.row, s.col}));
  }
  json tables = json::array();
  for (const Table& t : doc.tables) {
    json cells = json::array();
    for (const Cell& c : t.cells) {
      cells.push_back(json::array({c.row, c.col, c.row_span, c.col_span, c.span_id}));
    }
    tables.push_back(json::array({t.name, t.page, t.rows, t.cols, std::move(cells)}));
  }
  return json::array({std::move(pages), std::move(spans), std::move(tables), doc.warnings});
}

Document ToDocument(const json& j) {
  Document doc;
  for (const json& p : j.at(0)) {
    doc.pages.push_back(Page{p.at(0).get<int>(), p.at(1).get<double>(), p.at(2).get<double>(),
                             ToMethod(p.at(3)), p.at(4).get<std::string>()});
  }
  for (const json& s : j.at(1)) {
    Span span;
    span.text = s.at(0).get<std::string>();
    span.page = s.at(1).get<int>();
    if (!s.at(2).is_null()) span.bbox = ToBox(s.at(2));
    span.locator = s.at(3).get<std::string>();
    span.method = ToMethod(s.at(4));
    span.confidence = s.at(5).get<double>();
    for (const json& w : s.at(6)) {
      span.words.push_back(
          WordBox{w.at(0).get<std::string>(), ToBox(w.at(1)), w.at(2).get<double>()});
    }
    span.table = s.at(7).get<int>();
    span.row = s.at(8).get<int>();
    span.col = s.at(9).get<int>();
    doc.spans.push_back(std::move(span));
  }
  for (const json& t : j.at(2)) {
    Table table;
    table.name = t.at(0).get<std::string>();
    table.page = t.at(1).get<int>();
    table.rows = t.at(2).get<int>();
    table.cols = t.at(3).get<int>();
    for (const json& c : t.at(4)) {
      table.cells.push_back(Cell{c.at(0).get<int>(), c.at(1).get<int>(), c.at(2).get<int>(),
                                 c.at(3).get<int>(), c.at(4).get<int>()});
    }
    doc.tables.push_back(std::move(table));
  }
  doc.warnings = j.at(3).get<std::vector<std::string>>();
  return doc;
}

json AnalysisJson(const norm::DocumentAnalysis& a) {
  json rows = json::array();
  for (const norm::SummaryRow& r : a.summary_rows)
    rows.push_back(json::array({r.row, Readings(r.fields)}));
  json teachers = json::array();
  for (const norm::Teacher& t : a.teachers) {
    teachers.push_back(json::array({t.name, t.title, t.employment, t.span_id, t.employer}));
  }
  return json::array(
      {json::array({a.classification.kind, a.classification.confidence, a.classification.reason}),
       Readings(a.fields), std::move(rows), Readings(a.header), std::move(teachers), a.notes});
}

norm::DocumentAnalysis ToAnalysis(const json& j) {
  norm::DocumentAnalysis a;
  a.classification.kind = j.at(0).at(0).get<std::string>();
  a.classification.confidence = j.at(0).at(1).get<double>();
  a.classification.reason = j.at(0).at(2).get<std::string>();
  a.fields = ToReadings(j.at(1));
  for (const json& r : j.at(2))
    a.summary_rows.push_back(norm::SummaryRow{r.at(0).get<int>(), ToReadings(r.at(1))});
  a.header = ToReadings(j.at(3));
  for (const json& t : j.at(4)) {
    a.teachers.push_back(norm::Teacher{t.at(0).get<std::string>(), t.at(1).get<std::string>(),
                                       t.at(2).get<std::string>(), t.at(3).get<int>(),
                                       t.at(4).get<std::string>()});
  }
  a.notes = j.at(5).get<std::vector<std::string>>();
  return a;
}

void PutU64(std::string& out, uint64_t v) {
  for (int i = 0; i < 8; ++i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
}

std::optional<uint64_t> GetU64(std::string_view& in) {
  if (in.size() < 8) return std::nullopt;
  uint64_t v = 0;
  for (int i = 0; i < 8; ++i)
    v |= static_cast<uint64_t>(static_cast<unsigned char>(in[i])) << (8 * i);
  in.remove_prefix(8);
  return v;
}

std::optional<std::string> GetBytes(std::string_view& in) {
  auto length = GetU64(in);
  if (!length || *length > in.size()) return std::nullopt;
  std::string out(in.substr(0, *length));
  in.remove_prefix(*length);
  return out;
}

}  // namespace

std::string EncodeExtraction(const Document& doc, const std::vector<norm::DocumentPart>& parts) {
  // The file's document travels once; each part is its page range and
  // analysis, and is cut out of the document again on the other side.
  json j_parts = json::array();
  for (const norm::DocumentPart& p : parts)
    j_parts.push_back(json::array({p.first_page, p.last_page, AnalysisJson(p.analysis)}));
  std::vector<std::uint8_t> cbor =
      json::to_cbor(json::array({DocumentJson(doc), std::move(j_parts)}));
  return std::string(cbor.begin(), cbor.end());
}

Status DecodeExtraction(std::string_view bytes, Document* doc,
                        std::vector<norm::DocumentPart>* parts) {
  try {
    json j = json::from_cbor(bytes.begin(), bytes.end());
    *doc = ToDocument(j.at(0));
    parts->clear();
    const json& j_parts = j.at(1);
    for (const json& p : j_parts) {
      norm::DocumentPart part;
      part.first_page = p.at(0).get<int>();
      part.last_page = p.at(1).get<int>();
      part.analysis = ToAnalysis(p.at(2));
      part.doc = j_parts.size() == 1 ? *doc : norm::PagesOf(*doc, part.first_page, part.last_page);
      parts->push_back(std::move(part));
    }
    if (parts->empty()) return Status::Internal("the reader's answer holds no document");
    return Status::Ok();
  } catch (const std::exception& e) {
    return Status::Internal(std::string("the reader's answer is damaged (") + e.what() + ")");
  }
}

std::string EncodeMembers(const std::vector<ArchiveMember>& members) {
  std::string out;
  PutU64(out, members.size());
  for (const ArchiveMember& m : members) {
    PutU64(out, m.name.size());
    out += m.name;
    PutU64(out, m.bytes.size());
    out += m.bytes;
  }
  return out;
}

Result<std::vector<ArchiveMember>> DecodeMembers(std::string_view in) {
  const Status damaged = Status::Internal("the archive reader's answer is damaged");
  auto count = GetU64(in);
  if (!count) return damaged;
  std::vector<ArchiveMember> members;
  for (uint64_t i = 0; i < *count; ++i) {
    auto name = GetBytes(in);
    if (!name) return damaged;
    auto bytes = GetBytes(in);
    if (!bytes) return damaged;
    members.push_back(ArchiveMember{std::move(*name), std::move(*bytes)});
  }
  if (!in.empty()) return damaged;
  return members;
}

}  // namespace dossier
