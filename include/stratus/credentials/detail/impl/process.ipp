#ifndef STRATUS_CREDENTIALS_DETAIL_IMPL_PROCESS_IPP
#define STRATUS_CREDENTIALS_DETAIL_IMPL_PROCESS_IPP

#include <stratus/credentials/detail/process.hpp>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstring>

#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace stratus::detail {
namespace process_impl {

struct fd_owner {
    int fd = -1;
    fd_owner() = default;
    fd_owner(fd_owner const&) = delete;
    fd_owner& operator=(fd_owner const&) = delete;
    ~fd_owner() { reset(); }
    void reset()
    {
        if (fd >= 0) ::close(fd);
        fd = -1;
    }
};

struct spawn_setup {
    posix_spawn_file_actions_t actions;
    posix_spawnattr_t attr;
    spawn_setup()
    {
        ::posix_spawn_file_actions_init(&actions);
        ::posix_spawnattr_init(&attr);
    }
    spawn_setup(spawn_setup const&) = delete;
    spawn_setup& operator=(spawn_setup const&) = delete;
    ~spawn_setup()
    {
        ::posix_spawn_file_actions_destroy(&actions);
        ::posix_spawnattr_destroy(&attr);
    }
};

inline int make_pipe(int fds[2])
{
#if defined(__APPLE__)
    // No pipe2 here; another thread's fork between the two calls could leak
    // the descriptors, which costs at worst a late EOF in that child.
    if (::pipe(fds) != 0) return -1;
    ::fcntl(fds[0], F_SETFD, FD_CLOEXEC);
    ::fcntl(fds[1], F_SETFD, FD_CLOEXEC);
    return 0;
#else
    return ::pipe2(fds, O_CLOEXEC);
#endif
}

inline error_info system_failure(int err, std::string_view what, std::string const& program)
{
    error_info e;
    e.code = error_code(err, boost::system::system_category());
    e.message = std::string(what) + " '" + program + "': " + std::strerror(err);
    return e;
}

} // namespace process_impl

STRATUS_DECL result<process_output> run_process(std::vector<std::string> const& argv, std::size_t max_out,
                                                std::size_t max_err)
{
    using process_impl::fd_owner;
    using process_impl::system_failure;
    if (argv.empty()) return system_failure(EINVAL, "cannot run", "");

    // O_CLOEXEC, so that a fork in another thread cannot inherit our pipe
    // ends and keep them open after the child has exited.
    fd_owner out_read, out_write, err_read, err_write;
    int p[2];
    if (process_impl::make_pipe(p) != 0) return system_failure(errno, "cannot create a pipe to run", argv[0]);
    out_read.fd = p[0];
    out_write.fd = p[1];
    if (process_impl::make_pipe(p) != 0) return system_failure(errno, "cannot create a pipe to run", argv[0]);
    err_read.fd = p[0];
    err_write.fd = p[1];

    pid_t pid = -1;
    {
        process_impl::spawn_setup s;
        ::posix_spawn_file_actions_adddup2(&s.actions, out_write.fd, STDOUT_FILENO);
        ::posix_spawn_file_actions_adddup2(&s.actions, err_write.fd, STDERR_FILENO);
#if defined(__GLIBC__) && defined(__GLIBC_MINOR__) &&                                                        \
    (__GLIBC__ > 2 || (__GLIBC__ == 2 && __GLIBC_MINOR__ >= 34))
        // Python's close_fds=True: the child sees stdin, stdout and stderr only.
        ::posix_spawn_file_actions_addclosefrom_np(&s.actions, STDERR_FILENO + 1);
#endif
        // Python's restore_signals=True: servers often ignore SIGPIPE, and an
        // ignored disposition would survive exec into the child.
        sigset_t defaults, mask;
        sigemptyset(&defaults);
        sigaddset(&defaults, SIGPIPE);
        sigaddset(&defaults, SIGXFSZ);
        sigemptyset(&mask);
        ::posix_spawnattr_setsigdefault(&s.attr, &defaults);
        ::posix_spawnattr_setsigmask(&s.attr, &mask);
        ::posix_spawnattr_setflags(&s.attr, POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK);

        std::vector<char*> args;
        args.reserve(argv.size() + 1);
        for (auto const& a : argv)
            args.push_back(const_cast<char*>(a.c_str()));
        args.push_back(nullptr);
        int rc = ::posix_spawnp(&pid, argv[0].c_str(), &s.actions, &s.attr, args.data(), environ);
        if (rc != 0) return system_failure(rc, "cannot run", argv[0]);
    }
    out_write.reset();
    err_write.reset();

    // Read both pipes as data arrives: reading one to the end first would
    // deadlock once the child fills the other pipe's buffer.
    process_output r;
    pollfd fds[2] = {{out_read.fd, POLLIN, 0}, {err_read.fd, POLLIN, 0}};
    std::string* sinks[2] = {&r.out, &r.err};
    std::size_t const limits[2] = {max_out, max_err};
    int poll_error = 0;
    char buf[16384];
    while (fds[0].fd >= 0 || fds[1].fd >= 0) {
        if (::poll(fds, 2, -1) < 0) {
            if (errno == EINTR) continue;
            poll_error = errno;
            break;
        }
        for (int i = 0; i < 2; ++i) {
            if (fds[i].fd < 0 || fds[i].revents == 0) continue;
            auto n = ::read(fds[i].fd, buf, sizeof buf);
            if (n < 0 && (errno == EINTR || errno == EAGAIN)) continue;
            if (n <= 0) {
                fds[i].fd = -1; // poll ignores negative descriptors
                continue;
            }
            auto& sink = *sinks[i];
            auto room = limits[i] - std::min(limits[i], sink.size());
            auto take = std::min(room, static_cast<std::size_t>(n));
            sink.append(buf, take);
            if (take < static_cast<std::size_t>(n) && i == 0) r.out_truncated = true;
        }
    }
    if (poll_error) ::kill(pid, SIGKILL);

    int status = 0;
    while (::waitpid(pid, &status, 0) < 0) {
        if (errno != EINTR) return system_failure(errno, "cannot wait for", argv[0]);
    }
    if (poll_error) return system_failure(poll_error, "cannot read the output of", argv[0]);
    if (WIFSIGNALED(status))
        r.signal = WTERMSIG(status);
    else if (WIFEXITED(status))
        r.exit_status = WEXITSTATUS(status);
    return r;
}

} // namespace stratus::detail

#endif
