#!/usr/bin/env bash
# Environment files are hostile too (issue 10 item 15): a FIFO with no
# writer at /etc/os-release hung nscheck before any case; /dev/zero there
# would be read up to its size limit.  They are opened without blocking
# and read only when regular: the fingerprint says "unknown" and the run
# goes on.  Planted by bind mounts in a private mount namespace.
source "$(dirname "$0")/lib.sh"

os=$(readlink -f /etc/os-release)
[ -f "$os" ] || { echo "note: no /etc/os-release here: test skipped"; exit 0; }
mkfifo "$NSC_TMP/fifo"
for what in "$NSC_TMP/fifo" /dev/zero; do
	got=0
	timeout 20 unshare --mount --propagation private -- sh -ec \
		'mount --bind "$1" "$2"; shift 2; exec "$@"' sh "$what" "$os" \
		"$NSCHECK" --no-audit --json "$NSC_TMP/r.json" uts.hostname_private >/dev/null 2>"$NSC_TMP/err" ||
		got=$?
	[ "$got" -ne 124 ] || fail "$what at $os: nscheck hung"
	[ "$got" -eq 0 ] || fail "$what at $os: exit $got: $(cat "$NSC_TMP/err")"
	/usr/bin/python3 - "$NSC_TMP/r.json" <<'PY' || fail "$what at $os: the fingerprint read it"
import json, sys
env = json.load(open(sys.argv[1]))["environment"]
assert not env.get("os_id"), env.get("os_id")
PY
done
echo "ok: a FIFO or a device at $os is not read; the run goes on"
