# Helpers of the demo's guest scripts (contrib/demo-guest.sh, contrib/demo-monitor-guest.sh):
# the fresh build's ndtool, and a transcript of commands with their output.
export LD_LIBRARY_PATH=$BUILDDIR/lib/.libs
# line-buffered like on a terminal, so that stdout and stderr keep their order in the pipe
ndtool() { stdbuf -oL "$BUILDDIR/ndtool/.libs/ndtool" "$@"; }
# show CMD...: the command as typed, then its output
show() {
	echo
	echo "\$ $*"
	"$@"
}
# note TEXT...: a comment in the transcript
note() { echo; echo "# $*"; }
