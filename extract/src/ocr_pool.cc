#include "ocr_pool.h"

#include <leptonica/allheaders.h>
#include <omp.h>

#include <algorithm>
#include <cstdlib>

#include "dossier/common/cores.h"

namespace dossier::extract_internal {

OcrPool& OcrPool::Shared() {
  // Each engine is a second of initialization and ~100 MB: one per core this
  // process may use (a worker held to one core by taskset or a quota gets
  // one), not per core of the machine.
  static const int cores = UsableCores();
  static OcrPool pool(cores, cores, "chi_sim+eng");
  return pool;
}

OcrPool::OcrPool(int workers, int queue_capacity, std::string languages)
    : capacity_(static_cast<size_t>(std::max(1, queue_capacity))),
      languages_(std::move(languages)) {
  // Tesseract parallelizes inside a page with OpenMP; with one engine per
  // core already busy that only oversubscribes the cores (measured: twice
  // the CPU time, most of it spinning). The variable is what the Tesseract
  // documentation asks for, but libgomp reads it when it is loaded, before
  // main; what takes effect is each worker's own call in Work().
  setenv("OMP_THREAD_LIMIT", "1", /*overwrite=*/0);
  // Leptonica's notes ("scaling factor >= 0.7 ...") are not for the user;
  // damage is reported in the documents' warnings.
  setMsgSeverity(L_SEVERITY_NONE);
  for (int i = 0; i < std::max(1, workers); ++i) threads_.emplace_back([this] { Work(); });
}

OcrPool::~OcrPool() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
  }
  has_job_.notify_all();
  for (std::thread& t : threads_) t.join();
}

std::future<void> OcrPool::Submit(Job job) {
  std::packaged_task<void(OcrEngine*, const Status&)> task(std::move(job));
  std::future<void> done = task.get_future();
  {
    std::unique_lock<std::mutex> lock(mu_);
    has_room_.wait(lock, [this] { return queue_.size() < capacity_; });
    queue_.push_back(std::move(task));
  }
  has_job_.notify_one();
  return done;
}

void OcrPool::Work() {
  // OpenMP's limit on active parallel levels is per thread: 0 makes every
  // parallel region inside Tesseract run on this thread alone.
  omp_set_max_active_levels(0);
  std::unique_ptr<OcrEngine> engine;
  Status engine_status;
  bool tried = false;
  for (;;) {
    std::packaged_task<void(OcrEngine*, const Status&)> task;
    {
      std::unique_lock<std::mutex> lock(mu_);
      has_job_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;
      task = std::move(queue_.front());
      queue_.pop_front();
    }
    has_room_.notify_one();
    if (!tried) {
      tried = true;
      auto created = OcrEngine::Create(languages_);
      if (created.ok())
        engine = std::move(created).value();
      else
        engine_status = created.status();
    }
    task(engine.get(), engine_status);
  }
}

}  // namespace dossier::extract_internal
