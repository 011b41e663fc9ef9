// Word splitting as Python's shlex.split does it in POSIX mode: botocore
// splits both credential_process and "[profile name]" headers this way, so
// quoting that works with boto3 works here.
#ifndef STRATUS_DETAIL_SHLEX_HPP
#define STRATUS_DETAIL_SHLEX_HPP

#include <stratus/detail/config.hpp>
#include <stratus/error.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace stratus::detail {

/// Splits `s` into words: whitespace separates, '...' quotes literally, "..."
/// quotes with \" and \\ escapes, a backslash outside quotes escapes the next
/// character. No comments, no variables, no globbing. Unbalanced quotes or a
/// trailing backslash give errc::invalid_config ("no closing quotation",
/// "no escaped character"), as shlex raises ValueError.
STRATUS_DECL result<std::vector<std::string>> shlex_split(std::string_view s);

} // namespace stratus::detail

#ifdef STRATUS_HEADER_ONLY
#include <stratus/detail/impl/shlex.ipp>
#endif

#endif
