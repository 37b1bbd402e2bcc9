#include "pg_util.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <new>
#include <utility>

#include "dossier/common/text.h"
#include "dossier/store/store.h"

namespace dossier::store_internal::pg {

namespace {

// The plain reason for a failure, and whether it is the environment's doing
// (Io) rather than a bug or a broken invariant (Internal). By SQLSTATE class
// (PostgreSQL's documentation, appendix A); a failure without one happened on
// our side of the socket: the server could not be reached or went away.
struct Reason {
  const char* text;
  bool environment;
  bool unreachable = false;  // kStoreUnreachableCode: trying again later may succeed
};

Reason ReasonFor(const std::string& sqlstate, const std::string& message) {
  if (sqlstate.empty()) {
    if (message.find("password") != std::string::npos) {
      return {"数据库拒绝登录：缺少密码（请在 PGPASSFILE 指定的密码文件中提供）", true};
    }
    return {"无法连接数据库服务器（服务器未运行、地址有误或网络中断）", true, true};
  }
  const std::string cls = sqlstate.substr(0, 2);
  if (cls == "08") return {"与数据库服务器的连接中断", true, true};
  if (cls == "28") return {"数据库拒绝登录（用户名或密码不对；密码请放在 PGPASSFILE 中）", true};
  if (sqlstate == "3D000") return {"数据库服务器上没有这个数据库", true};
  if (sqlstate == "3F000") return {"数据库中没有这个模式（schema）", true};
  if (sqlstate == "42501") return {"数据库用户没有所需的权限", true};
  if (sqlstate == "40001" || sqlstate == "40P01" || sqlstate == "55P03") {
    return {"数据库繁忙：其他进程正在写入，请重试", true};
  }
  if (sqlstate == "53100") return {"数据库服务器磁盘已满", true};
  if (cls == "53") return {"数据库服务器资源不足", true};
  // The server shut down (57P01, 57P02) or is starting up (57P03); a query
  // cancelled (57014) or a database dropped (57P04) is no restart.
  if (sqlstate == "57P01" || sqlstate == "57P02" || sqlstate == "57P03")
    return {"数据库服务器正在关闭或重启", true, true};
  if (cls == "57") return {"数据库服务器正在关闭或重启", true};
  if (cls == "58") return {"数据库服务器读写文件失败", true};
  if (cls == "23") return {"数据违反了存储的规则", false};
  if (cls == "22") return {"数据值不符合存储的格式", false};
  return {"数据库出现意外错误", false};
}

std::string Trimmed(const char* text) {
  std::string out = text == nullptr ? "" : text;
  while (!out.empty() && (out.back() == '\n' || out.back() == ' ')) out.pop_back();
  return out;
}

// The Status of a result that is not a success, or of a NULL result (libpq
// could not even send the query).
Status FromResult(PGconn* conn, const PGresult* result, std::string_view doing) {
  if (result == nullptr) return PgStatus(doing, "", Trimmed(PQerrorMessage(conn)));
  const char* state = PQresultErrorField(result, PG_DIAG_SQLSTATE);
  return PgStatus(doing, state == nullptr ? "" : state, Trimmed(PQresultErrorMessage(result)));
}

bool Succeeded(const PGresult* result) {
  if (result == nullptr) return false;
  const ExecStatusType status = PQresultStatus(result);
  return status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK;
}

}  // namespace

Status PgStatus(std::string_view doing, const std::string& sqlstate,
                const std::string& server_message) {
  const Reason reason = ReasonFor(sqlstate, server_message);
  std::string message(doing);
  message += ": ";
  message += reason.text;
  message += " (PostgreSQL";
  if (!sqlstate.empty()) message += " " + sqlstate;
  message += ": " + server_message + ")";
  if (!reason.environment) return Status::Internal(std::move(message));
  Status status = Status::Io(std::move(message));
  return reason.unreachable ? status.WithReasonCode(kStoreUnreachableCode) : status;
}

Result<bool> ConninfoHasPassword(const std::string& conninfo) {
  char* error = nullptr;
  PQconninfoOption* options = PQconninfoParse(conninfo.c_str(), &error);
  if (options == nullptr) {
    std::string message = Trimmed(error);
    PQfreemem(error);
    return Status::InvalidInput("the store's connection string cannot be read (" + message + ")");
  }
  bool has = false;
  for (PQconninfoOption* o = options; o->keyword != nullptr; ++o) {
    if (std::strcmp(o->keyword, "password") == 0 && o->val != nullptr && o->val[0] != '\0') {
      has = true;
    }
  }
  PQconninfoFree(options);
  return has;
}

std::string PgSafeText(std::string_view text) {
  bool clean = true;
  for (size_t i = 0; i < text.size() && clean;) {
    const size_t start = i;
    const char32_t cp = text::DecodeUtf8(text, &i);
    if (cp == 0 || (cp == 0xFFFD && text.substr(start, 3) != "\xEF\xBF\xBD")) clean = false;
  }
  if (clean) return std::string(text);
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size();) {
    const char32_t cp = text::DecodeUtf8(text, &i);
    text::AppendUtf8(out, cp == 0 ? char32_t{0xFFFD} : cp);
  }
  return out;
}

