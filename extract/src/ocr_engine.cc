#include "ocr_engine.h"

#include <leptonica/allheaders.h>
#include <tesseract/baseapi.h>
#include <tesseract/resultiterator.h>

#include <algorithm>
#include <cstdlib>

#include "dossier/common/rejection.h"
#include "dossier/common/text.h"
#include "pix.h"

namespace dossier::extract_internal {
namespace {

bool InitApi(tesseract::TessBaseAPI& api, const std::string& languages) {
  // Tesseract prints notes ("Estimating resolution ...") through its debug
  // file; they are no business of the tool's output.
  std::vector<std::string> names = {"debug_file"};
  std::vector<std::string> values = {"/dev/null"};
  return api.Init(nullptr, languages.c_str(), tesseract::OEM_LSTM_ONLY, nullptr, 0, &names, &values,
                  false) == 0;
}

bool HasLatinLetter(const std::string& s) {
  for (char c : s)
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) return true;
  return false;
}

}  // namespace

// Two engines: the first language alone reads everything (chi_sim: Chinese,
// digits and Latin letters), and the others (eng) re-read only the words
// that look Latin and were read with doubt, such as e-mail addresses and
// URLs. One engine loaded with "chi_sim+eng" would do both, but runs the
// English model over much Chinese text too: 60% slower on a dense page, and
// it keeps English readings such as "KARA:" for "联系人：".
struct OcrEngine::Impl {
  std::string first, others;  // "chi_sim", "eng"
  tesseract::TessBaseAPI api;
  std::unique_ptr<tesseract::TessBaseAPI> second;  // loaded when first needed
  bool second_tried = false;

  tesseract::TessBaseAPI* Second() {
    if (!second_tried) {
      second_tried = true;
      if (!others.empty()) {
        auto api2 = std::make_unique<tesseract::TessBaseAPI>();
        if (InitApi(*api2, others)) second = std::move(api2);
      }
    }
    return second.get();
  }
};

