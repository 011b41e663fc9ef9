// The vocabulary generated code is written in: how a shape describes its
// members and an operation its HTTP binding, as constexpr data that one
// generic engine per protocol walks (STYLE.md §5). stratus-gen emits code in
// exactly this form; the protocol engines read nothing else.
//
// A structure shape is an aggregate with a static visitor:
//
//   struct list_objects_v2_request {
//       ::stratus::required<std::string> bucket;
//       std::optional<std::string> delimiter{};
//       static constexpr ::stratus::shape_info shape{.name = "ListObjectsV2Request"};
//       template <class F> static constexpr void visit(F&& f)
//       {
//           f(::stratus::member_info{.name = "Bucket", .wire = "Bucket", .where = ::stratus::location::uri,
//                                    .flags = ::stratus::member_flags::required},
//             &list_objects_v2_request::bucket);
//           f(::stratus::member_info{.name = "Delimiter", .wire = "delimiter",
//                                    .where = ::stratus::location::querystring},
//             &list_objects_v2_request::delimiter);
//       }
//   };
//
// The visitor is a member function template, so a program only instantiates
// it for the shapes it actually sends or receives: tuple-based tables cost 5x
// the compile time and 6x the memory (MEASUREMENTS.md).
#ifndef STRATUS_MODEL_HPP
#define STRATUS_MODEL_HPP

#include <stratus/core/http_message.hpp>

#include <boost/json/value.hpp>

#include <chrono>
#include <compare>
#include <concepts>
#include <cstdint>
#include <initializer_list>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace stratus {

/// Where a member travels (botocore's "location"; body when absent).
enum class location : std::uint8_t {
    body,        ///< in the protocol's document (XML element, JSON key, query parameter...)
    uri,         ///< a {label} of the request URI
    querystring, ///< a query parameter (a map member: one parameter per entry)
    header,      ///< one header
    headers,     ///< a map of headers sharing a prefix (wire = the prefix, e.g. "x-amz-meta-")
    status_code, ///< the HTTP status of the response
};

/// botocore's timestampFormat; `protocol_default` lets the engine choose per
/// location (headers rfc822, query/URI iso8601, XML iso8601, JSON unix...).
enum class timestamp_format : std::uint8_t { protocol_default, iso8601, rfc822, unix_seconds };

struct member_flags {
    static constexpr std::uint32_t required = 1u << 0;
    static constexpr std::uint32_t flattened = 1u << 1;         ///< XML list/map without a wrapper element
    static constexpr std::uint32_t xml_attribute = 1u << 2;     ///< an XML attribute, not an element
    static constexpr std::uint32_t host_label = 1u << 3;        ///< fills {label} of endpoint.hostPrefix
    static constexpr std::uint32_t idempotency_token = 1u << 4; ///< filled with a UUID when unset
    static constexpr std::uint32_t streaming = 1u << 5;         ///< a streaming blob: the whole body
    static constexpr std::uint32_t payload = 1u << 6;           ///< the structure's payload member
    static constexpr std::uint32_t json_value = 1u << 7;        ///< a header holding base64 JSON
    static constexpr std::uint32_t greedy = 1u << 8;            ///< a {Label+} URI label: '/' kept
    static constexpr std::uint32_t event_stream = 1u << 9;
    static constexpr std::uint32_t sensitive = 1u << 10;        ///< never logged or printed
};

/// What the engines need to know about one member. All views point at
/// string literals in generated code.
struct member_info {
    std::string_view name{};  ///< the model's member name ("Bucket"), for messages
    std::string_view wire{};  ///< locationName, or the name
    location where = location::body;
    std::uint32_t flags = 0;
    timestamp_format timestamp = timestamp_format::protocol_default;
    std::string_view xml_namespace{}; ///< xmlNamespace.uri on the member
    std::string_view xml_prefix{};    ///< xmlNamespace.prefix
    std::string_view item{};          ///< a list's member locationName (XML), "member" when empty
    std::string_view key{};           ///< a map's key locationName, "key" when empty
    std::string_view value{};         ///< a map's value locationName, "value" when empty
    std::string_view query_name{};    ///< queryName: the ec2 protocol's name for the member, when modeled
    /// botocore's validation rules: min/max length of strings, blobs, lists
    /// and maps, or the range of numbers. Unset when has_min / has_max are false.
    bool has_min = false;
    bool has_max = false;
    std::int64_t min = 0;
    std::int64_t max = 0;
    /// An enum member's known values ("a|b|c"); empty when not an enum.
    std::string_view enum_values{};

