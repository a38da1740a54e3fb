#!/bin/bash
# Runs in the nfit_test guest (run-tier B --script): ndtool list against ndctl list with
# the same flags on the same kernel state. Reports the median wall time over interleaved
# rounds and the number of system calls of one run each, as ratios ndtool / ndctl.
# Never fails on absolute numbers.
set -u
ARGS=${BENCH_LIST_ARGS:--BDRNHu -vvv}
ROUNDS=${BENCH_ROUNDS:-15}
. "$SRCDIR/test/bats/helpers.bash" 2>/dev/null || true
wait_scrub_idle >/dev/null 2>&1

# shellcheck disable=SC2086
run_once() { "$@" list $ARGS >/dev/null 2>&1; }

# warm caches for both
run_once "$NDTOOL"
run_once ndctl
declare -a t_mine t_ref
for ((i = 0; i < ROUNDS; i++)); do
	# alternate which tool goes first
	for who in $([ $((i % 2)) = 0 ] && echo "mine ref" || echo "ref mine"); do
		if [ "$who" = mine ]; then cmd=$NDTOOL; else cmd=ndctl; fi
		t0=$EPOCHREALTIME
		run_once "$cmd"
		t1=$EPOCHREALTIME
		us=$(((${t1/./} - ${t0/./})))
		if [ "$who" = mine ]; then t_mine+=("$us"); else t_ref+=("$us"); fi
	done
done
median() { printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
m_mine=$(median "${t_mine[@]}")
m_ref=$(median "${t_ref[@]}")
min_mine=$(printf '%s\n' "${t_mine[@]}" | sort -n | head -n 1)
min_ref=$(printf '%s\n' "${t_ref[@]}" | sort -n | head -n 1)

# one strace'd run each: count system calls (every line but signals, exits, resumptions)
count_syscalls() {
	# shellcheck disable=SC2086
	strace -f -o /tmp/strace.out "$@" list $ARGS >/dev/null 2>&1
	grep -vcE 'resumed>|^[0-9]+ +(\+\+\+|---)' /tmp/strace.out
}
s_mine=$(count_syscalls "$NDTOOL")
s_ref=$(count_syscalls ndctl)

# process start-up alone (--version), for scale: it is most of a small listing under TCG
declare -a v_mine v_ref
for ((i = 0; i < 5; i++)); do
	t0=$EPOCHREALTIME; "$NDTOOL" --version >/dev/null; t1=$EPOCHREALTIME
	v_mine+=($((${t1/./} - ${t0/./})))
	t0=$EPOCHREALTIME; ndctl --version >/dev/null; t1=$EPOCHREALTIME
	v_ref+=($((${t1/./} - ${t0/./})))
done

objs=$(ndctl list -BDRNi | jq '[.. | objects | select(has("dev"))] | length')
echo "ndtool list $ARGS vs ndctl $(ndctl --version) list $ARGS"
echo "  state: nfit_test, $objs objects listed; $ROUNDS interleaved rounds"
awk -v a="$m_mine" -v b="$m_ref" -v c="$min_mine" -v d="$min_ref" 'BEGIN {
	printf "  wall time, median:  ndtool %8.2f ms   ndctl %8.2f ms   ratio %.2f\n", a / 1000, b / 1000, a / b
	printf "  wall time, minimum: ndtool %8.2f ms   ndctl %8.2f ms   ratio %.2f\n", c / 1000, d / 1000, c / d
}'
awk -v a="$(median "${v_mine[@]}")" -v b="$(median "${v_ref[@]}")" 'BEGIN {
	printf "  start-up (--version): ndtool %6.2f ms   ndctl %8.2f ms\n", a / 1000, b / 1000
}'
awk -v a="$s_mine" -v b="$s_ref" 'BEGIN {
	printf "  system calls:       ndtool %8d      ndctl %8d      ratio %.2f\n", a, b, a / b
}'
echo "BENCH list wall_ratio=$(awk -v a="$m_mine" -v b="$m_ref" 'BEGIN{printf "%.3f", a/b}') syscall_ratio=$(awk -v a="$s_mine" -v b="$s_ref" 'BEGIN{printf "%.3f", a/b}')"
