// Assembly of applications from documents, by content first: the credit code,
// then the unit name; a document's folder only breaks a tie or places a
// document that names no unit at all.
#include "dossier/normalize/assemble.h"

#include <algorithm>
#include <deque>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "dossier/common/text.h"
#include "dossier/normalize/spec.h"

namespace dossier::norm {
namespace {

std::string FolderOf(const std::string& path) {
  size_t slash = path.rfind('/');
  return slash == std::string::npos ? "" : path.substr(0, slash);
}

std::string FileNameOf(const std::string& path) {
  size_t slash = path.rfind('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

std::string ValueText(const nlohmann::json& value) {
  if (value.is_string()) return value.get<std::string>();
  if (value.is_array()) {
    std::string out;
    for (const auto& v : value) out += (out.empty() ? "" : "、") + ValueText(v);
    return out;
  }
  return value.dump();
}

// A field as clerks know it: the spec's first label (单位名称 for unit_name).
std::string LabelOf(const std::string& key) {
  const FieldSpec* spec = TheSpec().Field(key);
  return spec && !spec->labels.empty() ? spec->labels.front() : key;
}

const FieldReading* Find(const std::vector<FieldReading>& readings, const std::string& key) {
  for (const FieldReading& r : readings)
    if (r.key == key && !r.declared_none) return &r;
  return nullptr;
}

struct Identity {
  std::string code;      // normalized credit code, or ""
  std::string name;      // unit name as read, or ""
  std::string name_key;  // UnitNameKey(name)
};

Identity IdentityOf(const std::vector<FieldReading>& readings) {
  Identity id;
  const FieldReading* code = Find(readings, "credit_code");
  if (!code) code = Find(readings, "license_credit_code");
  if (code) id.code = code->value.get<std::string>();
  const FieldReading* name = Find(readings, "unit_name");
  if (!name) name = Find(readings, "license_name");
  if (const FieldReading* r = name) {
    id.name = r->value.get<std::string>();
    id.name_key = UnitNameKey(id.name);
  }
  return id;
}

struct Draft {
  Identity identity;
  std::string form_folder;  // folder of the (first) form, for folder hints
  std::string id;
  int forms = 0;
  std::set<int64_t> documents;
  std::map<std::string, AssembledField> fields;
  std::map<std::string, std::string> field_files;  // key → file of the value kept
  std::set<std::string> declared_none;
  std::vector<Finding> findings;
};

// The form field a licence field confirms or contradicts.
const std::map<std::string, std::string>& LicenseToFormKey() {
  static const std::map<std::string, std::string> map = {{"license_name", "unit_name"},
                                                         {"license_credit_code", "credit_code"},
                                                         {"license_legal_rep", "legal_rep"},
                                                         {"license_address", "address"}};
  return map;
}

class Assembler {
 public:
  explicit Assembler(std::vector<const DocumentFacts*> docs) : docs_(std::move(docs)) {}

  Assembly Run() {
    for (const DocumentFacts* doc : docs_)
      if (doc->kind == kApplicationForm) PlaceForm(*doc);
    for (const DocumentFacts* doc : docs_)
      if (doc->kind == kSummarySheet) PlaceSummary(*doc);
    for (const DocumentFacts* doc : docs_)
      if (doc->kind != kApplicationForm && doc->kind != kSummarySheet) PlaceOther(*doc);
    return Finish();
  }

 private:
  Draft* FindDraft(const Identity& id) {
    if (!id.code.empty()) {
      for (Draft& d : drafts_)
        if (d.identity.code == id.code) return &d;
    }
    if (!id.name_key.empty()) {
      for (Draft& d : drafts_)
        if (d.identity.name_key == id.name_key) return &d;
    }
    return nullptr;
  }

  // A looser name match for documents that name their unit in a title or a
  // sentence: one name contains the other. Only a single such match counts.
  Draft* FindDraftByNameContainment(const std::string& name_key) {
    constexpr size_t kMinKeyBytes = 4 * 3;  // four CJK characters
    if (name_key.size() < kMinKeyBytes) return nullptr;
    Draft* found = nullptr;
    for (Draft& d : drafts_) {
      const std::string& k = d.identity.name_key;
      if (k.size() < kMinKeyBytes) continue;
      if (k.find(name_key) != std::string::npos || name_key.find(k) != std::string::npos) {
        if (found) return nullptr;
        found = &d;
      }
    }
    return found;
  }

  Draft& NewDraft(const Identity& id) {
    drafts_.emplace_back();
    drafts_.back().identity = id;
    return drafts_.back();
  }

  void PlaceForm(const DocumentFacts& doc) {
    Identity id = IdentityOf(doc.fields);
    Draft* draft = (id.code.empty() && id.name_key.empty()) ? nullptr : FindDraft(id);
    if (!draft) {
      draft = &NewDraft(id);
      if (id.code.empty() && id.name_key.empty()) {
        draft->id = "form:" + doc.file_path;
        draft->findings.push_back(
            {"unreadable_form", "申报表 " + doc.file_path + " 中未读出单位名称或统一社会信用代码"});
      }
    }
    if (draft->forms > 0) {
      draft->findings.push_back({"duplicate_form", "同一单位收到不止一份申报表：" + doc.file_path});
    } else {
      draft->form_folder = FolderOf(doc.file_path);
    }
    if (draft->identity.code.empty()) draft->identity.code = id.code;
    if (draft->identity.name_key.empty())
      draft->identity = {draft->identity.code, id.name, id.name_key};
    ++draft->forms;
    draft->documents.insert(doc.document_id);
    for (const FieldReading& r : doc.fields) {
      if (r.declared_none) draft->declared_none.insert(r.key);
      Merge(*draft, doc, r, r.key);
    }
  }

  void PlaceSummary(const DocumentFacts& doc) {
    bool placed = false;
    for (const SummaryRow& row : doc.summary_rows) {
      Identity id = IdentityOf(row.fields);
      Draft* draft = FindDraft(id);
      if (!draft) {
        draft = &NewDraft(id);
        draft->findings.push_back({"missing_form", "汇总表 " + doc.file_path + " 第" +
                                                       std::to_string(row.row + 1) + "行列出「" +
                                                       (id.name.empty() ? id.code : id.name) +
                                                       "」，但未收到该单位的申报表"});
      }
      placed = true;
      draft->documents.insert(doc.document_id);
      for (const FieldReading& r : row.fields) {
        std::string key = r.key;
        // A mobile number in the sheet's 联系电话 column that is the form's
        // mobile is a source of the mobile, not a second phone.
        if (key == "contact_phone") {
          auto mobile = draft->fields.find("contact_mobile");
          if (mobile != draft->fields.end() && mobile->second.value == r.value)
            key = "contact_mobile";
        }
        if (TheSpec().Field(key)) Merge(*draft, doc, r, key);
      }
      for (const FieldReading& r : doc.header)
        if (r.key == "recommender") Merge(*draft, doc, r, "recommender");
    }
    if (!placed) {
      unassigned_.push_back({doc.document_id, "汇总表中未读出任何申报单位"});
    }
  }

  void PlaceOther(const DocumentFacts& doc) {
    Identity id = IdentityOf(doc.fields);
    Draft* draft = FindDraft(id);
    std::string how;
    if (!draft && !id.name_key.empty()) draft = FindDraftByNameContainment(id.name_key);
    if (!draft && id.code.empty() && id.name_key.empty()) {
      // Nothing in the document names a unit: its folder may still hold
      // exactly one application's form.
      std::string folder = FolderOf(doc.file_path);
      Draft* only = nullptr;
      int matches = 0;
      for (Draft& d : drafts_) {
        if (d.forms > 0 && d.form_folder == folder) {
          only = &d;
          ++matches;
        }
      }
      if (matches == 1 && !folder.empty()) draft = only;
    }
    if (!draft) {
      std::string reason;
      if (!id.code.empty() || !id.name.empty()) {
        reason = "文件所指单位「" + (id.name.empty() ? id.code : id.name) + "」没有申报材料";
      } else {
        reason = "文件中未读出单位名称或统一社会信用代码，所在文件夹也不对应唯一的申报单位";
      }
      unassigned_.push_back({doc.document_id, reason});
      return;
    }
    draft->documents.insert(doc.document_id);
    for (const FieldReading& r : doc.fields) {
      // A title is how the document names its unit, not a value of the form.
      if (r.label == "标题") continue;
      Merge(*draft, doc, r, r.key);
      auto form_key = LicenseToFormKey().find(r.key);
      if (doc.kind == kLicense && form_key != LicenseToFormKey().end())
        MergeLicenseValue(*draft, doc, r, form_key->second);
    }
  }

  // A licence value confirms the form's value (another source) or
  // contradicts it (a finding; for the name and the credit code both values
  // stay as sources, so auditors see the licence's too).
  void MergeLicenseValue(Draft& draft, const DocumentFacts& doc, const FieldReading& r,
                         const std::string& form_key) {
    auto it = draft.fields.find(form_key);
    if (it == draft.fields.end()) return;  // the licence alone does not fill the form
    AssembledField& f = it->second;
    SourceRef src{doc.document_id, r.span_id};
    if (SameValue(form_key, f.value, r.value)) {
      AddSource(f, src);
      return;
    }
    // Addresses are written in many ways (with or without the province, a
    // building's name); the notice asks about name, code and representative.
    if (form_key == "address") return;
    if (form_key == "unit_name" || form_key == "credit_code") AddSource(f, src);
    const std::string both = LabelOf(form_key) + " 申报表（" +
                             FileNameOf(draft.field_files[form_key]) + "）写作「" +
                             ValueText(f.value) + "」，执照（" + FileNameOf(doc.file_path) +
                             "）写作「" + ValueText(r.value) + "」";
    // One character apart where one side was OCR'd is more likely a misread
    // character than another unit or person: the reviewer is told to look,
    // but it is not a disagreement (credit codes carry their own check).
    const bool ocr_read = f.confidence < 1 || r.confidence < 1;
    if (ocr_read && form_key != "credit_code" && NearlySame(f.value, r.value)) {
      draft.findings.push_back({"license_unclear", "申报表与执照相差一字，可能是识别误差，请核对：" + both,
                                form_key});
      return;
    }
    draft.findings.push_back({"license_disagreement", "申报表与执照不一致：" + both, form_key});
  }

  static bool NearlySame(const nlohmann::json& a, const nlohmann::json& b) {
    if (!a.is_string() || !b.is_string()) return false;
    const std::u32string x = text::ToU32(text::RemoveSpaces(a.get<std::string>()));
    const std::u32string y = text::ToU32(text::RemoveSpaces(b.get<std::string>()));
    return text::EditDistance(x, y) <= std::max<size_t>(1, std::max(x.size(), y.size()) / 6);
  }

  static void AddSource(AssembledField& f, const SourceRef& src) {
    bool known = std::any_of(f.sources.begin(), f.sources.end(), [&](const SourceRef& s) {
      return s.document_id == src.document_id && s.span_id == src.span_id;
    });
    if (!known) f.sources.push_back(src);
  }

  static bool SameValue(const std::string& key, const nlohmann::json& a, const nlohmann::json& b) {
    if (key == "unit_name" && a.is_string() && b.is_string())
      return UnitNameKey(a.get<std::string>()) == UnitNameKey(b.get<std::string>());
    return a == b;
  }

  void Merge(Draft& draft, const DocumentFacts& doc, const FieldReading& r,
             const std::string& key) {
    if (r.declared_none || r.value.is_null()) return;
    auto it = draft.fields.find(key);
    if (it == draft.fields.end()) {
      AssembledField f;
      f.key = key;
      f.value = r.value;
      f.confidence = r.confidence;
      f.sources.push_back({doc.document_id, r.span_id});
      draft.fields.emplace(key, std::move(f));
      draft.field_files[key] = doc.file_path;
      return;
    }
    AssembledField& f = it->second;
    if (SameValue(key, f.value, r.value)) {
      AddSource(f, {doc.document_id, r.span_id});
      return;
    }
    // One unit through two recommenders is the notice's 多头申报 (Q2).
    const char* code = key == "recommender" ? "two_recommenders" : "disagreement";
    draft.findings.push_back({code, "字段 " + LabelOf(key) + " 不一致：" +
                                        FileNameOf(draft.field_files[key]) + " 写作「" +
                                        ValueText(f.value) + "」，" + FileNameOf(doc.file_path) +
                                        " 写作「" + ValueText(r.value) + "」"});
  }

  Assembly Finish() {
    Assembly out;
    for (Draft& d : drafts_) {
      Application app;
      if (!d.id.empty())
        app.id = d.id;
      else if (!d.identity.code.empty())
        app.id = d.identity.code;
      else
        app.id = "name:" + d.identity.name_key;
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
      app.document_ids.assign(d.documents.begin(), d.documents.end());
      app.findings = d.findings;
      out.applications.push_back(std::move(app));
    }
    std::sort(out.applications.begin(), out.applications.end(),
              [](const Application& a, const Application& b) { return a.id < b.id; });
    out.unassigned = unassigned_;
    return out;
  }

  std::vector<const DocumentFacts*> docs_;
  std::deque<Draft> drafts_;  // deque: Draft pointers stay valid as drafts are added
  std::vector<Unassigned> unassigned_;
};

bool IsNameNoise(char32_t c) {
  if (text::IsSpace(c)) return true;
  if (c < 0x80)
    return !((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'));
  static const std::u32string_view kPunct =
      U"（）《》〈〉“”‘’「」『』【】、，。．·・—－～：；！？…";
  return kPunct.find(c) != std::u32string_view::npos;
}

}  // namespace

std::string UnitNameKey(std::string_view name) {
  std::u32string out;
  for (char32_t c : text::ToU32(text::AsciiLower(text::FullWidthToAscii(name)))) {
    if (!IsNameNoise(c)) out.push_back(c);
  }
  return text::ToUtf8(out);
}

Assembly Assemble(const std::vector<DocumentFacts>& documents) {
  std::vector<const DocumentFacts*> docs;
  for (const DocumentFacts& d : documents) docs.push_back(&d);
  // The same documents in any order give the same applications; of two
  // forms for one unit, the one that arrived first gives the values.
  std::sort(docs.begin(), docs.end(), [](const DocumentFacts* a, const DocumentFacts* b) {
    return std::tie(a->received_at_ms, a->file_path, a->document_id) <
           std::tie(b->received_at_ms, b->file_path, b->document_id);
  });
  return Assembler(std::move(docs)).Run();
}

}  // namespace dossier::norm
