#ifndef STRATUS_PROTOCOL_DETAIL_IMPL_CBOR_IPP
#define STRATUS_PROTOCOL_DETAIL_IMPL_CBOR_IPP

#include <stratus/protocol/detail/cbor.hpp>

#include <stratus/protocol/encoding.hpp>

#include <boost/json/value.hpp>

#include <algorithm>
#include <bit>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <limits>
#include <utility>
#include <vector>

namespace stratus::protocol::detail {

STRATUS_DECL bool cbor_valid_utf8(std::string_view s) noexcept
{
    auto const* p = reinterpret_cast<unsigned char const*>(s.data());
    std::size_t const n = s.size();
    for (std::size_t i = 0; i < n;) {
        unsigned char const c = p[i];
        if (c < 0x80) {
            ++i;
            continue;
        }
        // The allowed ranges of the first two bytes (Unicode Table 3-7) rule
        // out overlong forms, surrogates and code points above U+10FFFF.
        std::size_t len = 0;
        unsigned char lo = 0x80, hi = 0xbf;
        if (c >= 0xc2 && c <= 0xdf)
            len = 2;
        else if (c == 0xe0)
            len = 3, lo = 0xa0;
        else if (c >= 0xe1 && c <= 0xec)
            len = 3;
        else if (c == 0xed)
            len = 3, hi = 0x9f;
        else if (c >= 0xee && c <= 0xef)
            len = 3;
        else if (c == 0xf0)
            len = 4, lo = 0x90;
        else if (c >= 0xf1 && c <= 0xf3)
            len = 4;
        else if (c == 0xf4)
            len = 4, hi = 0x8f;
        else
            return false;
        if (n - i < len) return false;
        if (p[i + 1] < lo || p[i + 1] > hi) return false;
        for (std::size_t k = 2; k < len; ++k)
            if (p[i + k] < 0x80 || p[i + k] > 0xbf) return false;
        i += len;
    }
    return true;
}

namespace cbor_impl {

inline void put_be(std::string& out, std::uint64_t v, int bytes)
{
    for (int i = bytes - 1; i >= 0; --i)
        out += static_cast<char>((v >> (8 * i)) & 0xff);
}

inline std::string head_bytes(cbor_major major, std::uint64_t arg)
{
    std::string h;
    auto const m = static_cast<unsigned>(major) << 5;
    if (arg < 24) {
        h += static_cast<char>(m | static_cast<unsigned>(arg));
    } else if (arg <= 0xff) {
        h += static_cast<char>(m | 24);
        put_be(h, arg, 1);
    } else if (arg <= 0xffff) {
        h += static_cast<char>(m | 25);
        put_be(h, arg, 2);
    } else if (arg <= 0xffffffffu) {
        h += static_cast<char>(m | 26);
        put_be(h, arg, 4);
    } else {
        h += static_cast<char>(m | 27);
        put_be(h, arg, 8);
    }
    return h;
}

// The half-precision bits of `f` when half precision holds it exactly.
inline std::optional<std::uint16_t> to_half(float f)
{
    auto const bits = std::bit_cast<std::uint32_t>(f);
    auto const sign = static_cast<std::uint16_t>((bits >> 16) & 0x8000);
    int const exp = static_cast<int>((bits >> 23) & 0xff);
    std::uint32_t const mant = bits & 0x7fffff;
    if (exp == 0xff) return mant == 0 ? std::optional<std::uint16_t>(sign | 0x7c00) : std::nullopt;
    if (exp == 0)
        return mant == 0 ? std::optional<std::uint16_t>(sign)
                         : std::nullopt; // float subnormals are below half's range
    int const e = exp - 127;
    if (e >= -14 && e <= 15) {
        if (mant & 0x1fff) return std::nullopt; // more than half's 10 mantissa bits
        return static_cast<std::uint16_t>(sign | ((e + 15) << 10) | (mant >> 13));
    }
    if (e >= -24 && e < -14) {
        // A half subnormal: m * 2^-24 with m < 1024.
        std::uint32_t const full = 0x800000 | mant;
        int const shift = -(e + 1);
        if (full & ((1u << shift) - 1)) return std::nullopt;
        return static_cast<std::uint16_t>(sign | (full >> shift));
    }
    return std::nullopt;
}

inline double half_to_double(std::uint16_t h) noexcept
{
    int const exp = (h >> 10) & 0x1f;
    int const mant = h & 0x3ff;
    double v;
    if (exp == 0)
        v = std::ldexp(mant, -24);
    else if (exp != 31)
        v = std::ldexp(mant + 1024, exp - 25);
    else
        v = mant == 0 ? std::numeric_limits<double>::infinity() : std::numeric_limits<double>::quiet_NaN();
    return (h & 0x8000) ? -v : v;
}

inline char const* major_name(cbor_major m) noexcept
{
    switch (m) {
    case cbor_major::unsigned_int:
        return "an unsigned integer";
    case cbor_major::negative_int:
        return "a negative integer";
    case cbor_major::bytes:
        return "a byte string";
    case cbor_major::text:
        return "a text string";
    case cbor_major::array:
        return "an array";
    case cbor_major::map:
        return "a map";
    case cbor_major::tag:
        return "a tag";
    case cbor_major::simple:
        return "a simple value";
    }
    return "an item";
}

} // namespace cbor_impl

// ---------------------------------------------------------------------------
// cbor_encoder

STRATUS_DECL void cbor_encoder::head(cbor_major major, std::uint64_t argument)
{
    out += cbor_impl::head_bytes(major, argument);
}

STRATUS_DECL void cbor_encoder::integer(std::int64_t v)
{
    // -1 - v for negatives, computed without overflow at INT64_MIN.
    if (v >= 0)
        head(cbor_major::unsigned_int, static_cast<std::uint64_t>(v));
    else
        head(cbor_major::negative_int, ~static_cast<std::uint64_t>(v));
}

STRATUS_DECL void cbor_encoder::bytes(std::string_view v)
{
    head(cbor_major::bytes, v.size());
    out += v;
}

STRATUS_DECL void cbor_encoder::text(std::string_view v)
{
    head(cbor_major::text, v.size());
    out += v;
}

STRATUS_DECL void cbor_encoder::simple(std::uint8_t value)
{
    head(cbor_major::simple, value);
}

STRATUS_DECL void cbor_encoder::floating(double v)
{
    if (std::isnan(v)) {
        out.append("\xf9\x7e\x00", 3); // the half-precision quiet NaN
        return;
    }
    // A double outside float's range must not be converted to float (undefined behaviour).
    bool const fits_float = std::isinf(v) || (std::fabs(v) <= std::numeric_limits<float>::max() &&
                                              static_cast<double>(static_cast<float>(v)) == v);
    if (!fits_float) {
        out += '\xfb';
        cbor_impl::put_be(out, std::bit_cast<std::uint64_t>(v), 8);
        return;
    }
    auto const f = static_cast<float>(v);
    if (auto h = cbor_impl::to_half(f)) {
        out += '\xf9';
        cbor_impl::put_be(out, *h, 2);
        return;
    }
    out += '\xfa';
    cbor_impl::put_be(out, std::bit_cast<std::uint32_t>(f), 4);
}

STRATUS_DECL void cbor_encoder::insert_head(std::size_t offset, cbor_major major, std::uint64_t size)
{
    out.insert(offset, cbor_impl::head_bytes(major, size));
}

// ---------------------------------------------------------------------------
// Decoding

STRATUS_DECL std::string cbor_error::message() const
{
    return what + " at byte " + std::to_string(offset);
}

STRATUS_DECL double cbor_head::float_value() const noexcept
{
    switch (info) {
    case 25:
        return cbor_impl::half_to_double(static_cast<std::uint16_t>(argument));
    case 26:
        return static_cast<double>(std::bit_cast<float>(static_cast<std::uint32_t>(argument)));
    case 27:
        return std::bit_cast<double>(argument);
    default:
        return std::numeric_limits<double>::quiet_NaN();
    }
}

STRATUS_DECL std::string cbor_describe(cbor_head const& h)
{
    if (h.major == cbor_major::tag) return "tag " + std::to_string(h.argument);
    if (h.major == cbor_major::simple) {
        if (h.is_float()) return "a floating-point number";
        if (h.is_break()) return "a break code";
        switch (h.argument) {
        case cbor_false:
        case cbor_true:
            return "a boolean";
        case cbor_null:
            return "null";
        case cbor_undefined:
            return "undefined";
        default:
            return "simple value " + std::to_string(h.argument);
        }
    }
    return cbor_impl::major_name(h.major);
}

STRATUS_DECL cbor_decoder::cbor_decoder(std::string_view data, unsigned max_depth) noexcept
    : data_(data), max_depth_(max_depth)
{
}

STRATUS_DECL bool cbor_decoder::fail(std::size_t offset, std::string what)
{
    if (!failed_) {
        failed_ = true;
        error_ = {offset, std::move(what)};
    }
    return false;
}

STRATUS_DECL bool cbor_decoder::need(std::size_t n, char const* what)
{
    if (data_.size() - pos_ >= n) return true;
    return fail(pos_, std::string("truncated: ") + what + " needs " + std::to_string(n) + " bytes, " +
                          std::to_string(data_.size() - pos_) + " left");
}

STRATUS_DECL bool cbor_decoder::read_head(cbor_head& h)
{
    if (failed_) return false;
    h = cbor_head{};
    h.offset = pos_;
    if (pos_ >= data_.size()) return fail(pos_, "truncated: an item was expected, the input ended");
    auto const b = static_cast<unsigned char>(data_[pos_++]);
    h.major = static_cast<cbor_major>(b >> 5);
    h.info = b & 0x1f;
    if (h.info < 24) {
        h.argument = h.info;
    } else if (h.info <= 27) {
        std::size_t const n = std::size_t{1} << (h.info - 24);
        if (!need(n, "the head's argument")) return false;
        std::uint64_t v = 0;
        for (std::size_t i = 0; i < n; ++i)
            v = (v << 8) | static_cast<unsigned char>(data_[pos_ + i]);
        pos_ += n;
        h.argument = v;
        // RFC 8949 §3.3: simple values below 32 only ever take the one-byte form.
        if (h.major == cbor_major::simple && h.info == 24 && v < 32)
            return fail(h.offset, "simple value " + std::to_string(v) +
                                      " in a two-byte head (must be in the initial byte)");
    } else if (h.info <= 30) {
        return fail(h.offset, "reserved additional information " + std::to_string(h.info));
    } else {
        switch (h.major) {
        case cbor_major::unsigned_int:
        case cbor_major::negative_int:
        case cbor_major::tag:
            return fail(h.offset, std::string("indefinite length on ") + cbor_impl::major_name(h.major));
        case cbor_major::simple:
            break; // the break code
        default:
            h.indefinite = true;
        }
    }
    return true;
}

STRATUS_DECL bool cbor_decoder::take_break()
{
    if (failed_ || pos_ >= data_.size() || static_cast<unsigned char>(data_[pos_]) != 0xff) return false;
    ++pos_;
    return true;
}

STRATUS_DECL bool cbor_decoder::check_count(cbor_head const& h, std::uint64_t per_item)
{
    std::uint64_t const left = data_.size() - pos_;
    if (h.indefinite || h.argument <= left / per_item) return true;
    return fail(h.offset, std::string(cbor_impl::major_name(h.major)) + " of " + std::to_string(h.argument) +
                              (per_item == 2 ? " entries" : " items") + " cannot fit in the " +
                              std::to_string(left) + " bytes left");
}

STRATUS_DECL bool cbor_decoder::read_string(cbor_head const& h, std::string& out)
{
    if (failed_) return false;
    if (h.major != cbor_major::bytes && h.major != cbor_major::text)
        return fail(h.offset, std::string("expected a string, found ") + cbor_describe(h));
    bool const text = h.major == cbor_major::text;
    auto chunk = [&](cbor_head const& c, bool append) {
        std::uint64_t const left = data_.size() - pos_;
        if (c.argument > left)
            return fail(c.offset, std::string(text ? "text" : "byte") + " string of " +
                                      std::to_string(c.argument) + " bytes exceeds the " +
                                      std::to_string(left) + " bytes left");
        auto const s = data_.substr(pos_, static_cast<std::size_t>(c.argument));
        // Each chunk must be UTF-8 on its own (RFC 8949 §3.2.3): no character is split.
        if (text && !cbor_valid_utf8(s)) return fail(c.offset, "text string is not valid UTF-8");
        if (append)
            out += s;
        else
            out.assign(s);
        pos_ += s.size();
        return true;
    };
    if (!h.indefinite) return chunk(h, false);
    out.clear();
    while (!take_break()) {
        cbor_head c;
        if (!read_head(c)) return false;
        if (c.major != h.major || c.indefinite)
            return fail(c.offset, std::string("a chunk of an indefinite-length ") + (text ? "text" : "byte") +
                                      " string must be a definite-length " + (text ? "text" : "byte") +
                                      " string, found " + cbor_describe(c));
        if (!chunk(c, true)) return false;
    }
    return true;
}

STRATUS_DECL bool cbor_decoder::skip()
{
    cbor_head h;
    if (!read_head(h)) return false;
    return skip_rest(h, 0);
}

STRATUS_DECL bool cbor_decoder::skip_rest(cbor_head const& h, unsigned depth)
{
    if (failed_) return false;
    switch (h.major) {
    case cbor_major::unsigned_int:
    case cbor_major::negative_int:
        return true;
    case cbor_major::bytes:
    case cbor_major::text: {
        // Checked like read_string, without keeping the bytes.
        std::string scratch;
        if (!h.indefinite && h.major == cbor_major::bytes) {
            if (h.argument > data_.size() - pos_)
                return fail(h.offset, "byte string of " + std::to_string(h.argument) + " bytes exceeds the " +
                                          std::to_string(data_.size() - pos_) + " bytes left");
            pos_ += static_cast<std::size_t>(h.argument);
            return true;
        }
        return read_string(h, scratch);
    }
    case cbor_major::array:
    case cbor_major::map:
    case cbor_major::tag: {
        if (depth >= max_depth_)
            return fail(h.offset, "nested more than " + std::to_string(max_depth_) + " levels deep");
        if (h.major == cbor_major::tag) {
            cbor_head c;
            if (!read_head(c)) return false;
            if (c.is_break())
                return fail(c.offset, "break code where the content of tag " + std::to_string(h.argument) +
                                          " was expected");
            return skip_rest(c, depth + 1);
        }
        std::uint64_t const per = h.major == cbor_major::map ? 2 : 1;
        if (!check_count(h, per)) return false;
        for (std::uint64_t i = 0; h.indefinite || i < h.argument * per; ++i) {
            cbor_head c;
            if (!read_head(c)) return false;
            if (c.is_break()) {
                if (!h.indefinite)
                    return fail(c.offset, std::string("break code inside a definite-length ") +
                                              (per == 2 ? "map" : "array"));
                if (per == 2 && i % 2 == 1)
                    return fail(c.offset, "break code where a map value was expected");
                return true;
            }
            if (!skip_rest(c, depth + 1)) return false;
        }
        return true;
    }
    case cbor_major::simple:
        if (h.is_break()) return fail(h.offset, "break code outside an indefinite-length item");
        return true;
    }
    return true;
}

STRATUS_DECL std::optional<cbor_error> cbor_validate(std::string_view data, unsigned max_depth)
{
    cbor_decoder dec(data, max_depth);
    if (!dec.skip()) return dec.error();
    if (!dec.at_end())
        return cbor_error{dec.position(),
                          std::to_string(data.size() - dec.position()) + " bytes after the end of the item"};
    return std::nullopt;
}

namespace cbor_impl {

inline std::string format_float(double v)
{
    if (std::isnan(v)) return "NaN";
    if (std::isinf(v)) return v > 0 ? "Infinity" : "-Infinity";
    char buf[64];
    double const a = std::fabs(v);
    // Fixed notation where JavaScript would use it, exponent notation otherwise.
    bool const fixed = a == 0 || (a >= 1e-7 && a < 1e21);
    auto const r = std::to_chars(buf, buf + sizeof buf, v,
                                 fixed ? std::chars_format::fixed : std::chars_format::scientific);
    std::string s(buf, r.ptr);
    if (fixed) {
        if (s.find('.') == std::string::npos) s += ".0";
        return s;
    }
    // "1e+300" -> "1.0e+300", "5.9e-08" -> "5.9e-8", as RFC 8949 writes them.
    auto const e = s.find('e');
    std::string mant = s.substr(0, e);
    if (mant.find('.') == std::string::npos) mant += ".0";
    std::string exp = s.substr(e + 2);
    while (exp.size() > 1 && exp.front() == '0')
        exp.erase(0, 1);
    return mant + "e" + s[e + 1] + exp;
}

inline void quote_text(std::string& out, std::string_view s)
{
    out += '"';
    for (char c : s) {
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (static_cast<unsigned char>(c) < 0x20) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(c));
            out += buf;
        } else {
            out += c;
        }
    }
    out += '"';
}

