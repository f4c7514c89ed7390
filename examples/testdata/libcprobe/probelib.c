/* The shared library the libc probe links against, so that the C library's
 * dynamic loader finds, opens and maps a library of the program's own under
 * the profile, as it does for every dynamically linked executable. */
static __thread int calls; /* thread-local storage in a shared library */

int probelib_add(int a, int b)
{
	calls++;
	return a + b + calls - calls;
}
