// Percent-encoding as SigV4 defines it (RFC 3986 unreserved set, uppercase
// hex), not as HTML forms do: a space is %20, never '+', and '+' itself is
// data. Every AWS signer has to agree with the service byte for byte here.
#ifndef STRATUS_DETAIL_URI_ENCODE_HPP
#define STRATUS_DETAIL_URI_ENCODE_HPP

#include <stratus/detail/text.hpp>

#include <cstddef>
#include <string>
#include <string_view>

namespace stratus::detail {

/// RFC 3986 unreserved characters: the only bytes SigV4 leaves unencoded.
constexpr bool is_unreserved(char c) noexcept
{
    return is_alnum(c) || c == '-' || c == '_' || c == '.' || c == '~';
}

constexpr int hex_value(char c) noexcept
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

inline void append_pct(std::string& out, unsigned char b)
{
    constexpr char digits[] = "0123456789ABCDEF";
    out += '%';
    out += digits[b >> 4];
    out += digits[b & 0xF];
}

/// The length of s percent-encoded (see uri_encode_into).
constexpr std::size_t uri_encoded_size(std::string_view s, bool keep_slash = false) noexcept
{
    std::size_t n = 0;
    for (char c : s) n += (is_unreserved(c) || (keep_slash && c == '/')) ? 1 : 3;
    return n;
}

/// Writes s with every byte outside the unreserved set as %XX into `out`
/// (uri_encoded_size(s) bytes); returns the end. keep_slash leaves '/'
/// alone, for paths.
constexpr char* uri_encode_into(char* out, std::string_view s, bool keep_slash = false) noexcept
{
    constexpr char digits[] = "0123456789ABCDEF";
    for (char c : s) {
        if (is_unreserved(c) || (keep_slash && c == '/')) {
            *out++ = c;
            continue;
        }
        auto b = static_cast<unsigned char>(c);
        *out++ = '%';
        *out++ = digits[b >> 4];
        *out++ = digits[b & 0xF];
    }
    return out;
}

/// Appends s percent-encoded (see uri_encode_into).
inline void uri_encode_to(std::string& out, std::string_view s, bool keep_slash = false)
{
    auto old = out.size();
    out.resize(old + uri_encoded_size(s, keep_slash));
    uri_encode_into(out.data() + old, s, keep_slash);
}

inline std::string uri_encode(std::string_view s, bool keep_slash = false)
{
    std::string out;
    out.reserve(s.size() + s.size() / 2);
    uri_encode_to(out, s, keep_slash);
    return out;
}

/// Decodes %XX. A '%' that does not start a valid escape stays a literal '%'
/// (so encoding the result again gives %25), and '+' stays '+': URLs are not
/// form bodies.
inline std::string uri_decode(std::string_view s)
{
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '%' && i + 2 < s.size()) {
            int const hi = hex_value(s[i + 1]);
            int const lo = hex_value(s[i + 2]);
            if (hi >= 0 && lo >= 0) {
                out += static_cast<char>((hi << 4) | lo);
                i += 2;
                continue;
            }
        }
        out += s[i];
    }
    return out;
}

/// Brings already-encoded text to SigV4's canonical spelling: decodes, then
/// encodes again. Idempotent; the identity on text that is canonical already.
inline std::string uri_normalize(std::string_view s, bool keep_slash = false)
{
    return uri_encode(uri_decode(s), keep_slash);
}

} // namespace stratus::detail

#endif
