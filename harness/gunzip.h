/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A small gzip (RFC 1952) / DEFLATE (RFC 1951) decoder, enough to read
 * /proc/config.gz without linking zlib.  Pure: bytes in, bytes out.
 */
#ifndef NSC_GUNZIP_H
#define NSC_GUNZIP_H

#include <stddef.h>

#define NSC_GUNZIP_MAX (64u << 20) /* refuse larger outputs */

/*
 * Decompress the gzip member in @in.  On success *@out is a malloc()ed
 * buffer of *@outlen bytes plus a terminating NUL, and 0 is returned;
 * else -EINVAL (corrupt, truncated, CRC or size mismatch), -EFBIG or
 * -ENOMEM, and *@out is NULL.
 */
int nsc_gunzip(const unsigned char *in, size_t inlen, unsigned char **out, size_t *outlen);

#endif
