#ifndef STRATUS_PROTOCOL_IMPL_REST_JSON_IPP
#define STRATUS_PROTOCOL_IMPL_REST_JSON_IPP

#include <stratus/protocol/rest_json.hpp>

#include <stratus/protocol/detail/json_document.hpp>
#include <stratus/protocol/detail/json_error.hpp>
#include <stratus/protocol/detail/md5.hpp>
#include <stratus/protocol/rest_binding.hpp>

namespace stratus::protocol {
namespace detail {

class rest_json_engine final : public engine {
public:
    result<http::request> serialize(call_context& cc, input_shape const& in) const override
    {
        auto const& op = cc.op;
        // Idempotency tokens at the top level are the REST writer's to fill
        // (they may be headers); the body writer only writes what it gets.
        json_writer body({.fill_idempotency_tokens = false});
        rest_request_writer rw(body, *in.shape);
        in.write(rw);
        rw.finish();
        if (!rw.error.empty()) return make_error(errc::invalid_parameter, std::move(rw.error), std::string(op.name));
        if (!body.error.empty()) return make_error(errc::invalid_parameter, std::move(body.error), std::string(op.name));

        // hostLabel members may travel in the body too.
        rw.host_labels.insert(rw.host_labels.end(), body.host_labels.begin(), body.host_labels.end());
        auto made = make_rest_request(cc, rw);
        if (!made) return made.error();
        auto& req = *made;
        if (!in.raw_payload) {
            // botocore's RestJSONSerializer: the document when there is one;
            // "{}" for an unset structure payload or an input with body
            // members none of which is set; nothing for an input without any.
            // (A structure payload writes the document without opening it through rw.)
            if (rw.body_document || !body.empty()) req.body = to_text(body.root);
            else if (in.body_members) req.body = "{}";
            if (!req.body.empty() && !req.headers.contains("Content-Type"))
                req.headers.set("Content-Type", "application/json");
        }
        if (op.checksum_required && !req.headers.contains("Content-MD5") && !req.body_stream)
            req.headers.set("Content-MD5", content_md5(req.body));
        return made;
    }

    result<void> parse(call_context const& cc, http::response& res, output_shape const& out) const override
    {
        return read(cc, res, out, "response ");
    }

    error_info parse_error(call_context const& cc, http::response const& res) const override
    {
        return parse_json_error(cc, res, json_error_style::rest_json);
    }

    result<void> parse_error_members(call_context const& cc, http::response const& res,
                                     output_shape const& out) const override
    {
        return read(cc, res, out, "error response ");
    }

private:
    static result<void> read(call_context const& cc, http::response const& res, output_shape const& out,
                             char const* what)
    {
        boost::json::value doc;
        std::string why;
        // A raw payload (a blob, string or stream) is the body itself.
        if (!out.raw_payload && !parse_document(res.body, doc, why))
            return make_error(errc::parse_error, what + why, std::string(cc.op.name));
        json_reader body(doc);
        rest_response_reader rr(res, out.raw_payload ? nullptr : &body);
        out.read(rr);
        rr.finish();
        if (!rr.failed() && !body.failed()) return {};
        return make_error(errc::parse_error, what + (rr.error().empty() ? body.error() : rr.error()),
                          std::string(cc.op.name));
    }
};

} // namespace detail

STRATUS_DECL engine const& rest_json::instance() noexcept
{
    static detail::rest_json_engine const e;
    return e;
}

} // namespace stratus::protocol

#endif
