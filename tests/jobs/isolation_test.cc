// The isolated reader: a child process that crashes, hangs, spins, eats
// memory or talks too much costs one file and leaves this process running.
// Also what travels back from it (lossless), the log's line form and the
// job runner's identity.
#include "dossier/jobs/isolation.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <string>
#include <thread>
#include <tuple>
#include <vector>

#include "dossier/common/cores.h"
#include "dossier/jobs/child_codec.h"
#include "dossier/jobs/log.h"
#include "dossier/jobs/runner.h"
#include "support/one_core.h"
#include "support/temp_dir.h"

namespace dossier {
namespace {

int64_t NowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

IsolationLimits Quick() {
  IsolationLimits limits;
  limits.wall_seconds = 2;
  limits.cpu_seconds = 1;
  limits.memory_bytes = 256ull << 20;
  limits.max_output_bytes = 1 << 20;
  limits.stop_grace_ms = 200;
  return limits;
}

ChildOutcome RunChild(const std::function<Result<std::string>()>& work,
                      const IsolationLimits& limits = Quick(),
                      const std::function<bool()>& stop = {}) {
  auto outcome = RunIsolated(work, limits, stop);
  EXPECT_TRUE(outcome.ok()) << outcome.status().message();
  return outcome.ok() ? *outcome : ChildOutcome{};
}

TEST(Isolation, APayloadComesBackByteForByte) {
  std::string big(300000, '\0');
  for (size_t i = 0; i < big.size(); ++i) big[i] = static_cast<char>(i * 7);
  ChildOutcome out = RunChild([&]() -> Result<std::string> { return big; });
  ASSERT_EQ(out.end, ChildEnd::kDone);
  EXPECT_EQ(out.payload, big);
  EXPECT_GT(out.peak_rss_kb, 0);
}

TEST(Isolation, TheReadersOwnReasonComesBackWithItsKindAndCode) {
  ChildOutcome out = RunChild([]() -> Result<std::string> {
    return Status::Unsupported("旧版 Word 97-2003 文档（.doc）不能读取")
        .WithReasonCode("legacy_office");
  });
  ASSERT_EQ(out.end, ChildEnd::kRefused);
  EXPECT_EQ(out.status.code(), ErrorCode::kUnsupported);
  EXPECT_EQ(out.status.reason_code(), "legacy_office");
  EXPECT_EQ(out.status.message(), "旧版 Word 97-2003 文档（.doc）不能读取");
}

TEST(Isolation, ACrashIsAParserCrashAndThisProcessGoesOn) {
  ChildOutcome out = RunChild([]() -> Result<std::string> {
    ::raise(SIGSEGV);
    return std::string("unreachable");
  });
  ASSERT_EQ(out.end, ChildEnd::kFailed);
  EXPECT_EQ(out.status.reason_code(), "parser_crashed");
  EXPECT_EQ(out.status.message(), "读取程序在处理该文件时崩溃（段错误），文件未读取");
  ChildOutcome aborted = RunChild([]() -> Result<std::string> { std::abort(); });
  EXPECT_NE(aborted.status.message().find("崩溃（异常终止）"), std::string::npos);
  ChildOutcome exited = RunChild([]() -> Result<std::string> { ::_exit(3); });
  EXPECT_EQ(exited.status.reason_code(), "parser_crashed");
  EXPECT_NE(exited.status.message().find("退出码 3"), std::string::npos);
}

TEST(Isolation, AHangIsKilledAfterTheWallTimeout) {
  const int64_t start = NowMs();
  ChildOutcome out = RunChild([]() -> Result<std::string> {
    ::pause();  // sleeps: no CPU used, only the wall clock stops it
    return std::string();
  });
  ASSERT_EQ(out.end, ChildEnd::kFailed);
  EXPECT_EQ(out.status.reason_code(), "timed_out");
  EXPECT_EQ(out.status.message(), "读取超过 2 秒仍未完成，文件未读取");
  EXPECT_LT(NowMs() - start, 4000);
}

TEST(Isolation, SpinningIsStoppedByTheProcessorTimeLimit) {
  IsolationLimits limits = Quick();
  limits.wall_seconds = 10;
  ChildOutcome out = RunChild(
      []() -> Result<std::string> {
        volatile double x = 0;
        for (;;) x = std::sqrt(x + 1);
      },
      limits);
  ASSERT_EQ(out.end, ChildEnd::kFailed);
  EXPECT_EQ(out.status.reason_code(), "timed_out");
  EXPECT_EQ(out.status.message(), "读取占用处理器时间超过 1 秒，文件未读取");
}

// Quick()'s limits for a reader the memory limit is what must stop; the
// clocks only in case it does not, and generously, since touching 256 MiB on
// a loaded machine can take seconds.
IsolationLimits MemoryBound() {
  IsolationLimits limits = Quick();
  limits.wall_seconds = 60;
  limits.cpu_seconds = 60;
  return limits;
}

#if defined(__SANITIZE_ADDRESS__)
#define DOSSIER_SKIP_WITHOUT_ADDRESS_SPACE_LIMIT() \
  GTEST_SKIP() << "sanitized builds run readers without an address-space limit"
#else
#define DOSSIER_SKIP_WITHOUT_ADDRESS_SPACE_LIMIT() (void)0
#endif

TEST(Isolation, MemoryExhaustionIsReportedAsSuch) {
  DOSSIER_SKIP_WITHOUT_ADDRESS_SPACE_LIMIT();
  ChildOutcome out = RunChild(
      []() -> Result<std::string> {
        std::vector<std::string> hog;
        for (;;) hog.emplace_back(64 << 20, 'x');  // 64 MiB at a time, touched
      },
      MemoryBound());
  ASSERT_EQ(out.end, ChildEnd::kFailed);
  EXPECT_EQ(out.status.reason_code(), "out_of_memory");
  EXPECT_EQ(out.status.message(), "读取该文件需要超过 256 MiB 的内存，文件未读取");
  EXPECT_LT(out.peak_rss_kb, 1 << 20);  // the limit held: under 1 GiB resident
}

// A reader that starts a thread when its memory is nearly all used cannot
// map the thread's stack: that too is memory that ran out, not a failure of
// the reader.
TEST(Isolation, AThreadWithoutRoomForItsStackIsMemoryExhaustion) {
  DOSSIER_SKIP_WITHOUT_ADDRESS_SPACE_LIMIT();
  ChildOutcome out = RunChild(
      []() -> Result<std::string> {
        // Address space taken 1 MiB at a time (mapped, never touched) until
        // no more is given, then one back: room for less than a stack. The
        // reader's own allocations never failed (a failed one says enough).
        std::vector<void*> taken;
        for (;;) {
          void* p = ::mmap(nullptr, 1 << 20, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
          if (p == MAP_FAILED) break;
          taken.push_back(p);
        }
        if (taken.empty()) return std::string("no address space was given at all");
        ::munmap(taken.back(), 1 << 20);
        std::thread([] {}).join();
        return std::string("a thread started");
      },
      MemoryBound());
  ASSERT_EQ(out.end, ChildEnd::kFailed) << out.payload;
  EXPECT_EQ(out.status.reason_code(), "out_of_memory");
}

TEST(Isolation, TooMuchOutputIsCutOff) {
  ChildOutcome out = RunChild([]() -> Result<std::string> { return std::string(3 << 20, 'x'); });
  ASSERT_EQ(out.end, ChildEnd::kFailed);
  EXPECT_EQ(out.status.reason_code(), "output_too_large");
  EXPECT_EQ(out.status.message(), "读取结果超过 1 MiB 的上限，文件未读取");
}

TEST(Isolation, AStopGivesTheChildItsGraceThenInterrupts) {
  ChildOutcome out = RunChild(
      []() -> Result<std::string> {
        ::pause();
        return std::string();
      },
      Quick(), [] { return true; });
  EXPECT_EQ(out.end, ChildEnd::kInterrupted);
  ChildOutcome quick =
      RunChild([]() -> Result<std::string> { return std::string("finished in time"); }, Quick(),
               [] { return true; });
  EXPECT_EQ(quick.end, ChildEnd::kDone);
}

TEST(Isolation, TheChildSeesNoDescriptorOfThisProcessAndWritesNoFiles) {
  testing::TempDir dir;
  const int secret = ::open((dir.path() / "store.sqlite").c_str(), O_CREAT | O_RDWR, 0600);
  ASSERT_GE(secret, 0);
  ChildOutcome out = RunChild([&]() -> Result<std::string> {
    // Descriptors open in the child beyond 0-2 (/dev/null) and 3 (its answer).
    std::string open;
    for (int fd = 4; fd < 1024; ++fd) {
      if (::fcntl(fd, F_GETFD) != -1) open += std::to_string(fd) + " ";
    }
    // A file bigger than the output limit cannot be written (RLIMIT_FSIZE).
    const int fd = ::open((dir.path() / "big").c_str(), O_CREAT | O_WRONLY, 0600);
    std::string chunk(1 << 20, 'x');
    ssize_t written = 0;
    ::signal(SIGXFSZ, SIG_IGN);
    for (int i = 0; i < 3 && fd >= 0; ++i) {
      const ssize_t n = ::write(fd, chunk.data(), chunk.size());
      if (n <= 0) break;
      written += n;
    }
    return "open: " + open + "| written: " + std::to_string(written);
  });
  ::close(secret);
  ASSERT_EQ(out.end, ChildEnd::kDone);
  EXPECT_EQ(out.payload, "open: | written: 1048576");
}

TEST(Isolation, AReaderOfAProcessHeldToOneCoreSizesItsPoolsToOne) {
  // A worker under taskset (or systemd's CPUAffinity=) forks its readers
  // with its mask: each reader's OCR engines and page threads are counted
  // from it (UsableCores), one engine per core it may use, as ingest's.
  ChildOutcome pinned;
  {
    testing::OneCore one;
    ASSERT_TRUE(one.held());
    pinned = RunChild([]() -> Result<std::string> { return std::to_string(UsableCores()); });
  }
  ASSERT_EQ(pinned.end, ChildEnd::kDone);
  EXPECT_EQ(pinned.payload, "1");
  ChildOutcome free =
      RunChild([]() -> Result<std::string> { return std::to_string(UsableCores()); });
  ASSERT_EQ(free.end, ChildEnd::kDone);
  EXPECT_EQ(free.payload, std::to_string(UsableCores()));
}

TEST(Isolation, InProcessModeRunsTheWorkHere) {
  IsolationLimits limits = Quick();
  limits.enabled = false;
  const pid_t me = ::getpid();
  ChildOutcome out =
      RunChild([&]() -> Result<std::string> { return std::to_string(::getpid()); }, limits);
  EXPECT_EQ(out.payload, std::to_string(me));
}

TEST(ChildCodec, ADocumentAndItsAnalysisTravelLosslessly) {
  Document doc;
  doc.pages.push_back(Page{2, 595.25, 841.875, ReadMethod::kOcr, "OCR: no text layer"});
  Span span;
  span.text = std::string("单位名称\xff\xfe invalid UTF-8 kept", 31);
  span.page = 2;
  span.bbox = BBox{1.0 / 3, 2.5, 100.125, 1e-9};
  span.locator = "page 2 line 3";
  span.method = ReadMethod::kOcr;
  span.confidence = 0.8765432109876;
  span.words.push_back(WordBox{"单位", BBox{1, 2, 3, 4}, 0.5});
  span.table = 0;
  span.row = 1;
  span.col = 2;
  doc.spans.push_back(span);
  doc.spans.push_back(Span{});
  Table table;
  table.name = "Sheet1";
  table.page = 2;
  table.rows = 3;
  table.cols = 4;
  table.cells.push_back(Cell{1, 2, 2, 1, 0});
  doc.tables.push_back(table);
  doc.warnings = {"a warning"};

  norm::DocumentAnalysis analysis;
  analysis.classification = {"application_form", 0.9, "title"};
  norm::FieldReading reading;
  reading.key = "unit_name";
  reading.value = nlohmann::json::array({1, "二", 3.5, nullptr});
  reading.declared_none = true;
  reading.raw = "raw";
  reading.confidence = 0.25;
  reading.span_id = 0;
  reading.label = "单位名称";
  reading.place = "p.2";
  reading.method = "ocr";
  reading.page = 2;
  analysis.fields = {reading};
  analysis.summary_rows = {norm::SummaryRow{3, {reading, reading}}};
  analysis.header = {reading};
  analysis.teachers = {norm::Teacher{"张三", "教授", "专职", 0, "济南甲学院"}};
  analysis.notes = {"a note"};

  // Two documents in the file: the second part covers page 2 only.
  std::vector<norm::DocumentPart> parts(2);
  parts[0].first_page = parts[0].last_page = 1;
  parts[1].first_page = parts[1].last_page = 2;
  parts[1].analysis = analysis;
  Document doc2;
  std::vector<norm::DocumentPart> parts2;
  ASSERT_TRUE(DecodeExtraction(EncodeExtraction(doc, parts), &doc2, &parts2).ok());
  ASSERT_EQ(parts2.size(), 2u);
  EXPECT_EQ(parts2[1].first_page, 2);
  EXPECT_EQ(parts2[1].doc.spans.size(), 1u);  // the span on page 2
  EXPECT_TRUE(parts2[0].doc.spans.empty());
  const norm::DocumentAnalysis& analysis2 = parts2[1].analysis;
  ASSERT_EQ(doc2.pages.size(), 1u);
  EXPECT_EQ(doc2.pages[0].number, 2);
  EXPECT_EQ(doc2.pages[0].height, 841.875);
  EXPECT_EQ(doc2.pages[0].method, ReadMethod::kOcr);
  EXPECT_EQ(doc2.pages[0].how_read, "OCR: no text layer");
  ASSERT_EQ(doc2.spans.size(), 2u);
  const Span& s = doc2.spans[0];
  EXPECT_EQ(s.text, span.text);
  ASSERT_TRUE(s.bbox.has_value());
  EXPECT_EQ(s.bbox->x0, 1.0 / 3);
  EXPECT_EQ(s.bbox->y1, 1e-9);
  EXPECT_EQ(s.confidence, span.confidence);
  ASSERT_EQ(s.words.size(), 1u);
  EXPECT_EQ(s.words[0].text, "单位");
  EXPECT_EQ(s.words[0].bbox.x1, 3);
  EXPECT_EQ(std::tie(s.table, s.row, s.col), std::make_tuple(0, 1, 2));
  EXPECT_FALSE(doc2.spans[1].bbox.has_value());
  ASSERT_EQ(doc2.tables.size(), 1u);
  EXPECT_EQ(doc2.tables[0].name, "Sheet1");
  EXPECT_EQ(doc2.tables[0].cols, 4);
  ASSERT_EQ(doc2.tables[0].cells.size(), 1u);
  EXPECT_EQ(doc2.tables[0].cells[0].row_span, 2);
  EXPECT_EQ(doc2.warnings, doc.warnings);

  EXPECT_EQ(analysis2.classification.kind, "application_form");
  EXPECT_EQ(analysis2.classification.confidence, 0.9);
  ASSERT_EQ(analysis2.fields.size(), 1u);
  EXPECT_EQ(analysis2.fields[0].value, reading.value);
  EXPECT_TRUE(analysis2.fields[0].declared_none);
  EXPECT_EQ(analysis2.fields[0].label, "单位名称");
  EXPECT_EQ(analysis2.fields[0].place, "p.2");
  EXPECT_EQ(analysis2.fields[0].method, "ocr");
  EXPECT_EQ(analysis2.fields[0].page, 2);
  ASSERT_EQ(analysis2.summary_rows.size(), 1u);
  EXPECT_EQ(analysis2.summary_rows[0].row, 3);
  EXPECT_EQ(analysis2.summary_rows[0].fields.size(), 2u);
  EXPECT_EQ(analysis2.header.size(), 1u);
  ASSERT_EQ(analysis2.teachers.size(), 1u);
  EXPECT_EQ(analysis2.teachers[0].employment, "专职");
  EXPECT_EQ(analysis2.teachers[0].employer, "济南甲学院");
  EXPECT_EQ(analysis2.notes, analysis.notes);

  EXPECT_FALSE(DecodeExtraction("damaged", &doc2, &parts2).ok());
}

TEST(ChildCodec, ArchiveMembersTravelLosslessly) {
  std::vector<ArchiveMember> members = {{"a/申报表.docx", std::string("PK\0\x03", 4)}, {"b", ""}};
  auto back = DecodeMembers(EncodeMembers(members));
  ASSERT_TRUE(back.ok());
  ASSERT_EQ(back->size(), 2u);
  EXPECT_EQ((*back)[0].name, "a/申报表.docx");
  EXPECT_EQ((*back)[0].bytes, members[0].bytes);
  EXPECT_FALSE(DecodeMembers(EncodeMembers(members).substr(0, 20)).ok());
}

// The child is untrusted: whatever it sends, the parent refuses it in plain
// words rather than crash, allocate without bound or take a prefix for the whole.
TEST(ChildCodec, AnAnswerCutShortOrLengthenedIsRefused) {
  Document doc;
  doc.pages.push_back(Page{1, 595, 842, ReadMethod::kPdfText, "text layer"});
  Span span;
  span.text = "单位名称";
  span.page = 1;
  span.bbox = BBox{1, 2, 3, 4};
  span.words.push_back(WordBox{"单位", BBox{1, 2, 3, 4}, 1});
  doc.spans.push_back(span);
  Table table;
  table.page = 1;
  table.rows = table.cols = 1;
  table.cells.push_back(Cell{0, 0, 1, 1, 0});
  doc.tables.push_back(table);
  std::vector<norm::DocumentPart> parts(1);
  parts[0].first_page = parts[0].last_page = 1;
  norm::FieldReading reading;
  reading.key = "unit_name";
  reading.value = {{"a", {1, 2.5, "三"}}};
  parts[0].analysis.fields = {reading};
  parts[0].analysis.teachers = {norm::Teacher{"张三", "教授", "专职", 0, ""}};
  const std::string bytes = EncodeExtraction(doc, parts);
  Document back;
  std::vector<norm::DocumentPart> back_parts;
  ASSERT_TRUE(DecodeExtraction(bytes, &back, &back_parts).ok());
  EXPECT_EQ(back_parts[0].analysis.fields[0].value, reading.value);
  for (size_t n = 0; n < bytes.size(); ++n) {
    Status s = DecodeExtraction(bytes.substr(0, n), &back, &back_parts);
    ASSERT_FALSE(s.ok()) << "a prefix of " << n << " bytes was taken";
    EXPECT_EQ(s.code(), ErrorCode::kInternal);
  }
  EXPECT_FALSE(DecodeExtraction(bytes + '\0', &back, &back_parts).ok());
}

TEST(ChildCodec, CountsBeyondTheAnswerAndUnknownMethodsAreRefused) {
  Document doc;
  doc.pages.push_back(Page{1, 595, 842, ReadMethod::kOcr, ""});
  std::vector<norm::DocumentPart> parts(1);
  const std::string bytes = EncodeExtraction(doc, parts);
  Document back;
  std::vector<norm::DocumentPart> back_parts;
  ASSERT_TRUE(DecodeExtraction(bytes, &back, &back_parts).ok());
  EXPECT_EQ(back.pages[0].method, ReadMethod::kOcr);
  // The page count is the answer's first four bytes: four billion pages in
  // a few bytes must not be believed (nor allocated).
  std::string many = bytes;
  many.replace(0, 4, "\xff\xff\xff\xff");
  EXPECT_FALSE(DecodeExtraction(many, &back, &back_parts).ok());
  // The page's method follows its number, width and height (4 + 8 + 8 bytes).
  std::string method = bytes;
  method[4 + 4 + 8 + 8] = 9;
  EXPECT_FALSE(DecodeExtraction(method, &back, &back_parts).ok());
}

TEST(ChildCodec, AValueNestedWithoutBoundIsRefused) {
  Document doc;
  std::vector<norm::DocumentPart> parts(1);
  nlohmann::json value = "leaf";
  for (int i = 0; i < 100; ++i) value = nlohmann::json::array({value});
  norm::FieldReading reading;
  reading.value = value;
  parts[0].analysis.fields = {reading};
  Document back;
  std::vector<norm::DocumentPart> back_parts;
  EXPECT_FALSE(DecodeExtraction(EncodeExtraction(doc, parts), &back, &back_parts).ok());
}

TEST(ChildCodec, AMailTravelsAndADamagedOneIsRefused) {
  MailContents mail;
  mail.info.from = "张三 <zhang@example.cn>";
  mail.info.subject = "申报材料";
  mail.info.message_id = "m1@example.cn";
  mail.info.received_at_ms = -5;
  mail.info.time_basis = "date";
  mail.notes = {"a note"};
  mail.attachments.push_back(MailAttachment{{"申报表.docx", "PK"}, ""});
  mail.attachments.push_back(MailAttachment{{"a.exe", "MZ"}, "unsupported_type: 不支持"});
  Span line;
  line.text = "附件为申报材料";
  line.method = ReadMethod::kMail;
  mail.letter.spans.push_back(line);
  std::vector<norm::DocumentPart> letter(1);
  letter[0].doc = mail.letter;
  const std::string bytes = EncodeMail(mail, letter);
  MailContents back;
  std::vector<norm::DocumentPart> back_letter;
  ASSERT_TRUE(DecodeMail(bytes, &back, &back_letter).ok());
  EXPECT_EQ(back.info.from, mail.info.from);
  EXPECT_EQ(back.info.subject, mail.info.subject);
  EXPECT_EQ(back.info.message_id, mail.info.message_id);
  EXPECT_EQ(back.info.received_at_ms, -5);
  EXPECT_EQ(back.info.time_basis, "date");
  EXPECT_EQ(back.notes, mail.notes);
  ASSERT_EQ(back.attachments.size(), 2u);
  EXPECT_EQ(back.attachments[1].member.name, "a.exe");
  EXPECT_EQ(back.attachments[1].reject_reason, mail.attachments[1].reject_reason);
  ASSERT_EQ(back.letter.spans.size(), 1u);
  EXPECT_EQ(back.letter.spans[0].text, line.text);
  ASSERT_EQ(back_letter.size(), 1u);
  for (size_t n = 0; n < bytes.size(); ++n)
    ASSERT_FALSE(DecodeMail(bytes.substr(0, n), &back, &back_letter).ok()) << n;
}

TEST(LogLine, IsOneGreppableLineWhateverTheFileName) {
  EXPECT_EQ(FormatLogLine(1795856400123, 42, LogLevel::kInfo, "taken",
                          {{"file", "a b\n\"c\"\\.docx"}, {"sha256", "ab12"}, {"size", "10"}}),
            "2026-11-28T09:00:00.123Z dossier[42] level=info event=taken "
            "file=\"a b\\n\\\"c\\\"\\\\.docx\" sha256=ab12 size=10");
  EXPECT_EQ(
      FormatLogLine(0, 1, LogLevel::kError, "intake_stopped", {{"reason", ""}, {"x", "\x01"}}),
      "1970-01-01T00:00:00.000Z dossier[1] level=error event=intake_stopped reason=\"\" "
      "x=\"\\x01\"");
  EXPECT_EQ(FormatLogLine(0, 1, LogLevel::kWarning, "e", {{"file", "申报表.docx"}}),
            "1970-01-01T00:00:00.000Z dossier[1] level=warning event=e file=\"申报表.docx\"");
}

TEST(Runner, ThisProcessIsAliveADeadOneIsNot) {
  const std::string me = CurrentRunner();
  EXPECT_TRUE(RunnerAlive(me)) << me;
  const pid_t child = ::fork();
  if (child == 0) ::_exit(0);
  ::waitpid(child, nullptr, 0);
  const std::string dead = me.substr(0, me.find(':')) + ":" + std::to_string(child) + ":1";
  EXPECT_FALSE(RunnerAlive(dead));
  // The same pid with another start time is another process.
  std::string reused = me.substr(0, me.rfind(':')) + ":1";
  EXPECT_FALSE(RunnerAlive(reused));
  EXPECT_FALSE(RunnerAlive("other-boot:" + std::to_string(::getpid()) + ":1"));
  EXPECT_FALSE(RunnerAlive("garbage"));
}

}  // namespace
}  // namespace dossier
