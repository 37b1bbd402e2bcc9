// A real store in a temporary data folder, filled through the Store API the
// way the pipeline fills it, so that report tests control every value,
// span and box (including PDF and photo sources with their geometry).
#pragma once

#include <cairo.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "dossier/assemble/assemble.h"
#include "dossier/ingest/originals.h"
#include "dossier/normalize/analysis.h"
#include "dossier/store/store.h"
#include "support/temp_dir.h"

namespace dossier::testing {

class ReportStore {
 public:
  ReportStore() : data_(dir_.path() / "data"), originals_(data_ / "originals") {
    auto opened = OpenSqliteStore(data_ / "store.sqlite");
    if (!opened.ok()) throw std::runtime_error(opened.status().message());
    store_ = std::move(opened).value();
  }

  Store& store() { return *store_; }
  const std::filesystem::path& data() const { return data_; }
  const std::filesystem::path& root() const { return dir_.path(); }

  // Keeps the original, records its arrival and saves what was "read" from
  // it. Returns the document id.
  int64_t AddDocument(const std::string& path, const std::string& type, const std::string& bytes,
                      const Document& doc, const std::string& kind) {
    const std::string sha = Sha256Hex(bytes);
    EXPECT_TRUE(originals_.Keep(sha, bytes).ok());
    Arrival arrival;
    arrival.sha256 = sha;
    arrival.path_as_received = path;
    arrival.size = static_cast<int64_t>(bytes.size());
    arrival.type = type;
    arrival.received_at_ms = 1718000000000;
    auto arrived = store_->RecordArrival(arrival);
    EXPECT_TRUE(arrived.ok()) << arrived.status().message();
    norm::DocumentAnalysis analysis;
    analysis.classification.kind = kind;
    analysis.classification.confidence = 1;
    analysis.classification.reason = "test";
    // Ended as a worker ends a job: by its holder.
    auto claim = store_->ClaimJob(sha, "report-test", 60'000);
    EXPECT_TRUE(claim.ok() && claim->has_value());
    const JobHolder holder = claim.ok() && *claim ? HolderOf(**claim) : JobHolder{};
    Status saved = store_->SaveExtraction(sha, holder, doc, analysis);
    EXPECT_TRUE(saved.ok()) << saved.message();
    auto facts = store_->LoadDocumentFacts();
    EXPECT_TRUE(facts.ok());
    for (const norm::DocumentFacts& f : *facts) {
      if (f.file_path == path) return f.document_id;
    }
    ADD_FAILURE() << "document " << path << " not stored";
    return 0;
  }

  void Save(const std::vector<norm::Application>& apps) {
    norm::Assembly assembly;
    assembly.applications = apps;
    Status st = store_->SaveAssembly(assembly);
    ASSERT_TRUE(st.ok()) << st.message();
  }

 private:
  TempDir dir_;
  std::filesystem::path data_;
  OriginalsFolder originals_;
  std::unique_ptr<Store> store_;
};

inline norm::AssembledField Field(const std::string& key, nlohmann::json value, int64_t doc,
                                  int span, double confidence = 1) {
  norm::AssembledField f;
  f.key = key;
  f.value = std::move(value);
  f.confidence = confidence;
  f.sources.push_back({doc, span});
  return f;
}

// A DOCX-like document: one table of label/value rows.
inline Document FormTable(const std::vector<std::pair<std::string, std::string>>& rows) {
  Document doc;
  Table table;
  table.rows = static_cast<int>(rows.size());
  table.cols = 2;
  for (size_t r = 0; r < rows.size(); ++r) {
    for (int c = 0; c < 2; ++c) {
      Span span;
      span.text = c == 0 ? rows[r].first : rows[r].second;
      span.locator = "table 1 row " + std::to_string(r + 1) + " cell " + std::to_string(c + 1);
      span.method = ReadMethod::kDocx;
      span.table = 0;
      span.row = static_cast<int>(r);
      span.col = c;
      Cell cell;
      cell.row = static_cast<int>(r);
      cell.col = c;
      cell.span_id = static_cast<int>(doc.spans.size());
      table.cells.push_back(cell);
      doc.spans.push_back(span);
    }
  }
  doc.tables.push_back(table);
  return doc;
}

struct SurfaceDeleter {
  void operator()(cairo_surface_t* s) const { cairo_surface_destroy(s); }
};
using Surface = std::unique_ptr<cairo_surface_t, SurfaceDeleter>;

inline Surface ReadPngFile(const std::filesystem::path& path) {
  return Surface(cairo_image_surface_create_from_png(path.c_str()));
}

inline uint32_t PixelAt(cairo_surface_t* s, int x, int y) {
  const unsigned char* data = cairo_image_surface_get_data(s);
  const int stride = cairo_image_surface_get_stride(s);
  return reinterpret_cast<const uint32_t*>(data + static_cast<ptrdiff_t>(y) * stride)[x];
}

// Pixels in [x0,x1)×[y0,y1) matching `pred(r, g, b)`.
template <typename Pred>
int CountPixels(cairo_surface_t* s, double x0, double y0, double x1, double y1, Pred pred) {
  const int w = cairo_image_surface_get_width(s), h = cairo_image_surface_get_height(s);
  int n = 0;
  for (int y = std::max(0, static_cast<int>(y0)); y < std::min(h, static_cast<int>(y1)); ++y) {
    for (int x = std::max(0, static_cast<int>(x0)); x < std::min(w, static_cast<int>(x1)); ++x) {
      const uint32_t v = PixelAt(s, x, y);
      if (pred((v >> 16) & 255, (v >> 8) & 255, v & 255)) ++n;
    }
  }
  return n;
}

inline bool Ink(unsigned r, unsigned g, unsigned b) { return r < 110 && g < 110 && b < 110; }
inline bool MarkRed(unsigned r, unsigned g, unsigned b) { return r > 170 && g < 100 && b < 100; }

}  // namespace dossier::testing
