#!/usr/bin/env bats
# topology: E
# read-infoblock and write-infoblock on the legacy (e820) namespace, compared with upstream
# ndctl on the same kernel state: the JSON and raw bytes of its fsdax, devdax and sector
# info blocks while disabled, -V, the bytes write-infoblock leaves on the namespace (read
# back raw) and the mode the kernel then enables it in; the refusals (active, mounted, bad
# input) leave the namespace and its bytes as they were.

load helpers

U=11111111-2222-3333-4444-555555555555

setup_file() {
	local d
	d=$(ls -d /sys/bus/nd/devices/ndbus0/region*/namespace*.0)
	export NS=${d##*/}
	d=${d%/*}
	export REGION=${d##*/}
}

teardown() {
	local m
	for m in $(awk '$2 ~ "^/mnt/" { print $2 }' /proc/mounts); do
		umount "$m" || true
	done
}

# The namespace in MODE (raw, fsdax, devdax, sector), disabled: raw through the helpers'
# reset, another mode reconfigured in place from whatever it is.
disabled_in() {
	if [ "$1" = raw ]; then
		reset_labelless "$NS" || return 1
	else
		ndctl create-namespace -f -e "$NS" -m "$1" >/dev/null || return 1
	fi
	ndctl disable-namespace "$NS" >/dev/null 2>&1
}

# The first 8 KiB of the disabled namespace, as ndctl reads them, into FILE.
raw_bytes() {
	ndctl read-infoblock "$NS" -o "$1" 2>"$1.err" || { cat "$1.err"; return 1; }
	[ "$(stat -c %s "$1")" = 8192 ]
}

@test "read-infoblock of disabled fsdax, devdax and sector namespaces prints ndctl's JSON and bytes" {
	local mode d=$BATS_TEST_TMPDIR
	for mode in fsdax devdax sector; do
		disabled_in $mode
		# reading leaves the namespace as it was (and in its mode, below)
		if [ $mode = fsdax ]; then
			unchanged ndtool read-infoblock -j "$NS"
		else
			run --separate-stderr ndtool read-infoblock -j "$NS"
		fi
		[ "$status" = 0 ] && [ "$stderr" = "read 1 infoblock" ]
		[ "$output" = "$(ndctl read-infoblock -j "$NS" 2>/dev/null)" ] ||
			{ echo "$mode -j: $output"; false; }
		[ $mode = sector ] && continue
		# -u, with -V and 'all' (the one namespace)
		run -0 --separate-stderr ndtool read-infoblock -V -u all
		[ "$output" = "$(ndctl read-infoblock -u "$NS" 2>/dev/null)" ] ||
			{ echo "$mode -u: $output"; false; }
		run -0 ndtool read-infoblock "$NS" -o "$d/n.bin"
		raw_bytes "$d/c.bin"
		cmp "$d/n.bin" "$d/c.bin"
		run -0 ndtool enable-namespace "$NS"
		[ "$(ndtool list -n "$NS" | jq -r '.[0].mode')" = $mode ]
	done
}

@test "write-infoblock writes ndctl's bytes to a disabled namespace; the kernel enables that mode" {
	local args d=$BATS_TEST_TMPDIR mode align dev
	for args in "-m devdax" "-m fsdax -M mem -a 2M" "-m fsdax -O 4K"; do
		# from the raw namespace first, then from the mode the previous block gave it
		if [ "$args" = "-m devdax" ]; then
			disabled_in raw
			# old bytes where the image goes: the first 4 KiB must come back zero
			ndctl enable-namespace "$NS" >/dev/null 2>&1
			dev=/dev/$(ls "/sys/bus/nd/devices/$NS/block/")
			tr '\0' '\377' </dev/zero | head -c 16384 >"$d/ones"
			dd if="$d/ones" of="$dev" bs=16384 count=1 oflag=direct status=none
			ndctl disable-namespace "$NS" >/dev/null 2>&1
		else
			run -0 ndtool disable-namespace "$NS"
		fi
		# shellcheck disable=SC2086
		ndctl write-infoblock "$NS" -u $U $args 2>/dev/null
		raw_bytes "$d/c.bin"
		# shellcheck disable=SC2086
		run -0 --separate-stderr ndtool write-infoblock "$NS" -u $U $args
		[ "$stderr" = "wrote 1 infoblock" ]
		raw_bytes "$d/n.bin"
		cmp "$d/n.bin" "$d/c.bin" || { echo "$args: bytes differ"; false; }
		[ "$(head -c 4096 "$d/n.bin" | tr -d '\0' | wc -c)" = 0 ]
		[ "$args" = "-m fsdax -O 4K" ] && continue	# misaligned on purpose
		# the kernel takes the block ndtool wrote
		run -0 ndtool enable-namespace "$NS"
		mode=${args#-m }
		mode=${mode%% *}
		align=$([ "${args/-a 2M/}" = "$args" ] && echo 4096 || echo 2097152)
		ndtool list -n "$NS" >"$d/list"
		[ "$(jq -r '.[0].mode, .[0].uuid, .[0].align' "$d/list")" = \
		  "$(printf '%s\n' "$mode" $U "$align")" ] || { cat "$d/list"; false; }
	done
}

@test "write-infoblock then read-infoblock -V: the namespace's parent uuid and checksum verify" {
	disabled_in raw
	run -0 ndtool write-infoblock "$NS" -m fsdax -u $U
	run -0 --separate-stderr ndtool read-infoblock -V -j "$NS"
	[ "$(jq -r '.[0].parent_uuid' <<<"$output")" = 00000000-0000-0000-0000-000000000000 ]
	# a parent uuid that is not the namespace's fails -V, and the kernel refuses it too
	run -0 ndtool write-infoblock "$NS" -m fsdax -u $U -p $U
	run -1 --separate-stderr ndtool read-infoblock -V -j "$NS"
	[[ "$stderr" == *"$NS: parent uuid does not match the namespace's uuid"* ]]
	[ -z "$output" ]
	run -0 ndtool read-infoblock -j "$NS"
}

@test "a namespace whose pfn claim stays configured: the claim's settings, or a refusal" {
	local seed d=/sys/bus/nd/devices
	disabled_in raw
	# a disabled pfn claim pointing at the namespace, as labelled namespaces keep them
	seed=$(cat $d/$REGION/pfn_seed)
	echo $U >$d/$seed/uuid
	echo pmem >$d/$seed/mode
	echo 2097152 >$d/$seed/align
	echo "$NS" >$d/$seed/namespace
	unchanged ndtool write-infoblock "$NS" -m devdax
	[ "$status" = 1 ]
	[[ "$stderr" == *"$NS stays claimed by $seed while disabled"*"claim's mode"* ]]
	unchanged ndtool write-infoblock "$NS" -u 22222222-2222-3333-4444-555555555555
	[ "$status" = 1 ]
	[[ "$stderr" == *"claim's uuid: leave out --uuid"* ]]
	run -0 ndtool write-infoblock "$NS"
	run -0 ndtool enable-namespace "$NS"
	[ "$(ndtool list -n "$NS" | jq -r '.[0].mode, .[0].uuid, .[0].align')" = \
	  "$(printf '%s\n' fsdax $U 2097152)" ]
}

@test "write-infoblock refuses an active or mounted namespace and bad input; nothing changes" {
	local d=$BATS_TEST_TMPDIR dev
	reset_labelless "$NS"
	unchanged ndtool write-infoblock "$NS" -m devdax
	[ "$status" = 1 ]
	[[ "$stderr" == *"$NS is active: disable it first ('ndtool disable-namespace $NS')"* ]]
	run -1 --separate-stderr ndtool read-infoblock -j "$NS"
	[[ "$stderr" == *"$NS is active: disable it first ('ndtool disable-namespace $NS')"* ]]
	# mounted fsdax: its file system survives the refusal
	ndctl create-namespace -f -e "$NS" -m fsdax >/dev/null
	dev=/dev/$(jq -r '.[0].blockdev' < <(ndctl list -n "$NS"))
	mkfs.ext4 -q -F "$dev"
	mkdir -p /mnt/ib
	mount -o dax "$dev" /mnt/ib
	echo kept >/mnt/ib/file
	unchanged ndtool write-infoblock "$NS" -m devdax
	[ "$status" = 1 ]
	[[ "$stderr" == *"mounted on /mnt/ib"* ]]
	umount /mnt/ib
	mount -o dax "$dev" /mnt/ib
	[ "$(cat /mnt/ib/file)" = kept ]
	umount /mnt/ib
	# disabled, bad input: neither the listing nor the bytes change
	run -0 ndtool disable-namespace "$NS"
	raw_bytes "$d/raw.before"
	unchanged ndtool write-infoblock "$NS" -m devdax -a 1G
	[ "$status" = 1 ]
	[[ "$stderr" == *"unable to satisfy the alignment"* ]]
	run -2 ndtool write-infoblock "$NS" -m sector
	run -1 ndtool write-infoblock "$NS" -s 4K
	run -2 ndtool write-infoblock all -m devdax
	raw_bytes "$d/raw.after"
	cmp "$d/raw.before" "$d/raw.after" || { cmp -l "$d/raw.before" "$d/raw.after" | head; false; }
	run -0 ndtool enable-namespace "$NS"
	[ "$(ndtool list -n "$NS" | jq -r '.[0].mode')" = fsdax ]
}
