// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests: the JSON report parses, validates against
 * reports/nscheck-report.schema.json and round-trips hostile strings.
 */
#include "nsc_testutil.h"

static char *dir;
static char path[512];

static void setup(void)
{
	dir = nsc_t_tmpdir();
	snprintf(path, sizeof(path), "%s/r.json", dir);
}

static void teardown(void)
{
	nsc_t_rmtree(dir);
}

/* Parse, validate (python3-jsonschema must be there), then run @checks on d. */
static void check(const char *checks)
{
	char script[8192];
	const char *argv[] = { nsc_t_python(), "-c",
			       script,	       NSC_SRC_DIR "/reports/nscheck-report.schema.json",
			       path,	       NULL };

	snprintf(script, sizeof(script),
		 "import json, sys\n"
		 "schema=json.load(open(sys.argv[1]))\n"
		 "d=json.load(open(sys.argv[2], encoding='utf-8'))\n"
		 "try:\n"
		 "    import jsonschema\n"
		 "except ImportError:\n"
		 "    sys.exit('check_json: python3-jsonschema missing (run ci/setup)')\n"
		 "cls=jsonschema.validators.validator_for(schema)\n"
		 "cls.check_schema(schema)\n"
		 "jsonschema.validate(d, schema, cls=cls)\n"
		 "%s\n",
		 checks);
	ck_assert_int_eq(nsc_t_run(argv, NULL, NULL), 0);
}

START_TEST(test_hostile)
{
	struct nsc_result res[NSC_T_NRES];
	struct nsc_run_info run;

	nsc_t_results(res);
	nsc_t_run_info(&run, NSC_T_NRES);
	ck_assert_int_eq(nsc_t_report("json", path, NULL, res, NSC_T_NRES, &run), 0);
	check("c=d['cases']\n"
	      "assert d['summary']=={'pass':3,'fail':1,'skip':1,'error':1,'total':6}, d['summary']\n"
	      "assert [x['id'] for x in c]==['env.first','net.fail#1\\\\x','time.skip','uts.error','uts.pass','env.host_residue']\n"
	      "assert d['tool']=={'name':'nscheck','version':'nscheck 0.1.0-test'} and d['start']=='2023-11-14T22:13:20.123Z'\n"
	      "assert d['duration_s']==1.5 and d['interrupted'] is False and d['planned']==6\n"
	      "e=d['environment']\n"
	      "assert e['kconfig']=={'source':'/proc/config.gz','values':{'CONFIG_USER_NS':'y','CONFIG_TIME_NS':'n'}}\n"
	      "assert e['sysctl']=={'user.max_user_namespaces':'0'} and e['lsm']==['lockdown','capability','apparmor']\n"
	      "assert e['mode']=='rootless (root without CAP_SYS_ADMIN)'\n"
	      "assert e['cap_eff']=='0x000001ffffffffff' and e['seccomp']==2 and e['os_pretty_name']=='Debian \"12\" \\x01'\n"
	      "h='quote\" apos\\' <tag> & ]]> x\\nnewline\\rcr\\ttab \\x01\\x02\\x1b[31m \\x7f \\x85 \\ufffd\\ufffd bad \\ufffd( \\ufffd\\ufffd\\ufffd \\ufffe # hash \\\\ bs \\xe9 \\u65e5 \\U0001f642 {'\n"
	      "assert e['kernel_version']==h, repr(e['kernel_version'])\n"
	      "f=c[1]\n"
	      "assert f['status']=='FAIL' and f['reason']==h and f['summary']==h and f['errno'] is None\n"
	      "assert f['control']=={'outcome':'shared','detail':'saw '+h}\n"
	      "g=f['diagnostics'][0]\n"
	      "assert g=={'where':'cases/net/fail.c:42','message':h,'errno':'EACCES','expected':'\"exp\"<>','got':h}, g\n"
	      "assert len(f['diagnostics'][1]['message'].encode())<=255*3\n"
	      "s=c[2]; assert s['status']=='SKIP' and s['reason'].startswith('no # time\\\\ns quote') and s['hint']=='set CONFIG_TIME_NS=y <&>'\n"
	      "assert s['control']['outcome']=='not-run'\n"
	      "x=c[3]; assert x['status']=='ERROR' and x['errno']=='EPERM' and x['stdout']=='out\\x00with NUL \\ufffd <b>&amp; ]]>\\n' and x['stderr']==h\n"
	      "assert c[0]['stdout'] is None and c[0]['diagnostics']==[] and c[0]['duration_s']==0.001\n"
	      "assert c[5]['namespace']=='env' and c[5]['control']['outcome']=='none'\n");
}
END_TEST

START_TEST(test_env_only_and_interrupted)
{
	struct nsc_run_info run;

	nsc_t_run_info(&run, 0);
	nsc_t_env.kconfig_source[0] = '\0';
	nsc_t_env.nkconfig = 0;
	nsc_t_env.nsysctl = 0;
	nsc_t_env.lsm[0] = '\0';
	ck_assert_int_eq(nsc_t_report("json", path, NULL, NULL, 0, &run), 0);
	check("assert d['cases']==[] and d['summary']['total']==0\n"
	      "e=d['environment']\n"
	      "assert e['kconfig']=={'source':None,'values':{}} and e['sysctl']=={} and e['lsm']==[]\n");

	nsc_t_run_info(&run, 3);
	run.interrupted = true;
	run.env = NULL;
	run.duration = -1; /* clock went backwards: still valid */
	ck_assert_int_eq(nsc_t_report("json", path, NULL, NULL, 0, &run), 0);
	check("assert d['interrupted'] is True and d['environment'] is None and d['duration_s']==0\n");
}
END_TEST

START_TEST(test_long_strings)
{
	struct nsc_result res[1];
	struct nsc_run_info run;
	static char big[200000];

	memset(res, 0, sizeof(res));
	nsc_t_fill(big, sizeof(big), "\x01\"\\\xff" NSC_HOSTILE);
	nsc_t_fill(res[0].reason, sizeof(res[0].reason), "\"\\\x02");
	res[0].id = "a.b";
	res[0].ns = "a";
	res[0].status = NSC_ERROR;
	res[0].out = big;
	res[0].out_len = sizeof(big) - 1;
	nsc_t_run_info(&run, 1);
	ck_assert_int_eq(nsc_t_report("json", path, NULL, res, 1, &run), 0);
	check("c=d['cases'][0]\n"
	      "assert len(c['reason'])==511 and c['reason'].startswith('\"\\\\\\x02\"')\n"
	      "assert c['stdout'].startswith('\\x01\"\\\\\\ufffdquote') and len(c['stdout'])>150000\n");
}
END_TEST

static Suite *json_suite(void)
{
	Suite *s = suite_create("json");
	TCase *tc = tcase_create("json");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_hostile);
	tcase_add_test(tc, test_env_only_and_interrupted);
	tcase_add_test(tc, test_long_strings);
	suite_add_tcase(s, tc);
	return s;
}

NSC_T_MAIN(json_suite)
