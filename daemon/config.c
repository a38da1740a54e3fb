// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The monitor's settings: one setter per key, shared by the command line and the
 * configuration file ("key = value" lines, '#' or ';' comments, an optional [monitor]
 * section header), and the rule that the command line wins.
 */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <syslog.h>
#include <unistd.h>
#include "monitor.h"

#define DEFAULT_EXEC_TIMEOUT 10
#define DEFAULT_TEMP_HYST 2.0

void mon_config_init(struct mon_config *c)
{
	memset(c, 0, sizeof(*c));
	c->events = EV_ALL;
	c->log_kind = OUT_STANDARD;
	c->exec_timeout = DEFAULT_EXEC_TIMEOUT;
	c->temp_hyst = DEFAULT_TEMP_HYST;
}

void mon_config_free(struct mon_config *c)
{
	free(c->bus);
	free(c->region);
	free(c->dimm);
	free(c->ns);
	free(c->log_path);
	free(c->exec);
	free(c->state_dir);
	free(c->prometheus);
	memset(c, 0, sizeof(*c));
}

static int set_str(char **dst, const char *val, char *why, size_t len)
{
	char *s = strdup(val);

	if (!s) {
		snprintf(why, len, "out of memory");
		return -1;
	}
	free(*dst);
	*dst = s;
	return 0;
}

static int parse_uint(const char *val, unsigned int max, unsigned int *out, char *why, size_t len)
{
	unsigned long v;
	char *end;

	errno = 0;
	v = strtoul(val, &end, 10);
	if (!*val || *val == '-' || *end || errno || v > max) {
		snprintf(why, len, "'%s' is not a whole number from 0 to %u", val, max);
		return -1;
	}
	*out = (unsigned int)v;
	return 0;
}

static int parse_temp(const char *val, double *out, char *why, size_t len)
{
	char *end;
	double v;

	errno = 0;
	v = strtod(val, &end);
	if (!*val || *end || errno || !isfinite(v) || v < -273.15 || v > 1000) {
		snprintf(why, len, "'%s' is not a temperature in degrees Celsius", val);
		return -1;
	}
	*out = v;
	return 0;
}

/* A space- or comma-separated list of event names. */
static int parse_events(const char *val, unsigned int *out, char *why, size_t len)
{
	char *copy = strdup(val), *save = NULL, *w;
	unsigned int mask = 0, bit;

	if (!copy) {
		snprintf(why, len, "out of memory");
		return -1;
	}
	for (w = strtok_r(copy, " ,\t", &save); w; w = strtok_r(NULL, " ,\t", &save)) {
		bit = mon_event_parse(w);
		if (!bit) {
			snprintf(why, len, "unknown event '%s' (ndtool monitor --list-events)", w);
			free(copy);
			return -1;
		}
		mask |= bit;
	}
	free(copy);
	if (!mask) {
		snprintf(why, len, "no event named");
		return -1;
	}
	*out = mask;
	return 0;
}

/* A path made absolute: a daemon changes its directory to /. */
static int set_abs_path(char **dst, const char *val, char *why, size_t len)
{
	char cwd[PATH_MAX], path[PATH_MAX * 2];

	if (val[0] == '/' || !val[0])
		return set_str(dst, val, why, len);
	if (!getcwd(cwd, sizeof(cwd))) {
		snprintf(why, len, "cannot make '%s' absolute: %s", val, strerror(errno));
		return -1;
	}
	snprintf(path, sizeof(path), "%s/%s", cwd, val);
	return set_str(dst, path, why, len);
}

/* "standard", "syslog", "journal" or a file (made absolute, so a reopen finds it). */
static int parse_log(struct mon_config *c, const char *val, char *why, size_t len)
{
	free(c->log_path);
	c->log_path = NULL;
	if (strcmp(val, "standard") == 0 || strcmp(val, "./standard") == 0) {
		c->log_kind = OUT_STANDARD;
		return 0;
	}
	if (strcmp(val, "syslog") == 0 || strcmp(val, "./syslog") == 0) {
		c->log_kind = OUT_SYSLOG;
		return 0;
	}
	if (strcmp(val, "journal") == 0) {
#ifdef HAVE_LIBSYSTEMD
		c->log_kind = OUT_JOURNAL;
		return 0;
#else
		snprintf(why, len, "'journal' needs a build with libsystemd; use 'standard' under "
				   "systemd (the journal reads stdout)");
		return -1;
#endif
	}
	if (!*val) {
		snprintf(why, len, "empty log target");
		return -1;
	}
	c->log_kind = OUT_FILE;
	return set_abs_path(&c->log_path, val, why, len);
}

