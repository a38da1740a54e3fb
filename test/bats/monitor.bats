#!/usr/bin/env bats
# topology: B
# ndtool-monitor on nfit_test: health changes injected with ndtool inject-smart arrive as
# exactly one schema-valid event each, within 2 s; polls do not repeat a condition that
# holds; clearing is reported once; saved state survives a restart; DIMMs that go away
# and come back; filters, configuration, reload, log rotation, the exec hook, --test;
# media errors injected with ndtool inject-error as one media-error event per new range.

load helpers
load monitor-helpers

setup_file() {
	# nfit_test's own SMART values and thresholds, whatever earlier files injected
	smart_defaults
	no_media_errors
	wait_scrub_idle
}

@test "monitor: each health change gives exactly one schema-valid event within 2 s" {
	ndtool inject-smart -N nmem0
	start_monitor -d nmem0
	# first run, no saved state: nfit_test's DIMMs report "non-critical" health
	[ "$BASE" -eq 1 ]
	ev=$(last_event)
	[ "$(jq -r .trigger <<<"$ev")" = start ]
	[ "$(fired "$ev")" = dimm-health-state ]
	[ "$(jq -r .dimm.health.health_state <<<"$ev")" = non-critical ]

	ndtool inject-smart -m 60 nmem0 >/dev/null
	wait_events 1
	ev=$(last_event)
	[ "$(jq -r .trigger <<<"$ev")" = notification ]
	[ "$(jq -r .dimm.dev <<<"$ev")" = nmem0 ]
	[ "$(fired "$ev")" = dimm-media-temperature ]
	[ "$(jq -r .dimm.health.temperature_celsius <<<"$ev")" = 60 ]

	# the controller alarm was enabled at start: crossing its threshold notifies
	ndtool inject-smart -C 20 nmem0 >/dev/null
	wait_events 2
	[ "$(fired "$(last_event)")" = "dimm-controller-temperature dimm-media-temperature" ]

	ndtool inject-smart -s 3 nmem0 >/dev/null
	wait_events 3
	[ "$(fired "$(last_event)")" = \
		"dimm-controller-temperature dimm-media-temperature dimm-spares-remaining" ]

	ndtool inject-smart -f nmem0 >/dev/null
	wait_events 4
	ev=$(last_event)
	[[ "$(fired "$ev")" == *dimm-health-state* ]]
	[ "$(jq -r .dimm.health.health_state <<<"$ev")" = fatal ]
	[ "$(jq -r .previous.health_state <<<"$ev")" = non-critical ]

	ndtool inject-smart -U nmem0 >/dev/null
	wait_events 5
	ev=$(last_event)
	[[ "$(fired "$ev")" == *dimm-unclean-shutdown* ]]
	[[ "$(fired "$ev")" == *dimm-shutdown-count* ]]
	[ "$(jq -r .previous.shutdown_count <<<"$ev")" -eq \
		$(($(jq -r .dimm.health.shutdown_count <<<"$ev") - 1)) ]

	[ "$(events_valid)" -eq 6 ]
	stop_monitor
	states_kept "$BATS_TEST_TMPDIR/state"
	ndtool inject-smart -C 30 nmem0 >/dev/null
}

@test "monitor: polls do not repeat a condition that holds; it clears with one event" {
	ndtool inject-smart -N nmem1
	# the condition holds before the start (a notification racing a poll would rightly
	# give two events: the poll's change and the notification's)
	ndtool inject-smart -m 60 nmem1 >/dev/null
	start_monitor -d nmem1 -p 1
	# the start reported it once
	[ "$(jq -s '[.[] | select(.event["dimm-media-temperature"])] | length' "$EVENTS")" -eq 1 ]
	sleep 2.5	# two polls while the temperature stays high: nothing new
	[ "$(new_events)" -eq 0 ]
	ndtool inject-smart --media-temperature-uninject nmem1 >/dev/null
	wait_events 1 3	# the next poll sees it clear
	ev=$(last_event)
	[ "$(jq -r .trigger <<<"$ev")" = poll ]
	[ "$(jq -c .cleared <<<"$ev")" = '["dimm-media-temperature"]' ]
	[ "$(fired "$ev")" = "" ]
	sleep 2
	[ "$(new_events)" -eq 1 ]
	[ "$(events_valid)" -eq $((BASE + 1)) ]
	stop_monitor
}

