#!/usr/bin/env bats
# topology: S
# DIMM security against ndctl on nfit_test's Intel-family DIMMs (nfit_test.0 emulates the
# passphrase, freeze, erase and overwrite commands). Each step runs with ndtool on one DIMM
# and with ndctl on another in the same state: both exit alike, print the same summary,
# and leave the same kernel state (nmemN/security and frozen, list -D), the same keys in
# the user keyring and the same blobs in /etc/ndctl/keys (a tmpfs here). Keys and blobs
# made by one tool are used by the other.

load helpers

KEYS=/etc/ndctl/keys

setup_file() {
	local -a dimms
	mapfile -t dimms < <(ndtool list -D -b nfit_test.0 | sed -n 's/.*"dev":"\(nmem[0-9]*\)".*/\1/p' |
		sort -V)
	export A=${dimms[0]} B=${dimms[1]} C=${dimms[2]} D=${dimms[3]}
	OTHER=$(ndtool list -D -b nfit_test.1 | sed -n 's/.*"dev":"\(nmem[0-9]*\)".*/\1/p' | head -1)
	export OTHER
	OLD_HOST=$(hostname)
	export OLD_HOST
	hostname keyhost
	mount -t tmpfs -o mode=0755 tmpfs "$KEYS"
	keyctl clear @u
	# the master key: a user key of random bytes, and its blob as load-keys reads it
	head -c 32 /dev/urandom | keyctl padd user nvdimm-master @u >/dev/null
	keyctl pipe "$(keyctl search @u user nvdimm-master)" >"$KEYS/nvdimm-master.blob"
	# the kernel refuses security changes while a region uses the DIMM
	ndtool disable-region -b nfit_test.0 all >/dev/null 2>&1
}

teardown_file() {
	ndtool enable-region -b nfit_test.0 all >/dev/null 2>&1 || true
	keyctl clear @u || true
	umount "$KEYS" || true
	hostname "$OLD_HOST" || true
}

uid() { cat "/sys/bus/nd/devices/$1/nfit/id"; }
blob() { echo "$KEYS/nvdimm${2:-}_$(uid "$1")_keyhost.blob"; }
key() { keyctl search @u encrypted "nvdimm${2:-}:$(uid "$1")" 2>/dev/null || true; }

# state DIMM: what the kernel says of the DIMM's security
state() {
	local s
	s=$(cat "/sys/bus/nd/devices/$1/security" 2>/dev/null) || s=unreported
	echo "$s frozen=$(cat "/sys/bus/nd/devices/$1/frozen")"
}

# keys DIMM: which of its keys are in the keyring and which blobs are in the key directory
keys() {
	local id
	id=$(uid "$1")
	keyctl show @u | sed -n "s/.* encrypted: \(nvdimm[-a-z]*\):$id\$/key \1/p" | sort
	ls "$KEYS" | sed -n "s/^\(nvdimm[-a-z]*\)_${id}_keyhost\.blob\$/blob \1/p" | sort
}

# norm FILE: list JSON without what names the DIMM
norm() { sed -E '/"(dev|id|handle|phys_id)":/d' "$1"; }

# both CMD ARGS...: "ndtool CMD $MINE ARGS" and "ndctl CMD $THEIRS ARGS" exit alike, print
# the same summary (their last line) and leave the two DIMMs in the same security state
# with the same keys and blobs; list -D of the two DIMMs is the same, and ndtool list -D of
# $MINE is ndctl's. NOKEYS=1 leaves out the keys, NOLIST=1 the lists.
both() {
	local d=$BATS_TEST_TMPDIR cmd=$1 rc1=0 rc2=0
	shift
	ndtool "$cmd" "$MINE" "$@" >"$d/sec-mine.out" 2>"$d/sec-mine.err" || rc1=$?
	ndctl "$cmd" "$THEIRS" "$@" >"$d/sec-theirs.out" 2>"$d/sec-theirs.err" || rc2=$?
	echo "$rc1" >"$d/rc"
	if [ "$rc1" != "$rc2" ]; then
		echo "$cmd $*: ndtool exit $rc1 on $MINE, ndctl exit $rc2 on $THEIRS"
		cat "$d/sec-mine.err" "$d/sec-theirs.err"
		return 1
	fi
	[ "$(tail -n1 "$d/sec-mine.err")" = "$(tail -n1 "$d/sec-theirs.err")" ] ||
		{ echo "$cmd $*: summaries differ"; cat "$d/sec-mine.err" "$d/sec-theirs.err"; return 1; }
	[ "$(state "$MINE")" = "$(state "$THEIRS")" ] ||
		{ echo "$cmd $*: $MINE: $(state "$MINE"), $THEIRS: $(state "$THEIRS")"; return 1; }
	[ -n "${NOKEYS:-}" ] || [ "$(keys "$MINE")" = "$(keys "$THEIRS")" ] ||
		{ echo "$cmd $*: keys differ:"; keys "$MINE"; echo ---; keys "$THEIRS"; return 1; }
	[ -z "${NOLIST:-}" ] || return 0
	ndtool list -D -d "$MINE" >"$d/l1"
	ndctl list -D -d "$MINE" >"$d/l2"
	ndctl list -D -d "$THEIRS" >"$d/l3"
	diff -u "$d/l2" "$d/l1"
	diff -u <(norm "$d/l3") <(norm "$d/l1")
}

