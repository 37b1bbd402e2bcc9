// Which names in an inbox do not (yet) hold a dropped document.
#pragma once

#include <string_view>

namespace dossier {

// True for a file name (the last path component, no folder) that marks a file
// still being written, a lock or an operating system's own bookkeeping:
//  - Office owner files "~$report.docx" and LibreOffice locks ".~lock.x#";
//  - browsers' and copy tools' partial downloads "*.part", "*.partial",
//    "*.crdownload", "*.download", "*.tmp" (any case);
//  - hidden names starting with "." (rsync and many copy tools write to
//    ".name.XXXXXX" and rename when done; ".DS_Store").
// Such a file is left alone until it is renamed to an ordinary name.
bool IsTemporaryName(std::string_view file_name);

// True for a folder the watcher does not go into: hidden ones (".Trash-1000",
// ".snapshot", ".git").
bool IsIgnoredFolderName(std::string_view folder_name);

}  // namespace dossier
