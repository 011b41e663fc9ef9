#ifndef STRATUS_PROTOCOL_IMPL_QUERY_IPP
#define STRATUS_PROTOCOL_IMPL_QUERY_IPP

#include <stratus/protocol/query.hpp>

#include <stratus/core/error_response.hpp>
#include <stratus/protocol/detail/query_writer.hpp>
#include <stratus/protocol/detail/xml.hpp>
#include <stratus/protocol/encoding.hpp>
#include <stratus/protocol/rest_binding.hpp>

namespace stratus::protocol {
namespace detail {

/// The query protocol and, with `ec2`, its EC2 dialect: the same request
/// shape and XML responses, different names and error envelope.
class query_family_engine final : public engine {
public:
    explicit query_family_engine(bool ec2) noexcept : ec2_(ec2) {}

    result<http::request> serialize(call_context& cc, input_shape const& in) const override
    {
        auto const& op = cc.op;
        query_writer w(ec2_);
        in.write(w);
        if (!w.error.empty()) return make_error(errc::invalid_parameter, std::move(w.error), std::string(op.name));

        http::request req;
        req.method = "POST";
        req.url.path = "/";
        req.headers.set("Content-Type", "application/x-www-form-urlencoded; charset=utf-8");
        append_query(req.body, "Action", op.name);
        append_query(req.body, "Version", cc.client.service.api_version);
        if (!w.body.empty()) req.body += '&' + w.body;
        if (!op.host_prefix.empty()) {
            auto prefix = expand_host_prefix(op.host_prefix, w.host_labels);
            if (!prefix) return make_error(errc::invalid_parameter, prefix.error().message, std::string(op.name));
            cc.host_prefix = std::move(*prefix);
        }
        return req;
    }

    result<void> parse(call_context const& cc, http::response& res, output_shape const& out) const override
    {
        // The members sit in <OperationResult> (query) or in the root (EC2).
        return read(cc, res.body, out, {.wrapper = ec2_ ? std::string_view() : cc.op.result_wrapper}, "response ");
    }

    error_info parse_error(call_context const& cc, http::response const& res) const override
    {
        auto e = make_service_error(res, cc.op.name);
        if (auto f = parse_xml_error(res.body)) {
            if (!f->code.empty()) e.aws_code = std::move(f->code);
            if (!f->message.empty()) e.message = std::move(f->message);
            if (e.request_id.empty()) e.request_id = std::move(f->request_id);
        }
        return e;
    }

    result<void> parse_error_members(call_context const& cc, http::response const& res,
                                     output_shape const& out) const override
    {
        return read(cc, res.body, out, {.error_document = true}, "error response ");
    }

private:
    static result<void> read(call_context const& cc, std::string_view body, output_shape const& out,
                             xml_reader_options opts, char const* what)
    {
        xml_reader xml(body, opts);
        // The reader starts outside the document; an empty body (an operation
        // without output) or a missing wrapper leaves every member unset.
        if (xml.enter_structure(member_info{}, *out.shape)) {
            out.read(xml);
            xml.leave_structure();
        }
        if (!xml.failed()) return {};
        return make_error(errc::parse_error, what + xml.error(), std::string(cc.op.name));
    }

    bool ec2_;
};

} // namespace detail

STRATUS_DECL engine const& query::instance() noexcept
{
    static detail::query_family_engine const e(false);
    return e;
}

} // namespace stratus::protocol

#endif