@test "monitor: a restart with saved state repeats nothing and reports what changed" {
	ndtool inject-smart -N nmem2
	state=$BATS_TEST_TMPDIR/state
	start_monitor -d nmem2 --state-dir "$state"
	[ "$BASE" -eq 1 ]	# the first run's health state
	ndtool inject-smart -U nmem2 >/dev/null
	wait_events 1
	stop_monitor
	[ "$(jq -c .conditions "$state"/*.json)" = '["dimm-unclean-shutdown"]' ]

	# the same values: nothing to say
	start_monitor -d nmem2 --state-dir "$state"
	[ "$BASE" -eq 2 ]
	wait_events 0
	stop_monitor

	# spares ran low and the dirty shutdown cleared while it was down
	ndtool inject-smart -s 3 nmem2 >/dev/null
	ndtool inject-smart --unsafe-shutdown-uninject nmem2 >/dev/null
	start_monitor -d nmem2 --state-dir "$state"
	[ "$BASE" -eq 3 ]	# one start event
	wait_events 0
	ev=$(last_event)
	[ "$(jq -r .trigger <<<"$ev")" = start ]
	[ "$(fired "$ev")" = dimm-spares-remaining ]
	[ "$(jq -c .cleared <<<"$ev")" = '["dimm-unclean-shutdown"]' ]
	stop_monitor
	[ "$(events_valid)" -eq 3 ]
	states_kept "$state"
	ndtool inject-smart -N nmem2
}

@test "monitor: a DIMM that goes away gives dimm-removed, one that comes back dimm-detected" {
	# nfit_test.0's DIMMs have SMART health; a DIMM in use by a region cannot be disabled
	start_monitor -b nfit_test.0
	ndtool disable-region -b nfit_test.0 all >/dev/null
	ndtool disable-dimm nmem3 >/dev/null
	wait_events 1
	ev=$(last_event)
	[ "$(jq -c .event <<<"$ev")" = '{"dimm-removed":true}' ]
	[ "$(jq -r .dimm.dev <<<"$ev")" = nmem3 ]
	kill -0 "$MPID"
	ndtool enable-dimm nmem3 >/dev/null
	ndtool enable-region -b nfit_test.0 all >/dev/null
	# its saved state says nothing changed: dimm-detected alone
	wait_events 2 3
	ev=$(last_event)
	[ "$(jq -c .event <<<"$ev")" = '{"dimm-detected":true}' ]
	[ "$(jq -r .dimm.dev <<<"$ev")" = nmem3 ]
	# it watches the DIMM again
	ndtool inject-smart -m 61 nmem3 >/dev/null
	wait_events 3
	[ "$(fired "$(last_event)")" = dimm-media-temperature ]
	[ "$(events_valid)" -eq $((BASE + 3)) ]
	stop_monitor
	ndtool inject-smart -N nmem3
}

@test "monitor: -D and -d select what is reported" {
	ndtool inject-smart -N nmem3
	start_monitor -d nmem3 -D dimm-spares-remaining
	# first run: the health state is not selected
	[ "$BASE" -eq 0 ]
	ndtool inject-smart -m 62 nmem3 >/dev/null
	ndtool inject-smart -m 61 nmem1 >/dev/null
	sleep 1
	[ "$(nr_events)" -eq 0 ]
	ndtool inject-smart -s 2 nmem3 >/dev/null
	wait_events 1
	[ "$(jq -c .event "$EVENTS")" = '{"dimm-spares-remaining":true}' ]
	stop_monitor
	ndtool inject-smart -N nmem3
	ndtool inject-smart -N nmem1
}

