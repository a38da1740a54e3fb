// SPDX-License-Identifier: GPL-2.0-or-later
/* JSON of buses, DIMMs, their firmware and SMART health, in ndctl's field order. */
#include <errno.h>
#include <string.h>
#include "util/json.h"
#include "json/objects.h"

struct json_object *ndt_bus_to_json(struct ndt_bus *bus, const struct ndt_json_opts *o)
{
	struct json_object *j = json_object_new_object();
	char method[32], state[32];
	int scrub;

	if (!j)
		return NULL;
	if (!ndt_json_add_string(j, "provider", ndt_bus_get_provider(bus)) ||
	    !ndt_json_add_string(j, "dev", ndt_bus_get_devname(bus)))
		goto fail;
	scrub = ndt_bus_get_scrub_state(bus);
	if (scrub >= 0 && !ndt_json_add_string(j, "scrub_state", scrub ? "active" : "idle"))
		goto fail;
	if (o->firmware &&
	    ndt_bus_get_fw_activate(bus, method, sizeof(method), state, sizeof(state)) == 0) {
		struct json_object *fw = json_object_new_object();

		/* as ndctl: a bus's transient "busy" is not shown */
		if (!ndt_json_add(j, "firmware", fw) ||
		    !ndt_json_add_string(fw, "activate_method", method) ||
		    (strcmp(state, "busy") != 0 &&
		     !ndt_json_add_string(fw, "activate_state", state)))
			goto fail;
	}
	return j;
fail:
	json_object_put(j);
	return NULL;
}

static struct json_object *firmware_to_json(struct ndt_dimm *dimm, const struct ndt_json_opts *o)
{
	char state[32], result[32];
	struct json_object *fw;
	uint64_t cur, next;

	if (ndt_dimm_get_fw_version(dimm, &cur, &next) < 0)
		return NULL;
	fw = json_object_new_object();
	if (!fw || !ndt_json_add(fw, "current_version", ndt_json_hex(cur, o->human)) ||
	    !ndt_json_add_bool(fw, "can_update", ndt_dimm_fw_update_supported(dimm)))
		goto fail;
	if (!next)
		return fw;
	/* what happens to the staged firmware: only shown once there is some */
	if (!ndt_json_add(fw, "next_version", ndt_json_hex(next, o->human)))
		goto fail;
	if (ndt_dimm_get_fw_activate_state(dimm, state, sizeof(state)) == 0 &&
	    (!strcmp(state, "idle") || !strcmp(state, "armed") || !strcmp(state, "busy")) &&
	    !ndt_json_add_string(fw, "activate_state", state))
		goto fail;
	/* the last activation failed, or the DIMM needs a reset to finish it */
	if (ndt_dimm_get_fw_activate_result(dimm, result, sizeof(result)) == 0 &&
	    (!strcmp(result, "fail") || !strcmp(result, "need_reset")) &&
	    !ndt_json_add_bool(fw, "need_powercycle", true))
		goto fail;
	return fw;
fail:
	json_object_put(fw);
	return NULL;
}

static const char *const health_names[] = {
	[NDT_HEALTH_STATE_OK] = "ok",
	[NDT_HEALTH_STATE_NON_CRITICAL] = "non-critical",
	[NDT_HEALTH_STATE_CRITICAL] = "critical",
	[NDT_HEALTH_STATE_FATAL] = "fatal",
};

/* One threshold: "alarm_enabled_<what>" and, when enabled, its threshold value. */
static bool add_threshold(struct json_object *j, const struct ndt_health *h, unsigned int bit,
			  const char *enabled_key, const char *value_key,
			  enum ndt_health_field field, struct json_object *value)
{
	bool on = ndt_health_get_alarm_control(h) & bit;

	if (!ndt_json_add_bool(j, enabled_key, on)) {
		json_object_put(value);
		return false;
	}
	if (!on || !ndt_health_has(h, field)) {
		json_object_put(value);
		return true;
	}
	return ndt_json_add(j, value_key, value);
}

struct json_object *ndt_health_to_json(const struct ndt_health *h)
{
	struct json_object *j = json_object_new_object();
	bool ok = true;
	unsigned int alarms;

