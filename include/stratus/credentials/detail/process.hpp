// Running a credential_process: no shell, both output pipes drained.
#ifndef STRATUS_CREDENTIALS_DETAIL_PROCESS_HPP
#define STRATUS_CREDENTIALS_DETAIL_PROCESS_HPP

#include <stratus/detail/config.hpp>
#include <stratus/error.hpp>

#include <cstddef>
#include <string>
#include <vector>

namespace stratus::detail {

struct process_output {
    int exit_status = 0; ///< meaningful when signal == 0
    int signal = 0;      ///< the signal that ended the child, or 0
    std::string out;     ///< stdout, at most max_out bytes
    std::string err;     ///< stderr, at most max_err bytes
    bool out_truncated = false;
};

/// Runs argv[0] (looked up in PATH when it has no '/') with `argv`, stdin
/// inherited, and waits for it. Output past the limits is read and dropped,
/// so a chatty child never blocks on a full pipe. Errors (the program cannot
/// be started) carry the errno as a system error_code and a message naming
/// argv[0] only: later arguments may be secrets.
STRATUS_DECL result<process_output> run_process(std::vector<std::string> const& argv, std::size_t max_out,
                                                std::size_t max_err);

} // namespace stratus::detail

#ifdef STRATUS_HEADER_ONLY
#include <stratus/credentials/detail/impl/process.ipp>
#endif

#endif
