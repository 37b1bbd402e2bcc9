#include "dossier/jobs/child_codec.h"

#include <cstdint>
#include <cstring>
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
static_assert(sizeof(void*) != 8 || sizeof(norm::Classification) == 104,
              "Classification changed: update child_codec.cc");
static_assert(sizeof(void*) != 8 || sizeof(norm::DocumentAnalysis) == 224,
              "DocumentAnalysis changed: update child_codec.cc");
static_assert(sizeof(void*) != 8 || sizeof(MailInfo) == 136,
              "MailInfo changed: update child_codec.cc");

// The answer is written field by field in a fixed order, integers little
// endian, doubles as their bits, strings and lists after their length: no
// tree is built on either side, which is what made the answer of a long PDF
// cost more than reading it. Both ends are this file, built together, so
// the format carries no version.

// Deeper JSON values than this are refused: a reading's value is a scalar,
// or a list or object of scalars, and the child must not be able to make the
// parent recurse without bound.
constexpr int kMaxValueDepth = 16;

enum ValueTag : uint8_t { kNull, kFalse, kTrue, kInt, kUint, kDouble, kString, kArray, kObject };

class Writer {
 public:
  explicit Writer(std::string& out) : out_(out) {}
  void U8(uint8_t v) { out_.push_back(static_cast<char>(v)); }
  void U32(uint32_t v) {
    char b[4];
    for (int i = 0; i < 4; ++i) b[i] = static_cast<char>((v >> (8 * i)) & 0xFF);
    out_.append(b, 4);
  }
  void U64(uint64_t v) {
    char b[8];
    for (int i = 0; i < 8; ++i) b[i] = static_cast<char>((v >> (8 * i)) & 0xFF);
    out_.append(b, 8);
  }
  void Int(int v) { U32(static_cast<uint32_t>(v)); }
  void I64(int64_t v) { U64(static_cast<uint64_t>(v)); }
  void F64(double v) {
    uint64_t bits;
    std::memcpy(&bits, &v, sizeof bits);
    U64(bits);
  }
  void Bool(bool v) { U8(v ? 1 : 0); }
  void Count(size_t n) { U32(static_cast<uint32_t>(n)); }
  void Str(std::string_view s) {
    Count(s.size());
    out_.append(s.data(), s.size());
  }
  void Strs(const std::vector<std::string>& v) {
    Count(v.size());
    for (const std::string& s : v) Str(s);
  }
  void Box(const BBox& b) {
    F64(b.x0);
    F64(b.y0);
    F64(b.x1);
    F64(b.y1);
  }
  void Value(const json& v) {
    switch (v.type()) {
      case json::value_t::boolean:
        U8(v.get<bool>() ? kTrue : kFalse);
        return;
      case json::value_t::number_integer:
        U8(kInt);
        I64(v.get<int64_t>());
        return;
      case json::value_t::number_unsigned:
        U8(kUint);
        U64(v.get<uint64_t>());
        return;
      case json::value_t::number_float:
        U8(kDouble);
        F64(v.get<double>());
        return;
      case json::value_t::string:
        U8(kString);
        Str(v.get_ref<const std::string&>());
        return;
      case json::value_t::array:
        U8(kArray);
        Count(v.size());
        for (const json& item : v) Value(item);
        return;
      case json::value_t::object:
        U8(kObject);
        Count(v.size());
        for (const auto& [key, item] : v.items()) {
          Str(key);
          Value(item);
        }
        return;
      default:  // null; binary and discarded values are never made by normalize
        U8(kNull);
        return;
    }
  }

 private:
  std::string& out_;
};

// Every read is checked against what is left. After the first failure the
// reader is spent: each read gives a default and each count 0, so a damaged
// answer costs no more work than its length, and ok() says it at the end.
class Reader {
 public:
  explicit Reader(std::string_view in) : in_(in) {}
  bool ok() const { return ok_; }
  bool AtEnd() const { return in_.empty(); }
  void Fail() {
    ok_ = false;
    in_ = {};
  }

