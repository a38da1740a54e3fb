#!/usr/bin/env bats
# topology: A
# The command-line skeleton: version, command list, help, usage errors, output errors.

load helpers

@test "--version and 'version' print the configured version alone" {
	want=$(sed -n 's/^#define PACKAGE_VERSION "\(.*\)"$/\1/p' "$BUILDDIR/config.h")
	[ -n "$want" ]
	run ndtool --version
	[ "$status" -eq 0 ]
	[ "$output" = "$want" ]
	run ndtool version
	[ "$status" -eq 0 ]
	[ "$output" = "$want" ]
}

@test "version rejects arguments with exit 2" {
	run --separate-stderr ndtool version extra
	[ "$status" -eq 2 ]
	[[ $stderr == *"unexpected argument 'extra'"* ]]
}

@test "--list-cmds prints each command once, and each one runs" {
	run ndtool --list-cmds
	[ "$status" -eq 0 ]
	[ "${#lines[@]}" -ge 3 ]
	[ "$(printf '%s\n' "${lines[@]}" | sort -u | wc -l)" -eq "${#lines[@]}" ]
	for c in help list version; do
		printf '%s\n' "${lines[@]}" | grep -qx "$c"
	done
	for c in "${lines[@]}"; do
		run ndtool "$c" -h
		[ "$status" -eq 0 ]
		[[ $output == *"usage: ndtool $c"* ]]
	done
}

@test "unknown command: one-line error with the closest command, exit 2" {
	run --separate-stderr ndtool lsit -B
	[ "$status" -eq 2 ]
	[ -z "$output" ]
	[ "${#stderr_lines[@]}" -eq 1 ]
	[[ $stderr == *"'lsit' is not an ndtool command; did you mean 'list'?"* ]]
}

@test "unknown command far from every name: no suggestion, exit 2" {
	run --separate-stderr ndtool frobnicate
	[ "$status" -eq 2 ]
	[ "${#stderr_lines[@]}" -eq 1 ]
	[[ $stderr == *"'frobnicate' is not an ndtool command"* ]]
	[[ $stderr != *"did you mean"* ]]
}

@test "no command: usage on stderr, exit 2" {
	run --separate-stderr ndtool
	[ "$status" -eq 2 ]
	[ -z "$output" ]
	[[ $stderr == *"usage: ndtool"* ]]
}

@test "unknown global option: exit 2" {
	run --separate-stderr ndtool --frobnicate
	[ "$status" -eq 2 ]
	[[ $stderr == *"unknown option '--frobnicate'"* ]]
}

@test "unknown command option or missing value: exit 2 and the usage, nothing on stdout" {
	run --separate-stderr ndtool list --frobnicate
	[ "$status" -eq 2 ]
	[ -z "$output" ]
	[[ $stderr == *"unknown option '--frobnicate'"* ]]
	[[ $stderr == *"usage: ndtool list"* ]]
	run --separate-stderr ndtool list -B -b
	[ "$status" -eq 2 ]
	[[ $stderr == *"missing value for option '-b'"* ]]
}

@test "CMD --help shows the man page when it is installed" {
	command -v man >/dev/null || skip "man is not installed in this system"
	mp=$BATS_TEST_TMPDIR/man
	mkdir -p "$mp"
	ln -s "$BUILDDIR/man" "$mp/man1"
	[ -f "$BUILDDIR/man/ndtool-list.1" ] || skip "man pages not built (no asciidoctor)"
	MANPATH=$mp run ndtool list --help
	[ "$status" -eq 0 ]
	[[ $output == *"ndtool-list - print the NVDIMM topology as JSON"* ]]
	MANPATH=$mp run ndtool help list
	[ "$status" -eq 0 ]
	[[ $output == *"ndtool-list - print the NVDIMM topology as JSON"* ]]
	MANPATH=$mp run ndtool --help
	[ "$status" -eq 0 ]
	[[ $output == *"EXIT STATUS"* ]]
	# every command has its page
	for c in $(ndtool --list-cmds); do
		[ -f "$BUILDDIR/man/ndtool-$c.1" ] || { echo "no man page for $c"; false; }
	done
}

