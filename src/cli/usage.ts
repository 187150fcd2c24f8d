// Help texts of orbit-lab, printed by --help and after a usage error.

export const MAIN_USAGE = `Usage: orbit-lab COMMAND [OPTIONS]

Drive the course's Linux VM (v86, headless) from the command line.

Commands:
  exec    run one command in a fresh VM and exit with its status
  shell   the VM's serial console in this terminal

Options:
  -h, --help   show this help; \`orbit-lab COMMAND --help\` for a command's

Exit status: that of the guest command for exec; 124 when it timed out;
2 for bad arguments; 125 when orbit-lab itself failed (e.g. the VM images
are missing or stale: run \`npm run vm:build\`).
`;

export const EXEC_USAGE = `Usage: orbit-lab exec [OPTIONS] -- COMMAND [ARG...]

Restore the VM from its saved state, copy files in, run COMMAND in the guest,
print its output (stdout and stderr interleaved, on stdout), copy files out,
and exit with COMMAND's exit status.

Options:
  --put LOCAL:GUEST     copy a local file into the guest before running
  --get GUEST:LOCAL     copy a guest file out after running
  --timeout SECONDS     kill COMMAND after this long (default 60); exit 124
  --user student|root   run as the unprivileged student (uid 1000) or root
                        (default root)
  --cold                boot the kernel instead of restoring the saved state
  -h, --help            show this help

Guest paths may be relative: they and COMMAND start in the exchange
directory. The part before the first ":" must not contain ":".

Examples:
  orbit-lab exec -- uname -a
  orbit-lab exec --put hello.c:hello.c -- tcc -run hello.c
  orbit-lab exec --put a.c:a.c --get a.out:./a.out -- tcc -o a.out a.c -lpthread
`;

export const SHELL_USAGE = `Usage: orbit-lab shell [OPTIONS]

Connect this terminal to the VM's serial console (a root shell) in raw mode.
Press Ctrl-] to quit (the VM is discarded).

Options:
  --cold       boot the kernel instead of restoring the saved state
  -h, --help   show this help
`;
