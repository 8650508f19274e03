// SPDX-License-Identifier: GPL-2.0-only
/*
 * gzip/DEFLATE decoder after the structure of Mark Adler's puff.c:
 * canonical Huffman codes decoded bit by bit.  Slow by zlib's standards
 * (a kernel config, ~250 KiB, takes a few ms) and small.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "gunzip.h"

#define MAXBITS 15
#define MAXLCODES 286
#define MAXDCODES 30
#define FIXLCODES 288

struct inflate {
	const unsigned char *in;
	size_t inlen, inpos;
	uint32_t bitbuf;
	unsigned int bitcnt;
	unsigned char *out;
	size_t outlen, outcap;
	int err; /* first error, negative */
};

struct huffman {
	short count[MAXBITS + 1];
	short symbol[FIXLCODES];
};

static int bits(struct inflate *s, unsigned int need)
{
	uint64_t val = s->bitbuf;

	while (s->bitcnt < need) {
		if (s->inpos == s->inlen) {
			s->err = -EINVAL;
			return -1;
		}
		val |= (uint64_t)s->in[s->inpos++] << s->bitcnt;
		s->bitcnt += 8;
	}
	s->bitbuf = (uint32_t)(val >> need);
	s->bitcnt -= need;
	return (int)(val & ((1u << need) - 1));
}

static int put(struct inflate *s, unsigned char c)
{
	if (s->outlen + 1 >= s->outcap) {
		size_t cap = s->outcap ? s->outcap * 2 : 65536;
		unsigned char *p;

		if (cap > NSC_GUNZIP_MAX + 1) {
			s->err = -EFBIG;
			return -1;
		}
		p = realloc(s->out, cap);
		if (!p) {
			s->err = -ENOMEM;
			return -1;
		}
		s->out = p;
		s->outcap = cap;
	}
	s->out[s->outlen++] = c;
	return 0;
}

static int stored(struct inflate *s)
{
	unsigned int len;

	s->bitbuf = 0;
	s->bitcnt = 0;
	if (s->inlen - s->inpos < 4)
		return s->err = -EINVAL;
	len = s->in[s->inpos] | (unsigned int)s->in[s->inpos + 1] << 8;
	if ((s->in[s->inpos + 2] ^ 0xff) != (len & 0xff) ||
	    (s->in[s->inpos + 3] ^ 0xff) != (len >> 8))
		return s->err = -EINVAL;
	s->inpos += 4;
	if (s->inlen - s->inpos < len)
		return s->err = -EINVAL;
	while (len--)
		if (put(s, s->in[s->inpos++]) < 0)
			return s->err;
	return 0;
}

static int decode(struct inflate *s, const struct huffman *h)
{
	int code = 0, first = 0, index = 0;

	for (int len = 1; len <= MAXBITS; len++) {
		int b = bits(s, 1), count;

		if (b < 0)
			return -1;
		code |= b;
		count = h->count[len];
		if (code - count < first)
			return h->symbol[index + (code - first)];
		index += count;
		first += count;
		first <<= 1;
		code <<= 1;
	}
	s->err = -EINVAL;
	return -1;
}

/* Build a canonical code; 0 complete, > 0 incomplete, < 0 over-subscribed. */
static int construct(struct huffman *h, const short *length, int n)
{
	short offs[MAXBITS + 1];
	int left = 1;

	memset(h->count, 0, sizeof(h->count));
	for (int i = 0; i < n; i++)
		h->count[length[i]]++;
	if (h->count[0] == n)
		return 0;
	for (int len = 1; len <= MAXBITS; len++) {
		left <<= 1;
		left -= h->count[len];
		if (left < 0)
			return left;
	}
	offs[1] = 0;
	for (int len = 1; len < MAXBITS; len++)
		offs[len + 1] = offs[len] + h->count[len];
	for (int i = 0; i < n; i++)
		if (length[i])
			h->symbol[offs[length[i]]++] = (short)i;
	return left;
}

static const short lbase[29] = { 3,  4,	 5,  6,	 7,  8,	 9,  10, 11,  13,  15,	17,  19,  23, 27,
				 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258 };
static const short lext[29] = { 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2,
				2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0 };
static const short dbase[30] = { 1,    2,    3,	   4,	 5,    7,    9,	   13,	  17,	 25,
				 33,   49,   65,   97,	 129,  193,  257,  385,	  513,	 769,
				 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577 };
static const short dext[30] = { 0, 0, 0, 0, 1, 1, 2, 2,	 3,  3,	 4,  4,	 5,  5,	 6,
				6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13 };

static int codes(struct inflate *s, const struct huffman *lencode, const struct huffman *distcode)
{
	for (;;) {
		int sym = decode(s, lencode), len, dist, e;

		if (sym < 0)
			return s->err;
		if (sym < 256) {
			if (put(s, (unsigned char)sym) < 0)
				return s->err;
			continue;
		}
		if (sym == 256)
			return 0;
		sym -= 257;
		if (sym >= 29)
			return s->err = -EINVAL;
		e = bits(s, (unsigned int)lext[sym]);
		if (e < 0)
			return s->err;
		len = lbase[sym] + e;
		sym = decode(s, distcode);
		if (sym < 0 || sym >= 30)
			return s->err = -EINVAL;
		e = bits(s, (unsigned int)dext[sym]);
		if (e < 0)
			return s->err;
		dist = dbase[sym] + e;
		if ((size_t)dist > s->outlen)
			return s->err = -EINVAL;
		while (len--)
			if (put(s, s->out[s->outlen - (size_t)dist]) < 0)
				return s->err;
	}
}

