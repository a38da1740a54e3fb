# Loaded by every guest test file (bats "load helpers").
# The guest runner exports NDTOOL (the fresh build), BUILDDIR, SRCDIR and TOPOLOGY.
: "${NDTOOL:?run these tests through test/vm/run-tier}"

bats_require_minimum_version 1.5.0

ndtool() { "$NDTOOL" "$@"; }

# assert_same_list ARGS...: "ndtool list ARGS" and "ndctl list ARGS" exit alike and print
# the same JSON (both nothing when nothing matches). Arrays are compared as sets: ndtool
# lists objects in ascending order, ndctl in kernel directory order (a documented
# difference, see ndtool-list(1)). Large integers are compared exactly.
assert_same_list() {
	local d=$BATS_TEST_TMPDIR rc_mine=0 rc_theirs=0
	ndtool list "$@" >"$d/mine" 2>"$d/mine.err" || rc_mine=$?
	ndctl list "$@" >"$d/theirs" 2>"$d/theirs.err" || rc_theirs=$?
	if [ "$rc_mine" != "$rc_theirs" ]; then
		echo "list $*: ndtool exit $rc_mine, ndctl exit $rc_theirs"
		cat "$d/mine.err"
		return 1
	fi
	if ! "$SRCDIR/test/bats/json-compare" "$d/theirs" "$d/mine"; then
		echo "list $*: JSON differs (- ndctl, + ndtool)"
		return 1
	fi
}

# assert_same_lists "ARGS" "ARGS"...: like assert_same_list for each argument string
# (split on spaces), compared in one pass; reports every combination that differs.
assert_same_lists() {
	local d=$BATS_TEST_TMPDIR/cmp n=0 args rc_mine rc_theirs
	rm -rf "$d"
	mkdir -p "$d"
	for args in "$@"; do
		n=$((n + 1))
		echo "$args" >"$d/$n.args"
		rc_mine=0 rc_theirs=0
		# shellcheck disable=SC2086
		ndtool list $args >"$d/$n.ndtool" 2>"$d/$n.ndtool.err" || rc_mine=$?
		# shellcheck disable=SC2086
		ndctl list $args >"$d/$n.ndctl" 2>"$d/$n.ndctl.err" || rc_theirs=$?
		echo "$rc_theirs $rc_mine" >"$d/$n.rc"
	done
	"$SRCDIR/test/bats/json-compare" --dir "$d"
}

# Wait (up to 60 s) until no bus reports an address range scrub in progress, so that
# scrub_state is stable while two tools are compared.
wait_scrub_idle() {
	local i f busy
	for i in $(seq 1 120); do
		busy=0
		for f in /sys/bus/nd/devices/ndbus*/nfit/scrub; do
			[ -e "$f" ] || continue
			case $(cat "$f") in *+) busy=1 ;; esac
		done
		[ "$busy" = 0 ] && return 0
		sleep 0.5
	done
	echo "address range scrub still running after 60 s"
	return 1
}

# The bus ids present in sysfs, ascending.
sysfs_bus_ids() {
	local d
	for d in /sys/bus/nd/devices/ndbus*; do
		[ -e "$d" ] && echo "${d##*ndbus}"
	done | sort -n
}
