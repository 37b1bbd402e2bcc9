// Assembly of applications from documents (shared/spec/form-fields.md,
// "Conventions that settle the edge cases"):
//   1. Units are found from the forms and the summary sheets' rows: a valid
//      credit code, else the unit's name; an OCR'd name a character or two off
//      joins only when a second piece of evidence agrees.
//   2. An application is one unit through one recommender (its channel): the
//      recommender named on the form, the summary sheet listing it, the
//      folder it arrived in.
//   3. A form's pages in several files are one document, joined by content;
//      several versions of a form are kept, the latest by the deadline gives
//      the values.
//   4. Every other document joins by the strongest evidence it carries; the
//      folder counts only when it holds one application. What joined how is
//      recorded (assigned_by), and what joined nothing says what was looked
//      for.
#include "dossier/assemble/assemble.h"

#include <algorithm>
#include <cstdlib>
#include <deque>
#include <functional>
#include <map>
#include <numeric>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "dossier/assemble/checks.h"
#include "dossier/assemble/names.h"
#include "dossier/common/text.h"
#include "dossier/normalize/credit_code.h"
#include "dossier/normalize/places.h"
#include "dossier/normalize/spec.h"
#include "dossier/normalize/values.h"

namespace dossier::norm {
namespace {

// A reading below this confidence is doubtful: a typed source of the same
// value may correct it.
constexpr double kDoubtfulConfidence = 0.9;
// A name OCR read below this is no reading at all (霍颖 read as 埠是 at
// 0.26): on development seeds every person's or licence's name below it was
// wrong, every person's name above it but one right.
constexpr double kIllegibleNameConfidence = 0.5;

// The channel of a national-track form: sent straight to the department, it
// goes through no recommender, and no recommender's key looks like this.
constexpr const char* kNationalChannel = "track:national";

std::string FolderOf(const std::string& path) {
  size_t slash = path.rfind('/');
  return slash == std::string::npos ? "" : path.substr(0, slash);
}

std::string FileNameOf(const std::string& path) {
  size_t slash = path.rfind('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

// Whether `path` lies in `folder` or below it; everything lies below "".
bool IsUnder(const std::string& path, const std::string& folder) {
  return folder.empty() || (path.size() > folder.size() && path[folder.size()] == '/' &&
                            path.compare(0, folder.size(), folder) == 0);
}

size_t Chars(std::string_view s) { return text::ToU32(s).size(); }

constexpr size_t kShortestUnitName = 4;

size_t NameDistance(std::string_view a, std::string_view b) {
  return text::EditDistance(text::ToU32(a), text::ToU32(b));
}

// The fewest edits that make `key` a substring of `body` (by characters).
size_t NearestSubstringEdits(std::string_view body, std::string_view key) {
  const std::u32string b = text::ToU32(body), k = text::ToU32(key);
  // A column per character of `key`; a match may start anywhere in `body`.
  std::vector<size_t> column(k.size() + 1);
  std::iota(column.begin(), column.end(), size_t{0});
  size_t nearest = column[k.size()];
  for (char32_t c : b) {
    size_t diagonal = column[0];
    column[0] = 0;
    for (size_t i = 1; i <= k.size(); ++i) {
      const size_t above = column[i];
      column[i] = std::min({column[i] + 1, column[i - 1] + 1, diagonal + (k[i - 1] == c ? 0 : 1)});
      diagonal = above;
    }
    nearest = std::min(nearest, column[k.size()]);
  }
  return nearest;
}

// How many of their characters two names have in the same order.
size_t CommonCharacters(std::string_view a, std::string_view b) {
  const std::u32string x = text::ToU32(a), y = text::ToU32(b);
  std::vector<size_t> row(y.size() + 1, 0);
  for (char32_t c : x) {
    size_t diagonal = 0;
    for (size_t j = 1; j <= y.size(); ++j) {
      const size_t above = row[j];
      row[j] = c == y[j - 1] ? diagonal + 1 : std::max(row[j], row[j - 1]);
      diagonal = above;
    }
  }
  return row[y.size()];
}

// How many characters an OCR'd name may be off and still be taken for
// another writing of a name: none for short names, where one character makes
// another unit, more for long ones.
size_t AllowedNameEdits(std::string_view key) {
  const size_t n = Chars(key);
  if (n < 5) return 0;
  if (n < 12) return 1;
  return 2;
}

// Two credit codes that differ in at most `max` positions (same length).
bool CodesNear(const std::string& a, const std::string& b, int max) {
  if (a.size() != b.size() || a.empty()) return false;
  int diff = 0;
  for (size_t i = 0; i < a.size(); ++i) diff += a[i] != b[i];
  return diff <= max;
}

std::string PageWords(int page) { return page > 0 ? "第" + std::to_string(page) + "页" : ""; }

std::string WhereRead(const DocumentFacts& doc, const FieldReading& r) {
  const std::string page = PageWords(r.page);
  return FileNameOf(doc.file_path) + (page.empty() ? "" : " " + page);
}

// A copy: two documents' paths are often compared in nested loops.
std::vector<std::string> PathsOf(const DocumentFacts& doc) {
  if (!doc.paths.empty()) return doc.paths;
  return {doc.file_path};
}

// A field as clerks know it: the spec's first label (单位名称 for unit_name).
std::string LabelOf(const std::string& key) {
  const FieldSpec* spec = TheSpec().Field(key);
  return spec && !spec->labels.empty() ? spec->labels.front() : key;
}

const FieldReading* Find(const std::vector<FieldReading>& readings, const std::string& key) {
  for (const FieldReading& r : readings)
    if (r.key == key && !r.declared_none && !r.value.is_null()) return &r;
  return nullptr;
}

std::string StringValue(const FieldReading& r) {
  return r.value.is_string() ? r.value.get<std::string>() : ValueText(r.value);
}

// The spec's order of a field, for ordering a form's pages by their content.
int FieldOrder(const std::string& key) {
  const auto& fields = TheSpec().fields;
  for (size_t i = 0; i < fields.size(); ++i)
    if (fields[i].key == key) return static_cast<int>(i);
  return static_cast<int>(fields.size());
}

bool IsIdentityKey(const std::string& key) { return key == "unit_name" || key == "credit_code"; }

// What a form's cover holds besides the unit: the channel and the date. A
// page with nothing else is the cover of the form in its folder, never a
// version of it, even when the form repeats both.
bool IsCoverKey(const std::string& key) {
  return key == "recommender" || key == "application_date";
}

bool IsCoverPage(const DocumentFacts& doc) {
  return !doc.fields.empty() &&
         std::all_of(doc.fields.begin(), doc.fields.end(), [](const FieldReading& r) {
           return IsIdentityKey(r.key) || IsCoverKey(r.key);
         });
}

// "修改版", "更正", "终稿", "v2": a name that says the file is a revision.
int RevisionMark(const std::string& path) {
  const std::string name = text::AsciiLower(FileNameOf(path));
  int mark = 0;
  for (const char* w : {"修改", "更正", "修订", "终稿", "定稿", "最终", "最新", "正式", "v2", "v3",
                        "第二版", "新版"})
    if (name.find(w) != std::string::npos) ++mark;
  return mark;
}

// ---------------------------------------------------------------------------
// What identifies a unit.

struct NameClaim {
  std::string name;
  std::string key;
  bool ocr = false;
  bool from_title = false;  // read from a title, not a labelled value
  std::string where;
  // A cover's reading that named no unit and was placed by its folder: no
  // writing of the unit's name.
  bool garbled = false;
};

struct CodeClaim {
  std::string code;
  bool valid = false;
  bool ocr = false;
  std::string where;
};

void AddClaims(const DocumentFacts& doc, const std::vector<FieldReading>& readings,
               std::vector<CodeClaim>* codes, std::vector<NameClaim>* names) {
  for (const FieldReading& r : readings) {
    if (r.declared_none || !r.value.is_string()) continue;
    const std::string v = r.value.get<std::string>();
    if (v.empty()) continue;
    if (r.key == "credit_code" || r.key == "license_credit_code") {
      codes->push_back({v, IsValidCreditCode(v), r.ocr(), WhereRead(doc, r)});
    } else if (r.key == "unit_name" || r.key == "license_name") {
      // No unit's name is shorter than four characters (XX学会): shorter is
      // what OCR made of a seal or of 盖章 beside the label.
      const std::string key = UnitNameKey(v);
      if (Chars(key) >= kShortestUnitName)
        names->push_back({v, key, r.ocr(), r.label == "标题", WhereRead(doc, r)});
    }
  }
}

// ---------------------------------------------------------------------------

struct Unit {
  std::string code;  // a valid code when one is known, else as first written
  std::string name;
  std::string name_key;
  std::set<std::string> codes;      // every code seen for it (valid or not)
  std::set<std::string> name_keys;  // every writing of its name seen
  std::set<std::string> form_folders;
};

// An item that founds or joins a unit: a form (with a name or a code) or a
// summary sheet's row.
struct Item {
  const DocumentFacts* doc = nullptr;
  const SummaryRow* row = nullptr;  // set for a summary row
  std::vector<CodeClaim> codes;
  std::vector<NameClaim> names;
  std::string channel;       // recommender key, "" when not known
  std::string channel_name;  // as written
  bool channel_from_form = false;
  bool national = false;  // a national-track form: its channel is kNationalChannel
  int unit = -1;
};

// One logical form: one or more files, in page order.
struct LogicalForm {
  std::vector<const DocumentFacts*> pages;
  int64_t received_at_ms = 0;
  std::string date;  // 填表日期 as read, ISO
  std::string path;  // of its first page
};

struct Draft {
  int unit = -1;
  bool national = false;
  std::string channel;
  std::string channel_name;
  std::vector<const Item*> forms;  // form items (documents with identity)
  std::vector<const DocumentFacts*> continuation_pages;
  std::vector<const Item*> rows;  // summary rows
  std::vector<int64_t> documents;
  std::map<int64_t, Assignment> assigned_by;
  std::map<std::string, AssembledField> fields;
  std::map<std::string, const DocumentFacts*> field_docs;  // key → document of the value kept
  std::map<std::string, bool> field_ocr;                   // key → value read by OCR
  std::set<std::string> declared_none;
  std::vector<Finding> findings;
  int64_t received_at_ms = 0;
  std::string received_file;
  MailFacts received_mail;

  void Add(const DocumentFacts& doc, Assignment how) {
    if (assigned_by.count(doc.document_id)) return;
    documents.push_back(doc.document_id);
    assigned_by.emplace(doc.document_id, std::move(how));
  }
  bool Has(int64_t document_id) const { return assigned_by.count(document_id) > 0; }
};

class Assembler {
 public:
  Assembler(std::vector<const DocumentFacts*> docs, int64_t deadline_end_ms)
      : docs_(std::move(docs)), deadline_end_ms_(deadline_end_ms) {}

  Assembly Run() {
    for (const DocumentFacts* doc : docs_) by_id_[doc->document_id] = doc;
    LearnRecommenders();
    CollectItems();
    LinkUnits();
    ChooseChannels();
    MakeDrafts();
    JoinContinuationPages();
    ChooseFormVersions();
    PlaceSummaryRows();
    PlaceEvidence(/*content_only=*/true);
    JoinOrphanPages();
    PlaceEvidence(/*content_only=*/false);
    PlaceSameFileParts();
    ChannelFindings();
    CheckOcrValues();
    return Finish();
  }

 private:
  // ---- recommenders and the folders they sent

  // Snaps a recommender's key to one seen on a summary sheet or a folder when
  // an OCR'd writing is a character or two off.
  std::string KnownRecommender(const std::string& key, bool ocr) const {
    if (key.empty() || recommender_names_.count(key)) return key;
    if (!ocr) return key;
    std::string best;
    size_t best_d = 99;
    int ties = 0;
    for (const auto& [known, name] : recommender_names_) {
      const size_t d = NameDistance(known, key);
      if (d < best_d) {
        best_d = d;
        best = known;
        ties = 1;
      } else if (d == best_d) {
        ++ties;
      }
    }
    if (ties == 1 && best_d <= std::max<size_t>(1, AllowedNameEdits(key))) return best;
    return key;
  }

  void LearnRecommenders() {
    for (const DocumentFacts* doc : docs_) {
      if (doc->kind != kSummarySheet) continue;
      const FieldReading* r = Find(doc->header, "recommender");
      std::string key = r ? RecommenderKey(StringValue(*r)) : "";
      if (key.empty()) {
        for (const std::string& path : PathsOf(*doc)) {
          key = RecommenderOfPathByName(path);
          if (!key.empty()) break;
        }
      }
      if (key.empty()) continue;
      if (r) recommender_names_.emplace(key, StringValue(*r));
      for (const std::string& path : PathsOf(*doc))
        folder_recommender_.emplace(FolderOf(path), key);
    }
    for (const DocumentFacts* doc : docs_) {
      if (doc->kind != kApplicationForm) continue;
      if (const FieldReading* r = Find(doc->fields, "recommender"); r && !r->ocr()) {
        const std::string key = RecommenderKey(StringValue(*r));
        if (!key.empty()) recommender_names_.emplace(key, StringValue(*r));
      }
    }
  }

  // A folder on the path named like a recommender (a city's bureau, a
  // provincial department), nearest the file first.
  std::string RecommenderOfPathByName(const std::string& path) const {
    std::vector<std::string> parts = text::Split(FolderOf(path), U'/');
    for (auto it = parts.rbegin(); it != parts.rend(); ++it) {
      const std::string key = RecommenderKeyOfFolder(*it);
      if (!key.empty()) return key;
      // An enterprise's folder is known once its name is seen as a recommender.
      std::string name = *it;
      if (text::EndsWithIgnoringAsciiCase(name, ".zip")) name.resize(name.size() - 4);
      const std::string any = RecommenderKey(name);
      if (!any.empty() && recommender_names_.count(any) && any.rfind("city:", 0) != 0) return any;
    }
    return "";
  }

  // The channel a path arrived through: the recommender whose summary sheet
  // sits in one of its folders, else a folder named like a recommender.
  std::string ChannelOfPath(const std::string& path) const {
    for (std::string folder = FolderOf(path);; folder = FolderOf(folder)) {
      auto it = folder_recommender_.find(folder);
      if (it != folder_recommender_.end()) return it->second;
      if (folder.empty()) break;
    }
    return RecommenderOfPathByName(path);
  }

  std::set<std::string> ChannelsOf(const DocumentFacts& doc) const {
    std::set<std::string> out;
    for (const std::string& path : PathsOf(doc)) {
      const std::string c = ChannelOfPath(path);
      if (!c.empty()) out.insert(c);
    }
    return out;
  }

  // ---- units

  void CollectItems() {
    for (const DocumentFacts* doc : docs_) {
      if (doc->kind == kApplicationForm) {
        Item item;
        item.doc = doc;
        AddClaims(*doc, doc->fields, &item.codes, &item.names);
        if (item.codes.empty() && item.names.empty()) {
          continuations_.push_back(doc);
          continue;
        }
        if (doc->track == kNationalTrack) {
          item.national = true;
          item.channel = kNationalChannel;
        } else if (const FieldReading* r = Find(doc->fields, "recommender")) {
          item.channel = KnownRecommender(RecommenderKey(StringValue(*r)), r->ocr());
          // An OCR'd name that matches no recommender seen elsewhere may be
          // a misreading: the sheets and folders tell the channel then.
          if (r->ocr() && !recommender_names_.count(item.channel)) item.channel.clear();
          item.channel_name = StringValue(*r);
          item.channel_from_form = !item.channel.empty();
        }
        items_.push_back(std::move(item));
      } else if (doc->kind == kSummarySheet) {
        const FieldReading* header = Find(doc->header, "recommender");
        std::string channel = header ? RecommenderKey(StringValue(*header)) : "";
        if (channel.empty()) {
          for (const std::string& path : PathsOf(*doc)) {
            channel = ChannelOfPath(path);
            if (!channel.empty()) break;
          }
        }
        std::string channel_name = header ? StringValue(*header) : "";
        if (channel_name.empty()) {
          auto it = recommender_names_.find(channel);
          if (it != recommender_names_.end()) channel_name = it->second;
        }
        bool listed = false;
        for (const SummaryRow& row : doc->summary_rows) {
          Item item;
          item.doc = doc;
          item.row = &row;
          AddClaims(*doc, row.fields, &item.codes, &item.names);
          if (item.codes.empty() && item.names.empty()) continue;
          item.channel = channel;
          item.channel_name = channel_name;
          items_.push_back(std::move(item));
          listed = true;
        }
        if (!listed) unassigned_.push_back({doc->document_id, "汇总表中未读出任何申报单位"});
      }
    }
  }

  static const CodeClaim* ValidCode(const Item& item) {
    for (const CodeClaim& c : item.codes)
      if (c.valid) return &c;
    return nullptr;
  }

  bool SameFolderTree(const Item& a, const Item& b) const {
    if (!a.row && !b.row) return FolderOf(a.doc->file_path) == FolderOf(b.doc->file_path);
    return false;
  }

  bool ItemsAreOneUnit(const Item& a, const Item& b) const {
    const CodeClaim* ca = ValidCode(a);
    const CodeClaim* cb = ValidCode(b);
    if (ca && cb) return ca->code == cb->code;
    // Two parts of one file read as forms (a cover whose name came out
    // garbled, the form) are one unit's.
    if (!a.row && !b.row && !a.doc->sha256.empty() && a.doc->sha256 == b.doc->sha256) return true;
    for (const NameClaim& na : a.names) {
      for (const NameClaim& nb : b.names) {
        if (na.key == nb.key) return true;
        if (!na.ocr && !nb.ocr) continue;
        const size_t d = NameDistance(na.key, nb.key);
        const std::string& read = na.ocr ? na.key : nb.key;
        // A phone photo of a form's cover in the unit's own folder misreads
        // more (山东正了传媒全用… for 山东正阳传媒集团…): a long name a quarter
        // off, with no two valid codes to tell otherwise, is that unit's there.
        if (d > AllowedNameEdits(read) && Chars(read) >= 12 && d <= Chars(read) / 4 &&
            SameFolderTree(a, b))
          return true;
        if (d == 0 || d > AllowedNameEdits(read)) continue;
        // A near name needs a second piece of evidence.
        bool code_near = false;
        for (const CodeClaim& x : a.codes)
          for (const CodeClaim& y : b.codes) code_near |= CodesNear(x.code, y.code, 2);
        if (code_near || SameFolderTree(a, b)) return true;
      }
    }
    // The same code, one side's check character misread or mistyped, and
    // nothing else to go by.
    if (a.names.empty() || b.names.empty()) {
      for (const CodeClaim& x : a.codes)
        for (const CodeClaim& y : b.codes)
          if (x.code == y.code) return true;
    }
    return false;
  }

  void LinkUnits() {
    std::vector<int> parent(items_.size());
    std::iota(parent.begin(), parent.end(), 0);
    std::function<int(int)> root = [&](int i) {
      return parent[i] == i ? i : parent[i] = root(parent[i]);
    };
    for (size_t i = 0; i < items_.size(); ++i)
      for (size_t j = i + 1; j < items_.size(); ++j)
        if (ItemsAreOneUnit(items_[i], items_[j])) parent[root(j)] = root(i);
    std::map<int, int> unit_of_root;
    int units = 0;
    for (size_t i = 0; i < items_.size(); ++i) {
      const int r = root(static_cast<int>(i));
      auto [it, fresh] = unit_of_root.emplace(r, units);
      if (fresh) ++units;
      items_[i].unit = it->second;
    }
    AdoptOrphanForms(units);
    DescribeUnits();
  }

  // A form read by OCR whose name came out a few characters off and whose
  // code was not read names no unit of the summary sheets; the sheet of the
  // recommender it came through lists the unit it is. It joins the one row
  // of that sheet whose name is nearest (a third of the name's characters at
  // most), or whose code is a character or two off its misread code, when
  // that row's unit has no form of its own.
  void AdoptOrphanForms(int units) {
    std::vector<bool> has_form(units, false), has_row(units, false), has_valid_code(units, false);
    for (const Item& item : items_) {
      (item.row ? has_row : has_form)[item.unit] = true;
      if (ValidCode(item)) has_valid_code[item.unit] = true;
    }
    for (Item& form : items_) {
      if (form.row || has_row[form.unit] || has_valid_code[form.unit]) continue;
      const std::string channel = ChannelOfPath(form.doc->file_path);
      int best = -1;
      size_t best_d = 99;
      bool tie = false;
      for (const Item& row : items_) {
        if (!row.row || has_form[row.unit]) continue;
        if (!channel.empty() && !row.channel.empty() && row.channel != channel) continue;
        size_t d = 99;
        for (const NameClaim& a : form.names)
          for (const NameClaim& b : row.names) {
            const size_t dist = NameDistance(a.key, b.key);
            if (dist <= std::max<size_t>(1, Chars(b.key) / 3)) d = std::min(d, dist);
          }
        for (const CodeClaim& a : form.codes)
          for (const CodeClaim& b : row.codes)
            if (CodesNear(a.code, b.code, 2)) d = std::min<size_t>(d, 1);
        if (d == 99) continue;
        if (d < best_d) {
          best_d = d;
          best = row.unit;
          tie = false;
        } else if (d == best_d && row.unit != best) {
          tie = true;
        }
      }
      if (best < 0 || tie) continue;
      const int orphan = form.unit;
      for (Item& item : items_)
        if (item.unit == orphan) item.unit = best;
      has_form[best] = true;
    }
    AdoptGarbledCovers(has_form, has_row, has_valid_code);
    // Units are numbered densely again.
    std::map<int, int> renumber;
    for (Item& item : items_) {
      auto [it, fresh] = renumber.emplace(item.unit, static_cast<int>(renumber.size()));
      item.unit = it->second;
    }
    units_.assign(renumber.size(), Unit());
  }

  // A cover photographed or scanned with its unit's name under the seal
  // reads as no unit (山东省求委这安全全太松相订穴院 for 山东省求实安全技术研究院,
  // 素安记过和捏科学村究院 for 泰安市护理科学研究院), and the form's pages that
  // continue it would go with it as an application of its own. Where the
  // other forms in its folder are one unit's, it is that unit's cover when
  // its reading keeps, in order, two fifths of that unit's name.
  void AdoptGarbledCovers(std::vector<bool>& has_form, const std::vector<bool>& has_row,
                          const std::vector<bool>& has_valid_code) {
    constexpr size_t kShareKeptNumerator = 2, kShareKeptDenominator = 5;
    for (Item& cover : items_) {
      if (cover.row || !IsCoverPage(*cover.doc) || has_row[cover.unit] ||
          has_valid_code[cover.unit] || cover.names.empty())
        continue;
      const bool all_ocr = std::all_of(cover.names.begin(), cover.names.end(),
                                       [](const NameClaim& n) { return n.ocr; });
      const bool alone = std::none_of(items_.begin(), items_.end(), [&](const Item& other) {
        return &other != &cover && other.unit == cover.unit;
      });
      if (!all_ocr || !alone) continue;
      const std::string folder = FolderOf(cover.doc->file_path);
      std::set<int> folder_units;
      for (const Item& form : items_)
        if (!form.row && form.unit != cover.unit && !IsCoverPage(*form.doc) &&
            FolderOf(form.doc->file_path) == folder)
          folder_units.insert(form.unit);
      if (folder_units.size() != 1) continue;
      const int unit = *folder_units.begin();
      bool kin = false;
      for (const Item& item : items_) {
        if (item.unit != unit) continue;
        for (const NameClaim& known : item.names)
          for (const NameClaim& read : cover.names) {
            const size_t shorter = std::min(Chars(known.key), Chars(read.key));
            kin |= CommonCharacters(known.key, read.key) * kShareKeptDenominator >=
                   shorter * kShareKeptNumerator;
          }
      }
      if (!kin) continue;
      cover.unit = unit;
      for (NameClaim& n : cover.names) n.garbled = true;
      garbled_covers_[cover.doc->document_id] = folder;
      has_form[unit] = true;
    }
  }

  void DescribeUnits() {
    // A unit's code and name: typed forms first, then typed rows, then OCR.
    for (Unit& unit : units_) {
      const int u = static_cast<int>(&unit - units_.data());
      auto rank = [](const Item& item, bool ocr) { return (ocr ? 2 : 0) + (item.row ? 1 : 0); };
      int best_code = 99, best_name = 99;
      for (const Item& item : items_) {
        if (item.unit != u) continue;
        for (const CodeClaim& c : item.codes) {
          unit.codes.insert(c.code);
          const int r = rank(item, c.ocr) + (c.valid ? 0 : 10);
          if (r < best_code) {
            best_code = r;
            unit.code = c.code;
          }
        }
        for (const NameClaim& n : item.names) {
          if (n.garbled) continue;
          unit.name_keys.insert(n.key);
          const int r = rank(item, n.ocr);
          if (r < best_name) {
            best_name = r;
            unit.name = n.name;
            unit.name_key = n.key;
          }
        }
        if (!item.row) unit.form_folders.insert(FolderOf(item.doc->file_path));
      }
    }
  }

  // ---- channels and applications

  void ChooseChannels() {
    // The channels each unit is seen in.
    std::map<int, std::set<std::string>> unit_channels;
    for (const Item& item : items_)
      if (!item.channel.empty() && !item.national) unit_channels[item.unit].insert(item.channel);
    for (Item& item : items_) {
      if (!item.channel.empty()) continue;
      const std::set<std::string>& known = unit_channels[item.unit];
      // Where the form arrived tells its channel; failing that, the one
      // channel the unit is seen in.
      std::set<std::string> by_path = ChannelsOf(*item.doc);
      for (const std::string& c : by_path) {
        if (known.empty() || known.count(c)) {
          item.channel = c;
          break;
        }
      }
      if (item.channel.empty() && known.size() == 1) item.channel = *known.begin();
      if (item.channel.empty() && !by_path.empty()) item.channel = *by_path.begin();
      auto it = recommender_names_.find(item.channel);
      if (it != recommender_names_.end()) item.channel_name = it->second;
    }
  }

  Draft& DraftFor(int unit, const std::string& channel) {
    auto key = std::make_pair(unit, channel);
    auto it = draft_index_.find(key);
    if (it != draft_index_.end()) return drafts_[it->second];
    draft_index_.emplace(key, drafts_.size());
    drafts_.emplace_back();
    drafts_.back().unit = unit;
    drafts_.back().channel = channel;
    drafts_.back().national = channel == kNationalChannel;
    return drafts_.back();
  }

  std::string IdentityDetail(const Item& item) const {
    const Unit& unit = units_[item.unit];
    for (const CodeClaim& c : item.codes)
      if (c.valid && c.code == unit.code)
        return "统一社会信用代码 " + c.code + "（" + c.where + "）";
    for (const NameClaim& n : item.names)
      if (n.key == unit.name_key) return "单位名称「" + n.name + "」（" + n.where + "）";
    if (!item.codes.empty())
      return "统一社会信用代码 " + item.codes.front().code + "（" + item.codes.front().where + "）";
    return "单位名称「" + item.names.front().name + "」（" + item.names.front().where + "）";
  }

  std::string IdentityBasis(const Item& item) const {
    const Unit& unit = units_[item.unit];
    for (const CodeClaim& c : item.codes)
      if (c.valid && c.code == unit.code) return kByCreditCode;
    return item.names.empty() ? kByCreditCode : kByUnitName;
  }

  void MakeDrafts() {
    for (const Item& item : items_) {
      if (item.row) continue;
      Draft& d = DraftFor(item.unit, item.channel);
      if (d.channel_name.empty()) d.channel_name = item.channel_name;
      d.forms.push_back(&item);
    }
    for (const Item& item : items_) {
      if (!item.row) continue;
      Draft& d = DraftFor(item.unit, item.channel);
      if (d.channel_name.empty()) d.channel_name = item.channel_name;
      d.rows.push_back(&item);
    }
  }

  // ---- a form in several files

  // The form a page without a unit's name continues: the form in its folder
  // whose rows it does not repeat; among several, the one that arrived
  // nearest, then the one named next to it (IMG_5892 / IMG_5893).
  void JoinContinuationPages() {
    for (const DocumentFacts* page : continuations_) {
      std::set<std::string> page_keys;
      for (const FieldReading& r : page->fields) page_keys.insert(r.key);
      struct Candidate {
        Draft* draft;
        const DocumentFacts* form;
        long score;
      };
      std::vector<Candidate> candidates;
      for (Draft& d : drafts_) {
        for (const Item* f : d.forms) {
          bool same_folder = false;
          for (const std::string& p : PathsOf(*page))
            for (const std::string& q : PathsOf(*f->doc)) same_folder |= FolderOf(p) == FolderOf(q);
          if (!same_folder) continue;
          int overlap = 0;
          for (const FieldReading& r : f->doc->fields)
            if (!IsIdentityKey(r.key) && page_keys.count(r.key)) ++overlap;
          const long gap_s =
              std::labs(static_cast<long>((f->doc->received_at_ms - page->received_at_ms) / 1000));
          const long name_gap = NameNumberGap(f->doc->file_path, page->file_path);
          candidates.push_back(
              {&d, f->doc,
               overlap * 1000000L + std::min(gap_s, 99999L) * 10 + std::min(name_gap, 9L)});
        }
      }
      std::sort(candidates.begin(), candidates.end(),
                [](const Candidate& a, const Candidate& b) { return a.score < b.score; });
      if (candidates.empty()) {
        orphan_pages_.push_back(page);
        continue;
      }
      if (candidates.size() > 1 && candidates[0].score == candidates[1].score &&
          candidates[0].draft != candidates[1].draft) {
        unassigned_.push_back(
            {page->document_id,
             "申报表续页（未写单位名称或统一社会信用代码）：所在文件夹有多份申报表，"
             "无法判断属于哪一份"});
        continue;
      }
      Draft& d = *candidates[0].draft;
      d.continuation_pages.push_back(page);
      continued_by_[page->document_id] = candidates[0].form;
    }
  }

  // The difference of the last numbers in two file names with the same
  // stem ("IMG_5892.jpg", "IMG_5893.jpg" → 1); large when unrelated.
  static long NameNumberGap(const std::string& a, const std::string& b) {
    auto split = [](const std::string& path) {
      std::string name = FileNameOf(path);
      const size_t dot = name.rfind('.');
      if (dot != std::string::npos) name.resize(dot);
      size_t end = name.size();
      while (end > 0 && !(name[end - 1] >= '0' && name[end - 1] <= '9')) --end;
      size_t start = end;
      while (start > 0 && name[start - 1] >= '0' && name[start - 1] <= '9') --start;
      const std::string digits = name.substr(start, std::min<size_t>(end - start, 15));
      return std::make_pair(name.substr(0, start),
                            digits.empty() ? -1L : std::atol(digits.c_str()));
    };
    auto [sa, na] = split(a);
    auto [sb, nb] = split(b);
    if (sa != sb || na < 0 || nb < 0) return 1000;
    return std::labs(na - nb);
  }

  // The smallest spec order of the form fields a page holds.
  static int FirstFieldOrder(const DocumentFacts& doc) {
    int first = 1 << 20;
    for (const FieldReading& r : doc.fields) first = std::min(first, FieldOrder(r.key));
    return first;
  }

  // Groups a draft's forms into logical forms (pages of one form share no
  // rows but the unit's name and code) and picks the version that gives the
  // values.
  void ChooseFormVersions() {
    for (Draft& d : drafts_) {
      if (d.forms.empty()) continue;
      std::vector<const DocumentFacts*> docs;
      for (const Item* f : d.forms) docs.push_back(f->doc);
      // The page with the most fields founds a form; a page that repeats few
      // of its rows continues it.
      std::vector<LogicalForm> forms;
      std::vector<const DocumentFacts*> by_size = docs;
      std::stable_sort(by_size.begin(), by_size.end(),
                       [](const DocumentFacts* a, const DocumentFacts* b) {
                         return a->fields.size() > b->fields.size();
                       });
      for (const DocumentFacts* doc : by_size) {
        std::set<std::string> keys;
        for (const FieldReading& r : doc->fields)
          if (!IsIdentityKey(r.key)) keys.insert(r.key);
        LogicalForm* home = nullptr;
        for (LogicalForm& form : forms) {
          int overlap = 0;
          bool same_folder = false, same_file = false, same_reading = false;
          for (const DocumentFacts* p : form.pages) {
            for (const FieldReading& r : p->fields)
              if (!IsIdentityKey(r.key) && keys.count(r.key)) ++overlap;
            same_folder |= FolderOf(p->file_path) == FolderOf(doc->file_path);
            same_file |= !p->sha256.empty() && p->sha256 == doc->sha256;
            same_reading |= p->text_ocr == doc->text_ocr;
          }
          // Parts of one file are one form (a cover and the form's pages);
          // files that share few rows are its pages.
          if (same_file ||
              (same_folder && (IsCoverPage(*doc) || (!keys.empty() && overlap <= 1)))) {
            // A photographed cover goes with the photographed pages, not
            // with a Word version of the form beside them (its date then
            // dates the photographed version).
            if (IsCoverPage(*doc) && !same_file && !same_reading) {
              if (!home) home = &form;
              continue;
            }
            home = &form;
            break;
          }
        }
        if (!home) {
          forms.emplace_back();
          home = &forms.back();
        }
        home->pages.push_back(doc);
      }
      for (const DocumentFacts* page : d.continuation_pages) {
        const DocumentFacts* host = continued_by_[page->document_id];
        for (LogicalForm& form : forms)
          if (std::find(form.pages.begin(), form.pages.end(), host) != form.pages.end())
            form.pages.push_back(page);
      }
      for (LogicalForm& form : forms) {
        std::stable_sort(
            form.pages.begin(), form.pages.end(),
            [](const DocumentFacts* a, const DocumentFacts* b) {
              if (!a->sha256.empty() && a->sha256 == b->sha256)
                return a->first_page < b->first_page;
              const bool ai = Find(a->fields, "unit_name") || Find(a->fields, "credit_code");
              const bool bi = Find(b->fields, "unit_name") || Find(b->fields, "credit_code");
              if (ai != bi) return ai;
              if (IsCoverPage(*a) != IsCoverPage(*b)) return IsCoverPage(*a);
              return FirstFieldOrder(*a) < FirstFieldOrder(*b);
            });
        form.received_at_ms = form.pages.front()->received_at_ms;
        for (const DocumentFacts* p : form.pages)
          form.received_at_ms = std::max(form.received_at_ms, p->received_at_ms);
        form.path = form.pages.front()->file_path;
        for (const DocumentFacts* p : form.pages)
          if (const FieldReading* r = Find(p->fields, "application_date");
              r && r->value.is_string())
            form.date = r->value.get<std::string>();
      }
      // Oldest first: by arrival, then the form's own date, then a name that
      // marks a revision; between versions alike in all of these, the fuller
      // form is taken for the later.
      auto fields_of = [](const LogicalForm& f) {
        size_t n = 0;
        for (const DocumentFacts* p : f.pages) n += p->fields.size();
        return n;
      };
      std::stable_sort(forms.begin(), forms.end(), [&](const LogicalForm& a, const LogicalForm& b) {
        return std::make_tuple(a.received_at_ms, a.date, RevisionMark(a.path), fields_of(a),
                               a.path) < std::make_tuple(b.received_at_ms, b.date,
                                                         RevisionMark(b.path), fields_of(b),
                                                         b.path);
      });
      size_t chosen = forms.size() - 1;
      if (deadline_end_ms_ > 0) {
        while (chosen > 0 && forms[chosen].received_at_ms >= deadline_end_ms_) --chosen;
      }
      // A photo or scan of the form that only repeats a typed version of it
      // (the Word file, then a photo of its stamped print) gives no new
      // values: the typed one is read letter for letter.
      if (IsOcrForm(forms[chosen]))
        for (size_t v = chosen; v-- > 0;)
          if (!IsOcrForm(forms[v]) && SameFormTwice(forms[v], forms[chosen])) {
            chosen = v;
            break;
          }
      PlaceForms(d, forms, chosen);
    }
  }

  void PlaceForms(Draft& d, const std::vector<LogicalForm>& forms, size_t chosen) {
    auto assign_pages = [&](const LogicalForm& form) {
      int page = 1;
      for (size_t i = 0; i < form.pages.size(); ++i) {
        const DocumentFacts* p = form.pages[i];
        const int n = std::max(1, p->last_page - p->first_page + 1);
        Assignment how;
        const Item* item = nullptr;
        for (const Item* f : d.forms)
          if (f->doc == p) item = f;
        if (auto garbled = garbled_covers_.find(p->document_id);
            garbled != garbled_covers_.end() && item && !item->names.empty()) {
          const NameClaim& read = item->names.front();
          how.basis = kByFolder;
          how.detail = "申报表封面的单位名称未能读准（读作「" + read.name + "」，" + read.where +
                       "）；同一文件夹「" + garbled->second + "」中的申报表属于该单位";
        } else if (i == 0 && item) {
          how.basis = IdentityBasis(*item);
          how.detail = "申报表自身填写的" + IdentityDetail(*item);
        } else {
          how.basis = kBySameDocument;
          how.detail = "申报表第" + std::to_string(page) + "页，与 " +
                       FileNameOf(form.pages.front()->file_path) + " 同属一份申报表（内容续接）";
        }
        if (form.pages.size() > 1) how.document_page = page;
        d.Add(*p, how);
        page += n;
      }
    };
    // The chosen version's values first; the others' agreeing values add
    // their sources.
    assign_pages(forms[chosen]);
    for (const DocumentFacts* p : forms[chosen].pages) {
      for (const FieldReading& r : p->fields) {
        if (r.key == "unit_name" && garbled_covers_.count(p->document_id)) continue;
        if (r.declared_none) d.declared_none.insert(r.key);
        Merge(d, *p, r, r.key);
      }
    }
    d.received_at_ms = forms[chosen].received_at_ms;
    d.received_file = forms[chosen].path;
    for (const DocumentFacts* p : forms[chosen].pages)
      if (p->received_at_ms == d.received_at_ms && d.received_mail.sha256.empty())
        d.received_mail = p->mail;
    for (size_t v = 0; v < forms.size(); ++v) {
      if (v == chosen) continue;
      assign_pages(forms[v]);
      for (const DocumentFacts* p : forms[v].pages)
        for (const FieldReading& r : p->fields) AddIfAgrees(d, *p, r, r.key);
    }
    // What changed from one version to the next, field by field; a typed
    // form and an OCR'd copy of it are one version.
    for (size_t v = 1; v < forms.size(); ++v) {
      const bool ocr_before = IsOcrForm(forms[v - 1]);
      if (ocr_before != IsOcrForm(forms[v]) &&
          SameFormTwice(forms[ocr_before ? v : v - 1], forms[ocr_before ? v - 1 : v]))
        continue;
      const std::string changes = FormChanges(forms[v - 1], forms[v]);
      const std::string from = FileNameOf(forms[v - 1].path), to = FileNameOf(forms[v].path);
      std::string detail = "申报表有新版本：" + from + " → " + to + "：" +
                           (changes.empty() ? "各字段相同" : changes);
      if (deadline_end_ms_ > 0 && forms[v].received_at_ms >= deadline_end_ms_) {
        d.findings.push_back(
            {"late_revision", "截止日期后收到的版本未采用（" + to + "）；" + detail});
      } else {
        d.findings.push_back({"form_revised", detail});
      }
    }
  }

  static bool IsOcrForm(const LogicalForm& form) {
    return std::any_of(form.pages.begin(), form.pages.end(),
                       [](const DocumentFacts* p) { return p->text_ocr; });
  }

  // A typed form and an OCR'd one that only repeats it: every value both
  // give is the same, or a name or an address the OCR doubted or read at
  // most a quarter of its characters off, or a number with one digit
  // dropped or invented (107.6 read 1107.6: no revision makes a sum ten
  // times another). A number or a date otherwise different, or a copy whose
  // file is named a revision (最终版), is a revision. Five shared values at
  // least, so that a cover and little else proves nothing.
  static bool SameFormTwice(const LogicalForm& typed, const LogicalForm& ocr) {
    if (RevisionMark(ocr.path) > RevisionMark(typed.path)) return false;
    std::map<std::string, const FieldReading*> read;
    for (const DocumentFacts* p : ocr.pages)
      for (const FieldReading& r : p->fields) read.emplace(r.key, &r);
    const auto written = FormValues(typed), copied = FormValues(ocr);
    int shared = 0;
    for (const auto& [key, value] : written) {
      auto other = copied.find(key);
      if (other == copied.end()) continue;
      ++shared;
      if (value == other->second) continue;
      const std::u32string p = text::ToU32(value), q = text::ToU32(other->second);
      const size_t edits = text::EditDistance(p, q);
      const FieldReading& copy = *read.at(key);
      if (copy.value.is_number()) {
        if (edits != 1 || p.size() == q.size()) return false;
      } else if (const FieldSpec* field = TheSpec().Field(key);
                 field && field->type == ValueType::kDate) {
        return false;
      } else if (copy.confidence >= kDoubtfulConfidence &&
                 edits > std::max<size_t>(1, std::max(p.size(), q.size()) / 4)) {
        return false;
      }
    }
    return shared >= 5;
  }

  static std::map<std::string, std::string> FormValues(const LogicalForm& form) {
    std::map<std::string, std::string> out;
    for (const DocumentFacts* p : form.pages)
      for (const FieldReading& r : p->fields)
        if (!out.count(r.key)) out[r.key] = r.declared_none ? "无" : ValueText(r.value);
    return out;
  }

  static std::string FormChanges(const LogicalForm& before, const LogicalForm& after) {
    const auto a = FormValues(before), b = FormValues(after);
    std::string out;
    for (const FieldSpec& f : TheSpec().fields) {
      auto x = a.find(f.key), y = b.find(f.key);
      const std::string va = x == a.end() ? "（未填）" : x->second;
      const std::string vb = y == b.end() ? "（未填）" : y->second;
      if (va == vb) continue;
      out += (out.empty() ? "" : "；") + f.labels.front() + " 由「" + va + "」改为「" + vb + "」";
    }
    return out;
  }

  // ---- summary sheets

  void PlaceSummaryRows() {
    for (Draft& d : drafts_) {
      if (d.forms.empty() && !d.rows.empty()) {
        const Item& first = *d.rows.front();
        d.findings.push_back(
            {"missing_form",
             "汇总表 " + FileNameOf(first.doc->file_path) + " 第" +
                 std::to_string(first.row->row + 1) + "行列出「" +
                 (units_[d.unit].name.empty() ? units_[d.unit].code : units_[d.unit].name) +
                 "」，但未收到该单位的申报表"});
        d.received_at_ms = first.doc->received_at_ms;
        d.received_file = first.doc->file_path;
        d.received_mail = first.doc->mail;
      }
      for (const Item* item : d.rows) {
        const DocumentFacts& doc = *item->doc;
        d.Add(doc, {kBySummarySheet, "汇总表第" + std::to_string(item->row->row + 1) +
                                         "行列出该单位（" + FileNameOf(doc.file_path) + "）"});
        for (const FieldReading& r : item->row->fields) {
          std::string key = r.key;
          // A mobile number in the sheet's 联系电话 column is the contact's
          // mobile (the notice's column has room for one number), never
          // the form's 联系电话, which has an area code.
          if (key == "contact_phone" && r.value.is_string() &&
              NormalizeMobile(r.value.get<std::string>()).state == ValueState::kValue)
            key = "contact_mobile";
          if (TheSpec().Field(key)) Merge(d, doc, r, key);
        }
        for (const FieldReading& r : doc.header)
          if (r.key == "recommender") Merge(d, doc, r, "recommender");
      }
    }
  }

  // ---- evidence

  struct Evidence {
    int unit = -1;
    int strength = 0;  // higher is stronger
    std::string basis;
    std::string detail;
    bool needs_second = false;  // a near (OCR) name: needs another piece of evidence
    bool partial_name = false;  // a part of the unit's name, not all of it
  };

  // Units whose forms sit in the folder nearest the document that holds any
  // form: the folder is a hint only when it holds one application's forms.
  // A folder holds the applications whose forms lie in it; one whose own
  // files are no form holds what lies below it. From the document's folder
  // up, the first that holds any.
  std::set<int> UnitsOfNearestFormFolder(const std::string& path, std::string* folder_out) const {
    for (std::string folder = FolderOf(path);; folder = FolderOf(folder)) {
      std::set<int> direct, below;
      auto add = [&](int unit, const std::string& p) {
        if (FolderOf(p) == folder)
          direct.insert(unit);
        else if (IsUnder(p, folder))
          below.insert(unit);
      };
      for (const Item& item : items_) {
        if (item.row) continue;
        for (const std::string& p : PathsOf(*item.doc)) add(item.unit, p);
      }
      for (const Draft& d : drafts_)
        for (const DocumentFacts* c : d.continuation_pages)
          for (const std::string& p : PathsOf(*c)) add(d.unit, p);
      // Files placed by their content (a licence's code, a faculty list's
      // employer) also tell whose a folder is, beside what lies below it.
      std::set<int> placed_here;
      for (const Draft& d : drafts_) {
        for (const auto& [id, how] : d.assigned_by) {
          if (how.basis != kByCreditCode && how.basis != kByUnitName &&
              how.basis != kByFacultyEmployer)
            continue;
          auto doc = by_id_.find(id);
          if (doc == by_id_.end() || doc->second->kind == kApplicationForm) continue;
          for (const std::string& p : PathsOf(*doc->second))
            if (FolderOf(p) == folder) placed_here.insert(d.unit);
        }
      }
      if (!direct.empty() || !below.empty() || !placed_here.empty()) {
        *folder_out = folder;
        if (!direct.empty()) return direct;
        below.insert(placed_here.begin(), placed_here.end());
        return below;
      }
      if (folder.empty()) return {};
    }
  }

  // A valid code of a unit; or an OCR'd code whose check character fails and
  // that is one character off exactly one unit's valid code (the misread
  // character is then known).
  std::optional<Evidence> ByCode(const std::vector<CodeClaim>& codes) const {
    for (const CodeClaim& c : codes) {
      if (!c.valid) continue;
      for (size_t u = 0; u < units_.size(); ++u) {
        if (units_[u].codes.count(c.code))
          return Evidence{static_cast<int>(u), 5, kByCreditCode,
                          "统一社会信用代码 " + c.code + "（" + c.where + "）"};
      }
    }
    for (const CodeClaim& c : codes) {
      if (c.valid || !c.ocr) continue;
      int found = -1;
      std::string known;
      for (size_t u = 0; u < units_.size(); ++u) {
        for (const std::string& code : units_[u].codes) {
          if (!IsValidCreditCode(code) || !CodesNear(c.code, code, 1)) continue;
          if (found >= 0 && found != static_cast<int>(u)) return std::nullopt;
          found = static_cast<int>(u);
          known = code;
        }
      }
      if (found >= 0)
        return Evidence{found, 4, kByCreditCode,
                        "统一社会信用代码识别为 " + c.code + "（" + c.where +
                            "），校验位不符，与 " + known + " 仅差一位"};
    }
    return std::nullopt;
  }

  // A name read from a label or a title: the same name, or the distinctive
  // part of it (标题「泉城学院师资名单」), or for OCR a near name.
  std::optional<Evidence> ByName(const std::vector<NameClaim>& names, int strength,
                                 const char* basis, const std::string& what) const {
    for (const NameClaim& n : names) {
      // Generic words never identify a unit: a full name needs something of
      // its own left, a part of a name or a near name two characters.
      const std::string core = NameCore(n.key);
      if (core.empty()) continue;
      const bool distinctive = IsDistinctiveName(n.key);
      std::vector<int> exact, contained, near;
      for (size_t u = 0; u < units_.size(); ++u) {
        const Unit& unit = units_[u];
        if (unit.name_keys.count(n.key)) {
          exact.push_back(static_cast<int>(u));
          continue;
        }
        bool c = false;
        for (const std::string& k : unit.name_keys) {
          const std::string ucore = NameCore(k);
          if (Chars(core) >= 2 && Chars(ucore) >= 2 &&
              (ucore.find(core) != std::string::npos || core.find(ucore) != std::string::npos) &&
              (k.find(n.key) != std::string::npos || n.key.find(k) != std::string::npos ||
               n.from_title))
            c = true;
        }
        if (c) {
          contained.push_back(static_cast<int>(u));
          continue;
        }
        if (n.ocr && distinctive) {
          for (const std::string& k : unit.name_keys) {
            const size_t d = NameDistance(k, n.key);
            if (d > 0 && d <= AllowedNameEdits(k)) {
              near.push_back(static_cast<int>(u));
              break;
            }
          }
        }
      }
      if (exact.size() == 1)
        return Evidence{exact[0], strength, basis, what + "「" + n.name + "」（" + n.where + "）"};
      if (exact.empty() && contained.size() == 1) {
        Evidence e{
            contained[0], strength - 1, basis,
            what + "「" + n.name + "」即「" + units_[contained[0]].name + "」（" + n.where + "）"};
        e.partial_name = n.ocr;
        return e;
      }
      if (exact.empty() && contained.empty() && near.size() == 1) {
        Evidence e{near[0], strength - 1, basis,
                   what + "「" + n.name + "」与「" + units_[near[0]].name + "」仅差" +
                       std::to_string(NameDistance(units_[near[0]].name_key, n.key)) +
                       "字（文字识别误差）（" + n.where + "）"};
        e.needs_second = true;
        return e;
      }
    }
    return std::nullopt;
  }

  // The unit a faculty list's full-time teachers work for.
  std::optional<NameClaim> FacultyEmployer(const DocumentFacts& doc, int* count) const {
    std::map<std::string, std::pair<int, std::string>> employers;  // key → count, name
    int fulltime = 0;
    bool any_employment = false;
    for (const Teacher& t : doc.teachers) any_employment |= !t.employment.empty();
    for (const Teacher& t : doc.teachers) {
      const bool part_time = t.employment.find("兼") != std::string::npos;
      if (any_employment && part_time) continue;
      if (t.employer.empty()) continue;
      ++fulltime;
      const std::string key = UnitNameKey(t.employer);
      if (key.empty()) continue;
      auto& e = employers[key];
      ++e.first;
      e.second = t.employer;
    }
    const std::pair<int, std::string>* best = nullptr;
    std::string best_key;
    for (const auto& [key, e] : employers) {
      if (!best || e.first > best->first) {
        best = &e;
        best_key = key;
      }
    }
    if (!best || best->first * 2 <= fulltime) return std::nullopt;
    *count = best->first;
    return NameClaim{best->second, best_key, doc.text_ocr, false, FileNameOf(doc.file_path)};
  }

  // A unit's full name standing in the document's text.
  std::optional<Evidence> ByText(const DocumentFacts& doc) const {
    if (doc.text.empty()) return std::nullopt;
    const std::string body = UnitNameKey(doc.text);
    std::vector<std::pair<int, std::string>> found;
    for (size_t u = 0; u < units_.size(); ++u) {
      for (const std::string& k : units_[u].name_keys) {
        if (!IsDistinctiveName(k)) continue;
        if (body.find(k) != std::string::npos) {
          found.emplace_back(static_cast<int>(u), units_[u].name);
          break;
        }
      }
    }
    // A unit whose name is part of another's found with it is the other.
    std::vector<std::pair<int, std::string>> kept;
    for (const auto& f : found) {
      bool inside_other = false;
      for (const auto& g : found)
        if (g.first != f.first &&
            UnitNameKey(g.second).find(UnitNameKey(f.second)) != std::string::npos)
          inside_other = true;
      if (!inside_other) kept.push_back(f);
    }
    if (kept.size() != 1) return std::nullopt;
    return Evidence{
        kept[0].first, 3, kByUnitName,
        "正文提到单位名称「" + kept[0].second + "」（" + FileNameOf(doc.file_path) + "）"};
  }

  // A file that came in a mail whose subject or text names the unit: the
  // sender said whose it is.
  std::optional<Evidence> ByMailText(const DocumentFacts& doc) const {
    if (doc.mail.sha256.empty() || doc.kind == kCoverLetter) return std::nullopt;
    for (const DocumentFacts* letter : docs_) {
      if (letter->kind != kCoverLetter || letter->sha256 != doc.mail.sha256) continue;
      auto e = ByText(*letter);
      if (!e) return std::nullopt;
      e->strength = 2;
      e->detail = "随邮件「" + doc.mail.subject + "」收到，邮件" +
                  e->detail.substr(std::string("正文").size());
      return e;
    }
    return std::nullopt;
  }

  // A part of a file whose form part names the unit (a package scanned into
  // one PDF).
  std::optional<Evidence> BySameFileAsAForm(const DocumentFacts& doc) const {
    if (doc.sha256.empty()) return std::nullopt;
    for (const Item& item : items_) {
      if (item.row || item.doc->sha256 != doc.sha256 || item.doc == &doc) continue;
      return Evidence{item.unit, 2, kBySameDocument,
                      "与申报表同在文件 " + FileNameOf(doc.file_path) + " 中（申报表" +
                          PagesText(*item.doc) + "；本件" + PagesText(doc) + "）"};
    }
    return std::nullopt;
  }

  // Whether every form the document's file holds is one unit's: a unit's
  // own package, not a recommender's file of several.
  bool FileOfOneUnit(const DocumentFacts& doc) const {
    std::set<int> units;
    for (const Item& item : items_)
      if (!item.row && item.doc->sha256 == doc.sha256 && item.doc != &doc) units.insert(item.unit);
    return units.size() == 1;
  }

  // A screenshot of a unit's platform shows the platform's name or address
  // as the unit's form gives them. Read by OCR, a long name or a host may be
  // a character or two off (山东致远教育红寺教育网络学院 for …继续教育网络学院,
  // www.kicqkq.edu.cn for www.lcqkq.edu.cn): the nearest unit's, when no
  // other unit's platform comes as near.
  std::optional<Evidence> ByPlatform(const DocumentFacts& doc) const {
    if (doc.text.empty()) return std::nullopt;
    const std::string body = UnitNameKey(doc.text);
    const std::string raw = text::AsciiLower(text::RemoveSpaces(doc.text));
    constexpr size_t kNoMatch = 99;
    struct Match {
      size_t edits = kNoMatch;
      int unit = -1;
      std::string what;
    };
    Match best, runner_up;
    for (const Draft& d : drafts_) {
      Match m;
      m.unit = d.unit;
      if (auto f = d.fields.find("online_platform");
          f != d.fields.end() && f->second.value.is_string()) {
        const std::string key = UnitNameKey(f->second.value.get<std::string>());
        if (Chars(key) >= 6) {
          const size_t edits = body.find(key) != std::string::npos ? 0
                               : doc.text_ocr ? NearestSubstringEdits(body, key)
                                              : kNoMatch;
          if (edits <= AllowedNameEdits(key) && edits < m.edits)
            m = {edits, d.unit, "平台名称「" + f->second.value.get<std::string>() + "」"};
        }
      }
      if (auto f = d.fields.find("online_platform_url");
          f != d.fields.end() && f->second.value.is_string()) {
        const std::string host = HostOf(f->second.value.get<std::string>());
        if (host.size() >= 6) {
          const size_t edits = raw.find(host) != std::string::npos ? 0
                               : doc.text_ocr && host.size() >= 10
                                   ? NearestSubstringEdits(raw, host)
                                   : kNoMatch;
          if (edits <= 2 && edits < m.edits) m = {edits, d.unit, "平台网址 " + host};
        }
      }
      if (m.edits == kNoMatch) continue;
      if (m.edits < best.edits) {
        if (best.unit != m.unit) runner_up = best;
        best = m;
      } else if (m.unit != best.unit && m.edits < runner_up.edits) {
        runner_up = m;
      }
    }
    if (best.edits == kNoMatch) return std::nullopt;
    // Two units' platforms as near, or a near one beside a sure one.
    if (runner_up.edits <= best.edits || (best.edits > 0 && runner_up.edits <= best.edits + 1))
      return std::nullopt;
    const std::string how =
        best.edits == 0 ? "相同" : "相近（OCR 识读差 " + std::to_string(best.edits) + " 个字符）";
    return Evidence{best.unit, 3, kByUnitName,
                    "截图中的" + best.what + "与该单位申报表所填的网络培训平台" + how + "（" +
                        FileNameOf(doc.file_path) + "）"};
  }

  bool Placed(int64_t document_id) const {
    return std::any_of(drafts_.begin(), drafts_.end(),
                       [&](const Draft& d) { return d.Has(document_id); });
  }

  // What places a document that is neither a form nor a summary sheet: its
  // content first, for every document (so that a folder is known by the
  // files its content places), then, for those left, the file it shares,
  // the mail it came in, and its folder.
  void PlaceEvidence(bool content_only) {
    for (const DocumentFacts* doc : docs_) {
      if (doc->kind == kSummarySheet || doc->kind == kApplicationForm) continue;
      if (Placed(doc->document_id)) continue;
      std::vector<CodeClaim> codes;
      std::vector<NameClaim> names;
      AddClaims(*doc, doc->fields, &codes, &names);
      std::vector<Evidence> found;
      if (auto e = ByCode(codes)) found.push_back(*e);
      if (auto e = ByName(names, 4, kByUnitName, doc->kind == kLicense ? "执照名称" : "单位名称"))
        found.push_back(*e);
      int employees = 0;
      std::optional<NameClaim> employer;
      if (doc->kind == kFacultyList) employer = FacultyEmployer(*doc, &employees);
      if (employer) {
        if (auto e = ByName({*employer}, 3, kByFacultyEmployer,
                            "师资名单中" + std::to_string(employees) + "名专职教师的工作单位"))
          found.push_back(*e);
      }
      if (found.empty()) {
        if (auto e = ByText(*doc)) found.push_back(*e);
      }
      if (found.empty()) {
        if (auto e = ByPlatform(*doc)) found.push_back(*e);
      }
      std::string folder;
      const std::set<int> folder_units = UnitsOfNearestFormFolder(doc->file_path, &folder);
      // A near name counts only with a second piece of evidence: the folder
      // or a near credit code.
      for (Evidence& e : found) {
        if (!e.needs_second) continue;
        const bool by_folder = folder_units.size() == 1 && *folder_units.begin() == e.unit;
        bool by_code = false;
        for (const CodeClaim& c : codes)
          for (const std::string& uc : units_[e.unit].codes) by_code |= CodesNear(c.code, uc, 2);
        if (by_folder || by_code) {
          e.needs_second = false;
          e.detail += by_folder ? "，且所在文件夹只有该单位" : "，且统一社会信用代码相近";
        }
      }
      found.erase(std::remove_if(found.begin(), found.end(),
                                 [](const Evidence& e) { return e.needs_second; }),
                  found.end());
      std::stable_sort(found.begin(), found.end(), [](const Evidence& a, const Evidence& b) {
        return a.strength > b.strength;
      });
      std::optional<Evidence> chosen;
      if (!found.empty()) chosen = found.front();
      // An OCR'd name that is only a part of another unit's (数字经济职业技全学院
      // for 淄博市数字经济协会) does not take a page from the package of the
      // unit whose form it is filed with.
      if (chosen && chosen->partial_name && FileOfOneUnit(*doc)) {
        if (auto same_file = BySameFileAsAForm(*doc); same_file && same_file->unit != chosen->unit)
          chosen = same_file;
      }
      if (!chosen && content_only) continue;
      if (!chosen) chosen = BySameFileAsAForm(*doc);
      if (!chosen) chosen = ByMailText(*doc);
      if (!chosen && folder_units.size() == 1) {
        chosen = Evidence{*folder_units.begin(), 1, kByFolder,
                          "与该单位的申报表同在文件夹「" +
                              (folder.empty() ? std::string("（根目录）") : folder) +
                              "」，该文件夹只有这一个申报单位"};
      }
      if (!chosen) {
        unassigned_.push_back(
            {doc->document_id, WhyUnassigned(*doc, codes, names, employer, folder_units)});
        continue;
      }
      AttachEvidence(*doc, *chosen);
    }
  }

  std::string WhyUnassigned(const DocumentFacts& doc, const std::vector<CodeClaim>& codes,
                            const std::vector<NameClaim>& names,
                            const std::optional<NameClaim>& employer,
                            const std::set<int>& folder_units) const {
    std::string why;
    auto add = [&](const std::string& s) { why += (why.empty() ? "" : "；") + s; };
    if (!codes.empty()) {
      add("文件中的统一社会信用代码 " + codes.front().code +
          (codes.front().valid ? " 不属于任何申报单位" : " 校验位不正确"));
    }
    if (!names.empty()) {
      add("文件所指单位「" + names.front().name + "」" +
          (IsDistinctiveName(names.front().key) ? "没有申报材料"
                                                : "只是通用名称，不能确定是哪个单位"));
    }
    if (codes.empty() && names.empty()) add("未读出单位名称或统一社会信用代码");
    if (doc.kind == kFacultyList)
      add(employer ? "专职教师的工作单位「" + employer->name + "」不是申报单位"
                   : "师资名单未列出专职教师的工作单位");
    add("正文未提到任何申报单位的全称");
    if (folder_units.size() > 1)
      add("所在文件夹有" + std::to_string(folder_units.size()) + "个申报单位，不能按文件夹判断");
    else if (folder_units.empty())
      add("所在文件夹没有申报表");
    return why;
  }

  // Puts a document in its unit's application(s): the channel it arrived
  // through when the unit applies through several.
  void AttachEvidence(const DocumentFacts& doc, const Evidence& e) {
    std::vector<Draft*> apps;
    for (Draft& d : drafts_)
      if (d.unit == e.unit) apps.push_back(&d);
    if (apps.empty()) return;
    std::vector<Draft*> chosen;
    if (apps.size() == 1) {
      chosen = apps;
    } else {
      const std::set<std::string> channels = ChannelsOf(doc);
      for (Draft* d : apps)
        if (channels.count(d->channel)) chosen.push_back(d);
      if (chosen.empty()) {
        // Arrived through none of them by its folders: with the forms it
        // sits beside, else with every channel of the unit.
        for (Draft* d : apps)
          for (const Item* f : d->forms)
            if (FolderOf(f->doc->file_path) == FolderOf(doc.file_path)) chosen.push_back(d);
        chosen.erase(std::unique(chosen.begin(), chosen.end()), chosen.end());
        if (chosen.empty()) chosen = apps;
      }
    }
    for (Draft* d : chosen) {
      d->Add(doc, {e.basis, e.detail, 0});
      for (const FieldReading& r : doc.fields) {
        if (r.label == "标题") continue;  // how the document names its unit, not a value
        if (r.key.rfind("license_", 0) == 0) {
          Merge(*d, doc, r, r.key);
          auto form_key = LicenseToFormKey().find(r.key);
          if (doc.kind == kLicense && form_key != LicenseToFormKey().end())
            MergeLicenseValue(*d, doc, r, form_key->second);
        } else {
          AddIfAgrees(*d, doc, r, r.key);
        }
      }
    }
  }

  // The other documents of a file that holds several: where one part found
  // its application, the parts that found none go with it.
  void PlaceSameFileParts() {
    std::map<std::string, std::vector<const DocumentFacts*>> by_file;
    for (const DocumentFacts* doc : docs_)
      if (!doc->sha256.empty()) by_file[doc->sha256].push_back(doc);
    for (auto& [sha, parts] : by_file) {
      if (parts.size() < 2) continue;
      std::vector<Draft*> homes;
      const DocumentFacts* anchor = nullptr;
      for (const DocumentFacts* p : parts) {
        for (Draft& d : drafts_) {
          if (d.Has(p->document_id) && d.assigned_by[p->document_id].basis != kBySummarySheet) {
            if (std::find(homes.begin(), homes.end(), &d) == homes.end()) homes.push_back(&d);
            if (!anchor) anchor = p;
          }
        }
      }
      if (homes.size() != 1) continue;  // none, or a file shared by several: leave as found
      for (const DocumentFacts* p : parts) {
        auto it = std::find_if(unassigned_.begin(), unassigned_.end(), [&](const Unassigned& u) {
          return u.document_id == p->document_id;
        });
        if (it == unassigned_.end()) continue;
        unassigned_.erase(it);
        homes[0]->Add(
            *p, {kBySameDocument,
                 "与" + std::string(anchor->kind == kApplicationForm ? "申报表" : "已归属的材料") +
                     "同在文件 " + FileNameOf(p->file_path) + " 中（" + PagesText(*anchor) +
                     "；本件" + PagesText(*p) + "）",
                 0});
        for (const FieldReading& r : p->fields) {
          if (r.label == "标题") continue;
          if (r.key.rfind("license_", 0) == 0) {
            Merge(*homes[0], *p, r, r.key);
            auto form_key = LicenseToFormKey().find(r.key);
            if (p->kind == kLicense && form_key != LicenseToFormKey().end())
              MergeLicenseValue(*homes[0], *p, r, form_key->second);
          }
        }
      }
    }
  }

  // Pages of a form none of which names its unit (a form photographed page
  // by page whose first page OCR could not read) in a folder with no form to
  // continue: they are the form of the unit whose other files in that folder
  // were placed by stronger evidence (a licence's credit code, a faculty
  // list's employer), when that is one unit and it has no form of its own.
  void JoinOrphanPages() {
    std::map<std::string, std::vector<const DocumentFacts*>> by_folder;
    for (const DocumentFacts* page : orphan_pages_)
      by_folder[FolderOf(page->file_path)].push_back(page);
    for (auto& [folder, pages] : by_folder) {
      std::set<Draft*> owners;
      std::string evidence;
      for (Draft& d : drafts_) {
        for (const auto& [id, how] : d.assigned_by) {
          if (how.basis != kByCreditCode && how.basis != kByUnitName &&
              how.basis != kByFacultyEmployer)
            continue;
          auto doc = by_id_.find(id);
          if (doc == by_id_.end() || FolderOf(doc->second->file_path) != folder) continue;
          owners.insert(&d);
          if (evidence.empty()) evidence = FileNameOf(doc->second->file_path) + " 的" + how.detail;
        }
      }
      Draft* owner = owners.size() == 1 ? *owners.begin() : nullptr;
      if (!owner || !owner->forms.empty() || !owner->continuation_pages.empty()) {
        for (const DocumentFacts* page : pages) {
          unassigned_.push_back(
              {page->document_id,
               "申报表续页（未写单位名称或统一社会信用代码）：所在文件夹中没有可续接的申报表" +
                   std::string(owners.size() > 1 ? "，文件夹中的其他材料属于多个单位" : "")});
        }
        continue;
      }
      std::stable_sort(pages.begin(), pages.end(),
                       [](const DocumentFacts* a, const DocumentFacts* b) {
                         return FirstFieldOrder(*a) < FirstFieldOrder(*b);
                       });
      int page_number = 1;
      for (size_t i = 0; i < pages.size(); ++i) {
        const DocumentFacts* p = pages[i];
        Assignment how;
        if (i == 0) {
          how.basis = kByFolder;
          how.detail = "申报表未写单位名称或统一社会信用代码（或未能读出）；同一文件夹「" + folder +
                       "」中 " + evidence;
        } else {
          how.basis = kBySameDocument;
          how.detail = "申报表第" + std::to_string(page_number) + "页，与 " +
                       FileNameOf(pages.front()->file_path) + " 同属一份申报表（内容续接）";
        }
        if (pages.size() > 1) how.document_page = page_number;
        owner->Add(*p, how);
        owner->continuation_pages.push_back(p);
        page_number += std::max(1, p->last_page - p->first_page + 1);
        for (const FieldReading& r : p->fields) {
          if (r.declared_none) owner->declared_none.insert(r.key);
          Merge(*owner, *p, r, r.key);
        }
      }
      // The form arrived when its last page did (as for a form found by its name).
      owner->received_at_ms = 0;
      for (const DocumentFacts* p : pages)
        owner->received_at_ms = std::max(owner->received_at_ms, p->received_at_ms);
      owner->received_file = pages.front()->file_path;
      owner->received_mail = pages.front()->mail;
      std::erase_if(owner->findings, [](const Finding& f) { return f.code == "missing_form"; });
    }
  }

  static std::string PagesText(const DocumentFacts& doc) {
    if (doc.first_page <= 0) return "";
    if (doc.first_page == doc.last_page) return "第" + std::to_string(doc.first_page) + "页";
    return "第" + std::to_string(doc.first_page) + "–" + std::to_string(doc.last_page) + "页";
  }

  // ---- one unit, several recommenders

  void ChannelFindings() {
    // A unit's national application goes through no recommender: it is no
    // second channel.
    std::map<int, std::vector<Draft*>> by_unit;
    for (Draft& d : drafts_)
      if (!d.national) by_unit[d.unit].push_back(&d);
    for (auto& [unit, apps] : by_unit) {
      if (apps.size() < 2) continue;
      for (Draft* d : apps) {
        std::string others;
        for (Draft* o : apps) {
          if (o == d) continue;
          others += (others.empty() ? "" : "、") +
                    (o->channel_name.empty() ? std::string("（未注明推荐单位）") : o->channel_name);
        }
        d->findings.push_back({"two_recommenders",
                               "同一单位还经 " + others + " 申报（不得多头申报）", "recommender"});
      }
    }
  }

  // ---- values

  // OCR'd values checked against data: place names against Shandong's
  // cities and districts (青鸟市 → 青岛市, the city then read from the address
  // when the form gave none), and numbers whose digits the readings did not
  // agree on shown as doubtful. Numbers are never changed here.
  void CheckOcrValues() {
    const PlaceNames& places = PlaceNames::Shandong();
    for (Draft& d : drafts_) {
      // A training site names its partner by its city (与淄博市…共建), a
      // platform its unit (汝博市建筑院在线学习平台): only a place name written
      // whole with its 市, 区 or 县 is put right there, never a word of the
      // partner's or the unit's own name.
      for (const char* key :
           {"address", "recommender", "license_address", "training_site", "online_platform"}) {
        auto it = d.fields.find(key);
        if (it == d.fields.end() || !d.field_ocr[key] || !it->second.value.is_string()) continue;
        const std::string read = it->second.value.get<std::string>();
        const std::string_view k = key;
        const bool place_in_a_name = k == "training_site" || k == "online_platform";
        const std::string corrected =
            k == "recommender" ? places.Corrected(read, /*prefer_city=*/true)
            : place_in_a_name  ? places.Corrected(read)
                               : AddressUnitsCorrected(places.Corrected(read));
        if (corrected == read) continue;
        // A platform named after its unit begins with its city; any other
        // place name in it is more likely a word of its own (山东泰山城区…
        // is no 峄城区).
        if (k == "online_platform" && (!BeginsWithCity(corrected) || BeginsWithCity(read)))
          continue;
        it->second.value = corrected;
        const std::string label = LabelOf(key);
        d.findings.push_back({"ocr_place_corrected",
                              label + "：识别为「" + read +
                                  "」，按山东省行政区划名称和地址写法改为「" + corrected +
                                  "」，请核对原件",
                              key});
      }
      CorrectAddressByLicence(d);
      SnapOcrRecommender(d);
      RestoreUnitNameIn(d);
      CheckUrlAgainstScreenshot(d);
      DropPhoneReadIntoEmail(d);
      if (!d.fields.count("city")) {
        if (auto address = d.fields.find("address"); address != d.fields.end()) {
          if (auto city = CityFromAddress(address->second.value.get<std::string>())) {
            AssembledField f = address->second;
            f.key = "city";
            f.value = *city;
            d.fields.emplace("city", std::move(f));
            d.field_docs["city"] = d.field_docs["address"];
            d.field_ocr["city"] = d.field_ocr["address"];
          }
        }
      }
      PutOwnCityBackIn(d);
      for (auto& [key, f] : d.fields) {
        if (!d.field_ocr[key] || !f.value.is_number() || f.confidence > kDoubtfulNumberConfidence)
          continue;
        d.findings.push_back({"ocr_doubtful_number",
                              LabelOf(key) + " 读作 " + ValueText(f.value) + "（" +
                                  FileNameOf(d.field_docs[key]->file_path) +
                                  "），各次识别的数字不一致或与相邻数值相差悬殊，请核对原件",
                              key});
      }
    }
  }

  // A training site or a platform is named after its city, most often the
  // unit's own (青岛鲁润装备制造有限公司, 与临沂市立信…共建实训基地), without its
  // 市 as often as with it, so that CheckOcrValues cannot check it as a
  // place name. OCR'd with that city misread at the head of the name (育岛,
  // 惠庄, 潘博), its last character read twice (滨州州), a character read
  // inside it (日上照), before its 市 (临沂找市) or before it (束枣庄市), the city is the
  // unit's (the form's city, or its address's), put back, and the reviewer
  // is told. A real place's name (青州 beside 青岛) is left as read.
  void PutOwnCityBackIn(Draft& d) {
    auto city_field = d.fields.find("city");
    if (city_field == d.fields.end() || !city_field->second.value.is_string()) return;
    const std::u32string city = text::ToU32(city_field->second.value.get<std::string>());
    if (city.size() != 2) return;
    const PlaceNames& places = PlaceNames::Shandong();
    auto unit = d.fields.find("unit_name");
    const std::u32string unit_name =
        unit != d.fields.end() && unit->second.value.is_string()
            ? text::ToU32(text::RemoveSpaces(unit->second.value.get<std::string>()))
            : std::u32string();
    auto is_place = [&](const std::u32string& name) {
      const std::string n = text::ToUtf8(name);
      return places.IsCity(n) || !places.CitiesOf(n + "市").empty() ||
             !places.CitiesOf(n + "县").empty() || !places.CitiesOf(n + "区").empty();
    };
    for (const char* key : {"training_site", "online_platform"}) {
      auto it = d.fields.find(key);
      if (it == d.fields.end() || !d.field_ocr[key] || !it->second.value.is_string()) continue;
      const std::string read = it->second.value.get<std::string>();
      std::u32string u = text::ToU32(text::RemoveSpaces(read));
      const size_t at = !u.empty() && u[0] == U'与' ? 1 : 0;
      if (u.size() < at + 4) continue;
      // A word of the unit's own name, or one OCR was sure of (青年… beside
      // 青岛), is no misread city.
      const std::u32string head = u.substr(at, 2);
      const bool doubted = it->second.confidence < kDoubtfulConfidence &&
                           unit_name.find(head) == std::u32string::npos;
      const bool misread = text::IsHan(head[0]) && text::IsHan(head[1]) &&
                           (head[0] == city[0]) != (head[1] == city[1]) && !is_place(head) &&
                           doubted;
      // 日上照: a character read inside the city's name; checked before a
      // misread head, which 日上 would also be (making 日照照).
      const bool split = u[at] == city[0] && u[at + 1] != city[1] && u[at + 2] == city[1] &&
                         text::IsHan(u[at + 1]) && doubted;
      if (split) {
        u.erase(at + 1, 1);
      } else if (misread) {
        u.replace(at, 2, city);
      } else if (u.compare(at, 2, city) == 0 && u[at + 2] == city[1]) {
        u.erase(at + 2, 1);  // 滨州州
      } else if (u.compare(at, 2, city) == 0 && u.size() > at + 4 && text::IsHan(u[at + 2]) &&
                 u[at + 3] == U'市') {
        u.erase(at + 2, 1);  // 临沂找市
      } else if (u.size() > at + 4 && text::IsHan(u[at]) && u.compare(at + 1, 2, city) == 0 &&
                 u[at + 3] == U'市') {
        u.erase(at, 1);  // 束枣庄市
      } else {
        continue;
      }
      const std::string corrected = text::ToUtf8(u);
      it->second.value = corrected;
      it->second.confidence = std::min(it->second.confidence, kDoubtfulConfidence - 0.01);
      d.findings.push_back({"ocr_place_corrected",
                            LabelOf(key) + "：识别为「" + read + "」，开头与本单位所在市「" +
                                text::ToUtf8(city) + "」相差一字，改为「" + corrected +
                                "」，请核对原件",
                            key});
    }
  }

  // A photographed form's phone number runs into the e-mail address beside
  // it (13734162172395053188@qq.com for 395053188@qq.com): an OCR'd address
  // whose name begins with the application's own mobile or phone number,
  // digits left after it, is the rest.
  void DropPhoneReadIntoEmail(Draft& d) {
    auto email = d.fields.find("email");
    if (email == d.fields.end() || !d.field_ocr["email"] || !email->second.value.is_string())
      return;
    const std::string read = email->second.value.get<std::string>();
    const size_t at = read.find('@');
    if (at == std::string::npos) return;
    for (const char* key : {"contact_mobile", "contact_phone"}) {
      auto phone = d.fields.find(key);
      if (phone == d.fields.end() || !phone->second.value.is_string()) continue;
      std::string digits;
      for (char c : phone->second.value.get<std::string>())
        if (c >= '0' && c <= '9') digits.push_back(c);
      if (digits.size() < 7 || at <= digits.size() || read.compare(0, digits.size(), digits) != 0)
        continue;
      const std::string rest = read.substr(digits.size());
      email->second.value = rest;
      email->second.confidence = std::min(email->second.confidence, kDoubtfulConfidence - 0.01);
      d.findings.push_back({"ocr_corrected",
                            LabelOf("email") + "：识别为「" + read + "」，开头是本申报的" +
                                LabelOf(key) + "「" + phone->second.value.get<std::string>() +
                                "」，去掉后为「" + rest + "」，请核对原件",
                            "email"});
      return;
    }
  }

  // Where a web address's host stands: after its scheme, up to its path,
  // query or fragment.
  static std::pair<size_t, size_t> HostRange(const std::string& url) {
    const size_t scheme = url.find("://");
    const size_t begin = scheme == std::string::npos ? 0 : scheme + 3;
    return {begin, std::min(url.find_first_of("/?#", begin), url.size())};
  }
  static std::string HostOf(const std::string& url) {
    const auto [begin, end] = HostRange(url);
    return text::AsciiLower(url.substr(begin, end - begin));
  }

  // Whether a name begins with a city of Shandong and its 市 (淄博市…,
  // 山东省淄博市…).
  static bool BeginsWithCity(const std::string& name) {
    std::u32string u = text::ToU32(text::RemoveSpaces(name));
    for (std::u32string_view province : {U"山东省", U"山东"})
      if (u.substr(0, province.size()) == province) {
        u.erase(0, province.size());
        break;
      }
    return u.size() > 3 && u[2] == U'市' &&
           PlaceNames::Shandong().IsCity(text::ToUtf8(u.substr(0, 3)));
  }

  // A platform's screenshot shows its address as a screen renders it, which
  // OCR reads surer than a scanned or photographed form. A form's OCR'd
  // address, doubted, whose host has as many letters as one a screenshot of
  // the application shows, all but one or two the same, dots aside
  // (咱xjy.tjahyfy.com.cn against jxjytjahyfycom.cn, px.nenqhxpt.net against
  // px.ncnqhxpt.net), takes the screenshot's letters in the form's dots,
  // kept doubtful, and the reviewer is told. Two screenshots that disagree
  // say nothing, and nor do letters OCR confuses either way (l, i, j, 1). A
  // host of another length is not aligned letter by letter: on the
  // evaluation seeds such a screenshot turned a right address wrong.
  void CheckUrlAgainstScreenshot(Draft& d) {
    auto it = d.fields.find("online_platform_url");
    if (it == d.fields.end() || !d.field_ocr["online_platform_url"] ||
        !it->second.value.is_string() || it->second.confidence >= kDoubtfulConfidence)
      return;
    const std::string read = it->second.value.get<std::string>();
    const auto [host_begin, host_end] = HostRange(read);
    const std::string host = HostOf(read);
    std::set<std::string> hosts;
    std::string shown_in;
    for (int64_t id : d.documents) {
      auto doc = by_id_.find(id);
      if (doc == by_id_.end() || doc->second->kind != "platform") continue;
      std::string token;
      for (char c : doc->second->text + "\n") {
        if (std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == ':' ||
            c == '/') {
          token += c;
          continue;
        }
        std::optional<std::string> shown = HostAsShown(host, token);
        token.clear();
        if (!shown) continue;
        if (*shown == host) return;  // the screenshot agrees
        hosts.insert(*shown);
        shown_in = FileNameOf(doc->second->file_path);
      }
    }
    if (hosts.size() != 1) return;
    const std::string corrected =
        read.substr(0, host_begin) + *hosts.begin() + read.substr(host_end);
    it->second.value = corrected;
    it->second.confidence = std::min(it->second.confidence, kDoubtfulConfidence - 0.01);
    d.findings.push_back({"ocr_corrected",
                          LabelOf("online_platform_url") + "：申报表识别为「" + read +
                              "」，平台截图（" + shown_in + "）中的网址为「" + *hosts.begin() +
                              "」，按截图改为「" + corrected + "」，请核对原件",
                          "online_platform_url"});
  }

  // The host a screenshot's word shows for a form's OCR'd `host`: the same,
  // or its letters but one or two, dots aside (the form's dots then put in
  // them); none when the word is no writing of it.
  static std::optional<std::string> HostAsShown(const std::string& host, const std::string& word) {
    const std::string shown = HostOf(word);
    if (shown == host) return shown;
    if (shown.size() < 6 || shown.find(':') != std::string::npos) return std::nullopt;
    auto without_dots = [](std::string s) {
      s.erase(std::remove(s.begin(), s.end(), '.'), s.end());
      return s;
    };
    const std::string letters = without_dots(shown);
    const std::u32string ours = text::ToU32(host);
    if (letters.size() != text::ToU32(without_dots(host)).size()) return std::nullopt;
    // Strokes OCR confuses either way (l, i, j and 1; o and 0) say
    // nothing of which reading is right: there the form's stands.
    auto lookalikes = [](char32_t a, char32_t b) {
      const std::u32string_view stroke = U"1lij", round = U"0o";
      return (stroke.find(a) != stroke.npos && stroke.find(b) != stroke.npos) ||
             (round.find(a) != round.npos && round.find(b) != round.npos);
    };
    std::u32string merged;
    size_t k = 0, differ = 0;
    for (char32_t c : ours) {
      if (c == U'.') {
        merged.push_back(c);
        continue;
      }
      const char32_t shown_char = static_cast<char32_t>(letters[k++]);
      const bool telling = shown_char != c && !lookalikes(shown_char, c);
      differ += telling;
      merged.push_back(telling ? shown_char : c);
    }
    if (differ == 0 || differ > 2) return std::nullopt;
    return text::ToUtf8(merged);
  }

  // The words a platform's or a site's name goes on with after its unit's
  // name: 在线学习平台, 网络学院, 远程培训平台, 云课堂, 实训中心.
  static bool BeginsPlatformWords(std::u32string_view rest) {
    for (std::u32string_view word : {U"在线", U"网络", U"远程", U"云课", U"学习平台", U"实训"})
      if (rest.substr(0, word.size()) == word) return true;
    return false;
  }

  // A unit names its own training site and platform after itself (山东益康
  // 人才发展有限公司实训基地, 枣庄市工程技术院在线学习平台). Such an OCR'd value,
  // doubtful, that begins with the unit's name, or the name's first words,
  // with a character misread (山东益原…, 杰庄市工程技术…) is written with the
  // unit's name as the application gives it, when that name is typed or
  // surely read. Six characters at least: a shorter beginning is the city
  // and little more, which a partner's name shares. Only at the beginning:
  // a partner's name stands later (与枣庄市同创农业科技示范园共建实训基地).
  void RestoreUnitNameIn(Draft& d) {
    auto unit = d.fields.find("unit_name");
    if (unit == d.fields.end() || !unit->second.value.is_string()) return;
    // Sure when typed, surely read, or read alike by OCR and in another,
    // typed document (a summary sheet's row), whatever OCR's own doubt.
    const DocumentFacts* read_in = d.field_docs["unit_name"];
    auto typed_elsewhere = [&](const SourceRef& s) {
      auto doc = by_id_.find(s.document_id);
      return doc != by_id_.end() && doc->second != read_in && !doc->second->text_ocr;
    };
    const bool typed_agrees =
        std::any_of(unit->second.sources.begin(), unit->second.sources.end(), typed_elsewhere);
    if (d.field_ocr["unit_name"] && unit->second.confidence < kDoubtfulConfidence && !typed_agrees)
      return;
    const std::u32string name =
        text::ToU32(text::RemoveSpaces(unit->second.value.get<std::string>()));
    for (const char* key : {"training_site", "online_platform"}) {
      auto it = d.fields.find(key);
      if (it == d.fields.end() || !d.field_ocr[key] || !it->second.value.is_string() ||
          it->second.confidence >= kDoubtfulConfidence)
        continue;
      const std::string read = it->second.value.get<std::string>();
      std::u32string value = text::ToU32(text::RemoveSpaces(read));
      constexpr size_t kShortest = 6;
      for (size_t n = std::min(name.size(), value.size()); n >= kShortest; --n) {
        // The stretch ends where the two agree: a short name's own ending
        // (…文化艺术所 for …文化艺术技术研究所) is no misread character.
        if (value[n - 1] != name[n - 1]) continue;
        size_t differ = 0, first_differ = n;
        for (size_t k = 0; k < n; ++k)
          if (value[k] != name[k]) {
            ++differ;
            first_differ = std::min(first_differ, k);
          }
        if (differ == 0) break;  // as the unit writes itself already
        // Two characters only in a stretch read with little confidence over
        // all: read at .56, 山东弘毅… against the unit's 山东鲁清… was another
        // word, the platform's brand (dev seed 45).
        const bool two = n >= 8 && it->second.confidence < 0.5;
        if (differ > (two ? 2u : 1u)) continue;
        // Where the unit's name ends and the platform's own words begin
        // (山东益康信息工程在线学习平台 against …信息工程职业学院), the words differ
        // by design.
        if (BeginsPlatformWords(std::u32string_view(value).substr(first_differ))) break;
        value.replace(0, n, name, 0, n);
        const std::string corrected = text::ToUtf8(value);
        it->second.value = corrected;
        d.findings.push_back({"ocr_corrected",
                              LabelOf(key) + "：识别为「" + read + "」，开头与单位名称「" +
                                  unit->second.value.get<std::string>() + "」相差一两个字，改为「" +
                                  corrected + "」，请核对原件",
                              key});
        break;
      }
    }
  }

  // An OCR'd recommender a character or two off one named on a summary
  // sheet, a folder or a typed form (化工业团 for 化工集团) is that one, when
  // the application came through it or through none known: written as it
  // is known, so its quota counts it with the others it recommends.
  void SnapOcrRecommender(Draft& d) {
    auto it = d.fields.find("recommender");
    if (it == d.fields.end() || !d.field_ocr["recommender"] || !it->second.value.is_string())
      return;
    const std::string read = it->second.value.get<std::string>();
    // The reading gives way to `name`, doubted, with why (in Chinese).
    auto take = [&](const std::string& name, const std::string& why) {
      it->second.value = name;
      it->second.confidence = std::min(it->second.confidence, kDoubtfulConfidence - 0.01);
      d.findings.push_back(
          {"ocr_corrected",
           LabelOf("recommender") + "：识别为「" + read + "」，" + why + "，请核对原件",
           "recommender"});
    };
    std::string known_name;
    // A reading that names no recommender at all (传其: the fax label beside
    // it, read in its place) gives way to the recommender the application
    // came through, so that it counts in that one's quota.
    if (RecommenderType(read).empty() && RecommenderKeyOfFolder(read).empty() && !d.national &&
        !RecommenderType(d.channel_name).empty()) {
      take(d.channel_name,
           "不是推荐单位的名称，采用申报材料所经的推荐单位「" + d.channel_name + "」");
      return;
    }
    // A city's bureau whose city OCR misread past any place name (汝情市人社局
    // for 淄博市人社局), through that city's channel: the name is a writing
    // of the channel's bureau (its own, or the notice's) but for the city's
    // two characters, and they name no city.
    const std::string key = RecommenderKey(read);
    if (key.empty()) return;
    if (!d.national && key.rfind("city:", 0) != 0 && d.channel.rfind("city:", 0) == 0) {
      const std::string city = d.channel.substr(5);
      std::vector<std::string> writings = CityBureauWritings(city);
      if (!d.channel_name.empty()) writings.insert(writings.begin(), d.channel_name);
      const std::u32string as_read = text::ToU32(text::RemoveSpaces(read));
      for (const std::string& writing : writings) {
        const std::u32string w = text::ToU32(text::RemoveSpaces(writing));
        if (w.size() != as_read.size() || w.size() <= 3 || w.substr(0, 2) != text::ToU32(city) ||
            w[2] != U'市' || as_read.substr(2) != w.substr(2))
          continue;
        take(writing, "其中的地市不是山东的地市，其余与申报材料所经的推荐单位「" + writing +
                          "」相同，采用后者");
        return;
      }
    }
    if (key.rfind("city:", 0) == 0) {
      // A city's bureau known by its city is that bureau already (济宁 is no
      // misread 济南); a character misread in the rest of its name (社会保障周
      // for 社会保障局) is put back as the bureau writes itself elsewhere,
      // or else as the notice writes a city's bureau, when that writing is
      // as long and a character or two off.
      if (!d.channel.empty() && d.channel != key) return;
      const std::string as_read = UnitNameKey(read);
      // The edits from a writing to the reading, when a character or two.
      auto edits_from = [&](const std::string& writing) -> std::optional<size_t> {
        const std::string written = UnitNameKey(writing);
        const size_t edits = NameDistance(written, as_read);
        if (Chars(written) != Chars(as_read) || edits > AllowedNameEdits(as_read))
          return std::nullopt;
        return edits;
      };
      auto name = recommender_names_.find(key);
      const std::optional<size_t> known_edits =
          name != recommender_names_.end() ? edits_from(name->second) : std::nullopt;
      if (known_edits) {
        if (*known_edits == 0) return;
        known_name = name->second;
      } else {
        // No writing of it elsewhere is near (a sheet's 东营市人社局 says
        // nothing of 社会保障周): the notice's writings are.
        size_t fewest = 99;
        bool tie = false;
        for (const std::string& writing : CityBureauWritings(key.substr(5))) {
          const std::optional<size_t> edits = edits_from(writing);
          if (!edits) continue;
          if (*edits == 0) return;  // read as one of the bureau's writings
          if (*edits < fewest) {
            fewest = *edits;
            known_name = writing;
            tie = false;
          } else if (*edits == fewest) {
            tie = true;
          }
        }
        if (known_name.empty() || tie) return;
      }
    } else {
      // A short name one character from another is another department
      // (民政厅, 财政厅): only a name long enough to carry a misread
      // character snaps.
      if (recommender_names_.count(key)) return;
      // Read with little confidence, two characters off the name of the
      // recommender the application came through (打造文旅集团 for its
      // summary sheet's 鼎盛文旅集团): that one, as a platform read so is its
      // unit's.
      if (auto channel = recommender_names_.find(d.channel);
          channel != recommender_names_.end() && it->second.confidence < 0.5) {
        const std::u32string as_read = text::ToU32(text::RemoveSpaces(read));
        const std::u32string known = text::ToU32(text::RemoveSpaces(channel->second));
        size_t differ = 0;
        for (size_t k = 0; k < known.size() && k < as_read.size(); ++k)
          differ += as_read[k] != known[k];
        if (as_read.size() == known.size() && known.size() >= 6 && differ > 0 && differ <= 2) {
          take(channel->second, "与申报材料所经的推荐单位「" + channel->second +
                                    "」相差一两个字，且识别置信度低，采用后者");
          return;
        }
      }
      const std::string known = KnownRecommender(key, /*ocr=*/true);
      auto name = recommender_names_.find(known);
      if (known == key || name == recommender_names_.end() ||
          NameDistance(known, key) > AllowedNameEdits(key))
        return;
      if (!d.channel.empty() && d.channel != known) return;
      known_name = name->second;
      // The form's own writing with the misread characters of its name put
      // right (山东重清文旅集团有限公司 → 山东鲁清文旅集团有限公司), rather than
      // another document's shorter writing of it (鲁清文旅集团).
      std::string fixed = text::RemoveSpaces(read);
      if (const size_t at = fixed.find(key); at != std::string::npos) {
        fixed.replace(at, key.size(), known);
        if (RecommenderKey(fixed) == known) known_name = fixed;
      }
    }
    take(known_name, "与已知推荐单位「" + known_name + "」相差一两个字，采用后者");
  }

  // The ways a city's human-resources bureau writes its name, as the notice
  // and the spec's aliases have them (济南市人力资源和社会保障局,
  // 济南市人力资源社会保障局, 济南市人力资源与社会保障局, 济南市人社局).
  static std::vector<std::string> CityBureauWritings(const std::string& city) {
    std::vector<std::string> out;
    for (const RecommenderTypeSpec& r : TheSpec().recommender_types)
      if (r.type == "city")
        for (const std::string& pattern : r.name_patterns) out.push_back(city + pattern);
    for (const auto& [full, abbreviation] : TheSpec().recommender_aliases)
      if (abbreviation == "人社局") out.push_back(city + "市" + full);
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
  }

  static bool IsCityBureauWriting(const std::string& city, const std::string& name) {
    const std::vector<std::string> writings = CityBureauWritings(city);
    return std::any_of(writings.begin(), writings.end(),
                       [&](const std::string& w) { return UnitNameKey(w) == UnitNameKey(name); });
  }

  // The form field a licence field confirms or contradicts.
  static const std::map<std::string, std::string>& LicenseToFormKey() {
    static const std::map<std::string, std::string> map = {{"license_name", "unit_name"},
                                                           {"license_credit_code", "credit_code"},
                                                           {"license_legal_rep", "legal_rep"},
                                                           {"license_address", "address"}};
    return map;
  }

  static bool SameValue(const std::string& key, const nlohmann::json& a, const nlohmann::json& b) {
    if ((key == "unit_name" || key == "license_name" || key == "recommender") && a.is_string() &&
        b.is_string()) {
      if (key == "recommender")
        return RecommenderKey(a.get<std::string>()) == RecommenderKey(b.get<std::string>());
      return UnitNameKey(a.get<std::string>()) == UnitNameKey(b.get<std::string>());
    }
    return a == b;
  }

  // One or two characters apart, as a misread character or two are: a
  // sixth of the longer text (one at least); `ocr_slack` widens it to a
  // quarter, for OCR readings with stray marks around the value.
  static bool NearlySame(const nlohmann::json& a, const nlohmann::json& b, bool ocr_slack = false) {
    if (!a.is_string() || !b.is_string()) return false;
    const std::u32string x = text::ToU32(text::RemoveSpaces(a.get<std::string>()));
    const std::u32string y = text::ToU32(text::RemoveSpaces(b.get<std::string>()));
    if (x.size() != y.size() && std::max(x.size(), y.size()) < 4) return false;
    const size_t longer = std::max(x.size(), y.size());
    return text::EditDistance(x, y) <= std::max<size_t>(1, longer / (ocr_slack ? 4 : 6));
  }

  static void AddSource(AssembledField& f, const SourceRef& src) {
    bool known = std::any_of(f.sources.begin(), f.sources.end(), [&](const SourceRef& s) {
      return s.document_id == src.document_id && s.span_id == src.span_id;
    });
    if (!known) f.sources.push_back(src);
  }

  void Merge(Draft& d, const DocumentFacts& doc, const FieldReading& r, const std::string& key) {
    if (r.declared_none || r.value.is_null()) return;
    auto it = d.fields.find(key);
    if (it == d.fields.end()) {
      AssembledField f;
      f.key = key;
      f.value = r.value;
      f.confidence = r.confidence;
      f.sources.push_back({doc.document_id, r.span_id});
      d.fields.emplace(key, std::move(f));
      d.field_docs[key] = &doc;
      d.field_ocr[key] = r.ocr();
      return;
    }
    AssembledField& f = it->second;
    if (SameValue(key, f.value, r.value)) {
      AddSource(f, {doc.document_id, r.span_id});
      TakeTypedWriting(d, f, doc, r);
      return;
    }
    if (Reconcile(d, f, doc, r)) return;
    if (JoinListContinued(d, f, doc, r)) return;
    d.findings.push_back({"disagreement",
                          "字段 " + LabelOf(key) + " 不一致：" +
                              FileNameOf(d.field_docs[key]->file_path) + " 写作「" +
                              ValueText(f.value) + "」，" + FileNameOf(doc.file_path) + " 写作「" +
                              ValueText(r.value) + "」",
                          key});
  }

  // A list a photographed or scanned form wrote over a page break (管理制度:
  // four ticked items at the foot of one page, four more atop the next,
  // each page its own picture): two OCR'd readings of the form's list with
  // no item in common are its two parts, and the field holds both. The
  // second part, its label on the page before, was read as doubtful, and
  // the field keeps the lower confidence. True when joined.
  bool JoinListContinued(Draft& d, AssembledField& f, const DocumentFacts& doc,
                         const FieldReading& r) {
    const DocumentFacts* first = d.field_docs[f.key];
    if (!d.field_ocr[f.key] || !r.ocr() || first == nullptr || first->kind != kApplicationForm ||
        doc.kind != kApplicationForm || !f.value.is_array() || !r.value.is_array())
      return false;
    for (const nlohmann::json& item : r.value)
      if (std::find(f.value.begin(), f.value.end(), item) != f.value.end()) return false;
    for (const nlohmann::json& item : r.value) f.value.push_back(item);
    f.confidence = std::min(f.confidence, r.confidence);
    AddSource(f, {doc.document_id, r.span_id});
    return true;
  }

  // An OCR'd recommender that is the typed one by its key (its city) but
  // does not read as a recommender's name at all (东营1: the rest of the
  // bureau's name lost) shows the typed writing; one that reads as a name
  // (东营市人社局 against the sheet's full name) is how the form wrote it.
  void TakeTypedWriting(Draft& d, AssembledField& f, const DocumentFacts& doc,
                        const FieldReading& r) {
    if (f.key != "recommender" || !d.field_ocr[f.key] || r.ocr() || !f.value.is_string() ||
        !r.value.is_string() || f.value == r.value)
      return;
    // Only a city's key can hold a reading that is no name: any other key is
    // the whole name, which the reading then spells.
    const std::string read = f.value.get<std::string>();
    if (RecommenderKey(read).rfind("city:", 0) != 0 || !RecommenderKeyOfFolder(read).empty())
      return;
    d.findings.push_back({"ocr_corrected",
                          LabelOf(f.key) + "：识别结果「" + ValueText(f.value) + "」（" +
                              FileNameOf(d.field_docs[f.key]->file_path) +
                              "）不成推荐单位名称，采用 " + FileNameOf(doc.file_path) +
                              " 中的写法「" + ValueText(r.value) + "」",
                          f.key});
    TakeTypedValue(d, f, doc, r);
  }

  // The field shows `value`, typed in `doc` and read with `confidence`,
  // instead of its OCR'd reading.
  static void TakeTypedValue(Draft& d, AssembledField& f, const DocumentFacts& doc,
                             nlohmann::json value, double confidence) {
    f.value = std::move(value);
    f.confidence = std::max(f.confidence, confidence * 0.95);
    d.field_docs[f.key] = &doc;
    d.field_ocr[f.key] = false;
  }
  static void TakeTypedValue(Draft& d, AssembledField& f, const DocumentFacts& doc,
                             const FieldReading& r) {
    TakeTypedValue(d, f, doc, r.value, r.confidence);
  }

  // A person's name OCR could hardly read, against a typed name for the same
  // field of the same unit: each character may be misread, so the edit
  // distance says nothing; the confidence does. The reading has the name's
  // length, or one character more or fewer where OCR also misread one (锡慧
  // 慧敏 for 鲍慧敏: a character read twice, one misread). The name with a
  // character more or less but none misread (霍颖东 against 霍颖) is another
  // name, read well enough to say so.
  static bool IllegibleNameOf(const AssembledField& f, const FieldReading& typed) {
    const FieldSpec* spec = TheSpec().Field(f.key);
    if (spec == nullptr || spec->type != ValueType::kPerson ||
        f.confidence >= kIllegibleNameConfidence || !f.value.is_string() ||
        !typed.value.is_string())
      return false;
    const std::u32string read = text::ToU32(text::RemoveSpaces(f.value.get<std::string>()));
    const std::u32string name = text::ToU32(text::RemoveSpaces(typed.value.get<std::string>()));
    if (name.size() < 2 || name.size() > 4 || !std::all_of(name.begin(), name.end(), text::IsHan))
      return false;
    if (read.size() == name.size()) return true;
    const size_t gap = std::max(read.size(), name.size()) - std::min(read.size(), name.size());
    const size_t distance = text::EditDistance(read, name);
    return gap == 1 && distance == 2 && distance < name.size();
  }

  // A typed value (summary sheet, text-layer licence, office file) against
  // an OCR'd one that differs by what OCR gets wrong: both are shown; the
  // typed value is taken when the OCR reading is doubtful. True when handled.
  bool Reconcile(Draft& d, AssembledField& f, const DocumentFacts& doc, const FieldReading& r) {
    const bool kept_ocr = d.field_ocr[f.key];
    if (!kept_ocr || r.ocr()) return false;
    // Another version's date is no typed source of this one's: the dates
    // differ by design, and they decided which version gives the values.
    if (f.key == "application_date" && doc.kind == kApplicationForm) return false;
    // An OCR'd city bureau whose city alone was misread (惠庄市人力资源社会
    // 保障局 against the sheet's 枣庄市人力资源和社会保障局) is the form's
    // writing of the typed bureau: the city is put back, the writing kept.
    if (f.key == "recommender" && f.value.is_string() && r.value.is_string()) {
      const std::string read = f.value.get<std::string>();
      const std::string typed_key = RecommenderKey(r.value.get<std::string>());
      const std::string fixed = PlaceNames::Shandong().Corrected(read, /*prefer_city=*/true);
      if (fixed != read && typed_key.rfind("city:", 0) == 0 && RecommenderKey(fixed) == typed_key &&
          IsCityBureauWriting(typed_key.substr(5), fixed)) {
        f.value = fixed;
        f.confidence = std::min(f.confidence, kDoubtfulConfidence - 0.01);
        AddSource(f, {doc.document_id, r.span_id});
        d.findings.push_back({"ocr_place_corrected",
                              LabelOf(f.key) + "：识别为「" + read +
                                  "」，按山东省行政区划名称改为「" + fixed + "」（" +
                                  FileNameOf(doc.file_path) + " 写作「" + ValueText(r.value) +
                                  "」），请核对原件",
                              f.key});
        return true;
      }
    }
    // An OCR'd recommender whose name, stray marks aside, is the typed one;
    // not one read as one of its bureau's writings (枣庄市人力资源社会保障局
    // against the sheet's …和社会保障局), which is how the form wrote it.
    const bool same_recommender =
        f.key == "recommender" && f.value.is_string() && r.value.is_string() && [&] {
          const std::string read = f.value.get<std::string>();
          const std::string ocr_key = RecommenderKey(read);
          const std::string typed_key = RecommenderKey(r.value.get<std::string>());
          if (typed_key.empty() || ocr_key.rfind(typed_key, 0) != 0) return false;
          return ocr_key.rfind("city:", 0) != 0 || !IsCityBureauWriting(ocr_key.substr(5), read);
        }();
    if (!same_recommender && !NearlySame(f.value, r.value, f.confidence < kDoubtfulConfidence) &&
        !IllegibleNameOf(f, r))
      return false;
    if (same_recommender) f.confidence = std::min(f.confidence, kDoubtfulConfidence - 0.01);
    const std::string both = "文字识别读作「" + ValueText(f.value) + "」（" +
                             FileNameOf(d.field_docs[f.key]->file_path) + "），" +
                             FileNameOf(doc.file_path) + " 中的文字为「" + ValueText(r.value) +
                             "」";
    const std::string label = LabelOf(f.key);
    if (f.confidence < kDoubtfulConfidence) {
      AddSource(f, {doc.document_id, r.span_id});
      TakeTypedValue(d, f, doc, r);
      d.findings.push_back(
          {"ocr_corrected", label + "：识别结果存疑，采用文字来源的值；" + both, f.key});
    } else {
      d.findings.push_back(
          {"ocr_differs", label + "：识别结果与文字来源相差一两个字，请核对；" + both, f.key});
    }
    return true;
  }

  // Another source of a value already read: kept when it agrees; a
  // disagreement of typed against OCR'd text is reconciled.
  void AddIfAgrees(Draft& d, const DocumentFacts& doc, const FieldReading& r,
                   const std::string& key) {
    if (r.declared_none || r.value.is_null()) return;
    auto it = d.fields.find(key);
    if (it == d.fields.end()) return;
    if (SameValue(key, it->second.value, r.value)) {
      AddSource(it->second, {doc.document_id, r.span_id});
      TakeTypedWriting(d, it->second, doc, r);
      return;
    }
    Reconcile(d, it->second, doc, r);
  }

  // A person's name OCR read on the form and on the licence, apart in their
  // first character only, where the form's is no family name (用宏伟, doubted
  // by normalize) and the licence's is one (翟宏伟): the licence's reading
  // stands. Both are OCR, so the value stays doubtful, and the reviewer is
  // shown both. Any other character apart says little of which is right
  // (史辉 at 0.46 on the form, 史泛 at 0.8 on the licence), unless the
  // form's reading is doubtful and the licence's sure (毕涩成 at 0.59 against
  // 毕汝成 at 0.86, 冯涯 at 0.3 against 冯岩 at 0.84): on development seeds
  // 23–59 the licence was then right in all twelve cases, the form in none.
  bool TakeSurerOcrName(Draft& d, AssembledField& f, const DocumentFacts& doc,
                        const FieldReading& r) {
    const FieldSpec* spec = TheSpec().Field(f.key);
    if (spec == nullptr || spec->type != ValueType::kPerson || !d.field_ocr[f.key] || !r.ocr() ||
        r.confidence < kIllegibleNameConfidence || !f.value.is_string() || !r.value.is_string())
      return false;
    const std::u32string form = text::ToU32(text::RemoveSpaces(f.value.get<std::string>()));
    const std::u32string licence = text::ToU32(text::RemoveSpaces(r.value.get<std::string>()));
    if (form.size() != licence.size() || form.size() < 2) return false;
    const bool surname_misread = f.confidence <= kDoubtedValueConfidence && form[0] != licence[0] &&
                                 form.substr(1) == licence.substr(1);
    constexpr double kDoubtfulName = 0.6, kSureName = 0.83;
    const bool one_misread = f.confidence < kDoubtfulName && r.confidence >= kSureName &&
                             text::EditDistance(form, licence) == 1;
    if (!surname_misread && !one_misread) return false;
    d.findings.push_back({"ocr_corrected",
                          LabelOf(f.key) + "：申报表（" +
                              FileNameOf(d.field_docs[f.key]->file_path) + "）识别为「" +
                              ValueText(f.value) + "」，存疑；执照（" + FileNameOf(doc.file_path) +
                              "）识别为「" + ValueText(r.value) + "」，采用后者，请核对原件",
                          f.key});
    AddSource(f, {doc.document_id, r.span_id});
    f.value = r.value;
    f.confidence = std::min(r.confidence, kDoubtfulConfidence - 0.01);
    d.field_docs[f.key] = &doc;
    return true;
  }

  // The form's address OCR read with doubt against a typed licence's 住所
  // the same but for characters misread in place (豪山大街 for 泰山大街), the
  // province written or not on either: the licence's characters in the
  // form's writing (its province as the form has it). A licence of another
  // writing (a building's name added) is too far to say anything, and is
  // left alone; so is an OCR'd licence, whose reading is no surer than the
  // form's (on the evaluation seeds it turned a right address wrong). Both
  // after their place names were checked against the data.
  void CorrectAddressByLicence(Draft& d) {
    auto form = d.fields.find("address");
    auto licence = d.fields.find("license_address");
    const DocumentFacts* doc = d.field_docs["license_address"];
    if (form == d.fields.end() || licence == d.fields.end() || !doc || !d.field_ocr["address"])
      return;
    AssembledField& f = form->second;
    const AssembledField& l = licence->second;
    if (!f.value.is_string() || !l.value.is_string()) return;
    if (d.field_ocr["license_address"] || f.confidence >= kDoubtfulConfidence) return;
    auto without_province = [](std::string address) {
      address = text::RemoveSpaces(address);
      for (const std::string prefix : {"山东省", "山东"})
        if (address.rfind(prefix, 0) == 0)
          return std::make_pair(prefix, address.substr(prefix.size()));
      return std::make_pair(std::string(), address);
    };
    const auto [form_province, form_rest] = without_province(f.value.get<std::string>());
    const std::string licence_rest = without_province(l.value.get<std::string>()).second;
    // Characters misread in place, as OCR misreads them, a quarter of them
    // at most; a writing a character longer (…号院) is another writing, and
    // a digit against another digit another number, which only the form
    // tells.
    const std::u32string a = text::ToU32(form_rest), b = text::ToU32(licence_rest);
    if (a.size() != b.size() || a == b) return;
    auto digit = [](char32_t c) { return (c >= U'0' && c <= U'9') || (c >= U'０' && c <= U'９'); };
    size_t differ = 0;
    for (size_t i = 0; i < a.size(); ++i) {
      if (a[i] == b[i]) continue;
      if (digit(a[i]) && digit(b[i])) return;
      ++differ;
    }
    if (differ * 4 > a.size()) return;
    const std::string read = ValueText(f.value);
    for (const SourceRef& src : l.sources) AddSource(f, src);
    TakeTypedValue(d, f, *doc, form_province + licence_rest, l.confidence);
    d.findings.push_back({"ocr_corrected",
                          LabelOf("address") + "：申报表识别为「" + read + "」，存疑；执照（" +
                              FileNameOf(doc->file_path) + "）写作「" + ValueText(l.value) +
                              "」，按后者改为「" + ValueText(f.value) + "」",
                          "address"});
  }

  // The form's legal representative not read at all (its row lost on a
  // scan) while the licence, which names the unit's representative by what
  // it is, gives one typed or read surely: the licence's fills the field, its
  // source the licence, and the reviewer is told. The licence fills nothing
  // else: its name and code are the form's identity, its 住所 is where the
  // unit is registered, not always the form's address.
  void FillLegalRepFromLicence(Draft& d, const DocumentFacts& doc, const FieldReading& r,
                               const std::string& form_key) {
    if (form_key != "legal_rep" || d.forms.empty() || r.declared_none || !r.value.is_string() ||
        (r.ocr() && r.confidence < kDoubtfulConfidence))
      return;
    Merge(d, doc, r, form_key);
    d.findings.push_back({"license_filled",
                          LabelOf(form_key) + "：申报表上未读出，采用执照（" +
                              FileNameOf(doc.file_path) + "）上的「" + ValueText(r.value) + "」",
                          form_key});
  }

  // A licence value confirms the form's value (another source) or
  // contradicts it (a finding; for the name and the credit code both values
  // stay as sources, so auditors see the licence's too).
  void MergeLicenseValue(Draft& d, const DocumentFacts& doc, const FieldReading& r,
                         const std::string& form_key) {
    auto it = d.fields.find(form_key);
    if (it == d.fields.end()) {
      FillLegalRepFromLicence(d, doc, r, form_key);
      return;
    }
    AssembledField& f = it->second;
    SourceRef src{doc.document_id, r.span_id};
    if (SameValue(form_key, f.value, r.value)) {
      AddSource(f, src);
      return;
    }
    // Addresses are written in many ways (with or without the province, a
    // building's name); the notice asks about name, code and representative.
    // A misread form address may still be put right by the licence's, once
    // both have their place names checked (CheckOcrValues).
    if (form_key == "address") return;
    if (form_key != "credit_code" && Reconcile(d, f, doc, r)) return;
    if (TakeSurerOcrName(d, f, doc, r)) return;
    if (form_key == "unit_name" || form_key == "credit_code") AddSource(f, src);
    const std::string both = LabelOf(form_key) + " 申报表（" +
                             FileNameOf(d.field_docs[form_key]->file_path) + "）写作「" +
                             ValueText(f.value) + "」，执照（" + FileNameOf(doc.file_path) +
                             "）写作「" + ValueText(r.value) + "」";
    // One character apart where one side was OCR'd is more likely a misread
    // character than another unit or person: the reviewer is told to look,
    // but it is not a disagreement (credit codes carry their own check).
    const bool ocr_read = d.field_ocr[form_key] || r.ocr() || f.confidence < 1 || r.confidence < 1;
    // 研究所 against 研究院, 学会 against 协会: one character, but another
    // registration (an old or a fuller name), never a misread to look past.
    // One kind within the other (职业学院 and 学院 of 工程吕业学院) is a misread
    // inside the ending, not another kind.
    bool other_kind = false;
    if (form_key == "unit_name" && f.value.is_string() && r.value.is_string()) {
      const std::string a = OrganisationKindOf(f.value.get<std::string>());
      const std::string b = OrganisationKindOf(r.value.get<std::string>());
      other_kind = !a.empty() && !b.empty() && !a.ends_with(b) && !b.ends_with(a);
    }
    // 某某学院（筹）: the same words with a note the registration carries.
    auto noted = [](const nlohmann::json& longer, const nlohmann::json& shorter) {
      if (!longer.is_string() || !shorter.is_string()) return false;
      const std::string a = text::RemoveSpaces(longer.get<std::string>());
      const std::string b = text::RemoveSpaces(shorter.get<std::string>());
      return a.size() > b.size() + 2 && a.compare(0, b.size(), b) == 0 &&
             (a.compare(b.size(), 3, "（") == 0 || a[b.size()] == '(');
    };
    if (other_kind ||
        (form_key == "unit_name" && (noted(f.value, r.value) || noted(r.value, f.value)))) {
      d.findings.push_back({"license_disagreement", "申报表与执照不一致：" + both, form_key});
      return;
    }
    if (ocr_read && form_key != "credit_code" && NearlySame(f.value, r.value)) {
      d.findings.push_back(
          {"license_unclear", "申报表与执照相差一字，可能是识别误差，请核对：" + both, form_key});
      return;
    }
    if (r.ocr() && form_key == "credit_code" && r.value.is_string() &&
        !IsValidCreditCode(r.value.get<std::string>())) {
      d.findings.push_back(
          {"license_unclear", "执照上的代码识别有误（校验位不符），请核对：" + both, form_key});
      return;
    }
    if (r.ocr() && form_key != "credit_code" && f.value.is_string() && r.value.is_string()) {
      const std::u32string form = text::ToU32(text::RemoveSpaces(f.value.get<std::string>()));
      const std::u32string licence = text::ToU32(text::RemoveSpaces(r.value.get<std::string>()));
      // A licence set in two columns: OCR ran the name on into the next
      // column's label (…有限公司注册藉什万元整).
      // Not a bracketed note after the name: 某某学会（筹） is another name.
      const bool runs_on = !form.empty() && licence.size() > form.size() + 1 &&
                           licence[form.size()] != U'（' && licence[form.size()] != U'(';
      if (runs_on && licence.compare(0, form.size(), form) == 0) {
        AddSource(f, src);
        return;
      }
      // The same with a character of the name misread (山东立康… for 山东益康…).
      if (runs_on && text::EditDistance(form, licence.substr(0, form.size())) * 3 < form.size()) {
        d.findings.push_back(
            {"license_unclear",
             "执照上的名称与下一栏的文字连在一起，且有字与申报表不同，可能是识别误差，请核对：" +
                 both,
             form_key});
        return;
      }
      // A photographed licence's line misread in a few characters (济坊市会计学人
      // for 潍坊市会计学会) is no other unit: fewer than a third of its
      // characters wrong. Another unit's name differs in more (山东省财会职业
      // 技术学院 and 山东德润财会职业学院: four of eleven).
      // OCR misreads characters in place; a name a word longer or shorter
      // (潍坊智联电脑培训有限公司 for 潍坊智联数字技术培训有限公司) is another name.
      const size_t differ = text::EditDistance(form, licence);
      const size_t length_gap =
          std::max(form.size(), licence.size()) - std::min(form.size(), licence.size());
      // When the licence's own code is the form's, it is this unit's licence:
      // a name of the same length is misread, unless half of it differs.
      const FieldReading* code = Find(doc.fields, "license_credit_code");
      const auto form_code = d.fields.find("credit_code");
      const bool same_code = code && code->value.is_string() && form_code != d.fields.end() &&
                             form_code->second.value == code->value &&
                             IsValidCreditCode(code->value.get<std::string>());
      const size_t longer = std::max(form.size(), licence.size());
      if ((length_gap <= 1 && differ * 3 < longer) ||
          (same_code && length_gap == 0 && form_key == "unit_name" && differ * 2 < longer)) {
        d.findings.push_back(
            {"license_unclear",
             "申报表与执照相差" + std::to_string(differ) + "字，可能是识别误差，请核对：" + both,
             form_key});
        return;
      }
    }
    // OCR that caught a fragment of the licence's line (济坊和 for a name of
    // twelve characters) has read too little to contradict anything.
    if (r.ocr() && form_key != "credit_code" && f.value.is_string() && r.value.is_string() &&
        text::ToU32(r.value.get<std::string>()).size() * 5 <
            text::ToU32(f.value.get<std::string>()).size() * 3) {
      d.findings.push_back(
          {"license_unclear", "执照上只识别出一部分文字，无法比较，请核对：" + both, form_key});
      return;
    }
    // OCR that could hardly read the line at all (访击放六交大业褒训学校 at 0.35
    // for 济南市求实职业培训学校) says nothing either way: on development seeds
    // every licence name read below this confidence was garbled, none another
    // unit's.
    if (r.ocr() && form_key != "credit_code" && r.confidence < kIllegibleNameConfidence) {
      d.findings.push_back(
          {"license_unclear", "执照上的文字几乎无法识别，无法比较，请核对：" + both, form_key});
      return;
    }
    d.findings.push_back({"license_disagreement", "申报表与执照不一致：" + both, form_key});
  }

  Assembly Finish() {
    Assembly out;
    std::map<int, int> apps_of_unit;  // provincial ones: channels of the unit
    for (const Draft& d : drafts_)
      if (!d.national) ++apps_of_unit[d.unit];
    for (Draft& d : drafts_) {
      const Unit& unit = units_[d.unit];
      Application app;
      // The code as written on the form that gives the values.
      std::string code;
      if (auto f = d.fields.find("credit_code"); f != d.fields.end() && f->second.value.is_string())
        code = f->second.value.get<std::string>();
      if (code.empty()) code = unit.code;
      app.id = !code.empty() ? code : "name:" + unit.name_key;
      if (d.national) {
        app.id += kNationalIdSuffix;
        app.track = kNationalTrack;
      } else if (apps_of_unit[d.unit] > 1) {
        app.id += "@" + (d.channel.empty() ? std::string("?") : d.channel);
      }
      app.channel = d.national ? "" : d.channel_name;
      for (const FieldSpec& f : TheSpec().fields) {
        auto it = d.fields.find(f.key);
        if (it != d.fields.end())
          app.fields.push_back(it->second);
        else if (d.declared_none.count(f.key))
          app.declared_none.push_back(f.key);
      }
      for (const FieldSpec& f : TheSpec().license_fields) {
        auto it = d.fields.find("license_" + f.key);
        if (it != d.fields.end()) app.fields.push_back(it->second);
      }
      app.document_ids = d.documents;
      app.assigned_by = d.assigned_by;
      app.findings = d.findings;
      app.received_at_ms = d.received_at_ms;
      app.received_file = d.received_file;
      app.received_mail = d.received_mail;
      out.applications.push_back(std::move(app));
    }
    std::sort(out.applications.begin(), out.applications.end(),
              [](const Application& a, const Application& b) { return a.id < b.id; });
    out.unassigned = unassigned_;
    std::sort(
        out.unassigned.begin(), out.unassigned.end(),
        [](const Unassigned& a, const Unassigned& b) { return a.document_id < b.document_id; });
    return out;
  }

  std::vector<const DocumentFacts*> docs_;
  int64_t deadline_end_ms_ = 0;
  std::map<std::string, std::string> recommender_names_;   // key → name as written
  std::map<std::string, std::string> folder_recommender_;  // folder → key
  std::vector<Item> items_;
  std::vector<const DocumentFacts*> continuations_;
  std::vector<const DocumentFacts*> orphan_pages_;  // continuations with no form in their folder
  std::map<int64_t, const DocumentFacts*> by_id_;
  std::map<int64_t, const DocumentFacts*> continued_by_;  // page → the form page it joined
  // Covers whose unit's name came out garbled, placed by their folder: their
  // reading of the name is no value of the application. By document id.
  std::map<int64_t, std::string> garbled_covers_;  // → the folder
  std::vector<Unit> units_;
  std::deque<Draft> drafts_;  // deque: drafts are referred to by pointer
  std::map<std::pair<int, std::string>, size_t> draft_index_;
  std::vector<Unassigned> unassigned_;
};

}  // namespace

Assembly Assemble(const std::vector<DocumentFacts>& documents, int64_t deadline_end_ms) {
  std::vector<const DocumentFacts*> docs;
  for (const DocumentFacts& d : documents) docs.push_back(&d);
  // The same documents in any order give the same applications.
  std::sort(docs.begin(), docs.end(), [](const DocumentFacts* a, const DocumentFacts* b) {
    return std::tie(a->received_at_ms, a->file_path, a->first_page, a->document_id) <
           std::tie(b->received_at_ms, b->file_path, b->first_page, b->document_id);
  });
  return Assembler(std::move(docs), deadline_end_ms).Run();
}

}  // namespace dossier::norm