  uint8_t U8() { return Take(1) ? static_cast<uint8_t>(p_[0]) : 0; }
  uint32_t U32() {
    if (!Take(4)) return 0;
    uint32_t v = 0;
    for (int i = 0; i < 4; ++i)
      v |= static_cast<uint32_t>(static_cast<unsigned char>(p_[i])) << (8 * i);
    return v;
  }
  uint64_t U64() {
    if (!Take(8)) return 0;
    uint64_t v = 0;
    for (int i = 0; i < 8; ++i)
      v |= static_cast<uint64_t>(static_cast<unsigned char>(p_[i])) << (8 * i);
    return v;
  }
  int Int() { return static_cast<int>(U32()); }
  int64_t I64() { return static_cast<int64_t>(U64()); }
  double F64() {
    const uint64_t bits = U64();
    double v;
    std::memcpy(&v, &bits, sizeof v);
    return v;
  }
  bool Bool() {
    const uint8_t v = U8();
    if (v > 1) Fail();
    return v == 1;
  }
  // A count of items each at least min_bytes long: never more than what is
  // left could hold, so no reserve() or loop can be made to run away.
  size_t Count(size_t min_bytes) {
    const uint32_t n = U32();
    if (n > in_.size() / min_bytes) {
      Fail();
      return 0;
    }
    return n;
  }
  std::string Str() {
    const uint32_t n = U32();
    if (!Take(n)) return {};
    return std::string(p_, n);
  }
  std::vector<std::string> Strs() {
    std::vector<std::string> out(Count(4));
    for (std::string& s : out) s = Str();
    return out;
  }
  BBox Box() {
    BBox b;
    b.x0 = F64();
    b.y0 = F64();
    b.x1 = F64();
    b.y1 = F64();
    return b;
  }
  ReadMethod Method() {
    const uint8_t m = U8();
    if (m > static_cast<uint8_t>(ReadMethod::kMail)) Fail();
    return ok_ ? static_cast<ReadMethod>(m) : ReadMethod::kDocx;
  }
  json Value(int depth = 0) {
    if (depth > kMaxValueDepth) {
      Fail();
      return nullptr;
    }
    switch (U8()) {
      case kNull:
        return nullptr;
      case kFalse:
        return false;
      case kTrue:
        return true;
      case kInt:
        return I64();
      case kUint:
        return U64();
      case kDouble:
        return F64();
      case kString:
        return Str();
      case kArray: {
        json out = json::array();
        for (size_t n = Count(1); n > 0 && ok_; --n) out.push_back(Value(depth + 1));
        return out;
      }
      case kObject: {
        json out = json::object();
        for (size_t n = Count(5); n > 0 && ok_; --n) {
          std::string key = Str();
          out[std::move(key)] = Value(depth + 1);
        }
        return out;
      }
      default:
        Fail();
        return nullptr;
    }
  }

 private:
  // Moves past n bytes, leaving p_ at them; false (and spent) when fewer are left.
  bool Take(size_t n) {
    if (n > in_.size()) {
      Fail();
      return false;
    }
    p_ = in_.data();
    in_.remove_prefix(n);
    return true;
  }

  std::string_view in_;
  const char* p_ = nullptr;
  bool ok_ = true;
};

// The smallest encodings, for Count(): an empty string is its length.
constexpr size_t kMinString = 4;
constexpr size_t kMinPage = 4 + 8 + 8 + 1 + kMinString;
constexpr size_t kMinWord = kMinString + 32 + 8;
constexpr size_t kMinSpan = kMinString + 4 + 1 + kMinString + 1 + 8 + 4 + 12;
constexpr size_t kMinCell = 20;
constexpr size_t kMinTable = kMinString + 12 + 4;
constexpr size_t kMinReading = kMinString + 1 + 1 + kMinString + 8 + 4 + 3 * kMinString + 4;
constexpr size_t kMinRow = 4 + 4;
constexpr size_t kMinTeacher = 4 * kMinString + 4;
constexpr size_t kMinPart = 8 + 3 * kMinString + 8 + 5 * 4;

