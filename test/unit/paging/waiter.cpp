// The waiter engine (include/stratus/waiter.hpp) with a scripted client and
// a waiter written the way stratus-gen writes them, so every acceptor kind
// and state is exercised, including the path matchers' projections and a
// failure acceptor (S3's own waiters have only status acceptors).
#include <stratus/waiter.hpp>

#include <catch2/catch.hpp>

#include <deque>
#include <optional>
#include <string>
#include <vector>

using namespace std::chrono_literals;
using stratus::acceptor;

namespace {

struct instance_state {
    std::optional<std::string> name{};
};
struct instance {
    std::optional<instance_state> state{};
};
struct reservation {
    std::vector<instance> instances{};
};
struct describe_output {
    std::vector<reservation> reservations{};
    std::optional<bool> ready{};
};
struct describe_input {};

struct describe_op {
    static constexpr stratus::operation_info info{.name = "DescribeInstances"};
    using input = describe_input;
    using output = describe_output;
};

// As generated for EC2's InstanceRunning, plus a path and an error acceptor.
struct instance_running {
    using operation = describe_op;
    static constexpr char const* name = "InstanceRunning";
    static constexpr int delay_seconds = 0;
    static constexpr int max_attempts = 5;
    static constexpr acceptor acceptor_table[] = {
        {acceptor::matcher_kind::path_all, acceptor::state_kind::success, 0, {}, false, false,
         "Reservations[].Instances[].State.Name", "running"},
        {acceptor::matcher_kind::path_any, acceptor::state_kind::failure, 0, {}, false, false,
         "Reservations[].Instances[].State.Name", "terminated"},
        {acceptor::matcher_kind::path, acceptor::state_kind::success, 0, {}, false, false, "Ready", "true"},
        {acceptor::matcher_kind::error, acceptor::state_kind::retry, 0, "InvalidInstanceID.NotFound"},
    };
    static constexpr std::span<acceptor const> acceptors{acceptor_table};
    template <class Out>
    static bool path_matches(std::size_t i, Out const& out)
    {
        namespace pg = stratus::paging;
        auto names = pg::project(
            pg::flatten(pg::project(pg::flatten(pg::path(&out, [](auto& x) { return pg::get(x.reservations); })),
                                    [](auto const& e0) { return pg::path(e0, [](auto& x) { return pg::get(x.instances); }); })),
            [](auto const& e0) {
                return pg::path(e0, [](auto& x) { return pg::get(x.state); }, [](auto& x) { return pg::get(x.name); });
            });
        switch (i) {
            case 0: return pg::path_all_match(names, pg::scalar::string("running"));
            case 1: return pg::path_any_match(names, pg::scalar::string("terminated"));
            case 2: return pg::path_matches(pg::path(&out, [](auto& x) { return pg::get(x.ready); }), pg::scalar::boolean(true));
            default: return false;
        }
    }
};

// Answers from a script, one per call.
struct scripted_client {
    std::shared_ptr<std::deque<stratus::result<describe_output>>> script;
    std::shared_ptr<int> calls = std::make_shared<int>(0);

    template <class Op>
    stratus::result<describe_output> try_call(describe_input const&) const
    {
        ++*calls;
        REQUIRE_FALSE(script->empty());
        auto r = script->front();
        script->pop_front();
        return r;
    }
};

describe_output with_states(std::vector<std::vector<std::optional<std::string>>> states)
{
    describe_output o;
    for (auto const& r : states) {
        reservation res;
        for (auto const& s : r) res.instances.push_back(instance{s ? instance_state{s} : std::optional<instance_state>{}});
        o.reservations.push_back(res);
    }
    return o;
}

stratus::error_info service_error(std::string code, unsigned status)
{
    auto e = stratus::make_error(stratus::errc::service_error, code + " message", "DescribeInstances");
    e.aws_code = std::move(code);
    e.http_status = status;
    return e;
}

scripted_client client(std::vector<stratus::result<describe_output>> answers)
{
    return {std::make_shared<std::deque<stratus::result<describe_output>>>(answers.begin(), answers.end())};
}

} // namespace

TEST_CASE("waiter: retry on an expected error, then success when all match")
{
    auto c = client({service_error("InvalidInstanceID.NotFound", 400), with_states({{"pending", "running"}}),
                     with_states({{"running"}, {"running", std::nullopt}})});
    stratus::waiter<instance_running, scripted_client> w(c);
    CHECK(w.try_wait({}).has_value());
    CHECK(*c.calls == 3); // nulls are dropped from projections, as in JMESPath
}

TEST_CASE("waiter: a failure acceptor stops at once with botocore's reason")
{
    auto c = client({with_states({{"pending"}, {"terminated"}}), with_states({{"running"}})});
    stratus::waiter<instance_running, scripted_client> w(c);
    auto r = w.try_wait({});
    REQUIRE(r.has_error());
    CHECK(r.error().code == stratus::errc::waiter_failed);
    CHECK(r.error().message == "Waiter InstanceRunning failed: Waiter encountered a terminal failure state: For "
                               "expression \"Reservations[].Instances[].State.Name\" we matched expected path: "
                               "\"terminated\" at least once");
    CHECK(*c.calls == 1);
}

TEST_CASE("waiter: pathAll needs at least one value; a plain path matches its value")
{
    describe_output ready = with_states({});
    ready.ready = true;
    auto c = client({with_states({}), with_states({{std::nullopt}}), ready});
    stratus::waiter<instance_running, scripted_client> w(c);
    CHECK(w.try_wait({}).has_value());
    CHECK(*c.calls == 3);
}

TEST_CASE("waiter: max attempts, an unexpected error, and the attempt count from the config")
{
    std::vector<stratus::result<describe_output>> pending(3, with_states({{"pending"}}));
    auto c = client(pending);
    stratus::waiter<instance_running, scripted_client> w(c);
    auto r = w.try_wait({}, {.delay = 0ms, .max_attempts = 3});
    REQUIRE(r.has_error());
    CHECK(r.error().message == "Waiter InstanceRunning failed: Max attempts exceeded");
    CHECK(*c.calls == 3);

    auto c2 = client({service_error("UnauthorizedOperation", 403)});
    stratus::waiter<instance_running, scripted_client> w2(c2);
    auto r2 = w2.try_wait({});
    REQUIRE(r2.has_error());
    CHECK(r2.error().code == stratus::errc::waiter_failed);
    CHECK(r2.error().aws_code == "UnauthorizedOperation");
    CHECK(r2.error().message == "Waiter InstanceRunning failed: An error occurred (UnauthorizedOperation): "
                                "UnauthorizedOperation message");
}