@test "monitor: the configuration file, the command line over it, errors named by line" {
	conf=$BATS_TEST_TMPDIR/monitor.conf
	printf '[monitor]\n# comment\ndimm = nmem3\ndimm-event = dimm-media-temperature\n' >"$conf"
	start_monitor -c "$conf" -d nmem0
	grep -q 'watching 1 DIMM' "$MONERR"
	ndtool inject-smart -m 63 nmem3 >/dev/null
	ndtool inject-smart -m 64 nmem0 >/dev/null
	wait_events 1
	[ "$(jq -r .dimm.dev "$EVENTS")" = nmem0 ]
	[ "$(jq -c .event "$EVENTS")" = '{"dimm-media-temperature":true}' ]
	stop_monitor

	printf 'dimm = nmem3\npoll = soon\n' >"$conf"
	run --separate-stderr "$MONITOR" -c "$conf"
	[ "$status" -eq 2 ]
	[[ "$stderr" == "$conf:2: 'soon' is not a whole number"* ]]
	printf 'bogus = 1\n' >"$conf"
	run --separate-stderr "$MONITOR" -c "$conf"
	[ "$status" -eq 2 ]
	[ "$stderr" = "$conf:1: unknown key 'bogus'" ]
	run --separate-stderr "$MONITOR" -c "$BATS_TEST_TMPDIR/missing.conf"
	[ "$status" -eq 2 ]
	run --separate-stderr "$MONITOR" -D dimm-nothing
	[ "$status" -eq 2 ]
	[[ "$stderr" == *"unknown event 'dimm-nothing'"* ]]
	ndtool inject-smart -N nmem3
	ndtool inject-smart -N nmem0
}

@test "monitor: SIGHUP keeps the old configuration when the new one is bad, and reopens the log" {
	conf=$BATS_TEST_TMPDIR/monitor.conf
	printf 'dimm = nmem1\n' >"$conf"
	start_monitor -c "$conf"
	n0=$(nr_events)
	printf 'dimm = nmem1\nlog = \n' >"$conf"
	mv "$EVENTS" "$EVENTS.1"
	BASE=0
	kill -HUP "$MPID"
	sleep 0.5
	grep -q 'keeping the previous one' "$MONERR"
	kill -0 "$MPID"
	[ -f "$EVENTS" ]	# reopened under the old name
	ndtool inject-smart -m 65 nmem1 >/dev/null
	wait_events 1
	[ "$(jq -r .dimm.dev "$EVENTS")" = nmem1 ]
	[ "$(grep -c . "$EVENTS.1")" -eq "$n0" ]
	# a good one takes effect: nmem0 is new to it (its first check reports its health)
	printf 'dimm = nmem0\n' >"$conf"
	kill -HUP "$MPID"
	wait_events 2
	[ "$(jq -r .trigger <<<"$(last_event)")" = start ]
	ndtool inject-smart -m 66 nmem0 >/dev/null
	wait_events 3
	[ "$(jq -r .dimm.dev <<<"$(last_event)")" = nmem0 ]
	grep -q 'nmem1: no longer watched' "$MONERR"
	stop_monitor
	ndtool inject-smart -N nmem1
}

