#!/usr/bin/env bats
# Run only by the harness self-test (run-tier --selftest fail): a guest test that
# fails on purpose, to prove that a failure inside the VM fails the whole run.

@test "harness self-test: this guest test fails on purpose" {
	[ "$(uname -r)" = "not-this-kernel" ]
}
