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

void
token_hash(const char *label, const char *const *parts, size_t n,
    unsigned char out[16])
{
	crypto_generichash_state st;
	size_t			 i;

	crypto_generichash_init(&st, NULL, 0, 16);
	crypto_generichash_update(&st, (const unsigned char *)label,
	    strlen(label) + 1);
	for (i = 0; i < n; i++) /* each with its NUL: "ab"+"c" != "a"+"bc" */
		crypto_generichash_update(&st, (const unsigned char *)parts[i],
		    strlen(parts[i]) + 1);
	crypto_generichash_final(&st, out, 16);
}

void
token_stamp(const char *label, const void *data, size_t len,
    char out[TOKEN_LEN + 1])
{
	crypto_generichash_state st;
	unsigned char		 raw[TOKEN_LEN / 2];

	crypto_generichash_init(&st, NULL, 0, sizeof(raw));
	crypto_generichash_update(&st, (const unsigned char *)label,
	    strlen(label) + 1);
	crypto_generichash_update(&st, data, len);
	crypto_generichash_final(&st, raw, sizeof(raw));
	sodium_bin2hex(out, TOKEN_LEN + 1, raw, sizeof(raw));
}
