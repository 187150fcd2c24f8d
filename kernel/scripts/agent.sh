# The guest's helpers, built on the host with gcc -m32 as liborbit is (Debian's
# gcc-multilib; the same glibc 2.36 as the guest): one binary, /sbin/orbit-agent
# (the exec agent, kernel/agent/orbit-agent.c), which /usr/sbin/orbit-sandbox (the
# checkers' sandbox, kernel/agent/orbit-sandbox.c) links to. Built for size: its
# pages are in the initramfs and again in the saved state.

AGENT_STAGE="$BUILD_DIR/agent-stage"
AGENT_SOURCES=(main.c orbit-agent.c orbit-sandbox.c cgroup.c)
AGENT_CFLAGS=(-Os -fno-asynchronous-unwind-tables -ffunction-sections -Wl,--gc-sections -Wl,-z,noseparate-code)

# build_agent: the stripped binary (no paths or debug info) and its link into $AGENT_STAGE.
build_agent() {
  local out="$AGENT_STAGE/sbin/orbit-agent"
  rm -rf "$AGENT_STAGE"
  mkdir -p "$AGENT_STAGE/sbin" "$AGENT_STAGE/usr/sbin"
  gcc -m32 "${AGENT_CFLAGS[@]}" -std=gnu99 -Wall -Wextra -Werror -s -o "$out" \
    "${AGENT_SOURCES[@]/#/$KERNEL_DIR/agent/}"
  ln -s /sbin/orbit-agent "$AGENT_STAGE/usr/sbin/orbit-sandbox"
  log "orbit-agent (and orbit-sandbox): $(stat -c %s "$out") bytes"
}
