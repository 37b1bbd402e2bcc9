// One Tesseract engine (LSTM, chi_sim+eng), initialized once and reused for
// every image its owner gives it. Tesseract's types stay in ocr_engine.cc.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "dossier/common/status.h"

struct Pix;

namespace dossier::extract_internal {

struct OcrWord {
  std::string text;                    // UTF-8
  int x0 = 0, y0 = 0, x1 = 0, y1 = 0;  // pixels of the image given, origin top-left
  double confidence = 0;               // 0..1
};

enum class OcrLayout {
  kAuto,        // full layout analysis: columns, blocks, lines
  kBlock,       // one uniform block of text (a table cell of several lines)
  kSingleLine,  // one line of text (a one-line table cell): no layout analysis at all
};

class OcrEngine {
 public:
  ~OcrEngine();

  // Loads the language models ("chi_sim+eng") from the system's tessdata.
  // On failure: Unsupported "OCR language data chi_sim+eng is not installed ...".
  // Thread-safe: no; one engine per thread.
  static Result<std::unique_ptr<OcrEngine>> Create(const std::string& languages);

  // Recognizes `image` (1 or 8 bpp, or 32 bpp RGB) at `dpi`; word boxes are
  // offset by (dx, dy).
  std::vector<OcrWord> Recognize(Pix* image, OcrLayout layout, int dpi, int dx = 0, int dy = 0);
  // Reads `image`, one line of digits, by the other languages' model (eng)
  // allowed digits only; nothing when there is no other model.
  std::vector<OcrWord> RecognizeDigits(Pix* image, int dpi);

 private:
  struct Impl;
  explicit OcrEngine(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace dossier::extract_internal
