// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests: report files.  Bad paths fail at open (before any case
 * runs) naming the path; a failed run leaves an existing report as it
 * was and no temp file; a symlink at the target is replaced.
 */
#include <dirent.h>

#include <sys/socket.h>
#include <sys/un.h>

#include "nsc_testutil.h"
#include "sink.h"

static char *dir;
static char path[512];
static struct nsc_err err;

static void setup(void)
{
	dir = nsc_t_tmpdir();
	snprintf(path, sizeof(path), "%s/r.tap", dir);
}

static void teardown(void)
{
	nsc_t_rmtree(dir);
}

/* Names in @d, sorted, space-separated (hidden files included). */
static char *listing(const char *d)
{
	static char buf[4096];
	struct dirent **ents;
	int n = scandir(d, &ents, NULL, alphasort);
	size_t off = 0;

	ck_assert_int_ge(n, 0);
	buf[0] = '\0';
	for (int i = 0; i < n; i++) {
		if (strcmp(ents[i]->d_name, ".") && strcmp(ents[i]->d_name, ".."))
			off += (size_t)snprintf(buf + off, sizeof(buf) - off, "%s%s",
						off ? " " : "", ents[i]->d_name);
		free(ents[i]);
	}
	free(ents);
	return buf;
}

static void put(const char *p, const char *text)
{
	FILE *fp = fopen(p, "w");

	ck_assert_ptr_nonnull(fp);
	fputs(text, fp);
	ck_assert_int_eq(fclose(fp), 0);
}

/* Open, run a small report, close with @commit. */
static int small_report(const char *p, int commit)
{
	struct nsc_result res[NSC_T_NRES];
	struct nsc_run_info run;
	struct nsc_reporter *r;
	int ret;

	nsc_t_results(res);
	nsc_t_run_info(&run, 2);
	ret = nsc_reporter_open(&r, "tap", p, NULL, &err);
	if (ret < 0)
		return ret;
	ck_assert_int_eq(r->ops->begin(r, &run, &err), 0);
	ck_assert_int_eq(r->ops->result(r, &res[0], &err), 0);
	ck_assert_int_eq(r->ops->result(r, &res[1], &err), 0);
	ck_assert_int_eq(r->ops->end(r, &run, &err), 0);
	return nsc_reporter_close(r, commit, &err);
}

START_TEST(test_stdout_and_console)
{
	struct nsc_reporter *r;

	ck_assert_int_eq(nsc_reporter_open(&r, "tap", "-", NULL, &err), 0);
	ck_assert_ptr_eq(r->fp, stdout);
	ck_assert_ptr_null(r->path);
	ck_assert(!r->target.replace);
	ck_assert_int_eq(r->opts.tap_version, 14);
	ck_assert_int_eq(nsc_reporter_close(r, 1, &err), 0);
	ck_assert_int_eq(nsc_reporter_open(&r, "json", NULL, NULL, &err), 0);
	ck_assert_ptr_eq(r->fp, stdout);
	ck_assert_int_eq(nsc_reporter_close(r, 0, &err), 0);
	ck_assert_int_eq(nsc_reporter_open(&r, "console", path, NULL, &err), 0);
	ck_assert_ptr_eq(r->fp, stderr);
	ck_assert_int_eq(nsc_reporter_close(r, 1, &err), 0);
	ck_assert_str_eq(listing(dir), "");
	ck_assert_int_eq(nsc_reporter_open(&r, "tap", "", NULL, &err), -EINVAL);
	ck_assert_int_eq(nsc_reporter_open(&r, "no-such-format", "-", NULL, &err), -EINVAL);
}
END_TEST

START_TEST(test_missing_dir)
{
	struct nsc_reporter *r = (void *)1;
	char bad[600], want[700];

	snprintf(bad, sizeof(bad), "%s/no/such/r.xml", dir);
	ck_assert_int_eq(nsc_reporter_open(&r, "junit", bad, NULL, &err), -ENOENT);
	ck_assert_ptr_null(r);
	snprintf(want, sizeof(want), "cannot write report %s: No such file or directory", bad);
	ck_assert_str_eq(err.msg, want);
	ck_assert_int_eq(err.err, ENOENT);
	ck_assert_str_eq(listing(dir), "");
}
END_TEST

