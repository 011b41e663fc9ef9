// The HTTP binding the REST protocols share (rest-xml, rest-json): members
// that travel in the URI, the query string, headers, header-prefix maps and
// the status code, and raw payloads (blob, string, stream). Everything that
// belongs in the body document is handed on to a body writer/reader that
// knows the document format (XML, JSON), so each REST protocol only writes
// its document. Behaviour follows botocore's BaseRestSerializer and
// BaseRestParser.
#ifndef STRATUS_PROTOCOL_REST_BINDING_HPP
#define STRATUS_PROTOCOL_REST_BINDING_HPP

#include <stratus/core/http_message.hpp>
#include <stratus/detail/config.hpp>
#include <stratus/error.hpp>
#include <stratus/model.hpp>
#include <stratus/protocol/value_io.hpp>

#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace stratus::protocol {

using name_value = std::pair<std::string, std::string>;

/// Fills "/{Bucket}/{Key+}?list-type=2" from label values (raw, not encoded):
/// labels percent-encoded, a greedy {Label+} keeping '/'. Returns the path
/// and the template's literal query ("list-type=2"). A label without a value
/// is an errc::invalid_parameter error.
STRATUS_DECL result<std::pair<std::string, std::string>> expand_uri(std::string_view uri_template,
                                                                    std::span<name_value const> labels);

/// Fills "{AccountId}." from host-label values, each of which must be a
/// valid host label (letters, digits, '-' and '.'), as botocore checks.
STRATUS_DECL result<std::string> expand_host_prefix(std::string_view prefix_template,
                                                    std::span<name_value const> labels);

/// Serializes the non-body members of a REST request and hands body members
/// to `body`. Write the input through it, then call finish().
class rest_request_writer final : public value_writer {
public:
    /// `body` receives, for non-payload body members, one begin_structure()
    /// with an empty member_info and the input's shape, the members, and
    /// end_structure(); for a structure payload, that member as it comes.
    STRATUS_DECL rest_request_writer(value_writer& body, shape_info const& input);

    std::vector<name_value> labels{};      ///< URI labels, raw values
    std::vector<name_value> host_labels{}; ///< members marked hostLabel
    std::string query{};                   ///< query members, encoded
    http::fields headers{};
    bool has_raw_payload = false;          ///< a blob/string/stream payload member was given
    std::string raw_payload{};
    std::shared_ptr<http::body_source> payload_stream{};
    bool body_document = false;            ///< body members went to the body writer
    std::string error{};                   ///< first problem found, if any

    /// Closes the body document if one was opened; adds query-map entries.
    STRATUS_DECL void finish();

    STRATUS_DECL void string(member_info const& m, std::string_view v) override;
    STRATUS_DECL void boolean(member_info const& m, bool v) override;
    STRATUS_DECL void integer(member_info const& m, std::int64_t v) override;
    STRATUS_DECL void floating(member_info const& m, double v) override;
    STRATUS_DECL void time(member_info const& m, timestamp v) override;
    STRATUS_DECL void bytes(member_info const& m, std::string_view v) override;
    STRATUS_DECL void stream(member_info const& m, streaming_body const& v) override;
    STRATUS_DECL void json(member_info const& m, document const& v) override;
    STRATUS_DECL void absent(member_info const& m) override;
    STRATUS_DECL bool begin_structure(member_info const& m, shape_info const& s) override;
    STRATUS_DECL void end_structure() override;
    STRATUS_DECL bool begin_list(member_info const& m, std::size_t size) override;
    STRATUS_DECL void end_list() override;
    STRATUS_DECL bool begin_map(member_info const& m, std::size_t size) override;
    STRATUS_DECL void map_key(std::string_view key) override;
    STRATUS_DECL void end_map() override;

private:
    enum class scalar_kind { text, boolean, integer, floating, time, bytes };
    struct frame {
        enum kind_t { header_list, query_list, query_map, header_map } kind;
        member_info m;
        std::string key{};
        std::vector<std::string> items{};
    };
    // A value already turned to text (timestamps formatted per location).
    STRATUS_DECL void scalar(member_info const& m, std::string_view text, scalar_kind k, timestamp t = {});
    STRATUS_DECL void open_body();
    STRATUS_DECL bool forwarding() const noexcept;

