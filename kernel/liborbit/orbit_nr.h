/* System call numbers of the orbit calls on i386 (syscall_32.tbl). */
#ifndef ORBIT_NR_H
#define ORBIT_NR_H

#define __NR_orbit_create	451
#define __NR_orbit_call		452
#define __NR_orbit_return	453
#define __NR_orbit_send		454
#define __NR_orbit_recv		455
#define __NR_orbit_sendv	456
#define __NR_orbit_recvv	457
#define __NR_orbit_cancel	458
#define __NR_orbit_destroy	459
#define __NR_orbit_destroy_all	460
#define __NR_orbit_state	461
#define __NR_orbit_commit	462

#endif /* ORBIT_NR_H */
