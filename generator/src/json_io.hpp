// Reading botocore's files (plain or gzip-compressed JSON) and writing them
// back deterministically.
#ifndef STRATUS_GEN_JSON_IO_HPP
#define STRATUS_GEN_JSON_IO_HPP

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace stratus_gen {

namespace fs = std::filesystem;

/// Every failure of the generator: a message naming the file or shape.
struct gen_error : std::runtime_error {
    using std::runtime_error::runtime_error;
};

/// The bytes of a file; a gzip file (".gz", or any file starting with the
/// gzip magic) is decompressed with zlib.
std::string read_file(fs::path const& path);

/// read_file + boost::json::parse; errors name the file.
boost::json::value read_json(fs::path const& path);

/// Writes `text` to `path`, creating parent directories.
void write_file(fs::path const& path, std::string_view text);

/// `dir/stem.json` or `dir/stem.json.gz`, whichever exists (plain first).
std::optional<fs::path> find_json(fs::path const& dir, std::string_view stem);

/// JSON text in source key order: an object or array that fits in `width`
/// columns at its indentation is written on one line, compactly; others
/// one element per line, indented by `indent` spaces. Numbers keep their
/// kind: integers as integers, doubles as the shortest text that reads back
/// the same value, with ".0" when it would otherwise look like an integer.
/// Non-ASCII text is written as UTF-8. Ends with a newline.
std::string format_json(boost::json::value const& v, std::size_t width = 120, std::size_t indent = 2);

/// The compact form (no whitespace) of the same encoding.
std::string compact_json(boost::json::value const& v);

/// Removes every "documentation" and "documentationUrl" key whose value is a
/// string (a member may be named "documentationUrl": its value is an object).
void strip_documentation(boost::json::value& v);

/// botocore.utils.deep_merge: keys of `extra` override `base`; objects on
/// both sides merge recursively.
void deep_merge(boost::json::object& base, boost::json::object const& extra);

} // namespace stratus_gen

#endif
