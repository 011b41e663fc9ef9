// Error responses of the JSON protocols (awsJson, rest-json): the code from
// the body's __type (awsJson) or the x-amzn-ErrorType header first
// (rest-json), "ns#Code:uri" cleaned to "Code", the message from
// message/Message, and for awsQueryCompatible services the old query code
// from x-amzn-query-error. Behaviour as botocore's BaseJSONParser and
// RestJSONParser._do_error_parse.
#ifndef STRATUS_PROTOCOL_DETAIL_JSON_ERROR_HPP
#define STRATUS_PROTOCOL_DETAIL_JSON_ERROR_HPP

#include <stratus/detail/config.hpp>
#include <stratus/error.hpp>
#include <stratus/protocol/engine.hpp>

namespace stratus::protocol::detail {

enum class json_error_style { aws_json, rest_json };

STRATUS_DECL error_info parse_json_error(call_context const& cc, http::response const& res, json_error_style style);

} // namespace stratus::protocol::detail

#ifdef STRATUS_HEADER_ONLY
#include <stratus/protocol/detail/impl/json_error.ipp>
#endif

#endif
