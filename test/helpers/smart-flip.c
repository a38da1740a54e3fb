// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * smart-flip DIMM COUNT LOG: inject a media temperature above the alarm threshold into
 * DIMM COUNT times (alternating two values, so every injection is a change), and after
 * each one wait (inotify, 5 s at most) until a monitor appends an event line to LOG. Prints
 * the latency from the injection to the event, in microseconds, one per line on stdout;
 * "lost" for an injection no event followed. Used by test/bench/monitor.sh for ndtool's
 * and ndctl's monitor alike.
 */
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <ndtool/libndtool.h>

static long long now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

/* The number of lines in @path, reading only what was appended since the last call. */
static long long lines_of(const char *path)
{
	static long long lines, offset;
	char buf[65536];
	ssize_t n, k;
	FILE *f = fopen(path, "re");

	if (!f)
		return lines;
	if (fseeko(f, offset, SEEK_SET) == 0) {
		while ((n = (ssize_t)fread(buf, 1, sizeof(buf), f)) > 0) {
			for (k = 0; k < n; k++)
				lines += buf[k] == '\n';
			offset += n;
		}
	}
	fclose(f);
	return lines;
}

static struct ndt_dimm *find_dimm(struct ndt_ctx *ctx, const char *name)
{
	struct ndt_bus *bus;
	struct ndt_dimm *dimm;

	ndt_bus_foreach(ctx, bus)
		ndt_dimm_foreach(bus, dimm)
			if (strcmp(ndt_dimm_get_devname(dimm), name) == 0)
				return dimm;
	return NULL;
}

int main(int argc, char **argv)
{
	struct ndt_smart_inject inj = { .struct_size = sizeof(inj) };
	struct pollfd pfd = { .events = POLLIN };
	long long want, t0, count, i;
	struct ndt_dimm *dimm;
	struct ndt_ctx *ctx;
	char buf[4096];
	int rc;

	if (argc != 4) {
		fprintf(stderr, "usage: smart-flip DIMM COUNT LOG\n");
		return 2;
	}
	count = atoll(argv[2]);
	if (ndt_ctx_new(&ctx) < 0)
		return 1;
	dimm = find_dimm(ctx, argv[1]);
	if (!dimm) {
		fprintf(stderr, "smart-flip: no DIMM %s\n", argv[1]);
		return 1;
	}
	pfd.fd = inotify_init1(IN_CLOEXEC);
	if (pfd.fd < 0 || inotify_add_watch(pfd.fd, argv[3], IN_MODIFY) < 0) {
		fprintf(stderr, "smart-flip: cannot watch %s: %s\n", argv[3], strerror(errno));
		return 1;
	}
	want = lines_of(argv[3]);
	inj.inject = NDT_SMART_INJECT_MEDIA_TEMP;
	for (i = 0; i < count; i++) {
		inj.media_temperature = 60 + (double)(i % 2);
		want++;
		t0 = now_us();
		rc = ndt_dimm_inject_smart(dimm, &inj);
		if (rc < 0) {
			fprintf(stderr, "smart-flip: inject: %s\n", strerror(-rc));
			return 1;
		}
		while (lines_of(argv[3]) < want) {
			if (poll(&pfd, 1, 5000) <= 0)
				break;
			if (read(pfd.fd, buf, sizeof(buf)) < 0 && errno != EAGAIN)
				break;
		}
		if (lines_of(argv[3]) < want) {
			printf("lost\n");
			want = lines_of(argv[3]);
			continue;
		}
		printf("%lld\n", now_us() - t0);
		/* a monitor may still be finishing the line: count what is there */
		want = lines_of(argv[3]);
	}
	inj.inject = 0;
	inj.uninject = NDT_SMART_INJECT_MEDIA_TEMP;
	ndt_dimm_inject_smart(dimm, &inj);
	ndt_ctx_unref(ctx);
	return 0;
}
