#include "dossier/common/json_writer.h"

#include <gtest/gtest.h>

#include <limits>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

namespace dossier {
namespace {

std::string Write(const std::function<void(JsonWriter&)>& body) {
  std::ostringstream sink;
  {
    JsonWriter out(sink);
    body(out);
  }
  return sink.str();
}

TEST(JsonWriter, NestedContainersGetTheirCommas) {
  std::string text = Write([](JsonWriter& out) {
    out.BeginObject().Key("a").Int(1).Key("b").BeginArray().Int(2).BeginObject().EndObject();
    out.BeginArray().EndArray().Null().Bool(true).Bool(false).EndArray();
    out.Key("c").String("x").EndObject();
  });
  EXPECT_EQ(text, R"({"a":1,"b":[2,{},[],null,true,false],"c":"x"})");
}

TEST(JsonWriter, StringsAreEscapedAndParseBack) {
  const std::string tricky = "引号\"反斜杠\\换行\n制表\t回车\r\x01\x1f末尾 ☑𠀀";
  std::string text = Write([&](JsonWriter& out) { out.BeginArray().String(tricky).EndArray(); });
  EXPECT_EQ(text.find('\n'), std::string::npos) << text;
  EXPECT_NE(text.find("\\u0001"), std::string::npos) << text;
  EXPECT_EQ(nlohmann::json::parse(text)[0].get<std::string>(), tricky);
}

TEST(JsonWriter, InvalidUtf8BecomesReplacementCharacters) {
  // A lone continuation byte, a truncated 济, an overlong '/', a surrogate.
  const std::string bad =
      "a\x80"
      "b\xE6\xB5"
      "c\xC0\xAF"
      "d\xED\xA0\x80";
  std::string text = Write([&](JsonWriter& out) { out.BeginArray().String(bad).EndArray(); });
  ASSERT_TRUE(nlohmann::json::accept(text)) << text;
  EXPECT_EQ(nlohmann::json::parse(text)[0].get<std::string>(),
            "a\uFFFDb\uFFFD\uFFFDc\uFFFD\uFFFDd\uFFFD\uFFFD\uFFFD");
}

TEST(JsonWriter, NumbersRoundTripAndNonFiniteIsNull) {
  const double values[] = {0.0, 72.0, -3.5, 0.1, 595.4399999999999, 1e300, 5e-324};
  std::string text = Write([&](JsonWriter& out) {
    out.BeginArray();
    for (double v : values) out.Number(v);
    out.Number(std::numeric_limits<double>::quiet_NaN());
    out.Number(std::numeric_limits<double>::infinity());
    out.Int(std::numeric_limits<int64_t>::min()).EndArray();
  });
  nlohmann::json parsed = nlohmann::json::parse(text);
  for (size_t i = 0; i < std::size(values); ++i) EXPECT_EQ(parsed[i].get<double>(), values[i]);
  EXPECT_TRUE(parsed[std::size(values)].is_null());
  EXPECT_TRUE(parsed[std::size(values) + 1].is_null());
  EXPECT_EQ(parsed[std::size(values) + 2].get<int64_t>(), std::numeric_limits<int64_t>::min());
}

TEST(JsonWriter, LongOutputIsWrittenWholeAcrossChunks) {
  std::string text = Write([](JsonWriter& out) {
    out.BeginArray();
    for (int i = 0; i < 50000; ++i)
      out.BeginObject().Key("i").Int(i).Key("t").String("单位名称").EndObject();
    out.EndArray();
  });
  nlohmann::json parsed = nlohmann::json::parse(text);
  ASSERT_EQ(parsed.size(), 50000u);
  EXPECT_EQ(parsed[49999]["i"], 49999);
  EXPECT_EQ(parsed[12345]["t"], "单位名称");
}

}  // namespace
}  // namespace dossier