inline void hex_bytes(std::string& out, std::string_view s)
{
    static constexpr char digits[] = "0123456789abcdef";
    out += "h'";
    for (char c : s) {
        out += digits[(static_cast<unsigned char>(c) >> 4) & 0xf];
        out += digits[static_cast<unsigned char>(c) & 0xf];
    }
    out += '\'';
}

inline std::string negative_text(std::uint64_t arg)
{
    // -1 - arg; arg + 1 overflows only at 2^64 - 1.
    if (arg == std::numeric_limits<std::uint64_t>::max()) return "-18446744073709551616";
    return "-" + std::to_string(arg + 1);
}

inline bool diagnose(cbor_decoder& dec, std::string& out, bool canonical, unsigned depth)
{
    cbor_head h;
    if (!dec.read_head(h)) return false;
    if (h.is_break()) return dec.fail(h.offset, "break code outside an indefinite-length item");
    switch (h.major) {
    case cbor_major::unsigned_int:
        out += std::to_string(h.argument);
        return true;
    case cbor_major::negative_int:
        out += negative_text(h.argument);
        return true;
    case cbor_major::bytes:
    case cbor_major::text: {
        auto write = [&](std::string_view s) {
            if (h.major == cbor_major::text)
                quote_text(out, s);
            else
                hex_bytes(out, s);
        };
        if (!h.indefinite || canonical) {
            std::string s;
            if (!dec.read_string(h, s)) return false;
            write(s);
            return true;
        }
        out += "(_ ";
        bool first = true;
        while (!dec.take_break()) {
            cbor_head c;
            if (!dec.read_head(c)) return false;
            if (c.major != h.major || c.indefinite)
                return dec.fail(c.offset, "bad chunk in an indefinite-length string");
            std::string s;
            if (!dec.read_string(c, s)) return false;
            if (!first) out += ", ";
            first = false;
            write(s);
        }
        out += ')';
        return true;
    }
    case cbor_major::array:
    case cbor_major::map: {
        if (depth >= dec.max_depth()) return dec.fail(h.offset, "nested too deep");
        bool const map = h.major == cbor_major::map;
        std::vector<std::string> items; // map: key, value, key, value...
        for (std::uint64_t i = 0; h.indefinite || i < h.argument * (map ? 2 : 1); ++i) {
            if (h.indefinite && (!map || i % 2 == 0) && dec.take_break()) break;
            std::string item;
            if (!diagnose(dec, item, canonical, depth + 1)) return false;
            items.push_back(std::move(item));
        }
        std::vector<std::string> entries;
        for (std::size_t i = 0; i < items.size(); i += map ? 2 : 1)
            entries.push_back(map ? items[i] + ": " + items[i + 1] : items[i]);
        if (map && canonical) std::stable_sort(entries.begin(), entries.end());
        out += map ? '{' : '[';
        if (h.indefinite && !canonical) out += "_ ";
        for (std::size_t i = 0; i < entries.size(); ++i) {
            if (i) out += ", ";
            out += entries[i];
        }
        out += map ? '}' : ']';
        return true;
    }
    case cbor_major::tag:
        if (depth >= dec.max_depth()) return dec.fail(h.offset, "nested too deep");
        out += std::to_string(h.argument) + "(";
        if (!diagnose(dec, out, canonical, depth + 1)) return false;
        out += ')';
        return true;
    case cbor_major::simple:
        if (h.is_float()) {
            out += format_float(h.float_value());
            return true;
        }
        switch (h.argument) {
        case cbor_false:
            out += "false";
            return true;
        case cbor_true:
            out += "true";
            return true;
        case cbor_null:
            out += "null";
            return true;
        case cbor_undefined:
            out += "undefined";
            return true;
        default:
            out += "simple(" + std::to_string(h.argument) + ")";
            return true;
        }
    }
    return true;
}

