/* libcprobe: everyday libc work, one line per operation, for the e2e
 * (examples/e2e_libcprobe_test.go). Built with gcc (glibc) and musl-gcc
 * (musl), dynamically linked against libprobelib.so, and run under every
 * generated seccomp profile with the generated docker run flags. Each
 * operation prints "ok NAME" or "FAIL NAME: reason"; the exit status is 1
 * when any failed. TMPDIR (default /tmp) must be writable. */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/select.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;
int probelib_add(int a, int b);

static int failed;

static void report(const char *name, int ok, const char *what)
{
	if (ok) {
		printf("ok %s\n", name);
	} else {
		printf("FAIL %s: %s: %s\n", name, what, strerror(errno));
		failed = 1;
	}
	fflush(stdout);
}

#define CHECK(name, expr) report(name, (expr), #expr)

static void files(void)
{
	struct stat st;
	char buf[4096];
	int fd = open("/proc/self/status", O_RDONLY | O_CLOEXEC);
	CHECK("open", fd >= 0);
	CHECK("read", fd >= 0 && read(fd, buf, sizeof buf) > 0);
	CHECK("lseek", fd >= 0 && lseek(fd, 0, SEEK_SET) == 0);
	CHECK("fstat", fd >= 0 && fstat(fd, &st) == 0);
	if (fd >= 0)
		close(fd);
	CHECK("stat", stat("/", &st) == 0 && S_ISDIR(st.st_mode));
	CHECK("lstat", lstat("/proc/self/exe", &st) == 0 && S_ISLNK(st.st_mode));
	CHECK("fstatat", fstatat(AT_FDCWD, "/proc", &st, 0) == 0);
	FILE *f = fopen("/proc/self/cmdline", "r");
	CHECK("fopen", f != NULL && fread(buf, 1, 1, f) == 1);
	if (f)
		fclose(f);
	DIR *d = opendir("/");
	int n = 0;
	if (d) {
		while (readdir(d))
			n++;
		closedir(d);
	}
	CHECK("readdir", d != NULL && n > 2);
	CHECK("access", access("/", R_OK) == 0 && access("/proc/self/exe", X_OK) == 0);
	ssize_t len = readlink("/proc/self/exe", buf, sizeof buf - 1);
	CHECK("readlink", len > 0);
	char *real = realpath("/proc/self/exe", NULL);
	CHECK("realpath", real != NULL);
	free(real);

	const char *tmp = getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
	char path[512];
	snprintf(path, sizeof path, "%s/libcprobe-XXXXXX", tmp);
	int t = mkstemp(path);
	CHECK("mkstemp", t >= 0);
	CHECK("write-file", t >= 0 && write(t, "x\n", 2) == 2);
	CHECK("fsync", t >= 0 && fsync(t) == 0);
	char dst[600];
	snprintf(dst, sizeof dst, "%s.renamed", path);
	CHECK("rename", t >= 0 && rename(path, dst) == 0);
	CHECK("unlink", t >= 0 && unlink(dst) == 0);
	if (t >= 0)
		close(t);
	snprintf(path, sizeof path, "%s/libcprobe-dir", tmp);
	CHECK("mkdir+rmdir", mkdir(path, 0700) == 0 && rmdir(path) == 0);
}

static void fds(void)
{
	int p[2], q[2];
	CHECK("pipe", pipe(p) == 0);
	CHECK("pipe2", pipe2(q, O_CLOEXEC | O_NONBLOCK) == 0);
	int d = dup(p[0]);
	CHECK("dup", d >= 0);
	CHECK("dup2", dup2(p[0], 40) == 40);
	CHECK("dup3", dup3(p[0], 41, O_CLOEXEC) == 41);
	CHECK("fcntl", fcntl(q[0], F_GETFL) & O_NONBLOCK);
	close(d);
	close(40);
	close(41);

	CHECK("write-pipe", write(p[1], "abc", 3) == 3);
	struct pollfd pf = {.fd = p[0], .events = POLLIN};
	CHECK("poll", poll(&pf, 1, 1000) == 1 && (pf.revents & POLLIN));
	struct timespec ts = {1, 0};
	pf.revents = 0;
	CHECK("ppoll", ppoll(&pf, 1, &ts, NULL) == 1);
	fd_set rs;
	FD_ZERO(&rs);
	FD_SET(p[0], &rs);
	struct timeval tv = {1, 0};
	CHECK("select", select(p[0] + 1, &rs, NULL, NULL, &tv) == 1);
	FD_ZERO(&rs);
	FD_SET(p[0], &rs);
	CHECK("pselect", pselect(p[0] + 1, &rs, NULL, NULL, &ts, NULL) == 1);

	int ep = epoll_create1(EPOLL_CLOEXEC);
	CHECK("epoll_create1", ep >= 0);
	int ep0 = epoll_create(1);
	CHECK("epoll_create", ep0 >= 0);
	struct epoll_event ev = {.events = EPOLLIN, .data.fd = p[0]}, out;
	CHECK("epoll_ctl", ep >= 0 && epoll_ctl(ep, EPOLL_CTL_ADD, p[0], &ev) == 0);
	CHECK("epoll_wait", ep >= 0 && epoll_wait(ep, &out, 1, 1000) == 1 && out.data.fd == p[0]);
	sigset_t none;
	sigemptyset(&none);
	CHECK("epoll_pwait", ep >= 0 && epoll_pwait(ep, &out, 1, 1000, &none) == 1);
	close(ep);
	close(ep0);
	char buf[4];
	CHECK("read-pipe", read(p[0], buf, 3) == 3);
	close(p[0]);
	close(p[1]);
	close(q[0]);
	close(q[1]);
}

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cv = PTHREAD_COND_INITIALIZER;
static int counter;

