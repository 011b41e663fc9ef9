// The shared AWS configuration files, ~/.aws/config and ~/.aws/credentials,
// read as botocore reads them.
#ifndef STRATUS_SHARED_CONFIG_HPP
#define STRATUS_SHARED_CONFIG_HPP

#include <stratus/detail/config.hpp>
#include <stratus/environment.hpp>
#include <stratus/error.hpp>

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

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

/// Both files, parsed. Profiles come from "[default]" and "[profile name]"
/// sections of the config file and "[name]" sections of the credentials file;
/// where both set a key, the credentials file wins, as in botocore.
class shared_config {
public:
    /// Reads the files named by AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE
    /// (default ~/.aws/config and ~/.aws/credentials, with ~ from HOME). A
    /// missing file is not an error; a malformed one is (errc::invalid_config,
    /// naming the file and line).
    STRATUS_DECL static result<shared_config> load(environment const& env);
    /// Parses the two files' contents; the names are used in error messages.
    STRATUS_DECL static result<shared_config> parse(std::string_view config_text, std::string_view credentials_text,
                                                    std::string_view config_name = "config",
                                                    std::string_view credentials_name = "credentials");

    /// The merged profile, or nullptr if neither file has it.
    STRATUS_DECL config_section const* profile(std::string_view name) const;
    /// Every profile name, sorted.
    STRATUS_DECL std::vector<std::string> profile_names() const;
    /// A "[services name]" section of the config file, or nullptr.
    STRATUS_DECL config_section const* services(std::string_view name) const;
    /// An "[sso-session name]" section of the config file, or nullptr.
    STRATUS_DECL config_section const* sso_session(std::string_view name) const;

private:
    std::map<std::string, config_section, std::less<>> profiles_;
    std::map<std::string, config_section, std::less<>> services_;
    std::map<std::string, config_section, std::less<>> sso_sessions_;
};

} // namespace stratus

#ifdef STRATUS_HEADER_ONLY
#include <stratus/impl/shared_config.ipp>
#endif

#endif
