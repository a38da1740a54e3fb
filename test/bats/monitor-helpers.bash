# Loaded by the monitor's bats files: start ndtool-monitor in the background, wait for
# its events, stop it. Events are read from a log file (-l FILE: nothing but events).

MONITOR=$BUILDDIR/daemon/.libs/ndtool-monitor
SCHEMA_CHECK=$SRCDIR/test/helpers/json-schema
EVENT_SCHEMA=$SRCDIR/contrib/ndtool-monitor-event.schema.json
STATE_SCHEMA=$SRCDIR/contrib/ndtool-monitor-state.schema.json
REGION_STATE_SCHEMA=$SRCDIR/contrib/ndtool-monitor-region-state.schema.json

# start_monitor ARGS...: run the monitor with its events in $EVENTS, diagnostics in $MONERR
# and its state in $BATS_TEST_TMPDIR/state (unless ARGS name a --state-dir); returns once
# it watches its DIMMs ("watching N DIMMs" or "no DIMMs"), its start checks done. Sets MPID
# and BASE, the number of events by then (a first start reports nfit_test's DIMMs'
# "non-critical" health): wait_events counts from there.
start_monitor() {
	EVENTS=${EVENTS:-$BATS_TEST_TMPDIR/events.log}
	MONERR=${MONERR:-$BATS_TEST_TMPDIR/monitor.err}
	: >"$MONERR"
	local state=(--state-dir "$BATS_TEST_TMPDIR/state")
	[[ " $* " == *" --state-dir "* ]] && state=()
	# 3>&-: a process left behind must not hold bats' output open
	"$MONITOR" -l "$EVENTS" "${state[@]}" "$@" 2>>"$MONERR" 3>&- &
	MPID=$!
	local i
	for i in $(seq 100); do
		if grep -qE 'watching [0-9]+ DIMM|no DIMMs to monitor' "$MONERR"; then
			BASE=$(nr_events)
			return 0
		fi
		kill -0 "$MPID" 2>/dev/null || { cat "$MONERR"; return 1; }
		sleep 0.1
	done
	echo "the monitor did not start in 10 s"; cat "$MONERR"
	return 1
}

# stop_monitor: SIGTERM; the monitor must exit 0.
stop_monitor() {
	[ -n "${MPID:-}" ] || return 0
	kill -TERM "$MPID"
	local rc=0
	wait "$MPID" || rc=$?
	MPID=
	[ "$rc" -eq 0 ] || { echo "the monitor exited $rc"; cat "$MONERR"; return 1; }
}

teardown() {
	local p
	for p in ${MPID:-} ${BGPIDS:-}; do
		kill -KILL "$p" 2>/dev/null
		wait "$p" 2>/dev/null
	done
	MPID= BGPIDS=
	ndtool inject-smart -N nmem0 >/dev/null 2>&1
	# media errors a failed test left: MEDIA_CLEANUP="BLOCK:COUNT ..." of namespace MEDIA_NS
	if [ -n "${MEDIA_NS:-}" ]; then
		for p in ${MEDIA_CLEANUP:-}; do
			ndtool inject-error -d -B "${p%:*}" -n "${p#*:}" "$MEDIA_NS" >/dev/null 2>&1
		done
		ndtool clear-errors "$MEDIA_NS" >/dev/null 2>&1
		MEDIA_NS=
	fi
	true
}

nr_events() { if [ -f "$EVENTS" ]; then grep -c . "$EVENTS" || true; else echo 0; fi; }
# new_events: the number of events since the start's
new_events() { echo $(($(nr_events) - ${BASE:-0})); }

# wait_events N [SECONDS]: until $EVENTS holds N events after the start's (default within
# 2 s); then half a second more, so that an extra event would be seen too.
wait_events() {
	local want=$(($1 + ${BASE:-0})) limit=${2:-2} i
	for i in $(seq $((limit * 20))); do
		[ "$(nr_events)" -ge "$want" ] && break
		sleep 0.05
	done
	sleep 0.5
	[ "$(nr_events)" -eq "$want" ] || {
		echo "expected $want events ($BASE at start) within $limit s, got $(nr_events):"
		cat "$EVENTS"
		cat "$MONERR"
		return 1
	}
}

# last_event: the newest event
last_event() { tail -n 1 "$EVENTS"; }

# fired EVENT-JSON: the names of the events reported true, sorted, space-separated
fired() { jq -r '[.event | to_entries[] | select(.value) | .key] | sort | join(" ")' <<<"$1"; }

# events_valid [FILE]: the number of events in FILE (default $EVENTS); the file is kept
# for the schema check of the whole run (one Python start-up instead of one per test)
events_valid() {
	local f=${1:-$EVENTS} keep
	keep=$BATS_FILE_TMPDIR/events.$BATS_TEST_NUMBER.$RANDOM.log
	cp "$f" "$keep"
	grep -c . "$f"
}

# states_kept DIR: the state files of DIR (DIMMs) and DIR/regions are kept for the schema
# check of the run
states_kept() {
	local f
	for f in "$1"/*.json; do
		[ -e "$f" ] || continue
		cp "$f" "$BATS_FILE_TMPDIR/state.$BATS_TEST_NUMBER.$(basename "$f")"
	done
	for f in "$1"/regions/*.json; do
		[ -e "$f" ] || continue
		cp "$f" "$BATS_FILE_TMPDIR/region-state.$BATS_TEST_NUMBER.$(basename "$f")"
	done
}

# ns_badblock NS OFFSET: the range at OFFSET of the namespace as ndtool list -M shows it
ns_badblock() {
	"$NDTOOL" list -n "$1" -M | jq -Sc --argjson off "$2" \
		'(if type == "array" then .[0] else . end) | .badblocks[] | select(.offset == $off)'
}

# smart_defaults: nfit_test's SMART values and alarm thresholds on the DIMMs that have them
# (media 40 C, controller 30 C, spares 5 %), values back to the emulation's own
smart_defaults() {
	local d
	for d in nmem0 nmem1 nmem2 nmem3; do
		"$NDTOOL" inject-smart -N "$d" >/dev/null
		"$NDTOOL" inject-smart -M 40 -C 30 -S 5 "$d" >/dev/null
	done
}

# no_media_errors: no injected and no known media error on any namespace (earlier files
# leave some), so that a first start reports no media-error event
no_media_errors() {
	local ns b c
	for ns in $("$NDTOOL" list -N | jq -r '.[].dev'); do
		while read -r b c; do
			[ -n "$b" ] && "$NDTOOL" inject-error -d -S -B "$b" -n "$c" "$ns" >/dev/null 2>&1
		done < <("$NDTOOL" inject-error -t "$ns" 2>/dev/null |
			jq -r '.badblocks[]? | "\(.block) \(.count)"')
	done
	wait_scrub_idle
	"$NDTOOL" clear-errors all >/dev/null 2>&1
	true
}
