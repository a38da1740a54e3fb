// SPDX-License-Identifier: GPL-2.0-or-later
#include "tap.h"
#include "util/suggest.h"

int main(void)
{
	static const char *const cmds[] = { "create-namespace", "destroy-namespace", "help",
					    "list", "version" };
	const size_t n = sizeof(cmds) / sizeof(cmds[0]);

	is_int(ndt_edit_distance("list", "list"), 0, "identical words");
	is_int(ndt_edit_distance("lsit", "list"), 1, "adjacent swap costs one");
	is_int(ndt_edit_distance("lst", "list"), 1, "one deletion");
	is_int(ndt_edit_distance("", "list"), 4, "empty word");
	is_int(ndt_edit_distance("kitten", "sitting"), 3, "classic example");

	is_str(ndt_suggest("lsit", cmds, n), "list", "swap suggests list");
	is_str(ndt_suggest("lis", cmds, n), "list", "prefix within one edit");
	is_str(ndt_suggest("verison", cmds, n), "version", "swap in a long word");
	is_str(ndt_suggest("create-namespaces", cmds, n), "create-namespace", "plural");
	is_str(ndt_suggest("destroy", cmds, n), "destroy-namespace", "prefix of a long name");
	is_str(ndt_suggest("frobnicate", cmds, n), NULL, "nothing close");
	is_str(ndt_suggest("x", cmds, n), NULL, "single letter is not a prefix match");
	is_str(ndt_suggest("", cmds, n), NULL, "empty word");
	return done();
}
