// The OCR workers: one thread per core, each holding one initialized
// Tesseract engine for its whole life (initialization, about a second, is
// paid once per worker, not per page), fed through a bounded queue so that a
// reader rendering pages faster than they are recognized waits instead of
// piling page images up in memory.
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "dossier/common/status.h"
#include "ocr_engine.h"

namespace dossier::extract_internal {

class OcrPool {
 public:
  // engine is null when it could not be initialized; status says why.
  using Job = std::function<void(OcrEngine* engine, const Status& status)>;

  // The process's pool: one worker per core, languages chi_sim+eng, at most
  // one queued job per worker. Created on first use; engines are initialized
  // by each worker on its first job, so a run that never OCRs never loads
  // them.
  static OcrPool& Shared();

  OcrPool(int workers, int queue_capacity, std::string languages);
  ~OcrPool();  // runs what is queued, then stops the workers
  OcrPool(const OcrPool&) = delete;
  OcrPool& operator=(const OcrPool&) = delete;

  // Queues a job; blocks while the queue is full. The future is ready when the
  // job has run. Thread-safe.
  std::future<void> Submit(Job job);

  int workers() const { return static_cast<int>(threads_.size()); }

 private:
  void Work();

  const size_t capacity_;
  const std::string languages_;
  std::mutex mu_;
  std::condition_variable has_job_, has_room_;
  std::deque<std::packaged_task<void(OcrEngine*, const Status&)>> queue_;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace dossier::extract_internal
