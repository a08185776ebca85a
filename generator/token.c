/* SPDX-License-Identifier: ISC */
/*
 * The message is "kindly reader v1\0CASE\0READER": the NULs keep
 * "ab"+"c" and "a"+"bc" apart, and the label lets a later scheme use
 * the same secret without colliding with this one.
 */
#include <string.h>

#include <sodium.h>

#include "token.h"

int
token_init(void)
{
	return sodium_init() < 0 ? -1 : 0;
}

void
token_reader(const unsigned char *secret, size_t len, const char *family,
    const char *reader, char out[TOKEN_LEN + 1])
{
	static const char	     label[] = "kindly reader v1";
	crypto_auth_hmacsha256_state st;
	unsigned char		     mac[crypto_auth_hmacsha256_BYTES];

	crypto_auth_hmacsha256_init(&st, secret, len);
	crypto_auth_hmacsha256_update(&st, (const unsigned char *)label,
	    sizeof(label));
	crypto_auth_hmacsha256_update(&st, (const unsigned char *)family,
	    strlen(family) + 1);
	crypto_auth_hmacsha256_update(&st, (const unsigned char *)reader,
	    strlen(reader));
	crypto_auth_hmacsha256_final(&st, mac);
	sodium_bin2hex(out, TOKEN_LEN + 1, mac, TOKEN_LEN / 2);
	sodium_memzero(&st, sizeof(st));
}
