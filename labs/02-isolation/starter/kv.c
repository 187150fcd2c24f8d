/*
 * kv.c - the main program: a key-value store that answers a scripted
 * stream of requests while an auxiliary checker runs beside it.
 *
 *   ./kvstore MODE FAULT    MODE: thread | process | orbit
 *                           FAULT: none null abort stack loop lockloop
 *                                  hog wild exit
 *   ./kvstore ref           the same requests with no checker at all
 *
 * Requests arrive on a fixed schedule (one every INTERVAL_US), like a
 * client's, so a stall in main shows up as latency.  Each answer is one
 * line, "a SEQ RESULT LATENCY_US"; the last line is "result {json}".
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "kv.h"

#define REQUESTS 200
#define INTERVAL_US 10000L
#define PREFILL 2048
#define BOUND_US 50000L		/* "answered in time" */

enum fault chosen_fault;
static int cgroups_ok;		/* cg_init() worked: memory.max is in force */

/* ===== The store ===== */

uint32_t slot_hash(uint32_t key, uint32_t value)
{
	return (key * 2654435761u) ^ (value * 40503u + 1);
}

/* The slot holding key, or the free slot where it would go. */
static struct kv_slot *kv_find(struct kv_store *kv, uint32_t key, int for_insert)
{
	struct kv_slot *tomb = NULL;
	uint32_t i, h = (key * 2654435761u) % KV_SLOTS;

	for (i = 0; i < KV_SLOTS; i++) {
		struct kv_slot *s = &kv->slots[(h + i) % KV_SLOTS];

		if (s->used == 1 && s->key == key)
			return s;
		if (s->used == 2 && !tomb)
			tomb = s;
		if (s->used == 0)
			return for_insert ? (tomb ? tomb : s) : NULL;
	}
	return for_insert ? tomb : NULL;
}

// ANCHOR: serve
/* Put, get or delete; keeps live and checksum in step with the slots. */
static long kv_put(struct kv_store *kv, uint32_t key, uint32_t value)
{
	struct kv_slot *s = kv_find(kv, key, 0);

	if (s) {
		kv->checksum -= slot_hash(key, s->value);
	} else {
		s = kv_find(kv, key, 1);
		s->key = key;
		s->used = 1;
		kv->live++;
	}
	s->value = value;
	kv->checksum += slot_hash(key, value);
	return 0;
}

static long kv_get(struct kv_store *kv, uint32_t key)
{
	struct kv_slot *s = kv_find(kv, key, 0);

	return s ? (long)s->value : -1;
}

static long kv_del(struct kv_store *kv, uint32_t key)
{
	struct kv_slot *s = kv_find(kv, key, 0);

	if (!s)
		return -1;
	kv->checksum -= slot_hash(key, s->value);
	s->used = 2;
	kv->live--;
	return 0;
}
// ANCHOR_END: serve

/* Does a fresh walk of the slots agree with main's running totals? */
static int kv_intact(const struct kv_store *kv)
{
	uint32_t i, live = 0, sum = 0;

	for (i = 0; i < KV_SLOTS; i++)
		if (kv->slots[i].used == 1) {
			live++;
			sum += slot_hash(kv->slots[i].key, kv->slots[i].value);
		}
	return live == kv->live && sum == kv->checksum;
}

/* ===== The request stream ===== */

static uint32_t rng = 42;

static uint32_t next_random(void)
{
	rng = rng * 1103515245u + 12345u;
	return rng >> 8;
}

/* Serve the next scripted request; writes its answer into buf. */
static void serve_next(struct kv_store *kv, char *buf, size_t len)
{
	uint32_t r = next_random(), key = next_random() % KV_KEYS;
	long v;

	pthread_mutex_lock(&kv->lock);
	if (r % 10 < 4) {
		kv_put(kv, key, next_random() % 100000);
		snprintf(buf, len, "put");
	} else if (r % 10 < 9) {
		v = kv_get(kv, key);
		snprintf(buf, len, v < 0 ? "miss" : "v%ld", v);
	} else {
		snprintf(buf, len, kv_del(kv, key) ? "miss" : "del");
	}
	kv->seq++;
	pthread_mutex_unlock(&kv->lock);
}

/* ===== Accounting of the checker's results ===== */

static struct {
	long asked, results, lost, restarts, useful_after_fault, age_sum;
	uint32_t live_at[REQUESTS + 1];	/* kv->live after each request */
	const struct kv_store *kv;
} acct;

long now_us(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1000000L + t.tv_nsec / 1000;
}

int check_due(const struct kv_store *kv, int *check_no)
{
	if (kv->seq == 0 || kv->seq % CHECK_EVERY)
		return 0;
	*check_no = kv->seq / CHECK_EVERY;
	acct.asked++;
	return 1;
}