void PutDocument(Writer& w, const Document& doc) {
  w.Count(doc.pages.size());
  for (const Page& p : doc.pages) {
    w.Int(p.number);
    w.F64(p.width);
    w.F64(p.height);
    w.U8(static_cast<uint8_t>(p.method));
    w.Str(p.how_read);
  }
  w.Count(doc.spans.size());
  for (const Span& s : doc.spans) {
    w.Str(s.text);
    w.Int(s.page);
    w.Bool(s.bbox.has_value());
    if (s.bbox) w.Box(*s.bbox);
    w.Str(s.locator);
    w.U8(static_cast<uint8_t>(s.method));
    w.F64(s.confidence);
    w.Count(s.words.size());
    for (const WordBox& word : s.words) {
      w.Str(word.text);
      w.Box(word.bbox);
      w.F64(word.confidence);
    }
    w.Int(s.table);
    w.Int(s.row);
    w.Int(s.col);
  }
  w.Count(doc.tables.size());
  for (const Table& t : doc.tables) {
    w.Str(t.name);
    w.Int(t.page);
    w.Int(t.rows);
    w.Int(t.cols);
    w.Count(t.cells.size());
    for (const Cell& c : t.cells) {
      w.Int(c.row);
      w.Int(c.col);
      w.Int(c.row_span);
      w.Int(c.col_span);
      w.Int(c.span_id);
    }
  }
  w.Strs(doc.warnings);
}

void GetDocument(Reader& r, Document* doc) {
  doc->pages.resize(r.Count(kMinPage));
  for (Page& p : doc->pages) {
    p.number = r.Int();
    p.width = r.F64();
    p.height = r.F64();
    p.method = r.Method();
    p.how_read = r.Str();
  }
  doc->spans.resize(r.Count(kMinSpan));
  for (Span& s : doc->spans) {
    s.text = r.Str();
    s.page = r.Int();
    if (r.Bool()) s.bbox = r.Box();
    s.locator = r.Str();
    s.method = r.Method();
    s.confidence = r.F64();
    s.words.resize(r.Count(kMinWord));
    for (WordBox& word : s.words) {
      word.text = r.Str();
      word.bbox = r.Box();
      word.confidence = r.F64();
    }
    s.table = r.Int();
    s.row = r.Int();
    s.col = r.Int();
  }
  doc->tables.resize(r.Count(kMinTable));
  for (Table& t : doc->tables) {
    t.name = r.Str();
    t.page = r.Int();
    t.rows = r.Int();
    t.cols = r.Int();
    t.cells.resize(r.Count(kMinCell));
    for (Cell& c : t.cells) {
      c.row = r.Int();
      c.col = r.Int();
      c.row_span = r.Int();
      c.col_span = r.Int();
      c.span_id = r.Int();
    }
  }
  doc->warnings = r.Strs();
}

void PutReadings(Writer& w, const std::vector<norm::FieldReading>& readings) {
  w.Count(readings.size());
  for (const norm::FieldReading& f : readings) {
    w.Str(f.key);
    w.Value(f.value);
    w.Bool(f.declared_none);
    w.Str(f.raw);
    w.F64(f.confidence);
    w.Int(f.span_id);
    w.Str(f.label);
    w.Str(f.place);
    w.Str(f.method);
    w.Int(f.page);
  }
}

std::vector<norm::FieldReading> GetReadings(Reader& r) {
  std::vector<norm::FieldReading> out(r.Count(kMinReading));
  for (norm::FieldReading& f : out) {
    f.key = r.Str();
    f.value = r.Value();
    f.declared_none = r.Bool();
    f.raw = r.Str();
    f.confidence = r.F64();
    f.span_id = r.Int();
    f.label = r.Str();
    f.place = r.Str();
    f.method = r.Str();
    f.page = r.Int();
  }
  return out;
}

void PutAnalysis(Writer& w, const norm::DocumentAnalysis& a) {
  w.Str(a.classification.kind);
  w.F64(a.classification.confidence);
  w.Str(a.classification.reason);
  w.Str(a.classification.track);
  PutReadings(w, a.fields);
  w.Count(a.summary_rows.size());
  for (const norm::SummaryRow& row : a.summary_rows) {
    w.Int(row.row);
    PutReadings(w, row.fields);
  }
  PutReadings(w, a.header);
  w.Count(a.teachers.size());
  for (const norm::Teacher& t : a.teachers) {
    w.Str(t.name);
    w.Str(t.title);
    w.Str(t.employment);
    w.Int(t.span_id);
    w.Str(t.employer);
  }
  w.Strs(a.notes);
}

void GetAnalysis(Reader& r, norm::DocumentAnalysis* a) {
  a->classification.kind = r.Str();
  a->classification.confidence = r.F64();
  a->classification.reason = r.Str();
  a->classification.track = r.Str();
  a->fields = GetReadings(r);
  a->summary_rows.resize(r.Count(kMinRow));
  for (norm::SummaryRow& row : a->summary_rows) {
    row.row = r.Int();
    row.fields = GetReadings(r);
  }
  a->header = GetReadings(r);
  a->teachers.resize(r.Count(kMinTeacher));
  for (norm::Teacher& t : a->teachers) {
    t.name = r.Str();
    t.title = r.Str();
    t.employment = r.Str();
    t.span_id = r.Int();
    t.employer = r.Str();
  }
  a->notes = r.Strs();
}