inline bool reencode(cbor_decoder& dec, cbor_encoder& enc, unsigned depth)
{
    cbor_head h;
    if (!dec.read_head(h)) return false;
    if (h.is_break()) return dec.fail(h.offset, "break code outside an indefinite-length item");
    switch (h.major) {
    case cbor_major::unsigned_int:
    case cbor_major::negative_int:
        enc.head(h.major, h.argument);
        return true;
    case cbor_major::bytes:
    case cbor_major::text: {
        std::string s;
        if (!dec.read_string(h, s)) return false;
        enc.head(h.major, s.size());
        enc.out += s;
        return true;
    }
    case cbor_major::array:
    case cbor_major::map: {
        if (depth >= dec.max_depth()) return dec.fail(h.offset, "nested too deep");
        bool const map = h.major == cbor_major::map;
        std::size_t const at = enc.out.size();
        std::uint64_t n = 0;
        for (std::uint64_t i = 0; h.indefinite || i < h.argument * (map ? 2 : 1); ++i) {
            if (h.indefinite && (!map || i % 2 == 0) && dec.take_break()) break;
            if (!reencode(dec, enc, depth + 1)) return false;
            if (!map || i % 2 == 1) ++n;
        }
        enc.insert_head(at, h.major, n);
        return true;
    }
    case cbor_major::tag:
        if (depth >= dec.max_depth()) return dec.fail(h.offset, "nested too deep");
        enc.tag(h.argument);
        return reencode(dec, enc, depth + 1);
    case cbor_major::simple:
        if (h.is_float())
            enc.floating(h.float_value());
        else
            enc.simple(static_cast<std::uint8_t>(h.argument));
        return true;
    }
    return true;
}

