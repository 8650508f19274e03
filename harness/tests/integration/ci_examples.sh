#!/usr/bin/env bash
# The CI recipes in ci/examples/, checked as far as this machine allows:
#   gitlab-ci.yml, github-actions.yml: valid YAML (python3-yaml) of the
#     right shape (GitLab: a job whose artifacts:reports:junit is a report
#     its script writes; GitHub: a matrix over runner images that runs-on
#     uses); their nscheck command lines run as written (sudo dropped) in a
#     fresh directory with the built nscheck as build/nscheck, and every
#     JUnit they name is valid (project schema, junitparser).  Neither CI
#     service is reachable from here: their build steps are not run (they
#     are ci/build's cmake lines).
#   Containerfile: buildah builds it into a FROM scratch image around the
#     static nscheck, and podman runs it (default command: --all; and
#     --all --json -), exit 0, through harness/tests/helpers/podman.sh
#     (private storage, everything removed afterwards).
source "$(dirname "$0")/lib.sh"

ex=$NSC_SRC/ci/examples
W=$NSC_TMP/w
mkdir -p "$W/build"
ln -s "$NSCHECK" "$W/build/nscheck"

/usr/bin/python3 - "$ex/gitlab-ci.yml" "$ex/github-actions.yml" >"$NSC_TMP/cmds" <<'PY' ||
import sys, yaml

def lines(script):
    for s in script if isinstance(script, list) else [script]:
        yield from (l.strip() for l in str(s).splitlines() if l.strip())

gl = yaml.safe_load(open(sys.argv[1]))
jobs = {k: v for k, v in gl.items() if isinstance(v, dict) and "script" in v}
assert jobs, "GitLab: no job with a script"
junit = []
for name, job in jobs.items():
    rep = job["artifacts"]["reports"]["junit"]
    rep = rep if isinstance(rep, list) else [rep]
    script = list(lines(job["script"]))
    for r in rep:
        assert any(f"--junit {r}" in l for l in script), f"GitLab {name}: no line writes {r}"
    junit += rep
    assert job["artifacts"].get("when") == "always", "GitLab: keep reports of failed runs"
    for l in script:
        if l.startswith("build/nscheck"):
            print(l)

gh = yaml.safe_load(open(sys.argv[2]))
assert gh.get("jobs"), "GitHub: no jobs"
for name, job in gh["jobs"].items():
    os = job["strategy"]["matrix"]["os"]
    assert isinstance(os, list) and len(os) >= 2, f"GitHub {name}: matrix.os {os}"
    assert job["runs-on"] == "${{ matrix.os }}", f"GitHub {name}: runs-on {job['runs-on']}"
    for step in job["steps"]:
        for l in lines(step.get("run", "")):
            l = l.removeprefix("sudo ")
            if l.startswith("build/nscheck"):
                print(l)
                junit += [w.split()[0] for w in l.split("--junit ")[1:]]
print("#junit " + " ".join(junit))
PY
	fail "the CI recipes' YAML"
ran=0
while read -r cmd; do
	case $cmd in
	"#junit "*)
		read -ra junit <<<"${cmd#\#junit }"
		continue
		;;
	esac
	(cd "$W" && bash -e -o pipefail -c "$cmd") >"$NSC_TMP/out" 2>&1 ||
		fail "'$cmd' exited $?: $(tail -3 "$NSC_TMP/out")"
	ran=$((ran + 1))
done <"$NSC_TMP/cmds"
[ "$ran" -ge 3 ] || fail "only $ran nscheck lines in the recipes"
[ "${#junit[@]}" -ge 2 ] || fail "the recipes name ${#junit[@]} JUnit reports"
for f in "${junit[@]}"; do
	[ -f "$W/$f" ] || fail "the recipes name $f, which their commands did not write"
	junit_validate "$W/$f" >/dev/null
done

# The Containerfile, built and run.
source "$NSC_SRC/harness/tests/helpers/podman.sh"
# shellcheck disable=SC2119 # no directory given: a new one under /var/tmp
nsc_podman_init
static=$(static_nscheck)
ctx=$NSC_TMP/ctx
mkdir "$ctx"
cp "$static" "$ctx/nscheck"
nsc_podman_image nscheck-example "$ctx" "$ex/Containerfile" ||
	fail "buildah could not build ci/examples/Containerfile"
rc=0
nsc_podman_run localhost/nscheck-example >"$NSC_TMP/c.tap" 2>"$NSC_TMP/c.err" || rc=$?
[ "$rc" -eq 0 ] || fail "the image's default command exited $rc: $(tail -3 "$NSC_TMP/c.err")"
[ "$(head -1 "$NSC_TMP/c.tap")" = "TAP version 14" ] || fail "default command: no TAP"
rc=0
nsc_podman_run localhost/nscheck-example --all --json - >"$NSC_TMP/c.json" 2>"$NSC_TMP/c.err" ||
	rc=$?
[ "$rc" -eq 0 ] || fail "--all --json - exited $rc: $(tail -3 "$NSC_TMP/c.err")"
/usr/bin/python3 "$NSC_SRC/harness/tests/helpers/results.py" statuses "$NSC_TMP/c.json" >"$NSC_TMP/c.st" ||
	fail "no JSON from the container"
echo "ok: ci/examples: YAML of both recipes, $ran nscheck lines run, ${#junit[@]} JUnit valid;" \
	"Containerfile built, --all in it: $(grep -c ' PASS' "$NSC_TMP/c.st") PASS, $(grep -c ' SKIP' "$NSC_TMP/c.st") SKIP"
