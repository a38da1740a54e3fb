#!/usr/bin/env bats
# The default (quiesced) firmware activation, which suspends and resumes the guest: after
# it the guest's 9p file systems no longer answer, so it cannot run in the tier B bats
# (test/bats/firmware.bats skips it). Here a tier B guest runs test/vm/fwa-quiesce.sh
# instead, once with ndtool and once with ndctl: the activation runs from tmpfs and the
# results come back on the console. Run on the host by test/run's harness tier.

bats_require_minimum_version 1.5.0

setup_file() {
	SRC=$(cd "$BATS_TEST_DIRNAME/../.." && pwd)
	export SRC
	unset COUNTS_FILE
	for t in ndtool ndctl; do
		# the guest powers itself off without an exit code (9p is gone): exit 125
		OUTDIR=$BATS_FILE_TMPDIR/$t TIMEOUT=600 "$SRC/test/vm/run-tier" B \
			--script "$SRC/test/vm/fwa-quiesce-$t.sh" >"$BATS_FILE_TMPDIR/$t.log" 2>&1 ||
			true
		touch "$BATS_FILE_TMPDIR/$t/console.log"
		grep '^FWA: ' "$BATS_FILE_TMPDIR/$t/console.log" | tr -d '\r' |
			sed 's/^FWA: //' >"$BATS_FILE_TMPDIR/$t.fwa"
	done
}

UNSETTLED='del(.[].firmware.activate_state, .[].dimms[].firmware.activate_state)'

# fwa TOOL: what the guest reported for TOOL
fwa() { cat "$BATS_FILE_TMPDIR/$1.fwa"; }

@test "ndtool activate-firmware (quiesced) activates the armed DIMMs and says what it stops" {
	fwa ndtool
	[ "$(fwa ndtool | sed -n 's/^rc //p')" = 0 ]
	fwa ndtool | grep -q '^end$'
	fwa ndtool | grep -q '^stderr .*within a quiesce of the whole system'
	[ "$(fwa ndtool | sed -n 's/^bus //p')" = idle ]
	dimms=$(fwa ndtool | sed -n 's/^tool ndtool dimms //p')
	[ -n "$dimms" ]
	for d in $dimms; do
		fwa ndtool | grep -qx "$d idle success"
	done
}

@test "the same activation by ndctl: the same results and the same JSON" {
	fwa ndctl
	[ "$(fwa ndctl | sed -n 's/^rc //p')" = 0 ]
	diff <(fwa ndctl | grep -v '^tool \|^stderr \|^rc \|^json ') \
		<(fwa ndtool | grep -v '^tool \|^stderr \|^rc \|^json ')
	# right after the activation the states are "busy" for 3 s of the guest's clock (the
	# emulation's settling time), which the resume under TCG can outlast or not: the
	# states are compared once settled, above, and left out of the JSON
	fwa ndctl | sed -n 's/^json //p' | jq "$UNSETTLED" >"$BATS_TEST_TMPDIR/theirs"
	fwa ndtool | sed -n 's/^json //p' | jq "$UNSETTLED" >"$BATS_TEST_TMPDIR/mine"
	[ -s "$BATS_TEST_TMPDIR/mine" ]
	"$SRC/test/bats/json-compare" "$BATS_TEST_TMPDIR/theirs" "$BATS_TEST_TMPDIR/mine"
}
