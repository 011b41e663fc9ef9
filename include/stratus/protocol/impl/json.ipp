#ifndef STRATUS_PROTOCOL_IMPL_JSON_IPP
#define STRATUS_PROTOCOL_IMPL_JSON_IPP

#include <stratus/protocol/json.hpp>

#include <stratus/protocol/detail/json_document.hpp>
#include <stratus/protocol/detail/json_error.hpp>
#include <stratus/protocol/rest_binding.hpp>

namespace stratus::protocol {
namespace detail {

class aws_json_engine final : public engine {
public:
    result<http::request> serialize(call_context& cc, input_shape const& in) const override
    {
        auto const& op = cc.op;
        auto const& svc = cc.client.service;
        json_writer w;
        in.write(w);
        if (!w.error.empty()) return make_error(errc::invalid_parameter, std::move(w.error), std::string(op.name));

        http::request req;
        req.method = "POST";
        req.url.path = "/";
        auto const version = svc.json_version.empty() ? std::string_view("1.0") : svc.json_version;
        req.headers.set("Content-Type", "application/x-amz-json-" + std::string(version));
        if (!svc.target_prefix.empty())
            req.headers.set("X-Amz-Target", std::string(svc.target_prefix) + "." + std::string(op.name));
        // A service that left the query protocol is told that this client
        // understands query error codes (x-amzn-query-error).
        if (svc.query_compatible) req.headers.set("x-amzn-query-mode", "true");
        // The input is always an object, "{}" when nothing is set.
        req.body = to_text(w.root);
        if (!op.host_prefix.empty()) {
            auto prefix = expand_host_prefix(op.host_prefix, w.host_labels);
            if (!prefix) return make_error(errc::invalid_parameter, prefix.error().message, std::string(op.name));
            cc.host_prefix = std::move(*prefix);
        }
        return req;
    }

    result<void> parse(call_context const& cc, http::response& res, output_shape const& out) const override
    {
        return read_document(cc, res, out, "response ");
    }

    error_info parse_error(call_context const& cc, http::response const& res) const override
    {
        return parse_json_error(cc, res, json_error_style::aws_json);
    }

    result<void> parse_error_members(call_context const& cc, http::response const& res,
                                     output_shape const& out) const override
    {
        return read_document(cc, res, out, "error response ");
    }

private:
    static result<void> read_document(call_context const& cc, http::response const& res, output_shape const& out,
                                      char const* what)
    {
        boost::json::value doc;
        std::string why;
        if (parse_document(res.body, doc, why))
            if (!doc.is_object()) why = "expected a JSON object";
        if (why.empty()) {
            json_reader r(doc);
            out.read(r);
            if (!r.failed()) return {};
            why = r.error();
        }
        return make_error(errc::parse_error, what + why, std::string(cc.op.name));
    }
};

} // namespace detail

STRATUS_DECL engine const& json::instance() noexcept
{
    static detail::aws_json_engine const e;
    return e;
}

} // namespace stratus::protocol

#endif