inline bool read_json(cbor_decoder& dec, document& out, std::string& error, unsigned depth)
{
    cbor_head h;
    if (!dec.read_head(h)) return false;
    auto no_json = [&](std::string const& what) {
        error = what + " has no JSON form (at byte " + std::to_string(h.offset) + ")";
        return false;
    };
    switch (h.major) {
    case cbor_major::unsigned_int:
        if (h.argument <= static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))
            out = static_cast<std::int64_t>(h.argument);
        else
            out = h.argument;
        return true;
    case cbor_major::negative_int:
        if (h.argument > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))
            return no_json("a negative integer below -2^63");
        out = -1 - static_cast<std::int64_t>(h.argument);
        return true;
    case cbor_major::bytes:
        return no_json("a byte string");
    case cbor_major::text: {
        std::string s;
        if (!dec.read_string(h, s)) return false;
        out = boost::json::string(s);
        return true;
    }
    case cbor_major::array:
    case cbor_major::map:
    case cbor_major::tag: {
        if (depth >= dec.max_depth())
            return dec.fail(h.offset, "nested more than " + std::to_string(dec.max_depth()) + " levels deep");
        if (h.major == cbor_major::tag) return read_json(dec, out, error, depth + 1);
        if (h.major == cbor_major::array) {
            auto& a = out.emplace_array();
            for (std::uint64_t i = 0; h.indefinite || i < h.argument; ++i) {
                if (h.indefinite && dec.take_break()) break;
                document item;
                if (!read_json(dec, item, error, depth + 1)) return false;
                a.push_back(std::move(item));
            }
            return true;
        }
        auto& o = out.emplace_object();
        for (std::uint64_t i = 0; h.indefinite || i < h.argument; ++i) {
            if (h.indefinite && dec.take_break()) break;
            cbor_head k;
            if (!dec.read_head(k)) return false;
            if (k.major != cbor_major::text) {
                error = "a document's map key must be a text string, found " + cbor_describe(k) +
                        " (at byte " + std::to_string(k.offset) + ")";
                return false;
            }
            std::string key;
            if (!dec.read_string(k, key)) return false;
            document value;
            if (!read_json(dec, value, error, depth + 1)) return false;
            o.insert_or_assign(key, std::move(value));
        }
        return true;
    }
    case cbor_major::simple:
        if (h.is_float()) {
            out = h.float_value();
            return true;
        }
        if (h.is_break()) return dec.fail(h.offset, "break code outside an indefinite-length item");
        switch (h.argument) {
        case cbor_false:
            out = false;
            return true;
        case cbor_true:
            out = true;
            return true;
        case cbor_null:
        case cbor_undefined:
            out = nullptr;
            return true;
        default:
            return no_json("simple value " + std::to_string(h.argument));
        }
    }
    return true;
}

} // namespace cbor_impl