# snapshot DIMM: its state, its keys and the contents of its blobs, to show that nothing
# changed
snapshot() {
	local k f
	state "$1"
	for k in "" -master -old -master-old; do
		echo "nvdimm$k $(key "$1" "$k")"
		f=$(blob "$1" "$k")
		[ ! -e "$f" ] || sha256sum "$f"
	done
}

@test "setup-passphrase: the same state, key and blob as ndctl's" {
	MINE=$A THEIRS=$B both setup-passphrase -k user:nvdimm-master
	[ "$(cat "$BATS_TEST_TMPDIR/rc")" = 0 ]
	[ "$(state "$A")" = "unlocked frozen=0" ]
	ndtool list -D -d "$A" | grep -q '"security":"unlocked"'
	[ "$(keys "$A")" = "$(printf 'key nvdimm\nblob nvdimm')" ]
	# ndctl's blob format: what reading the encrypted key gives, and nothing else
	grep -Eqx 'enc32 user:nvdimm-master 32 [0-9a-f]+' "$(blob "$A")"
	[ "$(wc -c <"$(blob "$A")")" = "$(wc -c <"$(blob "$B")")" ]
	cmp <(keyctl pipe "$(key "$A")") "$(blob "$A")"
	# only root reads ndtool's blobs (ndctl writes them 0644)
	[ "$(stat -c %a "$(blob "$A")")" = 600 ]
	# a second setup is refused by both, and changes nothing
	local before
	before=$(snapshot "$A")
	MINE=$A THEIRS=$B both setup-passphrase -k user:nvdimm-master
	[ "$(cat "$BATS_TEST_TMPDIR/rc")" = 1 ]
	[ "$(snapshot "$A")" = "$before" ]
}

@test "setup-passphrase refusals leave no key and no blob" {
	local before
	before=$(snapshot "$C")
	# no such master key
	MINE=$C THEIRS=$D both setup-passphrase -k user:no-such-kek
	[ "$(cat "$BATS_TEST_TMPDIR/rc")" = 1 ]
	# a DIMM without security commands (nfit_test.1)
	run ndtool setup-passphrase "$OTHER" -k user:nvdimm-master
	[ "$status" = 1 ]
	[[ "$output" == *"does not support security"* ]]
	# an enabled region uses the DIMM
	ndtool enable-region -b nfit_test.0 all >/dev/null
	local rc=0
	MINE=$C THEIRS=$D both setup-passphrase -k user:nvdimm-master || rc=1
	ndtool disable-region -b nfit_test.0 all >/dev/null
	[ "$rc" = 0 ]
	[ "$(cat "$BATS_TEST_TMPDIR/rc")" = 1 ]
	cat "$BATS_TEST_TMPDIR/sec-mine.err"
	grep -q "disable-region" "$BATS_TEST_TMPDIR/sec-mine.err"
	# a handle that is not <type>:<description> (ndctl: exit 1, "No such key type")
	run ndtool setup-passphrase "$C" -k nvdimm-master
	[ "$status" = 2 ]
	run ndtool setup-passphrase "$C"
	[ "$status" = 2 ]
	run ndtool setup-passphrase nmem999 -k user:nvdimm-master
	[ "$status" = 1 ]
	[ "$(snapshot "$C")" = "$before" ]
	[ -z "$(keys "$C")" ]
}

