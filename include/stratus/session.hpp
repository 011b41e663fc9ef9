// stratus::session: credentials, region, profile and defaults, resolved as
// boto3 resolves them, and the factory for clients. Cheap to copy; copies
// share their state. Several sessions may live side by side (one per region,
// one per profile).
#ifndef STRATUS_SESSION_HPP
#define STRATUS_SESSION_HPP

#include <stratus/client.hpp>
#include <stratus/config.hpp>
#include <stratus/core/client_context.hpp>
#include <stratus/core/service_info.hpp>
#include <stratus/detail/config.hpp>
#include <stratus/environment.hpp>
#include <stratus/shared_config.hpp>

#include <boost/asio/any_io_executor.hpp>

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace stratus {

struct session_options {
    /// Otherwise AWS_DEFAULT_PROFILE, AWS_PROFILE, "default".
    std::optional<std::string> profile_name{};
    /// Otherwise AWS_REGION, AWS_DEFAULT_REGION, the profile's region.
    std::optional<std::string> region_name{};
    std::optional<std::string> aws_access_key_id{};
    std::optional<std::string> aws_secret_access_key{};
    std::optional<std::string> aws_session_token{};
    /// Replaces the default provider chain.
    std::shared_ptr<stratus::credentials_provider> credentials_provider{};
    /// Defaults for every client of this session; client options override them.
    client_options defaults{};
    /// Where asynchronous operations run. Empty: the session owns an
    /// io_context; run it through session::context().
    boost::asio::any_io_executor executor{};
    /// Environment variables to read; the process environment when empty.
    std::optional<stratus::environment> environment{};
};

namespace detail {
struct session_state;
}

class session {
public:
    using executor_type = boost::asio::any_io_executor;

    /// Resolves profile, region and credentials provider from the environment
    /// and ~/.aws files. Throws client_error for a malformed config file or a
    /// profile that does not exist.
    STRATUS_DECL session();
    STRATUS_DECL explicit session(session_options opts);
    /// Non-throwing construction.
    STRATUS_DECL static result<session> create(session_options opts = {});

    STRATUS_DECL std::string const& profile_name() const noexcept;
    /// The session's region, if any was configured.
    STRATUS_DECL std::optional<std::string> const& region_name() const noexcept;
    STRATUS_DECL std::vector<std::string> available_profiles() const;
    /// Runs the credential chain now (boto3's Session.get_credentials()).
    STRATUS_DECL result<credentials> get_credentials() const;
    STRATUS_DECL executor_type get_executor() const noexcept;
    /// The io_context the session owns when no executor was given, else nullptr.
    STRATUS_DECL boost::asio::io_context* context() const noexcept;

    /// A client for Service, like boto3's Session.client("s3", ...). Throws
    /// client_error when no region is configured or endpoint_url is invalid.
    template <service Service>
    typename Service::client_type client(client_options const& opts = {}) const
    {
        auto ctx = make_client_context(Service::info, opts);
        if (!ctx) throw_error(ctx.error());
        return typename Service::client_type(std::move(*ctx));
    }

    template <service Service>
    result<typename Service::client_type> try_client(client_options const& opts = {}) const
    {
        auto ctx = make_client_context(Service::info, opts);
        if (!ctx) return ctx.error();
        return typename Service::client_type(std::move(*ctx));
    }

    /// The service resource of Service, like boto3's Session.resource("s3"):
    /// the entry to the resource layer (stratus/resource.hpp), over a
    /// client made as client() makes it.
    template <service Service>
        requires requires { typename Service::service_resource; }
    typename Service::service_resource resource(client_options const& opts = {}) const
    {
        return typename Service::service_resource(client<Service>(opts));
    }

    /// The service-independent part of client(): everything a client runs on.
    STRATUS_DECL result<std::shared_ptr<client_context>> make_client_context(service_info const& svc,
                                                                            client_options const& opts) const;

private:
    explicit session(std::shared_ptr<detail::session_state> s) : s_(std::move(s)) {}
    std::shared_ptr<detail::session_state> s_{};
};

} // namespace stratus

#ifdef STRATUS_HEADER_ONLY
#include <stratus/impl/session.ipp>
#endif

#endif
