// CBOR (RFC 8949), as much as the smithy-rpc-v2-cbor protocol needs and a
// careful decoder must check. Writing uses preferred serialization (§4.1):
// shortest heads, definite lengths, each float in the shortest of half,
// single and double precision that holds it exactly. Reading accepts every
// well-formed encoding (indefinite lengths, non-shortest heads, all float
// widths) and checks every length against the bytes that are left, so that
// hostile input ends in a cbor_error with its byte offset, never in a read
// past the end, a deep recursion or an allocation larger than the input.
#ifndef STRATUS_PROTOCOL_DETAIL_CBOR_HPP
#define STRATUS_PROTOCOL_DETAIL_CBOR_HPP

#include <stratus/detail/config.hpp>
#include <stratus/model.hpp>
#include <stratus/protocol/value_io.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace stratus::protocol::detail {

/// The eight major types (RFC 8949 §3.1).
enum class cbor_major : std::uint8_t {
    unsigned_int = 0,
    negative_int = 1,
    bytes = 2,
    text = 3,
    array = 4,
    map = 5,
    tag = 6,
    simple = 7, ///< false, true, null, undefined, other simple values, floats and the break code
};

/// How deep arrays, maps and tags may nest before the decoder gives up:
/// deeper input is refused rather than recursed into.
inline constexpr unsigned cbor_max_depth = 64;

/// The simple values the protocol uses (major type 7).
inline constexpr std::uint8_t cbor_false = 20;
inline constexpr std::uint8_t cbor_true = 21;
inline constexpr std::uint8_t cbor_null = 22;
inline constexpr std::uint8_t cbor_undefined = 23;

/// True when `s` is well-formed UTF-8 (no overlong forms, no surrogates,
/// nothing above U+10FFFF), as CBOR text strings must be.
STRATUS_DECL bool cbor_valid_utf8(std::string_view s) noexcept;

/// Appends CBOR items to `out`.
class cbor_encoder {
public:
    std::string out{};

    /// A head: the major type and its argument in the fewest bytes.
    STRATUS_DECL void head(cbor_major major, std::uint64_t argument);
    STRATUS_DECL void integer(std::int64_t v);
    STRATUS_DECL void bytes(std::string_view v);
    /// The caller has checked that `v` is UTF-8 (cbor_valid_utf8).
    STRATUS_DECL void text(std::string_view v);
    void array(std::uint64_t size) { head(cbor_major::array, size); }
    void map(std::uint64_t size) { head(cbor_major::map, size); }
    void tag(std::uint64_t number) { head(cbor_major::tag, number); }
    void boolean(bool v) { simple(v ? cbor_true : cbor_false); }
    void null() { simple(cbor_null); }
    STRATUS_DECL void simple(std::uint8_t value);
    /// The shortest of half, single and double precision that reads back as
    /// exactly `v`. NaN is written as the half-precision quiet NaN (f97e00)
    /// and the infinities as half precision, as botocore writes them.
    STRATUS_DECL void floating(double v);
    /// Inserts at `offset` the head of an array or map whose size was only
    /// known once its items had been written after that offset.
    STRATUS_DECL void insert_head(std::size_t offset, cbor_major major, std::uint64_t size);
};

/// Where and why decoding stopped.
struct cbor_error {
    std::size_t offset = 0;
    std::string what{};
    /// "<what> at byte <offset>"
    STRATUS_DECL std::string message() const;
};

/// One item's initial byte and argument.
struct cbor_head {
    cbor_major major = cbor_major::unsigned_int;
    std::uint8_t info = 0;      ///< the additional information (low five bits)
    std::uint64_t argument = 0; ///< value, length, count, tag number, simple value or a float's bits
    bool indefinite = false;    ///< a string, array or map of indefinite length
    std::size_t offset = 0;     ///< where the head starts

