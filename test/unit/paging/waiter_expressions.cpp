// Waiter matchers beyond plain paths, as stratus-gen generates them from the
// models that use them, evaluated on hand-built responses of the generated
// types: length() (ECS, DynamoDB, CloudWatch), filter projections with !,
// && and || (ECS, DynamoDB), != (Neptune Analytics), .* over a map (SES);
// then the paging functions themselves on the cases no model reaches.
#include "cloudwatch.hpp"
#include "dynamodb.hpp"
#include "ecs.hpp"
#include "neptune_graph.hpp"
#include "ses.hpp"

#include <catch2/catch.hpp>

#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace ecs = stratus::services::ecs;
namespace ddb = stratus::services::dynamodb;
namespace ses = stratus::services::ses;
namespace neptune = stratus::services::neptune_graph;
namespace cw = stratus::services::cloudwatch;
namespace pg = stratus::paging;

namespace {

ecs::service service(std::optional<int> running, std::optional<int> desired, std::size_t deployments,
                     std::string status = "ACTIVE")
{
    ecs::service s;
    s.status = std::move(status);
    s.running_count = running;
    s.desired_count = desired;
    s.deployments.resize(deployments);
    return s;
}

// ServicesStable's acceptors: 0 failures[].reason MISSING (failure),
// 1 and 2 services[].status DRAINING / INACTIVE (failure), 3 the length of
// the services not stable is 0 (success).
using stable = ecs::waiters::services_stable;
constexpr std::size_t stable_length = 3;

} // namespace

TEST_CASE("ECS ServicesStable: length() of a filter projection with ! and && over two members")
{
    ecs::describe_services_response out;
    CHECK(stable::path_matches(stable_length, out)); // no services: none unstable

    out.services = {service(2, 2, 1), service(0, 0, 1)};
    CHECK(stable::path_matches(stable_length, out));

    out.services = {service(2, 2, 1), service(1, 2, 1)}; // runningCount != desiredCount
    CHECK_FALSE(stable::path_matches(stable_length, out));

    out.services = {service(2, 2, 2)}; // a second deployment still in progress
    CHECK_FALSE(stable::path_matches(stable_length, out));

    out.services = {service(2, 2, 0)};
    CHECK_FALSE(stable::path_matches(stable_length, out));

    // JMESPath: null == null, so two absent counts are equal.
    out.services = {service(std::nullopt, std::nullopt, 1)};
    CHECK(stable::path_matches(stable_length, out));
    out.services = {service(std::nullopt, 0, 1)};
    CHECK_FALSE(stable::path_matches(stable_length, out));
}

TEST_CASE("ECS ServicesStable: pathAny over projections of the same response")
{
    ecs::describe_services_response out;
    CHECK_FALSE(stable::path_matches(0, out));
    out.failures = {ecs::failure{.reason = "OTHER"}, ecs::failure{}};
    CHECK_FALSE(stable::path_matches(0, out));
    out.failures.push_back(ecs::failure{.reason = "MISSING"});
    CHECK(stable::path_matches(0, out));

    out.services = {service(1, 1, 1), service(1, 1, 1, "DRAINING")};
    CHECK(stable::path_matches(1, out));
    CHECK_FALSE(stable::path_matches(2, out));
}

namespace {

// Answers DescribeServices from a script, one response per call.
struct scripted_ecs {
    std::shared_ptr<std::deque<ecs::describe_services_response>> script;
    std::shared_ptr<int> calls = std::make_shared<int>(0);

    template <class Op>
    stratus::result<ecs::describe_services_response> try_call(ecs::describe_services_request const&) const
    {
        ++*calls;
        REQUIRE_FALSE(script->empty());
        auto r = script->front();
        script->pop_front();
        return r;
    }
};

scripted_ecs ecs_client(std::vector<ecs::describe_services_response> answers)
{
    return {std::make_shared<std::deque<ecs::describe_services_response>>(answers.begin(), answers.end())};
}

ecs::describe_services_response services(std::vector<ecs::service> s)
{
    ecs::describe_services_response r;
    r.services = std::move(s);
    return r;
}

} // namespace

TEST_CASE("ECS ServicesStable through the waiter engine: retry, success, and a failure acceptor first")
{
    using namespace std::chrono_literals;
    ecs::describe_services_request const in{.services = {"web"}};
    auto c = ecs_client({services({service(0, 2, 1)}), services({service(2, 2, 2)}), services({service(2, 2, 1)})});
    stratus::waiter<stable, scripted_ecs> w(c);
    CHECK(w.try_wait(in, {.delay = 0ms}).has_value());
    CHECK(*c.calls == 3);

    // A draining service is a terminal failure even though it is stable.
    auto c2 = ecs_client({services({service(2, 2, 1, "DRAINING")})});
    stratus::waiter<stable, scripted_ecs> w2(c2);
    auto r = w2.try_wait(in, {.delay = 0ms});
    REQUIRE(r.has_error());
    CHECK(r.error().code == stratus::errc::waiter_failed);
    CHECK(r.error().message == "Waiter ServicesStable failed: Waiter encountered a terminal failure state: For "
                               "expression \"services[].status\" we matched expected path: \"DRAINING\" at least once");
}

