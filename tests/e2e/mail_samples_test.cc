// Saved mails through the whole tool: the committed sample mails
// (sample_docs/mail, mail_expected.json) and hostile ones built here.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "e2e/e2e_support.h"

namespace dossier::testing {
namespace {

namespace fs = std::filesystem;

const nlohmann::json* FindApp(const nlohmann::json& ex, const std::string& id) {
  for (const auto& a : ex["applications"])
    if (a["id"] == id) return &a;
  return nullptr;
}

const nlohmann::json* FindDoc(const nlohmann::json& app, const std::string& file) {
  for (const auto& d : app["documents"])
    if (d["file"] == file) return &d;
  return nullptr;
}

std::string Check(const nlohmann::json& app, const std::string& id, const char* what) {
  for (const auto& c : app["checks"])
    if (c["id"] == id) return c[what].get<std::string>();
  return "";
}

class MailSamplesTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    data_ = new TempDir();
    int exit_code = -1;
    export_ = new nlohmann::json(
        IngestAndExport(data_->path(), SourceDir() / "sample_docs" / "mail", &exit_code, &output_));
    exit_code_ = exit_code;
  }
  static void TearDownTestSuite() {
    delete export_;
    delete data_;
  }
  static TempDir* data_;
  static nlohmann::json* export_;
  static std::string output_;
  static int exit_code_;
};
TempDir* MailSamplesTest::data_ = nullptr;
nlohmann::json* MailSamplesTest::export_ = nullptr;
std::string MailSamplesTest::output_;
int MailSamplesTest::exit_code_ = -1;

TEST_F(MailSamplesTest, EveryMailBecomesItsApplicationWithItsArrival) {
  EXPECT_EQ(exit_code_, 0) << output_;
  const nlohmann::json expected = ReadJson(SourceDir() / "sample_docs" / "mail_expected.json");
  ASSERT_EQ(expected.size(), 3u);
  for (const auto& mail : expected) {
    SCOPED_TRACE(mail["file"].get<std::string>());
    const nlohmann::json* app = FindApp(*export_, mail["id"]);
    ASSERT_NE(app, nullptr) << export_->dump(1);
    EXPECT_EQ((*app)["fields"]["unit_name"]["value"], mail["unit_name"]);
    for (const auto& want : mail["documents"]) {
      const nlohmann::json* d = FindDoc(*app, want["file"]);
      ASSERT_NE(d, nullptr) << want["file"] << " in " << (*app)["documents"].dump(1);
      EXPECT_EQ((*d)["kind"], want["kind"]);
      ASSERT_TRUE(d->contains("mail"));
      EXPECT_EQ((*d)["mail"]["from"], mail["from"]);
      EXPECT_EQ((*d)["mail"]["subject"], mail["subject"]);
      EXPECT_EQ((*d)["mail"]["received_at"], mail["received_at"]);
      EXPECT_EQ((*d)["mail"]["time_basis"], "received");
    }
    EXPECT_EQ(Check(*app, "Q3", "outcome"), mail["Q3"]);
    // 收到邮件 2024-06-27 16:05，发件人 王晓燕 <…>
    const std::string when = mail["received_at"].get<std::string>().substr(0, 16);
    const std::string q3 = Check(*app, "Q3", "detail");
    EXPECT_NE(q3.find("收到邮件 " + when.substr(0, 10) + " " + when.substr(11) + "，发件人 " +
                      mail["from"].get<std::string>()),
              std::string::npos)
        << q3;
    // The mail is kept byte for byte.
    const std::string sha = mail["sha256"];
    EXPECT_EQ(ReadBytes(data_->path() / "originals" / sha.substr(0, 2) / sha),
              ReadBytes(SourceDir() / "sample_docs" / "mail" / mail["file"].get<std::string>()));
  }
}

TEST_F(MailSamplesTest, CoverLetterAssignedByTheUnitNamedInIt) {
  const nlohmann::json* app = FindApp(*export_, "52371100MJ0623K79E");
  ASSERT_NE(app, nullptr);
  const nlohmann::json* letter = FindDoc(*app, "日照港湾职业培训学校申报材料.eml");
  ASSERT_NE(letter, nullptr);
  EXPECT_EQ((*letter)["kind"], "cover_letter");
  EXPECT_EQ((*letter)["assigned_by"]["basis"], "unit_name");
  EXPECT_NE((*letter)["assigned_by"]["detail"].get<std::string>().find("日照港湾职业培训学校"),
            std::string::npos);
}

TEST_F(MailSamplesTest, SameMailAgainIsASecondArrivalNotNewFiles) {
  RunResult again = RunDossier({"--data", data_->path().string(), "ingest",
                                (SourceDir() / "sample_docs" / "mail").string()});
  EXPECT_EQ(again.exit_code, 0) << again.output;
  EXPECT_NE(again.output.find("3 duplicates"), std::string::npos) << again.output;
}

// A mail that says it arrived in the future, and hostile mails.
class HostileMailTest : public ::testing::Test {
 protected:
  nlohmann::json Run(const std::string& name, const std::string& bytes) {
    WriteFile(inbox_.path() / name, bytes);
    return IngestAndExport(data_.path(), inbox_.path(), &exit_code_, &output_);
  }
  const nlohmann::json* Rejected(const nlohmann::json& ex, const std::string& file) {
    for (const auto& r : ex["rejected"])
      if (r["file"] == file) return &r;
    return nullptr;
  }
  TempDir inbox_, data_;
  int exit_code_ = -1;
  std::string output_;
};