    bool is_break() const noexcept { return major == cbor_major::simple && info == 31; }
    bool is_float() const noexcept { return major == cbor_major::simple && info >= 25 && info <= 27; }
    /// null or undefined: a value that is not there.
    bool is_null() const noexcept
    {
        return major == cbor_major::simple && info < 24 &&
               (argument == cbor_null || argument == cbor_undefined);
    }
    /// The value of a float head (is_float()).
    STRATUS_DECL double float_value() const noexcept;
};

/// "an unsigned integer", "a text string", "a map", "tag 2", "null"...: what
/// an item is, for messages.
STRATUS_DECL std::string cbor_describe(cbor_head const& h);

/// Reads CBOR items from bytes it does not trust. Every function returns
/// false and records a cbor_error (the first one) when the input is
/// truncated, malformed or too deep.
class cbor_decoder {
public:
    STRATUS_DECL explicit cbor_decoder(std::string_view data, unsigned max_depth = cbor_max_depth) noexcept;

    std::size_t position() const noexcept { return pos_; }
    void seek(std::size_t pos) noexcept { pos_ = pos < data_.size() ? pos : data_.size(); }
    bool at_end() const noexcept { return pos_ >= data_.size(); }
    std::string_view data() const noexcept { return data_; }
    bool failed() const noexcept { return failed_; }
    unsigned max_depth() const noexcept { return max_depth_; }
    cbor_error const& error() const noexcept { return error_; }

    /// The next head. The break code comes back as a head (is_break());
    /// reserved additional information (28-30), an indefinite length on a
    /// type that has none, and a two-byte simple value below 32 are errors.
    STRATUS_DECL bool read_head(cbor_head& h);
    /// Consumes the break code if it comes next.
    STRATUS_DECL bool take_break();
    /// The contents of the byte or text string whose head `h` was just read,
    /// chunks of an indefinite string joined; text is checked to be UTF-8.
    STRATUS_DECL bool read_string(cbor_head const& h, std::string& out);
    /// Moves past the next item, checking that it is well-formed.
    STRATUS_DECL bool skip();
    /// Moves past the rest of the item whose head `h` was just read, at
    /// nesting depth `depth` (the item's own level).
    STRATUS_DECL bool skip_rest(cbor_head const& h, unsigned depth = 0);
    /// Records an error at `offset`; returns false.
    STRATUS_DECL bool fail(std::size_t offset, std::string what);

private:
    STRATUS_DECL bool need(std::size_t n, char const* what);
    // A definite count of items, each at least `per_item` bytes long, must fit in what is left.
    STRATUS_DECL bool check_count(cbor_head const& h, std::uint64_t per_item);

    std::string_view data_;
    std::size_t pos_ = 0;
    unsigned max_depth_;
    bool failed_ = false;
    cbor_error error_{};
};

/// Checks that `data` is exactly one well-formed CBOR item with valid UTF-8
/// text and nothing after it. nullopt when it is.
STRATUS_DECL std::optional<cbor_error> cbor_validate(std::string_view data,
                                                     unsigned max_depth = cbor_max_depth);

/// Diagnostic notation (RFC 8949 §8) of the single item in `data`:
/// 1, -1, h'0102', "a", [1, 2], {"a": 1}, 1(1363896240), simple(16), 1.5,
/// NaN, Infinity; indefinite items as (_ ...), [_ ...], {_ ...}. With
/// `canonical`, items that mean the same print the same: indefinite strings
/// joined, containers written as definite, map entries sorted by key, any
/// float width printed by its value (integers stay integers). nullopt when
/// `data` is not one well-formed item.
STRATUS_DECL std::optional<std::string> cbor_diagnostic(std::string_view data, bool canonical = false);

/// The item in `data` written again with preferred serialization: definite
/// lengths, shortest heads and floats. nullopt when `data` is not valid.
STRATUS_DECL std::optional<std::string> cbor_reencode(std::string_view data);

/// A JSON document as CBOR: objects as maps, arrays, strings as text,
/// integers, doubles, booleans and null. False (and `error`) for a string
/// that is not UTF-8.
STRATUS_DECL bool cbor_encode_json(cbor_encoder& enc, document const& v, std::string& error);