    value_writer& body_;
    shape_info const& input_;
    int depth_ = 0; // > 0: inside a container that belongs to the body writer
    std::vector<frame> frames_{};
    std::vector<name_value> query_map_{};
};

struct call_context;

/// The request a REST protocol sends, from a finished rest_request_writer:
/// method and URI from the operation (labels expanded, the template's
/// literal query first), query members, headers, a raw payload, and the
/// expanded host prefix in `cc`. The body document, if any, is the
/// protocol's to add. Errors are errc::invalid_parameter.
STRATUS_DECL result<http::request> make_rest_request(call_context& cc, rest_request_writer& rw);

/// Parses the non-body members of a REST response and asks `body` for body
/// members (which may be null when the protocol has no body document).
/// Read the output through it, then call finish().
class rest_response_reader final : public value_reader {
public:
    struct options {
        /// S3: an `Expires` header that is not a date leaves the member unset
        /// instead of failing (botocore keeps the text as ExpiresString).
        bool lenient_expires = false;
    };

    STRATUS_DECL rest_response_reader(http::response const& res, value_reader* body, options opts);
    rest_response_reader(http::response const& res, value_reader* body) : rest_response_reader(res, body, options{}) {}

    /// Leaves the body document if it was entered.
    STRATUS_DECL void finish();
    /// "<Member.Path>: <what is wrong>", when failed().
    STRATUS_DECL std::string const& error() const noexcept;

    STRATUS_DECL bool string(member_info const& m, std::string& out) override;
    STRATUS_DECL bool boolean(member_info const& m, bool& out) override;
    STRATUS_DECL bool integer(member_info const& m, std::int64_t& out) override;
    STRATUS_DECL bool floating(member_info const& m, double& out) override;
    STRATUS_DECL bool time(member_info const& m, timestamp& out) override;
    STRATUS_DECL bool bytes(member_info const& m, std::string& out) override;
    STRATUS_DECL bool stream(member_info const& m, streaming_body& out) override;
    STRATUS_DECL bool json(member_info const& m, document& out) override;
    STRATUS_DECL bool enter_structure(member_info const& m, shape_info const& s) override;
    STRATUS_DECL void leave_structure() override;
    STRATUS_DECL bool enter_list(member_info const& m) override;
    STRATUS_DECL bool next_item() override;
    STRATUS_DECL void leave_list() override;
    STRATUS_DECL bool enter_map(member_info const& m) override;
    STRATUS_DECL bool next_entry(std::string& key) override;
    STRATUS_DECL void leave_map() override;
    STRATUS_DECL void fail(member_info const& m, std::string_view why) override;
    STRATUS_DECL bool failed() const noexcept override;

private:
    struct frame {
        bool map = false;
        member_info m;
        std::vector<name_value> items{}; // list: (item, ""); map: (key, value)
        std::size_t next = 0;            // index of the next item
    };
    // The header text for member m at the top level, or the current list item / map value.
    STRATUS_DECL std::optional<std::string_view> text_for(member_info const& m);
    STRATUS_DECL bool body_member(member_info const& m) const noexcept;
    STRATUS_DECL bool enter_body();
    STRATUS_DECL void fail_value(member_info const& m, std::string_view what, std::string_view text);

    http::response const& res_;
    value_reader* body_;
    options opts_;
    int depth_ = 0;           // > 0: inside a container of the body reader
    int body_state_ = 0;      // 0 not tried, 1 entered, 2 absent
    std::vector<frame> frames_{};
    std::string error_{};
};

} // namespace stratus::protocol

#ifdef STRATUS_HEADER_ONLY
#include <stratus/protocol/impl/rest_binding.ipp>
#endif

#endif