STRATUS_DECL std::optional<std::string> cbor_diagnostic(std::string_view data, bool canonical)
{
    if (cbor_validate(data)) return std::nullopt;
    cbor_decoder dec(data);
    std::string out;
    if (!cbor_impl::diagnose(dec, out, canonical, 0)) return std::nullopt;
    return out;
}

STRATUS_DECL std::optional<std::string> cbor_reencode(std::string_view data)
{
    if (cbor_validate(data)) return std::nullopt;
    cbor_decoder dec(data);
    cbor_encoder enc;
    if (!cbor_impl::reencode(dec, enc, 0)) return std::nullopt;
    return std::move(enc.out);
}

STRATUS_DECL bool cbor_encode_json(cbor_encoder& enc, document const& v, std::string& error)
{
    switch (v.kind()) {
    case boost::json::kind::null:
        enc.null();
        return true;
    case boost::json::kind::bool_:
        enc.boolean(v.get_bool());
        return true;
    case boost::json::kind::int64:
        enc.integer(v.get_int64());
        return true;
    case boost::json::kind::uint64:
        enc.head(cbor_major::unsigned_int, v.get_uint64());
        return true;
    case boost::json::kind::double_:
        enc.floating(v.get_double());
        return true;
    case boost::json::kind::string: {
        std::string_view const s = v.get_string();
        if (!cbor_valid_utf8(s)) {
            error = "a document string is not valid UTF-8";
            return false;
        }
        enc.text(s);
        return true;
    }
    case boost::json::kind::array:
        enc.array(v.get_array().size());
        for (auto const& item : v.get_array())
            if (!cbor_encode_json(enc, item, error)) return false;
        return true;
    case boost::json::kind::object:
        enc.map(v.get_object().size());
        for (auto const& kv : v.get_object()) {
            if (!cbor_valid_utf8(kv.key())) {
                error = "a document key is not valid UTF-8";
                return false;
            }
            enc.text(kv.key());
            if (!cbor_encode_json(enc, kv.value(), error)) return false;
        }
        return true;
    }
    return true;
}

