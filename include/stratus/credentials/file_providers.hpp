// Access keys written into the shared files: the credentials file's profile
// (botocore's SharedCredentialProvider) and the config file's profile
// (botocore's ConfigProvider).
#ifndef STRATUS_CREDENTIALS_FILE_PROVIDERS_HPP
#define STRATUS_CREDENTIALS_FILE_PROVIDERS_HPP

#include <stratus/auth/credentials.hpp>
#include <stratus/detail/config.hpp>
#include <stratus/shared_config.hpp>

#include <string>

namespace stratus {

/// aws_access_key_id, aws_secret_access_key and aws_security_token or else
/// aws_session_token from the "[profile]" section of the credentials file
/// alone; method "shared-credentials-file". The section is read when the
/// provider is made, as a botocore session reads the files once.
///
/// resolve() gives errc::no_credentials if the file has no such profile or the
/// profile neither key; errc::invalid_config if it has only one of the two
/// (botocore's PartialCredentialsError, naming the missing key).
class shared_credentials_provider final : public credentials_provider {
public:
    STRATUS_DECL shared_credentials_provider(shared_config const& config, std::string const& profile);
    result<credentials> resolve() override { return result_; }

private:
    result<credentials> result_;
};

/// The same keys from the profile's section of the config file alone
/// ("[default]" or "[profile name]"); method "config-file".
class config_file_provider final : public credentials_provider {
public:
    STRATUS_DECL config_file_provider(shared_config const& config, std::string const& profile);
    result<credentials> resolve() override { return result_; }

private:
    result<credentials> result_;
};

} // namespace stratus

#ifdef STRATUS_HEADER_ONLY
#include <stratus/credentials/impl/file_providers.ipp>
#endif

#endif