START_TEST(test_dir_as_path)
{
	struct nsc_reporter *r;
	char p[600], want[700];

	ck_assert_int_eq(nsc_reporter_open(&r, "json", dir, NULL, &err), -EISDIR);
	snprintf(want, sizeof(want), "cannot write report %s: Is a directory", dir);
	ck_assert_str_eq(err.msg, want);
	snprintf(p, sizeof(p), "%s/", dir);
	ck_assert_int_eq(nsc_reporter_open(&r, "json", p, NULL, &err), -EISDIR);
	snprintf(p, sizeof(p), "%s/.", dir);
	ck_assert_int_eq(nsc_reporter_open(&r, "json", p, NULL, &err), -EISDIR);
	snprintf(p, sizeof(p), "%s/sub", dir);
	ck_assert_int_eq(mkdir(p, 0755), 0);
	snprintf(path, sizeof(path), "%s/link", dir);
	ck_assert_int_eq(symlink(p, path), 0); /* a symlink to a directory */
	ck_assert_int_eq(nsc_reporter_open(&r, "json", path, NULL, &err), -EISDIR);
	ck_assert_str_eq(listing(dir), "link sub");
	ck_assert_str_eq(listing(p), "");
}
END_TEST

/* Read-only directory; as root, in a child that gave up root. */
START_TEST(test_unwritable_dir)
{
	int status;
	pid_t pid;

	ck_assert_int_eq(chmod(dir, 0555), 0);
	pid = fork();
	ck_assert_int_ge(pid, 0);
	if (!pid) {
		struct nsc_reporter *r;

		if (geteuid() == 0 && setresuid(65534, 65534, 65534) < 0)
			_exit(3);
		_exit(nsc_reporter_open(&r, "tap", path, NULL, &err) == -EACCES &&
				      strstr(err.msg, path) ?
			      0 :
			      1);
	}
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	ck_assert(WIFEXITED(status));
	ck_assert_int_eq(WEXITSTATUS(status), 0);
	ck_assert_int_eq(chmod(dir, 0700), 0);
	ck_assert_str_eq(listing(dir), "");
}
END_TEST

START_TEST(test_no_commit_keeps_old)
{
	char *body;

	put(path, "old report\n");
	ck_assert_int_eq(small_report(path, 0), 0);
	body = nsc_t_slurp(path, NULL);
	ck_assert_str_eq(body, "old report\n");
	free(body);
	ck_assert_str_eq(listing(dir), "r.tap");
}
END_TEST

START_TEST(test_commit_replaces)
{
	struct nsc_run_info run;
	struct nsc_reporter *r;
	struct stat st;
	char *body;

	put(path, "old report\n");
	umask(022);
	ck_assert_int_eq(nsc_reporter_open(&r, "tap", path, NULL, &err), 0);
	ck_assert(r->target.replace);
	ck_assert_str_eq(r->path, path);
	ck_assert_str_eq(listing(dir), "r.tap"); /* the temp file has no name */
	nsc_t_run_info(&run, 0);
	ck_assert_int_eq(r->ops->begin(r, &run, &err), 0);
	ck_assert_int_eq(r->ops->end(r, &run, &err), 0);
	body = nsc_t_slurp(path, NULL);
	ck_assert_str_eq(body, "old report\n"); /* untouched until commit */
	free(body);
	ck_assert_int_eq(nsc_reporter_close(r, 1, &err), 0);
	body = nsc_t_slurp(path, NULL);
	ck_assert(!strncmp(body, "TAP version 14\n1..0", 19));
	free(body);
	ck_assert_int_eq(stat(path, &st), 0);
	ck_assert_uint_eq(st.st_mode & 07777, 0644);
	ck_assert_str_eq(listing(dir), "r.tap");
}
END_TEST

