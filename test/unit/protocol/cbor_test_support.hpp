// Hex for CBOR test vectors: RFC 8949 and the Smithy tests write bytes in hex.
#ifndef STRATUS_TEST_UNIT_PROTOCOL_CBOR_TEST_SUPPORT_HPP
#define STRATUS_TEST_UNIT_PROTOCOL_CBOR_TEST_SUPPORT_HPP

#include <string>
#include <string_view>

namespace stratus::test {

/// "a16161" -> the three bytes; the input must be well-formed hex.
inline std::string from_hex(std::string_view hex)
{
    auto nibble = [](char c) { return c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10; };
    std::string out;
    for (std::size_t i = 0; i + 1 < hex.size(); i += 2)
        out += static_cast<char>(nibble(hex[i]) << 4 | nibble(hex[i + 1]));
    return out;
}

inline std::string to_hex(std::string_view bytes)
{
    static constexpr char digits[] = "0123456789abcdef";
    std::string out;
    for (char c : bytes) {
        out += digits[(static_cast<unsigned char>(c) >> 4) & 0xf];
        out += digits[static_cast<unsigned char>(c) & 0xf];
    }
    return out;
}

} // namespace stratus::test

#endif