int mon_config_set(struct mon_config *c, const char *key, const char *val, char *why,
		   size_t len)
{
	static const struct {
		const char *key;
		unsigned int flag;
	} keys[] = {
		{ "bus", CFG_BUS },
		{ "region", CFG_REGION },
		{ "dimm", CFG_DIMM },
		{ "namespace", CFG_NS },
		{ "dimm-event", CFG_EVENTS },
		{ "log", CFG_LOG },
		{ "poll", CFG_POLL },
		{ "exec", CFG_EXEC },
		{ "exec-timeout", CFG_EXEC_TIMEOUT },
		{ "state-dir", CFG_STATE_DIR },
		{ "prometheus", CFG_PROMETHEUS },
		{ "temperature-warning", CFG_TEMP_WARN },
		{ "temperature-critical", CFG_TEMP_CRIT },
		{ "temperature-hysteresis", CFG_TEMP_HYST },
	};
	unsigned int flag = 0;
	size_t i;
	int rc;

	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		if (strcmp(key, keys[i].key) == 0)
			flag = keys[i].flag;
	switch (flag) {
	case CFG_BUS:
		rc = set_str(&c->bus, val, why, len);
		break;
	case CFG_REGION:
		rc = set_str(&c->region, val, why, len);
		break;
	case CFG_DIMM:
		rc = set_str(&c->dimm, val, why, len);
		break;
	case CFG_NS:
		rc = set_str(&c->ns, val, why, len);
		break;
	case CFG_EVENTS:
		rc = parse_events(val, &c->events, why, len);
		break;
	case CFG_LOG:
		rc = parse_log(c, val, why, len);
		break;
	case CFG_POLL:
		rc = parse_uint(val, 86400 * 366, &c->poll, why, len);
		break;
	case CFG_EXEC:
		rc = set_abs_path(&c->exec, val, why, len);
		break;
	case CFG_EXEC_TIMEOUT:
		rc = parse_uint(val, 3600, &c->exec_timeout, why, len);
		if (rc == 0 && c->exec_timeout == 0) {
			snprintf(why, len, "the timeout must be at least 1 second");
			rc = -1;
		}
		break;
	case CFG_STATE_DIR:
		rc = set_abs_path(&c->state_dir, val, why, len);
		break;
	case CFG_PROMETHEUS:
		rc = set_abs_path(&c->prometheus, val, why, len);
		break;
	case CFG_TEMP_WARN:
		rc = parse_temp(val, &c->temp_warn, why, len);
		break;
	case CFG_TEMP_CRIT:
		rc = parse_temp(val, &c->temp_crit, why, len);
		break;
	case CFG_TEMP_HYST:
		rc = parse_temp(val, &c->temp_hyst, why, len);
		if (rc == 0 && (c->temp_hyst < 0 || c->temp_hyst > 50)) {
			snprintf(why, len, "'%s' is not a hysteresis from 0 to 50 degrees", val);
			rc = -1;
		}
		break;
	default:
		snprintf(why, len, "unknown key '%s'", key);
		return -1;
	}
	if (rc == 0)
		c->set |= flag;
	return rc;
}

/* Errors go to stderr at start, to the log on a reload (@m set). */
static void __attribute__((format(printf, 2, 3))) cfg_error(struct monitor *m, const char *fmt,
							    ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (m)
		mon_log(m, LOG_ERR, "%s", msg);
	else
		fprintf(stderr, "%s\n", msg);
}

static char *trim(char *s)
{
	char *e;

	while (*s == ' ' || *s == '\t')
		s++;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\n' || e[-1] == '\r'))
		*--e = '\0';
	return s;
}

