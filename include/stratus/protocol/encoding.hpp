// Scalar text forms every protocol shares: numbers and booleans as the wire
// writes them (botocore's str() of a value), header lists, query strings,
// idempotency tokens. No protocol knowledge here; the engines decide which
// form a member takes where.
#ifndef STRATUS_PROTOCOL_ENCODING_HPP
#define STRATUS_PROTOCOL_ENCODING_HPP

#include <stratus/detail/config.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace stratus::protocol {

/// Shortest text that reads back as the same double; "NaN", "Infinity" and
/// "-Infinity" as Smithy spells them.
STRATUS_DECL std::string format_double(double v);
/// A float member's value as the double that reads the way the float was
/// written: 1.1f -> 1.1, not 1.100000023841858 (the float's shortest text,
/// read back as a double). botocore has no 32-bit floats: a caller's 1.1 is
/// sent as "1.1" whatever the member's width.
STRATUS_DECL double widen_float(float v);
/// Inverse of format_double; surrounding whitespace allowed, nothing else.
STRATUS_DECL std::optional<double> parse_double(std::string_view s);
/// A whole decimal integer that fits in 64 bits; surrounding whitespace allowed.
STRATUS_DECL std::optional<std::int64_t> parse_int64(std::string_view s);
/// "true" or "false" (any case, as the AWS servers vary); anything else is not a boolean.
STRATUS_DECL std::optional<bool> parse_bool(std::string_view s);

/// Appends key=value to an encoded query string, both percent-encoded as SigV4 wants.
STRATUS_DECL void append_query(std::string& query, std::string_view key, std::string_view value);
/// True when the encoded query already has parameter `key` (encoded the same way).
STRATUS_DECL bool query_has(std::string_view query, std::string_view key);

/// One item of a comma-separated header list: quoted when it holds ',' or '"' (botocore).
STRATUS_DECL std::string quote_header_item(std::string_view item);
/// Splits a header list at commas outside double quotes, trimming and
/// unquoting items. `http_dates` keeps "Mon, 16 Dec 2019 23:48:18 GMT" whole.
STRATUS_DECL std::vector<std::string> split_header_list(std::string_view value, bool http_dates = false);

/// A random (version 4) UUID, for idempotency tokens.
STRATUS_DECL std::string make_uuid4();

/// Number of Unicode code points in UTF-8 text (botocore measures string
/// lengths in characters, not bytes).
STRATUS_DECL std::size_t utf8_length(std::string_view s) noexcept;

} // namespace stratus::protocol

#ifdef STRATUS_HEADER_ONLY
#include <stratus/protocol/impl/encoding.ipp>
#endif

#endif
