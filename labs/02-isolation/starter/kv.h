/*
 * kv.h - the isolation lab's shared declarations.
 *
 * The main program is a small in-memory key-value store answering a
 * scripted stream of requests (kv.c).  Beside it runs an auxiliary task, a
 * health checker that walks the store and checks it against main's running
 * checksum (aux.c).  The checker has injectable faults, and it runs in one
 * of three modes: a thread, a process forked per check (modes.c), or an
 * orbit (orbit_mode.c, which you write).
 */
#ifndef KV_H
#define KV_H

#include <pthread.h>
#include <stddef.h>
#include <stdint.h>

/* ===== The store: everything here is what the checker reads ===== */

#define KV_SLOTS 16384		/* open-addressing hash table: 256 KB */
#define KV_KEYS 4096		/* keys are 0 .. KV_KEYS - 1 */

struct kv_slot {
	uint32_t key;
	uint32_t value;
	uint32_t used;		/* 1: live entry, 2: deleted (tombstone) */
	uint32_t pad;
};

struct kv_store {
	pthread_mutex_t lock;	/* main holds it while it serves a request */
	long seq;		/* requests served so far */
	uint32_t live;		/* live keys */
	uint32_t checksum;	/* sum of slot_hash() over live entries */
	struct kv_slot slots[KV_SLOTS];
};

uint32_t slot_hash(uint32_t key, uint32_t value);

/* ===== The auxiliary task ===== */

enum fault {
	FAULT_NONE, FAULT_NULL, FAULT_ABORT, FAULT_STACK, FAULT_LOOP,
	FAULT_LOCKLOOP, FAULT_HOG, FAULT_WILD, FAULT_EXIT, FAULT_COUNT,
};

extern const char *const fault_names[FAULT_COUNT];

/* The check the fault fires in (checks are numbered from 1). */
#define FAULT_AT_CHECK 3

/* What main passes to one check. */
struct check_arg {
	struct kv_store *kv;
	long seq;		/* main's kv->seq when it asked */
	int check_no;		/* 1, 2, ... */
	enum fault fault;
};

/* What one check finds. */
struct aux_stats {
	long seq;		/* kv->seq of the state it walked */
	uint32_t live;		/* live entries it counted */
	int consistent;		/* its checksum equals the store's */
};

/* Walk the store (taking kv->lock), with the fault if this check has it. */
void aux_check(const struct check_arg *arg, struct aux_stats *out);

/* The stats packed into an orbit's return value, and back. */
unsigned long aux_pack(const struct aux_stats *s);
void aux_unpack(unsigned long v, long seq, struct aux_stats *s);

/* ===== Modes: how main runs the checker ===== */

struct aux_mode {
	const char *name;
	/* memory for the store (zeroed), before anything else */
	struct kv_store *(*alloc)(void);
	/* start the checker; 0 or -1 (the program stops) */
	int (*start)(struct kv_store *kv);
	/* called after every request; must return quickly */
	void (*tick)(struct kv_store *kv);
	/* stop the checker: nothing it started may outlive this */
	void (*stop)(void);
};

extern const struct aux_mode thread_mode, process_mode, orbit_mode;

/* Check every this many requests; a check is late after CHECK_DEADLINE_US. */
#define CHECK_EVERY 30
#define CHECK_DEADLINE_US 500000L

/* Is a check due now?  Numbers it (1, 2, ...) into *check_no. */
int check_due(const struct kv_store *kv, int *check_no);

/* The fault chosen on the command line. */
extern enum fault chosen_fault;

/* ===== What modes report to main ===== */

enum loss { LOSS_CRASH, LOSS_DEADLINE, LOSS_BUSY, LOSS_GAVE_UP };

/* A check asked at seq came back with stats s. */
void report_result(const struct aux_stats *s);
/* A check asked at seq gave nothing, for this reason. */
void report_lost(long seq, enum loss why);
/* The checker was started again after a crash or a deadline. */
void report_restart(void);

/* Microseconds on the monotonic clock. */
long now_us(void);

/* ===== cgroup v2 helpers (cgroup.c) ===== */

/*
 * Prepare cgroups for this program: main moves into the group "main"
 * under its own cgroup, with memory.max MAIN_MEMORY_MAX.  0, or -1 when
 * the program may not manage cgroups here (then the others fail too).
 */
#define MAIN_MEMORY_MAX "24M"
int cg_init(void);
/* Create group NAME beside "main" (an existing one is reused). */
int cg_create(const char *name);
/* Write VALUE to FILE of group NAME, e.g. ("orbit", "memory.max", "8M"). */
int cg_set(const char *name, const char *file, const char *value);
/* Move process PID into group NAME. */
int cg_enter(const char *name, int pid);
/* Remove group NAME (it must be empty). */
int cg_remove(const char *name);

#endif /* KV_H */
