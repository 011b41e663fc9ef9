#ifndef STRATUS_PROTOCOL_IMPL_REST_XML_IPP
#define STRATUS_PROTOCOL_IMPL_REST_XML_IPP

#include <stratus/protocol/rest_xml.hpp>

#include <stratus/core/error_response.hpp>
#include <stratus/customizations/s3.hpp>
#include <stratus/protocol/detail/md5.hpp>
#include <stratus/protocol/detail/xml.hpp>
#include <stratus/protocol/rest_binding.hpp>

namespace stratus::protocol {
namespace detail {

class rest_xml_engine final : public engine {
public:
    result<http::request> serialize(call_context& cc, input_shape const& in) const override
    {
        auto const& op = cc.op;
        auto fail = [&](std::string msg) { return make_error(errc::invalid_parameter, std::move(msg), std::string(op.name)); };

        xml_writer xml(op);
        rest_request_writer rw(xml, *in.shape);
        in.write(rw);
        rw.finish();
        if (!rw.error.empty()) return fail(std::move(rw.error));
        if (!xml.error.empty()) return fail(std::move(xml.error));

        if (cc.s3) {
            for (auto const& [name, value] : rw.labels)
                if (name == "Bucket")
                    if (auto ok = customizations::s3::validate_bucket(value); !ok) return fail(ok.error().message);
        }
        auto made = make_rest_request(cc, rw);
        if (!made) return made.error();
        auto& req = *made;
        if (!rw.has_raw_payload && !xml.text.empty()) {
            req.body = std::move(xml.text);
            if (!req.headers.contains("Content-Type")) req.headers.set("Content-Type", "application/xml");
        }
        if (cc.s3) customizations::s3::prepare_request(cc, req);
        // httpChecksumRequired: botocore's conditionally_calculate_md5. A
        // stream is not read twice for it; no such operation streams its body.
        if (op.checksum_required && !req.headers.contains("Content-MD5") && !req.body_stream)
            req.headers.set("Content-MD5", content_md5(req.body));
        return made;
    }

    void inspect(call_context const& cc, http::response& res, output_shape const& out) const override
    {
        // botocore's _handle_200_error: S3 may report a failure that happens
        // after it sent 200 OK (CopyObject, UploadPartCopy,
        // CompleteMultipartUpload...) in the body; a truncated document means
        // the same. Both are retried as a 500. Not for raw payloads, whose
        // bodies are the caller's data.
        if (cc.s3 && res.status == 200 && !out.raw_payload && xml_looks_like_error(res.body)) res.status = 500;
    }

    result<void> parse(call_context const& cc, http::response& res, output_shape const& out) const override
    {
        xml_reader_options xo;
        if (cc.s3 && cc.op.name == "GetBucketLocation") xo.root_value_member = "LocationConstraint";
        if (cc.s3_decode_listing) xo.s3_listing_op = cc.op.name;
        xml_reader xml(res.body, xo);
        rest_response_reader rr(res, &xml, {.lenient_expires = cc.s3});
        out.read(rr);
        rr.finish();
        if (!rr.failed()) return {};
        return make_error(errc::parse_error, "response " + (rr.error().empty() ? xml.error() : rr.error()),
                          std::string(cc.op.name));
    }

    error_info parse_error(call_context const& cc, http::response const& res) const override
    {
        // The generic reader gives the status-code fallbacks botocore uses
        // (code "404" for a HEAD without a body, the reason phrase as message);
        // the XML parser then reads the document properly.
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
        xml_reader xml(res.body, {.error_document = true});
        rest_response_reader rr(res, &xml);
        out.read(rr);
        rr.finish();
        if (!rr.failed()) return {};
        return make_error(errc::parse_error, "error response " + (rr.error().empty() ? xml.error() : rr.error()),
                          std::string(cc.op.name));
    }
};

} // namespace detail

STRATUS_DECL engine const& rest_xml::instance() noexcept
{
    static detail::rest_xml_engine const e;
    return e;
}

} // namespace stratus::protocol

#endif
