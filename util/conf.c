// SPDX-License-Identifier: GPL-2.0-or-later
/* One value of a configuration directory of *.conf files: see conf.h. */
#include <ctype.h>
#include <dirent.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "util/conf.h"

char *ndt_trim(char *s)
{
	char *e;

	while (isspace((unsigned char)*s))
		s++;
	e = s + strlen(s);
	while (e > s && isspace((unsigned char)e[-1]))
		*--e = '\0';
	return s;
}

static int conf_file(const char *path, const char *section, const char *key, char *buf,
		     size_t len)
{
	char line[1024], *l, *eq;
	bool in = false;
	int found = 0;
	FILE *f = fopen(path, "re");

	if (!f)
		return 0;
	while (fgets(line, sizeof(line), f)) {
		l = ndt_trim(line);
		if (!*l || *l == '#' || *l == ';')
			continue;
		if (*l == '[') {
			size_t n = strlen(section);

			in = strncmp(l + 1, section, n) == 0 && l[n + 1] == ']';
			continue;
		}
		eq = strchr(l, '=');
		if (!in || !eq)
			continue;
		*eq = '\0';
		if (strcmp(ndt_trim(l), key) != 0)
			continue;
		snprintf(buf, len, "%s", ndt_trim(eq + 1));
		found = 1;
	}
	fclose(f);
	return found;
}

int ndt_conf_get(const char *dir, const char *section, const char *key, char *buf,
		 size_t len)
{
	struct dirent **names = NULL;
	int n, i, found = 0;

	n = scandir(dir, &names, NULL, alphasort);
	for (i = 0; i < n; i++) {
		size_t l = strlen(names[i]->d_name);
		char path[4096];

		if (l > 5 && strcmp(names[i]->d_name + l - 5, ".conf") == 0) {
			snprintf(path, sizeof(path), "%s/%s", dir, names[i]->d_name);
			found |= conf_file(path, section, key, buf, len);
		}
		free(names[i]);
	}
	free(names);
	return found;
}
