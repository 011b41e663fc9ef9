// What every integration test of a generated client shares: the servers the
// harness started (test/servers/harness.py), sessions for them that read
// nothing from the environment, a wire recorder, and catching a typed error.
#ifndef STRATUS_TEST_INTEGRATION_TEST_SUPPORT_HPP
#define STRATUS_TEST_INTEGRATION_TEST_SUPPORT_HPP

#include <stratus/session.hpp>

#include <catch2/catch.hpp>

#include <cstdlib>
#include <memory>
#include <mutex>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <typeinfo>
#include <vector>

namespace stratus::test {

/// One server started by the harness.
struct test_server {
    std::string name; ///< "moto-auth", "moto", "s3rver" or "dynalite"
    std::string endpoint;
    std::string access_key_id;
    std::string secret_access_key;
    /// moto-auth checks every SigV4 signature (test/servers/README.md).
    bool verifies_signatures = false;

    bool is_moto() const { return name.starts_with("moto"); }
};

inline std::string need_env(char const* name)
{
    char const* v = std::getenv(name);
    if (!v || !*v) FAIL(std::string(name) + " is not set: run this test through test/servers/harness.py");
    return v;
}

inline test_server moto_auth_server()
{
    return {"moto-auth", need_env("STRATUS_TEST_MOTO_AUTH_ENDPOINT"),
            need_env("STRATUS_TEST_MOTO_AUTH_ACCESS_KEY_ID"),
            need_env("STRATUS_TEST_MOTO_AUTH_SECRET_ACCESS_KEY"), true};
}

/// moto without signature checks (any key is accepted).
inline test_server moto_server()
{
    return {"moto", need_env("STRATUS_TEST_MOTO_ENDPOINT"), "AKIAMOTOTEST", "moto-test-secret", false};
}

/// dynalite checks only that an Authorization header is well formed.
inline test_server dynalite_server()
{
    return {"dynalite", need_env("STRATUS_TEST_DYNALITE_ENDPOINT"), "AKIADYNALITE", "dynalite-secret", false};
}

struct session_settings {
    std::optional<std::string> secret{}; ///< instead of the server's
    std::optional<std::string> key_id{}; ///< instead of the server's
    std::string region = "us-east-1";
    boost::asio::any_io_executor executor{};
};

/// A session that reads nothing from the environment or ~/.aws: the
/// server's endpoint and key, region us-east-1 unless set says otherwise.
inline stratus::session make_session(test_server const& srv, session_settings const& set = {})
{
    return stratus::session({.region_name = set.region,
                             .aws_access_key_id = set.key_id.value_or(srv.access_key_id),
                             .aws_secret_access_key = set.secret.value_or(srv.secret_access_key),
                             .defaults = {.endpoint_url = srv.endpoint},
                             .executor = set.executor,
                             .environment = stratus::environment::from_map({})});
}

/// Records what a client sends and receives (trace level: request lines and
/// headers, response status lines and headers; never bodies or secrets).
class wire_recorder {
public:
    stratus::logger logger()
    {
        auto s = state_;
        return stratus::logger{stratus::log_level::trace, [s](stratus::log_level, std::string_view m) {
                                   std::lock_guard lock(s->m);
                                   s->lines.emplace_back(m);
                               }};
    }
    std::vector<std::string> lines() const
    {
        std::lock_guard lock(state_->m);
        return state_->lines;
    }
    std::string text() const
    {
        std::string out;
        for (auto const& l : lines())
            out += l + "\n";
        return out;
    }
    void clear()
    {
        std::lock_guard lock(state_->m);
        state_->lines.clear();
    }

private:
    struct state {
        std::mutex m;
        std::vector<std::string> lines;
    };
    std::shared_ptr<state> state_ = std::make_shared<state>();
};

/// Names unique per test and run, so tests may share one server and run in
/// parallel: "stratus-<what>-<random>", lower case, at most 63 characters.
inline std::string unique_name(std::string_view what)
{
    static std::mutex m;
    static std::mt19937_64 gen{std::random_device{}()};
    std::lock_guard lock(m);
    return "stratus-" + std::string(what).substr(0, 30) + "-" + std::to_string(gen() % 1000000000000ull);
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

/// That moto-auth checks the signatures of Service's requests: `call(client)`
/// (a try_ method) fails with a client signing with a wrong secret (403,
/// SignatureDoesNotMatch in moto's query-style XML body, which a JSON engine
/// keeps as the message) and succeeds with the right one.
template <class Service, class Call>
void check_moto_auth_verifies(Call&& call)
{
    auto const srv = moto_auth_server();
    auto bad = make_session(srv, {.secret = std::string("not-the-secret")}).template client<Service>();
    auto r = call(bad);
    REQUIRE(r.has_error());
    CHECK(r.error().http_status == 403);
    CHECK(r.error().code == stratus::errc::service_error);
    CHECK_THAT(r.error().message, Catch::Matchers::Contains("SignatureDoesNotMatch"));
    auto good = make_session(srv).template client<Service>();
    CHECK(call(good).has_value());
}

} // namespace stratus::test

#endif