static int load_file(struct monitor *m, struct mon_config *c, const char *path, bool optional)
{
	char *line = NULL, *s, *eq, *key, *val, why[256];
	unsigned int lineno = 0;
	size_t cap = 0;
	size_t vlen;
	FILE *f;
	int rc = 0;

	f = fopen(path, "re");
	if (!f) {
		if (optional && errno == ENOENT)
			return 0;
		cfg_error(m, "%s: cannot read the configuration: %s", path, strerror(errno));
		return -1;
	}
	while (getline(&line, &cap, f) > 0) {
		lineno++;
		s = trim(line);
		if (!*s || *s == '#' || *s == ';')
			continue;
		if (*s == '[') {
			if (strcmp(s, "[monitor]") == 0)
				continue;
			cfg_error(m, "%s:%u: unknown section %s (only [monitor])", path, lineno,
				s);
			rc = -1;
			break;
		}
		eq = strchr(s, '=');
		if (!eq) {
			cfg_error(m, "%s:%u: expected 'key = value', got '%s'", path, lineno, s);
			rc = -1;
			break;
		}
		*eq = '\0';
		key = trim(s);
		val = trim(eq + 1);
		vlen = strlen(val);
		if (vlen >= 2 && (val[0] == '"' || val[0] == '\'') && val[vlen - 1] == val[0]) {
			val[vlen - 1] = '\0';
			val++;
		}
		if (mon_config_set(c, key, val, why, sizeof(why)) < 0) {
			cfg_error(m, "%s:%u: %s", path, lineno, why);
			rc = -1;
			break;
		}
	}
	if (rc == 0 && ferror(f)) {
		cfg_error(m, "%s: read error", path);
		rc = -1;
	}
	free(line);
	fclose(f);
	return rc;
}

static int conf_filter(const struct dirent *d)
{
	size_t n = strlen(d->d_name);

	return d->d_name[0] != '.' && n > 5 && strcmp(d->d_name + n - 5, ".conf") == 0;
}

int mon_config_load(struct monitor *m, struct mon_config *c, const char *path, bool optional)
{
	struct dirent **names;
	char file[PATH_MAX];
	struct stat st;
	int n, i, rc = 0;

	if (stat(path, &st) < 0 || !S_ISDIR(st.st_mode))
		return load_file(m, c, path, optional);
	n = scandir(path, &names, conf_filter, alphasort);
	if (n < 0) {
		cfg_error(m, "%s: cannot read the directory: %s", path, strerror(errno));
		return -1;
	}
	for (i = 0; i < n; i++) {
		if (rc == 0) {
			snprintf(file, sizeof(file), "%s/%s", path, names[i]->d_name);
			rc = load_file(m, c, file, false);
		}
		free(names[i]);
	}
	free(names);
	return rc;
}

static int take_str(char **dst, const char *cli, const char *file, bool from_cli)
{
	const char *v = from_cli ? cli : file;

	free(*dst);
	*dst = NULL;
	if (!v)
		return 0;
	*dst = strdup(v);
	return *dst ? 0 : -1;
}

int mon_config_merge(struct monitor *m, struct mon_config *dst, const struct mon_config *cli,
		     const struct mon_config *file)
{
	const struct mon_config *from;
	int rc = 0;

#define PICK(flag) (from = (cli->set & (flag)) ? cli : file, (cli->set | file->set) & (flag))
	if (PICK(CFG_BUS))
		rc |= take_str(&dst->bus, cli->bus, file->bus, from == cli);
	if (PICK(CFG_REGION))
		rc |= take_str(&dst->region, cli->region, file->region, from == cli);
	if (PICK(CFG_DIMM))
		rc |= take_str(&dst->dimm, cli->dimm, file->dimm, from == cli);
	if (PICK(CFG_NS))
		rc |= take_str(&dst->ns, cli->ns, file->ns, from == cli);
	if (PICK(CFG_EVENTS))
		dst->events = from->events;
	if (PICK(CFG_LOG)) {
		dst->log_kind = from->log_kind;
		rc |= take_str(&dst->log_path, cli->log_path, file->log_path, from == cli);
	}
	if (PICK(CFG_POLL))
		dst->poll = from->poll;
	if (PICK(CFG_EXEC))
		rc |= take_str(&dst->exec, cli->exec, file->exec, from == cli);
	if (PICK(CFG_EXEC_TIMEOUT))
		dst->exec_timeout = from->exec_timeout;
	if (PICK(CFG_STATE_DIR))
		rc |= take_str(&dst->state_dir, cli->state_dir, file->state_dir, from == cli);
	if (PICK(CFG_PROMETHEUS))
		rc |= take_str(&dst->prometheus, cli->prometheus, file->prometheus, from == cli);
	if (PICK(CFG_TEMP_WARN))
		dst->temp_warn = from->temp_warn;
	if (PICK(CFG_TEMP_CRIT))
		dst->temp_crit = from->temp_crit;
	if (PICK(CFG_TEMP_HYST))
		dst->temp_hyst = from->temp_hyst;
#undef PICK
	dst->set = cli->set | file->set;
	if (rc) {
		cfg_error(m, "out of memory");
		return -1;
	}
	return 0;
}
