// Client-side validation of an input before anything is sent, with
// botocore's ParamValidator rules as the model states them: required members
// present, string/blob/list/map lengths within min/max, numbers within range,
// exactly one member of a union set. Enum values are not checked (an SDK
// older than the service must still be able to send new values).
#ifndef STRATUS_PROTOCOL_VALIDATE_HPP
#define STRATUS_PROTOCOL_VALIDATE_HPP

#include <stratus/detail/config.hpp>
#include <stratus/error.hpp>
#include <stratus/model.hpp>
#include <stratus/protocol/value_io.hpp>

namespace stratus::protocol {

/// Checks every rule and reports all violations at once, one per line of the
/// message, each as "<Param.Path>: <rule>" (e.g. "Delete.Objects[0].Key:
/// missing required parameter"), with errc::invalid_parameter and
/// error_info::operation set to the operation's name.
STRATUS_DECL result<void> validate(operation_info const& op, input_shape const& in);

} // namespace stratus::protocol

#ifdef STRATUS_HEADER_ONLY
#include <stratus/protocol/impl/validate.ipp>
#endif

#endif
