#!/usr/bin/env bats
# Run only by the harness self-tests: one guest test that passes.

@test "harness self-test: the guest runs the fresh build" {
	[ -x "$NDTOOL" ]
	"$NDTOOL" --version
}
