// SPDX-License-Identifier: GPL-2.0-only
/* Escaping for XML, JSON, TAP and YAML; see escape.h. */
#include <string.h>

#include "escape.h"

static const char nsc_replacement[] = "\xef\xbf\xbd"; /* U+FFFD */

size_t nsc_utf8_decode(const unsigned char *s, size_t len, uint32_t *cp)
{
	unsigned char c = s[0];
	uint32_t v, min;
	size_t n, i;

	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c >= 0xc2 && c <= 0xdf) {
		n = 2;
		v = c & 0x1f;
		min = 0x80;
	} else if (c >= 0xe0 && c <= 0xef) {
		n = 3;
		v = c & 0x0f;
		min = 0x800;
	} else if (c >= 0xf0 && c <= 0xf4) {
		n = 4;
		v = c & 0x07;
		min = 0x10000;
	} else {
		*cp = NSC_UTF8_BAD;
		return 1;
	}
	if (len < n)
		goto bad;
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			goto bad;
		v = (v << 6) | (s[i] & 0x3f);
	}
	if (v < min || v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff))
		goto bad;
	*cp = v;
	return n;
bad:
	*cp = NSC_UTF8_BAD;
	return 1;
}

/* Walk @s, calling @emit for each code point with its raw bytes. */
typedef void nsc_emit_fn(FILE *fp, uint32_t cp, const char *raw, size_t n, int arg);

static void walk(FILE *fp, const char *s, size_t len, nsc_emit_fn *emit, int arg)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;

	while (i < len) {
		uint32_t cp;
		size_t n = nsc_utf8_decode(p + i, len - i, &cp);

		emit(fp, cp, s + i, n, arg);
		i += n;
	}
}

/* XML 1.0 Char production, minus what must be escaped elsewhere. */
static int xml_char_ok(uint32_t cp)
{
	if (cp == NSC_UTF8_BAD)
		return 0;
	if (cp < 0x20)
		return cp == '\t' || cp == '\n' || cp == '\r';
	return cp != 0xfffe && cp != 0xffff;
}

static void xml_emit(FILE *fp, uint32_t cp, const char *raw, size_t n, int attr)
{
	if (cp == NSC_UTF8_BAD || cp == 0xfffe || cp == 0xffff) {
		fputs(nsc_replacement, fp);
		return;
	}
	if (!xml_char_ok(cp)) {
		fprintf(fp, "\\x%02X", (unsigned int)cp);
		return;
	}
	switch (cp) {
	case '&':
		fputs("&amp;", fp);
		return;
	case '<':
		fputs("&lt;", fp);
		return;
	case '>':
		fputs("&gt;", fp);
		return;
	case '\r':
		fputs("&#13;", fp);
		return;
	case '"':
		fputs(attr ? "&quot;" : "\"", fp);
		return;
	case '\'':
		fputs(attr ? "&apos;" : "'", fp);
		return;
	case '\n':
		fputs(attr ? "&#10;" : "\n", fp);
		return;
	case '\t':
		fputs(attr ? "&#9;" : "\t", fp);
		return;
	}
	fwrite(raw, 1, n, fp);
}

void nsc_xml_text(FILE *fp, const char *s, size_t len)
{
	if (s)
		walk(fp, s, len, xml_emit, 0);
}

void nsc_xml_attr(FILE *fp, const char *s)
{
	if (s)
		walk(fp, s, strlen(s), xml_emit, 1);
}

/* The backslash escapes JSON and YAML double-quoted strings share; 1 if @cp was one. */
static int c_escape(FILE *fp, uint32_t cp)
{
	switch (cp) {
	case '"':
		fputs("\\\"", fp);
		return 1;
	case '\\':
		fputs("\\\\", fp);
		return 1;
	case '\n':
		fputs("\\n", fp);
		return 1;
	case '\r':
		fputs("\\r", fp);
		return 1;
	case '\t':
		fputs("\\t", fp);
		return 1;
	}
	return 0;
}