Result<std::unique_ptr<Connection>> Connection::Open(const std::string& conninfo,
                                                     std::string_view doing) {
  PGconn* raw = PQconnectdb(conninfo.c_str());
  if (raw == nullptr) return Status::Internal(std::string(doing) + ": out of memory");
  std::unique_ptr<Connection> conn(new Connection(raw));
  if (PQstatus(raw) != CONNECTION_OK) return PgStatus(doing, "", Trimmed(PQerrorMessage(raw)));
  DOSSIER_STORE_RETURN_IF_ERROR(conn->Configure(doing));
  return conn;
}

Connection::~Connection() {
  if (conn_ != nullptr) PQfinish(conn_);
}

Status Connection::Configure(std::string_view doing) {
  // Text goes both ways as UTF-8 whatever the client's locale; times are
  // the Env's milliseconds, never the server's clock, so the session's time
  // zone only matters to whoever looks with psql.
  if (PQsetClientEncoding(conn_, "UTF8") != 0) {
    return PgStatus(doing, "", "cannot set client_encoding to UTF8");
  }
  PGresult* r = PQexec(conn_, "SHOW server_encoding");
  std::string encoding = Succeeded(r) && PQntuples(r) == 1 ? PQgetvalue(r, 0, 0) : "";
  Status status = Succeeded(r) ? Status::Ok() : FromResult(conn_, r, doing);
  PQclear(r);
  if (!status.ok()) return status;
  // Chinese text in a LATIN1 or SQL_ASCII database would be refused or
  // stored as bytes nobody can compare; better refused at once.
  if (encoding != "UTF8") {
    return Status::Io(std::string(doing) + ": 数据库的编码不是 UTF8（是 " + encoding +
                      "），无法保存中文；请用 CREATE DATABASE … ENCODING 'UTF8' 建库");
  }
  return Status::Ok();
}

Status Connection::EnsureOpen(std::string_view doing) {
  if (PQstatus(conn_) == CONNECTION_OK) return Status::Ok();
  in_transaction_ = false;  // the server rolled it back when the session ended
  ++session_;
  PQreset(conn_);
  if (PQstatus(conn_) != CONNECTION_OK) return PgStatus(doing, "", Trimmed(PQerrorMessage(conn_)));
  return Configure(doing);
}

Status Connection::ExecScript(const char* sql, std::string_view doing) {
  PGresult* r = PQexec(conn_, sql);
  Status status = Succeeded(r) ? Status::Ok() : FromResult(conn_, r, doing);
  PQclear(r);
  return status;
}

Result<Statement> Statement::Prepare(Connection& conn, std::string_view sql,
                                     std::string_view doing) {
  Statement stmt;
  stmt.conn_ = &conn;
  stmt.sql_ = std::string(sql);
  stmt.doing_ = std::string(doing);
  return stmt;
}

void Statement::Set(int index, std::optional<std::string> value) {
  if (index < 1) return;
  if (params_.size() < static_cast<size_t>(index)) params_.resize(static_cast<size_t>(index));
  params_[static_cast<size_t>(index - 1)] = std::move(value);
}

Statement& Statement::BindInt(int index, int64_t value) {
  Set(index, std::to_string(value));
  return *this;
}

Statement& Statement::BindDouble(int index, double value) {
  if (std::isnan(value)) {
    Set(index, "NaN");
  } else if (std::isinf(value)) {
    Set(index, value > 0 ? "Infinity" : "-Infinity");
  } else {
    // 17 significant digits give back the very same double.
    char buf[40];
    std::snprintf(buf, sizeof buf, "%.17g", value);
    Set(index, buf);
  }
  return *this;
}

Statement& Statement::BindText(int index, std::string_view value) {
  Set(index, PgSafeText(value));
  return *this;
}

Statement& Statement::BindNull(int index) {
  Set(index, std::nullopt);
  return *this;
}

Statement& Statement::BindBlob(int index, std::string_view bytes) {
  // bytea's hex input form: text parameters carry no NUL, and the server
  // types the parameter from its column.
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex = "\\x";
  hex.reserve(2 + 2 * bytes.size());
  for (unsigned char c : bytes) {
    hex.push_back(kHex[c >> 4]);
    hex.push_back(kHex[c & 15]);
  }
  Set(index, std::move(hex));
  return *this;
}

