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

static char text[128];

static const char *size_text(uint64_t v, bool human)
{
	struct json_object *o = ndt_json_size(v, human);

	snprintf(text, sizeof(text), "%s", json_object_to_json_string(o));
	json_object_put(o);
	return text;
}

static const char *hex_text(uint64_t v, bool human)
{
	struct json_object *o = ndt_json_hex(v, human);

	snprintf(text, sizeof(text), "%s", json_object_to_json_string(o));
	json_object_put(o);
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

	/* --human sizes: plain below 5000 KiB, then MiB / GiB / TiB below 5000 of each */
	is_str(size_text(5119999, true), "5119999", "below 5000 KiB stays a number");
	is_str(size_text(5120000, true), "\"4.88 MiB (5.12 MB)\"", "5000 KiB is MiB");
	is_str(size_text(1ULL << 30, true), "\"1024.00 MiB (1073.74 MB)\"", "1 GiB in MiB");
	is_str(size_text(5000ULL << 20, true), "\"4.88 GiB (5.24 GB)\"", "5000 MiB is GiB");
	is_str(size_text(1598128291840ULL, true), "\"1488.37 GiB (1598.13 GB)\"",
	       "1.45 TiB still in GiB");
	is_str(size_text(5000ULL << 30, true), "\"4.88 TiB (5.37 TB)\"", "5000 GiB is TiB");
	is_str(size_text(1ULL << 30, false), "1073741824", "without --human a number");
	is_str(size_text(UINT64_MAX, false), "18446744073709551615", "u64 stays unsigned");
	is_str(hex_text(0, true), "\"0\"", "hex zero is \"0\" like %#llx");
	is_str(hex_text(0x10001, true), "\"0x10001\"", "hex");
	is_str(hex_text(0xc0ffadb0100fefbULL, true), "\"0xc0ffadb0100fefb\"", "wide hex");
	is_str(hex_text(0x8000000000000000ULL, true), "\"0x8000000000000000\"",
	       "iset_id above INT64_MAX is not clamped");
	is_str(hex_text(257, false), "257", "hex value without --human is a number");
	return done();
}
