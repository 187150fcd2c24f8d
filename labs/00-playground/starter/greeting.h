/* The greeting the program must print, followed by a newline. Read-only. */
#define GREETING "Hello, orbit!"
