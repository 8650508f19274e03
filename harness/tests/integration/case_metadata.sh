#!/usr/bin/env bash
# Case metadata that does something: --list --long and --list --json from
# the descriptors; --check-config on the running kernel's config, on a
# config without CONFIG_VETH (net.veth_ping must SKIP for it, nothing
# else), on a gzip-compressed one, and refused (one line, exit 2) for a
# missing, corrupt or non-config file; every JSON record carries kconfigs
# with this kernel's values and anchors; a SKIP names the missing option.
source "$(dirname "$0")/lib.sh"
T=$NSC_TMP
py=/usr/bin/python3

"$NSCHECK" --list --json >"$T/list.json" || fail "--list --json exited $?"
"$py" - "$T/list.json" <<'PY' || fail "--list --json is not what the cases declare"
import json, sys
d = json.load(open(sys.argv[1]))
cases = {c["id"]: c for c in d["cases"]}
assert len(cases) >= 28, len(cases)
h = cases["uts.hostname_private"]
assert h["namespaces"] == ["uts"] and h["file"] == "cases/uts/hostname_private.c", h
assert h["kconfigs"] == ["CONFIG_UTS_NS"], h
assert "ltp:utsname01" in h["anchors"] and h["min_kernel"] == "2.6.19", h
v = cases["net.veth_ping"]
assert v["kconfigs"] == ["CONFIG_NET_NS", "CONFIG_VETH"] and v["outer_namespaces"] == ["net"], v
for c in cases.values():
    assert c["anchors"], c["id"] + " has no anchors"
    assert all(a.split(":", 1)[0] in ("ltp", "kselftest", "man", "rt", "other") for a in c["anchors"]), c
PY
long=$("$NSCHECK" --list --long)
grep -q '^  kconfig     CONFIG_NET_NS CONFIG_VETH$' <<<"$long" || fail "--list --long: no kconfig line"
grep -q '^  anchors     ltp:utsname01 ' <<<"$long" || fail "--list --long: no anchors line"
[ "$("$NSCHECK" --list | wc -l)" = "$("$py" -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["cases"]))' "$T/list.json")" ] ||
	fail "--list and --list --json disagree"

# The running kernel's config (when it has one).
if [ -r /proc/config.gz ] || [ -r "/boot/config-$(uname -r)" ]; then
	"$NSCHECK" --check-config >"$T/cc" || fail "--check-config exited $?"
	grep -q '^kernel config: ' "$T/cc" || fail "--check-config names no config"
	grep -Eq '^[0-9]+ cases: [0-9]+ can run, [0-9]+ would SKIP' "$T/cc" || fail "no summary"
fi
# A config without veth: net.veth_ping and the other cases that need veth
# would SKIP naming CONFIG_VETH=n, those newer than the config's 6.1 name
# the kernel they need, and nothing else would SKIP.
{
	echo "# Linux/x86 6.1.0 Kernel Configuration"
	for o in NAMESPACES UTS_NS IPC_NS PID_NS NET_NS USER_NS CGROUPS TIME_NS SYSVIPC \
		POSIX_MQUEUE TMPFS PROC_FS UNIX INET SYSCTL CHECKPOINT_RESTORE UNIX98_PTYS FANOTIFY SYSFS FHANDLE \
		IPV6 PACKET NF_TABLES NF_TABLES_INET KEYS TMPFS_XATTR TMPFS_POSIX_ACL BINFMT_MISC; do
		echo "CONFIG_$o=y"
	done
	echo "# CONFIG_VETH is not set"
} >"$T/noveth"
"$NSCHECK" --check-config "$T/noveth" >"$T/cc1" || fail "--check-config FILE exited $?"
grep -Eq '^SKIP +net\.veth_ping +CONFIG_VETH=n$' "$T/cc1" || fail "veth_ping not SKIP for CONFIG_VETH=n: $(cat "$T/cc1")"
grep -Eq '^SKIP +net\.veth_ping6 +CONFIG_VETH=n$' "$T/cc1" || fail "veth_ping6 not SKIP for CONFIG_VETH=n: $(cat "$T/cc1")"
# Besides the veth cases only cases newer than the config's 6.1 may SKIP.
other=$(grep '^SKIP' "$T/cc1" | grep -Ev ' CONFIG_VETH=n$| Linux >= [0-9]+\.[0-9]+$') &&
	fail "more than the veth cases would SKIP: $other"
# Missing options and an old kernel; gzip-compressed, with =FILE.
grep -v -e CONFIG_TIME_NS -e 'Linux/' "$T/noveth" | sed 's/^CONFIG_VETH.*//' >"$T/old"
sed -i '1i # Linux/x86 5.4.0 Kernel Configuration' "$T/old"
gzip -c "$T/old" >"$T/old.gz"
"$NSCHECK" --check-config="$T/old.gz" >"$T/cc2" || fail "--check-config=FILE.gz exited $?"
grep -Eq "^SKIP +time\.monotonic_offset +CONFIG_TIME_NS not in this kernel's config, Linux >= 5\.6$" "$T/cc2" ||
	fail "time case not SKIP for a missing option and an old kernel: $(grep time "$T/cc2")"
grep -q '^ok    uts.hostname_private' "$T/cc2" || fail "uts case should run on the old config"

# Bad files: one line on stderr, exit 2, nothing on stdout.
printf 'no options here\n' >"$T/notconfig"
head -c 40 "$T/old.gz" >"$T/cut.gz"
for f in "$T/nonexistent" "$T/notconfig" "$T/cut.gz"; do
	expect_status 2 "$NSCHECK" --check-config "$f" >"$T/out" 2>"$T/err"
	[ "$(wc -l <"$T/err")" = 1 ] || fail "--check-config $f: not one line: $(cat "$T/err")"
	grep -qF "$f" "$T/err" || fail "--check-config $f: the message does not name the file"
	[ ! -s "$T/out" ] || fail "--check-config $f wrote to stdout"
done
expect_status 2 "$NSCHECK" --check-config --all 2>/dev/null
expect_status 2 "$NSCHECK" --long 2>/dev/null
expect_status 2 "$NSCHECK" --check-config --target 1 2>/dev/null
expect_status 2 "$NSCHECK" --list --long --json 2>/dev/null

# Every record carries the metadata, with this kernel's values.
expect_status 0 "$NSCHECK" --json "$T/r.json" uts.hostname_private net.veth_ping >/dev/null
"$py" - "$T/r.json" <<'PY' || fail "records lack kconfigs or anchors"
import json, sys
d = json.load(open(sys.argv[1]))
recs = {c["id"]: c for c in d["cases"]}
v = recs["net.veth_ping"]
assert list(v["kconfigs"]) == ["CONFIG_NET_NS", "CONFIG_VETH"], v["kconfigs"]
assert "man:network_namespaces(7)" in v["anchors"] and v["min_kernel"] == "2.6.29"
env = d["environment"]["kconfig"]
if env["source"]:
    assert v["kconfigs"]["CONFIG_VETH"] == env["values"].get("CONFIG_VETH"), (v, env)
assert recs["env.host_residue"]["kconfigs"] == {} and recs["env.host_residue"]["anchors"] == []
PY
echo "ok: --list --long/--json, --check-config (host, no veth, old gz, 3 bad files), metadata in records"