void report_result(const struct aux_stats *s)
{
	int right = s->seq >= 0 && s->seq <= REQUESTS && s->consistent &&
		    s->live == acct.live_at[s->seq];

	acct.results++;
	acct.age_sum += acct.kv->seq - s->seq;
	if (right && s->seq > (long)FAULT_AT_CHECK * CHECK_EVERY)
		acct.useful_after_fault++;
}

void report_lost(long seq, enum loss why)
{
	(void)seq;
	(void)why;
	acct.lost++;
}

void report_restart(void)
{
	acct.restarts++;
}

/* useful: right results came after the fault; stale: only before; lost. */
static const char *aux_outcome(void)
{
	if (acct.useful_after_fault)
		return "useful";
	return acct.results ? "stale" : "lost";
}

/* ===== Main ===== */

static void sleep_until(long t_us)
{
	struct timespec t = { t_us / 1000000L, (t_us % 1000000L) * 1000 };

	clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &t, NULL);
}

static const struct aux_mode *pick_mode(const char *name)
{
	const struct aux_mode *modes[] = { &thread_mode, &process_mode, &orbit_mode };
	size_t i;

	for (i = 0; i < 3; i++)
		if (!strcmp(name, modes[i]->name))
			return modes[i];
	return NULL;
}

static int pick_fault(const char *name)
{
	int f;

	for (f = 0; f < FAULT_COUNT; f++)
		if (!strcmp(name, fault_names[f]))
			return f;
	return -1;
}

static void usage(void)
{
	int f;

	fprintf(stderr, "usage: kvstore thread|process|orbit FAULT | kvstore ref\nfaults:");
	for (f = 0; f < FAULT_COUNT; f++)
		fprintf(stderr, " %s", fault_names[f]);
	fprintf(stderr, "\n");
	exit(2);
}

static void print_result(const char *mode, int intact, long worst, long within)
{
	printf("result {\"mode\":\"%s\",\"fault\":\"%s\",\"answered\":%d,"
	       "\"intact\":\"%s\",\"worst_ms\":%.1f,\"in_time\":%ld,"
	       "\"aux\":\"%s\",\"checks\":%ld,\"results\":%ld,\"lost\":%ld,"
	       "\"restarts\":%ld,\"staleness\":%.1f,\"cgroups\":\"%s\"}\n",
	       mode, fault_names[chosen_fault], REQUESTS, intact ? "yes" : "no",
	       worst / 1000.0, within, aux_outcome(), acct.asked, acct.results,
	       acct.lost, acct.restarts,
	       acct.results ? (double)acct.age_sum / acct.results : 0.0,
	       cgroups_ok ? "yes" : "no");
}

// ANCHOR: main_loop
/* Serve every request on schedule, letting the checker run between them. */
static void serve_all(struct kv_store *kv, const struct aux_mode *mode,
		      long *worst, long *within)
{
	long i, t0 = now_us(), lat;
	char answer[32];

	for (i = 0; i < REQUESTS; i++) {
		sleep_until(t0 + i * INTERVAL_US);
		serve_next(kv, answer, sizeof(answer));
		lat = now_us() - (t0 + i * INTERVAL_US);
		printf("a %ld %s %ld\n", i + 1, answer, lat);
		acct.live_at[kv->seq] = kv->live;
		*worst = lat > *worst ? lat : *worst;
		*within += lat <= BOUND_US;
		if (mode)
			mode->tick(kv);
	}
}
// ANCHOR_END: main_loop

int main(int argc, char **argv)
{
	const struct aux_mode *mode = NULL;
	struct kv_store *kv;
	long worst = 0, within = 0;
	uint32_t k;

	setvbuf(stdout, NULL, _IOLBF, 0);	/* every answer leaves at once */
	cgroups_ok = cg_init() == 0;
	if (!cgroups_ok)
		fprintf(stderr, "kvstore: cannot manage cgroups here: no memory limits\n");
	if (argc == 2 && !strcmp(argv[1], "ref"))
		chosen_fault = FAULT_NONE;
	else if (argc != 3 || !(mode = pick_mode(argv[1])) ||
		 pick_fault(argv[2]) < 0)
		usage();
	else
		chosen_fault = pick_fault(argv[2]);
	kv = mode ? mode->alloc() : calloc(1, sizeof(*kv));
	if (!kv) {
		perror("kvstore: no memory for the store");
		return 1;
	}
	pthread_mutex_init(&kv->lock, NULL);
	for (k = 0; k < PREFILL; k++)
		kv_put(kv, k * 2, k * 7 + 1);
	acct.kv = kv;
	acct.live_at[0] = kv->live;
	if (mode && mode->start(kv)) {
		fprintf(stderr, "kvstore: the %s checker did not start\n", mode->name);
		return 1;
	}
	serve_all(kv, mode, &worst, &within);
	if (mode)
		mode->stop();
	print_result(mode ? mode->name : "ref", kv_intact(kv), worst, within);
	return 0;
}