STRATUS_DECL bool cbor_read_json(cbor_decoder& dec, document& out, std::string& error)
{
    if (!cbor_impl::read_json(dec, out, error, 0)) {
        if (error.empty()) error = dec.error().message();
        return false;
    }
    return true;
}

// ---------------------------------------------------------------------------
// cbor_shape_writer

STRATUS_DECL cbor_shape_writer::cbor_shape_writer()
{
    frames_.push_back({cbor_major::map, 0, 0, true});
}

STRATUS_DECL void cbor_shape_writer::finish()
{
    while (!frames_.empty())
        close();
}

// Before each value: a structure writes the member's name, and every
// container counts the value.
STRATUS_DECL void cbor_shape_writer::key(member_info const& m)
{
    auto& f = frames_.back();
    ++f.count;
    if (f.structure) enc.text(m.wire);
}

STRATUS_DECL void cbor_shape_writer::open(cbor_major major, bool structure, member_info const& m)
{
    frames_.push_back({major, enc.out.size(), 0, structure, std::string(m.name)});
}

STRATUS_DECL void cbor_shape_writer::close()
{
    auto const f = std::move(frames_.back());
    frames_.pop_back();
    enc.insert_head(f.offset, f.major, f.count);
}

STRATUS_DECL void cbor_shape_writer::fail(member_info const& m, std::string_view why)
{
    if (!error.empty()) return;
    std::string path;
    for (std::size_t i = 1; i < frames_.size(); ++i) {
        auto const& f = frames_[i];
        if (!f.name.empty()) path += (path.empty() ? "" : ".") + f.name;
        if (f.major == cbor_major::array)
            path += "[" + std::to_string(f.count - 1) + "]";
        else if (!f.structure)
            path += "[" + f.key + "]";
    }
    if (!m.name.empty()) path += (path.empty() ? "" : ".") + std::string(m.name);
    error = path + ": " + std::string(why);
}

STRATUS_DECL void cbor_shape_writer::string(member_info const& m, std::string_view v)
{
    if (frames_.size() == 1 && m.is(member_flags::host_label))
        host_labels.emplace_back(std::string(m.name), std::string(v));
    key(m);
    if (!cbor_valid_utf8(v)) fail(m, "not valid UTF-8");
    enc.text(v);
}

STRATUS_DECL void cbor_shape_writer::boolean(member_info const& m, bool v)
{
    key(m);
    enc.boolean(v);
}

STRATUS_DECL void cbor_shape_writer::integer(member_info const& m, std::int64_t v)
{
    key(m);
    enc.integer(v);
}

STRATUS_DECL void cbor_shape_writer::floating(member_info const& m, double v)
{
    key(m);
    enc.floating(v);
}

STRATUS_DECL void cbor_shape_writer::time(member_info const& m, timestamp v)
{
    // Epoch seconds under tag 1 as a float, as Smithy's protocol tests write
    // them (botocore writes whole seconds as an integer); whole seconds take
    // the short float forms.
    key(m);
    enc.tag(1);
    auto const ms = v.time_since_epoch().count();
    enc.floating(ms % 1000 == 0 ? static_cast<double>(ms / 1000) : static_cast<double>(ms) / 1000.0);
}

STRATUS_DECL void cbor_shape_writer::bytes(member_info const& m, std::string_view v)
{
    key(m);
    enc.bytes(v);
}

STRATUS_DECL void cbor_shape_writer::stream(member_info const& m, streaming_body const& v)
{
    key(m);
    if (v.stream) fail(m, "a streaming body cannot travel in a CBOR document");
    enc.bytes(v.data);
}

STRATUS_DECL void cbor_shape_writer::json(member_info const& m, document const& v)
{
    key(m);
    std::string why;
    if (!cbor_encode_json(enc, v, why)) {
        fail(m, why);
        enc.null();
    }
}

STRATUS_DECL void cbor_shape_writer::absent(member_info const& m)
{
    if (frames_.back().structure) {
        // botocore fills unset idempotency tokens of the input with a fresh UUID.
        if (frames_.size() == 1 && m.is(member_flags::idempotency_token)) string(m, make_uuid4());
        return;
    }
    key(m);
    enc.null(); // an unset list item or map value keeps its place
}

STRATUS_DECL bool cbor_shape_writer::begin_structure(member_info const& m, shape_info const&)
{
    key(m);
    open(cbor_major::map, true, m);
    return true;
}

STRATUS_DECL void cbor_shape_writer::end_structure()
{
    close();
}

STRATUS_DECL bool cbor_shape_writer::begin_list(member_info const& m, std::size_t)
{
    key(m);
    open(cbor_major::array, false, m);
    return true;
}

STRATUS_DECL void cbor_shape_writer::end_list()
{
    close();
}

STRATUS_DECL bool cbor_shape_writer::begin_map(member_info const& m, std::size_t)
{
    key(m);
    open(cbor_major::map, false, m);
    return true;
}

STRATUS_DECL void cbor_shape_writer::map_key(std::string_view k)
{
    frames_.back().key = std::string(k);
    if (!cbor_valid_utf8(k)) fail(item_info, "map key is not valid UTF-8");
    enc.text(k);
}

STRATUS_DECL void cbor_shape_writer::end_map()
{
    close();
}

