// Errors: one error_code vocabulary, a value type carrying the details, and
// exceptions built from it. Every blocking call has a throwing form and a
// non-throwing form (STYLE.md §3).
#ifndef STRATUS_ERROR_HPP
#define STRATUS_ERROR_HPP

#include <stratus/detail/config.hpp>

#include <boost/system/error_code.hpp>
#include <boost/system/result.hpp>
#include <boost/system/system_error.hpp>

#include <exception>
#include <string>
#include <string_view>

namespace stratus {

using error_code = boost::system::error_code;

/// Error conditions raised by stratus itself (the "stratus" category).
/// Transport failures keep the codes of the layer that saw them (Asio, Beast,
/// OpenSSL) unless stratus can say more precisely what went wrong.
enum class errc {
    // Configuration and caller input: fix the program or its environment.
    invalid_config = 1,        ///< a malformed ~/.aws file or configuration value
    unknown_profile,           ///< the selected profile is in neither config file
    missing_region,            ///< no region from options, environment or config
    invalid_endpoint,          ///< an endpoint URL that does not parse
    no_credentials,            ///< every provider of the chain came up empty
    credential_process_failed, ///< credential_process failed or printed bad JSON
    invalid_parameter,         ///< a request value breaks a rule of its model
    body_not_replayable,       ///< a retry needs to resend a body that cannot be rewound
    unsupported,               ///< a setting stratus recognises but does not implement yet
    /// The service's endpoint rule set refused the parameters (FIPS with a
    /// custom endpoint, an invalid region or ARN...); the message is the rule set's.
    endpoint_resolution,
    /// A waiter stopped without reaching its success state: a failure
    /// acceptor matched, an error no acceptor expects came back, or the
    /// attempts ran out (botocore's WaiterError; the message says which).
    waiter_failed,
    /// A resource's data or identifiers are not there: it has no load action
    /// and was not made with data, its load found no such resource, or a
    /// response lacked an identifier (boto3's ResourceLoadException).
    resource_unavailable,
    // Transport failures that stratus classifies itself.
    connect_timeout,           ///< no connection within the connect timeout
    read_timeout,              ///< the peer went quiet for longer than the read timeout
    connection_closed,         ///< the peer closed the connection before the message ended
    tls_error,                 ///< TLS handshake or certificate verification failed
    invalid_response,          ///< the peer sent something that is not HTTP/1.1
    // The service answered with an error response.
    service_error,
    /// A response arrived but its document does not match the model (malformed
    /// XML or JSON, a number or timestamp that does not parse); the message
    /// names the operation and the member.
    parse_error,
};

/// Which party an error belongs to.
enum class error_kind {
    none,      ///< success
    client,    ///< configuration or input, found before anything was sent
    transport, ///< connecting, TLS, timeouts, broken connections
    service,   ///< the service returned an error response
};

STRATUS_DECL boost::system::error_category const& stratus_category() noexcept;

inline error_code make_error_code(errc e) noexcept
{
    return {static_cast<int>(e), stratus_category()};
}

/// Classifies any error code stratus can produce.
STRATUS_DECL error_kind kind_of(error_code const& ec) noexcept;

/// Everything known about a failure. A value type: cheap to move, no secrets.
struct error_info {
    error_code code;
    std::string message{};  ///< what went wrong and where (file:line, host:port, parameter)
    std::string aws_code{};   ///< the service's error code, e.g. "NoSuchKey"; empty if not a service error
    std::string request_id{}; ///< x-amz-request-id / x-amzn-RequestId, when the service sent one
    unsigned http_status = 0;
    std::string operation{}; ///< the API operation or step that failed, e.g. "PutObject"
    /// The modeled error (e.g. s3::no_such_key, with its parsed members) when
    /// the service's code matched one of the operation's errors; throw_error()
    /// throws that type, so `catch (s3::no_such_key const&)` works.
    std::exception_ptr modeled{};
    /// botocore's Error.QueryErrorCode: for an awsQueryCompatible service whose
    /// error carried an x-amzn-query-error header, aws_code is that header's
    /// query code and this the JSON error's own code (the error shape's name).
    std::string query_error_code{};

    error_kind kind() const noexcept { return kind_of(code); }
    explicit operator bool() const noexcept { return static_cast<bool>(code); }

    /// One line for logs and exception messages.
    STRATUS_DECL std::string to_string() const;
};

STRATUS_DECL error_info make_error(error_code code, std::string message, std::string operation = {});

/// Base of every exception stratus throws.
class error : public boost::system::system_error {
public:
    STRATUS_DECL explicit error(error_info info);
    error_info const& info() const noexcept { return info_; }
    std::string const& aws_code() const noexcept { return info_.aws_code; }
    std::string const& request_id() const noexcept { return info_.request_id; }
    unsigned http_status() const noexcept { return info_.http_status; }
    error_kind kind() const noexcept { return info_.kind(); }

private:
    error_info info_;
};

/// Configuration or input problems, found before a request was sent.
class client_error : public error {
public:
    using error::error;
};

/// The request may or may not have reached the service: connect, TLS, timeouts.
class transport_error : public error {
public:
    using error::error;
};

/// The service answered with an error; aws_code() says which.
class service_error : public error {
public:
    using error::error;
};

/// Throws the exception type that matches info.kind().
[[noreturn]] STRATUS_DECL void throw_error(error_info info);

/// Non-throwing results: a value or the full error_info.
template <class T>
using result = boost::system::result<T, error_info>;

/// Lets result<T>::value() throw the typed exception (found by ADL).
[[noreturn]] inline void throw_exception_from_error(error_info const& e, boost::source_location const&)
{
    throw_error(e);
}

} // namespace stratus

template <>
struct boost::system::is_error_code_enum<stratus::errc> : std::true_type {};

#ifdef STRATUS_HEADER_ONLY
#include <stratus/impl/error.ipp>
#endif

#endif
