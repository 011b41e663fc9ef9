#ifndef STRATUS_IMPL_SERVICE_CLIENT_IPP
#define STRATUS_IMPL_SERVICE_CLIENT_IPP

#include <stratus/service_client.hpp>

#include <stratus/core/error_response.hpp>
#include <stratus/core/invoke.hpp>
#include <stratus/customizations/s3.hpp>
#include <stratus/endpoints/operation_endpoint.hpp>
#include <stratus/protocol/validate.hpp>

#include <boost/asio/append.hpp>
#include <boost/asio/post.hpp>

namespace stratus::detail {

// An IP literal cannot take a host prefix ("{AccountId}.127.0.0.1" is no host).
inline bool is_ip_literal(std::string_view host) noexcept
{
    if (host.find(':') != std::string_view::npos) return true; // IPv6
    if (host.empty()) return false;
    for (char c : host)
        if (!(c == '.' || (c >= '0' && c <= '9'))) return false;
    return true;
}

// botocore's _urljoin: the endpoint's path, then the operation's (S3's
// rule set puts the bucket in the endpoint, so "/{Bucket}" is not in S3's
// request URIs and ListObjects' path is empty). `req` holds the engine's
// path and query; it leaves with the endpoint's scheme, host and port.
inline void join_endpoint(http::url& req, http::url const& base)
{
    std::string const& ep = base.path;
    std::string path;
    if (req.path.empty() || req.path == "/") path = ep.empty() ? "/" : ep;
    else if (!ep.empty() && ep.back() == '/' && req.path.front() == '/') path = ep.substr(0, ep.size() - 1) + req.path;
    else path = ep + req.path;
    std::string query = std::move(req.query);
    req = base;
    req.path = std::move(path);
    if (!req.query.empty() && !query.empty()) req.query += '&';
    req.query += query;
}

STRATUS_DECL protocol::call_context make_call_context(client_context& ctx, operation_info const& op)
{
    return protocol::call_context{ctx, op, customizations::s3::applies(ctx.service)};
}

STRATUS_DECL result<prepared_call> prepare_call(protocol::call_context& cc, protocol::engine const& eng,
                                                protocol::input_shape const& in, bool raw_payload)
{
    if (auto valid = protocol::validate(cc.op, in); !valid) return valid.error();
    auto req = eng.serialize(cc, in);
    if (!req) return req.error();

    prepared_call p;
    auto& r = p.request;
    r = std::move(*req);
    if (cc.op.request_compression)
        if (auto packed = compress_request(r, cc.client.compression); !packed) return packed.error();
    // The endpoint: the service's rule set for this call, or the client's
    // configured or regional endpoint for a service without one.
    http::url base = cc.client.endpoint;
    if (auto const* rules = cc.client.service.endpoint_rules) {
        auto ep = endpoints::endpoint_for_call(cc.client, *rules, cc.op, in);
        if (!ep) return ep.error();
        base = (*ep)->url;
        for (auto const& [name, value] : (*ep)->headers) r.headers.set(name, value);
        p.params.signing_name = (*ep)->signing.name;
        p.params.signing_region = (*ep)->signing.region;
        if ((*ep)->signing.disable_double_encoding) p.params.double_uri_encode = false;
    }
    join_endpoint(r.url, base);
    if (!cc.host_prefix.empty() && !is_ip_literal(r.url.host)) r.url.host = cc.host_prefix + r.url.host;

    p.params.operation = std::string(cc.op.name);
    if (cc.op.unsigned_payload) p.params.unsigned_payload = true;
    p.params.on_response = [&eng, cc, raw_payload](http::response& res) {
        protocol::output_shape shape;
        shape.raw_payload = raw_payload;
        eng.inspect(cc, res, shape);
    };
    return p;
}

STRATUS_DECL result<void> finish_call(protocol::call_context const& cc, protocol::engine const& eng,
                                      http::response& res, protocol::output_shape const& out,
                                      std::span<modeled_error const> errors)
{
    if (!is_error_status(res.status)) return eng.parse(cc, res, out);

    auto info = eng.parse_error(cc, res);
    for (auto const& m : errors) {
        if (m.code != info.aws_code) continue;
        error_info failure;
        info.modeled = m.make(info, eng, cc, res, failure);
        if (!info.modeled) {
            // The error's own members did not parse: the service error stays,
            // unmodeled, and says why.
            info.message += " (the " + std::string(m.code) + " error document could not be read: " +
                            failure.message + ")";
        }
        break;
    }
    return info;
}

STRATUS_DECL result<void> call(client_context& ctx, protocol::engine const& eng, operation_info const& op,
                               protocol::input_shape const& in, protocol::output_shape const& out,
                               std::span<modeled_error const> errors)
{
    auto cc = make_call_context(ctx, op);
    auto prepared = prepare_call(cc, eng, in, out.raw_payload);
    if (!prepared) return prepared.error();
    auto res = invoke(ctx, std::move(prepared->request), prepared->params);
    if (!res) return res.error();
    return finish_call(cc, eng, *res, out, errors);
}

STRATUS_DECL void post_failure(client_context& ctx, error_code ec,
                               boost::asio::any_completion_handler<void(error_code, http::response)> finish)
{
    // append() keeps the handler's associated executor, so it still runs there.
    boost::asio::post(ctx.http.get_executor(), boost::asio::append(std::move(finish), ec, http::response{}));
}

STRATUS_DECL void async_send_prepared(std::shared_ptr<client_context> ctx, prepared_call call,
                                      boost::asio::any_completion_handler<void(error_code, http::response)> finish)
{
    async_invoke(std::move(ctx), std::move(call.request), std::move(call.params), std::move(finish));
}

} // namespace stratus::detail

#endif
