// Shapes to and from JSON documents, for the JSON protocols (awsJson 1.0/1.1,
// rest-json bodies) and for botocore-shaped parameters (client.call and the
// protocol conformance runner). Both directions go through a
// boost::json::value: parsing is Boost.JSON's, and building a value keeps
// keys, escaping and number formatting in one well-tested place.
//
// The two dialects differ only in scalars:
//   wire:   blobs base64, timestamps per member format (epoch seconds by
//           default), NaN/Infinity as the strings "NaN", "Infinity", "-Infinity"
//   params: blobs raw strings (the bytes themselves), timestamps accepted as
//           epoch numbers or date strings and written as chosen.
#ifndef STRATUS_PROTOCOL_DETAIL_JSON_DOCUMENT_HPP
#define STRATUS_PROTOCOL_DETAIL_JSON_DOCUMENT_HPP

#include <stratus/detail/config.hpp>
#include <stratus/model.hpp>
#include <stratus/protocol/value_io.hpp>

#include <boost/json/value.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace stratus::protocol::detail {

struct json_dialect {
    /// Blobs as base64 text (the wire) or as the raw bytes (parameters).
    bool base64_blobs = true;
    /// How timestamps are written when the member names no format.
    timestamp_format default_timestamp = timestamp_format::unix_seconds;
    /// Parameters: a timestamp is read from a number or any date string, and
    /// the member's own format is ignored (it describes the wire).
    bool lenient_timestamps = false;
    /// Top-level idempotency tokens left unset get a fresh UUID (botocore's
    /// generate_idempotent_uuid handler); parameters are written as given.
    bool fill_idempotency_tokens = true;
    /// Parameters: keys are the model's member names ("queryString"), not
    /// their wire names (locationName "String"), and a payload member is a
    /// key like any other rather than the document itself.
    bool member_names = false;
};

inline constexpr json_dialect wire_dialect{};
inline constexpr json_dialect params_dialect{.base64_blobs = false,
                                             .default_timestamp = timestamp_format::unix_seconds,
                                             .lenient_timestamps = true,
                                             .fill_idempotency_tokens = false,
                                             .member_names = true};
/// client.call(name, params): parameters as botocore takes them, outputs with
/// timestamps as ISO 8601 text ("2024-05-01T12:00:00Z"), which a JSON value
/// carries without losing what it is (an epoch number reads as a plain number).
inline constexpr json_dialect dynamic_dialect{.base64_blobs = false,
                                              .default_timestamp = timestamp_format::iso8601,
                                              .lenient_timestamps = true,
                                              .fill_idempotency_tokens = false,
                                              .member_names = true};

/// Builds a JSON object from a structure's members. Absent members are left
/// out; an empty structure is `{}`.
class json_writer final : public value_writer {
public:
    STRATUS_DECL explicit json_writer(json_dialect d = wire_dialect);

    /// The document: an object once the top-level members are written.
    boost::json::value root;
    /// First problem found (a stream member, which JSON cannot carry).
    std::string error{};
    /// Top-level hostLabel members (they fill endpoint.hostPrefix), raw.
    std::vector<std::pair<std::string, std::string>> host_labels{};

    /// Whether any member was written at the top level.
    bool empty() const noexcept;

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
    // Places v where member m goes: a key of the open object, the next item
    // of the open array, the value of the pending map key. Returns it.
    STRATUS_DECL boost::json::value& put(member_info const& m, boost::json::value v);

    json_dialect d_;
    std::vector<boost::json::value*> stack_{};
    std::vector<std::string> keys_{}; // pending map key per open map (parallel to stack_)
};

/// Serializes `root` as compact JSON text.
STRATUS_DECL std::string to_text(boost::json::value const& root);

/// Parses a response body: an empty body is an empty object (botocore's
/// _parse_body_as_json). False, with what is wrong in `error`, for text that
/// is not JSON.
STRATUS_DECL bool parse_document(std::string_view text, boost::json::value& out, std::string& error);

/// Reads a structure's members from a JSON object. Unknown keys are ignored
/// (services add members before models do); null is absent; a value of the
/// wrong JSON type is an error naming the member path ("Item.pk.N: expected
/// a string").
class json_reader final : public value_reader {
public:
    /// Reads from `root`, which must outlive the reader. A root that is not
    /// an object reads as if every member were absent.
    STRATUS_DECL explicit json_reader(boost::json::value const& root, json_dialect d = wire_dialect);

    /// "<Member.Path>: <what is wrong>", when failed().
    std::string const& error() const noexcept { return error_; }

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
    STRATUS_DECL bool failed() const noexcept override { return !error_.empty(); }

private:
    struct frame {
        enum kind_t { object, list, map } kind;
        boost::json::value const* v;
        std::size_t next = 0;                  // list/map: index of the next item
        boost::json::value const* current{};   // list/map: the item being read
        std::string name{};                    // path segment, for messages
    };
    // The value of member m in the current container, or null when absent.
    STRATUS_DECL boost::json::value const* find(member_info const& m) const;
    STRATUS_DECL std::string path(member_info const& m) const;
    STRATUS_DECL void fail_type(member_info const& m, std::string_view expected);

    json_dialect d_;
    std::vector<frame> stack_{};
    std::string error_{};
};

inline bool json_writer::empty() const noexcept
{
    return root.is_object() && root.get_object().empty();
}

} // namespace stratus::protocol::detail

#ifdef STRATUS_HEADER_ONLY
#include <stratus/protocol/detail/impl/json_document.ipp>
#endif

#endif
