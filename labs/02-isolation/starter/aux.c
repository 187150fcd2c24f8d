/*
 * aux.c - the auxiliary task: a health checker that walks main's store,
 * counts the live entries and checks them against main's running
 * checksum.  One of its checks (number FAULT_AT_CHECK) has the bug chosen
 * on the command line; every other check is correct.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kv.h"

const char *const fault_names[FAULT_COUNT] = {
	"none", "null", "abort", "stack", "loop", "lockloop", "hog", "wild",
	"exit",
};

#define HOG_MB 40

/* Spin forever: a lost wake-up, a retry loop without a bound. */
static void spin(void)
{
	volatile unsigned long n = 0;

	for (;;)
		n++;
}

/* Recursion with no real bound: each frame takes a kilobyte of stack. */
static int recurse(volatile char *prev, unsigned long depth)
{
	volatile char frame[1024];

	frame[0] = prev ? prev[0] + 1 : 0;
	if (depth == ~0UL)
		return 0;
	return recurse(frame, depth + 1) + frame[1];
}

/* A log that grows without a bound and is never freed. */
static void hog(void)
{
	int mb;

	for (mb = 0; mb < HOG_MB; mb++) {
		char *p = malloc(1 << 20);

		if (!p)
			return;
		memset(p, mb + 1, 1 << 20);
	}
}

// ANCHOR: faults_before
/* Faults that strike before the walk, outside main's lock. */
static void fault_before(enum fault f)
{
	volatile struct kv_slot *missing = NULL;

	switch (f) {
	case FAULT_NULL:	/* a lookup that failed, used unchecked */
		missing->value++;
		break;
	case FAULT_ABORT:	/* a failed assertion */
		abort();
	case FAULT_STACK:
		recurse(NULL, 0);
		break;
	case FAULT_LOOP:
		spin();
		break;
	case FAULT_HOG:
		hog();
		break;
	default:
		break;
	}
}
// ANCHOR_END: faults_before

// ANCHOR: faults_during
/* Faults that strike in the middle of the walk, holding main's lock. */
static void fault_during(enum fault f, struct kv_store *kv)
{
	switch (f) {
	case FAULT_LOCKLOOP:
		spin();
		break;
	case FAULT_WILD:	/* a length off by a lot, then a memset */
		memset(&kv->slots[KV_SLOTS / 8], 0, KV_SLOTS / 4 * sizeof(struct kv_slot));
		break;
	case FAULT_EXIT:	/* an error path that exits "the program" */
		exit(3);
	default:
		break;
	}
}
// ANCHOR_END: faults_during

// ANCHOR: check
void aux_check(const struct check_arg *arg, struct aux_stats *out)
{
	enum fault f = arg->check_no == FAULT_AT_CHECK ? arg->fault : FAULT_NONE;
	struct kv_store *kv = arg->kv;
	uint32_t i, live = 0, sum = 0;

	fault_before(f);
	pthread_mutex_lock(&kv->lock);
	for (i = 0; i < KV_SLOTS; i++) {
		if (i == KV_SLOTS / 2)
			fault_during(f, kv);
		if (kv->slots[i].used == 1) {
			live++;
			sum += slot_hash(kv->slots[i].key, kv->slots[i].value);
		}
	}
	out->seq = kv->seq;
	out->live = live;
	out->consistent = live == kv->live && sum == kv->checksum;
	pthread_mutex_unlock(&kv->lock);
}
// ANCHOR_END: check

unsigned long aux_pack(const struct aux_stats *s)
{
	return (unsigned long)s->live << 1 | (s->consistent ? 1 : 0);
}

void aux_unpack(unsigned long v, long seq, struct aux_stats *s)
{
	s->seq = seq;
	s->live = v >> 1;
	s->consistent = v & 1;
}