START_TEST(test_symlink_replaced)
{
	char target[600], dangling[600], *body;
	struct stat st;

	snprintf(target, sizeof(target), "%s/precious", dir);
	put(target, "precious\n");
	ck_assert_int_eq(symlink(target, path), 0);
	ck_assert_int_eq(small_report(path, 1), 0);
	ck_assert_int_eq(lstat(path, &st), 0);
	ck_assert(S_ISREG(st.st_mode));
	body = nsc_t_slurp(target, NULL);
	ck_assert_str_eq(body, "precious\n");
	free(body);
	body = nsc_t_slurp(path, NULL);
	ck_assert(!strncmp(body, "TAP version 14\n", 15));
	free(body);

	snprintf(dangling, sizeof(dangling), "%s/dangling", dir);
	ck_assert_int_eq(symlink("/nonexistent/nsc/x", dangling), 0);
	ck_assert_int_eq(small_report(dangling, 1), 0);
	ck_assert_int_eq(lstat(dangling, &st), 0);
	ck_assert(S_ISREG(st.st_mode));
	ck_assert_str_eq(listing(dir), "dangling precious r.tap");
}
END_TEST

START_TEST(test_devices_in_place)
{
	struct nsc_reporter *r;
	struct stat st;

	ck_assert_int_eq(nsc_reporter_open(&r, "tap", "/dev/null", NULL, &err), 0);
	ck_assert(!r->target.replace);
	ck_assert_int_eq(nsc_reporter_close(r, 1, &err), 0);
	ck_assert_int_eq(stat("/dev/null", &st), 0);
	ck_assert(S_ISCHR(st.st_mode));
	if (access("/dev/full", W_OK) == 0) {
		ck_assert_int_eq(small_report("/dev/full", 1), -ENOSPC);
		ck_assert_ptr_nonnull(strstr(err.msg, "cannot write report /dev/full"));
	}
}
END_TEST

START_TEST(test_two_writers)
{
	struct nsc_reporter *a, *b;

	ck_assert_int_eq(nsc_reporter_open(&a, "tap", path, NULL, &err), 0);
	ck_assert_int_eq(nsc_reporter_open(&b, "json", path, NULL, &err), 0);
	ck_assert(nsc_reporter_same_target(a, b));
	ck_assert_str_eq(listing(dir), "");
	ck_assert_int_eq(nsc_reporter_close(a, 0, &err), 0);
	ck_assert_int_eq(nsc_reporter_close(b, 0, &err), 0);
	ck_assert_str_eq(listing(dir), "");
	ck_assert_int_eq(nsc_reporter_close(NULL, 1, &err), 0);
}
END_TEST

/* Every format is in the table once, found by its name. */
START_TEST(test_format_table)
{
	size_t n = 0;

	for (size_t i = 0; nsc_report_formats[i]; i++, n++) {
		const struct nsc_reporter_ops *f = nsc_report_formats[i];

		ck_assert_ptr_nonnull(f->name);
		ck_assert_ptr_eq(nsc_report_format(f->name), f);
		ck_assert(f->begin && f->result && f->end);
	}
	ck_assert_uint_ge(n, 6);
	ck_assert_ptr_null(nsc_report_format("nope"));
	ck_assert_ptr_null(nsc_report_format(NULL));
	ck_assert(nsc_report_format("console")->to_stderr);
	ck_assert(!nsc_report_format("tap")->to_stderr);
}
END_TEST