/// The next item as a JSON document: maps (text keys only) as objects,
/// arrays, text, integers, floats, booleans, null and undefined as null, a
/// tag as its content. Byte strings and other simple values have no JSON
/// form: false, with `error` saying what was found.
STRATUS_DECL bool cbor_read_json(cbor_decoder& dec, document& out, std::string& error);

/// Writes an input structure as one CBOR map (botocore's CBORSerializer):
/// members by wire name, unset members left out, lists and maps with their
/// items (an unset item as null), blobs as byte strings, timestamps as tag 1
/// over epoch seconds, documents as CBOR. Each map is given its head once its
/// entries are written, so every length is definite. Write the input's
/// members through it, then call finish().
class cbor_shape_writer final : public value_writer {
public:
    STRATUS_DECL cbor_shape_writer();

    cbor_encoder enc{};
    /// Top-level members marked hostLabel: (member name, value).
    std::vector<std::pair<std::string, std::string>> host_labels{};
    /// "<Member.Path>: <what is wrong>" for the first value CBOR cannot carry.
    std::string error{};

    /// Closes the input's map.
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
    struct frame {
        cbor_major major;
        std::size_t offset;  // where the head goes
        std::uint64_t count; // items, or map entries, written so far
        bool structure;
        std::string name{}; // the member this container is, for messages
        std::string key{};  // a map's current key
    };
    STRATUS_DECL void key(member_info const& m);
    STRATUS_DECL void open(cbor_major major, bool structure, member_info const& m);
    STRATUS_DECL void close();
    STRATUS_DECL void fail(member_info const& m, std::string_view why);

    std::vector<frame> frames_{};
};

/// Reads an output structure from a CBOR map (botocore's RpcV2CBORParser):
/// members by wire name in any order, unknown keys skipped, null values
/// (and null list items and map values) taken as absent. A value of the
/// wrong CBOR type fails with the member's path. Call open() first.
class cbor_shape_reader final : public value_reader {
public:
    STRATUS_DECL explicit cbor_shape_reader(std::string_view body, unsigned max_depth = cbor_max_depth);

    /// Checks the whole body and opens its top-level map. An empty body (or
    /// null) has no members. False, with error(), when the body is not one
    /// well-formed CBOR map.
    STRATUS_DECL bool open();
    /// "<Member.Path>: <what is wrong>" ("body: ..." for the document as a whole).
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
    bool failed() const noexcept override { return !error_.empty(); }

private:
    struct entry {
        std::string key;
        std::size_t value; // offset of the value
    };
    struct frame {
        enum kind_t { structure, list, map } kind = structure;
        std::string name{};           // the member this container is, for messages
        std::vector<entry> entries{}; // structure: sorted by key
        cbor_head head{};             // list or map: its head
        std::size_t next = 0;         // offset of the next item (list) or key (map)
        std::uint64_t seen = 0;       // items or entries passed, nulls included
        std::uint64_t index = 0;      // the current item's index, for messages
        std::string key{};            // a map's current key
        std::size_t current = 0;      // offset of the current item or value
        bool has_current = false;
    };
    STRATUS_DECL bool fail_body(std::string why);
    STRATUS_DECL bool malformed(member_info const& m);
    STRATUS_DECL bool mismatch(member_info const& m, std::string_view expected, cbor_head const& h);
    STRATUS_DECL bool read_string(member_info const& m, cbor_head const& h, std::string& out);
    STRATUS_DECL bool number(member_info const& m, cbor_head const& h, double& out);
    STRATUS_DECL bool scan_map(cbor_head const& h, std::vector<entry>& out);
    STRATUS_DECL bool locate(member_info const& m, cbor_head& h);
    STRATUS_DECL bool enter(member_info const& m, cbor_major major, frame::kind_t kind);
    STRATUS_DECL bool advance(std::string* key);
    STRATUS_DECL void pop();

    cbor_decoder dec_;
    std::vector<frame> frames_{};
    std::string error_{};
};

} // namespace stratus::protocol::detail

#ifdef STRATUS_HEADER_ONLY
#include <stratus/protocol/detail/impl/cbor.ipp>
#endif

#endif