	if (!j)
		return NULL;
	if (!h) {
		if (!ndt_json_add_string(j, "health_state", "unknown"))
			goto fail;
		return j;
	}
	if (ndt_health_has(h, NDT_HEALTH_FIELD_STATE))
		ok &= ndt_json_add_string(j, "health_state", health_names[ndt_health_get_state(h)]);
	if (ndt_health_has(h, NDT_HEALTH_FIELD_MEDIA_TEMP))
		ok &= ndt_json_add(j, "temperature_celsius",
				   json_object_new_double(ndt_health_get_media_temperature(h)));
	if (ndt_health_has(h, NDT_HEALTH_FIELD_CTRL_TEMP))
		ok &= ndt_json_add(j, "controller_temperature_celsius",
				   json_object_new_double(ndt_health_get_ctrl_temperature(h)));
	if (ndt_health_has(h, NDT_HEALTH_FIELD_SPARES))
		ok &= ndt_json_add_int(j, "spares_percentage", ndt_health_get_spares(h));
	if (ndt_health_has(h, NDT_HEALTH_FIELD_ALARMS)) {
		alarms = ndt_health_get_alarms(h);
		ok &= ndt_json_add_bool(j, "alarm_temperature", alarms & NDT_ALARM_BIT_MEDIA_TEMP);
		ok &= ndt_json_add_bool(j, "alarm_controller_temperature",
					alarms & NDT_ALARM_BIT_CTRL_TEMP);
		ok &= ndt_json_add_bool(j, "alarm_spares", alarms & NDT_ALARM_BIT_SPARES);
	}
	if (ndt_health_has(h, NDT_HEALTH_FIELD_THRESH_ALARM_CONTROL)) {
		ok &= add_threshold(j, h, NDT_ALARM_BIT_MEDIA_TEMP,
				    "alarm_enabled_media_temperature", "temperature_threshold",
				    NDT_HEALTH_FIELD_THRESH_MEDIA_TEMP,
				    json_object_new_double(
					    ndt_health_get_media_temperature_threshold(h)));
		ok &= add_threshold(j, h, NDT_ALARM_BIT_CTRL_TEMP, "alarm_enabled_ctrl_temperature",
				    "controller_temperature_threshold",
				    NDT_HEALTH_FIELD_THRESH_CTRL_TEMP,
				    json_object_new_double(
					    ndt_health_get_ctrl_temperature_threshold(h)));
		ok &= add_threshold(j, h, NDT_ALARM_BIT_SPARES, "alarm_enabled_spares",
				    "spares_threshold", NDT_HEALTH_FIELD_THRESH_SPARES,
				    json_object_new_int64(ndt_health_get_spares_threshold(h)));
	}
	if (ndt_health_has(h, NDT_HEALTH_FIELD_LIFE_USED))
		ok &= ndt_json_add_int(j, "life_used_percentage", ndt_health_get_life_used(h));
	if (ndt_health_has(h, NDT_HEALTH_FIELD_SHUTDOWN_STATE))
		ok &= ndt_json_add_string(j, "shutdown_state",
					  ndt_health_get_shutdown_state(h) ? "dirty" : "clean");
	if (ndt_health_has(h, NDT_HEALTH_FIELD_SHUTDOWN_COUNT))
		ok &= ndt_json_add_int(j, "shutdown_count", ndt_health_get_shutdown_count(h));
	if (ok)
		return j;
fail:
	json_object_put(j);
	return NULL;
}

static const struct {
	unsigned int flag;
	const char *key;
} flag_keys[] = {
	{ NDT_DIMM_FLAG_MAP_FAIL, "flag_failed_map" },
	{ NDT_DIMM_FLAG_SAVE_FAIL, "flag_failed_save" },
	{ NDT_DIMM_FLAG_NOT_ARMED, "flag_failed_arm" },
	{ NDT_DIMM_FLAG_RESTORE_FAIL, "flag_failed_restore" },
	{ NDT_DIMM_FLAG_FLUSH_FAIL, "flag_failed_flush" },
	{ NDT_DIMM_FLAG_SMART_EVENT, "flag_smart_event" },
};

struct json_object *ndt_dimm_to_json(struct ndt_dimm *dimm, const struct ndt_json_opts *o)
{
	struct json_object *j = json_object_new_object();
	unsigned int flags;
	char buf[128];
	uint64_t v;
	size_t i;

	if (!j || !ndt_json_add_string(j, "dev", ndt_dimm_get_devname(dimm)))
		goto fail;
	if (ndt_dimm_get_unique_id(dimm, buf, sizeof(buf)) == 0 &&
	    !ndt_json_add_string(j, "id", buf))
		goto fail;
	if (ndt_dimm_get_handle(dimm, &v) == 0 && !ndt_json_add(j, "handle", ndt_json_hex(v, o->human)))
		goto fail;
	if (ndt_dimm_get_phys_id(dimm, &v) == 0 &&
	    !ndt_json_add(j, "phys_id", ndt_json_hex(v, o->human)))
		goto fail;
	if (!ndt_dimm_is_enabled(dimm) && !ndt_json_add_string(j, "state", "disabled"))
		goto fail;
	flags = ndt_dimm_get_flags(dimm);
	for (i = 0; i < sizeof(flag_keys) / sizeof(flag_keys[0]); i++)
		if ((flags & flag_keys[i].flag) && !ndt_json_add_bool(j, flag_keys[i].key, true))
			goto fail;
	if (ndt_dimm_get_security(dimm, buf, sizeof(buf)) == 0 &&
	    !ndt_json_add_string(j, "security", buf))
		goto fail;
	if (ndt_dimm_is_security_frozen(dimm) && !ndt_json_add_bool(j, "security_frozen", true))
		goto fail;
	if (o->firmware) {
		struct json_object *fw = firmware_to_json(dimm, o);

		if (fw)
			json_object_object_add(j, "firmware", fw);
	}
	if (o->health) {
		struct ndt_health *h = NULL;
		int rc = ndt_dimm_get_health(dimm, &h);
		bool added;

		/* DIMMs without SMART support get no health object; a failed read says unknown */
		if (rc != -EOPNOTSUPP) {
			added = ndt_json_add(j, "health", ndt_health_to_json(rc == 0 ? h : NULL));
			ndt_health_free(h);
			if (!added)
				goto fail;
		}
	}
	return j;
fail:
	json_object_put(j);
	return NULL;
}
