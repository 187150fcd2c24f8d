# liborbit and the orbit selftests for the guest, built on the host with gcc -m32
# (Debian's gcc-multilib; same glibc 2.36 as the guest). tcc finds orbit.h in
# /usr/include and liborbit.a in /usr/lib, so `tcc prog.c -lorbit -lpthread` works;
# the selftests go to /usr/lib/orbit/selftests and are run by npm test (orbit_bench,
# the microbenchmark there, by npm run bench).

ORBIT_STAGE="$BUILD_DIR/liborbit-stage"

# orbit_cc ARGS...: the one compiler line, without debug info or build paths
# (orbit_alloc() records __FILE__: the prefix map makes it kernel/..., wherever
# the checkout is, so two checkouts build the same liborbit.a).
orbit_cc() {
  gcc -m32 -O2 -std=gnu99 -Wall -Wextra -Werror -ffile-prefix-map="$KERNEL_DIR"=kernel \
    -I"$KERNEL_DIR/liborbit" -I"$KERNEL_DIR/liborbit/uapi" "$@"
}

# build_liborbit: liborbit.a, orbit_test, orbit_fuzz and orbit_bench into $ORBIT_STAGE.
build_liborbit() {
  local obj="$BUILD_DIR/liborbit-obj" f
  rm -rf "$obj" "$ORBIT_STAGE"
  mkdir -p "$obj" "$ORBIT_STAGE/usr/include" "$ORBIT_STAGE/usr/lib/orbit/selftests"
  for f in orbit alloc scratch; do
    orbit_cc -c -o "$obj/$f.o" "$KERNEL_DIR/liborbit/$f.c"
  done
  # Debian's ar writes deterministic archives (no mtimes, uids or modes).
  ar rcs "$ORBIT_STAGE/usr/lib/liborbit.a" "$obj"/orbit.o "$obj"/alloc.o "$obj"/scratch.o
  cp "$KERNEL_DIR/liborbit/orbit.h" "$ORBIT_STAGE/usr/include/orbit.h"
  for f in orbit_test orbit_fuzz orbit_bench; do
    orbit_cc -s -o "$ORBIT_STAGE/usr/lib/orbit/selftests/$f" "$KERNEL_DIR/selftests/orbit/$f.c" \
      -L"$ORBIT_STAGE/usr/lib" -lorbit -lpthread
  done
  log "liborbit: $(stat -c %s "$ORBIT_STAGE/usr/lib/liborbit.a") bytes; selftests built"
}
