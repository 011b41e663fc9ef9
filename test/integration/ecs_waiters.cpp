// ECS's ServicesStable waiter through the generated ECS client against
// moto-auth: its success acceptor is the JMESPath
//   length(services[?!(length(deployments) == `1` && runningCount == desiredCount)]) == `0`
// (a filter projection with !, &&, length() and a comparison of two members),
// its failure acceptors pathAny over projections. moto 5.2 starts a service
// with runningCount 0 (MOTO_ECS_SERVICE_RUNNING unset) and one deployment;
// UpdateService's desiredCount sets runningCount to it; DescribeServices of
// an unknown service answers failures[].reason "MISSING".
#include "test_support.hpp"

#include "ecs.hpp"

#include <chrono>

using namespace std::chrono_literals;
using namespace stratus::test;
namespace ecs = stratus::services::ecs;
namespace waiters = ecs::waiters;

namespace {

struct ecs_service {
    std::string cluster;
    std::string name;
};

template <class Client>
ecs_service make_service(Client const& c, int desired)
{
    ecs_service s{unique_name("cluster"), unique_name("svc")};
    c.create_cluster({.cluster_name = s.cluster});
    auto const family = unique_name("task");
    c.register_task_definition(
        {.family = family,
         .container_definitions = std::vector<ecs::container_definition>{{.name = "web", .image = "nginx", .memory = 64}}});
    auto const created =
        c.create_service({.cluster = s.cluster, .service_name = s.name, .task_definition = family, .desired_count = desired});
    REQUIRE(created.service);
    CHECK(created.service->running_count == 0);
    CHECK(created.service->deployments.size() == 1);
    return s;
}

} // namespace

TEST_CASE("ecs: ServicesStable waits until runningCount reaches desiredCount")
{
    auto const c = make_session(moto_auth_server()).client<stratus::ecs>();
    auto const s = make_service(c, 2);
    ecs::describe_services_request const in{.cluster = s.cluster, .services = std::vector<std::string>{s.name}};

    // runningCount 0 of 2: the filter keeps the service, its length is 1, no acceptor matches.
    auto const not_yet = c.get_waiter<waiters::services_stable>().try_wait(in, {.delay = 10ms, .max_attempts = 2});
    REQUIRE(not_yet.has_error());
    CHECK(not_yet.error().code == stratus::errc::waiter_failed);
    CHECK(not_yet.error().message == "Waiter ServicesStable failed: Max attempts exceeded");

    c.update_service({.cluster = s.cluster, .service = s.name, .desired_count = 2});
    auto const stable = c.describe_services(in);
    REQUIRE(stable.services.size() == 1);
    CHECK(stable.services[0].running_count == 2);
    c.get_waiter<waiters::services_stable>().wait(in, {.delay = 10ms, .max_attempts = 2});
}

TEST_CASE("ecs: ServicesStable stops at once on a missing service (a failure acceptor)")
{
    auto const c = make_session(moto_auth_server()).client<stratus::ecs>();
    auto const s = make_service(c, 0); // 0 of 0 running: stable
    ecs::describe_services_request in{.cluster = s.cluster, .services = std::vector<std::string>{s.name}};
    c.get_waiter<waiters::services_stable>().wait(in, {.delay = 10ms, .max_attempts = 1});

    in.services.value.push_back(unique_name("missing"));
    auto const r = c.get_waiter<waiters::services_stable>().try_wait(in, {.delay = 10ms, .max_attempts = 5});
    REQUIRE(r.has_error());
    CHECK(r.error().code == stratus::errc::waiter_failed);
    CHECK(r.error().message == "Waiter ServicesStable failed: Waiter encountered a terminal failure state: For "
                               "expression \"failures[].reason\" we matched expected path: \"MISSING\" at least once");
}
