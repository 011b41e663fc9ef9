// Names: botocore's xform_name, and the rules that turn model names into C++
// identifiers that never collide with keywords, macros or each other.
#ifndef STRATUS_GEN_NAMES_HPP
#define STRATUS_GEN_NAMES_HPP

#include <set>
#include <string>
#include <string_view>

namespace stratus_gen {

/// botocore.xform_name, exactly: "ListObjectsV2" -> "list_objects_v2",
/// "SSECustomerKey" -> "sse_customer_key", "ListWebACLs" -> "list_web_acls".
/// A name that already contains `sep` is returned unchanged, as botocore does.
std::string xform_name(std::string_view name, char sep = '_');

/// True for C++20 keywords, alternative tokens (and, or, not...) and the
/// lowercase macros of the C and POSIX headers a program may include
/// (errno, stdin, major, minor, unix, linux, assert...).
bool is_reserved_word(std::string_view id);

/// A C++ identifier for a model name: xform_name, lowercased, characters
/// outside [a-z0-9_] and runs of '_' folded to one '_', a leading digit
/// prefixed with '_', and a reserved word given a trailing '_'.
std::string cpp_name(std::string_view model_name);

/// An identifier for an enum value such as "STANDARD", "t2.micro" or
/// "aws:kms": each run of letters and digits through xform_name, joined with
/// '_'. Empty when the value has no letters or digits.
std::string enum_constant_name(std::string_view value);

/// A C++ string literal for any bytes (escapes for quotes, backslashes and
/// control characters).
std::string literal(std::string_view s);

/// Turns `id` into a legal identifier (see cpp_name) without xform_name.
std::string sanitize_identifier(std::string_view id);

/// A set of names taken in one C++ scope. claim() returns `id` or, when it
/// is taken, `id` with as many '_' appended as it takes to be free.
class scope_names {
public:
    scope_names() = default;
    explicit scope_names(std::set<std::string> reserved) : taken_(std::move(reserved)) {}
    std::string claim(std::string id);
    bool contains(std::string const& id) const { return taken_.count(id) != 0; }

private:
    std::set<std::string> taken_;
};

} // namespace stratus_gen

#endif