@test "monitor: the exec hook gets the event on stdin and the documented environment" {
	out=$BATS_TEST_TMPDIR/hook
	mkdir -p "$out"
	hook=$BATS_TEST_TMPDIR/hook.sh
	cat >"$hook" <<-EOF
	#!/bin/bash
	cat >"$out/stdin.\$\$"
	env | grep ^NDTOOL_ | sort >"$out/env.\$\$"
	EOF
	chmod +x "$hook"
	ndtool inject-smart -N nmem0
	start_monitor -d nmem0 -D dimm-media-temperature --exec "$hook"
	ndtool inject-smart -m 67 nmem0 >/dev/null
	wait_events 1
	sleep 0.5
	env=$(cat "$out"/env.*)
	echo "$env"
	[[ "$env" == *"NDTOOL_EVENT=dimm-media-temperature"* ]]
	[[ "$env" == *"NDTOOL_DIMM=nmem0"* ]]
	[[ "$env" == *"NDTOOL_DIMM_ID=$(ndtool list -d nmem0 -D | jq -r '.[0].id')"* ]]
	[[ "$env" == *"NDTOOL_HEALTH_STATE=non-critical"* ]]
	[[ "$env" == *"NDTOOL_TRIGGER=notification"* ]]
	[[ "$env" == *"NDTOOL_MONITOR_PID=$MPID"* ]]
	[ "$(cat "$out"/stdin.*)" = "$(cat "$EVENTS")" ]
	stop_monitor

	# a hook that hangs is killed after its timeout; the monitor goes on meanwhile
	printf '#!/bin/sh\nsleep 100\n' >"$hook"
	: >"$EVENTS"
	start_monitor -d nmem0 --exec "$hook" --exec-timeout 1 -D dimm-media-temperature
	ndtool inject-smart -m 68 nmem0 >/dev/null
	wait_events 1
	ndtool inject-smart -m 69 nmem0 >/dev/null
	wait_events 2
	sleep 1
	grep -q 'killed after 1 s' "$MONERR"
	stop_monitor
	ndtool inject-smart -N nmem0
}

@test "monitor --test: one test event through the log, the hook and the metrics" {
	out=$BATS_TEST_TMPDIR/hook.out
	hook=$BATS_TEST_TMPDIR/hook.sh
	printf '#!/bin/sh\ncat >"%s"\n' "$out" >"$hook"
	chmod +x "$hook"
	prom=$BATS_TEST_TMPDIR/ndtool.prom
	run --separate-stderr "$MONITOR" --test -d nmem0 -l "$BATS_TEST_TMPDIR/ev" --exec "$hook" \
		--prometheus "$prom"
	[ "$status" -eq 0 ]
	[ "$(grep -c . "$BATS_TEST_TMPDIR/ev")" -eq 1 ]
	[ "$(jq -r .trigger "$BATS_TEST_TMPDIR/ev")" = test ]
	[ "$(cat "$out")" = "$(cat "$BATS_TEST_TMPDIR/ev")" ]
	grep -q '^ndtool_dimm_info{dimm="nmem0"' "$prom"
	[ "$(events_valid "$BATS_TEST_TMPDIR/ev")" -eq 1 ]
}

# ndctl_view MINE STICKY: the event names ndctl monitor 76.1 reports for the DIMM state
# ndtool-monitor reported as MINE, by its known differences (ndtool-monitor(1), DIFFERENCES
# FROM NDCTL): it reports the firmware's trip bits, and nfit_test keeps the spares and media
# temperature bits set and never sets the controller temperature bit; once the health state
# changed (STICKY=1) it reports dimm-health-state with every later event.
ndctl_view() {
	local names
	names=$(jq -r --argjson sticky "$2" '[.event | to_entries[] | select(.value) | .key
		| select(. != "dimm-controller-temperature")]
		+ ["dimm-spares-remaining", "dimm-media-temperature"]
		+ (if $sticky == 1 then ["dimm-health-state"] else [] end)
		| unique | join(" ")' <<<"$1")
	echo "$names"
}

