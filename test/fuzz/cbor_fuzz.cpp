// libFuzzer target for the CBOR codec and the rpc-v2-cbor shape reader:
// arbitrary bytes as a response body, under AddressSanitizer and UBSan.
// Whatever the bytes, decoding ends in a value or a typed error (never a
// crash, a read past the end or a runaway allocation), and what decodes
// obeys these laws:
// - a valid item re-encodes (preferred serialization) to an item that means
//   the same and re-encodes to itself;
// - a body read into a shape and written back reads again into the same
//   shape: write(read(write(read(x)))) == write(read(x)), unions with
//   unknown members aside.
#include <stratus/protocol/detail/cbor.hpp>

#include <boost/json/src.hpp>

#include <cstdint>
#include <cstdlib>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace {

using ::stratus::member_info;
using ::stratus::shape_info;
using namespace ::stratus::protocol::detail;

struct choice {
    std::optional<std::string> s{};
    std::optional<std::int64_t> n{};
    static constexpr shape_info shape{.name = "Choice", .is_union = true};
    template <class F>
    static constexpr void visit(F&& f)
    {
        f(member_info{.name = "s", .wire = "s"}, &choice::s);
        f(member_info{.name = "n", .wire = "n"}, &choice::n);
    }
};

struct node {
    std::optional<std::string> name{};
    std::optional<std::int8_t> small{};
    std::optional<std::int64_t> big{};
    std::optional<double> real{};
    std::optional<bool> flag{};
    std::optional<::stratus::timestamp> when{};
    std::optional<::stratus::blob> data{};
    std::optional<::stratus::document> doc{};
    std::vector<std::string> tags{};
    std::optional<std::vector<std::optional<std::int64_t>>> sparse{};
    std::optional<std::map<std::string, std::vector<double>>> series{};
    std::optional<choice> pick{};
    std::optional<std::vector<::stratus::boxed<node>>> children{};
    static constexpr shape_info shape{.name = "Node"};
    template <class F>
    static constexpr void visit(F&& f)
    {
        f(member_info{.name = "Name", .wire = "a"}, &node::name);
        f(member_info{.name = "Small", .wire = "b"}, &node::small);
        f(member_info{.name = "Big", .wire = "c"}, &node::big);
        f(member_info{.name = "Real", .wire = "d"}, &node::real);
        f(member_info{.name = "Flag", .wire = "e"}, &node::flag);
        f(member_info{.name = "When", .wire = "f"}, &node::when);
        f(member_info{.name = "Data", .wire = "g"}, &node::data);
        f(member_info{.name = "Doc", .wire = "h"}, &node::doc);
        f(member_info{.name = "Tags", .wire = "i"}, &node::tags);
        f(member_info{.name = "Sparse", .wire = "j"}, &node::sparse);
        f(member_info{.name = "Series", .wire = "k"}, &node::series);
        f(member_info{.name = "Pick", .wire = "l"}, &node::pick);
        f(member_info{.name = "Children", .wire = "m"}, &node::children);
    }
};

void check(bool ok)
{
    if (!ok) std::abort();
}

// The body read into a node and written back; nullopt (and the reader's
// error) when it does not read.
std::optional<std::string> round(std::string_view body, std::string& error)
{
    node v;
    cbor_shape_reader r(body);
    if (r.open()) ::stratus::protocol::read_members(r, v);
    if (r.failed()) {
        error = r.error();
        check(!error.empty());
        return std::nullopt;
    }
    cbor_shape_writer w;
    ::stratus::protocol::write_members(w, v);
    w.finish();
    check(w.error.empty()); // what was read is UTF-8 and has no streams
    check(!cbor_validate(w.enc.out));
    return std::move(w.enc.out);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* bytes, std::size_t size)
{
    std::string_view const in(reinterpret_cast<char const*>(bytes), size);

    auto const bad = cbor_validate(in);
    if (bad) {
        check(bad->offset <= size && !bad->what.empty());
        check(!cbor_diagnostic(in) && !cbor_reencode(in));
    } else {
        auto const diag = cbor_diagnostic(in, true);
        auto const again = cbor_reencode(in);
        check(diag && again && cbor_diagnostic(in).has_value());
        check(!cbor_validate(*again));
        check(cbor_diagnostic(*again, true) == diag);
        check(cbor_reencode(*again) == again);
    }

    // As a document: a value or an error, and the decoder stays in bounds.
    cbor_decoder d(in);
    ::stratus::document doc;
    std::string why;
    if (!cbor_read_json(d, doc, why)) check(!why.empty());
    check(d.position() <= size);

    // As a shape. A union holding only a member this model does not know
    // reads as a union with nothing set, which cannot be written back (nor
    // sent: validation refuses it); everything else comes back the same.
    std::string error;
    if (auto once = round(in, error)) {
        auto twice = round(*once, error);
        if (!twice)
            check(error.find("a union must have exactly one member set, found 0") != std::string::npos);
        else
            check(*twice == *once);
    }
    return 0;
}
