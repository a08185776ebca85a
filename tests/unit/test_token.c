/* SPDX-License-Identifier: ISC */
/* Reader tokens: HMAC-SHA-256, checked against Python's hmac module. */
#include <string.h>

#include "t.h"
#include "token.h"

static const unsigned char secret[] = "0123456789abcdef0123456789abcdef";

int
main(void)
{
	char a[TOKEN_LEN + 1], b[TOKEN_LEN + 1];

	CHECK(token_init() == 0);
	/*
	 * python3: hmac.new(secret, b"kindly reader v1\0hughes\0kay",
	 * hashlib.sha256).hexdigest()[:32]
	 */
	token_reader(secret, 32, "hughes", "kay", a);
	CHECK_STR(a, "d5eaf955d9af1353931ad5c6ff791bdb");
	/* Stable: the same secret gives the same token. */
	token_reader(secret, 32, "hughes", "kay", b);
	CHECK_STR(b, a);
	/* Another secret, another token. */
	token_reader((const unsigned char *)"0123456789abcdef0123456789abcdef!",
	    33, "hughes", "kay", b);
	CHECK_STR(b, "5609d0513288df97fb30fc86445efdb9");
	/* Another reader or case, another token; "ab"+"c" is not "a"+"bc". */
	token_reader(secret, 32, "hughes", "mum", b);
	CHECK(strcmp(a, b) != 0);
	token_reader(secret, 32, "ab", "c", a);
	token_reader(secret, 32, "a", "bc", b);
	CHECK(strcmp(a, b) != 0);
	/* Only hex digits: no id or name shows through. */
	token_reader(secret, 32, "hughes", "kay", a);
	CHECK(strlen(a) == TOKEN_LEN);
	CHECK(strspn(a, "0123456789abcdef") == TOKEN_LEN);
	CHECK(strstr(a, "kay") == NULL && strstr(a, "hughes") == NULL);
	/* Stamps: the same bytes, the same stamp; any byte counts, a NUL too. */
	token_stamp("kindly case", "a\0b", 3, a);
	token_stamp("kindly case", "a\0b", 3, b);
	CHECK_STR(a, b);
	CHECK(strlen(a) == TOKEN_LEN);
	CHECK(strspn(a, "0123456789abcdef") == TOKEN_LEN);
	token_stamp("kindly case", "a\0c", 3, b);
	CHECK(strcmp(a, b) != 0);
	token_stamp("kindly build", "a\0b", 3, b);
	CHECK(strcmp(a, b) != 0);
	return t_done();
}
