// What an isolated reader sends back to the process that stores it: a
// Document with the documents found in it, or the files of an archive. Private to app/.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "dossier/common/status.h"
#include "dossier/extract/document.h"
#include "dossier/extract/extractor.h"
#include "dossier/normalize/analysis.h"

namespace dossier {

// Lossless: every field, text byte for byte (even invalid UTF-8), doubles
// exactly. CBOR, the binary form of the JSON data model.
// The file's document and the documents found in it (norm::AnalyzeParts).
std::string EncodeExtraction(const Document& doc, const std::vector<norm::DocumentPart>& parts);
// On damaged input (or no part): Internal. Each part's doc is rebuilt from
// the file's document.
Status DecodeExtraction(std::string_view bytes, Document* doc,
                        std::vector<norm::DocumentPart>* parts);

// Names and bytes, length-prefixed (no copy of the bytes into a JSON tree).
std::string EncodeMembers(const std::vector<ArchiveMember>& members);
Result<std::vector<ArchiveMember>> DecodeMembers(std::string_view bytes);

}  // namespace dossier
