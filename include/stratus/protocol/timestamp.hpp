// Timestamps as the AWS protocols write them: ISO 8601 (XML and query
// bodies, URIs and query strings), RFC 822 / HTTP-date (headers) and epoch
// seconds (JSON bodies), each with milliseconds where the format has room for
// them. Parsing accepts all three whatever the model says, because servers
// do not always send what the model promises (botocore's parse_timestamp).
#ifndef STRATUS_PROTOCOL_TIMESTAMP_HPP
#define STRATUS_PROTOCOL_TIMESTAMP_HPP

#include <stratus/detail/config.hpp>
#include <stratus/model.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace stratus::protocol {

/// "2014-04-29T18:30:38Z", or "2014-04-29T18:30:38.123Z" when there are milliseconds.
STRATUS_DECL std::string format_iso8601(timestamp t);
/// "Tue, 29 Apr 2014 18:30:38 GMT". Whole seconds: the format has no fraction.
STRATUS_DECL std::string format_rfc822(timestamp t);
/// "1398796238", or "1398796238.123" when there are milliseconds.
STRATUS_DECL std::string format_unix(timestamp t);
/// One of the above; `protocol_default` must have been resolved by the caller.
STRATUS_DECL std::string format_timestamp(timestamp t, timestamp_format f);

/// "YYYY-MM-DDTHH:MM:SS[.fraction][Z|+HH:MM|+HHMM|+HH]"; no zone means UTC.
/// Digits beyond milliseconds are truncated.
STRATUS_DECL std::optional<timestamp> parse_iso8601(std::string_view s);
/// HTTP-date in any of RFC 9110's three forms (IMF-fixdate, RFC 850, asctime),
/// with or without the weekday, zone GMT/UTC/UT/Z or a numeric offset.
STRATUS_DECL std::optional<timestamp> parse_rfc822(std::string_view s);
/// Epoch seconds: "1398796238", "-1.5", "1.398796238E9".
STRATUS_DECL std::optional<timestamp> parse_unix(std::string_view s);
/// Whichever of the three `s` is written in.
STRATUS_DECL std::optional<timestamp> parse_timestamp(std::string_view s);

} // namespace stratus::protocol

#ifdef STRATUS_HEADER_ONLY
#include <stratus/protocol/impl/timestamp.ipp>
#endif

#endif
