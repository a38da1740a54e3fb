#!/bin/bash
# Runs in the QEMU NVDIMM guest (run-tier A --script): create + destroy cycles of an
# fsdax namespace, ndtool against ndctl on the same region, interleaved. Reports the
# median cycle time and the system calls of one cycle each, as ratios ndtool / ndctl.
set -u
ROUNDS=${BENCH_ROUNDS:-9}
ARGS="-r region0 -m ${BENCH_NS_MODE:-fsdax} -s 64M"
ndctl disable-region all >/dev/null && ndctl init-labels -f all >/dev/null 2>&1 &&
	ndctl enable-region all >/dev/null || { echo "label setup failed"; exit 1; }

# one cycle: create, then destroy what was created (its name from the printed JSON)
cycle() {
	local tool=$1 dev
	# shellcheck disable=SC2086
	dev=$("$tool" create-namespace $ARGS 2>/dev/null | jq -r .dev) || return 1
	"$tool" destroy-namespace -f "$dev" >/dev/null 2>&1
}

cycle "$NDTOOL" && cycle ndctl || { echo "a warm-up cycle failed"; exit 1; }
declare -a t_mine t_ref
for ((i = 0; i < ROUNDS; i++)); do
	for who in $([ $((i % 2)) = 0 ] && echo "mine ref" || echo "ref mine"); do
		if [ "$who" = mine ]; then tool=$NDTOOL; else tool=ndctl; fi
		t0=$EPOCHREALTIME
		cycle "$tool" || { echo "cycle with $tool failed"; exit 1; }
		t1=$EPOCHREALTIME
		us=$((${t1/./} - ${t0/./}))
		if [ "$who" = mine ]; then t_mine+=("$us"); else t_ref+=("$us"); fi
	done
done
median() { printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
m_mine=$(median "${t_mine[@]}")
m_ref=$(median "${t_ref[@]}")

count() {
	local tool=$1 dev n1 n2
	# shellcheck disable=SC2086
	strace -f -o /tmp/c.trace "$tool" create-namespace $ARGS >/tmp/c.json 2>/dev/null
	dev=$(jq -r .dev /tmp/c.json)
	n1=$(grep -vcE 'resumed>|^[0-9]+ +(\+\+\+|---)' /tmp/c.trace)
	strace -f -o /tmp/d.trace "$tool" destroy-namespace -f "$dev" >/dev/null 2>&1
	n2=$(grep -vcE 'resumed>|^[0-9]+ +(\+\+\+|---)' /tmp/d.trace)
	echo $((n1 + n2))
}
s_mine=$(count "$NDTOOL")
s_ref=$(count ndctl)
echo "create-namespace $ARGS + destroy-namespace -f, ndtool vs ndctl $(ndctl --version)"
echo "  $ROUNDS interleaved cycles on QEMU NVDIMMs"
awk -v a="$m_mine" -v b="$m_ref" 'BEGIN {
	printf "  cycle time, median: ndtool %8.1f ms   ndctl %8.1f ms   ratio %.2f\n", a / 1000, b / 1000, a / b
}'
awk -v a="$s_mine" -v b="$s_ref" 'BEGIN {
	printf "  system calls:       ndtool %8d      ndctl %8d      ratio %.2f\n", a, b, a / b
}'
echo "BENCH namespace cycle_ratio=$(awk -v a="$m_mine" -v b="$m_ref" 'BEGIN{printf "%.3f", a/b}') syscall_ratio=$(awk -v a="$s_mine" -v b="$s_ref" 'BEGIN{printf "%.3f", a/b}')"
