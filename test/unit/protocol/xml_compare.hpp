// Compares XML documents by meaning, not bytes: element names, attributes
// in any order, text, child order; whitespace between elements ignored.
// With strip_text, text is trimmed as well (Python's
// ET.canonicalize(strip_text=True), which botocore's protocol test runner uses).
#ifndef STRATUS_TEST_UNIT_PROTOCOL_XML_COMPARE_HPP
#define STRATUS_TEST_UNIT_PROTOCOL_XML_COMPARE_HPP

#include <pugixml.hpp>

#include <algorithm>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace stratus::test {

inline std::string_view trim_xml_text(std::string_view s)
{
    auto b = s.find_first_not_of(" \t\r\n");
    if (b == std::string_view::npos) return {};
    return s.substr(b, s.find_last_not_of(" \t\r\n") - b + 1);
}

inline void canonical_xml(pugi::xml_node n, std::string& out, bool strip_text = false)
{
    out += '<';
    out += n.name();
    std::vector<std::pair<std::string, std::string>> attrs;
    for (auto a = n.first_attribute(); a; a = a.next_attribute()) attrs.emplace_back(a.name(), a.value());
    std::sort(attrs.begin(), attrs.end());
    for (auto const& [k, v] : attrs) out += " " + k + "=\"" + v + "\"";
    out += '>';
    for (auto c = n.first_child(); c; c = c.next_sibling()) {
        if (c.type() == pugi::node_element) canonical_xml(c, out, strip_text);
        else if (c.type() == pugi::node_pcdata || c.type() == pugi::node_cdata)
            out += strip_text ? trim_xml_text(c.value()) : std::string_view(c.value());
    }
    out += "</";
    out += n.name();
    out += '>';
}

/// The document in one canonical line, or "<malformed: ...>".
inline std::string canonical_xml(std::string_view text, bool strip_text = false)
{
    pugi::xml_document doc;
    auto const r = doc.load_buffer(text.data(), text.size(), pugi::parse_default | pugi::parse_ws_pcdata_single);
    if (!r) return std::string("<malformed: ") + r.description() + ">";
    std::string out;
    canonical_xml(doc.document_element(), out, strip_text);
    return out;
}

} // namespace stratus::test

#endif
