// ISO 8601 timestamps as credential sources write them ("Expiration",
// AWS_CREDENTIAL_EXPIRATION).
#ifndef STRATUS_CREDENTIALS_DETAIL_TIMESTAMP_HPP
#define STRATUS_CREDENTIALS_DETAIL_TIMESTAMP_HPP

#include <stratus/detail/config.hpp>

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace stratus::detail {

/// Parses "YYYY-MM-DDTHH:MM:SS[.fraction][Z|+HH:MM|+HHMM]" (RFC 3339 and the
/// forms AWS tools print). No zone means UTC. nullopt if it is anything else.
STRATUS_DECL std::optional<std::chrono::system_clock::time_point> parse_timestamp(std::string_view s);

/// "YYYY-MM-DDTHH:MM:SSZ", for messages.
STRATUS_DECL std::string format_timestamp(std::chrono::system_clock::time_point t);

} // namespace stratus::detail

#ifdef STRATUS_HEADER_ONLY
#include <stratus/credentials/detail/impl/timestamp.ipp>
#endif

#endif
