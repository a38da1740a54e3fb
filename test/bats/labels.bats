#!/usr/bin/env bats
# topology: A B
# Label commands against upstream ndctl: init-labels writes the same bytes, read-labels
# reads and parses alike, write/zero round-trip, check-labels finds and repairs damage,
# and nothing is written while a region uses the DIMM.

load helpers

D=nmem0

setup() {
	B=$(topo_bus)
	# shellcheck disable=SC2086
	ndctl disable-region $B all >/dev/null
}

teardown() {
	# shellcheck disable=SC2086
	ndctl enable-region $B all >/dev/null 2>&1 || true
}

area() { ndctl read-labels -o "$1" $D >/dev/null 2>&1; }

@test "init-labels writes the same bytes as ndctl (v1.1, v1.2, over old labels)" {
	t=$BATS_TEST_TMPDIR
	for v in 1.1 1.2; do
		for start in zero old; do
			if [ $start = zero ]; then ndctl zero-labels $D; else
				ndctl init-labels -f -V 1.2 $D
				# shellcheck disable=SC2086
				ndctl enable-region $B all
				# shellcheck disable=SC2086
				ndctl create-namespace $B -m raw -s 16M
				# shellcheck disable=SC2086
				ndctl destroy-namespace -f $B all
				# shellcheck disable=SC2086
				ndctl disable-region $B all
			fi
			area "$t/before"
			run --separate-stderr ndtool init-labels -f -V $v $D
			[ "$status" -eq 0 ]
			[[ $stderr == *"initialized 1 nmem"* ]]
			area "$t/mine"
			ndctl write-labels -i "$t/before" $D
			ndctl init-labels -f -V $v $D
			area "$t/theirs"
			cmp "$t/theirs" "$t/mine" || { echo "differs: -V $v from $start"; false; }
		done
	done
	# the kernel accepts what was written
	# shellcheck disable=SC2086
	ndctl enable-region $B all
	# shellcheck disable=SC2086
	ndtool create-namespace $B -m raw -s 16M
}

@test "init-labels without --force keeps valid labels" {
	ndctl init-labels -f $D
	area "$BATS_TEST_TMPDIR/before"
	run --separate-stderr ndtool init-labels $D
	[ "$status" -eq 1 ]
	[[ $stderr == *"$D already has valid labels: add --force"* ]]
	area "$BATS_TEST_TMPDIR/after"
	cmp "$BATS_TEST_TMPDIR/before" "$BATS_TEST_TMPDIR/after"
}

@test "read-labels -o and -j read and parse like ndctl" {
	t=$BATS_TEST_TMPDIR
	ndctl init-labels -f -V 1.2 $D
	# shellcheck disable=SC2086
	ndctl enable-region $B all
	# shellcheck disable=SC2086
	ndctl create-namespace $B -m fsdax -s 32M -n labelled
	# shellcheck disable=SC2086
	ndctl create-namespace $B -m sector -s 32M
	for d in $(ndctl list -D $B | jq -r '.[].dev'); do
		ndtool read-labels -o "$t/mine" "$d"
		ndctl read-labels -o "$t/theirs" "$d"
		cmp "$t/mine" "$t/theirs"
		for args in "-j" "-j -u" "-u"; do
			# shellcheck disable=SC2086
			ndtool read-labels $args "$d" >"$t/mine.json"
			# shellcheck disable=SC2086
			ndctl read-labels $args "$d" >"$t/theirs.json" 2>/dev/null
			"$SRCDIR/test/bats/json-compare" "$t/theirs.json" "$t/mine.json"
		done
	done
	# several DIMMs: one JSON array, like ndctl
	# shellcheck disable=SC2086
	ndtool read-labels -j $B all >"$t/mine.json"
	# shellcheck disable=SC2086
	ndctl read-labels -j $B all >"$t/theirs.json" 2>/dev/null
	"$SRCDIR/test/bats/json-compare" "$t/theirs.json" "$t/mine.json"
	[ "$(jq '[.[].label[] | select(.name == "labelled")] | length' "$t/mine.json")" -ge 1 ]
	# -I limits to the index blocks, -s/-O select a range
	ndtool read-labels -I -o "$t/index" $D
	[ "$(stat -c %s "$t/index")" -eq 512 ]
	ndtool read-labels -s 16 -O 256 -o "$t/sig" $D
	[ "$(tr -d '\0' <"$t/sig")" = NAMESPACE_INDEX ]
}

