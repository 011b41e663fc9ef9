// XML documents for the protocols that speak XML (rest-xml now; query and
// ec2 read their responses the same way). Writing needs no DOM: the writer
// streams elements into a string. Reading uses pugixml, which only the .ipp
// sees. Namespaces are written as the model says and ignored on read, as
// botocore does.
#ifndef STRATUS_PROTOCOL_DETAIL_XML_HPP
#define STRATUS_PROTOCOL_DETAIL_XML_HPP

#include <stratus/detail/config.hpp>
#include <stratus/model.hpp>
#include <stratus/protocol/value_io.hpp>

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace stratus::protocol::detail {

/// Element text: & < > escaped, and CR and LF as character references so
/// that no parser normalizes them away (botocore does this for S3's
/// DeleteObjects; it is right for every document).
STRATUS_DECL void xml_escape_text(std::string& out, std::string_view s);
/// Attribute values: the above, plus '"' and TAB.
STRATUS_DECL void xml_escape_attr(std::string& out, std::string_view s);

/// Writes the body members of a request as one XML document (botocore's
/// RestXMLSerializer): the root named after the input's locationName, or the
/// payload member; lists wrapped (items named by the list's member name,
/// "member" by default) or flattened; maps as entry/key/value (or flattened);
/// xmlAttribute members as attributes; xmlNamespace as xmlns attributes;
/// timestamps ISO 8601 unless the member says otherwise; blobs base64.
class xml_writer final : public value_writer {
public:
    STRATUS_DECL explicit xml_writer(operation_info const& op);

    /// The document, complete once the root element has closed.
    std::string text{};
    /// First problem found (a document member, which XML cannot carry).
    std::string error{};

    STRATUS_DECL void string(member_info const& m, std::string_view v) override;
    STRATUS_DECL void boolean(member_info const& m, bool v) override;
    STRATUS_DECL void integer(member_info const& m, std::int64_t v) override;
    STRATUS_DECL void floating(member_info const& m, double v) override;
    STRATUS_DECL void time(member_info const& m, timestamp v) override;
    STRATUS_DECL void bytes(member_info const& m, std::string_view v) override;
    STRATUS_DECL void stream(member_info const& m, streaming_body const& v) override;
    STRATUS_DECL void json(member_info const& m, document const& v) override;
    STRATUS_DECL bool begin_structure(member_info const& m, shape_info const& s) override;
    STRATUS_DECL void end_structure() override;
    STRATUS_DECL bool begin_list(member_info const& m, std::size_t size) override;
    STRATUS_DECL void end_list() override;
    STRATUS_DECL bool begin_map(member_info const& m, std::size_t size) override;
    STRATUS_DECL void map_key(std::string_view key) override;
    STRATUS_DECL void end_map() override;

private:
    struct frame {
        enum kind_t { element, list, map } kind;
        member_info m{};      // the list or map member (names, flattened, timestamp format)
        std::string name{};   // element name; empty for flattened lists and maps
        std::string attrs{};  // " a=\"b\"", element start tag only
        std::string content{};
        bool entry_open = false;
    };
    STRATUS_DECL std::string child_name(member_info const& m) const;
    STRATUS_DECL timestamp_format time_format(member_info const& m) const;
    STRATUS_DECL void scalar(member_info const& m, std::string_view text);
    STRATUS_DECL void close_entry(frame& f);
    STRATUS_DECL void emit(std::string text);

    operation_info const& op_;
    std::vector<frame> stack_{};
};

struct xml_reader_options {
    /// Members come from the error element: <Error> at the root (S3),
    /// inside <ErrorResponse> (query), or <Response><Errors><Error> (EC2).
    bool error_document = false;
    /// A child of the root to read members from (the query protocol's
    /// <OperationResult>); empty: the root itself.
    std::string_view wrapper{};
    /// S3 GetBucketLocation: the root element <LocationConstraint> holds
    /// this member's value as its text (botocore's parse_get_bucket_location).
    std::string_view root_value_member{};
    /// S3 ListObjects/ListObjectsV2/ListObjectVersions: the operation whose
    /// url-encoded keys to decode, when stratus asked for the encoding.
    std::string_view s3_listing_op{};
};

/// Reads body members from an XML document (botocore's
/// BaseXMLResponseParser): namespaces ignored, unknown elements ignored,
/// flattened lists as repeated elements, wrapped lists and maps, attributes;
/// numbers, booleans, timestamps (any format) and base64 checked strictly.
class xml_reader final : public value_reader {
public:
    /// Parses lazily: nothing happens until a member is asked for.
    STRATUS_DECL xml_reader(std::string_view body, xml_reader_options opts = {});
    STRATUS_DECL ~xml_reader();
    xml_reader(xml_reader const&) = delete;
    xml_reader& operator=(xml_reader const&) = delete;

    /// "<Member.Path>: <what is wrong>" or "malformed XML: ...", when failed().
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

    struct state;

private:
    std::unique_ptr<state> s_;
};

/// What an XML error document says: <Error><Code> (S3) or
/// <ErrorResponse><Error><Code> with <RequestId> beside it (CloudFront,
/// Route 53, the query protocol). nullopt when the body is not XML.
struct xml_error_fields {
    std::string code{};
    std::string message{};
    std::string request_id{};
};
STRATUS_DECL std::optional<xml_error_fields> parse_xml_error(std::string_view body);

/// S3's check for a 200 OK that is really an error: true when the document's
/// root element is <Error>, or when the document is cut short (its last
/// closing tag is not the root's), as botocore retries both as a 500.
STRATUS_DECL bool xml_looks_like_error(std::string_view body);

} // namespace stratus::protocol::detail

#ifdef STRATUS_HEADER_ONLY
#include <stratus/protocol/detail/impl/xml.ipp>
#endif

#endif
