// Shapes to form-encoded parameters, for the query protocol (SQS's older
// model, SNS, STS, IAM, CloudFormation...) and its EC2 dialect. Names are
// dotted paths: "Attributes.entry.1.key", "Tags.member.2.Value"; EC2 always
// flattens lists ("Filter.1.Value.1") and names members by queryName or the
// capitalised locationName. Behaviour as botocore's QuerySerializer and
// EC2Serializer.
#ifndef STRATUS_PROTOCOL_DETAIL_QUERY_WRITER_HPP
#define STRATUS_PROTOCOL_DETAIL_QUERY_WRITER_HPP

#include <stratus/detail/config.hpp>
#include <stratus/model.hpp>
#include <stratus/protocol/value_io.hpp>

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace stratus::protocol::detail {

class query_writer final : public value_writer {
public:
    /// `ec2`: the EC2 dialect.
    STRATUS_DECL explicit query_writer(bool ec2);

    /// "Name=value&..." without Action and Version, percent-encoded.
    std::string body{};
    /// First problem found (a document member, which the form cannot carry).
    std::string error{};
    /// Top-level hostLabel members (they fill endpoint.hostPrefix), raw.
    std::vector<std::pair<std::string, std::string>> host_labels{};

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
        enum kind_t { structure, list, map } kind;
        std::string prefix;    // structure: "A.B"; list: what items append ".N" to; map: entries append ".N"
        std::size_t index = 0; // list/map: items so far
        std::string value_name{}; // map: the value's name ("value")
    };
    // The full name of member m (or of the next list item / the current map value).
    STRATUS_DECL std::string name_of(member_info const& m);
    STRATUS_DECL void put(member_info const& m, std::string_view value);

    bool ec2_;
    std::vector<frame> stack_{};
    std::vector<std::string> key_names_{}; // per open map: the key's name ("key")
};

} // namespace stratus::protocol::detail

#ifdef STRATUS_HEADER_ONLY
#include <stratus/protocol/detail/impl/query_writer.ipp>
#endif

#endif
