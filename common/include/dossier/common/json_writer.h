// A JSON writer that streams as it goes, without building a tree first. The
// document model of a long PDF holds a hundred thousand word boxes; building
// an nlohmann::json of them and dumping it cost more than reading the PDF
// itself. Output is compact, UTF-8, with invalid UTF-8 replaced by U+FFFD
// and non-finite numbers written as null, so it always parses.
#pragma once

#include <cstdint>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace dossier {

class JsonWriter {
 public:
  // Writes to `sink` in chunks; Finish() (or the destructor) writes the rest.
  explicit JsonWriter(std::ostream& sink) : sink_(sink) {}
  ~JsonWriter() { Finish(); }
  JsonWriter(const JsonWriter&) = delete;
  JsonWriter& operator=(const JsonWriter&) = delete;

  JsonWriter& BeginObject();
  JsonWriter& EndObject();
  JsonWriter& BeginArray();
  JsonWriter& EndArray();
  // The key of the next value inside an object.
  JsonWriter& Key(std::string_view key);
  JsonWriter& String(std::string_view value);
  JsonWriter& Number(double value);
  JsonWriter& Int(int64_t value);
  JsonWriter& Bool(bool value);
  JsonWriter& Null();
  // Ends a line between top-level items or after the document, for people
  // reading the output; JSON does not need it.
  JsonWriter& Newline();
  void Finish();

 private:
  void BeforeValue();
  void Open(char bracket);
  void Close(char bracket);
  void Quoted(std::string_view s);
  void MaybeFlush();

  std::ostream& sink_;
  std::string buffer_;
  // One entry per open object or array: true until its first item.
  std::vector<bool> first_in_container_;
  bool after_key_ = false;
};

}  // namespace dossier
