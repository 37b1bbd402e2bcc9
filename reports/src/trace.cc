#include "dossier/reports/trace.h"

#include <cmath>
#include <sstream>

#include "dossier/normalize/place_words.h"
#include "dossier/normalize/spec.h"
#include "dossier/reports/applications.h"
#include "source_type.h"
#include "zh_words.h"

namespace dossier {

namespace {

using namespace reports_internal;

double Rounded(double x) { return std::round(x * 100) / 100; }

nlohmann::json BoxJson(const BBox& b) {
  return nlohmann::json::array({Rounded(b.x0), Rounded(b.y0), Rounded(b.x1), Rounded(b.y1)});
}

std::string BoxText(const BBox& b) {
  std::ostringstream out;
  out << "[" << Rounded(b.x0) << ", " << Rounded(b.y0) << ", " << Rounded(b.x1) << ", "
      << Rounded(b.y1) << "]";
  return out.str();
}

const norm::FieldSpec* FindFieldSpec(std::string_view field) {
  const norm::Spec& spec = norm::TheSpec();
  if (const norm::FieldSpec* f = spec.Field(field)) return f;
  const std::string wanted = norm::LabelKey(field);
  if (wanted.empty()) return nullptr;
  for (const norm::FieldSpec& f : spec.fields) {
    for (const std::string& label : f.labels) {
      if (norm::LabelKey(label) == wanted) return &f;
    }
  }
  return nullptr;
}

Result<FieldTrace> Trace(ReportViews& views, std::string_view application, std::string_view field) {
  const norm::FieldSpec* spec = FindFieldSpec(field);
  if (!spec) {
    // Appended piece by piece: GCC 12 at -O3 warns falsely (-Wrestrict) on
    // the chain of temporaries the same message built with + makes here.
    std::string message = "'";
    message.append(field).append("' is not a field of the application form; the fields are: ");
    bool first = true;
    for (const norm::FieldSpec& f : norm::TheSpec().fields) {
      if (!first) message.append(", ");
      message.append(f.key);
      first = false;
    }
    return Status::InvalidInput(message);
  }
  auto apps = views.ListApplications();
  if (!apps.ok()) return apps.status();
  auto found = FindApplication(*apps, application);
  if (!found.ok()) return found.status();
  const ApplicationView* app = *found;
  FieldTrace t;
  t.application_id = app->id;
  t.key = spec->key;
  t.label = FieldLabel(spec->key);
  for (const FieldView& f : app->fields) {
    if (f.key == "unit_name") t.unit_name = ValueText(f.value);
  }
  const FieldView* value = nullptr;
  for (const FieldView& f : app->fields) {
    if (f.key == spec->key) value = &f;
  }
  if (!value) {
    return Status::NotFound("application " + app->id + " (" + t.unit_name + ") has no value for " +
                            t.label + " (" + t.key + "): it was not found in its documents");
  }
  t.value = value->value;
  t.confidence = value->confidence;
  t.sources = value->sources;
  for (const SourceView& s : t.sources) {
    t.types.push_back(std::string(FileTypeName(SourceFileType(*app, s))));
  }
  return t;
}

}  // namespace

Result<FieldTrace> TraceField(ReportViews& views, std::string_view application,
                              std::string_view field) {
  try {
    return Trace(views, application, field);
  } catch (const std::exception& e) {
    return Status::Internal(std::string("tracing the field failed unexpectedly: ") + e.what());
  }
}

std::string TraceText(const FieldTrace& t, const TraceCrop* crop) {
  std::ostringstream out;
  out << "申请编号: " << t.application_id;
  if (!t.unit_name.empty()) out << "（" << t.unit_name << "）";
  out << "\n字段: " << t.label << " (" << t.key << ")\n"
      << "值: " << ValueText(t.value) << "\n"
      << "置信度: " << ConfidenceText(t.confidence) << "\n";
  for (size_t i = 0; i < t.sources.size(); ++i) {
    const SourceView& s = t.sources[i];
    out << "来源 " << i + 1 << ":\n"
        << "  文件: " << s.file << "\n"
        << "  SHA-256: " << s.sha256 << "\n"
        << "  页: " << (s.page > 0 ? std::to_string(s.page) : "—") << "\n"
        << "  位置框: " << (s.bbox ? BoxText(*s.bbox) : "—") << "\n"
        << "  定位: "
        << (s.locator.empty() ? "—" : norm::LocatorWords(s.locator) + "（" + s.locator + "）")
        << "\n"
        << "  读取方式: " << MethodWord(s) << " (" << s.method << ")\n"
        << "  置信度: " << ConfidenceText(s.confidence) << "\n"
        << "  原文: " << s.raw << "\n";
  }
  if (crop) {
    out << "截图: " << crop->png.string() << "（来源 " << crop->source + 1 << "，" << crop->width
        << "×" << crop->height << " 像素，红框 " << BoxText(crop->highlight) << "）\n";
  }
  return out.str();
}

nlohmann::json TraceJson(const FieldTrace& t, const TraceCrop* crop) {
  nlohmann::json j;
  j["application"] = t.application_id;
  j["unit_name"] = t.unit_name;
  j["field"] = t.key;
  j["label"] = t.label;
  j["value"] = t.value;
  j["confidence"] = t.confidence;
  j["sources"] = nlohmann::json::array();
  for (size_t i = 0; i < t.sources.size(); ++i) {
    const SourceView& s = t.sources[i];
    j["sources"].push_back({{"file", s.file},
                            {"sha256", s.sha256},
                            {"type", t.types[i]},
                            {"page", s.page > 0 ? nlohmann::json(s.page) : nlohmann::json()},
                            {"bbox", s.bbox ? BoxJson(*s.bbox) : nlohmann::json()},
                            {"locator", s.locator},
                            {"method", s.method},
                            {"confidence", s.confidence},
                            {"raw", s.raw}});
  }
  if (crop) {
    j["crop"] = {{"png", crop->png.string()}, {"width", crop->width},
                 {"height", crop->height},    {"highlight", BoxJson(crop->highlight)},
                 {"source", crop->source},    {"kind", crop->kind}};
  }
  return j;
}

}  // namespace dossier
