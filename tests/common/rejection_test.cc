#include "dossier/common/rejection.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace dossier {
namespace {

TEST(Rejection, TheTableHasOneStableCodeAndAChineseMeaningForEach) {
  std::set<std::string_view> codes;
  for (const RejectionInfo& info : AllRejections()) {
    EXPECT_TRUE(codes.insert(info.code).second) << info.code;
    EXPECT_EQ(RejectionCode(info.id), info.code);
    bool lower_snake = !info.code.empty();
    for (char c : info.code) lower_snake &= (c >= 'a' && c <= 'z') || c == '_';
    EXPECT_TRUE(lower_snake) << info.code;
    bool chinese = false;
    for (unsigned char c : info.meaning) chinese |= c >= 0xE4;
    EXPECT_TRUE(chinese) << info.code << ": " << info.meaning;
  }
  for (const char* code :
       {"unknown_type", "encrypted_office", "legacy_office", "damaged", "symlink", "too_deep",
        "archive_too_large", "parser_crashed", "timed_out", "encrypted_pdf", "unreadable"}) {
    EXPECT_TRUE(codes.count(code)) << code;
  }
}

TEST(Rejection, AStatusCarriesItsCodeAndAReaderWithoutOneGetsItsCategorys) {
  Status s = Reject(Rejection::kEncryptedOffice);
  EXPECT_EQ(s.code(), ErrorCode::kUnsupported);
  EXPECT_EQ(s.reason_code(), "encrypted_office");
  EXPECT_EQ(s.message(), RejectionMeaning(Rejection::kEncryptedOffice));
  EXPECT_EQ(RejectionCodeOf(s), "encrypted_office");
  EXPECT_EQ(RejectionCodeOf(s.WithContext("x")), "encrypted_office");
  EXPECT_EQ(RejectionCodeOf(Status::InvalidInput("broken")), "damaged");
  EXPECT_EQ(RejectionCodeOf(Status::Internal("bug")), "reader_failed");
  EXPECT_EQ(Reject(Rejection::kSymlink, "链接").message(), "链接");
}

}  // namespace
}  // namespace dossier
