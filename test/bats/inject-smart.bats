#!/usr/bin/env bats
# topology: B
# ndtool inject-smart against ndctl inject-smart on nfit_test's Intel-family DIMMs. Two
# DIMMs of nfit_test.0 start in the same SMART state; each step runs with ndtool on the
# first ($A) and with ndctl on the second ($B): both exit alike, print the same DIMM JSON
# (but for what names the DIMM) and so leave the same health; ndtool list -DH and ndctl
# list -DH print the same for $A. Each step folds several options: an ndctl call costs
# seconds of guest time.

load helpers

# the thresholds and alarms nfit_test starts with
DEFAULTS="-M 40 -C 30 -S 5 --media-temperature-alarm on --ctrl-temperature-alarm off
	--spares-alarm on"

setup_file() {
	local d
	local -a dimms
	mapfile -t dimms < <(ndtool list -D -b nfit_test.0 | sed -n 's/.*"dev":"\(nmem[0-9]*\)".*/\1/p' |
		sort -V)
	export A=${dimms[0]} B=${dimms[1]}
	for d in "$A" "$B"; do
		# shellcheck disable=SC2086
		ndtool inject-smart "$d" -N $DEFAULTS >/dev/null
	done
	BASE_A=$(count "$(ndtool list -DH -d "$A")")
	BASE_B=$(count "$(ndtool list -DH -d "$B")")
	export BASE_A BASE_B
}

teardown_file() {
	local d
	for d in "$A" "$B"; do
		# shellcheck disable=SC2086
		ndtool inject-smart "$d" -N $DEFAULTS >/dev/null
	done
}

# count JSON: the shutdown count in the JSON of a DIMM
count() { sed -n 's/.*"shutdown_count":\([0-9]*\).*/\1/p' <<<"$1"; }

# norm FILE: the JSON lines of FILE without those that name the DIMM or count its unsafe
# shutdowns (compared as a difference from the start)
norm() { sed -E '/"(dev|id|handle|phys_id|shutdown_count)":/d' "$1"; }

# step ARGS...: inject-smart ARGS with ndtool on $A, with ndctl on $B: both succeed and
# print the same DIMM JSON, in the same order, with as many unsafe shutdowns since the
# start; ndtool list -DH -d $A prints what ndtool inject-smart printed (without -u).
step() {
	local d=$BATS_TEST_TMPDIR rc1=0 rc2=0
	ndtool inject-smart "$A" "$@" >"$d/mine.out" 2>"$d/mine.err" || rc1=$?
	ndctl inject-smart "$B" "$@" >"$d/theirs.out" 2>"$d/theirs.err" || rc2=$?
	if [ "$rc1" != 0 ] || [ "$rc2" != 0 ]; then
		echo "inject-smart $*: ndtool exit $rc1, ndctl exit $rc2"
		cat "$d/mine.err" "$d/theirs.err"
		return 1
	fi
	diff -u <(norm "$d/theirs.out") <(norm "$d/mine.out") ||
		{ echo "inject-smart $*: output differs (- ndctl on $B, + ndtool on $A)"; return 1; }
	[ $(($(count "$(<"$d/mine.out")") - BASE_A)) = $(($(count "$(<"$d/theirs.out")") - BASE_B)) ] ||
		{ echo "inject-smart $*: unsafe shutdown counts differ"; return 1; }
	[[ " $* " == *" -u "* ]] && return 0
	ndtool list -DH -d "$A" | diff -u "$d/mine.out" - ||
		{ echo "after inject-smart $*: list -DH differs from what inject-smart printed"; return 1; }
}

# refused ARGS...: inject-smart ARGS fails with both tools; ndtool says why and prints
# nothing on standard output
refused() {
	local d=$BATS_TEST_TMPDIR rc1=0 rc2=0
	ndtool inject-smart "$A" "$@" >"$d/mine.out" 2>"$d/mine.err" || rc1=$?
	ndctl inject-smart "$B" "$@" >"$d/theirs.out" 2>"$d/theirs.err" || rc2=$?
	if [ "$rc1" = 0 ] || [ "$rc2" = 0 ] || [ -s "$d/mine.out" ] || [ ! -s "$d/mine.err" ]; then
		echo "inject-smart $*: ndtool exit $rc1, ndctl exit $rc2 (both should fail)"
		cat "$d/mine.out" "$d/mine.err" "$d/theirs.err"
		return 1
	fi
}

# same_list: ndtool list -DH and ndctl list -DH print the same for $A
same_list() {
	diff -u <(ndctl list -DH -d "$A") <(ndtool list -DH -d "$A") ||
		{ echo "list -DH -d $A: - ndctl, + ndtool"; return 1; }
}

