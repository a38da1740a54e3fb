#!/usr/bin/env bats
# The security commands' command lines: what is refused before any DIMM, key or blob is
# looked at (the behaviour on DIMMs is proven against ndctl in test/bats/security.bats).

bats_require_minimum_version 1.5.0

SRCDIR=$(cd "$BATS_TEST_DIRNAME/../.." && pwd)
BUILDDIR=${BUILDDIR:-$SRCDIR/build}
NDTOOL=$BUILDDIR/ndtool/.libs/ndtool
export LD_LIBRARY_PATH=$BUILDDIR/lib/.libs

@test "security commands: bad command lines exit 2" {
	local c
	for c in setup-passphrase update-passphrase remove-passphrase freeze-security \
		sanitize-dimm wait-overwrite; do
		run --separate-stderr "$NDTOOL" "$c"
		[ "$status" -eq 2 ] || { echo "$c: exit $status"; false; }
		[[ $stderr == *"name DIMMs"* ]]
	done
	run --separate-stderr "$NDTOOL" setup-passphrase nmem0
	[ "$status" -eq 2 ]
	[[ $stderr == *"-k <type>:<description>"* ]]
	for k in nvdimm-master user: :nvdimm-master; do
		run --separate-stderr "$NDTOOL" setup-passphrase nmem0 -k "$k"
		[ "$status" -eq 2 ] || { echo "-k $k: exit $status"; false; }
		[[ $stderr == *"must be <type>:<description>"* ]]
	done
	run --separate-stderr "$NDTOOL" update-passphrase nmem0 -k bad
	[ "$status" -eq 2 ]
	run --separate-stderr "$NDTOOL" setup-passphrase nmem0 -k logon:nvdimm-master
	[ "$status" -eq 2 ]
	[[ $stderr == *"user, trusted or encrypted"* ]]
	run --separate-stderr "$NDTOOL" sanitize-dimm nmem0 -m -o
	[ "$status" -eq 2 ]
	[[ $stderr == *"--crypto-erase only"* ]]
	run --separate-stderr "$NDTOOL" sanitize-dimm nmem0 -m -z
	[ "$status" -eq 2 ]
	run --separate-stderr "$NDTOOL" load-keys extra
	[ "$status" -eq 2 ]
}

@test "load-keys: an unreadable key directory is an error, with its name" {
	run --separate-stderr "$NDTOOL" load-keys -p "$BATS_TEST_TMPDIR/none"
	[ "$status" -eq 1 ]
	[[ $stderr == *"$BATS_TEST_TMPDIR/none"* ]]
	[ -z "$output" ]
}

@test "security commands: -h lists their own options only" {
	run "$NDTOOL" setup-passphrase -h
	[ "$status" -eq 0 ]
	[[ $output == *"--key-handle"* ]]
	[[ $output != *"--label-version"* ]]
	run "$NDTOOL" load-keys -h
	[[ $output == *"--tpm-handle"* ]]
}

@test "the key directory: -p, else keypath in [security] of the configuration, else the default" {
	local c=$BATS_TEST_TMPDIR/conf.d
	mkdir -p "$c"
	printf '[core]\nkeypath = /core\n[security]\n# a comment\nkeypath = %s/first\n' \
		"$BATS_TEST_TMPDIR" >"$c/a.conf"
	printf '[security]\n  keypath = %s/second  \n' "$BATS_TEST_TMPDIR" >"$c/b.conf"
	# files in name order, the last value wins
	NDTOOL_CONF_DIR=$c run --separate-stderr "$NDTOOL" load-keys
	[ "$status" -eq 1 ]
	[[ $stderr == *"key directory $BATS_TEST_TMPDIR/second:"* ]]
	NDTOOL_CONF_DIR=$c run --separate-stderr "$NDTOOL" load-keys -p "$BATS_TEST_TMPDIR/opt"
	[[ $stderr == *"key directory $BATS_TEST_TMPDIR/opt:"* ]]
	NDTOOL_CONF_DIR=$BATS_TEST_TMPDIR/none run --separate-stderr "$NDTOOL" load-keys \
		-p "$BATS_TEST_TMPDIR/x"
	[[ $stderr == *"$BATS_TEST_TMPDIR/x"* ]]
}

@test "load-keys: nothing to load is no error; DIMM blobs without the master key are" {
	local k=$BATS_TEST_TMPDIR/keys
	mkdir -p "$k"
	run --separate-stderr "$NDTOOL" load-keys -p "$k"
	[ "$status" -eq 0 ]
	[ "$output" = "0 nvdimm keys loaded" ]
	[[ $stderr != *"master"* ]]
	echo "enc32 user:nvdimm-master 32 00" >"$k/nvdimm_cdab-0a-07e0-ffffffff_host.blob"
	run --separate-stderr "$NDTOOL" load-keys -p "$k"
	[ "$status" -eq 1 ]
	[[ $stderr == *"no master key: $k/nvdimm-master.blob"* ]]
	[ "$output" = "0 nvdimm keys loaded" ]
}
