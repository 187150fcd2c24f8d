/*
 * lock_sys.h - a miniature of InnoDB's lock system: row locks, the
 * transactions that hold and wait for them, and the deadlock search.
 * Read-only: the port changes detector.c only.
 */
#ifndef LOCK_SYS_H
#define LOCK_SYS_H

#include <pthread.h>

#define MAX_TRX 16		/* transaction slots, one per worker */
#define MAX_LOCKS 128		/* row lock slots */
#define NO_TRX (-1)

enum lock_mode { LOCK_S, LOCK_X };
enum trx_state { TRX_IDLE, TRX_ACTIVE, TRX_WAITING, TRX_VICTIM };

// ANCHOR: tables
/* One row lock: granted, or waiting in the row's queue (FIFO by seq). */
struct lock {
	int used;
	int trx;		/* owner: a slot in lock_sys.trx */
	int row;
	int mode;		/* LOCK_S or LOCK_X */
	int granted;
	unsigned seq;		/* queue order on the row */
};

/* A transaction slot, reused by its worker for one transaction after another. */
struct trx {
	int id;			/* begin order: a larger id is younger */
	int state;		/* enum trx_state */
	int n_locks;		/* locks held: the victim policy's "work done" */
	int wait_lock;		/* slot in lock_sys.locks while TRX_WAITING */
	unsigned wait_seq;	/* counts this slot's waits: names one wait */
};

/* Everything the deadlock search reads, and nothing else. */
struct lock_sys {
	struct trx trx[MAX_TRX];
	struct lock locks[MAX_LOCKS];
	unsigned next_seq;
};
// ANCHOR_END: tables

/* A cycle found by the search: its members, each at the wait it was in. */
struct dl_cycle {
	int n;
	int victim;		/* slot of the transaction to roll back */
	int trx[MAX_TRX];
	unsigned wait_seq[MAX_TRX];
};

/* Counters of one run, printed in the summary line. */
struct dl_stats {
	long committed, rolled_back, victims, timeouts;
	long long wait_us;		/* time transactions spent waiting */
	long long detector_hold_us;	/* time the detector held lock_sys_mutex */
	long waits;			/* lock waits, each one a detector_on_wait() */
};

/* Faults and delays the checker injects through the environment. */
struct dl_inject {
	int crash;		/* LAB_DETECTOR_CRASH=1: the search dereferences NULL */
	int delay_ms;		/* LAB_DETECTOR_DELAY_MS=N: each search takes N ms more */
};

extern struct lock_sys *lock_sys;	/* the lock table, from lock_sys_alloc() */
extern pthread_mutex_t lock_sys_mutex;	/* guards *lock_sys; main only */
extern struct dl_stats dl_stats;	/* guarded by lock_sys_mutex */
extern struct dl_inject dl_inject;

/* lock_sys.c: transactions and their locks (call with lock_sys_mutex held
 * unless the comment says otherwise). */
void trx_begin(int slot);
int lock_row(int slot, int row, int mode, int timeout_ms);	/* 0 or -1: rolled back */
int trx_commit(int slot);			/* 0 or -1: was rolled back */
void trx_rollback_victim(int slot);
long long now_us(void);				/* monotonic clock */
void lock_sys_init_conds(void);			/* once, before any wait */
void detector_lock(void);			/* lock_sys_mutex, hold time counted */
void detector_unlock(void);

/* deadlock.c: the search, on whatever lock_sys it is given (no locking). */
int deadlock_search(const struct lock_sys *ls, int start, struct dl_cycle *c);
int trx_waits_for(const struct lock_sys *ls, int a, int b);

#endif /* LOCK_SYS_H */
