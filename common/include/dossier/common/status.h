// The one error model of dossier (see CONTRIBUTING.md).
//
// A Status is cheap when OK. Its message is written for a clerk: it says what
// is wrong with the file or the environment in plain words ("the file is not a
// valid ZIP archive"), never a library's internal code. Make a Status at the
// adapter where a C library returns its error, with one of the factories below.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace dossier {

enum class ErrorCode {
  kOk = 0,
  kInvalidInput,   // the bytes are not what they claim to be, or are damaged
  kUnsupported,    // a well-formed input of a kind we do not read
  kLimitExceeded,  // a safety limit (size, ratio, pixels, pages) was passed
  kNotFound,       // a named thing (application, field, file) does not exist
  kIo,             // the environment failed us: disk, permissions
  kInternal,       // a bug or an unexpected library failure
};

class Status {
 public:
  Status() = default;

  static Status Ok() { return Status(); }
  static Status InvalidInput(std::string msg) { return {ErrorCode::kInvalidInput, std::move(msg)}; }
  static Status Unsupported(std::string msg) { return {ErrorCode::kUnsupported, std::move(msg)}; }
  static Status LimitExceeded(std::string msg) {
    return {ErrorCode::kLimitExceeded, std::move(msg)};
  }
  static Status NotFound(std::string msg) { return {ErrorCode::kNotFound, std::move(msg)}; }
  static Status Io(std::string msg) { return {ErrorCode::kIo, std::move(msg)}; }
  static Status Internal(std::string msg) { return {ErrorCode::kInternal, std::move(msg)}; }

  bool ok() const { return code_ == ErrorCode::kOk; }
  ErrorCode code() const { return code_; }
  const std::string& message() const { return message_; }

  // Returns a copy whose message is "context: message"; OK stays OK.
  Status WithContext(const std::string& context) const {
    if (ok()) return *this;
    Status out(code_, context + ": " + message_);
    out.reason_code_ = reason_code_;
    return out;
  }

  // Why a file was rejected, as a stable machine code ("encrypted_office"),
  // for statuses that reject a file; "" when none was given. The codes and
  // what they mean are listed in one table: dossier/common/rejection.h.
  const std::string& reason_code() const { return reason_code_; }
  // Returns a copy carrying `code`; OK stays OK.
  Status WithReasonCode(std::string code) const {
    if (ok()) return *this;
    Status out = *this;
    out.reason_code_ = std::move(code);
    return out;
  }

 private:
  Status(ErrorCode code, std::string msg) : code_(code), message_(std::move(msg)) {}

  ErrorCode code_ = ErrorCode::kOk;
  std::string message_;
  std::string reason_code_;
};

// Result<T> holds either a T or a non-OK Status.
// REQUIRES: a Result is never built from an OK Status.
template <typename T>
class Result {
 public:
  Result(T value) : data_(std::move(value)) {}         // NOLINT(google-explicit-constructor)
  Result(Status status) : data_(std::move(status)) {}  // NOLINT(google-explicit-constructor)

  bool ok() const { return std::holds_alternative<T>(data_); }
  const Status& status() const {
    static const Status kOk;
    return ok() ? kOk : std::get<Status>(data_);
  }
  T& value() & { return std::get<T>(data_); }
  const T& value() const& { return std::get<T>(data_); }
  T&& value() && { return std::get<T>(std::move(data_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

 private:
  std::variant<T, Status> data_;
};

}  // namespace dossier