@test "monitor: ndctl monitor reports the same events for the same injections" {
	ndtool inject-smart -N nmem0
	five="dimm-spares-remaining dimm-media-temperature dimm-controller-temperature"
	five="$five dimm-health-state dimm-unclean-shutdown"
	theirs=$BATS_TEST_TMPDIR/ndctl.log
	ndctl monitor -d nmem0 -D "$five" -l "$theirs" 3>&- &
	npid=$!
	BGPIDS=$npid
	start_monitor -d nmem0 -D "$five"
	# ndctl monitor watches once its notification file is open
	for i in $(seq 100); do
		ls -l /proc/"$npid"/fd 2>/dev/null | grep -q '/flags$' && break
		sleep 0.1
	done
	n=0 sticky=0
	# each injection, the event it must fire
	for step in "-m 70:dimm-media-temperature" "-C 20:dimm-controller-temperature" \
		"-s 3:dimm-spares-remaining" "-f:dimm-health-state" "-U:dimm-unclean-shutdown" \
		"-m 30:"; do
		t0=$(grep -c '"dimm"' "$theirs" 2>/dev/null || true)
		ndtool inject-smart ${step%%:*} nmem0 >/dev/null
		n=$((n + 1))
		wait_events $n
		for i in $(seq 40); do
			[ "$(grep -c '"dimm"' "$theirs")" -gt "${t0:-0}" ] && break
			sleep 0.05
		done
		sleep 0.3
		mine=$(last_event)
		theirs_ev=$(grep '"dimm"' "$theirs" | tail -n 1)
		echo "inject ${step%%:*}"
		echo "  ndtool: $(fired "$mine")"
		echo "  ndctl:  $(fired "$theirs_ev")"
		# one event each, for the same DIMM, with the same keys
		[ "$(grep -c '"dimm"' "$theirs")" -eq $((${t0:-0} + 1)) ]
		[ "$(jq -r .dimm.dev <<<"$theirs_ev")" = nmem0 ]
		[ "$(jq -c '.event | keys' <<<"$mine")" = "$(jq -c '.event | keys' <<<"$theirs_ev")" ]
		want=${step#*:}
		[ -z "$want" ] || [[ " $(fired "$mine") " == *" $want "* ]]
		[ "$want" = dimm-health-state ] && sticky=1
		# ndctl's event names, its known differences aside
		[ "$(ndctl_view "$mine" $sticky)" = "$(fired "$theirs_ev")" ]
		# and the same DIMM health in both
		[ "$(jq -Sc .dimm.health <<<"$mine")" = "$(jq -Sc .dimm.health <<<"$theirs_ev")" ]
	done
	kill "$npid"
	wait "$npid" || true
	stop_monitor
	ndtool inject-smart -N nmem0
	ndtool inject-smart -C 30 nmem0 >/dev/null
}

@test "monitor: each new media error range gives one media-error event; a cleared one none" {
	ns=namespace1.0
	MEDIA_NS=$ns MEDIA_CLEANUP="12:2 100:1"
	state=$BATS_TEST_TMPDIR/state
	prom=$BATS_TEST_TMPDIR/m.prom
	out=$BATS_TEST_TMPDIR/hook
	mkdir -p "$out"
	hook=$BATS_TEST_TMPDIR/hook.sh
	printf '#!/bin/sh\nenv | grep ^NDTOOL_ | sort >"%s/env.$$"\n' "$out" >"$hook"
	chmod +x "$hook"
	wait_scrub_idle
	start_monitor -n $ns -D media-error --state-dir "$state" --exec "$hook" --prometheus "$prom"
	[ "$BASE" -eq 0 ]
	grep -q 'watching the media errors of 1 region' "$MONERR"

	# two sectors at once: injected unannounced, then one scrub finds both (notified per
	# block, a scrub may start between the two and find the first alone: it grows later)
	ndtool inject-error -N -B 12 -n 2 $ns >/dev/null
	t0=$EPOCHREALTIME
	ndtool start-scrub nfit_test.0 >/dev/null
	wait_events 1 5
	ev=$(last_event)
	awk -v e="$(jq -r .timestamp <<<"$ev")" -v a="$t0" 'BEGIN { printf "# media-error " \
		"%.2f s after start-scrub started\n", e - a }' >&3
	summary='[.event, .region, .namespace, .trigger, (.badblock.dimms | length)]'
	[ "$(jq -c "$summary" <<<"$ev")" = \
		'[{"media-error":true},"region1","namespace1.0","notification",1]' ]
	[ "$(jq -Sc .badblock <<<"$ev")" = "$(ns_badblock $ns 12)" ]
	sleep 0.3	# the hook
	env=$(cat "$out"/env.*)
	[[ "$env" == *"NDTOOL_EVENT=media-error"* ]]
	[[ "$env" == *"NDTOOL_REGION=region1"* ]]
	[[ "$env" == *"NDTOOL_NAMESPACE=$ns"* ]]
	[[ "$env" == *"NDTOOL_TRIGGER=notification"* ]]
	grep -q '^ndtool_region_badblocks{region="region1",bus="ndbus0"} 2$' "$prom"
	grep -q '^ndtool_monitor_events_total{event="media-error"} 1$' "$prom"

	# elsewhere: one more event, for the new range only; the platform notifies, the kernel
	# scrubs (inject-error waits for it) and notifies badblocks
	t0=$EPOCHREALTIME
	ndtool inject-error -B 100 -n 1 $ns >/dev/null
	t1=$EPOCHREALTIME
	wait_events 2 5
	awk -v e="$(jq -r .timestamp <<<"$(last_event)")" -v a="$t0" -v b="$t1" 'BEGIN { printf \
		"# media-error %.2f s after inject-error started, which returned after %.2f s\n",
		e - a, b - a }' >&3
	[ "$(jq -Sc .badblock <<<"$(last_event)")" = "$(ns_badblock $ns 100)" ]

	# cleared: forgotten without an event; the same sectors going bad again are news
	ndtool inject-error -d -B 12 -n 2 $ns >/dev/null 2>&1
	ndtool inject-error -d -B 100 -n 1 $ns >/dev/null 2>&1
	ndtool clear-errors $ns >/dev/null
	[ "$(cat /sys/bus/nd/devices/region1/badblocks)" = "" ]
	sleep 1
	[ "$(new_events)" -eq 2 ]
	grep -q '^ndtool_region_badblocks{region="region1",bus="ndbus0"} 0$' "$prom"
	ndtool inject-error -N -B 12 -n 2 $ns >/dev/null
	ndtool start-scrub nfit_test.0 >/dev/null
	wait_events 3 5
	[ "$(jq -c '[.namespace, .badblock.offset, .badblock.length]' <<<"$(last_event)")" = \
		'["namespace1.0",12,2]' ]
	[ "$(jq -c .badblocks "$state"/regions/*-region1-*.json)" = '[{"offset":12,"length":2}]' ]
	stop_monitor

	# a restart with the saved ranges repeats nothing
	start_monitor -n $ns -D media-error --state-dir "$state"
	[ "$BASE" -eq 3 ]
	wait_events 0
	stop_monitor
	# without saved ranges, those present are reported once, at start
	start_monitor -n $ns -D media-error --state-dir "$BATS_TEST_TMPDIR/fresh"
	[ "$BASE" -eq 4 ]
	summary='[.trigger, .namespace, .badblock.offset, .badblock.length]'
	[ "$(jq -c "$summary" <<<"$(last_event)")" = '["start","namespace1.0",12,2]' ]
	stop_monitor
	[ "$(events_valid)" -eq 4 ]
	states_kept "$state"
	ndtool inject-error -d -B 12 -n 2 $ns >/dev/null 2>&1
	ndtool clear-errors $ns >/dev/null
	MEDIA_NS=
}

