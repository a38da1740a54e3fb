// SPDX-License-Identifier: GPL-2.0-or-later
/* JSON output helpers shared by the commands. */
#include <errno.h>
#include "json.h"

#define NDT_JSON_FLAGS JSON_C_TO_STRING_PRETTY

int ndt_json_print(FILE *f, struct json_object *obj)
{
	const char *s = json_object_to_json_string_ext(obj, NDT_JSON_FLAGS);
	int rc = s && fprintf(f, "%s\n", s) > 0 ? 0 : -EIO;

	json_object_put(obj);
	return rc;
}

int ndt_json_print_list(FILE *f, struct json_object *array, bool human)
{
	size_t len = json_object_array_length(array);
	struct json_object *one;

	if (len == 0) {
		json_object_put(array);
		return 0;
	}
	if (len > 1 || !human)
		return ndt_json_print(f, array);
	one = json_object_get(json_object_array_get_idx(array, 0));
	json_object_put(array);
	return ndt_json_print(f, one);
}

bool ndt_json_add_string(struct json_object *obj, const char *key, const char *val)
{
	struct json_object *s = json_object_new_string(val);

	if (!s)
		return false;
	json_object_object_add(obj, key, s);
	return true;
}

bool ndt_json_add(struct json_object *obj, const char *key, struct json_object *val)
{
	if (!val)
		return false;
	json_object_object_add(obj, key, val);
	return true;
}

bool ndt_json_add_int(struct json_object *obj, const char *key, int64_t val)
{
	return ndt_json_add(obj, key, json_object_new_int64(val));
}

bool ndt_json_add_bool(struct json_object *obj, const char *key, bool val)
{
	return ndt_json_add(obj, key, json_object_new_boolean(val));
}

struct json_object *ndt_json_u64(uint64_t val)
{
	return json_object_new_uint64(val);
}

#define KiB 1024ULL
#define MiB (1024ULL * KiB)
#define GiB (1024ULL * MiB)
#define TiB (1024ULL * GiB)

bool ndt_format_size(uint64_t bytes, char *buf, size_t len)
{
	static const struct {
		uint64_t bin, dec;
		const char *bname, *dname;
	} units[] = {
		{ MiB, 1000000ULL, "MiB", "MB" },
		{ GiB, 1000000000ULL, "GiB", "GB" },
		{ TiB, 1000000000000ULL, "TiB", "TB" },
	};
	size_t i;

	if (bytes < 5000 * KiB)
		return false;
	for (i = 0; i + 1 < sizeof(units) / sizeof(units[0]); i++)
		if (bytes < 5000 * units[i].bin)
			break;
	snprintf(buf, len, "%.2f %s (%.2f %s)", (double)bytes / (double)units[i].bin,
		 units[i].bname, (double)bytes / (double)units[i].dec, units[i].dname);
	return true;
}

struct json_object *ndt_json_size(uint64_t bytes, bool human)
{
	char buf[64];

	if (human && ndt_format_size(bytes, buf, sizeof(buf)))
		return json_object_new_string(buf);
	return json_object_new_uint64(bytes);
}

struct json_object *ndt_json_hex(uint64_t val, bool human)
{
	char buf[32];

	if (!human)
		return json_object_new_uint64(val);
	snprintf(buf, sizeof(buf), "%#llx", (unsigned long long)val);
	return json_object_new_string(buf);
}