@test "write-labels and zero-labels round-trip, as ndctl sees them" {
	t=$BATS_TEST_TMPDIR
	ndctl init-labels -f $D
	area "$t/orig"
	run --separate-stderr ndtool zero-labels $D
	[ "$status" -eq 0 ]
	area "$t/zero"
	cmp "$t/zero" <(head -c "$(stat -c %s "$t/orig")" /dev/zero)
	run --separate-stderr ndtool write-labels -i "$t/orig" $D
	[ "$status" -eq 0 ]
	[[ $stderr == *"wrote 1 nmem"* ]]
	area "$t/back"
	cmp "$t/orig" "$t/back"
	# from standard input
	ndtool zero-labels $D
	ndtool write-labels $D <"$t/orig"
	area "$t/back"
	cmp "$t/orig" "$t/back"
	ndctl check-labels $D
}

@test "label writes are refused while a region uses the DIMM, and change nothing" {
	t=$BATS_TEST_TMPDIR
	ndctl init-labels -f $D
	# shellcheck disable=SC2086
	ndctl enable-region $B all
	area "$t/before"
	for cmd in "init-labels -f $D" "zero-labels $D" "write-labels -i $t/before $D"; do
		# shellcheck disable=SC2086
		run --separate-stderr ndtool $cmd
		[ "$status" -eq 1 ]
		[[ $stderr == *"$D holds the labels of enabled region"*": disable it first ('ndtool disable-region region"* ]]
	done
	area "$t/after"
	cmp "$t/before" "$t/after"
}

@test "check-labels reports a damaged index block and --repair rebuilds it" {
	t=$BATS_TEST_TMPDIR
	ndctl init-labels -f $D
	run --separate-stderr ndtool check-labels $D
	[ "$status" -eq 0 ]
	[[ $stderr == *"successfully verified 1 nmem label"* ]]
	area "$t/good"
	python3 -c "
b = bytearray(open('$t/good', 'rb').read()); b[64] ^= 0xff
open('$t/bad', 'wb').write(b)"
	ndctl write-labels -i "$t/bad" $D
	run --separate-stderr ndtool check-labels $D
	[ "$status" -eq 1 ]
	[[ $stderr == *"$D: index0: bad checksum"* ]]
	run --separate-stderr ndtool check-labels --repair $D
	[ "$status" -eq 0 ]
	[[ $stderr == *"$D: index block rebuilt"* ]]
	run --separate-stderr ndtool check-labels $D
	[ "$status" -eq 0 ]
	ndctl check-labels $D
	# both blocks broken: nothing to rebuild from, nothing written
	python3 -c "
b = bytearray(open('$t/good', 'rb').read()); b[64] ^= 0xff; b[256 + 64] ^= 0xff
open('$t/worse', 'wb').write(b)"
	ndctl write-labels -i "$t/worse" $D
	run --separate-stderr ndtool check-labels --repair $D
	[ "$status" -eq 1 ]
	[[ $stderr == *"not repairable: no valid index block to copy from"* ]]
	area "$t/after"
	cmp "$t/worse" "$t/after"
	ndctl init-labels -f $D
}

@test "label commands: bad input is a usage error" {
	run --separate-stderr ndtool init-labels -V 2.0 $D
	[ "$status" -eq 2 ]
	[[ $stderr == *"--label-version is 1.1 or 1.2, not '2.0'"* ]]
	run --separate-stderr ndtool write-labels nmem0 nmem1
	[ "$status" -eq 2 ]
	run --separate-stderr ndtool read-labels -O 9G -o /dev/null $D
	[ "$status" -eq 1 ]
	[[ $stderr == *"reach past the label area"* ]]
	run --separate-stderr ndtool zero-labels nmem99
	[ "$status" -eq 1 ]
	[[ $stderr == *"no DIMM matches 'nmem99'"* ]]
}

