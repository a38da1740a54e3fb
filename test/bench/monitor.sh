#!/bin/bash
# make bench monitor (in the nfit_test guest): ndtool-monitor against ndctl monitor on the
# same DIMM, measured the same way in the same run.
#  - latency from a SMART injection to the event line in the monitor's log file (median,
#    p99; test/helpers/smart-flip times each injection until the line is there)
#  - wakeups (context switches) over 60 s idle without -p
#  - RSS at start, after 1,000 and after all events (default 10,000)
#  - ndtool-monitor under valgrind memcheck over 1,000 events: bytes lost
# Environment: EVENTS (10000), LATENCY_RUNS (200), IDLE (60 s), VALGRIND_EVENTS (1000).
set -u
EVENTS=${EVENTS:-10000}
LATENCY_RUNS=${LATENCY_RUNS:-200}
IDLE=${IDLE:-60}
VALGRIND_EVENTS=${VALGRIND_EVENTS:-1000}
MON=$BUILDDIR/daemon/.libs/ndtool-monitor
FLIP=$BUILDDIR/test/helpers/smart-flip
[ -x "$BUILDDIR/test/helpers/.libs/smart-flip" ] && FLIP=$BUILDDIR/test/helpers/.libs/smart-flip
DIMM=nmem0
W=/tmp/monitor-bench
rm -rf "$W"
mkdir -p "$W"

# percentile P of the numbers on stdin (nearest rank)
pct() { sort -n | awk -v p="$1" '{ a[NR] = $1 } END { i = int((p / 100) * NR + 0.999); if (i < 1) i = 1; print a[i] }'; }
rss_kib() { awk '/^VmRSS:/ { print $2 }' /proc/"$1"/status; }
ctxsw() { awk '/ctxt_switches:/ { s += $2 } END { print s }' /proc/"$1"/status; }

# start NAME: the monitor of NAME on $DIMM, its events in $W/NAME.log; sets PID
start() {
	local name=$1 i
	: >"$W/$name.log"
	case $name in
	ndtool) "$MON" -d "$DIMM" -l "$W/$name.log" --state-dir "$W/state" 2>"$W/$name.err" & ;;
	ndctl) ndctl monitor -d "$DIMM" -l "$W/$name.log" 2>"$W/$name.err" & ;;
	esac
	PID=$!
	for i in $(seq 100); do
		case $name in
		ndtool) grep -q watching "$W/$name.err" && break ;;
		ndctl) ls -l /proc/"$PID"/fd 2>/dev/null | grep -q '/flags$' && break ;;
		esac
		sleep 0.1
	done
	sleep 1
}

# flips NAME N: N injections; their latencies appended to $W/NAME.lat
flips() {
	"$FLIP" "$DIMM" "$2" "$W/$1.log" >>"$W/$1.lat"
}

bench() {
	local name=$1 r0 r1 r2 c0 c1 lost
	ndctl inject-smart -N "$DIMM" >/dev/null 2>&1
	start "$name"
	r0=$(rss_kib "$PID")
	flips "$name" "$LATENCY_RUNS"
	c0=$(ctxsw "$PID")
	sleep "$IDLE"
	c1=$(ctxsw "$PID")
	flips "$name" $((1000 - LATENCY_RUNS))
	r1=$(rss_kib "$PID")
	flips "$name" $((EVENTS - 1000))
	r2=$(rss_kib "$PID")
	kill -TERM "$PID"
	wait "$PID" 2>/dev/null
	lost=$(grep -c lost "$W/$name.lat")
	head -n "$LATENCY_RUNS" "$W/$name.lat" | grep -v lost >"$W/$name.first"
	printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$name" \
		"$(pct 50 <"$W/$name.first")" "$(pct 99 <"$W/$name.first")" \
		$((c1 - c0)) "$r0" "$r1" "$r2" "$lost" >>"$W/table"
}

echo "monitor benchmark: $DIMM, $LATENCY_RUNS latency runs, $IDLE s idle, $EVENTS events"
bench ndtool
bench ndctl
echo
printf '%-8s %12s %12s %10s %10s %10s %10s %6s\n' monitor "p50 us" "p99 us" "wakeups" \
	"RSS0 KiB" "RSS1k KiB" "RSS KiB" lost
while IFS=$'\t' read -r n p50 p99 w r0 r1 r2 lost; do
	printf '%-8s %12s %12s %10s %10s %10s %10s %6s\n' "$n" "$p50" "$p99" "$w" "$r0" "$r1" "$r2" "$lost"
done <"$W/table"
mine=$(awk -F'\t' '$1 == "ndtool" { print $2 }' "$W/table")
theirs=$(awk -F'\t' '$1 == "ndctl" { print $2 }' "$W/table")
echo "latency ratio (median, ndctl / ndtool: > 1 = ndtool faster): $(awk -v a="$theirs" -v b="$mine" 'BEGIN { printf "%.2f", a / b }')"
awk -F'\t' '{ printf "RSS growth %s: %+d KiB over %d events (%.1f bytes/event)\n", $1, $7 - $5, '"$EVENTS"', ($7 - $5) * 1024 / '"$EVENTS"' }' "$W/table"

# memcheck over VALGRIND_EVENTS events
if command -v valgrind >/dev/null; then
	ndctl inject-smart -N "$DIMM" >/dev/null 2>&1
	: >"$W/vg.log"
	valgrind --leak-check=full --show-leak-kinds=all --errors-for-leak-kinds=all \
		--error-exitcode=99 "$MON" -d "$DIMM" -l "$W/vg.log" --state-dir "$W/vgstate" \
		2>"$W/vg.err" &
	VPID=$!
	for i in $(seq 600); do grep -q watching "$W/vg.err" && break; sleep 0.1; done
	"$FLIP" "$DIMM" "$VALGRIND_EVENTS" "$W/vg.log" >"$W/vg.lat"
	kill -TERM "$VPID"
	wait "$VPID"
	vrc=$?
	echo "valgrind over $(grep -c . "$W/vg.log") events: exit $vrc;" \
		"$(grep -E 'definitely lost|indirectly lost|possibly lost|still reachable|ERROR SUMMARY|All heap blocks' "$W/vg.err" | sed 's/==[0-9]*== *//' | tr '\n' ';')"
fi
ndctl inject-smart -N "$DIMM" >/dev/null 2>&1
exit 0
