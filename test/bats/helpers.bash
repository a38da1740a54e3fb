# Loaded by every guest test file (bats "load helpers").
# The guest runner exports NDTOOL (the fresh build), BUILDDIR, SRCDIR and TOPOLOGY.
: "${NDTOOL:?run these tests through test/vm/run-tier}"

bats_require_minimum_version 1.5.0

ndtool() { "$NDTOOL" "$@"; }

# JSON normalised for comparison with ndctl: keys sorted, and arrays sorted, because
# ndtool lists objects in ascending order where ndctl follows the kernel's directory order.
json_norm() { jq -S 'walk(if type == "array" then sort else . end)'; }

# assert_same_list ARGS...: "ndtool list ARGS" and "ndctl list ARGS" exit alike and print
# the same JSON (both empty when nothing matches).
assert_same_list() {
	local mine theirs rc_mine rc_theirs
	mine=$(ndtool list "$@") && rc_mine=0 || rc_mine=$?
	theirs=$(ndctl list "$@") && rc_theirs=0 || rc_theirs=$?
	if [ "$rc_mine" != "$rc_theirs" ]; then
		echo "list $*: ndtool exit $rc_mine, ndctl exit $rc_theirs"
		return 1
	fi
	if [ -z "$mine$theirs" ]; then
		return 0
	fi
	if [ -z "$mine" ] || [ -z "$theirs" ]; then
		echo "list $*: one side printed nothing"
		echo "ndtool: $mine"
		echo "ndctl:  $theirs"
		return 1
	fi
	if ! diff -u <(echo "$theirs" | json_norm) <(echo "$mine" | json_norm); then
		echo "list $*: JSON differs (- ndctl, + ndtool)"
		return 1
	fi
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
