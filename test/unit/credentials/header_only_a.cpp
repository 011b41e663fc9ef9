// Header-only mode: every header of this area, in two translation units.
#include <stratus/credentials/chain.hpp>
#include <stratus/credentials/env_provider.hpp>
#include <stratus/credentials/file_providers.hpp>
#include <stratus/credentials/process_provider.hpp>
#include <stratus/shared_config.hpp>

#include <catch2/catch.hpp>

stratus::result<stratus::credentials> resolve_in_other_tu();

TEST_CASE("header-only: the chain links and runs")
{
    auto files =
        stratus::shared_config::parse("", "[default]\naws_access_key_id = A\naws_secret_access_key = S\n");
    REQUIRE(files.has_value());
    auto c = stratus::default_chain(stratus::environment::from_map({}), *files, {})->resolve();
    REQUIRE(c.has_value());
    CHECK(c->access_key_id == "A");
    CHECK(resolve_in_other_tu()->access_key_id == "E");
}