const char kHead[] =
    "Received: from a by b; Thu, 27 Jun 2024 16:05:00 +0800\r\n"
    "From: x@example.cn\r\nSubject: test\r\nDate: Thu, 27 Jun 2024 16:00:00 +0800\r\n"
    "MIME-Version: 1.0\r\n";

TEST_F(HostileMailTest, MimeBombIsRejectedWithItsCode) {
  std::string mail = std::string(kHead) + "Content-Type: multipart/mixed; boundary=\"b\"\r\n\r\n";
  for (int i = 0; i < 5000; ++i)
    mail += "--b\r\nContent-Type: multipart/mixed; boundary=\"c\"\r\n\r\n--c--\r\n";
  mail += "--b--\r\n";
  nlohmann::json ex = Run("bomb.eml", mail);
  EXPECT_EQ(exit_code_, 1) << output_;
  const nlohmann::json* r = Rejected(ex, "bomb.eml");
  ASSERT_NE(r, nullptr) << ex.dump(1);
  EXPECT_EQ((*r)["reason"].get<std::string>().rfind("mail_too_many_parts: ", 0), 0u);
  EXPECT_NE((*r)["reason"].get<std::string>().find("MIME 炸弹"), std::string::npos);
}

TEST_F(HostileMailTest, DeepNestingIsRejected) {
  std::string mail = kHead;
  for (int i = 0; i < 200; ++i)
    mail += "Content-Type: multipart/mixed; boundary=\"b" + std::to_string(i) + "\"\r\n\r\n--b" +
            std::to_string(i) + "\r\n";
  mail += "Content-Type: text/plain\r\n\r\nx\r\n";
  nlohmann::json ex = Run("deep.eml", mail);
  const nlohmann::json* r = Rejected(ex, "deep.eml");
  ASSERT_NE(r, nullptr) << ex.dump(1);
  EXPECT_EQ((*r)["reason"].get<std::string>().rfind("mail_too_deep: ", 0), 0u);
}

TEST_F(HostileMailTest, HugeHeaderIsRejected) {
  nlohmann::json ex =
      Run("header.eml",
          std::string(kHead) + "X-Pad: " + std::string(400 * 1024, 'x') + "\r\n\r\nhi\r\n");
  const nlohmann::json* r = Rejected(ex, "header.eml");
  ASSERT_NE(r, nullptr) << ex.dump(1);
  EXPECT_EQ((*r)["reason"].get<std::string>().rfind("mail_header_too_large: ", 0), 0u);
}

TEST_F(HostileMailTest, TraversalNameStaysInsideTheMailAndTnefIsExplained) {
  std::string mail =
      std::string(kHead) +
      "Content-Type: multipart/mixed; boundary=\"o\"\r\n\r\n"
      "--o\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n材料见附件\r\n"
      "--o\r\nContent-Type: application/octet-stream\r\n"
      "Content-Disposition: attachment; filename=\"../../../../tmp/evil\x01.txt\"\r\n\r\n"
      "hello\r\n"
      "--o\r\nContent-Type: application/ms-tnef; name=\"winmail.dat\"\r\n"
      "Content-Transfer-Encoding: base64\r\n\r\neJ8+IgAA\r\n--o--\r\n";
  nlohmann::json ex = Run("trap.eml", mail);
  EXPECT_FALSE(fs::exists("/tmp/evil\x01.txt"));
  // Separators, dots and control characters gone: one name under the mail.
  EXPECT_NE(Rejected(ex, "trap.eml/tmp_evil_.txt"), nullptr) << ex.dump(1);
  EXPECT_NE(output_.find("mail_unsafe_name: "), std::string::npos) << output_;
  const nlohmann::json* tnef = Rejected(ex, "trap.eml/winmail.dat");
  ASSERT_NE(tnef, nullptr) << ex.dump(1);
  EXPECT_EQ((*tnef)["reason"].get<std::string>().rfind("mail_tnef: ", 0), 0u);
}

TEST_F(HostileMailTest, FutureReceivedTimeIsNotBelieved) {
  std::string mail =
      "Received: from a by b; Fri, 01 Jan 2100 08:00:00 +0800\r\n"
      "From: =?UTF-8?B?5byg5LiJ?= <z@example.cn>\r\nSubject: x\r\nMIME-Version: 1.0\r\n"
      "Content-Type: text/plain; charset=utf-8\r\n\r\n申报材料\r\n";
  nlohmann::json ex = Run("future.eml", mail);
  EXPECT_EQ(exit_code_, 0) << output_;
  const nlohmann::json* letter = nullptr;
  for (const auto& u : ex["unassigned"])
    if (u["file"] == "future.eml") letter = &u;
  ASSERT_NE(letter, nullptr) << ex.dump(1);
  EXPECT_EQ((*letter)["kind"], "cover_letter");
  EXPECT_EQ((*letter)["mail"]["time_basis"], "taken");
  EXPECT_EQ((*letter)["mail"]["from"], "张三 <z@example.cn>");
  const std::string note = (*letter)["mail"]["note"];
  EXPECT_EQ(note.rfind("mail_future_time: ", 0), 0u) << note;
  EXPECT_NE(note.find("2100-01-01 08:00"), std::string::npos) << note;
  EXPECT_NE((*letter)["mail"]["received_at"].get<std::string>().rfind("2100", 0), 0u);
}

}  // namespace
}  // namespace dossier::testing
