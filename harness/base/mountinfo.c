// SPDX-License-Identifier: GPL-2.0-only
/*
 * The one /proc/PID/mountinfo parser (proc(5)):
 *   36 35 98:0 /mnt1 /mnt2 rw,noatime master:1 - ext3 /dev/root rw,errors=continue
 *   id parent major:minor root target options [optional...] - fstype source super
 */
#include <stdlib.h>
#include <string.h>

#include "base.h"

/* In place: octal escapes (\040 for a space, \011, \012, \134). */
static void unescape(char *s)
{
	char *out = s;

	for (; *s; s++) {
		if (s[0] == '\\' && s[1] >= '0' && s[1] <= '3' && s[2] >= '0' && s[2] <= '7' &&
		    s[3] >= '0' && s[3] <= '7') {
			*out++ = (char)((s[1] - '0') * 64 + (s[2] - '0') * 8 + (s[3] - '0'));
			s += 3;
		} else {
			*out++ = *s;
		}
	}
	*out = '\0';
}

static bool parse_int(const char *s, int *v)
{
	char *end;
	long l = strtol(s, &end, 10);

	if (end == s || *end || l < 0 || l > 0x7fffffff)
		return false;
	*v = (int)l;
	return true;
}

int nsc_mountinfo_parse(char *line, struct nsc_mount *m)
{
	char *f[64], *save = NULL, *tok;
	size_t n = 0, sep = 0;

	for (tok = strtok_r(line, " \n", &save); tok && n < 64; tok = strtok_r(NULL, " \n", &save))
		f[n++] = tok;
	/* The optional fields end at "-"; three fields follow it. */
	for (size_t i = 6; i < n && !sep; i++)
		if (!strcmp(f[i], "-"))
			sep = i;
	if (!sep || sep + 2 >= n || !parse_int(f[0], &m->id) || !parse_int(f[1], &m->parent))
		return -EINVAL;
	for (size_t i = 3; i < n; i++)
		unescape(f[i]);
	m->root = f[3];
	m->target = f[4];
	m->fstype = f[sep + 1];
	m->source = f[sep + 2];
	m->super = sep + 3 < n ? f[sep + 3] : "";
	m->opts = f[5];
	m->shared = m->master = 0;
	m->unbindable = false;
	for (size_t i = 6; i < sep; i++) {
		if (!strncmp(f[i], "shared:", 7))
			parse_int(f[i] + 7, &m->shared);
		else if (!strncmp(f[i], "master:", 7))
			parse_int(f[i] + 7, &m->master);
		else if (!strcmp(f[i], "unbindable"))
			m->unbindable = true;
	}
	return 0;
}

int nsc_mountinfo_read(const char *path, struct nsc_mounts *out, struct nsc_err *err)
{
	size_t len, lines = 1;
	char *line, *next;
	int ret;

	memset(out, 0, sizeof(*out));
	if (!path)
		path = "/proc/self/mountinfo";
	ret = nsc_file_read(path, 64u << 20, &out->buf, &len, err);
	if (ret < 0)
		return ret;
	for (size_t i = 0; i < len; i++)
		lines += out->buf[i] == '\n';
	out->m = calloc(lines, sizeof(*out->m));
	if (!out->m) {
		nsc_mountinfo_free(out);
		return nsc_err_set(err, ENOMEM, "%s", path);
	}
	for (line = out->buf; line && *line; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		if (out->n < lines && nsc_mountinfo_parse(line, &out->m[out->n]) == 0)
			out->n++;
	}
	return 0;
}

void nsc_mountinfo_free(struct nsc_mounts *mounts)
{
	free(mounts->m);
	free(mounts->buf);
	memset(mounts, 0, sizeof(*mounts));
}