@test "metrics: node_exporter's textfile collector serves them and promtool accepts them" {
	command -v prometheus-node-exporter >/dev/null || skip "prometheus-node-exporter is not installed"
	dir=$BATS_TEST_TMPDIR/textfile
	mkdir -p "$dir"
	ip link set lo up 2>/dev/null || true
	ndtool inject-smart -N nmem0
	start_monitor -d nmem0 --prometheus "$dir/ndtool.prom"
	ndtool inject-smart -m 72 nmem0 >/dev/null
	wait_events 1
	prometheus-node-exporter --web.listen-address=127.0.0.1:9110 --collector.disable-defaults \
		--collector.textfile --collector.textfile.directory="$dir" 2>"$BATS_TEST_TMPDIR/ne.err" 3>&- &
	nepid=$!
	BGPIDS=$nepid
	for i in $(seq 100); do
		curl -sf http://127.0.0.1:9110/metrics >"$BATS_TEST_TMPDIR/scrape" && break
		sleep 0.1
	done
	kill "$nepid"
	stop_monitor
	grep -q '^ndtool_dimm_media_temperature_celsius{dimm="nmem0"} 72$' "$BATS_TEST_TMPDIR/scrape"
	grep -q '^ndtool_dimm_condition{dimm="nmem0",event="dimm-media-temperature"} 1$' \
		"$BATS_TEST_TMPDIR/scrape"
	grep '^ndtool_dimm_info{' "$BATS_TEST_TMPDIR/scrape" | grep 'dimm="nmem0"' |
		grep 'family="intel"' | grep -q 'provider="nfit_test.0"'
	grep -q '^ndtool_monitor_events_total{event="dimm-media-temperature"} 1$' \
		"$BATS_TEST_TMPDIR/scrape"
	# no textfile error from the collector
	grep -q '^node_textfile_scrape_error 0$' "$BATS_TEST_TMPDIR/scrape"
	if command -v promtool >/dev/null; then
		promtool check metrics <"$dir/ndtool.prom"
	fi
	ndtool inject-smart -N nmem0
}

