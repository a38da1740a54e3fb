// SPDX-License-Identifier: GPL-2.0-or-later
#include <stdlib.h>
#include "tap.h"
#include "util/json.h"

static struct json_object *bus(const char *dev)
{
	struct json_object *o = json_object_new_object();

	ndt_json_add_string(o, "provider", "nfit_test.0");
	ndt_json_add_string(o, "dev", dev);
	return o;
}

/* Print a list of @n buses and return what was printed. */
static char *print(int n, bool human)
{
	struct json_object *a = json_object_new_array();
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	char dev[16];
	int i;

	for (i = 0; i < n; i++) {
		snprintf(dev, sizeof(dev), "ndbus%d", i);
		json_object_array_add(a, bus(dev));
	}
	ndt_json_print_list(f, a, human);
	fclose(f);
	return text;
}

int main(void)
{
	char *s;

	s = print(0, false);
	is_str(s, "", "empty list prints nothing");
	free(s);
	s = print(0, true);
	is_str(s, "", "empty list prints nothing with --human");
	free(s);

	s = print(1, false);
	is_str(s, "[\n  {\n    \"provider\":\"nfit_test.0\",\n    \"dev\":\"ndbus0\"\n  }\n]\n",
	       "one entry is an array, pretty, no space after the colon");
	free(s);
	s = print(1, true);
	is_str(s, "{\n  \"provider\":\"nfit_test.0\",\n  \"dev\":\"ndbus0\"\n}\n",
	       "one entry with --human is a bare object");
	free(s);
	s = print(2, true);
	ok(s[0] == '[' && strstr(s, "ndbus1"), "two entries with --human stay an array");
	free(s);
	return done();
}