void PutU64(std::string& out, uint64_t v) { Writer(out).U64(v); }

std::optional<uint64_t> GetU64(std::string_view& in) {
  if (in.size() < 8) return std::nullopt;
  Reader r(in.substr(0, 8));
  in.remove_prefix(8);
  return r.U64();
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
  std::string out;
  Writer w(out);
  PutDocument(w, doc);
  w.Count(parts.size());
  for (const norm::DocumentPart& p : parts) {
    w.Int(p.first_page);
    w.Int(p.last_page);
    PutAnalysis(w, p.analysis);
  }
  return out;
}

std::string EncodeDocument(const Document& doc) {
  std::string out;
  Writer w(out);
  PutDocument(w, doc);
  return out;
}

Result<Document> DecodeDocument(std::string_view bytes) {
  Reader r(bytes);
  Document doc;
  GetDocument(r, &doc);
  if (!r.ok() || !r.AtEnd()) return Status::Internal("the reader's answer is damaged");
  return doc;
}

Status DecodeExtraction(std::string_view bytes, Document* doc,
                        std::vector<norm::DocumentPart>* parts) {
  Reader r(bytes);
  *doc = Document();
  GetDocument(r, doc);
  std::vector<norm::DocumentPart> read(r.Count(kMinPart));
  for (norm::DocumentPart& part : read) {
    part.first_page = r.Int();
    part.last_page = r.Int();
    GetAnalysis(r, &part.analysis);
  }
  if (!r.ok() || !r.AtEnd()) return Status::Internal("the reader's answer is damaged");
  if (read.empty()) return Status::Internal("the reader's answer holds no document");
  for (norm::DocumentPart& part : read)
    part.doc = read.size() == 1 ? *doc : norm::PagesOf(*doc, part.first_page, part.last_page);
  *parts = std::move(read);
  return Status::Ok();
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

std::string EncodeMail(const MailContents& mail, const std::vector<norm::DocumentPart>& letter) {
  std::string head;
  Writer w(head);
  const MailInfo& i = mail.info;
  w.Str(i.from);
  w.Str(i.subject);
  w.Str(i.message_id);
  w.I64(i.received_at_ms);
  w.Str(i.time_basis);
  w.Strs(mail.notes);
  w.Count(mail.attachments.size());
  for (const MailAttachment& a : mail.attachments) w.Str(a.reject_reason);
  std::string out;
  PutU64(out, head.size());
  out += head;
  const std::string doc = letter.empty() ? std::string() : EncodeExtraction(letter[0].doc, letter);
  PutU64(out, doc.size());
  out += doc;
  std::vector<ArchiveMember> members;
  for (const MailAttachment& a : mail.attachments) members.push_back(a.member);
  out += EncodeMembers(members);
  return out;
}

Status DecodeMail(std::string_view in, MailContents* mail,
                  std::vector<norm::DocumentPart>* letter) {
  const Status damaged = Status::Internal("the mail reader's answer is damaged");
  auto head = GetBytes(in);
  auto doc = head ? GetBytes(in) : std::nullopt;
  if (!head || !doc) return damaged;
  Reader r(*head);
  mail->info.from = r.Str();
  mail->info.subject = r.Str();
  mail->info.message_id = r.Str();
  mail->info.received_at_ms = r.I64();
  mail->info.time_basis = r.Str();
  mail->notes = r.Strs();
  std::vector<std::string> rejects = r.Strs();
  if (!r.ok() || !r.AtEnd()) return damaged;
  letter->clear();
  mail->letter = Document();
  if (!doc->empty()) {
    if (Status s = DecodeExtraction(*doc, &mail->letter, letter); !s.ok()) return s;
  }
  auto members = DecodeMembers(in);
  if (!members.ok()) return members.status();
  if (members->size() != rejects.size()) return damaged;
  mail->attachments.clear();
  for (size_t k = 0; k < members->size(); ++k)
    mail->attachments.push_back(MailAttachment{std::move((*members)[k]), std::move(rejects[k])});
  return Status::Ok();
}

}  // namespace dossier
