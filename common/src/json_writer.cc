#include "dossier/common/json_writer.h"

#include <charconv>
#include <cmath>

#include "dossier/common/text.h"

namespace dossier {
namespace {
constexpr size_t kFlushBytes = 1 << 16;
}  // namespace

void JsonWriter::BeforeValue() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (first_in_container_.empty()) return;
  if (first_in_container_.back())
    first_in_container_.back() = false;
  else
    buffer_.push_back(',');
}

void JsonWriter::Open(char bracket) {
  BeforeValue();
  buffer_.push_back(bracket);
  first_in_container_.push_back(true);
}

void JsonWriter::Close(char bracket) {
  buffer_.push_back(bracket);
  first_in_container_.pop_back();
  MaybeFlush();
}

JsonWriter& JsonWriter::BeginObject() {
  Open('{');
  return *this;
}

JsonWriter& JsonWriter::EndObject() {
  Close('}');
  return *this;
}

JsonWriter& JsonWriter::BeginArray() {
  Open('[');
  return *this;
}

JsonWriter& JsonWriter::EndArray() {
  Close(']');
  return *this;
}

JsonWriter& JsonWriter::Key(std::string_view key) {
  BeforeValue();
  Quoted(key);
  buffer_.push_back(':');
  after_key_ = true;
  return *this;
}

JsonWriter& JsonWriter::String(std::string_view value) {
  BeforeValue();
  Quoted(value);
  return *this;
}

JsonWriter& JsonWriter::Number(double value) {
  if (!std::isfinite(value)) return Null();
  BeforeValue();
  char digits[32];
  auto [end, ec] = std::to_chars(digits, digits + sizeof digits, value);
  buffer_.append(digits, end);
  return *this;
}

JsonWriter& JsonWriter::Int(int64_t value) {
  BeforeValue();
  char digits[24];
  auto [end, ec] = std::to_chars(digits, digits + sizeof digits, value);
  buffer_.append(digits, end);
  return *this;
}

JsonWriter& JsonWriter::Bool(bool value) {
  BeforeValue();
  buffer_.append(value ? "true" : "false");
  return *this;
}

JsonWriter& JsonWriter::Null() {
  BeforeValue();
  buffer_.append("null");
  return *this;
}

JsonWriter& JsonWriter::Newline() {
  buffer_.push_back('\n');
  return *this;
}

void JsonWriter::Quoted(std::string_view s) {
  static constexpr char kHex[] = "0123456789abcdef";
  buffer_.push_back('"');
  size_t i = 0;
  while (i < s.size()) {
    // The run of bytes that are written as they are: printable ASCII
    // and well-formed UTF-8.
    const size_t run_start = i;
    while (i < s.size()) {
      unsigned char c = static_cast<unsigned char>(s[i]);
      if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
        ++i;
      } else if (c >= 0x80) {
        size_t next = i;
        if (text::DecodeUtf8(s, &next) == 0xFFFD && next == i + 1) break;
        i = next;
      } else {
        break;
      }
    }
    buffer_.append(s.data() + run_start, i - run_start);
    if (i == s.size()) break;
    unsigned char c = static_cast<unsigned char>(s[i]);
    ++i;
    switch (c) {
      case '"':
        buffer_.append("\\\"");
        break;
      case '\\':
        buffer_.append("\\\\");
        break;
      case '\n':
        buffer_.append("\\n");
        break;
      case '\r':
        buffer_.append("\\r");
        break;
      case '\t':
        buffer_.append("\\t");
        break;
      default:
        if (c < 0x20) {
          buffer_.append("\\u00");
          buffer_.push_back(kHex[c >> 4]);
          buffer_.push_back(kHex[c & 0xF]);
        } else {
          buffer_.append("\xEF\xBF\xBD");  // an invalid UTF-8 byte
        }
    }
  }
  buffer_.push_back('"');
}

void JsonWriter::MaybeFlush() {
  if (buffer_.size() >= kFlushBytes) {
    sink_.write(buffer_.data(), static_cast<std::streamsize>(buffer_.size()));
    buffer_.clear();
  }
}

void JsonWriter::Finish() {
  if (buffer_.empty()) return;
  sink_.write(buffer_.data(), static_cast<std::streamsize>(buffer_.size()));
  buffer_.clear();
  sink_.flush();
}

}  // namespace dossier