@test "valgrind memcheck: the monitor over 5 events, a check and a reload has no leak and no error" {
	# its DIMM's regions are watched for media errors too (none here: no event)
	command -v valgrind >/dev/null || skip "valgrind is not installed"
	ndtool inject-smart -N nmem0
	EVENTS=$BATS_TEST_TMPDIR/events.log
	MONERR=$BATS_TEST_TMPDIR/valgrind.err
	valgrind -q --error-exitcode=99 --leak-check=full --show-leak-kinds=all \
		--errors-for-leak-kinds=all "$MONITOR" -v -d nmem0 -l "$EVENTS" \
		--state-dir "$BATS_TEST_TMPDIR/state" --prometheus "$BATS_TEST_TMPDIR/m.prom" \
		-D dimm-media-temperature,media-error 2>"$MONERR" 3>&- &
	MPID=$!
	for i in $(seq 300); do
		grep -q 'watching 1 DIMM' "$MONERR" && break
		sleep 0.1
	done
	for t in $(seq 60 64); do
		ndtool inject-smart -m "$t" nmem0 >/dev/null
		wait_events $((t - 59)) 10
	done
	kill -USR1 "$MPID"
	kill -HUP "$MPID"
	sleep 1
	stop_monitor
	ndtool inject-smart -N nmem0
}

@test "every event of this file and every state file validates against its schema" {
	ls "$BATS_FILE_TMPDIR"/events.*.log "$BATS_FILE_TMPDIR"/state.*.json
	n=$(cat "$BATS_FILE_TMPDIR"/events.*.log | grep -c .)
	[ "$("$SCHEMA_CHECK" "$EVENT_SCHEMA" "$BATS_FILE_TMPDIR"/events.*.log)" -eq "$n" ]
	"$SCHEMA_CHECK" --whole "$STATE_SCHEMA" "$BATS_FILE_TMPDIR"/state.*.json
	"$SCHEMA_CHECK" --whole "$REGION_STATE_SCHEMA" "$BATS_FILE_TMPDIR"/region-state.*.json
}
