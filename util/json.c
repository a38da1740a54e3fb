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
