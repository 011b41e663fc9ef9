// The shared AWS configuration files, ~/.aws/config and ~/.aws/credentials,
// read as botocore reads them.
#ifndef STRATUS_SHARED_CONFIG_HPP
#define STRATUS_SHARED_CONFIG_HPP

#include <stratus/config_section.hpp>
#include <stratus/detail/config.hpp>
#include <stratus/environment.hpp>
#include <stratus/error.hpp>

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace stratus {

/// Both files, parsed. Profiles come from "[default]" and "[profile name]"
/// sections of the config file and "[name]" sections of the credentials file;
/// where both set a key, the credentials file wins, as in botocore.
class shared_config {
public:
    /// Reads the files named by AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE
    /// (default ~/.aws/config and ~/.aws/credentials), expanding $VARIABLES and
    /// a leading ~ from `env`; without HOME a ~ path is not read. A missing
    /// file is not an error; one that cannot be read (a directory, no
    /// permission) or is malformed is (errc::invalid_config, naming the file
    /// and, for syntax, the line and the rule).
    STRATUS_DECL static result<shared_config> load(environment const& env);
    /// Parses the two files' contents; the names are used in error messages.
    STRATUS_DECL static result<shared_config> parse(std::string_view config_text,
                                                    std::string_view credentials_text,
                                                    std::string_view config_name = "config",
                                                    std::string_view credentials_name = "credentials");

    /// The merged profile, or nullptr if neither file has it.
    STRATUS_DECL config_section const* profile(std::string_view name) const;
    /// The profile as the config file alone has it, or nullptr.
    STRATUS_DECL config_section const* config_file_profile(std::string_view name) const;
    /// The "[name]" section of the credentials file alone, or nullptr.
    STRATUS_DECL config_section const* credentials_file_profile(std::string_view name) const;
    /// Every profile name, sorted.
    STRATUS_DECL std::vector<std::string> profile_names() const;
    /// A "[services name]" section of the config file, or nullptr.
    STRATUS_DECL config_section const* services(std::string_view name) const;
    /// An "[sso-session name]" section of the config file, or nullptr.
    STRATUS_DECL config_section const* sso_session(std::string_view name) const;

    /// The files' paths after expansion (or the names given to parse()), for messages.
    std::string const& config_path() const noexcept { return config_path_; }
    std::string const& credentials_path() const noexcept { return credentials_path_; }

private:
    std::map<std::string, config_section, std::less<>> config_profiles_;
    std::map<std::string, config_section, std::less<>> credentials_profiles_;
    std::map<std::string, config_section, std::less<>> profiles_;
    std::map<std::string, config_section, std::less<>> services_;
    std::map<std::string, config_section, std::less<>> sso_sessions_;
    std::string config_path_;
    std::string credentials_path_;
};

/// Where the profile name came from; botocore treats them differently.
enum class profile_source {
    argument,            ///< given by the program (boto3's Session(profile_name=...))
    aws_default_profile, ///< the AWS_DEFAULT_PROFILE variable
    aws_profile,         ///< the AWS_PROFILE variable
    implicit_default,    ///< nothing chose one: "default"
};

/// The profile a session uses.
struct profile_selection {
    std::string name = "default";
    profile_source source = profile_source::implicit_default;

    /// True if something chose the profile; then it has to exist.
    bool chosen() const noexcept { return source != profile_source::implicit_default; }
};

/// Picks the profile as botocore does: `explicit_name`, else AWS_DEFAULT_PROFILE,
/// else AWS_PROFILE, else "default".
STRATUS_DECL profile_selection resolve_profile_name(std::optional<std::string> explicit_name,
                                                    environment const& env);

/// resolve_profile_name, then botocore's check: a chosen profile must be in
/// one of the files (errc::unknown_profile, naming the profile, what chose it
/// and both files: botocore's ProfileNotFound, raised even for an explicitly
/// chosen "default"); the implicit "default" may be absent.
STRATUS_DECL result<profile_selection> resolve_profile(std::optional<std::string> explicit_name,
                                                       environment const& env, shared_config const& config);

} // namespace stratus

#ifdef STRATUS_HEADER_ONLY
#include <stratus/impl/shared_config.ipp>
#endif

#endif
