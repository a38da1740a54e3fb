#!/bin/bash
# The demo's second part, inside a guest with the kernel's nfit_test DIMMs (SMART health
# that can be injected; see contrib/demo): the health monitor sees an injected change as
# an event. The transcript is appended to $VMOUT/demo.txt.
. "$(dirname "$(realpath "$0")")/demo-lib.sh"

# the event lines, shortened to what changed: trigger, DIMM, events reported, and more
events() {
	echo
	echo "\$ jq -c '{trigger, dimm: .dimm.dev, events: [.event | to_entries[] |" \
		"select(.value) | .key]} + ...' /tmp/events.jsonl"
	jq -c '{trigger, dimm: .dimm.dev, events: [.event | to_entries[] | select(.value) | .key]}
		+ (if .cleared then {cleared} else {} end)
		+ (if .previous then {previous} else {} end)' /tmp/events.jsonl
}

demo() {
	echo
	echo "=== the health monitor, on the kernel's nfit_test DIMMs (SMART health emulated)"
	note "ndtool monitor is the ndtool-monitor service in the foreground; its events go to" \
		"stdout, one JSON object per line (here into a file)"
	echo "\$ ndtool monitor -d nmem0 --state-dir /tmp/state >/tmp/events.jsonl &"
	# the binary itself, not the stdbuf wrapper: the signals below are for it
	"$BUILDDIR/ndtool/.libs/ndtool" monitor -d nmem0 --state-dir /tmp/state \
		>/tmp/events.jsonl 2>/tmp/monitor.err &
	mpid=$!
	for i in $(seq 100); do grep -q watching /tmp/monitor.err && break; sleep 0.1; done
	cat /tmp/monitor.err
	note "a first start reports what holds (nfit_test's DIMMs say 'non-critical'):"
	events
	note "the media gets hot: the DIMM's firmware notifies, one event arrives"
	show ndtool inject-smart -m 62 nmem0
	sleep 1
	events
	note "an unsafe shutdown: the dirty-shutdown count grew, with the previous count"
	ndtool inject-smart -U nmem0 >/dev/null
	sleep 1
	events
	note "SIGUSR1 checks now: nothing changed, nothing is reported again"
	kill -USR1 "$mpid"
	sleep 1
	events
	note "the full event of the first injection, as a script sees it:"
	sed -n 2p /tmp/events.jsonl | jq .
	kill -TERM "$mpid"
	wait "$mpid"
	echo "ndtool monitor exited $?"
	ndtool inject-smart -N nmem0 >/dev/null
	echo
	echo "=== end of demo"
}

demo 2>&1 | tee -a "$VMOUT/demo.txt"
exit "${PIPESTATUS[0]}"
