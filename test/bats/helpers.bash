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

# compare_lists MINE THEIRS "ARGS"...: "MINE ARGS" and "THEIRS ARGS" (each a command, split
# on spaces, as is each argument string) exit alike and print the same JSON; one pass,
# reporting every argument string that differs.
compare_lists() {
	local d=$BATS_TEST_TMPDIR/cmp n=0 args rc_mine rc_theirs mine=$1 theirs=$2
	shift 2
	rm -rf "$d"
	mkdir -p "$d"
	for args in "$@"; do
		n=$((n + 1))
		echo "$args" >"$d/$n.args"
		rc_mine=0 rc_theirs=0
		# shellcheck disable=SC2086
		$mine $args >"$d/$n.ndtool" 2>"$d/$n.ndtool.err" || rc_mine=$?
		# shellcheck disable=SC2086
		$theirs $args >"$d/$n.ndctl" 2>"$d/$n.ndctl.err" || rc_theirs=$?
		echo "$rc_theirs $rc_mine" >"$d/$n.rc"
	done
	"$SRCDIR/test/bats/json-compare" --dir "$d"
}

# assert_same_lists "ARGS" "ARGS"...: like assert_same_list for each argument string
# (split on spaces), compared in one pass; reports every combination that differs.
assert_same_lists() { compare_lists "ndtool list" "ndctl list" "$@"; }

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

# The bus filter of this topology's test bus: namespaces are made on nfit_test.0 in B.
topo_bus() { if [ "$TOPOLOGY" = B ]; then echo "-b nfit_test.0"; fi; }

# init_labels: every region of the test bus disabled, its labels initialized (v1.1, as
# ndctl init-labels does by default) and enabled again.
init_labels() {
	local b
	b=$(topo_bus)
	# shellcheck disable=SC2086
	ndctl disable-region $b all >/dev/null &&
		ndctl init-labels -f $b all >/dev/null 2>&1 &&
		ndctl enable-region $b all >/dev/null
}

# reset_labels: no namespaces on the test bus and the seeds renumbered from .0 (the
# regions are re-enabled); labels are initialized first when the regions have none.
reset_labels() {
	local b
	b=$(topo_bus)
	# shellcheck disable=SC2086
	if ! ndctl list -Ri $b | grep -q '"iset_id"'; then
		init_labels
		return
	fi
	# shellcheck disable=SC2086
	ndctl enable-region $b all >/dev/null 2>&1
	# shellcheck disable=SC2086
	ndctl destroy-namespace -f $b all >/dev/null 2>&1
	# shellcheck disable=SC2086
	ndctl disable-region $b all >/dev/null && ndctl enable-region $b all >/dev/null
}

# state FILE: the kernel's view through upstream ndctl (every object, idle ones too).
state() { ndctl list -BDRNXu -vvv >"$1"; }

# assert_same_state A B: two states equal, ignoring values that differ between runs by
# design: claim uuids (random unless given) and the seeds' stale uuids and names.
assert_same_state() {
	"$SRCDIR/test/bats/json-compare" --state "$1" "$2"
}

# reset_and_setup: reset_labels, then the upstream commands in the SETUP variable (one per
# line), each of which must succeed.
reset_and_setup() {
	reset_labels
	run_setup
}

# run_setup: the upstream commands in the SETUP variable, one per line.
run_setup() {
	local line
	[ -n "${SETUP:-}" ] || return 0
	while read -r line; do
		[ -n "$line" ] || continue
		# shellcheck disable=SC2086
		ndctl $line >/dev/null 2>&1 || { echo "setup failed: ndctl $line"; return 1; }
	done <<<"$SETUP"
}

# same_effect ARGS...: from freshly initialized labels (then the upstream commands in the
# SETUP variable, one per line), "ndtool ARGS" and "ndctl ARGS" succeed or fail alike,
# print the same JSON and leave the kernel in the same state.
same_effect() {
	local d=$BATS_TEST_TMPDIR rc1=0 rc2=0 tool
	for tool in ndtool ndctl; do
		reset_and_setup || return 1
		if [ $tool = ndtool ]; then
			ndtool "$@" >"$d/mine.out" 2>"$d/mine.err" || rc1=$?
			state "$d/mine.state"
		else
			ndctl "$@" >"$d/theirs.out" 2>"$d/theirs.err" || rc2=$?
			state "$d/theirs.state"
		fi
	done
	if [ $((rc1 == 0)) != $((rc2 == 0)) ]; then
		echo "$*: ndtool exit $rc1, ndctl exit $rc2"
		cat "$d/mine.err" "$d/theirs.err"
		return 1
	fi
	assert_same_state "$d/theirs.out" "$d/mine.out" || { echo "output of: $*"; return 1; }
	assert_same_state "$d/theirs.state" "$d/mine.state" || { echo "state after: $*"; return 1; }
}

