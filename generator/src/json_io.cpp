#include "json_io.hpp"

#include <boost/json/parse.hpp>

#include <zlib.h>

#include <charconv>
#include <fstream>
#include <memory>
#include <system_error>

namespace stratus_gen {

namespace json = boost::json;

std::string read_file(fs::path const& path)
{
    // gzopen reads plain files unchanged, so one path serves both kinds.
    std::unique_ptr<gzFile_s, int (*)(gzFile)> f(gzopen(path.c_str(), "rb"), &gzclose);
    if (!f) throw gen_error(path.string() + ": cannot open");
    gzbuffer(f.get(), 1 << 17);
    std::string out;
    char buf[1 << 16];
    for (;;) {
        int n = gzread(f.get(), buf, sizeof buf);
        if (n < 0) {
            int err = 0;
            char const* msg = gzerror(f.get(), &err);
            throw gen_error(path.string() + ": read error: " + (msg ? msg : "?"));
        }
        if (n == 0) break;
        out.append(buf, static_cast<std::size_t>(n));
    }
    return out;
}

json::value read_json(fs::path const& path)
{
    std::string text = read_file(path);
    json::parse_options opts;
    opts.max_depth = 4096; // endpoint rule sets nest deeper than the default 32
    std::error_code ec;
    json::value v = json::parse(text, ec, json::storage_ptr(), opts);
    if (ec) throw gen_error(path.string() + ": invalid JSON: " + ec.message());
    return v;
}

void write_file(fs::path const& path, std::string_view text)
{
    if (path.has_parent_path()) fs::create_directories(path.parent_path());
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(text.data(), static_cast<std::streamsize>(text.size()));
    out.close();
    if (!out) throw gen_error(path.string() + ": cannot write");
}

std::optional<fs::path> find_json(fs::path const& dir, std::string_view stem)
{
    for (char const* ext : {".json", ".json.gz"}) {
        fs::path p = dir / (std::string(stem) + ext);
        std::error_code ec;
        if (fs::is_regular_file(p, ec)) return p;
    }
    return std::nullopt;
}

namespace {

void write_string(std::string& out, std::string_view s)
{
    static constexpr char hex[] = "0123456789abcdef";
    out += '"';
    for (char ch : s) {
        auto c = static_cast<unsigned char>(ch);
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\b': out += "\\b"; break;
        case '\f': out += "\\f"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default:
            if (c < 0x20) {
                out += "\\u00";
                out += hex[c >> 4];
                out += hex[c & 15];
            } else {
                out += ch;
            }
        }
    }
    out += '"';
}

void write_double(std::string& out, double d)
{
    char buf[64];
    auto r = std::to_chars(buf, buf + sizeof buf, d);
    std::string_view s(buf, static_cast<std::size_t>(r.ptr - buf));
    if (s == "inf" || s == "-inf" || s == "nan" || s == "-nan") throw gen_error("JSON cannot hold " + std::string(s));
    out += s;
    if (s.find_first_of(".e") == std::string_view::npos) out += ".0";
}

void write_compact(std::string& out, json::value const& v)
{
    switch (v.kind()) {
    case json::kind::null: out += "null"; break;
    case json::kind::bool_: out += v.get_bool() ? "true" : "false"; break;
    case json::kind::int64: out += std::to_string(v.get_int64()); break;
    case json::kind::uint64: out += std::to_string(v.get_uint64()); break;
    case json::kind::double_: write_double(out, v.get_double()); break;
    case json::kind::string: write_string(out, v.get_string()); break;
    case json::kind::array: {
        out += '[';
        bool first = true;
        for (auto const& e : v.get_array()) {
            if (!first) out += ',';
            first = false;
            write_compact(out, e);
        }
        out += ']';
        break;
    }
    case json::kind::object: {
        out += '{';
        bool first = true;
        for (auto const& kv : v.get_object()) {
            if (!first) out += ',';
            first = false;
            write_string(out, kv.key());
            out += ':';
            write_compact(out, kv.value());
        }
        out += '}';
        break;
    }
    }
}

// Columns a UTF-8 string takes (code points, near enough for line fitting).
std::size_t columns(std::string_view s)
{
    std::size_t n = 0;
    for (char c : s)
        if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
    return n;
}

struct formatter {
    std::size_t width;
    std::size_t indent;
    std::string out;

    // `used` columns of the current line are taken before the value.
    void write(json::value const& v, std::size_t depth, std::size_t used)
    {
        bool container = v.is_object() || v.is_array();
        if (!container || (v.is_object() ? v.get_object().empty() : v.get_array().empty())) {
            write_compact(out, v);
            return;
        }
        std::string flat;
        write_compact(flat, v);
        if (used + columns(flat) + 1 <= width) { // +1: the ',' that may follow
            out += flat;
            return;
        }
        std::string pad((depth + 1) * indent, ' ');
        if (v.is_object()) {
            out += "{\n";
            auto const& o = v.get_object();
            std::size_t i = 0;
            for (auto const& kv : o) {
                out += pad;
                std::size_t mark = out.size();
                write_string(out, kv.key());
                out += ": ";
                std::size_t key_cols = columns(std::string_view(out).substr(mark));
                write(kv.value(), depth + 1, pad.size() + key_cols);
                out += ++i < o.size() ? ",\n" : "\n";
            }
            out.append(depth * indent, ' ');
            out += '}';
        } else {
            out += "[\n";
            auto const& a = v.get_array();
            std::size_t i = 0;
            for (auto const& e : a) {
                out += pad;
                write(e, depth + 1, pad.size());
                out += ++i < a.size() ? ",\n" : "\n";
            }
            out.append(depth * indent, ' ');
            out += ']';
        }
    }
};

} // namespace

std::string format_json(json::value const& v, std::size_t width, std::size_t indent)
{
    formatter f{width, indent, {}};
    f.write(v, 0, 0);
    f.out += '\n';
    return std::move(f.out);
}

std::string compact_json(json::value const& v)
{
    std::string out;
    write_compact(out, v);
    return out;
}

void strip_documentation(json::value& v)
{
    if (auto* o = v.if_object()) {
        // object::erase moves the last element into the gap (Boost 1.81 has
        // no stable_erase), so rebuild the object to keep the key order.
        bool has_doc = false;
        for (auto& kv : *o) {
            if ((kv.key() == "documentation" || kv.key() == "documentationUrl") && kv.value().is_string())
                has_doc = true;
            else
                strip_documentation(kv.value());
        }
        if (!has_doc) return;
        json::object kept(o->storage());
        kept.reserve(o->size());
        for (auto& kv : *o) {
            if ((kv.key() == "documentation" || kv.key() == "documentationUrl") && kv.value().is_string()) continue;
            kept.emplace(kv.key(), std::move(kv.value()));
        }
        *o = std::move(kept);
    } else if (auto* a = v.if_array()) {
        for (auto& e : *a) strip_documentation(e);
    }
}

void deep_merge(json::object& base, json::object const& extra)
{
    for (auto const& kv : extra) {
        auto it = base.find(kv.key());
        if (it != base.end() && it->value().is_object() && kv.value().is_object()) {
            deep_merge(it->value().get_object(), kv.value().get_object());
            continue;
        }
        base[kv.key()] = kv.value();
    }
}

} // namespace stratus_gen