/* A sink feeds every reporter and refuses two reports to one file. */
START_TEST(test_sink)
{
	struct nsc_result res[NSC_T_NRES];
	struct nsc_sink s = { .n = 0 };
	struct nsc_run_info run;
	char json[600], *body;

	nsc_t_results(res);
	nsc_t_run_info(&run, 1);
	snprintf(json, sizeof(json), "%s/r.json", dir);
	ck_assert_int_eq(nsc_sink_open(&s, "tap", path, NULL, &err), 0);
	ck_assert_int_eq(nsc_sink_open(&s, "json", json, NULL, &err), 0);
	ck_assert_int_eq(nsc_sink_open(&s, "junit", path, NULL, &err), -EEXIST);
	ck_assert_ptr_nonnull(strstr(err.msg, "--tap and --junit write to the same file"));
	ck_assert_int_eq(nsc_sink_open(&s, "nope", "-", NULL, &err), -EINVAL);
	ck_assert_uint_eq(s.n, 2);
	ck_assert_int_eq(nsc_sink_begin(&s, &run, &err), 0);
	ck_assert_int_eq(nsc_sink_result(&s, &res[0], &err), 0);
	ck_assert_int_eq(nsc_sink_end(&s, &run, &err), 0);
	ck_assert_int_eq(nsc_sink_close(&s, true, &err), 0);
	ck_assert_uint_eq(s.n, 0);
	body = nsc_t_slurp(path, NULL);
	ck_assert_ptr_nonnull(strstr(body, "ok 1 - "));
	free(body);
	body = nsc_t_slurp(json, NULL);
	ck_assert_ptr_nonnull(strstr(body, "\"self_check\": false"));
	free(body);
	ck_assert_str_eq(listing(dir), "r.json r.tap");
}
END_TEST

/* A symlink to a FIFO is replaced, never written through. */
START_TEST(test_symlink_to_fifo_replaced)
{
	char fifo[600];
	struct stat st;

	snprintf(fifo, sizeof(fifo), "%s/fifo", dir);
	ck_assert_int_eq(mkfifo(fifo, 0600), 0);
	ck_assert_int_eq(symlink(fifo, path), 0);
	ck_assert_int_eq(small_report(path, 1), 0); /* would block on the FIFO */
	ck_assert_int_eq(lstat(path, &st), 0);
	ck_assert(S_ISREG(st.st_mode));
	ck_assert_int_eq(lstat(fifo, &st), 0);
	ck_assert(S_ISFIFO(st.st_mode));
	ck_assert_str_eq(listing(dir), "fifo r.tap");
}
END_TEST

/* A FIFO named directly is written in place (once a reader comes). */
START_TEST(test_fifo_in_place)
{
	char fifo[600], buf[64] = "";
	int status, fd;
	pid_t pid;

	snprintf(fifo, sizeof(fifo), "%s/fifo", dir);
	ck_assert_int_eq(mkfifo(fifo, 0600), 0);
	pid = fork();
	ck_assert_int_ge(pid, 0);
	if (!pid)
		_exit(small_report(fifo, 1) == 0 ? 0 : 1);
	usleep(50 * 1000); /* the writer waits for a reader */
	fd = open(fifo, O_RDONLY);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_gt(read(fd, buf, sizeof(buf) - 1), 0);
	ck_assert(!strncmp(buf, "TAP version 14\n", 15));
	while (read(fd, buf, sizeof(buf)) > 0)
		;
	close(fd);
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	ck_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	ck_assert_str_eq(listing(dir), "fifo");
}
END_TEST

/* A name of 250 bytes (NAME_MAX is 255): the temp name does not grow it. */
START_TEST(test_long_name)
{
	char p[900], name[251];

	memset(name, 'n', 250);
	name[250] = '\0';
	snprintf(p, sizeof(p), "%s/%s", dir, name);
	ck_assert_int_eq(small_report(p, 1), 0);
	put(p, "old\n");
	ck_assert_int_eq(small_report(p, 1), 0); /* replacing: via a temp name */
	ck_assert_str_eq(listing(dir), name);
}
END_TEST

