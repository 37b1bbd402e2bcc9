# The Debian package (scripts/package runs cpack): dossier_VERSION_ARCH.deb
# holding what packaging/CMakeLists.txt installs under /usr, /etc and
# /lib/systemd.
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME dossier)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
# scripts/package configures with CMAKE_INSTALL_PREFIX=/usr: the unit names
# the binary by its full path, fixed when the build is configured.
set(CPACK_PACKAGING_INSTALL_PREFIX ${CMAKE_INSTALL_PREFIX})
# A placeholder until the project names its maintainers (also deb/changelog).
set(CPACK_PACKAGE_CONTACT "dossier maintainers <dossier@example.org>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "document intake for calls for continuing-education bases")
# The summary is the description's first line; CPack indents the rest.
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION
    "dossier takes the files applicants send (DOCX, XLSX, PDF, scans, phone
photos, ZIP archives, mails) from a watched folder, the command line or an
IMAP mailbox, reads them (Poppler, Tesseract), joins them into one record
per applicant, judges the notice's checks, and writes the JSON export, the
dossiers (HTML, PDF) and the summary sheets, every value traceable to its
file, page and place.

This package holds the dossier command, its manual page, bash completion
and the systemd unit dossier-watch for the intake from a watched folder.")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION misc)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
# The shared libraries from the binary itself (dpkg-shlibdeps); what it reads
# at run time besides: Tesseract's Chinese and English models (OCR runs
# chi_sim, then eng for Latin text), the Noto CJK fonts the PDF dossiers are
# set in; adduser for the service user.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "adduser, tesseract-ocr-chi-sim, tesseract-ocr-eng, fonts-noto-cjk")
# Poppler reads Chinese PDFs whose fonts are not embedded with poppler-data's
# character maps; bash completion is read only where bash-completion is.
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "poppler-data")
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "bash-completion")
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA
    ${CMAKE_CURRENT_LIST_DIR}/deb/postinst ${CMAKE_CURRENT_LIST_DIR}/deb/prerm
    ${CMAKE_CURRENT_LIST_DIR}/deb/postrm ${CMAKE_CURRENT_LIST_DIR}/deb/conffiles)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
# A build with debug information (the test preset's) packages as small as a
# Release one.
set(CPACK_STRIP_FILES ON)
set(CPACK_THREADS 0)
include(CPack)
