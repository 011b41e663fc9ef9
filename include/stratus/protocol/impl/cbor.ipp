#ifndef STRATUS_PROTOCOL_IMPL_CBOR_IPP
#define STRATUS_PROTOCOL_IMPL_CBOR_IPP

#include <stratus/protocol/cbor.hpp>

#include <stratus/core/error_response.hpp>
#include <stratus/protocol/detail/cbor.hpp>
#include <stratus/protocol/detail/md5.hpp>
#include <stratus/protocol/rest_binding.hpp>

#include <string>
#include <vector>

namespace stratus::protocol {
namespace detail {

class cbor_engine final : public engine {
public:
    result<http::request> serialize(call_context& cc, input_shape const& in) const override
    {
        auto const& op = cc.op;
        auto fail = [&](std::string msg) {
            return make_error(errc::invalid_parameter, std::move(msg), std::string(op.name));
        };
        auto const& svc = cc.client.service;
        if (svc.target_prefix.empty())
            return fail(
                "the service model has no targetPrefix, which names the service in rpc-v2-cbor requests");

        http::request req;
        req.method = "POST"; // whatever the model says (botocore)
        req.url.path = "/service/" + std::string(svc.target_prefix) + "/operation/" + std::string(op.name);
        std::vector<name_value> host_labels;
        // An operation without an input shape sends no body; one with an
        // input, even an empty one, sends its map (botocore).
        if (in.shape && in.shape != &empty_shape::shape) {
            cbor_shape_writer w;
            in.write(w);
            w.finish();
            if (!w.error.empty()) return fail(std::move(w.error));
            req.body = std::move(w.enc.out);
            host_labels = std::move(w.host_labels);
        }
        req.headers.set("smithy-protocol", "rpc-v2-cbor");
        req.headers.set("Accept", "application/cbor");
        if (!req.body.empty()) req.headers.set("Content-Type", "application/cbor");
        if (svc.query_compatible) req.headers.set("x-amzn-query-mode", "true");
        if (!op.host_prefix.empty()) {
            auto prefix = expand_host_prefix(op.host_prefix, host_labels);
            if (!prefix) return fail(prefix.error().message);
            cc.host_prefix = std::move(*prefix);
        }
        if (op.checksum_required && !req.headers.contains("Content-MD5"))
            req.headers.set("Content-MD5", content_md5(req.body));
        return req;
    }

    result<void> parse(call_context const& cc, http::response& res, output_shape const& out) const override
    {
        // botocore does not look at the body of an operation without output.
        if (out.shape == &empty_shape::shape) return {};
        return read(cc, res, out, "response ");
    }

    error_info parse_error(call_context const& cc, http::response const& res) const override
    {
        auto e = make_service_error(res, cc.op.name);
        // botocore: __type, else the status code; the message from message or Message.
        e.aws_code = std::to_string(res.status);
        std::string type, message;
        if (!res.body.empty() && !cbor_validate(res.body)) {
            cbor_shape_reader r(res.body);
            if (r.open()) {
                r.string(member_info{.name = "__type", .wire = "__type"}, type);
                if (!r.string(member_info{.name = "message", .wire = "message"}, message))
                    r.string(member_info{.name = "Message", .wire = "Message"}, message);
            }
        }
        if (!type.empty()) e.aws_code = clean_error_type(type);
        if (!message.empty()) e.message = std::move(message);
        // awsQueryCompatible services name the error as the query protocol
        // did, in "Code;Fault", so that old error names still match. (botocore
        // reads the header from any service; only these send it.)
        if (auto q = res.headers.get("x-amzn-query-error"); q && cc.client.service.query_compatible) {
            auto const semi = q->find(';');
            if (semi != std::string_view::npos && semi > 0 &&
                q->find(';', semi + 1) == std::string_view::npos)
                e.aws_code = std::string(q->substr(0, semi));
        }
        return e;
    }

    result<void> parse_error_members(call_context const& cc, http::response const& res,
                                     output_shape const& out) const override
    {
        return read(cc, res, out, "error response ");
    }

private:
    static result<void> read(call_context const& cc, http::response const& res, output_shape const& out,
                             std::string_view what)
    {
        cbor_shape_reader r(res.body);
        if (r.open()) out.read(r);
        if (!r.failed()) return {};
        return make_error(errc::parse_error, std::string(what) + r.error(), std::string(cc.op.name));
    }
};

} // namespace detail

STRATUS_DECL engine const& cbor::instance() noexcept
{
    static detail::cbor_engine const e;
    return e;
}

} // namespace stratus::protocol

#endif
