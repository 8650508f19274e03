#!/usr/bin/env bash
# -j N bounds parallelism: six test-only cases (test.timeline_a..f) each
# keep their case process busy 300 ms and note when it started and ended
# (harness/tests/cases/timeline_case.h).  At -j 1, 2 and 3 the most case
# processes alive at one moment must be exactly N: never more (the bound)
# and, for N > 1, really N (the cases do overlap).
source "$(dirname "$0")/lib.sh"

ids=$(printf 'test.timeline_%s ' a b c d e f)
for n in 1 2 3; do
	tl="$NSC_TMP/timeline.$n"
	: >"$tl"
	# shellcheck disable=SC2086 # one id per word
	NSC_TEST_TIMELINE=$tl expect_status 0 "$NSCHECK_TEST" --no-audit -j "$n" \
		--json "$NSC_TMP/r$n.json" $ids >/dev/null
	got=$(/usr/bin/python3 - "$tl" <<'PY'
import sys
iv = [l.split() for l in open(sys.argv[1])]
assert len(iv) == 6 and len({i[0] for i in iv}) == 6, f"want 6 distinct cases: {iv}"
ev = sorted([(int(s), 1) for _, s, _ in iv] + [(int(e), -1) for _, _, e in iv],
            key=lambda x: (x[0], x[1]))  # an end before a start at the same ns
cur = peak = 0
for _, d in ev:
    cur += d
    peak = max(peak, cur)
print(peak)
PY
	) || fail "-j $n: bad timeline: $(cat "$tl")"
	[ "$got" -le "$n" ] || fail "-j $n ran $got case processes at once"
	[ "$got" -eq "$n" ] || fail "-j $n never ran $n case processes at once (at most $got)"
	echo "-j $n: at most $got case processes at once"
done
# A case process asleep on the kernel (nsc_kernel_wait_begin) leaves its
# slot: at -j 1 test.timeline_a runs while test.kernel_wait_yields waits
# for its line (else that one waits 5 s in vain and FAILs).
tl="$NSC_TMP/timeline.kw"
: >"$tl"
NSC_TEST_TIMELINE=$tl expect_status 0 "$NSCHECK_TEST" --no-audit -j 1 \
	--json "$NSC_TMP/kw.json" test.kernel_wait_yields test.timeline_a >/dev/null
grep -q '^test.timeline_a ' "$tl" || fail "test.timeline_a did not run: $(cat "$tl")"
echo "ok: -j 1, 2, 3 each run exactly that many case processes at once; a kernel wait yields its slot"
