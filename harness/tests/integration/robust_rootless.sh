#!/usr/bin/env bash
# Rootless mode: run as a created unprivileged user (automatic rootless),
# as root with --rootless and as root without CAP_SYS_ADMIN (automatic).  No FAIL/ERROR; what needs real root SKIPs
# saying so; both runs give the same verdicts; what passes as root and
# can be hosted in a user namespace passes.
source "$(dirname "$0")/lib.sh"

user=$NSC_TEST_USER
results="$NSC_SRC/harness/tests/helpers/results.py"
bindir=$(mktemp -d /tmp/nsc-rootless.XXXXXX)
cleanup() {
	rm -rf "$NSC_TMP" "$bindir"
	test_user_del
}
trap cleanup EXIT
test_user_add
chmod 755 "$bindir"
install -m 755 "$NSCHECK" "$bindir/nscheck"
install -d -o "$user" -m 755 "$bindir/out"

"$NSCHECK" --all --json "$NSC_TMP/root.json" >/dev/null || fail "root run exited $?"
got=0
(cd "$bindir/out" && setpriv --reuid="$user" --regid="$user" --clear-groups \
	"$bindir/nscheck" --all --json "$bindir/out/user.json" >"$NSC_TMP/user.tap" \
	2>"$NSC_TMP/user.err") || got=$?
[ "$got" -eq 0 ] || fail "run as $user exited $got: $(cat "$NSC_TMP/user.err")"
"$NSCHECK" --rootless --all --json "$NSC_TMP/forced.json" >/dev/null ||
	fail "--rootless as root exited $?"
# Root without CAP_SYS_ADMIN (a container's default) runs rootless by
# itself when a user namespace of its own can be made.
capsh --drop=cap_sys_admin -- -c '"$1" --all --json "$2" >/dev/null' _ "$NSCHECK" \
	"$NSC_TMP/nocap.json" || fail "root without CAP_SYS_ADMIN exited $?"

python3 "$results" statuses "$NSC_TMP/root.json" >"$NSC_TMP/root"
python3 "$results" statuses "$bindir/out/user.json" >"$NSC_TMP/user"
python3 "$results" statuses "$NSC_TMP/forced.json" >"$NSC_TMP/forced"
python3 "$results" statuses "$NSC_TMP/nocap.json" >"$NSC_TMP/nocap"
expect_mode() {
	local got
	got=$(python3 "$results" mode "$1")
	[ "$got" = "$2" ] || fail "$1: mode \"$got\", want \"$2\""
}
expect_mode "$NSC_TMP/root.json" "root"
expect_mode "$bindir/out/user.json" "rootless (not root)"
expect_mode "$NSC_TMP/forced.json" "rootless (--rootless)"
expect_mode "$NSC_TMP/nocap.json" "rootless (root without CAP_SYS_ADMIN)"
npass=0
while read -r id st reason; do
	case "$st" in
	PASS) npass=$((npass + 1)) ;;
	SKIP) grep -Eq 'root' <<<"$reason" ||
		grep -q "^$id SKIP" "$NSC_TMP/root" ||
		fail "$id SKIPs rootless without naming root: $reason" ;;
	*) fail "$id is $st as $user: $reason" ;;
	esac
done <"$NSC_TMP/user"
# Every namespace family that passes as root has a passing case rootless.
for ns in uts ipc pid mnt net cgroup time user; do
	grep -q "^$ns\.[^ ]* PASS" "$NSC_TMP/root" || continue
	grep -q "^$ns\.[^ ]* PASS" "$NSC_TMP/user" || fail "no $ns case passes rootless"
done
diff <(cut -d' ' -f1,2 "$NSC_TMP/user") <(cut -d' ' -f1,2 "$NSC_TMP/forced") ||
	fail "--rootless as root and the unprivileged run disagree"
diff <(cut -d' ' -f1,2 "$NSC_TMP/forced") <(cut -d' ' -f1,2 "$NSC_TMP/nocap") ||
	fail "root without CAP_SYS_ADMIN and --rootless disagree"
echo "ok: rootless: $npass records PASS as $user, same verdicts with --rootless as root" \
	"and as root without CAP_SYS_ADMIN"