// ---------------------------------------------------------------------------
// cbor_shape_reader

STRATUS_DECL cbor_shape_reader::cbor_shape_reader(std::string_view body, unsigned max_depth)
    : dec_(body, max_depth)
{
}

STRATUS_DECL bool cbor_shape_reader::open()
{
    frames_.push_back({});
    if (dec_.data().empty()) return true;
    if (auto bad = cbor_validate(dec_.data(), dec_.max_depth()))
        return fail_body("malformed CBOR: " + bad->message());
    cbor_head h;
    if (!dec_.read_head(h)) return fail_body(dec_.error().message());
    if (h.is_null()) return true;
    if (h.major != cbor_major::map) return fail_body("expected a CBOR map, found " + cbor_describe(h));
    return scan_map(h, frames_.back().entries) || fail_body(dec_.error().message());
}

STRATUS_DECL void cbor_shape_reader::fail(member_info const& m, std::string_view why)
{
    if (!error_.empty()) return;
    std::string path;
    for (std::size_t i = 1; i < frames_.size(); ++i) {
        auto const& f = frames_[i];
        if (!f.name.empty()) path += (path.empty() ? "" : ".") + f.name;
        if (f.kind == frame::list)
            path += "[" + std::to_string(f.index) + "]";
        else if (f.kind == frame::map)
            path += "[" + f.key + "]";
    }
    if (!m.name.empty()) path += (path.empty() ? "" : ".") + std::string(m.name);
    error_ = (path.empty() ? std::string("body") : path) + ": " + std::string(why);
}

STRATUS_DECL bool cbor_shape_reader::fail_body(std::string why)
{
    if (error_.empty()) error_ = "body: " + why;
    return false;
}

STRATUS_DECL bool cbor_shape_reader::malformed(member_info const& m)
{
    fail(m, "malformed CBOR: " + dec_.error().message());
    return false;
}

STRATUS_DECL bool cbor_shape_reader::mismatch(member_info const& m, std::string_view expected,
                                              cbor_head const& h)
{
    fail(m, "expected " + std::string(expected) + ", found " + cbor_describe(h));
    return false;
}

STRATUS_DECL bool cbor_shape_reader::read_string(member_info const& m, cbor_head const& h, std::string& out)
{
    return dec_.read_string(h, out) || malformed(m);
}

STRATUS_DECL bool cbor_shape_reader::number(member_info const& m, cbor_head const& h, double& out)
{
    if (h.is_float())
        out = h.float_value();
    else if (h.major == cbor_major::unsigned_int)
        out = static_cast<double>(h.argument);
    else if (h.major == cbor_major::negative_int)
        out = -1.0 - static_cast<double>(h.argument);
    else
        return mismatch(m, "a number", h);
    return true;
}

// The members of the map whose head was just read, by key; keys that are not
// text cannot name a member and are passed over. The last of duplicate keys
// wins, as in botocore's dict.
STRATUS_DECL bool cbor_shape_reader::scan_map(cbor_head const& h, std::vector<entry>& out)
{
    for (std::uint64_t i = 0; h.indefinite || i < h.argument; ++i) {
        if (h.indefinite && dec_.take_break()) break;
        cbor_head k;
        if (!dec_.read_head(k)) return false;
        entry e{};
        bool const text = k.major == cbor_major::text;
        if (!(text ? dec_.read_string(k, e.key) : dec_.skip_rest(k))) return false;
        e.value = dec_.position();
        if (!dec_.skip()) return false;
        if (text) out.push_back(std::move(e));
    }
    std::stable_sort(out.begin(), out.end(), [](entry const& a, entry const& b) { return a.key < b.key; });
    return true;
}

// The non-null value for member `m` in the current container, its head read.
STRATUS_DECL bool cbor_shape_reader::locate(member_info const& m, cbor_head& h)
{
    if (frames_.empty() || failed()) return false;
    auto const& f = frames_.back();
    std::size_t at = 0;
    if (f.kind == frame::structure) {
        auto it = std::upper_bound(f.entries.begin(), f.entries.end(), m.wire,
                                   [](std::string_view k, entry const& e) { return k < e.key; });
        if (it == f.entries.begin() || (it - 1)->key != m.wire) return false;
        at = (it - 1)->value;
    } else {
        if (!f.has_current) return false;
        at = f.current;
    }
    dec_.seek(at);
    if (!dec_.read_head(h)) return malformed(m);
    return !h.is_null();
}

STRATUS_DECL bool cbor_shape_reader::string(member_info const& m, std::string& out)
{
    cbor_head h;
    if (!locate(m, h)) return false;
    if (h.major != cbor_major::text) return mismatch(m, "a text string", h);
    return read_string(m, h, out);
}

STRATUS_DECL bool cbor_shape_reader::boolean(member_info const& m, bool& out)
{
    cbor_head h;
    if (!locate(m, h)) return false;
    if (h.major != cbor_major::simple || h.is_float() ||
        (h.argument != cbor_true && h.argument != cbor_false))
        return mismatch(m, "a boolean", h);
    out = h.argument == cbor_true;
    return true;
}

STRATUS_DECL bool cbor_shape_reader::integer(member_info const& m, std::int64_t& out)
{
    cbor_head h;
    if (!locate(m, h)) return false;
    if (h.major != cbor_major::unsigned_int && h.major != cbor_major::negative_int)
        return mismatch(m, "an integer", h);
    if (h.argument > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
        fail(m, "integer out of the 64-bit range");
        return false;
    }
    auto const v = static_cast<std::int64_t>(h.argument);
    out = h.major == cbor_major::unsigned_int ? v : -1 - v;
    return true;
}

