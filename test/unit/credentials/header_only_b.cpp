#include <stratus/credentials/chain.hpp>
#include <stratus/credentials/env_provider.hpp>
#include <stratus/credentials/file_providers.hpp>
#include <stratus/credentials/process_provider.hpp>
#include <stratus/shared_config.hpp>

stratus::result<stratus::credentials> resolve_in_other_tu()
{
    auto env = stratus::environment::from_map({{"AWS_ACCESS_KEY_ID", "E"}, {"AWS_SECRET_ACCESS_KEY", "S"}});
    auto files = stratus::shared_config::load(env);
    if (!files) return files.error();
    return stratus::default_chain(env, *files, stratus::resolve_profile_name(std::nullopt, env))->resolve();
}
