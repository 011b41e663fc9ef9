#ifndef STRATUS_IMPL_CLIENT_IPP
#define STRATUS_IMPL_CLIENT_IPP

#include <stratus/client.hpp>

#include <boost/asio/associated_executor.hpp>
#include <boost/asio/bind_executor.hpp>

namespace stratus {

STRATUS_DECL http::request basic_client::make_request(std::string method, std::string_view path,
                                                      std::string_view query) const
{
    http::request req;
    req.method = std::move(method);
    req.url = ctx_->endpoint;
    // Join the endpoint's base path ("/" or e.g. "/prefix") with the request path.
    std::string base = req.url.path;
    if (!base.empty() && base.back() == '/') base.pop_back();
    if (path.empty() || path.front() != '/') base += '/';
    req.url.path = base + std::string(path);
    req.url.query = std::string(query);
    return req;
}

STRATUS_DECL result<http::response> basic_client::try_send(http::request req, invoke_params const& params) const
{
    auto res = invoke(*ctx_, std::move(req), params);
    if (!res) return res.error();
    if (is_error_status(res->status)) return make_service_error(*res, params.operation);
    return res;
}

STRATUS_DECL http::response basic_client::send(http::request req, invoke_params const& params) const
{
    auto r = try_send(std::move(req), params);
    if (!r) throw_error(r.error());
    return std::move(*r);
}

STRATUS_DECL http::response basic_client::send(http::request req, error_code& ec, invoke_params const& params) const
{
    auto r = try_send(std::move(req), params);
    if (!r) {
        ec = r.error().code;
        return {};
    }
    ec = {};
    return std::move(*r);
}

STRATUS_DECL void basic_client::async_send_impl(std::shared_ptr<client_context> ctx, http::request req,
                                                invoke_params params,
                                                boost::asio::any_completion_handler<completion_signature> handler)
{
    // Keep the caller's executor: the pipeline completes through the
    // associated executor of whatever handler it is given.
    auto ex = boost::asio::get_associated_executor(handler, ctx->http.get_executor());
    async_invoke(std::move(ctx), std::move(req), std::move(params),
                 boost::asio::bind_executor(ex, [h = std::move(handler)](error_code ec, http::response res) mutable {
                     if (!ec && is_error_status(res.status)) ec = errc::service_error;
                     std::move(h)(ec, std::move(res));
                 }));
}

} // namespace stratus

#endif
