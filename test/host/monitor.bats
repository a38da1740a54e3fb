#!/usr/bin/env bats
# ndtool-monitor without NVDIMMs, on the host: the configuration is checked before
# anything runs, a host without DIMMs keeps it waiting (never a failure), --test goes
# through every output, the metrics pass promtool, the unit's sandbox scores at most 2.0
# in systemd-analyze security. What needs DIMMs is in test/bats/monitor*.bats.

bats_require_minimum_version 1.5.0

SRCDIR=$(cd "$BATS_TEST_DIRNAME/../.." && pwd)
BUILDDIR=${BUILDDIR:-$SRCDIR/build}
MONITOR=$BUILDDIR/daemon/.libs/ndtool-monitor
NDTOOL=$BUILDDIR/ndtool/.libs/ndtool
export LD_LIBRARY_PATH=$BUILDDIR/lib/.libs
SCHEMA_CHECK=$SRCDIR/test/helpers/json-schema

@test "monitor: a bad configuration or option is refused with exit 2, naming file and line" {
	conf=$BATS_TEST_TMPDIR/m.conf
	printf '[monitor]\n\ntemperature-warning = 70\ntemperature-critical = hot\n' >"$conf"
	run --separate-stderr "$MONITOR" -c "$conf"
	[ "$status" -eq 2 ]
	[ "$stderr" = "$conf:4: 'hot' is not a temperature in degrees Celsius" ]
	printf '[disks]\n' >"$conf"
	run --separate-stderr "$MONITOR" -c "$conf"
	[ "$status" -eq 2 ]
	[ "$stderr" = "$conf:1: unknown section [disks] (only [monitor])" ]
	printf 'temperature-warning = 80\ntemperature-critical = 70\n' >"$conf"
	run --separate-stderr "$MONITOR" -c "$conf"
	[ "$status" -eq 2 ]
	[[ "$stderr" == *"below temperature-warning"* ]]
	# a directory: its *.conf files in name order
	mkdir "$BATS_TEST_TMPDIR/d"
	printf 'poll = 5\n' >"$BATS_TEST_TMPDIR/d/10-a.conf"
	printf 'exec-timeout = 0\n' >"$BATS_TEST_TMPDIR/d/20-b.conf"
	printf 'bogus\n' >"$BATS_TEST_TMPDIR/d/ignored.txt"
	run --separate-stderr "$MONITOR" -c "$BATS_TEST_TMPDIR/d"
	[ "$status" -eq 2 ]
	[ "$stderr" = "$BATS_TEST_TMPDIR/d/20-b.conf:1: the timeout must be at least 1 second" ]
	run --separate-stderr "$MONITOR" -p soon
	[ "$status" -eq 2 ]
	[[ "$stderr" == *"--poll: 'soon' is not a whole number"* ]]
	run --separate-stderr "$NDTOOL" monitor nmem0
	[ "$status" -eq 2 ]
	[[ "$stderr" == *"unexpected operand 'nmem0'"* ]]
	run "$MONITOR" --list-events
	[ "$status" -eq 0 ]
	[ "${#lines[@]}" -eq 11 ]
	[ "${lines[10]}" = media-error ]
	[ "${lines[0]}" = dimm-spares-remaining ]
}

@test "monitor: with no DIMM it says so and waits; SIGTERM ends it with 0" {
	log=$BATS_TEST_TMPDIR/ev
	"$MONITOR" -l "$log" --state-dir "$BATS_TEST_TMPDIR/state" 2>"$BATS_TEST_TMPDIR/err" &
	pid=$!
	for i in $(seq 50); do
		grep -q 'no DIMMs to monitor; waiting for DIMMs to appear' "$BATS_TEST_TMPDIR/err" && break
		sleep 0.1
	done
	grep -q 'waiting for DIMMs to appear' "$BATS_TEST_TMPDIR/err"
	sleep 0.3
	kill -0 "$pid"
	kill -TERM "$pid"
	wait "$pid"
	# no event: the log file holds nothing
	[ ! -s "$log" ]
	# ndtool monitor is the same daemon
	timeout --preserve-status -s INT 1 "$NDTOOL" monitor -l "$log" 2>"$BATS_TEST_TMPDIR/err" || rc=$?
	[ "${rc:-0}" -eq 0 ]
	grep -q 'waiting for DIMMs' "$BATS_TEST_TMPDIR/err"
}

@test "monitor --test: one schema-valid event on stdout, the hook and metrics promtool accepts" {
	out=$BATS_TEST_TMPDIR/hook.out
	printf '#!/bin/sh\n{ cat; env | grep ^NDTOOL_ | sort; } >"%s"\n' "$out" >"$BATS_TEST_TMPDIR/hook"
	chmod +x "$BATS_TEST_TMPDIR/hook"
	prom=$BATS_TEST_TMPDIR/ndtool.prom
	run --separate-stderr "$MONITOR" --test --exec "$BATS_TEST_TMPDIR/hook" --prometheus "$prom"
	[ "$status" -eq 0 ]
	[ "${#lines[@]}" -eq 1 ]
	[ "$(jq -r .trigger <<<"$output")" = test ]
	[ "$("$SCHEMA_CHECK" "$SRCDIR/contrib/ndtool-monitor-event.schema.json" <<<"$output")" = 1 ]
	grep -qx "$output" "$out"
	grep -qx 'NDTOOL_TRIGGER=test' "$out"
	[ ! -e "$prom.tmp" ]
	grep -q '^ndtool_monitor_events_total{event="dimm-removed"} 0$' "$prom"
	if command -v promtool >/dev/null; then
		promtool check metrics <"$prom"
		promtool check rules "$SRCDIR/contrib/ndtool-monitor.rules.yml"
	else
		skip "promtool is not installed (Debian package prometheus)"
	fi
}

@test "monitor: the service unit's exposure in systemd-analyze security is at most 2.0" {
	command -v systemd-analyze >/dev/null || skip "systemd-analyze is not installed"
	unit=$BATS_TEST_TMPDIR/ndtool-monitor.service
	sed 's|@bindir@|/usr/bin|' "$SRCDIR/contrib/ndtool-monitor.service.in" >"$unit"
	run systemd-analyze security --offline=true --no-pager "$unit"
	echo "$output" | tail -n 3
	score=$(echo "$output" | sed -n 's/.*Overall exposure level for [^:]*: \([0-9.]*\).*/\1/p')
	[ -n "$score" ]
	awk -v s="$score" 'BEGIN { exit !(s <= 2.0) }'
	run systemd-analyze verify "$unit"
	echo "$output"
	! grep -qi 'unknown\|invalid' <<<"$output"
}

@test "monitor: the schemas are valid JSON Schemas; the sample configuration is accepted" {
	"$SCHEMA_CHECK" --whole "$SRCDIR/contrib/ndtool-monitor-state.schema.json" /dev/null 2>&1 |
		grep -q 'Expecting value'	# the schema itself loads; /dev/null is no document
	run --separate-stderr "$MONITOR" -c "$SRCDIR/contrib/monitor.conf" --test
	[ "$status" -eq 0 ]
	[ "$(jq -r .trigger <<<"$output")" = test ]
}