@test "read-labels: a failed write of the -o file is an error" {
	# -s 16 fails when the file is closed, the whole area while it is written, -j either
	for args in "-s 16" "" "-j"; do
		# shellcheck disable=SC2086
		run --separate-stderr ndtool read-labels $args -o /dev/full $D
		[ "$status" -eq 1 ]
		[[ $stderr == *"read-labels: cannot write /dev/full: No space left on device"* ]]
	done
}

@test "label commands report a busy DIMM instead of failing silently" {
	t=$BATS_TEST_TMPDIR
	ndctl init-labels -f $D
	area "$t/before"
	# The kernel answers EBUSY when a region claims the DIMM between ndtool's check and
	# the ioctl, a race no test hits on demand: strace makes every ioctl answer EBUSY.
	for cmd in "read-labels -o $t/out" "write-labels -i $t/before" "zero-labels" \
		"init-labels -f" "check-labels"; do
		# shellcheck disable=SC2086
		run --separate-stderr strace -qq -f --seccomp-bpf -o /dev/null -e trace=ioctl \
			-e inject=ioctl:error=EBUSY "$NDTOOL" $cmd $D
		[ "$status" -eq 1 ]
		[[ $stderr == *"$D is busy (Device or resource busy): an enabled region may be using it; 'ndtool list -R -d $D' shows its regions"* ]]
	done
	area "$t/after"
	cmp "$t/before" "$t/after"
}

@test "label commands: 'all' that selects no DIMM is not an error, as in ndctl" {
	for cmd in read-labels zero-labels init-labels check-labels; do
		run --separate-stderr ndtool $cmd -b no-such-bus all
		[ "$status" -eq 0 ]
		[[ $stderr != *"(null)"* ]]
		[[ $stderr == *" 0 nmem"* ]]
		run ndctl $cmd -b no-such-bus all
		[ "$status" -eq 0 ]
	done
}

@test "write-labels: an input that cannot be read writes nothing" {
	t=$BATS_TEST_TMPDIR
	ndctl init-labels -f $D
	area "$t/before"
	# read() of a directory fails at once
	run --separate-stderr ndtool write-labels -i / $D
	[ "$status" -eq 1 ]
	[[ $stderr == *"cannot read /: Is a directory: nothing was written to $D"* ]]
	# 64 KiB of zeros that read well, then an I/O error (device-mapper zero + error)
	modprobe dm_mod
	printf '0 128 zero\n128 128 error\n' | dmsetup create --noudevsync ndtool-eio
	dev=/dev/dm-$(dmsetup info -c --noheadings -o minor ndtool-eio)
	run --separate-stderr ndtool write-labels -i "$dev" $D
	dmsetup remove --noudevsync ndtool-eio
	[ "$status" -eq 1 ]
	[[ $stderr == *"cannot read $dev: Input/output error: nothing was written to $D"* ]]
	area "$t/after"
	cmp "$t/before" "$t/after"
}

@test "write-labels reads no more than the label area" {
	t=$BATS_TEST_TMPDIR
	ndctl init-labels -f $D
	area "$t/before"
	size=$(stat -c %s "$t/before")
	# an endless input: refused after size + 1 bytes, not read until memory runs out
	run --separate-stderr bash -c "ulimit -v 262144; exec '$NDTOOL' write-labels -i /dev/zero $D"
	[ "$status" -eq 1 ]
	[[ $stderr == *"/dev/zero holds more than the $size bytes from offset 0 to the end of $D's label area: use --size to write less"* ]]
	area "$t/after"
	cmp "$t/before" "$t/after"
}

@test "label commands check --size in 64 bits, before allocating or reading anything" {
	t=$BATS_TEST_TMPDIR
	ndctl init-labels -f $D
	area "$t/before"
	# 4 GiB + 16: neither cut to 16 bytes nor allocated before the check
	for cmd in "read-labels -o $t/out" "zero-labels" "write-labels -i $t/before"; do
		# shellcheck disable=SC2086
		run --separate-stderr bash -c "ulimit -v 262144; exec '$NDTOOL' $cmd -s 4294967312 $D"
		[ "$status" -eq 1 ]
		[[ $stderr == *"$D: --offset/--size reach past the label area"* ]]
	done
	[ ! -s "$t/out" ]
	area "$t/after"
	cmp "$t/before" "$t/after"
}
