// SPDX-License-Identifier: GPL-2.0-or-later
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <syslog.h>
#include "tap.h"
#include "lib/private.h"

static char last[256];
static int nlogged;

static void capture(struct ndt_ctx *ctx, int prio, const char *file, int line, const char *fn,
		    const char *fmt, va_list args)
{
	nlogged++;
	vsnprintf(last, sizeof(last), fmt, args);
}

int main(void)
{
	struct ndt_ctx *ctx;

	is_int(ndt_log_priority_from_string("debug"), LOG_DEBUG, "debug");
	is_int(ndt_log_priority_from_string("info"), LOG_INFO, "info");
	is_int(ndt_log_priority_from_string("err"), LOG_ERR, "err");
	is_int(ndt_log_priority_from_string("notice"), LOG_NOTICE, "notice");
	is_int(ndt_log_priority_from_string("4"), LOG_WARNING, "number");
	is_int(ndt_log_priority_from_string("8"), -EINVAL, "number out of range");
	is_int(ndt_log_priority_from_string("-1"), -EINVAL, "negative number");
	is_int(ndt_log_priority_from_string("7x"), -EINVAL, "trailing junk");
	is_int(ndt_log_priority_from_string(""), -EINVAL, "empty");
	is_int(ndt_log_priority_from_string("verbose"), -EINVAL, "unknown word");

	unsetenv("NDTOOL_LOG");
	is_int(ndt_ctx_new(&ctx), 0, "ctx created");
	is_int(ndt_get_log_priority(ctx), LOG_ERR, "default priority is err");
	ndt_set_log_fn(ctx, capture);
	dbg(ctx, "hidden %d", 1);
	is_int(nlogged, 0, "debug message filtered at err");
	err(ctx, "shown %d", 2);
	is_str(last, "shown 2", "error message reaches the sink");
	ndt_set_log_priority(ctx, LOG_DEBUG);
	dbg(ctx, "now %s", "visible");
	is_str(last, "now visible", "debug message after raising the priority");
	ok(ndt_ctx_ref(ctx) == ctx, "ref returns ctx");
	ok(ndt_ctx_unref(ctx) == ctx, "unref with a reference left returns ctx");
	ok(ndt_ctx_unref(ctx) == NULL, "last unref frees");

	setenv("NDTOOL_LOG", "debug", 1);
	ndt_ctx_new(&ctx);
	is_int(ndt_get_log_priority(ctx), LOG_DEBUG, "NDTOOL_LOG=debug");
	ndt_ctx_unref(ctx);
	setenv("NDTOOL_LOG", "loud", 1);
	freopen("/dev/null", "w", stderr);
	ndt_ctx_new(&ctx);
	is_int(ndt_get_log_priority(ctx), LOG_ERR, "invalid NDTOOL_LOG keeps the default");
	ndt_ctx_unref(ctx);
	return done();
}
