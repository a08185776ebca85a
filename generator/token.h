/* SPDX-License-Identifier: ISC */
/*
 * Reader tokens: the name of a reader's output folder, derived from the
 * case, the reader's id and the site's secret with HMAC-SHA-256
 * (libsodium), so that it reveals nothing and cannot be guessed without
 * the secret.  This module is the only one that knows libsodium.
 */
#ifndef TOKEN_H
#define TOKEN_H

#include <stddef.h>

enum {
	TOKEN_MIN_SECRET = 32, /* bytes a secret must have at least */
	TOKEN_LEN = 32,	       /* hex digits in a token (128 bits) */
};

/* Set up libsodium; -1 if it cannot be used. */
int token_init(void);

/*
 * Write the token of reader 'reader' in case 'family', under the secret
 * of 'len' bytes, to 'out' as TOKEN_LEN lower-case hex digits and a NUL.
 */
void token_reader(const unsigned char *secret, size_t len, const char *family,
    const char *reader, char out[TOKEN_LEN + 1]);

/*
 * A 16-byte hash of the 'n' strings of 'parts' under 'label', for
 * names that must be stable, not secret (an e-book's identifier).
 */
void token_hash(const char *label, const char *const *parts, size_t n,
    unsigned char out[16]);

/*
 * A stamp of 'len' bytes at 'data' under 'label', as TOKEN_LEN hex digits
 * and a NUL: it changes when the bytes do (what a build depends on).
 */
void token_stamp(const char *label, const void *data, size_t len,
    char out[TOKEN_LEN + 1]);

#endif /* !TOKEN_H */
