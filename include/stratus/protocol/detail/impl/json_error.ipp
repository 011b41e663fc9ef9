#ifndef STRATUS_PROTOCOL_DETAIL_IMPL_JSON_ERROR_IPP
#define STRATUS_PROTOCOL_DETAIL_IMPL_JSON_ERROR_IPP

#include <stratus/protocol/detail/json_error.hpp>

#include <stratus/core/error_response.hpp>
#include <stratus/detail/text.hpp>
#include <stratus/protocol/detail/json_document.hpp>

namespace stratus::protocol::detail {

namespace json_error_impl {

inline std::string_view member_text(boost::json::value const& v, std::string_view key)
{
    if (!v.is_object()) return {};
    auto const* p = v.get_object().if_contains(key);
    return p && p->is_string() ? std::string_view(p->get_string()) : std::string_view();
}

} // namespace json_error_impl

STRATUS_DECL error_info parse_json_error(call_context const& cc, http::response const& res, json_error_style style)
{
    using namespace json_error_impl;
    // The generic reader: request id, status fallbacks (code = the status,
    // message = the reason phrase, as botocore does for bodiless errors).
    auto e = make_service_error(res, cc.op.name);
    boost::json::value body;
    std::string ignored;
    if (!parse_document(res.body, body, ignored)) {
        // botocore keeps a body that is not JSON as the message.
        e.message = res.body.substr(0, 512);
        return e;
    }
    std::string code;
    auto header = res.headers.get("x-amzn-ErrorType");
    if (style == json_error_style::rest_json && header) code = clean_error_type(*header);
    if (code.empty()) code = clean_error_type(member_text(body, "__type"));
    if (code.empty() && style == json_error_style::rest_json) {
        code = clean_error_type(member_text(body, "code"));
        if (code.empty()) code = clean_error_type(member_text(body, "Code"));
    }
    if (code.empty() && header) code = clean_error_type(*header);
    // A service that left the query protocol keeps its query error codes, so
    // that old error names still match (x-amzn-query-error: "Code;Sender").
    if (cc.client.service.query_compatible) {
        if (auto q = res.headers.get("x-amzn-query-error")) {
            auto semi = q->find(';');
            if (semi != std::string_view::npos && semi > 0 && q->find(';', semi + 1) == std::string_view::npos) {
                e.query_error_code = std::move(code);
                code = std::string(q->substr(0, semi));
            }
        }
    }
    if (!code.empty()) e.aws_code = std::move(code);
    auto msg = member_text(body, "message");
    if (msg.empty()) msg = member_text(body, "Message");
    if (!msg.empty()) e.message = std::string(msg);
    return e;
}

} // namespace stratus::protocol::detail

#endif