    constexpr bool is(std::uint32_t f) const noexcept { return (flags & f) != 0; }
};

/// What the engines need to know about a structure as a whole.
struct shape_info {
    std::string_view name{};          ///< the model's shape name
    std::string_view xml_name{};      ///< locationName of the shape (an XML root element)
    std::string_view xml_namespace{}; ///< xmlNamespace.uri of the shape
    std::string_view payload{};       ///< the member named by "payload", if any
    std::string_view error_code{};    ///< for error shapes: the code the service sends
    unsigned error_status = 0;        ///< for error shapes: error.httpStatusCode
    bool is_union = false;
};

/// A structure shape: an aggregate with a `shape` and a `visit`.
template <class T>
concept structure = requires {
    { T::shape } -> std::convertible_to<shape_info>;
};

/// A member every request must set. It has no default constructor, so a
/// designated initializer that leaves it out does not compile:
///   s3.get_object({.key = "k"});   // error: bucket is required
template <class T>
struct required {
    T value;

    template <class U>
        requires std::constructible_from<T, U&&>
    constexpr required(U&& u) : value(std::forward<U>(u))
    {
    }
    /// Deleted, not absent: a designated initializer that leaves the member
    /// out initializes it from `{}`, which must not reach the item-list
    /// constructor below (s3.get_object({.key = "k"}) must not compile).
    required() = delete;
    /// A list or map member written as a braced list of items, as a boto3
    /// user writes KeySchema=[{...}]: .key_schema = {{.attribute_name = "pk", .key_type = "HASH"}}.
    template <class U = T>
        requires requires { typename U::value_type; } && (!std::is_convertible_v<U const&, std::string_view>) &&
                 std::constructible_from<T, std::initializer_list<typename U::value_type>>
    constexpr required(std::initializer_list<typename U::value_type> items) : value(items)
    {
    }
    constexpr required(required const&) = default;
    constexpr required(required&&) = default;
    constexpr required& operator=(required const&) = default;
    constexpr required& operator=(required&&) = default;

    constexpr T& operator*() noexcept { return value; }
    constexpr T const& operator*() const noexcept { return value; }
    constexpr T* operator->() noexcept { return &value; }
    constexpr T const* operator->() const noexcept { return &value; }
    constexpr operator T const&() const noexcept { return value; }
    friend bool operator==(required const& a, required const& b) = default;
};

/// An optional list or map member (of a request, or of a union): a
/// std::optional that also takes a braced list of items, so a designated
/// initializer reads like boto3's keyword arguments:
///   ec2.describe_instances({.instance_ids = {"i-1", "i-2"}});
///   ddb.create_table({..., .key_schema = {{.attribute_name = "pk", .key_type = "HASH"}}});
/// `{}` leaves it unset; an explicitly empty list is `std::vector<T>{}`.
template <class T>
class optional_container : public std::optional<T> {
public:
    using std::optional<T>::optional;
    using std::optional<T>::operator=;
    optional_container() = default;
    optional_container(std::initializer_list<typename T::value_type> items) : std::optional<T>(std::in_place, items) {}
    /// req.tags = {{"team", "storage"}}: without this, the braced list could
    /// become either an optional_container or a std::optional (ambiguous).
    optional_container& operator=(std::initializer_list<typename T::value_type> items)
    {
        this->emplace(items);
        return *this;
    }
};

template <class T>
struct is_required : std::false_type {};
template <class T>
struct is_required<required<T>> : std::true_type {};

/// Timestamps at the precision the protocols carry (milliseconds at most;
/// botocore keeps microseconds, which no wire format uses).
using timestamp = std::chrono::sys_time<std::chrono::milliseconds>;

/// Binary data (a blob shape): bytes, not text.
struct blob {
    std::string bytes;
    friend bool operator==(blob const&, blob const&) = default;
};

/// Open document values (document shapes).
using document = boost::json::value;

/// A streaming blob (an S3 object's body): bytes in memory, or a source read
/// piece by piece so a large upload never sits in memory. In a response the
/// bytes arrive in `data` unless the call asked for a body_sink.
struct streaming_body {
    std::string data;
    std::shared_ptr<http::body_source> stream{};

