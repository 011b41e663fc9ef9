// One section of an AWS config file. Kept apart from shared_config.hpp so
// the INI parser (detail/ini.hpp) can use it without including the class
// that is built on the parser.
#ifndef STRATUS_CONFIG_SECTION_HPP
#define STRATUS_CONFIG_SECTION_HPP

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace stratus {

/// One section's settings. Nested settings (an indented block under a key
/// with an empty value, e.g. "s3 =\n  addressing_style = path") are in `nested`.
struct config_section {
    std::map<std::string, std::string, std::less<>> values;
    std::map<std::string, std::map<std::string, std::string, std::less<>>, std::less<>> nested;

    std::optional<std::string_view> get(std::string_view key) const
    {
        if (auto it = values.find(key); it != values.end()) return std::string_view(it->second);
        return std::nullopt;
    }
    std::optional<std::string_view> get(std::string_view block, std::string_view key) const
    {
        if (auto b = nested.find(block); b != nested.end())
            if (auto it = b->second.find(key); it != b->second.end()) return std::string_view(it->second);
        return std::nullopt;
    }
};

} // namespace stratus

#endif