TEST_CASE("DynamoDB KinesisStreamingDestinationActive: length() == length() of a filter with ||")
{
    using w = ddb::waiters::kinesis_streaming_destination_active;
    auto dest = [](char const* status) {
        return ddb::kinesis_data_stream_destination{.destination_status = ddb::destination_status(status)};
    };
    ddb::describe_kinesis_streaming_destination_output out;
    CHECK_FALSE(w::path_matches(1, out)); // length(...) > `0` is false
    CHECK_FALSE(w::path_matches(0, out));

    out.kinesis_data_stream_destinations = {dest("DISABLED"), dest("ENABLE_FAILED")};
    CHECK(w::path_matches(1, out)); // every destination failed
    CHECK_FALSE(w::path_matches(0, out));

    out.kinesis_data_stream_destinations.push_back(dest("ENABLING"));
    CHECK_FALSE(w::path_matches(1, out));
    out.kinesis_data_stream_destinations.push_back(dest("ACTIVE"));
    CHECK(w::path_matches(0, out));

    out.kinesis_data_stream_destinations = {dest("DISABLED"), ddb::kinesis_data_stream_destination{}};
    CHECK_FALSE(w::path_matches(1, out)); // an absent status is neither
}

TEST_CASE("SES IdentityExists: pathAll over a map's values (.*)")
{
    using w = ses::waiters::identity_exists;
    auto status = [](char const* s) { return ses::identity_verification_attributes{.verification_status = s}; };
    ses::get_identity_verification_attributes_response out;
    CHECK_FALSE(w::path_matches(0, out)); // pathAll of nothing is false, as botocore's

    out.verification_attributes = {{"a@example.com", status("Success")}, {"example.com", status("Success")}};
    CHECK(w::path_matches(0, out));
    out.verification_attributes["b@example.com"] = status("Pending");
    CHECK_FALSE(w::path_matches(0, out));
    out.verification_attributes = {{"a@example.com", status("Success")}, {"c@example.com", {}}};
    CHECK(w::path_matches(0, out)); // null values are dropped from the projection
}

TEST_CASE("Neptune Analytics: != and && of a member and raw strings")
{
    using stopped = neptune::waiters::graph_stopped; // 1: status != 'STOPPING' is a failure
    neptune::get_graph_output g;
    g.status = "STOPPING";
    CHECK_FALSE(stopped::path_matches(1, g));
    g.status = "AVAILABLE";
    CHECK(stopped::path_matches(1, g));
    g.status.reset();
    CHECK(stopped::path_matches(1, g)); // null != 'STOPPING'

    using cancelled = neptune::waiters::export_task_cancelled; // 0: status != 'CANCELLING' && status != 'CANCELLED'
    neptune::get_export_task_output t;
    t.status = "CANCELLING";
    CHECK_FALSE(cancelled::path_matches(0, t));
    t.status = "CANCELLED";
    CHECK_FALSE(cancelled::path_matches(0, t));
    CHECK(cancelled::path_matches(1, t));
    t.status = "FAILED";
    CHECK(cancelled::path_matches(0, t));
}

TEST_CASE("CloudWatch AlarmExists: length() of a flatten projection > `0`")
{
    using w = cw::waiters::alarm_exists;
    cw::describe_alarms_output out;
    CHECK_FALSE(w::path_matches(0, out));
    out.composite_alarms.resize(1);
    CHECK_FALSE(w::path_matches(0, out));
    out.metric_alarms.resize(1);
    CHECK(w::path_matches(0, out));
}

TEST_CASE("jmespath.hpp: comparisons follow jmespath.py (types differ: false or null)")
{
    auto const one = pg::scalar::number(1), two = pg::scalar::number(2);
    auto const a = pg::scalar::string("a"), b = pg::scalar::string("b");
    CHECK(pg::equal(one, pg::scalar::number(1.0)).b);
    CHECK_FALSE(pg::equal(one, pg::scalar::string("1")).b);
    CHECK_FALSE(pg::equal(pg::scalar::boolean(true), one).b);
    CHECK(pg::not_equal(pg::scalar{}, a).b);
    CHECK(pg::equal(pg::scalar{}, pg::scalar{}).b);
    CHECK(pg::compare<pg::order::lt>(one, two).b);
    CHECK_FALSE(pg::compare<pg::order::gt>(one, two).b);
    CHECK(pg::compare<pg::order::lte>(two, two).b);
    CHECK(pg::compare<pg::order::gte>(two, one).k == pg::scalar::kind::boolean);
    // Ordering strings, booleans or null is null in jmespath.py.
    CHECK(pg::compare<pg::order::lt>(a, b).k == pg::scalar::kind::null);
    CHECK(pg::compare<pg::order::lt>(one, pg::scalar{}).k == pg::scalar::kind::null);

    // A member against a literal: an enum with a string, an integer with a number.
    ecs::service s = service(3, 3, 1);
    CHECK(pg::equal(pg::path(&s, [](auto& x) { return pg::get(x.running_count); }), pg::scalar::number(3)).b);
    CHECK(pg::equal(pg::path(&s, [](auto& x) { return pg::get(x.status); }), pg::scalar::string("ACTIVE")).b);
    CHECK_FALSE(pg::equal(pg::path(&s, [](auto& x) { return pg::get(x.status); }), pg::scalar::string("active")).b);
    // A list equals no single value.
    CHECK_FALSE(pg::path_matches(pg::path(&s, [](auto& x) { return pg::get(x.deployments); }), pg::scalar::boolean(true)));
}

