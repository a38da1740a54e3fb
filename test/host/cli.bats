#!/usr/bin/env bats
# The command line without a kernel, on the host: version, command list, help and man
# pages, usage errors, option parsing (--list-opts, --no-), bash completion of options.
# The build is $BUILDDIR (default build/); upstream ndctl is the reference where both have
# the option. What needs NVDIMM objects is in test/bats/cli.bats, in the VM.

bats_require_minimum_version 1.5.0

SRCDIR=$(cd "$BATS_TEST_DIRNAME/../.." && pwd)
BUILDDIR=${BUILDDIR:-$SRCDIR/build}
NDTOOL=$BUILDDIR/ndtool/.libs/ndtool
export SRCDIR BUILDDIR NDTOOL
export LD_LIBRARY_PATH=$BUILDDIR/lib/.libs
ndtool() { "$NDTOOL" "$@"; }

load ../bats/completion

# ignoring_chld CMD...: run CMD (an absolute path) with SIGCHLD ignored, as a program
# started that way inherits it: the kernel then reaps its children by itself.
ignoring_chld() { timeout 60 /bin/bash -c 'trap "" CHLD; exec "$@"' _ "$@"; }

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

@test "-v prints the version as --version does, and the main usage lists it" {
	want=$(sed -n 's/^#define PACKAGE_VERSION "\(.*\)"$/\1/p' "$BUILDDIR/config.h")
	run --separate-stderr ndtool -v
	[ "$status" -eq 0 ]
	[ "$output" = "$want" ]
	[ -z "$stderr" ]
	# ndctl's -v is its --version too
	[ "$(ndctl -v)" = "$(ndctl --version)" ]
	run ndtool -h
	[ "$status" -eq 0 ]
	[[ $output == *"usage: ndtool [-v|--version] [-h|--help] [--list-cmds] COMMAND"* ]]
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
	run ndtool dax --list-cmds
	[ "$status" -eq 0 ]
	[ "$(printf '%s\n' "${lines[@]}" | sort -u | wc -l)" -eq "${#lines[@]}" ]
	for c in create-device destroy-device disable-device enable-device help list version; do
		printf '%s\n' "${lines[@]}" | grep -qx "$c"
	done
	for c in "${lines[@]}"; do
		run ndtool dax "$c" -h
		[ "$status" -eq 0 ]
		[[ $output == *"usage: ndtool"* ]]
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
	for c in $(ndtool --list-cmds) $(ndtool dax --list-cmds | sed 's/^/dax-/'); do
		[ -f "$BUILDDIR/man/ndtool-$c.1" ] || { echo "no man page for $c"; false; }
	done
	MANPATH=$mp run ndtool dax list --help
	[ "$status" -eq 0 ]
	[[ $output == *"ndtool-dax-list - list dax regions"* ]]
}

@test "every command's page names its long options, --list-opts and the --no- forms" {
	local c o opts page
	page=$(<"$SRCDIR/man/ndtool.adoc")
	[[ $page == *--list-opts* && $page == *$'\n*130*::'* && $page == *'**--no-**__NAME__'* ]]
	for c in $(ndtool --list-cmds) $(ndtool dax --list-cmds | sed 's/^/dax-/'); do
		page=$(<"$SRCDIR/man/ndtool-$c.adoc")
		# dax-NAME: the dax command NAME
		if [[ $c == dax-* ]]; then
			opts=$(ndtool dax "${c#dax-}" --list-opts) || [ $? -eq 130 ]
		else
			opts=$(ndtool "$c" --list-opts) || [ $? -eq 130 ]
		fi
		for o in $opts --list-opts; do
			[[ $page == *"$o"* ]] || { echo "ndtool-$c.adoc: no $o"; false; }
		done
		[ -z "$opts" ] || [[ $page == *'--no-**__NAME__'* ]] ||
			{ echo "ndtool-$c.adoc: no --no- forms"; false; }
	done
}

@test "CMD --help falls back to the usage text when man is missing" {
	run --separate-stderr env PATH=/nonexistent "$NDTOOL" list --help
	[ "$status" -eq 0 ]
	[[ $output == *"usage: ndtool list"* ]]
	[[ $output == *"--buses"* ]]
	[[ $stderr == *"manual page ndtool-list is not available; showing the usage"* ]]
}