Status Statement::Execute() {
  // Outside a transaction nothing is lost by connecting again, and only a
  // read may be sent twice: a write whose answer was lost may have been done.
  const bool may_retry = !conn_->in_transaction() && sql_.rfind("SELECT", 0) == 0;
  if (!conn_->in_transaction()) DOSSIER_STORE_RETURN_IF_ERROR(conn_->EnsureOpen(doing_));
  std::vector<const char*> values(params_.size());
  for (size_t i = 0; i < params_.size(); ++i) {
    values[i] = params_[i] ? params_[i]->c_str() : nullptr;
  }
  for (int tries = 0;; ++tries) {
    result_.reset(PQexecParams(conn_->get(), sql_.c_str(), static_cast<int>(values.size()), nullptr,
                               values.data(), nullptr, nullptr, 0));
    if (Succeeded(result_.get())) break;
    if (may_retry && tries == 0 && PQstatus(conn_->get()) != CONNECTION_OK) {
      DOSSIER_STORE_RETURN_IF_ERROR(conn_->EnsureOpen(doing_));
      continue;
    }
    Status status = FromResult(conn_->get(), result_.get(), doing_);
    result_.reset();
    return status;
  }
  row_ = -1;
  return Status::Ok();
}

Result<bool> Statement::Step() {
  if (!result_) DOSSIER_STORE_RETURN_IF_ERROR(Execute());
  if (row_ + 1 >= PQntuples(result_.get())) return false;
  ++row_;
  return true;
}

Status Statement::Run() {
  if (!result_) return Execute();
  return Status::Ok();
}

void Statement::Reset() {
  result_.reset();
  params_.clear();
  row_ = -1;
}

int64_t Statement::Changes() const {
  if (!result_) return 0;
  return std::strtoll(PQcmdTuples(result_.get()), nullptr, 10);
}

bool Statement::IsNull(int column) const { return PQgetisnull(result_.get(), row_, column) != 0; }

int64_t Statement::Int(int column) const {
  if (IsNull(column)) return 0;
  return std::strtoll(PQgetvalue(result_.get(), row_, column), nullptr, 10);
}

double Statement::Double(int column) const {
  if (IsNull(column)) return 0;
  // The server writes the shortest text that reads back as the same double
  // (extra_float_digits 1, the default since PostgreSQL 12), and
  // NaN/Infinity as strtod reads them.
  return std::strtod(PQgetvalue(result_.get(), row_, column), nullptr);
}

std::string Statement::Text(int column) const {
  if (IsNull(column)) return {};
  return std::string(PQgetvalue(result_.get(), row_, column),
                     static_cast<size_t>(PQgetlength(result_.get(), row_, column)));
}

std::string Statement::Blob(int column) const {
  if (IsNull(column)) return {};
  // Results come as text: bytea in its hex output form.
  size_t length = 0;
  unsigned char* bytes = PQunescapeBytea(
      reinterpret_cast<const unsigned char*>(PQgetvalue(result_.get(), row_, column)), &length);
  if (bytes == nullptr) throw std::bad_alloc();
  std::string out(reinterpret_cast<const char*>(bytes), length);
  PQfreemem(bytes);
  return out;
}

Transaction::~Transaction() {
  // Nothing to report to: the caller already returns the failure that made
  // us roll back; a connection that broke rolled back on the server.
  if (active_) {
    PGresult* r = PQexec(conn_.get(), nested_ ? "ROLLBACK TO SAVEPOINT nested" : "ROLLBACK");
    PQclear(r);
    if (!nested_) conn_.set_in_transaction(false);
  }
}

Status Transaction::Begin(std::string_view doing) {
  doing_ = std::string(doing);
  if (conn_.in_transaction()) {
    DOSSIER_STORE_RETURN_IF_ERROR(conn_.ExecScript("SAVEPOINT nested", doing_));
    active_ = true;
    nested_ = true;
    return Status::Ok();
  }
  DOSSIER_STORE_RETURN_IF_ERROR(conn_.EnsureOpen(doing_));
  Status status = conn_.ExecScript("BEGIN", doing_);
  // The server may have gone away since the last statement without libpq
  // knowing; BEGIN did nothing, so connecting again and repeating it is safe.
  if (!status.ok() && PQstatus(conn_.get()) != CONNECTION_OK) {
    DOSSIER_STORE_RETURN_IF_ERROR(conn_.EnsureOpen(doing_));
    status = conn_.ExecScript("BEGIN", doing_);
  }
  DOSSIER_STORE_RETURN_IF_ERROR(status);
  active_ = true;
  conn_.set_in_transaction(true);
  return Status::Ok();
}

Status Transaction::Commit() {
  if (nested_) {
    active_ = false;
    return conn_.ExecScript("RELEASE SAVEPOINT nested", doing_);
  }
  Status status = conn_.ExecScript("COMMIT", doing_);
  active_ = false;
  conn_.set_in_transaction(false);
  return status;
}

}  // namespace dossier::store_internal::pg