    streaming_body() = default;
    streaming_body(std::string d) : data(std::move(d)) {}
    streaming_body(std::string_view d) : data(d) {}
    streaming_body(char const* d) : data(d) {}
    streaming_body(std::shared_ptr<http::body_source> s) : stream(std::move(s)) {}
};

/// A member whose type contains itself (recursive shapes): a value held
/// through a pointer, with value semantics (copies deep-copy).
template <class T>
class boxed {
public:
    boxed() : p_(std::make_unique<T>()) {}
    boxed(T v) : p_(std::make_unique<T>(std::move(v))) {}
    boxed(boxed const& o) : p_(std::make_unique<T>(*o.p_)) {}
    boxed(boxed&&) noexcept = default;
    boxed& operator=(boxed const& o)
    {
        *p_ = *o.p_;
        return *this;
    }
    boxed& operator=(boxed&&) noexcept = default;
    T& operator*() noexcept { return *p_; }
    T const& operator*() const noexcept { return *p_; }
    T* operator->() noexcept { return p_.get(); }
    T const* operator->() const noexcept { return p_.get(); }

private:
    std::unique_ptr<T> p_;
};

/// An enum shape: any string, so values the model does not know yet survive a
/// round trip; the generated type adds the known values as constants.
///   if (obj.storage_class == s3::storage_class::glacier) ...
struct enum_string {
    std::string value;

    enum_string() = default;
    enum_string(std::string v) : value(std::move(v)) {}
    enum_string(std::string_view v) : value(v) {}
    enum_string(char const* v) : value(v) {}

    operator std::string_view() const noexcept { return value; }
    std::string const& str() const noexcept { return value; }
    friend bool operator==(enum_string const& a, std::string_view b) noexcept { return a.value == b; }
    friend bool operator==(enum_string const& a, enum_string const& b) noexcept { return a.value == b.value; }
};

template <class T>
concept enumeration = std::derived_from<T, enum_string>;

/// How an operation sets one parameter of its service's endpoint rule set
/// (botocore's staticContextParams and contextParam members).
struct endpoint_param_binding {
    std::uint16_t parameter = 0; ///< index into the rule set's parameters
    enum class source : std::uint8_t {
        static_bool,   ///< `flag`
        static_string, ///< `text`
        member,        ///< the input member whose model name is `text` (a string or boolean)
        /// operationContextParams: the strings at the paths in `text`, compiled by
        /// stratus-gen from a JMESPath subset. Paths are '|'-separated; steps are
        /// '.'-separated member names, "*" for each list item or map value, and
        /// a final "keys()" for a map's keys ("TransactItems.*.Get.TableName",
        /// "RequestItems.keys()").
        member_path,
    } from = source::static_bool;
    bool flag = false;
    std::string_view text{};
};

/// An operation: its HTTP binding and the types it maps between.
struct operation_info {
    std::string_view name{};        ///< "ListObjectsV2"
    std::string_view method{};      ///< "GET"
    std::string_view uri{};         ///< requestUri, e.g. "/{Bucket}/{Key+}?tagging"
    std::string_view host_prefix{}; ///< endpoint.hostPrefix, e.g. "{AccountId}."
    unsigned response_code = 200;
    bool checksum_required = false;   ///< httpChecksumRequired / requestChecksumRequired: send Content-MD5
    bool request_compression = false; ///< requestcompression (gzip)
    bool unsigned_payload = false;    ///< authtype v4-unsigned-body
    bool no_auth = false;             ///< authtype none
    std::string_view input_xml_name{};      ///< input.locationName (rest-xml root element)
    std::string_view input_xml_namespace{}; ///< input.xmlNamespace.uri
    std::string_view result_wrapper{};      ///< output.resultWrapper: the query protocol's <XResult> element
    std::span<endpoint_param_binding const> endpoint_params{};
};

/// Generated per operation:
///   struct list_objects_v2 {
///       static constexpr operation_info info{...};
///       using input = list_objects_v2_request;
///       using output = list_objects_v2_output;
///       using errors = type_list<no_such_bucket>;
///   };
template <class... T>
struct type_list {};

template <class Op>
concept operation = requires {
    { Op::info } -> std::convertible_to<operation_info>;
    typename Op::input;
    typename Op::output;
    typename Op::errors;
};

/// An operation with no input or output members uses this.
struct empty_shape {
    static constexpr shape_info shape{.name = ""};
    template <class F>
    static constexpr void visit(F&&)
    {
    }
};

} // namespace stratus

#endif
