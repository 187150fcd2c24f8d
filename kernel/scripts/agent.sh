# The exec agent (kernel/agent/orbit-agent.c) and the checkers' sandbox
# (kernel/agent/orbit-sandbox.c) for the guest, built on the host with gcc -m32 as
# liborbit is (Debian's gcc-multilib; the same glibc 2.36 as the guest).

AGENT_STAGE="$BUILD_DIR/agent-stage"

# agent_gcc OUT SOURCE: one stripped guest program (no paths or debug info).
agent_gcc() {
  gcc -m32 -O2 -std=gnu99 -Wall -Wextra -Werror -s -o "$1" "$2" "$KERNEL_DIR/agent/cgroup.c"
  log "$(basename "$1"): $(stat -c %s "$1") bytes"
}

# build_agent: /sbin/orbit-agent and /usr/sbin/orbit-sandbox into $AGENT_STAGE.
build_agent() {
  rm -rf "$AGENT_STAGE"
  mkdir -p "$AGENT_STAGE/sbin" "$AGENT_STAGE/usr/sbin"
  agent_gcc "$AGENT_STAGE/sbin/orbit-agent" "$KERNEL_DIR/agent/orbit-agent.c"
  agent_gcc "$AGENT_STAGE/usr/sbin/orbit-sandbox" "$KERNEL_DIR/agent/orbit-sandbox.c"
}
