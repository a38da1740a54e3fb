#!/usr/bin/env bats
# topology: B
# The shipped unit under a real service manager: systemd runs as PID 1 of a PID namespace
# of the guest ("container" mode) and starts contrib/ndtool-monitor.service with every
# sandbox setting of the unit; a drop-in changes only where the binary is and where its
# output goes. The daemon must see the DIMMs, report an injected change, say READY and
# STATUS, reload, and stop with status 0. The drop-in also drops the unit's default
# dependencies: sysinit.target would set up this guest a second time.

load helpers
load monitor-helpers

UNIT=ndtool-monitor.service
OUT=/run/ndtool-test

# systemctl and /proc as the service manager sees them: its PID namespace refuses
# clients it cannot see
sd() { nsenter -t "$(cat $OUT/systemd.pid)" -p -m systemctl --no-pager "$@"; }
in_ns() { nsenter -t "$(cat $OUT/systemd.pid)" -p -m "$@"; }

setup_file() {
	# nfit_test's own SMART values and thresholds, whatever earlier files injected
	smart_defaults
	no_media_errors
	command -v systemctl >/dev/null || skip "systemd is not installed"
	mkdir -p /run/systemd/system/$UNIT.d $OUT
	# StateDirectory= needs a writable /var/lib (the guest's is the host's, read-only)
	mountpoint -q /var/lib || mount -t tmpfs tmpfs /var/lib
	sed "s|@bindir@|/usr/bin|" "$SRCDIR/contrib/ndtool-monitor.service.in" \
		>/run/systemd/system/$UNIT
	# no sysinit.target (its tmpfiles would empty this guest's /tmp, udev is running)
	cat >/run/systemd/system/$UNIT.d/test.conf <<-EOF
	[Unit]
	DefaultDependencies=no
	[Service]
	ExecStart=
	ExecStart=$BUILDDIR/daemon/.libs/ndtool-monitor -v
	Environment=LD_LIBRARY_PATH=$BUILDDIR/lib/.libs
	StandardOutput=append:$OUT/events.log
	StandardError=append:$OUT/monitor.err
	EOF
	printf '[Unit]\nDescription=ndtool tests\nDefaultDependencies=no\n' \
		>/run/systemd/system/ndtool-test.target
	unshare --pid --fork --mount-proc env container=ndtool-test \
		/lib/systemd/systemd --system --unit=ndtool-test.target \
		--log-target=kmsg --log-level=notice </dev/null >"$OUT/systemd.out" 2>&1 3>&- &
	echo $! >"$OUT/unshare.pid"
	local i pid
	for i in $(seq 50); do
		pid=$(cat /proc/"$(cat $OUT/unshare.pid)"/task/*/children 2>/dev/null | awk '{print $1}')
		[ -n "$pid" ] && break
		sleep 0.1
	done
	echo "$pid" >"$OUT/systemd.pid"
	for i in $(seq 300); do
		sd is-system-running >/dev/null 2>&1 && break
		sleep 0.1
	done
	sd is-system-running || { dmesg | grep systemd | tail; false; }
}

teardown_file() {
	# the service manager is PID 1 of its namespace: killing it ends every process there
	[ -s "$OUT/systemd.pid" ] && kill -KILL "$(cat "$OUT/systemd.pid")" 2>/dev/null
	[ -f "$OUT/unshare.pid" ] && kill -KILL "$(cat "$OUT/unshare.pid")" 2>/dev/null
	sleep 0.5
	rm -rf /run/systemd/system/$UNIT /run/systemd/system/$UNIT.d \
		/run/systemd/system/ndtool-test.target /run/systemd/journald.conf.d/ndtool-test.conf
	umount /var/lib 2>/dev/null
	true
}

@test "systemd: the sandboxed unit starts, sees every DIMM and reports an injected change" {
	ndtool inject-smart -N nmem0
	sd start $UNIT	# Type=notify: returns once the daemon said READY=1
	[ "$(sd show -p ActiveState --value $UNIT)" = active ]
	# every DIMM with SMART health (nfit_test.1's have none)
	n=$(ndtool list -DH | jq '[.[] | select(.health)] | length')
	[ "$(sd show -p StatusText --value $UNIT)" = "watching $n DIMMs" ]
	pid=$(sd show -p MainPID --value $UNIT)
	# the sandbox is in force: no capabilities, no new privileges, a syscall filter
	status=$(in_ns cat /proc/"$pid"/status)
	grep -q '^CapEff:[[:space:]]*0000000000000000' <<<"$status"
	grep -q '^NoNewPrivs:[[:space:]]*1' <<<"$status"
	grep -q '^Seccomp:[[:space:]]*2' <<<"$status"

	n0=$(grep -c . $OUT/events.log || true)
	ndtool inject-smart -m 71 nmem0 >/dev/null
	for i in $(seq 40); do
		[ "$(grep -c . $OUT/events.log)" -gt "$n0" ] && break
		sleep 0.05
	done
	ev=$(tail -n 1 $OUT/events.log)
	echo "$ev"
	[ "$(jq -r .dimm.dev <<<"$ev")" = nmem0 ]
	[ "$(jq -r '.event["dimm-media-temperature"]' <<<"$ev")" = true ]
	# the state it saved, in its StateDirectory=
	ls /var/lib/ndtool/monitor/*.json

	sd reload $UNIT
	[ "$(sd show -p ActiveState --value $UNIT)" = active ]
	grep -q 'reloading the configuration' $OUT/monitor.err
	sd stop $UNIT
	[ "$(sd show -p ExecMainStatus --value $UNIT)" = 0 ]
	[ "$(sd show -p Result --value $UNIT)" = success ]
	ndtool inject-smart -N nmem0
}

@test "systemd: with no DIMM to watch the unit stays up and says it is waiting" {
	sd stop $UNIT 2>/dev/null || true
	printf 'bus = no-such-bus\n' >$OUT/empty.conf
	# after test.conf, whose ExecStart= it replaces
	cat >/run/systemd/system/$UNIT.d/zz-empty.conf <<-EOF
	[Service]
	ExecStart=
	ExecStart=$BUILDDIR/daemon/.libs/ndtool-monitor -c $OUT/empty.conf
	EOF
	sd daemon-reload
	sd start $UNIT
	sleep 1
	[ "$(sd show -p ActiveState --value $UNIT)" = active ]
	status=$(sd show -p StatusText --value $UNIT)
	echo "$status"
	[ "$status" = "no DIMMs to watch; waiting for DIMMs to appear" ]
	sd stop $UNIT
	[ "$(sd show -p Result --value $UNIT)" = success ]
	rm /run/systemd/system/$UNIT.d/zz-empty.conf
	sd daemon-reload
}

@test "systemd: -l journal stores each event with its structured fields" {
	grep -q '^#define HAVE_LIBSYSTEMD 1' "$BUILDDIR/config.h" || skip "built without libsystemd"
	[ -x /lib/systemd/systemd-journald ] || skip "systemd-journald is not installed"
	sd stop $UNIT 2>/dev/null || true
	# a journal in /run only: the guest's /var is the host's, read-only
	mkdir -p /run/systemd/journald.conf.d
	printf '[Journal]\nStorage=volatile\n' >/run/systemd/journald.conf.d/ndtool-test.conf
	sd start systemd-journald.socket systemd-journald.service
	cat >/run/systemd/system/$UNIT.d/zz-journal.conf <<-EOF
	[Service]
	ExecStart=
	ExecStart=$BUILDDIR/daemon/.libs/ndtool-monitor -v -d nmem0 -l journal
	EOF
	sd daemon-reload
	ndtool inject-smart -N nmem0
	sd start $UNIT
	ndtool inject-smart -m 74 nmem0 >/dev/null
	for i in $(seq 40); do
		in_ns journalctl -q -o json NDTOOL_DIMM=nmem0 NDTOOL_EVENT=dimm-media-temperature \
			>$OUT/journal.json 2>/dev/null
		[ -s $OUT/journal.json ] && break
		sleep 0.1
	done
	sd stop $UNIT
	rm /run/systemd/system/$UNIT.d/zz-journal.conf
	sd daemon-reload
	cat $OUT/journal.json
	[ "$(grep -c . $OUT/journal.json)" -eq 1 ]
	entry=$(cat $OUT/journal.json)
	# the fields the manual documents, and the event itself as the message
	[ "$(jq -r .NDTOOL_DIMM_ID <<<"$entry")" = "$(ndtool list -d nmem0 | jq -r '.[0].id')" ]
	[ "$(jq -r .NDTOOL_HEALTH_STATE <<<"$entry")" = non-critical ]
	[ "$(jq -r .NDTOOL_CLEARED <<<"$entry")" = "" ]
	[ "$(jq -r .PRIORITY <<<"$entry")" = 5 ]
	[ "$(jq -r .SYSLOG_IDENTIFIER <<<"$entry")" = ndtool-monitor ]
	[ "$(jq -r ._SYSTEMD_UNIT <<<"$entry")" = $UNIT ]
	ev=$(jq -r .MESSAGE <<<"$entry")
	[ "$(jq -r '.event["dimm-media-temperature"]' <<<"$ev")" = true ]
	[ "$(jq -r .dimm.health.temperature_celsius <<<"$ev")" = 74 ]
	[ "$(jq -r .trigger <<<"$ev")" = notification ]
	# the diagnostics went there too (the start's "watching" message)
	in_ns journalctl -q -o cat -u $UNIT | grep -q 'watching 1 DIMM'
	ndtool inject-smart -N nmem0
}

@test "systemd: the sandboxed unit reports a media error with its namespace and DIMMs" {
	grep -q '^#define HAVE_LIBSYSTEMD 1' "$BUILDDIR/config.h" || skip "built without libsystemd"
	[ -x /lib/systemd/systemd-journald ] || skip "systemd-journald is not installed"
	ns=namespace1.0
	MEDIA_NS=$ns MEDIA_CLEANUP="12:1"
	sd stop $UNIT 2>/dev/null || true
	mkdir -p /run/systemd/journald.conf.d
	printf '[Journal]\nStorage=volatile\n' >/run/systemd/journald.conf.d/ndtool-test.conf
	sd start systemd-journald.socket systemd-journald.service
	cat >/run/systemd/system/$UNIT.d/zz-media.conf <<-EOF
	[Service]
	ExecStart=
	ExecStart=$BUILDDIR/daemon/.libs/ndtool-monitor -n $ns -D media-error -l journal
	EOF
	sd daemon-reload
	wait_scrub_idle
	sd start $UNIT
	# no capability: the addresses (root's files) and the bus's translation still work
	ndtool inject-error -B 12 -n 1 $ns >/dev/null
	for i in $(seq 100); do
		in_ns journalctl -q -o json NDTOOL_EVENT=media-error >$OUT/media.json 2>/dev/null
		[ -s $OUT/media.json ] && break
		sleep 0.05
	done
	sd stop $UNIT
	rm /run/systemd/system/$UNIT.d/zz-media.conf
	sd daemon-reload
	cat $OUT/media.json
	[ "$(grep -c . $OUT/media.json)" -eq 1 ]
	entry=$(cat $OUT/media.json)
	[ "$(jq -r .NDTOOL_REGION <<<"$entry")" = region1 ]
	[ "$(jq -r .NDTOOL_NAMESPACE <<<"$entry")" = $ns ]
	[ "$(jq -r .NDTOOL_DIMM <<<"$entry")" = "" ]
	ev=$(jq -r .MESSAGE <<<"$entry")
	[ "$(jq -Sc .badblock <<<"$ev")" = "$(ns_badblock $ns 12)" ]
	[ "$(jq '.badblock.dimms | length' <<<"$ev")" -ge 1 ]
	ls /var/lib/ndtool/monitor/regions/nfit_test.0-region1-0x*.json
	ndtool inject-error -d -B 12 -n 1 $ns >/dev/null 2>&1
	ndtool clear-errors $ns >/dev/null
	MEDIA_NS=
}
