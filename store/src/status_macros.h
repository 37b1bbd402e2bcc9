// Early returns on a failed Status or Result, for every engine of the store.
#pragma once

#include <utility>

#include "dossier/common/status.h"

// Returns early from a function returning Status or Result<T> when `expr`
// yields a non-OK Status.
#define DOSSIER_STORE_RETURN_IF_ERROR(expr)                        \
  do {                                                             \
    ::dossier::Status dossier_store_status_ = (expr);              \
    if (!dossier_store_status_.ok()) return dossier_store_status_; \
  } while (0)

// Like DOSSIER_STORE_RETURN_IF_ERROR, for a Result<T>: declares `var` holding
// the value, or returns the failure.
#define DOSSIER_STORE_ASSIGN_OR_RETURN(var, expr)       \
  auto var##_result = (expr);                           \
  if (!var##_result.ok()) return var##_result.status(); \
  auto var = std::move(var##_result).value()
