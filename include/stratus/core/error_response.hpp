// Reads the error code, message and request id out of an AWS error response,
// whatever the protocol: XML <Error><Code>, JSON __type/code, the
// x-amzn-ErrorType header. The retry logic needs the code before any
// protocol-specific parser runs; the protocol engines may refine the result.
#ifndef STRATUS_CORE_ERROR_RESPONSE_HPP
#define STRATUS_CORE_ERROR_RESPONSE_HPP

#include <stratus/core/http_message.hpp>
#include <stratus/detail/config.hpp>
#include <stratus/error.hpp>

#include <string>
#include <string_view>

namespace stratus {

struct error_response_fields {
    std::string code{};     ///< e.g. "NoSuchKey"; the status code as text when the body has none (botocore)
    std::string message{};
    std::string request_id{};
};

/// True when the status says the call failed (anything but 1xx/2xx/3xx that we follow).
inline bool is_error_status(unsigned status) noexcept { return status >= 300; }

/// An error type as services write it, reduced to the code:
/// "aws.protocoltests#FooError" and "FooError:http://internal.amazon.com/..."
/// both mean FooError.
STRATUS_DECL std::string clean_error_type(std::string_view t);

STRATUS_DECL error_response_fields parse_error_response(http::response const& res);

/// A service error_info (errc::service_error) for an error response.
STRATUS_DECL error_info make_service_error(http::response const& res, std::string_view operation);

} // namespace stratus

#ifdef STRATUS_HEADER_ONLY
#include <stratus/core/impl/error_response.ipp>
#endif

#endif