@test "update-passphrase: a new key and blob, the old ones gone, as ndctl" {
	local a b
	a=$(sha256sum <"$(blob "$A")") b=$(sha256sum <"$(blob "$B")")
	MINE=$A THEIRS=$B both update-passphrase
	[ "$(cat "$BATS_TEST_TMPDIR/rc")" = 0 ]
	[ "$(sha256sum <"$(blob "$A")")" != "$a" ]
	[ "$(sha256sum <"$(blob "$B")")" != "$b" ]
	[ "$(keys "$A")" = "$(printf 'key nvdimm\nblob nvdimm')" ]
	cmp <(keyctl pipe "$(key "$A")") "$(blob "$A")"
	# the DIMM took the new passphrase: the old key no longer opens it (below, the unlock
	# with the new one does)
}

# lock_and_enable DIMM: disable it, have nfit_test lock it as a power cycle would, and
# enable it: the kernel unlocks it with the key "nvdimm:<id>" of the keyring
lock_and_enable() {
	local t h
	h=$(cat "/sys/bus/nd/devices/$1/nfit/handle")
	for t in /sys/class/nfit_test_dimm/test_dimm*; do
		[ "$(cat "$t/handle")" = "$h" ] && break
	done
	ndtool disable-dimm "$1" >/dev/null
	echo 1 >"$t/lock_dimm"
	# the kernel built with nfit_test reads the state again when asked for it
	cat "/sys/bus/nd/devices/$1/security" >/dev/null
	ndtool enable-dimm "$1" >/dev/null 2>&1 || true
}

@test "load-keys loads either tool's blobs; the kernel unlocks the DIMMs with them" {
	local mine theirs
	# without keys the DIMM stays locked: the test can fail
	keyctl clear @u
	lock_and_enable "$A"
	[ "$(state "$A")" = "locked frozen=0" ]
	assert_same_list -D -d "$A"
	# ndtool loads ndctl's blob (B) and its own (A)
	mine=$(ndtool load-keys 2>/dev/null)
	[ "$mine" = "$(printf 'nvdimm master key loaded.\n2 nvdimm keys loaded')" ]
	[ -n "$(key "$A")" ] && [ -n "$(key "$B")" ]
	lock_and_enable "$A"
	lock_and_enable "$B"
	[ "$(state "$A")" = "unlocked frozen=0" ]
	[ "$(state "$B")" = "unlocked frozen=0" ]
	assert_same_list -D -d "$A"
	# ndctl loads ndtool's blob, which unlocks A again; it prints what ndtool printed
	keyctl clear @u
	theirs=$(ndctl load-keys 2>/dev/null)
	[ "$theirs" = "$mine" ]
	lock_and_enable "$A"
	[ "$(state "$A")" = "unlocked frozen=0" ]
	# -p: another key directory
	mkdir -p /tmp/keys2
	cp "$KEYS"/nvdimm-master.blob "$(blob "$A")" /tmp/keys2/
	keyctl clear @u
	run ndtool load-keys -p /tmp/keys2
	[ "$status" = 0 ]
	[ "${lines[-1]}" = "1 nvdimm keys loaded" ]
	run ndtool load-keys -p /tmp/no-such-dir
	[ "$status" = 1 ]
	# a TPM-sealed master key needs trusted keys, which this kernel lacks: a clear error,
	# and no DIMM key is loaded without a master key (ndctl: "add_key failed: No
	# such device", exit 237)
	keyctl clear @u
	run ndtool load-keys -p /tmp/keys2 -t 0x81000001
	[ "$status" = 1 ]
	[[ "$output" == *"trusted"* ]]
	[ -z "$(key "$A")" ]
	keyctl clear @u
	ndtool load-keys >/dev/null 2>&1
}

