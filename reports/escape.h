/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Escaping shared by the report back ends.  Every function takes bytes
 * as the harness got them (a case's output may hold anything, NUL
 * included, when a length is given) and writes text that is valid in its
 * target format:
 *  - invalid UTF-8 becomes U+FFFD (one per bad byte);
 *  - control characters a format cannot carry are written as "\xNN"
 *    (XML 1.0 forbids them even as character references) or escaped the
 *    format's own way (JSON \u00NN, YAML \xNN).
 */
#ifndef NSC_ESCAPE_H
#define NSC_ESCAPE_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define NSC_UTF8_BAD 0xffffffffu

/*
 * Decode the UTF-8 sequence at @s (@len > 0).  Returns the bytes used
 * (>= 1); *@cp is the code point, or NSC_UTF8_BAD for one invalid byte
 * (overlong forms, surrogates and code points above U+10FFFF included).
 */
size_t nsc_utf8_decode(const unsigned char *s, size_t len, uint32_t *cp);

/* XML character data (element content); "]]>" cannot occur in output. */
void nsc_xml_text(FILE *fp, const char *s, size_t len);
/* XML attribute value, to go between double quotes; NULL writes "". */
void nsc_xml_attr(FILE *fp, const char *s);

/* A complete JSON string with its quotes; NULL writes null. */
void nsc_json_string(FILE *fp, const char *s, size_t len);
void nsc_json_str(FILE *fp, const char *s);

/*
 * A TAP test point description or directive reason: '\' -> "\\",
 * '#' -> "\#", line breaks and other controls -> ' ', no trailing '{'
 * (a TAP 14 consumer would take it for a subtest).  NULL writes "".
 */
void nsc_tap_desc(FILE *fp, const char *s);

/*
 * One line of text for a terminal: line breaks and tabs -> ' ', other
 * controls (escape sequences included) -> '?'.  NULL writes "".
 */
void nsc_term_text(FILE *fp, const char *s);

/* A complete YAML double-quoted scalar; NULL writes "". */
void nsc_yaml_string(FILE *fp, const char *s, size_t len);
void nsc_yaml_str(FILE *fp, const char *s);

#endif