/* Sockets (and block devices) are no report targets. */
START_TEST(test_socket_refused)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	struct nsc_reporter *r;
	int fd = socket(AF_UNIX, SOCK_STREAM, 0);

	ck_assert_int_ge(fd, 0);
	snprintf(sa.sun_path, sizeof(sa.sun_path), "%s/sock", dir);
	ck_assert_int_eq(bind(fd, (struct sockaddr *)&sa, sizeof(sa)), 0);
	ck_assert_int_eq(nsc_reporter_open(&r, "tap", sa.sun_path, NULL, &err), -EINVAL);
	ck_assert_ptr_nonnull(strstr(err.msg, "not a regular file, FIFO or character device"));
	close(fd);
}
END_TEST

/* Descriptor names are the descriptor; two spellings of one file clash. */
START_TEST(test_aliases_and_identity)
{
	struct nsc_reporter *a, *b;
	char p[600];
	int pfd[2];

	/* stdout a pipe (the test runs in its own fork): /dev/null, where a
	 * caller may have sent it, never clashes with anything. */
	ck_assert_int_eq(pipe(pfd), 0);
	ck_assert_int_eq(dup2(pfd[1], STDOUT_FILENO), STDOUT_FILENO);
	ck_assert_int_eq(nsc_reporter_open(&a, "tap", "/dev/stdout", NULL, &err), 0);
	ck_assert_ptr_eq(a->fp, stdout);
	ck_assert_int_eq(nsc_reporter_open(&b, "json", "-", NULL, &err), 0);
	ck_assert(nsc_reporter_same_target(a, b));
	ck_assert_int_eq(nsc_reporter_close(b, 0, &err), 0);
	ck_assert_int_eq(nsc_reporter_open(&b, "json", "/proc/self/fd/1", NULL, &err), 0);
	ck_assert(nsc_reporter_same_target(a, b));
	ck_assert_int_eq(nsc_reporter_close(b, 0, &err), 0);
	ck_assert_int_eq(nsc_reporter_close(a, 0, &err), 0);

	snprintf(p, sizeof(p), "%s/./r.tap", dir);
	ck_assert_int_eq(nsc_reporter_open(&a, "tap", path, NULL, &err), 0);
	ck_assert_int_eq(nsc_reporter_open(&b, "json", p, NULL, &err), 0);
	ck_assert(nsc_reporter_same_target(a, b));
	ck_assert_int_eq(nsc_reporter_close(a, 0, &err), 0);
	ck_assert_int_eq(nsc_reporter_close(b, 0, &err), 0);
	ck_assert_int_eq(nsc_reporter_open(&a, "tap", "/dev/null", NULL, &err), 0);
	ck_assert_int_eq(nsc_reporter_open(&b, "json", "/dev/null", NULL, &err), 0);
	ck_assert(!nsc_reporter_same_target(a, b));
	ck_assert_int_eq(nsc_reporter_close(a, 0, &err), 0);
	ck_assert_int_eq(nsc_reporter_close(b, 0, &err), 0);
	ck_assert_int_eq(nsc_reporter_open(&a, "tap", "/dev/fd/99", NULL, &err), -EBADF);
	ck_assert_str_eq(listing(dir), "");
}
END_TEST

static Suite *output_suite(void)
{
	Suite *s = suite_create("output");
	TCase *tc = tcase_create("output");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_stdout_and_console);
	tcase_add_test(tc, test_missing_dir);
	tcase_add_test(tc, test_dir_as_path);
	tcase_add_test(tc, test_unwritable_dir);
	tcase_add_test(tc, test_no_commit_keeps_old);
	tcase_add_test(tc, test_commit_replaces);
	tcase_add_test(tc, test_symlink_replaced);
	tcase_add_test(tc, test_devices_in_place);
	tcase_add_test(tc, test_two_writers);
	tcase_add_test(tc, test_format_table);
	tcase_add_test(tc, test_symlink_to_fifo_replaced);
	tcase_add_test(tc, test_fifo_in_place);
	tcase_add_test(tc, test_long_name);
	tcase_add_test(tc, test_socket_refused);
	tcase_add_test(tc, test_aliases_and_identity);
	tcase_add_test(tc, test_sink);
	suite_add_tcase(s, tc);
	return s;
}

NSC_T_MAIN(output_suite)
