#!/usr/bin/env bats
# topology: B
# Info blocks of a labelled namespace (nfit_test.0), where the parent uuid is the
# namespace's label uuid rather than zero: read-infoblock -j/-V against upstream ndctl,
# and write-infoblock's default parent uuid, bytes and the mode the kernel then enables.
# The label-less (e820) side is in infoblock.bats.

load helpers

U=11111111-2222-3333-4444-555555555555

teardown() {
	ndctl destroy-namespace -f -b nfit_test.0 all >/dev/null 2>&1 || true
}

@test "a labelled fsdax namespace: ndctl's JSON, its own uuid as parent, ndctl's bytes written" {
	local d=$BATS_TEST_TMPDIR region ns uuid
	reset_labels
	region=$(ndctl list -b nfit_test.0 -R -t pmem | jq -r '.[0].dev')
	ns=$(ndctl create-namespace -b nfit_test.0 -r "$region" -m fsdax -s 32M | jq -r .dev)
	ndctl disable-namespace "$ns" >/dev/null
	# the namespace's own (label) uuid, not its claim's that a listing shows
	uuid=$(cat "/sys/bus/nd/devices/$ns/uuid")
	[ -n "$uuid" ] && [ "$uuid" != null ]
	run -0 --separate-stderr ndtool read-infoblock -V -j "$ns"
	[ "$output" = "$(ndctl read-infoblock -j "$ns" 2>/dev/null)" ]
	[ "$(jq -r '.[0].parent_uuid' <<<"$output")" = "$uuid" ]
	# written by each tool with the default parent: the same 8 KiB
	ndctl write-infoblock "$ns" -m devdax -u $U 2>/dev/null
	ndctl read-infoblock "$ns" -o "$d/c.bin" 2>/dev/null
	run -0 ndtool write-infoblock "$ns" -m devdax -u $U
	ndctl read-infoblock "$ns" -o "$d/n.bin" 2>/dev/null
	cmp "$d/n.bin" "$d/c.bin"
	run -0 --separate-stderr ndtool read-infoblock -V -j "$ns"
	[ "$(jq -r '.[0].parent_uuid, .[0].signature' <<<"$output")" = \
	  "$(printf '%s\n' "$uuid" NVDIMM_DAX_INFO)" ]
	# the v1.2 label records the claim class (pfn): the kernel probes only that class, so
	# a dax block leaves the namespace raw, and a pfn block with a new uuid is taken
	run -0 ndtool enable-namespace "$ns"
	[ "$(ndtool list -n "$ns" | jq -r '.[0].mode')" = raw ]
	run -0 ndtool disable-namespace "$ns"
	run -0 ndtool write-infoblock "$ns" -m fsdax -u $U
	run -0 ndtool enable-namespace "$ns"
	ndtool list -n "$ns" >"$d/list"
	[ "$(jq -r '.[0].mode, .[0].uuid' "$d/list")" = "$(printf '%s\n' fsdax $U)" ] ||
		{ cat "$d/list"; false; }
}
