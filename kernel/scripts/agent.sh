# The exec agent (kernel/agent/orbit-agent.c) for the guest, built on the host with
# gcc -m32 as liborbit is (Debian's gcc-multilib; the same glibc 2.36 as the guest).

AGENT_STAGE="$BUILD_DIR/agent-stage"

# build_agent: /sbin/orbit-agent into $AGENT_STAGE, stripped (no paths or debug info).
build_agent() {
  rm -rf "$AGENT_STAGE"
  mkdir -p "$AGENT_STAGE/sbin"
  gcc -m32 -O2 -std=gnu99 -Wall -Wextra -Werror -s -o "$AGENT_STAGE/sbin/orbit-agent" \
    "$KERNEL_DIR/agent/orbit-agent.c"
  log "orbit-agent: $(stat -c %s "$AGENT_STAGE/sbin/orbit-agent") bytes"
}
