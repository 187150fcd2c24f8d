/*
 * detector.h - what the driver needs from the deadlock detector.  The port
 * changes how these are implemented (detector.c), never what they promise.
 * Read-only.
 */
#ifndef DETECTOR_H
#define DETECTOR_H

#include "lock_sys.h"

/* "thread" or "orbit": printed in the summary line. */
extern const char detector_kind[];

/* The lock table, zero-filled; NULL on failure.  Called once, first. */
struct lock_sys *lock_sys_alloc(void);

/* Start the detector before the workers start: 0, or -1 on failure. */
int detector_start(void);

/*
 * Transaction slot has just begun to wait (lock_sys->trx[slot].state is
 * TRX_WAITING, its wait is named by wait_seq).  Called with lock_sys_mutex
 * held, by the waiting worker: return quickly.
 */
void detector_on_wait(int slot);

/* Stop the detector after the workers finished; free what it holds. */
void detector_stop(void);

#endif /* DETECTOR_H */