@test "master passphrase: setup, update and a crypto-erase with it, as ndctl" {
	MINE=$A THEIRS=$B both setup-passphrase -m -k user:nvdimm-master
	[ "$(cat "$BATS_TEST_TMPDIR/rc")" = 0 ]
	[ -n "$(key "$A" -master)" ] && [ -e "$(blob "$A" -master)" ]
	MINE=$A THEIRS=$B both update-passphrase -m
	[ "$(cat "$BATS_TEST_TMPDIR/rc")" = 0 ]
	cmp <(keyctl pipe "$(key "$A" -master)") "$(blob "$A" -master)"
	# a master key lost from the keyring and the directory: a second setup makes a key
	# and blob, the DIMM refuses the zero passphrase as the old one, and both go again
	local serial before
	serial=$(key "$A" -master)
	cp "$(blob "$A" -master)" "$BATS_TEST_TMPDIR/master.blob"
	keyctl unlink "$serial" @u >/dev/null
	rm "$(blob "$A" -master)"
	before=$(snapshot "$A")
	run ndtool setup-passphrase -m "$A" -k user:nvdimm-master
	[ "$status" = 1 ]
	[[ "$output" == *"refused the passphrase"* ]]
	[ "$(snapshot "$A")" = "$before" ]
	cp "$BATS_TEST_TMPDIR/master.blob" "$(blob "$A" -master)"
	keyctl add encrypted "nvdimm-master:$(uid "$A")" "load $(<"$BATS_TEST_TMPDIR/master.blob")" \
		@u >/dev/null
	# the master passphrase cannot be removed: both refuse
	MINE=$A THEIRS=$B both remove-passphrase -m
	[ "$(cat "$BATS_TEST_TMPDIR/rc")" = 1 ]
	# erasing with it clears the user passphrase: ndtool removes the user key and blob,
	# ndctl keeps them (a later setup-passphrase then fails: "key already present")
	[ -n "$(key "$A")" ] && [ -n "$(key "$B")" ]
	MINE=$A THEIRS=$B NOKEYS=1 both sanitize-dimm -c -m
	[ "$(cat "$BATS_TEST_TMPDIR/rc")" = 0 ]
	[ "$(state "$A")" = "disabled frozen=0" ]
	[ "$(keys "$A")" = "$(printf 'key nvdimm-master\nblob nvdimm-master')" ]
	keyctl unlink "$(key "$B")" @u >/dev/null
	rm "$(blob "$B")"
	[ "$(keys "$A")" = "$(keys "$B")" ]
}

@test "remove-passphrase and crypto-erase: security disabled, key and blob removed" {
	MINE=$A THEIRS=$B both setup-passphrase -k user:nvdimm-master
	# ndctl removes a passphrase ndtool set, and the other way round
	ndctl remove-passphrase "$A" 2>/dev/null
	ndtool remove-passphrase "$B" 2>/dev/null
	[ "$(state "$A")" = "disabled frozen=0" ] && [ "$(state "$B")" = "disabled frozen=0" ]
	[ -z "$(key "$A")" ] && [ ! -e "$(blob "$A")" ]
	[ -z "$(key "$B")" ] && [ ! -e "$(blob "$B")" ]
	MINE=$A THEIRS=$B both setup-passphrase -k user:nvdimm-master
	# a wrong key: the DIMM refuses it, and the key and blob stay
	local good before
	good=$(key "$A")
	cp "$(blob "$A")" "$BATS_TEST_TMPDIR/good.blob"
	keyctl unlink "$good" @u >/dev/null
	keyctl add encrypted "nvdimm:$(uid "$A")" "new enc32 user:nvdimm-master 32" @u >/dev/null
	keyctl pipe "$(key "$A")" >"$(blob "$A")"
	before=$(snapshot "$A")
	run ndtool remove-passphrase "$A"
	[ "$status" = 1 ]
	[[ "$output" == *"refused the passphrase"* ]]
	[ "$(snapshot "$A")" = "$before" ]
	[ "$(state "$A")" = "unlocked frozen=0" ]
	keyctl unlink "$(key "$A")" @u >/dev/null
	cp "$BATS_TEST_TMPDIR/good.blob" "$(blob "$A")"
	MINE=$A THEIRS=$B both remove-passphrase
	[ "$(cat "$BATS_TEST_TMPDIR/rc")" = 0 ]
	[ -z "$(key "$A")" ] && [ ! -e "$(blob "$A")" ]
	# nothing left to remove
	run ndtool remove-passphrase "$A"
	[ "$status" = 1 ]
	MINE=$A THEIRS=$B both setup-passphrase -k user:nvdimm-master
	MINE=$A THEIRS=$B both sanitize-dimm
	[ "$(cat "$BATS_TEST_TMPDIR/rc")" = 0 ]
	[ "$(state "$A")" = "disabled frozen=0" ]
	[ -z "$(key "$A")" ] && [ ! -e "$(blob "$A")" ]
	# a DIMM without a passphrase is crypto-erased with the zero key only
	run ndtool sanitize-dimm "$A"
	[ "$status" = 1 ]
	[[ "$output" == *"--zero-key"* ]]
	MINE=$A THEIRS=$B both sanitize-dimm -z
	[ "$(cat "$BATS_TEST_TMPDIR/rc")" = 0 ]
	# -c -o: the erase, then the overwrite with the passphrase the erase left (none);
	# ndctl cannot load a key it has just removed: "overwrite issued for 0 nmem", exit 1
	ndtool setup-passphrase "$A" -k user:nvdimm-master 2>/dev/null
	ndtool disable-dimm "$A" >/dev/null
	run ndtool sanitize-dimm -c -o "$A"
	[ "$status" = 0 ]
	[ "${lines[-1]}" = "overwrite issued for 1 nmem." ]
	ndtool wait-overwrite "$A"
	ndtool enable-dimm "$A" >/dev/null
	[ "$(state "$A")" = "disabled frozen=0" ]
	[ -z "$(keys "$A" | grep -v master)" ]
}