OcrEngine::OcrEngine(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

OcrEngine::~OcrEngine() {
  if (!impl_) return;
  impl_->api.End();
  if (impl_->second) impl_->second->End();
}

Result<std::unique_ptr<OcrEngine>> OcrEngine::Create(const std::string& languages) {
  auto impl = std::make_unique<Impl>();
  const size_t plus = languages.find('+');
  impl->first = languages.substr(0, plus);
  impl->others = plus == std::string::npos ? "" : languages.substr(plus + 1);
  if (!InitApi(impl->api, impl->first) || (!impl->others.empty() && !impl->Second())) {
    return Reject(Rejection::kOcrUnavailable,
                  std::string(RejectionMeaning(Rejection::kOcrUnavailable)) + "（" + languages +
                      "；Debian 软件包 tesseract-ocr-chi-sim 和 tesseract-ocr-eng）");
  }
  return std::unique_ptr<OcrEngine>(new OcrEngine(std::move(impl)));
}

std::vector<OcrWord> OcrEngine::Recognize(Pix* image, OcrLayout layout, int dpi, int dx, int dy) {
  tesseract::TessBaseAPI& api = impl_->api;
  switch (layout) {
    case OcrLayout::kAuto:
      api.SetPageSegMode(tesseract::PSM_AUTO);
      break;
    case OcrLayout::kBlock:
      api.SetPageSegMode(tesseract::PSM_SINGLE_BLOCK);
      break;
    case OcrLayout::kSingleLine:
      api.SetPageSegMode(tesseract::PSM_SINGLE_LINE);
      break;
  }
  api.SetImage(image);
  api.SetSourceResolution(dpi);
  std::vector<OcrWord> words;
  std::vector<bool> doubtful;  // Latin letters read with little confidence
  if (api.Recognize(nullptr) != 0) {
    api.Clear();
    return words;
  }
  std::unique_ptr<tesseract::ResultIterator> it(api.GetIterator());
  // A word's box is the union of its characters' boxes: the LSTM engine's
  // own word boxes for CJK text can stretch over the rest of the line.
  OcrWord word;
  bool open = false;
  auto flush = [&] {
    // A block taken for a picture comes back as a blank word spanning it.
    if (open && !text::Trim(word.text).empty() && word.x1 > word.x0) {
      doubtful.push_back(HasLatinLetter(word.text) && word.confidence < 0.93);
      words.push_back(std::move(word));
    }
    word = OcrWord();
    open = false;
  };
  if (it && !it->Empty(tesseract::RIL_SYMBOL)) {
    do {
      if (it->IsAtBeginningOf(tesseract::RIL_WORD)) {
        flush();
        std::unique_ptr<char[]> text(it->GetUTF8Text(tesseract::RIL_WORD));
        if (text) word.text = text.get();
        word.confidence = std::clamp(it->Confidence(tesseract::RIL_WORD) / 100.0, 0.0, 1.0);
        word.x0 = word.y0 = 1 << 30;
        word.x1 = word.y1 = -1;
        open = true;
      }
      int x0, y0, x1, y1;
      if (open && it->BoundingBox(tesseract::RIL_SYMBOL, &x0, &y0, &x1, &y1)) {
        word.x0 = std::min(word.x0, x0), word.y0 = std::min(word.y0, y0);
        word.x1 = std::max(word.x1, x1), word.y1 = std::max(word.y1, y1);
      }
    } while (it->Next(tesseract::RIL_SYMBOL));
  }
  flush();
  it.reset();
  api.Clear();

  // A CJK word's box (even from its characters) sometimes runs on over the
  // words after it on its line; it ends where the next word begins.
  for (size_t i = 0; i + 1 < words.size(); ++i) {
    OcrWord& a = words[i];
    const OcrWord& b = words[i + 1];
    const int overlap = std::min(a.y1, b.y1) - std::max(a.y0, b.y0);
    if (overlap * 2 > std::min(a.y1 - a.y0, b.y1 - b.y0) && a.x0 < b.x0 && a.x1 > b.x0) a.x1 = b.x0;
  }

  // Doubtful Latin words get a second reading by the other languages; that
  // reading wins when it is Latin too and more confident.
  for (size_t i = 0; i < words.size(); ++i) {
    if (!doubtful[i]) continue;
    tesseract::TessBaseAPI* other = impl_->Second();
    if (!other) break;
    OcrWord& w = words[i];
    // Only the word: its neighbours on the line must not be read again.
    const int pad = 4;
    BoxPtr box(boxCreate(w.x0, w.y0 - pad, w.x1 - w.x0, w.y1 - w.y0 + 2 * pad));
    PixPtr crop(pixClipRectangle(image, box.get(), nullptr));
    if (!crop) continue;
    PixPtr padded(pixAddBorder(crop.get(), 10, pixGetDepth(crop.get()) == 1 ? 0 : 0xffffffff));
    if (!padded) continue;
    other->SetPageSegMode(tesseract::PSM_SINGLE_LINE);
    other->SetImage(padded.get());
    other->SetSourceResolution(dpi);
    std::unique_ptr<char[]> text(other->GetUTF8Text());
    const double conf = other->MeanTextConf() / 100.0;
    other->Clear();
    if (!text) continue;
    std::string reading = text::RemoveSpaces(text.get());
    if (!reading.empty() && !text::HasHan(reading) && HasLatinLetter(reading) &&
        conf > w.confidence) {
      w.text = reading;
      w.confidence = conf;
    }
  }
  for (OcrWord& w : words) {
    w.x0 += dx, w.x1 += dx, w.y0 += dy, w.y1 += dy;
  }
  return words;
}

// The Chinese model reads a full-width １ as 工 however it is prepared; the
// English one, held to digits, reads the line's digits as digits.
std::vector<OcrWord> OcrEngine::RecognizeDigits(Pix* image, int dpi) {
  std::vector<OcrWord> words;
  tesseract::TessBaseAPI* other = impl_->Second();
  if (!other) return words;
  other->SetVariable("tessedit_char_whitelist", "0123456789");
  other->SetPageSegMode(tesseract::PSM_SINGLE_LINE);
  other->SetImage(image);
  other->SetSourceResolution(dpi);
  std::unique_ptr<char[]> text(other->GetUTF8Text());
  const double conf = other->MeanTextConf() / 100.0;
  other->SetVariable("tessedit_char_whitelist", "");
  other->Clear();
  if (!text) return words;
  const std::string digits = text::RemoveSpaces(text.get());
  if (!digits.empty())
    words.push_back(
        {digits, 0, 0, pixGetWidth(image), pixGetHeight(image), std::clamp(conf, 0.0, 1.0)});
  return words;
}

}  // namespace dossier::extract_internal