static void *worker(void *arg)
{
	pthread_mutex_lock(&mu);
	counter += probelib_add((int)(long)arg, 0);
	pthread_cond_signal(&cv);
	pthread_mutex_unlock(&mu);
	return NULL;
}

static volatile sig_atomic_t got;
static void on_signal(int sig) { got |= sig == SIGUSR1 ? 1 : sig == SIGUSR2 ? 2 : 4; }

static void threads_signals(void)
{
	pthread_t th[4];
	int ok = 1;
	for (long i = 0; i < 4; i++)
		ok &= pthread_create(&th[i], NULL, worker, (void *)(i + 1)) == 0;
	for (int i = 0; i < 4; i++)
		ok &= pthread_join(th[i], NULL) == 0;
	CHECK("threads", ok && counter == 10);

	struct sigaction sa = {0};
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	CHECK("sigaction", sigaction(SIGUSR1, &sa, NULL) == 0 && sigaction(SIGUSR2, &sa, NULL) == 0 && sigaction(SIGALRM, &sa, NULL) == 0);
	CHECK("raise", raise(SIGUSR1) == 0 && (got & 1));
	CHECK("kill", kill(getpid(), SIGUSR2) == 0 && (got & 2));
	got = 0;
	CHECK("pthread_kill", pthread_kill(pthread_self(), SIGUSR1) == 0 && (got & 1));
	sigset_t set, old;
	sigemptyset(&set);
	sigaddset(&set, SIGUSR2);
	CHECK("sigprocmask", sigprocmask(SIG_BLOCK, &set, &old) == 0 && sigprocmask(SIG_SETMASK, &old, NULL) == 0);
	struct timespec ms = {0, 1000000};
	CHECK("nanosleep", nanosleep(&ms, NULL) == 0);
	struct timespec now;
	CHECK("clock_gettime", clock_gettime(CLOCK_MONOTONIC, &now) == 0);
}

static void processes(char *self)
{
	pid_t pid = fork();
	if (pid == 0)
		_exit(7);
	int status = 0;
	CHECK("fork+waitpid", pid > 0 && waitpid(pid, &status, 0) == pid && WIFEXITED(status) && WEXITSTATUS(status) == 7);

	char *args[] = {self, "--child", NULL};
	pid_t sp;
	int r = posix_spawn(&sp, "/proc/self/exe", NULL, NULL, args, environ);
	if (r)
		errno = r;
	status = 0;
	CHECK("posix_spawn+exec", r == 0 && waitpid(sp, &status, 0) == sp && WIFEXITED(status) && WEXITSTATUS(status) == 3);

	long n = sysconf(_SC_NPROCESSORS_ONLN);
	cpu_set_t cs;
	CPU_ZERO(&cs);
	int aff = sched_getaffinity(0, sizeof cs, &cs);
	CHECK("cpu-count", n > 0 && aff == 0 && CPU_COUNT(&cs) > 0);
	CHECK("getppid", getppid() >= 0);
}

static void sockets(void)
{
	int l = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	struct sockaddr_in a = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
	socklen_t al = sizeof a;
	int ok = l >= 0 && bind(l, (struct sockaddr *)&a, sizeof a) == 0 && listen(l, 1) == 0 &&
		 getsockname(l, (struct sockaddr *)&a, &al) == 0;
	CHECK("listen", ok);
	int c = socket(AF_INET, SOCK_STREAM, 0);
	CHECK("connect", ok && c >= 0 && connect(c, (struct sockaddr *)&a, sizeof a) == 0);
	int s = accept(l, NULL, NULL);
	char buf[4];
	CHECK("accept+send+recv", s >= 0 && send(c, "hey", 3, 0) == 3 && recv(s, buf, 3, 0) == 3);
	close(s);
	close(c);
	close(l);
}

int main(int argc, char **argv)
{
	if (argc > 1 && strcmp(argv[1], "--child") == 0)
		return 3;
	CHECK("shared-library", probelib_add(2, 3) == 5);
	files();
	fds();
	threads_signals();
	processes(argv[0]);
	sockets();
	printf("%s\n", failed ? "libcprobe: FAILED" : "libcprobe: all ok");
	return failed;
}
