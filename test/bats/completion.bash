# Loaded by the command-line tests on the host (test/host/cli.bats) and in the guest
# (test/bats/cli.bats): running the bash completion of ndtool.
# with_completion SCRIPT ARGS...: run the bash SCRIPT with the completion loaded, ndtool
# in PATH and ARGS as $1...
with_completion() {
	local bindir=$BATS_TEST_TMPDIR/bin script=$1
	shift
	mkdir -p "$bindir"
	ln -sf "$NDTOOL" "$bindir/ndtool"
	PATH=$bindir:$PATH bash -c ". '$SRCDIR/contrib/bash-completion/ndtool'; $script" _ "$@"
}

# complete WORDS...: run the bash completion for the command line WORDS (the last word
# is the one being completed) and print the candidates.
complete_words() {
	with_completion 'COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _ndtool
		printf "%s\n" "${COMPREPLY[@]}"' "$@"
}

# The long option of a line of "ndtool CMD -h" in BASH_REMATCH[3], its letter in [2], its
# value's name in [4].
HELP_OPT_RE='^ {4}(-([a-zA-Z]), | {4})--([a-z0-9-]+)( <[^>]*>)?'

# check_completion CMD...: in a shell with the completion loaded (with_completion), check
# for each command that "--" completes to the long options of "ndtool CMD -h" and --help,
# in that order (that of --list-opts), "--no-" to the negated forms of its flags, and that
# the completion takes an option for one with a value exactly when -h shows a value;
# print each mismatch and the number of options checked.
check_completion() {
	local cmd line o kind want all n=0
	local -a words
	for cmd in "$@"; do
		# "dax-NAME": the dax command NAME, typed "ndtool dax NAME"
		if [[ $cmd == dax-* ]]; then words=(dax "${cmd#dax-}"); else words=("$cmd"); fi
		want=
		all=
		while IFS= read -r line; do
			[[ $line =~ $HELP_OPT_RE ]] || continue
			for o in ${BASH_REMATCH[2]:+-${BASH_REMATCH[2]}} --${BASH_REMATCH[3]}; do
				_ndtool_kind "$cmd" "$o"
				if [ -n "${BASH_REMATCH[4]}" ] && [ -z "$kind" ]; then
					echo "$cmd $o: its value is not completed"
				elif [ -z "${BASH_REMATCH[4]}" ] && [ -n "$kind" ]; then
					echo "$cmd $o: completed as taking a value"
				fi
			done
			# a flag --no-NAME is offered as itself for --no- (its negation is --NAME)
			if [[ ${BASH_REMATCH[3]} == no-* ]]; then
				want+="--${BASH_REMATCH[3]} "
			elif [ -z "${BASH_REMATCH[4]}" ]; then
				want+="--no-${BASH_REMATCH[3]} "
			fi
			all+="--${BASH_REMATCH[3]} "
			n=$((n + 1))
		done < <(ndtool "${words[@]}" -h)
		COMP_WORDS=(ndtool "${words[@]}" --no-)
		COMP_CWORD=$((${#words[@]} + 1))
		_ndtool
		[ "${COMPREPLY[*]}" = "${want% }" ] ||
			echo "$cmd --no-: [${COMPREPLY[*]}], want [${want% }]"
		want="${all}--help"
		COMP_WORDS=(ndtool "${words[@]}" --)
		_ndtool
		[ "${COMPREPLY[*]}" = "$want" ] || echo "$cmd --: [${COMPREPLY[*]}], want [$want]"
	done
	echo "$n options"
}