@test "CMD --help falls back to the usage text when man is missing" {
	run --separate-stderr env PATH=/nonexistent "$NDTOOL" list --help
	[ "$status" -eq 0 ]
	[[ $output == *"usage: ndtool list"* ]]
	[[ $output == *"--buses"* ]]
	[[ $stderr == *"manual page ndtool-list is not available; showing the usage"* ]]
}

# ignoring_chld CMD...: run CMD (an absolute path) with SIGCHLD ignored, as a program
# started that way inherits it: the kernel then reaps its children by itself.
ignoring_chld() { timeout 60 /bin/bash -c 'trap "" CHLD; exec "$@"' _ "$@"; }

@test "help works with SIGCHLD ignored: it ends with man's result, or the usage without man" {
	run ignoring_chld /bin/grep '^SigIgn:' /proc/self/status
	(( 0x${output##*[[:space:]]} & 1 << (17 - 1) ))	# SIGCHLD is 17 on x86
	run --separate-stderr ignoring_chld /usr/bin/env PATH=/nonexistent "$NDTOOL" help list
	[ "$status" -eq 0 ]
	[[ $output == *"usage: ndtool list"* ]]
	[[ $stderr == *"manual page ndtool-list is not available; showing the usage"* ]]
	command -v man >/dev/null || skip "man is not installed in this system"
	[ -f "$BUILDDIR/man/ndtool-list.1" ] || skip "man pages not built (no asciidoctor)"
	mp=$BATS_TEST_TMPDIR/man
	mkdir -p "$mp"
	ln -s "$BUILDDIR/man" "$mp/man1"
	run --separate-stderr ignoring_chld /usr/bin/env MANPATH="$mp" "$NDTOOL" help list
	[ "$status" -eq 0 ]
	[[ $output == *"ndtool-list - print the NVDIMM topology as JSON"* ]]
	[[ $stderr != *"not available"* ]]
}

@test "help without a command lists the commands; help of an unknown one exits 2" {
	run ndtool help
	[ "$status" -eq 0 ]
	[[ $output == *"list "* ]]
	[[ $output == *"version "* ]]
	run --separate-stderr ndtool help lsit
	[ "$status" -eq 2 ]
	[[ $stderr == *"did you mean 'list'"* ]]
}

@test "a write error on stdout is a failure (exit 1), not a silent success" {
	run --separate-stderr sh -c "'$NDTOOL' list -B >/dev/full"
	[ "$status" -eq 1 ]
	[[ $stderr == *"write error on stdout"* ]]
	run --separate-stderr sh -c "'$NDTOOL' --version >/dev/full"
	[ "$status" -eq 1 ]
}

# complete WORDS...: run the bash completion for the command line WORDS (the last word
# is the one being completed) and print the candidates.
complete_words() {
	local bindir=$BATS_TEST_TMPDIR/bin
	mkdir -p "$bindir"
	ln -sf "$NDTOOL" "$bindir/ndtool"
	PATH=$bindir:$PATH bash -c '
		. "$1/contrib/bash-completion/ndtool"
		shift
		COMP_WORDS=("$@")
		COMP_CWORD=$(($# - 1))
		_ndtool
		printf "%s\n" "${COMPREPLY[@]}"' _ "$SRCDIR" "$@"
}

@test "bash completion: commands, options and values" {
	run complete_words ndtool l
	[ "$output" = list ]
	run complete_words ndtool list --reg
	[ "$output" = --region$'\n'--regions ]
	run complete_words ndtool list -m ""
	[ "$output" = raw$'\n'sector$'\n'fsdax$'\n'devdax ]
	run complete_words ndtool list -r ""
	[[ $output == *region0* ]]
	run complete_words ndtool list -b ""
	[[ $output == *ACPI.NFIT* ]]
}

@test "bash completion offers every long option each command accepts" {
	for cmd in $(ndtool --list-cmds); do
		opts=$(ndtool "$cmd" -h | grep -oE -- '--[a-z][a-z-]*' | sort -u)
		words=$(complete_words ndtool "$cmd" --)
		for o in $opts; do
			echo "$words" | grep -qx -- "$o" || { echo "$cmd: $o not completed"; false; }
		done
	done
}