STRATUS_DECL bool cbor_shape_reader::floating(member_info const& m, double& out)
{
    cbor_head h;
    if (!locate(m, h)) return false;
    return number(m, h, out);
}

STRATUS_DECL bool cbor_shape_reader::time(member_info const& m, timestamp& out)
{
    cbor_head h;
    if (!locate(m, h)) return false;
    if (h.major == cbor_major::tag) {
        if (h.argument != 1) return mismatch(m, "a timestamp (tag 1)", h);
        if (!dec_.read_head(h)) return malformed(m);
    }
    // An untagged number is read as epoch seconds too: it can mean nothing else.
    double secs = 0;
    if (!number(m, h, secs)) return false;
    // The range parse_unix accepts (beyond year 30000 is no timestamp).
    if (!std::isfinite(secs) || std::fabs(secs) > 9.0e12) {
        fail(m, "timestamp out of range");
        return false;
    }
    out = timestamp{std::chrono::milliseconds{static_cast<std::int64_t>(std::llround(secs * 1000.0))}};
    return true;
}

STRATUS_DECL bool cbor_shape_reader::bytes(member_info const& m, std::string& out)
{
    cbor_head h;
    if (!locate(m, h)) return false;
    if (h.major != cbor_major::bytes) return mismatch(m, "a byte string", h);
    return read_string(m, h, out);
}

STRATUS_DECL bool cbor_shape_reader::stream(member_info const& m, streaming_body& out)
{
    if (m.is(member_flags::event_stream)) return false; // event streams are not read from a document
    return bytes(m, out.data);
}

STRATUS_DECL bool cbor_shape_reader::json(member_info const& m, document& out)
{
    cbor_head h;
    if (!locate(m, h)) return false;
    dec_.seek(h.offset);
    std::string why;
    if (!cbor_read_json(dec_, out, why)) {
        fail(m, why);
        return false;
    }
    return true;
}

STRATUS_DECL bool cbor_shape_reader::enter_structure(member_info const& m, shape_info const& s)
{
    cbor_head h;
    if (!locate(m, h)) return false;
    if (h.major != cbor_major::map) return mismatch(m, "a map", h);
    frame f{frame::structure, std::string(m.name)};
    if (!scan_map(h, f.entries)) return malformed(m);
    if (s.is_union) {
        // botocore: a union names exactly one member (null values and __type aside).
        std::size_t set = 0;
        for (auto const& e : f.entries) {
            if (e.key == "__type") continue;
            dec_.seek(e.value);
            cbor_head v;
            if (!dec_.read_head(v)) return malformed(m);
            if (!v.is_null()) ++set;
        }
        if (set != 1) {
            fail(m, "a union must have exactly one member set, found " + std::to_string(set));
            return false;
        }
    }
    frames_.push_back(std::move(f));
    return true;
}

STRATUS_DECL void cbor_shape_reader::pop()
{
    if (frames_.size() > 1) frames_.pop_back();
}

STRATUS_DECL void cbor_shape_reader::leave_structure()
{
    pop();
}

STRATUS_DECL bool cbor_shape_reader::enter(member_info const& m, cbor_major major, frame::kind_t kind)
{
    cbor_head h;
    if (!locate(m, h)) return false;
    if (h.major != major) return mismatch(m, major == cbor_major::map ? "a map" : "an array", h);
    frame f{kind, std::string(m.name)};
    f.head = h;
    f.next = dec_.position();
    frames_.push_back(std::move(f));
    return true;
}

// The next non-null list item or map value (botocore drops nulls from both);
// `key` receives a map entry's key.
STRATUS_DECL bool cbor_shape_reader::advance(std::string* key)
{
    if (frames_.empty() || failed()) return false;
    auto& f = frames_.back();
    f.has_current = false;
    for (;;) {
        dec_.seek(f.next);
        if (f.head.indefinite ? dec_.take_break() : f.seen >= f.head.argument) return false;
        f.index = f.seen++;
        if (key) {
            cbor_head k;
            if (!dec_.read_head(k)) return malformed(item_info);
            if (k.major != cbor_major::text) {
                f.key = "#" + std::to_string(f.index);
                return mismatch(item_info, "a text string as the map key", k);
            }
            if (!dec_.read_string(k, f.key)) return malformed(item_info);
        }
        std::size_t const at = dec_.position();
        cbor_head v;
        if (!dec_.read_head(v) || !dec_.skip_rest(v)) return malformed(item_info);
        f.next = dec_.position();
        if (v.is_null()) continue;
        f.current = at;
        f.has_current = true;
        if (key) *key = f.key;
        return true;
    }
}

STRATUS_DECL bool cbor_shape_reader::enter_list(member_info const& m)
{
    return enter(m, cbor_major::array, frame::list);
}

STRATUS_DECL bool cbor_shape_reader::next_item()
{
    return advance(nullptr);
}

STRATUS_DECL void cbor_shape_reader::leave_list()
{
    pop();
}

STRATUS_DECL bool cbor_shape_reader::enter_map(member_info const& m)
{
    return enter(m, cbor_major::map, frame::map);
}

STRATUS_DECL bool cbor_shape_reader::next_entry(std::string& key)
{
    return advance(&key);
}

STRATUS_DECL void cbor_shape_reader::leave_map()
{
    pop();
}

} // namespace stratus::protocol::detail

#endif