TEST_CASE("jmespath.hpp: length, contains, truthiness, || and &&")
{
    std::string const word = "h\xc3\xa9llo"; // 5 characters, 6 bytes
    CHECK(pg::length(&word).n == 5);
    CHECK(pg::length(static_cast<std::string const*>(nullptr)).k == pg::scalar::kind::null);
    CHECK(pg::length(pg::scalar::string("ab")).n == 2);
    CHECK(pg::length(pg::scalar::number(7)).k == pg::scalar::kind::null);
    std::map<std::string, int> const m{{"a", 1}, {"b", 2}};
    CHECK(pg::length(&m).n == 2);

    std::vector<std::string> const names{"x", "y"};
    CHECK(pg::contains(&names, pg::scalar::string("y")).b);
    CHECK_FALSE(pg::contains(&names, pg::scalar::string("z")).b);
    CHECK(pg::contains(&word, pg::scalar::string("llo")).b);
    CHECK(pg::contains(pg::scalar::number(1), pg::scalar::number(1)).k == pg::scalar::kind::null);

    CHECK_FALSE(pg::truthy(pg::scalar::string("")));
    CHECK(pg::truthy(pg::scalar::number(0))); // JMESPath: 0 is true
    CHECK_FALSE(pg::truthy(pg::scalar::boolean(false)));
    CHECK(pg::not_(pg::scalar{}).b);

    // Operands of one type stay that type; of two, they meet as scalars.
    std::string const empty;
    std::string const* p = pg::or_(&empty, &word);
    CHECK(p == &word);
    CHECK(pg::and_(&word, &empty) == &empty);
    auto mixed = pg::or_(pg::scalar{}, &word);
    CHECK(mixed.s == word);
    CHECK(pg::and_(pg::scalar::number(1), static_cast<std::string const*>(nullptr)).k == pg::scalar::kind::null);
}

TEST_CASE("jmespath.hpp: projections keep JMESPath's nulls, nesting and flattening")
{
    ecs::describe_services_response out;
    out.services = {service(1, 1, 2), service(1, 1, 0), service(1, 1, 1)};
    out.services[0].deployments[0].status = "PRIMARY";
    out.services[2].deployments[0].status = "ACTIVE";
    auto services = pg::path(&out, [](auto& x) { return pg::get(x.services); });

    // services[*].deployments: one list per service; services[].deployments[]: flattened.
    auto nested = pg::project(services, [](auto const& e0) { return pg::path(e0, [](auto& x) { return pg::get(x.deployments); }); });
    REQUIRE(nested);
    CHECK(nested->size() == 3);
    CHECK(pg::length(nested).n == 3);
    auto flat = pg::flatten(nested);
    CHECK(pg::length(flat).n == 3);
    // services[].deployments[].status: the absent one dropped.
    auto statuses = pg::project(flat, [](auto const& e0) { return pg::path(e0, [](auto& x) { return pg::get(x.status); }); });
    CHECK(pg::length(statuses).n == 2);
    CHECK(pg::path_any_match(statuses, pg::scalar::string("ACTIVE")));
    CHECK_FALSE(pg::path_all_match(statuses, pg::scalar::string("ACTIVE")));
    CHECK(*pg::index(statuses, -1) == "ACTIVE");
    CHECK(pg::index(statuses, 2) == nullptr);

    // pathAll needs a non-empty list; a value that is not a list never matches.
    CHECK_FALSE(pg::path_all_match(pg::list<std::string const*>{std::in_place}, pg::scalar::string("x")));
    CHECK_FALSE(pg::path_all_match(pg::list<std::string const*>{}, pg::scalar::string("x")));
    std::string const x = "x";
    CHECK_FALSE(pg::path_all_match(&x, pg::scalar::string("x")));
    CHECK(pg::path_matches(&x, pg::scalar::string("x")));

    // A filter with a comparison of two members of each element.
    auto balanced = pg::filter(
        services,
        [](auto const& e0) {
            return pg::equal(pg::path(e0, [](auto& x) { return pg::get(x.running_count); }),
                             pg::path(e0, [](auto& x) { return pg::get(x.desired_count); }));
        },
        [](auto const& e0) { return e0; });
    CHECK(pg::length(balanced).n == 3);
    out.services[1].running_count = 0;
    CHECK(pg::length(pg::filter(services,
                                [](auto const& e0) {
                                    return pg::equal(pg::path(e0, [](auto& x) { return pg::get(x.running_count); }),
                                                     pg::path(e0, [](auto& x) { return pg::get(x.desired_count); }));
                                },
                                [](auto const& e0) { return e0; }))
              .n == 2);
}
