/* SPDX-License-Identifier: ISC */
/*
 * fuzz_doc: one document, through everything 'kindly check' does to it.
 *
 * The input is the bytes of a document file (front matter, then
 * Markdown).  It replaces cases/fuzz/doc.md in a copy of the fixture
 * site tests/fuzz/site (its site.yaml, staff.yaml and case.yaml, whose
 * people are those of tests/rules/base, so the documents there are good
 * seeds).  Its front matter is loaded (data.c) and checked against its
 * kind (kind.c, check.c), its body split for its readers (scope.c,
 * content.c), and each reader's version read for plain language
 * (audience.c, plain.c), as 'kindly check' does, against the site's
 * settings, staff, kinds and lexicon, loaded once (fuzz_check_case()).
 * Only if that found no error (a document with errors is never
 * rendered) does the whole of 'kindly check' run on the site, in this
 * process (fuzz_check_site(), ten times slower): everything again, then
 * the document rendered for each reader through the default theme
 * (tmpl.c), as a web page and as an e-book page, which must be XHTML
 * (xhtml.c, book.c, epub.c).  Nothing is written.
 *
 * Besides a crash, a leak or a hang, a finding is a template error (the
 * built-in theme failed on a document that passed its checks) or an exit
 * status other than 0 or 1.
 */
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_site_put("cases/fuzz/doc.md", (const char *)data, size);
	if (fuzz_check_case() == 0)
		fuzz_check_site(); /* render it too */
	return 0;
}