@test "inject-smart: every option has ndctl's effect and output" {
	# thresholds, alarms on and off, media temperature and spares
	step -m 52 -s 7 -M 45 -C 60 -S 12 --ctrl-temperature-alarm on --spares-alarm off
	# the controller temperature: neither tool injects it, and nothing changes
	refused -c 70 -f
	# fatal and an unsafe shutdown, alarms off, -u: one DIMM as an object
	step -f -U --media-temperature-alarm off --ctrl-temperature-alarm off -u
	# inject again over injected values, uninject two fields
	step -m 33 -s 60 -S 61 --spares-alarm on -F --unsafe-shutdown-uninject
	step -b nfit_test.0 --media-temperature-uninject --spares-uninject -U
	# everything back, with a threshold and an alarm in the same command
	step -N -M 41 --media-temperature-alarm on
	same_list
	grep -q '"health_state":"non-critical"' "$BATS_TEST_TMPDIR/mine.out"
	grep -q '"temperature_celsius":23.0' "$BATS_TEST_TMPDIR/mine.out"
	grep -q '"shutdown_state":"clean"' "$BATS_TEST_TMPDIR/mine.out"
}

# fails STATUS TEXT ARGS...: ndtool inject-smart ARGS exits STATUS, prints nothing on
# standard output and TEXT (when not empty) on standard error. (Not bats' run: each run
# costs a second of guest time under TCG.)
fails() {
	local want=$1 text=$2 d=$BATS_TEST_TMPDIR rc=0
	shift 2
	ndtool inject-smart "$@" >"$d/out" 2>"$d/err" || rc=$?
	if [ "$rc" != "$want" ] || [ -s "$d/out" ] || [ ! -s "$d/err" ] ||
		[[ $(<"$d/err") != *"$text"* ]]; then
		echo "inject-smart $*: exit $rc, want $want and \"$text\""
		cat "$d/out" "$d/err"
		return 1
	fi
}

@test "inject-smart: refused input changes nothing and says why" {
	local args before c
	before=$(ndctl list -DH -d "$A")
	for args in "" "-m 50abc" "-s 101" "-S 10.7" "--spares-alarm maybe" "-N -f" "-f -F"; do
		# shellcheck disable=SC2086
		fails 2 "" "$A" $args
	done
	# beyond the Intel range (15 bits of 1/16 degree), and a field nfit_test cannot inject
	fails 1 "$A: the media temperature to inject is out of the DIMM's range (5000)" "$A" -m 5000
	fails 1 "$A cannot inject the controller temperature (--ctrl-temperature); it can inject \
the media temperature, spares, fatal health status, unsafe shutdown" "$A" --ctrl-temperature-uninject
	# the thresholds are set first: a refused injection puts them back
	fails 1 "out of the DIMM's range (4096)" "$A" -M 80 -S 50 --spares-alarm off -m 4096
	# no such DIMM, several, all; a DIMM without injection or thresholds (nfit_test.1)
	fails 1 "no DIMM matches 'nmem99'" nmem99 -m 50
	fails 2 "one DIMM at a time" "$A" "$B" -m 50
	fails 2 "not 'all'" all -m 50
	fails 1 "no DIMM matches '$A' on bus 'nfit_test.1'" -b nfit_test.1 "$A" -m 50
	c=$(ndtool list -D -b nfit_test.1 | sed -n 's/.*"dev":"\(nmem[0-9]*\)".*/\1/p' | head -n 1)
	fails 1 "$c cannot inject SMART values" "$c" -N
	fails 1 "$c reports no SMART alarm thresholds" "$c" -S 10
	[ "$(ndctl list -DH -d "$A")" = "$before" ]
}

@test "inject-smart: fractions of a degree, a negative threshold, a disabled DIMM" {
	# ndtool keeps 1/16 degree (ndctl drops the fraction); the DIMM is disabled, which
	# leaves its commands working: ndctl reads back what was sent, with "state":"disabled"
	ndtool disable-region -b nfit_test.0 all 2>/dev/null
	ndtool disable-dimm "$A" 2>/dev/null
	run --separate-stderr ndtool inject-smart "$A" -m 33.25 -M -12.5 --media-temperature-alarm on
	local rc=$status mine=$output
	run ndctl list -DHi -d "$A"
	ndtool enable-dimm "$A" 2>/dev/null
	ndtool enable-region -b nfit_test.0 all 2>/dev/null
	[ "$rc" -eq 0 ]
	[ "$mine" = "$output" ]
	[[ $output == *'"state":"disabled"'* ]]
	[[ $output == *'"temperature_celsius":33.25,'* ]]
	[[ $output == *'"temperature_threshold":-12.5,'* ]]
}
