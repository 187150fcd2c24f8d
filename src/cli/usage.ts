// Help texts of orbit-lab, printed by --help and after a usage error.

export const MAIN_USAGE = `Usage: orbit-lab COMMAND [OPTIONS]

Drive the course's Linux VM (v86, headless) from the command line.

Commands:
  exec         run one command in a fresh VM and exit with its status
  shell        the VM's serial console in this terminal
  grade        grade lab submissions; write results.json files and grades.csv
  autograder   write a Gradescope autograder zip for a lab

Options:
  -h, --help   show this help; \`orbit-lab COMMAND --help\` for a command's

Exit status: that of the guest command for exec; 124 when it timed out;
for grade, 0 when every submission was graded (whatever its score) and 1
when one could not be; 2 for bad arguments; 125 when orbit-lab itself
failed (e.g. the VM images are missing or stale: run \`npm run vm:build\`).
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

export const GRADE_USAGE = `Usage: orbit-lab grade LAB SUBMISSION... [--out DIR] [--jobs N]

Grade each SUBMISSION of lab LAB in a fresh VM with the tests of the lab's
folder (never the submission's), as the page's Check does.

  LAB          a lab id (a folder name under labs/) or a lab folder
  SUBMISSION   a Download archive (*.json), a .zip of the lab's files, or a
               folder holding them; only the file names the lab lists are
               taken, each at most 256 KB

Options:
  --out DIR    where to write <submission>.results.json (Gradescope's format)
               and grades.csv (default ./grades)
  --jobs N     grade N submissions at once, one VM each (default: the number
               of cores)
  -h, --help   show this help

Exit status: 0 when every submission was graded, whatever its score; 1 when
one could not be (the reason is in its results.json and on stderr); 2 for
bad arguments.

Example:
  orbit-lab grade 00-playground alice.json bob.zip carol/ --out grades
`;

export const AUTOGRADER_USAGE = `Usage: orbit-lab autograder LAB [--out FILE.zip]

Write the zip that Gradescope's programming-assignment autograder takes for
lab LAB: setup.sh (installs Node.js with apt), run_autograder (grades
/autograder/submission/: the uploaded files, or a Download archive), the VM
images and the grader bundled into one script, so nothing is fetched at
grading time.

Options:
  --out FILE.zip   where to write it (default ./LAB-autograder.zip)
  -h, --help       show this help
`;