# same_effects "ARGS" "ARGS"...: from one reset (and SETUP) per tool, the command lines
# (split on spaces) run one after the other with ndtool and with ndctl: each succeeds or
# fails alike and prints the same JSON, and the kernel ends in the same state. Cheaper
# than a same_effect per command line: one reset and one state per tool.
same_effects() {
	local d=$BATS_TEST_TMPDIR tool line n rc
	for tool in ndtool ndctl; do
		reset_and_setup || return 1
		n=0
		for line in "$@"; do
			n=$((n + 1))
			rc=0
			# shellcheck disable=SC2086
			$tool $line >"$d/$tool.$n.out" 2>"$d/$tool.$n.err" || rc=$?
			echo "$rc" >"$d/$tool.$n.rc"
		done
		state "$d/$tool.state"
	done
	n=0
	for line in "$@"; do
		n=$((n + 1))
		if [ $(($(cat "$d/ndtool.$n.rc") == 0)) != $(($(cat "$d/ndctl.$n.rc") == 0)) ]; then
			echo "$line: ndtool exit $(cat "$d/ndtool.$n.rc"), ndctl exit $(cat "$d/ndctl.$n.rc")"
			cat "$d/ndtool.$n.err" "$d/ndctl.$n.err"
			return 1
		fi
		assert_same_state "$d/ndctl.$n.out" "$d/ndtool.$n.out" || { echo "output of: $line"; return 1; }
	done
	assert_same_state "$d/ndctl.state" "$d/ndtool.state" || { echo "state after: $*"; return 1; }
}

# unchanged CMD...: run CMD (expected to fail), then check that the kernel state (every
# object, idle ones too) is exactly as before. Leaves CMD's exit code in $status and its
# stderr in $stderr.
unchanged() {
	local d=$BATS_TEST_TMPDIR
	state "$d/before"
	run --separate-stderr "$@"
	state "$d/after"
	"$SRCDIR/test/bats/json-compare" --unchanged "$d/before" "$d/after" ||
		{ echo "state changed by: $*"; return 1; }
}

# ---- label-less namespaces (one per region, reconfigured in place) ----

# reset_labelless NS: NS back to how it boots, raw and enabled with no info block (through
# ndctl, told not to write labels on DIMMs that can hold them, which it does by default),
# then the upstream commands in the SETUP variable (one per line).
reset_labelless() {
	local d=/sys/bus/nd/devices/$1
	if [ -n "$(cat "$d/holder")" ] || [ ! -e "$d/driver" ]; then
		ndctl create-namespace -f -e "$1" -m raw --no-autolabel >/dev/null 2>&1 ||
			{ echo "reset of $1 failed"; return 1; }
	fi
	run_setup
}

# ns_sysfs NS FILE: the attributes of NS and of its claim, with the claim's kind rather
# than its name (seeds are numbered by history) and without its random uuid.
ns_sysfs() {
	local d=/sys/bus/nd/devices/$1 h f
	{
		for f in holder_class force_raw mode size resource; do
			echo "$f=$(cat "$d/$f")"
		done
		echo "driver=$(basename "$(readlink "$d/driver" 2>/dev/null)")"
		h=$(cat "$d/holder")
		echo "holder=${h%%[0-9]*}"
		if [ -n "$h" ]; then
			for f in mode align size resource sector_size; do
				[ -r "/sys/bus/nd/devices/$h/$f" ] &&
					echo "claim.$f=$(cat "/sys/bus/nd/devices/$h/$f" 2>&1)"
			done
			echo "claim.driver=$(basename "$(readlink "/sys/bus/nd/devices/$h/driver" 2>/dev/null)")"
		fi
	} >"$2"
}

# same_steps "ARGS" "ARGS"...: from reset_and_setup, the command lines (the word NS stands
# for $NS) one after the other with ndtool and with ndctl; after each, both exited alike
# (0 or not), printed the same JSON and left the same listing and the same sysfs of $NS.
same_steps() {
	local d=$BATS_TEST_TMPDIR tool line n rc bad=0
	for tool in ndtool ndctl; do
		reset_and_setup || return 1
		n=0
		for line in "$@"; do
			n=$((n + 1))
			rc=0
			# shellcheck disable=SC2086
			$tool ${line//NS/$NS} >"$d/$tool.$n.out" 2>"$d/$tool.$n.err" || rc=$?
			echo "$rc" >"$d/$tool.$n.rc"
			state "$d/$tool.$n.state"
			ns_sysfs "$NS" "$d/$tool.$n.sys"
		done
	done
	n=0
	for line in "$@"; do
		n=$((n + 1))
		if [ $(($(cat "$d/ndtool.$n.rc") == 0)) != $(($(cat "$d/ndctl.$n.rc") == 0)) ]; then
			echo "$line: ndtool exit $(cat "$d/ndtool.$n.rc"), ndctl exit $(cat "$d/ndctl.$n.rc")"
			cat "$d/ndtool.$n.err" "$d/ndctl.$n.err"
			bad=1
			continue
		fi
		assert_same_state "$d/ndctl.$n.out" "$d/ndtool.$n.out" ||
			{ echo "output of: $line"; bad=1; }
		assert_same_state "$d/ndctl.$n.state" "$d/ndtool.$n.state" ||
			{ echo "listing after: $line"; bad=1; }
		diff -u "$d/ndctl.$n.sys" "$d/ndtool.$n.sys" ||
			{ echo "sysfs after: $line (- ndctl, + ndtool)"; bad=1; }
	done
	return $bad
}
