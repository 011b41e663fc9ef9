#ifndef STRATUS_IMPL_ERROR_IPP
#define STRATUS_IMPL_ERROR_IPP

#include <stratus/error.hpp>

#include <boost/asio/error.hpp>
#include <boost/throw_exception.hpp>

namespace stratus {
namespace detail {

class stratus_category_impl final : public boost::system::error_category {
public:
    char const* name() const noexcept override { return "stratus"; }

    std::string message(int ev) const override
    {
        switch (static_cast<errc>(ev)) {
        case errc::invalid_config: return "invalid configuration";
        case errc::unknown_profile: return "the config profile could not be found";
        case errc::missing_region: return "no region was configured";
        case errc::invalid_endpoint: return "invalid endpoint URL";
        case errc::no_credentials: return "unable to locate credentials";
        case errc::credential_process_failed: return "credential_process failed";
        case errc::invalid_parameter: return "invalid parameter";
        case errc::body_not_replayable: return "the request body cannot be replayed for a retry";
        case errc::unsupported: return "not supported by stratus yet";
        case errc::endpoint_resolution: return "no endpoint for these parameters";
        case errc::waiter_failed: return "the waiter failed";
        case errc::resource_unavailable: return "the resource's data is not available";
        case errc::connect_timeout: return "connect timeout";
        case errc::read_timeout: return "read timeout";
        case errc::connection_closed: return "connection closed before the message was complete";
        case errc::tls_error: return "TLS error";
        case errc::invalid_response: return "invalid HTTP response";
        case errc::service_error: return "the service returned an error";
        case errc::parse_error: return "the response could not be parsed";
        }
        return "unknown stratus error";
    }
};

} // namespace detail

STRATUS_DECL boost::system::error_category const& stratus_category() noexcept
{
    static detail::stratus_category_impl const cat;
    return cat;
}

STRATUS_DECL error_kind kind_of(error_code const& ec) noexcept
{
    if (!ec) return error_kind::none;
    if (ec.category() == stratus_category()) {
        switch (static_cast<errc>(ec.value())) {
        case errc::connect_timeout:
        case errc::read_timeout:
        case errc::connection_closed:
        case errc::tls_error:
        case errc::invalid_response:
        case errc::parse_error: return error_kind::transport;
        case errc::service_error: return error_kind::service;
        default: return error_kind::client;
        }
    }
    // Everything else comes from the layers under the HTTP core: sockets,
    // resolver, TLS, the HTTP parser.
    return error_kind::transport;
}

STRATUS_DECL std::string error_info::to_string() const
{
    std::string s;
    if (!operation.empty()) {
        s += operation;
        s += ": ";
    }
    if (!aws_code.empty()) {
        s += aws_code;
        if (http_status) {
            s += " (HTTP ";
            s += std::to_string(http_status);
            s += ')';
        }
        s += ": ";
    }
    s += message.empty() ? code.message() : message;
    if (!request_id.empty()) {
        s += " [request id ";
        s += request_id;
        s += ']';
    }
    return s;
}

STRATUS_DECL error_info make_error(error_code code, std::string message, std::string operation)
{
    error_info e;
    e.code = code;
    e.message = std::move(message);
    e.operation = std::move(operation);
    return e;
}

STRATUS_DECL error::error(error_info info)
    : boost::system::system_error(info.code, info.to_string()), info_(std::move(info))
{
}

STRATUS_DECL void throw_error(error_info info)
{
    if (info.modeled) std::rethrow_exception(info.modeled);
    switch (info.kind()) {
    case error_kind::service: boost::throw_exception(service_error(std::move(info)));
    case error_kind::transport: boost::throw_exception(transport_error(std::move(info)));
    default: boost::throw_exception(client_error(std::move(info)));
    }
}

} // namespace stratus

#endif
