# Loaded by the dax test files after helpers.bash: "ndtool dax" compared with daxctl.

# dax_state FILE: the kernel's dax state as daxctl sees it (every region and device, idle
# ones too, with mappings), then what its JSON leaves out: each device's driver and the
# regions' seeds.
dax_state() {
	local d s a drv
	{
		daxctl list -RDMi
		echo "--- sysfs"
		# builtins and subshells only: a program start costs a lot under TCG
		for d in /sys/bus/dax/devices/dax*; do
			[ -e "$d" ] || continue
			read -r s <"$d/size"
			read -r a <"$d/align"
			drv=
			[ -e "$d/driver" ] && drv=$(cd -P "$d/driver" && echo "${PWD##*/}")
			echo "${d##*/} size=$s align=$a driver=$drv"
		done
		for d in /sys/bus/dax/devices/dax*.0/../dax_region; do
			[ -e "$d/seed" ] || continue
			read -r s <"$d/seed"
			echo "$(cd -P "$d/.." && echo "$PWD") seed=$s"
		done
	} >"$1"
}

# assert_same_dax_state A B: two dax_state files equal (arrays compared as sets: daxctl
# lists in the kernel's directory order, ndtool in ascending order).
assert_same_dax_state() {
	local d=$BATS_TEST_TMPDIR/dstate.$$
	mkdir -p "$d"
	sed '/^--- sysfs$/,$d' "$1" >"$d/a.json"
	sed '/^--- sysfs$/,$d' "$2" >"$d/b.json"
	"$SRCDIR/test/bats/json-compare" "$d/a.json" "$d/b.json" || return 1
	diff <(sed -n '/^--- sysfs$/,$p' "$1") <(sed -n '/^--- sysfs$/,$p' "$2")
}

# assert_same_dax_lists "ARGS"...: "ndtool dax list ARGS" and "daxctl list ARGS" exit alike
# and print the same JSON, for each argument string (split on spaces); one report.
assert_same_dax_lists() { compare_lists "ndtool dax list" "daxctl list" "$@"; }

# The hmem region of topology E: dax region 0, 1 GiB, provided by platform/hmem.0.
HMEM=/sys/devices/platform/hmem.0
HMEM_SIZE=1073741824

# hmem_reset full|empty: region 0 back to one device, dax0.0, with all of the capacity and
# enabled (full: the state at boot), or idle with size 0 (empty: every byte available).
# Through sysfs, so that neither tool is needed to set up the other's test.
hmem_reset() {
	local d n
	for d in /sys/bus/dax/devices/dax0.*; do
		[ -e "$d" ] || continue
		n=${d##*/}
		if [ -e "$d/driver" ]; then
			echo "$n" >"$d/driver/unbind" || return 1
		fi
		echo 0 >"$d/size" || return 1
		if [ "$n" != dax0.0 ]; then
			echo "$n" >"$HMEM/dax_region/delete" || return 1
		fi
	done
	echo 2097152 >/sys/bus/dax/devices/dax0.0/align || return 1
	if [ "$1" = full ]; then
		echo "$HMEM_SIZE" >/sys/bus/dax/devices/dax0.0/size || return 1
		echo dax0.0 >/sys/bus/dax/drivers/device_dax/bind || return 1
	fi
}

# dax_same_effects full|empty LINE...: from hmem_reset's state, each command line run with
# ndtool dax and with daxctl succeeds or fails alike (a line starting with "~" may differ:
# a documented difference of exit status), prints the same JSON, and leaves the same
# state after every line. A line "A ||| B" runs A with ndtool and B with daxctl.
dax_same_effects() {
	local d=$BATS_TEST_TMPDIR start=$1 tool line n rc args
	shift
	for tool in ndtool daxctl; do
		hmem_reset "$start" || { echo "hmem_reset $start failed"; return 1; }
		n=0
		for line in "$@"; do
			n=$((n + 1))
			line=${line#\~}
			args=$line
			if [[ $line == *" ||| "* ]]; then
				if [ $tool = ndtool ]; then args=${line%% ||| *}; else args=${line##* ||| }; fi
			fi
			rc=0
			if [ $tool = ndtool ]; then
				# shellcheck disable=SC2086
				ndtool dax $args >"$d/$tool.$n.out" 2>"$d/$tool.$n.err" || rc=$?
			else
				# shellcheck disable=SC2086
				daxctl $args >"$d/$tool.$n.out" 2>"$d/$tool.$n.err" || rc=$?
			fi
			echo "$rc" >"$d/$tool.$n.rc"
			dax_state "$d/$tool.$n.state"
		done
	done
	n=0
	for line in "$@"; do
		n=$((n + 1))
		if [[ $line != \~* ]] &&
			[ $(($(cat "$d/ndtool.$n.rc") == 0)) != $(($(cat "$d/daxctl.$n.rc") == 0)) ]; then
			echo "$line: ndtool exit $(cat "$d/ndtool.$n.rc"), daxctl exit $(cat "$d/daxctl.$n.rc")"
			cat "$d/ndtool.$n.err" "$d/daxctl.$n.err"
			return 1
		fi
		"$SRCDIR/test/bats/json-compare" "$d/daxctl.$n.out" "$d/ndtool.$n.out" ||
			{ echo "output of: $line"; return 1; }
		assert_same_dax_state "$d/daxctl.$n.state" "$d/ndtool.$n.state" ||
			{ echo "state after: $line"; return 1; }
	done
}

# dax_unchanged CMD...: run CMD (expected to fail); the dax state (with leftover idle
# devices and seeds) must be exactly as before. Leaves $status, $output and $stderr.
dax_unchanged() {
	local d=$BATS_TEST_TMPDIR
	dax_state "$d/dax.before"
	run --separate-stderr "$@"
	dax_state "$d/dax.after"
	diff "$d/dax.before" "$d/dax.after" || { echo "dax state changed by: $*"; return 1; }
}