static void json_emit(FILE *fp, uint32_t cp, const char *raw, size_t n, int arg)
{
	if (c_escape(fp, cp))
		return;
	switch (cp) {
	case NSC_UTF8_BAD:
		fputs("\\ufffd", fp);
		return;
	case '\b':
		fputs("\\b", fp);
		return;
	case '\f':
		fputs("\\f", fp);
		return;
	}
	if (cp < 0x20 || cp == 0x7f) {
		fprintf(fp, "\\u%04x", (unsigned int)cp);
		return;
	}
	fwrite(raw, 1, n, fp);
}

void nsc_json_string(FILE *fp, const char *s, size_t len)
{
	if (!s) {
		fputs("null", fp);
		return;
	}
	fputc('"', fp);
	walk(fp, s, len, json_emit, 0);
	fputc('"', fp);
}

void nsc_json_str(FILE *fp, const char *s)
{
	nsc_json_string(fp, s, s ? strlen(s) : 0);
}

void nsc_tap_desc(FILE *fp, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t len, i = 0;

	if (!s)
		return;
	len = strlen(s);
	/* Trailing blanks are dropped by parsers; a trailing '{' opens a subtest. */
	while (len && (p[len - 1] == ' ' || p[len - 1] == '{' || p[len - 1] == '\n' ||
		       p[len - 1] == '\r' || p[len - 1] == '\t'))
		len--;
	while (i < len) {
		uint32_t cp;
		size_t n = nsc_utf8_decode(p + i, len - i, &cp);

		if (cp == NSC_UTF8_BAD)
			fputs(nsc_replacement, fp);
		else if (cp == '\\')
			fputs("\\\\", fp);
		else if (cp == '#')
			fputs("\\#", fp);
		else if (cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp < 0xa0))
			fputc(' ', fp);
		else
			fwrite(s + i, 1, n, fp);
		i += n;
	}
}

void nsc_term_text(FILE *fp, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t len, i = 0;

	if (!s)
		return;
	len = strlen(s);
	while (i < len) {
		uint32_t cp;
		size_t n = nsc_utf8_decode(p + i, len - i, &cp);

		if (cp == NSC_UTF8_BAD)
			fputs(nsc_replacement, fp);
		else if (cp == '\n' || cp == '\r' || cp == '\t')
			fputc(' ', fp);
		else if (cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp < 0xa0))
			fputc('?', fp);
		else
			fwrite(s + i, 1, n, fp);
		i += n;
	}
}

/* YAML 1.2 c-printable, as far as it matters inside double quotes. */
static int yaml_printable(uint32_t cp)
{
	if (cp < 0x20 || cp == 0x7f)
		return 0;
	if (cp >= 0x80 && cp < 0xa0) /* C1, NEL (a YAML 1.1 line break) included */
		return 0;
	if (cp == 0x2028 || cp == 0x2029 || cp == 0xfeff)
		return 0;
	if (cp >= 0xd800 && cp <= 0xdfff)
		return 0;
	return cp != 0xfffe && cp != 0xffff;
}

static void yaml_emit(FILE *fp, uint32_t cp, const char *raw, size_t n, int arg)
{
	if (c_escape(fp, cp))
		return;
	switch (cp) {
	case NSC_UTF8_BAD:
		fputs("\\uFFFD", fp);
		return;
	case 0:
		fputs("\\0", fp);
		return;
	}
	if (yaml_printable(cp))
		fwrite(raw, 1, n, fp);
	else if (cp < 0x100)
		fprintf(fp, "\\x%02X", (unsigned int)cp);
	else
		fprintf(fp, "\\u%04X", (unsigned int)cp);
}

void nsc_yaml_string(FILE *fp, const char *s, size_t len)
{
	fputc('"', fp);
	if (s)
		walk(fp, s, len, yaml_emit, 0);
	fputc('"', fp);
}

void nsc_yaml_str(FILE *fp, const char *s)
{
	nsc_yaml_string(fp, s, s ? strlen(s) : 0);
}
