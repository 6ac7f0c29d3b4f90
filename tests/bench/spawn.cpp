// SPDX-License-Identifier: MIT
// bench_spawn RUNS COMMAND ARGS...: runs COMMAND RUNS times, one after the
// other, and prints one line per run: wall milliseconds from exec to exit,
// and the peak resident set size in KiB (from wait4's rusage).
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fcntl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    if (argc < 3) {
        std::fprintf(stderr, "usage: bench_spawn RUNS COMMAND [ARGS...]\n");
        return 2;
    }
    const int runs = std::atoi(argv[1]);
    for (int i = 0; i < runs; ++i) {
        const auto start = std::chrono::steady_clock::now();
        const pid_t pid = fork();
        if (pid == 0) {
            // The measured program's own output is not the benchmark's.
            const int devnull = open("/dev/null", O_WRONLY);
            dup2(devnull, STDOUT_FILENO);
            dup2(devnull, STDERR_FILENO);
            execvp(argv[2], argv + 2);
            _exit(127);
        }
        int status = 0;
        rusage usage{};
        wait4(pid, &status, 0, &usage);
        const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
        if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
            std::fprintf(stderr, "bench_spawn: %s failed (status %d)\n", argv[2], status);
            return 1;
        }
        std::printf("%.2f %ld\n", ms, usage.ru_maxrss);
    }
    return 0;
}