@test "the erase scrambles the data of the DIMM's namespaces" {
	skip "nfit_test emulates Secure Erase and Overwrite as passphrase state changes only" \
		"(tools/testing/nvdimm/test/nfit.c): the media keeps its bytes, so erasure is" \
		"not observable in this VM"
}

@test "sanitize-dimm --overwrite; wait-overwrite returns when the kernel reports the end" {
	local rc=0
	ndtool setup-passphrase "$C" -k user:nvdimm-master 2>/dev/null
	ndctl setup-passphrase "$D" -k user:nvdimm-master 2>/dev/null
	# ndtool overwrites disabled DIMMs only (the labels go too)
	run ndtool sanitize-dimm -o "$C"
	[ "$status" = 1 ]
	[[ "$output" == *"disable-dimm $C"* ]]
	ndtool disable-dimm "$C" "$D" >/dev/null
	# the overwrite ends when the kernel next asks the DIMM, 10 s later: the checks of
	# the running overwrite come first
	run ndtool sanitize-dimm -o "$C"
	[ "$status" = 0 ]
	[ "${lines[-1]}" = "overwrite issued for 1 nmem." ]
	# while it runs the kernel built with nfit_test reports no state (real kernels:
	# "overwrite"); other requests are refused
	run ndtool update-passphrase "$C"
	[ "$status" = 1 ]
	[[ "$output" == *"wait-overwrite"* ]]
	[ "$(state "$C")" = "unreported frozen=0" ]
	ndtool wait-overwrite "$C"
	[ "$(state "$C")" = "unlocked frozen=0" ]
	# ndctl: the same summary and, once done, the same state and keys (ndctl enables the
	# DIMM again after the request; its wait-overwrite cannot read the state the kernel
	# built with nfit_test reports: "security operation not supported")
	run ndctl sanitize-dimm -o "$D"
	[ "$status" = 0 ]
	[ "${lines[-1]}" = "overwrite issued for 1 nmem." ]
	ndtool wait-overwrite "$D"
	[ "$(state "$D")" = "unlocked frozen=0" ]
	[ "$(keys "$C")" = "$(keys "$D")" ]
	# at once when none runs
	local t0
	t0=$(date +%s)
	ndtool wait-overwrite "$C" "$D"
	[ $(($(date +%s) - t0)) -le 2 ]
	ndtool enable-dimm "$C" "$D" >/dev/null
}

@test "freeze-security: every later change refused, nothing changed" {
	local before
	[ -n "$(key "$C")" ] && [ -n "$(key "$D")" ]
	MINE=$C THEIRS=$D both freeze-security
	[ "$(cat "$BATS_TEST_TMPDIR/rc")" = 0 ]
	[ "$(state "$C")" = "unlocked frozen=1" ]
	ndtool list -D -d "$C" | grep -q '"security_frozen":true'
	before=$(snapshot "$C")
	for args in "update-passphrase" "remove-passphrase" "sanitize-dimm" \
		"setup-passphrase -m -k user:nvdimm-master"; do
		# shellcheck disable=SC2086
		run ndtool $args "$C"
		[ "$status" = 1 ] || { echo "$args: exit $status"; return 1; }
		[[ "$output" == *frozen* ]]
		# shellcheck disable=SC2086
		run ndctl $args "$D"
		[ "$status" = 1 ] || { echo "ndctl $args: exit $status"; return 1; }
	done
	ndtool disable-dimm "$C" >/dev/null
	run ndtool sanitize-dimm -o "$C"
	[ "$status" = 1 ]
	ndtool enable-dimm "$C" >/dev/null
	[ "$(snapshot "$C")" = "$before" ]
	assert_same_list -D -b nfit_test.0
}
