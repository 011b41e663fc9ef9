// Compares XML documents by meaning, not bytes: element names, attributes
// in any order, text, child order; whitespace between elements ignored.
#ifndef STRATUS_TEST_UNIT_PROTOCOL_XML_COMPARE_HPP
#define STRATUS_TEST_UNIT_PROTOCOL_XML_COMPARE_HPP

#include <pugixml.hpp>

#include <algorithm>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace stratus::test {

inline void canonical_xml(pugi::xml_node n, std::string& out)
{
    out += '<';
    out += n.name();
    std::vector<std::pair<std::string, std::string>> attrs;
    for (auto a = n.first_attribute(); a; a = a.next_attribute()) attrs.emplace_back(a.name(), a.value());
    std::sort(attrs.begin(), attrs.end());
    for (auto const& [k, v] : attrs) out += " " + k + "=\"" + v + "\"";
    out += '>';
    for (auto c = n.first_child(); c; c = c.next_sibling()) {
        if (c.type() == pugi::node_element) canonical_xml(c, out);
        else if (c.type() == pugi::node_pcdata || c.type() == pugi::node_cdata) out += c.value();
    }
    out += "</";
    out += n.name();
    out += '>';
}

/// The document in one canonical line, or "<malformed: ...>".
inline std::string canonical_xml(std::string_view text)
{
    pugi::xml_document doc;
    auto const r = doc.load_buffer(text.data(), text.size(), pugi::parse_default | pugi::parse_ws_pcdata_single);
    if (!r) return std::string("<malformed: ") + r.description() + ">";
    std::string out;
    canonical_xml(doc.document_element(), out);
    return out;
}

} // namespace stratus::test

#endif
