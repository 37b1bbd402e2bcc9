// ExpandMail on real mails: the committed samples (UTF-8, GBK, raw GB18030,
// Big5) and hostile ones built here, parsed by the real GMime.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "dossier/extract/mail.h"
#include "support/temp_dir.h"

namespace dossier {
namespace {

std::string ReadSample(const std::string& name) {
  return testing::ReadBytes(testing::SourceDir() / "sample_docs" / "mail" / name);
}

std::string Names(const MailContents& m) {
  std::string out;
  for (const MailAttachment& a : m.attachments) out += a.member.name + "|";
  return out;
}

std::string LetterText(const MailContents& m) {
  std::string out;
  for (const Span& s : m.letter.spans) out += s.text + "\n";
  return out;
}

const char kHead[] =
    "Received: from a by b; Thu, 27 Jun 2024 16:05:00 +0800\r\n"
    "From: x@example.cn\r\nSubject: t\r\nDate: Wed, 26 Jun 2024 08:00:00 +0800\r\n"
    "MIME-Version: 1.0\r\n";

TEST(MailExpandTest, Utf8MailGivesItsFormInlinePictureAndLetter) {
  auto m = ExpandMail(ReadSample("日照港湾职业培训学校申报材料.eml"));
  ASSERT_TRUE(m.ok()) << m.status().message();
  EXPECT_EQ(Names(*m), "申报表.docx|图片1.png|");
  EXPECT_EQ(m->info.from, "王晓燕 <peixun@rzgw.example.cn>");
  EXPECT_EQ(m->info.subject, "日照港湾职业培训学校继续教育基地申报材料");
  EXPECT_EQ(m->info.time_basis, "received");
  EXPECT_EQ(m->info.received_at_ms, 1719475512000);  // 2024-06-27 16:05:12 +08:00
  EXPECT_EQ(m->attachments[0].member.bytes.substr(0, 2), "PK");
  EXPECT_EQ(m->attachments[1].member.bytes.substr(1, 3), "PNG");
  const std::string letter = LetterText(*m);
  EXPECT_NE(letter.find("主题：日照港湾职业培训学校继续教育基地申报材料"), std::string::npos);
  EXPECT_NE(letter.find("附件是日照港湾职业培训学校申报"), std::string::npos) << letter;
  for (const Span& s : m->letter.spans) EXPECT_EQ(s.method, ReadMethod::kMail);
}

TEST(MailExpandTest, GbkMailWithRfc2231NameAndZip) {
  auto m = ExpandMail(ReadSample("威海海韵健康管理学院.eml"));
  ASSERT_TRUE(m.ok()) << m.status().message();
  EXPECT_EQ(Names(*m), "申报表（盖章版）.docx|管理制度.zip|");
  EXPECT_EQ(m->info.from, "曲明 <jxjy@whhy.example.cn>");
  EXPECT_EQ(m->info.subject, "威海海韵健康管理学院申报省级继续教育基地的材料");
  EXPECT_NE(LetterText(*m).find("报送继续教育基地申报材料"), std::string::npos);
}

TEST(MailExpandTest, UndeclaredGb18030AndBig5Names) {
  auto m = ExpandMail(ReadSample("菏泽牡丹农业技术学会（补交）.eml"));
  ASSERT_TRUE(m.ok()) << m.status().message();
  EXPECT_EQ(Names(*m), "申报表.docx|管理制度.docx|");
  EXPECT_EQ(m->info.subject, "菏泽牡丹农业技术学会申报材料（补交）");
  EXPECT_EQ(m->info.from, "赵蕾 <hzmd_xh@example.cn>");
  EXPECT_NE(LetterText(*m).find("现补交申报表和管理制度"), std::string::npos);
}

TEST(MailExpandTest, DateWhenNoReceived) {
  std::string mail =
      "From: x@example.cn\r\nSubject: hi\r\nDate: Wed, 26 Jun 2024 08:00:00 +0800\r\n\r\nbody\r\n";
  auto m = ExpandMail(mail);
  ASSERT_TRUE(m.ok());
  EXPECT_EQ(m->info.time_basis, "date");
  EXPECT_EQ(m->info.received_at_ms, 1719360000000);
}

TEST(MailExpandTest, NestedMessageUnnamedPartsAndTnef) {
  std::string mail =
      std::string(kHead) +
      "Content-Type: multipart/mixed; boundary=\"o\"\r\n\r\n"
      "--o\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n转发材料\r\n"
      "--o\r\nContent-Type: message/rfc822\r\n\r\n"
      "From: y@example.cn\r\nSubject: =?UTF-8?B?5Y6f6YKu5Lu2?=\r\nMIME-Version: 1.0\r\n"
      "Content-Type: multipart/mixed; boundary=\"i\"\r\n\r\n"
      "--i\r\nContent-Type: text/plain\r\n\r\ninner\r\n"
      "--i\r\nContent-Type: application/pdf\r\nContent-Transfer-Encoding: base64\r\n\r\n"
      "JVBERi0xLjQK\r\n--i--\r\n"
      "--o\r\nContent-Type: application/ms-tnef; name=\"winmail.dat\"\r\n"
      "Content-Transfer-Encoding: base64\r\n\r\neJ8+IgAA\r\n"
      "--o--\r\n";
  auto m = ExpandMail(mail);
  ASSERT_TRUE(m.ok()) << m.status().message();
  // The inner mail's parts are under its subject, its text a file of it.
  EXPECT_EQ(Names(*m), "原邮件.eml/附件1.txt|原邮件.eml/附件2.pdf|winmail.dat|");
  EXPECT_EQ(m->attachments[1].member.bytes, "%PDF-1.4\n");
  EXPECT_EQ(m->attachments[2].reject_reason.rfind("mail_tnef: ", 0), 0u);
  EXPECT_NE(m->attachments[2].reject_reason.find("winmail.dat"), std::string::npos);
  EXPECT_NE(LetterText(*m).find("转发材料"), std::string::npos);
}

TEST(MailExpandTest, UnsafeNamesAreMadeOnePathElement) {
  std::string mail =
      std::string(kHead) +
      "Content-Type: multipart/mixed; boundary=\"o\"\r\n\r\n"
      "--o\r\nContent-Type: application/pdf; name=\"../../etc/passwd\"\r\n\r\nx\r\n"
      "--o\r\nContent-Type: application/pdf\r\n"
      "Content-Disposition: attachment; filename*=utf-8''a%0Ab%01c%2F..%2Fd.pdf\r\n\r\n"
      "y\r\n--o--\r\n";
  auto m = ExpandMail(mail);
  ASSERT_TRUE(m.ok()) << m.status().message();
  ASSERT_EQ(m->attachments.size(), 2u);
  for (const MailAttachment& a : m->attachments) {
    EXPECT_EQ(a.member.name.find('/'), std::string::npos) << a.member.name;
    EXPECT_EQ(a.member.name.find('\n'), std::string::npos);
    EXPECT_EQ(a.member.name.find('\x01'), std::string::npos);
    EXPECT_NE(a.member.name.rfind("..", 0), 0u) << a.member.name;
  }
  ASSERT_FALSE(m->notes.empty());
  EXPECT_EQ(m->notes[0].rfind("mail_unsafe_name: ", 0), 0u);
}

TEST(MailExpandTest, ThousandsOfPartsAreRefusedAsABomb) {
  std::string mail = std::string(kHead) + "Content-Type: multipart/mixed; boundary=\"b\"\r\n\r\n";
  for (int i = 0; i < 5000; ++i)
    mail += "--b\r\nContent-Type: multipart/alternative; boundary=\"c\"\r\n\r\n--c--\r\n";
  mail += "--b--\r\n";
  auto m = ExpandMail(mail);
  ASSERT_FALSE(m.ok());
  EXPECT_EQ(MailReasonCode(m.status().message()), "mail_too_many_parts");
  EXPECT_NE(m.status().message().find("MIME 炸弹"), std::string::npos);
}

TEST(MailExpandTest, ManyPlainPartsAreRefusedAfterParsing) {
  std::string mail = std::string(kHead) + "Content-Type: multipart/mixed; boundary=\"b\"\r\n\r\n";
  for (int i = 0; i < 3000; ++i) mail += "--b\r\nContent-Type: application/pdf\r\n\r\nx\r\n";
  mail += "--b--\r\n";
  auto m = ExpandMail(mail);
  ASSERT_FALSE(m.ok());
  EXPECT_EQ(MailReasonCode(m.status().message()), "mail_too_many_parts");
}

TEST(MailExpandTest, DeepNestingIsRefused) {
  std::string mail = std::string(kHead);
  const int depth = 60;
  for (int i = 0; i < depth; ++i)
    mail += "Content-Type: multipart/mixed; boundary=\"b" + std::to_string(i) + "\"\r\n\r\n--b" +
            std::to_string(i) + "\r\n";
  mail += "Content-Type: text/plain\r\n\r\nx\r\n";
  for (int i = depth - 1; i >= 0; --i) mail += "--b" + std::to_string(i) + "--\r\n";
  auto m = ExpandMail(mail);
  ASSERT_FALSE(m.ok());
  EXPECT_EQ(MailReasonCode(m.status().message()), "mail_too_deep");
}

TEST(MailExpandTest, HugeHeaderIsRefused) {
  std::string mail =
      std::string(kHead) + "X-Junk: " + std::string(300 * 1024, 'a') + "\r\n\r\nbody\r\n";
  auto m = ExpandMail(mail);
  ASSERT_FALSE(m.ok());
  EXPECT_EQ(MailReasonCode(m.status().message()), "mail_header_too_large");
  EXPECT_NE(m.status().message().find("邮件头"), std::string::npos);
}

}  // namespace
}  // namespace dossier
