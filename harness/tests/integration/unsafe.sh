#!/usr/bin/env bash
# --unsafe: a case marked .unsafe SKIPs without it, naming --unsafe and
# why; with it the case runs (on every creation path, as root and
# rootless), and its control runs in a user namespace of its own, where
# nothing the initial user namespace owns can be touched: the test-only
# canary ERRORs if its control ever shares a namespace from the initial
# user namespace (it did before harness/job.c forced that).  Reports
# record --unsafe.
source "$(dirname "$0")/lib.sh"

results="$NSC_SRC/harness/tests/helpers/results.py"
id=test.unsafe_canary

expect_status 4 "$NSCHECK_TEST" --json "$NSC_TMP/safe.json" "$id" >"$NSC_TMP/safe.tap"
st=$(/usr/bin/python3 "$results" statuses "$NSC_TMP/safe.json")
grep -q "^$id SKIP needs --unsafe (this case would act on the host if isolation were broken: " <<<"$st" ||
	fail "without --unsafe: $st"
grep -qx '# via clone3' "$NSC_TMP/safe.tap" || fail "TAP comment without --unsafe"

for via in clone3 clone unshare; do
	for mode in root rootless; do
		args=(--unsafe --via $via)
		[ $mode = rootless ] && args+=(--rootless)
		"$NSCHECK_TEST" "${args[@]}" --json "$NSC_TMP/u.json" --tap="$NSC_TMP/u.tap" "$id" >/dev/null ||
			fail "--unsafe $mode --via $via: exit $?"
		/usr/bin/python3 - "$NSC_TMP/u.json" "$id" <<'PY' || fail "--unsafe $mode --via $via"
import json, sys
doc = json.load(open(sys.argv[1]))
assert doc["environment"]["unsafe"] is True, doc["environment"]
c = [c for c in doc["cases"] if c["id"] == sys.argv[2]][0]
assert c["status"] == "PASS" and c["control"]["outcome"] == "shared", c
PY
		grep -qx "# via $via, unsafe" "$NSC_TMP/u.tap" || fail "TAP comment with --unsafe"
	done
done
echo "ok: $id SKIPs without --unsafe; PASSes with it, control shared from its own user namespace, on each path"

"$NSCHECK_TEST" --unsafe --self-check "$id" >"$NSC_TMP/sc" || fail "--self-check --unsafe: exit $?"
grep -q "^sensitive *$id" "$NSC_TMP/sc" || fail "--self-check --unsafe: $(cat "$NSC_TMP/sc")"
grep -q '^  unsafe  *yes' <<<"$("$NSCHECK_TEST" --list --long "$id")" || fail "--list --long does not say unsafe"
"$NSCHECK_TEST" --list "$id" --json | /usr/bin/python3 -c 'import json,sys; assert json.load(sys.stdin)["cases"][0]["unsafe"] is True' ||
	fail "--list --json does not say unsafe"
echo "ok: --self-check --unsafe sensitive; --list --long/--json show it"

# The catalogue's .unsafe cases with --unsafe, in a user namespace of this
# test's own: whatever they do, they hold no capability over the host's
# namespaces (reboot(2) and clock_settime(2) need CAP_SYS_BOOT/CAP_SYS_TIME
# in the initial user namespace), so nothing here can act on the host.
"$NSCHECK" --list --json | /usr/bin/python3 -c 'import json,sys
print("\n".join(c["id"] for c in json.load(sys.stdin)["cases"] if c.get("unsafe")))' >"$NSC_TMP/unsafe.ids"
[ -s "$NSC_TMP/unsafe.ids" ] || fail "no .unsafe case in the catalogue"
mapfile -t ids <"$NSC_TMP/unsafe.ids"
unshare -U -r "$NSCHECK" --unsafe --json "$NSC_TMP/cat.json" "${ids[@]}" >/dev/null ||
	fail "--unsafe ${ids[*]} in a user namespace: exit $?"
st=$(/usr/bin/python3 "$results" statuses "$NSC_TMP/cat.json")
[ "$(grep -c ' PASS$' <<<"$st")" -eq $((${#ids[@]} + 1)) ] || fail "--unsafe ${ids[*]}: $st"
echo "ok: --unsafe in a user namespace of the test's own: ${ids[*]} PASS"