static int fixed(struct inflate *s)
{
	struct huffman lencode, distcode;
	short lengths[FIXLCODES];
	int i;

	for (i = 0; i < 144; i++)
		lengths[i] = 8;
	for (; i < 256; i++)
		lengths[i] = 9;
	for (; i < 280; i++)
		lengths[i] = 7;
	for (; i < FIXLCODES; i++)
		lengths[i] = 8;
	construct(&lencode, lengths, FIXLCODES);
	for (i = 0; i < MAXDCODES; i++)
		lengths[i] = 5;
	construct(&distcode, lengths, MAXDCODES);
	return codes(s, &lencode, &distcode);
}

static int dynamic(struct inflate *s)
{
	static const short order[19] = { 16, 17, 18, 0, 8,  7, 9,  6, 10, 5,
					 11, 4,	 12, 3, 13, 2, 14, 1, 15 };
	struct huffman lencode, distcode;
	short lengths[MAXLCODES + MAXDCODES];
	int nlen, ndist, ncode, index, v;

	nlen = bits(s, 5) + 257;
	ndist = bits(s, 5) + 1;
	ncode = bits(s, 4) + 4;
	if (s->err || nlen > MAXLCODES || ndist > MAXDCODES)
		return s->err ? s->err : (s->err = -EINVAL);
	for (index = 0; index < ncode; index++) {
		if ((v = bits(s, 3)) < 0)
			return s->err;
		lengths[order[index]] = (short)v;
	}
	for (; index < 19; index++)
		lengths[order[index]] = 0;
	if (construct(&lencode, lengths, 19) != 0)
		return s->err = -EINVAL;
	for (index = 0; index < nlen + ndist;) {
		int sym = decode(s, &lencode), len = 0, rep;

		if (sym < 0)
			return s->err;
		if (sym < 16) {
			lengths[index++] = (short)sym;
			continue;
		}
		if (sym == 16) {
			if (!index)
				return s->err = -EINVAL;
			len = lengths[index - 1];
			rep = 3 + bits(s, 2);
		} else if (sym == 17) {
			rep = 3 + bits(s, 3);
		} else {
			rep = 11 + bits(s, 7);
		}
		if (s->err || index + rep > nlen + ndist)
			return s->err ? s->err : (s->err = -EINVAL);
		while (rep--)
			lengths[index++] = (short)len;
	}
	if (!lengths[256])
		return s->err = -EINVAL;
	v = construct(&lencode, lengths, nlen);
	if (v < 0 || (v > 0 && nlen - lencode.count[0] != 1))
		return s->err = -EINVAL;
	v = construct(&distcode, lengths + nlen, ndist);
	if (v < 0 || (v > 0 && ndist - distcode.count[0] != 1))
		return s->err = -EINVAL;
	return codes(s, &lencode, &distcode);
}

static uint32_t crc32(const unsigned char *p, size_t n)
{
	uint32_t crc = 0xffffffffu;

	while (n--) {
		crc ^= *p++;
		for (int k = 0; k < 8; k++)
			crc = (crc >> 1) ^ (0xedb88320u & (0u - (crc & 1)));
	}
	return ~crc;
}

/* Skip the gzip header; returns the offset of the DEFLATE data or -1. */
static long gzip_header(const unsigned char *in, size_t inlen)
{
	size_t pos = 10;
	unsigned char flg;

	if (inlen < 18 || in[0] != 0x1f || in[1] != 0x8b || in[2] != 8)
		return -1;
	flg = in[3];
	if (flg & 0xe0)
		return -1;
	if (flg & 4) { /* FEXTRA */
		size_t xlen;

		if (inlen - pos < 2)
			return -1;
		xlen = in[pos] | (size_t)in[pos + 1] << 8;
		pos += 2;
		if (inlen - pos < xlen)
			return -1;
		pos += xlen;
	}
	for (int f = 8; f <= 16; f <<= 1) { /* FNAME, FCOMMENT */
		if (!(flg & f))
			continue;
		while (pos < inlen && in[pos])
			pos++;
		if (pos++ >= inlen)
			return -1;
	}
	if (flg & 2) /* FHCRC */
		pos += 2;
	return pos < inlen ? (long)pos : -1;
}

int nsc_gunzip(const unsigned char *in, size_t inlen, unsigned char **out, size_t *outlen)
{
	struct inflate s = { .in = in, .inlen = inlen };
	long start = gzip_header(in, inlen);
	uint32_t crc, isize;
	int last;

	*out = NULL;
	*outlen = 0;
	if (start < 0)
		return -EINVAL;
	s.inpos = (size_t)start;
	do {
		int type;

		last = bits(&s, 1);
		type = bits(&s, 2);
		if (s.err)
			break;
		if (type == 0)
			stored(&s);
		else if (type == 1)
			fixed(&s);
		else if (type == 2)
			dynamic(&s);
		else
			s.err = -EINVAL;
	} while (!s.err && !last);
	if (!s.err && s.inlen - s.inpos < 8)
		s.err = -EINVAL;
	if (!s.err && put(&s, 0) == 0) {
		s.outlen--; /* the NUL is not part of the data */
		crc = (uint32_t)in[s.inpos] | (uint32_t)in[s.inpos + 1] << 8 |
		      (uint32_t)in[s.inpos + 2] << 16 | (uint32_t)in[s.inpos + 3] << 24;
		isize = (uint32_t)in[s.inpos + 4] | (uint32_t)in[s.inpos + 5] << 8 |
			(uint32_t)in[s.inpos + 6] << 16 | (uint32_t)in[s.inpos + 7] << 24;
		if (crc != crc32(s.out, s.outlen) || isize != (uint32_t)s.outlen)
			s.err = -EINVAL;
	}
	if (s.err) {
		free(s.out);
		return s.err;
	}
	*out = s.out;
	*outlen = s.outlen;
	return 0;
}
