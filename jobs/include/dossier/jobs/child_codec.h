// What an isolated reader sends back to the process that stores it: a
// Document with the documents found in it, or the files of an archive. The
// pipeline's job side (pipeline_jobs.cc) and its fuzz harness use it.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "dossier/common/status.h"
#include "dossier/extract/document.h"
#include "dossier/extract/extractor.h"
#include "dossier/extract/mail.h"
#include "dossier/normalize/analysis.h"

namespace dossier {

// Lossless: every field, text byte for byte (even invalid UTF-8), doubles
// exactly. The child is untrusted: decoding checks every length and count
// against the bytes left, and refuses what does not parse to the last byte
// (fuzz/codec_fuzzer.cc).
// The file's document and the documents found in it (norm::AnalyzeParts).
std::string EncodeExtraction(const Document& doc, const std::vector<norm::DocumentPart>& parts);
// On damaged input (or no part): Internal. Each part's doc is rebuilt from
// the file's document.
Status DecodeExtraction(std::string_view bytes, Document* doc,
                        std::vector<norm::DocumentPart>* parts);

// A document alone, before analysis: the pages of a page job (a slice of a
// large scan), as the store keeps them until the file's pages are joined.
std::string EncodeDocument(const Document& doc);
// On damaged input: Internal.
Result<Document> DecodeDocument(std::string_view bytes);

// Names and bytes, length-prefixed (no copy of the bytes into a JSON tree).
std::string EncodeMembers(const std::vector<ArchiveMember>& members);
Result<std::vector<ArchiveMember>> DecodeMembers(std::string_view bytes);

// A mail: what it says of itself, its attachments (EncodeMembers) and its
// letter's documents (EncodeExtraction; none when the letter is empty).
std::string EncodeMail(const MailContents& mail, const std::vector<norm::DocumentPart>& letter);
// On damaged input: Internal.
Status DecodeMail(std::string_view bytes, MailContents* mail,
                  std::vector<norm::DocumentPart>* letter);

}  // namespace dossier
