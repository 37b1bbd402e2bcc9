// What the page signals (parts.cc) need of a form's fields: how many a page
// shows, up to a threshold, without reading them all.
#pragma once

#include <cstddef>

#include "dossier/extract/document.h"

namespace dossier::norm {

// The number of distinct fields ReadFormFields(doc) reads, but no more than
// `at_most`: reading stops once that many fields are found, which on a page
// of a form is within its first rows.
size_t CountFormFields(const Document& doc, size_t at_most);

}  // namespace dossier::norm
