// What the integration tests of the generated non-S3 clients share: moto as
// the harness started it (test/servers/harness.py), sessions for it that read
// nothing from the environment, unique resource names, and a check that a call
// throws one generated error type.
#ifndef STRATUS_TEST_INTEGRATION_SERVICE_TEST_SUPPORT_HPP
#define STRATUS_TEST_INTEGRATION_SERVICE_TEST_SUPPORT_HPP

#include <stratus/session.hpp>

#include <catch2/catch.hpp>

#include <cstdlib>
#include <exception>
#include <mutex>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <typeinfo>

namespace stratus::test {

/// The access key the harness's moto-auth bootstrap created belongs to this
/// user of moto's default account (test/servers/moto_auth_bootstrap.py).
inline constexpr std::string_view moto_account = "123456789012";
inline constexpr std::string_view moto_auth_user = "stratus-test";

/// One moto server started by the harness and the credentials to use with it.
struct moto_server {
    std::string name; ///< "moto-auth" (signatures and IAM policies checked) or "moto"
    std::string endpoint;
    std::string access_key_id;
    std::string secret_access_key;
};

inline std::string require_env(char const* name)
{
    char const* v = std::getenv(name);
    if (!v || !*v) FAIL(std::string(name) + " is not set: run this test through test/servers/harness.py");
    return v;
}

inline moto_server moto_auth_server()
{
    return {"moto-auth", require_env("STRATUS_TEST_MOTO_AUTH_ENDPOINT"),
            require_env("STRATUS_TEST_MOTO_AUTH_ACCESS_KEY_ID"),
            require_env("STRATUS_TEST_MOTO_AUTH_SECRET_ACCESS_KEY")};
}

/// A session for srv: its endpoint and key (or other credentials), the given
/// region, and an empty environment so that nothing leaks in from the caller.
struct session_for_settings {
    std::optional<std::string> key_id{};
    std::optional<std::string> secret{};
    std::optional<std::string> session_token{};
    std::string region = "us-east-1";
};

inline stratus::session session_for(moto_server const& srv, session_for_settings const& set = {})
{
    return stratus::session({.region_name = set.region,
                             .aws_access_key_id = set.key_id.value_or(srv.access_key_id),
                             .aws_secret_access_key = set.secret.value_or(srv.secret_access_key),
                             .aws_session_token = set.session_token,
                             .defaults = {.endpoint_url = srv.endpoint},
                             .environment = stratus::environment::from_map({})});
}

/// "stratus-<what>-<random>", unique per test and run, so that test cases
/// sharing one server never see each other's resources.
inline std::string unique_name(std::string_view what)
{
    static std::mutex m;
    static std::mt19937_64 gen{std::random_device{}()};
    std::lock_guard lock(m);
    return "stratus-" + std::string(what) + "-" + std::to_string(gen() % 1000000000ull);
}

/// The exception of type E that f throws; a failed check (and nullopt) when
/// it throws nothing or something else.
template <class E, class F>
std::optional<E> thrown(F&& f)
{
    try {
        f();
    } catch (E const& e) {
        return e;
    } catch (stratus::error const& e) {
        FAIL_CHECK("expected " << typeid(E).name() << ", got " << typeid(e).name() << ": "
                               << e.info().to_string());
        return std::nullopt;
    } catch (std::exception const& e) {
        FAIL_CHECK("expected " << typeid(E).name() << ", got " << typeid(e).name() << ": " << e.what());
        return std::nullopt;
    }
    FAIL_CHECK("expected " << typeid(E).name() << ", nothing was thrown");
    return std::nullopt;
}

} // namespace stratus::test

#endif