@test "--list-opts: the long options on one line, exit 130; ndctl's are a subset, in order" {
	local ours theirs c o i n rc checked=0
	local -a mine
	ndctl_cmds=" $(ndctl --list-cmds | tr '\n' ' ') $(daxctl --list-cmds | sed 's/^/dax-/' | tr '\n' ' ') "
	for c in $(ndtool --list-cmds) $(ndtool dax --list-cmds | sed 's/^/dax-/'); do
		# dax-NAME: ndtool dax NAME, compared with daxctl NAME
		local -a ours_cmd=("$c") theirs_cmd=(ndctl "$c")
		if [[ $c == dax-* ]]; then
			ours_cmd=(dax "${c#dax-}")
			theirs_cmd=(daxctl "${c#dax-}")
		fi
		# the exit status after a dot: no newline may come before it
		ours=$(ndtool "${ours_cmd[@]}" --list-opts; echo ".$?")
		[[ $ours =~ ^(--[a-z0-9-]+\ )*\.130$ ]] || { echo "$c --list-opts: [$ours]"; false; }
		ours=${ours%.130}
		[[ $ndctl_cmds == *" $c "* ]] || continue
		rc=0
		theirs=$("${theirs_cmd[@]}" --list-opts) || rc=$?
		# ndctl version ignores its arguments
		[ "$rc" -eq 130 ] || continue
		# ndctl's key commands end their table without OPT_END and run on into
		# init-labels' options: they are not theirs
		case $c in
		setup-passphrase|update-passphrase) theirs=${theirs%% --bus --verbose --force*} ;;
		esac
		# every ndctl option, in ndctl's order, as a subsequence of ours
		mine=($ours)
		i=0
		n=0
		for o in $theirs; do
			while [ "$i" -lt "${#mine[@]}" ] && [ "${mine[i]}" != "$o" ]; do i=$((i + 1)); done
			[ "$i" -lt "${#mine[@]}" ] || { echo "$c: $o missing or out of order in [$ours]"; false; }
			i=$((i + 1))
			n=$((n + 1))
		done
		# as many options: the same bytes
		if [ "${#mine[@]}" -eq "$n" ]; then
			[ "$ours" = "$theirs" ] || { echo "$c: [$ours] [$theirs]"; false; }
		fi
		checked=$((checked + 1))
	done
	[ "$checked" -ge 19 ]
	# after an unknown option it is a usage error, as with ndctl
	run --separate-stderr ndtool list --frobnicate --list-opts
	[ "$status" -eq 2 ]
	[ -z "$output" ]
}

@test "--no- forms: no value, no --no-help, and an ambiguous prefix names the candidates" {
	run --separate-stderr ndtool list --no-human=1
	[ "$status" -eq 2 ]
	[[ $stderr == *"option '--no-human' takes no value"* ]]
	run --separate-stderr ndtool list --human=1
	[ "$status" -eq 2 ]
	[[ $stderr == *"option '--human' takes no value"* ]]
	run --separate-stderr ndtool list --no-help
	[ "$status" -eq 2 ]
	[[ $stderr == *"unknown option '--no-help'"* ]]
	run --separate-stderr ndtool list --no-h
	[ "$status" -eq 2 ]
	[[ $stderr == *"ambiguous option '--no-h' (could be --no-health or --no-human)"* ]]
	# ndctl accepts the same forms and refuses the same
	ndctl list --no-human --no-bus --no-verbose >/dev/null
	run ndctl list --no-human=1
	[ "$status" -eq 129 ]
}

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

@test "bash completion offers every long option each command accepts, and the --no- forms" {
	export -f check_completion
	export HELP_OPT_RE
	run with_completion 'check_completion $(ndtool --list-cmds) $(ndtool dax --list-cmds | sed "s/^/dax-/")'
	[ "$status" -eq 0 ]
	[[ $output =~ ^[0-9]+\ options$ ]] || { echo "$output"; false; }
	[ "${output% options}" -ge 85 ]
	# the --no- forms are offered for a word starting with --no only
	run complete_words ndtool list --no-hu
	[ "$output" = --no-human ]
	run complete_words ndtool list --no
	[[ $output == *--no-human* ]]
	run complete_words ndtool list --
	[[ $output != *--no-* ]]
}

@test "bash completion: ndtool-monitor completes as ndtool monitor" {
	run with_completion 'COMP_WORDS=(ndtool-monitor --exec); COMP_CWORD=1; _ndtool_monitor
		printf "%s\n" "${COMPREPLY[@]}"'
	[ "$status" -eq 0 ]
	[ "$output" = $'--exec\n--exec-timeout' ]
	run with_completion 'COMP_WORDS=(ndtool-monitor -l ""); COMP_CWORD=2; _ndtool_monitor
		printf "%s\n" "${COMPREPLY[@]}"'
	[[ $output == *journal* ]]
	[[ $output == *syslog* ]]
}
